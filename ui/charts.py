"""Plotly figures of loss curves, sized and styled to be read from the back of a classroom.

Builders take a ``losses.curves.View`` (plain arrays computed by the engine) and return a
``go.Figure``; they never compute a loss themselves. Arrays go to Plotly as float32, which halves
the payload (see /work/shared/NOTES-streamlit.md).

Figures are assembled as plain dicts and wrapped with ``go.Figure(..., _validate=False)``: Plotly's
property validation costs about 160 ms per figure here, most of a slider's rerun, against 3 ms
without it. tests/app/test_curves_page.py checks the figures against the validator instead.
"""

from __future__ import annotations

import dataclasses

import html
import math
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

import losses
from losses import curves as lc
from ui.i18n import TEXT, loss_display, t

# Okabe-Ito: distinguishable with every common colour-vision deficiency, and on a projector.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
REFERENCE = "#6b7280"
POINTS = "#111827"
HALO = "1px 1px 2px #fff, -1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff"
INK = "#1f2937"
SOFT_INK = "#374151"
GRID = "#e5e7eb"
ZERO = "#9ca3af"
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"

PAGE_FONT = 18
SMALL_FONT = 16
SLOPE_DOMAIN = (0.0, 0.34)
LOSS_DOMAIN = (0.42, 1.0)

# plotly_white's look for the 2-D charts drawn here, without its defaults for the other ~24
# trace types and for polar, ternary, 3-D and map axes: the whole template tripled the cost of
# building, copying and sending every figure (and of unpickling one: 24 ms, bench/README.md).
_WHITE = pio.templates["plotly_white"].layout.to_plotly_json()
TEMPLATE = {"layout": {key: _WHITE[key] for key in (
    "autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor",
    "plot_bgcolor", "xaxis", "yaxis", "shapedefaults", "annotationdefaults", "title")}}


def label_text(label: lc.Label) -> str:
    """A curve label for a learner: a loss's own name comes from the loss tables."""
    if label.key.startswith("curves.loss.") and label.key[12:] in losses.names():
        name = label.key[12:]
        return loss_display(name)
    return t(label.key, **label.params)


def _f32(values) -> np.ndarray:
    out = np.asarray(values, dtype=np.float32)
    return np.where(np.isfinite(out), out, np.float32("nan"))


def axis_title(axis: str, *, hint: bool = True) -> str:
    """The x-axis title; the page's big chart adds a smaller line saying what the axis means."""
    title = html.escape(t(f"curves.axis.{axis}"))
    key = f"curves.axis_hint.{axis}"
    if hint and key in TEXT["en"]:
        title += f"<br><span style='font-size:0.8em;color:{SOFT_INK}'>{html.escape(t(key))}</span>"
    return title


def _axis_ticks(axis: str) -> dict:
    if axis == "angle":
        values = [0.0, math.pi / 4, math.pi / 2, 3 * math.pi / 4, math.pi]
        return dict(tickmode="array", tickvals=values, ticktext=["0°", "45°", "90°", "135°", "180°"])
    return {}


def _x_range(view: lc.View) -> list[float] | None:
    if view.x_range is None:
        return None
    low, high = view.x_range
    if view.points is not None and len(view.points.x):
        low, high = min(low, float(np.min(view.points.x))), max(high, float(np.max(view.points.x)))
    return [low, high]


def _y_range(hint: tuple[float, float] | None, points: np.ndarray | None) -> list[float] | None:
    """The view's y-range, widened to keep the learner's points in sight."""
    if hint is None:
        return None
    low, high = hint
    if points is not None:
        finite = points[np.isfinite(points)]
        if finite.size:
            # A point on the edge would show half its marker; one well inside needs nothing.
            pad = 0.08 * max(high - low, 1e-9)
            if finite.min() - pad / 2 < low:
                low = min(low, float(finite.min()) - pad)
            if finite.max() + pad / 2 > high:
                high = max(high, float(finite.max()) + pad)
    return [low, high]


