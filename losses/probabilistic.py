"""Probabilistic losses: cross-entropies, focal losses, generalized cross-entropy, KL, Poisson.

Each follows ``keras/src/losses/losses.py`` and the jax backend ops it calls
(``keras/src/backend/jax/nn.py``: ``binary_crossentropy``, ``categorical_crossentropy``,
``sparse_categorical_crossentropy``), one operation at a time in the loss dtype, so that every
rounding happens where Keras rounds: clipping to [1e-7, 1 - 1e-7], the renormalisation
``p / sum(p)``, log-sigmoid and log-softmax for logits, one-hot labels and ignore_class masks.

Beside them stand their PyTorch relatives, as torch's CPU kernels compute them
(``aten/src/ATen/native/Loss.cpp``, ``LossNLL.cpp``): BCELoss and BCEWithLogitsLoss after the
binary losses, CrossEntropyLoss and NLLLoss after the categorical ones (classes on axis 1),
KLDivLoss and PoissonNLLLoss after KL divergence and Poisson. BCELoss clamps each log at -100
instead of clipping probabilities; KLDivLoss and NLLLoss take log-probabilities, PoissonNLLLoss
a log-rate.
"""

from __future__ import annotations

import numpy as np

from losses import kops
from losses.errors import LossInputError, shape_error
from losses.gradient import GRADIENT_STEP, chain, clip_slope, torch_chain
from losses.messages import Formula, Terms, Word, formula, msg, text_formula
from losses.trace import LossOutput, Recorder, elementwise_output, first_index

EPSILON = 1e-7
"""Keras' ``backend.epsilon()``."""

ROW_SUM_TOLERANCE = 8
"""Rows within this many float epsilons of 1 count as summing to 1 (0.1 + 0.8 + 0.1 does not
give exactly 1 in float32)."""


LOG_CLAMP = -100.0
"""BCELoss clamps each log at -100 (``std::max(std::log(x), -100)`` in ``Loss.cpp``)."""

BCE_GRAD_EPSILON = 1e-12
"""BCELoss' backward divides by ``max(x (1 - x), EPSILON)`` with ``EPSILON = 1e-12`` (``Loss.cpp``)."""


# ------------------------------------------------------------------------------------ helpers


def _sum(x: np.ndarray, axis: int, keepdims: bool = False) -> np.ndarray:
    """``jnp.sum`` along ``axis`` in the order XLA:CPU adds a short row.

    Up to 32 values are added left to right; a longer row is split into two halves (the first
    one the longer), each summed the same way, and the halves added. That is what jax 0.10 on
    CPU does for the small arrays a learner types (checked for rows of up to 64 values). numpy
    instead keeps eight partial sums from the ninth value on. One unit in the last place of a
    row sum changes ``-log(p / sum)`` by 1e-6 relative for p near 1, so the order matters.
    """
    moved = np.moveaxis(np.asarray(x), axis, -1)
    total = _sum_last(moved)
    return np.expand_dims(total, axis) if keepdims else total


def _sum_last(x: np.ndarray) -> np.ndarray:
    return kops._sum_last(x)


def _mean(x: np.ndarray, axis: int) -> np.ndarray:
    """``keras.ops.mean``: the sum times the float32 reciprocal of the count, in float32.

    Keras averages at ``result_type(dtype, "float32")``, which its type lattice makes float32
    even for float64 losses (keras/src/backend/jax/numpy.py, ``mean``; see also losses.kops),
    and XLA turns the division by the constant count into a multiplication by its reciprocal.
    """
    wide = x.dtype
    x32 = _flush(np.asarray(x, dtype=np.float32))
    count = x32.shape[axis] if x32.ndim else 1
    reciprocal = np.float32(1) / np.float32(count)
    return (_sum(x32, axis) * reciprocal).astype(wide)


def _flush(x: np.ndarray) -> np.ndarray:
    """Subnormal numbers become 0, as on XLA:CPU (flush-to-zero): e^{-100} is 0 in Keras' float32.

    Applied where they arise: after exp, log-sigmoid and powers, and before averaging.
    """
    return kops.flush_subnormal(x)


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator`` where the denominator is broadcast (a row sum, a scalar).

    XLA rewrites a division by a broadcast value into a multiplication by its reciprocal,
    which can round differently in the last place; Keras' numbers carry that rounding.
    """
    denominator = np.asarray(denominator, dtype=numerator.dtype)
    return numerator * (numerator.dtype.type(1) / denominator)


def _class_example(target: np.ndarray, axis: int) -> tuple[int, ...]:
    """The element a categorical worked example uses: the first sample's true class."""
    index = [0] * target.ndim
    row = np.moveaxis(target, axis, -1)[(0,) * (target.ndim - 1)]
    nonzero = np.flatnonzero(row)
    index[axis] = int(nonzero[0]) if nonzero.size else 0
    return tuple(index)


def _row_of(index: tuple[int, ...], axis: int) -> tuple[int, ...]:
    """Where the row holding ``index`` sits in an array reduced along ``axis`` with keepdims."""
    row = list(index)
    row[axis] = 0
    return tuple(row)


def _clip(rec: Recorder, values: np.ndarray, high: float, *, key: str = "clip",
          title: str = "step.probabilistic.clip", symbol: str = r"\hat{y}", result: str = "p") -> np.ndarray:
    """``clip(values, 1e-7, high)`` with the step that shows which elements moved."""
    low_t, high_t = rec.dtype.type(EPSILON), rec.dtype.type(high)
    clipped = np.clip(values, low_t, high_t)
    changed = _moved(values, clipped)
    upper = "1" if high == 1 else "1 - 10^{-7}"
    # argmax stops at the first True: the first clipped element, without listing them all.
    i = (tuple(int(v) for v in np.unravel_index(np.argmax(changed), changed.shape))
         if changed.any() else first_index(values))
    rec.step(key, title, rf"{result} = \operatorname{{clip}}({symbol},\ 10^{{-7}},\ {upper})", clipped,
             changed=changed,
             example=(formula(r"\operatorname{clip}(@0) = @1", values[i], clipped[i])
                      if values.size else None))
    return clipped


