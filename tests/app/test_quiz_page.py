"""The quiz page (pages/3_Quiz.py) under AppTest: every built-in question, questions on the
explainer's lesson, share links that reopen the same numbers, and hostile links.

Correct guesses are the numbers real Keras / PyTorch wrote, or hand arithmetic
(``EXPECTED`` in tests/ui/test_content_quiz.py). One AppTest instance serves a module's tests where
the session can be put back in the state a test needs.
"""

from __future__ import annotations

import re

from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

import losses
from streamlit.testing.v1 import AppTest

from ui.content import quiz
from tests.app.pagetools import link_problems, put_lesson
from tests.ui.test_content_quiz import EXPECTED
from ui import i18n, lesson

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "3_Quiz.py")
TIMEOUT = 60
HINGE_LESSON = {
    # The explainer's seed: Keras' Hinge docstring example, per-sample losses 1.1 and 1.5.
    "framework": "keras",
    "loss": "hinge",
    "y_true": "[[0, 1], [0, 0]]",
    "y_pred": "[[0.6, 0.4], [0.4, 0.6]]",
    "sample_weight": "",
    "reduction": "sum_over_batch_size",
    "dtype": "float32",
    "params": {},
}


def new_page(query: dict[str, str] | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if lang is not None:
        at.session_state["lang"] = lang
        # AppTest formats a selectbox's chosen option on this thread, outside any script run, to
        # find it among the options the page drew: it must format in the page's language.
        i18n._run.lang = lang
    return at.run()


@pytest.fixture(autouse=True)
def _no_run_language():
    # A language left on this thread by a zh test must not format the next test's options.
    yield
    i18n._run.lang = None


@pytest.fixture(scope="module")
def at() -> AppTest:
    page = new_page()
    no_exception(page)
    return page


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def guess(at: AppTest, value: float) -> AppTest:
    at.number_input(key="quiz.guess").set_value(value).run()
    return at.button(key="quiz.check").click().run()


def truth(at: AppTest) -> float:
    labels = {i18n.TEXT[lang]["quiz.truth"] for lang in i18n.LANGUAGES}
    (metric,) = [m for m in at.metric if m.label in labels]
    return float(metric.value)


def truth_exact(at: AppTest) -> float:
    """The exact value the true value's help states ("... float32 value: 2.5625")."""
    labels = {i18n.TEXT[lang]["quiz.truth"] for lang in i18n.LANGUAGES}
    (metric,) = [m for m in at.metric if m.label in labels]
    return float(re.findall(r"-?[0-9][0-9.e+-]*", metric.help)[-1])


def verdict(at: AppTest) -> str:
    texts = [e.value for e in (*at.success, *at.warning, *at.error)]
    for text in texts:
        for word in ("Exact", "Close", "Off"):
            if text.startswith(word + ":"):
                return word.lower()
    raise AssertionError(f"no verdict among {texts}")


def input_tables(at: AppTest) -> list[list[list[str]]]:
    """The question card's input tables (drawn before any trace table), cell by cell."""
    count = 3 if any(m.value == "**sample\\_weight**" for m in at.markdown) else 2
    return [table.value.astype(str).values.tolist() for table in at.table[:count]]


def question_text(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("##### "))


def share_link(at: AppTest) -> dict[str, str]:
    (code,) = [c.value for c in at.code if c.value.startswith("http")]
    return dict(parse_qsl(urlsplit(code).query))


def pick(at: AppTest, question_id: str) -> AppTest:
    at.segmented_control(key="quiz.source").set_value("builtin").run()
    return at.selectbox(key="quiz.question").set_value(question_id).run()


@pytest.mark.parametrize("question", quiz.QUESTIONS, ids=lambda q: q.id)
def test_every_builtin_question_renders_and_grades(at, question):
    pick(at, question.id)
    no_exception(at)
    assert len(input_tables(at)) >= 1 or at.code
    assert not at.metric  # nothing revealed before a guess is checked

    guess(at, EXPECTED[question.id])
    no_exception(at)
    # The true value is shown as the trace shows every number, to 4 significant digits (one
    # rule across the app); the exact float is in the value's help.
    assert truth(at) == float(losses.fmt(EXPECTED[question.id]))
    assert truth_exact(at) == pytest.approx(EXPECTED[question.id], rel=1e-5, abs=1e-6)
    assert verdict(at) == "exact"
    assert at.latex  # the trace's formulas

    wrong = 3 * EXPECTED[question.id] + 10
    guess(at, wrong)
    assert verdict(at) == "off"


def test_next_question_moves_on_and_hides_the_answer(at):
    pick(at, quiz.QUESTIONS[0].id)
    guess(at, 1.0)
    assert at.metric
    at.button(key="quiz.next").click().run()
    no_exception(at)
    assert at.selectbox(key="quiz.question").value == quiz.QUESTIONS[1].id
    assert at.number_input(key="quiz.guess").value is None
    assert not at.metric


def test_check_without_a_guess_asks_for_one(at):
    pick(at, "hinge_seed")
    at.number_input(key="quiz.guess").set_value(None).run()
    at.button(key="quiz.check").click().run()
    no_exception(at)
    assert not at.metric
    assert any("Type a guess first" in c.value for c in at.caption)


def test_a_close_guess_says_close(at):
    pick(at, "hinge_zero_weight")
    guess(at, 0.6)  # 0.55 is the Keras golden; 0.6 is 9% off
    assert verdict(at) == "close"


def test_question_from_the_explainers_lesson(at):
    put_lesson(at, **HINGE_LESSON)
    at.segmented_control(key="quiz.source").set_value("lesson").run()
    no_exception(at)
    ask = at.selectbox(key="quiz.ask")
    assert ask.options == ["The loss value", "Per-sample loss of sample 0", "Per-sample loss of sample 1"]
    ask.set_value("sample:1").run()
    assert "sample 1" in question_text(at)
    guess(at, 1.5)
    assert truth(at) == pytest.approx(1.5)
    assert verdict(at) == "exact"

    link = share_link(at)
    assert link["ask"] == "sample:1" and "q" not in link
    again = new_page(link)
    no_exception(again)
    assert again.segmented_control(key="quiz.source").value == "lesson"
    assert question_text(again) == question_text(at)
    assert input_tables(again) == input_tables(at)
    guess(again, 1.5)
    assert truth(again) == pytest.approx(1.5)


def test_question_from_a_pytorch_lesson(at):
    put_lesson(at, framework="pytorch", loss="CrossEntropyLoss", y_true="[1, 2]",
               y_pred="[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]", reduction="mean")
    at.segmented_control(key="quiz.source").set_value("lesson").run()
    at.selectbox(key="quiz.ask").set_value("value").run()
    no_exception(at)
    assert "PyTorch" in question_text(at)
    guess(at, EXPECTED["torch_ce_probabilities"])  # torch 2.13.0 golden: 0.98690
    assert verdict(at) == "exact"
    assert share_link(at)["framework"] == "pytorch"


def test_a_new_session_asks_about_the_seed_lesson():
    # Every session has a lesson: the explainer's seed, Keras' hinge docs example (1.3).
    at = new_page()
    at.segmented_control(key="quiz.source").set_value("lesson").run()
    no_exception(at)
    guess(at, 1.3)
    assert truth(at) == pytest.approx(1.3)


def test_an_invalid_lesson_gets_a_message(at):
    put_lesson(at, **dict(HINGE_LESSON, y_pred="[[0.6, 0.4, 0.1]]"))
    at.segmented_control(key="quiz.source").set_value("lesson").run()
    no_exception(at)
    assert at.warning


@pytest.mark.parametrize("question_id", ["hinge_zero_weight", "cosine_same_direction", "torch_bce_clamp",
                                         "ctc_uniform"])
def test_share_link_round_trip_opens_the_same_question(at, question_id):
    pick(at, question_id)
    tables, text = input_tables(at), question_text(at)
    link = share_link(at)
    # A built-in question's link names it, and the language if not English.
    assert link == {"q": question_id}

    opened = new_page(link)
    no_exception(opened)
    assert not link_problems(opened)
    assert opened.segmented_control(key="quiz.source").value == "builtin"
    assert opened.selectbox(key="quiz.question").value == question_id
    assert input_tables(opened) == tables and question_text(opened) == text
    guess(opened, EXPECTED[question_id])
    assert truth_exact(opened) == pytest.approx(EXPECTED[question_id], rel=1e-5, abs=1e-6)


def test_a_link_with_only_numbers_opens_them():
    # Keras' Hinge docs example with reduction sum: 1.1 + 1.5 = 2.6.
    at = new_page({"loss": "hinge", "y_true": "[[0, 1], [0, 0]]", "y_pred": "[[0.6, 0.4], [0.4, 0.6]]",
                   "reduction": "sum"})
    no_exception(at)
    assert not link_problems(at)
    assert at.segmented_control(key="quiz.source").value == "lesson"
    guess(at, 2.6)
    assert truth(at) == pytest.approx(2.6)


def test_a_builtin_question_with_changed_numbers_keeps_the_numbers():
    link = dict(quiz_link("hinge_zero_weight"), sample_weight="[1, 1]")  # (1.1 + 1.5) / 2 = 1.3
    at = new_page(link)
    no_exception(at)
    assert at.segmented_control(key="quiz.source").value == "lesson"
    guess(at, 1.3)
    assert truth(at) == pytest.approx(1.3)


def quiz_link(question_id: str) -> dict[str, str]:
    """The long form of a question's link: its lesson, what it asks and its id."""
    question = quiz.BY_ID[question_id]
    return dict(lesson.lesson_query(question.lesson()), ask=question.ask, q=question_id)


HOSTILE = {
    "unknown loss": {"loss": "nope", "y_true": "[1]", "y_pred": "[1]"},
    "torch loss for keras": {"loss": "BCELoss", "y_true": "[1]", "y_pred": "[1]"},
    "unknown framework": {"framework": "jax", "loss": "hinge"},
    "unparsable array": {"loss": "hinge", "y_true": "[[0, 1], [0", "y_pred": "[[0.6, 0.4]]"},
    "markdown in an array": {"loss": "hinge", "y_true": "**[x](javascript:alert(1))**", "y_pred": "[1]"},
    # Streamlit itself drops a query string over 512 KiB (see the test below); this one reaches us.
    "400 KB string": {"loss": "hinge", "y_true": "[1]", "y_pred": "9" * 400_000},
    "shapes that do not fit": {"loss": "hinge", "y_true": "[[0, 1]]", "y_pred": "[[0.6, 0.4, 0.2]]"},
    "bad parameter": {"loss": "huber", "y_true": "[1]", "y_pred": "[2]", "delta": "<b>-1</b>"},
    "unknown setting": {"loss": "hinge", "y_true": "[1]", "y_pred": "[1]", "evil": "1"},
    "ask out of range": {**quiz_link("hinge_seed"), "ask": "sample:99"},
    "ask not an ask": {**quiz_link("hinge_seed"), "ask": "<script>alert(1)</script>"},
    "value of an unreduced loss": {"loss": "hinge", "y_true": "[[0, 1], [0, 0]]",
                                   "y_pred": "[[0.6, 0.4], [0.4, 0.6]]", "reduction": "none", "ask": "value"},
    "unknown question": {"q": "../../etc/passwd"},
    "bad ask without a question": {"ask": "sample:x"},
    "unknown language": {**quiz_link("hinge_seed"), "lang": "xx"},
}


@pytest.mark.parametrize("query", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_links_get_a_message_and_a_working_page(query):
    at = new_page(query)
    no_exception(at)
    problems = link_problems(at)
    assert problems
    for text in problems:
        assert len(text) < 1_000
    # Nothing of the link goes through Markdown: the problems are plain text.
    assert not [w.value for w in at.warning if "link" in w.value.lower()]
    # A question is still there to answer.
    guess(at, 1.0)
    no_exception(at)
    assert at.metric


def test_a_1_mb_link_opens_the_first_question():
    # Streamlit 1.67 ignores a query string over 524,288 characters before the page runs, so
    # there is nothing to warn about: the page opens as without a link.
    at = new_page({"loss": "hinge", "y_true": "[1]", "y_pred": "9" * 1_000_000})
    no_exception(at)
    assert at.selectbox(key="quiz.question").value == quiz.QUESTIONS[0].id
    guess(at, EXPECTED[quiz.QUESTIONS[0].id])
    assert verdict(at) == "exact"


def test_link_language_is_used():
    at = new_page({**quiz_link("hinge_seed"), "lang": "zh"})
    no_exception(at)
    assert at.session_state["lang"] == "zh"
    assert share_link(at)["lang"] == "zh"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_mode_in_each_language(lang):
    at = new_page(lang=lang)
    no_exception(at)
    guess(at, 1.0)
    no_exception(at)
    at.segmented_control(key="quiz.source").set_value("lesson").run()
    guess(at, 1.3)  # Keras docs: hinge of the seed example is 1.3
    no_exception(at)
    assert truth(at) == pytest.approx(1.3)

    linked = new_page({"loss": "hinge", "y_true": "[[0, 1], [0, 0]]", "y_pred": "[[0.6, 0.4], [0.4, 0.6]]",
                       "ask": "sample:0", "lang": lang})
    no_exception(linked)
    assert linked.segmented_control(key="quiz.source").value == "lesson"
    guess(linked, 1.1)
    assert truth(linked) == pytest.approx(1.1)
