"""Keras vs PyTorch: one set of inputs through a Keras loss and its nearest torch.nn loss, side by
side, and why the two numbers differ where they do."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import streamlit as st

import losses
import ui
from ui.content import compare as lc
from ui import export, trace_view
from ui.arrays import format_array
from ui.i18n import error_text, escape_md, t, tr
from ui.sidebar import sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.compare")

st.set_page_config(page_title="Loss Lab · Keras vs PyTorch", page_icon=":material/compare_arrows:",
                   layout="wide")
sidebar()

# Streamlit forgets a widget's value whenever another page runs, so the page keeps its own copy
# under a plain key and restores its widgets from it (as ui/state.py does for the explainer).
SAVED = "cmp.saved"
WIDGETS = ("cmp_pair", "cmp_y_true", "cmp_y_pred", "cmp_weight", "cmp_translate", "cmp_from_logits",
           "cmp_keras_reduction", "cmp_torch_reduction")
KERAS_PARAMS = "cmp.keras_params"
LESSON_SEEN = "cmp.lesson_seen"
SOURCE = "cmp.source"


def _lesson_values(lesson: lc.Lesson) -> dict[str, Any]:
    return {
        "cmp_pair": lesson.pair,
        "cmp_y_true": format_array(lesson.y_true),
        "cmp_y_pred": format_array(lesson.y_pred),
        "cmp_weight": "" if lesson.class_weight is None else format_array(lesson.class_weight),
        "cmp_translate": lesson.translate,
        "cmp_from_logits": bool(lesson.keras_params.get("from_logits", False)),
        "cmp_keras_reduction": lesson.keras_reduction,
        "cmp_torch_reduction": lesson.torch_reduction,
    }


def load_preset(preset_id: str) -> None:
    lesson = lc.PRESETS_BY_ID[preset_id].lesson
    st.session_state.update(_lesson_values(lesson))
    st.session_state[KERAS_PARAMS] = {}
    st.session_state[SOURCE] = ("preset", preset_id)


def _on_preset() -> None:
    chosen = st.session_state.get("cmp_preset")
    if chosen:
        load_preset(chosen)
    # A preset is an action: once loaded, the inputs are the learner's to change.
    st.session_state["cmp_preset"] = None


def sync_with_lesson(lesson: dict | None) -> bool:
    """Start from the explainer's lesson when it changed and its loss has a PyTorch counterpart."""
    if not lesson:
        return False
    fingerprint = repr(sorted((k, repr(v)) for k, v in lesson.items()))
    if st.session_state.get(LESSON_SEEN) == fingerprint:
        return False
    st.session_state[LESSON_SEEN] = fingerprint
    pair = lc.pair_for_keras(str(lesson.get("loss")))
    if pair is None:
        return False
    params = dict(lesson.get("params") or {})
    reduction = lesson.get("reduction")
    st.session_state.update({
        "cmp_pair": pair.id,
        "cmp_y_true": str(lesson.get("y_true", "")),
        "cmp_y_pred": str(lesson.get("y_pred", "")),
        "cmp_weight": "",
        "cmp_translate": False,
        "cmp_from_logits": bool(params.get("from_logits", False)),
        "cmp_keras_reduction": reduction if reduction in losses.REDUCTIONS else "sum_over_batch_size",
        "cmp_torch_reduction": lc.KERAS_TO_TORCH_REDUCTION.get(reduction, "mean"),
    })
    st.session_state[KERAS_PARAMS] = {k: v for k, v in params.items() if k != "from_logits"}
    st.session_state[SOURCE] = ("lesson", str(lesson.get("loss")))
    return True


def init_state() -> None:
    state = st.session_state
    if not sync_with_lesson(state.get("lesson")) and SAVED not in state:
        load_preset(lc.PRESETS[0].id)
    for key, value in state.get(SAVED, {}).items():
        state.setdefault(key, value)
    state.setdefault(KERAS_PARAMS, {})
    if state.get("cmp_pair") not in lc.PAIRS_BY_ID:
        load_preset(lc.PRESETS[0].id)


def save_state() -> None:
    st.session_state[SAVED] = {key: st.session_state[key] for key in WIDGETS if key in st.session_state}


def preset_ui() -> None:
    st.pills(
        t("compare.presets"), [p.id for p in lc.PRESETS], key="cmp_preset",
        format_func=lambda pid: t(f"compare.preset.{pid}.label"), on_change=_on_preset,
        help=t("compare.presets.help"),
    )


