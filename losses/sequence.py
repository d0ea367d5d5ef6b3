"""Sequence and metric-learning losses: circle loss and CTC, as Keras 3 computes them.

Circle follows ``circle`` in ``keras/src/losses/losses.py``; CTC follows ``ctc`` there and the
jax backend's ``ctc_loss`` (``keras/src/backend/jax/nn.py``, itself optax's
``ctc_loss_with_forward_probs``), operation by operation and in the same order, so that float32
results agree with Keras' to the last few bits.
"""

from __future__ import annotations

import numpy as np

from losses.errors import LossInputError
from losses.gradient import GRADIENT_STEP
from losses.messages import Formula, formula, msg, text_formula
from losses.similarity import xla_sum
from losses.trace import LossOutput, Recorder

LOG_EPSILON = -1e5
"""Keras' CTC stands in -1e5 for log 0, so unreachable states hold about -100000, not -inf."""


def _softplus(x: np.ndarray) -> np.ndarray:
    # jax.nn.softplus is logaddexp(x, 0) = max(x, 0) + log1p(exp(-|x|)): never overflows.
    return np.logaddexp(x, x.dtype.type(0))


def _logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    """jax.scipy.special.logsumexp: shift by the finite maximum, so a row of -inf gives -inf."""
    amax = np.max(a, axis=axis, keepdims=True, initial=-np.inf)
    amax = np.where(np.isfinite(amax), amax, 0).astype(a.dtype)
    # log sum exp(a) = max + log sum exp(a - max): every exponent is <= 0, so nothing overflows.
    return np.log(xla_sum(np.exp(a - amax), axis=axis)) + np.squeeze(amax, axis=axis)


def _first_pair(mask: np.ndarray) -> tuple[int, int]:
    """The first (i, j) the mask keeps: the worked example shows a pair that counts."""
    hits = np.argwhere(mask)
    return (int(hits[0][0]), int(hits[0][1])) if len(hits) else (0, 0)


