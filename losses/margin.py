"""Margin losses: hinge, squared hinge and categorical hinge, as in ``keras/src/losses/losses.py``."""

from __future__ import annotations

import numpy as np

from losses import kops
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


def _margin_terms(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, symbol: str) -> tuple[np.ndarray, np.ndarray]:
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
    return margin, hinge_terms


def hinge(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Hinge: t = \max(0, 1 - y' \hat y) with y' in {-1, 1}, mean over the last axis."""
    _, terms = _margin_terms(rec, y_true, y_pred, "t")
    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms)


def squared_hinge(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Squared hinge: t = \max(0, 1 - y' \hat y)^2, mean over the last axis."""
    _, hinge_terms = _margin_terms(rec, y_true, y_pred, "h")
    terms = np.square(hinge_terms)
    i = first_index(terms)
    rec.step("term", "step.squared_hinge.term", r"t = h^2", terms,
             example=formula("@0^2 = @1", hinge_terms[i], terms[i]))
    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms)


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

    # The per-class view a learner can read: what each class adds to p and competes for n.
    return LossOutput(per_sample, neg_terms - pos_terms, aggregation="custom", arithmetic=arithmetic)
