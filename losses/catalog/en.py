"""English: every string Loss Lab shows, by message key.

Pure data. An entry is a format string over its message's parameters, or a selector
``{"$param": {choice: entry}}`` (see losses/catalog/__init__.py). ``zh.py`` has exactly these
keys (tests/app/test_i18n.py). The engine (losses/*.py) emits keys and raw parameters only;
the sections below are grouped by the module that emits them.
"""

PAGE: dict[str, str] = {
    # the explainer's three views (tabs)
    "explainer.tab.steps": "Step by step",
    "explainer.tab.curve": "On the curve",
    "explainer.tab.gradient": "Gradient",
    "explainer.tab.learn": "Learning",
    # what the model learns (issue 11)
    "grad.header": "What the model learns",
    "grad.intro": (
        "Training never sees the loss value, only its gradient: how much, and in which direction, "
        "each prediction should move to lower the loss. It is the chain rule run backwards through "
        "the loss's steps, computed as the framework's autodiff computes it."
    ),
    "grad.sign_legend": (
        "Red: a positive gradient, so a step lowers this prediction; blue: negative, a step raises "
        "it; grey: 0, it does not move. Shaded: the largest pushes (at least half the biggest)."
    ),
    "learn.header": "One step of learning",
    "learn.intro": (
        "Gradient descent moves every prediction against its gradient: ŷ ← ŷ − η · ∂L/∂ŷ, with "
        "the learning rate η. Take a step and the whole page recomputes from the new predictions; "
        "Reset brings back the ones you typed."
    ),
    "learn.rate": "Learning rate η",
    "learn.rate_help": (
        "How far one step goes along minus the gradient. Too small and nothing seems to happen; "
        "too large and the predictions overshoot."
    ),
    "learn.take": "Take a step",
    "learn.reset": "Reset",
    "learn.status": "After {steps} steps from the y_pred you typed (the link keeps them).",
    "learn.not_finite": "The gradient holds NaN or infinite values: a step would make the predictions NaN too, so none is offered.",
    "learn.outside_legend": "Highlighted ◀: probabilities the step pushes outside [0, 1].",
    "learn.values_header": "The loss after each step",
    "learn.curve_header": "Where the steps take your numbers on the loss curve",
    "learn.trail": "After {steps} steps (✕ the last)",
    "learn.path_x": "Step",
    "learn.path_y": "Loss",
    "learn.path_now": "Now",
    "learn.path_caption": (
        "The loss over the next {steps} steps at η = {rate:g}: from {start} to {end}, each step "
        "computed from the last one's predictions."
    ),
    # navigation and lesson (issue 9)
    "nav.explainer": "Explainer",
    "nav.tutorial": "Tutorial",
    "nav.curves": "Curves",
    "nav.compare": "Keras vs PyTorch",
    "nav.quiz": "Quiz",
    "link.header": "Some settings of this link could not be used:",
    "link.not_a_choice": (
        "The link's {name} {value!r} is not one of the choices here ({allowed}); the default is used."
    ),
    "link.torch_no_weight": "PyTorch losses take no sample_weight; the link's sample_weight was ignored.",
    "app.title": "Loss Lab",
    "app.intro": (
        "Type targets and predictions, pick a Keras or PyTorch loss, and follow every step from "
        "your numbers to the single loss value."
    ),
    "sidebar.tagline": "Keras 3 and PyTorch losses, computed step by step with your numbers.",
    "sidebar.torch_docs": "PyTorch losses reference",
    "sidebar.keras_docs": "Keras losses reference",
    "sidebar.language": "Language · 语言",
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
    "presets.learning": "Learning speed",
    "presets.learning.help": "One confidently wrong prediction under two losses: take a few steps with each and compare how fast it learns.",
    "preset.learn_mse.label": "Confidently wrong: MSE",
    "preset.learn_mse.help": (
        "y = 1 but ŷ = 0.01. MSE's gradient is only 2(0.01 − 1) = −1.98, so a step at η = 0.005 "
        "moves ŷ by 0.0099: it learns slowly. Take a few steps, then try the cross-entropy preset."
    ),
    "preset.learn_bce.label": "Confidently wrong: cross-entropy",
    "preset.learn_bce.help": (
        "y = 1 but ŷ = 0.01. Cross-entropy's gradient is −1/0.01 = −100, so the same step at "
        "η = 0.005 moves ŷ by 0.5: fifty times as far as MSE."
    ),
    "presets.pytorch": "PyTorch",
    "presets.pytorch.help": "torch.nn losses where PyTorch's rules give a number Keras would not.",
    "preset.torch_ce_logits.label": "CrossEntropyLoss on probabilities",
    "preset.torch_ce_logits.help": (
        "CrossEntropyLoss reads y_pred as logits and applies softmax again: the seed probabilities "
        "give 0.5841 and 1.39, where Keras' categorical_crossentropy gives 0.0513 and 2.303."
    ),
    "preset.torch_bce_clamp.label": "BCELoss at p = 0 and 1",
    "preset.torch_bce_clamp.help": (
        "PyTorch clamps log(p) at -100 instead of clipping p, so a certain wrong prediction costs "
        "100, not Keras' 16.12: the mean of 100, 100, 0, 0 is 50."
    ),
    "preset.torch_kldiv_mean.label": "KLDivLoss with reduction mean",
    "preset.torch_kldiv_mean.help": (
        "KLDivLoss takes log-probabilities, and its mean divides by every element (4), not by the "
        "samples (2): 0.1506 is half the KL divergence. Try batchmean: 0.3012, as Keras gives."
    ),
    # Words inside formulas (messages.Word).
    "trace.no_reduction": "no reduction: {values}",
    "latex.per_sample_mean_divides_by": " per sample; mean divides by ",
    "latex.per_pair": " per pair",
    "latex.each_element": " for each element (no per-sample mean)",
    "latex.only_with_balancing": " only with apply_class_balancing",
    "preset.notice": "What to notice:",
    "picker.label": "Loss",
    "picker.docs": "Reference: {loss} ↗",
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
    "params.range": "Allowed: {range}. Default: {default}.",
    "params.any_number": "any number",
    "params.axis_none": "None",
    "params.none_placeholder": "None",
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
    "trace.example_at": "Worked for {position}.",
    "trace.position.sample": "sample {i}",
    "trace.position.element": "{sample}, j = {j}",
    "trace.position.deep": "{sample}, element ({rest})",
    "trace.legend": (
        "Symbols: y is y_true and ŷ is y_pred; t_j is one element's term, ℓ_i sample i's loss and "
        "L the value; N counts the samples, C the elements of one sample, j and i index them."
    ),
    "trace.highlight_legend": "Highlighted ◀: the elements this step changed (converted or clipped).",
    "trace.changed_marker": "◀ changed",
    "trace.derivation.sample": "sample {index}",
    "trace.element_by_element": "Element by element, beside y_true and y_pred",
    "trace.rounding": "Every number shows {digits} significant digits; the exact {dtype} values are in the CSV and JSON downloads and on the value's ⓘ.",
    "trace.pending_edit": "Not updated yet: press Ctrl+Enter or click outside the box to apply your edit.",
    "trace.sample_line": "sample {index}: {text}",
    "trace.col.sample": "sample",
    "trace.col.position": "j",
    "trace.col.y_true": "y_true",
    "trace.col.y_one_hot": "y_j (one-hot)",
    "trace.col.y_pred": "y_pred",
    "trace.col.weight": "weight",
    "trace.col.loss": "ℓ (per sample)",
    "trace.col.changed_flag": "this step",
    "trace.col.gradient": "∂L/∂ŷ (gradient)",
    "trace.waiting": "The steps appear here once the inputs on the left are valid.",
    "trace.chart": "Your numbers on the loss curve",
    "trace.curves_link": "Explore every loss's curve",
    "export.header": "Reproduce in Keras",
    "export.intro": "Runs with Keras 3 (it selects the JAX backend) and prints the numbers above, then the gradient JAX computes.",
    "export.too_big": (
        "This batch has {count:,} numbers, too many to show here; download the script instead."
    ),
    "export.download_script": "Download the Keras script",
    "export.download_csv": "Download the trace as CSV",
    "error.unexpected": (
        "Something went wrong while computing this loss. The inputs are kept; try another "
        "example or reload the page."
    ),
    "error.chart": "The chart could not be drawn for these numbers.",
    "trace.no_chart": (
        "{loss} has no curve of one variable to place your numbers on: each sample's loss depends "
        "on the whole batch or sequence. The Curves page draws it over one pair or one sequence."
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
    "curves.target.PoissonNLLLoss": "Observed count y_true",
    "curves.target.KLDivLoss": "True probability y of the element",
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
    "curves.quantity.term": "Loss term per element",
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
    "curves.points.legend_term": "Your elements ({count})",
    "curves.points.legend_sample": "Your samples ({count})",
    "curves.points.legend_term_first": "Your elements (first {shown} of {count})",
    "curves.points.legend_sample_first": "Your samples (first {shown} of {count})",
    # curve points
    "curves.points.where_term": {"$j": {
        "": "sample {sample}",
        "other": "sample {sample}, j={j}",
    }},
    "curves.points.where_sample": {"$rest": {
        "": "sample {sample}",
        "other": "sample {sample}, position {rest}",
    }},
    "curves.points.where_batch": "the whole batch",
    "curves.points.short_batch": "all",
    "curves.points.here": {"$kind": {
        "term": {"$count": {"one": "1 element here", "other": "{count} elements here"}},
        "other": {"$count": {"one": "1 sample here", "other": "{count} samples here"}},
    }},
    "curves.points.member": "{where}: y_true = {y_true}, y_pred = {y_pred}",
    "curves.points.more": "… and {count} more",
    "curves.points.count": "×{count}",
    "curves.zoom": "Zoom to your points",
    "curves.zoom_help": (
        "On: the chart frames your numbers, with enough of the curve around them to see its "
        "shape. Off: the whole curve. Plotly's Autoscale button (top right of the chart) also "
        "shows the whole curve."
    ),
    "curves.points.labels_hint": (
        "Labels: sample,j (0,1 is sample 0, j = 1). ×2: two of your elements share the point; "
        "hover it to see which."
    ),
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
        "similarity moves. The slope is the gradient Keras trains with: unlike the paper, Keras "
        "does not hold the pair weights constant, so they move the slope too."
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
    "curves.curve.beta": "SmoothL1Loss β = {value}",
    "curves.note.smooth_l1_betas": (
        "Dotted: other values of β. Inside ±β SmoothL1Loss is ½e²/β; outside it is |e| − β/2, "
        "with slope ±1 whatever β, so a smaller β is closer to L1Loss."
    ),
    "curves.note.log_clamp": (
        "PyTorch does not clip p: it clamps each log at −100, so the curve keeps climbing as p "
        "nears the wrong end, up to 100 at p = 0 for y = 1 (and p = 1 for y = 0)."
    ),
    "curves.note.logits_torch": (
        "BCEWithLogitsLoss takes the logit and computes log σ(x) in one stable step: no "
        "clipping, so no cap."
    ),
    "curves.note.log_probabilities": (
        "Drawn with log p as the scores: log_softmax leaves log-probabilities unchanged, so "
        "CrossEntropyLoss and NLLLoss both give −log p of the true class here."
    ),
    "curves.note.kl_div": (
        "PyTorch's input is log p: each element's term y·(log y − log p), drawn against p."
    ),
    "curves.note.poisson_nll": (
        "With log_input (the default) the input is log λ and the loss is e^x − y·x, drawn here "
        "against λ = e^x. The constant log(y!) is left out unless full is on; the minimum is at "
        "λ = y_true."
    ),
    "curves.note.soft_margin": (
        "log(1 + e^(−margin)): the logistic loss. Smooth everywhere and never exactly 0, so "
        "even examples that are right by far still pull a little."
    ),
    "curves.note.multi_margin": (
        "The true class scores m and one wrong class 0: the loss is max(0, margin − m)^p "
        "divided by the number of classes. Every further wrong class within the margin adds its "
        "own term, so a sample with several sits above the curve."
    ),
    "curves.note.margin_ranking": (
        "A pair (x₁, x₂) that should rank x₁ first (y = 1): the margin is x₁ − x₂, and the loss "
        "max(0, margin − (x₁ − x₂)) stops once x₁ leads by the margin parameter."
    ),
    "curves.note.hinge_embedding": (
        "y = 1 (a similar pair): the loss is the distance itself. y = −1 (a dissimilar pair): "
        "max(0, margin − distance), zero once the pair is at least margin apart."
    ),
    "curves.note.cosine_embedding": (
        "y = 1: 1 − cos(angle), which pulls the pair together. y = −1: max(0, cos(angle) − "
        "margin), which pushes the pair apart until its cosine is below margin."
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
    # --- end of the curves page block -------------------------------------------------------
    # The framework switch, links, presentation mode, the comparison and quiz pages.
    "compare.title": "Keras vs PyTorch",
    "compare.intro": (
        "The same numbers through a Keras loss and its nearest PyTorch loss, step by step, "
        "and why the two results differ where they do."
    ),
    "compare.presets": "Comparisons",
    "compare.presets.help": (
        "Each one loads inputs that show one difference between the two frameworks."
    ),
    "compare.preset.logits.label": "Logits or probabilities",
    "compare.preset.logits.help": (
        "CrossEntropyLoss reads the seed numbers as logits, Keras' categorical_crossentropy "
        "as probabilities: {torch_values:list} against {keras_values:list}."
    ),
    "compare.preset.mean.label": "Mean over all elements",
    "compare.preset.mean.help": (
        "With the inputs translated, KLDivLoss' \"mean\" divides by all {count} elements and Keras "
        "by the {batch} samples: PyTorch gives {torch_value}, Keras {keras_value}."
    ),
    "compare.preset.clip.label": "Clip vs clamp",
    "compare.preset.clip.help": (
        "Probabilities of exactly 0 and 1: Keras clips them to 1e-7 (a cap of 16.118), "
        "PyTorch clamps the log at -100 (a cap of 100)."
    ),
    "compare.preset.kl_log.label": "KLDivLoss wants logs",
    "compare.preset.kl_log.help": (
        "KLDivLoss reads y_pred as log-probabilities; given the probabilities themselves it "
        "returns a negative number. Turn on \"Translate the inputs\" to see batchmean match "
        "Keras."
    ),
    "compare.preset.class_weight.label": "Class weights",
    "compare.preset.class_weight.help": (
        "Weights {weights:list} for the classes: PyTorch divides by the sum of the targets' "
        "weights ({weight_sum}), Keras by the {count} samples."
    ),
    "compare.preset.similar_names.label": "Similar names",
    "compare.preset.similar_names.help": (
        "HingeEmbeddingLoss is a different loss from Keras' hinge: {torch_value} against "
        "{keras_value} on the Keras docs example. Pick categorical_hinge or cosine_similarity "
        "above for the other two."
    ),
    "compare.preset.poisson.label": "Poisson log-rate",
    "compare.preset.poisson.help": (
        "PoissonNLLLoss reads y_pred as the log of the rate by default, Keras' poisson as the"
        " rate. Turn on \"Translate the inputs\" to match."
    ),
    "compare.notice": "What this shows:",
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
        "Off: PyTorch gets the same numbers and reads them its own way. On: the numbers are "
        "converted to what PyTorch expects (logs of probabilities, a rate instead of a "
        "log-rate)."
    ),
    "compare.from_logits": "Keras from_logits",
    "compare.from_logits.help": (
        "Keras reads y_pred as logits, as PyTorch's CrossEntropyLoss always does."
    ),
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
    "compare.learns.header": "What each model learns",
    "compare.learns.intro": (
        "The gradient each framework sends back for these numbers, ∂L/∂ŷ for every prediction: "
        "what training would actually use."
    ),
    "compare.grad.agree": "The two gradients agree: both models would learn the same from this batch.",
    "compare.grad.translated": (
        "PyTorch received converted predictions, so its gradient is with respect to those numbers, "
        "not to your y_pred: the two tables cannot be compared element by element."
    ),
    "compare.grad.logits": (
        "The gradients differ because the same numbers mean different things. Keras' {keras} reads "
        "them as probabilities and differentiates through the division by the row sum and the clip; "
        "CrossEntropyLoss reads them as logits, and its gradient is softmax(ŷ) − one-hot. First "
        "sample: Keras {keras_row:list}, PyTorch {torch_row:list}."
    ),
    "compare.grad.clamp": {"$count": {
        "one": (
            "1 probability is at 0 or 1 (or beyond Keras' clip): Keras' clip sends back 0 there, while "
            "BCELoss divides by max(p(1 − p), 1e-12) and sends back a huge number."
        ),
        "other": (
            "{count} probabilities are at 0 or 1 (or beyond Keras' clip): Keras' clip sends back 0 "
            "there, while BCELoss divides by max(p(1 − p), 1e-12) and sends back huge numbers."
        ),
    }},
    "compare.grad.scale": (
        "Every PyTorch gradient is {ratio:g} times Keras': the same direction, scaled by a different "
        "divisor in the reduction."
    ),
    "compare.grad.differ": (
        "The gradients differ. First sample: Keras {keras_row:list}, PyTorch {torch_row:list}."
    ),
    "compare.diff.logits": (
        "CrossEntropyLoss takes logits and applies softmax itself; Keras' {keras} takes "
        "probabilities unless from_logits=True. Read as logits, these y_pred give the per-sample "
        "losses {torch_values:list}; read as probabilities, {keras_values:list}. To give PyTorch "
        "the same distribution, pass the log of the probabilities, which is what \"Translate the "
        "inputs\" does."
    ),
    "compare.diff.mean_elements": (
        "PyTorch's \"mean\" divides the sum of all {count} elements by {count}; Keras first "
        "sums each sample's {classes} terms over the class axis, then divides by the {batch} "
        "samples. For a loss summed over the classes, like the KL divergence, the two differ "
        "by a factor of {classes}: use reduction=\"batchmean\" in PyTorch."
    ),
    "compare.diff.elementwise_mean": (
        "Keras averages each sample's {per_row} elements and then the samples; PyTorch's "
        "\"mean\" averages all {count} elements at once. For a full batch both give the same "
        "number, but reduction \"none\" returns one loss per sample in Keras and one per "
        "element in PyTorch."
    ),
    "compare.diff.elementwise_sum": (
        "Keras' loss of a sample is the mean of its {per_row} elements, so Keras' \"sum\" adds "
        "{batch} per-sample means; PyTorch's \"sum\" adds every element, {per_row} times as "
        "much."
    ),
    "compare.diff.clip": {"$count": {
        "one": (
            "1 prediction is 0 or 1 exactly. Keras clips probabilities to [1e-7, 1 - 1e-7], so a "
            "confident wrong prediction costs at most -log(1e-7) = 16.118; PyTorch's BCELoss "
            "clamps the log at -100 instead, a cap of 100."
        ),
        "other": (
            "{count} predictions are 0 or 1 exactly. Keras clips probabilities to [1e-7, 1 - "
            "1e-7], so a confident wrong prediction costs at most -log(1e-7) = 16.118; PyTorch's "
            "BCELoss clamps the log at -100 instead, a cap of 100."
        ),
    }},
    "compare.diff.kl_log": (
        "KLDivLoss takes log-probabilities as its input (Keras' KLDivergence takes the "
        "probabilities themselves), and its default reduction \"mean\" divides by every "
        "element, which is not the KL divergence; \"batchmean\" divides by the batch size and "
        "matches Keras. Pass log(y_pred) and reduction=\"batchmean\"."
    ),
    "compare.diff.kl_log_untranslated": (
        "Here PyTorch reads the probabilities {first} as log-probabilities: as if the "
        "probability were e^{first} and so on, which gives a meaningless, even negative, "
        "divergence."
    ),
    "compare.diff.class_weight": (
        "With class weights {weights:list}, PyTorch's \"mean\" divides the weighted sum by the sum "
        "of the targets' weights ({weight_sum}); Keras (class weights as sample weights) "
        "divides by the number of samples ({count}) with its default reduction. Keras' "
        "\"mean_with_sample_weight\" divides by the weights, as PyTorch does."
    ),
    "compare.diff.similar_hinge": (
        "HingeEmbeddingLoss is not Keras' hinge: it takes distances, costs x itself for a "
        "similar pair (y = 1) and max(0, margin - x) for a dissimilar one (y = -1). Keras' "
        "hinge is max(0, 1 - y·ŷ) on scores."
    ),
    "compare.diff.similar_multimargin": (
        "MultiMarginLoss is not Keras' categorical_hinge: it adds the hinge of every wrong "
        "class and divides by the number of classes; categorical_hinge takes only the best "
        "wrong class's score."
    ),
    "compare.diff.similar_cosine": (
        "CosineEmbeddingLoss is not Keras' cosine_similarity: it compares a pair (x1, x2) and"
        " costs 1 - cos for a similar pair, while Keras reports -cos. Here x1 is y_true and "
        "x2 is y_pred, every pair labelled similar, so PyTorch's loss is Keras' plus 1."
    ),
    "compare.diff.poisson_log": (
        "PoissonNLLLoss defaults to log_input=True: it reads y_pred as the log of the rate "
        "and computes e^x - y·x. Keras' poisson takes the rate itself. Set log_input=False "
        "(and eps=1e-7, Keras' offset) to match."
    ),
    "compare.diff.reduction": (
        "The reductions are not the same choice: Keras \"{keras}\" against PyTorch \"{torch}\". "
        "PyTorch's counterpart of Keras' \"{keras}\" is \"{expected}\"."
    ),
    "compare.conv.one_hot_to_index": (
        "y_true: one-hot rows become class indices {indices:list} (PyTorch's usual target)."
    ),
    "compare.conv.soft_targets": (
        "y_true: rows are not one-hot, so PyTorch gets them as class probabilities."
    ),
    "compare.conv.labels_01_to_pm1": (
        "y_true: labels 0/1 become -1/1, as Keras' hinge converts them."
    ),
    "compare.conv.pair_labels": (
        "y_true becomes x1 of each pair, and every pair gets the label 1 (similar)."
    ),
    "compare.conv.stack_pair": (
        "y_pred becomes (x1, x2) = (y_true, y_pred) stacked on axis 1, shape {shape}."
    ),
    "compare.conv.log_probabilities": (
        "y_pred: the log of the probabilities Keras uses (each row divided by its sum, "
        "clipped to [1e-7, 1 - 1e-7])."
    ),
    "compare.conv.log_kl": (
        "y_pred: the log of the probabilities, clipped to [1e-7, 1] as Keras clips them."
    ),
    "compare.conv.rate": (
        "PyTorch: log_input=False and eps=1e-7, so y_pred is read as the rate, as in Keras."
    ),
    "compare.conv.class_weight_to_sample_weight": (
        "Keras: class weights become one sample weight per sample, the weight of its class: "
        "{weights:list}."
    ),
    "compare.conv.same_numbers": "PyTorch gets the same numbers, read its own way.",
    "params.vector_placeholder": "empty: None, or one number per class like [1, 2, 3]",
    "export.download_json": "Download the trace as JSON",
    "export.header_torch": "Reproduce in PyTorch",
    "export.intro_torch": "Runs with PyTorch on the CPU and prints the numbers above, then the gradient autograd computes.",
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
        "Sums everything and divides by the batch size: the KL divergence per sample, as "
        "Keras gives it."
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
        "The link's {name} is {length} characters long, more than the {limit} Loss Lab reads;"
        " it was ignored."
    ),
    "link.unknown_value": (
        "The link's {name} {value!r} is not known (one of: {allowed}); the default is used."
    ),
    "link.unknown_loss": (
        "The link's loss {value!r} is not a loss Loss Lab knows; the default lesson is shown."
    ),
    "link.bad_array": (
        "The link's {name} could not be read: {error} The loss's own example is shown "
        "instead."
    ),
    "link.bad_param": (
        "The link's {name} could not be used: {error} The default {default} is used instead."
    ),
    "link.unknown_key": (
        "The link has a setting {name!r} that {loss} does not take; it was ignored."
    ),
    "link.tutorial_ignored": (
        "A tutorial link keeps only chapter, y_true and y_pred: its {name} was ignored, since each "
        "chapter has its own loss and settings (open the explainer for those)."
    ),
    "link.missing_start": (
        "The link has steps but not the y_pred they started from (start); the steps were ignored."
    ),
    "present.start": "Present",
    "present.edit": "Change the numbers",
    "present.back": "Back",
    "present.next": "Next",
    "present.exit": "Leave presentation",
    "present.progress": "Step {step} of {total}",
    "present.result": "The loss value",
    "quiz.title": "Quiz",
    "quiz.intro": (
        "Predict the number Keras or PyTorch will compute, then check it against the full "
        "trace of how that number is made."
    ),
    "quiz.source": "Questions",
    "quiz.source.builtin": "Built-in",
    "quiz.source.lesson": "From the explainer",
    "quiz.picker": "Question",
    "quiz.picker_help": "The surprising cases, grouped by family; PyTorch ones compare with Keras.",
    "quiz.group.pytorch": "PyTorch vs Keras",
    "quiz.lesson.ask": "Ask for",
    "quiz.lesson.invalid": "The explainer's current numbers give no loss to guess: {error}",
    "quiz.lesson.not_finite": (
        "This number is not finite, so there is nothing to guess; ask for another one."
    ),
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
    "quiz.verdict.off": (
        "Off: more than 10% away. The steps below show where the number comes from."
    ),
    "quiz.verdict.off_zero": (
        "Off: the true value is 0. The steps below show where the number comes from."
    ),
    "quiz.verdict.close_zero": "Close: the true value is 0 and your guess is within 0.05.",
    "quiz.why": "Why:",
    "quiz.custom_explain": "Follow the steps below: every number in them comes from these inputs.",
    "quiz.link.bad_ask": (
        "The link asks for something this question cannot answer (value, or sample:0 to "
        "sample:{last}); the loss value is asked instead."
    ),
    "quiz.link.bad_ask_unreduced": (
        "The link asks for something this question cannot answer (sample:0 to sample:{last});"
        " sample 0 is asked instead."
    ),
    "quiz.link.bad_ask_form": (
        "The link asks for something the quiz does not know (value, or sample:0, sample:1 and"
        " so on); it was ignored."
    ),
    "quiz.link.unknown_q": (
        "The link names a question Loss Lab does not have; that name was ignored."
    ),
    "quiz.link.invalid": (
        "The link's numbers give no loss to guess, so a built-in question is shown instead. "
        "{error}"
    ),
    "quiz.error.no_value": "An unreduced loss has no single value to guess.",
    "quiz.error.bad_ask": "This question cannot be asked of these numbers.",
    "quiz.q.mse_outlier.title": "MSE with one big error",
    "quiz.q.mse_outlier.hint": "Square each error, average each row, then average the rows.",
    "quiz.q.mse_outlier.explain": (
        "Row 0 costs (0.5² + 0²) / 2 = 0.125, row 1 costs (1² + 3²) / 2 = 5: the single error"
        " of 3 makes almost all of the mean (5 + 0.125) / 2 = 2.5625."
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
    "quiz.q.cce_unnormalised.hint": (
        "Keras divides each row of y_pred by its sum before the logarithm."
    ),
    "quiz.q.cce_unnormalised.explain": (
        "Row 0, [1, 2, 1], becomes [0.25, 0.5, 0.25]; the true class has 0.5, so the loss is "
        "-log(0.5) = log 2 ≈ 0.693, not -log(2)."
    ),
    "quiz.q.hinge_seed.title": "Hinge with 0/1 labels",
    "quiz.q.hinge_seed.hint": (
        "Keras turns labels 0 and 1 into -1 and 1 first, then max(0, 1 - y·ŷ)."
    ),
    "quiz.q.hinge_seed.explain": (
        "Labels become [[-1, 1], [-1, -1]]; the rows cost (1.6 + 0.6) / 2 = 1.1 and (1.4 + "
        "1.6) / 2 = 1.5, and their mean is 1.3."
    ),
    "quiz.q.hinge_minus_one.title": "One -1 among 0/1 hinge labels",
    "quiz.q.hinge_minus_one.hint": (
        "Keras converts 0/1 labels to -1/1 only when every label is 0 or 1."
    ),
    "quiz.q.hinge_minus_one.explain": (
        "The -1 in the last row switches the conversion off for the whole batch: the 0 in row"
        " 0 stays 0 and costs max(0, 1 - 0) = 1, so row 0 costs (1 + 0.6) / 2 = 0.8 instead "
        "of 1.1."
    ),
    "quiz.q.hinge_zero_weight.title": "A zero sample weight",
    "quiz.q.hinge_zero_weight.hint": (
        "The per-sample losses are 1.1 and 1.5. What does the default mean divide by?"
    ),
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
    "quiz.q.dice_whole_batch.hint": (
        "With the default axis=None, Keras pools every element of the batch into one score."
    ),
    "quiz.q.dice_whole_batch.explain": (
        "The overlap is Σ y·ŷ = 3.1, the sizes are Σ y = 5 and Σ ŷ = 3.8, so the loss is 1 - "
        "2 · 3.1 / 8.8 ≈ 0.295: one number for the batch, not a mean of per-sample scores."
    ),
    "quiz.q.ctc_uniform.title": "CTC with uniform logits",
    "quiz.q.ctc_uniform.hint": (
        "Every step gives each of the 3 symbols probability 1/3. How many 3-step paths spell "
        "\"1 2\"?"
    ),
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
    "quiz.q.torch_bce_clamp.hint": (
        "PyTorch does not clip probabilities; it clamps each log at -100."
    ),
    "quiz.q.torch_bce_clamp.explain": (
        "The two confident wrong elements cost -log(0), clamped to 100 each; the right ones "
        "cost 0, so the mean is 200 / 4 = 50. Keras clips p instead and gives {keras_value} for "
        "the same numbers."
    ),
    "quiz.q.torch_ce_probabilities.title": "PyTorch CrossEntropyLoss on probabilities",
    "quiz.q.torch_ce_probabilities.hint": (
        "CrossEntropyLoss always applies a softmax to y_pred: it reads them as logits."
    ),
    "quiz.q.torch_ce_probabilities.explain": (
        "softmax([0.05, 0.95, 0]) gives the true class only {probability}, so the loss is {first} "
        "for sample 0 and {value} on average; Keras' sparse categorical cross-entropy reads the "
        "same numbers as probabilities and gives {keras_value}."
    ),
    "quiz.q.torch_nll_probabilities.title": "PyTorch NLLLoss on probabilities",
    "quiz.q.torch_nll_probabilities.hint": (
        "NLLLoss expects log-probabilities and only negates the true class's entry."
    ),
    "quiz.q.torch_nll_probabilities.explain": (
        "It takes -0.95 and -0.1 as they are, so the mean is -(0.95 + 0.1) / 2 = -0.525: a "
        "negative loss, because no logarithm was taken."
    ),
    # decks
    "share.present_intro": "Or open it straight in presentation mode, one step at a time:",
    "deck.add": "Add to deck",
    "deck.add.help": (
        "Keep this lesson, exactly as it is now, as the next lesson of your deck; presentation "
        "mode plays the deck lesson after lesson."
    ),
    "deck.added": "Added to the deck as lesson {number}: {title}",
    "deck.update": "Replace with the explainer's lesson as it is now (the title stays)",
    "deck.header": {"$count": {"0": "Lesson deck", "other": "Lesson deck · {count}"}},
    "deck.empty": (
        "No lessons yet. Set up a lesson and press Add to deck, or load a ready-made deck below."
    ),
    "deck.title": "Title",
    "deck.up": "Move up",
    "deck.down": "Move down",
    "deck.open": "Open in the explainer",
    "deck.remove": "Remove from the deck",
    "deck.play": "Present the deck",
    "deck.download": "Download",
    "deck.share": "Share the deck",
    "deck.share.present": "Open straight in presentation mode",
    "deck.share.intro": "This link opens Loss Lab with every lesson of this deck, in this order.",
    "deck.share.too_long": (
        "This deck is too long for a link (over {limit} characters). Download it and share the "
        "file instead."
    ),
    "deck.clear": "Empty the deck",
    "deck.load": "Load a deck",
    "deck.builtin.tutorial": "The tutorial's examples",
    "deck.builtin.tutorial.help": "One lesson per tutorial chapter, from a batch to the gradient.",
    "deck.builtin.surprises": "Surprises",
    "deck.builtin.surprises.help": (
        "Clipping at a probability of 0, the hinge's 0/1 conversion, a zero weight that still "
        "counts, probabilities that don't sum to 1."
    ),
    "deck.builtin.frameworks": "Keras vs PyTorch",
    "deck.builtin.frameworks.help": (
        "Each Keras loss, then its PyTorch counterpart on the same numbers: logits, the −100 "
        "clamp, KLDivLoss' mean."
    ),
    "deck.builtin.keras_cce": "Keras categorical cross-entropy on probabilities",
    "deck.builtin.keras_bce": "Keras binary cross-entropy at p = 0 and 1",
    "deck.builtin.keras_kld": "Keras KL divergence, per sample",
    "deck.upload": "Deck file (JSON)",
    "deck.upload.help": "A file saved with Download. Loading it replaces the lessons above.",
    "deck.problems": "Some of this deck could not be loaded",
    "deck.progress": "Lesson {number} of {count}",
    "deck.lesson": {"$title": {"": "Lesson {number}", "other": "Lesson {number} ({title})"}},
    "deck.problem.full": "The deck already holds {limit} lessons, as many as a deck may.",
    "deck.problem.link_too_long": (
        "The deck in the link is {length} characters long, more than the {limit} a link may "
        "carry; it was not loaded."
    ),
    "deck.problem.link_unreadable": (
        "The deck in the link could not be decoded (it may have been cut short when it was "
        "copied); it was not loaded."
    ),
    "deck.problem.too_big": (
        "The deck is {size} bytes, more than the {limit} a deck may be; it was not loaded."
    ),
    "deck.problem.not_utf8": "The deck file is not UTF-8 text; it was not loaded.",
    "deck.problem.json": (
        "The deck file is not valid JSON (line {line}, column {column}); it was not loaded."
    ),
    "deck.problem.shape": (
        "This is not a Loss Lab deck (a JSON object with a list \"lessons\"); it was not loaded."
    ),
    "deck.problem.empty": "The deck has no lessons.",
    "deck.problem.too_many": (
        "The deck has {count} lessons; only the first {limit} were loaded."
    ),
    "deck.problem.not_lesson": (
        "{lesson} is not a lesson (an object with a loss, y_true and y_pred); it was left out."
    ),
    "deck.problem.missing": "{lesson} has no {field}; it was left out.",
    "deck.problem.not_text": "{lesson}: {field} must be text; the lesson was left out.",
    "deck.problem.choice": (
        "{lesson}: its {field} {value!r} is not one of: {allowed}; the lesson was left out."
    ),
    "deck.problem.loss": (
        "{lesson}: {value!r} is not a {framework} loss Loss Lab knows; the lesson was left out."
    ),
    "deck.problem.torch_weight": (
        "{lesson}: PyTorch losses take no sample_weight; the lesson was left out."
    ),
    "deck.problem.array": "{lesson}: its {field} could not be read: {error} The lesson was left out.",
    "deck.problem.not_params": (
        "{lesson}: params must be an object of names and values; the lesson was left out."
    ),
    "deck.problem.param": (
        "{lesson}: its parameter {field} could not be used: {error} The lesson was left out."
    ),
    "deck.problem.unknown_param": "{lesson}: {loss} has no parameter {field!r}; it was ignored.",
    "deck.problem.unknown_field": "{lesson}: {field!r} is not part of a lesson; it was ignored.",
}




LOSSES: dict[str, str] = {
    # losses/spec.py and losses/registry.py: LossSpec.display, .description, .y_true_help,
    # .y_pred_help (loss.<name>.*), Param.help (param.<name>[.<meaning>].help: a meaning tells
    # apart parameters of one name that mean different things, such as Tversky's and focal
    # alpha) and losses.FAMILIES (family.<f>.long, as the quiz names its question groups; the
    # picker's shorter names are the page's own "family.*").
    "family.regression.long": "Regression",
    "family.probabilistic.long": "Probabilistic / classification",
    "family.margin.long": "Margin (hinge)",
    "family.similarity.long": "Similarity and segmentation",
    "family.sequence.long": "Sequence and metric learning",
    'loss.mean_squared_error.display': 'Mean squared error',
    'loss.mean_squared_error.description': 'Squares each error, so large errors dominate.',
    'loss.mean_squared_error.y_true': 'Real-valued targets.',
    'loss.mean_squared_error.y_pred': 'Real-valued predictions, same shape as y_true.',
    'loss.mean_absolute_error.display': 'Mean absolute error',
    'loss.mean_absolute_error.description': 'Absolute errors: every unit of error costs the same.',
    'loss.mean_absolute_error.y_true': 'Real-valued targets.',
    'loss.mean_absolute_error.y_pred': 'Real-valued predictions, same shape as y_true.',
    'loss.mean_absolute_percentage_error.display': 'Mean absolute percentage error',
    'loss.mean_absolute_percentage_error.description': 'Errors relative to the target, in percent; a target of 0 is divided by 1e-7.',
    'loss.mean_absolute_percentage_error.y_true': 'Real-valued targets (avoid 0).',
    'loss.mean_absolute_percentage_error.y_pred': 'Real-valued predictions, same shape as y_true.',
    'loss.mean_squared_logarithmic_error.display': 'Mean squared logarithmic error',
    'loss.mean_squared_logarithmic_error.description': 'Squared error between log(1 + value): relative errors, for positive targets.',
    'loss.mean_squared_logarithmic_error.y_true': 'Non-negative targets.',
    'loss.mean_squared_logarithmic_error.y_pred': 'Non-negative predictions, same shape as y_true.',
    'loss.huber.display': 'Huber',
    'loss.huber.description': 'Quadratic for small errors, linear beyond delta: robust to outliers.',
    'loss.huber.y_true': 'Real-valued targets.',
    'loss.huber.y_pred': 'Real-valued predictions, same shape as y_true.',
    'loss.log_cosh.display': 'Log-cosh',
    'loss.log_cosh.description': 'log(cosh(error)): about e^2/2 for small errors, |e| - log 2 for large ones.',
    'loss.log_cosh.y_true': 'Real-valued targets.',
    'loss.log_cosh.y_pred': 'Real-valued predictions, same shape as y_true.',
    'loss.binary_crossentropy.display': 'Binary cross-entropy',
    'loss.binary_crossentropy.description': 'Log loss of each independent yes/no prediction; probabilities are clipped to [1e-7, 1 - 1e-7].',
    'loss.binary_crossentropy.y_true': 'Labels 0 or 1 (or soft labels in [0, 1]).',
    'loss.binary_crossentropy.y_pred': 'Probabilities of label 1 (or logits with from_logits).',
    'loss.binary_focal_crossentropy.display': 'Binary focal cross-entropy',
    'loss.binary_focal_crossentropy.description': 'Binary cross-entropy scaled by (1 - p_t)^gamma, so easy examples count less.',
    'loss.binary_focal_crossentropy.y_true': 'Labels 0 or 1.',
    'loss.binary_focal_crossentropy.y_pred': 'Probabilities of label 1 (or logits with from_logits).',
    'loss.categorical_crossentropy.display': 'Categorical cross-entropy',
    'loss.categorical_crossentropy.description': 'Minus the log of the probability given to the true class (natural log).',
    'loss.categorical_crossentropy.y_true': 'One-hot rows (or soft labels that sum to 1).',
    'loss.categorical_crossentropy.y_pred': 'Class probabilities per row (renormalised to sum to 1), or logits with from_logits.',
    'loss.sparse_categorical_crossentropy.display': 'Sparse categorical cross-entropy',
    'loss.sparse_categorical_crossentropy.description': 'Categorical cross-entropy with the true class given as an index instead of one-hot.',
    'loss.sparse_categorical_crossentropy.y_true': 'One class index per row (0 to C - 1).',
    'loss.sparse_categorical_crossentropy.y_pred': 'Class probabilities per row (renormalised), or logits with from_logits.',
    'loss.categorical_focal_crossentropy.display': 'Categorical focal cross-entropy',
    'loss.categorical_focal_crossentropy.description': 'Cross-entropy scaled by alpha (1 - p)^gamma: confident correct predictions count less.',
    'loss.categorical_focal_crossentropy.y_true': 'One-hot rows.',
    'loss.categorical_focal_crossentropy.y_pred': 'Class probabilities per row (renormalised), or logits with from_logits.',
    'loss.categorical_generalized_cross_entropy.display': 'Generalized cross-entropy',
    'loss.categorical_generalized_cross_entropy.description': '(1 - p_y^q) / q: between cross-entropy (q -> 0) and MAE (q = 1); robust to noisy labels.',
    'loss.categorical_generalized_cross_entropy.y_true': 'One class index per row.',
    'loss.categorical_generalized_cross_entropy.y_pred': 'Class probabilities per row (used as given).',
    'loss.kl_divergence.display': 'KL divergence',
    'loss.kl_divergence.description': "How much y_pred's distribution differs from y_true's; both clipped to [1e-7, 1].",
    'loss.kl_divergence.y_true': 'A probability distribution per row.',
    'loss.kl_divergence.y_pred': 'A probability distribution per row.',
    'loss.poisson.display': 'Poisson',
    'loss.poisson.description': 'Negative log-likelihood of counts under a Poisson rate (without the constant term).',
    'loss.poisson.y_true': 'Counts (non-negative).',
    'loss.poisson.y_pred': 'Predicted rates (positive).',
    'loss.hinge.display': 'Hinge',
    'loss.hinge.description': 'max(0, 1 - y * y_pred): zero once the prediction is on the right side by a margin of 1.',
    'loss.hinge.y_true': 'Labels -1 or 1 (0/1 labels are converted when ALL labels are 0 or 1).',
    'loss.hinge.y_pred': 'Real-valued scores.',
    'loss.squared_hinge.display': 'Squared hinge',
    'loss.squared_hinge.description': 'The hinge, squared: smooth at the margin and harsher on large violations.',
    'loss.squared_hinge.y_true': 'Labels -1 or 1 (0/1 labels are converted when ALL labels are 0 or 1).',
    'loss.squared_hinge.y_pred': 'Real-valued scores.',
    'loss.categorical_hinge.display': 'Categorical hinge',
    'loss.categorical_hinge.description': "The best wrong-class score must be at least 1 below the true class's score.",
    'loss.categorical_hinge.y_true': 'One-hot rows.',
    'loss.categorical_hinge.y_pred': 'Real-valued scores per class.',
    'loss.cosine_similarity.display': 'Cosine similarity',
    'loss.cosine_similarity.description': 'Minus the cosine of the angle between y_true and y_pred: -1 when they point the same way.',
    'loss.cosine_similarity.y_true': 'Vectors (one per row).',
    'loss.cosine_similarity.y_pred': 'Vectors, same shape as y_true.',
    'loss.dice.display': 'Dice',
    'loss.dice.description': '1 - 2|A and B| / (|A| + |B|): overlap of a predicted mask with the true mask.',
    'loss.dice.y_true': 'Mask values 0 or 1.',
    'loss.dice.y_pred': 'Predicted mask probabilities.',
    'loss.tversky.display': 'Tversky',
    'loss.tversky.description': "Dice with separate weights for the two kinds of miss. In Keras' code alpha weights the true mask the prediction missed and beta the prediction outside the mask, although Keras calls them false positives and false negatives.",
    'loss.tversky.y_true': 'Mask values 0 or 1.',
    'loss.tversky.y_pred': 'Predicted mask probabilities.',
    'loss.circle.display': 'Circle loss',
    'loss.circle.description': 'Pulls same-label embeddings together and pushes others apart, weighting the pairs furthest from their optimum most.',
    'loss.circle.y_true': 'One integer label per sample.',
    'loss.circle.y_pred': 'One embedding vector per sample; Keras expects unit-length rows and does not normalise them.',
    'loss.ctc.display': 'CTC',
    'loss.ctc.description': 'Connectionist temporal classification: minus the log of the total probability of every alignment of the label sequence to the time steps.',
    'loss.ctc.y_true': 'Label sequences (N, L) of class ids 1..C-1; 0 pads (and is the blank).',
    'loss.ctc.y_pred': 'Per-step scores (N, T, C), turned into probabilities with log-softmax.',
    'loss.MSELoss.display': 'MSELoss',
    'loss.MSELoss.description': 'Squared error of each element; "mean" averages over every element at once.',
    'loss.MSELoss.y_true': "Targets (torch's target).",
    'loss.MSELoss.y_pred': "Predictions (torch's input), same shape as y_true.",
    'loss.L1Loss.display': 'L1Loss',
    'loss.L1Loss.description': 'Absolute error of each element.',
    'loss.L1Loss.y_true': "Targets (torch's target).",
    'loss.L1Loss.y_pred': "Predictions (torch's input), same shape as y_true.",
    'loss.HuberLoss.display': 'HuberLoss',
    'loss.HuberLoss.description': "Quadratic for errors below delta, linear beyond: Keras' Huber, element by element.",
    'loss.HuberLoss.y_true': "Targets (torch's target).",
    'loss.HuberLoss.y_pred': "Predictions (torch's input), same shape as y_true.",
    'loss.SmoothL1Loss.display': 'SmoothL1Loss',
    'loss.SmoothL1Loss.description': 'Huber divided by beta: quadratic below beta, then |error| - beta / 2.',
    'loss.SmoothL1Loss.y_true': "Targets (torch's target).",
    'loss.SmoothL1Loss.y_pred': "Predictions (torch's input), same shape as y_true.",
    'loss.BCELoss.display': 'BCELoss',
    'loss.BCELoss.description': 'Binary cross-entropy of probabilities; each log is clamped at -100, so the cap is 100.',
    'loss.BCELoss.y_true': 'Labels 0 or 1 (or soft labels in [0, 1]).',
    'loss.BCELoss.y_pred': "Probabilities in [0, 1] (torch's input).",
    'loss.BCEWithLogitsLoss.display': 'BCEWithLogitsLoss',
    'loss.BCEWithLogitsLoss.description': 'Sigmoid and binary cross-entropy in one stable step, from logits.',
    'loss.BCEWithLogitsLoss.y_true': 'Labels 0 or 1 (or soft labels in [0, 1]).',
    'loss.BCEWithLogitsLoss.y_pred': "Logits (raw scores, torch's input).",
    'loss.CrossEntropyLoss.display': 'CrossEntropyLoss',
    'loss.CrossEntropyLoss.description': 'Log-softmax of the logits, then minus the log-probability of the target class.',
    'loss.CrossEntropyLoss.y_true': 'One class index per sample (N,), or class probabilities (N, C).',
    'loss.CrossEntropyLoss.y_pred': 'Logits (raw scores), classes on axis 1: (N, C) or (N, C, d).',
    'loss.NLLLoss.display': 'NLLLoss',
    'loss.NLLLoss.description': 'Minus the given log-probability of the target class (apply log_softmax first).',
    'loss.NLLLoss.y_true': 'One class index per sample (N,).',
    'loss.NLLLoss.y_pred': 'Log-probabilities, classes on axis 1: (N, C) or (N, C, d).',
    'loss.KLDivLoss.display': 'KLDivLoss',
    'loss.KLDivLoss.description': 'Pointwise KL divergence from log-probabilities; "batchmean" gives the KL divergence, "mean" (the default) divides by every element.',
    'loss.KLDivLoss.y_true': 'Target probabilities (log-probabilities with log_target).',
    'loss.KLDivLoss.y_pred': "Log-probabilities (torch's input), same shape as y_true.",
    'loss.PoissonNLLLoss.display': 'PoissonNLLLoss',
    'loss.PoissonNLLLoss.description': 'Poisson negative log-likelihood; by default y_pred is the log of the rate.',
    'loss.PoissonNLLLoss.y_true': 'Counts (non-negative).',
    'loss.PoissonNLLLoss.y_pred': 'Log-rates (log_input=True, the default) or rates.',
    'loss.HingeEmbeddingLoss.display': 'HingeEmbeddingLoss',
    'loss.HingeEmbeddingLoss.description': 'For a distance x: x itself for similar pairs (y = 1), max(0, margin - x) for dissimilar (y = -1).',
    'loss.HingeEmbeddingLoss.y_true': 'Labels 1 (similar) or -1 (dissimilar).',
    'loss.HingeEmbeddingLoss.y_pred': "Distances (torch's input), same shape as y_true.",
    'loss.SoftMarginLoss.display': 'SoftMarginLoss',
    'loss.SoftMarginLoss.description': 'Logistic loss log(1 + exp(-y x)) for labels 1 or -1.',
    'loss.SoftMarginLoss.y_true': 'Labels 1 or -1.',
    'loss.SoftMarginLoss.y_pred': 'Real-valued scores, same shape as y_true.',
    'loss.MultiMarginLoss.display': 'MultiMarginLoss',
    'loss.MultiMarginLoss.description': "Multi-class hinge: every other class within margin of the target's score costs, summed and divided by the number of classes.",
    'loss.MultiMarginLoss.y_true': 'One class index per sample (N,).',
    'loss.MultiMarginLoss.y_pred': 'Scores per class (N, C).',
    'loss.CosineEmbeddingLoss.display': 'CosineEmbeddingLoss',
    'loss.CosineEmbeddingLoss.description': '1 - cos(x1, x2) for pairs that should match (y = 1), max(0, cos - margin) for pairs that should not (y = -1).',
    'loss.CosineEmbeddingLoss.y_true': 'One label per pair: 1 (similar) or -1 (dissimilar), shape (N,).',
    'loss.CosineEmbeddingLoss.y_pred': 'The pair stacked on axis 1, shape (N, 2, D): y_pred[:, 0] is x1, y_pred[:, 1] is x2.',
    'loss.MarginRankingLoss.display': 'MarginRankingLoss',
    'loss.MarginRankingLoss.description': 'x1 should score above x2 by margin when y = 1, below when y = -1.',
    'loss.MarginRankingLoss.y_true': 'One label per pair: 1 (x1 ranks higher) or -1 (x2 ranks higher), shape (N,).',
    'loss.MarginRankingLoss.y_pred': 'The pair as two columns, shape (N, 2): y_pred[:, 0] is x1, y_pred[:, 1] is x2.',
    'param.delta.help': 'Where the quadratic part becomes linear.',
    'param.from_logits.help': 'y_pred holds logits (raw scores), not probabilities.',
    'param.label_smoothing.help': 'Move the targets towards uniform by this amount.',
    'param.label_smoothing.mix.help': 'Mix this much of a uniform distribution into the targets.',
    'param.axis.help': 'The axis the loss aggregates over.',
    'param.axis.overlap.help': 'None: one score for the whole batch; an axis or several: one score per sample.',
    'param.apply_class_balancing.help': 'Weight positives by alpha, negatives by 1 - alpha.',
    'param.alpha.focal.help': 'Weight of the positive class.',
    'param.alpha.tversky.help': "Weight of sum(y (1 - y_pred)), the missed true mask (Keras' 'fp').",
    'param.alpha.focal_per_class.help': 'Weight of each class: one number for all, or a list with one weight per class.',
    'param.gamma.focal_per_class.help': 'Focusing strength: 0 gives plain cross-entropy; a list gives one per class.',
    'param.gamma.focal.help': 'Focusing strength: 0 gives plain cross-entropy.',
    'param.gamma.circle.help': 'Scale of the similarities.',
    'param.ignore_class.help': 'Rows whose label is this class are masked out of the loss.',
    'param.q.help': 'Between 0 (cross-entropy) and 1 (MAE).',
    'param.beta.tversky.help': "Weight of sum((1 - y) y_pred), the prediction outside the mask (Keras' 'fn').",
    'param.beta.smooth_l1.help': 'Where the quadratic part becomes linear (0: L1Loss).',
    'param.margin.circle.help': 'Relaxation margin m.',
    'param.margin.hinge_embedding.help': 'Dissimilar pairs closer than this cost margin - x.',
    'param.margin.multi_margin.help': 'How far the target must lead every other class.',
    'param.margin.help': 'The margin.',
    'param.remove_diagonal.help': "Ignore each sample's pair with itself.",
    'param.weight.element.help': 'Rescales each element; broadcast along the last axis.',
    'param.weight.class.help': 'One weight per class; "mean" then divides by the weights of the targets.',
    'param.pos_weight.help': 'Weight of the positive term, one per class (last axis).',
    'param.ignore_index.help': 'Targets equal to this index count 0 and leave the divisor.',
    'param.log_target.help': 'y_true holds log-probabilities.',
    'param.log_input.help': 'y_pred is the log of the rate.',
    'param.full.help': "Add Stirling's approximation of log(y!) where y > 1.",
    'param.eps.help': 'Added to the rate before the log (log_input=False).',
    'param.p.help': '1 or 2: the power of each hinge.',
}


_SHAPES = "y_true has shape {y_true_shape} and y_pred has shape {y_pred_shape}: "

# losses/compute.py, losses/reduction.py, losses/errors.py, losses/spec.py: steps, notes and errors every loss shares
# (core section)
CORE: dict[str, object] = {
    # Words inside formulas (messages.Word), set in \text{...} by render_formula.
    "latex.more": "{count} more",
    "latex.no_reduction": "no reduction",
    "latex.otherwise": "otherwise",
    "step.per_sample": "Per-sample loss",
    "step.per_sample.torch": 'Unreduced loss (what reduction="none" returns)',
    "step.weighting": "Weight each sample",
    "step.reduction": "Reduction: {reduction}",
    "note.zero_weight_counted": (
        "A sample with weight 0 adds nothing to the sum but is still counted in the divisor "
        "{divisor} of {reduction}."
    ),
    "note.scalar_weight_divisor": (
        "The weight is one number ({weight}), so mean_with_sample_weight divides by that number "
        "once, not by the sum of {count} weights."
    ),
    "note.scalar_not_reduced": (
        "The loss is already a single number (one sample, or a loss over the whole batch), so "
        "Keras returns it without reduction."
    ),
    "note.weight_broadcast_last_axis": (
        "The per-sample loss has shape {loss_shape} and the weights have shape {weight_shape}: "
        "numpy broadcasting lines the weights up with the LAST axis, not the batch axis. Give "
        "weights of shape (N, 1) to weight whole samples."
    ),
    "note.float_rounding": (
        "Numbers are shown with 4 significant digits, but {dtype} computes with about 7: sample "
        "{sample} is exactly {exact}, just below 1, so its terms, shown rounded, seem to add up to "
        "more than it."
    ),
    "note.empty_batch": (
        "The batch has no samples, so there is nothing to add up: Keras returns an empty array."
    ),
    "note.empty_batch_unreduced": "The batch is empty: Keras returns the empty array unreduced.",
    "note.non_finite": {"$framework": {
        "pytorch": (
            "Some per-sample losses are NaN or infinite: PyTorch would return the same, and the "
            "reduction propagates them."
        ),
        "other": (
            "Some per-sample losses are NaN or infinite: Keras would return the same, and the "
            "reduction propagates them."
        ),
    }},
    "error.shape.same": _SHAPES + "they must have the same shape, one y_true per y_pred.",
    "error.shape.same.keras": (
        _SHAPES + "they must have the same shape, one y_true per y_pred. Keras would not stop "
        "here: it stretches both to shape {shape}, repeating the values along every axis of length "
        "1, so predictions are compared with targets they were never paired with, and it returns "
        "{keras_value} without a word of warning."
    ),
    "error.shape.sparse": (
        _SHAPES + "y_true must hold one class index per row of y_pred (shape {index_shape})."
    ),
    "error.shape.sparse_axis": (
        _SHAPES + "with axis = {axis}, one class index per position of y_pred outside that axis "
        "is needed (shape {index_shape})."
    ),
    "error.shape.embedding": (
        _SHAPES + "y_true must be one integer label per sample (N,) and y_pred one embedding per "
        "sample (N, d)."
    ),
    "error.shape.sequence": (
        _SHAPES + "y_true must be label sequences (N, L) and y_pred per-step scores (N, T, C) for "
        "the same N."
    ),
    "error.shape.ctc_empty": _SHAPES + "CTC needs at least one time step and one label column.",
    "error.shape.torch_same": _SHAPES + "PyTorch needs exactly the same shape, one target per input.",
    "error.shape.torch_pair": (
        _SHAPES + "y_pred must hold the pair (x1, x2) in two columns, shape (N, 2), and y_true one "
        "label 1 or -1 per row, shape (N,)."
    ),
    "error.shape.torch_embedding_pair": (
        _SHAPES + "y_pred must hold the pair (x1, x2) of embeddings, shape (N, 2, D) with "
        "y_pred[:, 0] = x1 and y_pred[:, 1] = x2, and y_true one label 1 or -1 per pair, shape (N,)."
    ),
    "error.shape.torch_scores": (
        _SHAPES + "y_pred must hold one row of class scores per sample, shape (N, C)."
    ),
    "error.shape.torch_multi_margin": _SHAPES + "MultiMarginLoss takes y_pred of shape (N, C).",
    "error.shape.torch_index": (
        _SHAPES + "y_true must hold one class index per sample, shape {index_shape}. PyTorch puts "
        "the classes on axis 1."
    ),
    "error.shape.torch_index_or_probabilities": (
        _SHAPES + "y_true must hold one class index per sample, shape {index_shape}, or class "
        "probabilities of y_pred's shape {y_pred_shape}. PyTorch puts the classes on axis 1."
    ),
    "error.loss_name_type": "The loss name must be text, like 'hinge', not {value}.",
    "error.digits": "digits must be a whole number from 1 to 17, not {value}.",
    "error.empty_elements": (
        "{argument} has shape {shape}: every sample needs at least one number along the last "
        "axis (Keras would average an empty row to NaN)."
    ),
    "error.too_much_work": (
        "y_pred has shape {shape}: {loss} would build arrays of {work:,} elements "
        "(about {memory_mb:.0f} MB), more than Loss Lab computes at once ({work_limit:,} "
        "elements, {memory_limit_mb:.0f} MB). Use a smaller batch."
    ),
    "error.non_finite": (
        "{argument} contains a non-finite number (NaN or infinity) at position {position}."
    ),
    "error.overflow": "{argument} has a number at position {position} too large for {dtype}.",
    "error.not_numeric": (
        "{argument} must be a rectangular array of numbers (every row the same length)."
    ),
    "error.scalar_input": (
        "y_true and y_pred must be arrays (at least one row of numbers), not single numbers."
    ),
    "error.rank": {"$limit": {
        "3": "{argument} has {ndim} dimensions; Loss Lab takes at most 3 (batch, time, features).",
        "other": "{argument} has {ndim} dimensions; this loss takes at most {limit}.",
    }},
    "error.unknown_reduction": {"$framework": {
        "pytorch": {"$none": {
            "true": (
                "reduction: '{value}' is not a reduction of {loss}. Choose one of: {choices}. "
                'PyTorch spells no reduction as the string "none".'
            ),
            "other": "reduction: '{value}' is not a reduction of {loss}. Choose one of: {choices}.",
        }},
        "other": "reduction: '{value}' is not a Keras reduction. Choose one of: {choices}.",
    }},
    "error.dtype": "dtype must be float32 or float64, not '{value}'.",
    "error.unknown_param": "{loss} has no parameter '{argument}'. Its parameters are: {allowed}.",
    "error.param_range": "{argument} = {value} is out of range: it must be in {range}.",
    "error.param_type": {"$expected": {
        "number": "{argument} must be a number, not {value}.",
        "finite": "{argument} must be a finite number, not {value}.",
        "bool": "{argument} must be True or False, not {value}.",
        "whole": "{argument} must be a whole number, not {value}.",
        "whole_or_none": "{argument} must be a whole number or None, not {value}.",
        "axes": "{argument} must be a whole number or a list of distinct whole numbers, not {value}.",
        "axes_or_none": (
            "{argument} must be a whole number, a list of distinct whole numbers or None, not "
            "{value}."
        ),
        "list": "{argument} must be a list of numbers, not {value}.",
        "list_or_none": "{argument} must be a list of numbers or None, not {value}.",
        "other": "{argument} must be a non-empty list of finite numbers, not {value}.",
    }},
    "error.weight_shape": (
        "sample_weight has shape {weight_shape}, which cannot be matched to the per-sample losses "
        "of shape {loss_shape}. Give one weight per sample."
    ),
    "error.axis": "axis = {axis} does not exist for inputs with {ndim} dimensions.",
    "error.axis_repeated": (
        "axis = {axis} names the same dimension twice for inputs with {ndim} dimensions."
    ),
    "error.class_range": (
        "y_true must hold class indices 0 to {last} (y_pred has {classes} columns); found {value} "
        "at position {position}."
    ),
    "error.class_range.keras": (
        "y_true must hold class indices 0 to {last} (y_pred has {classes} columns); found {value} "
        "at position {position}. Keras would not stop here: it one-hot encodes {value} as a row of "
        "zeros, so no class is the true one, gives that sample a loss of {sample_loss} without a "
        "word, and returns {keras_value}."
    ),
    "error.class_range.ctc": (
        "y_true must hold labels 1 to {last} (0 pads; y_pred has {classes} classes); found {value} "
        "at position {position}."
    ),
    "error.class_range.ctc.keras": (
        "y_true must hold labels 1 to {last} (0 pads; y_pred has {classes} classes); found {value} "
        "at position {position}. Keras would not stop here: label {value} has no column in y_pred, "
        "its one-hot row is all zeros, so emitting it costs nothing (log-probability 0, "
        "probability 1) at every step. That sample's loss becomes {sample_loss}, lower than any "
        "real label could give and possibly below 0, and Keras returns {keras_value}."
    ),
    "error.integer_labels": "y_true must hold whole-number labels.",
    "error.torch_sample_weight": (
        "PyTorch losses take no sample_weight: their forward is (input, target). Class weights go "
        "in the loss's weight parameter."
    ),
}
# end of core section


# losses/regression.py
# (regression section)
REGRESSION: dict[str, object] = {
    "step.error": "Error y_pred - y_true",
    "step.mse.term": "Square each error",
    "step.mae.term": "Absolute value of each error",
    "step.mape.denominator": "Denominator |y_true|, at least 1e-7",
    "step.mape.ratio": "Relative error",
    "step.mape.term": "In percent",
    "step.msle.log_pred": "log(max(y_pred, 1e-7) + 1)",
    "step.msle.log_true": "log(max(y_true, 1e-7) + 1)",
    "step.msle.term": "Squared log difference",
    "step.huber.term": "Quadratic inside |e| <= {delta}, linear outside",
    "step.log_cosh.term": "log(cosh(x)), computed stably",
    "note.mape_zero_target": {"$count": {
        "one": "1 target is 0 (or nearly): Keras divides by 1e-7 there, so that term is huge.",
        "other": (
            "{count} targets are 0 (or nearly): Keras divides by 1e-7 there, so those terms are "
            "huge."
        ),
    }},
    "note.msle_negative": (
        "Negative values are raised to 1e-7 before the logarithm, so MSLE treats every negative "
        "number as 0."
    ),
    # PyTorch's HuberLoss (losses/regression.py, framework="pytorch") is linear from |error| = delta.
    "note.huber_linear": {"$framework": {
        "pytorch": {"$count": {
            "one": (
                "1 element has |error| >= delta = {delta} and uses the linear branch: large errors "
                "grow linearly, not quadratically."
            ),
            "other": (
                "{count} elements have |error| >= delta = {delta} and use the linear branch: large "
                "errors grow linearly, not quadratically."
            ),
        }},
        "other": {"$count": {
            "one": (
                "1 element has |error| > delta = {delta} and uses the linear branch: large errors "
                "grow linearly, not quadratically."
            ),
            "other": (
                "{count} elements have |error| > delta = {delta} and use the linear branch: large "
                "errors grow linearly, not quadratically."
            ),
        }},
    }},
}
# end of regression section


# losses/margin.py
# (margin section)
MARGIN: dict[str, object] = {
    "step.hinge.label_conversion": "Labels {{0, 1}} become {{-1, 1}}",
    "step.hinge.labels_kept": "Labels kept as given (not all 0/1)",
    "step.hinge.margin": "Margin y' * y_pred",
    "step.hinge.hinge": "Hinge max(0, 1 - m)",
    "step.squared_hinge.term": "Square each hinge",
    "step.categorical_hinge.positive": "Score of the true class: sum(y * y_pred)",
    "step.categorical_hinge.negative": "Best wrong-class score: max((1 - y) * y_pred)",
    "note.hinge_converted": (
        "All labels are 0 or 1, so Keras first turns them into -1 and 1 (y' = 2y - 1)."
    ),
    "note.hinge_not_converted": (
        "y_true contains {value}, which is neither 0 nor 1, so Keras converts NO label in the "
        "whole batch: every 0 stays 0 and contributes a term of 1."
    ),
}
# end of margin section


# losses/probabilistic.py
# (probabilistic section)
_PROB_CLIPPED_ONE = "{count} prediction was outside [1e-7, {high:.8g}] and clipped into it"
_PROB_CLIPPED_MANY = "{count} predictions were outside [1e-7, {high:.8g}] and clipped into it"
_PROB_CLIP_F32 = " (1 - 1e-7 rounds to {high:.8g} in float32), "
_PROB_CLIP_BINARY = (
    "so the log never sees 0: a prediction of 0 for label 1 costs -log(1e-7) = {cost_low} and a "
    "prediction of 1 for label 0 costs -log(1 - {high:.8g}) = {cost_high}, not infinity."
)
_PROB_CLIP_CATEGORICAL = (
    "so the log never sees 0: a true class given probability 0 costs -log(1e-7) = {cost_low}, not "
    "infinity. A clipped 0 in a class whose target is 0 adds nothing."
)
_PROB_IGNORE_CLASS = (
    " have label {ignore_class} and are ignored. Keras replaces their y_pred by zeros (0 / 0 gives "
    "NaN when renormalising, logits of 0 give log C), sets their loss to 0 and attaches a mask to "
    "the result: the mask becomes a weight of 0 for them and {total}/{kept} for the others under "
    "sum_over_batch_size and mean, so the mean is over the rows that are not ignored."
)
_PROB_BACKEND_LOGITS = (
    " so large that the sigmoid rounds to 0 or 1. Keras' jax, TensorFlow and PyTorch backends use "
    "log-sigmoid and stay exact: the logit {logit} with label {label} costs {value}. Keras' numpy "
    "backend takes the sigmoid first and clips it to [1e-7, 1 - 1e-7], which gives {numpy_value}."
)
_PROB_RENORMALISED = (
    " of y_pred do not sum to 1 (row sums {sums:list}): Keras divides each row by its sum before "
    "taking the log, so only the proportions within a row matter."
)
_PROB_KL_CLIPPED = (
    " of y_true or y_pred outside [1e-7, 1] were clipped into it: a target of 0 becomes 1e-7 and "
    "adds 1e-7 · log(1e-7 / p), a tiny (usually negative) term, instead of exactly 0; a prediction "
    "of 0 becomes 1e-7."
)
_PROB_POISSON_ZERO = (
    " 0 (or less) where the count is positive: the rate is only shifted by 1e-7, so "
    "log(0 + 1e-7) = -16.12 makes those terms large (or NaN for negative rates)."
)

PROBABILISTIC: dict[str, object] = {
    "note.cce_no_true_class": {"$count": {
        "one": (
            "1 row of y_true has no true class (all zeros): its loss is 0, because every term is "
            "-0 · log p. Keras computes it without complaint; it teaches the model nothing."
        ),
        "other": (
            "{count} rows of y_true have no true class (all zeros): their loss is 0, because every "
            "term is -0 · log p. Keras computes them without complaint; they teach the model nothing."
        ),
    }},
    "note.cce_not_one_hot": {"$count": {
        "one": (
            "1 row of y_true does not sum to 1, so it is no probability distribution: Keras still "
            "adds -y_j log p_j over the classes, and a target of 2 counts twice."
        ),
        "other": (
            "{count} rows of y_true do not sum to 1, so they are no probability distributions: "
            "Keras still adds -y_j log p_j over the classes, and a target of 2 counts twice."
        ),
    }},
    # Steps every cross-entropy shares (the helpers of losses/probabilistic.py).
    "step.probabilistic.clip": "Clip the probabilities",
    "step.probabilistic.sigmoid": "Sigmoid turns logits into probabilities",
    "step.probabilistic.softmax": "Softmax turns logits into probabilities",
    "step.probabilistic.log_softmax": "Log-probabilities by log-softmax",
    "step.probabilistic.renormalise": "Divide each row by its sum",
    "step.probabilistic.log_p": "Natural log of each probability",
    "step.probabilistic.label_smoothing": {"$kind": {
        "binary": "Smooth the labels towards 0.5",
        "other": "Smooth the labels: move {label_smoothing} of the mass to all {classes} classes",
    }},
    "step.probabilistic.one_hot": "Class index becomes a one-hot row",
    # binary_crossentropy
    "step.bce.log_p": {"$from_logits": {
        "true": "Log of the probability of label 1, by log-sigmoid",
        "other": "Log of the probability of label 1",
    }},
    "step.bce.log_one_minus_p": {"$from_logits": {
        "true": "Log of the probability of label 0, by log-sigmoid",
        "other": "Log of the probability of label 0",
    }},
    "step.bce.term": "Cross-entropy of each element",
    # binary_focal_crossentropy
    "step.binary_focal.bce": "Binary cross-entropy of each element",
    "step.binary_focal.p_t": "Probability given to the true label",
    "step.binary_focal.focal_factor": "Focal factor: easy elements (p_t near 1) count less",
    "step.binary_focal.class_weight": "Class balancing: alpha for label 1, 1 - alpha for label 0",
    "step.binary_focal.term": "Focal term of each element",
    # categorical_crossentropy and sparse_categorical_crossentropy
    "step.cce.term": "Each class's term: only classes with a nonzero target count",
    "step.sparse_cce.ignore_class": "Rows labelled {ignore_class} are ignored: Keras zeroes their y_pred",
    "step.sparse_cce.ignore_class_loss": "Ignored rows get loss 0 and are masked out",
    # categorical_focal_crossentropy
    "step.categorical_focal.cross_entropy": "Cross-entropy of each class",
    "step.categorical_focal.focal_factor": "Focal factor: confident classes (p near 1) count less",
    "step.categorical_focal.term": "Focal term of each class",
    # categorical_generalized_cross_entropy
    "step.gce.p_true": "Probability of the true class",
    "step.gce.power": "Raise it to the power q",
    # kl_divergence
    "step.kl.clip_true": "Clip y_true to [1e-7, 1]",
    "step.kl.clip_pred": "Clip y_pred to [1e-7, 1]",
    "step.kl.ratio": "Ratio y / p",
    "step.kl.term": "Each class's term",
    # poisson
    "step.poisson.log_pred": "Log of the predicted rate (plus 1e-7)",
    "step.poisson.term": "Rate minus count times log-rate",
    # Notes. note.clipped: "binary" picks the costs named, "dtype" the float32 rounding remark.
    "note.clipped": {"$dtype": {
        "float32": {"$binary": {
            "true": {"$count": {
                "one": _PROB_CLIPPED_ONE + _PROB_CLIP_F32 + _PROB_CLIP_BINARY,
                "other": _PROB_CLIPPED_MANY + _PROB_CLIP_F32 + _PROB_CLIP_BINARY,
            }},
            "other": {"$count": {
                "one": _PROB_CLIPPED_ONE + _PROB_CLIP_F32 + _PROB_CLIP_CATEGORICAL,
                "other": _PROB_CLIPPED_MANY + _PROB_CLIP_F32 + _PROB_CLIP_CATEGORICAL,
            }},
        }},
        "other": {"$binary": {
            "true": {"$count": {
                "one": _PROB_CLIPPED_ONE + ", " + _PROB_CLIP_BINARY,
                "other": _PROB_CLIPPED_MANY + ", " + _PROB_CLIP_BINARY,
            }},
            "other": {"$count": {
                "one": _PROB_CLIPPED_ONE + ", " + _PROB_CLIP_CATEGORICAL,
                "other": _PROB_CLIPPED_MANY + ", " + _PROB_CLIP_CATEGORICAL,
            }},
        }},
    }},
    "note.backend_logits": {"$count": {
        "one": "{count} logit is" + _PROB_BACKEND_LOGITS,
        "other": "{count} logits are" + _PROB_BACKEND_LOGITS,
    }},
    "note.focal_sigmoid_first": (
        "With from_logits, binary focal cross-entropy takes the sigmoid first and then the clipped "
        "log (binary_crossentropy uses log-sigmoid instead), so large logits saturate: a wrong "
        "label's cross-entropy stops at {cap_label_1} (label 1) or {cap_label_0} (label 0) however "
        "large the logit."
    ),
    "note.renormalised": {"$count": {
        "one": "{count} row" + _PROB_RENORMALISED,
        "other": "{count} rows" + _PROB_RENORMALISED,
    }},
    "note.zero_row_sum": (
        "A row of y_pred sums to 0: Keras divides 0 by 0 there, and that row's loss is NaN."
    ),
    "note.single_class": (
        "y_pred has a single column: renormalising makes every probability 1 (clipped to {cap}), so "
        "the loss hardly depends on y_pred. Keras warns too; for two classes use "
        "binary_crossentropy instead of {name}."
    ),
    "note.smoothing_last_axis": (
        "Keras divides the smoothing by the size of the last axis ({classes}), not by the number of "
        "classes on axis {axis} ({axis_size}), so the smoothed targets do not sum to 1."
    ),
    "note.ignore_class": {"$total": {
        "one": "{count} of {total} row" + _PROB_IGNORE_CLASS,
        "other": "{count} of {total} rows" + _PROB_IGNORE_CLASS,
    }},
    "note.gce_broadcast": (
        "y_true has shape {y_true_shape}: Keras one-hots it without removing the last axis, giving "
        "{hot_shape}, which broadcasts against y_pred {y_pred_shape} into a loss of shape {shape}: "
        "every label is paired with every row. Give y_true as one index per row, shape "
        "{index_shape}."
    ),
    "note.gce_not_renormalised": (
        "Some rows of y_pred do not sum to 1 (row sums {sums:list}). Unlike the cross-entropies, "
        "generalized cross-entropy uses y_pred as given: no renormalisation and no clipping."
    ),
    "note.kl_clipped": {"$count": {
        "one": "{count} value" + _PROB_KL_CLIPPED,
        "other": "{count} values" + _PROB_KL_CLIPPED,
    }},
    "note.poisson_zero_rate": {"$count": {
        "one": "{count} prediction is" + _PROB_POISSON_ZERO,
        "other": "{count} predictions are" + _PROB_POISSON_ZERO,
    }},
    "error.per_class_length": (
        "{name} has {length} values, but y_pred has {columns} columns on its last axis: Keras "
        "applies {name} to every row along the last axis, so give one number or one value per "
        "column."
    ),
}
# end of probabilistic section


# losses/sequence.py
# (sequence section)
SEQUENCE: dict[str, object] = {
    "step.circle.similarity": "Pairwise similarity of the embeddings: s = y_pred · y_predᵀ",
    "step.circle.distance": "Cosine distance d = 1 - s, at least 0",
    "step.circle.positive_mask": {"$remove_diagonal": {
        "true": "Positive pairs: same label, not the sample itself",
        "other": "Positive pairs: same label",
    }},
    "step.circle.negative_mask": "Negative pairs: different labels",
    "step.circle.positive_weight": "Weight of each positive pair: how far it is from its optimum",
    "step.circle.negative_weight": "Weight of each negative pair: how far it is from its optimum",
    "step.circle.positive_logit": "Scaled positive terms (-inf outside the positive pairs)",
    "step.circle.negative_logit": "Scaled negative terms (-inf outside the negative pairs)",
    "step.circle.lse_positive": "log-sum-exp of each row's positive terms",
    "step.circle.lse_negative": "log-sum-exp of each row's negative terms",
    "step.ctc.label_length": "Label length: the number of non-zero labels in each row",
    "step.ctc.log_softmax": "Log-probabilities of each class at each step (log-softmax)",
    "step.ctc.extended_labels": "Extended labels: a blank (0) before, between and after the labels",
    "step.ctc.alpha": (
        "Forward table of sample {sample}: log α_t(s), one column per extended label"
    ),
    "note.circle_not_normalised": (
        "Not every row of y_pred has length 1 (row 0 has length {length}). Keras does NOT "
        "normalise the embeddings: it takes the dot products as cosine similarities and expects a "
        "UnitNormalization layer before the loss."
    ),
    "note.circle_no_positive": (
        "{count} sample(s) share their label with no other sample: they have no positive pair, "
        "LSE_p is -inf and their loss is softplus(-inf) = 0."
    ),
    "note.circle_no_negative": (
        "Every sample has the same label: there are no negative pairs, LSE_n is -inf and every "
        "loss is 0."
    ),
    "note.circle_zero_masked": (
        "{count} of {total} losses are exactly 0. Keras masks them out (circle sets the mask "
        "loss > 0), so sum_over_batch_size and mean divide by the {valid} non-zero losses, not by "
        "{total}, and mean_with_sample_weight drops their weights from the divisor."
    ),
    "note.ctc_blank_is_zero": (
        "Keras' CTC uses class 0 as the blank AND as the padding of y_true; real labels are 1 to "
        "{last}. (TensorFlow's tf.nn.ctc_loss used the LAST class as the blank.)"
    ),
    "note.ctc_zero_inside_label": (
        "{count} label row(s) have a 0 before a non-zero label. Keras only counts the non-zero "
        "labels and then reads that many labels from the START of the row, so the 0 is read as a "
        "label (the blank) and the last label is dropped."
    ),
    "note.ctc_probabilities_as_logits": (
        "y_pred looks like probabilities (each step sums to 1), but Keras' CTC applies log-softmax "
        "to y_pred: it reads them as logits, so the loss is not -log of these probabilities."
    ),
    "note.ctc_log_epsilon": (
        "Cells near -100000 are states sample 0 cannot have reached yet (or ever): Keras writes "
        "log 0 as -1e5 instead of -inf."
    ),
    "note.ctc_impossible": (
        "{count} label sequence(s) cannot fit in {steps} time steps (each label needs a step, and a "
        "repeated label a blank step between). The probability is 0, but Keras' -1e5 in place of "
        "log 0 turns the loss into about 100000 instead of infinity."
    ),
    "note.ctc_float64_in_float32": (
        "dtype is {dtype}, but Keras' CTC computes in float32 anyway: its jax ctc_loss works at "
        "result_type(y_pred's dtype, \"float32\"), which Keras' type rules make float32 for "
        "float64. Every step below is float32, as in Keras; only the losses are cast to {dtype}."
    ),
    # Emitted through losses/kops.py (keras.ops.mean) by every loss that averages its terms.
    "note.float64_mean_in_float32": {"$count": {
        "one": (
            "dtype is float64, but Keras averages in float32: ops.mean computes at "
            "result_type(float64, \"float32\"), which Keras' type rules make float32. So the "
            "per-sample losses carry float32 rounding (0.44 becomes 0.4399999976158142) although "
            "every term was computed in float64."
        ),
        "other": (
            "dtype is float64, but Keras averages each sample's {count} terms in float32: ops.mean "
            "computes at result_type(float64, \"float32\"), which Keras' type rules make float32. "
            "So the per-sample losses carry float32 rounding (0.44 becomes 0.4399999976158142) "
            "although every term was computed in float64."
        ),
    }},
}
# end of sequence section


# losses/similarity.py
# (similarity section)
_OVERLAP_WHOLE_BATCH = (
    "axis is None (Keras' default): the sums run over EVERY number in the batch, so Keras returns "
    "ONE loss for all samples together and the reduction leaves it as it is. With sample weights, "
    "Keras multiplies this one number by each weight and then reduces those products: "
    "sum_over_batch_size gives loss × mean(weights). Set axis to get one loss per sample."
)
_OVERLAP_EMPTY_MASK = (
    "Where y_true and y_pred are both all zeros (an empty mask, predicted empty), the score is "
    "0 / (0 + 1e-7) = 0 and the loss is 1: the worst loss for a perfect prediction."
)
SIMILARITY: dict[str, object] = {
    "step.cosine.normalize": "l2-normalise {argument}: divide each vector by its length",
    "step.cosine.term": "Multiply the normalised vectors element by element",
    "step.overlap.product": "Overlap of each element: y_true × y_pred",
    "step.overlap.intersection": {"$axis": {
        "None": "Intersection: sum of the overlaps over the whole batch",
        "other": "Intersection: sum of the overlaps over axis {axis}",
    }},
    "step.dice.sum_true": "Size of the true mask: sum of y_true",
    "step.dice.sum_pred": "Size of the predicted mask: sum of y_pred",
    "step.dice.dice": "Dice score: twice the overlap over the total size",
    "step.tversky.false_positives": "Keras' fp: sum of y_true × (1 - y_pred) (missed true mass)",
    "step.tversky.false_negatives": (
        "Keras' fn: sum of y_pred × (1 - y_true) (predicted mass outside the mask)"
    ),
    "step.tversky.tversky_index": "Tversky index: the overlap over the overlap plus weighted misses",
    "note.cosine_zero_vector": (
        "{count} {argument} vector(s) are all zeros. Their length is 0, so Keras multiplies them by "
        "its cap 1e7 instead of dividing by 0: the normalised vector stays 0, every term is 0, and "
        "that sample's loss is -0 (no similarity either way)."
    ),
    "note.cosine_short_vector": (
        "{count} {argument} vector(s) have length below 1e-7. Keras multiplies them by 1e7 instead "
        "of dividing by their length, so they do NOT reach length 1 and their cosine is pulled "
        "towards 0."
    ),
    "note.dice_whole_batch": _OVERLAP_WHOLE_BATCH,
    "note.tversky_whole_batch": _OVERLAP_WHOLE_BATCH,
    "note.dice_empty": _OVERLAP_EMPTY_MASK,
    "note.tversky_empty": _OVERLAP_EMPTY_MASK,
    "note.tversky_swapped_names": (
        "Keras' code calls sum(y_true × (1 - y_pred)) 'false positives', but it is the true mask "
        "the prediction MISSED: the textbook's false negatives (and its 'false negatives' are the "
        "textbook's false positives). So alpha = {alpha} weights missed positives and beta = {beta} "
        "weights false alarms, the opposite of Keras' docstring and of Salehi et al. (2017)."
    ),
}
# end of similarity section


# PyTorch: its losses (in losses/regression.py, probabilistic.py, margin.py, similarity.py) and losses/framework.py
# (pytorch section)
PYTORCH: dict[str, object] = {
    # Words inside formulas (messages.Word).
    "latex.torch.is_ignored": " is ignored",
    "latex.torch.ignored": "ignored",
    # Step titles: step.torch.<step key> for steps several torch losses share,
    # step.torch.<loss>.<step key> for one loss's own.
    "step.torch.difference": "Difference input - target",
    "step.torch.abs_error": "Absolute error |input - target|",
    "step.torch.weight": "Multiply by weight (broadcast along the last axis)",
    "step.torch.log_softmax": "Log-softmax over the classes (axis 1)",
    "step.torch.class_weight": "Class weight of each target (0 if ignored)",
    "step.torch.nll": {"$picked": {
        "y_pred": {"$weighted": {
            "true": (
                "Minus y_pred (a log-probability) at the target class (0 if ignored), times its "
                "weight"
            ),
            "other": "Minus y_pred (a log-probability) at the target class (0 if ignored)",
        }},
        "other": {"$weighted": {
            "true": (
                "Minus the log-probability at the target class (0 if ignored), times its weight"
            ),
            "other": "Minus the log-probability at the target class (0 if ignored)",
        }},
    }},
    "step.torch.smooth": "Sum over all classes of minus the weighted log-probability",
    "step.torch.mse.term": "Square each difference",
    "step.torch.l1.term": "Absolute value of each difference",
    "step.torch.huber.term": "Quadratic below delta = {delta}, linear from there",
    "step.torch.smooth_l1.term": "Quadratic below beta = {beta}, linear from there",
    "step.torch.smooth_l1.term_l1": "beta = 0: the absolute error itself (L1Loss)",
    "step.torch.bce.log_p": "log(input), clamped at -100",
    "step.torch.bce.log_1mp": "log(1 - input), clamped at -100",
    "step.torch.bce.term": "Binary cross-entropy of each element",
    "step.torch.bce_logits.log_sigmoid": "log(sigmoid(input)), computed stably",
    "step.torch.bce_logits.pos_weight": "Weight of the positive part",
    "step.torch.bce_logits.term": "Binary cross-entropy from the logit",
    "step.torch.cross_entropy.smoothed_target": "Targets moved towards uniform",
    "step.torch.cross_entropy.term": {"$weighted": {
        "true": "Minus class weight times target times log-probability",
        "other": "Minus target times log-probability",
    }},
    "step.torch.cross_entropy.smoothing_mix": (
        "Mix: (1 - {label_smoothing}) of the target term, {label_smoothing} / {classes} of the sum"
    ),
    "step.torch.kl_div.target_probability": "Target probability from its log",
    "step.torch.kl_div.target_entropy_term": "y log y (0 where y = 0)",
    "step.torch.kl_div.term": "Pointwise KL divergence",
    "step.torch.poisson_nll.rate": "Rate from the log-rate input",
    "step.torch.poisson_nll.log_rate": "log(input + eps), eps = {eps}",
    "step.torch.poisson_nll.term": {"$log_input": {
        "true": "Poisson negative log-likelihood (log-rate input)",
        "other": "Poisson negative log-likelihood (rate input)",
    }},
    "step.torch.poisson_nll.stirling": "Stirling term for log(y!), only where y > 1",
    "step.torch.poisson_nll.full": "Add the Stirling term",
    "step.torch.hinge_embedding.term": (
        "x for similar pairs (y = 1), max(0, margin - x) for dissimilar (y = -1)"
    ),
    "step.torch.soft_margin.margin": "Minus label times input",
    "step.torch.soft_margin.term": "log(1 + exp(z))",
    "step.torch.multi_margin.target_score": "Score of the target class",
    "step.torch.multi_margin.margin": (
        "Margin violation of each other class (the target's own entry is skipped)"
    ),
    "step.torch.multi_margin.term": {"$p": {
        "2": {"$weighted": {
            "true": "Hinge of each violation, squared, times the target class's weight",
            "other": "Hinge of each violation, squared",
        }},
        "other": {"$weighted": {
            "true": "Hinge of each violation, times the target class's weight",
            "other": "Hinge of each violation",
        }},
    }},
    "step.torch.cosine_embedding.dot": "Dot product x1 · x2 (x1 = y_pred[:, 0], x2 = y_pred[:, 1])",
    "step.torch.cosine_embedding.norms": "Product of the norms (1e-12 added to each squared norm)",
    "step.torch.cosine_embedding.cosine": "Cosine similarity",
    "step.torch.cosine_embedding.term": (
        "1 - cos for similar pairs (y = 1), max(0, cos - margin) for dissimilar (y = -1)"
    ),
    "step.torch.margin_ranking.difference": (
        "Difference x1 - x2 (x1 = y_pred[:, 0], x2 = y_pred[:, 1])"
    ),
    "step.torch.margin_ranking.term": "Hinge on the ranking",
    # Notes.
    "note.torch_empty_batch": "There are no elements, so there is nothing to add up.",
    "note.torch_empty_mean": (
        "The batch is empty: the mean of no numbers is 0 / 0, and PyTorch returns nan."
    ),
    "note.torch_mean_all_elements": (
        '"mean" divides by all {count} elements ({dims}) at once; PyTorch has no per-sample step '
        "before the batch mean."
    ),
    "note.torch_kl_mean": (
        '"mean" divides by all {count} elements ({dims}), so it is not the KL divergence: '
        '"batchmean" divides by the batch size {batch} and gives it (the number Keras\' '
        "KLDivergence reports)."
    ),
    "note.torch_weighted_mean": (
        'With class weights, "mean" divides by the sum of the weights of the targets ({divisor}), '
        "not by the number of samples ({count})."
    ),
    "note.torch_ignored": {"$count": {
        "one": (
            '1 target equals ignore_index = {ignore_index}: its loss is 0 and it is left out of '
            'the divisor of "mean".'
        ),
        "other": (
            '{count} targets equal ignore_index = {ignore_index}: their loss is 0 and they are '
            'left out of the divisor of "mean".'
        ),
    }},
    "note.torch_mean_nan": (
        'Every target is ignored or has weight 0, so "mean" divides 0 by 0 and PyTorch returns nan '
        "(Keras would return 0 here)."
    ),
    "note.torch_bce_log_clamp": {"$count": {
        "one": (
            "1 probability is exactly 0 or 1, where a log is -inf: PyTorch clamps each log at "
            "-100, so a confident wrong prediction costs 100 (Keras clips probabilities to "
            "[1e-7, 1 - 1e-7] instead: a cap of 16.12)."
        ),
        "other": (
            "{count} probabilities are exactly 0 or 1, where a log is -inf: PyTorch clamps each "
            "log at -100, so a confident wrong prediction costs 100 (Keras clips probabilities to "
            "[1e-7, 1 - 1e-7] instead: a cap of 16.12)."
        ),
    }},
    "note.torch_ce_logits": (
        "y_pred looks like probabilities, but CrossEntropyLoss reads it as logits and applies "
        "softmax again (Keras' categorical_crossentropy takes probabilities by default)."
    ),
    "note.torch_nll_not_log": (
        "y_pred has values above 0, so it is not log-probabilities: NLLLoss only picks the target's "
        "entry and negates it (apply log_softmax first, or use CrossEntropyLoss)."
    ),
    "note.torch_kl_input_log": (
        "y_pred lies in [0, 1] like probabilities, but KLDivLoss reads it as log-probabilities: "
        "pass log(p) (Keras' KLDivergence takes p)."
    ),
    "note.torch_poisson_log_input": (
        "log_input=True (the default): y_pred is the log of the rate, so the rate is e^{{y_pred}}. "
        "Keras' poisson takes the rate itself."
    ),
    "note.torch_label_not_pm1": {"$loss": {
        "CosineEmbeddingLoss": (
            "y_true holds {value}, which is neither 1 nor -1: PyTorch gives that pair a loss of 0."
        ),
        "other": (
            "y_true holds {value}, which is neither 1 nor -1: PyTorch then adds both branches, "
            "x + max(0, margin - x)."
        ),
    }},
    "note.torch_soft_margin_overflow": (
        "PyTorch computes log(1 + exp(z)) directly: exp(z) overflows for z above about 88.7 "
        "(float32), so the loss is inf where the true value is about z."
    ),
    # Errors.
    "error.probability_range": {"$argument": {
        "y_pred": (
            "BCELoss needs every {argument} between 0 and 1; found {value} at position {position}. "
            'PyTorch stops with "all elements of input should be between 0 and 1". For logits, '
            "use BCEWithLogitsLoss."
        ),
        "other": (
            "BCELoss needs every {argument} between 0 and 1; found {value} at position {position}. "
            'PyTorch stops with "all elements of target should be between 0 and 1". For logits, '
            "use BCEWithLogitsLoss."
        ),
    }},
    # One entry for every "this many numbers, that many needed": torch.nn's weight and
    # pos_weight (per="class" or "last_axis"), and the comparison page's class_weight
    # (losses/compare.py raises it with argument="class_weight").
    "error.weight_length": {"$argument": {
        "class_weight": (
            "class weights: {size} numbers for {expected} classes; give one weight per class."
        ),
        "other": {"$per": {
            "class": (
                "weight has {size} numbers but there are {expected} classes: PyTorch needs one "
                "weight per class."
            ),
            "other": (
                "{argument} has {size} numbers, but y_pred's last axis has {expected}: PyTorch "
                "broadcasts {argument} against the last axis, so give 1 or {expected} numbers."
            ),
        }},
    }},
    "error.class_range.torch": (
        "y_true must hold class indices 0 to {last} (y_pred has {classes} classes on axis 1); found "
        '{value}. PyTorch stops with "Target {value} is out of bounds".'
    ),
    "error.ignore_index_probabilities": (
        "ignore_index works only with class-index targets; y_true here holds probabilities. "
        'PyTorch stops with "ignore_index is not supported for floating point target".'
    ),
}
# end of pytorch section


# losses/parsing.py and losses/registry.py: reading what the learner typed, finding a loss
# (parsing section)
_AT = "{argument}, line {line}, column {column}: "
_BAD_CHAR = _AT + 'the character "{token}" is not allowed here. '
PARSING: dict[str, object] = {
    "parse.too_long": (
        "{argument}: the text has {length:,} characters, more than the limit of {limit:,}. Paste a "
        "smaller example."
    ),
    "parse.empty": (
        "{argument}: there are no numbers. Type numbers, for example 0.6 0.4 or [[0, 1], [1, 0]]."
    ),
    "parse.overflow": (
        _AT + '"{token}" is out of range. Numbers must lie between about -1.8e308 and 1.8e308.'
    ),
    "parse.too_deep": (
        _AT + "lists are nested more than {limit} levels deep. Use at most {limit} levels, like "
        "[[[1, 2], [3, 4]]]."
    ),
    "parse.empty_list": _AT + 'this list "[]" is empty. Every list needs at least one number.',
    "parse.unbalanced": {"$token": {
        "[": _AT + 'this "[" is never closed. Add a matching "]".',
        "other": _AT + 'this "]" has no matching "[". Remove it or add a "[" before it.',
    }},
    "parse.mixed": {"$what": {
        "bracket": (
            _AT + 'a "[" cannot follow plain numbers. Either start the text with "[" and use '
            "brackets throughout, or leave out all brackets."
        ),
        "other": (
            _AT + "this list mixes numbers and lists. Put every number inside a row of the same "
            "depth, like [[1, 2], [3, 4]]."
        ),
    }},
    "parse.non_finite": (
        _AT + '"{token}" is not a finite number. Only finite numbers are allowed, such as 0.5 or -3.'
    ),
    "parse.unexpected_char": {"$reason": {
        "parenthesis": _BAD_CHAR + "Use square brackets [ ] for lists.",
        "brace": _BAD_CHAR + "Use square brackets [ ] for lists.",
        "quote": _BAD_CHAR + "Type numbers without quotes.",
        "semicolon": (
            _BAD_CHAR + "Separate numbers with commas or spaces, and rows with new lines."
        ),
        "fraction": _BAD_CHAR + "Type fractions as decimals, like 0.5.",
        "minus_lookalike": _BAD_CHAR + 'This is not the minus sign; type "-" from the keyboard.',
        "special_space": _BAD_CHAR + "This is a special space; type a normal space instead.",
        "other": _BAD_CHAR + "Only numbers, commas, spaces and square brackets are allowed.",
    }},
    "parse.not_a_number": {"$reason": {
        "underscore": _AT + '"{token}" is not a number. Write numbers without underscores, like 1000.',
        "non_ascii_digit": _AT + '"{token}" is not a number. Use the keyboard digits 0 to 9.',
        "other": _AT + '"{token}" is not a number. Use digits such as 0.25 or -1e-3.',
    }},
    "parse.missing_number": (
        _AT + 'there is nothing before this ",". Remove the extra comma or add the missing number.'
    ),
    "parse.after_end": (
        _AT + 'there is more text after the last "]". Put all rows inside one pair of brackets, '
        "like [[1, 2], [3, 4]]."
    ),
    "parse.too_many_numbers": _AT + "there are more than {limit:,} numbers. Use a smaller example.",
    "parse.ragged": {"$unit": {
        "block": {"$found": {
            "one": (
                _AT + "block {index} has {found} row but block 1 has {expected}. Every block needs "
                "as many rows as block 1."
            ),
            "other": (
                _AT + "block {index} has {found} rows but block 1 has {expected}. Every block "
                "needs as many rows as block 1."
            ),
        }},
        "other": {"$found": {
            "one": (
                _AT + "row {index} has {found} number but row 1 has {expected}. Every row needs as "
                "many numbers as row 1."
            ),
            "other": (
                _AT + "row {index} has {found} numbers but row 1 has {expected}. Every row needs "
                "as many numbers as row 1."
            ),
        }},
    }},
    # losses/registry.py: a loss or framework name that is not known, as keras.losses.get says.
    "error.unknown_loss": {"$other": {
        "keras": "Unknown loss {value!r}. Known losses: {known}. {value!r} is a keras loss: pass framework='keras'.",
        "pytorch": (
            "Unknown loss {value!r}. Known losses: {known}. {value!r} is a pytorch loss: pass "
            "framework='pytorch'."
        ),
        "other": "Unknown loss {value!r}. Known losses: {known}.",
    }},
    "error.unknown_framework": "framework must be one of {choices}, not {value!r}.",
    # losses/compare.py and losses/quiz.py: a comparison or a question that cannot be made.
    "error.unknown_pair": "Unknown comparison {value!r}. Known: {known}.",
    "error.compare_one_hot": (
        "MultiMarginLoss needs one class per sample: every row of y_true must be one-hot "
        "(a single 1, the rest 0) and have y_pred's shape."
    ),
    "error.compare_pair_shape": (
        "y_true has shape {y_true_shape} and y_pred {y_pred_shape}: the comparison with "
        "CosineEmbeddingLoss needs two tables of vectors of the same shape (N, D), one vector per "
        "row."
    ),
    "error.compare_no_weights": "{loss} takes no class weights in this comparison.",
    "error.compare_class_weight_length": (
        "class weights: {size} numbers for {expected} classes; give one weight per class."
    ),
}
# end of parsing section


# pages/0_Tutorial.py: the tutorial's chapters (numbers in them come from the computation)
TUTORIAL: dict[str, object] = {
    "tutorial.title": "Tutorial: from a batch to one number",
    "tutorial.intro": (
        "Seven short chapters, each with a live example: change the numbers and every value on "
        "the page is recomputed exactly as Keras or PyTorch would."
    ),
    "tutorial.toc": "Chapters",
    "tutorial.chapter": "Chapter {number} of {count}",
    "tutorial.visited": "✓ {title}",
    "tutorial.previous": "Previous",
    "tutorial.next": "Next",
    "tutorial.example": "Try it",
    "tutorial.predict": "Change this and predict",
    "tutorial.check": "Check yourself",
    "tutorial.check.button": "Check",
    "tutorial.open_explainer": "Open this example in the explainer",
    "tutorial.open_curve": "See this loss's curve",
    "tutorial.end": "That was the last chapter. The quiz has more questions like these.",
    "tutorial.batch.title": "How a batch becomes one number",
    "tutorial.batch.body": (
        "A loss function does three things. It computes one term for each element, where a "
        "target meets a prediction. It combines each sample's terms into that sample's loss, "
        "usually their mean over the last axis. Then it reduces the batch to a single number, "
        "by default the mean over the samples.\n\n"
        "In the example, Keras' hinge loss gives the two samples {first} and {second}, and the "
        "batch {value}."
    ),
    "tutorial.batch.predict": (
        "Change 0.4 in the first row of y_pred to 0.9. Which sample's loss moves, and does the "
        "batch value go up or down?"
    ),
    "tutorial.batch.check": "What is the loss of sample 1 (the second row)?",
    "tutorial.regression.title": "Mean squared and mean absolute error",
    "tutorial.regression.body": (
        "Both look at the error between prediction and target, element by element, then take "
        "each sample's mean over its features and the batch's mean over the samples. Squared "
        "error punishes a large miss much more than a small one; absolute error counts every "
        "unit of error the same.\n\n"
        "Here one element is off by 3: its squared term is 9 and the batch's mean squared error is "
        "{mse}, while the mean absolute error of the same numbers is {mae}."
    ),
    "tutorial.regression.predict": (
        "Make the outlier smaller (3 → 1). Predict which loss drops more, then check."
    ),
    "tutorial.regression.check": "What is the batch's mean squared error?",
    "tutorial.cross_entropy.title": "Categorical cross-entropy",
    "tutorial.cross_entropy.body": (
        "With a one-hot target only the true class's term counts: the loss of a sample is minus "
        "the natural log of the probability given to its true class. The first sample gives its "
        "true class 0.95, so its loss is {first}; the second gives only 0.1, so {second}.\n\n"
        "Sparse categorical cross-entropy is the same loss with the classes given as indices "
        "(y_true = [1, 2]). A probability of 0 would cost log(0) = infinity: Keras first clips "
        "every probability into [1e-7, 1 - 1e-7], so the worst a sample can cost is "
        "-log(1e-7) ≈ 16.12."
    ),
    "tutorial.cross_entropy.predict": (
        "Set the true class's probability of the second sample to 0 (and its other entries so the "
        "row still sums to 1). What does clipping make of it?"
    ),
    "tutorial.cross_entropy.check": "What is the loss of sample 1 (the second row)?",
    "tutorial.hinge.title": "Hinge: labels become -1 and 1",
    "tutorial.hinge.body": (
        "Hinge wants labels -1 and 1. When every label is 0 or 1, Keras converts them first "
        "(y' = 2y - 1); each term is max(0, 1 - y'·ŷ), zero once the prediction is on the right "
        "side by a margin of 1. Here sample 0 gives (1.6 + 0.6) / 2 = {first}, sample 1 "
        "(1.4 + 1.6) / 2 = {second}, and the batch ({first} + {second}) / 2 = {value}.\n\n"
        "If even one label is neither 0 nor 1, Keras converts none of them: every 0 stays 0."
    ),
    "tutorial.hinge.predict": (
        "Change one 0 in y_true to -1. Predict what happens to the other zeros, then read the "
        "label step."
    ),
    "tutorial.hinge.check": "What is the batch's hinge loss?",
    "tutorial.cosine.title": "Cosine similarity as a loss",
    "tutorial.cosine.body": (
        "Keras l2-normalises each vector and takes minus their dot product, so -1 means the same "
        "direction and 1 the opposite one. With axis=1 the three samples give {values:list}: "
        "orthogonal, the same direction, opposite directions. A vector of zeros stays zero after "
        "normalising, so its loss is 0 whatever the other vector is."
    ),
    "tutorial.cosine.predict": "Replace the last y_pred row by [0, 0]. What is that sample's loss now?",
    "tutorial.cosine.check": "What is the loss of sample 2 (the third row)?",
    "tutorial.weights.title": "Reductions and sample weights",
    "tutorial.weights.body": (
        "A sample weight multiplies each sample's loss before the reduction. Keras' default, "
        "sum_over_batch_size, still divides by the number of samples, weight-0 samples "
        "included: with weights [1, 0] the hinge example gives (1 × 1.1 + 0 × 1.5) / 2 = "
        "{value}, not 1.1. The reduction mean_with_sample_weight divides by the sum of the "
        "weights instead and gives {weighted_mean}."
    ),
    "tutorial.weights.predict": "Switch the reduction to sum. Predict the value first.",
    "tutorial.weights.check": "What does sum_over_batch_size give with weights [1, 0]?",
    "tutorial.frameworks.title": "Keras and PyTorch: same name, other numbers",
    "tutorial.frameworks.body": (
        "PyTorch's CrossEntropyLoss expects logits and applies softmax itself. Fed the "
        "probabilities of chapter 3 it gives the samples {torch_values:list} where Keras' "
        "categorical_crossentropy gives {keras_values:list}. Other differences are just as silent: "
        "KLDivLoss's default mean divides by every element, not by the samples, and BCELoss "
        "clamps log(p) at -100 instead of clipping p."
    ),
    "tutorial.frameworks.predict": (
        "Open the comparison page and try the presets: predict for each which framework gives "
        "the larger number."
    ),
    "tutorial.frameworks.check": "What does PyTorch's CrossEntropyLoss give for this batch?",
    "tutorial.gradient.title": "What the model learns: the gradient",
    "tutorial.gradient.body": (
        "Training never sees the loss value, only its gradient ∂L/∂ŷ: for each prediction, which way "
        "and how hard to move it. For the hinge batch of chapter 1 it is {hinge:list}: every margin "
        "is below 1, so every prediction is pushed, by 1/N · 1/C = 1/4 (gradient descent subtracts "
        "it, so a negative gradient raises a prediction).\n\n"
        "The silent steps matter most here. A zero weight sends back exactly 0, yet still counts in "
        "N. A probability clipped to 1e-7 sends back 0: with y_true [[1, 0]] and y_pred [[0, 1]], "
        "the most wrong prediction possible, categorical cross-entropy's gradient is {clipped:list}, "
        "so the model learns nothing from it. And for a confidently wrong ŷ = 0.01 with y = 1, "
        "binary cross-entropy sends back {bce:.4g} where mean squared error sends back {mse:.4g}: "
        "the same learning rate moves it {ratio:.0f} times as far."
    ),
    "tutorial.gradient.predict": (
        "Change the first prediction from 0.01 to 0.5. Predict whether its gradient grows or shrinks, "
        "then read ∂L/∂ŷ below."
    ),
    "tutorial.gradient.check": "What gradient does the first prediction get (∂L/∂ŷ of y_pred[0][0])?",
}

GRADIENT: dict[str, object] = {
    # the chain every loss shares (losses/gradient.py)
    "grad.step.reduction.mean": "How much each weighted sample moves the value: the reduction divides by {divisor}",
    "grad.step.reduction.sum": "How much each weighted sample moves the value: a sum passes 1 to each",
    "grad.step.reduction.none": "No reduction: the gradient of the sum of the unreduced losses, 1 for each",
    "grad.step.weighting": "Through the weights: each sample's gradient is multiplied by its weight",
    "grad.step.aggregation.mean": "Through the mean over the last axis: each term gets 1/C of its sample's gradient",
    "grad.step.aggregation.sum": "Through the sum over the last axis: each term gets its sample's whole gradient",
    "grad.step.aggregation.neg_sum": "Through minus the sum over the last axis: each term gets its sample's gradient with the sign flipped",
    "grad.step.local": "How each term changes with its own prediction",
    "grad.step.result": "The gradient: what the model receives for each prediction (chain rule)",
    "note.grad.divisor": (
        "{reduction} divides the sum by {count}, so every prediction's gradient is divided by "
        "{count} too (times {factor}): a bigger batch gives each element a smaller push."
    ),
    "note.grad.zero_weight": {"$count": {
        "one": (
            "1 of {total} weights is 0: that sample's predictions get a gradient of exactly 0 "
            "(the model learns nothing from it), yet it still counts in the divisor."
        ),
        "other": (
            "{count} of {total} weights are 0: those samples' predictions get a gradient of exactly "
            "0 (the model learns nothing from them), yet they still count in the divisor."
        ),
    }},
    "note.grad.non_finite": {"$count": {
        "one": "1 gradient element is NaN or infinite: {framework} would send it to the model as it is.",
        "other": "{count} gradient elements are NaN or infinite: {framework} would send them to the model as they are.",
    }},
    # gradient: regression
    "note.grad.abs_at_zero": {"$framework": {
        "pytorch": {"$count": {
            "one": "1 error is exactly 0, where |e| has a corner: autograd uses sign(0) = 0, so it gets no gradient.",
            "other": "{count} errors are exactly 0, where |e| has a corner: autograd uses sign(0) = 0, so they get no gradient.",
        }},
        "other": {"$count": {
            "one": (
                "1 error is exactly 0, where |e| has a corner: jax takes the slope of |y − ŷ| there "
                "as +1, so that prediction is still pushed down as if it were too high."
            ),
            "other": (
                "{count} errors are exactly 0, where |e| has a corner: jax takes the slope of |y − ŷ| "
                "there as +1, so those predictions are still pushed down as if they were too high."
            ),
        }},
    }},
    "note.grad.clipped_below": {"$count": {
        "one": "1 prediction is below {floor} and is replaced by {floor}: its gradient is 0, whatever its error.",
        "other": "{count} predictions are below {floor} and are replaced by {floor}: their gradient is 0, whatever their error.",
    }},
    "note.grad.huber_capped": {"$count": {
        "one": "1 error is beyond delta = {delta}: its slope is capped at ±{delta}, so an outlier pushes no harder than that.",
        "other": "{count} errors are beyond delta = {delta}: their slope is capped at ±{delta}, so an outlier pushes no harder than that.",
    }},
    # gradient: margin
    "note.grad.hinge_satisfied": {"$count": {
        "one": "1 of {total} elements already has a margin above 1: hinge stops pushing it (gradient 0).",
        "other": "{count} of {total} elements already have a margin above 1: hinge stops pushing them (gradient 0).",
    }},
    "note.grad.hinge_kink": {"$count": {
        "one": (
            "1 element sits exactly at a margin of 1, where max(0, 1 − m) has a corner: jax gives "
            "half the slope there."
        ),
        "other": (
            "{count} elements sit exactly at a margin of 1, where max(0, 1 − m) has a corner: jax "
            "gives half the slope there."
        ),
    }},
    "note.grad.max_tie": {"$count": {
        "one": "In 1 sample several wrong classes tie for the largest score: jax shares the gradient equally among them.",
        "other": "In {count} samples several wrong classes tie for the largest score: jax shares the gradient equally among them.",
    }},
    "note.grad.categorical_hinge_satisfied": {"$count": {
        "one": "1 sample already beats every wrong class by a margin of 1 or more: its gradient is 0.",
        "other": "{count} samples already beat every wrong class by a margin of 1 or more: their gradient is 0.",
    }},
    "grad.step.categorical_hinge": "How the sample's loss changes with each score: up for the strongest wrong class, down for the true one",
    # gradient: probabilistic
    "grad.step.log_p": "Through the log: each term −y_j log p_j changes by −y_j / p_j with its probability",
    "grad.step.clip": "Through the clip to [1e-7, 1 − 1e-7]: a clipped probability passes no gradient back",
    "grad.step.renormalise": "Through the division by the row sum S: every prediction in the row shares the gradient",
    "grad.step.softmax": "Through the softmax: every logit in the row shares the gradient",
    "grad.step.log_softmax": "Through log-softmax: the gradient is the softmax minus the target",
    "grad.step.ignore_class": "Ignored samples: their predictions were replaced by 0, so they get no gradient",
    "note.grad.clipped": {"$count": {
        "one": (
            "1 probability lies outside [1e-7, {high:.8g}] and was clipped: the clip is flat there, "
            "so it passes back a gradient of 0 (half of it on the bound itself)."
        ),
        "other": (
            "{count} probabilities lie outside [1e-7, {high:.8g}] and were clipped: the clip is flat "
            "there, so they pass back a gradient of 0 (half of it on the bound itself)."
        ),
    }},
    "note.grad.true_class_clipped": {"$count": {
        "one": (
            "1 true class has a probability of 1e-7 or less: the most wrong prediction possible, and "
            "because the clip is flat there, the model learns nothing from it (gradient 0). "
            "With from_logits=True there is no clip and it would get the strongest push."
        ),
        "other": (
            "{count} true classes have a probability of 1e-7 or less: the most wrong predictions "
            "possible, and because the clip is flat there, the model learns nothing from them "
            "(gradient 0). With from_logits=True there is no clip and they would get the strongest push."
        ),
    }},
    "note.grad.renormalise_couples": (
        "Keras divides each row by its sum before the log, so every prediction in a row gets a "
        "gradient, not only the true class: the true class is pushed up, and the others are pushed "
        "down through the row sum."
    ),
    "note.grad.softmax_minus_target": (
        "With logits the chain collapses to softmax(z) − y, times the reduction's factor: each "
        "wrong class is pushed down by its probability, and the true class up by 1 − p. "
        "Nothing is clipped, so a confidently wrong prediction gets the strongest push."
    ),
    "grad.step.bce.log_p": "Through the logs: each term changes by −y/p + (1 − y)/(1 − p) with its probability",
    "grad.step.sigmoid_minus_target": "Through log-sigmoid: each term's slope is σ(z) − y",
    "grad.step.kl.log_p": "Through the log of the ratio: each term y_j log(y_j / p_j) changes by −y_j / p_j",
    "note.grad.sigmoid_minus_target": (
        "With logits the slope of each term is simply σ(z) − y: nothing is clipped, so a "
        "confidently wrong logit gets a push of almost 1, never 0."
    ),
    "note.grad.poisson_zero_rate": {"$count": {
        "one": "1 prediction is 0 with a positive target: the slope 1 − y/(ŷ + 1e-7) is about −y × 10^7 there, a huge push up.",
        "other": "{count} predictions are 0 with a positive target: the slope 1 − y/(ŷ + 1e-7) is about −y × 10^7 there, a huge push up.",
    }},
    "grad.step.sigmoid": "Through the sigmoid: times p (1 − p)",
    "grad.step.categorical_focal.local": "How each term changes with its probability: through the focal factor and the log",
    "grad.step.gce.p_true": "How the sample's loss changes with the true class's probability",
    "grad.step.gce.pick": "Only the true class's prediction gets the gradient: the others are not used",
    # one step of learning (losses/descent.py)
    "note.descent.outside": {"$framework": {
        "pytorch": {"$count": {
            "one": "This step pushes 1 probability outside [0, 1], which PyTorch refuses: a smaller learning rate keeps it inside.",
            "other": "This step pushes {count} probabilities outside [0, 1], which PyTorch refuses: a smaller learning rate keeps them inside.",
        }},
        "other": {"$count": {
            "one": (
                "This step pushes 1 probability outside [0, 1]. Keras computes the next loss from it "
                "as it is: clipped to [1e-7, 1 − 1e-7], where its gradient is 0. A smaller learning "
                "rate keeps it inside."
            ),
            "other": (
                "This step pushes {count} probabilities outside [0, 1]. Keras computes the next loss "
                "from them as they are: clipped to [1e-7, 1 − 1e-7], where their gradient is 0. A "
                "smaller learning rate keeps them inside."
            ),
        }},
    }},
    # gradient: similarity
    "grad.step.cosine.normalized": "How the loss changes with each normalised prediction: the gradient of its term times the normalised target",
    "grad.step.cosine.projection": (
        "Back through the normalisation: the part along the prediction itself is removed (a longer "
        "vector points the same way), and the rest is divided by its length"
    ),
    "note.grad.cosine_zero_vector": {"$count": {
        "one": (
            "1 y_pred vector is all zeros: the cap 1e7 keeps its value at 0, but jax multiplies the "
            "0 sent back through the cap by the slope of 1/√S at S = 0, which is infinite: its "
            "gradient is NaN. A zero prediction has no direction to turn."
        ),
        "other": (
            "{count} y_pred vectors are all zeros: the cap 1e7 keeps their value at 0, but jax "
            "multiplies the 0 sent back through the cap by the slope of 1/√S at S = 0, which is "
            "infinite: their gradient is NaN. A zero prediction has no direction to turn."
        ),
    }},
    "note.grad.cosine_capped": {"$count": {
        "one": (
            "1 y_pred vector is shorter than 1e-7 and sits on the cap: it is multiplied by the "
            "constant 1e7, so its gradient is 1e7 times that of its normalised values, with no part "
            "removed along the vector (its length now changes the loss)."
        ),
        "other": (
            "{count} y_pred vectors are shorter than 1e-7 and sit on the cap: they are multiplied by "
            "the constant 1e7, so their gradient is 1e7 times that of their normalised values, with "
            "no part removed along the vector (their length now changes the loss)."
        ),
    }},
    "grad.step.dice": "How the Dice loss changes with each prediction: the quotient rule on 2I / (Σy + Σŷ + ε)",
    "grad.step.tversky": (
        "How the Tversky loss changes with each prediction (alpha = {alpha}, beta = {beta}): the "
        "quotient rule on I / D"
    ),
    "note.grad.overlap_no_target": {"$count": {
        "one": (
            "In 1 of {total} masks y_true is all 0: the overlap I is 0 whatever y_pred is, so the "
            "loss stays at 1 and every prediction there gets a gradient of 0. The loss cannot teach "
            "an empty mask to predict 0."
        ),
        "other": (
            "In {count} of {total} masks y_true is all 0: the overlap I is 0 whatever y_pred is, so "
            "the loss stays at 1 and every prediction there gets a gradient of 0. The loss cannot "
            "teach an empty mask to predict 0."
        ),
    }},
    # gradient: sequence
    "grad.step.circle.logits": (
        "How the loss changes with each pair's logit: the sample's σ(LSE_p + LSE_n), shared out "
        "by the softmax of its row (pairs that do not count get 0)"
    ),
    "grad.step.circle.distance": (
        "How the loss changes with each pair's distance: through the pair's weight and through its "
        "distance from the margin"
    ),
    "grad.step.circle.similarity": (
        "How the loss changes with each pairwise similarity: d = 1 − s flips the sign, and the "
        "floor of d at 0 stops it past s = 1"
    ),
    "grad.step.circle.embedding": (
        "The gradient of each embedding: every pair it belongs to moves it along the other "
        "embedding of the pair (s = ŷ ŷᵀ counts each pair twice, as row and as column)"
    ),
    "note.grad.circle_distance_floor": {"$count": {
        "one": (
            "1 pair that counts has a similarity of 1 or more, where d = max(1 − s, 0) sits on its "
            "floor: past s = 1 no gradient flows through d, and exactly at s = 1 (here {ties} of "
            "them) jax gives half the slope."
        ),
        "other": (
            "{count} pairs that count have a similarity of 1 or more, where d = max(1 − s, 0) sits "
            "on its floor: past s = 1 no gradient flows through d, and exactly at s = 1 (here {ties} "
            "of them) jax gives half the slope."
        ),
    }},
    "grad.step.ctc.logprobs": (
        "How the loss changes with each log-probability: minus the share of all alignments (weighted "
        "by their probability, α·β) that pass through class k at step t"
    ),
    "grad.step.ctc.logits": (
        "Back through log-softmax: for a label that can be aligned, the predicted probability minus "
        "that share, p_t(k) − γ_t(k)"
    ),
    "note.grad.ctc_impossible": {"$count": {
        "one": (
            "1 label cannot fit in the time steps, so no alignment is valid: the gradient pushes toward "
            "the alignment that breaks the fewest rules, each broken rule costing 1e5 in log space "
            "(Keras' stand-in for log 0)."
        ),
        "other": (
            "{count} labels cannot fit in the time steps, so no alignment is valid: the gradient pushes "
            "toward the alignment that breaks the fewest rules, each broken rule costing 1e5 in log "
            "space (Keras' stand-in for log 0)."
        ),
    }},
    # gradient: pytorch
    "grad.step.torch.sigmoid": "The probability the logit stands for: σ(x)",
    "note.grad.torch_smooth_l1_capped": {"$count": {
        "one": (
            "1 error is at least beta = {beta}: its slope is ±1, whatever beta is (Huber's is "
            "±delta), so an outlier pushes no harder than that."
        ),
        "other": (
            "{count} errors are at least beta = {beta}: their slope is ±1, whatever beta is "
            "(Huber's is ±delta), so an outlier pushes no harder than that."
        ),
    }},
    "note.grad.torch_bce_epsilon": {"$count": {
        "one": (
            "1 prediction is 0 or 1 (x(1 − x) < 10⁻¹²). Autograd does not differentiate the clamp "
            "at -100: BCELoss' backward computes (x − y) / max(x(1 − x), 10⁻¹²), so a prediction "
            "that is confidently wrong gets about 10¹² times its error, before the reduction "
            "(about ±2.5·10¹¹ for a mean over 4 elements), and one equal to its target gets 0."
        ),
        "other": (
            "{count} predictions are 0 or 1 (x(1 − x) < 10⁻¹²). Autograd does not differentiate "
            "the clamp at -100: BCELoss' backward computes (x − y) / max(x(1 − x), 10⁻¹²), so a "
            "prediction that is confidently wrong gets about 10¹² times its error, before the "
            "reduction (about ±2.5·10¹¹ for a mean over 4 elements), and one equal to its target "
            "gets 0."
        ),
    }},
    "grad.step.torch.nll_local": "How the sample's loss changes with each entry of y_pred: only the target class's entry counts",
    "grad.step.torch.one_hot": "Which log-probability the loss reads: the one-hot row of the target (times its class weight; all 0 on an ignored row)",
    "grad.step.torch.log_p_coefficient": "How much each class's log-probability counts in the sample's loss: its share r of the target",
    "grad.step.torch.softmax": "The probabilities the logits stand for: softmax over the classes",
    "grad.step.torch.softmax_minus_one_hot": "The gradient: softmax minus the one-hot target, for every logit, times how much its sample counts",
    "grad.step.torch.softmax_minus_target": "The gradient through the softmax: each logit gets its probability times the row's total share, minus its own share",
    "note.grad.torch_ignored": {"$count": {
        "one": (
            "1 target equals ignore_index = {ignore_index}: its row of y_pred gets a gradient of "
            "exactly 0, and since \"mean\" leaves it out of the divisor, the other rows get as much "
            "as if it were not in the batch."
        ),
        "other": (
            "{count} targets equal ignore_index = {ignore_index}: their rows of y_pred get a "
            "gradient of exactly 0, and since \"mean\" leaves them out of the divisor, the other "
            "rows get as much as if they were not in the batch."
        ),
    }},
    "note.grad.torch_poisson_full": (
        "full=True adds Stirling's term, which depends on the target only: the value changes, "
        "the gradient does not."
    ),
    "note.grad.torch_margin_met": {"$count": {
        "one": "1 of {total} elements already meets its margin: max(0, ·) is flat there, so it gets a gradient of 0.",
        "other": "{count} of {total} elements already meet their margin: max(0, ·) is flat there, so they get a gradient of 0.",
    }},
    "note.grad.torch_clamp_corner": {"$count": {
        "one": (
            "1 element sits exactly at the corner of max(0, ·): autograd's clamp_min passes the "
            "gradient there (slope 1 on the inside), where jax would give half."
        ),
        "other": (
            "{count} elements sit exactly at the corner of max(0, ·): autograd's clamp_min passes "
            "the gradient there (slope 1 on the inside), where jax would give half."
        ),
    }},
    "note.grad.torch_multi_margin_corner": {"$count": {
        "one": (
            "1 class sits exactly at the margin (z = 0): MultiMarginLoss' own backward counts only "
            "z > 0, so it gets a gradient of 0 (other PyTorch hinges pass it at the corner)."
        ),
        "other": (
            "{count} classes sit exactly at the margin (z = 0): MultiMarginLoss' own backward counts "
            "only z > 0, so they get a gradient of 0 (other PyTorch hinges pass it at the corner)."
        ),
    }},
    "grad.step.torch.multi_margin_local": "How each wrong class's hinge changes with its own score (0 where the margin is met, and for the target)",
    "grad.step.torch.multi_margin": "The gradient: each wrong class inside the margin is pushed down, the target class up by their sum",
    "grad.step.torch.cosine_slope": "How the sample's loss changes with its cosine",
    "grad.step.torch.cosine_gradient": "The gradient of both vectors: through the cosine, x₁ moves along x₂ (less the part along x₁), and x₂ likewise",
    "grad.step.torch.margin_ranking_local": "How the sample's loss changes with the difference d = x₁ − x₂",
    "grad.step.torch.pair_gradient": "The gradient of each input of the pair: x₁ gets ∂L/∂d, x₂ its opposite",


}

CATALOG: dict[str, object] = {
    **PAGE,
    **LOSSES,
    **TUTORIAL,
    **CORE,
    **REGRESSION,
    **MARGIN,
    **PROBABILISTIC,
    **SEQUENCE,
    **SIMILARITY,
    **PYTORCH,
    **GRADIENT,
    **PARSING,
}
