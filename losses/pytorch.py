"""PyTorch's ``torch.nn`` losses as step-by-step numpy, and PyTorch's reductions.

Each function reproduces ``torch.nn.<Class>(**params)(input=y_pred, target=y_true)`` with
``reduction="none"``: the arithmetic of the CPU kernels in ``aten/src/ATen/native/Loss.cpp``
(and ``LossNLL.cpp``, ``LossMultiMargin.cpp``), in float32 like torch's default dtype. Our
argument order stays ``(y_true, y_pred)``. :func:`reduce` then applies ``"mean"``, ``"sum"``,
``"batchmean"`` or ``"none"`` as ``torch.nn.functional`` does.

What differs from Keras lives here, visibly: "mean" averages over *all* elements (not per sample
first), class weights change the divisor of "mean", BCELoss clamps the log at -100 instead of
clipping probabilities, KLDivLoss and NLLLoss take log-probabilities, PoissonNLLLoss a log-rate.

Two losses take a pair of inputs; Loss Lab stacks the pair in y_pred along axis 1:
MarginRankingLoss reads y_pred (N, 2) as x1 = y_pred[:, 0], x2 = y_pred[:, 1], and
CosineEmbeddingLoss reads y_pred (N, 2, D) as x1 = y_pred[:, 0, :], x2 = y_pred[:, 1, :];
y_true holds the labels y (N,) in both.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from losses.errors import LossInputError
from losses.numbers import fmt
from losses.reduction import TERMS_SHOWN, Reduced
from losses.spec import LossSpec
from losses.trace import LossOutput, Recorder, first_index

REDUCTIONS = ("mean", "sum", "none")
"""``torch.nn`` reductions; KLDivLoss also takes "batchmean" (its spec lists it)."""

LOG_CLAMP = -100.0
"""BCELoss clamps each log at -100 (``std::max(std::log(x), -100)`` in ``Loss.cpp``)."""

COSINE_EPSILON = 1e-12
"""Added to each squared norm in ``cosine_embedding_loss`` (``Loss.cpp``: ``EPSILON = 1e-12``)."""


# ---------------------------------------------------------------- validation at the edge

def standardize_reduction(reduction: Any, spec: LossSpec) -> str:
    """PyTorch's reduction strings; ``None`` is not one (torch raises on it)."""
    allowed = spec.reductions or REDUCTIONS
    if not isinstance(reduction, str) or reduction not in allowed:
        hint = " PyTorch spells no reduction as the string \"none\"." if reduction is None else ""
        raise LossInputError(
            f"reduction: {str(reduction)[:40]!r} is not a reduction of torch.nn.{spec.name}. "
            f"Choose one of: {', '.join(allowed)}.{hint}",
            key="error.unknown_reduction",
            argument="reduction",
            value=str(reduction)[:40],
            choices=", ".join(allowed),
        )
    return reduction


