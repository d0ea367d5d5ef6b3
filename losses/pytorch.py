"""PyTorch's ``torch.nn`` losses as step-by-step numpy, and PyTorch's reductions.

Each function reproduces ``torch.nn.<Class>(**params)(input=y_pred, target=y_true)`` with
``reduction="none"``: the arithmetic of the CPU kernels in ``aten/src/ATen/native/Loss.cpp``
(and ``LossNLL.cpp``, ``LossMultiMargin.cpp``), in float32 like torch's default dtype. Our
argument order stays ``(y_true, y_pred)``. PyTorch's input checks, empty batch and reduction
("mean", "sum", "batchmean", "none" as ``torch.nn.functional`` applies them) are its framework
object's (``losses.framework.PyTorch``, ``losses.reduction.reduce_torch``).

What differs from Keras lives here, visibly: "mean" averages over *all* elements (not per sample
first), class weights change the divisor of "mean", BCELoss clamps the log at -100 instead of
clipping probabilities, KLDivLoss and NLLLoss take log-probabilities, PoissonNLLLoss a log-rate.

Two losses take a pair of inputs; Loss Lab stacks the pair in y_pred along axis 1:
MarginRankingLoss reads y_pred (N, 2) as x1 = y_pred[:, 0], x2 = y_pred[:, 1], and
CosineEmbeddingLoss reads y_pred (N, 2, D) as x1 = y_pred[:, 0, :], x2 = y_pred[:, 1, :];
y_true holds the labels y (N,) in both.

Like every engine module, this one writes no sentence: step titles, notes and errors are message
keys with raw parameters (the PYTORCH section of ``losses/catalog``), worked examples and
per-sample arithmetic are :class:`~losses.messages.Formula` with the learner's numbers.
"""

from __future__ import annotations

import numpy as np

from losses.gradient import GRADIENT_STEP, abs_slope
from losses.messages import Formula, Word, formula, msg, text_formula
from losses.reduction import TORCH_REDUCTIONS
from losses.trace import LossOutput, Recorder, first_index

REDUCTIONS = TORCH_REDUCTIONS
"""``torch.nn`` reductions (``losses.reduction.TORCH_REDUCTIONS``)."""

LOG_CLAMP = -100.0
"""BCELoss clamps each log at -100 (``std::max(std::log(x), -100)`` in ``Loss.cpp``)."""

BCE_GRAD_EPSILON = 1e-12
"""BCELoss' backward divides by ``max(x (1 - x), EPSILON)`` with ``EPSILON = 1e-12`` (``Loss.cpp``)."""

COSINE_EPSILON = 1e-12

"""Added to each squared norm in ``cosine_embedding_loss`` (``Loss.cpp``: ``EPSILON = 1e-12``)."""


# ---------------------------------------------------------------- validation at the edge

# ---------------------------------------------------------------- reduction

# ---------------------------------------------------------------- helpers

def _elementwise(terms: np.ndarray, arithmetic, backward=None) -> LossOutput:
    """Torch's unreduced output of an elementwise loss is the terms themselves."""
    return LossOutput(terms, terms, aggregation="custom", axis=None, arithmetic=arithmetic, backward=backward)


def _apply_weight(rec: Recorder, terms: np.ndarray, weight: tuple[float, ...] | None) -> np.ndarray:
    """BCELoss / BCEWithLogitsLoss ``weight``: multiplied in after the loss, broadcast on the last axis."""
    if weight is None:
        return terms
    w = np.asarray(weight, dtype=rec.dtype)
    weighted = terms * w
    i = first_index(weighted)
    rec.step("weight", "step.torch.weight", r"\ell = w \cdot t", weighted,
             example=formula(r"@0 \cdot @s1 = @2", np.broadcast_to(w, terms.shape)[i], terms[i], weighted[i]))
    return weighted


def _log_softmax(rec: Recorder, logits: np.ndarray) -> np.ndarray:
    """``log_softmax`` over axis 1 as the CPU kernel computes it: (x - max) - log(sum(exp(x - max)))."""
    peak = np.max(logits, axis=1, keepdims=True)
    shifted = logits - peak
    log_total = np.log(np.sum(np.exp(shifted), axis=1, keepdims=True, dtype=rec.dtype))
    log_p = shifted - log_total
    i = first_index(log_p)
    row = i[:1] + (0,) + i[2:]
    rec.step("log_softmax", "step.torch.log_softmax",
             r"\log p_c = (x_c - \max_k x_k) - \log\sum_k e^{x_k - \max_k x_k}", log_p,
             example=formula(r"(@0 - @s1) - \log @2 = @3", logits[i], peak[row], np.exp(log_total[row]),
                             log_p[i]))
    return log_p


