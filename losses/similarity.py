"""Similarity and segmentation losses: cosine similarity, Dice and Tversky.

Each follows ``keras/src/losses/losses.py`` operation by operation. Cosine similarity gives one
value per vector along ``axis``; Dice and Tversky with ``axis=None`` (their Keras default) sum
over the WHOLE batch and return one number for all samples together.

PyTorch's CosineEmbeddingLoss stands beside cosine similarity: it reads y_pred (N, 2, D) as the
pair x1 = y_pred[:, 0, :], x2 = y_pred[:, 1, :], with one label 1 or -1 per pair in y_true.
"""

from __future__ import annotations

import numpy as np

from losses.gradient import GRADIENT_STEP, chain, clamp_min_slope, max_slope
from losses.messages import Formula, Message, formula, msg, text_formula
from losses.trace import LossOutput, Recorder, first_index

EPSILON = 1e-7
"""Keras' ``backend.epsilon()``."""

Axis = int | tuple[int, ...] | None
"""Dice and Tversky sum over one axis, several (as Keras allows), or everything (None)."""

SEQUENTIAL_SUM_MAX = 32
"""XLA on the CPU sums a reduced axis of up to 32 elements left to right."""

COSINE_EPSILON = 1e-12
"""Added to each squared norm in ``cosine_embedding_loss`` (``Loss.cpp``: ``EPSILON = 1e-12``)."""


def xla_sum(x: np.ndarray, axis: Axis, keepdims: bool = False) -> np.ndarray:
    """``np.sum`` rounded as Keras' jax backend rounds it, where the order is known.

    numpy sums 8 or more elements pairwise; XLA adds a short axis left to right, so float32
    results can differ in the last bit. Adding the slices one at a time, starting from 0 as XLA's
    reduction does (which also turns -0 into +0), reproduces that order; it is one vectorised add
    per element of the axis, several times faster than a running ``cumsum`` along a short last
    axis. Longer axes and whole-array sums follow shape-dependent XLA strategies and keep numpy's
    sum.
    """
    if not isinstance(axis, int) or not 0 < x.shape[axis] <= SEQUENTIAL_SUM_MAX:
        return np.sum(x, axis=axis, keepdims=keepdims)
    moved = np.moveaxis(x, axis, -1)
    total = moved[..., 0] + x.dtype.type(0)
    for j in range(1, moved.shape[-1]):
        total += moved[..., j]
    return np.expand_dims(total, axis) if keepdims else total


def _rsqrt(x: np.ndarray) -> np.ndarray:
    """1 / sqrt(x), correctly rounded to the working dtype.

    Keras calls ``backend.math.rsqrt``; XLA computes it on the CPU from the processor's rsqrt
    estimate plus two Newton steps, within 2 ulp of this and differing between CPUs, so a
    normalised value may differ from Keras' in its last bit or two.
    """
    wide = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return (1.0 / np.sqrt(wide)).astype(x.dtype)


