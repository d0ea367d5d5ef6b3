"""``compute``: the one code path from inputs to a Trace (a plain value is ``compute(...).value``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from losses.errors import LossInputError
# The budgets and check_cost are read from here too (tests/losses/test_cost.py).
from losses.framework import FRAMEWORK_OBJECTS, MEMORY_BUDGET, WORK_BUDGET, check_cost  # noqa: F401
from losses.gradient import Backward, backpropagate
from losses.messages import Terms, equation, msg, text_formula
from losses.numbers import DEFAULT_DIGITS, widened
from losses.reduction import TERMS_SHOWN
from losses.registry import check_framework, get_spec
from losses.spec import LossSpec
from losses.trace import LossOutput, Recorder, SampleArithmetic, Trace, sample_indices

DTYPES = ("float32", "float64")


class _FrameworkDefault:
    def __repr__(self) -> str:
        return "FRAMEWORK_DEFAULT"


FRAMEWORK_DEFAULT = _FrameworkDefault()
"""``reduction``'s default: the framework's own (``None`` already means "none" in Keras)."""

DEFAULT_REDUCTIONS = {name: fw.default_reduction for name, fw in FRAMEWORK_OBJECTS.items()}


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
    **params)(y_pred, y_true)`` instead. What differs between the two, from the default
    reduction to the input checks, is each framework's object (``losses.framework``).

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
    fw = FRAMEWORK_OBJECTS[check_framework(framework)]
    spec = get_spec(name, fw.name)
    reduction = fw.standardize_reduction(
        fw.default_reduction if reduction is FRAMEWORK_DEFAULT else reduction, spec)
    fw.check_sample_weight(sample_weight)
    if dtype not in DTYPES:
        raise LossInputError("error.dtype", argument="dtype", value=str(dtype)[:20])
    np_dtype = np.dtype(dtype)
    values = _validate_params(spec, params)
    yt = _as_array("y_true", y_true, np_dtype, spec.max_rank)
    yp = _as_array("y_pred", y_pred, np_dtype, spec.max_rank)
    pred_shape = yp.shape
    weights = None if sample_weight is None else _as_array("sample_weight", sample_weight, np_dtype)
    yt, yp = fw.check_inputs(spec, yt, yp, values, weights, reduction, np_dtype)

    rec = Recorder(np_dtype, digits)
    with np.errstate(all="ignore"):
        out = fw.empty_batch(rec, spec, yt, yp, values)
        if out is None:
            out = spec.fn(rec, yt, yp, **values)
        per_sample = np.asarray(out.per_sample, dtype=np_dtype)
        arithmetic = _sample_arithmetic(out, per_sample)
        if arithmetic:
            rec.step("per_sample", fw.per_sample_title, spec.aggregation_latex, per_sample,
                     example=arithmetic[0].formula)
        widened_rows = [row for row in arithmetic if widened(row.value, digits)]
        if widened_rows:
            # Terms are shown rounded, the per-sample value in full when rounding would make it
            # read as exactly 1: say once why (0.5 + 0.5) can show as 0.9999999.
            row = widened_rows[0]
            rec.note("note.float_rounding", sample=", ".join(map(str, row.index)), value=row.value,
                     exact=f"{row.value:.9g}", dtype=dtype)
        if not np.all(np.isfinite(per_sample)):
            rec.note("note.non_finite", level="warning", framework=fw.name)
        reduced = fw.reduce(per_sample, weights, out, reduction, np_dtype, spec)
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
        backward = backpropagate(out, per_sample, reduced, reduction, fw.name, pred_shape,
                                 Recorder(np_dtype, digits))
    else:
        # An empty batch sends back an empty gradient: nothing to learn from.
        backward = Backward(np.zeros(pred_shape, dtype=np_dtype), (), ())
    shown = len(arithmetic)
    return Trace(
        name=spec.name,
        framework=fw.name,
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
