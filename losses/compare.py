"""Keras losses beside their nearest ``torch.nn`` losses: how the inputs translate, and why the
numbers differ where they do.

Plain data and numpy. A :class:`Pair` names a Keras loss and the PyTorch loss closest to it; a
:class:`Lesson` is one set of inputs for a pair; :func:`compare` runs both through
``losses.compute`` and returns the two traces, what was done to the inputs on the way to
PyTorch, and the differences that apply to these inputs. Presets are the seven comparisons of
issue 6, each built to show one difference.

Two kinds of conversion happen between the frameworks. Some are only layout and always apply,
because PyTorch could not take the Keras inputs at all: one-hot rows become class indices, 0/1
hinge labels become -1/1 as Keras itself does, a pair of vectors is stacked as
CosineEmbeddingLoss' (x1, x2). Others change what the numbers *mean* (probabilities into
log-probabilities for CrossEntropyLoss and KLDivLoss, a rate into PoissonNLLLoss'
``log_input=False``); they apply only when the lesson asks to ``translate``, because feeding
PyTorch the same numbers is exactly how the surprising differences show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from losses.compute import compute
from losses.errors import LossInputError
from losses.numbers import fmt, fmt_list
from losses.registry import get_spec
from losses.trace import Trace

EPSILON = 1e-7
"""Keras' ``backend.epsilon()``: its clip of probabilities and its Poisson offset."""

# Keras' reduction and the PyTorch one that divides the same way (with class weights as sample
# weights, "mean_with_sample_weight" divides by their sum, as PyTorch's weighted "mean" does).
KERAS_TO_TORCH_REDUCTION = {"sum_over_batch_size": "mean", "mean": "mean", "mean_with_sample_weight": "mean",
                            "sum": "sum", "none": "none"}


@dataclass(frozen=True)
class Pair:
    """A Keras loss and its nearest PyTorch loss.

    ``target`` and ``prediction`` name the conversions of y_true and y_pred (see
    :func:`torch_inputs`); ``keras_params`` are fixed for the pair (BCEWithLogitsLoss' Keras
    side is ``from_logits=True``). ``weights`` says whether PyTorch class weights apply.
    """

    id: str
    keras: str
    torch: str
    target: str = "same"
    prediction: str = "same"
    keras_params: Mapping[str, Any] = field(default_factory=dict)
    weights: bool = False
    logits_toggle: bool = False


PAIRS: tuple[Pair, ...] = (
    Pair("mse", "mean_squared_error", "MSELoss"),
    Pair("mae", "mean_absolute_error", "L1Loss"),
    Pair("huber", "huber", "HuberLoss"),
    Pair("bce", "binary_crossentropy", "BCELoss"),
    Pair("bce_logits", "binary_crossentropy", "BCEWithLogitsLoss", keras_params={"from_logits": True}),
    Pair("cce", "categorical_crossentropy", "CrossEntropyLoss", target="one_hot_to_index",
         prediction="probabilities_to_logits", weights=True, logits_toggle=True),
    Pair("sparse_cce", "sparse_categorical_crossentropy", "CrossEntropyLoss",
         prediction="probabilities_to_logits", weights=True, logits_toggle=True),
    Pair("kld", "kl_divergence", "KLDivLoss", prediction="probabilities_to_log"),
    Pair("poisson", "poisson", "PoissonNLLLoss", prediction="rate"),
    Pair("hinge", "hinge", "HingeEmbeddingLoss", target="labels_01_to_pm1"),
    Pair("categorical_hinge", "categorical_hinge", "MultiMarginLoss", target="one_hot_to_index"),
    Pair("cosine", "cosine_similarity", "CosineEmbeddingLoss", target="pair_labels", prediction="stack_pair"),
)
PAIRS_BY_ID = {pair.id: pair for pair in PAIRS}

# The Keras hyperparameters with the same meaning in the PyTorch loss.
SHARED_PARAMS = {
    ("huber", "HuberLoss"): {"delta": "delta"},
    ("categorical_crossentropy", "CrossEntropyLoss"): {"label_smoothing": "label_smoothing"},
}


