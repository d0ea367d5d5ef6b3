"""Margin losses: hinge, squared hinge and categorical hinge, as in ``keras/src/losses/losses.py``."""

from __future__ import annotations

import numpy as np

from losses import kops

from losses.trace import LossOutput, Recorder, first_index


def convert_binary_labels(rec: Recorder, y_true: np.ndarray) -> np.ndarray:
    """Keras' ``convert_binary_labels_to_hinge``: {0, 1} -> {-1, 1}, but only if EVERY label is 0 or 1."""
    is_binary = bool(np.all((y_true == 0) | (y_true == 1)))
    if is_binary:
        converted = 2.0 * y_true - 1.0
        i = first_index(y_true)
        rec.step("label_conversion", "Labels {0, 1} become {-1, 1}", r"y' = 2y - 1", converted,
                 changed=y_true == 0, example=f"2 \\cdot {rec.f(y_true[i])} - 1 = {rec.f(converted[i])}")
        rec.note("note.hinge_converted",
                 "All labels are 0 or 1, so Keras first turns them into -1 and 1 (y' = 2y - 1).")
        return converted
    others = y_true[(y_true != 0) & (y_true != 1)]
    if np.any(y_true == 0):
        rec.note("note.hinge_not_converted",
                 f"y_true contains {rec.f(others[0])}, which is neither 0 nor 1, so Keras converts "
                 "NO label in the whole batch: every 0 stays 0 and contributes a term of 1.",
                 level="warning", value=rec.f(others[0]))
    rec.step("label_conversion", "Labels kept as given (not all 0/1)", r"y' = y", y_true)
    return y_true


def _margin_terms(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    labels = convert_binary_labels(rec, y_true)
    margin = labels * y_pred
    i = first_index(margin)
    rec.step("margin", "Margin y' * y_pred", r"m = y' \hat{y}", margin,
             example=f"{rec.f(labels[i])} \\cdot {rec.s(y_pred[i])} = {rec.f(margin[i])}")
    hinge_terms = np.maximum(1.0 - margin, 0.0)
    rec.step("hinge", "Hinge max(0, 1 - m)", r"h = \max(0,\ 1 - m)", hinge_terms,
             changed=1.0 - margin < 0,
             example=f"\\max(0,\\ 1 - {rec.s(margin[i])}) = {rec.f(hinge_terms[i])}")
    return margin, hinge_terms


def hinge(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Hinge: t = \max(0, 1 - y' \hat y) with y' in {-1, 1}, mean over the last axis."""
    _, terms = _margin_terms(rec, y_true, y_pred)
    return LossOutput(kops.mean(terms, axis=-1), terms)


def squared_hinge(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Squared hinge: t = \max(0, 1 - y' \hat y)^2, mean over the last axis."""
    _, hinge_terms = _margin_terms(rec, y_true, y_pred)
    terms = np.square(hinge_terms)
    i = first_index(terms)
    rec.step("term", "Square each hinge", r"t = h^2", terms,
             example=f"{rec.f(hinge_terms[i])}^2 = {rec.f(terms[i])}")
    return LossOutput(kops.mean(terms, axis=-1), terms)


def categorical_hinge(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Categorical hinge: \max(0,\ \max_{j \ne y} \hat y_j - \hat y_y + 1) per sample."""
    pos_terms = y_true * y_pred
    pos = np.sum(pos_terms, axis=-1)
    rec.step("positive", "Score of the true class: sum(y * y_pred)", r"p = \sum_j y_j \hat{y}_j", pos)
    neg_terms = (1.0 - y_true) * y_pred
    neg = np.max(neg_terms, axis=-1)
    rec.step("negative", "Best wrong-class score: max((1 - y) * y_pred)",
             r"n = \max_j (1 - y_j) \hat{y}_j", neg)
    per_sample = np.maximum(neg - pos + 1.0, rec.dtype.type(0))

    def arithmetic(index: tuple[int, ...]) -> str:
        return (f"max(0, {rec.f(neg[index])} - {rec.s(pos[index])} + 1) = "
                f"{rec.f(per_sample[index])}")

    # The per-class view a learner can read: what each class adds to p and competes for n.
    return LossOutput(per_sample, neg_terms - pos_terms, aggregation="custom", arithmetic=arithmetic)