def _pick(array: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``array[n, y_n, ...]``: the entry of each target class along axis 1."""
    return np.squeeze(np.take_along_axis(array, index[:, None, ...], axis=1), axis=1)


def _chain(rec: Recorder, upstream: np.ndarray, local: np.ndarray, local_formula: Formula | str,
           local_example: Formula | None = None) -> np.ndarray:
    """An element-wise loss's last two links in torch's letters: dl/dx, then dL/dx = dL/dl * dl/dx."""
    local = np.asarray(local, dtype=rec.dtype)
    rec.step("grad.local", "grad.step.local", local_formula, local, example=local_example)
    grad = (upstream * local).astype(rec.dtype)
    i = first_index(grad)
    rec.step(GRADIENT_STEP, "grad.step.result",
             r"\frac{\partial L}{\partial x} = \frac{\partial L}{\partial \ell} \cdot \frac{\partial \ell}{\partial x}",
             grad, example=formula(r"@0 \cdot @s1 = @2", float(upstream[i]), float(local[i]), float(grad[i])))
    return grad


# ---------------------------------------------------------------- regression

def mse_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""MSELoss: \ell = (x - y)^2 for each element, x = y_pred, y = y_true."""
    diff = y_pred - y_true
    i = first_index(diff)
    rec.step("difference", "step.torch.difference", r"d = x - y", diff,
             example=formula("@0 - @s1 = @2", y_pred[i], y_true[i], diff[i]))
    terms = diff * diff
    rec.step("term", "step.torch.mse.term", r"\ell = d^2", terms,
             example=formula("@s0^2 = @1", diff[i], terms[i]))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        local = 2 * diff
        return _chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = 2d",
                      formula(r"2 \cdot @s0 = @1", diff[i], local[i]))

    return _elementwise(terms, lambda j: text_formula("(@0 - @s1)^2 = @2", y_pred[j], y_true[j], terms[j]),
                        backward)


def l1_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""L1Loss: \ell = |x - y| for each element."""
    diff = y_pred - y_true
    i = first_index(diff)
    rec.step("difference", "step.torch.difference", r"d = x - y", diff,
             example=formula("@0 - @s1 = @2", y_pred[i], y_true[i], diff[i]))
    terms = np.abs(diff)
    rec.step("term", "step.torch.l1.term", r"\ell = |d|", terms,
             example=formula("|@0| = @1", diff[i], terms[i]))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        return _abs_backward(grad_rec, upstream, diff)

    return _elementwise(terms, lambda j: text_formula("|@0 - @s1| = @2", y_pred[j], y_true[j], terms[j]),
                        backward)


def _abs_backward(grad_rec: Recorder, upstream: np.ndarray, diff: np.ndarray) -> np.ndarray:
    """d|x - y|/dx = sign(x - y), with autograd's sign(0) = 0 where the error is exactly 0."""
    local = abs_slope(diff, grad_rec.dtype, "pytorch")
    zero = diff == 0
    if zero.any():
        grad_rec.note("note.grad.abs_at_zero", count=int(zero.sum()), framework="pytorch")
    i = first_index(diff)
    return _chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = \operatorname{sign}(x - y)",
                  formula(r"\operatorname{sign}(@0) = @1", diff[i], local[i]))


def huber_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, delta: float = 1.0) -> LossOutput:
    r"""HuberLoss: \ell = \tfrac12 z^2 if z < \delta else \delta (z - \tfrac12\delta), z = |x - y|."""
    d = rec.dtype.type(delta)
    z = np.abs(y_pred - y_true)
    i = first_index(z)
    rec.step("abs_error", "step.torch.abs_error", r"z = |x - y|", z,
             example=formula("|@0 - @s1| = @2", y_pred[i], y_true[i], z[i]))
    quadratic = z < d
    # Loss.cpp's form: delta * (z - 0.5 * delta), not Keras' delta * z - 0.5 * delta^2.
    terms = np.where(quadratic, 0.5 * z * z, d * (z - 0.5 * d))
    example = (formula(r"\tfrac12 \cdot @0^2 = @1", z[i], terms[i]) if quadratic[i]
               else formula(r"@0 \cdot (@1 - \tfrac12 \cdot @2) = @3", delta, z[i], delta, terms[i]))
    rec.step("term", msg("step.torch.huber.term", delta=delta),
             formula(r"\ell = \begin{cases} \tfrac12 z^2 & z < \delta \\ \delta\,(z - \tfrac12\delta) & @0 \end{cases}",
                     Word("latex.otherwise")),
             terms, changed=~quadratic, example=example)
    if (~quadratic).any():
        rec.note("note.huber_linear", count=int((~quadratic).sum()), delta=delta, framework="pytorch")

    def arithmetic(j):
        if quadratic[j]:
            return text_formula("0.5 × @0^2 = @1", z[j], terms[j])
        return text_formula("@0 × (@1 - 0.5 × @2) = @3", delta, z[j], delta, terms[j])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # huber_loss_backward: d itself inside (-delta, delta), ±delta from the boundary on.
        diff = y_pred - y_true
        local = np.where(quadratic, diff, d * np.sign(diff))
        if (~quadratic).any():
            grad_rec.note("note.grad.huber_capped", count=int((~quadratic).sum()), delta=delta)
        example = (formula("@0 - @s1 = @2", y_pred[i], y_true[i], local[i]) if quadratic[i]
                   else formula(r"@0 \cdot \operatorname{sign}(@1) = @2", delta, diff[i], local[i]))
        return _chain(grad_rec, upstream, local,
                      formula(r"\frac{\partial \ell}{\partial x} = \begin{cases} x - y & z < \delta \\ \delta \operatorname{sign}(x - y) & @0 \end{cases}",
                              Word("latex.otherwise")), example)
    return _elementwise(terms, arithmetic, backward)