def _curve_traces(view: lc.View, *, slope: bool, axes: tuple[str, str], legend: bool,
                  only_main: bool = False, gaps: tuple[int, tuple[int, int]] | None = None) -> list[dict]:
    """One line per curve (or its slope). ``gaps`` (marker size, plot size) turns off the
    curve's hover under the learner's markers, so that hovering a point names the point."""
    x_name = t(f"curves.axis_short.{view.axis}")
    y_name = t("curves.slope_short") if slope else t(f"curves.quantity_short.{view.quantity}")
    traces = []
    colour = 0
    for curve in view.curves:
        reference = curve.key == "zero_one"
        if only_main and not (curve.main or reference):
            continue
        values = curve.slope if slope else curve.y
        if values is None or (slope and reference):
            colour += 0 if reference else 1
            continue
        name = label_text(curve.label)
        line: dict[str, Any] = {"color": REFERENCE if reference else PALETTE[colour % len(PALETTE)],
                                "width": 4 if curve.main else 2.5}
        if reference:
            line.update(dash="dash", width=3)
        elif not curve.main:
            line.update(dash="dot")
        if not reference:
            colour += 1
        trace = {
            "type": "scatter", "mode": "lines", "x": _f32(curve.x), "y": _f32(values),
            "xaxis": axes[0], "yaxis": axes[1], "name": name, "line": line,
            "legendgroup": curve.key, "showlegend": legend,
            "hovertemplate": f"{name}<br>{x_name} = %{{x:.4g}}<br>{y_name} = %{{y:.4g}}<extra></extra>",
        }
        # The 0-1 step has four points: joining across one would draw a diagonal.
        under = None if gaps is None or reference else _under_markers(view, curve, *gaps)
        if under is not None and under.any():
            # No data under a marker (the line joins across, hidden by the marker's fill).
            trace["y"] = np.where(under, np.float32("nan"), trace["y"])
            trace["connectgaps"] = True
        traces.append(trace)
    return traces


MAX_LABELLED = 12
"""Up to this many distinct points each get their sample and element written beside them."""
MAX_LISTED = 8
"""A hover lists at most this many of the elements that share one point."""
SHORT_LISTED = 3
"""A label beside a shared point names at most this many of its elements."""
MAX_COUNTS = 60
"""Counts written inside shared markers; beyond these the marker's size and hover say it."""
LABEL_CHAR_WIDTH = 0.58
"""A label's character is about this many times its font size wide (digits, commas, dots)."""
PAGE_PLOT = (640, 400)
SLOPE_PLOT = (640, 320)
SMALL_PLOT = (560, 290)
"""The drawing area, in pixels, that label placement assumes for each chart."""


def _where(points: lc.Points, i: int) -> str:
    """Point ``i``'s place in the batch, for a learner: "sample 0, j=1"."""
    position = points.position[i] if points.position else ()
    if not position:
        return t("curves.points.where_batch")
    rest = ",".join(str(p) for p in position[1:])
    if points.kind == "term":
        return t("curves.points.where_term", sample=position[0], j=rest)
    return t("curves.points.where_sample", sample=position[0], rest=rest)


def _short(points: lc.Points, i: int) -> str:
    """Point ``i``'s place in a few characters, for a label on the chart: "0,1"."""
    position = points.position[i] if points.position else ()
    return ",".join(str(p) for p in position) if position else t("curves.points.short_batch")


def _hover(view: lc.View, spot: lc.Spot) -> str:
    """Every element (or sample) at ``spot``: where it is in the batch and its numbers."""
    points = view.points
    x_name = t(f"curves.axis_short.{view.axis}")
    y_name = t(f"curves.quantity_short.{view.quantity}")
    values = f"{x_name} = {losses.fmt(spot.x)} · {y_name} = {losses.fmt(spot.y)}"
    members = spot.members[:MAX_LISTED]
    lines = [t("curves.points.member", where=_where(points, i), y_true=points.y_true[i],
               y_pred=points.y_pred[i]) for i in members]
    if spot.count > len(members):
        lines.append(t("curves.points.more", count=spot.count - len(members)))
    head = [t("curves.points.here", kind=points.kind, count=spot.count)] if spot.count > 1 else []
    return "<br>".join(html.escape(line) for line in [*head, values, *lines])


