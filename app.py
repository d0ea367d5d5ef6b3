"""Loss Lab's explainer: type y_true and y_pred, see every step from them to the loss value."""

import logging

import streamlit as st

import losses
import ui
from ui import deck, inputs, learning, lesson, present, presets, trace_view
from ui.i18n import escape_md, error_text, loss_display, t
from ui.sidebar import embedded, sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.explainer")
PAGE = "explainer"

st.set_page_config(page_title="Loss Lab", page_icon=":material/functions:", layout="wide")
lesson.start(PAGE)
presenting = present.presenting()
if presenting:
    present.style_ui()
# The page's head (the sidebar, the title, the teacher's tools) is drawn last, into this
# container above the lesson: an edit's new value then leaves the server before the parts the
# edit does not change, which under a class's load is what each student waits for (bench/README.md).
head = st.container()


def compute(name: str, data: inputs.Inputs, params: dict, param_slot, reduction: str, dtype: str):
    """The trace of the current lesson, or None with every error shown where it belongs."""
    trace = None
    errors = list(data.errors.values())
    if not errors:
        try:
            trace = losses.compute(
                name, data.arrays["y_true"], data.arrays["y_pred"],
                sample_weight=data.arrays.get("sample_weight"), reduction=reduction, dtype=dtype,
                framework=lesson.get("framework"), **params,
            )
        except losses.LossInputError as error:
            errors.append(error)
            if error.argument in params:
                param_slot.error(escape_md(error_text(error)), icon=":material/error:")
            else:
                data.show_error(error.argument, error)
        except Exception:
            log.exception("computing %s failed", name)
            st.error(t("error.unexpected"), icon=":material/error:")
    # Each message also here, where the learner looks for the result.
    for error in errors:
        st.error(escape_md(error_text(error)), icon=":material/error:")
    return trace


if presenting:
    # The editing controls are still drawn, in a collapsed expander below the lesson, so the
    # numbers can be changed without leaving the mode.
    right = st.container()
    left = st.expander(t("present.edit"), expanded=False, icon=":material/edit:")
else:
    trace_view.pending_edit_style()
    # Keyed, so that below 1100 px its two columns stack (ui/trace_view.pending_edit_style's CSS).
    left, right = st.container(key="explainer_body").columns([5, 8], gap="large")
with left:
    inputs.framework_ui()
    name = inputs.loss_picker_ui()
    spec = lesson.spec()
    inputs.example_button_ui(name)
    data = inputs.inputs_ui(spec)
    st.markdown(f"**{t('params.header')}**")
    params, param_slot = inputs.params_ui(spec)
    reduction = inputs.reduction_ui(spec)
    dtype = inputs.dtype_ui()
url = lesson.sync_url(PAGE)

with right:
    trace = compute(name, data, params, param_slot, reduction, dtype)
    display = loss_display(name, spec.framework)
    if trace is None:
        st.info(t("trace.waiting"), icon=":material/arrow_back:")
    elif presenting:
        present.presentation_ui(trace, display, lesson.digest(), data.arrays)
    else:
        if presets.current_preset() is None:
            # No preset notice beside it: the value and its caption take the whole width.
            trace_view.result_ui(trace, display)
        else:
            result_column, notice_column = st.columns([2, 3])
            with result_column:
                trace_view.result_ui(trace, display)
            with notice_column:
                presets.notice_ui()
        try:
            trace_view.derivation_ui(trace)
            # Four views of the lesson; only the open one is drawn, so an edit pays for what the
            # learner sees (bench/README.md: the chart, the gradient and the learning path each
            # cost a good part of what the steps cost, and Plotly's bundle a fresh visit ~2 s).
            tabs = lesson.tabs_ui(PAGE)
            with tabs["steps"]:
                if tabs["steps"].open:
                    trace_view.explanation_ui(
                        trace, lesson.digest(), data.arrays["y_true"], data.arrays["y_pred"],
                        data.arrays.get("sample_weight"),
                    )
            with tabs["curve"]:
                if tabs["curve"].open:
                    trace_view.chart_ui(trace, lesson.digest(), display)
            with tabs["gradient"]:
                if tabs["gradient"].open:
                    trace_view.gradient_ui(trace)
            with tabs["learn"]:
                if tabs["learn"].open:
                    learning.learning_ui(trace, {
                        "y_true": data.arrays["y_true"], "sample_weight": data.arrays.get("sample_weight"),
                        "reduction": reduction, "dtype": dtype, "framework": lesson.get("framework"),
                        **params,
                    }, lesson.digest())
        except Exception:  # the result above stays; a class never sees a traceback
            log.exception("drawing the explanation of %s failed", name)
            st.error(t("error.unexpected"), icon=":material/error:")
    if presenting and trace is None:
        present.error_controls_ui()

with head:
    sidebar(PAGE)
    with st.sidebar:
        presets.presets_ui()
    if presenting:
        # A deck link opened straight into presentation says here which lessons it left out.
        lesson.problems_ui()
    else:
        st.title(t("app.title"))
        st.markdown(t("app.intro"))
        with st.container(horizontal=True):
            st.button(t("present.start"), key="explainer.present.start", on_click=present.start,
                      icon=":material/slideshow:")
            lesson.share_ui(PAGE, url)
            if not embedded():
                deck.add_button_ui()
        lesson.problems_ui()
        # A course page's frame shows the lesson, not the teacher's deck tools.
        if not embedded():
            deck.panel_ui(present.start_deck)