def smooth_l1_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, beta: float = 1.0) -> LossOutput:
    r"""SmoothL1Loss: \ell = \tfrac12 z^2 / \beta if z < \beta else z - \tfrac12\beta, z = |x - y|."""
    b = rec.dtype.type(beta)
    z = np.abs(y_pred - y_true)
    i = first_index(z)
    rec.step("abs_error", "step.torch.abs_error", r"z = |x - y|", z,
             example=formula("|@0 - @s1| = @2", y_pred[i], y_true[i], z[i]))
    quadratic = z < b
    if beta == 0:
        # smooth_l1_loss calls l1_loss when beta == 0 (no division by zero).
        rec.step("term", "step.torch.smooth_l1.term_l1", r"\ell = z", z, example=formula("@0", z[i]))
        return _elementwise(z, lambda j: text_formula("|@0 - @s1| = @2", y_pred[j], y_true[j], z[j]),
                            lambda grad_rec, upstream: _abs_backward(grad_rec, upstream, y_pred - y_true))
    terms = np.where(quadratic, 0.5 * z * z / b, z - 0.5 * b)
    example = (formula(r"\tfrac12 \cdot @0^2 / @1 = @2", z[i], beta, terms[i]) if quadratic[i]
               else formula(r"@0 - \tfrac12 \cdot @1 = @2", z[i], beta, terms[i]))
    rec.step("term", msg("step.torch.smooth_l1.term", beta=beta),
             formula(r"\ell = \begin{cases} \tfrac12 z^2 / \beta & z < \beta \\ z - \tfrac12\beta & @0 \end{cases}",
                     Word("latex.otherwise")),
             terms, changed=~quadratic, example=example)

    def arithmetic(j):
        if quadratic[j]:
            return text_formula("0.5 × @0^2 / @1 = @2", z[j], beta, terms[j])
        return text_formula("@0 - 0.5 × @1 = @2", z[j], beta, terms[j])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # smooth_l1_loss_backward: d / beta inside (-beta, beta), ±1 from the boundary on.
        diff = y_pred - y_true
        local = np.where(quadratic, diff / b, np.sign(diff))
        if (~quadratic).any():
            grad_rec.note("note.grad.torch_smooth_l1_capped", count=int((~quadratic).sum()), beta=beta)
        example = (formula("(@0 - @s1) / @2 = @3", y_pred[i], y_true[i], beta, local[i]) if quadratic[i]
                   else formula(r"\operatorname{sign}(@0) = @1", diff[i], local[i]))
        return _chain(grad_rec, upstream, local,
                      formula(r"\frac{\partial \ell}{\partial x} = \begin{cases} (x - y) / \beta & z < \beta \\ \operatorname{sign}(x - y) & @0 \end{cases}",
                              Word("latex.otherwise")), example)
    return _elementwise(terms, arithmetic, backward)


# ---------------------------------------------------------------- binary

def bce_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
             weight: tuple[float, ...] | None = None) -> LossOutput:
    r"""BCELoss: \ell = -w\,[y \max(\log x, -100) + (1 - y) \max(\log(1 - x), -100)]."""
    clamp = rec.dtype.type(LOG_CLAMP)
    raw_log_p = np.log(y_pred)
    raw_log_q = np.log1p(-y_pred)
    log_p = np.maximum(raw_log_p, clamp)
    log_q = np.maximum(raw_log_q, clamp)
    i = first_index(log_p)
    rec.step("log_p", "step.torch.bce.log_p", r"a = \max(\log x,\ -100)", log_p,
             changed=raw_log_p < clamp, example=formula(r"\max(\log @0, -100) = @1", y_pred[i], log_p[i]))
    rec.step("log_1mp", "step.torch.bce.log_1mp", r"b = \max(\log(1 - x),\ -100)", log_q,
             changed=raw_log_q < clamp,
             example=formula(r"\max(\log(1 - @0), -100) = @1", y_pred[i], log_q[i]))
    clamped = (raw_log_p < clamp) | (raw_log_q < clamp)
    if clamped.any():
        rec.note("note.torch_bce_log_clamp", level="warning", count=int(clamped.sum()))
    # Loss.cpp: (y - 1) * b - y * a, the same as -(y a + (1 - y) b).
    terms = (y_true - 1) * log_q - y_true * log_p
    rec.step("term", "step.torch.bce.term", r"t = -\big(y\,a + (1 - y)\,b\big)", terms,
             example=formula(r"-(@0 \cdot @s1 + (1 - @2) \cdot @s3) = @4",
                             y_true[i], log_p[i], y_true[i], log_q[i], terms[i]))
    loss = _apply_weight(rec, terms, weight)

    def arithmetic(j):
        args = (y_true[j], log_p[j], y_true[j], log_q[j], terms[j])
        if weight is None:
            return text_formula("-(@0 × @s1 + (1 - @2) × @s3) = @4", *args)
        return text_formula("-(@0 × @s1 + (1 - @2) × @s3) = @4, × w = @5", *args, loss[j])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # binary_cross_entropy_backward (Loss.cpp) does not differentiate the clamped logs: it
        # writes w (x - y) / max(x (1 - x), 1e-12), so at x = 0 or 1 the slope is about 1e12.
        dtype = grad_rec.dtype
        product = (1 - y_pred) * y_pred
        floor = dtype.type(BCE_GRAD_EPSILON)
        denominator = np.maximum(product, floor)
        local = (y_pred - y_true) / denominator
        w = None if weight is None else np.broadcast_to(np.asarray(weight, dtype=dtype), y_pred.shape)
        if w is not None:
            local = local * w
        floored = product < floor
        if floored.any():
            grad_rec.note("note.grad.torch_bce_epsilon", level="warning", count=int(floored.sum()))

        if w is None:
            symbol = r"\frac{\partial \ell}{\partial x} = \frac{x - y}{\max\big(x (1 - x),\ 10^{-12}\big)}"
            example = formula(r"\frac{@0 - @s1}{\max(@2,\ 10^{-12})} = @3", y_pred[i], y_true[i], product[i],
                              local[i])
        else:
            symbol = r"\frac{\partial \ell}{\partial x} = w\,\frac{x - y}{\max\big(x (1 - x),\ 10^{-12}\big)}"
            example = formula(r"@0 \cdot \frac{@1 - @s2}{\max(@3,\ 10^{-12})} = @4", w[i], y_pred[i], y_true[i],
                              product[i], local[i])
        return _chain(grad_rec, upstream, local, symbol, example)
    return _elementwise(loss, arithmetic, backward)