def check_inputs(spec: LossSpec, yt: np.ndarray, yp: np.ndarray, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """Torch's shape rules, stricter than Keras': no rank alignment, classes on axis 1."""
    if yp.ndim == 0 or yt.ndim == 0:
        raise LossInputError(
            "y_true and y_pred must be arrays (at least one row of numbers), not single numbers.",
            key="error.scalar_input",
            argument="y_pred" if yp.ndim == 0 else "y_true",
        )
    inputs = spec.inputs
    if inputs == "elementwise":
        if yt.shape != yp.shape:
            raise _shape_error(yt, yp, "PyTorch needs exactly the same shape, one target per input.")
    elif inputs in ("class_index", "class_index_or_probabilities"):
        _check_class_inputs(spec, yt, yp, params)
    elif inputs == "pair":
        if yp.ndim != 2 or yp.shape[1] != 2 or yt.shape != yp.shape[:1]:
            raise _shape_error(
                yt, yp, "y_pred must hold the pair (x1, x2) in two columns, shape (N, 2), and "
                "y_true one label 1 or -1 per row, shape (N,).",
            )
    elif inputs == "embedding_pair":
        if yp.ndim != 3 or yp.shape[1] != 2 or yt.shape != yp.shape[:1]:
            raise _shape_error(
                yt, yp, "y_pred must hold the pair (x1, x2) of embeddings, shape (N, 2, D) with "
                "y_pred[:, 0] = x1 and y_pred[:, 1] = x2, and y_true one label 1 or -1 per "
                "pair, shape (N,).",
            )
    if spec.name == "BCELoss":
        # Loss.cpp checks both ranges before computing anything.
        for argument, array in (("y_pred", yp), ("y_true", yt)):
            outside = (array < 0) | (array > 1)
            if outside.any():
                where = tuple(int(i) for i in np.argwhere(outside)[0])
                role = "input" if argument == "y_pred" else "target"
                raise LossInputError(
                    f"BCELoss needs every {argument} between 0 and 1; found {fmt(array[where])} at "
                    f"position {where}. PyTorch stops with \"all elements of {role} should be "
                    "between 0 and 1\". For logits, use BCEWithLogitsLoss.",
                    key="error.probability_range",
                    argument=argument,
                    position=str(where),
                    value=fmt(array[where]),
                )
    for name in ("weight", "pos_weight"):
        if spec.name in ("BCELoss", "BCEWithLogitsLoss") and params.get(name) is not None:
            size = len(params[name])
            if size not in (1, yp.shape[-1]):
                raise LossInputError(
                    f"{name} has {size} numbers, but y_pred's last axis has {yp.shape[-1]}: PyTorch "
                    f"broadcasts {name} against the last axis, so give 1 or {yp.shape[-1]} numbers.",
                    key="error.weight_length",
                    argument=name,
                    size=size,
                    expected=int(yp.shape[-1]),
                )
    return yt, yp


def _check_class_inputs(spec: LossSpec, yt: np.ndarray, yp: np.ndarray, params: dict) -> None:
    if yp.ndim < 2:
        raise _shape_error(yt, yp, "y_pred must hold one row of class scores per sample, shape (N, C).")
    if spec.name == "MultiMarginLoss" and yp.ndim != 2:
        raise _shape_error(yt, yp, "MultiMarginLoss takes y_pred of shape (N, C).")
    classes = yp.shape[1]
    index_shape = yp.shape[:1] + yp.shape[2:]
    probabilities = spec.inputs == "class_index_or_probabilities" and yt.shape == yp.shape
    if not probabilities and yt.shape != index_shape:
        expected = (
            f"y_true must hold one class index per sample, shape {index_shape}"
            + (f", or class probabilities of y_pred's shape {tuple(yp.shape)}"
               if spec.inputs == "class_index_or_probabilities" else "")
            + ". PyTorch puts the classes on axis 1."
        )
        raise _shape_error(yt, yp, expected, index_shape=str(index_shape))
    weight = params.get("weight")
    if weight is not None and len(weight) != classes:
        raise LossInputError(
            f"weight has {len(weight)} numbers but there are {classes} classes: PyTorch needs one "
            "weight per class.",
            key="error.weight_length",
            argument="weight",
            size=len(weight),
            expected=classes,
        )
    if probabilities:
        if params.get("ignore_index", -100) != -100:
            raise LossInputError(
                "ignore_index works only with class-index targets; y_true here holds "
                "probabilities. PyTorch stops with \"ignore_index is not supported for floating "
                "point target\".",
                key="error.ignore_index_probabilities",
                argument="ignore_index",
            )
        return
    ignore = params.get("ignore_index")
    valid = yt if ignore is None else yt[yt != ignore]
    bad = (valid != np.round(valid)) | (valid < 0) | (valid >= classes)
    if bad.any():
        raise LossInputError(
            f"y_true must hold class indices 0 to {classes - 1} (y_pred has {classes} classes on "
            f"axis 1); found {fmt(valid[bad][0])}. PyTorch stops with \"Target "
            f"{fmt(valid[bad][0])} is out of bounds\".",
            key="error.class_range",
            argument="y_true",
            classes=classes,
            last=classes - 1,
            value=fmt(valid[bad][0]),
        )


def _shape_error(yt: np.ndarray, yp: np.ndarray, expected: str, **params: Any) -> LossInputError:
    return LossInputError(
        f"y_true has shape {tuple(yt.shape)} and y_pred has shape {tuple(yp.shape)}: {expected}",
        key="error.shape_mismatch",
        argument="y_true",
        y_true_shape=str(tuple(yt.shape)),
        y_pred_shape=str(tuple(yp.shape)),
        expected=expected,
        **params,
    )


# ---------------------------------------------------------------- reduction

def _sum_text(values: np.ndarray, digits: int) -> str:
    flat = np.ravel(values)
    parts = [fmt(flat[0], digits)] if flat.size else ["0"]
    for v in flat[1:TERMS_SHOWN]:
        text = fmt(v, digits)
        parts.append(f"({text})" if text.startswith("-") else text)
    text = " + ".join(parts)
    if flat.size > TERMS_SHOWN:
        text += f" + ... ({flat.size - TERMS_SHOWN} more)"
    return text


def reduce(values: np.ndarray, out: LossOutput, reduction: str, dtype: np.dtype, digits: int,
           name: str) -> Reduced:
    """Reduce torch's unreduced loss as ``apply_loss_reduction`` and ``kl_div`` do.

    "mean" divides by the number of elements, or, when the loss gives ``mean_weights``
    (NLLLoss, CrossEntropyLoss with class indices), by their sum, without guarding 0 / 0:
    torch returns nan where Keras' ``divide_no_nan`` returns 0.
    """
    notes: list[tuple[str, str, dict]] = []
    f = lambda x: fmt(x, digits)  # noqa: E731
    if reduction == "none":
        text = "no reduction: " + ", ".join(f(v) for v in values.ravel()[:TERMS_SHOWN])
        if values.size > TERMS_SHOWN:
            text += f", ... ({values.size - TERMS_SHOWN} more)"
        return Reduced(values, None, values, text, r"\text{no reduction}", ())

    total = np.sum(values, dtype=dtype)
    sum_text = _sum_text(values, digits)
    if reduction == "sum":
        return Reduced(values, None, float(total), f"{sum_text} = {f(total)}",
                       rf"\sum_i \ell_i = {f(total)}", ())

    weights = out.mean_weights
    if reduction == "batchmean":
        # kl_div: sum, then divide by input.size(0).
        count = values.shape[0]
        divisor, div_text = dtype.type(count), f(count)
        symbol = r"\frac{1}{N}\sum_{n,c} \ell_{n,c}"
    elif weights is not None:
        divisor = np.sum(weights, dtype=dtype)
        flat_w = np.ravel(weights)
        ignored = int(np.sum(flat_w == 0))
        if np.all(flat_w == 1):
            div_text = f(divisor)
            symbol = r"\frac{1}{N}\sum_n \ell_n"
        elif np.all((flat_w == 0) | (flat_w == 1)):
            div_text = f(divisor)
            symbol = r"\frac{1}{\#\{n : y_n \ne \text{ignore}\}}\sum_n \ell_n"
        else:
            shown = " + ".join(f(w) for w in flat_w[:TERMS_SHOWN])
            if flat_w.size > TERMS_SHOWN:
                shown += f" + ... ({flat_w.size - TERMS_SHOWN} more)"
            div_text = f"({shown})" if flat_w.size > 1 else shown
            symbol = r"\frac{\sum_n \ell_n}{\sum_n w_{y_n}}"
            notes.append((
                "note.torch_weighted_mean",
                f"With class weights, \"mean\" divides by the sum of the weights of the targets "
                f"({f(divisor)}), not by the number of samples ({flat_w.size}).",
                {"divisor": f(divisor), "count": int(flat_w.size)},
            ))
        if divisor == 0:
            notes.append((
                "note.torch_mean_nan",
                "Every target is ignored or has weight 0, so \"mean\" divides 0 by 0 and PyTorch "
                "returns nan (Keras would return 0 here).",
                {"ignored": ignored},
            ))
    else:
        divisor, div_text = dtype.type(values.size), f(values.size)
        symbol = r"\frac{1}{n}\sum_i \ell_i"
        if values.size == 0:
            notes.append((
                "note.torch_empty_mean",
                "The batch is empty: the mean of no numbers is 0 / 0, and PyTorch returns nan.",
                {},
            ))
        elif values.ndim >= 2 and name == "KLDivLoss":
            notes.append((
                "note.torch_kl_mean",
                f"\"mean\" divides by all {values.size} elements ({' × '.join(map(str, values.shape))}), "
                "so it is not the KL divergence: \"batchmean\" divides by the batch size "
                f"{values.shape[0]} and gives it (the number Keras' KLDivergence reports).",
                {"count": int(values.size), "batch": int(values.shape[0]),
                 "dims": " × ".join(map(str, values.shape))},
            ))
        elif values.ndim >= 2:
            notes.append((
                "note.torch_mean_all_elements",
                f"\"mean\" divides by all {values.size} elements ({' × '.join(map(str, values.shape))}) "
                "at once; PyTorch has no per-sample step before the batch mean.",
                {"count": int(values.size), "dims": " × ".join(map(str, values.shape))},
            ))
    value = total / divisor
    return Reduced(values, None, float(value), f"({sum_text}) / {div_text} = {f(value)}",
                   rf"{symbol} = {f(value)}", tuple(notes))


# ---------------------------------------------------------------- helpers

def empty_batch(rec: Recorder, spec: LossSpec, yt: np.ndarray, yp: np.ndarray) -> LossOutput:
    """No elements: torch's unreduced output is empty, in the shape its "none" would have."""
    if spec.inputs == "elementwise":
        shape = yp.shape
    elif spec.inputs in ("class_index", "class_index_or_probabilities"):
        shape = yp.shape[:1] + yp.shape[2:]
    else:
        shape = yp.shape[:1]
    rec.note("note.torch_empty_batch", "There are no elements, so there is nothing to add up.")
    empty = np.zeros(shape, dtype=rec.dtype)
    return LossOutput(empty, empty, aggregation="custom", axis=None)


def _elementwise(terms: np.ndarray, arithmetic) -> LossOutput:
    """Torch's unreduced output of an elementwise loss is the terms themselves."""
    return LossOutput(terms, terms, aggregation="custom", axis=None, arithmetic=arithmetic)


def _apply_weight(rec: Recorder, terms: np.ndarray, weight: tuple[float, ...] | None) -> np.ndarray:
    """BCELoss / BCEWithLogitsLoss ``weight``: multiplied in after the loss, broadcast on the last axis."""
    if weight is None:
        return terms
    w = np.asarray(weight, dtype=rec.dtype)
    weighted = terms * w
    i = first_index(weighted)
    rec.step("weight", "Multiply by weight (broadcast along the last axis)", r"\ell = w \cdot t",
             weighted, example=f"{rec.f(np.broadcast_to(w, terms.shape)[i])} \\cdot {rec.s(terms[i])} "
             f"= {rec.f(weighted[i])}")
    return weighted


def _log_softmax(rec: Recorder, logits: np.ndarray) -> np.ndarray:
    """``log_softmax`` over axis 1 as the CPU kernel computes it: (x - max) - log(sum(exp(x - max)))."""
    peak = np.max(logits, axis=1, keepdims=True)
    shifted = logits - peak
    log_total = np.log(np.sum(np.exp(shifted), axis=1, keepdims=True, dtype=rec.dtype))
    log_p = shifted - log_total
    i = first_index(log_p)
    rec.step("log_softmax", "Log-softmax over the classes (axis 1)",
             r"\log p_c = (x_c - \max_k x_k) - \log\sum_k e^{x_k - \max_k x_k}", log_p,
             example=f"({rec.f(logits[i])} - {rec.s(peak[i[:1] + (0,) + i[2:]])}) - "
                     f"\\log {rec.f(np.exp(log_total[i[:1] + (0,) + i[2:]]))} = {rec.f(log_p[i])}")
    return log_p


def _pick(array: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``array[n, y_n, ...]``: the entry of each target class along axis 1."""
    return np.squeeze(np.take_along_axis(array, index[:, None, ...], axis=1), axis=1)


# ---------------------------------------------------------------- regression

def mse_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""MSELoss: \ell = (x - y)^2 for each element, x = y_pred, y = y_true."""
    diff = y_pred - y_true
    i = first_index(diff)
    rec.step("difference", "Difference input - target", r"d = x - y", diff,
             example=f"{rec.f(y_pred[i])} - {rec.s(y_true[i])} = {rec.f(diff[i])}")
    terms = diff * diff
    rec.step("term", "Square each difference", r"\ell = d^2", terms,
             example=f"{rec.s(diff[i])}^2 = {rec.f(terms[i])}")
    return _elementwise(terms, lambda j: f"({rec.f(y_pred[j])} - {rec.s(y_true[j])})^2 = {rec.f(terms[j])}")


def l1_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""L1Loss: \ell = |x - y| for each element."""
    diff = y_pred - y_true
    i = first_index(diff)
    rec.step("difference", "Difference input - target", r"d = x - y", diff,
             example=f"{rec.f(y_pred[i])} - {rec.s(y_true[i])} = {rec.f(diff[i])}")
    terms = np.abs(diff)
    rec.step("term", "Absolute value of each difference", r"\ell = |d|", terms,
             example=f"|{rec.f(diff[i])}| = {rec.f(terms[i])}")
    return _elementwise(terms, lambda j: f"|{rec.f(y_pred[j])} - {rec.s(y_true[j])}| = {rec.f(terms[j])}")


def huber_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, delta: float = 1.0) -> LossOutput:
    r"""HuberLoss: \ell = \tfrac12 z^2 if z < \delta else \delta (z - \tfrac12\delta), z = |x - y|."""
    d = rec.dtype.type(delta)
    z = np.abs(y_pred - y_true)
    i = first_index(z)
    rec.step("abs_error", "Absolute error |input - target|", r"z = |x - y|", z,
             example=f"|{rec.f(y_pred[i])} - {rec.s(y_true[i])}| = {rec.f(z[i])}")
    quadratic = z < d
    # Loss.cpp's form: delta * (z - 0.5 * delta), not Keras' delta * z - 0.5 * delta^2.
    terms = np.where(quadratic, 0.5 * z * z, d * (z - 0.5 * d))
    branch = (f"\\tfrac12 \\cdot {rec.f(z[i])}^2" if quadratic[i]
              else f"{rec.f(delta)} \\cdot ({rec.f(z[i])} - \\tfrac12 \\cdot {rec.f(delta)})")
    rec.step("term", f"Quadratic below delta = {rec.f(delta)}, linear from there",
             r"\ell = \begin{cases} \tfrac12 z^2 & z < \delta \\ \delta\,(z - \tfrac12\delta) & \text{otherwise} \end{cases}",
             terms, changed=~quadratic, example=f"{branch} = {rec.f(terms[i])}", delta=delta)
    if (~quadratic).any():
        rec.note("note.huber_linear",
                 f"{int((~quadratic).sum())} element(s) have |error| >= delta = {rec.f(delta)} and use "
                 "the linear branch: large errors grow linearly, not quadratically.",
                 count=int((~quadratic).sum()), delta=rec.f(delta))
    def arithmetic(j):
        if quadratic[j]:
            return f"0.5 × {rec.f(z[j])}^2 = {rec.f(terms[j])}"
        return f"{rec.f(delta)} × ({rec.f(z[j])} - 0.5 × {rec.f(delta)}) = {rec.f(terms[j])}"
    return _elementwise(terms, arithmetic)


def smooth_l1_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, beta: float = 1.0) -> LossOutput:
    r"""SmoothL1Loss: \ell = \tfrac12 z^2 / \beta if z < \beta else z - \tfrac12\beta, z = |x - y|."""
    b = rec.dtype.type(beta)
    z = np.abs(y_pred - y_true)
    i = first_index(z)
    rec.step("abs_error", "Absolute error |input - target|", r"z = |x - y|", z,
             example=f"|{rec.f(y_pred[i])} - {rec.s(y_true[i])}| = {rec.f(z[i])}")
    quadratic = z < b
    if beta == 0:
        # smooth_l1_loss calls l1_loss when beta == 0 (no division by zero).
        rec.step("term", "beta = 0: the absolute error itself (L1Loss)", r"\ell = z", z,
                 example=f"{rec.f(z[i])}", beta=beta)
        return _elementwise(z, lambda j: f"|{rec.f(y_pred[j])} - {rec.s(y_true[j])}| = {rec.f(z[j])}")
    terms = np.where(quadratic, 0.5 * z * z / b, z - 0.5 * b)
    branch = (f"\\tfrac12 \\cdot {rec.f(z[i])}^2 / {rec.f(beta)}" if quadratic[i]
              else f"{rec.f(z[i])} - \\tfrac12 \\cdot {rec.f(beta)}")
    rec.step("term", f"Quadratic below beta = {rec.f(beta)}, linear from there",
             r"\ell = \begin{cases} \tfrac12 z^2 / \beta & z < \beta \\ z - \tfrac12\beta & \text{otherwise} \end{cases}",
             terms, changed=~quadratic, example=f"{branch} = {rec.f(terms[i])}", beta=beta)
    def arithmetic(j):
        if quadratic[j]:
            return f"0.5 × {rec.f(z[j])}^2 / {rec.f(beta)} = {rec.f(terms[j])}"
        return f"{rec.f(z[j])} - 0.5 × {rec.f(beta)} = {rec.f(terms[j])}"
    return _elementwise(terms, arithmetic)


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
    rec.step("log_p", "log(input), clamped at -100", r"a = \max(\log x,\ -100)", log_p,
             changed=raw_log_p < clamp, example=f"\\max(\\log {rec.f(y_pred[i])}, -100) = {rec.f(log_p[i])}")
    rec.step("log_1mp", "log(1 - input), clamped at -100", r"b = \max(\log(1 - x),\ -100)", log_q,
             changed=raw_log_q < clamp,
             example=f"\\max(\\log(1 - {rec.f(y_pred[i])}), -100) = {rec.f(log_q[i])}")
    clamped = (raw_log_p < clamp) | (raw_log_q < clamp)
    if clamped.any():
        rec.note("note.torch_bce_log_clamp",
                 f"{int(clamped.sum())} probability(ies) are exactly 0 or 1, where a log is -inf: "
                 "PyTorch clamps each log at -100, so a confident wrong prediction costs 100 "
                 "(Keras clips probabilities to [1e-7, 1 - 1e-7] instead: a cap of 16.12).",
                 level="warning", count=int(clamped.sum()))
    # Loss.cpp: (y - 1) * b - y * a, the same as -(y a + (1 - y) b).
    terms = (y_true - 1) * log_q - y_true * log_p
    rec.step("term", "Binary cross-entropy of each element", r"t = -\big(y\,a + (1 - y)\,b\big)", terms,
             example=f"-({rec.f(y_true[i])} \\cdot {rec.s(log_p[i])} + (1 - {rec.f(y_true[i])}) \\cdot "
                     f"{rec.s(log_q[i])}) = {rec.f(terms[i])}")
    loss = _apply_weight(rec, terms, weight)
    return _elementwise(loss, lambda j: f"-({rec.f(y_true[j])} × {rec.s(log_p[j])} + "
                                        f"(1 - {rec.f(y_true[j])}) × {rec.s(log_q[j])}) = {rec.f(terms[j])}"
                        + ("" if weight is None else f", × w = {rec.f(loss[j])}"))


def bce_with_logits_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                         weight: tuple[float, ...] | None = None,
                         pos_weight: tuple[float, ...] | None = None) -> LossOutput:
    r"""BCEWithLogitsLoss: \ell = w\,[(1 - y)\,x - (1 + (p_w - 1)\,y)\log\sigma(x)]."""
    x = y_pred
    # log sigma(x) = min(x, 0) - log(1 + e^{-|x|}): never exp of a large positive number.
    log_sig = np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))
    i = first_index(log_sig)
    rec.step("log_sigmoid", "log(sigmoid(input)), computed stably",
             r"\log\sigma(x) = \min(x, 0) - \log(1 + e^{-|x|})", log_sig,
             example=f"\\min({rec.f(x[i])}, 0) - \\log(1 + e^{{-|{rec.f(x[i])}|}}) = {rec.f(log_sig[i])}")
    if pos_weight is not None:
        pw = np.asarray(pos_weight, dtype=rec.dtype)
        log_weight = (pw - 1) * y_true + 1
        rec.step("pos_weight", "Weight of the positive part", r"l_w = 1 + (p_w - 1)\,y", log_weight,
                 example=f"1 + ({rec.f(np.broadcast_to(pw, x.shape)[i])} - 1) \\cdot {rec.f(y_true[i])} "
                         f"= {rec.f(log_weight[i])}")
        log_sig_w = log_sig * log_weight
    else:
        log_weight = None
        log_sig_w = log_sig
    # -(y log s + (1 - y) log(1 - s)) = (1 - y) x - log s, because log(1 - s) = log s - x.
    terms = (1 - y_true) * x - log_sig_w
    lw = "" if log_weight is None else f"{rec.f(log_weight[i])} \\cdot "
    rec.step("term", "Binary cross-entropy from the logit",
             r"t = (1 - y)\,x - l_w \log\sigma(x)" if pos_weight is not None else r"t = (1 - y)\,x - \log\sigma(x)",
             terms, example=f"(1 - {rec.f(y_true[i])}) \\cdot {rec.s(x[i])} - {lw}{rec.s(log_sig[i])} = {rec.f(terms[i])}")
    loss = _apply_weight(rec, terms, weight)
    return _elementwise(loss, lambda j: f"(1 - {rec.f(y_true[j])}) × {rec.s(x[j])} - "
                                        + ("" if log_weight is None else f"{rec.f(log_weight[j])} × ")
                                        + f"{rec.s(log_sig[j])} = {rec.f(terms[j])}"
                                        + ("" if weight is None else f", × w = {rec.f(loss[j])}"))


# ---------------------------------------------------------------- classification

def _class_index_loss(rec: Recorder, labels: np.ndarray, log_p: np.ndarray, *, weight, ignore_index: int,
                      label_smoothing: float, picked_name: str, symbol: str) -> LossOutput:
    """nll_loss, and cross_entropy's label-smoothing mix, on log-probabilities ``log_p`` (N, C, ...).

    ``picked_name`` and ``symbol`` say what is picked: the log-softmax output or y_pred as given.
    """
    dtype = rec.dtype
    classes = log_p.shape[1]
    ignored = labels == ignore_index
    index = np.where(ignored, 0, labels).astype(np.int64)
    w = np.ones(classes, dtype=dtype) if weight is None else np.asarray(weight, dtype=dtype)
    w_axis = w.reshape((1, classes) + (1,) * (log_p.ndim - 2))
    target_w = np.where(ignored, dtype.type(0), w[index])
    picked = _pick(log_p, index)
    nll = np.where(ignored, dtype.type(0), -picked * target_w)
    i = first_index(nll)
    if ignored.any():
        rec.note("note.torch_ignored",
                 f"{int(ignored.sum())} target(s) equal ignore_index = {ignore_index}: their loss is 0 "
                 "and they are left out of the divisor of \"mean\".",
                 count=int(ignored.sum()), ignore_index=ignore_index)
    if weight is not None:
        rec.step("class_weight", "Class weight of each target (0 if ignored)", r"w_{y_n}", target_w,
                 changed=ignored, example=f"w_{{{int(index[i])}}} = {rec.f(target_w[i])}")
    if ignored[i]:
        example = f"y = {ignore_index} \\text{{ is ignored}}: 0"
    elif weight is not None:
        example = f"-{rec.f(target_w[i])} \\cdot {rec.s(picked[i])} = {rec.f(nll[i])}"
    else:
        example = f"-{rec.s(picked[i])} = {rec.f(nll[i])}"
    rec.step("nll", f"Minus {picked_name} at the target class (0 if ignored)"
             + (", times its weight" if weight is not None else ""),
             f"-w_{{y_n}} {symbol}" if weight is not None else f"-{symbol}", nll, changed=ignored,
             example=example)
    one_hot = np.arange(classes).reshape(w_axis.shape) == index[:, None, ...]
    keep = ~ignored[:, None, ...]
    if label_smoothing > 0:
        eps = dtype.type(label_smoothing)
        # cross_entropy_loss_label_smoothing: (1 - eps) * nll + (eps / C) * sum_c(-w_c log p_c).
        smooth = np.where(ignored, dtype.type(0), -np.sum(log_p * w_axis, axis=1, dtype=dtype))
        rec.step("smooth", "Sum over all classes of minus the weighted log-probability",
                 r"s_n = -\sum_c w_c \log p_{n,c}", smooth, changed=ignored,
                 example=f"s = {rec.f(smooth[i])}")
        keep_frac = dtype.type(1 - label_smoothing)
        spread = dtype.type(label_smoothing / classes)
        per_sample = keep_frac * nll + smooth * spread
        rec.step("term", f"Mix: (1 - {rec.f(label_smoothing)}) of the target term, "
                         f"{rec.f(label_smoothing)} / {classes} of the sum",
                 r"\ell_n = (1 - \varepsilon)\,w_{y_n}(-\log p_{n,y_n}) + \frac{\varepsilon}{C}\,s_n", per_sample,
                 example=f"{rec.f(keep_frac)} \\cdot {rec.f(nll[i])} + {rec.f(spread)} \\cdot {rec.f(smooth[i])} "
                         f"= {rec.f(per_sample[i])}", label_smoothing=label_smoothing, classes=classes)
        contributions = np.where(keep, -log_p * w_axis * (keep_frac * one_hot + spread), dtype.type(0))

        def arithmetic(j):
            return (f"{rec.f(keep_frac)} × {rec.f(nll[j])} + {rec.f(spread)} × {rec.f(smooth[j])} = "
                    f"{rec.f(per_sample[j])}")
    else:
        per_sample = nll
        contributions = np.where(keep & one_hot, -log_p * w_axis, dtype.type(0))

        def arithmetic(j):
            if ignored[j]:
                return f"ignored (y = {ignore_index}): 0"
            shown = f"-{rec.s(picked[j])}"
            if weight is not None:
                shown = f"{rec.f(target_w[j])} × ({shown})"
            return f"{shown} = {rec.f(per_sample[j])}"
    return LossOutput(per_sample, contributions, aggregation="custom", axis=1,
                      arithmetic=arithmetic, mean_weights=target_w)


def cross_entropy_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
                       weight: tuple[float, ...] | None = None, ignore_index: int = -100,
                       label_smoothing: float = 0.0) -> LossOutput:
    r"""CrossEntropyLoss on logits: \ell_n = -w_{y_n} \log \mathrm{softmax}(x_n)_{y_n}.

    Class-index targets (N,) pass through ``nll_loss`` (weighted "mean" divides by the sum of the
    target weights); probability targets (N, C) give \ell_n = -\sum_c w_c y_{n,c} \log p_{n,c}
    and "mean" divides by N.
    """
    if np.all((y_pred >= 0) & (y_pred <= 1)) and np.allclose(np.sum(y_pred, axis=1), 1, atol=1e-3):
        rec.note("note.torch_ce_logits",
                 "y_pred looks like probabilities, but CrossEntropyLoss reads it as logits and applies "
                 "softmax again (Keras' categorical_crossentropy takes probabilities by default).")
    log_p = _log_softmax(rec, y_pred)
    if y_true.shape != y_pred.shape:
        return _class_index_loss(rec, y_true, log_p, weight=weight, ignore_index=ignore_index,
                                 label_smoothing=label_smoothing, picked_name="the log-probability",
                                 symbol=r"\log p_{n, y_n}")
    dtype = rec.dtype
    classes = y_pred.shape[1]
    target = y_true
    if label_smoothing > 0:
        target = y_true * dtype.type(1 - label_smoothing) + dtype.type(label_smoothing / classes)
        i = first_index(target)
        rec.step("smoothed_target", "Targets moved towards uniform",
                 r"y' = (1 - \varepsilon)\,y + \varepsilon / C", target, changed=target != y_true,
                 example=f"(1 - {rec.f(label_smoothing)}) \\cdot {rec.f(y_true[i])} + {rec.f(label_smoothing)} / "
                         f"{classes} = {rec.f(target[i])}", label_smoothing=label_smoothing)
    # cross_entropy_loss_prob_target: -(log_p * target * weight).sum(class_dim).
    product = log_p * target
    if weight is not None:
        product = product * np.asarray(weight, dtype=dtype).reshape((1, classes) + (1,) * (y_pred.ndim - 2))
    terms = -product
    i = first_index(terms)
    factors = f"{rec.s(target[i])} \\cdot {rec.s(log_p[i])}"
    if weight is None:
        title, formula = "Minus target times log-probability", r"t_{n,c} = -y_{n,c} \log p_{n,c}"
    else:
        title = "Minus class weight times target times log-probability"
        formula = r"t_{n,c} = -w_c\,y_{n,c} \log p_{n,c}"
        factors = f"{rec.f(weight[0])} \\cdot {factors}"
    rec.step("term", title, formula, terms, example=f"-{factors} = {rec.f(terms[i])}")
    per_sample = -np.sum(product, axis=1, dtype=dtype)
    return LossOutput(per_sample, terms, aggregation="sum", axis=1)


def nll_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *,
             weight: tuple[float, ...] | None = None, ignore_index: int = -100) -> LossOutput:
    r"""NLLLoss on log-probabilities: \ell_n = -w_{y_n} x_{n, y_n}; "mean" divides by \sum_n w_{y_n}."""
    if np.any(y_pred > 0):
        rec.note("note.torch_nll_not_log",
                 "y_pred has values above 0, so it is not log-probabilities: NLLLoss only picks the "
                 "target's entry and negates it (apply log_softmax first, or use CrossEntropyLoss).",
                 level="warning")
    return _class_index_loss(rec, y_true, y_pred, weight=weight, ignore_index=ignore_index,
                             label_smoothing=0.0, picked_name="y_pred (a log-probability)",
                             symbol=r"x_{n, y_n}")


def kl_div_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, log_target: bool = False) -> LossOutput:
    r"""KLDivLoss: \ell = y (\log y - x) with x = y_pred already log-probabilities."""
    x = y_pred
    if np.all((x >= 0) & (x <= 1)) and x.size:
        rec.note("note.torch_kl_input_log",
                 "y_pred lies in [0, 1] like probabilities, but KLDivLoss reads it as "
                 "log-probabilities: pass log(p) (Keras' KLDivergence takes p).", level="warning")
    i = first_index(x)
    if log_target:
        prob = np.exp(y_true)
        rec.step("target_probability", "Target probability from its log", r"q = e^{y}", prob,
                 example=f"e^{{{rec.f(y_true[i])}}} = {rec.f(prob[i])}")
        # kl_div with log_target: exp(y) * (y - x).
        terms = prob * (y_true - x)
        rec.step("term", "Pointwise KL divergence", r"\ell = e^{y}\,(y - x)", terms,
                 example=f"{rec.f(prob[i])} \\cdot ({rec.f(y_true[i])} - {rec.s(x[i])}) = {rec.f(terms[i])}")

        def arithmetic(j):
            return f"{rec.f(prob[j])} × ({rec.f(y_true[j])} - {rec.s(x[j])}) = {rec.f(terms[j])}"
    else:
        # xlogy(y, y) = y log y, defined as 0 at y = 0 (and nan for y < 0).
        ylogy = np.where(y_true == 0, rec.dtype.type(0), y_true * np.log(y_true))
        rec.step("target_entropy_term", "y log y (0 where y = 0)", r"y \log y", ylogy,
                 changed=y_true == 0, example=f"{rec.f(y_true[i])} \\cdot \\log {rec.f(y_true[i])} = {rec.f(ylogy[i])}")
        terms = ylogy - y_true * x
        rec.step("term", "Pointwise KL divergence", r"\ell = y \log y - y\,x", terms,
                 example=f"{rec.s(ylogy[i])} - {rec.f(y_true[i])} \\cdot {rec.s(x[i])} = {rec.f(terms[i])}")

        def arithmetic(j):
            return f"{rec.f(ylogy[j])} - {rec.f(y_true[j])} × {rec.s(x[j])} = {rec.f(terms[j])}"
    return _elementwise(terms, arithmetic)


def poisson_nll_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, log_input: bool = True,
                     full: bool = False, eps: float = 1e-8) -> LossOutput:
    r"""PoissonNLLLoss: \ell = e^{x} - y x (log_input) or x - y \log(x + \epsilon); + Stirling if full."""
    x = y_pred
    i = first_index(x)
    if log_input:
        rate = np.exp(x)
        rec.step("rate", "Rate from the log-rate input", r"\lambda = e^{x}", rate,
                 example=f"e^{{{rec.f(x[i])}}} = {rec.f(rate[i])}")
        rec.note("note.torch_poisson_log_input",
                 "log_input=True (the default): y_pred is the log of the rate, so the rate is e^{y_pred}. "
                 "Keras' poisson takes the rate itself.")
        terms = rate - y_true * x
        rec.step("term", "Poisson negative log-likelihood (log-rate input)", r"t = e^{x} - y\,x", terms,
                 example=f"{rec.f(rate[i])} - {rec.f(y_true[i])} \\cdot {rec.s(x[i])} = {rec.f(terms[i])}")
    else:
        log_rate = np.log(x + rec.dtype.type(eps))
        rec.step("log_rate", f"log(input + eps), eps = {rec.f(eps)}", r"\log(x + \epsilon)", log_rate,
                 example=f"\\log({rec.f(x[i])} + {rec.f(eps)}) = {rec.f(log_rate[i])}", eps=eps)
        terms = x - y_true * log_rate
        rec.step("term", "Poisson negative log-likelihood (rate input)", r"t = x - y \log(x + \epsilon)", terms,
                 example=f"{rec.f(x[i])} - {rec.f(y_true[i])} \\cdot {rec.s(log_rate[i])} = {rec.f(terms[i])}")
    loss = terms
    if full:
        # Stirling's log(y!) ~ y log y - y + 0.5 log(2 pi y), added only where y > 1.
        two_pi = rec.dtype.type(2 * np.pi)
        stirling = y_true * np.log(y_true) - y_true + 0.5 * np.log(two_pi * y_true)
        stirling = np.where(y_true <= 1, rec.dtype.type(0), stirling)
        rec.step("stirling", "Stirling term for log(y!), only where y > 1",
                 r"s = y \log y - y + \tfrac12 \log(2\pi y)\ [y > 1]", stirling, changed=y_true <= 1,
                 example=f"s = {rec.f(stirling[i])}")
        loss = terms + stirling
        rec.step("full", "Add the Stirling term", r"\ell = t + s", loss,
                 example=f"{rec.f(terms[i])} + {rec.s(stirling[i])} = {rec.f(loss[i])}")
    return _elementwise(loss, lambda j: f"{rec.f(terms[j])}" + (f" + {rec.s(stirling[j])} = {rec.f(loss[j])}" if full else ""))


# ---------------------------------------------------------------- margin and embedding

def hinge_embedding_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, margin: float = 1.0) -> LossOutput:
    r"""HingeEmbeddingLoss: \ell = x if y = 1, \max(0, \text{margin} - x) if y = -1 (x is a distance)."""
    x = y_pred
    m = rec.dtype.type(margin)
    clamp = np.maximum(m - x, 0)
    # Loss.cpp adds where(y != 1, clamp, 0) + where(y != -1, x, 0): a label 0 gets both.
    terms = np.where(y_true != 1, clamp, rec.dtype.type(0)) + np.where(y_true != -1, x, rec.dtype.type(0))
    i = first_index(terms)
    rec.step("term", "x for similar pairs (y = 1), max(0, margin - x) for dissimilar (y = -1)",
             r"\ell = \begin{cases} x & y = 1 \\ \max(0,\ \text{margin} - x) & y = -1 \end{cases}", terms,
             changed=y_true == -1, example=f"y = {rec.f(y_true[i])}: {rec.f(terms[i])}", margin=margin)
    other = (y_true != 1) & (y_true != -1)
    if other.any():
        rec.note("note.torch_label_not_pm1",
                 f"y_true holds {rec.f(y_true[other][0])}, which is neither 1 nor -1: PyTorch then adds both "
                 "branches, x + max(0, margin - x).", level="warning", value=rec.f(y_true[other][0]))

    def arithmetic(j):
        if y_true[j] == 1:
            return f"y = 1: {rec.f(x[j])}"
        if y_true[j] == -1:
            return f"y = -1: max(0, {rec.f(margin)} - {rec.s(x[j])}) = {rec.f(terms[j])}"
        return f"{rec.f(x[j])} + max(0, {rec.f(margin)} - {rec.s(x[j])}) = {rec.f(terms[j])}"
    return _elementwise(terms, arithmetic)


def soft_margin_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray) -> LossOutput:
    r"""SoftMarginLoss: \ell = \log(1 + e^{-y x}), computed as torch does, without a stable form."""
    z = -y_pred * y_true
    i = first_index(z)
    rec.step("margin", "Minus label times input", r"z = -y\,x", z,
             example=f"-{rec.s(y_true[i])} \\cdot {rec.s(y_pred[i])} = {rec.f(z[i])}")
    # Loss.cpp: log1p(exp(-y x)) literally, so exp overflows float32 beyond z = 88.7.
    terms = np.log1p(np.exp(z))
    rec.step("term", "log(1 + exp(z))", r"\ell = \log(1 + e^{z})", terms,
             example=f"\\log(1 + e^{{{rec.f(z[i])}}}) = {rec.f(terms[i])}")
    if np.isinf(terms).any():
        rec.note("note.torch_soft_margin_overflow",
                 "PyTorch computes log(1 + exp(z)) directly: exp(z) overflows for z above about 88.7 "
                 "(float32), so the loss is inf where the true value is about z.", level="warning")
    return _elementwise(terms, lambda j: f"log(1 + e^{rec.f(z[j])}) = {rec.f(terms[j])}")


def multi_margin_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, p: int = 1,
                      margin: float = 1.0, weight: tuple[float, ...] | None = None) -> LossOutput:
    r"""MultiMarginLoss: \ell_n = \frac{1}{C}\sum_{i \ne y} w_y \max(0, \text{margin} - x_y + x_i)^p."""
    dtype = rec.dtype
    classes = y_pred.shape[1]
    labels = y_true.astype(np.int64)
    target_score = y_pred[np.arange(len(labels)), labels]
    rec.step("target_score", "Score of the target class", r"x_{y}", target_score,
             example=f"x_{{{int(labels[0])}}} = {rec.f(target_score[0])}" if labels.size else "")
    is_target = np.arange(classes)[None, :] == labels[:, None]
    z = (dtype.type(margin) - target_score[:, None]) + y_pred
    z = np.where(is_target, dtype.type(0), z)
    i = first_index(z)
    rec.step("margin", "Margin violation of each other class (the target's own entry is skipped)",
             r"z_i = \text{margin} - x_y + x_i", z, changed=is_target,
             example=f"{rec.f(margin)} - {rec.s(target_score[0])} + {rec.s(y_pred[i])} = {rec.f(z[i])}"
             if z.size else "", margin=margin)
    h = np.maximum(z, 0)
    if p == 2:
        h = h * h
    if weight is not None:
        h = h * np.asarray(weight, dtype=dtype)[labels][:, None]
    rec.step("term", "Hinge of each violation" + (", squared" if p == 2 else "")
             + (", times the target class's weight" if weight is not None else ""),
             (r"h_i = w_y \max(0, z_i)" if weight is not None else r"h_i = \max(0, z_i)") + ("^2" if p == 2 else ""),
             h, changed=z < 0, example=f"h = {rec.f(h[i])}" if h.size else "", p=p)
    # MultiMarginCriterion: the sum over i != y, divided by C (the target's own class included).
    per_sample = np.sum(h, axis=1, dtype=dtype) / dtype.type(classes)
    return LossOutput(per_sample, h, aggregation="mean", axis=-1)


def cosine_embedding_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, margin: float = 0.0) -> LossOutput:
    r"""CosineEmbeddingLoss: 1 - \cos(x_1, x_2) if y = 1, \max(0, \cos(x_1, x_2) - \text{margin}) if y = -1."""
    dtype = rec.dtype
    x1, x2 = y_pred[:, 0, :], y_pred[:, 1, :]
    eps = dtype.type(COSINE_EPSILON)
    dot = np.sum(x1 * x2, axis=1, dtype=dtype)
    products = " + ".join(f"{rec.f(a)} \\cdot {rec.s(b)}" for a, b in zip(x1[0, :4], x2[0, :4])) if dot.size else ""
    if x1.shape[1] > 4:
        products += r" + \ldots"
    rec.step("dot", "Dot product x1 · x2 (x1 = y_pred[:, 0], x2 = y_pred[:, 1])", r"d = x_1 \cdot x_2", dot,
             example=f"{products} = {rec.f(dot[0])}" if dot.size else "")
    sq1 = np.sum(x1 * x1, axis=1, dtype=dtype) + eps
    sq2 = np.sum(x2 * x2, axis=1, dtype=dtype) + eps
    denom = np.sqrt(sq1 * sq2)
    rec.step("norms", "Product of the norms (1e-12 added to each squared norm)",
             r"m = \sqrt{(\lVert x_1\rVert^2 + 10^{-12})(\lVert x_2\rVert^2 + 10^{-12})}", denom,
             example=f"\\sqrt{{{rec.f(sq1[0])} \\cdot {rec.f(sq2[0])}}} = {rec.f(denom[0])}" if denom.size else "")
    cos = dot / denom
    rec.step("cosine", "Cosine similarity", r"\cos = d / m", cos,
             example=f"{rec.f(dot[0])} / {rec.f(denom[0])} = {rec.f(cos[0])}" if cos.size else "")
    pos = 1 - cos
    neg = np.maximum(cos - dtype.type(margin), 0)
    per_sample = (np.where(y_true == 1, pos, dtype.type(0)) + np.where(y_true == -1, neg, dtype.type(0)))
    rec.step("term", "1 - cos for similar pairs (y = 1), max(0, cos - margin) for dissimilar (y = -1)",
             r"\ell = \begin{cases} 1 - \cos & y = 1 \\ \max(0,\ \cos - \text{margin}) & y = -1 \end{cases}",
             per_sample, changed=y_true == -1, margin=margin)
    other = (y_true != 1) & (y_true != -1)
    if other.any():
        rec.note("note.torch_label_not_pm1",
                 f"y_true holds {rec.f(y_true[other][0])}, which is neither 1 nor -1: PyTorch gives that "
                 "pair a loss of 0.", level="warning", value=rec.f(y_true[other][0]))

    def arithmetic(j):
        if y_true[j] == 1:
            return f"1 - {rec.s(cos[j])} = {rec.f(per_sample[j])}"
        if y_true[j] == -1:
            return f"max(0, {rec.f(cos[j])} - {rec.s(margin)}) = {rec.f(per_sample[j])}"
        return f"y = {rec.f(y_true[j])}: 0"
    return LossOutput(per_sample, x1 * x2, aggregation="custom", axis=None, arithmetic=arithmetic)


def margin_ranking_loss(rec: Recorder, y_true: np.ndarray, y_pred: np.ndarray, *, margin: float = 0.0) -> LossOutput:
    r"""MarginRankingLoss: \ell = \max(0, -y (x_1 - x_2) + \text{margin}), x1 = y_pred[:, 0], x2 = y_pred[:, 1]."""
    x1, x2 = y_pred[:, 0], y_pred[:, 1]
    diff = x1 - x2
    i = first_index(diff)
    rec.step("difference", "Difference x1 - x2 (x1 = y_pred[:, 0], x2 = y_pred[:, 1])", r"d = x_1 - x_2", diff,
             example=f"{rec.f(x1[i])} - {rec.s(x2[i])} = {rec.f(diff[i])}" if diff.size else "")
    per_sample = np.maximum(-y_true * diff + rec.dtype.type(margin), 0)
    rec.step("term", "Hinge on the ranking", r"\ell = \max(0,\ -y\,d + \text{margin})", per_sample,
             changed=-y_true * diff + margin < 0, margin=margin,
             example=f"\\max(0, -{rec.s(y_true[i])} \\cdot {rec.s(diff[i])} + {rec.s(margin)}) = {rec.f(per_sample[i])}"
             if diff.size else "")
    return LossOutput(per_sample, per_sample, aggregation="custom", axis=None,
                      arithmetic=lambda j: f"max(0, -{rec.s(y_true[j])} × {rec.s(diff[j])} + {rec.s(margin)}) "
                                           f"= {rec.f(per_sample[j])}")