def circle(
    rec: Recorder,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    *,
    gamma: float = 80.0,
    margin: float = 0.4,
    remove_diagonal: bool = True,
) -> LossOutput:
    r"""Circle loss (Sun et al., 2020): \ell_i = softplus(LSE_n(i) + LSE_p(i)) over pairs of samples.

    Keras works with distances d = max(1 - s, 0) of the pairwise similarities s = \hat y \hat y^T
    and takes the rows of ``y_pred`` as given: it expects them to be unit length but does not
    normalise them. Samples whose loss is exactly 0 are masked out of the reduction.
    """
    dt = rec.dtype.type
    similarity = np.matmul(y_pred, y_pred.T)
    # s_00 written out over the first 4 coordinates: y_0k times itself, + ... for the rest.
    shown = y_pred[0][:4]
    parts = " + ".join(f"@{2 * k} \\cdot @s{2 * k + 1}" for k in range(len(shown)))
    if y_pred.shape[1] > 4:
        parts += r" + \ldots"
    pairs = [v for value in shown for v in (value, value)]
    rec.step("similarity", "step.circle.similarity",
             r"s_{ij} = \hat{y}_i \cdot \hat{y}_j", similarity,
             example=formula(f"s_{{00}} = {parts} = @{len(pairs)}", *pairs, similarity[0, 0]))
    norms = np.sqrt(np.sum(np.square(y_pred.astype(np.float64)), axis=1))
    if np.any(np.abs(norms - 1) > 1e-3):
        rec.note("note.circle_not_normalised", level="warning", length=float(norms[0]))

    raw_distance = 1 - similarity
    distance = np.maximum(raw_distance, dt(0))
    rec.step("distance", "step.circle.distance", r"d_{ij} = \max(1 - s_{ij},\ 0)",
             distance, changed=raw_distance < 0,
             example=formula(r"\max(1 - @s0,\ 0) = @1", similarity[0, 0], distance[0, 0]))

    same = y_true[:, None] == y_true[None, :]
    positive = same & ~np.eye(len(y_true), dtype=bool) if remove_diagonal else same
    negative = ~same
    rec.step("positive_mask", msg("step.circle.positive_mask", remove_diagonal=remove_diagonal),
             r"P_{ij} = [y_i = y_j]" + (r"\,[i \ne j]" if remove_diagonal else ""),
             positive.astype(rec.dtype), changed=same & ~positive)
    rec.step("negative_mask", "step.circle.negative_mask", r"N_{ij} = [y_i \ne y_j]",
             negative.astype(rec.dtype))

    # Keras' constants in distance form: O_p = 1 + m and Delta_p = 1 - m on similarities become
    # m + d and m - d; O_n = -m and Delta_n = m become 1 + m - d and 1 - m - d.
    optim_pos, optim_neg = dt(margin), dt(1 + margin)
    delta_pos, delta_neg = dt(margin), dt(1 - margin)
    pos_weights = np.maximum((optim_pos + distance) * positive.astype(rec.dtype), dt(0))
    neg_weights = np.maximum((optim_neg - distance) * negative.astype(rec.dtype), dt(0))
    # Same association as Keras: (-1 * gamma * a) * (m - d) and (gamma * a) * (1 - m - d).
    pos_logits = np.where(positive, dt(-1 * gamma) * pos_weights * (delta_pos - distance), dt(-np.inf))
    neg_logits = np.where(negative, dt(gamma) * neg_weights * (delta_neg - distance), dt(-np.inf))
    # The worked examples show the first pair that counts, not a masked-out diagonal.
    # The pair's indices (@0@1) are written side by side as subscripts: a^p_{01}.
    p, q = _first_pair(positive), _first_pair(negative)
    rec.step("positive_weight", msg("step.circle.positive_weight", margin=margin),
             r"a^p_{ij} = \max\big((m + d_{ij})\,P_{ij},\ 0\big)", pos_weights,
             example=formula(r"a^p_{@0@1} = \max((@2 + @3) \cdot @4,\ 0) = @5", *p, margin,
                             distance[p], float(positive[p]), pos_weights[p]))
    rec.step("negative_weight", msg("step.circle.negative_weight", margin=margin),
             r"a^n_{ij} = \max\big((1 + m - d_{ij})\,N_{ij},\ 0\big)", neg_weights,
             example=formula(r"a^n_{@0@1} = \max((@2 - @s3) \cdot @4,\ 0) = @5", *q, 1 + margin,
                             distance[q], float(negative[q]), neg_weights[q]))
    rec.step("positive_logit", msg("step.circle.positive_logit", gamma=gamma),
             r"u^p_{ij} = -\gamma\, a^p_{ij}\,(m - d_{ij})", pos_logits,
             example=formula(r"u^p_{@0@1} = -@2 \cdot @3 \cdot (@4 - @s5) = @6", *p, gamma,
                             pos_weights[p], margin, distance[p], pos_logits[p]))
    rec.step("negative_logit", msg("step.circle.negative_logit", gamma=gamma),
             r"u^n_{ij} = \gamma\, a^n_{ij}\,(1 - m - d_{ij})", neg_logits,
             example=formula(r"u^n_{@0@1} = @2 \cdot @3 \cdot (@4 - @s5) = @6", *q, gamma,
                             neg_weights[q], 1 - margin, distance[q], neg_logits[q]))
    p_loss = _logsumexp(pos_logits, axis=1)
    n_loss = _logsumexp(neg_logits, axis=1)
    rec.step("lse_positive", "step.circle.lse_positive",
             r"\operatorname{LSE}_p(i) = \log\sum_j e^{u^p_{ij}}", p_loss)
    rec.step("lse_negative", "step.circle.lse_negative",
             r"\operatorname{LSE}_n(i) = \log\sum_j e^{u^n_{ij}}", n_loss)
    loss = _softplus(p_loss + n_loss)
    # XLA on the CPU flushes subnormal results to zero: softplus(x) for x below about -87 is 0 in
    # Keras (float32), and so masked out, where numpy would keep a subnormal like 3e-42.
    loss = np.where(loss < np.finfo(rec.dtype).tiny, dt(0), loss)

    lonely = ~positive.any(axis=1)
    if lonely.any():
        rec.note("note.circle_no_positive", level="warning", count=int(lonely.sum()))
    if (~negative.any(axis=1)).any():
        rec.note("note.circle_no_negative", level="warning")
    zero = loss == 0
    if zero.any():
        rec.note("note.circle_zero_masked", count=int(zero.sum()), total=int(loss.size),
                 valid=int((~zero).sum()))

    def arithmetic(index: tuple[int, ...]) -> Formula:
        return text_formula("softplus(@0 + @s1) = @2", n_loss[index], p_loss[index], loss[index])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # N x N arrays dominate circle's memory (registry: arrays): the ones here are built in
        # place, and only the three recorded ones outlive this function.
        wdt = grad_rec.dtype
        # d softplus(z) / dz = sigmoid(z), as jax's logaddexp(z, 0) differentiates.
        z = p_loss + n_loss
        dz = (upstream * np.exp(z - _softplus(z))).astype(wdt)
        # d LSE / du: the softmax of each row over the pairs that count; the others get exactly 0
        # (Keras' where() replaced them by -inf, a constant).
        d_pos = _lse_backward(pos_logits, positive, dz)
        d_neg = _lse_backward(neg_logits, negative, dz)
        d_logits = d_pos + d_neg
        grad_rec.step("grad.circle.logits", "grad.step.circle.logits",
                      r"\frac{\partial L}{\partial u_{ij}} = \frac{\partial L}{\partial \ell_i}\,"
                      r"\sigma\big(\operatorname{LSE}_p(i) + \operatorname{LSE}_n(i)\big)\,"
                      r"\frac{e^{u_{ij}}}{\sum_k e^{u_{ik}}}", d_logits)
        # u^p = -gamma a^p (m - d) with a^p = max(m + d, 0) on positive pairs, and u^n = gamma a^n
        # (1 - m - d) with a^n = max(1 + m - d, 0) on negative ones: d acts through both factors.
        p = _first_pair(positive)
        example_pos = float(d_pos[p] * gamma * (pos_weights[p] - (delta_pos - distance[p])))
        _times_logit_slope(d_pos, optim_pos + distance, 1, delta_pos - distance, pos_weights, dt(-gamma))
        _times_logit_slope(d_neg, optim_neg - distance, -1, delta_neg - distance, neg_weights, dt(gamma))
        d_pos += d_neg
        d_distance = d_pos
        del d_neg
        grad_rec.step("grad.circle.distance", "grad.step.circle.distance",
                      r"\frac{\partial L}{\partial d_{ij}} = \frac{\partial L}{\partial u^p_{ij}}\,"
                      r"\gamma\big(a^p_{ij} - (m - d_{ij})\big) - \frac{\partial L}{\partial u^n_{ij}}\,"
                      r"\gamma\big(a^n_{ij} + (1 - m - d_{ij})\big)", d_distance,
                      example=formula(r"@0 \cdot @1 \cdot (@2 - (@3 - @s4)) = @5", float(d_logits[p]), gamma,
                                      float(pos_weights[p]), margin, float(distance[p]), example_pos))
        # d = max(1 - s, 0): slope -1 below s = 1, 0 above, and jax's half at s = 1 exactly.
        d_similarity = _floor_slope(raw_distance)
        counted = positive | negative
        past, ties = int(np.sum(counted & (d_similarity == 0))), int(np.sum(counted & (d_similarity == 0.5)))
        del counted
        if past + ties:
            grad_rec.note("note.grad.circle_distance_floor", count=past + ties, ties=ties)
        d_similarity *= d_distance
        np.negative(d_similarity, out=d_similarity)
        grad_rec.step("grad.local", "grad.step.circle.similarity",
                      r"\frac{\partial L}{\partial s_{ij}} = -[s_{ij} < 1]\,\frac{\partial L}{\partial d_{ij}}",
                      d_similarity)
        # s = Y Y^T: each row of y_pred appears in its own row of s and in its own column.
        grad = (np.matmul(d_similarity, y_pred) + np.matmul(d_similarity.T, y_pred)).astype(wdt)
        grad_rec.step(GRADIENT_STEP, "grad.step.circle.embedding",
                      r"\frac{\partial L}{\partial \hat{y}_i} = \sum_j \Big(\frac{\partial L}{\partial s_{ij}}"
                      r" + \frac{\partial L}{\partial s_{ji}}\Big)\,\hat{y}_j", grad)
        return grad

    return LossOutput(loss, similarity, aggregation="custom", axis=None, arithmetic=arithmetic,
                      mask=loss > 0, backward=backward)


