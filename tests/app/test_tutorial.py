"""The tutorial page (pages/0_Tutorial.py) under AppTest: every chapter in both languages with its
numbers, Next / Previous through every chapter, the chapter and the learner's edits in the link, bad
links and bad input, and the check question.

Every expected number says where it comes from: the Keras docs, Keras 3 goldens
(tests/goldens/keras.json) or arithmetic a reader can check by hand.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import losses

from tests.app.pagetools import link_problems
from tests.app.test_i18n import english_prose, shown_texts
from ui import i18n, lesson
from ui.content import tutorial

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = lesson.PAGES["tutorial"].script
TIMEOUT = 60

# Each chapter's numbers: what its body quotes and the big number of its live example.
# batch / hinge: Keras' Hinge docs, (1.6 + 0.6) / 2 = 1.1, (1.4 + 1.6) / 2 = 1.5, (1.1 + 1.5) / 2 = 1.3.
# regression: MSE (0.25 + 0 + 0) / 3 = 0.08333 and (0 + 9 + 0) / 3 = 3, batch (0.08333 + 3) / 2 =
#   1.5417; MAE (0.5 / 3 + 3 / 3) / 2 = 0.5833.
# cross_entropy: Keras' CategoricalCrossentropy docs, -ln 0.95 = 0.0513, -ln 0.1 = 2.303, batch
#   (0.0513 + 2.303) / 2 = 1.177.
# cosine: Keras' CosineSimilarity docs with axis=1: -0 (orthogonal), -0.9999 (the same direction:
#   -1 less float32 rounding, which the app writes out rather than round to -1), 0.9999
#   (opposite); batch (0 - 0.9999 + 0.9999) / 3 = 0.
# weights: (1 × 1.1 + 0 × 1.5) / 2 = 0.55; mean_with_sample_weight 1.1 / 1 = 1.1.
# frameworks: PyTorch's CrossEntropyLoss takes the probabilities as logits: sample 0
#   logsumexp(0.05, 0.95, 0) - 0.95 = 0.5841, sample 1 logsumexp(0.1, 0.8, 0.1) - 0.1 = 1.3897,
#   mean 0.9869 (tests/goldens/torch.json "CrossEntropyLoss/seed probabilities").
# gradient: the hinge batch's gradient is -y'/4 = [0.25, -0.25, 0.25, 0.25] (tests/losses/
#   test_gradient.py, by hand); y = 1, y_pred = 0.01: binary cross-entropy -1 / 0.01 = -100,
#   MSE 2 (0.01 - 1) = -1.98, ratio 50.5 -> "51"; the clipped true class sends back [0, 0]. Its
#   example [[1, 0]] / [[0.01, 0.3]]: value (-ln 0.01 - ln 0.7) / 2 = 2.4809; the first
#   prediction's gradient (1/N)(1/C)(-1/0.01) = -50.
BODY = {
    "batch": ["1.1", "1.5", "1.3"],
    "regression": ["1.542", "0.5833"],
    "cross_entropy": ["0.05129", "2.303"],
    "hinge": ["1.1", "1.5", "1.3"],
    "cosine": ["[-0, -0.9999", ", 0.9999"],
    "weights": ["0.55", "1.1"],
    "frameworks": ["[0.5841, 1.39]", "[0.05129, 2.303]"],
    "gradient": ["[0.25, -0.25, 0.25, 0.25]", "[0, 0]", "-100", "-1.98", " 51 "],
}
RESULT = {
    "batch": 1.3, "regression": 1.5417, "cross_entropy": (-math.log(0.95) - math.log(0.1)) / 2,
    "hinge": 1.3, "cosine": 0.0, "weights": 0.55,
    "frameworks": ((math.log(math.exp(0.05) + math.exp(0.95) + 1) - 0.95)
                   + (math.log(2 * math.exp(0.1) + math.exp(0.8)) - 0.1)) / 2,
    "gradient": (-math.log(0.01) - math.log(0.7)) / 2,
}
# What each check question asks, on the chapter's own numbers (same sources as above).
ANSWER = {
    "batch": 1.5, "regression": 1.5417, "cross_entropy": -math.log(0.1), "hinge": 1.3,
    "cosine": 0.9999999, "weights": 0.55, "frameworks": RESULT["frameworks"], "gradient": -50.0,
}


@pytest.fixture(autouse=True)
def _no_run_language():
    yield
    i18n._run.lang = None


def open_tutorial(query: dict[str, str] | None = None, lang: str | None = None) -> AppTest:
    """A new session opened on the tutorial from a link, as a student following a course page."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if lang is not None:
        at.session_state["lang"] = lang
        i18n._run.lang = lang
    at.switch_page(PAGE).run()
    assert_clean(at)
    return at


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def body(at: AppTest) -> str:
    # The intro is the first Markdown element, the chapter's body the second.
    return at.markdown[1].value


def result(at: AppTest) -> float:
    labels = {i18n.TEXT[lang]["trace.result"] for lang in i18n.LANGUAGES}
    (metric,) = [m for m in at.metric if m.label in labels]
    return float(metric.value)


