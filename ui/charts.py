"""Plotly figures of loss curves, sized and styled to be read from the back of a classroom.

Builders take a ``losses.curves.View`` (plain arrays computed by the engine) and return a
``go.Figure``; they never compute a loss themselves. Arrays go to Plotly as float32, which halves
the payload (see /work/shared/NOTES-streamlit.md).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import losses
from losses import curves as lc
from ui.i18n import t, tr

# Okabe-Ito: distinguishable with every common colour-vision deficiency, and on a projector.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
REFERENCE = "#6b7280"
POINTS = "#111827"
INK = "#1f2937"
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=18, color=INK)
GRID = "#e5e7eb"


def label_text(label: lc.Label) -> str:
    """A curve label for a learner: a loss's own name comes from the loss tables."""
    if label.key.startswith("curves.loss.") and label.key[12:] in losses.names():
        name = label.key[12:]
        return tr(f"loss.{name}.display", losses.spec(name).display)
    return t(label.key, **label.params)


def _f32(values) -> np.ndarray:
    out = np.asarray(values, dtype=np.float32)
    return np.where(np.isfinite(out), out, np.float32("nan"))


def _color(view: lc.View, curve: lc.Curve, i: int) -> str:
    if curve.key == "zero_one":
        return REFERENCE
    return PALETTE[i % len(PALETTE)]


def _axis_ticks(axis: str) -> dict:
    if axis == "angle":
        values = [0.0, math.pi / 4, math.pi / 2, 3 * math.pi / 4, math.pi]
        text = ["0°", "45°", "90°", "135°", "180°"]
        return dict(tickmode="array", tickvals=values, ticktext=text)
    return {}


def _range(view: lc.View, values: list[np.ndarray], hint: tuple[float, float] | None,
           extra: np.ndarray | None = None) -> list[float] | None:
    """The hinted y-range, widened to keep the learner's points in sight."""
    if hint is None:
        return None
    low, high = hint
    if extra is not None and extra.size:
        finite = extra[np.isfinite(extra)]
        if finite.size:
            pad = 0.08 * max(high - low, 1e-9)
            low, high = min(low, float(finite.min()) - pad), max(high, float(finite.max()) + pad)
    return [low, high]


def _add_curves(fig: go.Figure, view: lc.View, *, row: int | None, slope: bool,
                show_legend: bool, only_main: bool = False) -> None:
    x_name = t(f"curves.axis_short.{view.axis}")
    y_name = t("curves.slope_short") if slope else t(f"curves.quantity_short.{view.quantity}")
    colour_index = 0
    for curve in view.curves:
        if only_main and not curve.main and curve.key != "zero_one":
            continue
        colour = _color(view, curve, colour_index)
        if curve.key != "zero_one":
            colour_index += 1
        values = curve.slope if slope else curve.y
        if values is None:
            continue
        if slope and curve.key == "zero_one":
            continue
        name = label_text(curve.label)
        line = dict(color=colour, width=4 if curve.main else 2.5)
        if curve.key == "zero_one":
            line.update(dash="dash", width=3)
        elif not curve.main:
            line.update(dash="dot")
        trace = go.Scatter(
            x=_f32(curve.x), y=_f32(values), mode="lines", name=name, line=line,
            legendgroup=curve.key, showlegend=show_legend, opacity=1.0 if curve.main else 0.85,
            hovertemplate=f"{name}<br>{x_name} = %{{x:.4g}}<br>{y_name} = %{{y:.4g}}<extra></extra>",
        )
        if row is None:
            fig.add_trace(trace)
        else:
            fig.add_trace(trace, row=row, col=1)


def _add_points(fig: go.Figure, view: lc.View, *, row: int | None, slope: bool) -> None:
    points = view.points
    if points is None or slope:
        return
    kind = t(f"curves.points.{points.kind}")
    term = t(f"curves.quantity_short.{'term' if points.kind == 'term' else 'loss'}")
    custom = np.array(list(zip(points.index, points.y_true, points.y_pred)), dtype=object)
    trace = go.Scatter(
        x=_f32(points.x), y=_f32(points.y), mode="markers", name=kind,
        marker=dict(size=15, color="rgba(255,255,255,0.95)", line=dict(color=POINTS, width=3),
                    symbol="circle"),
        customdata=custom,
        hovertemplate=(
            f"{kind} %{{customdata[0]}}<br>y_true = %{{customdata[1]}}<br>"
            f"y_pred = %{{customdata[2]}}<br>{term} = %{{y:.4g}}<extra></extra>"
        ),
    )
    if row is None:
        fig.add_trace(trace)
    else:
        fig.add_trace(trace, row=row, col=1)


