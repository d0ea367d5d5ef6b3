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
from losses.gradient import GRADIENT_STEP
from ui import export, lesson, trace_view
from ui.arrays import format_array
from ui.i18n import error_text, escape_md, say, t
from ui.sidebar import sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.compare")
PAGE = "compare"

st.set_page_config(page_title="Loss Lab · Keras vs PyTorch", page_icon=":material/compare_arrows:",
                   layout="wide")
lesson.start(PAGE)
sidebar(PAGE)
PRESET_KEY = "compare.preset_pick"

def _on_preset() -> None:
    chosen = st.session_state.get(PRESET_KEY)
    if chosen in lc.PRESETS_BY_ID:
        lesson.load_compare_preset(chosen)
    # A preset is an action: once loaded, the inputs are the learner's to change.
    st.session_state[PRESET_KEY] = None


def preset_ui() -> None:
    st.pills(
        t("compare.presets"), [p.id for p in lc.PRESETS], key=PRESET_KEY,
        format_func=lambda pid: t(f"compare.preset.{pid}.label"), on_change=_on_preset,
        help=t("compare.presets.help"),
    )


def keras_side(pair: lc.Pair) -> bool:
    """True when the lesson is this pair's Keras loss: its parameters are the comparison's."""
    return lesson.get("framework") == "keras" and lesson.get("loss") == pair.keras


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
    compare = lesson.part(PAGE)
    # The pair gets half the row: its longest label, sparse_categorical_crossentropy ↔
    # CrossEntropyLoss, must not be cut off at 1280 px.
    pair_column, keras_column, torch_column = st.columns([3, 1.6, 1.4])
    pairs = tuple(lc.PAIRS_BY_ID)
    with pair_column:
        pair_id = st.selectbox(t("compare.pair"), pairs, format_func=_pair_label,
                               help=t("compare.pair.help"),
                               **lesson.bind(PAGE, "compare.pair", default=lesson.compare_pair(),
                                             choices=pairs, then=lesson.follow_pair))
    pair = lc.PAIRS_BY_ID[pair_id]
    torch_reductions = tuple(losses.spec(pair.torch, "pytorch").reductions)
    # Until the learner picks them, the reductions follow the lesson's.
    reduction = lesson.get("reduction")
    keras_default = reduction if reduction in losses.REDUCTIONS else "sum_over_batch_size"
    torch_default = (reduction if lesson.get("framework") == "pytorch" and reduction in torch_reductions
                     else lc.KERAS_TO_TORCH_REDUCTION.get(compare["keras_reduction"] or keras_default, "mean"))
    with keras_column:
        keras_reduction = st.selectbox(t("compare.keras_reduction"), losses.REDUCTIONS,
                                       help="  \n".join(f"**{r}**: {t(f'reduction.{r}.explain')}"
                                                        for r in losses.REDUCTIONS),
                                       **lesson.bind(PAGE, "compare.keras_reduction", default=keras_default,
                                                     choices=tuple(losses.REDUCTIONS)))
    with torch_column:
        torch_reduction = st.selectbox(t("compare.torch_reduction"), torch_reductions,
                                       **lesson.bind(PAGE, "compare.torch_reduction", default=torch_default,
                                                     choices=torch_reductions))

    # The arrays and the switches that change how they are read share one row, so the results
    # start within the first screen at 1280 x 800.
    true_column, pred_column, switch_column = st.columns([2, 2, 1.4])
    slots: dict[str, Any] = {}
    with true_column:
        st.text_area(t("compare.y_true"), height=90, help=t("inputs.format_help"),
                     **lesson.bind(PAGE, "y_true"))
        slots["y_true"] = st.empty()
    with pred_column:
        st.text_area(t("compare.y_pred"), height=90, help=t("inputs.format_help"),
                     **lesson.bind(PAGE, "y_pred"))
        slots["y_pred"] = st.empty()
    own = keras_side(pair)
    with switch_column:
        translate = st.toggle(t("compare.translate"), help=t("compare.translate.help"),
                              **lesson.bind(PAGE, "compare.translate"))
        from_logits = False
        if pair.logits_toggle:
            # The lesson's own from_logits while the lesson is this pair's Keras loss.
            path = f"param.{pair.keras}.from_logits" if own else "compare.from_logits"
            from_logits = st.toggle(t("compare.from_logits"), help=t("compare.from_logits.help"),
                                    **lesson.bind(PAGE, path, default=False))
        weight_text = ""
        if pair.weights:
            weight_text = st.text_input(t("compare.class_weight"),
                                        placeholder=t("compare.class_weight.placeholder"),
                                        help=t("compare.class_weight.help"),
                                        **lesson.bind(PAGE, "compare.class_weight"))
        slots["class_weight"] = st.empty()

    y_true = _parse(lesson.get("y_true"), "y_true", slots["y_true"])
    y_pred = _parse(lesson.get("y_pred"), "y_pred", slots["y_pred"])
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

    params = {k: v for k, v in lesson.params().items() if k != "from_logits"} if own else {}
    params.update(pair.keras_params)
    if pair.logits_toggle:
        params["from_logits"] = from_logits
    return lc.Lesson(pair_id, y_true, y_pred, keras_reduction=keras_reduction,
                     torch_reduction=torch_reduction, translate=translate, keras_params=params,
                     class_weight=class_weight), slots


