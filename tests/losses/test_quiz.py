"""The quiz's machinery (losses/quiz.py): a question's lesson and answer, what can be asked, and
how a guess is graded. The built-in questions are content: tests/ui/test_content_quiz.py.
"""

from __future__ import annotations

import math

import pytest

import losses
from losses import quiz

HINGE_SEED = quiz.Question("hinge_seed", "hinge", "[[0, 1], [0, 0]]", "[[0.6, 0.4], [0.4, 0.6]]")
HINGE_ZERO_WEIGHT = quiz.Question("hinge_zero_weight", "hinge", "[[0, 1], [0, 0]]",
                                  "[[0.6, 0.4], [0.4, 0.6]]", sample_weight="[1, 0]")


def test_a_question_is_its_lesson():
    question = HINGE_ZERO_WEIGHT
    again = quiz.from_lesson(question.lesson(), ask=question.ask)
    assert quiz.same_lesson(question, again)
    changed = quiz.from_lesson(dict(question.lesson(), sample_weight="[0, 1]"))
    assert not quiz.same_lesson(question, changed)


@pytest.mark.parametrize("text", ["", "values", "sample:", "sample:-1", "sample:2", "sample:1e3",
                                  "sample:0x1", "<b>value</b>", "sample:٣", "value; drop", "x" * 10_000])
def test_hostile_asks_are_refused(text):
    trace = quiz.trace_of(HINGE_SEED)  # two samples
    assert quiz.parse_ask(text, trace) is None


def test_asks_of_an_unreduced_loss_are_samples_only():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], reduction="none")
    assert quiz.asks(trace) == ["sample:0", "sample:1"]
    assert quiz.parse_ask("value", trace) is None
    with pytest.raises(losses.LossInputError) as error:
        quiz.answer(trace, "value")
    assert (error.value.key, error.value.argument) == ("quiz.error.no_value", "ask")
    with pytest.raises(losses.LossInputError) as error:
        quiz.answer(trace, "sample:x")
    assert (error.value.key, error.value.argument) == ("quiz.error.bad_ask", "ask")
    assert quiz.answer(trace, "sample:1") == pytest.approx(1.5)  # Keras docs: rows cost 1.1 and 1.5


@pytest.mark.parametrize(("guess", "truth", "verdict"), [
    (16.1, 16.118, quiz.EXACT),    # within half a unit of the third digit (0.05)
    (16.15, 16.118, quiz.EXACT),
    (16.2, 16.118, quiz.CLOSE),    # 0.5% off
    (14.6, 16.118, quiz.CLOSE),    # 9.4% off
    (14.4, 16.118, quiz.OFF),      # 10.7% off
    (0.55, 0.550000011920929, quiz.EXACT),
    (1.1, 0.55, quiz.OFF),
    (-0.5, -0.525, quiz.CLOSE),
    (0.0, 0.0, quiz.EXACT),
    (0.0004, -0.0, quiz.EXACT),
    (0.03, 0.0, quiz.CLOSE),
    (1.0, 0.0, quiz.OFF),
    (float("nan"), 1.0, quiz.OFF),
])
def test_grade(guess, truth, verdict):
    grade = quiz.grade(guess, truth)
    assert grade.verdict == verdict
    if math.isfinite(guess) and truth:
        assert grade.absolute == pytest.approx(abs(guess - truth))
        assert grade.relative == pytest.approx(abs(guess - truth) / abs(truth))
    if truth == 0:
        assert grade.relative is None


def test_a_lesson_question_answers_from_its_trace():
    trace = quiz.trace_of(HINGE_ZERO_WEIGHT)
    # Keras docs: rows cost 1.1 and 1.5; weights 1 and 0 over 2 samples give 0.55.
    assert quiz.answer(trace, quiz.VALUE) == pytest.approx(0.55)
    assert quiz.answer(trace, "sample:1") == pytest.approx(1.5)
    assert quiz.from_lesson(HINGE_SEED.lesson()).group == "margin"
    assert quiz.from_lesson(dict(HINGE_SEED.lesson(), loss="MSELoss", framework="pytorch")).group == "pytorch"