def _add_levels(fig: go.Figure, view: lc.View, *, row: int | None) -> None:
    for i, level in enumerate(view.levels):
        kwargs = dict(
            y=level.y, line=dict(color=REFERENCE, width=2, dash="dot"),
            annotation=dict(text=t(level.key, **level.params), font=dict(size=16, color="#374151"),
                            bgcolor="rgba(255,255,255,0.85)"),
            annotation_position="top right" if i == 0 else "bottom right",
        )
        if row is not None:
            kwargs.update(row=row, col=1)
        fig.add_hline(**kwargs)


def _style(fig: go.Figure, *, height: int, font_size: int) -> None:
    fig.update_layout(
        template="plotly_white",
        height=height,
        font=dict(FONT, size=font_size),
        margin=dict(l=10, r=20, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0,
                    font=dict(size=font_size), bgcolor="rgba(255,255,255,0)"),
        hoverlabel=dict(font_size=font_size),
        hovermode="closest",
    )
    fig.update_xaxes(showgrid=True, gridcolor=GRID, zeroline=True, zerolinecolor="#9ca3af",
                     zerolinewidth=1.5, title_font=dict(size=font_size + 1, color=INK),
                     tickfont=dict(size=font_size - 2, color="#374151"), automargin=True)
    fig.update_yaxes(showgrid=True, gridcolor=GRID, zeroline=True, zerolinecolor="#9ca3af",
                     zerolinewidth=1.5, title_font=dict(size=font_size + 1, color=INK),
                     tickfont=dict(size=font_size - 2, color="#374151"), automargin=True)


def view_figure(view: lc.View, *, slope: bool = False, height: int = 540) -> go.Figure:
    """The curves page's chart: the view's curves, levels and points; with ``slope``, a second
    panel below (same x) draws each curve's derivative."""
    points_y = None if view.points is None else np.asarray(view.points.y, dtype=np.float64)
    if slope:
        fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06,
                            row_heights=[0.6, 0.4])
        _add_curves(fig, view, row=1, slope=False, show_legend=True)
        _add_points(fig, view, row=1, slope=False)
        _add_levels(fig, view, row=1)
        _add_curves(fig, view, row=2, slope=True, show_legend=False)
        fig.add_hline(y=0, line=dict(color="#9ca3af", width=1.5), row=2, col=1)
        _style(fig, height=int(height * 1.4), font_size=18)
        fig.update_yaxes(title_text=t(f"curves.quantity.{view.quantity}"), row=1, col=1,
                         range=_range(view, [], view.y_range, points_y))
        fig.update_yaxes(title_text=t("curves.slope_title"), row=2, col=1,
                         range=None if view.slope_range is None else list(view.slope_range))
        fig.update_xaxes(title_text=t(f"curves.axis.{view.axis}"), row=2, col=1, **_axis_ticks(view.axis))
        fig.update_xaxes(**_axis_ticks(view.axis), row=1, col=1)
        return fig
    fig = go.Figure()
    _add_curves(fig, view, row=None, slope=False, show_legend=True)
    _add_points(fig, view, row=None, slope=False)
    _add_levels(fig, view, row=None)
    _style(fig, height=height, font_size=18)
    fig.update_xaxes(title_text=t(f"curves.axis.{view.axis}"), **_axis_ticks(view.axis))
    fig.update_yaxes(title_text=t(f"curves.quantity.{view.quantity}"),
                     range=_range(view, [], view.y_range, points_y))
    return fig


def learner_curve_figure(trace: losses.Trace) -> go.Figure | None:
    """A small chart of ``trace``'s loss with the learner's elements as points on it.

    Hovering a point shows its index, y_true, y_pred and term. None for circle and CTC (their
    per-sample loss has no one-dimensional place) or when the view cannot be computed.
    """
    try:
        view = lc.learner_view(trace)
    except (NotImplementedError, losses.LossInputError):
        return None
    if view is None:
        return None
    fig = go.Figure()
    _add_curves(fig, view, row=None, slope=False, show_legend=True)
    _add_points(fig, view, row=None, slope=False)
    _add_levels(fig, view, row=None)
    _style(fig, height=400, font_size=16)
    points_y = None if view.points is None else np.asarray(view.points.y, dtype=np.float64)
    fig.update_xaxes(title_text=t(f"curves.axis.{view.axis}"), **_axis_ticks(view.axis))
    fig.update_yaxes(title_text=t(f"curves.quantity.{view.quantity}"),
                     range=_range(view, [], view.y_range, points_y))
    return fig
