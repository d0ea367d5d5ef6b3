"""Sample weights, masks and reductions, reproducing Keras 3's ``keras/src/losses/loss.py``.

The functions mirror ``squeeze_or_expand_to_same_rank``, ``apply_mask``,
``reduce_weighted_values`` and ``reduce_values`` line for line, because the surprises learners
meet live here: a zero weight still counts in the default divisor, a scalar weight divides
``mean_with_sample_weight`` by itself only once, and an (N,) weight on per-timestep losses
broadcasts along the last axis rather than the batch axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from losses.errors import LossInputError
from losses.numbers import fmt

REDUCTIONS = ("sum_over_batch_size", "mean", "sum", "mean_with_sample_weight", "none")
TERMS_SHOWN = 8


def standardize_reduction(reduction: str | None) -> str:
    if reduction is None:
        return "none"
    if reduction not in REDUCTIONS:
        raise LossInputError(
            f"reduction: {reduction!r} is not a Keras reduction. "
            f"Choose one of: {', '.join(REDUCTIONS)}.",
            key="error.unknown_reduction",
            argument="reduction",
            value=str(reduction)[:40],
            choices=", ".join(REDUCTIONS),
        )
    return reduction


def squeeze_or_expand_to_same_rank(x1: np.ndarray, x2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keras' rule: when ranks differ by one and the longer ends in 1, align them."""
    if x1.ndim == x2.ndim:
        return x1, x2
    if x1.ndim == x2.ndim + 1 and x1.shape[-1] == 1:
        if x2.ndim == 1:
            x2 = x2[..., None]
        else:
            x1 = x1[..., 0]
    if x2.ndim == x1.ndim + 1 and x2.shape[-1] == 1:
        if x1.ndim == 1:
            x1 = x1[..., None]
        else:
            x2 = x2[..., 0]
    return x1, x2


def apply_mask(sample_weight, mask, dtype, reduction):
    """Merge Keras' mask into the weights: valid entries get ``total / valid`` for the means."""
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        total = dtype.type(mask.size)
        valid = np.sum(mask.astype(dtype))
        mask_weight = total / valid if valid != 0 else dtype.type(0)
        float_mask = np.where(mask.astype(bool), mask_weight, dtype.type(0)).astype(dtype)
    else:
        float_mask = mask.astype(dtype)
    if sample_weight is None:
        return float_mask
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, sample_weight)
    return sample_weight * float_mask


@dataclass(frozen=True)
class Reduced:
    weighted: np.ndarray
    weights: np.ndarray | None
    value: float | np.ndarray
    arithmetic: str
    latex: str
    notes: tuple[tuple[str, str, dict], ...]


def _sum_text(values, weights, digits) -> str:
    """``1 × 1.1 + 0 × 1.5``: the unweighted losses with their weights, first terms only."""
    w = None
    if weights is not None:
        values, w = np.broadcast_arrays(values, weights)
        w = w.ravel()
    flat = values.ravel()
    parts = []
    for i in range(min(flat.size, TERMS_SHOWN)):
        term = fmt(flat[i], digits)
        if w is not None:
            term = f"{fmt(w[i], digits)} × {term if not term.startswith('-') else '(' + term + ')'}"
        parts.append(term)
    text = " + ".join(parts)
    if flat.size > TERMS_SHOWN:
        text += f" + ... ({flat.size - TERMS_SHOWN} more)"
    return text


