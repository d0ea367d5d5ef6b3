"""Probabilistic losses: cross-entropies, focal losses, generalized cross-entropy, KL, Poisson.

Each follows ``keras/src/losses/losses.py`` and the jax backend ops it calls
(``keras/src/backend/jax/nn.py``: ``binary_crossentropy``, ``categorical_crossentropy``,
``sparse_categorical_crossentropy``), one operation at a time in the loss dtype, so that every
rounding happens where Keras rounds: clipping to [1e-7, 1 - 1e-7], the renormalisation
``p / sum(p)``, log-sigmoid and log-softmax for logits, one-hot labels and ignore_class masks.
"""

from __future__ import annotations

import numpy as np

from losses.errors import LossInputError
from losses.numbers import fmt_list
from losses.trace import LossOutput, Recorder, first_index

EPSILON = 1e-7
"""Keras' ``backend.epsilon()``."""

ROW_SUM_TOLERANCE = 8
"""Rows within this many float epsilons of 1 count as summing to 1 (0.1 + 0.8 + 0.1 does not
give exactly 1 in float32)."""


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
    count = x.shape[-1]
    if count > 32:
        half = (count + 1) // 2
        return _sum_last(x[..., :half]) + _sum_last(x[..., half:])
    total = np.zeros(x.shape[:-1], dtype=x.dtype)
    for k in range(count):
        total += x[..., k]
    return total


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
    x = np.asarray(x)
    return np.where(np.abs(x) < np.finfo(x.dtype).tiny, x * 0, x)


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
          title: str = "Clip the probabilities", symbol: str = r"\hat{y}", result: str = "p") -> np.ndarray:
    """``clip(values, 1e-7, high)`` with the step that shows which elements moved."""
    low_t, high_t = rec.dtype.type(EPSILON), rec.dtype.type(high)
    clipped = np.clip(values, low_t, high_t)
    changed = _moved(values, clipped)
    upper = "1" if high == 1 else "1 - 10^{-7}"
    # argmax stops at the first True: the first clipped element, without listing them all.
    i = (tuple(int(v) for v in np.unravel_index(np.argmax(changed), changed.shape))
         if changed.any() else first_index(values))
    rec.step(key, title, rf"{result} = \operatorname{{clip}}({symbol},\ 10^{{-7}},\ {upper})", clipped,
             changed=changed, low=rec.f(low_t), high=rec.f(high_t),
             example=(f"\\operatorname{{clip}}({rec.f(values[i])}) = {rec.f(clipped[i])}"
                      if values.size else ""))
    return clipped