def _lse_backward(logits: np.ndarray, mask: np.ndarray, upstream: np.ndarray) -> np.ndarray:
    """upstream_i * d logsumexp_i / d logits_ij as jax computes it, exp(u - max) / sum exp(u - max),
    and 0 where ``mask`` is False (a row with nothing to count would give 0 / 0)."""
    amax = np.max(logits, axis=1, keepdims=True, initial=-np.inf)
    amax = np.where(np.isfinite(amax), amax, 0).astype(logits.dtype)
    out = np.subtract(logits, amax)
    np.exp(out, out=out)
    total = xla_sum(out, axis=1, keepdims=True)
    with np.errstate(all="ignore"):
        out *= (upstream[:, None] / total).astype(out.dtype)
    np.copyto(out, 0, where=~mask)
    return out


def _floor_slope(x: np.ndarray) -> np.ndarray:
    """d max(x, 0)/dx as jax computes it (1 above, 0 below, half at 0): ``gradient.max_slope(x, 0)``
    in one new array instead of four, for circle's N x N arrays."""
    tie = x == 0
    out = np.greater(x, 0).astype(x.dtype)
    out[tie] = 0.5
    return out


def _times_logit_slope(grad: np.ndarray, weight_arg: np.ndarray, weight_step: int, gap: np.ndarray,
                       weights: np.ndarray, scale: np.floating) -> None:
    """grad *= du/dd in place, for a pair's logit u = scale * a * gap, a = max(w, 0).

    w and gap are the pair's weight argument and distance from its margin; dw/dd is
    ``weight_step`` (+1 for positive pairs' m + d, -1 for negative pairs' 1 + m - d) and
    dgap/dd = -1 for both, so du/dd = scale * (slope(w) * weight_step * gap - a).
    """
    slope = _floor_slope(weight_arg)
    slope *= gap
    if weight_step < 0:
        np.negative(slope, out=slope)
    slope -= weights
    slope *= scale
    grad *= slope