def _moved(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Elements an operation changed; a NaN that stays NaN did not change."""
    changed = after != before
    # NaN != NaN: only when something looks changed can a NaN be among them (one pass otherwise).
    if changed.any() and np.isnan(after).any():
        changed &= ~(np.isnan(after) & np.isnan(before))
    return changed


def _note_clipped(rec: Recorder, values: np.ndarray, clipped: np.ndarray, *, binary: bool) -> None:
    count = int(_moved(values, clipped).sum())
    if not count:
        return
    low = rec.dtype.type(EPSILON)
    high = rec.dtype.type(1.0 - EPSILON)
    # The catalog writes the bound with 8 digits ({high:.8g}): 0.99999988 in float32 shows the
    # rounding that 4 digits would hide.
    rec.note("note.clipped", count=count, high=float(high), cost_low=float(-np.log(low)),
             cost_high=float(-np.log(rec.dtype.type(1) - high)), binary=binary,
             dtype=rec.dtype.name)


def _sigmoid(rec: Recorder, logits: np.ndarray) -> np.ndarray:
    # jax.nn.sigmoid lowers to 1 / (1 + exp(-z)); it rounds to exactly 0 or 1 for large |z|.
    one = rec.dtype.type(1)
    probs = one / (one + _flush(np.exp(-logits)))
    i = first_index(logits)
    rec.step("sigmoid", "step.probabilistic.sigmoid",
             r"p = \sigma(z) = \frac{1}{1 + e^{-z}}", probs,
             example=(formula(r"\frac{1}{1 + e^{-@s0}} = @1", logits[i], probs[i])
                      if logits.size else None))
    return probs


def _softmax(rec: Recorder, logits: np.ndarray, axis: int, index: tuple[int, ...]) -> np.ndarray:
    """``jax.nn.softmax``: exp(z - max z) / sum exp(z - max z) along the class axis."""
    top = np.max(logits, axis=axis, keepdims=True, initial=-np.inf)
    exps = _flush(np.exp(logits - top))
    sums = _sum(exps, axis, keepdims=True)
    probs = _divide(exps, sums)
    row = _row_of(index, axis)
    rec.step("softmax", "step.probabilistic.softmax",
             r"p_j = \frac{e^{z_j - \max_k z_k}}{\sum_k e^{z_k - \max_k z_k}}", probs,
             example=(formula(r"\frac{e^{@0 - @s1}}{@2} = @3", logits[index], top[row], sums[row],
                              probs[index]) if logits.size else None))
    return probs


def _log_softmax(rec: Recorder, logits: np.ndarray, axis: int, index: tuple[int, ...]) -> np.ndarray:
    """``jax.nn.log_softmax``, the stable form Keras' jax backend uses for logits.

    The softmax step only shows the probabilities; the loss never takes their log.
    """
    _softmax(rec, logits, axis, index)
    # log softmax(z)_j = (z_j - max z) - log sum_k exp(z_k - max z): no exp ever overflows.
    top = np.max(logits, axis=axis, keepdims=True, initial=-np.inf)
    shifted = logits - top
    log_sum = np.log(_sum(_flush(np.exp(shifted)), axis, keepdims=True))
    log_probs = shifted - log_sum
    row = _row_of(index, axis)
    rec.step("log_p", "step.probabilistic.log_softmax",
             r"\log p_j = (z_j - \max_k z_k) - \log \sum_k e^{z_k - \max_k z_k}", log_probs,
             example=(formula("(@0 - @s1) - @s2 = @3", logits[index], top[row], log_sum[row],
                              log_probs[index]) if logits.size else None))
    return log_probs


def _renormalise(rec: Recorder, y_pred: np.ndarray, axis: int, ignored: np.ndarray | None = None) -> np.ndarray:
    """``output / sum(output, axis)``: Keras makes every row of probabilities sum to 1."""
    sums = _sum(y_pred, axis, keepdims=True)
    probs = _divide(y_pred, sums)
    tolerance = ROW_SUM_TOLERANCE * np.finfo(rec.dtype).eps
    off = np.abs(sums - 1) > tolerance
    if ignored is not None:
        off &= ~np.expand_dims(ignored, axis)
    i = first_index(y_pred)
    row = _row_of(i, axis)
    rec.step("renormalise", "step.probabilistic.renormalise",
             r"p_j = \frac{\hat{y}_j}{\sum_k \hat{y}_k}",
             probs, changed=np.broadcast_to(off, probs.shape) & (probs != y_pred),
             example=(formula("@0 / @s1 = @2", y_pred[i], sums[row], probs[i])
                      if y_pred.size else None))
    if off.any():
        bad = sums[off]
        rec.note("note.renormalised", count=int(bad.size), sums=bad)
    if np.any((sums == 0) & off):
        rec.note("note.zero_row_sum", level="warning")
    return probs


def _log(rec: Recorder, probs: np.ndarray, index: tuple[int, ...]) -> np.ndarray:
    log_probs = np.log(probs)
    rec.step("log_p", "step.probabilistic.log_p", r"\log p_j", log_probs,
             example=(formula(r"\log @0 = @1", probs[index], log_probs[index]) if probs.size else None))
    return log_probs


def _warn_single_class(rec: Recorder, y_pred: np.ndarray, name: str) -> None:
    if y_pred.ndim and y_pred.shape[-1] == 1:
        rec.note("note.single_class", level="warning", cap=float(rec.dtype.type(1.0 - EPSILON)),
                 name=name)


def _smooth_binary(rec: Recorder, y_true: np.ndarray, label_smoothing: float) -> np.ndarray:
    """Keras: ``y * (1 - ls) + 0.5 * ls``, only when ``ls`` is not 0."""
    if not label_smoothing:
        return y_true
    smoothed = y_true * rec.dtype.type(1.0 - label_smoothing) + rec.dtype.type(0.5 * label_smoothing)
    i = first_index(y_true)
    rec.step("label_smoothing",
             msg("step.probabilistic.label_smoothing", kind="binary", label_smoothing=label_smoothing),
             r"y' = y\,(1 - \epsilon_{ls}) + \tfrac12 \epsilon_{ls}", smoothed,
             changed=smoothed != y_true,
             example=(formula(r"@0 \cdot (1 - @1) + \tfrac12 \cdot @2 = @3", y_true[i],
                              label_smoothing, label_smoothing, smoothed[i])
                      if y_true.size else None))
    return smoothed


def _smooth_categorical(rec: Recorder, y_true: np.ndarray, label_smoothing: float, axis: int) -> np.ndarray:
    """Keras: ``y * (1 - ls) + ls / C`` with C the size of the LAST axis, whatever ``axis`` is."""
    if not label_smoothing:
        return y_true
    classes = y_true.shape[-1] if y_true.ndim else 1
    share = rec.dtype.type(label_smoothing) / rec.dtype.type(classes)
    smoothed = y_true * rec.dtype.type(1.0 - label_smoothing) + share
    i = first_index(y_true)
    rec.step("label_smoothing",
             msg("step.probabilistic.label_smoothing", kind="categorical",
                 label_smoothing=label_smoothing, classes=classes),
             r"y'_j = y_j\,(1 - \epsilon_{ls}) + \frac{\epsilon_{ls}}{C}", smoothed,
             changed=smoothed != y_true,
             example=(formula(r"@0 \cdot (1 - @1) + \frac{@2}{@3} = @4", y_true[i], label_smoothing,
                              label_smoothing, classes, smoothed[i])
                      if y_true.size else None))
    if y_true.ndim and axis % y_true.ndim != y_true.ndim - 1 and y_true.shape[axis] != classes:
        rec.note("note.smoothing_last_axis", level="warning", classes=classes, axis=axis,
                 axis_size=int(y_true.shape[axis]))
    return smoothed


def _one_hot(rec: Recorder, labels: np.ndarray, classes: int, axis: int) -> np.ndarray:
    """``jax.nn.one_hot(int32(labels), classes, axis=axis)``, with its step."""
    indices = labels.astype(np.int32)
    hot = (indices[..., None] == np.arange(classes)).astype(rec.dtype)
    hot = np.moveaxis(hot, -1, axis)
    if labels.size:
        label = int(indices.ravel()[0])
        row = np.moveaxis(hot, axis, -1)[(0,) * indices.ndim]
        shown = Terms(tuple(float(v) for v in row[:8]), joiner=",")
        example = formula(r"y = @0 \to [@1, \ldots]" if row.size > 8 else r"y = @0 \to [@1]",
                          label, shown)
    else:
        example = None
    rec.step("one_hot", "step.probabilistic.one_hot", r"y_j = [j = y]", hot, example=example)
    return hot


def _negate(x: np.ndarray) -> np.ndarray:
    """``-x``, written ``0 - x`` so that a term of zero reads 0 rather than -0."""
    return x.dtype.type(0) - x


# ------------------------------------------------------------------- backward helpers
#
# Each undoes one forward step, in reverse order, and records dL/d(its input). The last one a
# loss calls records the GRADIENT_STEP.


def _back_clip(grad_rec: Recorder, upstream: np.ndarray, values: np.ndarray, high: float,
               *, key: str = GRADIENT_STEP, symbol: str = r"\hat{y}", true_class: np.ndarray | None = None) -> np.ndarray:
    """Through ``clip(values, 1e-7, high)``: a clipped element passes no gradient (half on a bound)."""
    slope = clip_slope(values, EPSILON, high, grad_rec.dtype)
    grad = (upstream * slope).astype(grad_rec.dtype)
    blocked = slope < 1
    upper = "1" if high == 1 else "1 - 10^{-7}"
    i = (tuple(int(v) for v in np.unravel_index(np.argmax(blocked), blocked.shape))
         if blocked.any() else first_index(values))
    grad_rec.step(key, "grad.step.clip",
                  rf"\frac{{\partial L}}{{\partial {symbol}}} = \frac{{\partial L}}{{\partial p}} \cdot "
                  rf"[10^{{-7}} < {symbol} < {upper}]",
                  grad, changed=blocked,
                  example=(formula(r"@0 \cdot @1 = @2", float(upstream[i]), float(slope[i]), float(grad[i]))
                           if values.size else None))
    if blocked.any():
        count = int(blocked.sum())
        starved = int(np.sum(blocked & (values <= EPSILON) & true_class)) if true_class is not None else 0
        grad_rec.note("note.grad.clipped", count=count, high=float(grad_rec.dtype.type(high)))
        if starved:
            grad_rec.note("note.grad.true_class_clipped", level="warning", count=starved)
    return grad


def _back_renormalise(grad_rec: Recorder, upstream: np.ndarray, y_pred: np.ndarray, axis: int,
                      *, key: str = GRADIENT_STEP, probs: np.ndarray | None = None) -> np.ndarray:
    """Through ``p = y_pred / sum(y_pred)``: dL/dy_m = (dL/dp_m - sum_k dL/dp_k p_k) / S."""
    sums = _sum(y_pred, axis, keepdims=True)
    if probs is None:
        probs = _divide(y_pred, sums)
    shared = _sum(upstream * probs, axis, keepdims=True)
    grad = ((upstream - shared) / sums).astype(grad_rec.dtype)
    i = first_index(y_pred)
    row = _row_of(i, axis)
    grad_rec.step(key, "grad.step.renormalise",
                  r"\frac{\partial L}{\partial \hat{y}_j} = \frac{1}{S}\Big(\frac{\partial L}{\partial p_j}"
                  r" - \sum_k \frac{\partial L}{\partial p_k}\, p_k\Big),\quad S = \sum_k \hat{y}_k",
                  grad,
                  example=(formula(r"(@0 - @s1) / @2 = @3", float(upstream[i]), float(shared[row]),
                                   float(sums[row]), float(grad[i])) if y_pred.size else None))
    if y_pred.size and y_pred.shape[axis] > 1:
        grad_rec.note("note.grad.renormalise_couples")
    return grad


def _softmax_probs(logits: np.ndarray, axis: int) -> np.ndarray:
    """softmax(z) as the forward pass computes it, without a step."""
    top = np.max(logits, axis=axis, keepdims=True, initial=-np.inf)
    exps = _flush(np.exp(logits - top))
    return _divide(exps, _sum(exps, axis, keepdims=True))


def _back_softmax(grad_rec: Recorder, upstream: np.ndarray, logits: np.ndarray, axis: int,
                  *, key: str = GRADIENT_STEP) -> np.ndarray:
    """Through ``p = softmax(z)``: dL/dz_j = p_j (dL/dp_j - sum_k dL/dp_k p_k)."""
    probs = _softmax_probs(logits, axis)
    shared = _sum(upstream * probs, axis, keepdims=True)
    grad = (probs * (upstream - shared)).astype(grad_rec.dtype)
    i = first_index(logits)
    grad_rec.step(key, "grad.step.softmax",
                  r"\frac{\partial L}{\partial z_j} = p_j\Big(\frac{\partial L}{\partial p_j}"
                  r" - \sum_k \frac{\partial L}{\partial p_k}\, p_k\Big)",
                  grad,
                  example=(formula(r"@0 \cdot (@1 - @s2) = @3", float(probs[i]), float(upstream[i]),
                                   float(shared[_row_of(i, axis)]), float(grad[i])) if logits.size else None))
    return grad


def _back_log_softmax(grad_rec: Recorder, upstream: np.ndarray, target: np.ndarray, logits: np.ndarray,
                      axis: int, index: tuple[int, ...], *, key: str = GRADIENT_STEP) -> np.ndarray:
    """Cross-entropy through log-softmax: dL/dz_j = p_j sum_k g_k y_k - g_j y_j, i.e. g (p - y)."""
    probs = _softmax_probs(logits, axis)
    weighted = upstream * target
    grad = (probs * _sum(weighted, axis, keepdims=True) - weighted).astype(grad_rec.dtype)
    row = _row_of(index, axis)
    mass = _sum(target, axis, keepdims=True)
    grad_rec.step(key, "grad.step.log_softmax",
                  r"\frac{\partial L}{\partial z_j} = \frac{\partial L}{\partial \ell_i}\,"
                  r"\big(p_j \textstyle\sum_k y_k - y_j\big)",
                  grad,
                  example=(formula(r"@0 \cdot (@1 \cdot @2 - @3) = @4", float(upstream[index]),
                                   float(probs[index]), float(mass[row]), float(target[index]),
                                   float(grad[index])) if logits.size else None))
    if logits.size:
        grad_rec.note("note.grad.softmax_minus_target")
    return grad

# -------------------------------------------------------------------------- binary losses


def binary_crossentropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                        from_logits: bool = False, label_smoothing: float = 0.0,
                        axis: int = -1) -> LossOutput:
    r"""Binary cross-entropy: t = -(y \log p + (1 - y) \log(1 - p)), mean over ``axis``.

    Probabilities are clipped to [1e-7, 1 - 1e-7] first; with ``from_logits`` the logs come from
    log-sigmoid and nothing is clipped.
    """
    target = _smooth_binary(rec, y_true, label_smoothing)
    one = rec.dtype.type(1)
    i = first_index(y_pred)
    show = y_pred.size > 0
    if from_logits:
        _sigmoid(rec, y_pred)
        # log sigma(z) = -log(1 + e^{-z}) = -softplus(-z) and log(1 - sigma(z)) = log sigma(-z):
        # Keras' jax backend (jax.nn.log_sigmoid) never rounds sigma(z) to 0 or 1 first.
        zero = rec.dtype.type(0)
        log_p = _flush(-np.logaddexp(-y_pred, zero))
        log_q = _flush(-np.logaddexp(y_pred, zero))
        rec.step("log_p", msg("step.bce.log_p", from_logits=True),
                 r"\log p = \log\sigma(z) = -\log(1 + e^{-z})", log_p,
                 example=(formula(r"-\log(1 + e^{-@s0}) = @1", y_pred[i], log_p[i]) if show else None))
        rec.step("log_one_minus_p", msg("step.bce.log_one_minus_p", from_logits=True),
                 r"\log(1 - p) = \log\sigma(-z) = -\log(1 + e^{z})", log_q,
                 example=(formula(r"-\log(1 + e^{@0}) = @1", y_pred[i], log_q[i]) if show else None))
        terms = -target * log_p - (one - target) * log_q
    else:
        probs = _clip(rec, y_pred, 1.0 - EPSILON)
        _note_clipped(rec, y_pred, probs, binary=True)
        log_p = np.log(probs)
        log_q = np.log(one - probs)
        rec.step("log_p", msg("step.bce.log_p", from_logits=False), r"\log p", log_p,
                 example=(formula(r"\log @0 = @1", probs[i], log_p[i]) if show else None))
        rec.step("log_one_minus_p", msg("step.bce.log_one_minus_p", from_logits=False),
                 r"\log(1 - p)", log_q,
                 example=(formula(r"\log(1 - @s0) = @1", probs[i], log_q[i]) if show else None))
        terms = -(target * log_p + (one - target) * log_q)
    rec.step("term", "step.bce.term", r"t = -\big(y \log p + (1 - y)\log(1 - p)\big)",
             terms,
             example=(formula(r"-(@0 \cdot @s1 + (1 - @s2) \cdot @s3) = @4", target[i], log_p[i],
                              target[i], log_q[i], terms[i]) if show else None))
    if from_logits:
        _note_numpy_backend(rec, target, y_pred, terms)

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        if from_logits:
            # d/dz [-y log sigma(z) - (1 - y) log sigma(-z)] = sigma(z) - y
            sigma = one / (one + _flush(np.exp(-y_pred)))
            local = sigma - target
            if y_pred.size:
                grad_rec.note("note.grad.sigmoid_minus_target")
            return chain(grad_rec, upstream, local, r"\frac{\partial t}{\partial z} = \sigma(z) - y",
                         formula("@0 - @s1 = @2", sigma[i], target[i], local[i]) if show else None,
                         title="grad.step.sigmoid_minus_target", symbol="t")
        by_prob = (upstream * (_negate(target) / probs + (one - target) / (one - probs))).astype(grad_rec.dtype)
        grad_rec.step("grad.prob", "grad.step.bce.log_p",
                      r"\frac{\partial L}{\partial p} = \frac{\partial L}{\partial t} \cdot "
                      r"\Big(-\frac{y}{p} + \frac{1 - y}{1 - p}\Big)", by_prob,
                      example=(formula(r"@0 \cdot (-@1 / @2 + (1 - @s3) / (1 - @s4)) = @5", float(upstream[i]),
                                       target[i], probs[i], target[i], probs[i], float(by_prob[i]))
                               if show else None))
        return _back_clip(grad_rec, by_prob, y_pred, 1.0 - EPSILON, true_class=target > 0.5)

    return LossOutput(_mean(terms, axis), terms, axis=axis, backward=backward)


def _note_numpy_backend(rec: Recorder, target: np.ndarray, logits: np.ndarray, terms: np.ndarray) -> None:
    """Keras' numpy backend takes sigmoid first and clips it, so large logits saturate there."""
    one = rec.dtype.type(1)
    probs = np.clip(one / (one + np.exp(-logits)), rec.dtype.type(EPSILON), rec.dtype.type(1.0 - EPSILON))
    naive = -(target * np.log(probs) + (one - target) * np.log(one - probs))
    differs = ~np.isclose(naive, terms, rtol=1e-3, atol=1e-3)
    if not differs.any():
        return
    k = tuple(int(v) for v in np.argwhere(differs)[0])
    rec.note("note.backend_logits", count=int(differs.sum()), logit=float(logits[k]),
             label=float(target[k]), value=float(terms[k]), numpy_value=float(naive[k]))


def binary_focal_crossentropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                              apply_class_balancing: bool = False, alpha: float = 0.25,
                              gamma: float = 2.0, from_logits: bool = False,
                              label_smoothing: float = 0.0, axis: int = -1) -> LossOutput:
    r"""Binary focal cross-entropy: t = [\alpha_t] (1 - p_t)^\gamma \cdot \text{bce}, mean over ``axis``.

    p_t = y p + (1 - y)(1 - p) uses the unclipped probability; the cross-entropy uses the
    clipped one. With ``from_logits`` Keras applies the sigmoid first (no log-sigmoid here).
    """
    target = _smooth_binary(rec, y_true, label_smoothing)
    one = rec.dtype.type(1)
    probs = _sigmoid(rec, y_pred) if from_logits else y_pred
    clipped = _clip(rec, probs, 1.0 - EPSILON, symbol="p" if from_logits else r"\hat{y}")
    _note_clipped(rec, probs, clipped, binary=True)
    if from_logits and _moved(probs, clipped).any():
        cap_low = -np.log(rec.dtype.type(EPSILON))
        cap_high = -np.log(one - rec.dtype.type(1.0 - EPSILON))
        rec.note("note.focal_sigmoid_first", level="warning", cap_label_1=float(cap_low),
                 cap_label_0=float(cap_high))
    i = first_index(y_pred)
    show = y_pred.size > 0
    bce = target * np.log(clipped)
    bce = bce + (one - target) * np.log(one - clipped)
    bce = -bce
    rec.step("bce", "step.binary_focal.bce",
             r"c = -\big(y \log p + (1 - y)\log(1 - p)\big)", bce,
             example=(formula(r"-(@0 \log @1 + (1 - @s2) \log(1 - @s3)) = @4", target[i], clipped[i],
                              target[i], clipped[i], bce[i]) if show else None))
    p_t = target * probs + (one - target) * (one - probs)
    rec.step("p_t", "step.binary_focal.p_t", r"p_t = y\,p + (1 - y)(1 - p)", p_t,
             example=(formula(r"@0 \cdot @s1 + (1 - @s2)(1 - @s3) = @4", target[i], probs[i],
                              target[i], probs[i], p_t[i]) if show else None))
    factor = _flush(np.power(one - p_t, rec.dtype.type(gamma)))
    rec.step("focal_factor", "step.binary_focal.focal_factor",
             r"f = (1 - p_t)^{\gamma}", factor,
             example=(formula("(1 - @s0)^{@1} = @2", p_t[i], gamma, factor[i]) if show else None))
    terms = factor * bce
    symbolic = r"t = f \cdot c"
    if apply_class_balancing:
        weight = target * rec.dtype.type(alpha) + (one - target) * rec.dtype.type(1.0 - alpha)
        rec.step("class_weight", "step.binary_focal.class_weight",
                 r"\alpha_t = y\,\alpha + (1 - y)(1 - \alpha)", weight,
                 example=(formula(r"@0 \cdot @1 + (1 - @s2)(1 - @3) = @4", target[i], alpha,
                                  target[i], alpha, weight[i]) if show else None))
        terms = weight * terms
        symbolic = r"t = \alpha_t \cdot f \cdot c"
        example = (formula(r"@0 \cdot @1 \cdot @2 = @3", weight[i], factor[i], bce[i], terms[i])
                   if show else None)
    else:
        example = formula(r"@0 \cdot @1 = @2", factor[i], bce[i], terms[i]) if show else None
    rec.step("term", "step.binary_focal.term", symbolic, terms, example=example)

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        dtype = grad_rec.dtype
        gamma_t = dtype.type(gamma)
        # f = (1 - p_t)^gamma with p_t from the unclipped p; c from the clipped one.
        d_factor = (gamma_t * np.power(one - p_t, gamma_t - one) * (one - 2 * target)
                    if gamma else np.zeros_like(p_t))
        d_cross = (_negate(target) / clipped + (one - target) / (one - clipped)) * clip_slope(
            probs, EPSILON, 1.0 - EPSILON, dtype)
        local = d_factor * bce + factor * d_cross
        balance = weight if apply_class_balancing else one
        local = balance * local
        symbolic = (r"\frac{\partial t}{\partial p} = \alpha_t\big(\gamma (1 - p_t)^{\gamma - 1}(1 - 2y)\, c"
                    r" + f \frac{\partial c}{\partial p}\big)") if apply_class_balancing else (
                    r"\frac{\partial t}{\partial p} = \gamma (1 - p_t)^{\gamma - 1}(1 - 2y)\, c"
                    r" + f \frac{\partial c}{\partial p}")
        if not from_logits:
            return chain(grad_rec, upstream, local, symbolic,
                         formula("@0", local[i]) if show else None, symbol="t")
        by_prob = (upstream * local).astype(dtype)
        grad_rec.step("grad.prob", "grad.step.local",
                      symbolic.replace(r"\frac{\partial t}{\partial p} = ",
                                       r"\frac{\partial L}{\partial p} = \frac{\partial L}{\partial t} \cdot "),
                      by_prob)
        # p = sigma(z): dp/dz = p (1 - p), with jax's sigmoid written as 1 / (1 + e^{-z}).
        slope = probs * (one - probs)
        grad = (by_prob * slope).astype(dtype)
        grad_rec.step(GRADIENT_STEP, "grad.step.sigmoid",
                      r"\frac{\partial L}{\partial z} = \frac{\partial L}{\partial p} \cdot p\,(1 - p)", grad,
                      example=(formula(r"@0 \cdot @1 \cdot (1 - @s2) = @3", float(by_prob[i]), probs[i], probs[i],
                                       float(grad[i])) if show else None))
        return grad

    return LossOutput(_mean(terms, axis), terms, axis=axis, backward=backward)


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
        return torch_chain(grad_rec, upstream, local, symbol, example)
    return elementwise_output(loss, arithmetic, backward)


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
        return torch_chain(grad_rec, upstream, local, symbol, example)

    return elementwise_output(loss, arithmetic, backward)