def _moved(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Elements an operation changed; a NaN that stays NaN did not change."""
    changed = after != before
    # NaN != NaN: only when something looks changed can a NaN be among them (one pass otherwise).
    if changed.any() and np.isnan(after).any():
        changed &= ~(np.isnan(after) & np.isnan(before))
    return changed


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _note_clipped(rec: Recorder, values: np.ndarray, clipped: np.ndarray, *, binary: bool) -> None:
    count = int(_moved(values, clipped).sum())
    if not count:
        return
    low = rec.dtype.type(EPSILON)
    high = rec.dtype.type(1.0 - EPSILON)
    cap = f"{float(high):.8g}"
    rounding = f" (1 - 1e-7 rounds to {cap} in float32)" if rec.dtype == np.float32 else ""
    cost_low = -np.log(low)
    cost_high = -np.log(rec.dtype.type(1) - high)
    text = (f"{_plural(count, 'prediction was', 'predictions were')} outside [1e-7, {cap}] and "
            f"clipped into it{rounding}, so the log never sees 0: ")
    if binary:
        text += (f"a prediction of 0 for label 1 costs -log(1e-7) = {rec.f(cost_low)} and a prediction "
                 f"of 1 for label 0 costs -log(1 - {cap}) = {rec.f(cost_high)}, not infinity.")
    else:
        text += (f"a true class given probability 0 costs -log(1e-7) = {rec.f(cost_low)}, not "
                 "infinity. A clipped 0 in a class whose target is 0 adds nothing.")
    rec.note("note.clipped", text, count=count, low="1e-7", high=cap,
             cost_low=rec.f(cost_low), cost_high=rec.f(cost_high))


def _sigmoid(rec: Recorder, logits: np.ndarray) -> np.ndarray:
    # jax.nn.sigmoid lowers to 1 / (1 + exp(-z)); it rounds to exactly 0 or 1 for large |z|.
    one = rec.dtype.type(1)
    probs = one / (one + _flush(np.exp(-logits)))
    i = first_index(logits)
    rec.step("sigmoid", "Sigmoid turns logits into probabilities",
             r"p = \sigma(z) = \frac{1}{1 + e^{-z}}", probs,
             example=(f"\\frac{{1}}{{1 + e^{{-{rec.s(logits[i])}}}}} = {rec.f(probs[i])}"
                      if logits.size else ""))
    return probs


def _softmax(rec: Recorder, logits: np.ndarray, axis: int, index: tuple[int, ...]) -> np.ndarray:
    """``jax.nn.softmax``: exp(z - max z) / sum exp(z - max z) along the class axis."""
    top = np.max(logits, axis=axis, keepdims=True, initial=-np.inf)
    exps = _flush(np.exp(logits - top))
    sums = _sum(exps, axis, keepdims=True)
    probs = _divide(exps, sums)
    row = _row_of(index, axis)
    rec.step("softmax", "Softmax turns logits into probabilities",
             r"p_j = \frac{e^{z_j - \max_k z_k}}{\sum_k e^{z_k - \max_k z_k}}", probs,
             example=(f"\\frac{{e^{{{rec.f(logits[index])} - {rec.s(top[row])}}}}}{{{rec.f(sums[row])}}} = "
                      f"{rec.f(probs[index])}" if logits.size else ""))
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
    rec.step("log_p", "Log-probabilities by log-softmax",
             r"\log p_j = (z_j - \max_k z_k) - \log \sum_k e^{z_k - \max_k z_k}", log_probs,
             example=(f"({rec.f(logits[index])} - {rec.s(top[row])}) - {rec.s(log_sum[row])} = "
                      f"{rec.f(log_probs[index])}" if logits.size else ""))
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
    rec.step("renormalise", "Divide each row by its sum", r"p_j = \frac{\hat{y}_j}{\sum_k \hat{y}_k}",
             probs, changed=np.broadcast_to(off, probs.shape) & (probs != y_pred),
             example=(f"{rec.f(y_pred[i])} / {rec.s(sums[row])} = {rec.f(probs[i])}"
                      if y_pred.size else ""))
    if off.any():
        bad = sums[off]
        rec.note("note.renormalised",
                 f"{_plural(bad.size, 'row', 'rows')} of y_pred do not sum to 1 (row sums "
                 f"{fmt_list(bad, rec.digits)}): "
                 "Keras divides each row by its sum before taking the log, so only the proportions "
                 "within a row matter.",
                 count=int(bad.size), sums=fmt_list(bad, rec.digits))
    if np.any((sums == 0) & off):
        rec.note("note.zero_row_sum",
                 "A row of y_pred sums to 0: Keras divides 0 by 0 there, and that row's loss is NaN.",
                 level="warning")
    return probs


def _log(rec: Recorder, probs: np.ndarray, index: tuple[int, ...]) -> np.ndarray:
    log_probs = np.log(probs)
    rec.step("log_p", "Natural log of each probability", r"\log p_j", log_probs,
             example=(f"\\log {rec.f(probs[index])} = {rec.f(log_probs[index])}" if probs.size else ""))
    return log_probs


def _warn_single_class(rec: Recorder, y_pred: np.ndarray, name: str) -> None:
    if y_pred.ndim and y_pred.shape[-1] == 1:
        rec.note("note.single_class",
                 f"y_pred has a single column: renormalising makes every probability 1 (clipped to "
                 f"{rec.f(rec.dtype.type(1.0 - EPSILON))}), so the loss hardly depends on y_pred. "
                 f"Keras warns too; for two classes use binary_crossentropy instead of {name}.",
                 level="warning", cap=rec.f(rec.dtype.type(1.0 - EPSILON)), name=name)


def _smooth_binary(rec: Recorder, y_true: np.ndarray, label_smoothing: float) -> np.ndarray:
    """Keras: ``y * (1 - ls) + 0.5 * ls``, only when ``ls`` is not 0."""
    if not label_smoothing:
        return y_true
    smoothed = y_true * rec.dtype.type(1.0 - label_smoothing) + rec.dtype.type(0.5 * label_smoothing)
    i = first_index(y_true)
    rec.step("label_smoothing", "Smooth the labels towards 0.5",
             r"y' = y\,(1 - \epsilon_{ls}) + \tfrac12 \epsilon_{ls}", smoothed,
             changed=smoothed != y_true, label_smoothing=label_smoothing,
             example=(f"{rec.f(y_true[i])} \\cdot (1 - {rec.f(label_smoothing)}) + "
                      f"\\tfrac12 \\cdot {rec.f(label_smoothing)} = {rec.f(smoothed[i])}"
                      if y_true.size else ""))
    return smoothed


def _smooth_categorical(rec: Recorder, y_true: np.ndarray, label_smoothing: float, axis: int) -> np.ndarray:
    """Keras: ``y * (1 - ls) + ls / C`` with C the size of the LAST axis, whatever ``axis`` is."""
    if not label_smoothing:
        return y_true
    classes = y_true.shape[-1] if y_true.ndim else 1
    share = rec.dtype.type(label_smoothing) / rec.dtype.type(classes)
    smoothed = y_true * rec.dtype.type(1.0 - label_smoothing) + share
    i = first_index(y_true)
    rec.step("label_smoothing", f"Smooth the labels: move {rec.f(label_smoothing)} of the mass to "
             f"all {classes} classes",
             r"y'_j = y_j\,(1 - \epsilon_{ls}) + \frac{\epsilon_{ls}}{C}", smoothed,
             changed=smoothed != y_true, label_smoothing=label_smoothing, classes=classes,
             example=(f"{rec.f(y_true[i])} \\cdot (1 - {rec.f(label_smoothing)}) + "
                      f"\\frac{{{rec.f(label_smoothing)}}}{{{classes}}} = {rec.f(smoothed[i])}"
                      if y_true.size else ""))
    if y_true.ndim and axis % y_true.ndim != y_true.ndim - 1 and y_true.shape[axis] != classes:
        rec.note("note.smoothing_last_axis",
                 f"Keras divides the smoothing by the size of the last axis ({classes}), not by the "
                 f"number of classes on axis {axis} ({y_true.shape[axis]}), so the smoothed targets "
                 "do not sum to 1.",
                 level="warning", classes=classes, axis=axis, axis_size=int(y_true.shape[axis]))
    return smoothed


def _one_hot(rec: Recorder, labels: np.ndarray, classes: int, axis: int) -> np.ndarray:
    """``jax.nn.one_hot(int32(labels), classes, axis=axis)``, with its step."""
    indices = labels.astype(np.int32)
    hot = (indices[..., None] == np.arange(classes)).astype(rec.dtype)
    hot = np.moveaxis(hot, -1, axis)
    if labels.size:
        label = int(indices.ravel()[0])
        row = np.moveaxis(hot, axis, -1)[(0,) * indices.ndim]
        shown = ", ".join(rec.f(v) for v in row[:8]) + (r", \ldots" if row.size > 8 else "")
        example = f"y = {label} \\to [{shown}]"
    else:
        example = ""
    rec.step("one_hot", "Class index becomes a one-hot row", r"y_j = [j = y]", hot, example=example)
    return hot


def _negate(x: np.ndarray) -> np.ndarray:
    """``-x``, written ``0 - x`` so that a term of zero reads 0 rather than -0."""
    return x.dtype.type(0) - x


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
        rec.step("log_p", "Log of the probability of label 1, by log-sigmoid",
                 r"\log p = \log\sigma(z) = -\log(1 + e^{-z})", log_p,
                 example=(f"-\\log(1 + e^{{-{rec.s(y_pred[i])}}}) = {rec.f(log_p[i])}" if show else ""))
        rec.step("log_one_minus_p", "Log of the probability of label 0, by log-sigmoid",
                 r"\log(1 - p) = \log\sigma(-z) = -\log(1 + e^{z})", log_q,
                 example=(f"-\\log(1 + e^{{{rec.f(y_pred[i])}}}) = {rec.f(log_q[i])}" if show else ""))
        terms = -target * log_p - (one - target) * log_q
    else:
        probs = _clip(rec, y_pred, 1.0 - EPSILON)
        _note_clipped(rec, y_pred, probs, binary=True)
        log_p = np.log(probs)
        log_q = np.log(one - probs)
        rec.step("log_p", "Log of the probability of label 1", r"\log p", log_p,
                 example=(f"\\log {rec.f(probs[i])} = {rec.f(log_p[i])}" if show else ""))
        rec.step("log_one_minus_p", "Log of the probability of label 0", r"\log(1 - p)", log_q,
                 example=(f"\\log(1 - {rec.s(probs[i])}) = {rec.f(log_q[i])}" if show else ""))
        terms = -(target * log_p + (one - target) * log_q)
    rec.step("term", "Cross-entropy of each element", r"t = -\big(y \log p + (1 - y)\log(1 - p)\big)",
             terms,
             example=(f"-({rec.f(target[i])} \\cdot {rec.s(log_p[i])} + (1 - {rec.s(target[i])}) "
                      f"\\cdot {rec.s(log_q[i])}) = {rec.f(terms[i])}" if show else ""))
    if from_logits:
        _note_numpy_backend(rec, target, y_pred, terms)
    return LossOutput(_mean(terms, axis), terms, axis=axis)


def _note_numpy_backend(rec: Recorder, target: np.ndarray, logits: np.ndarray, terms: np.ndarray) -> None:
    """Keras' numpy backend takes sigmoid first and clips it, so large logits saturate there."""
    one = rec.dtype.type(1)
    probs = np.clip(one / (one + np.exp(-logits)), rec.dtype.type(EPSILON), rec.dtype.type(1.0 - EPSILON))
    naive = -(target * np.log(probs) + (one - target) * np.log(one - probs))
    differs = ~np.isclose(naive, terms, rtol=1e-3, atol=1e-3)
    if not differs.any():
        return
    k = tuple(int(v) for v in np.argwhere(differs)[0])
    rec.note("note.backend_logits",
             f"{_plural(int(differs.sum()), 'logit is', 'logits are')} so large that the sigmoid "
             "rounds to 0 or 1. Keras' jax, "
             "TensorFlow and PyTorch backends use log-sigmoid and stay exact: the logit "
             f"{rec.f(logits[k])} with label {rec.f(target[k])} costs {rec.f(terms[k])}. Keras' numpy "
             "backend takes the sigmoid first and clips it to [1e-7, 1 - 1e-7], which gives "
             f"{rec.f(naive[k])}.",
             count=int(differs.sum()), logit=rec.f(logits[k]), label=rec.f(target[k]),
             value=rec.f(terms[k]), numpy_value=rec.f(naive[k]))


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
        rec.note("note.focal_sigmoid_first",
                 "With from_logits, binary focal cross-entropy takes the sigmoid first and then the "
                 "clipped log (binary_crossentropy uses log-sigmoid instead), so large logits "
                 f"saturate: a wrong label's cross-entropy stops at {rec.f(cap_low)} (label 1) or "
                 f"{rec.f(cap_high)} (label 0) however large the logit.",
                 level="warning", cap_label_1=rec.f(cap_low), cap_label_0=rec.f(cap_high))
    i = first_index(y_pred)
    show = y_pred.size > 0
    bce = target * np.log(clipped)
    bce = bce + (one - target) * np.log(one - clipped)
    bce = -bce
    rec.step("bce", "Binary cross-entropy of each element",
             r"c = -\big(y \log p + (1 - y)\log(1 - p)\big)", bce,
             example=(f"-({rec.f(target[i])} \\log {rec.f(clipped[i])} + (1 - {rec.s(target[i])}) "
                      f"\\log(1 - {rec.s(clipped[i])})) = {rec.f(bce[i])}" if show else ""))
    p_t = target * probs + (one - target) * (one - probs)
    rec.step("p_t", "Probability given to the true label", r"p_t = y\,p + (1 - y)(1 - p)", p_t,
             example=(f"{rec.f(target[i])} \\cdot {rec.s(probs[i])} + (1 - {rec.s(target[i])})"
                      f"(1 - {rec.s(probs[i])}) = {rec.f(p_t[i])}" if show else ""))
    factor = _flush(np.power(one - p_t, rec.dtype.type(gamma)))
    rec.step("focal_factor", "Focal factor: easy elements (p_t near 1) count less",
             r"f = (1 - p_t)^{\gamma}", factor, gamma=gamma,
             example=(f"(1 - {rec.s(p_t[i])})^{{{rec.f(gamma)}}} = {rec.f(factor[i])}" if show else ""))
    terms = factor * bce
    formula = r"t = f \cdot c"
    if apply_class_balancing:
        weight = target * rec.dtype.type(alpha) + (one - target) * rec.dtype.type(1.0 - alpha)
        rec.step("class_weight", "Class balancing: alpha for label 1, 1 - alpha for label 0",
                 r"\alpha_t = y\,\alpha + (1 - y)(1 - \alpha)", weight, alpha=alpha,
                 example=(f"{rec.f(target[i])} \\cdot {rec.f(alpha)} + (1 - {rec.s(target[i])})"
                          f"(1 - {rec.f(alpha)}) = {rec.f(weight[i])}" if show else ""))
        terms = weight * terms
        formula = r"t = \alpha_t \cdot f \cdot c"
        example = (f"{rec.f(weight[i])} \\cdot {rec.f(factor[i])} \\cdot {rec.f(bce[i])} = "
                   f"{rec.f(terms[i])}" if show else "")
    else:
        example = f"{rec.f(factor[i])} \\cdot {rec.f(bce[i])} = {rec.f(terms[i])}" if show else ""
    rec.step("term", "Focal term of each element", formula, terms, example=example)
    return LossOutput(_mean(terms, axis), terms, axis=axis)


# --------------------------------------------------------------------- categorical losses


def _categorical_log_probs(rec: Recorder, y_pred: np.ndarray, axis: int, from_logits: bool,
                           index: tuple[int, ...], ignored: np.ndarray | None = None) -> np.ndarray:
    """Keras' jax ``categorical_crossentropy`` up to ``log_prob``."""
    if from_logits:
        return _log_softmax(rec, y_pred, axis, index)
    probs = _renormalise(rec, y_pred, axis, ignored)
    clipped = _clip(rec, probs, 1.0 - EPSILON, symbol="p")
    _note_clipped(rec, probs, clipped, binary=False)
    return _log(rec, clipped, index)


def _categorical_terms(rec: Recorder, target: np.ndarray, log_probs: np.ndarray, axis: int,
                       index: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """``-sum(target * log_prob, axis)`` and its per-class terms ``-y_j log p_j``."""
    products = target * log_probs
    per_sample = _negate(_sum(products, axis))
    # The terms reuse the products' memory: one full-size array less per call at 10^6 samples.
    terms = np.subtract(products.dtype.type(0), products, out=products)
    rec.step("term", "Each class's term: only classes with a nonzero target count",
             r"t_j = -y_j \log p_j", terms,
             example=(f"-{rec.f(target[index])} \\cdot {rec.s(log_probs[index])} = {rec.f(terms[index])}"
                      if target.size else ""))
    return per_sample, terms


def categorical_crossentropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                             from_logits: bool = False, label_smoothing: float = 0.0,
                             axis: int = -1) -> LossOutput:
    r"""Categorical cross-entropy: t_j = -y_j \log p_j, summed over the class ``axis``.

    Probabilities are renormalised to sum to 1 along ``axis`` and clipped to [1e-7, 1 - 1e-7];
    with ``from_logits`` log p comes from log-softmax.
    """
    _warn_single_class(rec, y_pred, "categorical_crossentropy")
    target = _smooth_categorical(rec, y_true, label_smoothing, axis)
    index = _class_example(target, axis) if target.size else first_index(target)
    log_probs = _categorical_log_probs(rec, y_pred, axis, from_logits, index)
    per_sample, terms = _categorical_terms(rec, target, log_probs, axis, index)
    return LossOutput(per_sample, terms, aggregation="sum", axis=axis)


def sparse_categorical_crossentropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                                    from_logits: bool = False, ignore_class: int | None = None,
                                    axis: int = -1) -> LossOutput:
    r"""Sparse categorical cross-entropy: -\log p_y with the class y given as an index.

    With ``ignore_class``, Keras zeroes those rows of y_pred, sets their loss to 0 and masks them,
    so the mean reductions divide by the number of rows that are not ignored.
    """
    valid = None
    if ignore_class is not None:
        valid = y_true != rec.dtype.type(ignore_class)
        y_true = np.where(valid, y_true, rec.dtype.type(0))
        expanded = np.expand_dims(valid, axis)
        zeroed = np.where(expanded, y_pred, rec.dtype.type(0))
        rec.step("ignore_class", f"Rows labelled {ignore_class} are ignored: Keras zeroes their y_pred",
                 r"\hat{y}_i \leftarrow [y_i \ne c]\,\hat{y}_i", zeroed,
                 changed=np.broadcast_to(~expanded, y_pred.shape), ignore_class=ignore_class)
        y_pred = zeroed
    classes = y_pred.shape[axis]
    target = _one_hot(rec, y_true, classes, axis)
    if target.shape != y_pred.shape:
        raise LossInputError(
            f"y_true has shape {tuple(y_true.shape)} and y_pred has shape {tuple(y_pred.shape)}: "
            f"with axis = {axis}, one class index per position of y_pred outside that axis is needed.",
            key="error.shape_mismatch", argument="y_true", y_true_shape=str(tuple(y_true.shape)),
            y_pred_shape=str(tuple(y_pred.shape)), expected=f"axis = {axis}",
        )
    index = _class_example(target, axis) if target.size else first_index(target)
    log_probs = _categorical_log_probs(rec, y_pred, axis, from_logits, index,
                                       None if valid is None else ~valid)
    per_sample, terms = _categorical_terms(rec, target, log_probs, axis, index)
    if valid is None:
        return LossOutput(per_sample, terms, aggregation="sum", axis=axis)
    zero = rec.dtype.type(0)
    per_sample = np.where(valid, per_sample, zero)
    terms = np.where(np.expand_dims(valid, axis), terms, zero)
    ignored = int((~valid).sum())
    rec.step("ignore_class_loss", "Ignored rows get loss 0 and are masked out",
             r"\ell_i \leftarrow [y_i \ne c]\,\ell_i", per_sample, changed=~valid)
    rec.note("note.ignore_class",
             f"{ignored} of {_plural(valid.size, 'row', 'rows')} have label {ignore_class} and are "
             "ignored. Keras "
             "replaces their y_pred by zeros (0 / 0 gives NaN when renormalising, logits of 0 give "
             "log C), sets their loss to 0 and attaches a mask to the result: the mask becomes a "
             f"weight of 0 for them and {valid.size}/{valid.size - ignored} for the others under "
             "sum_over_batch_size and mean, so the mean is over the rows that are not ignored.",
             count=ignored, total=int(valid.size), ignore_class=ignore_class,
             kept=int(valid.size - ignored))
    return LossOutput(per_sample, terms, aggregation="sum", axis=axis, mask=valid)


