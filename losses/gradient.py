"""What a loss sends back to the model: the gradient of the loss value with respect to y_pred.

Training never sees the loss value, only this gradient. It is computed analytically, in numpy,
backwards through the same pipeline the forward pass recorded, and traced the same way: one step
per link of the chain, each with its formula and the learner's numbers substituted.

    dL/d(w_i l_i)   the reduction: 1/N for "sum_over_batch_size", 1 for "sum", ...
    dL/dl_i         the weighting: times the sample's weight (0 for a zero weight, still in N)
    dL/dt_ij        the aggregation over the last axis: divided by its length for a mean
    dL/dy_pred      the loss's own terms, clips and conversions (``LossOutput.backward``)

The first three links are the same for every loss of a framework and live here; the last is
each loss's ``backward`` closure, written beside its forward pass in the family module. At a
point where the loss has no derivative (a kink, a tie, a clip boundary) the value is the one
the framework's autodiff returns, and the loss's backward says so in a note.

The references are ``jax.grad`` of the Keras loss object (jax backend) and ``input.grad`` after
``backward()`` in PyTorch; tests/goldens holds their numbers for every golden case.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from losses.messages import Formula, formula, msg
from losses.reduction import Reduced
from losses.trace import LossOutput, Note, Recorder, Step, first_index

GRADIENT_STEP = "gradient"
"""The key of the last gradient step: dL/dy_pred itself, shaped like y_pred."""


@dataclass(frozen=True)
class Backward:
    """The gradient and how it was made."""

    gradient: np.ndarray
    steps: tuple[Step, ...]
    notes: tuple[Note, ...]


def backpropagate(
    out: LossOutput,
    per_sample: np.ndarray,
    reduced: Reduced,
    reduction: str,
    framework: str,
    pred_shape: tuple[int, ...],
    rec: Recorder,
) -> Backward | None:
    """dL/dy_pred for a computed loss, or None when the loss has no backward pass."""
    if out.backward is None:
        return None
    with np.errstate(all="ignore"):
        upstream = _reduction(rec, per_sample, reduced, reduction, framework, out)
        upstream = _weighting(rec, per_sample, reduced, upstream)
        if out.aggregation != "custom":
            upstream = _aggregation(rec, out, upstream)
        grad = np.asarray(out.backward(rec, upstream), dtype=rec.dtype)
        grad = grad.reshape(pred_shape)
        if not grad.flags.writeable:
            # A backward that handed the aggregation's broadcast view straight back: the Trace
            # gets an array of its own.
            grad = grad.copy()
        if not any(step.key == GRADIENT_STEP for step in rec.steps):
            rec.step(GRADIENT_STEP, "grad.step.result", r"\frac{\partial L}{\partial \hat{y}}", grad)
        if grad.size and not np.all(np.isfinite(grad)):
            rec.note("note.grad.non_finite", level="warning",
                     count=int(np.sum(~np.isfinite(grad))), framework=framework)
    return Backward(grad, tuple(rec.steps), tuple(rec.notes))


def _reduction(rec: Recorder, per_sample: np.ndarray, reduced: Reduced, reduction: str,
               framework: str, out: LossOutput) -> np.ndarray:
    """dL/d(w_i l_i): how much one weighted per-sample loss moves the value."""
    dtype = rec.dtype
    values = np.asarray(reduced.weighted)
    one = dtype.type(1)
    if reduction in ("none", "sum") or values.ndim == 0 or (framework == "keras" and values.shape == (0,)):
        # "none": the gradient of the sum of the unreduced output, as autodiff gives it.
        seed = np.ones(values.shape, dtype=dtype)
        rec.step("grad.reduction", "grad.step.reduction.none" if reduction == "none"
                 else "grad.step.reduction.sum", r"\frac{\partial L}{\partial (w_i \ell_i)} = 1", seed)
        return seed
    if framework == "pytorch":
        symbol = r"\frac{\partial L}{\partial \ell_i} = \frac{1}{@0}"
        by_count = True
        if reduction == "batchmean":
            count = values.shape[0]
        elif out.mean_weights is not None:
            # NLLLoss / CrossEntropyLoss: the sum of the targets' class weights (ignored ones 0);
            # a count only while every weight is 0 or 1.
            count = float(np.sum(out.mean_weights, dtype=dtype))
            if not np.all((out.mean_weights == 0) | (out.mean_weights == 1)):
                symbol = r"\frac{\partial L}{\partial \ell_n} = \frac{1}{\sum_n w_{y_n}} = \frac{1}{@0}"
                by_count = False
        else:
            count = values.size
        divisor = dtype.type(count)
        factor = one / divisor

    elif reduction == "mean_with_sample_weight" and reduced.weights is not None:
        divisor = np.sum(reduced.weights).astype(dtype)
        # divide_no_nan: a value of 0 for a zero divisor, and a gradient of 0 with it.
        factor = one / divisor if divisor != 0 else dtype.type(0)
        symbol = r"\frac{\partial L}{\partial (w_i \ell_i)} = \frac{1}{\sum_i w_i} = \frac{1}{@0}"
        by_count = False
    else:
        divisor = dtype.type(values.size)
        factor = one / divisor
        symbol = r"\frac{\partial L}{\partial (w_i \ell_i)} = \frac{1}{N} = \frac{1}{@0}"
        by_count = True
    seed = np.full(values.shape, factor, dtype=dtype)
    rec.step("grad.reduction", msg("grad.step.reduction.mean", divisor=float(divisor)),
             formula(symbol, float(divisor)), seed,
             example=formula("1 / @0 = @1", float(divisor), float(factor)))
    if values.size > 1 and by_count:
        # The divisor is a count of elements (not a sum of weights): the note on N applies.
        rec.note("note.grad.divisor", count=float(divisor), factor=float(factor), reduction=reduction)
    return seed


def _weighting(rec: Recorder, per_sample: np.ndarray, reduced: Reduced, upstream: np.ndarray) -> np.ndarray:
    """dL/dl_i = w_i * dL/d(w_i l_i); Keras' mask (ignore_class) is part of the weights."""
    if reduced.weights is None:
        return upstream.reshape(per_sample.shape)
    weights = np.broadcast_to(np.asarray(reduced.weights, dtype=rec.dtype), upstream.shape)
    grad = upstream * weights
    # A weight may have been lined up with the losses by adding an axis (same size), or a
    # scalar loss broadcast against a vector of weights: that loss gets the sum.
    grad = grad.reshape(per_sample.shape) if grad.size == per_sample.size else np.sum(grad).reshape(per_sample.shape)
    i = first_index(upstream)
    rec.step("grad.weighting", "grad.step.weighting",
             r"\frac{\partial L}{\partial \ell_i} = w_i \cdot \frac{\partial L}{\partial (w_i \ell_i)}",
             grad, example=(formula(r"@0 \cdot @1 = @2", float(weights[i]), float(upstream[i]),
                                     float(upstream[i] * weights[i])) if upstream.size else None))
    zero = np.ravel(weights) == 0
    if zero.any():
        rec.note("note.grad.zero_weight", count=int(zero.sum()), total=int(zero.size))
    return grad