def _inverse_norm(x: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sum(x^2), rsqrt of it, and that capped at 1/epsilon: the pieces of Keras' normalize."""
    square_sum = xla_sum(np.square(x), axis=axis, keepdims=True)
    raw_inverse = _rsqrt(square_sum)
    return square_sum, raw_inverse, np.minimum(raw_inverse, x.dtype.type(1.0 / EPSILON))


def _l2_normalize(rec: Recorder, x: np.ndarray, axis: int, name: str, symbol: str) -> np.ndarray:
    """Keras' ``ops.normalize(x, axis)`` for order 2: ``x * min(rsqrt(sum(x^2)), 1/epsilon)``."""
    # The cap 1/epsilon = 1e7 is what keeps a zero vector at 0: 0 * 1e7 = 0, where 0 * inf = nan.
    square_sum, raw_inverse, inv_norm = _inverse_norm(x, axis)
    normalized = x * inv_norm
    capped = np.broadcast_to(raw_inverse > 1.0 / EPSILON, x.shape)
    example = None
    if x.size:
        i = first_index(x)
        total = np.broadcast_to(square_sum, x.shape)[i]
        example = formula(r"@0 \cdot \min(1/\sqrt{@1},\ 10^{7}) = @2", x[i], total, normalized[i])
    rec.step(
        f"normalize_{name}",
        msg("step.cosine.normalize", argument=name),
        rf"\tilde{{{symbol}}}_j = {symbol}_j \cdot "
        rf"\min\big(1/\sqrt{{\textstyle\sum_k {symbol}_k^2}},\ 10^{{7}}\big)",
        normalized,
        changed=capped,
        example=example,
    )
    vectors = np.moveaxis(capped, axis, -1)[..., 0]
    if not vectors.any():  # the usual case: no vector needed the cap, so none is all zeros
        return normalized
    zero = np.all(np.moveaxis(x, axis, -1) == 0, axis=-1)
    if zero.any():
        rec.note("note.cosine_zero_vector", level="warning", argument=name, count=int(zero.sum()))
    tiny = vectors & ~zero
    if tiny.any():
        rec.note("note.cosine_short_vector", level="warning", argument=name, count=int(tiny.sum()))
    return normalized


def cosine_similarity(
    rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, axis: int = -1
) -> LossOutput:
    r"""Cosine similarity loss: \ell = -\sum_j \tilde y_j \tilde{\hat y}_j, normalised along ``axis``.

    -1 when the vectors point the same way, 0 when orthogonal, 1 when opposite.
    """
    # Keras normalises y_pred first; the two are independent, so the order is only the reading order.
    true_n = _l2_normalize(rec, y_true, axis, "y_true", "y")
    pred_n = _l2_normalize(rec, y_pred, axis, "y_pred", r"\hat{y}")
    terms = true_n * pred_n
    i = first_index(terms)
    example = formula(r"@0 \cdot @s1 = @2", true_n[i], pred_n[i], terms[i]) if terms.size else None
    rec.step("term", "step.cosine.term",
             r"t_j = \tilde{y}_j \tilde{\hat{y}}_j", terms, example=example)

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        return _cosine_backward(grad_rec, upstream, true_n, y_pred, pred_n, axis)

    return LossOutput(-xla_sum(terms, axis=axis), terms, aggregation="neg_sum", axis=axis,
                      backward=backward)


def _cosine_backward(grad_rec: Recorder, upstream: np.ndarray, true_n: np.ndarray, y_pred: np.ndarray,
                     pred_n: np.ndarray, axis: int) -> np.ndarray:
    r"""dL/dy_pred through t_j = \tilde y_j \tilde{\hat y}_j and Keras' normalize of y_pred.

    With m = min(rsqrt(S), 10^7) and S = sum_k x_k^2, \tilde x = x m: dL/dx = m v + 2x c, where
    v = dL/d\tilde x and c is what reaches S through rsqrt: (v . x) * [rsqrt(S) < 10^7] *
    (-rsqrt(S) / (2S)). Away from the cap that is m (v - \tilde x (v . \tilde x)): the part of v
    along the prediction is removed, since lengthening a vector leaves its direction unchanged.
    On the cap m is the constant 10^7 and c is 0, except for a zero vector: jax multiplies
    the 0 that the cap sends back by rsqrt's slope at S = 0, which is infinite, and gets NaN.
    """
    dtype = grad_rec.dtype
    v = (upstream * true_n).astype(dtype)
    i = first_index(v)
    grad_rec.step("grad.local", "grad.step.cosine.normalized",
                  r"\frac{\partial L}{\partial \tilde{\hat{y}}_j} = \frac{\partial L}{\partial t_j} \cdot \tilde{y}_j",
                  v, example=formula(r"@0 \cdot @s1 = @2", float(upstream[i]), float(true_n[i]), float(v[i])))
    square_sum, raw_inverse, inv_norm = _inverse_norm(y_pred, axis)
    cap = dtype.type(1.0 / EPSILON)
    # jax's minimum hands its gradient to rsqrt below the cap, to the constant above, half each at a tie.
    slope = max_slope(cap, raw_inverse, dtype)
    along = np.sum(v * y_pred, axis=axis, keepdims=True)
    # rsqrt's slope, -rsqrt(S) / (2S), as jax writes it: infinite at S = 0, and 0 * inf = NaN.
    through_norm = along * slope * (dtype.type(-0.5) * (raw_inverse / square_sum))
    grad = (v * inv_norm + 2.0 * y_pred * through_norm).astype(dtype)
    projection = np.sum(v * pred_n, axis=axis, keepdims=True)
    grad_rec.step(
        GRADIENT_STEP, "grad.step.cosine.projection",
        r"\frac{\partial L}{\partial \hat{y}_j} = m \Big(\frac{\partial L}{\partial \tilde{\hat{y}}_j} - "
        r"\tilde{\hat{y}}_j \sum_k \frac{\partial L}{\partial \tilde{\hat{y}}_k} \tilde{\hat{y}}_k\Big),\ "
        r"m = \min\big(1/\sqrt{\textstyle\sum_k \hat{y}_k^2},\ 10^{7}\big)",
        grad, example=formula(r"@0 \cdot (@1 - @s2 \cdot @s3) = @4",
                              float(np.broadcast_to(inv_norm, v.shape)[i]), float(v[i]), float(pred_n[i]),
                              float(np.broadcast_to(projection, v.shape)[i]), float(grad[i])))
    capped = np.moveaxis(np.broadcast_to(raw_inverse >= cap, y_pred.shape), axis, -1)[..., 0]
    zero = np.all(np.moveaxis(y_pred, axis, -1) == 0, axis=-1)
    if zero.any():
        grad_rec.note("note.grad.cosine_zero_vector", level="warning", count=int(zero.sum()))
    if (capped & ~zero).any():
        grad_rec.note("note.grad.cosine_capped", count=int((capped & ~zero).sum()))
    return grad


def cosine_embedding_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, margin: float = 0.0) -> LossOutput:
    r"""CosineEmbeddingLoss: 1 - \cos(x_1, x_2) if y = 1, \max(0, \cos(x_1, x_2) - \text{margin}) if y = -1."""
    dtype = rec.dtype
    x1, x2 = y_pred[:, 0, :], y_pred[:, 1, :]
    eps = dtype.type(COSINE_EPSILON)
    dot = np.sum(x1 * x2, axis=1, dtype=dtype)
    example = None
    if dot.size:
        # The first four products of sample 0, then the dot product.
        pairs = list(zip(x1[0, :4], x2[0, :4]))
        template = " + ".join(rf"@{2 * k} \cdot @s{2 * k + 1}" for k in range(len(pairs)))
        if x1.shape[1] > 4:
            template += r" + \ldots"
        args = [v for pair in pairs for v in pair]
        example = formula(f"{template} = @{len(args)}", *args, dot[0])
    rec.step("dot", "step.torch.cosine_embedding.dot", r"d = x_1 \cdot x_2", dot, example=example)
    sq1 = np.sum(x1 * x1, axis=1, dtype=dtype) + eps
    sq2 = np.sum(x2 * x2, axis=1, dtype=dtype) + eps
    denom = np.sqrt(sq1 * sq2)
    rec.step("norms", "step.torch.cosine_embedding.norms",
             r"m = \sqrt{(\lVert x_1\rVert^2 + 10^{-12})(\lVert x_2\rVert^2 + 10^{-12})}", denom,
             example=formula(r"\sqrt{@0 \cdot @1} = @2", sq1[0], sq2[0], denom[0]) if denom.size else None)
    cos = dot / denom
    rec.step("cosine", "step.torch.cosine_embedding.cosine", r"\cos = d / m", cos,
             example=formula("@0 / @1 = @2", dot[0], denom[0], cos[0]) if cos.size else None)
    pos = 1 - cos
    neg = np.maximum(cos - dtype.type(margin), 0)
    per_sample = (np.where(y_true == 1, pos, dtype.type(0)) + np.where(y_true == -1, neg, dtype.type(0)))
    rec.step("term", "step.torch.cosine_embedding.term",
             r"\ell = \begin{cases} 1 - \cos & y = 1 \\ \max(0,\ \cos - \text{margin}) & y = -1 \end{cases}",
             per_sample, changed=y_true == -1)
    other = (y_true != 1) & (y_true != -1)
    if other.any():
        rec.note("note.torch_label_not_pm1", level="warning", value=float(y_true[other][0]),
                 loss="CosineEmbeddingLoss")

    def arithmetic(j):
        if y_true[j] == 1:
            return text_formula("1 - @s0 = @1", cos[j], per_sample[j])
        if y_true[j] == -1:
            return text_formula("max(0, @0 - @s1) = @2", cos[j], margin, per_sample[j])
        return text_formula("y = @0: 0", y_true[j])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # d cos / d x1 = x2 / m - cos x1 / (|x1|^2 + eps), and the same with x1 and x2 swapped.
        negative = y_true == -1
        active = clamp_min_slope(grad_rec, cos - dtype.type(margin), negative)
        slope = np.where(y_true == 1, dtype.type(-1), np.where(negative, active, dtype.type(0))).astype(dtype)
        grad_rec.step("grad.local", "grad.step.torch.cosine_slope",
                      r"\frac{\partial \ell}{\partial \cos} = \begin{cases} -1 & y = 1 \\ [\cos \ge \text{margin}] & y = -1 \end{cases}",
                      slope)
        d_x1 = x2 / denom[:, None] - (cos / sq1)[:, None] * x1
        d_x2 = x1 / denom[:, None] - (cos / sq2)[:, None] * x2
        factor = (upstream * slope)[:, None, None]
        grad = (factor * np.stack([d_x1, d_x2], axis=1)).astype(dtype)
        example = None
        if grad.size:
            example = formula(r"@0 \cdot (@s1 / @2 - @s3 \cdot @s4 / @5) = @6", float(factor[0, 0, 0]),
                              x2[0, 0], denom[0], cos[0], x1[0, 0], sq1[0], float(grad[0, 0, 0]))
        grad_rec.step(GRADIENT_STEP, "grad.step.torch.cosine_gradient",
                      r"\frac{\partial L}{\partial x_1} = \frac{\partial L}{\partial \ell} \frac{\partial \ell}{\partial \cos}"
                      r"\Big(\frac{x_2}{m} - \cos \frac{x_1}{\lVert x_1\rVert^2 + 10^{-12}}\Big)",
                      grad, example=example)
        return grad

    return LossOutput(per_sample, x1 * x2, aggregation="custom", axis=None, arithmetic=arithmetic,
                      backward=backward)


