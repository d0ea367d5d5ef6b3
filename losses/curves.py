"""Each loss drawn over its natural one-dimensional view, with the slope of that curve.

A curve is a *path* through input space: a map from the plotted variable x (the error, the
predicted probability, the margin, ...) to a batch ``(y_true, y_pred)`` with one sample per grid
point. One ``losses.compute(..., reduction="none")`` on that batch gives the curve's values and,
from the engine's backward pass, its slopes: ``Trace.gradient`` is dL/dy_pred of the summed
per-sample losses, so row i holds d loss_i / d y_pred_i, and the chain rule along the path is

    d loss_i / dx = sum_j gradient[i, j] * d y_pred[i, j] / dx.

A path whose y_pred is affine in x gets its direction d y_pred / dx exactly as
``batch(x + 1) - batch(x)``; a curved path (angles, log-probabilities) declares it. No path moves
y_true with x (``_direction`` refuses one that does). So a curve, its slope and the explainer can
never disagree; tests/losses/test_curves.py checks the slopes against central finite differences
of ``compute``.

Which view a loss gets is its spec's ``curve`` (a family of ``FAMILIES`` below): the same family
draws the Keras loss and its PyTorch relative, and places a learner's numbers on it, reading the
trace's own steps (its softmax, its margins, its cosines).

Nothing here imports streamlit, pandas or plotly; labels are i18n keys with parameters, and the
UI turns them into text.
"""

from __future__ import annotations

import contextvars
import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from losses.compute import compute
from losses.numbers import fmt, fmt_list
from losses.registry import get_spec, names
from losses.spec import LossSpec
from losses.trace import Trace

__all__ = [
    "AXES",
    "FAMILIES",
    "OVERLAYS",
    "TARGETS",
    "Curve",
    "Family",
    "Label",
    "Level",
    "Path",
    "Points",
    "Spot",
    "View",
    "evaluate",
    "learner_view",
    "loss_view",
    "overlay_view",
    "paths",
    "registered_views",
    "slope",
    "spots",
    "zoom",
]

EPSILON = 1e-7
"""Keras' ``backend.epsilon()``: the clipping bound of the probabilistic losses."""

GRID_POINTS = 241
HUBER_DELTAS = (0.5, 1.0, 2.0)
SMOOTH_L1_BETAS = (0.5, 1.0, 2.0)
CTC_STEPS = (1, 3, 6)
MAX_TARGET_CURVES = 4
"""A learner's batch may hold many distinct targets; one curve each would be unreadable."""
MAX_POINTS = 400
SPOT_DIGITS = 6
"""Points equal to this many significant digits are one spot: float32 keeps about seven, and its
arithmetic can lose the last one."""
"""Markers beyond a few hundred hide the curve and cost a formatted hover string each."""
FAR_BELOW = -1e3
"""A score so low that a class never comes within a margin of the true one."""

TARGETS = {
    # loss: (default fixed y_true, slider low, slider high, step); the y_true the curve holds fixed.
    "mean_squared_logarithmic_error": (3.0, 0.0, 10.0, 0.5),
    "mean_absolute_percentage_error": (2.0, 0.5, 10.0, 0.5),
    "poisson": (3.0, 0.0, 10.0, 1.0),
    "kl_divergence": (0.3, 0.0, 1.0, 0.05),
    "PoissonNLLLoss": (3.0, 0.0, 10.0, 1.0),
    "KLDivLoss": (0.3, 0.0, 1.0, 0.05),
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
    """One number per sample: PyTorch's unreduced element-wise output of a one-column batch
    is (N, 1)."""
    values = np.asarray(trace.per_sample)
    return values.reshape(values.shape[0]) if values.ndim > 1 else values


def _only_term(trace: Trace) -> np.ndarray:
    """A one-element sample's loss is its one term. Keras averages in float32 even for float64
    input (losses/kops.py), so per_sample carries float32 rounding there; the term does not, and
    finite differences in float64 need it. In float32 the two are the same number."""
    return np.asarray(trace.terms)[:, 0]


@dataclass(frozen=True)
class Path:
    """One curve before it is computed: the grid and how each grid value becomes a sample.

    ``batch(x)`` returns ``(y_true, y_pred)`` with one sample per element of ``x``; ``value``
    picks the curve's number out of the Trace (``per_sample`` unless a single term is drawn).
    The slope comes from the trace's gradient times ``direction(x)``, d y_pred / dx shaped like
    y_pred; leave it None for a path affine in x. ``scale`` multiplies value and slope (the
    logistic loss is binary cross-entropy from logits divided by ln 2). ``batched=False``
    computes one batch per grid point, for losses whose samples interact (circle loss);
    ``batch`` then gets one x at a time, and ``sample_weight`` (weights of that batch's
    samples) makes the gradient the one of the samples ``value`` reads.
    """

    key: str
    label: Label
    loss: str
    params: Mapping[str, Any]
    grid: np.ndarray
    batch: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
    direction: Callable[[np.ndarray], np.ndarray] | None = None
    value: Callable[[Trace], np.ndarray] = _per_sample
    scale: float = 1.0
    main: bool = True
    batched: bool = True
    kinks: tuple[float, ...] = ()
    """x values where the slope jumps or the engine clips: finite differences skip them."""
    framework: str = "keras"
    sample_weight: Any = None


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
    position: tuple[tuple[int, ...], ...] = ()
    """Each point's index into the learner's batch: (sample, j, ...) for an element, (sample,)
    for a sample, () for the whole batch."""


@dataclass(frozen=True)
class Spot:
    """One place on the chart: the learner's points that land on the same (x, y).

    ``members`` are indices into the Points, in the batch's order; equal numbers (the same
    error twice) would otherwise hide one marker under another.
    """

    x: float
    y: float
    members: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.members)


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


# Computing a path: values from the forward pass, slopes from the backward pass.