def bce_with_logits_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                         weight: tuple[float, ...] | None = None,
                         pos_weight: tuple[float, ...] | None = None) -> LossOutput:
    r"""BCEWithLogitsLoss: \ell = w\,[(1 - y)\,x - (1 + (p_w - 1)\,y)\log\sigma(x)]."""
    x = y_pred
    # log sigma(x) = min(x, 0) - log(1 + e^{-|x|}): never exp of a large positive number.
    log_sig = np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))
    i = first_index(log_sig)
    rec.step("log_sigmoid", "step.torch.bce_logits.log_sigmoid",
             r"\log\sigma(x) = \min(x, 0) - \log(1 + e^{-|x|})", log_sig,
             example=formula(r"\min(@0, 0) - \log(1 + e^{-|@1|}) = @2", x[i], x[i], log_sig[i]))
    if pos_weight is not None:
        pw = np.asarray(pos_weight, dtype=rec.dtype)
        log_weight = (pw - 1) * y_true + 1
        rec.step("pos_weight", "step.torch.bce_logits.pos_weight", r"l_w = 1 + (p_w - 1)\,y", log_weight,
                 example=formula(r"1 + (@0 - 1) \cdot @1 = @2", np.broadcast_to(pw, x.shape)[i], y_true[i],
                                 log_weight[i]))
        log_sig_w = log_sig * log_weight
    else:
        log_weight = None
        log_sig_w = log_sig
    # -(y log s + (1 - y) log(1 - s)) = (1 - y) x - log s, because log(1 - s) = log s - x.
    terms = (1 - y_true) * x - log_sig_w
    if log_weight is None:
        example = formula(r"(1 - @0) \cdot @s1 - @s2 = @3", y_true[i], x[i], log_sig[i], terms[i])
    else:
        example = formula(r"(1 - @0) \cdot @s1 - @2 \cdot @s3 = @4", y_true[i], x[i], log_weight[i],
                          log_sig[i], terms[i])
    rec.step("term", "step.torch.bce_logits.term",
             r"t = (1 - y)\,x - l_w \log\sigma(x)" if pos_weight is not None else r"t = (1 - y)\,x - \log\sigma(x)",
             terms, example=example)
    loss = _apply_weight(rec, terms, weight)

    def arithmetic(j):
        if log_weight is None:
            template, args = "(1 - @0) × @s1 - @s2 = @3", [y_true[j], x[j], log_sig[j], terms[j]]
        else:
            template, args = "(1 - @0) × @s1 - @2 × @s3 = @4", [y_true[j], x[j], log_weight[j], log_sig[j], terms[j]]
        if weight is not None:
            template += f", × w = @{len(args)}"
            args.append(loss[j])
        return text_formula(template, *args)

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # binary_cross_entropy_with_logits_backward: w (l_w sigma(x) - p_w y), which is
        # w (sigma(x) - y) without pos_weight: the prediction's probability minus the target.
        dtype = grad_rec.dtype
        sig = (1 / (1 + np.exp(-x))).astype(dtype)
        grad_rec.step("grad.sigmoid", "grad.step.torch.sigmoid", r"\sigma(x) = \frac{1}{1 + e^{-x}}", sig,
                      example=formula(r"\sigma(@0) = @1", x[i], sig[i]))
        w = None if weight is None else np.broadcast_to(np.asarray(weight, dtype=dtype), x.shape)
        if log_weight is None:
            local = sig - y_true
            symbol = r"\frac{\partial \ell}{\partial x} = \sigma(x) - y"
            example = formula(r"@0 - @s1 = @2", sig[i], y_true[i], local[i])
        else:
            pw_y = np.asarray(pos_weight, dtype=dtype) * y_true
            local = log_weight * sig - pw_y
            symbol = r"\frac{\partial \ell}{\partial x} = l_w\,\sigma(x) - p_w\,y"
            example = formula(r"@0 \cdot @1 - @s2 = @3", log_weight[i], sig[i], pw_y[i], local[i])
        if w is not None:
            inner, local = local, w * local
            symbol = symbol.replace("= ", r"= w\,\big(", 1) + r"\big)"
            example = formula(r"@0 \cdot @s1 = @2", w[i], inner[i], local[i])
        return _chain(grad_rec, upstream, local, symbol, example)

    return _elementwise(loss, arithmetic, backward)