def categorical_focal_crossentropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                                   alpha: float = 0.25, gamma: float = 2.0,
                                   from_logits: bool = False, label_smoothing: float = 0.0,
                                   axis: int = -1) -> LossOutput:
    r"""Categorical focal cross-entropy: t_j = -\alpha (1 - p_j)^\gamma y_j \log p_j, summed over ``axis``.

    Keras renormalises even after a softmax, then clips to [1e-7, 1 - 1e-7]; the focal factor uses
    the clipped probability.
    """
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
    rec.step("cross_entropy", "Cross-entropy of each class", r"c_j = -y_j \log p_j", cross,
             example=(f"-{rec.f(target[index])} \\cdot {rec.s(log_probs[index])} = {rec.f(cross[index])}"
                      if show else ""))
    one = rec.dtype.type(1)
    modulating = _flush(np.power(one - clipped, rec.dtype.type(gamma)))
    rec.step("focal_factor", "Focal factor: confident classes (p near 1) count less",
             r"f_j = (1 - p_j)^{\gamma}", modulating, gamma=gamma,
             example=(f"(1 - {rec.s(clipped[index])})^{{{rec.f(gamma)}}} = {rec.f(modulating[index])}"
                      if show else ""))
    terms = modulating * rec.dtype.type(alpha) * cross
    rec.step("term", "Focal term of each class", r"t_j = \alpha\, f_j\, c_j", terms, alpha=alpha,
             example=(f"{rec.f(alpha)} \\cdot {rec.f(modulating[index])} \\cdot {rec.f(cross[index])} = "
                      f"{rec.f(terms[index])}" if show else ""))
    return LossOutput(_sum(terms, axis), terms, aggregation="sum", axis=axis)


