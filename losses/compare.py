"""Keras losses beside their nearest ``torch.nn`` losses: how the inputs translate, and why the
numbers differ where they do.

Plain data and numpy. A :class:`Pair` names a Keras loss and the PyTorch loss closest to it; a
:class:`Lesson` is one set of inputs for a pair; :func:`compare` runs both through
``losses.compute`` and returns the two traces, what was done to the inputs on the way to
PyTorch, and the differences that apply to these inputs. Each conversion and difference is a
message (``compare.conv.<key>`` and ``compare.diff.<key>`` in the catalogs) with the lesson's own
numbers as parameters. The ready-made comparisons (presets) and their prose are lesson content:
``ui/content/compare.py``.

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
from losses.messages import Message
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


CONVERSION = "compare.conv"
DIFFERENCE = "compare.diff"


@dataclass(frozen=True)
class Difference:
    """One sentence of a comparison: a conversion made or a difference that applies.

    ``key`` names it among its kind; ``message`` is its catalog entry (``compare.conv.<key>`` or
    ``compare.diff.<key>``) with the raw numbers of this lesson.
    """

    key: str
    message: Message

    @property
    def params(self) -> Mapping[str, Any]:
        return self.message.params


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
    gradient_agree: bool | None = None
    """Whether the two gradients are the same numbers; None when they cannot be compared element
    by element (PyTorch got converted predictions, or the shapes differ)."""
    gradient_differences: tuple[Difference, ...] = ()


def pair(pair_id: str) -> Pair:
    if not isinstance(pair_id, str) or pair_id not in PAIRS_BY_ID:
        raise LossInputError("error.unknown_pair", argument="pair", value=str(pair_id)[:40],
                             known=", ".join(PAIRS_BY_ID))
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


def _note(kind: str, key: str, **params: Any) -> Difference:
    return Difference(key, Message(f"{kind}.{key}", params))


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
            done.append(_note(CONVERSION, "one_hot_to_index", indices=[int(i) for i in indices]))
        elif p.torch == "MultiMarginLoss":
            raise LossInputError("error.compare_one_hot", argument="y_true")
        elif y_true.shape == y_pred.shape:
            done.append(_note(CONVERSION, "soft_targets"))
    elif p.target == "labels_01_to_pm1":
        # Keras' hinge converts only when every label is 0 or 1 (keras/src/losses/losses.py).
        if y_true.size and np.all((y_true == 0) | (y_true == 1)):
            y_true = 2 * y_true - 1
            done.append(_note(CONVERSION, "labels_01_to_pm1"))
    elif p.target == "pair_labels":
        if y_true.ndim != 2 or y_true.shape != y_pred.shape:
            raise LossInputError("error.compare_pair_shape", argument="y_true",
                                 y_true_shape=tuple(y_true.shape), y_pred_shape=tuple(y_pred.shape))
        stacked = np.stack([y_true, y_pred], axis=1)
        y_true, y_pred = np.ones(stacked.shape[0]), stacked
        done.append(_note(CONVERSION, "pair_labels"))
        done.append(_note(CONVERSION, "stack_pair", shape=tuple(stacked.shape)))

    from_logits = bool(params.get("from_logits", False))
    if p.prediction == "probabilities_to_logits" and lesson.translate and not from_logits:
        # log of Keras' own probabilities: softmax(log p) = p / sum(p) gives them back.
        y_pred = np.log(_keras_probabilities(y_pred))
        done.append(_note(CONVERSION, "log_probabilities"))
    elif p.prediction == "probabilities_to_log" and lesson.translate:
        # KLDivergence clips y_pred to [1e-7, 1] (keras/src/losses/losses.py, kl_divergence).
        y_pred = np.log(np.clip(y_pred, EPSILON, 1))
        done.append(_note(CONVERSION, "log_kl"))
    elif p.prediction == "rate" and lesson.translate:
        torch_params.update(log_input=False, eps=EPSILON)
        done.append(_note(CONVERSION, "rate"))

    if lesson.class_weight is not None:
        if not p.weights:
            raise LossInputError("error.compare_no_weights", argument="class_weight", loss=p.torch)
        torch_params["weight"] = tuple(lesson.class_weight)
    return y_true, y_pred, torch_params, done


def _keras_sample_weight(lesson: Lesson, y_true_torch: np.ndarray, y_pred: np.ndarray) -> np.ndarray | None:
    """Keras' class_weight: each sample weighs its class's weight (Model.fit's class_weight)."""
    if lesson.class_weight is None:
        return None
    weights = np.asarray(lesson.class_weight, dtype=np.float64)
    classes = np.shape(y_pred)[-1]
    if weights.size != classes:
        raise LossInputError("error.compare_class_weight_length", argument="class_weight",
                             size=int(weights.size), expected=int(classes))
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
        conversions.append(_note(CONVERSION, "class_weight_to_sample_weight",
                                 weights=[float(w) for w in sample_weight]))
    if not conversions:
        conversions.append(_note(CONVERSION, "same_numbers"))
    keras = compute(p.keras, lesson.y_true, lesson.y_pred, sample_weight=sample_weight,
                    reduction=lesson.keras_reduction, dtype=lesson.dtype, **params)
    torch = compute(p.torch, y_true_t, y_pred_t, framework="pytorch", reduction=lesson.torch_reduction,
                    dtype=lesson.dtype, **torch_params)
    differences = _differences(p, lesson, params, torch_params, keras, torch, y_true_t)
    keras_inputs = (np.asarray(lesson.y_true, dtype=np.float64), np.asarray(lesson.y_pred, dtype=np.float64))
    gradient_agree, gradient_differences = _gradients(p, lesson, params, keras, torch, y_pred_t)
    return Comparison(p, keras, torch, tuple(conversions), tuple(differences), _agree(keras, torch),
                      sample_weight, torch_params, keras_inputs, (y_true_t, y_pred_t),
                      gradient_agree, tuple(gradient_differences))


GRADIENT = "compare.grad"


def _gradients(p: Pair, lesson: Lesson, params: dict, keras: Trace, torch: Trace,
               y_pred_t: np.ndarray) -> tuple[bool | None, list[Difference]]:
    """Whether the two frameworks send back the same gradient, and why not when they don't."""
    g_keras, g_torch = keras.gradient, torch.gradient
    if g_keras is None or g_torch is None:
        return None, []
    same_inputs = np.shape(y_pred_t) == np.shape(lesson.y_pred) and np.array_equal(
        np.asarray(y_pred_t, dtype=np.float64), np.asarray(lesson.y_pred, dtype=np.float64))
    if not same_inputs:
        # Log-probabilities, a stacked pair: PyTorch's gradient is with respect to other numbers.
        return None, [Difference("translated", Message(f"{GRADIENT}.translated"))]
    a, b = np.asarray(g_keras, dtype=np.float64), np.asarray(g_torch, dtype=np.float64)
    tolerance = 1e-5 if keras.dtype == "float32" else 1e-12
    if a.shape == b.shape and np.allclose(a, b, rtol=tolerance, atol=tolerance, equal_nan=True):
        return True, [Difference("agree", Message(f"{GRADIENT}.agree"))]
    found: list[Difference] = []
    first = [float(v) for v in a.reshape(a.shape[0], -1)[0]] if a.size else []
    first_torch = [float(v) for v in b.reshape(b.shape[0], -1)[0]] if b.size else []
    if p.torch == "CrossEntropyLoss" and not params.get("from_logits", False):
        found.append(Difference("logits", Message(f"{GRADIENT}.logits", {
            "keras": p.keras, "keras_row": first, "torch_row": first_torch})))
    if p.torch == "BCELoss":
        edge = (np.asarray(keras.y_pred) <= EPSILON) | (np.asarray(keras.y_pred) >= 1 - EPSILON)
        if edge.any():
            found.append(Difference("clamp", Message(f"{GRADIENT}.clamp", {"count": int(edge.sum())})))
    if a.shape == b.shape and a.size:
        ratio = _common_ratio(a, b)
        if ratio is not None:
            found.append(Difference("scale", Message(f"{GRADIENT}.scale", {"ratio": ratio})))
    if not found:
        found.append(Difference("differ", Message(f"{GRADIENT}.differ", {
            "keras_row": first, "torch_row": first_torch})))
    return False, found


def _common_ratio(a: np.ndarray, b: np.ndarray) -> float | None:
    """PyTorch's gradient over Keras' when it is one number for every element (a divisor
    difference: a mean over all elements against a mean of per-sample means), else None."""
    both = (a != 0) & (b != 0) & np.isfinite(a) & np.isfinite(b)
    if not both.any() or np.any((a == 0) != (b == 0)):
        return None
    ratios = b[both] / a[both]
    if np.allclose(ratios, ratios[0], rtol=1e-4) and not np.isclose(ratios[0], 1.0, rtol=1e-4):
        return float(ratios[0])
    return None


def _as_logits(p: Pair, lesson: Lesson, torch_params: dict, y_true_t: np.ndarray, torch: Trace) -> list[float]:
    """PyTorch's per-sample losses with the lesson's y_pred read as logits, unweighted (as Keras'
    per-sample losses are): what the comparison's own PyTorch side gives when nothing was
    translated and no class weight applies."""
    unweighted = {k: v for k, v in torch_params.items() if k != "weight"}
    if lesson.translate or unweighted != torch_params:
        torch = compute(p.torch, y_true_t, np.asarray(lesson.y_pred, dtype=np.float64),
                        framework="pytorch", reduction="none", dtype=lesson.dtype, **unweighted)
    return [float(v) for v in np.ravel(torch.per_sample)]


def _differences(p: Pair, lesson: Lesson, params: dict, torch_params: dict, keras: Trace,
                 torch: Trace, y_true_t: np.ndarray) -> list[Difference]:
    found: list[Difference] = []
    y_pred = np.asarray(keras.y_pred)
    if p.torch == "CrossEntropyLoss" and not params.get("from_logits", False):
        # The lesson's own numbers read both ways, so the sentence can never disagree with them.
        found.append(_note(DIFFERENCE, "logits", keras=p.keras,
                           torch_values=_as_logits(p, lesson, torch_params, y_true_t, torch),
                           keras_values=[float(v) for v in np.ravel(keras.per_sample)]))
    if p.torch == "KLDivLoss":
        found.append(_note(DIFFERENCE, "kl_log"))
        if not lesson.translate and y_pred.size:
            found.append(_note(DIFFERENCE, "kl_log_untranslated", first=float(y_pred.flat[0])))
        if lesson.torch_reduction == "mean" and lesson.keras_reduction in ("sum_over_batch_size", "mean") \
                and y_pred.ndim >= 2:
            found.append(_note(DIFFERENCE, "mean_elements", count=int(y_pred.size),
                               classes=int(y_pred.shape[-1]), batch=int(y_pred.shape[0])))
    elif get_spec(p.torch, "pytorch").inputs == "elementwise" and y_pred.ndim >= 2:
        # Keras' per-sample loss is a mean over the last axis; PyTorch keeps every element.
        if "none" in (lesson.torch_reduction, lesson.keras_reduction):
            found.append(_note(DIFFERENCE, "elementwise_mean", per_row=int(y_pred.shape[-1]),
                               count=int(y_pred.size)))
        elif lesson.torch_reduction == lesson.keras_reduction == "sum" and y_pred.shape[-1] > 1:
            found.append(_note(DIFFERENCE, "elementwise_sum", per_row=int(y_pred.shape[-1]),
                               batch=int(np.prod(y_pred.shape[:-1]))))
    if p.torch == "BCELoss":
        # Only probabilities at Keras' clip bounds or beyond meet the two different caps.
        edge = (y_pred <= EPSILON) | (y_pred >= 1 - EPSILON)
        if edge.any():
            found.append(_note(DIFFERENCE, "clip", count=int(edge.sum())))
    # With probability targets PyTorch's "mean" divides by N again: the divisor rule is for indices.
    index_targets = np.ndim(torch.y_true) < np.ndim(torch.y_pred)
    if lesson.class_weight is not None and "weight" in torch_params and index_targets:
        found.append(_note(DIFFERENCE, "class_weight", weights=[float(w) for w in lesson.class_weight],
                           weight_sum=float(np.sum(keras.sample_weight)),
                           count=int(np.size(keras.sample_weight))))
    similar = {"HingeEmbeddingLoss": "similar_hinge", "MultiMarginLoss": "similar_multimargin",
               "CosineEmbeddingLoss": "similar_cosine"}
    if p.torch in similar:
        found.append(_note(DIFFERENCE, similar[p.torch]))
    if p.torch == "PoissonNLLLoss" and torch_params.get("log_input", True):
        found.append(_note(DIFFERENCE, "poisson_log"))
    expected = KERAS_TO_TORCH_REDUCTION[lesson.keras_reduction]
    if p.torch == "KLDivLoss" and expected == "mean":
        expected = "batchmean"
    # KLDivLoss' "mean" against Keras' mean already has its own explanation (mean_elements).
    covered = p.torch == "KLDivLoss" and lesson.torch_reduction == "mean" and expected == "batchmean"
    if lesson.torch_reduction != expected and not covered:
        found.append(_note(DIFFERENCE, "reduction", keras=lesson.keras_reduction,
                           torch=lesson.torch_reduction, expected=expected))
    return found
