"""Margin losses: hinge, squared hinge and categorical hinge, as in ``keras/src/losses/losses.py``.

Beside them stand their PyTorch relatives (``aten/src/ATen/native/Loss.cpp``,
``LossMultiMargin.cpp``): HingeEmbeddingLoss and SoftMarginLoss after hinge, MultiMarginLoss
after categorical hinge, then MarginRankingLoss, which reads y_pred (N, 2) as the pair
x1 = y_pred[:, 0], x2 = y_pred[:, 1], with one label 1 or -1 per row in y_true.
"""

from __future__ import annotations

import numpy as np

from losses import kops
from losses.gradient import GRADIENT_STEP, chain, clamp_min_slope, max_slope, torch_chain
from losses.messages import Formula, equation, formula, msg, text_formula
from losses.trace import LossOutput, Recorder, elementwise_output, first_index


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


def hinge_embedding_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, margin: float = 1.0) -> LossOutput:
    r"""HingeEmbeddingLoss: \ell = x if y = 1, \max(0, \text{margin} - x) if y = -1 (x is a distance)."""
    x = y_pred
    m = rec.dtype.type(margin)
    clamp = np.maximum(m - x, 0)
    # Loss.cpp adds where(y != 1, clamp, 0) + where(y != -1, x, 0): a label 0 gets both.
    terms = np.where(y_true != 1, clamp, rec.dtype.type(0)) + np.where(y_true != -1, x, rec.dtype.type(0))
    i = first_index(terms)
    # The worked example takes the branch its element takes; a label that is neither 1 nor -1
    # gets both (no element is "changed" here: the branches are the loss itself).
    if y_true[i] == 1:
        example = formula(r"y = 1:\ \ell = x = @0", x[i])
    elif y_true[i] == -1:
        example = formula(r"y = -1:\ \max(0,\ @0 - @s1) = @2", margin, x[i], terms[i])
    else:
        example = formula(r"y = @0:\ @1 + \max(0,\ @2 - @s3) = @4", y_true[i], x[i], margin, x[i], terms[i])
    rec.step("term", "step.torch.hinge_embedding.term",
             r"\ell = \begin{cases} x & y = 1 \\ \max(0,\ \text{margin} - x) & y = -1 \end{cases}", terms,
             example=example)
    other = (y_true != 1) & (y_true != -1)
    if other.any():
        rec.note("note.torch_label_not_pm1", level="warning", value=float(y_true[other][0]),
                 loss="HingeEmbeddingLoss")

    def arithmetic(j):
        if y_true[j] == 1:
            return text_formula("y = 1: @0", x[j])
        if y_true[j] == -1:
            return text_formula("y = -1: max(0, @0 - @s1) = @2", margin, x[j], terms[j])
        return text_formula("@0 + max(0, @1 - @s2) = @3", x[j], margin, x[j], terms[j])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        dtype = grad_rec.dtype
        hinge_side = y_true != 1
        # clamp_min's backward passes the gradient where its input is >= 0: at x = margin too.
        active = clamp_min_slope(grad_rec, m - x, hinge_side)
        local = (np.where(hinge_side, -active, dtype.type(0))
                 + np.where(y_true != -1, dtype.type(1), dtype.type(0))).astype(dtype)
        if y_true[i] == 1:
            example = formula(r"y = 1:\ 1")
        elif y_true[i] == -1:
            example = formula(r"y = -1:\ -[@0 \le @1] = @2", x[i], margin, local[i])
        else:
            example = formula(r"y = @0:\ 1 - [@1 \le @2] = @3", y_true[i], x[i], margin, local[i])
        return torch_chain(grad_rec, upstream, local,
                           r"\frac{\partial \ell}{\partial x} = \begin{cases} 1 & y = 1 \\ -[x \le \text{margin}] & y = -1 \end{cases}",
                           example)
    return elementwise_output(terms, arithmetic, backward)


