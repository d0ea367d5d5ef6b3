"""Regression losses: the error between real-valued targets and predictions, averaged per sample.

Each Keras loss follows ``keras/src/losses/losses.py``: an element-wise term, then ``mean`` over
the last axis. Beside each stands its PyTorch relative (MSELoss, L1Loss, HuberLoss, SmoothL1Loss,
as ``aten/src/ATen/native/Loss.cpp`` computes them), which keeps one loss per element: torch's
"mean" then averages every element at once (``losses.reduction.reduce_torch``).
"""

from __future__ import annotations

import numpy as np

from losses import kops
from losses.gradient import abs_slope, chain, max_slope, torch_chain
from losses.messages import Word, formula, msg, text_formula
from losses.trace import LossOutput, Recorder, elementwise_output, first_index

EPSILON = 1e-7
"""Keras' ``backend.epsilon()``."""


def mean_squared_error(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Mean squared error: t = (y - \hat y)^2, averaged over the last axis."""
    # Keras subtracts y_true - y_pred; the square and the absolute value are the same bit for bit
    # either way round, so the trace writes e = y_pred - y_true, as Huber, log-cosh and the
    # curves page do: one sign convention for the error across the app.
    diff = y_pred - y_true
    i = first_index(diff)
    rec.step("error", "step.error", r"e = \hat{y} - y", diff,
             example=formula("@0 - @s1 = @2", y_pred[i], y_true[i], diff[i]))
    terms = np.square(diff)
    rec.step("term", "step.mse.term", r"t = e^2", terms,
             example=formula("@s0^2 = @1", diff[i], terms[i]))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        local = 2.0 * diff
        return chain(grad_rec, upstream, local, r"\frac{\partial t}{\partial \hat{y}} = 2e",
                     formula(r"2 \cdot @s0 = @1", diff[i], local[i]))

    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms, backward=backward)


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
        return torch_chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = 2d",
                           formula(r"2 \cdot @s0 = @1", diff[i], local[i]))

    return elementwise_output(terms, lambda j: text_formula("(@0 - @s1)^2 = @2", y_pred[j], y_true[j], terms[j]),
                              backward)


def mean_absolute_error(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Mean absolute error: t = |y - \hat y|, averaged over the last axis."""
    # Keras subtracts y_true - y_pred; the square and the absolute value are the same bit for bit
    # either way round, so the trace writes e = y_pred - y_true, as Huber, log-cosh and the
    # curves page do: one sign convention for the error across the app.
    diff = y_pred - y_true
    i = first_index(diff)
    rec.step("error", "step.error", r"e = \hat{y} - y", diff,
             example=formula("@0 - @s1 = @2", y_pred[i], y_true[i], diff[i]))
    terms = np.abs(diff)
    rec.step("term", "step.mae.term", r"t = |e|", terms,
             example=formula("|@0| = @1", diff[i], terms[i]))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # Keras takes |y - y_pred|; jax's slope of |x| at x = 0 is +1, so d/dy_pred is -1 there.
        local = -abs_slope(y_true - y_pred, rec.dtype)
        _note_zero_errors(grad_rec, diff)
        return chain(grad_rec, upstream, local, r"\frac{\partial t}{\partial \hat{y}} = \operatorname{sign}(e)",
                     formula(r"\operatorname{sign}(@0) = @1", diff[i], local[i]))

    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms, backward=backward)


def _note_zero_errors(grad_rec: Recorder, error: np.ndarray) -> None:
    """|e| has no derivative at e = 0; jax's convention still gives it a slope."""
    zero = error == 0
    if zero.any():
        grad_rec.note("note.grad.abs_at_zero", count=int(zero.sum()), framework="keras")


def _abs_backward(grad_rec: Recorder, upstream: np.ndarray, diff: np.ndarray) -> np.ndarray:
    """d|x - y|/dx = sign(x - y), with autograd's sign(0) = 0 where the error is exactly 0."""
    local = abs_slope(diff, grad_rec.dtype, "pytorch")
    zero = diff == 0
    if zero.any():
        grad_rec.note("note.grad.abs_at_zero", count=int(zero.sum()), framework="pytorch")
    i = first_index(diff)
    return torch_chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = \operatorname{sign}(x - y)",
                       formula(r"\operatorname{sign}(@0) = @1", diff[i], local[i]))


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

    return elementwise_output(terms, lambda j: text_formula("|@0 - @s1| = @2", y_pred[j], y_true[j], terms[j]),
                              backward)


