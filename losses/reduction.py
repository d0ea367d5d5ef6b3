"""Sample weights, masks and reductions: Keras 3's ``keras/src/losses/loss.py``, then PyTorch's.

The Keras functions mirror ``squeeze_or_expand_to_same_rank``, ``apply_mask``,
``reduce_weighted_values`` and ``reduce_values`` line for line, because the surprises learners
meet live here: a zero weight still counts in the default divisor, a scalar weight divides
``mean_with_sample_weight`` by itself only once, and an (N,) weight on per-timestep losses
broadcasts along the last axis rather than the batch axis. :func:`reduce_torch` is
``apply_loss_reduction`` (and ``kl_div``'s "batchmean"): "mean" over every element, class
weights in its divisor, and no guard against 0 / 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from losses.errors import LossInputError
from losses.messages import Formula, Message, Terms, Word, equation, formula, text_formula
from losses.trace import LossOutput, Note

REDUCTIONS = ("sum_over_batch_size", "mean", "sum", "mean_with_sample_weight", "none")
"""Keras' reductions (``None`` is "none")."""
TORCH_REDUCTIONS = ("mean", "sum", "none")
"""``torch.nn`` reductions; KLDivLoss also takes "batchmean" (its spec lists it)."""
TERMS_SHOWN = 8


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
    formula: Formula
    arithmetic: Formula
    notes: tuple[Note, ...]


def _terms(values, weights=None) -> Terms:
    """The first per-sample losses, each with its weight when there are weights."""
    w = None
    if weights is not None:
        values, w = np.broadcast_arrays(values, weights)
        w = tuple(float(x) for x in w.ravel()[:TERMS_SHOWN])
    flat = np.ravel(values)
    return Terms(tuple(float(x) for x in flat[:TERMS_SHOWN]), w, max(flat.size - TERMS_SHOWN, 0))


def reduce_weighted(
    values: np.ndarray,
    sample_weight: np.ndarray | None,
    mask: np.ndarray | None,
    reduction: str,
    dtype: np.dtype,
) -> Reduced:
    """Weight and reduce per-sample losses exactly as ``Loss.__call__`` does in Keras 3."""
    notes: list[Note] = []
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
            if values.ndim and weighted.shape != values.shape:
                # Keras would broadcast the losses up to the weights' shape and reduce that:
                # a number the learner never asked for. Refuse instead. (A scalar loss, a 1-D
                # input's single sample, stays Keras' broadcast: tests/goldens has that case.)
                raise ValueError("weights enlarge the losses")
    except ValueError:
        raise LossInputError(
            "error.weight_shape",
            argument="sample_weight",
            weight_shape=tuple(given_shape),
            loss_shape=tuple(original_shape),
        ) from None
    if sample_weight is not None:
        if (
            values.ndim >= 2
            and sample_weight.ndim == 1
            and sample_weight.shape[0] == values.shape[-1]
            and values.shape[-1] != 1
        ):
            notes.append(_note("note.weight_broadcast_last_axis", loss_shape=tuple(values.shape),
                               weight_shape=tuple(sample_weight.shape)))
        weights = sample_weight
        unweighted = values
        values = weighted

    if reduction == "none" or values.shape == () or values.shape == (0,):
        if reduction != "none" and values.shape == ():
            notes.append(_note("note.scalar_not_reduced"))
        if reduction != "none" and values.shape == (0,):
            notes.append(_note("note.empty_batch_unreduced"))
        # The formula says "no reduction"; its worked example is the values themselves.
        if values.shape:
            written = _terms(values)
            arithmetic = text_formula("@0", Terms(written.values, more=written.more, joiner=","))
        else:
            arithmetic = text_formula("@0", float(values))
        return Reduced(values, weights, values if values.shape else float(values),
                       formula(r"@0", Word("latex.no_reduction")), arithmetic, tuple(notes))

    total = np.sum(values)
    written = _terms(unweighted, weights)
    if reduction == "sum":
        value = total
        symbol = r"\sum_i w_i \ell_i" if weights is not None else r"\sum_i \ell_i"
        arithmetic = equation(text_formula("@0", written), float(value))
    else:
        if reduction == "mean_with_sample_weight" and weights is not None:
            divisor = np.sum(weights).astype(dtype)
            if np.ndim(weights) == 0:
                notes.append(_note("note.scalar_weight_divisor", weight=float(weights),
                                   count=int(values.size)))
                shown_divisor = float(divisor)
            else:
                flat_w = np.ravel(weights)
                summed = Terms(tuple(float(w) for w in flat_w[:TERMS_SHOWN]),
                               more=max(flat_w.size - TERMS_SHOWN, 0))
                shown_divisor = text_formula("(@0)", summed) if flat_w.size > 1 else float(flat_w[0])
            symbol = r"\frac{\sum_i w_i \ell_i}{\sum_i w_i}"
        else:
            divisor = dtype.type(values.size)
            shown_divisor = int(values.size)
            symbol = r"\frac{1}{N}\sum_i w_i \ell_i" if weights is not None else r"\frac{1}{N}\sum_i \ell_i"
            if weights is not None and np.any(np.asarray(weights) == 0) and mask is None:
                notes.append(_note("note.zero_weight_counted", divisor=int(values.size),
                                   reduction=reduction))
        # divide_no_nan: Keras returns 0 rather than NaN when the divisor is 0.
        value = total / divisor if divisor != 0 else dtype.type(0)
        arithmetic = equation(text_formula("(@0) / @1", written, shown_divisor), float(value))
    return Reduced(values, weights, float(value), formula(symbol), arithmetic, tuple(notes))