def _aggregation(rec: Recorder, out: LossOutput, upstream: np.ndarray) -> np.ndarray:
    """dL/dt_ij from dL/dl_i: a mean over C terms hands each term 1/C of it, a sum all of it."""
    terms = np.asarray(out.terms)
    shape = list(terms.shape)
    axes = range(terms.ndim) if out.axis is None else (
        out.axis if isinstance(out.axis, tuple) else (out.axis,))
    axes = sorted({a % terms.ndim for a in axes}) if terms.ndim else []
    count = int(np.prod([shape[a] for a in axes])) if axes else 1
    kept = [1 if a in axes else n for a, n in enumerate(shape)]
    # Every term of a sample gets the same number: it is computed once per sample and spread as
    # a read-only broadcast view, so a 10^6 x 10 batch writes no 40 MB array here (a backward
    # must not write into ``upstream`` in place).
    compact = np.reshape(upstream, kept).astype(rec.dtype, copy=False)
    i = first_index(terms)
    if out.aggregation == "mean":
        reciprocal = rec.dtype.type(1) / rec.dtype.type(count)
        grad = np.broadcast_to(compact * reciprocal, terms.shape)
        rec.step("grad.aggregation", "grad.step.aggregation.mean",
                 formula(r"\frac{\partial L}{\partial t_j} = \frac{1}{@0} \cdot \frac{\partial L}{\partial \ell_i}", count),
                 grad, example=(formula(r"@0 / @1 = @2", float(compact[_kept_index(i, kept)]), count,
                                        float(grad[i])) if grad.size else None))
    elif out.aggregation in ("sum", "neg_sum"):
        # A sum hands every term its sample's whole gradient; a negated sum (cosine) its opposite.
        sign = rec.dtype.type(1 if out.aggregation == "sum" else -1)
        grad = np.broadcast_to(compact * sign, terms.shape)
        rec.step("grad.aggregation", f"grad.step.aggregation.{out.aggregation}",
                 r"\frac{\partial L}{\partial t_j} = \frac{\partial L}{\partial \ell_i}"
                 if out.aggregation == "sum" else
                 r"\frac{\partial L}{\partial t_j} = -\frac{\partial L}{\partial \ell_i}",
                 grad, example=(formula(r"@0 \to @1", float(compact[_kept_index(i, kept)]), float(grad[i]))
                                if grad.size else None))
    else:
        raise ValueError(f"no gradient through a {out.aggregation!r} aggregation")
    return grad