def mean_absolute_percentage_error(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""MAPE: t = |y - \hat y| / max(|y|, eps), mean over the last axis, times 100."""
    eps = rec.dtype.type(EPSILON)
    scale = np.maximum(np.abs(y_true), eps)
    clamped = np.abs(y_true) < eps
    i = first_index(scale)
    rec.step("denominator", "step.mape.denominator",
             r"s = \max(|y|, 10^{-7})", scale, changed=clamped,
             example=formula(r"\max(|@0|, 10^{-7}) = @1", y_true[i], scale[i]))
    if clamped.any():
        rec.note("note.mape_zero_target", level="warning", count=int(clamped.sum()))
    ratio = np.abs((y_true - y_pred) / scale)
    rec.step("ratio", "step.mape.ratio", r"r = \frac{|y - \hat{y}|}{s}", ratio,
             example=formula(r"\frac{|@0 - @s1|}{@2} = @3", y_true[i], y_pred[i], scale[i], ratio[i]))
    # Keras multiplies the mean by 100; the terms shown are already in percent so that they
    # average to the per-sample value.
    terms = 100.0 * ratio
    rec.step("term", "step.mape.term", r"t = 100\, r", terms,
             example=formula(r"100 \times @0 = @1", ratio[i], terms[i]))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        error = y_pred - y_true
        _note_zero_errors(grad_rec, error)
        local = -100.0 * abs_slope(y_true - y_pred, rec.dtype) / scale
        return chain(grad_rec, upstream, local,
                     r"\frac{\partial t}{\partial \hat{y}} = \frac{100 \operatorname{sign}(\hat{y} - y)}{s}",
                     formula(r"100 \cdot \operatorname{sign}(@0) / @1 = @2", error[i], scale[i], local[i]))

    return LossOutput(100.0 * kops.mean(ratio, axis=-1, rec=rec), terms, backward=backward)


def mean_squared_logarithmic_error(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""MSLE: t = (\log(\max(\hat y, eps) + 1) - \log(\max(y, eps) + 1))^2, mean over the last axis."""
    eps = rec.dtype.type(EPSILON)
    pred_c = np.maximum(y_pred, eps)
    true_c = np.maximum(y_true, eps)
    if np.any(y_pred < 0) or np.any(y_true < 0):
        rec.note("note.msle_negative", level="warning")
    first_log = np.log(pred_c + 1.0)
    second_log = np.log(true_c + 1.0)
    i = first_index(first_log)
    rec.step("log_pred", "step.msle.log_pred", r"a = \log(\max(\hat{y}, 10^{-7}) + 1)",
             first_log, changed=y_pred < eps,
             example=formula(r"\log(@0 + 1) = @1", pred_c[i], first_log[i]))
    rec.step("log_true", "step.msle.log_true", r"b = \log(\max(y, 10^{-7}) + 1)",
             second_log, changed=y_true < eps,
             example=formula(r"\log(@0 + 1) = @1", true_c[i], second_log[i]))
    terms = np.square(first_log - second_log)
    rec.step("term", "step.msle.term", r"t = (a - b)^2", terms,
             example=formula("(@0 - @s1)^2 = @2", first_log[i], second_log[i], terms[i]))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        slope = max_slope(y_pred, eps, rec.dtype)
        clipped = slope < 1
        if clipped.any():
            grad_rec.note("note.grad.clipped_below", count=int(clipped.sum()), floor=float(eps))
        local = 2.0 * (first_log - second_log) / (pred_c + 1.0) * slope
        return chain(grad_rec, upstream, local,
                     r"\frac{\partial t}{\partial \hat{y}} = \frac{2(a - b)}{\max(\hat{y}, 10^{-7}) + 1}",
                     formula(r"2 \cdot (@0 - @s1) / (@2 + 1) = @3", first_log[i], second_log[i],
                             pred_c[i], local[i]))

    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms, backward=backward)


