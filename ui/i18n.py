"""Every string a learner reads, by key and language, and the lookups the pages use.

``t(key, **params)`` reads the page's own strings. ``tr(key, english, **params)`` is for text the
engine already wrote in English (step titles, notes, errors, loss descriptions): a translation
under ``key`` wins, otherwise the engine's sentence is shown as it is. The language is
``st.session_state["lang"]`` ("en" by default); missing keys fall back to English.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

import streamlit as st

import losses

log = logging.getLogger(__name__)

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "Loss Lab",
        "app.intro": (
            "Type targets and predictions, pick a Keras loss, and follow every step from your "
            "numbers to the single loss value."
        ),
        "compare.title": "Keras vs PyTorch",
        "compare.intro": (
            "The same numbers through a Keras loss and its nearest PyTorch loss, step by "
            "step, and why the two results differ where they do."
        ),
        "compare.presets": "Comparisons",
        "compare.presets.help": "Each one loads inputs that show one difference between the two frameworks.",
        "compare.preset.logits.label": "Logits or probabilities",
        "compare.preset.logits.help": (
            "CrossEntropyLoss reads the seed numbers as logits, Keras' "
            "categorical_crossentropy as probabilities: [0.584, 1.390] against [0.0513, "
            "2.303]."
        ),
        "compare.preset.mean.label": "Mean over all elements",
        "compare.preset.mean.help": (
            "With the inputs translated, KLDivLoss' \"mean\" divides by all 4 elements and "
            "Keras by the 2 samples: PyTorch's number is half of Keras'."
        ),
        "compare.preset.clip.label": "Clip vs clamp",
        "compare.preset.clip.help": (
            "Probabilities of exactly 0 and 1: Keras clips them to 1e-7 (a cap of 16.118), "
            "PyTorch clamps the log at -100 (a cap of 100)."
        ),
        "compare.preset.kl_log.label": "KLDivLoss wants logs",
        "compare.preset.kl_log.help": (
            "KLDivLoss reads y_pred as log-probabilities; given the probabilities themselves "
            "it returns a negative number. Turn on \"Translate the inputs\" to see batchmean "
            "match Keras."
        ),
        "compare.preset.class_weight.label": "Class weights",
        "compare.preset.class_weight.help": (
            "Weights 1, 2, 3 for the classes: PyTorch divides by the targets' weights (2 + "
            "3), Keras by the 2 samples."
        ),
        "compare.preset.similar_names.label": "Similar names",
        "compare.preset.similar_names.help": (
            "HingeEmbeddingLoss is a different loss from Keras' hinge: 0.45 against 1.3 on "
            "the Keras docs example. Pick categorical_hinge or cosine_similarity above for "
            "the other two."
        ),
        "compare.preset.poisson.label": "Poisson log-rate",
        "compare.preset.poisson.help": (
            "PoissonNLLLoss reads y_pred as the log of the rate by default, Keras' poisson as "
            "the rate. Turn on \"Translate the inputs\" to match."
        ),
        "compare.notice": "What this shows",
        "compare.pair": "Loss pair",
        "compare.pair.label": "{keras} ↔ {torch}",
        "compare.pair.help": "A Keras loss and the torch.nn loss nearest to it.",
        "compare.y_true": "y_true (Keras' targets)",
        "compare.y_pred": "y_pred (Keras' predictions)",
        "compare.class_weight": "Class weights (optional)",
        "compare.class_weight.placeholder": "[1, 2, 3]: one weight per class",
        "compare.class_weight.help": (
            "PyTorch's weight argument; Keras gets them as one sample weight per sample (as "
            "Model.fit's class_weight does)."
        ),
        "compare.class_weight.not_1d": "Class weights are one list of numbers, like [1, 2, 3].",
        "compare.translate": "Translate the inputs",
        "compare.translate.help": (
            "Off: PyTorch gets the same numbers and reads them its own way. On: the numbers "
            "are converted to what PyTorch expects (logs of probabilities, a rate instead of "
            "a log-rate)."
        ),
        "compare.from_logits": "Keras from_logits",
        "compare.from_logits.help": "Keras reads y_pred as logits, as PyTorch's CrossEntropyLoss always does.",
        "compare.keras_reduction": "Keras reduction",
        "compare.torch_reduction": "PyTorch reduction",
        "compare.keras_params": "Keras parameters from your lesson: {params}",
        "compare.from_lesson": "Started from your explainer lesson ({loss}).",
        "compare.keras.header": "Keras 3",
        "compare.torch.header": "PyTorch",
        "compare.receives": "What PyTorch receives",
        "compare.receives.y_true": "target (y_true)",
        "compare.receives.y_pred": "input (y_pred)",
        "compare.agree": "The two results agree.",
        "compare.differ": "The two results differ: see why below.",
        "compare.differ_shape": "The two results have different shapes: see why below.",
        "compare.why": "Why they differ",
        "compare.why.none": "Nothing here: for these inputs the two losses compute the same thing.",
        "compare.steps": "Step by step",
        "compare.snippets": "Run it yourself",
        "compare.snippet.keras": "Keras 3",
        "compare.snippet.torch": "PyTorch",
        "compare.waiting": "The results appear once the inputs above are valid.",
        "compare.diff.logits": (
            "CrossEntropyLoss takes logits and applies softmax itself; Keras' {keras} takes "
            "probabilities unless from_logits=True. The seed numbers [[0.05, 0.95, 0], [0.1, "
            "0.8, 0.1]] read as logits give [0.584, 1.390]; read as probabilities, [0.0513, "
            "2.303]. To give PyTorch the same distribution, pass the log of the "
            "probabilities, which is what \"Translate the inputs\" does."
        ),
        "compare.diff.mean_elements": (
            "PyTorch's \"mean\" divides the sum of all {count} elements by {count}; Keras first "
            "sums each sample's {classes} terms over the class axis, then divides by the "
            "{batch} samples. For a loss summed over the classes, like the KL divergence, the "
            "two differ by a factor of {classes}: use reduction=\"batchmean\" in PyTorch."
        ),
        "compare.diff.elementwise_mean": (
            "Keras averages each sample's {per_row} elements and then the samples; PyTorch's "
            "\"mean\" averages all {count} elements at once. For a full batch both give the "
            "same number, but reduction \"none\" returns one loss per sample in Keras and one "
            "per element in PyTorch."
        ),
        "compare.diff.elementwise_sum": (
            "Keras' loss of a sample is the mean of its {per_row} elements, so Keras' \"sum\" "
            "adds {batch} per-sample means; PyTorch's \"sum\" adds every element, {per_row} times "
            "as much."
        ),
        "compare.diff.clip": (
            "{count} prediction(s) are 0 or 1 exactly. Keras clips probabilities to [1e-7, 1 "
            "- 1e-7], so a confident wrong prediction costs at most -log(1e-7) = 16.118; "
            "PyTorch's BCELoss clamps the log at -100 instead, a cap of 100."
        ),
        "compare.diff.kl_log": (
            "KLDivLoss takes log-probabilities as its input (Keras' KLDivergence takes the "
            "probabilities themselves), and its default reduction \"mean\" divides by every "
            "element, which is not the KL divergence; \"batchmean\" divides by the batch size "
            "and matches Keras. Pass log(y_pred) and reduction=\"batchmean\"."
        ),
        "compare.diff.kl_log_untranslated": (
            "Here PyTorch reads the probabilities {first} as log-probabilities: as if the "
            "probability were e^{first} and so on, which gives a meaningless, even negative, "
            "divergence."
        ),
        "compare.diff.class_weight": (
            "With class weights {weights}, PyTorch's \"mean\" divides the weighted sum by the "
            "sum of the targets' weights ({weight_sum}); Keras (class weights as sample "
            "weights) divides by the number of samples ({count}) with its default reduction. "
            "Keras' \"mean_with_sample_weight\" divides by the weights, as PyTorch does."
        ),
        "compare.diff.similar_hinge": (
            "HingeEmbeddingLoss is not Keras' hinge: it takes distances, costs x itself for a "
            "similar pair (y = 1) and max(0, margin - x) for a dissimilar one (y = -1). "
            "Keras' hinge is max(0, 1 - y·ŷ) on scores."
        ),
        "compare.diff.similar_multimargin": (
            "MultiMarginLoss is not Keras' categorical_hinge: it adds the hinge of every "
            "wrong class and divides by the number of classes; categorical_hinge takes only "
            "the best wrong class's score."
        ),
        "compare.diff.similar_cosine": (
            "CosineEmbeddingLoss is not Keras' cosine_similarity: it compares a pair (x1, x2) "
            "and costs 1 - cos for a similar pair, while Keras reports -cos. Here x1 is "
            "y_true and x2 is y_pred, every pair labelled similar, so PyTorch's loss is "
            "Keras' plus 1."
        ),
        "compare.diff.poisson_log": (
            "PoissonNLLLoss defaults to log_input=True: it reads y_pred as the log of the "
            "rate and computes e^x - y·x. Keras' poisson takes the rate itself. Set "
            "log_input=False (and eps=1e-7, Keras' offset) to match."
        ),
        "compare.diff.reduction": (
            "The reductions are not the same choice: Keras \"{keras}\" against PyTorch "
            "\"{torch}\". PyTorch's counterpart of Keras' \"{keras}\" is \"{expected}\"."
        ),
        "compare.conv.one_hot_to_index": "y_true: one-hot rows become class indices {indices} (PyTorch's usual target).",
        "compare.conv.soft_targets": "y_true: rows are not one-hot, so PyTorch gets them as class probabilities.",
        "compare.conv.labels_01_to_pm1": "y_true: labels 0/1 become -1/1, as Keras' hinge converts them.",
        "compare.conv.pair_labels": "y_true becomes x1 of each pair, and every pair gets the label 1 (similar).",
        "compare.conv.stack_pair": "y_pred becomes (x1, x2) = (y_true, y_pred) stacked on axis 1, shape {shape}.",
        "compare.conv.log_probabilities": (
            "y_pred: the log of the probabilities Keras uses (each row divided by its sum, "
            "clipped to [1e-7, 1 - 1e-7])."
        ),
        "compare.conv.log_kl": "y_pred: the log of the probabilities, clipped to [1e-7, 1] as Keras clips them.",
        "compare.conv.rate": "PyTorch: log_input=False and eps=1e-7, so y_pred is read as the rate, as in Keras.",
        "compare.conv.class_weight_to_sample_weight": (
            "Keras: class weights become one sample weight per sample, the weight of its "
            "class: {weights}."
        ),
        "compare.conv.same_numbers": "PyTorch gets the same numbers, read its own way.",
        "sidebar.tagline": "Keras 3 losses, computed step by step with your numbers.",
        "sidebar.keras_docs": "Keras losses reference",
        "presets.seed": "Worked examples",
        "presets.seed.help": "Examples from the Keras documentation and small batches to check by hand.",
        "presets.surprise": "Surprises",
        "presets.surprise.help": "Cases where Keras does something a learner might not expect.",
        "preset.hinge.label": "Hinge → 1.3",
        "preset.hinge.help": "The Keras docs example: labels 0/1 become -1/1, then max(0, 1 - y·ŷ).",
        "preset.cce.label": "Categorical cross-entropy",
        "preset.cce.help": "The Keras docs example: each row's loss is -log of the probability of its true class.",
        "preset.sparse_cce.label": "Sparse categorical cross-entropy",
        "preset.sparse_cce.help": "The same example with the true classes given as indices 1 and 2.",
        "preset.cosine.label": "Cosine similarity (axis 1)",
        "preset.cosine.help": "The Keras docs example: orthogonal, same direction, opposite direction.",
        "preset.mse.label": "MSE, small batch",
        "preset.mse.help": "One error of 3 dominates the squared errors.",
        "preset.mae.label": "MAE, small batch",
        "preset.mae.help": "The same batch: every unit of error costs the same.",
        "preset.confident_wrong.label": "Confident and wrong",
        "preset.confident_wrong.help": (
            "Probability 0 for the true class would cost -log(0) = infinity, but Keras clips "
            "probabilities to [1e-7, 1 - 1e-7], so the loss is -log(1e-7) = 16.118."
        ),
        "preset.hinge_minus_one.label": "One -1 in hinge labels",
        "preset.hinge_minus_one.help": (
            "A single -1 in y_true stops Keras converting 0/1 labels to -1/1 for the whole batch: "
            "every 0 stays 0 and costs 1."
        ),
        "preset.zero_weight.label": "A zero sample weight",
        "preset.zero_weight.help": (
            "The weight-0 sample adds nothing to the sum but still counts in the default mean: "
            "0.55, not 1.1. Try the reduction mean_with_sample_weight."
        ),
        "preset.unnormalised.label": "Probabilities that don't sum to 1",
        "preset.unnormalised.help": (
            "Keras divides each row of y_pred by its sum first: [1, 2, 1] becomes "
            "[0.25, 0.5, 0.25]."
        ),
        "preset.notice": "What to notice",
        "picker.label": "Loss",
        "picker.help": "Keras 3 losses, grouped by family.",
        "picker.load_example": "Load this loss's example",
        "picker.example_replaced": "Your numbers don't fit {loss}, so its own example was loaded.",
        "family.regression": "Regression",
        "family.probabilistic": "Classification",
        "family.margin": "Margin",
        "family.similarity": "Similarity",
        "family.sequence": "Sequence & metric learning",
        "inputs.header": "Your numbers",
        "inputs.tab_text": "Type",
        "inputs.tab_grid": "Grid",
        "inputs.y_true.label": "y_true (targets)",
        "inputs.y_pred.label": "y_pred (predictions)",
        "inputs.sample_weight.label": "sample_weight (optional)",
        "inputs.y_true.placeholder": "[[0, 1], [0, 0]]",
        "inputs.y_pred.placeholder": "[[0.6, 0.4], [0.4, 0.6]]",
        "inputs.sample_weight.placeholder": "empty: every sample weighs 1",
        "inputs.sample_weight.meaning": "One weight per sample, like [1, 0]. Leave empty for none.",
        "inputs.format_help": (
            "Nested lists like [[0, 1], [0, 0]], or one row per line with numbers separated by "
            "spaces or commas. Plain digits only: 0.25, -1, 1e-3."
        ),
        "grid.intro": "Edit a cell, add or delete rows: the text updates to match.",
        "grid.empty_weight": "No sample weights. Type some in the Type tab to edit them here.",
        "grid.only_2d": "The grid edits 1-D and 2-D arrays; edit this one as text.",
        "grid.too_big": "{cells:,} numbers is more than the grid shows (at most {limit:,}); edit them as text.",
        "params.header": "Parameters",
        "params.none": "{loss} has no parameters.",
        "params.range": "Allowed: {range}. Keras default: {default}.",
        "params.axis_none": "None",
        "params.none_placeholder": "None",
        "params.vector_placeholder": "empty: None, or one number per class like [1, 2, 3]",
        "reduction.label": "Reduction",
        "reduction.sum_over_batch_size.label": "sum_over_batch_size (Keras default)",
        "reduction.sum_over_batch_size.explain": (
            "Sum of the weighted per-sample losses divided by the number of samples, weight-0 "
            "samples included."
        ),
        "reduction.mean.label": "mean",
        "reduction.mean.explain": "The same as sum_over_batch_size: divides by the number of samples.",
        "reduction.sum.label": "sum",
        "reduction.sum.explain": "Adds up the weighted per-sample losses without dividing.",
        "reduction.mean_with_sample_weight.label": "mean_with_sample_weight",
        "reduction.mean_with_sample_weight.explain": (
            "Divides the weighted sum by the sum of the weights, so weight-0 samples don't count."
        ),
        "reduction.none.label": "none",
        "reduction.none.explain": "No reduction: one loss per sample is returned.",
        "dtype.label": "dtype",
        "dtype.help": "Keras computes in float32 by default; float64 shows what rounding changes.",
        "trace.header": "How the number is made",
        "trace.result": "Loss value",
        "trace.result_caption": "{loss}, reduction {reduction}",
        "trace.result_help": "The exact {dtype} value: {value}",
        "trace.step": "Step {number}: {title}",
        "trace.samples": "Each sample",
        "trace.more_samples": "... and {count:,} more samples",
        "trace.changed_legend": "◀ marks the elements this step changed (converted or clipped).",
        "trace.highlight_legend": "Highlighted ◀: the elements this step changed (converted or clipped).",
        "trace.changed_marker": "◀ changed",
        "trace.sample_line": "sample {index}: {text}",
        "trace.col.sample": "sample",
        "trace.col.position": "j",
        "trace.col.y_true": "y_true",
        "trace.col.y_pred": "y_pred",
        "trace.col.weight": "weight",
        "trace.col.loss": "ℓ (per sample)",
        "trace.col.changed_flag": "this step",
        "trace.waiting": "The steps appear here once the inputs on the left are valid.",
        "trace.chart": "Your numbers on the loss curve",
        "trace.curves_link": "Explore every loss's curve",
        "export.header": "Reproduce in Keras",
        "export.intro": "Runs with Keras 3 on any backend and prints the numbers above.",
        "export.too_big": (
            "This batch has {count:,} numbers, too many to show here; download the script instead."
        ),
        "export.download_script": "Download the Keras script",
        "export.download_csv": "Download the trace as CSV",
        "export.download_json": "Download the trace as JSON",
        "export.header_torch": "Reproduce in PyTorch",
        "export.intro_torch": "Runs with PyTorch on the CPU and prints the numbers above.",
        "export.download_script_torch": "Download the PyTorch script",
        "framework.label": "Framework",
        "framework.keras": "Keras 3",
        "framework.pytorch": "PyTorch",
        "framework.help": (
            "Keras and PyTorch give different numbers for losses with similar names: pick whose "
            "rules the page follows. Switching picks the nearest loss of the other framework."
        ),
        "picker.help.keras": "Keras 3 losses, grouped by family.",
        "picker.help.pytorch": "torch.nn losses, grouped by family, named by their classes.",
        "reduction.torch.mean.label": "mean (PyTorch default)",
        "reduction.torch.mean.explain": (
            "Averages over every element of the unreduced loss, not per sample; with class "
            "weights it divides by the sum of the targets' weights."
        ),
        "reduction.torch.batchmean.label": "batchmean",
        "reduction.torch.batchmean.explain": (
            "Sums everything and divides by the batch size: the KL divergence per sample, as Keras gives it."
        ),
        "reduction.torch.sum.label": "sum",
        "reduction.torch.sum.explain": "Adds up every element of the unreduced loss.",
        "reduction.torch.none.label": "none",
        "reduction.torch.none.explain": "No reduction: the unreduced loss as torch returns it.",
        "share.button": "Share this lesson",
        "share.intro": (
            "This link opens Loss Lab with these exact numbers, loss, parameters and reduction. "
            "Copy it with the button in the box's corner."
        ),
        "share.too_long": (
            "This lesson is too long for a link (over {limit} characters). Share the script or "
            "the trace downloads instead."
        ),
        "link.dismiss": "Dismiss",
        "link.too_long": (
            "The link's {name} is {length} characters long, more than the {limit} Loss Lab reads; "
            "it was ignored."
        ),
        "link.unknown_value": "The link's {name} {value!r} is not known (one of: {allowed}); the default is used.",
        "link.unknown_loss": "The link's loss {value!r} is not a loss Loss Lab knows; the default lesson is shown.",
        "link.bad_array": "The link's {name} could not be read: {error} The loss's own example is shown instead.",
        "link.bad_param": "The link's {name} could not be used: {error} The default {default} is used instead.",
        "link.unknown_key": "The link has a setting {name!r} that {loss} does not take; it was ignored.",
        "present.start": "Present",
        "present.edit": "Change the numbers",
        "present.back": "Back",
        "present.next": "Next",
        "present.exit": "Leave presentation",
        "present.progress": "Step {step} of {total}",
        "present.result": "The loss value",
        "error.unexpected": (
            "Something went wrong while computing this loss. The inputs are kept; try another "
            "example or reload the page."
        ),
        "error.chart": "The chart could not be drawn for these numbers.",
        # The quiz page's text (pages/3_Quiz.py); each built-in question's under quiz.q.<id>.
        "quiz.title": "Quiz",
        "quiz.intro": (
            "Predict the number Keras or PyTorch will compute, then check it against the full "
            "trace of how that number is made."
        ),
        "quiz.source": "Questions",
        "quiz.source.builtin": "Built-in",
        "quiz.source.lesson": "From the explainer",
        "quiz.source.link": "From the link",
        "quiz.picker": "Question",
        "quiz.picker_help": "The surprising cases, grouped by family; PyTorch ones compare with Keras.",
        "quiz.group.pytorch": "PyTorch vs Keras",
        "quiz.lesson.ask": "Ask for",
        "quiz.lesson.none": (
            "The explainer has no lesson yet. Open the explainer, type some numbers, and come "
            "back: the quiz asks about them."
        ),
        "quiz.lesson.invalid": "The explainer's current numbers give no loss to guess: {error}",
        "quiz.lesson.not_finite": "This number is not finite, so there is nothing to guess; ask for another one.",
        "quiz.ask.value": "The loss value",
        "quiz.ask.sample": "Per-sample loss of sample {index}",
        "quiz.framework.keras": "Keras 3",
        "quiz.framework.pytorch": "PyTorch",
        "quiz.settings": "{framework} · {loss} · reduction {reduction} · {dtype}",
        "quiz.settings_params": "{framework} · {loss} · {params} · reduction {reduction} · {dtype}",
        "quiz.inputs": "The inputs",
        "quiz.input.y_true": "y_true",
        "quiz.input.y_pred": "y_pred",
        "quiz.input.sample_weight": "sample_weight",
        "quiz.input.value": "value",
        "quiz.input.step": "step",
        "quiz.question.value": "What loss value does {framework} return (reduction {reduction})?",
        "quiz.question.sample": "What is the per-sample loss of sample {index}, before the reduction?",
        "quiz.hint": "Hint",
        "quiz.guess": "Your guess",
        "quiz.guess_help": "Type a number; three significant digits are enough.",
        "quiz.check": "Check",
        "quiz.next": "Next question",
        "quiz.need_guess": "Type a guess first.",
        "quiz.truth": "True value",
        "quiz.truth_help": "The exact {dtype} value: {value}",
        "quiz.your_guess": "Your guess",
        "quiz.abs_error": "Off by",
        "quiz.rel_error": "Relative error",
        "quiz.rel_error_none": "not defined for a true value of 0",
        "quiz.verdict.exact": "Exact: right to 3 significant digits.",
        "quiz.verdict.close": "Close: within 10% of the true value.",
        "quiz.verdict.off": "Off: more than 10% away. The steps below show where the number comes from.",
        "quiz.verdict.off_zero": "Off: the true value is 0. The steps below show where the number comes from.",
        "quiz.verdict.close_zero": "Close: the true value is 0 and your guess is within 0.05.",
        "quiz.why": "Why",
        "quiz.custom_explain": "Follow the steps below: every number in them comes from these inputs.",
        "quiz.share": "Share this question",
        "quiz.share_help": "Students who open this link get the same question with the same numbers.",
        "quiz.link.bad_ask": (
            "The link asks for something this question cannot answer (value, or sample:0 to "
            "sample:{last}); the loss value is asked instead."
        ),
        "quiz.link.bad_ask_unreduced": (
            "The link asks for something this question cannot answer (sample:0 to sample:{last}); "
            "sample 0 is asked instead."
        ),
        "quiz.link.bad_ask_form": (
            "The link asks for something the quiz does not know (value, or sample:0, sample:1 "
            "and so on); it was ignored."
        ),
        "quiz.link.unknown_q": "The link names a question Loss Lab does not have; that name was ignored.",
        "quiz.link.invalid": "The link's numbers give no loss to guess, so a built-in question is shown instead. {error}",
        "quiz.error.no_value": "An unreduced loss has no single value to guess.",
        "quiz.error.bad_ask": "This question cannot be asked of these numbers.",
        "quiz.q.mse_outlier.title": "MSE with one big error",
        "quiz.q.mse_outlier.hint": "Square each error, average each row, then average the rows.",
        "quiz.q.mse_outlier.explain": (
            "Row 0 costs (0.5² + 0²) / 2 = 0.125, row 1 costs (1² + 3²) / 2 = 5: the single error "
            "of 3 makes almost all of the mean (5 + 0.125) / 2 = 2.5625."
        ),
        "quiz.q.huber_quadratic.title": "Huber inside δ",
        "quiz.q.huber_quadratic.hint": "Every error here is 0.6, smaller than δ = 1.",
        "quiz.q.huber_quadratic.explain": (
            "Inside ±δ Huber is ½e², so each element costs ½ · 0.6² = 0.18, and so does their "
            "mean: half of what MSE would say."
        ),
        "quiz.q.cce_confident_wrong.title": "Confident and wrong",
        "quiz.q.cce_confident_wrong.hint": "The true class gets probability 0. What is -log(0)?",
        "quiz.q.cce_confident_wrong.explain": (
            "-log(0) would be infinite, but Keras clips probabilities to [1e-7, 1 - 1e-7] first, "
            "so the loss stops at -log(1e-7) ≈ 16.118."
        ),
        "quiz.q.cce_unnormalised.title": "Probabilities that don't sum to 1",
        "quiz.q.cce_unnormalised.hint": "Keras divides each row of y_pred by its sum before the logarithm.",
        "quiz.q.cce_unnormalised.explain": (
            "Row 0, [1, 2, 1], becomes [0.25, 0.5, 0.25]; the true class has 0.5, so the loss is "
            "-log(0.5) = log 2 ≈ 0.693, not -log(2)."
        ),
        "quiz.q.hinge_seed.title": "Hinge with 0/1 labels",
        "quiz.q.hinge_seed.hint": "Keras turns labels 0 and 1 into -1 and 1 first, then max(0, 1 - y·ŷ).",
        "quiz.q.hinge_seed.explain": (
            "Labels become [[-1, 1], [-1, -1]]; the rows cost (1.6 + 0.6) / 2 = 1.1 and "
            "(1.4 + 1.6) / 2 = 1.5, and their mean is 1.3."
        ),
        "quiz.q.hinge_minus_one.title": "One -1 among 0/1 hinge labels",
        "quiz.q.hinge_minus_one.hint": "Keras converts 0/1 labels to -1/1 only when every label is 0 or 1.",
        "quiz.q.hinge_minus_one.explain": (
            "The -1 in the last row switches the conversion off for the whole batch: the 0 in row "
            "0 stays 0 and costs max(0, 1 - 0) = 1, so row 0 costs (1 + 0.6) / 2 = 0.8 instead "
            "of 1.1."
        ),
        "quiz.q.hinge_zero_weight.title": "A zero sample weight",
        "quiz.q.hinge_zero_weight.hint": "The per-sample losses are 1.1 and 1.5. What does the default mean divide by?",
        "quiz.q.hinge_zero_weight.explain": (
            "The weighted losses are 1.1 and 0, and sum_over_batch_size divides by the number of "
            "samples, weight-0 ones included: (1.1 + 0) / 2 = 0.55, not 1.1. "
            "mean_with_sample_weight would give 1.1."
        ),
        "quiz.q.cosine_same_direction.title": "Cosine similarity, same direction",
        "quiz.q.cosine_same_direction.hint": "Keras' loss is the negative cosine similarity.",
        "quiz.q.cosine_same_direction.explain": (
            "[1, 1] and [1, 1] point the same way: cosine 1, so the loss is -1, its minimum. A "
            "good prediction gives a negative loss."
        ),
        "quiz.q.dice_whole_batch.title": "Dice over the whole batch",
        "quiz.q.dice_whole_batch.hint": "With the default axis=None, Keras pools every element of the batch into one score.",
        "quiz.q.dice_whole_batch.explain": (
            "The overlap is Σ y·ŷ = 3.1, the sizes are Σ y = 5 and Σ ŷ = 3.8, so the loss is "
            "1 - 2 · 3.1 / 8.8 ≈ 0.295: one number for the batch, not a mean of per-sample "
            "scores."
        ),
        "quiz.q.ctc_uniform.title": "CTC with uniform logits",
        "quiz.q.ctc_uniform.hint": "Every step gives each of the 3 symbols probability 1/3. How many 3-step paths spell \"1 2\"?",
        "quiz.q.ctc_uniform.explain": (
            "Five paths collapse to \"1 2\" (112, 122, _12, 1_2, 12_), each with probability "
            "(1/3)³, so the loss is -log(5/27) ≈ 1.686."
        ),
        "quiz.q.ctc_too_short.title": "CTC label longer than the input",
        "quiz.q.ctc_too_short.hint": "The label 1 2 1 needs at least 3 time steps; there are 2.",
        "quiz.q.ctc_too_short.explain": (
            "No path of 2 steps can spell 1 2 1, so the probability is 0 and -log 0 would be "
            "infinite. Keras' CTC writes log 0 as -1e5 instead of -infinity, so the loss comes "
            "out near 100000."
        ),
        "quiz.q.torch_bce_clamp.title": "PyTorch BCELoss on 0 and 1",
        "quiz.q.torch_bce_clamp.hint": "PyTorch does not clip probabilities; it clamps each log at -100.",
        "quiz.q.torch_bce_clamp.explain": (
            "The two confident wrong elements cost -log(0), clamped to 100 each; the right ones "
            "cost 0, so the mean is 200 / 4 = 50. Keras clips p instead and gives about 8.0 for "
            "the same numbers."
        ),
        "quiz.q.torch_ce_probabilities.title": "PyTorch CrossEntropyLoss on probabilities",
        "quiz.q.torch_ce_probabilities.hint": "CrossEntropyLoss always applies a softmax to y_pred: it reads them as logits.",
        "quiz.q.torch_ce_probabilities.explain": (
            "softmax([0.05, 0.95, 0]) gives the true class only 0.56, so the loss is 0.584 for "
            "sample 0 and 0.987 on average; Keras' sparse categorical cross-entropy reads the "
            "same numbers as probabilities and gives 1.177."
        ),
        "quiz.q.torch_nll_probabilities.title": "PyTorch NLLLoss on probabilities",
        "quiz.q.torch_nll_probabilities.hint": "NLLLoss expects log-probabilities and only negates the true class's entry.",
        "quiz.q.torch_nll_probabilities.explain": (
            "It takes -0.95 and -0.1 as they are, so the mean is -(0.95 + 0.1) / 2 = -0.525: a "
            "negative loss, because no logarithm was taken."
        ),
        # --- Curves page (pages/1_Curves.py, ui/charts.py, losses/curves.py labels) -------------
        # Owned by the curves page; keys start with "curves.".
        "curves.title": "Loss curves",
        "curves.intro": (
            "Each loss as a curve of one variable, so you can see where it is flat, where it is "
            "steep and where it stops growing."
        ),
        "curves.mode": "Show",
        "curves.mode.single": "One loss",
        "curves.mode.overlay": "Compare",
        "curves.loss_picker": "Loss",
        "curves.overlay_picker": "Comparison",
        "curves.overlay.regression": "Regression losses",
        "curves.overlay.margin": "Margin losses",
        "curves.overlay.focal": "Focal vs cross-entropy",
        "curves.slope_toggle": "Slope (derivative)",
        "curves.slope_help": (
            "The slope is what gradient descent follows: steep means a strong push, flat means "
            "almost none."
        ),
        "curves.target.mean_squared_logarithmic_error": "Fixed target y_true",
        "curves.target.mean_absolute_percentage_error": "Fixed target y_true",
        "curves.target.kl_divergence": "True probability of class 1",
        "curves.target.poisson": "Observed count y_true",
        "curves.param_help": "{help}",
        "curves.axis.error": "Error ŷ − y",
        "curves.axis_hint.error": "prediction minus target",
        "curves.axis.y_pred": "Prediction ŷ",
        "curves.axis_hint.y_pred": "the target y_true is held fixed",
        "curves.axis.probability": "Predicted probability p of label 1",
        "curves.axis.logit": "Logit z",
        "curves.axis_hint.logit": "the score before the sigmoid",
        "curves.axis.p_true": "Predicted probability of the true class",
        "curves.axis.logit_true": "Logit of the true class",
        "curves.axis_hint.logit_true": "the other classes have logit 0",
        "curves.axis.p_class1": "Predicted probability of class 1",
        "curves.axis_hint.p_class1": "two classes: class 0 gets the rest",
        "curves.axis.p_element": "Predicted probability p_j",
        "curves.axis.rate": "Predicted rate λ",
        "curves.axis.margin": "Margin y·f(x)",
        "curves.axis_hint.margin": "positive: on the right side; 1 or more: right by a margin",
        "curves.axis.angle": "Angle between y_true and y_pred",
        "curves.axis.coverage": "Overlap: share of the true object the prediction covers",
        "curves.axis.similarity": "Cosine similarity of the pair",
        "curves.axis.ctc_p": "Probability of the label at each time step",
        "curves.axis_short.error": "error",
        "curves.axis_short.y_pred": "ŷ",
        "curves.axis_short.probability": "p",
        "curves.axis_short.logit": "z",
        "curves.axis_short.p_true": "p(true class)",
        "curves.axis_short.logit_true": "z(true class)",
        "curves.axis_short.p_class1": "p(class 1)",
        "curves.axis_short.p_element": "p_j",
        "curves.axis_short.rate": "λ",
        "curves.axis_short.margin": "margin",
        "curves.axis_short.angle": "angle (rad)",
        "curves.axis_short.coverage": "overlap",
        "curves.axis_short.similarity": "similarity",
        "curves.axis_short.ctc_p": "p",
        "curves.quantity.loss": "Loss per sample",
        "curves.quantity.term": "Loss term",
        "curves.quantity_short.loss": "loss",
        "curves.quantity_short.term": "term",
        "curves.slope_title": "Slope  d loss / dx",
        "curves.slope_short": "slope",
        "curves.loss.zero_one": "0-1 loss (reference)",
        "curves.loss.logistic": "Logistic log₂(1 + e⁻ᵐ)",
        "curves.curve.target": "y_true = {value}",
        "curves.curve.label": "y_true = {value}",
        "curves.curve.kld_target": "true p = {value}",
        "curves.curve.delta": "Huber δ = {value}",
        "curves.curve.gamma": "γ = {value}",
        "curves.curve.overlap_inside": "Inside the object (misses only)",
        "curves.curve.overlap_same": "Same size, shifted",
        "curves.curve.overlap_double": "Twice the object's size",
        "curves.curve.circle_positive": "Positive pair (negative at similarity 0)",
        "curves.curve.circle_negative": "Negative pair (positive at similarity 1)",
        "curves.curve.ctc_steps": "{steps} time step(s)",
        "curves.level.cap_y1": "cap for y = 1: −log(1e−7) = {value}",
        "curves.level.cap_y0": "cap for y = 0: {value} in {dtype} (1 − 1e−7 rounds to 0.99999988)",
        "curves.level.cap_both": "cap: −log(1e−7) = {value}",
        "curves.level.cap_both.short": "cap {value}",
        "curves.level.cap_y1.short": "cap {value}",
        "curves.level.cap_y0.short": "cap {value} ({dtype})",
        "curves.level.cap_true.short": "cap {value}",
        "curves.level.cap_true": "cap: −log(1e−7) = {value} (p clipped to 1e−7)",
        "curves.points.term": "Element",
        "curves.points.sample": "Sample",
        "curves.points.legend_term": "Your elements ({count})",
        "curves.points.legend_sample": "Your samples ({count})",
        "curves.points.legend_term_first": "Your elements (first {shown} of {count})",
        "curves.points.legend_sample_first": "Your samples (first {shown} of {count})",
        "curves.note.mean_squared_error": (
            "A parabola: twice the error costs four times as much, and the slope 2e grows with "
            "the error."
        ),
        "curves.note.mean_absolute_error": (
            "A V: every unit of error costs the same, and the slope is ±1 however small the error."
        ),
        "curves.note.log_cosh": (
            "About e²/2 near 0 and |e| − log 2 far away: smooth like MSE, robust like MAE."
        ),
        "curves.note.hinge": (
            "Zero from margin 1 on: examples that are right by a margin stop counting. It lies "
            "above the 0-1 loss everywhere."
        ),
        "curves.note.squared_hinge": (
            "The hinge squared: no corner at margin 1, and harsher on large violations."
        ),
        "curves.note.huber_deltas": (
            "Dotted: other values of δ. Inside ±δ Huber is ½e², like MSE / 2; outside it grows "
            "linearly, like MAE."
        ),
        "curves.note.mean_squared_logarithmic_error": (
            "Drawn against the prediction for a fixed target: overshooting costs less than "
            "undershooting by the same amount, because the logarithm compresses large values."
        ),
        "curves.note.mean_absolute_percentage_error": (
            "Drawn against the prediction for a fixed target: a V whose steepness is 100 / |y| "
            "percent per unit, so small targets make steep curves."
        ),
        "curves.note.clip": (
            "Keras clips p to [1e−7, 1 − 1e−7], so a confident wrong prediction costs at most "
            "−log(1e−7) ≈ 16.118, not infinity; inside the clip the slope is 0. Computed in "
            "{dtype}."
        ),
        "curves.note.from_logits": (
            "With from_logits the loss is computed from the logit directly: no clipping, so no cap."
        ),
        "curves.note.rest_shared": (
            "The other {others} classes share the remaining probability equally."
        ),
        "curves.note.other_logits": "The other {others} classes have logit 0.",
        "curves.note.gce": (
            "(1 − p^q) / q: q near 0 behaves like cross-entropy, q = 1 like MAE; the curve stays "
            "finite at p = 0, which makes it robust to wrong labels."
        ),
        "curves.note.kld": (
            "KL([1 − t, t] ‖ [1 − p, p]): zero where the prediction equals the true distribution."
        ),
        "curves.note.kld_term": "Each element's term y·log(y / p) against its prediction p.",
        "curves.note.poisson": (
            "Keras leaves out the constant log(y!), so the loss can be negative; its minimum is at "
            "λ = y_true."
        ),
        "curves.note.categorical_hinge": (
            "Margin = score of the true class − best wrong-class score."
        ),
        "curves.note.cosine": (
            "Only the direction matters: Keras normalises both vectors, so the loss is −cos(angle)."
        ),
        "curves.note.overlap": (
            "An object of area 1 and a predicted mask that covers part of it: inside the object, "
            "the object's own size but shifted, or twice its size."
        ),
        "curves.note.circle": (
            "One anchor, one positive and one negative embedding; the anchor's loss as one pair's "
            "similarity moves. The slope is of the loss value; Keras trains with the pair weights "
            "held constant (stop_gradient)."
        ),
        "curves.note.ctc": (
            "Label sequence \"1\"; at every step the label has probability p and the blank 1 − p. "
            "More steps give more alignments that spell \"1\"."
        ),
        "curves.note.overlay_regression": (
            "Near 0, Huber and log-cosh are smooth like MSE (about e²/2) while MAE has a corner. "
            "Far from 0, MSE grows with the square of the error, so a few outliers dominate it; "
            "MAE, Huber and log-cosh grow only linearly."
        ),
        "curves.note.logistic": (
            "The logistic loss is not a Keras loss: drawn as binary cross-entropy from logits with "
            "y = 1, divided by ln 2 so it passes through 1 at margin 0."
        ),
        "curves.note.overlay_focal": (
            "Binary focal cross-entropy for y = 1; γ = 0 is plain cross-entropy. Larger γ "
            "flattens the loss of examples that are already right (Lin et al., 2017)."
        ),
        "curves.lesson.shown": (
            "Points: your numbers from the explainer, computed with the settings on this page."
        ),
        "curves.lesson.other_loss": (
            "Your explainer example uses {loss}; choose it here to see your numbers on its curve."
        ),
        "curves.lesson.no_place": "Your numbers have no single place on this curve.",
        "curves.lesson.error": "Your explainer inputs cannot be drawn here: {error}",
        "curves.not_ready": "This loss is not available yet.",
        # --- end of the curves page block -------------------------------------------------------
    },
    "zh": {},
}

# Characters that start Markdown (or Streamlit's :color[...] / :icon: directives) anywhere in a
# line, and those that only matter at the start of one (lists, headings, quotes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$:])")
_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])", re.MULTILINE)


_run = threading.local()


def use_language() -> None:
    """Read the language once for this script run (sidebar() calls it on every page).

    A run reads hundreds of strings; fetching ``st.session_state["lang"]`` for each costs about a
    millisecond per run. Streamlit runs each script run in a thread of its own, so the value is
    kept per thread; outside a run (AppTest formatting options) t() reads session state.
    """
    _run.lang = st.session_state.get("lang", "en")


def _lang() -> str:
    lang = getattr(_run, "lang", None)
    return lang if lang is not None else st.session_state.get("lang", "en")


def t(key: str, **params: Any) -> str:
    """The page's text for ``key`` in the current language (English if untranslated)."""
    text = TEXT.get(_lang(), {}).get(key) or TEXT["en"].get(key)
    if text is None:
        # A missing string must not take a classroom's page down; tests/app/test_i18n.py
        # checks that every key the code asks for exists.
        log.warning("no text for %r", key)
        return key
    return text.format(**params) if params else text


def tr(key: str, english: str, **params: Any) -> str:
    """Text the engine wrote in English, translated when a table has ``key``."""
    text = TEXT.get(_lang(), {}).get(key) or TEXT["en"].get(key)
    if text is None:
        return english
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return english


def error_text(error: losses.LossInputError) -> str:
    """A LossInputError for the learner: translated by its key, else the engine's sentence."""
    params = dict(error.params, argument=error.argument, line=error.line, column=error.column)
    return tr(error.key, error.message, **params)


def loss_display(name: str, framework: str = "keras") -> str:
    """The loss's readable name, ``Hinge``."""
    return tr(f"loss.{name}.display", losses.spec(name, framework).display)


def loss_label(name: str, framework: str = "keras") -> str:
    """``Margin · Hinge``: the family first, so the picker reads as groups."""
    family = losses.spec(name, framework).family
    return f"{tr(f'family.{family}', losses.FAMILIES.get(family, family))} · {loss_display(name, framework)}"


def escape_md(text: str) -> str:
    """Text shown literally by Streamlit's Markdown elements (st.caption, st.error, ...)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