def _kept_index(index: tuple[int, ...], kept: list[int]) -> tuple[int, ...]:
    """``index`` in the per-sample array lined up with the terms (size 1 on the aggregated axes)."""
    return tuple(0 if n == 1 else k for k, n in zip(index, kept))


def chain(rec: Recorder, upstream: np.ndarray, local: np.ndarray, local_formula: Formula | str,
          local_example: Formula | None = None, *, title: str = "grad.step.local",
          symbol: str = "t", prediction: str = r"\hat{y}") -> np.ndarray:
    """The last two links of an element-wise loss: dt/dy_pred, then dL/dy_pred = dL/dt * dt/dy_pred.

    ``local`` is the derivative of each term with respect to its own prediction, with the
    framework's value at kinks already chosen by the caller. ``symbol`` and ``prediction`` are
    the term's and the prediction's letters in the formula.
    """
    local = np.asarray(local, dtype=rec.dtype)
    rec.step("grad.local", title, local_formula, local, example=local_example)
    grad = np.multiply(upstream, local, dtype=rec.dtype)
    i = first_index(grad)
    rec.step(GRADIENT_STEP, "grad.step.result",
             rf"\frac{{\partial L}}{{\partial {prediction}}} = \frac{{\partial L}}{{\partial {symbol}}} \cdot \frac{{\partial {symbol}}}{{\partial {prediction}}}",
             grad, example=(formula(r"@0 \cdot @s1 = @2", float(upstream[i]), float(local[i]), float(grad[i]))
                            if grad.size else None))
    return grad


def torch_chain(rec: Recorder, upstream: np.ndarray, local: np.ndarray, local_formula: Formula | str,
                local_example: Formula | None = None) -> np.ndarray:
    """:func:`chain` in PyTorch's letters: dl/dx, then dL/dx = dL/dl * dl/dx (x = input = y_pred)."""
    return chain(rec, upstream, local, local_formula, local_example, symbol=r"\ell", prediction="x")


def max_slope(x: np.ndarray, floor: float | np.ndarray, dtype: np.dtype) -> np.ndarray:
    """d max(x, floor)/dx as jax computes it: 1 above, 0 below, and half at a tie.

    jax's ``maximum`` splits the gradient evenly between equal arguments; Keras' ``maximum``,
    ``relu``-like hinges and clips all go through it.
    """
    # One comparison makes the slope; ties (rare: an exact boundary) are patched afterwards.
    slope = np.asarray(x > floor).astype(dtype)
    tie = np.asarray(x == floor)
    if tie.any():
        slope[tie] = dtype.type(0.5)
    return slope


def clip_slope(x: np.ndarray, low: float, high: float, dtype: np.dtype) -> np.ndarray:
    """d clip(x, low, high)/dx as jax computes it: 1 inside, 0 outside, and half on a bound.

    ``jnp.clip`` is a maximum then a minimum, and each splits the gradient at a tie.
    """
    low_t, high_t = dtype.type(low), dtype.type(high)
    x = np.asarray(x)
    slope = np.asarray((x > low_t) & (x < high_t)).astype(dtype)
    tie = np.asarray((x == low_t) | (x == high_t))
    if tie.any():
        # On a bound: the product of the two halves, as the maximum-then-minimum gives it.
        on = x[tie]
        slope[tie] = max_slope(on, low_t, dtype) * max_slope(-on, -high_t, dtype)
    return slope


def abs_slope(x: np.ndarray, dtype: np.dtype, framework: str = "keras") -> np.ndarray:
    """d|x|/dx: the sign of x, and at x = 0 the framework's choice.

    jax's ``abs`` takes the slope +1 at 0 (it selects ``x >= 0``); PyTorch's takes ``sgn(0) = 0``.
    """
    if framework == "pytorch":
        return np.sign(x).astype(dtype)
    return np.where(x >= 0, dtype.type(1), dtype.type(-1)).astype(dtype)


def clamp_min_slope(grad_rec: Recorder, value: np.ndarray, used: np.ndarray) -> np.ndarray:
    """d clamp_min(v, 0)/dv as autograd computes it: 1 where v >= 0 (the corner included), else 0.

    ``used`` marks the elements whose loss goes through the clamp; the notes count only those.
    """
    dtype = grad_rec.dtype
    slope = np.where(value >= 0, dtype.type(1), dtype.type(0))
    past = used & (value < 0)
    if past.any():
        grad_rec.note("note.grad.torch_margin_met", count=int(past.sum()), total=int(used.sum()))
    corner = used & (value == 0)
    if corner.any():
        grad_rec.note("note.grad.torch_clamp_corner", count=int(corner.sum()))
    return slope