def huber(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, delta: float = 1.0) -> LossOutput:
    r"""Huber: t = \tfrac12 e^2 if |e| \le \delta else \delta |e| - \tfrac12\delta^2, e = \hat y - y."""
    delta_t = rec.dtype.type(delta)
    error = y_pred - y_true
    abs_error = np.abs(error)
    i = first_index(error)
    rec.step("error", "step.error", r"e = \hat{y} - y", error,
             example=formula("@0 - @s1 = @2", y_pred[i], y_true[i], error[i]))
    quadratic = abs_error <= delta_t
    half = rec.dtype.type(0.5)
    terms = np.where(quadratic, half * np.square(error), delta_t * abs_error - half * np.square(delta_t))
    example = (formula(r"\tfrac12 \cdot @s0^2 = @1", error[i], terms[i]) if quadratic[i]
               else formula(r"@0 \cdot @1 - \tfrac12 \cdot @2^2 = @3", delta, abs_error[i], delta, terms[i]))
    rec.step("term", msg("step.huber.term", delta=delta),
             formula(r"t = \begin{cases} \tfrac12 e^2 & |e| \le \delta \\ \delta |e| - \tfrac12 \delta^2 & @0 \end{cases}",
                     Word("latex.otherwise")),
             terms, changed=~quadratic, example=example)
    if (~quadratic).any():
        rec.note("note.huber_linear", count=int((~quadratic).sum()), delta=delta)

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        local = np.where(quadratic, error, delta_t * np.sign(error))
        if (~quadratic).any():
            grad_rec.note("note.grad.huber_capped", count=int((~quadratic).sum()), delta=delta)
        example = (formula(r"@0", error[i]) if quadratic[i]
                   else formula(r"@0 \cdot \operatorname{sign}(@1) = @2", delta, error[i], local[i]))
        return chain(grad_rec, upstream, local,
                     formula(r"\frac{\partial t}{\partial \hat{y}} = \begin{cases} e & |e| \le \delta \\ \delta \operatorname{sign}(e) & @0 \end{cases}",
                             Word("latex.otherwise")), example)

    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms, backward=backward)


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
        return torch_chain(grad_rec, upstream, local,
                           formula(r"\frac{\partial \ell}{\partial x} = \begin{cases} x - y & z < \delta \\ \delta \operatorname{sign}(x - y) & @0 \end{cases}",
                                   Word("latex.otherwise")), example)
    return elementwise_output(terms, arithmetic, backward)


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
        return elementwise_output(z, lambda j: text_formula("|@0 - @s1| = @2", y_pred[j], y_true[j], z[j]),
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
        return torch_chain(grad_rec, upstream, local,
                           formula(r"\frac{\partial \ell}{\partial x} = \begin{cases} (x - y) / \beta & z < \beta \\ \operatorname{sign}(x - y) & @0 \end{cases}",
                                   Word("latex.otherwise")), example)
    return elementwise_output(terms, arithmetic, backward)


def log_cosh(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Log-cosh: t = \log\cosh(\hat y - y), computed as x + softplus(-2x) - log 2."""
    error = y_pred - y_true
    i = first_index(error)
    rec.step("error", "step.error", r"x = \hat{y} - y", error,
             example=formula("@0 - @s1 = @2", y_pred[i], y_true[i], error[i]))
    # log(cosh x) = x + log(1 + e^{-2x}) - log 2 never overflows, unlike cosh itself.
    log2 = rec.dtype.type(np.log(2.0))
    terms = error + np.logaddexp(error * -2.0, 0).astype(rec.dtype) - log2
    rec.step("term", "step.log_cosh.term", r"t = \log\cosh x = x + \log(1 + e^{-2x}) - \log 2",
             terms, example=formula(r"\log\cosh(@0) = @1", error[i], terms[i]))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # d/dx [x + softplus(-2x)] = 1 - 2 sigmoid(-2x) = tanh x, computed the way it is derived.
        local = (1.0 - 2.0 / (1.0 + np.exp(2.0 * error))).astype(rec.dtype)
        return chain(grad_rec, upstream, local, r"\frac{\partial t}{\partial \hat{y}} = \tanh x",
                     formula(r"\tanh(@0) = @1", error[i], local[i]))

    return LossOutput(kops.mean(terms, axis=-1, rec=rec), terms, backward=backward)