def truth(at: AppTest) -> float:
    labels = {i18n.TEXT[lang]["quiz.truth"] for lang in i18n.LANGUAGES}
    (metric,) = [m for m in at.metric if m.label in labels]
    return float(metric.value)


def verdicts(at: AppTest) -> list[str]:
    end = {i18n.TEXT[lang]["tutorial.end"] for lang in i18n.LANGUAGES}
    return [e.value for e in (*at.success, *at.warning, *at.error) if e.value not in end]


def guess(at: AppTest, value: float) -> AppTest:
    at.number_input(key="tutorial.guess").set_value(value).run()
    return at.button(key="tutorial.check").click().run()


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("chapter", tutorial.IDS)
def test_every_chapter_renders_with_its_numbers(chapter, lang):
    at = open_tutorial({"chapter": chapter}, lang)
    text = i18n.TEXT[lang]
    assert at.title[0].value == text["tutorial.title"]
    assert at.header[0].value == text[f"tutorial.{chapter}.title"]
    number = tutorial.IDS.index(chapter) + 1
    assert i18n.render_key("tutorial.chapter", {"number": number, "count": len(tutorial.IDS)}, lang) in [
        c.value for c in at.caption]
    for quoted in BODY[chapter]:
        assert quoted in body(at), (quoted, body(at))
    assert "{" not in body(at)
    assert result(at) == pytest.approx(RESULT[chapter], abs=1e-3)
    assert at.latex, "the derivation and the steps"
    assert at.info[0].value.endswith(text[f"tutorial.{chapter}.predict"])
    if lang == "zh":
        leftovers = [s for s in shown_texts(at) if english_prose(s)]
        assert not leftovers, leftovers


def test_next_and_previous_walk_every_chapter_and_tick_the_visited():
    at = open_tutorial()
    seen = [at.header[0].value]
    assert at.button(key="tutorial.previous").disabled
    for _ in range(len(tutorial.IDS) - 1):
        at.button(key="tutorial.next").click().run()
        assert_clean(at)
        seen.append(at.header[0].value)
    assert seen == [i18n.TEXT["en"][f"tutorial.{c}.title"] for c in tutorial.IDS]
    assert at.button(key="tutorial.next").disabled
    assert at.success[-1].value == i18n.TEXT["en"]["tutorial.end"]
    assert at.query_params["chapter"] == tutorial.IDS[-1]
    # Every chapter but the current one is ticked in the table of contents.
    toc = [at.button(key=f"tutorial.toc.{c}").label for c in tutorial.IDS]
    assert all(label.split(". ", 1)[1].startswith("✓") for label in toc[:-1]), toc
    assert "✓" not in toc[-1]
    for expected in reversed(tutorial.IDS[:-1]):
        at.button(key="tutorial.previous").click().run()
        assert at.query_params["chapter"] == expected
    assert at.header[0].value == i18n.TEXT["en"]["tutorial.batch.title"]
    at.button(key="tutorial.toc.weights").click().run()
    assert result(at) == pytest.approx(0.55)  # (1 × 1.1 + 0 × 1.5) / 2


def test_a_link_opens_a_chapter_with_the_learners_numbers_and_edits_go_back_into_it():
    # y_pred row 1 -> [0.4, 0.5]: terms 1.4 and 1.5, (1.4 + 1.5) / 2 = 1.45; (1.1 + 1.45) / 2 = 1.275.
    edited = "[[0.6, 0.4], [0.4, 0.5]]"
    at = open_tutorial({"chapter": "hinge", "y_pred": edited, "lang": "zh"}, "zh")
    assert not link_problems(at)
    assert at.header[0].value == i18n.TEXT["zh"]["tutorial.hinge.title"]
    assert result(at) == pytest.approx(1.275)
    assert at.text_area(key="tutorial.edits.hinge.y_pred").value == edited
    assert at.query_params["chapter"] == "hinge" and at.query_params["lang"] == "zh"
    # The explainer's lesson is not the tutorial's: still Keras' seed, 1.3.
    assert lesson.DEFAULTS["y_pred"] == at.session_state["lesson"]["y_pred"]

    # Sample 0's 0.4 -> 0.9: terms 1.6 and 0.1, (1.6 + 0.1) / 2 = 0.85; (0.85 + 1.45) / 2 = 1.15.
    again = "[[0.6, 0.9], [0.4, 0.5]]"
    at.text_area(key="tutorial.edits.hinge.y_pred").input(again).run()
    assert_clean(at)
    assert result(at) == pytest.approx(1.15)
    assert at.query_params["y_pred"] == again
    assert "y_true" not in at.query_params  # only what differs from the chapter's own numbers

    # Another chapter and back: the edit is kept, and the link is only the chapter's.
    at.button(key="tutorial.next").click().run()
    assert "y_pred" not in at.query_params
    at.button(key="tutorial.previous").click().run()
    assert result(at) == pytest.approx(1.15)
    shared = dict(at.query_params)
    assert shared == {"chapter": "hinge", "y_pred": again, "lang": "zh"}
    reopened = open_tutorial(shared, "zh")
    assert result(reopened) == pytest.approx(1.15)