# --------------------------------------------------------------------- categorical losses


def _categorical_log_probs(rec: Recorder, y_pred: np.ndarray, axis: int, from_logits: bool,
                           index: tuple[int, ...], ignored: np.ndarray | None = None,
                           kept: dict | None = None) -> np.ndarray:
    """Keras' jax ``categorical_crossentropy`` up to ``log_prob``.

    ``kept`` receives the renormalised and clipped probabilities, for the backward pass.
    """
    if from_logits:
        return _log_softmax(rec, y_pred, axis, index)
    probs = _renormalise(rec, y_pred, axis, ignored)
    clipped = _clip(rec, probs, 1.0 - EPSILON, symbol="p")
    _note_clipped(rec, probs, clipped, binary=False)
    if kept is not None:
        kept.update(probs=probs, clipped=clipped)
    return _log(rec, clipped, index)


def _categorical_backward(rec: Recorder, y_pred: np.ndarray, target: np.ndarray, axis: int,
                          from_logits: bool, index: tuple[int, ...], *, key: str = GRADIENT_STEP,
                          kept: dict | None = None):
    """The backward pass of -sum(y log p): log-softmax's g (p - y), or through log, clip and sum.

    ``key`` names the last step it records (another step may follow, as ignore_class's mask does).
    """

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        if from_logits:
            return _back_log_softmax(grad_rec, upstream, target, y_pred, axis, index, key=key)
        if kept:  # the forward pass's own arrays
            probs, clipped = kept["probs"], kept["clipped"]
        else:
            probs = _divide(y_pred, _sum(y_pred, axis, keepdims=True))
            clipped = np.clip(probs, rec.dtype.type(EPSILON), rec.dtype.type(1.0 - EPSILON))
        by_prob = (upstream * (_negate(target) / clipped)).astype(grad_rec.dtype)
        grad_rec.step("grad.prob", "grad.step.log_p",
                      r"\frac{\partial L}{\partial p_j} = \frac{\partial L}{\partial t_j} \cdot \frac{-y_j}{p_j}",
                      by_prob,
                      example=(formula(r"@0 \cdot (-@1 / @2) = @3", float(upstream[index]), float(target[index]),
                                       float(clipped[index]), float(by_prob[index])) if y_pred.size else None))
        by_ratio = _back_clip(grad_rec, by_prob, probs, 1.0 - EPSILON, key="grad.clip", symbol="q",
                              true_class=target > 0)
        return _back_renormalise(grad_rec, by_ratio, y_pred, axis, key=key, probs=probs)

    return backward


