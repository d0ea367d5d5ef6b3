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
from losses.compute import DEFAULT_REDUCTIONS
from ui import links, trace_view
from ui.arrays import format_array, format_number
from ui.i18n import error_text, escape_md, t, tr
from ui.sidebar import sidebar

ui.freeze_gc_once()
log = logging.getLogger("losslab.quiz")

st.set_page_config(page_title="Loss Lab · Quiz", page_icon=":material/quiz:", layout="wide")

SOURCE = "quiz_source"
PICK = "quiz_question"
ASK = "quiz_lesson_ask"
GUESS = "quiz_guess"
CHECKED = "quiz.checked"
LINKED = "quiz.link_question"
NOTICES = "quiz.link_notices"
URL_READ = "quiz.url_read"
# Without a browser (AppTest) there is no page address; a link still needs one to be copied.
FALLBACK_URL = "http://localhost:8501/Quiz"
# The trace shows 4 significant digits; the answer gets more, so a guess right to 3 digits can be
# seen to be right, and one just outside them to be just outside.
TRUTH_DIGITS = 6
VERDICT_ELEMENT = {quiz.EXACT: st.success, quiz.CLOSE: st.warning, quiz.OFF: st.error}
VERDICT_ICON = {quiz.EXACT: ":material/check_circle:", quiz.CLOSE: ":material/adjust:", quiz.OFF: ":material/cancel:"}


def _default_ask(trace: losses.Trace) -> str:
    return quiz.asks(trace)[0]


def question_from_link(link: links.Link) -> tuple[quiz.Question | None, list[str]]:
    """The question a link opens (None: the link names none) and what could not be used."""
    notices: list[str] = []
    q_id = link.extra.get("q")
    builtin = quiz.BY_ID.get(q_id) if q_id is not None else None
    if q_id is not None and builtin is None:
        notices.append(t("quiz.link.unknown_q"))
    lesson = dict(link.lesson)
    question = None
    if lesson:
        framework = lesson.get("framework", "keras")
        lesson.setdefault("loss", links.DEFAULT_LOSS[framework])
        if lesson.get("y_true") is None or lesson.get("y_pred") is None:
            # Half a lesson is no question: both arrays come from the loss's own example.
            example = losses.spec(lesson["loss"], framework).example
            lesson["y_true"] = format_array(example["y_true"])
            lesson["y_pred"] = format_array(example["y_pred"])
            lesson["sample_weight"] = ""
        lesson.setdefault("reduction", DEFAULT_REDUCTIONS[framework])
        lesson["params"] = dict(link.params)
        question = quiz.from_lesson(lesson, id=q_id if builtin is not None else "")
        if builtin is not None and quiz.same_lesson(question, builtin):
            question = builtin
        elif builtin is not None:
            # The numbers were changed after the question was made: its hint would not fit them.
            question = dataclasses.replace(question, id="")
    elif builtin is not None:
        question = builtin
    if question is None:
        ask = link.extra.get("ask")
        if ask is not None and ask != quiz.VALUE and not quiz.looks_like_sample(ask):
            notices.append(t("quiz.link.bad_ask_form"))
        return None, notices

    try:
        trace = quiz.trace_of(question)
    except losses.LossInputError as error:
        notices.append(t("quiz.link.invalid", error=error_text(error)))
        return None, notices
    ask = link.extra.get("ask")
    if ask is None:
        chosen = question.ask if question.id else _default_ask(trace)
    else:
        chosen = quiz.parse_ask(ask, trace)
        if chosen is None:
            last = quiz.sample_count(trace) - 1
            unreduced = np.ndim(trace.value) != 0
            notices.append(t("quiz.link.bad_ask_unreduced" if unreduced else "quiz.link.bad_ask", last=last))
            chosen = _default_ask(trace)
    return dataclasses.replace(question, ask=chosen), notices


def read_link_once() -> None:
    """The question a shared link names, read on a session's first run of this page."""
    state = st.session_state
    query = links.first_query(URL_READ)
    if query is None:
        return
    link = links.read_link(query, extra_keys=("ask", "q"))
    notices = [links.problem_text(p) for p in link.problems]
    if link.lang is not None:
        state["lang"] = link.lang
    try:
        question, more = question_from_link(link)
    except Exception:  # a link must never take the page down; the built-in questions remain
        log.exception("opening a quiz link failed")
        question, more = None, [t("error.unexpected")]
    state[NOTICES] = notices + more
    if question is None:
        return
    builtin = quiz.BY_ID.get(question.id)
    if builtin is not None and builtin.ask == question.ask:
        state[SOURCE] = "builtin"
        state[PICK] = builtin.id
    else:
        state[LINKED] = question
        state[SOURCE] = "link"


def _reset() -> None:
    st.session_state[CHECKED] = False
    st.session_state[GUESS] = None
    st.session_state.pop(NOTICES, None)


def _uncheck() -> None:
    st.session_state[CHECKED] = False


def _check() -> None:
    st.session_state[CHECKED] = st.session_state.get(GUESS) is not None
    st.session_state["quiz.need_guess"] = st.session_state.get(GUESS) is None


def _next(current: quiz.Question, options: list[str]) -> None:
    state = st.session_state
    if state.get(SOURCE) == "lesson" and options:
        index = options.index(current.ask) if current.ask in options else -1
        state[ASK] = options[(index + 1) % len(options)]
    else:
        state[SOURCE] = "builtin"
        state[PICK] = quiz.next_id(current.id or None)
    _reset()


def loss_name(question: quiz.Question) -> str:
    # ui.i18n.loss_display reads Keras' registry only; PyTorch losses go by their class name.
    name = question.loss
    return tr(f"loss.{name}.display", losses.spec(name, question.framework).display)


