"""Tutorial: seven chapters from a batch to one number, each with a live example to edit and check."""

from __future__ import annotations

import logging

import streamlit as st

import losses
import ui
from ui import lesson, trace_view
from ui.arrays import format_number
from ui.content import quiz, tutorial
from ui.i18n import error_text, escape_md, loss_display, t
from ui.sidebar import sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.tutorial")
PAGE = "tutorial"

st.set_page_config(page_title="Loss Lab · Tutorial", page_icon=":material/school:", layout="wide")
lesson.start(PAGE)

# The same digits as the quiz's answer, so a guess right to 3 digits is seen to be right.
VERDICT_ELEMENT = {quiz.EXACT: st.success, quiz.CLOSE: st.warning, quiz.OFF: st.error}
VERDICT_ICON = {quiz.EXACT: ":material/check_circle:", quiz.CLOSE: ":material/adjust:",
                quiz.OFF: ":material/cancel:"}


def _go(chapter_id: str) -> None:
    lesson.part(PAGE).update(chapter=chapter_id, guess=None, checked=False)


def _uncheck() -> None:
    lesson.part(PAGE)["checked"] = False


def _check() -> None:
    part = lesson.part(PAGE)
    part["checked"] = part["guess"] is not None
    st.session_state["tutorial.need_guess"] = part["guess"] is None


# The chapters read as a list: left-aligned, one line each where it fits. Our own CSS, no text.
TOC_CSS = """
<style>
.st-key-tutorial_toc { gap: 0.1rem; }
.st-key-tutorial_toc button { justify-content: flex-start; min-height: 2.1rem; padding: 0.2rem 0.6rem; }
.st-key-tutorial_toc button > div { justify-content: flex-start; }
.st-key-tutorial_toc button p { text-align: left; }
</style>
"""


def toc_ui() -> None:
    """Every chapter, the current one highlighted, the visited ones ticked."""
    part = lesson.part(PAGE)
    current = lesson.tutorial_chapter()
    with st.container(key="tutorial_toc"):
        st.html(TOC_CSS)
        st.markdown(f"**{t('tutorial.toc')}**")
        for number, chapter in enumerate(tutorial.CHAPTERS, start=1):
            title = t(f"tutorial.{chapter.id}.title")
            ticked = chapter.id in part["visited"] and chapter != current
            label = t("tutorial.visited", title=title) if ticked else title
            st.button(f"{number}. {label}", key=f"tutorial.toc.{chapter.id}", on_click=_go,
                      args=(chapter.id,), type="primary" if chapter == current else "tertiary",
                      width="stretch")


def _visit() -> None:
    visited = lesson.part(PAGE)["visited"]
    if lesson.tutorial_chapter().id not in visited:
        visited.append(lesson.tutorial_chapter().id)


def steps_ui(index: int) -> None:
    """Previous / Next and where the learner is."""
    ids = tutorial.IDS
    with st.container(horizontal=True, vertical_alignment="center", key="tutorial_steps"):
        st.button(t("tutorial.previous"), key="tutorial.previous", icon=":material/arrow_back:",
                  disabled=index == 0, on_click=_go, args=(ids[max(index - 1, 0)],))
        st.caption(t("tutorial.chapter", number=index + 1, count=len(ids)))
        st.button(t("tutorial.next"), key="tutorial.next", icon=":material/arrow_forward:",
                  type="primary", disabled=index == len(ids) - 1, on_click=_go,
                  args=(ids[min(index + 1, len(ids) - 1)],))


def inputs_ui(chapter: tutorial.Chapter) -> dict[str, str]:
    """The two text areas, views of the chapter's part of the lesson."""
    texts = {}
    for name in ("y_true", "y_pred"):
        st.text_area(
            t(f"inputs.{name}.label"), height=90, help=t("inputs.format_help"),
            **lesson.bind(PAGE, f"tutorial.edits.{chapter.id}.{name}", default=getattr(chapter, name)),
        )
        texts[name] = lesson.tutorial_inputs()[name]
    return texts


def trace_of(question: quiz.Question) -> losses.Trace | None:
    """The trace of the learner's numbers, or None with the message shown (the page stays up)."""
    try:
        return quiz.trace_of(question)
    except losses.LossInputError as error:
        st.error(escape_md(error_text(error)), icon=":material/error:")
    except Exception:
        log.exception("computing the %s chapter failed", question.loss)
        st.error(t("error.unexpected"), icon=":material/error:")
    return None