def _spread(value: np.ndarray, axis: Axis, shape: tuple[int, ...]) -> np.ndarray:
    """A per-sample value (summed over ``axis``) lined up with the elements it was summed from."""
    value = np.asarray(value)
    if axis is not None:
        axes = axis if isinstance(axis, tuple) else (axis,)
        value = np.expand_dims(value, tuple(sorted(a % len(shape) for a in axes)))
    return np.broadcast_to(value, shape)


def _overlap_backward(grad_rec: Recorder, upstream: np.ndarray, local: np.ndarray, title: Message | str,
                      local_formula: str, example: Formula, y_true: np.ndarray, axis: Axis) -> np.ndarray:
    """dL/dy_pred = dL/dl * dl/dy_pred for Dice and Tversky, whose loss is one ratio of sums."""
    spread = _spread(upstream, axis, local.shape).astype(grad_rec.dtype)
    # Nothing true to overlap: I = 0 in the numerator whatever y_pred does, so the slope is 0.
    no_target = ~np.any(y_true != 0, axis=axis)
    if np.any(no_target):
        grad_rec.note("note.grad.overlap_no_target", count=int(np.sum(no_target)),
                      total=int(np.size(no_target)))
    return chain(grad_rec, spread, local, local_formula, example, title=title, symbol=r"\ell")