def _categorical_terms(rec: Recorder, target: np.ndarray, log_probs: np.ndarray, axis: int,
                       index: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """``-sum(target * log_prob, axis)`` and its per-class terms ``-y_j log p_j``."""
    products = target * log_probs
    per_sample = _negate(_sum(products, axis))
    # The terms reuse the products' memory: one full-size array less per call at 10^6 samples.
    terms = np.subtract(products.dtype.type(0), products, out=products)
    rec.step("term", "step.cce.term",
             r"t_j = -y_j \log p_j", terms,
             example=(formula(r"-@0 \cdot @s1 = @2", target[index], log_probs[index], terms[index])
                      if target.size else None))
    return per_sample, terms


def categorical_crossentropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                             from_logits: bool = False, label_smoothing: float = 0.0,
                             axis: int = -1) -> LossOutput:
    r"""Categorical cross-entropy: t_j = -y_j \log p_j, summed over the class ``axis``.

    Probabilities are renormalised to sum to 1 along ``axis`` and clipped to [1e-7, 1 - 1e-7];
    with ``from_logits`` log p comes from log-softmax.
    """
    _warn_single_class(rec, y_pred, "categorical_crossentropy")
    _note_not_one_hot(rec, y_true, axis)
    target = _smooth_categorical(rec, y_true, label_smoothing, axis)
    index = _class_example(target, axis) if target.size else first_index(target)
    kept: dict = {}
    log_probs = _categorical_log_probs(rec, y_pred, axis, from_logits, index, kept=kept)
    per_sample, terms = _categorical_terms(rec, target, log_probs, axis, index)
    return LossOutput(per_sample, terms, aggregation="sum", axis=axis,
                      backward=_categorical_backward(rec, y_pred, target, axis, from_logits, index, kept=kept))


