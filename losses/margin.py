"""Margin losses: hinge, squared hinge and categorical hinge, as in ``keras/src/losses/losses.py``."""

from __future__ import annotations

import numpy as np

from losses import kops
from losses.gradient import chain, max_slope
from losses.messages import Formula, equation, formula, text_formula
from losses.trace import LossOutput, Recorder, first_index


def convert_binary_labels(rec: Recorder, y_true: np.ndarray) -> np.ndarray:
    """Keras' ``convert_binary_labels_to_hinge``: {0, 1} -> {-1, 1}, but only if EVERY label is 0 or 1."""
    is_binary = bool(np.all((y_true == 0) | (y_true == 1)))
    if is_binary:
        converted = 2.0 * y_true - 1.0
        i = first_index(y_true)
        rec.step("label_conversion", "step.hinge.label_conversion", r"y' = 2y - 1", converted,
                 changed=y_true == 0, example=formula(r"2 \cdot @0 - 1 = @1", y_true[i], converted[i]))
        rec.note("note.hinge_converted")
        return converted
    others = y_true[(y_true != 0) & (y_true != 1)]
    if np.any(y_true == 0):
        rec.note("note.hinge_not_converted", level="warning", value=float(others[0]))
    rec.step("label_conversion", "step.hinge.labels_kept", r"y' = y", y_true)
    return y_true


def _margin_terms(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, symbol: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Label conversion, margin and hinge; ``symbol`` names the hinge: the term ``t`` itself for
    hinge, ``h`` for squared hinge, whose term is ``t = h^2`` (one symbol per quantity)."""
    labels = convert_binary_labels(rec, y_true)
    margin = labels * y_pred
    i = first_index(margin)
    rec.step("margin", "step.hinge.margin", r"m = y' \hat{y}", margin,
             example=formula(r"@s0 \cdot @s1 = @2", labels[i], y_pred[i], margin[i]))
    hinge_terms = np.maximum(1.0 - margin, 0.0)
    rec.step("hinge", "step.hinge.hinge", rf"{symbol} = \max(0,\ 1 - m)", hinge_terms,
             changed=1.0 - margin < 0,
             example=formula(r"\max(0,\ 1 - @s0) = @1", margin[i], hinge_terms[i]))
    return labels, margin, hinge_terms


def _hinge_slope(grad_rec: Recorder, labels: np.ndarray, margin: np.ndarray) -> np.ndarray:
    """dh/dy_pred for h = max(0, 1 - y' y_pred): -y' while the margin is under 1, 0 past it."""
    slope = max_slope(1.0 - margin, 0.0, grad_rec.dtype)
    past = slope == 0
    if past.any():
        grad_rec.note("note.grad.hinge_satisfied", count=int(past.sum()), total=int(past.size))
    at_kink = slope == 0.5
    if at_kink.any():
        grad_rec.note("note.grad.hinge_kink", count=int(at_kink.sum()))
    return (-labels * slope).astype(grad_rec.dtype)


def hinge(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Hinge: t = \max(0, 1 - y' \hat y) with y' in {-1, 1}, mean over the last axis."""
    labels, margin, terms = _margin_terms(rec, y_true, y_pred, "t")

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        local = _hinge_slope(grad_rec, labels, margin)
        i = first_index(local)
        return chain(grad_rec, upstream, local,
                     formula(r"\frac{\partial t}{\partial \hat{y}} = \begin{cases} -y' & m < 1 \\ 0 & m > 1 \end{cases}"),
                     formula(r"-(@0) \cdot [@1 < 1] = @2", labels[i], margin[i], local[i]))

    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms, backward=backward)


def squared_hinge(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Squared hinge: t = \max(0, 1 - y' \hat y)^2, mean over the last axis."""
    labels, margin, hinge_terms = _margin_terms(rec, y_true, y_pred, "h")
    terms = np.square(hinge_terms)
    i = first_index(terms)
    rec.step("term", "step.squared_hinge.term", r"t = h^2", terms,
             example=formula("@0^2 = @1", hinge_terms[i], terms[i]))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        local = 2.0 * hinge_terms * _hinge_slope(grad_rec, labels, margin)
        return chain(grad_rec, upstream, local,
                     formula(r"\frac{\partial t}{\partial \hat{y}} = -2 h\, y' [m < 1]"),
                     formula(r"-2 \cdot @0 \cdot @s1 = @2", hinge_terms[i], labels[i], local[i]))

    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms, backward=backward)


def categorical_hinge(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Categorical hinge: \max(0,\ \max_{j \ne y} \hat y_j - \hat y_y + 1) per sample."""
    pos_terms = y_true * y_pred
    pos = np.sum(pos_terms, axis=-1)
    rec.step("positive", "step.categorical_hinge.positive", r"p = \sum_j y_j \hat{y}_j", pos)
    neg_terms = (1.0 - y_true) * y_pred
    neg = np.max(neg_terms, axis=-1)
    rec.step("negative", "step.categorical_hinge.negative", r"n = \max_j (1 - y_j) \hat{y}_j", neg)
    per_sample = np.maximum(neg - pos + 1.0, rec.dtype.type(0))

    def arithmetic(index: tuple[int, ...]) -> Formula:
        return equation(text_formula("max(0, @0 - @s1 + 1)", neg[index], pos[index]), per_sample[index])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        dtype = grad_rec.dtype
        active = max_slope(neg - pos + 1.0, 0.0, dtype)
        # jax's max over a row shares its gradient evenly among the classes that tie for it.
        winners = (neg_terms == neg[..., None]).astype(dtype)
        share = winners / np.sum(winners, axis=-1, keepdims=True)
        if np.any(np.sum(winners, axis=-1) > 1):
            grad_rec.note("note.grad.max_tie", count=int(np.sum(np.sum(winners, axis=-1) > 1)))
        if np.any(active == 0):
            grad_rec.note("note.grad.categorical_hinge_satisfied", count=int(np.sum(active == 0)))
        local = (1.0 - y_true) * share - y_true
        grad_rec.step("grad.local", "grad.step.categorical_hinge",
                      r"\frac{\partial \ell}{\partial \hat{y}_j} = [\ell > 0]\,\big((1 - y_j)\,[j = \arg\max] - y_j\big)",
                      local * active[..., None])
        grad = (upstream * active)[..., None] * local
        return grad.astype(dtype)

    # The per-class view a learner can read: what each class adds to p and competes for n.
    return LossOutput(per_sample, neg_terms - pos_terms, aggregation="custom", arithmetic=arithmetic,
                      backward=backward)
