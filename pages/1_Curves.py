"""Loss curves: each loss as a function of one variable, its slope, and the learner's own points."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import streamlit as st

import losses
import ui
from losses import curves as lc
from ui import charts, inputs, lesson
from ui.i18n import error_text, escape_md, loss_display, param_help, t
from ui.sidebar import sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.curves")
PAGE = "curves"

st.set_page_config(page_title="Loss Lab · Curves", page_icon=":material/show_chart:", layout="wide")
lesson.start(PAGE)
sidebar(PAGE)

# Slider bounds for the parameters that change a curve's shape: (low, high, step). Keras allows
# more (γ up to infinity); these keep every value a learner can pick readable on the chart.
SLIDERS: dict[str, tuple[float, float, float]] = {
    "delta": (0.1, 5.0, 0.1),
    "gamma": (0.0, 5.0, 0.5),
    "alpha": (0.0, 1.0, 0.05),
    "beta": (0.0, 2.0, 0.1),
    "label_smoothing": (0.0, 1.0, 0.05),
    "q": (0.05, 0.95, 0.05),
    "margin": (0.0, 1.0, 0.05),
}
LOSS_SLIDERS = {
    ("circle", "gamma"): (1.0, 256.0, 1.0),
    # PyTorch's margins: a cosine margin lies in [-1, 1], a distance margin may exceed 1.
    ("CosineEmbeddingLoss", "margin"): (-1.0, 1.0, 0.05),
    ("HingeEmbeddingLoss", "margin"): (0.0, 3.0, 0.1),
    ("MultiMarginLoss", "margin"): (0.0, 2.0, 0.1),
    ("MarginRankingLoss", "margin"): (0.0, 2.0, 0.1),
}
# The view fixes the axis itself, and a masked class (or ignored index) has no curve.
HIDDEN_PARAMS = ("axis", "ignore_class", "ignore_index")
# The loss whose slider an overlay shows, and which of its parameters: the focal overlay draws
# several γ itself and highlights the slider's.
OVERLAY_PARAMS = {"regression": ("huber", ("delta",)), "focal": ("binary_focal_crossentropy", ("gamma",))}
CACHE_ENTRIES = 64


def param_path(name: str, param: str) -> str:
    """The lesson's own parameter while the page views the lesson's loss, else the page's."""
    if name == lesson.get("loss"):
        return f"param.{name}.{param}"
    return f"curves.params.{name}.{param}"


def mode_ui() -> str:
    modes = ("single", "overlay")
    return st.segmented_control(
        t("curves.mode"), modes, required=True, format_func=lambda mode: t(f"curves.mode.{mode}"),
        **lesson.bind(PAGE, "curves.mode", choices=modes),
    )


def loss_ui(framework: str) -> str:
    options = tuple(lc.registered_views(framework))
    key = f"{PAGE}.view"
    st.session_state[key] = lesson.curves_view()
    st.selectbox(t("curves.loss_picker"), options,
                 format_func=lambda name: loss_display(name, framework), key=key,
                 on_change=_on_pick_view, args=(key, options))
    return lesson.curves_view()


def _on_pick_view(key: str, options: tuple[str, ...]) -> None:
    if st.session_state.get(key) in options:
        lesson.pick_curves_view(st.session_state[key])


def zoom_ui() -> bool:
    """The chart framed on the learner's points, or the whole curve; only when there are points."""
    return st.toggle(t("curves.zoom"), help=t("curves.zoom_help"),
                     **lesson.bind(PAGE, "curves.zoom", default=True))


def overlay_ui() -> str:
    overlays = tuple(lc.OVERLAYS)
    return st.selectbox(
        t("curves.overlay_picker"), overlays, format_func=lambda name: t(f"curves.overlay.{name}"),
        **lesson.bind(PAGE, "curves.overlay", choices=overlays),
    )


def slider_bounds(name: str, param: str, current: float) -> tuple[float, float, float] | None:
    bounds = LOSS_SLIDERS.get((name, param), SLIDERS.get(param))
    if bounds is None:
        return None
    # A lesson's value beyond the slider (Keras allows delta = 10) widens it rather than being lost.
    return min(bounds[0], current), max(bounds[1], current), bounds[2]


def params_ui(name: str, only: tuple[str, ...] | None = None, framework: str = "keras") -> dict[str, Any]:
    """A widget per curve-shaping parameter of ``name`` (or of ``only`` those); returns them by
    the framework's name."""
    spec = losses.spec(name, framework)
    values: dict[str, Any] = {}
    for param in spec.params:
        if param.name in HIDDEN_PARAMS or (only is not None and param.name not in only):
            continue
        label = param.name
        help_text = param_help(param)
        path = param_path(name, param.name)
        if param.kind == "bool":
            values[param.name] = st.toggle(label, help=help_text,
                                           **lesson.bind(PAGE, path, default=bool(param.default)))
            continue
        current = lesson.value(path, param.default)
        if param.kind != "float" or not isinstance(current, (int, float)):
            continue
        bounds = slider_bounds(name, param.name, float(current))
        if bounds is None:
            continue
        lesson.put(path, float(current))
        values[param.name] = st.slider(label, bounds[0], bounds[1], step=bounds[2], help=help_text,
                                       **lesson.bind(PAGE, path))
    return values