# ---------------------------------------------------------------- classification

def _class_index_loss(rec: Recorder, labels: np.ndarray, log_p: np.ndarray, *, weight, ignore_index: int,
                      label_smoothing: float, picked: str, symbol: str) -> LossOutput:
    """nll_loss, and cross_entropy's label-smoothing mix, on log-probabilities ``log_p`` (N, C, ...).

    ``picked`` ("log_p" or "y_pred") and ``symbol`` say what is picked: the log-softmax output or
    y_pred as given.
    """
    dtype = rec.dtype
    classes = log_p.shape[1]
    ignored = labels == ignore_index
    index = np.where(ignored, 0, labels).astype(np.int64)
    w = np.ones(classes, dtype=dtype) if weight is None else np.asarray(weight, dtype=dtype)
    w_axis = w.reshape((1, classes) + (1,) * (log_p.ndim - 2))
    target_w = np.where(ignored, dtype.type(0), w[index])
    picked_values = _pick(log_p, index)
    nll = np.where(ignored, dtype.type(0), -picked_values * target_w)
    i = first_index(nll)
    if ignored.any():
        rec.note("note.torch_ignored", count=int(ignored.sum()), ignore_index=ignore_index)
    if weight is not None:
        rec.step("class_weight", "step.torch.class_weight", r"w_{y_n}", target_w,
                 changed=ignored, example=formula("w_{@0} = @1", int(index[i]), target_w[i]))
    if ignored[i]:
        example = formula("y = @0@1: 0", ignore_index, Word("latex.torch.is_ignored"))
    elif weight is not None:
        example = formula(r"-@0 \cdot @s1 = @2", target_w[i], picked_values[i], nll[i])
    else:
        example = formula("-@s0 = @1", picked_values[i], nll[i])
    rec.step("nll", msg("step.torch.nll", picked=picked, weighted=weight is not None),
             f"-w_{{y_n}} {symbol}" if weight is not None else f"-{symbol}", nll, changed=ignored,
             example=example)
    one_hot = np.arange(classes).reshape(w_axis.shape) == index[:, None, ...]
    keep = ~ignored[:, None, ...]
    if label_smoothing > 0:
        eps = dtype.type(label_smoothing)
        # cross_entropy_loss_label_smoothing: (1 - eps) * nll + (eps / C) * sum_c(-w_c log p_c).
        smooth = np.where(ignored, dtype.type(0), -np.sum(log_p * w_axis, axis=1, dtype=dtype))
        rec.step("smooth", "step.torch.smooth", r"s_n = -\sum_c w_c \log p_{n,c}", smooth, changed=ignored,
                 example=formula("s = @0", smooth[i]))
        keep_frac = dtype.type(1 - label_smoothing)
        spread = dtype.type(label_smoothing / classes)
        per_sample = keep_frac * nll + smooth * spread
        rec.step("term", msg("step.torch.cross_entropy.smoothing_mix", label_smoothing=label_smoothing,
                             classes=classes),
                 r"\ell_n = (1 - \varepsilon)\,w_{y_n}(-\log p_{n,y_n}) + \frac{\varepsilon}{C}\,s_n", per_sample,
                 example=formula(r"@0 \cdot @1 + @2 \cdot @3 = @4", keep_frac, nll[i], spread, smooth[i],
                                 per_sample[i]))
        contributions = np.where(keep, -log_p * w_axis * (keep_frac * one_hot + spread), dtype.type(0))

        def arithmetic(j):
            return text_formula("@0 × @1 + @2 × @3 = @4", keep_frac, nll[j], spread, smooth[j], per_sample[j])
    else:
        per_sample = nll
        contributions = np.where(keep & one_hot, -log_p * w_axis, dtype.type(0))

        def arithmetic(j):
            if ignored[j]:
                return text_formula("@0 (y = @1): 0", Word("latex.torch.ignored"), ignore_index)
            if weight is not None:
                return text_formula("@0 × (-@s1) = @2", target_w[j], picked_values[j], per_sample[j])
            return text_formula("-@s0 = @1", picked_values[j], per_sample[j])
    # r_{n,c} = -d l_n / d log p_{n,c}: how much each log-probability counts in the sample's loss.
    if label_smoothing > 0:
        coefficient = np.where(keep, w_axis * (keep_frac * one_hot + spread), dtype.type(0))
    else:
        coefficient = np.where(keep & one_hot, w_axis, dtype.type(0))
    # The first sample's target entry: the one the worked examples substitute.
    target_at = i[:1] + (int(index[i]),) + i[1:]

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        if ignored.any():
            grad_rec.note("note.grad.torch_ignored", count=int(ignored.sum()), ignore_index=ignore_index)
        spread_up = np.broadcast_to(np.expand_dims(upstream, 1), log_p.shape)
        if picked == "log_p":
            return _log_softmax_backward(grad_rec, log_p, coefficient, spread_up, keep, target_at,
                                         one_hot=None if label_smoothing > 0 else one_hot,
                                         weighted=weight is not None)
        # nll_loss_backward: -w_{y_n} at each target entry, 0 elsewhere and on ignored rows.
        local = -coefficient
        weighted = weight is not None
        grad_rec.step("grad.local", "grad.step.torch.nll_local",
                      r"\frac{\partial \ell_n}{\partial x_{n,c}} = -w_{y_n}\,[c = y_n]" if weighted
                      else r"\frac{\partial \ell_n}{\partial x_{n,c}} = -[c = y_n]", local,
                      example=formula("-@0 = @1", float(coefficient[target_at]), float(local[target_at]))
                      if weighted else None)
        # Only the entries the loss reads get a gradient, even where dL/dl is inf (a 0 divisor).
        grad = np.where(keep & one_hot, spread_up * local, dtype.type(0)).astype(dtype)
        grad_rec.step(GRADIENT_STEP, "grad.step.result",
                      r"\frac{\partial L}{\partial x_{n,c}} = \frac{\partial L}{\partial \ell_n} \cdot \frac{\partial \ell_n}{\partial x_{n,c}}",
                      grad, example=formula(r"@0 \cdot @s1 = @2", float(spread_up[target_at]),
                                            float(local[target_at]), float(grad[target_at])))
        return grad

    return LossOutput(per_sample, contributions, aggregation="custom", axis=1,
                      arithmetic=arithmetic, mean_weights=target_w, backward=backward)


