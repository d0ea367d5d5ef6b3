"""Regression losses: the error between real-valued targets and predictions, averaged per sample.

Each follows ``keras/src/losses/losses.py``: an element-wise term, then ``mean`` over the last
axis.
"""

from __future__ import annotations

import numpy as np

from losses import kops

from losses.trace import LossOutput, Recorder, first_index

EPSILON = 1e-7
"""Keras' ``backend.epsilon()``."""


def mean_squared_error(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Mean squared error: t = (y - \hat y)^2, averaged over the last axis."""
    diff = y_true - y_pred
    i = first_index(diff)
    rec.step("difference", "Difference y_true - y_pred", r"d = y - \hat{y}", diff,
             example=f"{rec.f(y_true[i])} - {rec.s(y_pred[i])} = {rec.f(diff[i])}")
    terms = np.square(diff)
    rec.step("term", "Square each difference", r"t = d^2", terms,
             example=f"{rec.s(diff[i])}^2 = {rec.f(terms[i])}")
    return LossOutput(kops.mean(terms, axis=-1), terms)


def mean_absolute_error(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Mean absolute error: t = |y - \hat y|, averaged over the last axis."""
    diff = y_true - y_pred
    i = first_index(diff)
    rec.step("difference", "Difference y_true - y_pred", r"d = y - \hat{y}", diff,
             example=f"{rec.f(y_true[i])} - {rec.s(y_pred[i])} = {rec.f(diff[i])}")
    terms = np.abs(diff)
    rec.step("term", "Absolute value of each difference", r"t = |d|", terms,
             example=f"|{rec.f(diff[i])}| = {rec.f(terms[i])}")
    return LossOutput(kops.mean(terms, axis=-1), terms)


def mean_absolute_percentage_error(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""MAPE: t = |y - \hat y| / max(|y|, eps), mean over the last axis, times 100."""
    eps = rec.dtype.type(EPSILON)
    scale = np.maximum(np.abs(y_true), eps)
    clamped = np.abs(y_true) < eps
    i = first_index(scale)
    rec.step("denominator", "Denominator |y_true|, at least 1e-7",
             r"s = \max(|y|, 10^{-7})", scale, changed=clamped,
             example=f"\\max(|{rec.f(y_true[i])}|, 10^{{-7}}) = {rec.f(scale[i])}")
    if clamped.any():
        rec.note("note.mape_zero_target",
                 f"{int(clamped.sum())} target(s) are 0 (or nearly): Keras divides by 1e-7 there, "
                 "so those terms are huge.", level="warning", count=int(clamped.sum()))
    ratio = np.abs((y_true - y_pred) / scale)
    rec.step("ratio", "Relative error", r"r = \frac{|y - \hat{y}|}{s}", ratio,
             example=f"|{rec.f(y_true[i])} - {rec.s(y_pred[i])}| / {rec.f(scale[i])} = {rec.f(ratio[i])}")
    # Keras multiplies the mean by 100; the terms shown are already in percent so that they
    # average to the per-sample value.
    terms = 100.0 * ratio
    rec.step("term", "In percent", r"t = 100\, r", terms,
             example=f"100 \\times {rec.f(ratio[i])} = {rec.f(terms[i])}")
    return LossOutput(100.0 * kops.mean(ratio, axis=-1), terms)


def mean_squared_logarithmic_error(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""MSLE: t = (\log(\max(\hat y, eps) + 1) - \log(\max(y, eps) + 1))^2, mean over the last axis."""
    eps = rec.dtype.type(EPSILON)
    pred_c = np.maximum(y_pred, eps)
    true_c = np.maximum(y_true, eps)
    clamped = (y_pred < eps) | (y_true < eps)
    if np.any(y_pred < 0) or np.any(y_true < 0):
        rec.note("note.msle_negative",
                 "Negative values are raised to 1e-7 before the logarithm, so MSLE treats every "
                 "negative number as 0.", level="warning")
    first_log = np.log(pred_c + 1.0)
    second_log = np.log(true_c + 1.0)
    i = first_index(first_log)
    rec.step("log_pred", "log(max(y_pred, 1e-7) + 1)", r"a = \log(\max(\hat{y}, 10^{-7}) + 1)",
             first_log, changed=y_pred < eps,
             example=f"\\log({rec.f(pred_c[i])} + 1) = {rec.f(first_log[i])}")
    rec.step("log_true", "log(max(y_true, 1e-7) + 1)", r"b = \log(\max(y, 10^{-7}) + 1)",
             second_log, changed=y_true < eps,
             example=f"\\log({rec.f(true_c[i])} + 1) = {rec.f(second_log[i])}")
    terms = np.square(first_log - second_log)
    rec.step("term", "Squared log difference", r"t = (a - b)^2", terms,
             example=f"({rec.f(first_log[i])} - {rec.s(second_log[i])})^2 = {rec.f(terms[i])}")
    del clamped
    return LossOutput(kops.mean(terms, axis=-1), terms)


def huber(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, delta: float = 1.0) -> LossOutput:
    r"""Huber: t = \tfrac12 e^2 if |e| \le \delta else \delta |e| - \tfrac12\delta^2, e = \hat y - y."""
    delta_t = rec.dtype.type(delta)
    error = y_pred - y_true
    abs_error = np.abs(error)
    i = first_index(error)
    rec.step("error", "Error y_pred - y_true", r"e = \hat{y} - y", error,
             example=f"{rec.f(y_pred[i])} - {rec.s(y_true[i])} = {rec.f(error[i])}")
    quadratic = abs_error <= delta_t
    half = rec.dtype.type(0.5)
    terms = np.where(quadratic, half * np.square(error), delta_t * abs_error - half * np.square(delta_t))
    branch = (f"\\tfrac12 ({rec.f(error[i])})^2" if quadratic[i]
              else f"{rec.f(delta)} \\cdot {rec.f(abs_error[i])} - \\tfrac12 \\cdot {rec.f(delta)}^2")
    rec.step("term", f"Quadratic inside |e| <= {rec.f(delta)}, linear outside",
             r"t = \begin{cases} \tfrac12 e^2 & |e| \le \delta \\ \delta |e| - \tfrac12 \delta^2 & \text{otherwise} \end{cases}",
             terms, changed=~quadratic, example=f"{branch} = {rec.f(terms[i])}", delta=delta)
    if (~quadratic).any():
        rec.note("note.huber_linear",
                 f"{int((~quadratic).sum())} element(s) have |error| > delta = {rec.f(delta)} and use "
                 "the linear branch: large errors grow linearly, not quadratically.",
                 count=int((~quadratic).sum()), delta=rec.f(delta))
    return LossOutput(kops.mean(terms, axis=-1), terms)


def log_cosh(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Log-cosh: t = \log\cosh(\hat y - y), computed as x + softplus(-2x) - log 2."""
    error = y_pred - y_true
    i = first_index(error)
    rec.step("error", "Error y_pred - y_true", r"x = \hat{y} - y", error,
             example=f"{rec.f(y_pred[i])} - {rec.s(y_true[i])} = {rec.f(error[i])}")
    # log(cosh x) = x + log(1 + e^{-2x}) - log 2 never overflows, unlike cosh itself.
    log2 = rec.dtype.type(np.log(2.0))
    terms = error + np.logaddexp(error * -2.0, 0).astype(rec.dtype) - log2
    rec.step("term", "log(cosh(x)), computed stably", r"t = \log\cosh x = x + \log(1 + e^{-2x}) - \log 2",
             terms, example=f"\\log\\cosh({rec.f(error[i])}) = {rec.f(terms[i])}")
    return LossOutput(kops.mean(terms, axis=-1), terms)