def categorical_generalized_cross_entropy(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                                          q: float = 0.5) -> LossOutput:
    r"""Generalized cross-entropy: (1 - p_y^q) / q with p_y the probability of the true class.

    y_pred is used as given: no renormalisation, no clipping.
    """
    classes = y_pred.shape[-1]
    hot = _one_hot(rec, y_true, classes, -1)
    picked = y_pred * hot
    p_true = _sum(picked, -1)
    rec.step("p_true", "Probability of the true class", r"p_y = \sum_j y_j \hat{y}_j", p_true,
             example=(f"p_y = {rec.f(p_true.ravel()[0])}" if p_true.size else ""))
    q_t = rec.dtype.type(q)
    powered = _flush(np.power(p_true, q_t))
    rec.step("power", "Raise it to the power q", r"p_y^{\,q}", powered, q=q,
             example=(f"{rec.f(p_true.ravel()[0])}^{{{rec.f(q)}}} = {rec.f(powered.ravel()[0])}"
                      if p_true.size else ""))
    per_sample = _divide(rec.dtype.type(1) - powered, q_t)
    if p_true.shape != y_pred.shape[:-1]:
        rec.note("note.gce_broadcast",
                 f"y_true has shape {tuple(y_true.shape)}: Keras one-hots it without removing the "
                 f"last axis, giving {tuple(hot.shape)}, which broadcasts against y_pred "
                 f"{tuple(y_pred.shape)} into a loss of shape {tuple(per_sample.shape)}: every label "
                 "is paired with every row. Give y_true as one index per row, shape "
                 f"{tuple(y_pred.shape[:-1])}.",
                 level="warning", shape=str(tuple(per_sample.shape)),
                 y_true_shape=str(tuple(y_true.shape)), hot_shape=str(tuple(hot.shape)),
                 y_pred_shape=str(tuple(y_pred.shape)), index_shape=str(tuple(y_pred.shape[:-1])))
    sums = _sum(y_pred, -1)
    if y_pred.size and np.any(np.abs(sums - 1) > ROW_SUM_TOLERANCE * np.finfo(rec.dtype).eps):
        rec.note("note.gce_not_renormalised",
                 f"Some rows of y_pred do not sum to 1 (row sums {fmt_list(sums, rec.digits)}). "
                 "Unlike the cross-entropies, generalized cross-entropy uses y_pred as given: no "
                 "renormalisation and no clipping.",
                 sums=fmt_list(sums, rec.digits))

    def arithmetic(index: tuple[int, ...]) -> str:
        return f"(1 - {rec.f(powered[index])}) / {rec.f(q)} = {rec.f(per_sample[index])}"

    return LossOutput(per_sample, picked, aggregation="custom", arithmetic=arithmetic)