def _direction(path: Path, x: np.ndarray, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """d y_pred / dx along ``path``: declared, or exact for an affine path."""
    if path.direction is not None:
        return np.asarray(path.direction(x), dtype=np.float64)
    moved_true, moved = path.batch(np.asarray(x, dtype=np.float64) + 1.0)
    if not np.array_equal(np.asarray(moved_true), np.asarray(y_true)):
        raise ValueError(f"path {path.key!r} moves y_true with x: the gradient is only dL/dy_pred")
    return np.asarray(moved, dtype=np.float64) - np.asarray(y_pred, dtype=np.float64)


def _run(path: Path, dtype: str, x: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    with np.errstate(divide="ignore", invalid="ignore"):
        y_true, y_pred = path.batch(x)
    extra = {} if path.sample_weight is None else {"sample_weight": path.sample_weight}
    trace = compute(path.loss, y_true, y_pred, reduction="none", dtype=dtype,
                    framework=path.framework, **extra, **path.params)
    values = np.asarray(path.value(trace), dtype=np.float64)
    if trace.gradient is None:
        return values, None  # a loss without a backward pass has no slope to draw
    with np.errstate(divide="ignore", invalid="ignore"):
        along = np.asarray(trace.gradient, dtype=np.float64) * _direction(path, x, y_true, y_pred)
    # Batched samples are independent: row i of the gradient is sample i's alone.
    slopes = along.reshape(len(x), -1).sum(axis=1) if path.batched else np.array([along.sum()])
    return values, slopes


def _evaluate(path: Path, dtype: str, x: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    x = np.asarray(x, dtype=np.float64)
    if path.batched:
        values, slopes = _run(path, dtype, x)
    else:
        parts = [_run(path, dtype, x[i : i + 1]) for i in range(len(x))]
        values = np.concatenate([p[0][:1] for p in parts])
        slopes = None if parts[0][1] is None else np.concatenate([p[1][:1] for p in parts])
    return values * path.scale, None if slopes is None else slopes * path.scale


def evaluate(path: Path, dtype: str = "float32", x: np.ndarray | None = None) -> np.ndarray:
    """The curve's values at ``x`` (default: its grid), computed by ``losses.compute``."""
    return _evaluate(path, dtype, path.grid if x is None else x)[0]


def slope(path: Path, dtype: str = "float32", x: np.ndarray | None = None) -> np.ndarray | None:
    """The curve's slope d value / dx at ``x``: the engine's gradient along the path."""
    return _evaluate(path, dtype, path.grid if x is None else x)[1]


def _curve(path: Path, dtype: str) -> Curve:
    # The grid as the engine sees it: cast to the compute dtype, so x and y describe one sample.
    x = np.unique(path.grid.astype(dtype).astype(np.float64))
    y, slopes = _evaluate(path, dtype, x)
    return Curve(path.key, path.label, path.loss, dict(path.params), x, y, slopes, path.main)


# Small helpers


def _params(spec: LossSpec, given: Mapping[str, Any] | None, **fixed: Any) -> dict[str, Any]:
    """The loss's defaults, overridden by ``given`` (unknown names dropped), then by ``fixed``.

    Per-element and per-class vectors (PyTorch's ``weight``, ``pos_weight``) are dropped: their
    length is the learner's, not a curve's one column."""
    out = spec.defaults()
    for key, value in (given or {}).items():
        if key in out and spec.param(key).kind != "vector":
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


def _open_probability_grid() -> np.ndarray:
    """(0, 1) for log-probability inputs, whose log 0 is -infinity. The top tail stops at
    1 - 1e-7, which float32 still tells from 1."""
    low, high = np.logspace(-9, -2, 36), 1.0 - np.logspace(-7, -2, 26)
    return np.unique(np.concatenate([np.linspace(0.0, 1.0, 201)[1:-1], low, high]))


def _column(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)[:, None]


def _clip_bounds(dtype: str) -> tuple[float, float]:
    """Keras clips to [epsilon, 1 - epsilon] in the compute dtype: 1 - 1e-7 is 0.99999988 in float32."""
    kind = np.dtype(dtype).type
    return float(kind(EPSILON)), float(kind(1.0 - EPSILON))


def _loss_label(spec: LossSpec) -> Label:
    return Label(f"loss.{spec.name}.display")


def _targets(name: str, targets: Sequence[float] | None) -> tuple[float, ...]:
    if targets is None or len(targets) == 0:
        return (TARGETS[name][0],)
    return tuple(float(t) for t in targets)[:MAX_TARGET_CURVES]


def _labels(targets: Sequence[float] | None, default: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(float(t) for t in (targets or default))[:MAX_TARGET_CURVES]


def _target_label(t: float) -> Label:
    return Label("curves.curve.target", {"value": fmt(t)})


def _label_label(y: float) -> Label:
    return Label("curves.curve.label", {"value": fmt(y)})


def _logit_span(span) -> tuple[float, float]:
    return (-8.0, 8.0) if span is None else (min(-8.0, span[0]), max(8.0, span[1]))


def _error_width(span) -> float:
    return 4.0 if span is None else max(4.0, 1.1 * max(abs(span[0]), abs(span[1])))


# Regression: against the error e = y_pred - y_true, or against y_pred for a fixed y_true.

SWEEPS = {
    # loss: (the parameter drawn at several values, those values, the sweep's note)
    "huber": ("delta", HUBER_DELTAS, "curves.note.huber_deltas"),
    "HuberLoss": ("delta", HUBER_DELTAS, "curves.note.huber_deltas"),
    "SmoothL1Loss": ("beta", SMOOTH_L1_BETAS, "curves.note.smooth_l1_betas"),
}


def _error_path(spec: LossSpec, params: Mapping[str, Any], span: float, *, key: str | None = None,
                label: Label | None = None, main: bool = True) -> Path:
    if spec.name in SWEEPS:
        width = params[SWEEPS[spec.name][0]]
        kinks = (-width, width) if width > 0 else (0.0,)
    else:
        kinks = (0.0,) if spec.name in ("mean_absolute_error", "L1Loss") else ()
    return Path(
        key=key or spec.name, label=label or _loss_label(spec), loss=spec.name,
        params=dict(params), grid=_grid(-span, span, extra=(*kinks, 0.0)),
        batch=lambda x: (np.zeros((len(x), 1)), _column(x)),
        value=_only_term, main=main, kinks=kinks, framework=spec.framework,
    )


def _error_view(spec: LossSpec, params, *, span=None, **_) -> tuple[list[Path], dict]:
    p = _params(spec, params)
    width = _error_width(span)
    if spec.name not in SWEEPS:
        note = Label(f"curves.note.{spec.counterpart or spec.name}")
        return [_error_path(spec, p, width)], {"axis": "error", "notes": (note,)}
    param, values, note = SWEEPS[spec.name]
    chosen = p[param]
    swept = sorted({chosen, *(v for v in values if not math.isclose(v, chosen))})
    out = [
        _error_path(spec, {**p, param: v}, width, key=param if v == chosen else f"{param}={v:g}",
                    label=Label(f"curves.curve.{param}", {"value": fmt(v)}), main=v == chosen)
        for v in swept
    ]
    return out, {"axis": "error", "notes": (Label(note),)}


def _fixed_target_view(spec: LossSpec, params, *, targets=None, span=None, **_) -> tuple[list[Path], dict]:
    name = spec.name
    p = _params(spec, params)
    ts = _targets(name, targets)
    if name == "mean_squared_logarithmic_error":
        low, high = 0.0, max(10.0, 3.0 * max(ts))
    else:
        scale = max(max(abs(t) for t in ts), 1.0)
        low, high = min(ts) - 2.0 * scale, max(ts) + 2.0 * scale
        if span is not None:
            # Around the learner's predictions and targets, with a quarter of the width to spare.
            low, high = min(span[0], min(ts)), max(span[1], max(ts))
            pad = 0.25 * max(high - low, 1.0)
            low, high = low - pad, high + pad
    if span is not None:
        low, high = min(low, span[0]), max(high, span[1])
    out = [
        Path(f"target={t:g}", _target_label(t), name, p, _grid(low, high, extra=(t, 0.0)),
             batch=lambda x, t=t: (np.full((len(x), 1), t), _column(x)),
             value=_only_term, kinks=(t, 0.0, EPSILON))
        for t in ts
    ]
    return out, {"axis": "y_pred", "notes": (Label(f"curves.note.{name}"),)}


# Binary classification: against the predicted probability (or the logit), one curve per label.


def _binary_view(spec: LossSpec, params, *, targets=None, span=None, dtype: str = "float32",
                 **_) -> tuple[list[Path], dict]:
    p = _params(spec, params, axis=-1)
    torch = spec.framework == "pytorch"
    logits = bool(p.get("from_logits")) or spec.y_pred_kind == "logits"
    if logits:
        grid, kinks = _grid(*_logit_span(span), extra=(0.0,)), ()
    else:
        # Keras clips p to [eps, 1 - eps]; PyTorch clamps each log at -100, at p = 0 and 1.
        grid, kinks = _probability_grid(), (0.0, 1.0) if torch else _clip_bounds(dtype)
    out = [
        Path(f"y={y:g}", _label_label(y), spec.name, p, grid,
             batch=lambda x, y=y: (np.full((len(x), 1), y), _column(x)),
             value=_only_term, kinks=kinks, framework=spec.framework)
        for y in _labels(targets, (1.0, 0.0))
    ]
    if logits:
        note = Label("curves.note.logits_torch" if torch else "curves.note.from_logits")
        return out, {"axis": "logit", "notes": (note,)}
    note = Label("curves.note.log_clamp") if torch else Label("curves.note.clip", {"dtype": dtype})
    return out, {"axis": "probability", "y_range": (0.0, 17.5), "slope_range": (-20.0, 20.0),
                 "notes": (note,)}


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


def _log_rows_direction(x: np.ndarray, classes: int) -> np.ndarray:
    """d/dx of log [x, (1 - x) / (C - 1), ...]: 1 / x, and -1 / (1 - x) for each other class."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return np.column_stack([1.0 / x] + [-1.0 / (1.0 - x)] * (classes - 1))


def _logit_rows(z: np.ndarray, classes: int) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    return np.column_stack([z] + [np.zeros_like(z)] * (classes - 1))


def _one_hot(n: int, classes: int) -> np.ndarray:
    y = np.zeros((n, classes))
    y[:, 0] = 1.0
    return y


def _categorical_view(spec: LossSpec, params, *, classes=None, span=None, dtype: str = "float32",
                      **_) -> tuple[list[Path], dict]:
    name, classes = spec.name, classes or 3
    p = _params(spec, params, axis=-1, ignore_class=None)
    notes = [Label("curves.note.rest_shared", {"others": classes - 1})]
    ranges = {"y_range": (0.0, 17.5), "slope_range": (-20.0, 20.0)}
    if spec.framework == "pytorch":
        # Log-probabilities as the scores: log_softmax(log p) = log p, so CrossEntropyLoss and
        # NLLLoss both read -log p of the true class (class 0 here).
        path = Path(name, _loss_label(spec), name, p, _open_probability_grid(),
                    batch=lambda x: (np.zeros(len(x), dtype=np.int64), np.log(_rows(x, classes))),
                    direction=lambda x: _log_rows_direction(x, classes), framework="pytorch")
        notes.append(Label("curves.note.log_probabilities"))
        return [path], {"axis": "p_true", "notes": tuple(notes), **ranges}
    sparse = spec.inputs == "sparse"

    def labels(n: int) -> np.ndarray:
        return np.zeros(n) if sparse else _one_hot(n, classes)

    if p.get("from_logits"):
        path = Path(name, _loss_label(spec), name, p, _grid(*_logit_span(span), extra=(0.0,)),
                    batch=lambda x: (labels(len(x)), _logit_rows(x, classes)))
        notes = [Label("curves.note.other_logits", {"others": classes - 1})]
        return [path], {"axis": "logit_true", "notes": tuple(notes)}
    if name == "categorical_generalized_cross_entropy":
        kinks: tuple[float, ...] = (0.0,)
        notes = [Label("curves.note.gce")]
        ranges = {"slope_range": (-20.0, 1.0)}
    else:
        kinks = (_clip_bounds(dtype)[0], 1.0 - (classes - 1) * EPSILON)
    path = Path(name, _loss_label(spec), name, p, _probability_grid(),
                batch=lambda x: (labels(len(x)), _rows(x, classes)), kinks=kinks)
    return [path], {"axis": "p_true", "notes": tuple(notes), **ranges}


# KL divergence and Poisson: against y_pred, for a fixed target.


def _kl_term_paths(spec: LossSpec, params: Mapping[str, Any], values: Sequence[float]) -> list[Path]:
    """One term y log(y / p) against p, for each distinct y (any number of classes). PyTorch's
    input is log p (and its target log y with ``log_target``)."""
    out = []
    for t in values:
        if spec.framework == "pytorch":
            target = math.log(max(t, EPSILON)) if params.get("log_target") else t
            out.append(Path(
                f"target={t:g}", _target_label(t), spec.name, params, _open_probability_grid(),
                batch=lambda x, target=target: (np.full((len(x), 1), target), np.log(_column(x))),
                direction=lambda x: 1.0 / _column(x), value=_only_term, framework="pytorch"))
        else:
            out.append(Path(
                f"target={t:g}", _target_label(t), spec.name, params, _probability_grid(),
                batch=lambda x, t=t: (np.full((len(x), 1), t), _column(x)),
                value=_only_term, kinks=(0.0,)))
    return out


def _kl_term_extra(spec: LossSpec) -> dict:
    note = "curves.note.kl_div" if spec.framework == "pytorch" else "curves.note.kld_term"
    return {"axis": "p_element", "quantity": "term", "notes": (Label(note),),
            "y_range": (-1.0, 8.0), "slope_range": (-20.0, 5.0)}


def _kl_view(spec: LossSpec, params, *, targets=None, **_) -> tuple[list[Path], dict]:
    p = _params(spec, params)
    ts = _targets(spec.name, targets)
    if spec.framework == "pytorch":
        return _kl_term_paths(spec, p, ts), _kl_term_extra(spec)
    out = [
        Path(f"target={t:g}", Label("curves.curve.kld_target", {"value": fmt(t)}), spec.name, p,
             _probability_grid(),
             batch=lambda x, t=t: (np.tile([1.0 - t, t], (len(x), 1)),
                                   np.column_stack([1.0 - np.asarray(x), np.asarray(x)])),
             kinks=(0.0, 1.0))
        for t in ts
    ]
    return out, {"axis": "p_class1", "notes": (Label("curves.note.kld"),),
                 "y_range": (0.0, 8.0), "slope_range": (-20.0, 20.0)}


def _poisson_view(spec: LossSpec, params, *, targets=None, span=None, **_) -> tuple[list[Path], dict]:
    p = _params(spec, params)
    ts = _targets(spec.name, targets)
    low, high = 0.05, max(10.0, 2.5 * max(ts))
    if span is not None:
        low, high = min(low, max(span[0], 0.0)), max(high, span[1])
    # PyTorch's input is log λ unless log_input=False; the curve is drawn against λ itself.
    logs = spec.framework == "pytorch" and p.get("log_input", True)
    out = [
        Path(f"target={t:g}", _target_label(t), spec.name, p, _grid(low, high, extra=(t,)),
             batch=lambda x, t=t: (np.full((len(x), 1), t), np.log(_column(x)) if logs else _column(x)),
             direction=(lambda x: 1.0 / _column(x)) if logs else None,
             value=_only_term, kinks=(0.0,), framework=spec.framework)
        for t in ts
    ]
    note = "curves.note.poisson_nll" if spec.framework == "pytorch" else "curves.note.poisson"
    # Near λ = 0 the loss climbs to -k log(1e-7); the y-range follows the curve from λ = 0.25 on.
    return out, {"axis": "rate", "notes": (Label(note),), "y_focus": (0.25, high),
                 "x_range": (0.0, high)}


# Margin losses: against the margin m = y·f(x), with the 0-1 loss for reference.

LN2 = math.log(2.0)
MARGIN_SPAN = (-3.0, 3.0)
MARGIN_NOTES = {
    "SoftMarginLoss": "curves.note.soft_margin",
    "MultiMarginLoss": "curves.note.multi_margin",
    "MarginRankingLoss": "curves.note.margin_ranking",
}


def _margin_path(spec: LossSpec, params: Mapping[str, Any], span=MARGIN_SPAN, *, classes: int = 2,
                 main: bool = True) -> Path:
    name, fw = spec.name, spec.framework
    grid = _grid(span[0], span[1], extra=(0.0, 1.0))
    if name == "categorical_hinge":
        # Two classes, the wrong one scoring 0: p - n = m, so the loss is max(0, 1 - m).
        batch = lambda x: (np.tile([1.0, 0.0], (len(x), 1)),  # noqa: E731
                           np.column_stack([np.asarray(x), np.zeros(len(x))]))
        return Path(name, _loss_label(spec), name, params, grid, batch, main=main, kinks=(1.0,))
    if name == "MultiMarginLoss":
        # True class 0 at score m, one wrong class at 0 and the rest far below: (1/C) of one term.
        others = [0.0] + [FAR_BELOW] * (classes - 2)
        batch = lambda x: (np.zeros(len(x), dtype=np.int64),  # noqa: E731
                           np.column_stack([np.asarray(x)] + [np.full(len(x), o) for o in others]))
        return Path(name, _loss_label(spec), name, params, _grid(span[0], span[1], extra=(params["margin"],)),
                    batch, main=main, kinks=(params["margin"],), framework=fw)
    if name == "MarginRankingLoss":
        # Pairs (x1, x2) = (m, 0) ranked with y = 1: max(0, -(x1 - x2) + margin).
        batch = lambda x: (np.ones(len(x)), np.column_stack([np.asarray(x), np.zeros(len(x))]))  # noqa: E731
        return Path(name, _loss_label(spec), name, params, _grid(span[0], span[1], extra=(params["margin"],)),
                    batch, main=main, kinks=(params["margin"],), framework=fw)
    # y = 1 everywhere: Keras converts 0/1 labels to -1/1, and 2·1 - 1 = 1 keeps m = ŷ.
    return Path(name, _loss_label(spec), name, params, grid,
                batch=lambda x: (np.ones((len(x), 1)), _column(x)), value=_only_term, main=main,
                kinks=() if name == "SoftMarginLoss" else (1.0,), framework=fw)


def _logistic_path(span=MARGIN_SPAN, main: bool = True) -> Path:
    """Not a Keras loss: binary cross-entropy from logits with y = 1 is log(1 + e^-m); dividing
    by ln 2 makes it pass through 1 at m = 0, like the 0-1 and hinge losses."""
    spec = get_spec("binary_crossentropy")
    return Path("logistic", Label("curves.loss.logistic"), spec.name,
                _params(spec, {"from_logits": True}), _grid(span[0], span[1], extra=(0.0, 1.0)),
                batch=lambda x: (np.ones((len(x), 1)), _column(x)), value=_only_term,
                scale=1.0 / LN2, main=main)


def _margin_span(span) -> tuple[float, float]:
    if span is None:
        return MARGIN_SPAN
    return (min(MARGIN_SPAN[0], span[0] - 0.5), max(MARGIN_SPAN[1], span[1] + 0.5))


def _margin_view(spec: LossSpec, params, *, span=None, classes=None, **_) -> tuple[list[Path], dict]:
    p = _params(spec, params)
    path = _margin_path(spec, p, _margin_span(span), classes=max(classes or 2, 2))
    note = MARGIN_NOTES.get(spec.name, f"curves.note.{spec.name}")
    return [path], {"axis": "margin", "notes": (Label(note),)}


def _zero_one(span=MARGIN_SPAN) -> Curve:
    """The 0-1 loss 1[m <= 0]: the reference every margin loss bounds from above. Not a Keras loss."""
    x = np.array([span[0], 0.0, 0.0, span[1]])
    return Curve("zero_one", Label("curves.loss.zero_one"), "zero_one", {}, x,
                 np.array([1.0, 1.0, 0.0, 0.0]), np.zeros(4), main=False)


def _label_view(spec: LossSpec, params, *, targets=None, span=None, **_) -> tuple[list[Path], dict]:
    """PyTorch's HingeEmbeddingLoss against the distance, one curve per label: the distance
    itself for y = 1, max(0, margin - distance) for y = -1."""
    p = _params(spec, params)
    margin = p["margin"]
    low, high = min(-0.5, margin - 1.0), max(3.0, margin + 2.0)
    if span is not None:
        low, high = min(low, span[0] - 0.5), max(high, span[1] + 0.5)
    out = [
        Path(f"y={y:g}", _label_label(y), spec.name, p, _grid(low, high, extra=(margin, 0.0)),
             batch=lambda x, y=y: (np.full((len(x), 1), y), _column(x)),
             value=_only_term, kinks=(margin,), framework=spec.framework)
        for y in _labels(targets, (1.0, -1.0))
    ]
    return out, {"axis": "y_pred", "notes": (Label("curves.note.hinge_embedding"),)}


# Similarity and segmentation.


def _angle_pair(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors [1, 0] and [cos x, sin x], and d/dx of the second: [-sin x, cos x]."""
    x = np.asarray(x, dtype=np.float64)
    return np.column_stack([np.cos(x), np.sin(x)]), np.column_stack([-np.sin(x), np.cos(x)])


def _cosine_view(spec: LossSpec, params, *, targets=None, **_) -> tuple[list[Path], dict]:
    p = _params(spec, params, axis=-1)
    if spec.framework == "pytorch":
        # Pairs ([1, 0], [cos x, sin x]): y = 1 pulls them together, y = -1 pushes them apart.
        margin = p["margin"]
        kink = (math.acos(margin),) if -1.0 < margin < 1.0 else ()

        def batch(x, y):
            first = np.tile([1.0, 0.0], (len(x), 1))
            return np.full(len(x), y), np.stack([first, _angle_pair(x)[0]], axis=1)

        def direction(x):
            return np.stack([np.zeros((len(x), 2)), _angle_pair(x)[1]], axis=1)

        grid = _grid(0.0, math.pi, extra=(math.pi / 2, *kink))
        out = [Path(f"y={y:g}", _label_label(y), spec.name, p, grid,
                    batch=lambda x, y=y: batch(x, y), direction=direction,
                    kinks=kink if y < 0 else (), framework="pytorch")
               for y in _labels(targets, (1.0, -1.0))]
        return out, {"axis": "angle", "notes": (Label("curves.note.cosine_embedding"),),
                     "y_range": (-0.1, 2.1)}
    path = Path(spec.name, _loss_label(spec), spec.name, p, _grid(0.0, math.pi, extra=(math.pi / 2,)),
                batch=lambda x: (np.tile([1.0, 0.0], (len(x), 1)), _angle_pair(x)[0]),
                direction=lambda x: _angle_pair(x)[1])
    return [path], {"axis": "angle", "notes": (Label("curves.note.cosine"),), "y_range": (-1.1, 1.1)}


OVERLAP_SCENARIOS = {
    # predicted mask over [object, background, more background] as a function of the overlap o;
    # y_true is [1, 0, 0]: an object of area 1 and background. Each is affine in o.
    "inside": lambda o: np.column_stack([o, 0 * o, 0 * o]),
    "same": lambda o: np.column_stack([o, 1.0 - o, 0 * o]),
    "double": lambda o: np.column_stack([o, 1.0 + 0 * o, 1.0 - o]),
}


def _overlap_view(spec: LossSpec, params, *, dtype: str = "float32", **_) -> tuple[list[Path], dict]:
    p = _params(spec, params, axis=-1)
    out = [
        Path(scenario, Label(f"curves.curve.overlap_{scenario}"), spec.name, p, _grid(0.0, 1.0),
             batch=lambda x, make=make: (np.tile([1.0, 0.0, 0.0], (len(x), 1)), make(np.asarray(x))),
             main=scenario == "same")
        for scenario, make in OVERLAP_SCENARIOS.items()
    ]
    return out, {"axis": "coverage", "notes": (Label("curves.note.overlap"),), "y_range": (-0.05, 1.05)}


# Sequence and metric learning.


def _circle_batch(s_pos: float, s_neg: float) -> tuple[np.ndarray, np.ndarray]:
    """Anchor (label 0) at angle 0, a positive (label 0) and a negative (label 1) at the angles
    whose cosines are ``s_pos`` and ``s_neg``: the anchor's loss sees exactly these two pairs."""
    a_pos, a_neg = math.acos(s_pos), -math.acos(s_neg)
    y_pred = np.array([[1.0, 0.0], [math.cos(a_pos), math.sin(a_pos)], [math.cos(a_neg), math.sin(a_neg)]])
    return np.array([0.0, 0.0, 1.0]), y_pred


def _circle_direction(row: int, sign: float):
    """d/ds of the embedding [s, sign·sqrt(1 - s²)] in ``row``: [1, -sign·s / sqrt(1 - s²)]."""

    def direction(x: np.ndarray) -> np.ndarray:
        s = np.float64(x[0])
        out = np.zeros((3, 2))
        with np.errstate(divide="ignore"):  # s = ±1: the circle's tangent is vertical there
            out[row] = [1.0, -sign * s / np.sqrt(max(1.0 - s * s, 0.0))]
        return out

    return direction


def _circle_view(spec: LossSpec, params, **_) -> tuple[list[Path], dict]:
    p = _params(spec, params)
    # s = ±1 is where the embedding's path on the unit circle turns vertical (d sin / ds is
    # infinite); a step inside keeps every slope finite and draws the same curve.
    grid = np.clip(_grid(-1.0, 1.0, points=81), -1.0 + 1e-6, 1.0 - 1e-6)
    # Only the anchor's loss is drawn: weight 1 for it and 0 for the others picks its gradient.
    anchor = np.array([1.0, 0.0, 0.0])
    out = [
        Path("positive", Label("curves.curve.circle_positive"), spec.name, p, grid,
             batch=lambda x: _circle_batch(float(x[0]), 0.0), direction=_circle_direction(1, 1.0),
             batched=False, sample_weight=anchor,
             value=lambda trace: trace.per_sample[:1]),
        Path("negative", Label("curves.curve.circle_negative"), spec.name, p, grid,
             batch=lambda x: _circle_batch(1.0, float(x[0])), direction=_circle_direction(2, -1.0),
             batched=False, sample_weight=anchor,
             value=lambda trace: trace.per_sample[:1], kinks=(-p["margin"],)),
    ]
    return out, {"axis": "similarity", "notes": (Label("curves.note.circle"),)}


def _ctc_view(spec: LossSpec, params, **_) -> tuple[list[Path], dict]:
    grid = _grid(0.01, 0.99, points=99)
    out = []
    for steps in CTC_STEPS:
        def batch(x, steps=steps):
            x = np.asarray(x, dtype=np.float64)
            # log-probabilities as scores: the engine's log-softmax returns them unchanged.
            step = np.stack([np.log(1.0 - x), np.log(x)], axis=-1)
            return np.ones((len(x), 1)), np.repeat(step[:, None, :], steps, axis=1)

        def direction(x, steps=steps):
            x = np.asarray(x, dtype=np.float64)
            step = np.stack([-1.0 / (1.0 - x), 1.0 / x], axis=-1)
            return np.repeat(step[:, None, :], steps, axis=1)

        out.append(Path(f"steps={steps}", Label("curves.curve.ctc_steps", {"steps": steps}), spec.name,
                        {}, grid, batch=batch, direction=direction, main=steps == 3))
    return out, {"axis": "ctc_p", "notes": (Label("curves.note.ctc"),)}


# A learner's own numbers, placed on the view of their loss.


def _fmt_row(row: np.ndarray) -> str:
    row = np.asarray(row)
    return fmt(row) if row.ndim == 0 else fmt_list(row.ravel(), limit=6)


def _position(index: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(int(i) for i in index)


def _index_text(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"


def _first(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The first MAX_POINTS positions in row-major order: a big batch gets a readable chart."""
    count = int(np.prod(shape)) if shape else 1
    return [np.unravel_index(i, shape) if shape else () for i in range(min(count, MAX_POINTS))]


def _element_points(trace: Trace, x: np.ndarray, y: np.ndarray, curve_of) -> Points:
    """One point per element: ``x``, ``y`` and the element's y_true/y_pred, all of one shape.
    ``curve_of(y_true)`` names the curve an element lies on."""
    shape = np.shape(x)
    idx = _first(shape)
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    yt, yp = np.broadcast_to(trace.y_true, shape), np.broadcast_to(trace.y_pred, shape)
    return Points(
        x=np.array([x[i] for i in idx]), y=np.array([y[i] for i in idx]),
        curve=tuple(curve_of(yt[i]) for i in idx), index=tuple(_index_text(i) for i in idx),
        y_true=tuple(fmt(yt[i]) for i in idx), y_pred=tuple(fmt(yp[i]) for i in idx), kind="term",
        total=int(np.prod(shape)) if shape else 1, position=tuple(_position(i) for i in idx),
    )


def _last(array: np.ndarray, axis) -> np.ndarray:
    """``array`` with the loss's reduced axis (or axes) moved to the end."""
    axes = axis if isinstance(axis, tuple) else (axis,)
    if not all(-array.ndim <= a < array.ndim for a in axes):
        return array  # a sparse target's rows have no class axis
    return np.moveaxis(array, axes, tuple(range(-len(axes), 0)))


def _sample_rows(array: np.ndarray, axis, count: int) -> np.ndarray:
    """One row per sample of ``array`` (y_true or y_pred), for hover text: the reduced axis
    last, then everything else flattened; a single row is repeated (a scalar target)."""
    array = np.asarray(array)
    array = _last(array, axis) if array.ndim > 1 else array
    if count and array.size % count == 0:
        return array.reshape(count, -1)
    return np.broadcast_to(array.reshape(1, -1), (count, array.size))


def _sample_points(trace: Trace, x: np.ndarray, y: np.ndarray, curve, axis=-1) -> Points:
    """One point per sample (row), for losses whose per-sample value is the unit of the curve.
    ``curve`` is one key for every sample, or one per sample."""
    shape = np.shape(x)
    idx = _first(shape)
    count = int(np.prod(shape)) if shape else 1
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    keys = np.broadcast_to(np.asarray(curve, dtype=object), shape)
    flat = [int(np.ravel_multi_index(i, shape)) if shape else 0 for i in idx]
    yt, yp = _sample_rows(trace.y_true, axis, count), _sample_rows(trace.y_pred, axis, count)
    return Points(
        x=np.array([x[i] for i in idx]), y=np.array([y.reshape(shape)[i] for i in idx]),
        curve=tuple(str(keys[i]) for i in idx), index=tuple(_index_text(i) for i in idx),
        y_true=tuple(_fmt_row(yt[j] if yt.shape[1] > 1 else yt[j, 0]) for j in flat),
        y_pred=tuple(_fmt_row(yp[j] if yp.shape[1] > 1 else yp[j, 0]) for j in flat),
        kind="sample", total=count, position=tuple(_position(i) for i in idx),
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


def _array(trace: Trace, *keys: str) -> np.ndarray:
    """The first of the trace's steps ``keys`` that it has, as float64."""
    for key in keys:
        if any(step.key == key for step in trace.steps):
            return np.asarray(trace.step(key).array, dtype=np.float64)
    raise KeyError(f"{trace.name} has none of the steps {keys}")


def _keyed(prefix: str, values: Sequence[float]):
    """The curve an element lies on: ``prefix=value`` when that curve is drawn, else ""."""
    drawn = {f"{prefix}={t:g}" for t in values[:MAX_TARGET_CURVES]}
    return lambda v: f"{prefix}={float(v):g}" if f"{prefix}={float(v):g}" in drawn else ""


_POINTS_ONLY = contextvars.ContextVar("points_only", default=False)


def _view_of(trace: Trace, **kw: Any) -> View:
    if _POINTS_ONLY.get():
        # learner_points: the placement only, no curve computed (a view with nothing drawn).
        return View(trace.name, "", "", ())
    return loss_view(trace.name, dict(trace.params), dtype=trace.dtype, framework=trace.framework, **kw)


def _place_error(trace: Trace, spec: LossSpec) -> View:
    """Each element at its error ŷ - y: the trace's own step where it keeps the sign (torch's
    Huber and SmoothL1 record |ŷ - y| only)."""
    try:
        x = _array(trace, "error", "difference")
    except KeyError:
        x = np.asarray(trace.y_pred, dtype=np.float64) - np.asarray(trace.y_true, dtype=np.float64)
    view = _view_of(trace, span=_span_of(x))
    main = SWEEPS[spec.name][0] if spec.name in SWEEPS else spec.name
    return _with(view, _element_points(trace, x, trace.terms, lambda _: main))


def _place_by_target(trace: Trace, spec: LossSpec) -> View:
    """MSLE, MAPE and Poisson: each element at its prediction (PyTorch's Poisson: at its rate)
    on the curve of its own target."""
    x = (_array(trace, "rate") if spec.framework == "pytorch" and trace.params.get("log_input", True)
         else np.asarray(trace.y_pred, dtype=np.float64))
    targets = tuple(sorted(_distinct(trace.y_true)))
    view = _view_of(trace, targets=targets, span=_span_of(x))
    if spec.name == "mean_absolute_percentage_error":
        # Steep Vs for several targets: frame the learner's terms, not the far ends.
        top = 2.0 * max(float(np.max(trace.terms)), 10.0)
        view = dataclasses.replace(view, y_range=(-0.05 * top, top))
    return _with(view, _element_points(trace, x, trace.terms, _keyed("target", targets)))


def _place_by_label(trace: Trace, spec: LossSpec) -> View:
    """Binary losses and HingeEmbeddingLoss: each element at its prediction, on its label's curve."""
    labels = tuple(sorted(_distinct(trace.y_true), reverse=True))  # y = 1 first, as on the page
    view = _view_of(trace, targets=labels, span=_span_of(trace.y_pred))
    return _with(view, _element_points(trace, trace.y_pred, trace.terms, _keyed("y", labels)))


def _place_categorical(trace: Trace, spec: LossSpec) -> View:
    """Each sample at the probability of its true class, read off the trace: its renormalised
    (or softmax) probabilities, PyTorch's log-softmax, or generalized cross-entropy's p_true."""
    params = dict(trace.params)
    torch = spec.framework == "pytorch"
    # torch.nn's class axis is 1; Keras' is the loss's axis (generalized cross-entropy: the last).
    axis = 1 if torch else -1 if spec.name == "categorical_generalized_cross_entropy" else params.get("axis", -1)
    yp = np.asarray(trace.y_pred, dtype=np.float64)
    classes = yp.shape[axis] if yp.ndim else 1
    if torch:
        logp = _array(trace, "log_softmax") if spec.name == "CrossEntropyLoss" else yp
        probs = np.exp(np.moveaxis(logp, axis, -1))
    else:
        probs = np.moveaxis(_array(trace, "renormalise", "softmax", "one_hot"), axis, -1)
    labels = np.asarray(trace.y_true)
    if labels.ndim == probs.ndim:  # one-hot (or probability) targets
        rows = np.moveaxis(labels, axis, -1)
        true = np.argmax(rows, axis=-1)
        # PyTorch's probability targets: only a one-hot row is the curve's sample.
        on_curve = np.isclose(np.max(rows, axis=-1), 1.0) if torch else np.ones(true.shape, bool)
    else:
        true = np.asarray(labels).astype(np.int64)
        on_curve = (true >= 0) & (true < classes)
        true = np.clip(true, 0, classes - 1)
    if spec.name == "categorical_generalized_cross_entropy":
        p_true = _array(trace, "p_true")
    else:
        p_true = np.take_along_axis(probs, true[..., None], axis=-1)[..., 0]
    if torch and params.get("weight") is not None:
        on_curve = np.zeros(true.shape, bool)  # class weights scale the loss off the curve
    # The learner's points sit on the probability view, so draw it even for logits:
    # -log softmax(z)_y equals the loss of the probabilities softmax(z).
    view_params = {**params, "from_logits": False} if "from_logits" in params else params
    view = loss_view(trace.name, view_params, dtype=trace.dtype, framework=trace.framework,
                     classes=max(classes, 2))
    keys = np.where(on_curve, spec.name, "")
    return _with(view, _sample_points(trace, p_true, trace.per_sample, keys, axis))


def _place_kl(trace: Trace, spec: LossSpec) -> View:
    yt, yp = np.asarray(trace.y_true, dtype=np.float64), np.asarray(trace.y_pred, dtype=np.float64)
    torch = spec.framework == "pytorch"
    if not torch and yp.ndim >= 1 and yp.shape[-1] == 2:
        targets = _distinct(yt[..., 1])
        view = _view_of(trace, targets=targets)
        keyed = _keyed("target", targets)
        keys = np.vectorize(keyed, otypes=[object])(yt[..., 1]) if yt.size else ""
        return _with(view, _sample_points(trace, yp[..., 1], trace.per_sample, keys))
    if torch:
        # PyTorch's input is log p (and its target log y with log_target): the term's place is p.
        yp = np.exp(yp)
        yt = np.exp(yt) if trace.params.get("log_target") else yt
    values = _distinct(yt)[:MAX_TARGET_CURVES]
    found = _kl_term_paths(spec, _params(spec, trace.params), values)
    curves = tuple(_curve(p, trace.dtype) for p in found)
    extra = _kl_term_extra(spec)
    view = View(spec.name, extra["axis"], extra["quantity"], curves, notes=extra["notes"],
                y_range=extra["y_range"], slope_range=extra["slope_range"])
    keyed = _keyed("target", values)
    return _with(view, dataclasses.replace(
        _element_points(trace, yp, trace.terms, lambda _: ""),
        curve=tuple(keyed(v) for v in yt.ravel()[:MAX_POINTS])))


def _place_margin(trace: Trace, spec: LossSpec) -> View:
    """Each element (or sample) at its margin, read off the trace's steps."""
    name = spec.name
    if name in ("hinge", "squared_hinge", "SoftMarginLoss"):
        margin = _array(trace, "margin")
        # PyTorch's SoftMarginLoss records the exponent -y·x; the margin is its opposite.
        margin = -margin if name == "SoftMarginLoss" else margin
        view = _view_of(trace, span=_span_of(margin))
        return _with(view, _element_points(trace, margin, trace.terms, lambda _: name))
    if name == "categorical_hinge":
        margin = _array(trace, "positive") - _array(trace, "negative")
        view = _view_of(trace, span=_span_of(margin))
        return _with(view, _sample_points(trace, margin, trace.per_sample, name))
    if name == "MarginRankingLoss":
        margin = np.asarray(trace.y_true, dtype=np.float64) * _array(trace, "difference")
        view = _view_of(trace, span=_span_of(margin))
        return _with(view, _sample_points(trace, margin, trace.per_sample, name))
    # MultiMarginLoss: the true score minus the best wrong one. A sample lies on the curve when
    # at most one wrong class is within the margin (the curve's one term) and no weight scales it.
    scores = np.asarray(trace.y_pred, dtype=np.float64)
    scores = scores[None] if scores.ndim == 1 else scores
    true = np.asarray(trace.y_true).astype(np.int64).reshape(-1)
    wrong = scores.copy()
    wrong[np.arange(len(true)), true] = -np.inf
    margin = _array(trace, "target_score").reshape(-1) - wrong.max(axis=1)
    within = np.sum(_array(trace, "term").reshape(len(true), -1) > 0, axis=1)
    on_curve = (within <= 1) & (trace.params.get("weight") is None)
    view = _view_of(trace, span=_span_of(margin), classes=scores.shape[-1])
    return _with(view, _sample_points(trace, margin, trace.per_sample, np.where(on_curve, name, "")))


def _place_cosine(trace: Trace, spec: LossSpec) -> View:
    """Each sample at the angle between its two vectors, from the trace's cosine."""
    if spec.framework == "pytorch":
        cos = _array(trace, "cosine")
        view = _view_of(trace, targets=tuple(sorted(_distinct(trace.y_true), reverse=True)))
        keyed = _keyed("y", (1.0, -1.0))
        keys = [keyed(v) for v in np.asarray(trace.y_true, dtype=np.float64).ravel()]
        axis = -1
    else:
        axis = trace.params.get("axis", -1)
        # The term step holds the products of the normalised vectors: their sum is the cosine.
        cos = np.sum(_array(trace, "term"), axis=axis)
        view = _view_of(trace)
        keys = spec.name
    angle = np.arccos(np.clip(cos, -1.0, 1.0))
    return _with(view, _sample_points(trace, angle, trace.per_sample, keys, axis))


def _place_overlap(trace: Trace, spec: LossSpec) -> View:
    """Each sample (or the whole batch) at the share of the object it covers."""
    yt, yp = np.asarray(trace.y_true, dtype=np.float64), np.asarray(trace.y_pred, dtype=np.float64)
    axis = trace.params.get("axis")
    covered = _array(trace, "intersection") / np.maximum(np.sum(yt, axis=axis), EPSILON)
    if axis is None:
        x, y = np.array([float(covered)]), np.array([float(np.asarray(trace.per_sample).ravel()[0])])
        points = Points(x, y, ("",), ("all",), (_fmt_row(yt.ravel()),), (_fmt_row(yp.ravel()),),
                        "sample", total=1, position=((),))
    else:
        points = _sample_points(trace, covered, trace.per_sample, "", axis)
    return _with(_view_of(trace), points)


def _with(view: View, points: Points) -> View:
    return dataclasses.replace(view, points=points)


# Views: one per family of losses, named by each loss's spec (``LossSpec.curve``).


@dataclass(frozen=True)
class Family:
    """A view shared by several losses: ``paths(spec, params, **settings)`` gives the curves
    and the view's settings (axis, notes, ranges); ``place(trace, spec)`` puts a learner's
    numbers on it (None: the samples have no one-dimensional place)."""

    paths: Callable[..., tuple[list[Path], dict]]
    place: Callable[[Trace, LossSpec], View] | None = None


FAMILIES: dict[str, Family] = {
    "error": Family(_error_view, _place_error),
    "fixed_target": Family(_fixed_target_view, _place_by_target),
    "binary": Family(_binary_view, _place_by_label),
    "categorical": Family(_categorical_view, _place_categorical),
    "kl": Family(_kl_view, _place_kl),
    "poisson": Family(_poisson_view, _place_by_target),
    "margin": Family(_margin_view, _place_margin),
    "labels": Family(_label_view, _place_by_label),
    "cosine": Family(_cosine_view, _place_cosine),
    "overlap": Family(_overlap_view, _place_overlap),
    "circle": Family(_circle_view),  # the anchor's loss depends on the whole batch
    "ctc": Family(_ctc_view),  # and a sequence's on all of its steps
}


def paths(name: str, params: Mapping[str, Any] | None = None, *, dtype: str = "float32",
          targets: Sequence[float] | None = None, classes: int | None = None,
          span: tuple[float, float] | None = None, framework: str = "keras") -> tuple[list[Path], dict]:
    """The paths of ``name``'s natural view and the view's settings (axis, notes, ranges)."""
    spec = get_spec(name, framework)
    return FAMILIES[spec.curve].paths(spec, params, dtype=dtype, targets=targets, classes=classes,
                                      span=span)


def loss_view(name: str, params: Mapping[str, Any] | None = None, *, dtype: str = "float32",
              targets: Sequence[float] | None = None, classes: int | None = None,
              span: tuple[float, float] | None = None, framework: str = "keras") -> View:
    """``name`` over its natural one-dimensional view, each curve computed by ``losses.compute``.

    Args:
        name: a registered loss name or alias (of ``framework``).
        params: the loss's hyperparameters (missing ones take the framework's defaults; the view
            fixes ``axis`` itself).
        dtype: the compute dtype; float32 shows Keras' float32 clipping (the y = 0 cap of binary
            cross-entropy is 15.94, not 16.12).
        targets: the fixed y_true values (MSLE, MAPE, Poisson, KL divergence) or labels
            (binary losses) to draw one curve each for.
        classes: number of classes of the categorical views (default 3).
        span: an x interval the view must cover (to show a learner's points).
        framework: "keras" or "pytorch".
    """
    spec = get_spec(name, framework)
    found, extra = paths(spec.name, params, dtype=dtype, targets=targets, classes=classes, span=span,
                         framework=framework)
    curves = [_curve(path, dtype) for path in found]
    axis = extra["axis"]
    levels: tuple[Level, ...] = ()
    if spec.framework == "keras" and (axis == "probability" or (axis == "p_true" and "y_range" in extra)):
        levels = _cap_levels(curves, axis, dtype)
    elif axis == "margin":
        curves.insert(0, _zero_one(_margin_span(span)))
    y_range, slope_range = extra.get("y_range"), extra.get("slope_range")
    if "y_focus" in extra:
        y_range = _focus_range(curves, *extra["y_focus"])
        slope_range = _focus_range(curves, *extra["y_focus"], slope=True)
    return View(
        name=spec.name, axis=axis, quantity=extra.get("quantity", _quantity(found)), curves=tuple(curves),
        levels=levels, notes=tuple(extra.get("notes", ())), y_range=y_range,
        slope_range=slope_range, x_range=extra.get("x_range"),
    )


def _quantity(found: Sequence[Path]) -> str:
    """What the y-axis holds: one element's term when every curve draws a single term (MSE's
    (ŷ - y)², the learner's points are their elements), else a sample's loss over its row."""
    return "term" if found and all(p.value is _only_term for p in found) else "loss"


def _focus_range(curves: Sequence[Curve], low: float, high: float, *,
                 slope: bool = False) -> tuple[float, float] | None:
    """The range of the curves' values (or slopes) over x in [low, high], padded by 8 %."""
    if slope and any(c.slope is None for c in curves):
        return None
    ys = np.concatenate([(c.slope if slope else c.y)[(c.x >= low) & (c.x <= high)] for c in curves])
    ys = ys[np.isfinite(ys)]
    bottom, top = float(ys.min()), float(ys.max())
    pad = 0.08 * max(top - bottom, 1e-9)
    return (bottom - pad, top + pad)


def learner_view(trace: Trace) -> View | None:
    """The view of ``trace``'s loss with the learner's elements (or samples) as points.

    Elementwise losses place each element at its own x (error, prediction, margin) with its term;
    row-wise losses place each sample at a one-number summary of its row (probability of the true
    class, angle, overlap) with its per-sample loss, read off the trace's steps. None for circle
    and CTC, whose per-sample loss depends on a whole batch or sequence and has no
    one-dimensional place.
    """
    spec = get_spec(trace.name, trace.framework)
    family = FAMILIES.get(spec.curve)
    if family is None or family.place is None:
        return None
    return family.place(trace, spec)


def learner_points(trace: Trace) -> Points | None:
    """Where ``trace``'s elements (or samples) sit on its view, without computing the curves:
    what a path of learning steps needs at every step (ui/learning.py draws them as trails)."""
    token = _POINTS_ONLY.set(True)
    try:
        view = learner_view(trace)
    finally:
        _POINTS_ONLY.reset(token)
    return None if view is None else view.points


def spots(points: Points) -> tuple[Spot, ...]:
    """The distinct places of ``points``, in the order of their first member.

    Points whose x and y agree to SPOT_DIGITS significant digits share a spot. Exact float32
    equality is not enough: float32 subtraction leaves 2.4 - 3 = -0.5999999 and 0.4 - 1 =
    -0.6000000, one unit apart in the seventh digit, two markers drawn on top of each other.
    """
    places: dict[tuple[str, str], list[int]] = {}
    xs = np.asarray(points.x, dtype=np.float32)
    ys = np.asarray(points.y, dtype=np.float32)
    for i in range(len(xs)):
        key = (f"{float(xs[i]):.{SPOT_DIGITS - 1}e}", f"{float(ys[i]):.{SPOT_DIGITS - 1}e}")
        places.setdefault(key, []).append(i)
    return tuple(Spot(float(xs[m[0]]), float(ys[m[0]]), tuple(m)) for m in places.values())


ZOOM_PAD = 0.25
"""Room on each side of the learner's points, as a share of their span (the span grows by half)."""
ZOOM_MIN_SPAN = 0.2
"""The narrowest zoom, as a share of the whole view: a curve's bend needs some width to be seen."""
ZOOM_NEAR_MIN = 0.1
"""A loss that only approaches its minimum (the logistic tail) is followed until it is within
this share of the learner's highest loss above it."""
ZOOM_HEADROOM = 3.0
"""The zoom's y-axis reaches at most this many times the points' height above the curve's bottom."""
Y_PAD = 0.08


def _held(view: View, every_curve: bool) -> list[Curve]:
    """The curves the zoom frames: those the learner's points lie on (all main ones when none)."""
    keys = set(view.points.curve) if view.points is not None else set()
    drawn = [c for c in view.curves if c.key != "zero_one"]
    if every_curve:
        return drawn
    held = [c for c in drawn if c.key in keys]
    return held or [c for c in drawn if c.main] or drawn


def _minimum_near(curve: Curve, low: float, high: float, top: float) -> float | None:
    """The x closest to [low, high] where ``curve`` is at (or, for a loss that only approaches
    it at the end of the grid, near) its minimum."""
    finite = np.isfinite(curve.y)
    if not finite.any():
        return None
    x, y = curve.x[finite], curve.y[finite]
    bottom = float(y.min())
    lowest = np.flatnonzero(y == bottom)
    # One lowest point at an end of the grid: the loss only approaches its minimum there.
    at_edge = len(lowest) == 1 and lowest[0] in (0, len(y) - 1)
    tolerance = ZOOM_NEAR_MIN * max(top - bottom, 0.0) if at_edge else 0.0
    near = x[y <= bottom + tolerance]
    inside = near[(near >= low) & (near <= high)]
    if inside.size:
        return float(inside[0])
    return float(near[np.argmin(np.minimum(np.abs(near - low), np.abs(near - high)))])


def _range_of(values: np.ndarray, include: Sequence[float] = ()) -> tuple[float, float] | None:
    values = np.concatenate([np.asarray(values, dtype=np.float64).ravel(),
                             np.asarray(include, dtype=np.float64)])
    values = values[np.isfinite(values)]
    if not values.size:
        return None
    bottom, top = float(values.min()), float(values.max())
    pad = Y_PAD * (top - bottom) if top > bottom else max(abs(top), 1.0) * Y_PAD
    return (bottom - pad, top + pad)


def zoom(view: View, *, every_curve: bool = False) -> View:
    """``view`` framed on the learner's points, with the curve's shape still in sight.

    x spans the points and the nearest minimum of the curves they lie on (MSE's 0, the hinge's
    corner at margin 1), widened to at least ZOOM_MIN_SPAN of the whole view and padded by
    ZOOM_PAD on each side, within the drawn curves; y spans those curves' values (and slopes)
    over that x and the points themselves. ``every_curve`` frames every drawn curve's values (an
    overlay compares them all). A view without points is returned unchanged.
    """
    points = view.points
    if points is None or len(points.x) == 0:
        return view
    xs, ys = np.asarray(points.x, dtype=np.float64), np.asarray(points.y, dtype=np.float64)
    shown = np.isfinite(xs)
    if not shown.any():
        return view
    held = _held(view, every_curve)
    if not held:
        return view
    whole_low = min(float(c.x.min()) for c in held)
    whole_high = max(float(c.x.max()) for c in held)
    if view.x_range is not None:
        whole_low, whole_high = min(whole_low, view.x_range[0]), max(whole_high, view.x_range[1])
    low, high = float(xs[shown].min()), float(xs[shown].max())
    finite_ys = ys[np.isfinite(ys)]
    top = float(finite_ys.max()) if finite_ys.size else 0.0
    for curve in _held(view, False):
        anchor = _minimum_near(curve, low, high, top)
        if anchor is not None:
            low, high = min(low, anchor), max(high, anchor)
    span = max(high - low, ZOOM_MIN_SPAN * (whole_high - whole_low))
    middle = (low + high) / 2.0
    low, high = min(low, middle - span / 2.0), max(high, middle + span / 2.0)
    pad = ZOOM_PAD * (high - low)
    low, high = max(low - pad, whole_low), min(high + pad, whole_high)
    low, high = min(low, float(xs[shown].min())), max(high, float(xs[shown].max()))

    def within(curve: Curve, values: np.ndarray) -> np.ndarray:
        return values[(curve.x >= low) & (curve.x <= high)]

    framed = held + [c for c in view.curves if c.key == "zero_one"]
    values = np.concatenate([within(c, c.y) for c in framed])
    values = values[np.isfinite(values)]
    marked = ys[shown & np.isfinite(ys)]
    if values.size and marked.size:
        # A curve that climbs to a clipping cap (16 for cross-entropy) would squash points whose
        # loss is near 1 again: above the points, show a few times their height and no more.
        bottom = min(float(values.min()), float(marked.min()))
        if marked.max() > bottom:
            values = np.minimum(values, bottom + ZOOM_HEADROOM * (float(marked.max()) - bottom))
    y_range = _range_of(np.concatenate([values, marked]))
    if y_range is not None and view.y_range is not None:
        # Never wider than the whole view (MAPE's is framed on the learner's terms already).
        whole = _range_of(marked, include=view.y_range)
        y_range = (max(y_range[0], whole[0]), min(y_range[1], whole[1]))
    slope_range = view.slope_range
    if all(c.slope is not None for c in held):
        found = _range_of(np.concatenate([within(c, c.slope) for c in held]), include=(0.0,))
        if found is not None and view.slope_range is not None:
            # Near log 0 a slope runs to -1e7: the whole view's slope range is the bound.
            found = (max(found[0], view.slope_range[0]), min(found[1], view.slope_range[1]))
        slope_range = found if found is not None and found[0] < found[1] else view.slope_range
    return dataclasses.replace(view, x_range=(low, high), y_range=y_range or view.y_range,
                               slope_range=slope_range)


def registered_views(framework: str = "keras") -> list[str]:
    """Every loss of ``framework`` with a view: the list the curves page offers."""
    return [n for n in names(framework) if get_spec(n, framework).curve in FAMILIES]


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
        width = _error_width(span)
        found = []
        for n in OVERLAYS["regression"]:
            spec = get_spec(n)
            p = _params(spec, params.get(n))
            label = Label("curves.curve.delta", {"value": fmt(p["delta"])}) if n == "huber" else None
            found.append(_error_path(spec, p, width, label=label))
        return View("regression", "error", _quantity(found), tuple(_curve(p, dtype) for p in found),
                    notes=(Label("curves.note.overlay_regression"),), y_range=(-0.2, 8.0))
    if name == "margin":
        ms = _margin_span(span)
        found = [_margin_path(get_spec(n), {}, ms) for n in OVERLAYS["margin"][1:3]]
        found.append(_logistic_path(ms))
        curves = [_zero_one(ms)] + [_curve(p, dtype) for p in found]
        return View("margin", "margin", _quantity(found), tuple(curves),
                    notes=(Label("curves.note.logistic"),), y_range=(-0.2, 6.0))
    if name == "focal":
        spec = get_spec("binary_focal_crossentropy")
        base = _params(spec, params.get(spec.name))
        found = []
        for gamma in FOCAL_GAMMAS:
            p = {**base, "gamma": gamma, "from_logits": False, "apply_class_balancing": False}
            path = _binary_view(spec, p, targets=(1.0,), dtype=dtype)[0][0]
            found.append(dataclasses.replace(
                path, key=f"gamma={gamma:g}", label=Label("curves.curve.gamma", {"value": fmt(gamma)}),
                main=gamma in (0.0, base["gamma"])))
        return View("focal", "probability", _quantity(found), tuple(_curve(p, dtype) for p in found),
                    notes=(Label("curves.note.overlay_focal"),), y_range=(0.0, 5.0),
                    slope_range=(-20.0, 1.0))
    raise KeyError(f"no overlay {name!r}; overlays are {list(OVERLAYS)}")
