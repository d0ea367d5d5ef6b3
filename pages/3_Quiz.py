"""Quiz: predict a loss value from the inputs, then check it against the trace that makes it."""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
import pyarrow as pa
import streamlit as st

import losses
import ui
from ui.content import quiz
from ui import lesson, trace_view
from ui.arrays import format_array, format_number
from ui.i18n import error_text, escape_md, loss_display, say, t
from ui.sidebar import sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.quiz")
PAGE = "quiz"

st.set_page_config(page_title="Loss Lab · Quiz", page_icon=":material/quiz:", layout="wide")
lesson.start(PAGE)
sidebar(PAGE)

VERDICT_ELEMENT = {quiz.EXACT: st.success, quiz.CLOSE: st.warning, quiz.OFF: st.error}
VERDICT_ICON = {quiz.EXACT: ":material/check_circle:", quiz.CLOSE: ":material/adjust:", quiz.OFF: ":material/cancel:"}


def _reset() -> None:
    lesson.part(PAGE).update(checked=False, guess=None)


def _uncheck() -> None:
    lesson.part(PAGE)["checked"] = False


def _check() -> None:
    guess = lesson.part(PAGE)["guess"]
    lesson.part(PAGE)["checked"] = guess is not None
    st.session_state["quiz.need_guess"] = guess is None


def _next(current: quiz.Question, options: list[str]) -> None:
    part = lesson.part(PAGE)
    if part["source"] == "lesson" and options:
        index = options.index(current.ask) if current.ask in options else -1
        part["ask"] = options[(index + 1) % len(options)]
    else:
        part["source"] = "builtin"
        part["question"] = quiz.next_id(current.id or None)
    _reset()


def loss_name(question: quiz.Question) -> str:
    # ui.i18n.loss_display reads Keras' registry only; PyTorch losses go by their class name.
    name = question.loss
    return loss_display(name, question.framework)


def group_label(group: str) -> str:
    if group == quiz.PYTORCH_GROUP:
        return t("quiz.group.pytorch")
    return t(f"family.{group}.long")


def ask_label(trace: losses.Trace, ask: str) -> str:
    if ask == quiz.VALUE:
        return t("quiz.ask.value")
    index = quiz.sample_index(trace, int(ask.split(":", 1)[1]))
    return t("quiz.ask.sample", index=", ".join(str(i) for i in index))


def source_ui() -> str:
    sources = ("builtin", "lesson")
    return st.segmented_control(
        t("quiz.source"), sources, required=True, format_func=lambda source: t(f"quiz.source.{source}"),
        **lesson.bind(PAGE, "quiz.source", choices=sources, then=_reset),
    )


def builtin_ui() -> quiz.Question:
    ids = tuple(q.id for q in quiz.QUESTIONS)
    st.selectbox(
        t("quiz.picker"), ids, help=t("quiz.picker_help"),
        format_func=lambda qid: f"{group_label(quiz.BY_ID[qid].group)} · {t(quiz.title(quiz.BY_ID[qid]).key)}",
        **lesson.bind(PAGE, "quiz.question", choices=ids, then=_reset),
    )
    return quiz.BY_ID[lesson.part(PAGE)["question"]]


def lesson_ui() -> tuple[quiz.Question | None, losses.Trace | None, list[str]]:
    """A question on the lesson (the explainer's, or the link's), with the choice of what to ask."""
    try:
        question = quiz.from_lesson(lesson.shared())
        trace = quiz.trace_of(question)
    except losses.LossInputError as error:
        st.warning(escape_md(t("quiz.lesson.invalid", error=error_text(error))), icon=":material/warning:")
        return None, None, []
    options = quiz.asks(trace)
    ask = st.selectbox(
        t("quiz.lesson.ask"), options, format_func=lambda option: ask_label(trace, option),
        **lesson.bind(PAGE, "quiz.ask", choices=tuple(options), then=_reset),
    )
    return dataclasses.replace(question, ask=ask), trace, options


def array_ui(name: str, text: str) -> None:
    """One input as the parser read it: a table with a row per sample (per step for 3-D)."""
    array = losses.parse_array(text, argument=name)
    st.markdown(f"**{t(f'quiz.input.{name}')}**")
    if array.ndim == 0 or not array.size:
        st.code(format_array(array), language=None, wrap_lines=True)
        return
    rows = array.reshape(-1, array.shape[-1]) if array.ndim >= 2 else array.reshape(-1, 1)
    index = np.indices(array.shape[:-1] if array.ndim >= 2 else array.shape).reshape(array.ndim - 1 or 1, -1)
    columns = {t("trace.col.sample"): [str(i) for i in index[0]]}
    if array.ndim == 3:
        columns[t("quiz.input.step")] = [str(i) for i in index[1]]
    for j in range(rows.shape[1]):
        heading = str(j) if array.ndim >= 2 else t("quiz.input.value")
        columns[heading] = [format_number(v) for v in rows[:, j]]
    st.table(pa.table(columns), hide_index=True, width="content")