def check_ui(chapter: tutorial.Chapter, trace: losses.Trace) -> None:
    """The chapter's question on the numbers as they are now, graded by the quiz's engine."""
    with st.container(border=True, key="tutorial_check"):
        st.markdown(f"**{t('tutorial.check')}** · {t(f'tutorial.{chapter.id}.check')}")
        guess = st.number_input(t("quiz.guess"), value=None, format="%g", step=0.1,
                                help=t("quiz.guess_help"),
                                **lesson.bind(PAGE, "tutorial.guess", then=_uncheck))
        st.button(t("tutorial.check.button"), key="tutorial.check", type="primary",
                  on_click=_check, icon=":material/done:")
        if st.session_state.pop("tutorial.need_guess", False):
            st.caption(t("quiz.need_guess"))
        if not lesson.part(PAGE)["checked"] or guess is None:
            return
        truth = quiz.answer(trace, chapter.ask)
        grade = quiz.grade(guess, truth)
        zero = grade.relative is None
        key = f"quiz.verdict.{grade.verdict}" + ("_zero" if zero and grade.verdict != quiz.EXACT else "")
        truth_column, guess_column = st.columns(2)
        with truth_column:
            st.metric(t("quiz.truth"), losses.fmt(truth, trace.digits),
                      help=t("quiz.truth_help", dtype=trace.dtype, value=repr(truth)))
        with guess_column:
            st.metric(t("quiz.your_guess"), format_number(guess))
        VERDICT_ELEMENT[grade.verdict](t(key), icon=VERDICT_ICON[grade.verdict])


def open_ui(chapter: tutorial.Chapter, inputs: dict[str, str]) -> None:
    """The chapter's numbers in the explainer, or its loss's curve.

    Buttons, not plain links: within a session a page reads the address bar only on its first
    run, so the chapter's lesson is put in place first and the page opened on it.
    """
    with st.container(horizontal=True, key="tutorial_open"):
        explainer = st.button(t("tutorial.open_explainer"), key="tutorial.open_explainer",
                              icon=":material/functions:")
        curve = st.button(t("tutorial.open_curve"), key="tutorial.open_curve",
                          icon=":material/show_chart:")
    if explainer:
        lesson.load(chapter.loss, inputs["y_true"], inputs["y_pred"], sample_weight=chapter.sample_weight,
                    params=chapter.params, reduction=chapter.reduction, framework=chapter.framework)
        # The gradient chapter continues in the explainer's gradient view.
        lesson.open_tab("gradient" if chapter.id == "gradient" else "steps")
        st.switch_page(lesson.PAGES["explainer"].script, query_params=lesson.page_query("explainer"))
    if curve:
        name = tutorial.CURVE_LOSS.get(chapter.id, chapter.loss)
        y_true = tutorial.CCE_TRUE if name != chapter.loss else inputs["y_true"]
        lesson.load(name, y_true, inputs["y_pred"], params=chapter.params if name == chapter.loss else {})
        lesson.part("curves").update(mode="single", view=None)
        st.switch_page(lesson.PAGES["curves"].script, query_params=lesson.page_query("curves"))


_visit()
sidebar(PAGE, toc_ui)
st.title(t("tutorial.title"), anchor=False)
st.markdown(t("tutorial.intro"))
lesson.problems_ui()

chapter = lesson.tutorial_chapter()
index = tutorial.IDS.index(chapter.id)
url = lesson.sync_url(PAGE)

with st.container(horizontal=True, vertical_alignment="center", key="tutorial_head"):
    st.caption(t("tutorial.chapter", number=index + 1, count=len(tutorial.IDS)))
    lesson.share_ui(PAGE, url)
st.header(t(f"tutorial.{chapter.id}.title"), anchor=False)
try:
    body = t(f"tutorial.{chapter.id}.body", **tutorial.body_params(chapter.id))
except Exception:  # the chapter's own example always computes; a failure must not take the page down
    log.exception("the numbers of the %s chapter failed", chapter.id)
    body = t(f"tutorial.{chapter.id}.body")
# Our own catalog text and computed numbers: nothing a learner typed.
st.markdown(body)

st.subheader(t("tutorial.example"), anchor=False)
st.info(f"**{t('tutorial.predict')}** · {t(f'tutorial.{chapter.id}.predict')}", icon=":material/lightbulb:")
input_column, result_column = st.columns([2, 3], gap="large")
with input_column:
    inputs = inputs_ui(chapter)
question = chapter.question(inputs["y_true"], inputs["y_pred"])
with result_column:
    trace = trace_of(question)
    if trace is not None:
        trace_view.result_ui(trace, loss_display(chapter.loss, chapter.framework))
        trace_view.derivation_ui(trace)
if trace is not None:
    with input_column:
        check_ui(chapter, trace)
    with st.expander(t("trace.header"), icon=":material/format_list_numbered:"):
        trace_view.trace_ui(trace, key_prefix="tutorial_")
    if chapter.id == "gradient":
        trace_view.gradient_ui(trace, key_prefix="tutorial_")
open_ui(chapter, inputs)
st.divider()
steps_ui(index)
if index == len(tutorial.IDS) - 1:
    st.success(t("tutorial.end"), icon=":material/flag:")