def notice_ui() -> None:
    """Where the inputs came from: a preset's lesson while they are still its numbers, or the
    explainer's lesson."""
    preset = lesson.part(PAGE)["preset"]
    if lesson.still_preset(preset):
        st.info(f"**{t('compare.notice')}** {say(lc.preset_help(preset))}",
                icon=":material/visibility:")
        return
    st.caption(escape_md(t("compare.from_lesson", loss=lesson.get("loss"))))
    pair = lc.PAIRS_BY_ID[lesson.compare_pair()]
    params = {k: v for k, v in lesson.params().items() if k != "from_logits"} if keras_side(pair) else {}
    changed = {k: v for k, v in params.items()
               if v != next(p.default for p in losses.spec(pair.keras).params if p.name == k)}
    if changed:
        shown = ", ".join(f"{k}={v!r}" for k, v in changed.items())
        st.caption(escape_md(t("compare.keras_params", params=shown)))


def receives_ui(comparison: lc.Comparison) -> None:
    """What was done to the inputs on their way to PyTorch, and the arrays it gets."""
    with st.expander(t("compare.receives"), icon=":material/swap_horiz:"):
        for item in comparison.conversions:
            st.caption(escape_md(say(item.message)))
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
        st.markdown("- " + escape_md(say(item.message)))


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
        "<style>:is(.st-key-compare_steps, .st-key-compare_gradients) .katex-display"
        " { overflow-x: auto; overflow-y: hidden; }"
        " :is(.st-key-compare_steps, .st-key-compare_gradients) .katex-display > .katex"
        " { font-size: 1.05em; }</style>"
    )
    with st.container(key="compare_steps"):
        left, right = st.columns(2, gap="large")
        with left:
            trace_view.trace_ui(keras, key_prefix="compare_keras_")
        with right:
            trace_view.trace_ui(torch, key_prefix="compare_torch_")
    learns_ui(comparison)
    snippets_ui(comparison)


def learns_ui(comparison: lc.Comparison) -> None:
    """The two gradients side by side, and why they differ."""
    keras, torch = comparison.keras, comparison.torch
    if keras.gradient is None or torch.gradient is None:
        return
    st.subheader(t("compare.learns.header"))
    st.caption(t("compare.learns.intro"))
    for item in comparison.gradient_differences:
        text = escape_md(say(item.message))
        if comparison.gradient_agree:
            st.success(text, icon=":material/check_circle:")
        else:
            st.info(text, icon=":material/compare_arrows:")
    with st.container(key="compare_gradients"):
        left, right = st.columns(2, gap="large")
        for column, trace, prefix in ((left, keras, "compare_keras_"), (right, torch, "compare_torch_")):
            last = [step for step in trace.gradient_steps if step.key == GRADIENT_STEP]
            with column:
                if last:
                    trace_view.step_ui(trace, len(trace.gradient_steps), last[0], trace.gradient_notes,
                                       prefix + "grad_")


st.title(t("compare.title"))
st.markdown(t("compare.intro"))

lesson.problems_ui()
with st.container(horizontal=True, vertical_alignment="bottom"):
    preset_ui()
    share_slot = st.container(width="content")
notice_ui()
chosen, slots = inputs_ui()
with share_slot:
    lesson.share_ui(PAGE, lesson.sync_url(PAGE))

comparison = None
if chosen is not None:
    try:
        comparison = lc.compare(chosen)
    except losses.LossInputError as error:
        message = escape_md(error_text(error))
        slot = slots.get(error.argument)
        if slot is not None:
            slot.error(message, icon=":material/error:")
        # And here too, where the results would be.
        st.error(message, icon=":material/error:")
    except Exception:
        log.exception("comparing %s failed", chosen.pair)
        st.error(t("error.unexpected"), icon=":material/error:")

if comparison is None:
    st.info(t("compare.waiting"), icon=":material/arrow_upward:")
else:
    try:
        results_ui(comparison)
    except Exception:  # whatever was drawn stays; a class never sees a traceback
        log.exception("drawing the comparison of %s failed", chosen.pair)
        st.error(t("error.unexpected"), icon=":material/error:")
