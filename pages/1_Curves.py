"""Loss curves: each loss as a function of one variable, its slope, and the learner's own points."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import streamlit as st

import losses
import ui
from losses import curves as lc
from ui import charts
from ui.i18n import error_text, escape_md, loss_display, t, tr
from ui.sidebar import sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.curves")

st.set_page_config(page_title="Loss Lab · Curves", page_icon=":material/show_chart:", layout="wide")
sidebar()

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
LOSS_SLIDERS = {("circle", "gamma"): (1.0, 256.0, 1.0)}
# The view fixes the axis itself, and a masked class has no curve.
HIDDEN_PARAMS = ("axis", "ignore_class")
# The loss whose slider an overlay shows, and which of its parameters: the focal overlay draws
# several γ itself and highlights the slider's.
OVERLAY_PARAMS = {"regression": ("huber", ("delta",)), "focal": ("binary_focal_crossentropy", ("gamma",))}
CACHE_ENTRIES = 64


def _param_key(name: str, param: str) -> str:
    return f"curves_{name}_{param}"


def _target_key(name: str) -> str:
    return f"curves_{name}_target"


def seed_from_url() -> None:
    """Deep links for a class, read once per session: ?loss=hinge, ?overlay=margin, &slope=1."""
    if st.session_state.get("curves.url_read"):
        return
    st.session_state["curves.url_read"] = True
    query = st.query_params
    loss = query.get("loss")
    if loss:
        try:
            name = losses.spec(loss).name
        except losses.LossInputError:
            name = None
        if name in lc.registered_views():
            st.session_state["curves_mode"] = "single"
            st.session_state["curves_loss"] = name
    if query.get("overlay") in lc.OVERLAYS:
        st.session_state["curves_mode"] = "overlay"
        st.session_state["curves_overlay"] = query["overlay"]
    if query.get("slope") in ("1", "true"):
        st.session_state["curves_slope"] = True


def sync_with_lesson(lesson: dict | None) -> None:
    """When the explainer's lesson changed, start from its loss and parameters (once per change)."""
    if not lesson or lesson.get("loss") not in lc.registered_views():
        return
    fingerprint = repr(sorted((k, repr(v)) for k, v in lesson.items()))
    if st.session_state.get("curves.lesson_seen") == fingerprint:
        return
    st.session_state["curves.lesson_seen"] = fingerprint
    name = lesson["loss"]
    st.session_state["curves_mode"] = "single"
    st.session_state["curves_loss"] = name
    for param, value in (lesson.get("params") or {}).items():
        key = _param_key(name, param)
        bounds = LOSS_SLIDERS.get((name, param), SLIDERS.get(param))
        if isinstance(value, bool):
            st.session_state[key] = value
        elif bounds is not None and isinstance(value, (int, float)) and bounds[0] <= value <= bounds[1]:
            st.session_state[key] = float(value)


def mode_ui() -> str:
    st.session_state.setdefault("curves_mode", "single")
    return st.segmented_control(
        t("curves.mode"), ["single", "overlay"], key="curves_mode", required=True,
        format_func=lambda mode: t(f"curves.mode.{mode}"),
    )


def loss_ui() -> str:
    options = lc.registered_views()
    if st.session_state.get("curves_loss") not in options:
        st.session_state["curves_loss"] = "huber"
    return st.selectbox(t("curves.loss_picker"), options, key="curves_loss", format_func=loss_display)


def overlay_ui() -> str:
    st.session_state.setdefault("curves_overlay", "regression")
    return st.selectbox(
        t("curves.overlay_picker"), list(lc.OVERLAYS), key="curves_overlay",
        format_func=lambda name: t(f"curves.overlay.{name}"),
    )