def _batch_note(rec: Recorder, name: str) -> None:
    # note.dice_whole_batch or note.tversky_whole_batch
    rec.note(f"note.{name}_whole_batch", name=name)


def _sums(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, axis: Axis):
    products = y_true * y_pred
    i = first_index(products)
    example = None
    if products.size:
        example = formula(r"@0 \cdot @s1 = @2", y_true[i], y_pred[i], products[i])
    rec.step("product", "step.overlap.product", r"y_j \hat{y}_j", products, example=example)
    intersection = xla_sum(products, axis=axis)
    rec.step("intersection", msg("step.overlap.intersection", axis=axis),
             r"I = \sum_j y_j \hat{y}_j", np.asarray(intersection))
    return products, intersection


def _empty_note(rec: Recorder, name: str, y_true: np.ndarray, y_pred: np.ndarray, axis: Axis) -> None:
    empty = ~np.any((y_true != 0) | (y_pred != 0), axis=axis)
    if np.any(empty):
        # note.dice_empty or note.tversky_empty
        rec.note(f"note.{name}_empty", level="warning", name=name, count=int(np.sum(empty)))


def dice(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, axis: Axis = None) -> LossOutput:
    r"""Dice loss: 1 - \frac{2\sum y\hat y}{\sum y + \sum \hat y + \epsilon}.

    The sums run over ``axis``; with None (Keras' default) over the whole batch, giving one loss.
    """
    if axis is None:
        _batch_note(rec, "dice")
    products, intersection = _sums(rec, y_true, y_pred, axis)
    sum_true = xla_sum(y_true, axis=axis)
    sum_pred = xla_sum(y_pred, axis=axis)
    rec.step("sum_true", "step.dice.sum_true", r"\sum_j y_j", np.asarray(sum_true))
    rec.step("sum_pred", "step.dice.sum_pred", r"\sum_j \hat{y}_j", np.asarray(sum_pred))
    # Keras: divide(2 * I, (sum_true + sum_pred) + epsilon); epsilon only guards against 0 / 0.
    denominator = sum_true + sum_pred + rec.dtype.type(EPSILON)
    score = np.asarray((2.0 * intersection) / denominator)
    rec.step("dice", "step.dice.dice",
             r"D = \frac{2I}{\sum y + \sum \hat{y} + 10^{-7}}", score)
    loss = np.asarray(1.0 - score)
    _empty_note(rec, "dice", y_true, y_pred, axis)
    intersection, sum_true, sum_pred = (np.asarray(v) for v in (intersection, sum_true, sum_pred))

    def arithmetic(index: tuple[int, ...]) -> Formula:
        return text_formula("1 - 2 × @0 / (@1 + @s2 + @3) = @4", intersection[index],
                            sum_true[index], sum_pred[index], EPSILON, loss[index])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # d/dy_pred_j of 1 - 2I / den: -(2 y_j den - 2I) / den^2, den = sum y + sum y_pred + eps.
        den = _spread(denominator, axis, y_pred.shape)
        inter = _spread(intersection, axis, y_pred.shape)
        local = -(2.0 * y_true * den - 2.0 * inter) / np.square(den)
        i = first_index(local)
        return _overlap_backward(
            grad_rec, upstream, local, "grad.step.dice",
            r"\frac{\partial \ell}{\partial \hat{y}_j} = -\frac{2 y_j\,(\sum y + \sum \hat{y} + 10^{-7}) - 2I}"
            r"{(\sum y + \sum \hat{y} + 10^{-7})^2}",
            formula(r"-\frac{2 \cdot @0 \cdot @1 - 2 \cdot @2}{@3^2} = @4", y_true[i], den[i], inter[i],
                    den[i], local[i]), y_true, axis)

    return LossOutput(loss, products, aggregation="custom", axis=axis, arithmetic=arithmetic,
                      backward=backward)


