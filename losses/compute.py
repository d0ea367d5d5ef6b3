"""``compute``: the one code path from inputs to a Trace (a plain value is ``compute(...).value``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from losses import pytorch
from losses.gradient import Backward, backpropagate
from losses.errors import LossInputError, shape_error
from losses.messages import Terms, equation, msg, text_formula
from losses.numbers import DEFAULT_DIGITS, widened
from losses.reduction import TERMS_SHOWN, reduce_weighted, squeeze_or_expand_to_same_rank, standardize_reduction
from losses.registry import check_framework, get_spec
from losses.spec import LossSpec
from losses.trace import LossOutput, Recorder, SampleArithmetic, Trace, sample_indices

DTYPES = ("float32", "float64")


class _FrameworkDefault:
    def __repr__(self) -> str:
        return "FRAMEWORK_DEFAULT"


FRAMEWORK_DEFAULT = _FrameworkDefault()
"""``reduction``'s default: the framework's own (``None`` already means "none" in Keras)."""

DEFAULT_REDUCTIONS = {"keras": "sum_over_batch_size", "pytorch": "mean"}


def compute(
    name: str,
    y_true: Any,
    y_pred: Any,
    *,
    sample_weight: Any = None,
    reduction: Any = FRAMEWORK_DEFAULT,
    dtype: str = "float32",
    digits: int = DEFAULT_DIGITS,
    framework: str = "keras",
    **params: Any,
) -> Trace:
    """Compute a Keras 3 (or PyTorch) loss step by step.

    Reproduces ``keras.losses.<Class>(reduction=reduction, dtype=dtype, **params)(y_true,
    y_pred, sample_weight=sample_weight)``: the same casts, clipping, label conversion, masks,
    weighting and reduction, in float32 by default so the numbers equal Keras' own. With
    ``framework="pytorch"`` it reproduces ``torch.nn.<Class>(reduction=reduction,
    **params)(y_pred, y_true)`` instead (``losses.pytorch``).

    Args:
        name: a registered loss name or alias (``"mse"``; PyTorch: ``"MSELoss"``).
        y_true: targets, array-like; its meaning depends on the loss (``losses.spec(name)``).
        y_pred: predictions, array-like.
        sample_weight: None, a number, or one weight per sample ((N,) or (N, 1)); Keras only.
        reduction: Keras: "sum_over_batch_size" (default), "mean", "sum",
            "mean_with_sample_weight", "none"/None. PyTorch: "mean" (default), "sum", "none",
            and "batchmean" for KLDivLoss.
        dtype: "float32" (both frameworks' default) or "float64".
        digits: significant digits of the arithmetic strings.
        framework: "keras" or "pytorch".
        **params: the loss's keyword hyperparameters, named as in the framework.

    Example:
        >>> compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]).value  # Keras docs
        1.2999999523162842
    """
    if not isinstance(name, str):
        raise LossInputError("error.loss_name_type", argument="loss", value=repr(name)[:30])
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or not 1 <= digits <= 17:
        raise LossInputError("error.digits", argument="digits", value=repr(digits)[:30])
    framework = check_framework(framework)
    torch = framework == "pytorch"
    spec = get_spec(name, framework)
    if reduction is FRAMEWORK_DEFAULT:
        reduction = DEFAULT_REDUCTIONS[framework]
    reduction = pytorch.standardize_reduction(reduction, spec) if torch else standardize_reduction(reduction)
    if torch and sample_weight is not None:
        raise LossInputError("error.torch_sample_weight", argument="sample_weight")
    if dtype not in DTYPES:
        raise LossInputError("error.dtype", argument="dtype", value=str(dtype)[:20])
    np_dtype = np.dtype(dtype)
    values = _validate_params(spec, params)
    yt = _as_array("y_true", y_true, np_dtype, spec.max_rank)
    yp = _as_array("y_pred", y_pred, np_dtype, spec.max_rank)
    pred_shape = yp.shape
    weights = None if sample_weight is None else _as_array("sample_weight", sample_weight, np_dtype)
    try:
        yt, yp = (pytorch.check_inputs if torch else _check_shapes)(spec, yt, yp, values)
    except KerasWouldCompute as refusal:
        # Refused all the same, but the learner hears what Keras would have returned instead.
        raise keras_silent_error(refusal, spec, values, weights, reduction, np_dtype) from None
    check_cost(spec, yt.shape, yp.shape, np_dtype)
    if (not torch and spec.inputs != "sequence" and yp.ndim
            and (yp.shape[-1] == 0 or 0 in yp.shape[1:])):
        # jax averages an empty row to NaN: there is nothing to compute with. (PyTorch's empty
        # input is its own case, losses.pytorch.empty_batch.)
        raise LossInputError("error.empty_elements", argument="y_pred", shape=tuple(yp.shape))

    rec = Recorder(np_dtype, digits)
    with np.errstate(all="ignore"):
        if torch and yp.size == 0:
            out = pytorch.empty_batch(rec, spec, yt, yp)
        elif yp.ndim >= 2 and yp.shape[0] == 0:
            out = _empty_batch(spec, rec, yt, yp, values)
        else:
            out = spec.fn(rec, yt, yp, **values)
        per_sample = np.asarray(out.per_sample, dtype=np_dtype)
        arithmetic = _sample_arithmetic(out, per_sample)
        if arithmetic:
            rec.step(
                "per_sample",
                "step.per_sample.torch" if torch else "step.per_sample",
                spec.aggregation_latex,
                per_sample,
                example=arithmetic[0].formula,
            )
        widened_rows = [row for row in arithmetic if widened(row.value, digits)]
        if widened_rows:
            # Terms are shown rounded, the per-sample value in full when rounding would make it
            # read as exactly 1: say once why (0.5 + 0.5) can show as 0.9999999.
            row = widened_rows[0]
            rec.note("note.float_rounding", sample=", ".join(map(str, row.index)), value=row.value,
                     exact=f"{row.value:.9g}", dtype=dtype)
        if not np.all(np.isfinite(per_sample)):
            rec.note("note.non_finite", level="warning", framework=framework)
        if torch:
            reduced = pytorch.reduce(per_sample, out, reduction, np_dtype, spec.name)
        else:
            reduced = reduce_weighted(per_sample, weights, out.mask, reduction, np_dtype)
    for note in reduced.notes:
        rec.notes.append(note)
    if reduced.weights is not None:
        rec.step("weighting", "step.weighting", r"w_i \cdot \ell_i", reduced.weighted)
    rec.step(
        "reduction",
        msg("step.reduction", reduction=reduction),
        reduced.formula,
        np.asarray(reduced.value),
        example=reduced.arithmetic,
    )
    if per_sample.size and yp.size:
        backward = backpropagate(out, per_sample, reduced, reduction, framework, pred_shape,
                                 Recorder(np_dtype, digits))
    else:
        # An empty batch sends back an empty gradient: nothing to learn from.
        backward = Backward(np.zeros(pred_shape, dtype=np_dtype), (), ())
    shown = len(arithmetic)
    return Trace(
        name=spec.name,
        framework=framework,
        params=values,
        reduction=reduction,
        dtype=dtype,
        y_true=yt,
        y_pred=yp,
        sample_weight=weights,
        terms=np.asarray(out.terms),
        per_sample=per_sample,
        weighted=np.asarray(reduced.weighted),
        value=reduced.value,
        steps=tuple(rec.steps),
        notes=tuple(rec.notes),
        sample_arithmetic=tuple(arithmetic),
        samples_not_shown=max(int(per_sample.size) - shown, 0),
        reduction_arithmetic=reduced.arithmetic,
        digits=digits,
        gradient=None if backward is None else backward.gradient,
        gradient_steps=() if backward is None else backward.steps,
        gradient_notes=() if backward is None else backward.notes,
    )


def _empty_batch(spec: LossSpec, rec: Recorder, yt: np.ndarray, yp: np.ndarray, values: dict) -> LossOutput:
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


def _validate_params(spec: LossSpec, params: dict[str, Any]) -> dict[str, Any]:
    known = {p.name for p in spec.params}
    unknown = sorted(set(params) - known)
    if unknown:
        allowed = ", ".join(sorted(known)) or "none"
        raise LossInputError("error.unknown_param", argument=unknown[0], loss=spec.name,
                             allowed=allowed)
    return {p.name: p.validate(params.get(p.name, p.default)) for p in spec.params}


def _as_array(argument: str, value: Any, dtype: np.dtype, max_rank: int = 3) -> np.ndarray:
    if isinstance(value, np.ndarray) and value.dtype == dtype:
        # Already the compute dtype: validate in place, no copy (large batches).
        _check_finite(argument, value, "error.non_finite")
        cast = value
    else:
        try:
            wide = np.asarray(value, dtype=np.float64)
        except (ValueError, TypeError):
            raise LossInputError("error.not_numeric", argument=argument) from None
        _check_finite(argument, wide, "error.non_finite")
        with np.errstate(over="ignore"):
            cast = wide.astype(dtype)
        _check_finite(argument, cast, "error.overflow")
    if cast.ndim > max_rank:
        raise LossInputError("error.rank", argument=argument, ndim=int(cast.ndim), limit=max_rank)
    return cast


def _check_finite(argument: str, array: np.ndarray, key: str) -> None:
    if np.isfinite(array).all():
        return
    where = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
    raise LossInputError(key, argument=argument, position=where, dtype=array.dtype.name)


KERAS_SAME_SHAPE = frozenset({"binary_crossentropy", "binary_focal_crossentropy", "categorical_crossentropy"})
"""Keras losses whose jax backend itself stops on y_true and y_pred of different shapes
(``target.shape != output.shape``); every other elementwise loss broadcasts them silently."""


class KerasWouldCompute(LossInputError):
    """A refusal where Keras itself returns a number without a word.

    ``keras_inputs`` are y_true and y_pred as Keras computes with them; ``sample`` is the index
    into the per-sample losses of the first sample at fault, or None. ``compute`` turns this
    into the ``<key>.keras`` message that also says what Keras returns (``keras_silent_error``).
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