def _log_softmax_backward(grad_rec: Recorder, log_p: np.ndarray, coefficient: np.ndarray, upstream: np.ndarray,
                          keep: np.ndarray, at: tuple[int, ...], *, one_hot: np.ndarray | None, weighted: bool,
                          probabilities: bool = False) -> np.ndarray:
    """dL/dx through log_softmax, for l_n = -sum_c r_{n,c} log p_{n,c} with p = softmax(x_n).

    d l_n / d x_{n,c} = p_{n,c} sum_k r_{n,k} - r_{n,c}: softmax minus the one-hot target when
    r is the one-hot row (log_softmax_backward_data: g - p sum_k g_k with g = -dL/dl r).
    ``upstream`` is dL/dl_n spread over the classes; ``at`` the element the examples show.
    """
    dtype = grad_rec.dtype
    if one_hot is not None:
        title = "grad.step.torch.one_hot"
        symbol = r"r_{n,c} = w_{y_n}\,[c = y_n]" if weighted else r"r_{n,c} = [c = y_n]"
    else:
        title = "grad.step.torch.log_p_coefficient"
        if probabilities:
            symbol = r"r_{n,c} = w_c\,y'_{n,c}" if weighted else r"r_{n,c} = y'_{n,c}"
        elif weighted:
            symbol = r"r_{n,c} = (1 - \varepsilon)\,w_{y_n} [c = y_n] + \frac{\varepsilon}{C}\,w_c"
        else:
            symbol = r"r_{n,c} = (1 - \varepsilon)\,[c = y_n] + \frac{\varepsilon}{C}"
    grad_rec.step("grad.local", title, symbol, coefficient, changed=~np.broadcast_to(keep, coefficient.shape))
    p = np.exp(log_p).astype(dtype)
    grad_rec.step("grad.softmax", "grad.step.torch.softmax", r"p_{n,c} = e^{\log p_{n,c}} = \mathrm{softmax}(x_n)_c", p,
                  example=formula(r"e^{@0} = @1", float(log_p[at]), float(p[at])))
    # An ignored row sends back exactly 0, even when dL/dl is inf (every target ignored: 0 / 0).
    scaled = np.where(keep, upstream * coefficient, dtype.type(0)).astype(dtype)
    total = np.sum(scaled, axis=1, keepdims=True, dtype=dtype)
    grad = (p * total - scaled).astype(dtype)
    u, r, s = float(upstream[at]), float(coefficient[at]), float(np.sum(coefficient[at[:1] + (slice(None),) + at[2:]]))
    kept = bool(np.broadcast_to(keep, log_p.shape)[at])
    if one_hot is not None:
        if weighted:
            latex = r"\frac{\partial L}{\partial x_{n,c}} = \frac{\partial L}{\partial \ell_n}\, w_{y_n} \big(p_{n,c} - [c = y_n]\big)"
            example = formula(r"@0 \cdot @1 \cdot (@2 - 1) = @3", u, r, float(p[at]), float(grad[at]))
        else:
            latex = r"\frac{\partial L}{\partial x_{n,c}} = \frac{\partial L}{\partial \ell_n} \big(p_{n,c} - [c = y_n]\big)"
            example = formula(r"@0 \cdot (@1 - 1) = @2", u, float(p[at]), float(grad[at]))
        title = "grad.step.torch.softmax_minus_one_hot"
    else:
        latex = (r"\frac{\partial L}{\partial x_{n,c}} = \frac{\partial L}{\partial \ell_n} "
                 r"\Big(p_{n,c} \sum_k r_{n,k} - r_{n,c}\Big)")
        example = formula(r"@0 \cdot (@1 \cdot @2 - @3) = @4", u, float(p[at]), s, r, float(grad[at]))
        title = "grad.step.torch.softmax_minus_target"
    grad_rec.step(GRADIENT_STEP, title, latex, grad, example=example if kept else None)
    return grad



