"""Each loss drawn over its natural one-dimensional view, with the slope of that curve.

A curve is a *path* through input space: a map from the plotted variable x (the error, the
predicted probability, the margin, ...) to a batch ``(y_true, y_pred)`` with one sample per grid
point. The curve's values come from one ``losses.compute(..., reduction="none")`` on that batch,
so a curve and the explainer can never disagree. The slopes are analytic derivatives of the same
per-sample loss along the path, written per loss below and tested against central finite
differences of ``compute`` (tests/losses/test_curves.py).

Nothing here imports streamlit, pandas or plotly; labels are i18n keys with parameters, and the
UI turns them into text.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from losses.compute import compute
from losses.numbers import fmt, fmt_list
from losses.registry import get_spec, names
from losses.trace import Trace

__all__ = [
    "AXES",
    "OVERLAYS",
    "TARGETS",
    "Curve",
    "Label",
    "Level",
    "Path",
    "Points",
    "View",
    "learner_view",
    "loss_view",
    "overlay_view",
    "paths",
]

EPSILON = 1e-7
"""Keras' ``backend.epsilon()``: the clipping bound of the probabilistic losses."""

GRID_POINTS = 241
HUBER_DELTAS = (0.5, 1.0, 2.0)
CTC_STEPS = (1, 3, 6)
MAX_TARGET_CURVES = 4
"""A learner's batch may hold many distinct targets; one curve each would be unreadable."""
MAX_POINTS = 400
"""Markers beyond a few hundred hide the curve and cost a formatted hover string each."""

TARGETS = {
    # loss: (default fixed y_true, slider low, slider high, step); the y_true the curve holds fixed.
    "mean_squared_logarithmic_error": (3.0, 0.0, 10.0, 0.5),
    "mean_absolute_percentage_error": (2.0, 0.5, 10.0, 0.5),
    "poisson": (3.0, 0.0, 10.0, 1.0),
    "kl_divergence": (0.3, 0.0, 1.0, 0.05),
}

AXES = (
    "error", "y_pred", "probability", "logit", "p_true", "logit_true", "p_class1", "p_element",
    "rate", "margin", "angle", "coverage", "similarity", "ctc_p",
)
"""Every x-axis a view can have; the UI names each one (i18n key ``curves.axis.<axis>``)."""


@dataclass(frozen=True)
class Label:
    """Text the UI looks up: ``key`` in the i18n tables, formatted with ``params``."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


def _per_sample(trace: Trace) -> np.ndarray:
    return trace.per_sample


def _only_term(trace: Trace) -> np.ndarray:
    """A one-element sample's loss is its one term. Keras averages in float32 even for float64
    input (losses/kops.py), so per_sample carries float32 rounding there; the term does not, and
    finite differences in float64 need it. In float32 the two are the same number."""
    return np.asarray(trace.terms)[:, 0]


@dataclass(frozen=True)
class Path:
    """One curve before it is computed: the grid and how each grid value becomes a sample.

    ``batch(x)`` returns ``(y_true, y_pred)`` with one sample per element of ``x``; ``value``
    picks the curve's number out of the Trace (``per_sample`` unless a single term is drawn);
    ``slope(x)`` is d value / dx, analytic. ``scale`` multiplies value and slope (the logistic
    loss is binary cross-entropy from logits divided by ln 2). ``batched=False`` computes one
    batch per grid point, for losses whose samples interact (circle loss); ``batch`` then gets
    one x at a time.
    """

    key: str
    label: Label
    loss: str
    params: Mapping[str, Any]
    grid: np.ndarray
    batch: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
    slope: Callable[[np.ndarray], np.ndarray] | None
    value: Callable[[Trace], np.ndarray] = _per_sample
    scale: float = 1.0
    main: bool = True
    batched: bool = True
    kinks: tuple[float, ...] = ()
    """x values where the slope jumps or the engine clips: finite differences skip them."""


@dataclass(frozen=True)
class Curve:
    key: str
    label: Label
    loss: str
    params: Mapping[str, Any]
    x: np.ndarray
    y: np.ndarray
    slope: np.ndarray | None
    main: bool = True


@dataclass(frozen=True)
class Level:
    """A horizontal reference line, such as the clipping cap -log(1e-7).

    ``side`` is where the curve reaches it ("left" or "right"), so its label can sit there;
    ``above`` puts the label above the line (False: below, for a second line close under it).
    """

    key: str
    y: float
    params: Mapping[str, Any] = field(default_factory=dict)
    side: str = "right"
    above: bool = True


@dataclass(frozen=True)
class Points:
    """A learner's own elements (or samples) placed on a view.

    ``curve[i]`` is the key of the curve point ``i`` lies on ("" when none of the drawn curves
    is its own). ``y_true``, ``y_pred`` and ``index`` are formatted for hover text; ``kind`` says
    whether ``y`` holds element terms ("term") or per-sample losses ("sample").
    """

    x: np.ndarray
    y: np.ndarray
    curve: tuple[str, ...]
    index: tuple[str, ...]
    y_true: tuple[str, ...]
    y_pred: tuple[str, ...]
    kind: str
    total: int = 0
    """How many elements or samples the learner has; only the first MAX_POINTS are placed."""


@dataclass(frozen=True)
class View:
    """What one chart shows: curves over one x-axis, reference levels, notes and points."""

    name: str
    axis: str
    quantity: str
    curves: tuple[Curve, ...]
    levels: tuple[Level, ...] = ()
    notes: tuple[Label, ...] = ()
    y_range: tuple[float, float] | None = None
    slope_range: tuple[float, float] | None = None
    points: Points | None = None
    x_range: tuple[float, float] | None = None

    def curve(self, key: str) -> Curve:
        for curve in self.curves:
            if curve.key == key:
                return curve
        raise KeyError(f"no curve {key!r}; curves are {[c.key for c in self.curves]}")


# Small helpers


def _params(name: str, given: Mapping[str, Any] | None, **fixed: Any) -> dict[str, Any]:
    """The loss's defaults, overridden by ``given`` (unknown names dropped), then by ``fixed``."""
    spec = get_spec(name)
    out = spec.defaults()
    for key, value in (given or {}).items():
        if key in out:
            out[key] = value
    out.update({k: v for k, v in fixed.items() if k in out})
    return out


def _grid(low: float, high: float, *, extra: Sequence[float] = (), points: int = GRID_POINTS) -> np.ndarray:
    grid = np.linspace(low, high, points)
    extra = [e for e in extra if low <= e <= high]
    return np.unique(np.concatenate([grid, np.asarray(extra, dtype=np.float64)]))


def _probability_grid() -> np.ndarray:
    """[0, 1] with extra points in both tails, so the climb to the clipping cap is drawn."""
    tails = np.logspace(-9, -2, 36)
    return np.unique(np.concatenate([np.linspace(0.0, 1.0, 201), tails, 1.0 - tails]))


def _column(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)[:, None]


def _clip_bounds(dtype: str) -> tuple[float, float]:
    """Keras clips to [epsilon, 1 - epsilon] in the compute dtype: 1 - 1e-7 is 0.99999988 in float32."""
    kind = np.dtype(dtype).type
    return float(kind(EPSILON)), float(kind(1.0 - EPSILON))