def _note_not_one_hot(rec: Recorder, y_true: np.ndarray, axis: int) -> None:
    """Keras computes -sum(y log p) whatever y is: a row with no true class costs 0, and a row
    summing to 2 counts twice. Neither is an error to Keras, so the trace says it."""
    if not y_true.size:
        return
    sums = np.sum(y_true, axis=axis)
    empty = int(np.sum(sums == 0))
    other = int(np.sum((sums != 0) & (np.abs(sums - 1) > 1e-6)))
    if empty:
        rec.note("note.cce_no_true_class", level="warning", count=empty)
    if other:
        rec.note("note.cce_not_one_hot", level="warning", count=other)


def sparse_categorical_crossentropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                                    from_logits: bool = False, ignore_class: int | None = None,
                                    axis: int = -1) -> LossOutput:
    r"""Sparse categorical cross-entropy: -\log p_y with the class y given as an index.

    With ``ignore_class``, Keras zeroes those rows of y_pred, sets their loss to 0 and masks them,
    so the mean reductions divide by the number of rows that are not ignored.
    """
    valid = None
    index_shape = tuple(np.delete(y_pred.shape, axis).tolist())
    if y_true.shape != index_shape:
        # Checked before anything lines the labels up with y_pred (ignore_class's mask does).
        raise shape_error(y_true, y_pred, "sparse_axis", axis=axis, index_shape=index_shape)
    if ignore_class is not None:
        valid = y_true != rec.dtype.type(ignore_class)
        y_true = np.where(valid, y_true, rec.dtype.type(0))
        expanded = np.expand_dims(valid, axis)
        zeroed = np.where(expanded, y_pred, rec.dtype.type(0))
        rec.step("ignore_class", msg("step.sparse_cce.ignore_class", ignore_class=ignore_class),
                 r"\hat{y}_i \leftarrow [y_i \ne c]\,\hat{y}_i", zeroed,
                 changed=np.broadcast_to(~expanded, y_pred.shape))
        y_pred = zeroed
    classes = y_pred.shape[axis]
    target = _one_hot(rec, y_true, classes, axis)
    if target.shape != y_pred.shape:
        raise shape_error(y_true, y_pred, "sparse_axis", axis=axis,
                          index_shape=tuple(np.delete(y_pred.shape, axis).tolist()))
    index = _class_example(target, axis) if target.size else first_index(target)
    kept: dict = {}
    log_probs = _categorical_log_probs(rec, y_pred, axis, from_logits, index,
                                       None if valid is None else ~valid, kept=kept)
    per_sample, terms = _categorical_terms(rec, target, log_probs, axis, index)
    if valid is None:
        return LossOutput(per_sample, terms, aggregation="sum", axis=axis,
                          backward=_categorical_backward(rec, y_pred, target, axis, from_logits, index,
                                                         kept=kept))
    unmasked = _categorical_backward(rec, y_pred, target, axis, from_logits, index, key="grad.probs",
                                     kept=kept)
    zero = rec.dtype.type(0)
    per_sample = np.where(valid, per_sample, zero)
    terms = np.where(np.expand_dims(valid, axis), terms, zero)
    ignored = int((~valid).sum())
    rec.step("ignore_class_loss", "step.sparse_cce.ignore_class_loss",
             r"\ell_i \leftarrow [y_i \ne c]\,\ell_i", per_sample, changed=~valid)
    rec.note("note.ignore_class", count=ignored, total=int(valid.size), ignore_class=ignore_class,
             kept=int(valid.size - ignored))

    def masked_backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # The ignored rows' predictions were replaced by 0 before anything else: they get none.
        keep = np.expand_dims(valid, axis)
        grad = unmasked(grad_rec, np.where(keep, upstream, zero))
        grad = np.where(keep, grad, zero)
        grad_rec.step(GRADIENT_STEP, "grad.step.ignore_class", r"\frac{\partial L}{\partial \hat{y}_i} \leftarrow [y_i \ne c]\,\frac{\partial L}{\partial \hat{y}_i}",
                      grad, changed=np.broadcast_to(~keep, grad.shape))
        return grad

    return LossOutput(per_sample, terms, aggregation="sum", axis=axis, mask=valid, backward=masked_backward)