def _pair_label(pair_id: str) -> str:
    pair = lc.PAIRS_BY_ID[pair_id]
    keras = pair.keras + (" (from_logits)" if pair.keras_params.get("from_logits") else "")
    return t("compare.pair.label", keras=keras, torch=pair.torch)


def _parse(text: str, argument: str, slot) -> np.ndarray | None:
    try:
        return losses.parse_array(text, argument=argument)
    except losses.LossInputError as error:
        slot.error(escape_md(error_text(error)), icon=":material/error:")
        return None


def inputs_ui() -> tuple[lc.Lesson | None, dict[str, Any]]:
    """The pair, its settings and the two arrays; the lesson (None while an input is bad) and
    where to show each input's error."""
    # The pair gets half the row: its longest label, sparse_categorical_crossentropy ↔
    # CrossEntropyLoss, must not be cut off at 1280 px.
    pair_column, keras_column, torch_column = st.columns([3, 1.6, 1.4])
    with pair_column:
        pair_id = st.selectbox(t("compare.pair"), list(lc.PAIRS_BY_ID), key="cmp_pair",
                               format_func=_pair_label, help=t("compare.pair.help"))
    pair = lc.PAIRS_BY_ID[pair_id]
    torch_reductions = losses.spec(pair.torch, "pytorch").reductions
    if st.session_state.get("cmp_torch_reduction") not in torch_reductions:
        st.session_state["cmp_torch_reduction"] = "mean"
    with keras_column:
        keras_reduction = st.selectbox(t("compare.keras_reduction"), losses.REDUCTIONS,
                                       key="cmp_keras_reduction",
                                       help="  \n".join(f"**{r}**: {t(f'reduction.{r}.explain')}"
                                                        for r in losses.REDUCTIONS))
    with torch_column:
        torch_reduction = st.selectbox(t("compare.torch_reduction"), torch_reductions,
                                       key="cmp_torch_reduction")

    # The arrays and the switches that change how they are read share one row, so the results
    # start within the first screen at 1280 x 800.
    true_column, pred_column, switch_column = st.columns([2, 2, 1.4])
    slots: dict[str, Any] = {}
    with true_column:
        st.text_area(t("compare.y_true"), key="cmp_y_true", height=90, help=t("inputs.format_help"))
        slots["y_true"] = st.empty()
    with pred_column:
        st.text_area(t("compare.y_pred"), key="cmp_y_pred", height=90, help=t("inputs.format_help"))
        slots["y_pred"] = st.empty()
    with switch_column:
        translate = st.toggle(t("compare.translate"), key="cmp_translate", help=t("compare.translate.help"))
        from_logits = False
        if pair.logits_toggle:
            from_logits = st.toggle(t("compare.from_logits"), key="cmp_from_logits",
                                    help=t("compare.from_logits.help"))
        weight_text = ""
        if pair.weights:
            weight_text = st.text_input(t("compare.class_weight"), key="cmp_weight",
                                        placeholder=t("compare.class_weight.placeholder"),
                                        help=t("compare.class_weight.help"))
        slots["class_weight"] = st.empty()

    y_true = _parse(st.session_state["cmp_y_true"], "y_true", slots["y_true"])
    y_pred = _parse(st.session_state["cmp_y_pred"], "y_pred", slots["y_pred"])
    class_weight = None
    if weight_text.strip():
        weights = _parse(weight_text, "class_weight", slots["class_weight"])
        if weights is None:
            return None, slots
        if weights.ndim != 1:
            slots["class_weight"].error(t("compare.class_weight.not_1d"), icon=":material/error:")
            return None, slots
        class_weight = tuple(float(w) for w in weights)
    if y_true is None or y_pred is None:
        return None, slots

    params = dict(st.session_state.get(KERAS_PARAMS) or {})
    if pair.logits_toggle:
        params["from_logits"] = from_logits
    return lc.Lesson(pair_id, y_true, y_pred, keras_reduction=keras_reduction,
                     torch_reduction=torch_reduction, translate=translate, keras_params=params,
                     class_weight=class_weight), slots


def notice_ui() -> None:
    """Where the inputs came from: a preset's lesson while they are still its numbers, or the
    explainer's lesson."""
    source = st.session_state.get(SOURCE)
    if not source:
        return
    kind, name = source
    if kind == "preset":
        if all(st.session_state.get(k) == v for k, v in _lesson_values(lc.PRESETS_BY_ID[name].lesson).items()):
            st.info(f"**{t('compare.notice')}** {t(f'compare.preset.{name}.help')}", icon=":material/visibility:")
    else:
        st.caption(escape_md(t("compare.from_lesson", loss=name)))
        params = st.session_state.get(KERAS_PARAMS)
        if params:
            shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
            st.caption(escape_md(t("compare.keras_params", params=shown)))