# ------------------------------------------------------------------------ other losses


def kl_divergence(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""KL divergence: t_j = y_j \log(y_j / p_j), summed over the last axis.

    Both y_true and y_pred are clipped to [1e-7, 1] first, so a target of 0 adds a tiny
    1e-7 \log(1e-7 / p) rather than exactly 0.
    """
    targets = _clip(rec, y_true, 1.0, key="clip_true", title="Clip y_true to [1e-7, 1]",
                    symbol="y", result="y'")
    probs = _clip(rec, y_pred, 1.0, key="clip_pred", title="Clip y_pred to [1e-7, 1]")
    moved = int(_moved(y_true, targets).sum() + _moved(y_pred, probs).sum())
    if moved:
        rec.note("note.kl_clipped",
                 f"{_plural(moved, 'value', 'values')} of y_true or y_pred outside [1e-7, 1] "
                 "were clipped into it: a "
                 "target of 0 becomes 1e-7 and adds 1e-7 · log(1e-7 / p), a tiny (usually negative) "
                 "term, instead of exactly 0; a prediction of 0 becomes 1e-7.",
                 count=moved)
    ratio = targets / probs
    i = first_index(ratio)
    show = ratio.size > 0
    rec.step("ratio", "Ratio y / p", r"r_j = \frac{y_j}{p_j}", ratio,
             example=(f"{rec.f(targets[i])} / {rec.s(probs[i])} = {rec.f(ratio[i])}" if show else ""))
    terms = targets * np.log(ratio)
    rec.step("term", "Each class's term", r"t_j = y_j \log r_j", terms,
             example=(f"{rec.f(targets[i])} \\cdot \\log {rec.f(ratio[i])} = {rec.f(terms[i])}"
                      if show else ""))
    return LossOutput(_sum(terms, -1), terms, aggregation="sum")


def poisson(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""Poisson: t = \hat y - y \log(\hat y + 10^{-7}), mean over the last axis."""
    logs = np.log(y_pred + rec.dtype.type(EPSILON))
    i = first_index(y_pred)
    show = y_pred.size > 0
    rec.step("log_pred", "Log of the predicted rate (plus 1e-7)", r"\log(\hat{y} + 10^{-7})", logs,
             example=(f"\\log({rec.f(y_pred[i])} + 10^{{-7}}) = {rec.f(logs[i])}" if show else ""))
    terms = y_pred - y_true * logs
    rec.step("term", "Rate minus count times log-rate", r"t = \hat{y} - y \log(\hat{y} + 10^{-7})",
             terms,
             example=(f"{rec.f(y_pred[i])} - {rec.s(y_true[i])} \\cdot {rec.s(logs[i])} = {rec.f(terms[i])}"
                      if show else ""))
    zero_rate = (y_pred <= 0) & (y_true > 0)
    if zero_rate.any():
        rec.note("note.poisson_zero_rate",
                 f"{_plural(int(zero_rate.sum()), 'prediction is', 'predictions are')} 0 (or less) "
                 "where the count is positive: "
                 "the rate is only shifted by 1e-7, so log(0 + 1e-7) = -16.12 makes those terms large"
                 " (or NaN for negative rates).",
                 level="warning", count=int(zero_rate.sum()))
    return LossOutput(_mean(terms, -1), terms)
