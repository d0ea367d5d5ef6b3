"""Loss Lab's explainer: type y_true and y_pred, see every step from them to the loss value."""

import logging

import streamlit as st

import losses
import ui
from ui import inputs, presets, state, trace_view
from ui.i18n import escape_md, error_text, loss_display, t
from ui.sidebar import sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.explainer")

st.set_page_config(page_title="Loss Lab", page_icon=":material/functions:", layout="wide")
state.init_state()
sidebar()

with st.sidebar:
    presets.presets_ui()

st.title(t("app.title"))
st.markdown(t("app.intro"))

left, right = st.columns([5, 8], gap="large")
with left:
    name = inputs.loss_picker_ui()
    spec = losses.spec(name)
    inputs.example_button_ui(name)
    data = inputs.inputs_ui(spec)
    st.markdown(f"**{t('params.header')}**")
    params, param_slot = inputs.params_ui(spec)
    reduction = inputs.reduction_ui()
    dtype = inputs.dtype_ui()
state.write_lesson(params)

with right:
    trace = None
    errors = list(data.errors.values())
    if not errors:
        try:
            trace = losses.compute(
                name, data.arrays["y_true"], data.arrays["y_pred"],
                sample_weight=data.arrays["sample_weight"], reduction=reduction, dtype=dtype,
                **params,
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
    if trace is None:
        st.info(t("trace.waiting"), icon=":material/arrow_back:")
    else:
        result_column, notice_column = st.columns([1, 2])
        with result_column:
            trace_view.result_ui(trace, loss_display(name))
        with notice_column:
            presets.notice_ui()
        try:
            trace_view.explanation_ui(
                trace, state.lesson_digest(), data.arrays["y_true"], data.arrays["y_pred"],
                data.arrays["sample_weight"],
            )
        except Exception:  # the result above stays; a class never sees a traceback
            log.exception("drawing the explanation of %s failed", name)
            st.error(t("error.unexpected"), icon=":material/error:")