def reduce_weighted(
    values: np.ndarray,
    sample_weight: np.ndarray | None,
    mask: np.ndarray | None,
    reduction: str,
    dtype: np.dtype,
    digits: int,
) -> Reduced:
    """Weight and reduce per-sample losses exactly as ``Loss.__call__`` does in Keras 3."""
    notes: list[tuple[str, str, dict]] = []
    given_shape = None if sample_weight is None else np.shape(sample_weight)
    original_shape = values.shape
    try:
        # The mask is merged into the weights first, as Keras does; a weight that cannot be
        # lined up with the losses fails there or in the product below, with the same message.
        sample_weight = apply_mask(sample_weight, mask, dtype, reduction)
        weights = None
        unweighted = values
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=dtype)
            values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
            weighted = values * sample_weight
    except ValueError:
        raise LossInputError(
            f"sample_weight has shape {tuple(given_shape)}, which cannot be matched "
            f"to the per-sample losses of shape {tuple(original_shape)}. "
            "Give one weight per sample.",
            key="error.weight_shape",
            argument="sample_weight",
            weight_shape=str(tuple(given_shape)),
            loss_shape=str(tuple(original_shape)),
        ) from None
    if sample_weight is not None:
        if (
            values.ndim >= 2
            and sample_weight.ndim == 1
            and sample_weight.shape[0] == values.shape[-1]
            and values.shape[-1] != 1
        ):
            notes.append((
                "note.weight_broadcast_last_axis",
                "The per-sample loss has shape "
                f"{tuple(values.shape)} and the weights have shape {tuple(sample_weight.shape)}: "
                "numpy broadcasting lines the weights up with the LAST axis, not the batch axis. "
                "Give weights of shape (N, 1) to weight whole samples.",
                {"loss_shape": str(tuple(values.shape)), "weight_shape": str(tuple(sample_weight.shape))},
            ))
        weights = sample_weight
        unweighted = values
        values = weighted

    f = lambda x: fmt(x, digits)  # noqa: E731
    if reduction == "none" or values.shape == () or values.shape == (0,):
        if reduction != "none" and values.shape == ():
            notes.append((
                "note.scalar_not_reduced",
                "The loss is already a single number (one sample, or a loss over the whole "
                "batch), so Keras returns it without reduction.",
                {},
            ))
        if reduction != "none" and values.shape == (0,):
            notes.append((
                "note.empty_batch",
                "The batch is empty: Keras returns the empty array unreduced.",
                {},
            ))
        if values.shape == ():
            text = f"{f(values)}"
        else:
            text = "no reduction: " + ", ".join(f(v) for v in values.ravel()[:TERMS_SHOWN])
            if values.size > TERMS_SHOWN:
                text += f", ... ({values.size - TERMS_SHOWN} more)"
        return Reduced(values, weights, values if values.shape else float(values), text,
                       r"\text{no reduction}", tuple(notes))

    total = np.sum(values)
    sum_text = _sum_text(unweighted, weights, digits)
    if reduction == "sum":
        value = total
        arithmetic = f"{sum_text} = {f(value)}"
        latex = rf"\sum_i w_i \ell_i = {f(value)}" if weights is not None else rf"\sum_i \ell_i = {f(value)}"
    else:
        if reduction == "mean_with_sample_weight" and weights is not None:
            divisor = np.sum(weights).astype(dtype)
            div_text = f(divisor)
            if np.ndim(weights) == 0:
                notes.append((
                    "note.scalar_weight_divisor",
                    f"The weight is one number ({f(weights)}), so mean_with_sample_weight divides by "
                    f"that number once, not by the sum of {values.size} weights.",
                    {"weight": f(weights), "count": int(values.size)},
                ))
            else:
                flat_w = np.ravel(weights)
                shown = " + ".join(f(w) for w in flat_w[:TERMS_SHOWN])
                if flat_w.size > TERMS_SHOWN:
                    shown += f" + ... ({flat_w.size - TERMS_SHOWN} more)"
                div_text = f"({shown})" if flat_w.size > 1 else shown
            symbol = r"\frac{\sum_i w_i \ell_i}{\sum_i w_i}"
        else:
            divisor = dtype.type(values.size)
            div_text = f(divisor)
            symbol = r"\frac{1}{N}\sum_i w_i \ell_i" if weights is not None else r"\frac{1}{N}\sum_i \ell_i"
            if weights is not None and np.any(np.asarray(weights) == 0) and mask is None:
                notes.append((
                    "note.zero_weight_counted",
                    f"A sample with weight 0 adds nothing to the sum but is still counted in the "
                    f"divisor {values.size} of {reduction}.",
                    {"divisor": int(values.size), "reduction": reduction},
                ))
        # divide_no_nan: Keras returns 0 rather than NaN when the divisor is 0.
        value = total / divisor if divisor != 0 else dtype.type(0)
        arithmetic = f"({sum_text}) / {div_text} = {f(value)}"
        latex = rf"{symbol} = {f(value)}"
    return Reduced(values, weights, float(value), arithmetic, latex, tuple(notes))