def _check_shapes(spec: LossSpec, yt: np.ndarray, yp: np.ndarray, params: dict) -> tuple[np.ndarray, np.ndarray]:
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
        if yt.ndim == yp.ndim and yt.shape[-1] == 1 and not broadcasts:
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
            details = {"argument": "y_true", "classes": classes, "last": classes - 1,
                       "value": float(yt[position]), "position": position}
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


def _sample_arithmetic(out: LossOutput, per_sample: np.ndarray) -> list[SampleArithmetic]:
    indices = sample_indices(per_sample.shape)
    if out.aggregation == "custom":
        if out.arithmetic is None:
            return []
        return [SampleArithmetic(i, out.arithmetic(i), float(per_sample[i])) for i in indices]
    terms = np.asarray(out.terms)
    if out.axis is not None and terms.ndim:
        terms = np.moveaxis(terms, out.axis, -1)
    rows = []
    for index in indices:
        row = terms[index].ravel()
        value = float(per_sample[index])
        written = Terms(tuple(float(t) for t in row[:TERMS_SHOWN]), more=max(row.size - TERMS_SHOWN, 0))
        if out.aggregation == "mean" and row.size > 1:
            arithmetic = equation(text_formula("(@0) / @1", written, int(row.size)), value)
        elif out.aggregation == "neg_sum":
            arithmetic = equation(text_formula("-(@0)", written), value)
        else:
            arithmetic = equation(text_formula("@0", written), value)
        rows.append(SampleArithmetic(tuple(int(i) for i in index), arithmetic, value))
    return rows