def group_label(group: str) -> str:
    if group == quiz.PYTORCH_GROUP:
        return t("quiz.group.pytorch")
    return tr(f"family.{group}", losses.FAMILIES.get(group, group))


def ask_label(trace: losses.Trace, ask: str) -> str:
    if ask == quiz.VALUE:
        return t("quiz.ask.value")
    index = quiz.sample_index(trace, int(ask.split(":", 1)[1]))
    return t("quiz.ask.sample", index=", ".join(str(i) for i in index))


def source_ui() -> str:
    state = st.session_state
    options = ["builtin", "lesson"] + (["link"] if LINKED in state else [])
    if state.get(SOURCE) not in options:
        state[SOURCE] = "builtin"
    return st.segmented_control(
        t("quiz.source"), options, key=SOURCE, required=True, on_change=_reset,
        format_func=lambda source: t(f"quiz.source.{source}"),
    )


def builtin_ui() -> quiz.Question:
    state = st.session_state
    ids = [q.id for q in quiz.QUESTIONS]
    if state.get(PICK) not in ids:
        state[PICK] = ids[0]
    st.selectbox(
        t("quiz.picker"), ids, key=PICK, on_change=_reset, help=t("quiz.picker_help"),
        format_func=lambda qid: f"{group_label(quiz.BY_ID[qid].group)} · {t(quiz.title(quiz.BY_ID[qid]).key)}",
    )
    return quiz.BY_ID[state[PICK]]


def lesson_ui() -> tuple[quiz.Question | None, losses.Trace | None, list[str]]:
    """A question on the explainer's lesson, with the learner's choice of what to ask."""
    lesson = st.session_state.get("lesson")
    if not lesson:
        st.info(t("quiz.lesson.none"), icon=":material/arrow_back:")
        return None, None, []
    try:
        question = quiz.from_lesson(lesson)
        trace = quiz.trace_of(question)
    except losses.LossInputError as error:
        st.warning(escape_md(t("quiz.lesson.invalid", error=error_text(error))), icon=":material/warning:")
        return None, None, []
    options = quiz.asks(trace)
    if st.session_state.get(ASK) not in options:
        st.session_state[ASK] = options[0]
    ask = st.selectbox(
        t("quiz.lesson.ask"), options, key=ASK, on_change=_reset,
        format_func=lambda option: ask_label(trace, option),
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


def question_ui(question: quiz.Question, trace: losses.Trace, options: list[str]):
    """One card: the loss and its settings, its inputs beside what is asked, and the guess.

    Inputs and question side by side keep the guess and, once checked, the answer on a 1280x800
    screen without scrolling.
    """
    framework = t(f"quiz.framework.{question.framework}")
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
                with st.expander(t("quiz.hint"), icon=":material/lightbulb:"):
                    st.markdown(escape_md(t(quiz.hint(question).key)))
            share_ui(question)
    # The answer goes under the inputs, the space the taller question column leaves free.
    return guess, inputs_column


def guess_ui(question: quiz.Question, options: list[str]) -> float | None:
    st.session_state.setdefault(GUESS, None)
    guess = st.number_input(
        t("quiz.guess"), key=GUESS, value=None, format="%g", step=0.1,
        help=t("quiz.guess_help"), on_change=_uncheck,
    )
    with st.container(horizontal=True):
        st.button(t("quiz.check"), key="quiz_check", type="primary", on_click=_check,
                  icon=":material/done:")
        st.button(t("quiz.next"), key="quiz_next", on_click=_next, args=(question, options),
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
        st.metric(t("quiz.truth"), losses.fmt(truth, TRUTH_DIGITS),
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
    explanation = t(quiz.explanation(question).key) if question.id in quiz.BY_ID else t("quiz.custom_explain")
    st.info(f"**{t('quiz.why')}** {escape_md(explanation)}", icon=":material/school:")
    st.subheader(t("trace.header"), anchor=False)
    trace_view.trace_ui(trace)


def share_ui(question: quiz.Question) -> None:
    query = links.lesson_query(question.lesson(), lang=st.session_state.get("lang", "en"))
    query["ask"] = question.ask
    builtin = quiz.BY_ID.get(question.id)
    if builtin is not None and quiz.same_lesson(builtin, question):
        query["q"] = builtin.id
    with st.expander(t("quiz.share"), icon=":material/share:"):
        st.caption(t("quiz.share_help"))
        st.code(links.share_url(st.context.url or FALLBACK_URL, query), language=None, wrap_lines=True)


read_link_once()
sidebar()

st.title(t("quiz.title"), anchor=False)
st.markdown(t("quiz.intro"))
for notice in st.session_state.get(NOTICES, ()):
    st.warning(escape_md(notice), icon=":material/link_off:")

source_column, picker_column = st.columns([2, 3], vertical_alignment="bottom")
with source_column:
    source = source_ui()
question, trace, options = None, None, []
with picker_column:
    if source == "builtin":
        question = builtin_ui()
    elif source == "lesson":
        question, trace, options = lesson_ui()
    else:
        question = st.session_state[LINKED]

if question is not None and trace is None:
    try:
        trace = quiz.trace_of(question)
    except losses.LossInputError as error:
        st.error(escape_md(error_text(error)), icon=":material/error:")
        question = None

if question is not None and trace is not None:
    guess, answer_slot = question_ui(question, trace, options)
    if st.session_state.get(CHECKED) and guess is not None:
        try:
            with answer_slot:
                verdict_ui(question, trace, guess)
            explanation_ui(question, trace)
        except Exception:  # the question stays; a class never sees a traceback
            log.exception("revealing %s failed", question.loss)
            st.error(t("error.unexpected"), icon=":material/error:")