def _update_phi(phi: np.ndarray, added: np.ndarray) -> np.ndarray:
    """optax's update_phi_score: phi[:, 1:] gains ``added`` in log space; phi[:, 0] is kept."""
    return np.concatenate([phi[:, :1], np.logaddexp(phi[:, 1:], added)], axis=-1)


def ctc(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""CTC: \ell = -\log \sum_{\pi \in \mathcal{B}^{-1}(y)} \prod_t p_t(\pi_t), by forward recursion.

    Class 0 is the blank and the padding of ``y_true``; a row's label length is its number of
    non-zero entries; every sequence uses all T steps of ``y_pred``, which holds logits.
    """
    n, steps, classes = y_pred.shape
    if steps == 0 or y_true.shape[1] == 0:
        # errors.shape_error names y_true; here the missing time steps are y_pred's.
        raise LossInputError("error.shape.ctc_empty", argument="y_pred",
                             y_true_shape=tuple(y_true.shape), y_pred_shape=tuple(y_pred.shape))
    # Keras' jax ctc_loss computes at result_type(y_pred.dtype, "float32"), which Keras' type
    # lattice makes float32 even for float64: a float64 CTC is float32 throughout.
    work = np.dtype(np.float32)
    dt = work.type
    if rec.dtype != work:
        rec.note("note.ctc_float64_in_float32", dtype=rec.dtype.name)
        y_pred = y_pred.astype(work)
    labels = y_true.astype(np.int32)
    max_label = labels.shape[1]
    label_length = np.sum(y_true != 0, axis=-1).astype(np.int32)
    rec.step("label_length", "step.ctc.label_length", r"L = \#\{n : y_n \ne 0\}", label_length)
    rec.note("note.ctc_blank_is_zero", classes=classes, last=classes - 1)
    inner_zero = np.any((labels[:, :-1] == 0) & (labels[:, 1:] != 0), axis=1)
    if inner_zero.any():
        rec.note("note.ctc_zero_inside_label", level="warning", count=int(inner_zero.sum()))
    if np.all((y_pred >= 0) & (y_pred <= 1)) and np.allclose(y_pred.sum(axis=-1), 1, atol=1e-3):
        rec.note("note.ctc_probabilities_as_logits", level="warning")

    # log_softmax(z) = (z - max) - log sum exp(z - max): the shift keeps exp from overflowing.
    shifted = y_pred - np.max(y_pred, axis=-1, keepdims=True)
    lse = np.log(xla_sum(np.exp(shifted), axis=-1, keepdims=True))
    logprobs = shifted - lse
    rec.step("log_softmax", "step.ctc.log_softmax",
             r"\log p_t(k) = z_{t,k} - \log\sum_c e^{z_{t,c}}", logprobs,
             example=formula("@0 - @s1 = @2", y_pred[0, 0, 0], np.max(y_pred[0, 0]) + lse[0, 0, 0],
                             logprobs[0, 0, 0]))

    extended = np.zeros((n, 2 * max_label + 1), dtype=work)
    extended[:, 1::2] = labels
    inserted = np.zeros(extended.shape, dtype=bool)
    inserted[:, 0::2] = True
    rec.step("extended_labels", "step.ctc.extended_labels",
             r"l' = (0, y_1, 0, y_2, \ldots, y_L, 0)", extended, changed=inserted)

    # repeat[b, n] = 1 when label n equals label n + 1: those two need a blank between them.
    repeat = np.zeros((n, max_label), dtype=work)
    repeat[:, :-1] = labels[:, :-1] == labels[:, 1:]
    log_eps = dt(LOG_EPSILON)
    lp_blank = logprobs[:, :, 0]
    # logprobs_emit[b, t, n] = log p_t(label n of sample b): Keras' einsum with a one-hot. A label
    # outside 0..C-1 one-hot encodes as zeros, so its log p is 0 (compute refuses it, and tells
    # what Keras returns with it).
    known = (labels >= 0) & (labels < classes)
    lp_emit = np.take_along_axis(logprobs, np.broadcast_to(np.where(known, labels, 0)[:, None, :],
                                                           (n, steps, max_label)), axis=2)
    lp_emit = np.where(known[:, None, :], lp_emit, dt(0))
    # phi[b, n]: log alpha of the blank after n labels; emit[b, n]: of label n + 1 itself.
    phi = np.full((n, max_label + 1), log_eps, dtype=work)
    phi[:, 0] = 0
    emit = np.full((n, max_label), log_eps, dtype=work)
    table = np.empty((steps, 2 * max_label + 1), dtype=work)
    history = []  # each step's inputs and partial results, for the backward pass
    for t in range(steps):
        # A label may follow the previous one directly unless it repeats it.
        reachable = _update_phi(phi, emit + log_eps * repeat)
        next_emit = np.logaddexp(reachable[:, :-1] + lp_emit[:, t], emit + lp_emit[:, t])
        stay = reachable + lp_blank[:, t, None]
        # The blank after a repeated label is reached from the label itself.
        next_phi = _update_phi(stay, emit + lp_blank[:, t, None] + log_eps * (1.0 - repeat))
        history.append((phi, emit, reachable, stay, next_phi, next_emit))
        phi, emit = next_phi, next_emit
        table[t, 0::2] = phi[0]
        table[t, 1::2] = emit[0]
    final = _update_phi(phi, emit)
    rows = np.arange(n)
    per_sample = -final[rows, label_length]

    first = int(label_length[0])
    alpha = table[:, : 2 * first + 1]
    rec.step("alpha", msg("step.ctc.alpha", sample=0),
             r"\log\alpha_t(s) = \log p_t(l'_s) + \log\big(\alpha_{t-1}(s) + \alpha_{t-1}(s-1) + "
             r"[l'_s \ne 0,\ l'_s \ne l'_{s-2}]\,\alpha_{t-1}(s-2)\big)",
             alpha, example=formula(r"\log\alpha_1(0) = \log p_1(0) = @0", logprobs[0, 0, 0]))
    if np.any(alpha < LOG_EPSILON / 10):
        rec.note("note.ctc_log_epsilon")
    # Each label needs a step, and each repeat within the label a blank step between.
    repeats = (labels[:, :-1] == labels[:, 1:]) & (np.arange(1, max_label) < label_length[:, None])
    impossible = label_length + repeats.sum(axis=1) > steps
    if impossible.any():
        rec.note("note.ctc_impossible", level="warning", count=int(impossible.sum()), steps=steps)

    end_blank = phi[rows, label_length]
    end_label = np.where(label_length > 0, emit[rows, np.maximum(label_length - 1, 0)], dt(-np.inf))

    def arithmetic(index: tuple[int, ...]) -> Formula:
        b = index[0]
        if label_length[b] == 0:
            return text_formula("-(@0) = @1", end_blank[b], per_sample[b])
        return text_formula("-log(exp(@0) + exp(@1)) = @2", end_blank[b], end_label[b],
                            per_sample[b])

    def backward(grad_rec: Recorder, upstream: np.ndarray) -> np.ndarray:
        # Reverse-mode through the same recursion (the backward, or beta, pass): each logaddexp
        # c = log(e^a + e^b) hands its gradient to a and b in the shares e^(a - c) and e^(b - c).
        g_final = np.zeros(final.shape, dtype=work)
        g_final[rows, label_length] = -upstream.astype(work)
        g_phi, g_emit = _update_phi_backward(phi, emit, final, g_final)
        g_blank = np.zeros((n, steps), dtype=work)
        g_label = np.zeros((n, steps, max_label), dtype=work)
        for t in range(steps - 1, -1, -1):
            prev_phi, prev_emit, reachable, stay, next_phi, next_emit = history[t]
            g_stay, g_blank_move = _update_phi_backward(
                stay, prev_emit + lp_blank[:, t, None] + log_eps * (1.0 - repeat), next_phi, g_phi)
            g_prev_emit = g_blank_move
            g_blank[:, t] = np.sum(g_stay, axis=1) + np.sum(g_blank_move, axis=1)
            g_reachable = g_stay.copy()
            from_blank = reachable[:, :-1] + lp_emit[:, t]
            from_label = prev_emit + lp_emit[:, t]
            share_blank = g_emit * np.exp(from_blank - next_emit)
            share_label = g_emit * np.exp(from_label - next_emit)
            g_reachable[:, :-1] += share_blank
            g_prev_emit = g_prev_emit + share_label
            g_label[:, t] = share_blank + share_label
            g_phi, g_skip = _update_phi_backward(prev_phi, prev_emit + log_eps * repeat, reachable,
                                                 g_reachable)
            g_emit = g_prev_emit + g_skip
        # log p_t(blank) and log p_t(label n) are entries of the log-probabilities: add them back.
        g_logprobs = np.zeros((n, steps, classes), dtype=work)
        g_logprobs[:, :, 0] += g_blank
        batch = np.broadcast_to(rows[:, None, None], g_label.shape)
        time = np.broadcast_to(np.arange(steps)[None, :, None], g_label.shape)
        np.add.at(g_logprobs, (batch, time, np.broadcast_to(labels[:, None, :], g_label.shape)), g_label)
        grad_rec.step("grad.ctc.logprobs", "grad.step.ctc.logprobs",
                      r"\frac{\partial L}{\partial \log p_t(k)} = -\frac{\partial L}{\partial \ell}\,"
                      r"\frac{\sum_{s:\,l'_s = k} \alpha_t(s)\,\beta_t(s)}{\sum_s \alpha_t(s)\,\beta_t(s)}",
                      g_logprobs)
        # log_softmax: d/dz_k = g_k - p_k sum_c g_c.
        probs = np.exp(logprobs)
        grad = (g_logprobs - probs * np.sum(g_logprobs, axis=-1, keepdims=True)).astype(work)
        grad_rec.step(GRADIENT_STEP, "grad.step.ctc.logits",
                      r"\frac{\partial L}{\partial z_{t,k}} = \frac{\partial L}{\partial \log p_t(k)} - "
                      r"p_t(k) \sum_c \frac{\partial L}{\partial \log p_t(c)}", grad,
                      example=formula(r"@0 - @1 \cdot @s2 = @3", float(g_logprobs[0, 0, 0]), float(probs[0, 0, 0]),
                                      float(np.sum(g_logprobs[0, 0])), float(grad[0, 0, 0])))
        if impossible.any():
            grad_rec.note("note.grad.ctc_impossible", count=int(impossible.sum()))
        return grad

    # What the last step adds up: log alpha_T of the final blank and of the last label.
    terms = np.stack([end_blank, end_label], axis=-1)
    return LossOutput(per_sample, terms, aggregation="custom", axis=-1, arithmetic=arithmetic,
                      backward=backward)


def _update_phi_backward(phi: np.ndarray, added: np.ndarray, out: np.ndarray,
                         g_out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The gradient of ``_update_phi``: to phi (column 0 as is) and to ``added``, by their shares."""
    g_phi = g_out.copy()
    g_phi[:, 1:] = g_out[:, 1:] * np.exp(phi[:, 1:] - out[:, 1:])
    return g_phi, g_out[:, 1:] * np.exp(added - out[:, 1:])
