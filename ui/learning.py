"""One step of learning on the explainer: y_pred <- y_pred - learning_rate * gradient.

The learner picks a learning rate and takes a step: the stepped predictions become the lesson's
y_pred (the text box, the whole trace and the link follow), and "reset" brings back the ones they
typed. A small chart shows the loss over the next steps at that rate. The numbers come from
``losses.descent``; nothing here computes.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import streamlit as st

import losses
from losses import curves as lc
from losses import descent
from ui import charts, lesson
from ui.arrays import format_array
from ui.i18n import escape_md, say, t
from losses.numbers import fmt, fmt_signed
from ui.tables import MatrixTable

PAGE = "explainer"
PATH_STEPS = 10


@st.cache_data(max_entries=32, max_size="8MB", show_spinner=False)
def _path(digest: str, rate: float, _trace: losses.Trace, _inputs: dict):
    # PATH_STEPS more computations of the lesson: once per lesson and rate, not on every rerun.
    # The values after each step, and where each step puts the learner's points on the curve.
    # The loss curve with the steps' trail is drawn here too: it depends on nothing else (the
    # digest names the language), so a rerun with nothing changed does not redraw it.
    path = descent.path(_trace, rate, PATH_STEPS, **_inputs)
    if path is None:
        return None, None
    try:
        trails = [lc.learner_points(trace) for trace in path.traces[1:]]
    except Exception:  # a path without a curve still has its values
        trails = []
    curve = charts.learner_curve_figure(_trace, trails) if any(p is not None for p in trails) else None
    return dataclasses.replace(path, traces=()), charts.figure_parts(curve)


def learning_ui(trace: losses.Trace, inputs: dict, digest: str) -> None:
    """The "take a step" block under the gradient; ``inputs`` are compute's other arguments."""
    if trace.gradient is None or not np.size(trace.gradient):
        return
    st.subheader(t("learn.header"))
    st.caption(t("learn.intro"))
    controls = st.container(horizontal=True, vertical_alignment="bottom", key="learn_controls")
    with controls:
        rate = st.number_input(t("learn.rate"), min_value=1e-6, max_value=lesson.MAX_LEARNING_RATE,
                               step=0.05, format="%g", help=t("learn.rate_help"), width=200,
                               **lesson.bind(PAGE, "learn.lr", default=lesson.DEFAULT_LEARNING_RATE))
    finite = bool(np.all(np.isfinite(trace.gradient)))
    stepped = descent.step(trace, rate) if finite else None
    with controls:
        st.button(t("learn.take"), key="learn.take", icon=":material/south_east:", type="primary",
                  disabled=stepped is None, on_click=lesson.take_step,
                  args=(None if stepped is None else format_array(stepped, trace.dtype),))
        st.button(t("learn.reset"), key="learn.reset", icon=":material/restart_alt:",
                  disabled=not lesson.stepped(), on_click=lesson.reset_steps)
    if lesson.stepped():
        st.caption(t("learn.status", steps=lesson.part("learn")["steps"]))
    if stepped is None:
        st.warning(t("learn.not_finite"), icon=":material/warning:")
        return
    _next_ui(trace, stepped, rate)
    path, curve = _path(digest + repr(rate), rate, trace, inputs)
    curve = charts.from_parts(curve)
    if path is not None and len(path.values) > 1:
        # One above the other: side by side, each would be too narrow for its legend at 1280 px.
        values_column, curve_column = st.container(), (st.container() if curve is not None else None)
        with values_column:
            st.markdown(f"**{t('learn.values_header')}**")
            st.plotly_chart(charts.descent_figure(path.values), key="learn.path",
                            config=charts.chart_config(trace.name))
        if curve_column is not None:
            with curve_column:
                st.markdown(f"**{t('learn.curve_header')}**")
                st.plotly_chart(curve, key="learn.curve", config=charts.chart_config(trace.name))
        st.caption(t("learn.path_caption", steps=len(path.values) - 1, rate=rate,
                     start=losses.fmt(path.values[0], trace.digits),
                     end=losses.fmt(path.values[-1], trace.digits)))
        if path.stopped is not None:
            st.warning(escape_md(say(path.stopped)), icon=":material/warning:")


def _next_ui(trace: losses.Trace, stepped: np.ndarray, rate: float) -> None:
    """The predictions one step from now, with the first element's arithmetic."""
    from ui.trace_view import _matrix_ui  # the explainer's own matrix table

    y_pred = np.asarray(trace.y_pred).reshape(stepped.shape)
    gradient = np.asarray(trace.gradient)
    first = (0,) * stepped.ndim
    st.latex(
        r"\hat{y} \leftarrow \hat{y} - \eta\, \frac{\partial L}{\partial \hat{y}}"
        r"\quad\Rightarrow\quad "
        + _number(y_pred[first], trace.digits) + r" - " + _number(rate, trace.digits)
        + r" \cdot " + _signed(gradient[first], trace.digits) + " = " + _number(stepped[first], trace.digits)
    )
    note = descent.outside(trace, stepped)
    matrix = stepped.reshape(stepped.shape[0], -1) if stepped.ndim >= 2 else stepped.reshape(-1, 1)
    if matrix.shape[1] <= 12 and matrix.shape[0] <= 40:
        off = None
        if note is not None:
            off = ((matrix < 0) | (matrix > 1))
        _matrix_ui(MatrixTable(matrix, off), "ŷ′", trace.digits, legend=t("learn.outside_legend"))
    if note is not None:
        st.warning(escape_md(say(note)), icon=":material/warning:")


def _number(value: float, digits: int) -> str:
    return fmt(float(value), digits)


def _signed(value: float, digits: int) -> str:
    return fmt_signed(float(value), digits)