def _label(points: lc.Points, spot: lc.Spot) -> str:
    shown = [_short(points, i) for i in spot.members[:SHORT_LISTED]]
    if spot.count > SHORT_LISTED:
        shown.append("…")
    return html.escape(" · ".join(shown))


def _label_positions(view: lc.View, places: tuple[lc.Spot, ...], labels: list[str], *,
                     size: int, font: int, plot: tuple[int, int]) -> list[str]:
    """Where each label sits (Plotly's textposition), chosen so that labels keep off each other,
    off the markers and off the curves.

    Greedy, left to right: each label takes the first of its candidate places that collides
    with nothing already placed, preferring the curve's open side (to the right of a falling
    branch, to the left of a rising one); when every place collides, the least crowded one.
    Sizes are estimates in pixels of a ``plot`` (width, height) drawing area, so a chart drawn
    narrower may still bring two labels close; hovering a point always names it.
    """
    (x_low, x_high), (y_low, y_high) = _plot_box(view)
    width, height = plot

    def to_px(x: float, y: float) -> tuple[float, float]:
        return ((x - x_low) / (x_high - x_low) * width, (y - y_low) / (y_high - y_low) * height)

    centres = [to_px(spot.x, spot.y) for spot in places]
    radii = [_marker_size(size, spot.count) / 2 + 2 for spot in places]
    curve_x = np.concatenate([c.x for c in view.curves]) if view.curves else np.zeros(0)
    curve_y = np.concatenate([c.y for c in view.curves]) if view.curves else np.zeros(0)
    curve_px, curve_py = to_px(curve_x, curve_y)
    text_h = 1.25 * (font - 3)
    boxes: list[tuple[float, float, float, float]] = []
    positions = [""] * len(places)
    for i in np.argsort([spot.x for spot in places], kind="stable"):
        (cx, cy), r = centres[i], radii[i]
        text_w = LABEL_CHAR_WIDTH * (font - 3) * len(labels[i])
        best, best_score = None, math.inf
        for vertical, horizontal in _candidates(_slope_at(view, places[i])):
            left = {"left": cx - r - text_w, "center": cx - text_w / 2, "right": cx + r}[horizontal]
            bottom = {"bottom": cy - r - text_h, "middle": cy - text_h / 2, "top": cy + r}[vertical]
            box = (left, bottom, left + text_w, bottom + text_h)
            score = (4 * sum(_overlap(box, b) for b in boxes)
                     + 3 * sum(_hits(box, c, q) for j, (c, q) in enumerate(zip(centres, radii)) if j != i)
                     + int(np.count_nonzero((curve_px >= box[0]) & (curve_px <= box[2])
                                            & (curve_py >= box[1]) & (curve_py <= box[3])))
                     + 6 * (box[0] < -r or box[2] > width + r or box[1] < 0 or box[3] > height))
            if score < best_score:
                best, best_score = (vertical, horizontal, box), score
            if score == 0:
                break
        vertical, horizontal, box = best
        boxes.append(box)
        positions[i] = f"{vertical} {horizontal}"
    return positions


def _candidates(slope: float) -> list[tuple[str, str]]:
    """Label places in order of preference for a point where its curve has ``slope``."""
    if abs(slope) < 1e-9:
        return [("top", "center"), ("bottom", "center"), ("middle", "right"), ("middle", "left"),
                ("top", "right"), ("top", "left"), ("bottom", "right"), ("bottom", "left")]
    open_side, other = ("right", "left") if slope < 0 else ("left", "right")
    return [("top", open_side), ("bottom", other), ("middle", open_side), ("top", "center"),
            ("bottom", "center"), ("middle", other), ("top", other), ("bottom", open_side)]


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits(box: tuple[float, ...], centre: tuple[float, float], radius: float) -> bool:
    nearest_x = min(max(centre[0], box[0]), box[2])
    nearest_y = min(max(centre[1], box[1]), box[3])
    return (nearest_x - centre[0]) ** 2 + (nearest_y - centre[1]) ** 2 < radius ** 2