def categorical_focal_crossentropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                                   alpha: float | tuple[float, ...] = 0.25,
                                   gamma: float | tuple[float, ...] = 2.0,
                                   from_logits: bool = False, label_smoothing: float = 0.0,
                                   axis: int = -1) -> LossOutput:
    r"""Categorical focal cross-entropy: t_j = -\alpha (1 - p_j)^\gamma y_j \log p_j, summed over ``axis``.

    Keras renormalises even after a softmax, then clips to [1e-7, 1 - 1e-7]; the focal factor uses
    the clipped probability. ``alpha`` and ``gamma`` may be lists, one value per class: Keras
    applies them by broadcasting, so they line up with the LAST axis of y_pred (whatever
    ``axis`` is).
    """
    columns = y_pred.shape[-1] if y_pred.ndim else 1
    for name, value in (("alpha", alpha), ("gamma", gamma)):
        if isinstance(value, tuple) and len(value) not in (1, columns):
            raise LossInputError("error.per_class_length", argument=name, name=name,
                                 length=len(value), columns=columns)
    per_class = isinstance(alpha, tuple)
    _warn_single_class(rec, y_pred, "categorical_focal_crossentropy")
    target = _smooth_categorical(rec, y_true, label_smoothing, axis)
    index = _class_example(target, axis) if target.size else first_index(target)
    probs = _softmax(rec, y_pred, axis, index) if from_logits else y_pred
    probs = _renormalise(rec, probs, axis)
    clipped = _clip(rec, probs, 1.0 - EPSILON, symbol="p")
    _note_clipped(rec, probs, clipped, binary=False)
    show = y_pred.size > 0
    log_probs = _log(rec, clipped, index)
    cross = -target * log_probs
    rec.step("cross_entropy", "step.categorical_focal.cross_entropy", r"c_j = -y_j \log p_j", cross,
             example=(formula(r"-@0 \cdot @s1 = @2", target[index], log_probs[index], cross[index])
                      if show else None))
    one = rec.dtype.type(1)
    gamma_per_class = isinstance(gamma, tuple)
    power = np.asarray(gamma, dtype=rec.dtype) if gamma_per_class else rec.dtype.type(gamma)
    modulating = _flush(np.power(one - clipped, power))
    shown_gamma = (gamma[index[-1] if len(gamma) > 1 else 0] if gamma_per_class and show else gamma)
    rec.step("focal_factor", "step.categorical_focal.focal_factor",
             r"f_j = (1 - p_j)^{\gamma_j}" if gamma_per_class else r"f_j = (1 - p_j)^{\gamma}", modulating,
             example=(formula("(1 - @s0)^{@1} = @2", clipped[index], shown_gamma, modulating[index])
                      if show else None))
    # A list becomes a tensor of the loss dtype (float32: 0.1 is rounded as Keras rounds it).
    weight = np.asarray(alpha, dtype=rec.dtype) if per_class else rec.dtype.type(alpha)
    terms = modulating * weight * cross
    shown_alpha = (alpha[index[-1] if len(alpha) > 1 else 0] if per_class and show else alpha)
    rec.step("term", "step.categorical_focal.term",
             r"t_j = \alpha_j\, f_j\, c_j" if per_class else r"t_j = \alpha\, f_j\, c_j", terms,
             example=(formula(r"@0 \cdot @1 \cdot @2 = @3", shown_alpha, modulating[index], cross[index],
                              terms[index]) if show else None))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        dtype = grad_rec.dtype
        # t_j = alpha f_j c_j with f_j = (1 - p_j)^gamma and c_j = -y_j log p_j, both of the clipped p.
        d_factor = _negate(power * np.power(one - clipped, power - one))
        local = weight * (d_factor * cross + modulating * (_negate(target) / clipped))
        by_prob = (upstream * local).astype(dtype)
        grad_rec.step("grad.prob", "grad.step.categorical_focal.local",
                      r"\frac{\partial L}{\partial p_j} = \frac{\partial L}{\partial t_j} \cdot \alpha"
                      r"\Big(-\gamma (1 - p_j)^{\gamma - 1} c_j - f_j \frac{y_j}{p_j}\Big)", by_prob,
                      example=(formula("@0", float(by_prob[index])) if show else None))
        by_ratio = _back_clip(grad_rec, by_prob, probs, 1.0 - EPSILON, key="grad.clip", symbol="q",
                              true_class=target > 0)
        if not from_logits:
            return _back_renormalise(grad_rec, by_ratio, y_pred, axis)
        by_softmax = _back_renormalise(grad_rec, by_ratio, _softmax_probs(y_pred, axis), axis, key="grad.renormalise")
        return _back_softmax(grad_rec, by_softmax, y_pred, axis)

    return LossOutput(_sum(terms, axis), terms, aggregation="sum", axis=axis, backward=backward)