def cross_entropy_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                       weight: tuple[float, ...] | None = None, ignore_index: int = -100,
                       label_smoothing: float = 0.0) -> LossOutput:
    r"""CrossEntropyLoss on logits: \ell_n = -w_{y_n} \log \mathrm{softmax}(x_n)_{y_n}.

    Class-index targets (N,) pass through ``nll_loss`` (weighted "mean" divides by the sum of the
    target weights); probability targets (N, C) give \ell_n = -\sum_c w_c y_{n,c} \log p_{n,c}
    and "mean" divides by N.
    """
    if np.all((y_pred >= 0) & (y_pred <= 1)) and np.allclose(np.sum(y_pred, axis=1), 1, atol=1e-3):
        rec.note("note.torch_ce_logits")
    log_p = _log_softmax(rec, y_pred)
    if y_true.shape != y_pred.shape:
        return _class_index_loss(rec, y_true, log_p, weight=weight, ignore_index=ignore_index,
                                 label_smoothing=label_smoothing, picked="log_p",
                                 symbol=r"\log p_{n, y_n}")
    dtype = rec.dtype
    classes = y_pred.shape[1]
    target = y_true
    if label_smoothing > 0:
        target = y_true * dtype.type(1 - label_smoothing) + dtype.type(label_smoothing / classes)
        i = first_index(target)
        rec.step("smoothed_target", "step.torch.cross_entropy.smoothed_target",
                 r"y' = (1 - \varepsilon)\,y + \varepsilon / C", target, changed=target != y_true,
                 example=formula(r"(1 - @0) \cdot @1 + @2 / @3 = @4", label_smoothing, y_true[i],
                                 label_smoothing, classes, target[i]))
    # cross_entropy_loss_prob_target: -(log_p * target * weight).sum(class_dim).
    product = log_p * target
    if weight is not None:
        product = product * np.asarray(weight, dtype=dtype).reshape((1, classes) + (1,) * (y_pred.ndim - 2))
    terms = -product
    i = first_index(terms)
    if weight is None:
        symbol = r"t_{n,c} = -y_{n,c} \log p_{n,c}"
        example = formula(r"-@s0 \cdot @s1 = @2", target[i], log_p[i], terms[i])
    else:
        symbol = r"t_{n,c} = -w_c\,y_{n,c} \log p_{n,c}"
        example = formula(r"-@0 \cdot @s1 \cdot @s2 = @3", weight[0], target[i], log_p[i], terms[i])
    rec.step("term", msg("step.torch.cross_entropy.term", weighted=weight is not None), symbol, terms,
             example=example)
    per_sample = -np.sum(product, axis=1, dtype=dtype)
    coefficient = target if weight is None else target * np.asarray(weight, dtype=dtype).reshape(
        (1, classes) + (1,) * (y_pred.ndim - 2))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # upstream is dL/dt_{n,c} = dL/dl_n after the sum over classes.
        return _log_softmax_backward(grad_rec, log_p, coefficient, upstream, np.ones(log_p.shape, bool),
                                     first_index(log_p), one_hot=None, weighted=weight is not None,
                                     probabilities=True)

    return LossOutput(per_sample, terms, aggregation="sum", axis=1, backward=backward)



def nll_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
             weight: tuple[float, ...] | None = None, ignore_index: int = -100) -> LossOutput:
    r"""NLLLoss on log-probabilities: \ell_n = -w_{y_n} x_{n, y_n}; "mean" divides by \sum_n w_{y_n}."""
    if np.any(y_pred > 0):
        rec.note("note.torch_nll_not_log", level="warning")
    return _class_index_loss(rec, y_true, y_pred, weight=weight, ignore_index=ignore_index,
                             label_smoothing=0.0, picked="y_pred", symbol=r"x_{n, y_n}")


def kl_div_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, log_target: bool = False) -> LossOutput:
    r"""KLDivLoss: \ell = y (\log y - x) with x = y_pred already log-probabilities."""
    x = y_pred
    if np.all((x >= 0) & (x <= 1)) and x.size:
        rec.note("note.torch_kl_input_log", level="warning")
    i = first_index(x)
    if log_target:
        prob = np.exp(y_true)
        rec.step("target_probability", "step.torch.kl_div.target_probability", r"q = e^{y}", prob,
                 example=formula("e^{@0} = @1", y_true[i], prob[i]))
        # kl_div with log_target: exp(y) * (y - x).
        terms = prob * (y_true - x)
        rec.step("term", "step.torch.kl_div.term", r"\ell = e^{y}\,(y - x)", terms,
                 example=formula(r"@0 \cdot (@1 - @s2) = @3", prob[i], y_true[i], x[i], terms[i]))

        def arithmetic(j):
            return text_formula("@0 × (@1 - @s2) = @3", prob[j], y_true[j], x[j], terms[j])
    else:
        # xlogy(y, y) = y log y, defined as 0 at y = 0 (and nan for y < 0).
        ylogy = np.where(y_true == 0, rec.dtype.type(0), y_true * np.log(y_true))
        rec.step("target_entropy_term", "step.torch.kl_div.target_entropy_term", r"y \log y", ylogy,
                 changed=y_true == 0,
                 example=formula(r"@0 \cdot \log @1 = @2", y_true[i], y_true[i], ylogy[i]))
        terms = ylogy - y_true * x
        rec.step("term", "step.torch.kl_div.term", r"\ell = y \log y - y\,x", terms,
                 example=formula(r"@s0 - @1 \cdot @s2 = @3", ylogy[i], y_true[i], x[i], terms[i]))

        def arithmetic(j):
            return text_formula("@0 - @1 × @s2 = @3", ylogy[j], y_true[j], x[j], terms[j])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # The target's own term (y log y, or e^y y) does not depend on x: only -y x (-e^y x) does.
        if log_target:
            local = -prob
            return _chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = -e^{y}",
                          formula("-@0 = @s1", prob[i], local[i]))
        local = -y_true
        return _chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = -y",
                      formula("-@s0 = @s1", y_true[i], local[i]))
    return _elementwise(terms, arithmetic, backward)


