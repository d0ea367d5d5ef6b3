"""Each framework as one object: what ``compute`` asks of Keras or of PyTorch, in that order.

A :class:`Framework` knows its default reduction and how to check one, its rule for sample
weights, its input checks (shapes, labels, the cost budget, empty rows), what an empty batch
gives, and its reduction. ``compute`` asks the same questions of both and so reads straight
through; where the two frameworks differ, the difference is here, one class each:

* Keras (``keras/src/losses/loss.py`` and ``losses.py``) aligns ranks, takes sample weights and
  five reductions, and computes some input silently that Loss Lab refuses: those refusals say
  what Keras would have returned (:class:`KerasWouldCompute`).
* PyTorch (``torch.nn``) needs identical shapes or class indices on axis 1, takes no sample
  weight, and reduces "mean" over every element.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from losses.errors import LossInputError, shape_error
from losses.numbers import DEFAULT_DIGITS
from losses.reduction import (
    REDUCTIONS,
    TORCH_REDUCTIONS,
    Reduced,
    reduce_torch,
    reduce_weighted,
    squeeze_or_expand_to_same_rank,
)
from losses.spec import LossSpec
from losses.trace import LossOutput, Recorder


# ---------------------------------------------------------------- what both frameworks share

WORK_BUDGET = 10_000_000
"""Elements in the largest array one computation may build: a 10^6 x 10 batch, or N = 3,162
samples for a loss over every pair of samples."""
MEMORY_BUDGET = 256 * 2**20
"""Bytes the arrays a trace keeps may take: one link must not be able to take a classroom's
server down (circle at N = 5,000 once took 1.4 GB)."""


def check_cost(spec: LossSpec, true_shape: tuple, pred_shape: tuple, dtype: np.dtype) -> None:
    """Refuse, before computing, an input whose work or memory would exceed the budgets."""
    work = spec.cost(tuple(true_shape), tuple(pred_shape))
    memory = work * spec.arrays * np.dtype(dtype).itemsize
    if work > WORK_BUDGET or memory > MEMORY_BUDGET:
        raise LossInputError("error.too_much_work", argument="y_pred", loss=spec.name,
                             shape=tuple(pred_shape), work=work, work_limit=WORK_BUDGET,
                             memory_mb=memory / 2**20, memory_limit_mb=MEMORY_BUDGET / 2**20)


# ---------------------------------------------------------------- the two frameworks

class Framework:
    """What ``compute`` asks of a framework, in the order it asks it."""

    name: str
    default_reduction: str
    per_sample_title: str
    """The message key of the per-sample step's title."""

    def standardize_reduction(self, reduction: Any, spec: LossSpec) -> str:
        raise NotImplementedError

    def check_sample_weight(self, sample_weight: Any) -> None:
        """Refuse a sample weight the framework does not take (before anything is converted)."""

    def check_inputs(self, spec: LossSpec, yt: np.ndarray, yp: np.ndarray, params: dict,
                     weights: np.ndarray | None, reduction: str,
                     dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
        """y_true and y_pred as the loss takes them, or LossInputError: shapes and labels first,
        then the cost budget, then rows with nothing in them."""
        yt, yp = self.check_shapes(spec, yt, yp, params)
        check_cost(spec, yt.shape, yp.shape, dtype)
        self.check_elements(spec, yp)
        return yt, yp

    def check_shapes(self, spec: LossSpec, yt: np.ndarray, yp: np.ndarray,
                     params: dict) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def check_elements(self, spec: LossSpec, yp: np.ndarray) -> None:
        """Refuse input with nothing to compute in it (the shapes are right)."""

    def empty_batch(self, rec: Recorder, spec: LossSpec, yt: np.ndarray, yp: np.ndarray,
                    params: dict) -> LossOutput | None:
        """The loss's output for a batch with nothing in it, or None when there is something."""
        raise NotImplementedError

    def reduce(self, per_sample: np.ndarray, weights: np.ndarray | None, out: LossOutput,
               reduction: str, dtype: np.dtype, spec: LossSpec) -> Reduced:
        raise NotImplementedError


class Keras(Framework):
    """``keras.losses.<Class>(reduction=..., dtype=...)(y_true, y_pred, sample_weight=...)``."""

    name = "keras"
    default_reduction = "sum_over_batch_size"
    per_sample_title = "step.per_sample"

    def standardize_reduction(self, reduction: Any, spec: LossSpec) -> str:
        if reduction is None:
            return "none"
        if reduction not in REDUCTIONS:
            raise LossInputError(
                "error.unknown_reduction",
                argument="reduction",
                framework="keras",
                value=str(reduction)[:40],
                choices=", ".join(REDUCTIONS),
            )
        return reduction

    def check_inputs(self, spec: LossSpec, yt: np.ndarray, yp: np.ndarray, params: dict,
                     weights: np.ndarray | None, reduction: str,
                     dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
        try:
            return super().check_inputs(spec, yt, yp, params, weights, reduction, dtype)
        except KerasWouldCompute as refusal:
            # Refused all the same, but the learner hears what Keras would have returned instead.
            raise keras_silent_error(refusal, spec, params, weights, reduction, dtype) from None

    def check_shapes(self, spec: LossSpec, yt: np.ndarray, yp: np.ndarray,
                     params: dict) -> tuple[np.ndarray, np.ndarray]:
        return check_keras_inputs(spec, yt, yp, params)

    def check_elements(self, spec: LossSpec, yp: np.ndarray) -> None:
        if spec.inputs != "sequence" and yp.ndim and (yp.shape[-1] == 0 or 0 in yp.shape[1:]):
            # jax averages an empty row to NaN: there is nothing to compute with. (An empty
            # batch, 0 samples of a right shape, is empty_batch's.)
            raise LossInputError("error.empty_elements", argument="y_pred", shape=tuple(yp.shape))

    def empty_batch(self, rec: Recorder, spec: LossSpec, yt: np.ndarray, yp: np.ndarray,
                    params: dict) -> LossOutput | None:
        if yp.ndim >= 2 and yp.shape[0] == 0:
            return keras_empty_batch(spec, rec, yt, yp, params)
        return None

    def reduce(self, per_sample: np.ndarray, weights: np.ndarray | None, out: LossOutput,
               reduction: str, dtype: np.dtype, spec: LossSpec) -> Reduced:
        return reduce_weighted(per_sample, weights, out.mask, reduction, dtype)


class PyTorch(Framework):
    """``torch.nn.<Class>(reduction=..., **params)(input=y_pred, target=y_true)``."""

    name = "pytorch"
    default_reduction = "mean"
    per_sample_title = "step.per_sample.torch"

    def standardize_reduction(self, reduction: Any, spec: LossSpec) -> str:
        return standardize_torch_reduction(reduction, spec)

    def check_sample_weight(self, sample_weight: Any) -> None:
        if sample_weight is not None:
            raise LossInputError("error.torch_sample_weight", argument="sample_weight")

    def check_shapes(self, spec: LossSpec, yt: np.ndarray, yp: np.ndarray,
                     params: dict) -> tuple[np.ndarray, np.ndarray]:
        return check_torch_inputs(spec, yt, yp, params)

    def empty_batch(self, rec: Recorder, spec: LossSpec, yt: np.ndarray, yp: np.ndarray,
                    params: dict) -> LossOutput | None:
        return torch_empty_batch(rec, spec, yt, yp) if yp.size == 0 else None

    def reduce(self, per_sample: np.ndarray, weights: np.ndarray | None, out: LossOutput,
               reduction: str, dtype: np.dtype, spec: LossSpec) -> Reduced:
        return reduce_torch(per_sample, out, reduction, dtype, spec.name)


FRAMEWORK_OBJECTS: dict[str, Framework] = {"keras": Keras(), "pytorch": PyTorch()}
"""Each framework by name (``losses.FRAMEWORKS`` lists the names)."""


# ---------------------------------------------------------------- Keras

KERAS_SAME_SHAPE = frozenset({"binary_crossentropy", "binary_focal_crossentropy", "categorical_crossentropy"})
"""Keras losses whose jax backend itself stops on y_true and y_pred of different shapes
(``target.shape != output.shape``); every other elementwise loss broadcasts them silently."""


class KerasWouldCompute(LossInputError):
    """A refusal where Keras itself returns a number without a word.

    ``keras_inputs`` are y_true and y_pred as Keras computes with them; ``sample`` is the index
    into the per-sample losses of the first sample at fault, or None (a broadcast). Keras'
    ``check_inputs`` turns it into the ``<key>.keras`` message that also says what Keras
    returns (``keras_silent_error``); whoever calls ``check_keras_inputs`` alone gets a
    LossInputError all the same.
    """

    def __init__(self, key: str, *, keras_inputs: tuple[np.ndarray, np.ndarray],
                 sample: tuple[int, ...] | None = None, negative_zero: np.ndarray | None = None,
                 **params: Any) -> None:
        super().__init__(key, **params)
        self.keras_inputs = keras_inputs
        self.sample = sample
        self.negative_zero = negative_zero


def keras_silent_error(refusal: KerasWouldCompute, spec: LossSpec, values: dict, weights: Any,
                       reduction: str, dtype: np.dtype) -> LossInputError:
    """The refusal, with Keras' own result for the learner's input (``keras_value``).

    Keras' result is computed the way its jax backend computes it: the loss function on the
    inputs as Keras sees them (broadcast against each other, an out-of-range label one-hot
    encoded as a row of zeros), then the same weighting and reduction. Where that cannot be
    computed (too large, weights that do not fit), the plain refusal stays.
    """
    plain = LossInputError(refusal.key, argument=refusal.argument, **refusal.params)
    yt, yp = refusal.keras_inputs
    extra: dict[str, Any] = {}
    try:
        if refusal.sample is None:
            # Broadcast: the loss is computed over the shape both are stretched to.
            shape = np.broadcast_shapes(yt.shape, yp.shape)
            extra["shape"] = tuple(shape)
            true_shape = pred_shape = shape
        else:
            true_shape, pred_shape = yt.shape, yp.shape
        if 0 in true_shape or 0 in pred_shape:
            return plain
        check_cost(spec, true_shape, pred_shape, dtype)
        with np.errstate(all="ignore"):
            out = spec.fn(Recorder(dtype, DEFAULT_DIGITS), yt, yp, **values)
            per_sample = np.asarray(out.per_sample, dtype=dtype)
            if refusal.negative_zero is not None:
                # Keras' -sum(y * log p) over a row of zeros is -(+0) = -0; Loss Lab's trace
                # writes 0 - sum so that it reads 0 (probabilistic._negate). Keras' sign here.
                per_sample = np.where(refusal.negative_zero & (per_sample == 0), -np.abs(per_sample),
                                      per_sample).astype(dtype)
            reduced = reduce_weighted(per_sample, weights, out.mask, reduction, dtype)
    except (LossInputError, ValueError, IndexError):
        return plain
    extra["keras_value"] = reduced.value
    if refusal.sample is not None:
        extra["sample_loss"] = float(per_sample[refusal.sample])
    return LossInputError(f"{refusal.key}.keras", argument=refusal.argument, **refusal.params, **extra)


def _first(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0])


def check_keras_inputs(spec: LossSpec, yt: np.ndarray, yp: np.ndarray, params: dict) -> tuple[np.ndarray, np.ndarray]:
    if yp.ndim == 0 or yt.ndim == 0:
        raise LossInputError("error.scalar_input", argument="y_pred" if yp.ndim == 0 else "y_true")
    if spec.inputs == "elementwise":
        # LossFunctionWrapper.call aligns ranks first, as Keras does.
        yt, yp = squeeze_or_expand_to_same_rank(yt, yp)
        if yt.shape != yp.shape:
            error = shape_error(yt, yp, "same")
            try:
                np.broadcast_shapes(yt.shape, yp.shape)
            except ValueError:
                raise error from None
            if spec.name in KERAS_SAME_SHAPE:
                raise error
            # jnp broadcasts (N, 1) against (N, C) as numpy does: Keras returns a number. The
            # shorter one gains leading axes of length 1, as broadcasting reads it.
            rank = max(yt.ndim, yp.ndim)
            inputs = tuple(x.reshape((1,) * (rank - x.ndim) + x.shape) for x in (yt, yp))
            raise KerasWouldCompute(error.key, argument=error.argument, keras_inputs=inputs,
                                    **error.params)
        axis = params.get("axis", -1)
        axes = () if axis is None else axis if isinstance(axis, tuple) else (axis,)
        for one in axes:
            if not -yp.ndim <= one < yp.ndim:
                raise LossInputError("error.axis", argument="axis", axis=one, ndim=int(yp.ndim))
        if len({one % yp.ndim for one in axes}) != len(axes):
            raise LossInputError("error.axis_repeated", argument="axis", axis=axis,
                                 ndim=int(yp.ndim))
    elif spec.inputs == "sparse":
        axis = params.get("axis", -1)
        if axis is not None and not -yp.ndim <= axis < yp.ndim:
            raise LossInputError("error.axis", argument="axis", axis=axis, ndim=int(yp.ndim))
        # Keras' generalized cross-entropy one-hots (N, 1) labels without squeezing them, and
        # they broadcast against y_pred into an (N, N) loss; the loss function explains it.
        broadcasts = spec.name == "categorical_generalized_cross_entropy"
        squeezed = yt.ndim == yp.ndim and yt.shape[-1] == 1 and not broadcasts
        if squeezed:
            yt = yt[..., 0]
        if yt.shape != yp.shape[:-1] and not (broadcasts and yt.shape == yp.shape[:-1] + (1,)):
            raise shape_error(yt, yp, "sparse", index_shape=tuple(yp.shape[:-1]))
        classes = yp.shape[-1]
        ignore = params.get("ignore_class")
        counted = np.ones(yt.shape, dtype=bool) if ignore is None else yt != ignore
        fraction = counted & (yt != np.round(yt))
        outside = counted & ((yt < 0) | (yt >= classes))
        if fraction.any() or outside.any():
            position = _first(fraction if fraction.any() else outside)
            # The position in y_true as the learner typed it, (N, 1) labels included.
            details = {"argument": "y_true", "classes": classes, "last": classes - 1,
                       "value": float(yt[position]), "position": position + (0,) * squeezed}
            if fraction.any():
                raise LossInputError("error.class_range", **details)
            # jax.nn.one_hot encodes a label outside 0..C-1 as a row of zeros: no class is true.
            raise KerasWouldCompute(
                "error.class_range", keras_inputs=(yt, yp), sample=position,
                negative_zero=outside if spec.name == "sparse_categorical_crossentropy" else None,
                **details)
    elif spec.inputs == "embedding":
        if yt.ndim == 2 and yt.shape[-1] == 1:
            yt = yt[:, 0]
        if yt.ndim != 1 or yp.ndim != 2 or yt.shape[0] != yp.shape[0]:
            raise shape_error(yt, yp, "embedding")
        if np.any(yt != np.round(yt)):
            raise LossInputError("error.integer_labels", argument="y_true")
    elif spec.inputs == "sequence":
        if yt.ndim != 2 or yp.ndim != 3 or yt.shape[0] != yp.shape[0]:
            raise shape_error(yt, yp, "sequence")
        classes = yp.shape[-1]
        fraction = yt != np.round(yt)
        outside = (yt < 0) | (yt >= classes)
        if fraction.any() or outside.any():
            position = _first(fraction if fraction.any() else outside)
            details = {"argument": "y_true", "classes": classes, "last": classes - 1,
                       "value": float(yt[position]), "position": position}
            if fraction.any():
                raise LossInputError("error.class_range.ctc", **details)
            # Keras' CTC one-hot encodes the label as zeros: emitting it costs log 1 = 0.
            raise KerasWouldCompute("error.class_range.ctc", keras_inputs=(yt, yp),
                                    sample=position[:1], **details)
    return yt, yp


def keras_empty_batch(spec: LossSpec, rec: Recorder, yt: np.ndarray, yp: np.ndarray, values: dict) -> LossOutput:
    """A batch of 0 samples: learn the per-sample shape from one neutral sample, keep 0 of them.

    Keras returns the empty per-sample array unreduced; there is nothing to show step by step.
    """
    probe = Recorder(rec.dtype, rec.digits)
    one_true = np.zeros((1, *yt.shape[1:]), dtype=yt.dtype)
    one_pred = np.full((1, *yp.shape[1:]), 1.0 / max(yp.shape[-1], 1), dtype=yp.dtype)
    out = spec.fn(probe, one_true, one_pred, **values)
    per_sample = np.asarray(out.per_sample)
    terms = np.asarray(out.terms)
    rec.note("note.empty_batch")
    return LossOutput(
        per_sample[:0] if per_sample.ndim else per_sample,
        terms[:0] if terms.ndim else terms,
        aggregation="custom",
    )


# ---------------------------------------------------------------- PyTorch

def standardize_torch_reduction(reduction: Any, spec: LossSpec) -> str:
    """PyTorch's reduction strings; ``None`` is not one (torch raises on it)."""
    allowed = spec.reductions or TORCH_REDUCTIONS
    if not isinstance(reduction, str) or reduction not in allowed:
        raise LossInputError(
            "error.unknown_reduction",
            argument="reduction",
            framework="pytorch",
            loss=f"torch.nn.{spec.name}",
            value=str(reduction)[:40],
            choices=", ".join(allowed),
            none=reduction is None,
        )
    return reduction


def check_torch_inputs(spec: LossSpec, yt: np.ndarray, yp: np.ndarray, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """Torch's shape rules, stricter than Keras': no rank alignment, classes on axis 1."""
    if yp.ndim == 0 or yt.ndim == 0:
        raise LossInputError("error.scalar_input", argument="y_pred" if yp.ndim == 0 else "y_true")
    inputs = spec.inputs
    if inputs == "elementwise":
        if yt.shape != yp.shape:
            raise shape_error(yt, yp, "torch_same")
    elif inputs in ("class_index", "class_index_or_probabilities"):
        _check_class_inputs(spec, yt, yp, params)
    elif inputs == "pair":
        if yp.ndim != 2 or yp.shape[1] != 2 or yt.shape != yp.shape[:1]:
            raise shape_error(yt, yp, "torch_pair")
    elif inputs == "embedding_pair":
        if yp.ndim != 3 or yp.shape[1] != 2 or yt.shape != yp.shape[:1]:
            raise shape_error(yt, yp, "torch_embedding_pair")
    if spec.name == "BCELoss":
        # Loss.cpp checks both ranges before computing anything.
        for argument, array in (("y_pred", yp), ("y_true", yt)):
            outside = (array < 0) | (array > 1)
            if outside.any():
                where = tuple(int(i) for i in np.argwhere(outside)[0])
                # The catalog names torch's own wording: "input" for y_pred, "target" for y_true.
                raise LossInputError("error.probability_range", argument=argument, position=where,
                                     value=float(array[where]))
    for name in ("weight", "pos_weight"):
        if spec.name in ("BCELoss", "BCEWithLogitsLoss") and params.get(name) is not None:
            size = len(params[name])
            if size not in (1, yp.shape[-1]):
                raise LossInputError("error.weight_length", argument=name, size=size,
                                     expected=int(yp.shape[-1]), per="last_axis")
    return yt, yp


def _check_class_inputs(spec: LossSpec, yt: np.ndarray, yp: np.ndarray, params: dict) -> None:
    if yp.ndim < 2:
        raise shape_error(yt, yp, "torch_scores")
    if spec.name == "MultiMarginLoss" and yp.ndim != 2:
        raise shape_error(yt, yp, "torch_multi_margin")
    classes = yp.shape[1]
    index_shape = yp.shape[:1] + yp.shape[2:]
    either = spec.inputs == "class_index_or_probabilities"
    probabilities = either and yt.shape == yp.shape
    if not probabilities and yt.shape != index_shape:
        rule = "torch_index_or_probabilities" if either else "torch_index"
        raise shape_error(yt, yp, rule, index_shape=tuple(index_shape))
    weight = params.get("weight")
    if weight is not None and len(weight) != classes:
        raise LossInputError("error.weight_length", argument="weight", size=len(weight),
                             expected=classes, per="class")
    if probabilities:
        if params.get("ignore_index", -100) != -100:
            raise LossInputError("error.ignore_index_probabilities", argument="ignore_index")
        return
    ignore = params.get("ignore_index")
    valid = yt if ignore is None else yt[yt != ignore]
    bad = (valid != np.round(valid)) | (valid < 0) | (valid >= classes)
    if bad.any():
        raise LossInputError("error.class_range.torch", argument="y_true", classes=classes,
                             last=classes - 1, value=float(valid[bad][0]))


def torch_empty_batch(rec: Recorder, spec: LossSpec, yt: np.ndarray, yp: np.ndarray) -> LossOutput:
    """No elements: torch's unreduced output is empty, in the shape its "none" would have."""
    if spec.inputs == "elementwise":
        shape = yp.shape
    elif spec.inputs in ("class_index", "class_index_or_probabilities"):
        shape = yp.shape[:1] + yp.shape[2:]
    else:
        shape = yp.shape[:1]
    rec.note("note.torch_empty_batch")
    empty = np.zeros(shape, dtype=rec.dtype)
    return LossOutput(empty, empty, aggregation="custom", axis=None)