@dataclass(frozen=True)
class Lesson:
    """One comparison: a pair, the Keras inputs, each framework's reduction."""

    pair: str
    y_true: Any
    y_pred: Any
    keras_reduction: str = "sum_over_batch_size"
    torch_reduction: str = "mean"
    translate: bool = False
    keras_params: Mapping[str, Any] = field(default_factory=dict)
    class_weight: tuple[float, ...] | None = None
    dtype: str = "float32"


@dataclass(frozen=True)
class Preset:
    """A ready lesson that shows one difference; its label and lesson text are in the i18n tables
    under ``compare.preset.<id>``."""

    id: str
    lesson: Lesson


SEED_ONE_HOT = [[0, 1, 0], [0, 0, 1]]
SEED_PRED = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
KL_TRUE = [[0.2, 0.8], [0.5, 0.5]]
KL_PRED = [[0.4, 0.6], [0.9, 0.1]]

PRESETS: tuple[Preset, ...] = (
    Preset("logits", Lesson("cce", SEED_ONE_HOT, SEED_PRED, "none", "none")),
    Preset("mean", Lesson("kld", KL_TRUE, KL_PRED, translate=True)),
    Preset("clip", Lesson("bce", [[1], [0], [1], [0]], [[0], [1], [1], [0]])),
    Preset("kl_log", Lesson("kld", KL_TRUE, KL_PRED, torch_reduction="batchmean")),
    Preset("class_weight", Lesson("sparse_cce", [1, 2], SEED_PRED, keras_params={"from_logits": True},
                                  class_weight=(1.0, 2.0, 3.0))),
    Preset("similar_names", Lesson("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])),
    Preset("poisson", Lesson("poisson", [[0, 1], [0, 0]], [[1, 1], [1, 0]])),
)
PRESETS_BY_ID = {preset.id: preset for preset in PRESETS}


# Why the numbers differ, one template per difference. ui/i18n.py holds the same English under
# "compare.diff.<key>" for translators; a test keeps the two equal.
EXPLANATIONS: dict[str, str] = {
    "logits": (
        "CrossEntropyLoss takes logits and applies softmax itself; Keras' {keras} takes "
        "probabilities unless from_logits=True. The seed numbers [[0.05, 0.95, 0], "
        "[0.1, 0.8, 0.1]] read as logits give [0.584, 1.390]; read as probabilities, "
        "[0.0513, 2.303]. To give PyTorch the same distribution, pass the log of the "
        "probabilities, which is what \"Translate the inputs\" does."
    ),
    "mean_elements": (
        "PyTorch's \"mean\" divides the sum of all {count} elements by {count}; Keras first sums "
        "each sample's {classes} terms over the class axis, then divides by the {batch} samples. "
        "For a loss summed over the classes, like the KL divergence, the two differ by a factor "
        "of {classes}: use reduction=\"batchmean\" in PyTorch."
    ),
    "elementwise_mean": (
        "Keras averages each sample's {per_row} elements and then the samples; PyTorch's \"mean\" "
        "averages all {count} elements at once. For a full batch both give the same number, but "
        "reduction \"none\" returns one loss per sample in Keras and one per element in PyTorch."
    ),
    "elementwise_sum": (
        "Keras' loss of a sample is the mean of its {per_row} elements, so Keras' \"sum\" adds "
        "{batch} per-sample means; PyTorch's \"sum\" adds every element, {per_row} times as much."
    ),
    "clip": (
        "{count} prediction(s) are 0 or 1 exactly. Keras clips probabilities to "
        "[1e-7, 1 - 1e-7], so a confident wrong prediction costs at most -log(1e-7) = 16.118; "
        "PyTorch's BCELoss clamps the log at -100 instead, a cap of 100."
    ),
    "kl_log": (
        "KLDivLoss takes log-probabilities as its input (Keras' KLDivergence takes the "
        "probabilities themselves), and its default reduction \"mean\" divides by every element, "
        "which is not the KL divergence; \"batchmean\" divides by the batch size and matches "
        "Keras. Pass log(y_pred) and reduction=\"batchmean\"."
    ),
    "kl_log_untranslated": (
        "Here PyTorch reads the probabilities {first} as log-probabilities: as if the "
        "probability were e^{first} and so on, which gives a meaningless, even negative, "
        "divergence."
    ),
    "class_weight": (
        "With class weights {weights}, PyTorch's \"mean\" divides the weighted sum by the sum of "
        "the targets' weights ({weight_sum}); Keras (class weights as sample weights) divides by "
        "the number of samples ({count}) with its default reduction. Keras' "
        "\"mean_with_sample_weight\" divides by the weights, as PyTorch does."
    ),
    "similar_hinge": (
        "HingeEmbeddingLoss is not Keras' hinge: it takes distances, costs x itself for a "
        "similar pair (y = 1) and max(0, margin - x) for a dissimilar one (y = -1). Keras' hinge "
        "is max(0, 1 - y·ŷ) on scores."
    ),
    "similar_multimargin": (
        "MultiMarginLoss is not Keras' categorical_hinge: it adds the hinge of every wrong class "
        "and divides by the number of classes; categorical_hinge takes only the best wrong "
        "class's score."
    ),
    "similar_cosine": (
        "CosineEmbeddingLoss is not Keras' cosine_similarity: it compares a pair (x1, x2) and "
        "costs 1 - cos for a similar pair, while Keras reports -cos. Here x1 is y_true and x2 "
        "is y_pred, every pair labelled similar, so PyTorch's loss is Keras' plus 1."
    ),
    "poisson_log": (
        "PoissonNLLLoss defaults to log_input=True: it reads y_pred as the log of the rate and "
        "computes e^x - y·x. Keras' poisson takes the rate itself. Set log_input=False (and "
        "eps=1e-7, Keras' offset) to match."
    ),
    "reduction": (
        "The reductions are not the same choice: Keras \"{keras}\" against PyTorch \"{torch}\". "
        "PyTorch's counterpart of Keras' \"{keras}\" is \"{expected}\"."
    ),
}

# What was done to the inputs on their way to PyTorch.
CONVERSIONS: dict[str, str] = {
    "one_hot_to_index": "y_true: one-hot rows become class indices {indices} (PyTorch's usual target).",
    "soft_targets": "y_true: rows are not one-hot, so PyTorch gets them as class probabilities.",
    "labels_01_to_pm1": "y_true: labels 0/1 become -1/1, as Keras' hinge converts them.",
    "pair_labels": "y_true becomes x1 of each pair, and every pair gets the label 1 (similar).",
    "stack_pair": "y_pred becomes (x1, x2) = (y_true, y_pred) stacked on axis 1, shape {shape}.",
    "log_probabilities": (
        "y_pred: the log of the probabilities Keras uses (each row divided by its sum, clipped to "
        "[1e-7, 1 - 1e-7])."
    ),
    "log_kl": "y_pred: the log of the probabilities, clipped to [1e-7, 1] as Keras clips them.",
    "rate": "PyTorch: log_input=False and eps=1e-7, so y_pred is read as the rate, as in Keras.",
    "class_weight_to_sample_weight": (
        "Keras: class weights become one sample weight per sample, the weight of its class: {weights}."
    ),
    "same_numbers": "PyTorch gets the same numbers, read its own way.",
}


@dataclass(frozen=True)
class Difference:
    key: str
    text: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Comparison:
    """Both traces and why they differ. ``agree`` is None when the two results have different
    shapes (reduction "none" of a per-sample and a per-element loss)."""

    pair: Pair
    keras: Trace
    torch: Trace
    conversions: tuple[Difference, ...]
    differences: tuple[Difference, ...]
    agree: bool | None
    keras_sample_weight: np.ndarray | None
    torch_params: Mapping[str, Any]
    # The inputs as given to each framework, in float64: the traces hold them cast to their
    # dtype, and a script written from float32 copies would print 0.05000000074505806.
    keras_inputs: tuple[np.ndarray, np.ndarray]
    torch_inputs: tuple[np.ndarray, np.ndarray]


def pair(pair_id: str) -> Pair:
    if pair_id not in PAIRS_BY_ID:
        raise LossInputError(
            f"Unknown comparison {str(pair_id)[:40]!r}. Known: {', '.join(PAIRS_BY_ID)}.",
            key="error.unknown_pair", argument="pair", value=str(pair_id)[:40],
            known=", ".join(PAIRS_BY_ID),
        )
    return PAIRS_BY_ID[pair_id]


def pair_for_keras(name: str) -> Pair | None:
    """The first pair whose Keras side is ``name`` (the explainer's loss), if any."""
    return next((p for p in PAIRS if p.keras == name and not p.keras_params), None)


def keras_params(lesson: Lesson) -> dict[str, Any]:
    """The lesson's Keras parameters that the Keras loss has, with the pair's fixed ones on top."""
    spec = get_spec(pair(lesson.pair).keras)
    known = {p.name for p in spec.params}
    params = {k: v for k, v in lesson.keras_params.items() if k in known}
    params.update(pair(lesson.pair).keras_params)
    return params


def _note(table: dict[str, str], key: str, **params: Any) -> Difference:
    return Difference(key, table[key].format(**params), params)


def _one_hot_indices(y_true: np.ndarray) -> np.ndarray | None:
    """Class indices of one-hot rows, or None when some row is not one-hot."""
    if y_true.ndim != 2:
        return None
    is_one_hot = np.all((y_true == 0) | (y_true == 1), axis=1) & (np.sum(y_true, axis=1) == 1)
    return np.argmax(y_true, axis=1).astype(np.float64) if is_one_hot.all() else None


def _keras_probabilities(y_pred: np.ndarray) -> np.ndarray:
    # categorical_crossentropy (keras/src/backend/numpy/nn.py): divide by the row sum, then clip.
    total = np.sum(y_pred, axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.clip(y_pred / total, EPSILON, 1 - EPSILON)


def torch_inputs(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, dict[str, Any], list[Difference]]:
    """y_true, y_pred and parameters for the PyTorch side, and what was converted."""
    p = pair(lesson.pair)
    y_true = np.asarray(lesson.y_true, dtype=np.float64)
    y_pred = np.asarray(lesson.y_pred, dtype=np.float64)
    params = keras_params(lesson)
    torch_params: dict[str, Any] = {
        torch_name: params[keras_name]
        for keras_name, torch_name in SHARED_PARAMS.get((p.keras, p.torch), {}).items()
        if keras_name in params
    }
    done: list[Difference] = []

    if p.target == "one_hot_to_index":
        indices = _one_hot_indices(y_true) if y_true.shape == y_pred.shape else None
        if indices is not None:
            y_true = indices
            done.append(_note(CONVERSIONS, "one_hot_to_index", indices=fmt_list(indices)))
        elif p.torch == "MultiMarginLoss":
            raise LossInputError(
                "MultiMarginLoss needs one class per sample: every row of y_true must be one-hot "
                "(a single 1, the rest 0) and have y_pred's shape.",
                key="error.compare_one_hot", argument="y_true",
            )
        elif y_true.shape == y_pred.shape:
            done.append(_note(CONVERSIONS, "soft_targets"))
    elif p.target == "labels_01_to_pm1":
        # Keras' hinge converts only when every label is 0 or 1 (keras/src/losses/losses.py).
        if y_true.size and np.all((y_true == 0) | (y_true == 1)):
            y_true = 2 * y_true - 1
            done.append(_note(CONVERSIONS, "labels_01_to_pm1"))
    elif p.target == "pair_labels":
        if y_true.ndim != 2 or y_true.shape != y_pred.shape:
            raise LossInputError(
                f"y_true has shape {y_true.shape} and y_pred {y_pred.shape}: the comparison with "
                "CosineEmbeddingLoss needs two tables of vectors of the same shape (N, D), one "
                "vector per row.",
                key="error.compare_pair_shape", argument="y_true",
                y_true_shape=str(y_true.shape), y_pred_shape=str(y_pred.shape),
            )
        stacked = np.stack([y_true, y_pred], axis=1)
        y_true, y_pred = np.ones(stacked.shape[0]), stacked
        done.append(_note(CONVERSIONS, "pair_labels"))
        done.append(_note(CONVERSIONS, "stack_pair", shape=str(tuple(stacked.shape))))

    from_logits = bool(params.get("from_logits", False))
    if p.prediction == "probabilities_to_logits" and lesson.translate and not from_logits:
        # log of Keras' own probabilities: softmax(log p) = p / sum(p) gives them back.
        y_pred = np.log(_keras_probabilities(y_pred))
        done.append(_note(CONVERSIONS, "log_probabilities"))
    elif p.prediction == "probabilities_to_log" and lesson.translate:
        # KLDivergence clips y_pred to [1e-7, 1] (keras/src/losses/losses.py, kl_divergence).
        y_pred = np.log(np.clip(y_pred, EPSILON, 1))
        done.append(_note(CONVERSIONS, "log_kl"))
    elif p.prediction == "rate" and lesson.translate:
        torch_params.update(log_input=False, eps=EPSILON)
        done.append(_note(CONVERSIONS, "rate"))

    if lesson.class_weight is not None:
        if not p.weights:
            raise LossInputError(
                f"{p.torch} takes no class weights in this comparison.",
                key="error.compare_no_weights", argument="class_weight", loss=p.torch,
            )
        torch_params["weight"] = tuple(lesson.class_weight)
    return y_true, y_pred, torch_params, done


def _keras_sample_weight(lesson: Lesson, y_true_torch: np.ndarray, y_pred: np.ndarray) -> np.ndarray | None:
    """Keras' class_weight: each sample weighs its class's weight (Model.fit's class_weight)."""
    if lesson.class_weight is None:
        return None
    weights = np.asarray(lesson.class_weight, dtype=np.float64)
    classes = np.shape(y_pred)[-1]
    if weights.size != classes:
        raise LossInputError(
            f"class weights: {weights.size} numbers for {classes} classes; give one weight per class.",
            key="error.weight_length", argument="class_weight", size=int(weights.size), expected=classes,
        )
    labels = np.asarray(y_true_torch)
    if labels.ndim != 1:
        labels = np.argmax(labels, axis=-1)
    return weights[labels.astype(np.int64)]


def _agree(a: Trace, b: Trace) -> bool | None:
    x, y = np.asarray(a.value, dtype=np.float64), np.asarray(b.value, dtype=np.float64)
    if x.shape != y.shape:
        return None
    # Both frameworks compute in float32 by default; a few ulps apart is the same number.
    tolerance = 1e-5 if a.dtype == "float32" else 1e-12
    return bool(np.allclose(x, y, rtol=tolerance, atol=tolerance, equal_nan=True))


def compare(lesson: Lesson) -> Comparison:
    """Both traces for ``lesson``, the conversions made, and the differences that apply.

    Raises LossInputError (with ``argument`` set) for inputs either framework rejects.
    """
    p = pair(lesson.pair)
    params = keras_params(lesson)
    y_true_t, y_pred_t, torch_params, conversions = torch_inputs(lesson)
    sample_weight = _keras_sample_weight(lesson, y_true_t, y_pred_t)
    if sample_weight is not None:
        conversions.append(_note(CONVERSIONS, "class_weight_to_sample_weight", weights=fmt_list(sample_weight)))
    if not conversions:
        conversions.append(_note(CONVERSIONS, "same_numbers"))
    keras = compute(p.keras, lesson.y_true, lesson.y_pred, sample_weight=sample_weight,
                    reduction=lesson.keras_reduction, dtype=lesson.dtype, **params)
    torch = compute(p.torch, y_true_t, y_pred_t, framework="pytorch", reduction=lesson.torch_reduction,
                    dtype=lesson.dtype, **torch_params)
    differences = _differences(p, lesson, params, torch_params, keras, torch)
    keras_inputs = (np.asarray(lesson.y_true, dtype=np.float64), np.asarray(lesson.y_pred, dtype=np.float64))
    return Comparison(p, keras, torch, tuple(conversions), tuple(differences), _agree(keras, torch),
                      sample_weight, torch_params, keras_inputs, (y_true_t, y_pred_t))


def _differences(p: Pair, lesson: Lesson, params: dict, torch_params: dict, keras: Trace,
                 torch: Trace) -> list[Difference]:
    found: list[Difference] = []
    y_pred = np.asarray(keras.y_pred)
    if p.torch == "CrossEntropyLoss" and not params.get("from_logits", False):
        found.append(_note(EXPLANATIONS, "logits", keras=p.keras))
    if p.torch == "KLDivLoss":
        found.append(_note(EXPLANATIONS, "kl_log"))
        if not lesson.translate and y_pred.size:
            found.append(_note(EXPLANATIONS, "kl_log_untranslated", first=fmt(y_pred.flat[0])))
        if lesson.torch_reduction == "mean" and lesson.keras_reduction in ("sum_over_batch_size", "mean") \
                and y_pred.ndim >= 2:
            found.append(_note(EXPLANATIONS, "mean_elements", count=int(y_pred.size),
                               classes=int(y_pred.shape[-1]), batch=int(y_pred.shape[0])))
    elif get_spec(p.torch, "pytorch").inputs == "elementwise" and y_pred.ndim >= 2:
        # Keras' per-sample loss is a mean over the last axis; PyTorch keeps every element.
        if "none" in (lesson.torch_reduction, lesson.keras_reduction):
            found.append(_note(EXPLANATIONS, "elementwise_mean", per_row=int(y_pred.shape[-1]),
                               count=int(y_pred.size)))
        elif lesson.torch_reduction == lesson.keras_reduction == "sum" and y_pred.shape[-1] > 1:
            found.append(_note(EXPLANATIONS, "elementwise_sum", per_row=int(y_pred.shape[-1]),
                               batch=int(np.prod(y_pred.shape[:-1]))))
    if p.torch == "BCELoss":
        # Only probabilities at Keras' clip bounds or beyond meet the two different caps.
        edge = (y_pred <= EPSILON) | (y_pred >= 1 - EPSILON)
        if edge.any():
            found.append(_note(EXPLANATIONS, "clip", count=int(edge.sum())))
    # With probability targets PyTorch's "mean" divides by N again: the divisor rule is for indices.
    index_targets = np.ndim(torch.y_true) < np.ndim(torch.y_pred)
    if lesson.class_weight is not None and "weight" in torch_params and index_targets:
        found.append(_note(EXPLANATIONS, "class_weight", weights=fmt_list(lesson.class_weight),
                           weight_sum=fmt(float(np.sum(keras.sample_weight))),
                           count=int(np.size(keras.sample_weight))))
    similar = {"HingeEmbeddingLoss": "similar_hinge", "MultiMarginLoss": "similar_multimargin",
               "CosineEmbeddingLoss": "similar_cosine"}
    if p.torch in similar:
        found.append(_note(EXPLANATIONS, similar[p.torch]))
    if p.torch == "PoissonNLLLoss" and torch_params.get("log_input", True):
        found.append(_note(EXPLANATIONS, "poisson_log"))
    expected = KERAS_TO_TORCH_REDUCTION[lesson.keras_reduction]
    if p.torch == "KLDivLoss" and expected == "mean":
        expected = "batchmean"
    # KLDivLoss' "mean" against Keras' mean already has its own explanation (mean_elements).
    covered = p.torch == "KLDivLoss" and lesson.torch_reduction == "mean" and expected == "batchmean"
    if lesson.torch_reduction != expected and not covered:
        found.append(_note(EXPLANATIONS, "reduction", keras=lesson.keras_reduction,
                           torch=lesson.torch_reduction, expected=expected))
    return found