def params_ui(name: str, only: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A widget per curve-shaping parameter of ``name`` (or of ``only`` those); returns them by
    Keras name."""
    spec = losses.spec(name)
    values: dict[str, Any] = {}
    for param in spec.params:
        if param.name in HIDDEN_PARAMS or (only is not None and param.name not in only):
            continue
        key = _param_key(name, param.name)
        label = param.name
        help_text = tr(f"param.{param.name}.help", param.help)
        if param.kind == "bool":
            st.session_state.setdefault(key, bool(param.default))
            values[param.name] = st.toggle(label, key=key, help=help_text)
            continue
        bounds = LOSS_SLIDERS.get((name, param.name), SLIDERS.get(param.name))
        if bounds is None or param.kind != "float":
            continue
        st.session_state.setdefault(key, float(param.default))
        values[param.name] = st.slider(label, bounds[0], bounds[1], step=bounds[2], key=key,
                                       help=help_text)
    return values


def target_ui(name: str) -> float | None:
    if name not in lc.TARGETS:
        return None
    default, low, high, step = lc.TARGETS[name]
    key = _target_key(name)
    st.session_state.setdefault(key, default)
    return st.slider(t(f"curves.target.{name}"), low, high, step=step, key=key)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def cached_loss_view(name: str, params: tuple, dtype: str, targets: tuple | None) -> lc.View:
    return lc.loss_view(name, dict(params), dtype=dtype, targets=targets)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def cached_overlay_view(name: str, params: tuple, dtype: str) -> lc.View:
    return lc.overlay_view(name, {loss: dict(p) for loss, p in params}, dtype=dtype)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_learner_view(name: str, y_true: str, y_pred: str, params: tuple, dtype: str) -> lc.View | None:
    """The learner's numbers from the explainer, computed here with this page's parameters."""
    trace = losses.compute(
        name,
        losses.parse_array(y_true, argument="y_true"),
        losses.parse_array(y_pred, argument="y_pred"),
        reduction="none", dtype=dtype, **dict(params),
    )
    return lc.learner_view(trace)


def _items(params: dict[str, Any]) -> tuple:
    return tuple(sorted(params.items()))


def _lesson_dtype(lesson: dict) -> str:
    return lesson.get("dtype") if lesson.get("dtype") in losses.DTYPES else "float32"


def lesson_view(name: str, params: dict[str, Any], lesson: dict) -> tuple[lc.View | None, str]:
    """The learner's numbers on ``name``'s view, computed with this page's parameters."""
    full = {**(lesson.get("params") or {}), **params}
    try:
        view = cached_learner_view(name, str(lesson.get("y_true", "")), str(lesson.get("y_pred", "")),
                                   _items(full), _lesson_dtype(lesson))
    except losses.LossInputError as error:
        return None, t("curves.lesson.error", error=error_text(error))
    if view is None:
        return None, t("curves.lesson.no_place")
    return view, t("curves.lesson.shown")


def single_view(name: str, params: dict[str, Any], target: float | None,
                lesson: dict | None) -> tuple[lc.View, str | None]:
    """The view of ``name``, with the learner's points when the lesson is about the same loss."""
    if lesson and lesson.get("loss") == name:
        view, message = lesson_view(name, params, lesson)
        if view is not None:
            return view, message
        return cached_loss_view(name, _items(params), _lesson_dtype(lesson), None), message
    message = None
    if lesson and lesson.get("loss") in lc.registered_views():
        message = t("curves.lesson.other_loss", loss=loss_display(lesson["loss"]))
    targets = None if target is None else (target,)
    return cached_loss_view(name, _items(params), "float32", targets), message


def overlay_view(overlay: str, owner: str | None, params: dict[str, Any],
                 lesson: dict | None) -> tuple[lc.View, str | None]:
    """An overlay, with the learner's points on their loss's curve when it is one of them."""
    view = cached_overlay_view(overlay, ((owner, _items(params)),) if owner else (), "float32")
    name = (lesson or {}).get("loss")
    if overlay == "focal" or name not in lc.OVERLAYS[overlay]:
        return view, None
    learner, message = lesson_view(name, params if name == owner else {}, lesson)
    if learner is None or learner.points is None or learner.axis != view.axis:
        return view, message
    points = dataclasses.replace(learner.points, curve=(name,) * len(learner.points.x))
    return dataclasses.replace(view, points=points, quantity=learner.quantity), message


st.title(t("curves.title"))
st.markdown(t("curves.intro"))

lesson = st.session_state.get("lesson")
seed_from_url()
sync_with_lesson(lesson)

controls, chart = st.columns([1, 2.6], gap="large")
with controls:
    mode = mode_ui()
    if mode == "overlay":
        overlay = overlay_ui()
        owner, shown = OVERLAY_PARAMS.get(overlay, (None, ()))
        params = params_ui(owner, shown) if owner else {}
    else:
        name = loss_ui()
        params = params_ui(name)
        target = target_ui(name)
    show_slope = st.toggle(t("curves.slope_toggle"), key="curves_slope",
                           help=t("curves.slope_help"))

with chart:
    view = None
    message = None
    try:
        if mode == "overlay":
            view, message = overlay_view(overlay, owner, params, lesson)
        else:
            view, message = single_view(name, params, target, lesson)
    except NotImplementedError:
        st.info(t("curves.not_ready"), icon=":material/hourglass_empty:")
    except losses.LossInputError as error:
        st.error(escape_md(error_text(error)), icon=":material/error:")
    except Exception:
        log.exception("curves view failed")
        st.error(t("error.unexpected"), icon=":material/error:")
    if view is not None:
        st.plotly_chart(charts.view_figure(view, slope=show_slope), key="curves_chart",
                        theme=None, config=charts.chart_config(
                            f"compare-{overlay}" if mode == "overlay" else name))

# What is drawn, beside the controls that change it: the chart column stays all chart.
with controls:
    if view is not None:
        for note in view.notes:
            st.caption(escape_md(charts.label_text(note)))
    if message:
        st.caption(escape_md(message))