def question_ui(question: quiz.Question, trace: losses.Trace, options: list[str], url: str | None):
    """One card: the loss and its settings, its inputs beside what is asked, and the guess.

    Inputs and question side by side keep the guess and, once checked, the answer on a 1280x800
    screen without scrolling.
    """
    framework = t(f"quiz.framework.{question.framework}")
    # The inputs are what the class reads off the projector: larger than a trace table's cells.
    st.html("<style>.st-key-quiz_card table { font-size: 1.15rem; }"
            " .st-key-quiz_card table td, .st-key-quiz_card table th { padding: 0.3rem 0.75rem; }</style>")
    with st.container(border=True, key="quiz_card"):
        title = t(quiz.title(question).key) if question.id in quiz.BY_ID else loss_name(question)
        st.subheader(escape_md(title), anchor=False)
        params = ", ".join(f"{name}={value!r}" for name, value in trace.params.items()
                           if question.params.get(name) is not None)
        settings = t("quiz.settings_params" if params else "quiz.settings", framework=framework,
                     loss=loss_name(question), reduction=trace.reduction, dtype=trace.dtype, params=params)
        st.caption(escape_md(settings))
        inputs_column, ask_column = st.columns([3, 2], gap="large")
        with inputs_column:
            names = ["y_true", "y_pred"] + (["sample_weight"] if question.sample_weight.strip() else [])
            # Three columns even for two inputs: the tables keep one place from question to question.
            for column, name in zip(st.columns(3), names):
                with column:
                    array_ui(name, getattr(question, name))
        with ask_column:
            if question.ask == quiz.VALUE:
                text = t("quiz.question.value", framework=framework, reduction=trace.reduction)
            else:
                index = quiz.sample_index(trace, int(question.ask.split(":", 1)[1]))
                text = t("quiz.question.sample", index=", ".join(str(i) for i in index))
            st.markdown(f"##### {escape_md(text)}")
            guess = guess_ui(question, options)
            if question.id in quiz.BY_ID:
                # Keyed by question, so the next question's hint starts closed (an open one
                # would give its answer away).
                with st.expander(t("quiz.hint"), icon=":material/lightbulb:", key=f"quiz.hint.{question.id}"):
                    st.markdown(escape_md(t(quiz.hint(question).key)))
            lesson.share_ui(PAGE, url)
    # The answer goes under the inputs, the space the taller question column leaves free.
    return guess, inputs_column


def guess_ui(question: quiz.Question, options: list[str]) -> float | None:
    guess = st.number_input(
        t("quiz.guess"), value=None, format="%g", step=0.1, help=t("quiz.guess_help"),
        **lesson.bind(PAGE, "quiz.guess", then=_uncheck),
    )
    with st.container(horizontal=True):
        st.button(t("quiz.check"), key="quiz.check", type="primary", on_click=_check,
                  icon=":material/done:")
        st.button(t("quiz.next"), key="quiz.next", on_click=_next, args=(question, options),
                  icon=":material/arrow_forward:")
    if st.session_state.pop("quiz.need_guess", False):
        st.caption(t("quiz.need_guess"))
    return guess


def verdict_ui(question: quiz.Question, trace: losses.Trace, guess: float) -> None:
    """The true number beside the guess, and how close the guess was."""
    truth = quiz.answer(trace, question.ask)
    grade = quiz.grade(guess, truth)
    truth_column, guess_column = st.columns(2)
    with truth_column:
        st.metric(t("quiz.truth"), losses.fmt(truth, trace.digits),
                  help=t("quiz.truth_help", dtype=trace.dtype, value=repr(truth)))
    with guess_column:
        st.metric(t("quiz.your_guess"), format_number(guess))
    zero = grade.relative is None
    key = f"quiz.verdict.{grade.verdict}" + ("_zero" if zero and grade.verdict != quiz.EXACT else "")
    VERDICT_ELEMENT[grade.verdict](t(key), icon=VERDICT_ICON[grade.verdict])
    relative = t("quiz.rel_error_none") if zero else f"{grade.relative:.2%}"
    st.caption(escape_md(f"{t('quiz.abs_error')}: {losses.fmt(grade.absolute, trace.digits)} · "
                         f"{t('quiz.rel_error')}: {relative}"))


def explanation_ui(question: quiz.Question, trace: losses.Trace) -> None:
    """Why the number is what it is, then every step that made it."""
    explanation = say(quiz.explanation(question)) if question.id in quiz.BY_ID else t("quiz.custom_explain")
    st.info(f"**{t('quiz.why')}** {escape_md(explanation)}", icon=":material/school:")
    st.subheader(t("trace.header"), anchor=False)
    trace_view.trace_ui(trace)


st.title(t("quiz.title"), anchor=False)
st.markdown(t("quiz.intro"))
lesson.problems_ui()

source_column, picker_column = st.columns([2, 3], vertical_alignment="bottom")
with source_column:
    source = source_ui()
question, trace, options = None, None, []
with picker_column:
    if source == "builtin":
        question = builtin_ui()
    else:
        question, trace, options = lesson_ui()

url = lesson.sync_url(PAGE)
if question is not None and trace is None:
    try:
        trace = quiz.trace_of(question)
    except losses.LossInputError as error:
        st.error(escape_md(error_text(error)), icon=":material/error:")
        question = None

if question is not None and trace is not None:
    guess, answer_slot = question_ui(question, trace, options, url)
    if lesson.part(PAGE)["checked"] and guess is not None:
        try:
            with answer_slot:
                verdict_ui(question, trace, guess)
            explanation_ui(question, trace)
        except Exception:  # the question stays; a class never sees a traceback
            log.exception("revealing %s failed", question.loss)
            st.error(t("error.unexpected"), icon=":material/error:")