def _inside(x: np.ndarray, low: float, high: float) -> np.ndarray:
    return (x > low) & (x < high)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _smooth_binary(y: float, label_smoothing: float) -> float:
    # Keras squeezes binary labels towards 0.5: y (1 - ls) + ls / 2.
    return y * (1.0 - label_smoothing) + 0.5 * label_smoothing


def _targets(name: str, targets: Sequence[float] | None) -> tuple[float, ...]:
    if targets is None or len(targets) == 0:
        return (TARGETS[name][0],)
    return tuple(float(t) for t in targets)[:MAX_TARGET_CURVES]


def _target_label(t: float) -> Label:
    return Label("curves.curve.target", {"value": fmt(t)})


# Regression: against the error e = y_pred - y_true, or against y_pred for a fixed y_true.

_ERROR_SLOPES: dict[str, Callable[[np.ndarray, Mapping[str, Any]], np.ndarray]] = {
    # d/de of the per-element term, e = y_pred - y_true.
    "mean_squared_error": lambda e, p: 2.0 * e,  # (y - ŷ)^2 = e^2
    "mean_absolute_error": lambda e, p: np.sign(e),  # |e|; 0 at e = 0 as TF's abs gradient
    "huber": lambda e, p: np.clip(e, -p["delta"], p["delta"]),  # e inside ±δ, ±δ outside
    "log_cosh": lambda e, p: np.tanh(e),  # d log cosh e = tanh e
}


def _error_path(name: str, params: Mapping[str, Any], span: float, *, key: str | None = None,
                label: Label | None = None, main: bool = True) -> Path:
    kinks = (0.0,) if name in ("mean_absolute_error", "huber") else ()
    if name == "huber":
        kinks = (-params["delta"], 0.0, params["delta"])
    grid = _grid(-span, span, extra=kinks)
    return Path(
        key=key or name,
        label=label or Label(f"curves.loss.{name}"),
        loss=name,
        params=dict(params),
        grid=grid,
        batch=lambda x: (np.zeros((len(x), 1)), _column(x)),
        slope=lambda x: _ERROR_SLOPES[name](np.asarray(x, dtype=np.float64), params),
        value=_only_term,
        main=main,
        kinks=kinks if name != "huber" else (-params["delta"], params["delta"]),
    )


def _error_view(name: str, params: Mapping[str, Any] | None, *, span: float = 4.0) -> tuple[list[Path], dict]:
    p = _params(name, params)
    if name != "huber":
        return [_error_path(name, p, span)], {"notes": (Label(f"curves.note.{name}"),)}
    chosen = p["delta"]
    deltas = sorted({chosen, *(d for d in HUBER_DELTAS if not math.isclose(d, chosen))})
    out = [
        _error_path(name, {**p, "delta": d}, span,
                    key="delta" if d == chosen else f"delta={d:g}",
                    label=Label("curves.curve.delta", {"value": fmt(d)}), main=d == chosen)
        for d in deltas
    ]
    return out, {"notes": (Label("curves.note.huber_deltas"),)}