@pytest.mark.parametrize("query", [
    {"chapter": "nope"},
    {"chapter": "hinge", "y_pred": "[[0.6, 0.4], [0.4"},
])
def test_a_bad_link_value_is_named_and_the_default_used(query):
    at = open_tutorial(query)
    (problem,) = link_problems(at)
    name = "chapter" if query["chapter"] == "nope" else "y_pred"
    assert name in problem
    chapter = "batch" if name == "chapter" else "hinge"
    assert at.header[0].value == i18n.TEXT["en"][f"tutorial.{chapter}.title"]
    assert result(at) == pytest.approx(1.3)  # the chapter's own numbers: (1.1 + 1.5) / 2
    assert at.query_params["chapter"] == chapter and "y_pred" not in at.query_params


def test_the_check_question_grades_right_and_wrong_and_follows_the_edits():
    at = open_tutorial({"chapter": "batch"})
    guess(at, 1.5)  # sample 1: (1.4 + 1.6) / 2
    assert truth(at) == pytest.approx(1.5)
    assert verdicts(at) == [i18n.TEXT["en"]["quiz.verdict.exact"]]
    guess(at, 3.0)
    assert verdicts(at) == [i18n.TEXT["en"]["quiz.verdict.off"]]
    # Sample 1's y_pred -> [0.4, 0.5]: (1.4 + 1.5) / 2 = 1.45; the answer follows the edit.
    at.text_area(key="tutorial.edits.batch.y_pred").input("[[0.6, 0.4], [0.4, 0.5]]").run()
    assert not at.metric[1:] or truth(at) == pytest.approx(1.45)
    guess(at, 1.45)
    assert truth(at) == pytest.approx(1.45)
    assert verdicts(at) == [i18n.TEXT["en"]["quiz.verdict.exact"]]


@pytest.mark.parametrize("chapter", tutorial.IDS)
def test_every_check_question_has_its_answer(chapter):
    at = open_tutorial({"chapter": chapter})
    guess(at, ANSWER[chapter])
    # Shown to 4 significant digits, as the trace shows every number.
    assert truth(at) == float(losses.fmt(ANSWER[chapter]))
    assert verdicts(at) == [i18n.TEXT["en"]["quiz.verdict.exact"]]


@pytest.mark.parametrize("typed", ["[[0.6, 0.4], [0.4", "[[1, 2, 3]]", "<b>www.x.test</b>"])
def test_a_bad_typed_input_shows_its_error_and_the_page_stays_up(typed):
    at = open_tutorial({"chapter": "hinge"})
    at.text_area(key="tutorial.edits.hinge.y_pred").input(typed).run()
    assert_clean(at)
    (error,) = at.error
    assert "www.x.test" not in error.value or "\\<b\\>" in error.value
    assert not [m for m in at.metric]  # no number from numbers that do not compute
    assert at.header[0].value == i18n.TEXT["en"]["tutorial.hinge.title"]
    # Next still works; back, the bad text is still there to fix.
    at.button(key="tutorial.next").click().run()
    assert_clean(at)
    assert result(at) == pytest.approx(0.0)
    at.button(key="tutorial.previous").click().run()
    assert at.text_area(key="tutorial.edits.hinge.y_pred").value == typed
    at.text_area(key="tutorial.edits.hinge.y_pred").input("[[0.6, 0.4], [0.4, 0.6]]").run()
    assert result(at) == pytest.approx(1.3)


def test_open_in_the_explainer_takes_the_chapters_numbers():
    # Keras' CategoricalCrossentropy docs: (0.0513 + 2.303) / 2 = 1.177.
    at = open_tutorial({"chapter": "cross_entropy"})
    at.button(key="tutorial.open_explainer").click().run()
    assert_clean(at)
    assert at.title[0].value == i18n.TEXT["en"]["app.title"]
    assert at.session_state["lesson"]["loss"] == "categorical_crossentropy"
    assert float(at.metric[0].value) == pytest.approx(1.177, abs=1e-3)


def test_see_its_curve_opens_the_curves_page_on_the_chapters_loss():
    at = open_tutorial({"chapter": "regression"})
    at.button(key="tutorial.open_curve").click().run()
    assert_clean(at)
    assert at.title[0].value == i18n.TEXT["en"]["curves.title"]
    assert at.session_state["lesson"]["loss"] == "mean_squared_error"


def test_a_tutorial_link_names_each_setting_it_ignores():
    # A chapter has its own loss and settings: a course page's loss, sample_weight or delta in a
    # tutorial link is reported by name, and the chapter's own numbers still compute.
    at = open_tutorial({"chapter": "weights", "loss": "huber", "sample_weight": "[1, 1]",
                        "delta": "2"})
    problems = link_problems(at)
    for name in ("loss", "sample_weight", "delta"):
        assert any(f"its {name} was ignored" in p for p in problems), (name, problems)
    assert result(at) == pytest.approx(RESULT["weights"], abs=1e-3)