def soft_margin_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""SoftMarginLoss: \ell = \log(1 + e^{-y x}), computed as torch does, without a stable form."""
    z = -y_pred * y_true
    i = first_index(z)
    rec.step("margin", "step.torch.soft_margin.margin", r"z = -y\,x", z,
             example=formula(r"-@s0 \cdot @s1 = @2", y_true[i], y_pred[i], z[i]))
    # Loss.cpp: log1p(exp(-y x)) literally, so exp overflows float32 beyond z = 88.7.
    terms = np.log1p(np.exp(z))
    rec.step("term", "step.torch.soft_margin.term", r"\ell = \log(1 + e^{z})", terms,
             example=formula(r"\log(1 + e^{@0}) = @1", z[i], terms[i]))
    if np.isinf(terms).any():
        rec.note("note.torch_soft_margin_overflow", level="warning")

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # soft_margin_loss_backward: -y e^z / (1 + e^z), literally: where e^z overflows to inf
        # it is inf / inf = nan (float32 from z = 88.7), not the limit -y.
        exp_z = np.exp(z)
        local = -y_true * exp_z / (1 + exp_z)
        return torch_chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = -y\,\frac{e^{z}}{1 + e^{z}}",
                           formula(r"-@s0 \cdot \frac{e^{@1}}{1 + e^{@2}} = @3", y_true[i], z[i], z[i], local[i]))
    return elementwise_output(terms, lambda j: text_formula("log(1 + exp(@0)) = @1", z[j], terms[j]), backward)


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


def multi_margin_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, p: int = 1,
                      margin: float = 1.0, weight: tuple[float, ...] | None = None) -> LossOutput:
    r"""MultiMarginLoss: \ell_n = \frac{1}{C}\sum_{i \ne y} w_y \max(0, \text{margin} - x_y + x_i)^p."""
    dtype = rec.dtype
    classes = y_pred.shape[1]
    labels = y_true.astype(np.int64)
    target_score = y_pred[np.arange(len(labels)), labels]
    rec.step("target_score", "step.torch.multi_margin.target_score", r"x_{y}", target_score,
             example=formula("x_{@0} = @1", int(labels[0]), target_score[0]) if labels.size else None)
    is_target = np.arange(classes)[None, :] == labels[:, None]
    z = (dtype.type(margin) - target_score[:, None]) + y_pred
    z = np.where(is_target, dtype.type(0), z)
    i = first_index(z)
    rec.step("margin", "step.torch.multi_margin.margin",
             r"z_i = \text{margin} - x_y + x_i", z, changed=is_target,
             example=formula("@0 - @s1 + @s2 = @3", margin, target_score[0], y_pred[i], z[i])
             if z.size else None)
    h = np.maximum(z, 0)
    if p == 2:
        h = h * h
    if weight is not None:
        h = h * np.asarray(weight, dtype=dtype)[labels][:, None]
    rec.step("term", msg("step.torch.multi_margin.term", p=p, weighted=weight is not None),
             (r"h_i = w_y \max(0, z_i)" if weight is not None else r"h_i = \max(0, z_i)") + ("^2" if p == 2 else ""),
             h, changed=z < 0, example=formula("h = @0", h[i]) if h.size else None)
    # MultiMarginCriterion: the sum over i != y, divided by C (the target's own class included).
    per_sample = np.sum(h, axis=1, dtype=dtype) / dtype.type(classes)

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # multi_margin_loss_cpu_kernel_backward: only z_i > 0 (strictly) counts; each such class i
        # gets w_y (p = 1) or 2 w_y z_i (p = 2), and the target class minus their sum.
        rows = np.arange(len(labels))
        other = ~is_target
        open_ = other & (z > 0)
        past = other & (z < 0)
        if past.any():
            grad_rec.note("note.grad.torch_margin_met", count=int(past.sum()), total=int(other.sum()))
        corner = other & (z == 0)
        if corner.any():
            grad_rec.note("note.grad.torch_multi_margin_corner", count=int(corner.sum()))
        w_y = (np.ones(len(labels), dtype=dtype) if weight is None
               else np.asarray(weight, dtype=dtype)[labels])[:, None]
        slope = np.where(open_, w_y * (2 * z if p == 2 else dtype.type(1)), dtype.type(0)).astype(dtype)
        name = r"w_y\," if weight is not None else ""
        grad_rec.step("grad.local", "grad.step.torch.multi_margin_local",
                      (rf"s_i = \frac{{\partial h_i}}{{\partial x_i}} = 2 {name}z_i\,[z_i > 0]" if p == 2
                       else rf"s_i = \frac{{\partial h_i}}{{\partial x_i}} = {name}[z_i > 0]"),
                      slope, changed=is_target)
        pushed = (upstream * slope).astype(dtype)
        grad = pushed.copy()
        # The target's share starts at 0 and loses each push, as the kernel accumulates it.
        grad[rows, labels] = dtype.type(0) - np.sum(pushed, axis=1, dtype=dtype)
        example = None
        if grad.size and classes > 1:
            k = 1 if labels[0] == 0 else 0  # the first class of sample 0 that is not its target
            example = formula(r"@0 \cdot @s1 = @2", float(upstream[0, k]), float(slope[0, k]), float(grad[0, k]))

        grad_rec.step(GRADIENT_STEP, "grad.step.torch.multi_margin",
                      r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial h_i}\, s_i \ (i \ne y), "
                      r"\quad \frac{\partial L}{\partial x_y} = -\sum_{i \ne y} \frac{\partial L}{\partial h_i}\, s_i",
                      grad, example=example)
        return grad

    return LossOutput(per_sample, h, aggregation="mean", axis=-1, backward=backward)


def margin_ranking_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, margin: float = 0.0) -> LossOutput:
    r"""MarginRankingLoss: \ell = \max(0, -y (x_1 - x_2) + \text{margin}), x1 = y_pred[:, 0], x2 = y_pred[:, 1]."""
    x1, x2 = y_pred[:, 0], y_pred[:, 1]
    diff = x1 - x2
    i = first_index(diff)
    rec.step("difference", "step.torch.margin_ranking.difference", r"d = x_1 - x_2", diff,
             example=formula("@0 - @s1 = @2", x1[i], x2[i], diff[i]) if diff.size else None)
    per_sample = np.maximum(-y_true * diff + rec.dtype.type(margin), 0)
    rec.step("term", "step.torch.margin_ranking.term", r"\ell = \max(0,\ -y\,d + \text{margin})", per_sample,
             changed=-y_true * diff + margin < 0,
             example=formula(r"\max(0, -@s0 \cdot @s1 + @s2) = @3", y_true[i], diff[i], margin, per_sample[i])
             if diff.size else None)
    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # clamp_min(-y d + margin, 0): -y where the margin is not met (and at its corner), else 0.
        active = clamp_min_slope(grad_rec, -y_true * diff + rec.dtype.type(margin), np.ones(diff.shape, bool))
        local = (-y_true * active).astype(rec.dtype)
        grad_rec.step("grad.local", "grad.step.torch.margin_ranking_local",
                      r"\frac{\partial \ell}{\partial d} = -y\,[-y\,d + \text{margin} \ge 0]", local,
                      example=formula(r"-@s0 \cdot @1 = @2", y_true[i], active[i], local[i]) if diff.size else None)

        push = (upstream * local).astype(rec.dtype)
        grad = np.stack([push, -push], axis=1)
        grad_rec.step(GRADIENT_STEP, "grad.step.torch.pair_gradient",
                      r"\frac{\partial L}{\partial x_1} = \frac{\partial L}{\partial \ell} \frac{\partial \ell}{\partial d}, "
                      r"\quad \frac{\partial L}{\partial x_2} = -\frac{\partial L}{\partial x_1}",
                      grad, example=formula(r"@0 \cdot @s1 = @2", float(upstream[i]), local[i], push[i])
                      if diff.size else None)
        return grad

    return LossOutput(per_sample, per_sample, aggregation="custom", axis=None,
                      arithmetic=lambda j: text_formula("max(0, -@s0 × @s1 + @s2) = @3", y_true[j], diff[j],
                                                        margin, per_sample[j]),
                      backward=backward)