def _msle_slope(t: float, dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    eps = float(np.dtype(dtype).type(EPSILON))

    def slope(x: np.ndarray) -> np.ndarray:
        # t = (log(max(ŷ, eps) + 1) - log(max(y, eps) + 1))^2; the max is flat below eps.
        diff = np.log(np.maximum(x, eps) + 1.0) - np.log(max(t, eps) + 1.0)
        return np.where(x > eps, 2.0 * diff / (x + 1.0), 0.0)

    return slope


def _mape_slope(t: float, dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    eps = float(np.dtype(dtype).type(EPSILON))
    # t = 100 |y - ŷ| / max(|y|, eps): a V with slope ±100 / |y| per unit of ŷ.
    return lambda x: 100.0 * np.sign(x - t) / max(abs(t), eps)


def _fixed_target_view(name: str, params: Mapping[str, Any] | None, *, targets=None, span=None,
                       dtype: str = "float32") -> tuple[list[Path], dict]:
    p = _params(name, params)
    ts = _targets(name, targets)
    if name == "mean_squared_logarithmic_error":
        low, high = 0.0, max(10.0, 3.0 * max(ts))
        slope_of = _msle_slope
    else:
        scale = max(max(abs(t) for t in ts), 1.0)
        low, high = min(ts) - 2.0 * scale, max(ts) + 2.0 * scale
        if span is not None:
            # Around the learner's predictions and targets, with a quarter of the width to spare.
            low, high = min(span[0], min(ts)), max(span[1], max(ts))
            pad = 0.25 * max(high - low, 1.0)
            low, high = low - pad, high + pad
        slope_of = _mape_slope
    if span is not None:
        low, high = min(low, span[0]), max(high, span[1])
    out = []
    for i, t in enumerate(ts):
        grid = _grid(low, high, extra=(t, 0.0))
        out.append(Path(
            key=f"target={t:g}", label=_target_label(t), loss=name, params=p, grid=grid,
            batch=lambda x, t=t: (np.full((len(x), 1), t), _column(x)),
            slope=slope_of(t, dtype), value=_only_term, kinks=(t, 0.0, EPSILON),
        ))
    return out, {"notes": (Label(f"curves.note.{name}"),)}


# Binary classification: against the predicted probability (or the logit), one curve per label.


def _bce_slope_p(y: float, params: Mapping[str, Any], dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    ys = _smooth_binary(y, params.get("label_smoothing", 0.0))
    low, high = _clip_bounds(dtype)

    def slope(p: np.ndarray) -> np.ndarray:
        # -(y log p + (1 - y) log(1 - p)) on the clipped p; flat where the clip holds p still.
        with np.errstate(divide="ignore", invalid="ignore"):
            g = -ys / p + (1.0 - ys) / (1.0 - p)
        return np.where(_inside(p, low, high), g, 0.0)

    return slope


def _focal_slope_p(y: float, params: Mapping[str, Any], dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    ys = _smooth_binary(y, params.get("label_smoothing", 0.0))
    gamma = params["gamma"]
    weight = 1.0
    if params.get("apply_class_balancing"):
        weight = ys * params["alpha"] + (1.0 - ys) * (1.0 - params["alpha"])
    low, high = _clip_bounds(dtype)

    def slope(p: np.ndarray) -> np.ndarray:
        # Keras: w (1 - p_t)^γ bce(p), with p_t = y p + (1 - y)(1 - p) on the UNclipped p and
        # bce on the clipped one; product rule, dp_t/dp = 2y - 1.
        c = np.clip(p, low, high)
        bce = -(ys * np.log(c) + (1.0 - ys) * np.log(1.0 - c))
        dbce = np.where(_inside(p, low, high), -ys / c + (1.0 - ys) / (1.0 - c), 0.0)
        p_t = ys * p + (1.0 - ys) * (1.0 - p)
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.power(1.0 - p_t, gamma)
            dfactor = -gamma * np.power(1.0 - p_t, gamma - 1.0) * (2.0 * ys - 1.0) if gamma else 0.0
            return weight * (dfactor * bce + factor * dbce)

    return slope


def _on_logits(slope_p: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """Chain rule through the sigmoid: d/dz = d/dp · p (1 - p)."""

    def slope(z: np.ndarray) -> np.ndarray:
        p = _sigmoid(z)
        return slope_p(p) * p * (1.0 - p)

    return slope


def _binary_view(name: str, params: Mapping[str, Any] | None, *, targets=None, span=None,
                 dtype: str = "float32") -> tuple[list[Path], dict]:
    p = _params(name, params, axis=-1)
    labels = tuple(targets) if targets else (1.0, 0.0)
    labels = tuple(float(t) for t in labels)[:MAX_TARGET_CURVES]
    logits = bool(p["from_logits"])
    slope_p = _bce_slope_p if name == "binary_crossentropy" else _focal_slope_p
    if logits:
        low, high = (-8.0, 8.0) if span is None else (min(-8.0, span[0]), max(8.0, span[1]))
        grid = _grid(low, high, extra=(0.0,))
    else:
        grid = _probability_grid()
    low_clip, high_clip = _clip_bounds(dtype)
    out = []
    for y in labels:
        slope = slope_p(y, p, dtype)
        out.append(Path(
            key=f"y={y:g}", label=Label("curves.curve.label", {"value": fmt(y)}), loss=name,
            params=p, grid=grid,
            batch=lambda x, y=y: (np.full((len(x), 1), y), _column(x)),
            slope=_on_logits(slope) if logits else slope, value=_only_term,
            kinks=() if logits else (low_clip, high_clip),
        ))
    extra: dict[str, Any] = {"axis": "logit" if logits else "probability"}
    if not logits:
        extra["y_range"] = (0.0, 17.5)
        extra["slope_range"] = (-20.0, 20.0)
        extra["notes"] = (Label("curves.note.clip", {"dtype": dtype}),)
    else:
        extra["notes"] = (Label("curves.note.from_logits"),)
    return out, extra


def _cap_levels(curves: Sequence[Curve], axis: str, dtype: str) -> tuple[Level, ...]:
    """The clipping caps, read off the computed curves where the clip holds: p = 0 for label 1
    (or the true class), p = 1 for label 0. Five digits, so 16.118 and 15.942 read as in Keras."""
    levels = []
    for curve in curves:
        if axis == "p_true" and curve.x[0] == 0.0:
            levels.append(Level("curves.level.cap_true", float(curve.y[0]),
                                {"value": fmt(curve.y[0], 5)}, side="left"))
        if curve.key == "y=1" and curve.x[0] == 0.0:
            levels.append(Level("curves.level.cap_y1", float(curve.y[0]),
                                {"value": fmt(curve.y[0], 5)}, side="left"))
        if curve.key == "y=0" and curve.x[-1] == 1.0:
            levels.append(Level("curves.level.cap_y0", float(curve.y[-1]),
                                {"value": fmt(curve.y[-1], 5), "dtype": dtype}, side="right",
                                above=False))
    if len(levels) == 2 and math.isclose(levels[0].y, levels[1].y, rel_tol=1e-6):
        levels = [Level("curves.level.cap_both", levels[0].y, {"value": fmt(levels[0].y, 5)})]
    return tuple(levels)


# Categorical: against the probability of the true class; the others share the rest equally.


def _rows(x: np.ndarray, classes: int) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    rest = (1.0 - x) / (classes - 1)
    return np.column_stack([x] + [rest] * (classes - 1))


def _logit_rows(z: np.ndarray, classes: int) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    return np.column_stack([z] + [np.zeros_like(z)] * (classes - 1))


def _one_hot(n: int, classes: int) -> np.ndarray:
    y = np.zeros((n, classes))
    y[:, 0] = 1.0
    return y


def _cce_slope_p(params: Mapping[str, Any], classes: int, dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    ls = params.get("label_smoothing", 0.0)
    y0 = 1.0 - ls + ls / classes  # Keras' categorical smoothing: y (1 - ls) + ls / C
    low, high = _clip_bounds(dtype)

    def slope(p: np.ndarray) -> np.ndarray:
        # -y0 log p - (1 - y0) log((1 - p) / (C - 1)); each log is flat where its clip holds.
        rest = (1.0 - p) / (classes - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            g0 = np.where(_inside(p, low, high), -y0 / p, 0.0)
            g1 = np.where(_inside(rest, low, high), (1.0 - y0) / (1.0 - p), 0.0)
        return g0 + g1

    return slope


def _focal_g(o: np.ndarray, gamma: float) -> tuple[np.ndarray, np.ndarray]:
    """g(o) = (1 - o)^γ (-log o) and its derivative g'(o)."""
    g = np.power(1.0 - o, gamma) * -np.log(o)
    dg = -np.power(1.0 - o, gamma) / o
    if gamma:
        dg = dg + gamma * np.power(1.0 - o, gamma - 1.0) * np.log(o)
    return g, dg


def _cfocal_slope_p(params: Mapping[str, Any], classes: int, dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    ls = params.get("label_smoothing", 0.0)
    y0 = 1.0 - ls + ls / classes
    alpha, gamma = params["alpha"], params["gamma"]
    low, high = _clip_bounds(dtype)

    def slope(p: np.ndarray) -> np.ndarray:
        # Keras: sum_j α (1 - o_j)^γ (-y_j log o_j) with o clipped, o_0 = p, o_j = (1 - p) / (C - 1).
        rest = (1.0 - p) / (classes - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            _, dg0 = _focal_g(np.clip(p, low, high), gamma)
            _, dg1 = _focal_g(np.clip(rest, low, high), gamma)
            g0 = np.where(_inside(p, low, high), y0 * dg0, 0.0)
            g1 = np.where(_inside(rest, low, high), -(1.0 - y0) / (classes - 1) * dg1, 0.0)
        return alpha * (g0 + g1)

    return slope


def _softmax_logit_slope(slope_p: Callable[[np.ndarray], np.ndarray], classes: int):
    """Through the softmax with the other C - 1 logits at 0: s = e^z / (e^z + C - 1), ds/dz = s(1 - s)."""

    def slope(z: np.ndarray) -> np.ndarray:
        s = 1.0 / (1.0 + (classes - 1) * np.exp(-np.asarray(z, dtype=np.float64)))
        return slope_p(s) * s * (1.0 - s)

    return slope


def _categorical_view(name: str, params: Mapping[str, Any] | None, *, classes: int = 3, span=None,
                      dtype: str = "float32", targets=None) -> tuple[list[Path], dict]:
    p = _params(name, params, axis=-1, ignore_class=None)
    logits = bool(p.get("from_logits", False))
    sparse = get_spec(name).inputs == "sparse"
    low_clip, high_clip = _clip_bounds(dtype)
    notes = [Label("curves.note.rest_shared", {"others": classes - 1})]

    def labels(n: int) -> np.ndarray:
        return np.zeros(n) if sparse else _one_hot(n, classes)

    if name == "categorical_generalized_cross_entropy":
        q = p["q"]
        def slope(x: np.ndarray) -> np.ndarray:
            with np.errstate(divide="ignore"):  # p = 0: the slope is -infinity for q < 1
                return -np.power(np.asarray(x, dtype=np.float64), q - 1.0)  # d (1 - p^q)/q

        kinks: tuple[float, ...] = (0.0,)
        notes = [Label("curves.note.gce")]
    elif name == "categorical_focal_crossentropy":
        slope = _cfocal_slope_p(p, classes, dtype)
        kinks = (low_clip, 1.0 - (classes - 1) * EPSILON)
    else:
        slope = _cce_slope_p(p, classes, dtype)
        kinks = (low_clip, 1.0 - (classes - 1) * EPSILON)
    if logits:
        low, high = (-8.0, 8.0) if span is None else (min(-8.0, span[0]), max(8.0, span[1]))
        grid = _grid(low, high, extra=(0.0,))
        path = Path(name, Label(f"curves.loss.{name}"), name, p, grid,
                    batch=lambda x: (labels(len(x)), _logit_rows(x, classes)),
                    slope=_softmax_logit_slope(slope, classes))
        notes = [Label("curves.note.other_logits", {"others": classes - 1})]
        return [path], {"axis": "logit_true", "notes": tuple(notes)}
    path = Path(name, Label(f"curves.loss.{name}"), name, p, _probability_grid(),
                batch=lambda x: (labels(len(x)), _rows(x, classes)), slope=slope, kinks=kinks)
    extra: dict[str, Any] = {"axis": "p_true", "notes": tuple(notes)}
    if name != "categorical_generalized_cross_entropy":
        extra.update(y_range=(0.0, 17.5), slope_range=(-20.0, 20.0))
    else:
        extra.update(slope_range=(-20.0, 1.0))
    return [path], extra


# KL divergence and Poisson: against y_pred, for a fixed target.


def _kld_slope(t: float, dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    eps = float(np.dtype(dtype).type(EPSILON))
    tc, uc = min(max(t, eps), 1.0), min(max(1.0 - t, eps), 1.0)

    def slope(p: np.ndarray) -> np.ndarray:
        # KL([1-t, t] || [1-p, p]) with both clipped to [eps, 1]: -t/p + (1-t)/(1-p).
        with np.errstate(divide="ignore", invalid="ignore"):
            g1 = np.where(p > eps, -tc / p, 0.0)
            g0 = np.where(1.0 - p > eps, uc / (1.0 - p), 0.0)
        return g1 + g0

    return slope


def _kld_view(params, *, targets=None, dtype: str = "float32", span=None) -> tuple[list[Path], dict]:
    p = _params("kl_divergence", params)
    out = []
    for t in _targets("kl_divergence", targets):
        out.append(Path(
            f"target={t:g}", Label("curves.curve.kld_target", {"value": fmt(t)}), "kl_divergence", p,
            _probability_grid(),
            batch=lambda x, t=t: (np.tile([1.0 - t, t], (len(x), 1)),
                                  np.column_stack([1.0 - np.asarray(x), np.asarray(x)])),
            slope=_kld_slope(t, dtype), kinks=(0.0, 1.0),
        ))
    return out, {"axis": "p_class1", "notes": (Label("curves.note.kld"),),
                 "y_range": (0.0, 8.0), "slope_range": (-20.0, 20.0)}


def _kld_term_view(values: Sequence[float], dtype: str) -> tuple[list[Path], dict]:
    """One term y_j log(y_j / p_j) against p_j, for each distinct y_j (any number of classes)."""
    out = []
    eps = float(np.dtype(dtype).type(EPSILON))
    for t in values:
        tc = min(max(t, eps), 1.0)
        out.append(Path(
            f"target={t:g}", _target_label(t), "kl_divergence", {}, _probability_grid(),
            batch=lambda x, t=t: (np.tile([t, 1.0 - t], (len(x), 1)),
                                  np.column_stack([np.asarray(x), 1.0 - np.asarray(x)])),
            slope=lambda x, tc=tc: np.where(np.asarray(x) > eps, -tc / np.maximum(x, eps), 0.0),
            value=lambda trace: np.asarray(trace.terms)[:, 0], kinks=(0.0,),
        ))
    return out, {"axis": "p_element", "quantity": "term", "notes": (Label("curves.note.kld_term"),),
                 "y_range": (-1.0, 8.0), "slope_range": (-20.0, 5.0)}


def _poisson_view(params, *, targets=None, dtype: str = "float32", span=None) -> tuple[list[Path], dict]:
    p = _params("poisson", params)
    ts = _targets("poisson", targets)
    low, high = 0.05, max(10.0, 2.5 * max(ts))
    if span is not None:
        low, high = min(low, max(span[0], 0.0)), max(high, span[1])
    eps = float(np.dtype(dtype).type(EPSILON))
    out = []
    for t in ts:
        out.append(Path(
            f"target={t:g}", _target_label(t), "poisson", p, _grid(low, high, extra=(t,)),
            batch=lambda x, t=t: (np.full((len(x), 1), t), _column(x)),
            slope=lambda x, t=t: 1.0 - t / (np.asarray(x) + eps),  # d(λ - k log(λ + eps))/dλ
            value=_only_term, kinks=(0.0,),
        ))
    # Near λ = 0 the loss climbs to -k log(1e-7); the y-range follows the curve from λ = 0.25 on.
    return out, {"axis": "rate", "notes": (Label("curves.note.poisson"),), "y_focus": (0.25, high),
                 "x_range": (0.0, high)}


# Margin losses: against the margin m = y·f(x), with the 0-1 loss for reference.

LN2 = math.log(2.0)
MARGIN_SPAN = (-3.0, 3.0)


def _hinge_slope(x: np.ndarray) -> np.ndarray:
    return np.where(np.asarray(x) < 1.0, -1.0, 0.0)  # max(0, 1 - m)


def _squared_hinge_slope(x: np.ndarray) -> np.ndarray:
    return -2.0 * np.maximum(1.0 - np.asarray(x), 0.0)  # max(0, 1 - m)^2


def _margin_path(name: str, span=MARGIN_SPAN, main: bool = True) -> Path:
    grid = _grid(span[0], span[1], extra=(0.0, 1.0))
    if name == "categorical_hinge":
        # Two classes, the wrong one scoring 0: p - n = m, so the loss is max(0, 1 - m).
        return Path(name, Label(f"curves.loss.{name}"), name, {}, grid,
                    batch=lambda x: (np.tile([1.0, 0.0], (len(x), 1)),
                                     np.column_stack([np.asarray(x), np.zeros(len(x))])),
                    slope=_hinge_slope, main=main, kinks=(1.0,))
    if name == "logistic":
        # Not a Keras loss: binary cross-entropy from logits with y = 1 is log(1 + e^-m);
        # dividing by ln 2 makes it pass through 1 at m = 0, like the 0-1 and hinge losses.
        return Path("logistic", Label("curves.loss.logistic"), "binary_crossentropy",
                    _params("binary_crossentropy", {"from_logits": True}), grid,
                    batch=lambda x: (np.ones((len(x), 1)), _column(x)),
                    slope=lambda x: _sigmoid(np.asarray(x)) - 1.0, value=_only_term,
                    scale=1.0 / LN2, main=main)
    slope = _hinge_slope if name == "hinge" else _squared_hinge_slope
    # y = 1 everywhere: all labels are 0 or 1, so Keras converts them, and 2·1 - 1 = 1 keeps m = ŷ.
    return Path(name, Label(f"curves.loss.{name}"), name, {}, grid,
                batch=lambda x: (np.ones((len(x), 1)), _column(x)), slope=slope, value=_only_term,
                main=main, kinks=(1.0,))


def _zero_one(span=MARGIN_SPAN) -> Curve:
    """The 0-1 loss 1[m <= 0]: the reference every margin loss bounds from above. Not a Keras loss."""
    x = np.array([span[0], 0.0, 0.0, span[1]])
    return Curve("zero_one", Label("curves.loss.zero_one"), "zero_one", {}, x,
                 np.array([1.0, 1.0, 0.0, 0.0]), np.zeros(4), main=False)


# Similarity and segmentation.


def _cosine_view(params, **_) -> tuple[list[Path], dict]:
    p = _params("cosine_similarity", params, axis=-1)
    grid = _grid(0.0, math.pi, extra=(math.pi / 2,))
    path = Path("cosine_similarity", Label("curves.loss.cosine_similarity"), "cosine_similarity", p,
                grid,
                batch=lambda x: (np.tile([1.0, 0.0], (len(x), 1)),
                                 np.column_stack([np.cos(x), np.sin(x)])),
                slope=lambda x: np.sin(x))  # -cos θ
    return [path], {"axis": "angle", "notes": (Label("curves.note.cosine"),), "y_range": (-1.1, 1.1)}


OVERLAP_SCENARIOS = {
    # predicted mask over [object, background, more background] as a function of the overlap o:
    # (y_pred(o), d y_pred / do). y_true is [1, 0, 0]: an object of area 1 and background.
    "inside": (lambda o: np.column_stack([o, 0 * o, 0 * o]), (1.0, 0.0, 0.0)),
    "same": (lambda o: np.column_stack([o, 1.0 - o, 0 * o]), (1.0, -1.0, 0.0)),
    "double": (lambda o: np.column_stack([o, 1.0 + 0 * o, 1.0 - o]), (1.0, 0.0, -1.0)),
}


def _overlap_slope(name: str, params: Mapping[str, Any], scenario: str, dtype: str):
    make, dpred = OVERLAP_SCENARIOS[scenario]
    eps = float(np.dtype(dtype).type(EPSILON))
    y = np.array([1.0, 0.0, 0.0])
    dpred = np.asarray(dpred)

    def slope(o: np.ndarray) -> np.ndarray:
        pred = make(np.asarray(o, dtype=np.float64))
        tp, dtp = pred @ y, dpred @ y
        if name == "dice":
            # 1 - 2 TP / (sum y + sum ŷ + eps): quotient rule.
            den, dden = y.sum() + pred.sum(axis=1) + eps, dpred.sum()
            return -(2.0 * dtp * den - 2.0 * tp * dden) / den**2
        # Keras' tversky: TP / (TP + α Σ y(1 - ŷ) + β Σ ŷ(1 - y) + eps).
        a, da = (1.0 - pred) @ y, -dpred @ y
        b, db = pred @ (1.0 - y), dpred @ (1.0 - y)
        den = tp + params["alpha"] * a + params["beta"] * b + eps
        dden = dtp + params["alpha"] * da + params["beta"] * db
        return -(dtp * den - tp * dden) / den**2

    return slope


def _overlap_view(name: str, params, *, dtype: str = "float32", **_) -> tuple[list[Path], dict]:
    p = _params(name, params, axis=-1)
    grid = _grid(0.0, 1.0)
    out = []
    for scenario, (make, _) in OVERLAP_SCENARIOS.items():
        out.append(Path(
            scenario, Label(f"curves.curve.overlap_{scenario}"), name, p, grid,
            batch=lambda x, make=make: (np.tile([1.0, 0.0, 0.0], (len(x), 1)), make(np.asarray(x))),
            slope=_overlap_slope(name, p, scenario, dtype), main=scenario == "same",
        ))
    return out, {"axis": "coverage", "notes": (Label("curves.note.overlap"),), "y_range": (-0.05, 1.05)}


# Sequence and metric learning.


def _circle_batch(s_pos: float, s_neg: float) -> tuple[np.ndarray, np.ndarray]:
    """Anchor (label 0) at angle 0, a positive (label 0) and a negative (label 1) at the angles
    whose cosines are ``s_pos`` and ``s_neg``: the anchor's loss sees exactly these two pairs."""
    a_pos, a_neg = math.acos(s_pos), -math.acos(s_neg)
    y_pred = np.array([[1.0, 0.0], [math.cos(a_pos), math.sin(a_pos)], [math.cos(a_neg), math.sin(a_neg)]])
    return np.array([0.0, 0.0, 1.0]), y_pred


def _circle_slope(params: Mapping[str, Any], which: str, other: float):
    gamma, m = params["gamma"], params["margin"]

    def parts(s_pos, s_neg):
        # Keras' circle loss for the anchor, with d = 1 - s the cosine distance and the pair
        # weights clamped at 0 (losses/sequence.py): u = -γ (m + d_p)(m - d_p)
        # + γ max(1 + m - d_n, 0)(1 - m - d_n), loss = softplus(u).
        d_p, d_n = 1.0 - s_pos, 1.0 - s_neg
        u = (-gamma * (m + d_p) * (m - d_p)
             + gamma * np.maximum(1.0 + m - d_n, 0.0) * (1.0 - m - d_n))
        return u, d_p, d_n

    def slope(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if which == "positive":
            u, d_p, _ = parts(x, other)
            du = -2.0 * gamma * d_p  # d/ds_p of γ(d_p^2 - m^2), dd_p/ds_p = -1
        else:
            u, _, d_n = parts(other, x)
            # d/ds_n of γ((1 - d_n)^2 - m^2) = 2γ s_n while the weight is positive (s_n > -m).
            du = np.where(1.0 + m - d_n > 0, 2.0 * gamma * (1.0 - d_n), 0.0)
        return _sigmoid(u) * du  # softplus' = sigmoid

    return slope


def _circle_view(params, **_) -> tuple[list[Path], dict]:
    p = _params("circle", params)
    grid = _grid(-1.0, 1.0, points=81)
    out = [
        Path("positive", Label("curves.curve.circle_positive"), "circle", p, grid,
             batch=lambda x: _circle_batch(float(x[0]), 0.0),
             slope=_circle_slope(p, "positive", 0.0), batched=False,
             value=lambda trace: trace.per_sample[:1]),
        Path("negative", Label("curves.curve.circle_negative"), "circle", p, grid,
             batch=lambda x: _circle_batch(1.0, float(x[0])),
             slope=_circle_slope(p, "negative", 1.0), batched=False,
             value=lambda trace: trace.per_sample[:1], kinks=(-p["margin"],)),
    ]
    return out, {"axis": "similarity", "notes": (Label("curves.note.circle"),)}


def _ctc_probability(p: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """P(label "1" | T steps) and dP/dp, with p the label's probability and 1 - p the blank's.

    The alignments that collapse to "1" are one run of k >= 1 ones among T steps, placed in
    T - k + 1 ways: P = sum_k (T - k + 1) p^k (1 - p)^(T - k).
    """
    total, dtotal = np.zeros_like(p), np.zeros_like(p)
    for k in range(1, steps + 1):
        ways = steps - k + 1
        total += ways * p**k * (1.0 - p) ** (steps - k)
        dtotal += ways * (k * p ** (k - 1) * (1.0 - p) ** (steps - k)
                          - (steps - k) * p**k * (1.0 - p) ** max(steps - k - 1, 0))
    return total, dtotal


def _ctc_view(params, **_) -> tuple[list[Path], dict]:
    grid = _grid(0.01, 0.99, points=99)
    out = []
    for steps in CTC_STEPS:
        def batch(x, steps=steps):
            x = np.asarray(x, dtype=np.float64)
            # log-probabilities as scores: the engine's log-softmax returns them unchanged.
            step = np.stack([np.log(1.0 - x), np.log(x)], axis=-1)
            return np.ones((len(x), 1)), np.repeat(step[:, None, :], steps, axis=1)

        def slope(x, steps=steps):
            total, dtotal = _ctc_probability(np.asarray(x, dtype=np.float64), steps)
            return -dtotal / total

        out.append(Path(f"steps={steps}", Label("curves.curve.ctc_steps", {"steps": steps}), "ctc",
                        {}, grid, batch=batch, slope=slope, main=steps == 3))
    return out, {"axis": "ctc_p", "notes": (Label("curves.note.ctc"),)}


# Views: the paths of each loss, computed.

_FAMILY_VIEWS: dict[str, Callable[..., tuple[list[Path], dict]]] = {
    "mean_squared_error": lambda params, **kw: _error_view("mean_squared_error", params, **_span(kw)),
    "mean_absolute_error": lambda params, **kw: _error_view("mean_absolute_error", params, **_span(kw)),
    "huber": lambda params, **kw: _error_view("huber", params, **_span(kw)),
    "log_cosh": lambda params, **kw: _error_view("log_cosh", params, **_span(kw)),
    "mean_squared_logarithmic_error": lambda params, **kw: _fixed_target_view(
        "mean_squared_logarithmic_error", params, **_pick(kw, "targets", "span", "dtype")),
    "mean_absolute_percentage_error": lambda params, **kw: _fixed_target_view(
        "mean_absolute_percentage_error", params, **_pick(kw, "targets", "span", "dtype")),
    "binary_crossentropy": lambda params, **kw: _binary_view(
        "binary_crossentropy", params, **_pick(kw, "targets", "span", "dtype")),
    "binary_focal_crossentropy": lambda params, **kw: _binary_view(
        "binary_focal_crossentropy", params, **_pick(kw, "targets", "span", "dtype")),
    "categorical_crossentropy": lambda params, **kw: _categorical_view(
        "categorical_crossentropy", params, **_pick(kw, "classes", "span", "dtype")),
    "sparse_categorical_crossentropy": lambda params, **kw: _categorical_view(
        "sparse_categorical_crossentropy", params, **_pick(kw, "classes", "span", "dtype")),
    "categorical_focal_crossentropy": lambda params, **kw: _categorical_view(
        "categorical_focal_crossentropy", params, **_pick(kw, "classes", "span", "dtype")),
    "categorical_generalized_cross_entropy": lambda params, **kw: _categorical_view(
        "categorical_generalized_cross_entropy", params, **_pick(kw, "classes", "span", "dtype")),
    "kl_divergence": lambda params, **kw: _kld_view(params, **_pick(kw, "targets", "dtype")),
    "poisson": lambda params, **kw: _poisson_view(params, **_pick(kw, "targets", "dtype", "span")),
    "hinge": lambda params, **kw: (
        [_margin_path("hinge", _margin_span(kw))],
        {"axis": "margin", "notes": (Label("curves.note.hinge"),)}),
    "squared_hinge": lambda params, **kw: (
        [_margin_path("squared_hinge", _margin_span(kw))],
        {"axis": "margin", "notes": (Label("curves.note.squared_hinge"),)}),
    "categorical_hinge": lambda params, **kw: (
        [_margin_path("categorical_hinge", _margin_span(kw))],
        {"axis": "margin", "notes": (Label("curves.note.categorical_hinge"),)}),
    "cosine_similarity": lambda params, **kw: _cosine_view(params),
    "dice": lambda params, **kw: _overlap_view("dice", params, **_pick(kw, "dtype")),
    "tversky": lambda params, **kw: _overlap_view("tversky", params, **_pick(kw, "dtype")),
    "circle": lambda params, **kw: _circle_view(params),
    "ctc": lambda params, **kw: _ctc_view(params),
}


def _pick(kw: dict, *keys: str) -> dict:
    return {k: kw[k] for k in keys if kw.get(k) is not None}


def _span(kw: dict) -> dict:
    span = kw.get("span")
    if span is None:
        return {}
    return {"span": max(4.0, 1.1 * max(abs(span[0]), abs(span[1])))}


def _margin_span(kw: dict) -> tuple[float, float]:
    span = kw.get("span")
    if span is None:
        return MARGIN_SPAN
    return (min(MARGIN_SPAN[0], span[0] - 0.5), max(MARGIN_SPAN[1], span[1] + 0.5))


def paths(name: str, params: Mapping[str, Any] | None = None, *, dtype: str = "float32",
          targets: Sequence[float] | None = None, classes: int | None = None,
          span: tuple[float, float] | None = None) -> tuple[list[Path], dict]:
    """The paths of ``name``'s natural view and the view's settings (axis, notes, ranges)."""
    spec = get_spec(name)
    return _FAMILY_VIEWS[spec.name](params, dtype=dtype, targets=targets, classes=classes, span=span)


def evaluate(path: Path, dtype: str = "float32", x: np.ndarray | None = None) -> np.ndarray:
    """The curve's values at ``x`` (default: its grid), computed by ``losses.compute``."""
    x = path.grid if x is None else np.asarray(x, dtype=np.float64)
    if path.batched:
        y_true, y_pred = path.batch(x)
        trace = compute(path.loss, y_true, y_pred, reduction="none", dtype=dtype, **path.params)
        values = np.asarray(path.value(trace), dtype=np.float64)
    else:
        values = np.empty(len(x))
        for i in range(len(x)):
            y_true, y_pred = path.batch(x[i : i + 1])
            trace = compute(path.loss, y_true, y_pred, reduction="none", dtype=dtype, **path.params)
            values[i] = float(np.asarray(path.value(trace))[0])
    return values * path.scale


def _curve(path: Path, dtype: str) -> Curve:
    # The grid as the engine sees it: cast to the compute dtype, so x and y describe one sample.
    x = np.unique(path.grid.astype(dtype).astype(np.float64))
    y = evaluate(path, dtype, x)
    slope = None if path.slope is None else np.asarray(path.slope(x), dtype=np.float64) * path.scale
    return Curve(path.key, path.label, path.loss, dict(path.params), x, y, slope, path.main)


def loss_view(name: str, params: Mapping[str, Any] | None = None, *, dtype: str = "float32",
              targets: Sequence[float] | None = None, classes: int | None = None,
              span: tuple[float, float] | None = None) -> View:
    """``name`` over its natural one-dimensional view, each curve computed by ``losses.compute``.

    Args:
        name: a registered loss name or alias.
        params: the loss's hyperparameters (missing ones take Keras' defaults; the view fixes
            ``axis`` itself).
        dtype: the compute dtype; float32 shows Keras' float32 clipping (the y = 0 cap of binary
            cross-entropy is 15.94, not 16.12).
        targets: the fixed y_true values (MSLE, MAPE, Poisson, KL divergence) or labels
            (binary losses) to draw one curve each for.
        classes: number of classes of the categorical views (default 3).
        span: an x interval the view must cover (to show a learner's points).
    """
    spec = get_spec(name)
    found, extra = paths(spec.name, params, dtype=dtype, targets=targets, classes=classes, span=span)
    curves = [_curve(path, dtype) for path in found]
    axis = extra.get("axis", _DEFAULT_AXES.get(spec.name, "error"))
    levels: tuple[Level, ...] = ()
    if axis == "probability" or (axis == "p_true" and "y_range" in extra):
        levels = _cap_levels(curves, axis, dtype)
    elif axis == "margin":
        curves.insert(0, _zero_one(_margin_span({"span": span})))
    y_range, slope_range = extra.get("y_range"), extra.get("slope_range")
    if "y_focus" in extra:
        y_range = _focus_range(curves, *extra["y_focus"])
        slope_range = _focus_range(curves, *extra["y_focus"], slope=True)
    return View(
        name=spec.name, axis=axis, quantity=extra.get("quantity", "loss"), curves=tuple(curves),
        levels=levels, notes=tuple(extra.get("notes", ())), y_range=y_range,
        slope_range=slope_range, x_range=extra.get("x_range"),
    )


def _focus_range(curves: Sequence[Curve], low: float, high: float, *, slope: bool = False) -> tuple[float, float]:
    """The range of the curves' values (or slopes) over x in [low, high], padded by 8 %."""
    ys = np.concatenate([(c.slope if slope else c.y)[(c.x >= low) & (c.x <= high)] for c in curves])
    ys = ys[np.isfinite(ys)]
    bottom, top = float(ys.min()), float(ys.max())
    pad = 0.08 * max(top - bottom, 1e-9)
    return (bottom - pad, top + pad)


_DEFAULT_AXES = {
    "mean_squared_logarithmic_error": "y_pred",
    "mean_absolute_percentage_error": "y_pred",
}


# Overlays: several losses on one axis.

OVERLAYS = {
    "regression": ("mean_squared_error", "mean_absolute_error", "huber", "log_cosh"),
    "margin": ("zero_one", "hinge", "squared_hinge", "logistic"),
    "focal": ("binary_crossentropy", "binary_focal_crossentropy"),
}
FOCAL_GAMMAS = (0.0, 0.5, 1.0, 2.0, 5.0)


def overlay_view(name: str, params: Mapping[str, Mapping[str, Any]] | None = None, *,
                 dtype: str = "float32", span: tuple[float, float] | None = None) -> View:
    """Several losses on one axis.

    "regression": MSE, MAE, Huber and log-cosh against the error (robustness to outliers);
    "margin": 0-1, hinge, squared hinge and logistic against the margin; "focal": binary
    cross-entropy and focal cross-entropy for several γ against the probability of the true
    label (Lin et al., 2017, figure 1). ``params`` maps a loss name to its hyperparameters.
    """
    params = params or {}
    if name == "regression":
        s = _span({"span": span}).get("span", 4.0)
        found = []
        for n in OVERLAYS["regression"]:
            p = _params(n, params.get(n))
            label = Label("curves.curve.delta", {"value": fmt(p["delta"])}) if n == "huber" else None
            found.append(_error_path(n, p, s, label=label))
        return View("regression", "error", "loss", tuple(_curve(p, dtype) for p in found),
                    notes=(Label("curves.note.overlay_regression"),), y_range=(-0.2, 8.0))
    if name == "margin":
        ms = _margin_span({"span": span})
        curves = [_zero_one(ms)] + [_curve(_margin_path(n, ms), dtype) for n in OVERLAYS["margin"][1:]]
        return View("margin", "margin", "loss", tuple(curves),
                    notes=(Label("curves.note.logistic"),), y_range=(-0.2, 6.0))
    if name == "focal":
        base = _params("binary_focal_crossentropy", params.get("binary_focal_crossentropy"))
        found = []
        for gamma in FOCAL_GAMMAS:
            p = {**base, "gamma": gamma, "from_logits": False, "apply_class_balancing": False}
            path = _binary_view("binary_focal_crossentropy", p, targets=(1.0,), dtype=dtype)[0][0]
            found.append(Path(f"gamma={gamma:g}", Label("curves.curve.gamma", {"value": fmt(gamma)}),
                              path.loss, path.params, path.grid, path.batch, path.slope,
                              main=gamma in (0.0, base["gamma"])))
        return View("focal", "probability", "loss", tuple(_curve(p, dtype) for p in found),
                    notes=(Label("curves.note.overlay_focal"),), y_range=(0.0, 5.0),
                    slope_range=(-20.0, 1.0))
    raise KeyError(f"no overlay {name!r}; overlays are {list(OVERLAYS)}")


# A learner's own numbers, placed on the view of their loss.


def _fmt_row(row: np.ndarray) -> str:
    row = np.asarray(row)
    return fmt(row) if row.ndim == 0 else fmt_list(row, limit=6)


def _index_text(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"


def _first(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The first MAX_POINTS positions in row-major order: a big batch gets a readable chart."""
    count = int(np.prod(shape)) if shape else 1
    return [np.unravel_index(i, shape) if shape else () for i in range(min(count, MAX_POINTS))]


def _element_points(trace: Trace, x: np.ndarray, y: np.ndarray, curve_of) -> Points:
    """One point per element: ``x``, ``y`` and the element's y_true/y_pred, all of one shape."""
    shape = np.shape(x)
    idx = _first(shape)
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    yt, yp = np.broadcast_to(trace.y_true, shape), np.broadcast_to(trace.y_pred, shape)
    return Points(
        x=np.array([x[i] for i in idx]), y=np.array([y[i] for i in idx]),
        curve=tuple(curve_of(yt[i]) for i in idx), index=tuple(_index_text(i) for i in idx),
        y_true=tuple(fmt(yt[i]) for i in idx), y_pred=tuple(fmt(yp[i]) for i in idx), kind="term",
        total=int(np.prod(shape)) if shape else 1,
    )


def _sample_points(trace: Trace, x: np.ndarray, y: np.ndarray, curve: str, axis: int = -1) -> Points:
    """One point per sample (row), for losses whose per-sample value is the unit of the curve."""
    yt = np.moveaxis(np.asarray(trace.y_true), axis, -1) if np.ndim(trace.y_true) > 1 else np.asarray(trace.y_true)
    yp = np.moveaxis(np.asarray(trace.y_pred), axis, -1)
    shape = np.shape(x)
    idx = _first(shape)
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return Points(
        x=np.array([x[i] for i in idx]), y=np.array([y[i] for i in idx]),
        curve=(curve,) * len(idx), index=tuple(_index_text(i) for i in idx),
        y_true=tuple(_fmt_row(yt[i]) for i in idx), y_pred=tuple(_fmt_row(yp[i]) for i in idx),
        kind="sample", total=int(np.prod(shape)) if shape else 1,
    )


def _distinct(values: np.ndarray) -> tuple[float, ...]:
    """Distinct values in order of first appearance."""
    flat = np.asarray(values, dtype=np.float64).ravel()
    unique, first = np.unique(flat, return_index=True)
    return tuple(float(v) for v in unique[np.argsort(first)])


def _span_of(x: np.ndarray) -> tuple[float, float] | None:
    x = np.asarray(x, dtype=np.float64)
    x = x[np.isfinite(x)]
    return (float(x.min()), float(x.max())) if x.size else None


def _true_class(trace: Trace) -> np.ndarray:
    spec = get_spec(trace.name)
    if spec.inputs == "sparse":
        return np.asarray(trace.y_true).astype(int)
    return np.argmax(np.asarray(trace.y_true), axis=-1)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def learner_view(trace: Trace) -> View | None:
    """The view of ``trace.name`` with the learner's elements (or samples) as points.

    Elementwise losses place each element at its own x (error, prediction, margin) with its term;
    row-wise losses place each sample at a one-number summary of its row (probability of the true
    class, angle, overlap) with its per-sample loss. None for circle and CTC, whose per-sample
    loss depends on a whole batch or sequence and has no one-dimensional place.
    """
    name, params, dtype = trace.name, dict(trace.params), trace.dtype
    yt = np.asarray(trace.y_true, dtype=np.float64)
    yp = np.asarray(trace.y_pred, dtype=np.float64)
    terms = np.asarray(trace.terms, dtype=np.float64)
    per_sample = np.asarray(trace.per_sample, dtype=np.float64)
    if name in ("circle", "ctc"):
        return None

    if name in ("mean_squared_error", "mean_absolute_error", "huber", "log_cosh"):
        x = yp - yt
        view = loss_view(name, params, dtype=dtype, span=_span_of(x))
        main = "delta" if name == "huber" else name
        return _with(view, _element_points(trace, x, terms, lambda _: main))

    if name in ("mean_squared_logarithmic_error", "mean_absolute_percentage_error", "poisson"):
        targets = tuple(sorted(_distinct(yt)))
        view = loss_view(name, params, dtype=dtype, targets=targets, span=_span_of(yp))
        if name == "mean_absolute_percentage_error":
            # Steep Vs for several targets: frame the learner's terms, not the far ends.
            top = 2.0 * max(float(np.max(terms)), 10.0)
            view = dataclasses.replace(view, y_range=(-0.05 * top, top))
        keys = {f"target={t:g}" for t in targets[:MAX_TARGET_CURVES]}
        return _with(view, _element_points(
            trace, yp, terms, lambda t: f"target={float(t):g}" if f"target={float(t):g}" in keys else ""))

    if name in ("binary_crossentropy", "binary_focal_crossentropy"):
        labels = tuple(sorted(_distinct(yt), reverse=True))  # y = 1 first, as on the curves page
        view = loss_view(name, params, dtype=dtype, targets=labels, span=_span_of(yp))
        keys = {f"y={t:g}" for t in labels[:MAX_TARGET_CURVES]}
        return _with(view, _element_points(
            trace, yp, terms, lambda t: f"y={float(t):g}" if f"y={float(t):g}" in keys else ""))

    if name == "kl_divergence":
        if yp.ndim >= 1 and yp.shape[-1] == 2:
            targets = _distinct(yt[..., 1])
            view = loss_view(name, params, dtype=dtype, targets=targets)
            keys = {f"target={t:g}" for t in targets[:MAX_TARGET_CURVES]}
            points = _sample_points(trace, yp[..., 1], per_sample, "")
            curve = tuple(f"target={float(t):g}" if f"target={float(t):g}" in keys else ""
                          for t in yt[..., 1].ravel()[:MAX_POINTS])
            return _with(view, _replace_curves(points, curve))
        values = _distinct(yt)[:MAX_TARGET_CURVES]
        found, extra = _kld_term_view(values, dtype)
        curves = tuple(_curve(p, dtype) for p in found)
        view = View(name, extra["axis"], extra["quantity"], curves, notes=extra["notes"],
                    y_range=extra["y_range"], slope_range=extra["slope_range"])
        keys = {c.key for c in curves}
        return _with(view, _element_points(
            trace, yp, terms, lambda t: f"target={float(t):g}" if f"target={float(t):g}" in keys else ""))

    if name in ("hinge", "squared_hinge"):
        margin = np.asarray(trace.step("margin").array, dtype=np.float64)
        view = loss_view(name, params, dtype=dtype, span=_span_of(margin))
        return _with(view, _element_points(trace, margin, terms, lambda _: name))

    if name == "categorical_hinge":
        margin = (np.asarray(trace.step("positive").array, dtype=np.float64)
                  - np.asarray(trace.step("negative").array, dtype=np.float64))
        view = loss_view(name, params, dtype=dtype, span=_span_of(margin))
        return _with(view, _sample_points(trace, margin, per_sample, name))

    if name in ("categorical_crossentropy", "sparse_categorical_crossentropy",
                "categorical_focal_crossentropy", "categorical_generalized_cross_entropy"):
        axis = params.get("axis", -1) if name != "categorical_generalized_cross_entropy" else -1
        rows = np.moveaxis(yp, axis, -1)
        classes = rows.shape[-1]
        if params.get("from_logits"):
            probs = _softmax(rows)
        elif name == "categorical_generalized_cross_entropy":
            probs = rows
        else:
            probs = rows / rows.sum(axis=-1, keepdims=True)
        true = _true_class(trace) if get_spec(name).inputs == "sparse" else np.argmax(np.moveaxis(yt, axis, -1), axis=-1)
        p_true = np.take_along_axis(probs, true[..., None], axis=-1)[..., 0]
        # The learner's points sit on the probability view, so draw it even for logits:
        # -log softmax(z)_y equals the loss of the probabilities softmax(z).
        curve_params = {**params, "from_logits": False} if "from_logits" in params else params
        view = loss_view(name, curve_params, dtype=dtype, classes=max(classes, 2))
        return _with(view, _sample_points(trace, p_true, per_sample, name, axis))

    if name == "cosine_similarity":
        axis = params.get("axis", -1)
        a, b = np.moveaxis(yt, axis, -1), np.moveaxis(yp, axis, -1)
        na, nb = np.linalg.norm(a, axis=-1), np.linalg.norm(b, axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            cos = np.where((na > 0) & (nb > 0), np.sum(a * b, axis=-1) / (na * nb), 0.0)
        angle = np.arccos(np.clip(cos, -1.0, 1.0))
        view = loss_view(name, params, dtype=dtype)
        return _with(view, _sample_points(trace, angle, per_sample, name, axis))

    if name in ("dice", "tversky"):
        axis = params.get("axis")
        if axis is None:
            covered = np.sum(yt * yp) / max(np.sum(yt), EPSILON)
            x, y = np.array([covered]), np.array([float(np.asarray(trace.per_sample).ravel()[0])])
            points = Points(x, y, ("",), ("all",), (_fmt_row(yt.ravel()),), (_fmt_row(yp.ravel()),),
                            "sample", total=1)
        else:
            covered = np.sum(yt * yp, axis=axis) / np.maximum(np.sum(yt, axis=axis), EPSILON)
            points = _sample_points(trace, covered, per_sample, "", axis)
        view = loss_view(name, params, dtype=dtype)
        return _with(view, points)

    return None


def _with(view: View, points: Points) -> View:
    quantity = "term" if points.kind == "term" else view.quantity
    return dataclasses.replace(view, quantity=quantity, points=points)


def _replace_curves(points: Points, curve: tuple[str, ...]) -> Points:
    return dataclasses.replace(points, curve=curve)


def registered_views() -> list[str]:
    """Every registered loss has a view: the list the curves page offers."""
    return [n for n in names() if n in _FAMILY_VIEWS]