def categorical_generalized_cross_entropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                                          q: float = 0.5) -> LossOutput:
    r"""Generalized cross-entropy: (1 - p_y^q) / q with p_y the probability of the true class.

    y_pred is used as given: no renormalisation, no clipping.
    """
    classes = y_pred.shape[-1]
    hot = _one_hot(rec, y_true, classes, -1)
    picked = y_pred * hot
    p_true = _sum(picked, -1)
    rec.step("p_true", "step.gce.p_true", r"p_y = \sum_j y_j \hat{y}_j", p_true,
             example=(formula("p_y = @0", p_true.ravel()[0]) if p_true.size else None))
    q_t = rec.dtype.type(q)
    powered = _flush(np.power(p_true, q_t))
    rec.step("power", "step.gce.power", r"p_y^{\,q}", powered,
             example=(formula("@0^{@1} = @2", p_true.ravel()[0], q, powered.ravel()[0])
                      if p_true.size else None))
    per_sample = _divide(rec.dtype.type(1) - powered, q_t)
    if p_true.shape != y_pred.shape[:-1]:
        rec.note("note.gce_broadcast", level="warning", shape=tuple(per_sample.shape),
                 y_true_shape=tuple(y_true.shape), hot_shape=tuple(hot.shape),
                 y_pred_shape=tuple(y_pred.shape), index_shape=tuple(y_pred.shape[:-1]))
    sums = _sum(y_pred, -1)
    if y_pred.size and np.any(np.abs(sums - 1) > ROW_SUM_TOLERANCE * np.finfo(rec.dtype).eps):
        rec.note("note.gce_not_renormalised", sums=sums)

    def arithmetic(index: tuple[int, ...]) -> Formula:
        return text_formula("(1 - @0) / @1 = @2", powered[index], q, per_sample[index])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # l = (1 - p_y^q) / q, so dl/dp_y = -p_y^(q - 1); p_y picks one prediction per sample.
        by_true = (upstream * _negate(q_t * np.power(p_true, q_t - 1)) * (rec.dtype.type(1) / q_t)).astype(rec.dtype)
        grad_rec.step("grad.p_true", "grad.step.gce.p_true",
                      r"\frac{\partial L}{\partial p_y} = \frac{\partial L}{\partial \ell_i} \cdot \big(-p_y^{\,q - 1}\big)",
                      by_true,
                      example=(formula(r"@0 \cdot (-@1^{@2}) = @3", float(upstream.ravel()[0]), p_true.ravel()[0],
                                       q - 1, float(by_true.ravel()[0])) if p_true.size else None))
        spread = by_true[..., None] * hot
        # A broadcast (N, 1) label made p_y larger than y_pred: its gradient sums back.
        extra = spread.ndim - y_pred.ndim
        spread = np.sum(spread, axis=tuple(range(extra))) if extra > 0 else spread
        axes = tuple(a for a, (n, m) in enumerate(zip(spread.shape, y_pred.shape)) if n != m)
        grad = (np.sum(spread, axis=axes, keepdims=True) if axes else spread).astype(rec.dtype)
        grad_rec.step(GRADIENT_STEP, "grad.step.gce.pick",
                      r"\frac{\partial L}{\partial \hat{y}_j} = y_j \cdot \frac{\partial L}{\partial p_y}", grad)
        return grad

    return LossOutput(per_sample, picked, aggregation="custom", arithmetic=arithmetic, backward=backward)