def receives_ui(comparison: lc.Comparison) -> None:
    """What was done to the inputs on their way to PyTorch, and the arrays it gets."""
    with st.expander(t("compare.receives"), icon=":material/swap_horiz:"):
        for item in comparison.conversions:
            st.caption(escape_md(tr(f"compare.conv.{item.key}", item.text, **item.params)))
        y_true, y_pred = comparison.torch_inputs
        st.code(
            f"{t('compare.receives.y_true')} = {format_array(y_true)}\n"
            f"{t('compare.receives.y_pred')} = {format_array(y_pred)}",
            language=None, wrap_lines=True,
        )


def verdict_ui(comparison: lc.Comparison) -> None:
    if comparison.agree:
        st.success(t("compare.agree"), icon=":material/check_circle:")
    elif comparison.agree is None:
        st.warning(t("compare.differ_shape"), icon=":material/compare_arrows:")
    else:
        st.warning(t("compare.differ"), icon=":material/compare_arrows:")


def why_ui(comparison: lc.Comparison) -> None:
    st.subheader(t("compare.why"))
    if not comparison.differences:
        st.caption(t("compare.why.none"))
    for item in comparison.differences:
        # Engine sentences quoting numbers the parser produced; escaped all the same.
        st.markdown("- " + escape_md(tr(f"compare.diff.{item.key}", item.text, **item.params)))


def snippets_ui(comparison: lc.Comparison) -> None:
    keras, torch = comparison.keras, comparison.torch
    st.subheader(t("compare.snippets"))
    # One above the other: side by side, each line of a script would wrap two or three times.
    st.markdown(f"**{t('compare.snippet.keras')}**")
    st.code(export.keras_snippet(
        keras.name, *comparison.keras_inputs, sample_weight=comparison.keras_sample_weight,
        reduction=keras.reduction, dtype=keras.dtype, params=dict(keras.params),
    ), language="python", wrap_lines=True)
    st.markdown(f"**{t('compare.snippet.torch')}**")
    st.code(export.torch_snippet(
        torch.name, *comparison.torch_inputs, reduction=torch.reduction, dtype=torch.dtype,
        params=dict(comparison.torch_params),
    ), language="python", wrap_lines=True)


def results_ui(comparison: lc.Comparison) -> None:
    keras, torch = comparison.keras, comparison.torch
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(t("compare.keras.header"))
        trace_view.result_ui(keras, keras.name)
    with right:
        st.subheader(t("compare.torch.header"))
        trace_view.result_ui(torch, f"torch.nn.{torch.name}")
    verdict_ui(comparison)
    why_ui(comparison)
    receives_ui(comparison)
    st.subheader(t("compare.steps"))
    # Half a 1280-px page is narrower than the explainer's trace column: display formulas are set
    # a little smaller here (KaTeX's display size is 1.21em), and one still too wide scrolls
    # inside its step instead of being cut off at the column's edge.
    st.html(
        "<style>.st-key-cmp_steps .katex-display { overflow-x: auto; overflow-y: hidden; }"
        " .st-key-cmp_steps .katex-display > .katex { font-size: 1.05em; }</style>"
    )
    with st.container(key="cmp_steps"):
        left, right = st.columns(2, gap="large")
        with left:
            trace_view.trace_ui(keras, key_prefix="cmp_keras_")
        with right:
            trace_view.trace_ui(torch, key_prefix="cmp_torch_")
    snippets_ui(comparison)


st.title(t("compare.title"))
st.markdown(t("compare.intro"))

init_state()
preset_ui()
notice_ui()
lesson, slots = inputs_ui()
save_state()

comparison = None
if lesson is not None:
    try:
        comparison = lc.compare(lesson)
    except losses.LossInputError as error:
        message = escape_md(error_text(error))
        slot = slots.get(error.argument)
        if slot is not None:
            slot.error(message, icon=":material/error:")
        # And here too, where the results would be.
        st.error(message, icon=":material/error:")
    except Exception:
        log.exception("comparing %s failed", lesson.pair)
        st.error(t("error.unexpected"), icon=":material/error:")

if comparison is None:
    st.info(t("compare.waiting"), icon=":material/arrow_upward:")
else:
    try:
        results_ui(comparison)
    except Exception:  # whatever was drawn stays; a class never sees a traceback
        log.exception("drawing the comparison of %s failed", lesson.pair)
        st.error(t("error.unexpected"), icon=":material/error:")