def target_ui(name: str) -> float | None:
    if name not in lc.TARGETS:
        return None
    default, low, high, step = lc.TARGETS[name]
    return st.slider(t(f"curves.target.{name}"), low, high, step=step,
                     **lesson.bind(PAGE, f"curves.targets.{name}", default=default))


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def cached_loss_view(name: str, params: tuple, dtype: str, targets: tuple | None,
                     framework: str = "keras") -> lc.View:
    return lc.loss_view(name, dict(params), dtype=dtype, targets=targets, framework=framework)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def cached_overlay_view(name: str, params: tuple, dtype: str) -> lc.View:
    return lc.overlay_view(name, {loss: dict(p) for loss, p in params}, dtype=dtype)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_learner_view(name: str, y_true: str, y_pred: str, params: tuple, dtype: str,
                        framework: str = "keras") -> lc.View | None:
    """The learner's numbers from the explainer, computed here with this page's parameters."""
    trace = losses.compute(
        name,
        losses.parse_array(y_true, argument="y_true"),
        losses.parse_array(y_pred, argument="y_pred"),
        reduction="none", dtype=dtype, framework=framework, **dict(params),
    )
    return lc.learner_view(trace)


def _items(params: dict[str, Any]) -> tuple:
    return tuple(sorted(params.items()))


def lesson_view(name: str, params: dict[str, Any], current: dict) -> tuple[lc.View | None, str]:
    """The learner's numbers on ``name``'s view, computed with this page's parameters."""
    full = {**current["params"], **params}
    try:
        view = cached_learner_view(name, current["y_true"], current["y_pred"], _items(full),
                                   current["dtype"], current["framework"])
    except losses.LossInputError as error:
        return None, t("curves.lesson.error", error=error_text(error))
    if view is None:
        return None, t("curves.lesson.no_place")
    return view, t("curves.lesson.shown")


def single_view(name: str, params: dict[str, Any], target: float | None,
                current: dict) -> tuple[lc.View, str | None]:
    """The view of ``name``, with the learner's points when the lesson is about the same loss."""
    framework = current["framework"]
    if current["loss"] == name:
        view, message = lesson_view(name, params, current)
        if view is not None:
            return view, message
        return cached_loss_view(name, _items(params), current["dtype"], None, framework), message
    message = None
    if current["loss"] in lc.registered_views(framework):
        message = t("curves.lesson.other_loss", loss=loss_display(current["loss"], framework))
    targets = None if target is None else (target,)
    return cached_loss_view(name, _items(params), "float32", targets, framework), message


def overlay_view(overlay: str, owner: str | None, params: dict[str, Any],
                 current: dict) -> tuple[lc.View, str | None]:
    """An overlay, with the learner's points on their loss's curve when it is one of them."""
    view = cached_overlay_view(overlay, ((owner, _items(params)),) if owner else (), "float32")
    name = current["loss"]
    if overlay == "focal" or current["framework"] != "keras" or name not in lc.OVERLAYS[overlay]:
        return view, None
    learner, message = lesson_view(name, params if name == owner else {}, current)
    if learner is None or learner.points is None or learner.axis != view.axis:
        return view, message
    points = dataclasses.replace(learner.points, curve=(name,) * len(learner.points.x))
    return dataclasses.replace(view, points=points, quantity=learner.quantity), message


st.title(t("curves.title"))
st.markdown(t("curves.intro"))

lesson.problems_ui()
# The learner's numbers, of either framework: the single view shows the lesson's framework's
# losses; the overlays compare Keras losses.
current = lesson.shared()

controls, chart = st.columns([1, 2.6], gap="large")
with controls:
    mode = mode_ui()
    if mode == "overlay":
        overlay = overlay_ui()
        owner, shown = OVERLAY_PARAMS.get(overlay, (None, ()))
        params = params_ui(owner, shown) if owner else {}
    else:
        framework = inputs.framework_ui(PAGE)
        name = loss_ui(framework)
        params = params_ui(name, framework=framework)
        target = target_ui(name)
    show_slope = st.toggle(t("curves.slope_toggle"), help=t("curves.slope_help"),
                           **lesson.bind(PAGE, "curves.slope"))

view = None
message = None
failure = None
try:
    if mode == "overlay":
        view, message = overlay_view(overlay, owner, params, current)
    else:
        view, message = single_view(name, params, target, current)
except losses.LossInputError as error:
    failure = escape_md(error_text(error))
except Exception:
    log.exception("curves view failed")
    failure = t("error.unexpected")

with controls:
    if view is not None and view.points is not None and len(view.points.x):
        if zoom_ui():
            view = lc.zoom(view, every_curve=mode == "overlay")
    lesson.share_ui(PAGE, lesson.sync_url(PAGE))

with chart:
    if failure is not None:
        st.error(failure, icon=":material/error:")
    if view is not None:
        st.plotly_chart(charts.view_figure(view, slope=show_slope), key="curves.chart",
                        theme=None, config=charts.chart_config(
                            f"compare-{overlay}" if mode == "overlay" else name))

# What is drawn, beside the controls that change it: the chart column stays all chart.
with controls:
    if view is not None:
        for note in view.notes:
            st.caption(escape_md(charts.label_text(note)))
    if message:
        st.caption(escape_md(message))
    hint = None if view is None else charts.points_hint(view)
    if hint:
        st.caption(escape_md(hint))