def _plot_box(view: lc.View) -> tuple[tuple[float, float], tuple[float, float]]:
    """The x and y ranges the chart will show: the view's, or Plotly's autorange of what is drawn."""
    xs = [float(v) for c in view.curves for v in (c.x.min(), c.x.max()) if len(c.x)]
    xs += [float(v) for v in view.points.x if math.isfinite(v)]
    x_range = view.x_range or ((min(xs), max(xs)) if xs else (0.0, 1.0))
    if view.y_range is not None:
        y_range = tuple(_y_range(view.y_range, np.asarray(view.points.y, dtype=np.float64)))
    else:
        inside = [c.y[(c.x >= x_range[0]) & (c.x <= x_range[1])] for c in view.curves]
        ys = np.concatenate(inside + [np.asarray(view.points.y, dtype=np.float64)])
        ys = ys[np.isfinite(ys)]
        y_range = (float(ys.min()), float(ys.max())) if ys.size else (0.0, 1.0)
    widen = lambda low, high: (low, high) if high > low else (low - 0.5, high + 0.5)  # noqa: E731
    return widen(*x_range), widen(*y_range)


def _under_markers(view: lc.View, curve: lc.Curve, size: int,
                   plot: tuple[int, int]) -> np.ndarray | None:
    """Which of ``curve``'s points lie under a learner's marker. Plotly's closest hover ranks
    a line's point within 3 px ahead of a marker's centre (and ignores a per-point "skip"), so
    the curve would answer a hover on the point."""
    if view.points is None or len(view.points.x) == 0:
        return None
    (x_low, x_high), (y_low, y_high) = _plot_box(view)
    sx, sy = plot[0] / (x_high - x_low), plot[1] / (y_high - y_low)
    under = np.zeros(len(curve.x), dtype=bool)
    for spot in lc.spots(view.points):
        reach = _marker_size(size, spot.count) / 2 + 4
        under |= np.hypot((curve.x - spot.x) * sx, (curve.y - spot.y) * sy) < reach
    return under


def _slope_at(view: lc.View, spot: lc.Spot) -> float:
    curve = next((c for c in view.curves if c.key == view.points.curve[spot.members[0]]), None)
    if curve is None or len(curve.x) < 2:
        return 0.0
    slopes = np.gradient(curve.y, curve.x) if curve.slope is None else curve.slope
    return float(np.interp(spot.x, curve.x, np.nan_to_num(slopes)))


def _marker_size(size: int, count: int) -> float:
    """A shared point is large enough to hold its count, and grows slowly with it."""
    if count == 1:
        return size
    return min(size + 14 + 3 * math.log2(count), 3 * size)


def points_hint(view: lc.View) -> str | None:
    """How to read the labels and counts on the points, when the chart draws any."""
    if view.points is None or len(view.points.x) == 0:
        return None
    places = lc.spots(view.points)
    if len(places) <= MAX_LABELLED or any(spot.count > 1 for spot in places):
        return t("curves.points.labels_hint")
    return None