def tversky(
    rec: Recorder,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    *,
    alpha: float = 0.5,
    beta: float = 0.5,
    axis: Axis = None,
) -> LossOutput:
    r"""Tversky loss: 1 - \frac{I}{I + \alpha \sum y(1-\hat y) + \beta \sum (1-y)\hat y + \epsilon}.

    Written as Keras' code has it (``inputs = y_true``, ``targets = y_pred``): what Keras calls
    ``fp`` is the textbook's false negatives and the other way round, so ``alpha`` weights
    missed positives.
    """
    if axis is None:
        _batch_note(rec, "tversky")
    products, intersection = _sums(rec, y_true, y_pred, axis)
    fp = np.asarray(xla_sum((1 - y_pred) * y_true, axis=axis))
    fn = np.asarray(xla_sum(y_pred * (1 - y_true), axis=axis))
    rec.step("false_positives", "step.tversky.false_positives",
             r"\mathrm{fp} = \sum_j y_j (1 - \hat{y}_j)", fp)
    rec.step("false_negatives", "step.tversky.false_negatives",
             r"\mathrm{fn} = \sum_j \hat{y}_j (1 - y_j)", fn)
    rec.note("note.tversky_swapped_names", level="warning" if alpha != beta else "info",
             alpha=alpha, beta=beta)
    a = rec.dtype.type(alpha)
    b = rec.dtype.type(beta)
    # Keras: divide(I, ((I + fp * alpha) + fn * beta) + epsilon), in this order.
    tversky_index = np.asarray(intersection / (intersection + fp * a + fn * b + rec.dtype.type(EPSILON)))
    rec.step("tversky_index", msg("step.tversky.tversky_index", alpha=alpha, beta=beta),
             r"\mathrm{TI} = \frac{I}{I + \alpha\,\mathrm{fp} + \beta\,\mathrm{fn} + 10^{-7}}",
             tversky_index)
    loss = np.asarray(1.0 - tversky_index)
    _empty_note(rec, "tversky", y_true, y_pred, axis)
    intersection = np.asarray(intersection)

    def arithmetic(index: tuple[int, ...]) -> Formula:
        return text_formula("1 - @0 / (@0 + @1 × @s2 + @3 × @s4 + @5) = @6", intersection[index],
                            alpha, fp[index], beta, fn[index], EPSILON, loss[index])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # TI = I / D with D = I + alpha fp + beta fn + eps; dI = y, dfp = -y, dfn = 1 - y per y_pred_j.
        den = _spread(intersection + fp * a + fn * b + rec.dtype.type(EPSILON), axis, y_pred.shape)
        inter = _spread(intersection, axis, y_pred.shape)
        d_den = y_true - a * y_true + b * (1 - y_true)
        local = -(y_true * den - inter * d_den) / np.square(den)
        i = first_index(local)
        return _overlap_backward(
            grad_rec, upstream, local, msg("grad.step.tversky", alpha=alpha, beta=beta),
            r"\frac{\partial \ell}{\partial \hat{y}_j} = -\frac{y_j\,D - I\,\big(y_j - \alpha y_j + \beta (1 - y_j)\big)}{D^2},\ "
            r"D = I + \alpha\,\mathrm{fp} + \beta\,\mathrm{fn} + 10^{-7}",
            formula(r"-\frac{@0 \cdot @1 - @2 \cdot @s3}{@4^2} = @5", y_true[i], den[i], inter[i],
                    d_den[i], den[i], local[i]), y_true, axis)

    return LossOutput(loss, products, aggregation="custom", axis=axis, arithmetic=arithmetic,
                      backward=backward)