def _note(key: str, **params) -> Note:
    return Note(Message(key, params))


# ---------------------------------------------------------------- PyTorch

def _written(values: np.ndarray) -> Terms:
    """The first values of a sum, as the worked example writes them out (0 for no values)."""
    flat = np.ravel(values)
    if not flat.size:
        return Terms((0.0,))
    return Terms(tuple(float(v) for v in flat[:TERMS_SHOWN]), more=max(flat.size - TERMS_SHOWN, 0))


def _dims(shape: tuple[int, ...]) -> Formula:
    """A shape as a product of its sizes, ``2 × 3``: numbers stay numbers until rendered."""
    return text_formula(" × ".join(f"@{k}" for k in range(len(shape))), *(int(n) for n in shape))


def reduce_torch(values: np.ndarray, out: LossOutput, reduction: str, dtype: np.dtype, name: str) -> Reduced:
    """Reduce torch's unreduced loss as ``apply_loss_reduction`` and ``kl_div`` do.

    "mean" divides by the number of elements, or, when the loss gives ``mean_weights``
    (NLLLoss, CrossEntropyLoss with class indices), by their sum, without guarding 0 / 0:
    torch returns nan where Keras' ``divide_no_nan`` returns 0.
    """
    notes: list[Note] = []
    if reduction == "none":
        # The formula says "no reduction"; its worked example is the values themselves.
        flat = np.ravel(values)
        shown = Terms(tuple(float(v) for v in flat[:TERMS_SHOWN]), more=max(flat.size - TERMS_SHOWN, 0),
                      joiner=",")
        return Reduced(values, None, values, formula(r"@0", Word("latex.no_reduction")),
                       text_formula("@0", shown), ())

    total = np.sum(values, dtype=dtype)
    written = _written(values)
    if reduction == "sum":
        return Reduced(values, None, float(total), formula(r"\sum_i \ell_i"),
                       text_formula("@0 = @1", written, float(total)), ())

    weights = out.mean_weights
    if reduction == "batchmean":
        # kl_div: sum, then divide by input.size(0).
        count = values.shape[0]
        divisor, shown_divisor = dtype.type(count), int(count)
        symbol = r"\frac{1}{N}\sum_{n,c} \ell_{n,c}"
    elif weights is not None:
        divisor = np.sum(weights, dtype=dtype)
        flat_w = np.ravel(weights)
        ignored = int(np.sum(flat_w == 0))
        if np.all(flat_w == 1):
            shown_divisor = float(divisor)
            symbol = r"\frac{1}{N}\sum_n \ell_n"
        elif np.all((flat_w == 0) | (flat_w == 1)):
            shown_divisor = float(divisor)
            symbol = r"\frac{1}{\#\{n : y_n \ne \text{ignore}\}}\sum_n \ell_n"
        else:
            summed = Terms(tuple(float(w) for w in flat_w[:TERMS_SHOWN]),
                           more=max(flat_w.size - TERMS_SHOWN, 0))
            shown_divisor = text_formula("(@0)", summed) if flat_w.size > 1 else float(flat_w[0])
            symbol = r"\frac{\sum_n \ell_n}{\sum_n w_{y_n}}"
            notes.append(_note("note.torch_weighted_mean", divisor=float(divisor), count=int(flat_w.size)))
        if divisor == 0:
            notes.append(_note("note.torch_mean_nan", ignored=ignored))
    else:
        divisor, shown_divisor = dtype.type(values.size), int(values.size)
        symbol = r"\frac{1}{n}\sum_i \ell_i"
        if values.size == 0:
            notes.append(_note("note.torch_empty_mean"))
        elif values.ndim >= 2 and name == "KLDivLoss":
            notes.append(_note("note.torch_kl_mean", count=int(values.size), batch=int(values.shape[0]),
                               dims=_dims(values.shape)))
        elif values.ndim >= 2:
            notes.append(_note("note.torch_mean_all_elements", count=int(values.size),
                               dims=_dims(values.shape)))
    value = total / divisor
    return Reduced(values, None, float(value), formula(symbol),
                   text_formula("(@0) / @1 = @2", written, shown_divisor, float(value)), tuple(notes))