def _point_trace(view: lc.View, axes: tuple[str, str], size: int, font: int,
                 plot: tuple[int, int]) -> list[dict]:
    """The learner's points, one marker per spot; the figure puts this trace first."""
    points = view.points
    if points is None or len(points.x) == 0:
        return []
    places = lc.spots(points)
    # The count in the legend: every element, however many share a marker.
    if points.total > len(points.x):
        legend = t(f"curves.points.legend_{points.kind}_first", shown=len(points.x), count=points.total)
    else:
        legend = t(f"curves.points.legend_{points.kind}", count=len(points.x))
    x = _f32([spot.x for spot in places])
    y = _f32([spot.y for spot in places])
    marker = {"size": [_marker_size(size, spot.count) for spot in places],
              "color": "rgba(255,255,255,0.95)", "symbol": "circle",
              "line": {"color": POINTS, "width": 3}}
    trace: dict[str, Any] = {
        "type": "scatter", "mode": "markers", "x": x, "y": y,
        "xaxis": axes[0], "yaxis": axes[1], "name": legend, "marker": marker,
        # First in the data, so that a hover on a point (where its curve passes too) picks the
        # point: Plotly breaks ties by trace order. zorder still draws it above the curves, and
        # legendrank lists it after them.
        "zorder": 1, "legendrank": 2000,
        "hovertext": [_hover(view, spot) for spot in places],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    if len(places) <= MAX_LABELLED:
        labels = [_label(points, spot) for spot in places]
        # A white halo keeps a label readable where it crosses a curve or a grid line.
        trace.update(mode="markers+text", text=labels,
                     textposition=_label_positions(view, places, [html.unescape(x) for x in labels],
                                                   size=size, font=font, plot=plot),
                     textfont={"size": font - 3, "color": SOFT_INK, "shadow": HALO}, cliponaxis=False)
    return [trace]


def _count_notes(view: lc.View, axes: tuple[str, str], font: int) -> list[dict]:
    """"×2" inside each shared point's (larger) marker, as annotations: the chart's traces stay
    the curves and the points."""
    if view.points is None:
        return []
    shared = [spot for spot in lc.spots(view.points) if spot.count > 1][:MAX_COUNTS]
    return [{"xref": axes[0], "yref": axes[1], "x": float(np.float32(spot.x)),
             "y": float(np.float32(spot.y)), "text": html.escape(t("curves.points.count", count=spot.count)),
             "showarrow": False, "xanchor": "center", "yanchor": "middle",
             "font": {"size": font - 3, "color": INK, "weight": "bold"}} for spot in shared]


def _levels(view: lc.View, axes: tuple[str, str], font: int, *,
            short: bool = False) -> tuple[list[dict], list[dict]]:
    shapes, notes = [], []
    x_ref = f"{axes[0]} domain"
    for level in view.levels:
        shapes.append({"type": "line", "xref": x_ref, "x0": 0, "x1": 1, "yref": axes[1],
                       "y0": level.y, "y1": level.y,
                       "line": {"color": REFERENCE, "width": 2, "dash": "dot"}})
        left = level.side == "left"
        notes.append({"xref": x_ref, "x": 0.01 if left else 0.99, "yref": axes[1], "y": level.y,
                      "xanchor": "left" if left else "right",
                      "yanchor": "bottom" if level.above else "top",
                      "text": t(f"{level.key}.short" if short else level.key, **level.params),
                      "showarrow": False,
                      "font": {"size": font - 2, "color": SOFT_INK},
                      "bgcolor": "rgba(255,255,255,0.85)"})
    return shapes, notes


def _axis(title: str | None, font: int, **extra: Any) -> dict:
    axis = {"showgrid": True, "gridcolor": GRID, "zeroline": True, "zerolinecolor": ZERO,
            "zerolinewidth": 1.5, "tickfont": {"size": font - 2, "color": SOFT_INK},
            "automargin": True, "linecolor": ZERO}
    if title:
        axis["title"] = {"text": title, "font": {"size": font + 1, "color": INK}}
    axis.update({key: value for key, value in extra.items() if value is not None})
    return axis


def _layout(height: int, font: int) -> dict:
    return {
        "template": TEMPLATE,
        "height": height,
        "font": {"family": FONT_FAMILY, "size": font, "color": INK},
        "margin": {"l": 10, "r": 20, "t": 40, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0,
                   "font": {"size": font}, "bgcolor": "rgba(255,255,255,0)"},
        "hoverlabel": {"font": {"size": font}},
        "hovermode": "closest",
    }


def chart_config(name: str) -> dict:
    """Plotly's toolbar as a class uses it: its camera saves the chart as a PNG named after the
    loss, at twice the screen's resolution so it stays sharp on a slide."""
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": f"losslab-{name}", "scale": 2}}


def _figure(data: list[dict], layout: dict) -> go.Figure:
    return go.Figure(data=data, layout=layout, _validate=False)


def figure_parts(figure: go.Figure | None) -> dict | None:
    """A figure as plain data, for ``st.cache_data``: unpickling a ``go.Figure`` validates it
    all again (~10-25 ms a figure), a dict costs nothing. ``from_parts`` rebuilds it."""
    return None if figure is None else figure.to_dict()


def from_parts(parts: dict | None) -> go.Figure | None:
    return None if parts is None else _figure(parts.get("data", []), parts.get("layout", {}))


def view_figure(view: lc.View, *, slope: bool = False, height: int = 540,
                slope_height: int = 660) -> go.Figure:
    """The curves page's chart: the view's curves, levels and points; with ``slope``, a second
    panel below on the same x-axis draws each curve's derivative."""
    points_y = None if view.points is None else np.asarray(view.points.y, dtype=np.float64)
    x_title = axis_title(view.axis)
    y_title = t(f"curves.quantity.{view.quantity}")
    ticks = _axis_ticks(view.axis)
    if not slope:
        data = _point_trace(view, ("x", "y"), 15, PAGE_FONT, PAGE_PLOT)
        data += _curve_traces(view, slope=False, axes=("x", "y"), legend=True, gaps=(15, PAGE_PLOT))
        shapes, notes = _levels(view, ("x", "y"), PAGE_FONT)
        notes += _count_notes(view, ("x", "y"), PAGE_FONT)
        layout = _layout(height, PAGE_FONT)
        layout.update(
            xaxis=_axis(x_title, PAGE_FONT, range=_x_range(view), **ticks),
            yaxis=_axis(y_title, PAGE_FONT, range=_y_range(view.y_range, points_y)),
            shapes=shapes, annotations=notes,
        )
        return _figure(data, layout)
    data = _point_trace(view, ("x", "y"), 15, PAGE_FONT, SLOPE_PLOT)
    data += _curve_traces(view, slope=False, axes=("x", "y"), legend=True, gaps=(15, SLOPE_PLOT))
    data += _curve_traces(view, slope=True, axes=("x2", "y2"), legend=False)
    shapes, notes = _levels(view, ("x", "y"), PAGE_FONT)
    notes += _count_notes(view, ("x", "y"), PAGE_FONT)
    layout = _layout(slope_height, PAGE_FONT)
    layout.update(
        xaxis=_axis(None, PAGE_FONT, anchor="y", matches="x2", showticklabels=False, **ticks),
        yaxis=_axis(y_title, PAGE_FONT, anchor="x", domain=list(LOSS_DOMAIN),
                    range=_y_range(view.y_range, points_y)),
        xaxis2=_axis(x_title, PAGE_FONT, anchor="y2", range=_x_range(view), **ticks),
        yaxis2=_axis(t("curves.slope_title"), PAGE_FONT, anchor="x2", domain=list(SLOPE_DOMAIN),
                     range=None if view.slope_range is None else list(view.slope_range)),
        shapes=shapes, annotations=notes,
    )
    return _figure(data, layout)


MAX_TRAILS = 12


def _joined(points: lc.Points, trails: list[lc.Points]) -> lc.Points:
    """``points`` with every trail's positions too, so a zoom frames the whole path."""
    every = [points, *trails]
    joined = {name: np.concatenate([np.asarray(getattr(p, name), dtype=np.float64) for p in every])
              for name in ("x", "y")}
    joined |= {name: tuple(v for p in every for v in getattr(p, name))
               for name in ("curve", "index", "y_true", "y_pred")}
    return dataclasses.replace(points, **joined)


def _trail_traces(trails: list[lc.Points], axes: tuple[str, str]) -> list[dict]:
    """Each element's positions after every step, joined: the path gradient descent takes."""
    first = trails[0]
    # A dozen trails at most: more would hide the curve they run along.
    count = min(min(len(p.x) for p in trails), MAX_TRAILS)
    data = []
    for i in range(count):
        xs = [float(p.x[i]) for p in trails]
        ys = [float(p.y[i]) for p in trails]
        data.append({"type": "scatter", "mode": "lines+markers", "x": xs, "y": ys,
                     "xaxis": axes[0], "yaxis": axes[1], "showlegend": i == 0,
                     "name": t("learn.trail", steps=len(trails) - 1), "legendgroup": "trail",
                     "line": {"color": PALETTE[1], "width": 2, "dash": "dot"},
                     "marker": {"size": [6] * (len(xs) - 1) + [10], "color": PALETTE[1],
                                "symbol": ["circle"] * (len(xs) - 1) + ["x"]},
                     "hovertemplate": f"{first.index[i]}<br>%{{x:.4g}}, %{{y:.4g}}<extra></extra>"})
    return data


def learner_curve_figure(trace: losses.Trace, trails: list[lc.Points] | None = None,
                         hint: list[str] | None = None) -> go.Figure | None:
    """A small chart of ``trace``'s loss with the learner's elements as points on it.

    Hovering a point shows where its elements sit in the batch, their y_true and y_pred, and
    the term; the chart is zoomed to the points (``losses.curves.zoom``). None for circle and
    CTC (their per-sample loss has no one-dimensional place) or when the view cannot be
    computed.
    """
    try:
        view = lc.learner_view(trace)
    except (NotImplementedError, losses.LossInputError):
        return None
    if view is None:
        return None
    if hint is not None and (text := points_hint(view)) is not None:
        hint.append(text)  # how to read the labels and counts, for a caption under the chart
    # Framed on the learner's numbers (and, with ``trails``, on where the steps take them);
    # Plotly's Autoscale button shows the whole curve.
    trails = [p for p in trails or [] if p is not None and len(p.x)]
    if trails and view.points is not None and len(view.points.x):
        framed = lc.zoom(dataclasses.replace(view, points=_joined(view.points, trails)))
        view = dataclasses.replace(framed, points=view.points)
    else:
        view = lc.zoom(view)
    points_y = None if view.points is None else np.asarray(view.points.y, dtype=np.float64)
    if trails:
        points_y = np.concatenate([points_y, *[np.asarray(p.y, dtype=np.float64) for p in trails]])
    data = _point_trace(view, ("x", "y"), 13, SMALL_FONT, SMALL_PLOT)
    data += _curve_traces(view, slope=False, axes=("x", "y"), legend=True, gaps=(13, SMALL_PLOT))
    shapes, notes = _levels(view, ("x", "y"), SMALL_FONT, short=True)
    notes += _count_notes(view, ("x", "y"), SMALL_FONT)
    if trails:
        # Drawn last, so the path shows above the curve it runs along.
        data += _trail_traces([view.points, *trails], ("x", "y"))
    layout = _layout(400, SMALL_FONT)
    layout.update(
        xaxis=_axis(axis_title(view.axis, hint=False), SMALL_FONT, range=_x_range(view),
                    **_axis_ticks(view.axis)),
        yaxis=_axis(t(f"curves.quantity.{view.quantity}"), SMALL_FONT,
                    range=_y_range(view.y_range, points_y)),
        shapes=shapes, annotations=notes,
    )
    return _figure(data, layout)


def descent_figure(values) -> go.Figure:
    """The loss after each step of gradient descent, from now (step 0) on."""
    steps = list(range(len(values)))
    hover = f"{t('learn.path_x')} %{{x}}<br>{t('learn.path_y')} = %{{y:.4g}}<extra></extra>"
    data = [{"type": "scatter", "mode": "lines+markers", "x": steps, "y": list(map(float, values)),
             "line": {"color": PALETTE[0], "width": 3}, "marker": {"size": 8, "color": PALETTE[0]},
             "hovertemplate": hover, "name": t("learn.path_y"), "showlegend": False},
            {"type": "scatter", "mode": "markers", "x": [0], "y": [float(values[0])],
             "marker": {"size": 14, "color": PALETTE[1], "symbol": "diamond"},
             "name": t("learn.path_now"), "hovertemplate": hover}]
    layout = _layout(320, SMALL_FONT)
    layout.update(
        xaxis=_axis(t("learn.path_x"), SMALL_FONT, dtick=5 if len(values) > 10 else 1),
        yaxis=_axis(t("learn.path_y"), SMALL_FONT, rangemode="tozero"),
        showlegend=True,
    )
    return _figure(data, layout)