def poisson_nll_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, log_input: bool = True,
                     full: bool = False, eps: float = 1e-8) -> LossOutput:
    r"""PoissonNLLLoss: \ell = e^{x} - y x (log_input) or x - y \log(x + \epsilon); + Stirling if full."""
    x = y_pred
    i = first_index(x)
    if log_input:
        rate = np.exp(x)
        rec.step("rate", "step.torch.poisson_nll.rate", r"\lambda = e^{x}", rate,
                 example=formula("e^{@0} = @1", x[i], rate[i]))
        rec.note("note.torch_poisson_log_input")
        terms = rate - y_true * x
        rec.step("term", msg("step.torch.poisson_nll.term", log_input=True), r"t = e^{x} - y\,x", terms,
                 example=formula(r"@0 - @1 \cdot @s2 = @3", rate[i], y_true[i], x[i], terms[i]))
    else:
        log_rate = np.log(x + rec.dtype.type(eps))
        rec.step("log_rate", msg("step.torch.poisson_nll.log_rate", eps=eps), r"\log(x + \epsilon)", log_rate,
                 example=formula(r"\log(@0 + @1) = @2", x[i], eps, log_rate[i]))
        terms = x - y_true * log_rate
        rec.step("term", msg("step.torch.poisson_nll.term", log_input=False), r"t = x - y \log(x + \epsilon)",
                 terms, example=formula(r"@0 - @1 \cdot @s2 = @3", x[i], y_true[i], log_rate[i], terms[i]))
    loss = terms
    if full:
        # Stirling's log(y!) ~ y log y - y + 0.5 log(2 pi y), added only where y > 1.
        two_pi = rec.dtype.type(2 * np.pi)
        stirling = y_true * np.log(y_true) - y_true + 0.5 * np.log(two_pi * y_true)
        stirling = np.where(y_true <= 1, rec.dtype.type(0), stirling)
        rec.step("stirling", "step.torch.poisson_nll.stirling",
                 r"s = y \log y - y + \tfrac12 \log(2\pi y)\ [y > 1]", stirling, changed=y_true <= 1,
                 example=formula("s = @0", stirling[i]))
        loss = terms + stirling
        rec.step("full", "step.torch.poisson_nll.full", r"\ell = t + s", loss,
                 example=formula("@0 + @s1 = @2", terms[i], stirling[i], loss[i]))

    def arithmetic(j):
        if full:
            return text_formula("@0 + @s1 = @2", terms[j], stirling[j], loss[j])
        return text_formula("@0", terms[j])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # Stirling's term (full=True) depends on the target only: it adds nothing to the gradient.
        if full:
            grad_rec.note("note.grad.torch_poisson_full")
        if log_input:
            local = rate - y_true
            return _chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = e^{x} - y",
                          formula("@0 - @s1 = @2", rate[i], y_true[i], local[i]))
        shifted = x + rec.dtype.type(eps)
        local = 1 - y_true / shifted
        return _chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = 1 - \frac{y}{x + \epsilon}",
                      formula(r"1 - \frac{@0}{@1} = @2", y_true[i], shifted[i], local[i]))
    return _elementwise(loss, arithmetic, backward)


# ---------------------------------------------------------------- margin and embedding

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
        active = _clamp_min_slope(grad_rec, m - x, hinge_side)
        local = (np.where(hinge_side, -active, dtype.type(0))
                 + np.where(y_true != -1, dtype.type(1), dtype.type(0))).astype(dtype)
        if y_true[i] == 1:
            example = formula(r"y = 1:\ 1")
        elif y_true[i] == -1:
            example = formula(r"y = -1:\ -[@0 \le @1] = @2", x[i], margin, local[i])
        else:
            example = formula(r"y = @0:\ 1 - [@1 \le @2] = @3", y_true[i], x[i], margin, local[i])
        return _chain(grad_rec, upstream, local,
                      r"\frac{\partial \ell}{\partial x} = \begin{cases} 1 & y = 1 \\ -[x \le \text{margin}] & y = -1 \end{cases}",
                      example)
    return _elementwise(terms, arithmetic, backward)


def _clamp_min_slope(grad_rec: Recorder, value: np.ndarray, used: np.ndarray) -> np.ndarray:
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
        return _chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = -y\,\frac{e^{z}}{1 + e^{z}}",
                      formula(r"-@s0 \cdot \frac{e^{@1}}{1 + e^{@2}} = @3", y_true[i], z[i], z[i], local[i]))
    return _elementwise(terms, lambda j: text_formula("log(1 + exp(@0)) = @1", z[j], terms[j]), backward)


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
        active = _clamp_min_slope(grad_rec, cos - dtype.type(margin), negative)
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
        active = _clamp_min_slope(grad_rec, -y_true * diff + rec.dtype.type(margin), np.ones(diff.shape, bool))
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