def _torch_log_softmax(rec: Recorder, logits: np.ndarray) -> np.ndarray:
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
    log_p = _torch_log_softmax(rec, y_pred)
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


# ------------------------------------------------------------------------ other losses


def kl_divergence(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""KL divergence: t_j = y_j \log(y_j / p_j), summed over the last axis.

    Both y_true and y_pred are clipped to [1e-7, 1] first, so a target of 0 adds a tiny
    1e-7 \log(1e-7 / p) rather than exactly 0.
    """
    targets = _clip(rec, y_true, 1.0, key="clip_true", title="step.kl.clip_true",
                    symbol="y", result="y'")
    probs = _clip(rec, y_pred, 1.0, key="clip_pred", title="step.kl.clip_pred")
    moved = int(_moved(y_true, targets).sum() + _moved(y_pred, probs).sum())
    if moved:
        rec.note("note.kl_clipped", count=moved)
    ratio = targets / probs
    i = first_index(ratio)
    show = ratio.size > 0
    rec.step("ratio", "step.kl.ratio", r"r_j = \frac{y_j}{p_j}", ratio,
             example=(formula("@0 / @s1 = @2", targets[i], probs[i], ratio[i]) if show else None))
    terms = targets * np.log(ratio)
    rec.step("term", "step.kl.term", r"t_j = y_j \log r_j", terms,
             example=(formula(r"@0 \cdot \log @1 = @2", targets[i], ratio[i], terms[i])
                      if show else None))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # t_j = y'_j log y'_j - y'_j log p_j: only the second part depends on the prediction.
        by_prob = (upstream * (_negate(targets) / probs)).astype(grad_rec.dtype)
        grad_rec.step("grad.prob", "grad.step.kl.log_p",
                      r"\frac{\partial L}{\partial p_j} = \frac{\partial L}{\partial t_j} \cdot \frac{-y_j}{p_j}",
                      by_prob,
                      example=(formula(r"@0 \cdot (-@1 / @2) = @3", float(upstream[i]), targets[i], probs[i],
                                       float(by_prob[i])) if show else None))
        return _back_clip(grad_rec, by_prob, y_pred, 1.0)

    return LossOutput(_sum(terms, -1), terms, aggregation="sum", backward=backward)


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
            return torch_chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = -e^{y}",
                               formula("-@0 = @s1", prob[i], local[i]))
        local = -y_true
        return torch_chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = -y",
                           formula("-@s0 = @s1", y_true[i], local[i]))
    return elementwise_output(terms, arithmetic, backward)


def poisson(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Poisson: t = \hat y - y \log(\hat y + 10^{-7}), mean over the last axis."""
    logs = np.log(y_pred + rec.dtype.type(EPSILON))
    i = first_index(y_pred)
    show = y_pred.size > 0
    rec.step("log_pred", "step.poisson.log_pred", r"\log(\hat{y} + 10^{-7})", logs,
             example=(formula(r"\log(@0 + 10^{-7}) = @1", y_pred[i], logs[i]) if show else None))
    terms = y_pred - y_true * logs
    rec.step("term", "step.poisson.term", r"t = \hat{y} - y \log(\hat{y} + 10^{-7})",
             terms,
             example=(formula(r"@0 - @s1 \cdot @s2 = @3", y_pred[i], y_true[i], logs[i], terms[i])
                      if show else None))
    zero_rate = (y_pred <= 0) & (y_true > 0)
    if zero_rate.any():
        rec.note("note.poisson_zero_rate", level="warning", count=int(zero_rate.sum()))

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        rate = y_pred + rec.dtype.type(EPSILON)
        local = rec.dtype.type(1) - y_true / rate
        if zero_rate.any():
            grad_rec.note("note.grad.poisson_zero_rate", count=int(zero_rate.sum()))
        return chain(grad_rec, upstream, local,
                     r"\frac{\partial t}{\partial \hat{y}} = 1 - \frac{y}{\hat{y} + 10^{-7}}",
                     formula(r"1 - @0 / (@1 + 10^{-7}) = @2", y_true[i], y_pred[i], local[i]) if show else None)

    return LossOutput(_mean(terms, -1), terms, backward=backward)


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
            return torch_chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = e^{x} - y",
                               formula("@0 - @s1 = @2", rate[i], y_true[i], local[i]))
        shifted = x + rec.dtype.type(eps)
        local = 1 - y_true / shifted
        return torch_chain(grad_rec, upstream, local, r"\frac{\partial \ell}{\partial x} = 1 - \frac{y}{x + \epsilon}",
                           formula(r"1 - \frac{@0}{@1} = @2", y_true[i], shifted[i], local[i]))
    return elementwise_output(loss, arithmetic, backward)
