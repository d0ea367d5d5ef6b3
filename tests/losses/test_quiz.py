"""The quiz's built-in questions and its grading (losses/quiz.py).

Every question's answer is checked against a number real Keras 3.15.1 or torch 2.13.0 wrote
(tests/goldens/*.json, whose cases also give the same inputs), or against arithmetic written out
here. ``EXPECTED`` is also what the app tests type in as the correct guess.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import losses
from losses import quiz
from ui.i18n import TEXT

GOLDENS = Path(__file__).resolve().parents[1] / "goldens"
KERAS = {case["id"]: case for case in json.loads((GOLDENS / "keras.json").read_text())["cases"]}
TORCH = {case["id"]: case for case in json.loads((GOLDENS / "torch.json").read_text())["cases"]}

# question id -> (golden file, case id, "value" or the index into the case's per_sample)
FROM_GOLDENS = {
    "huber_quadratic": (KERAS, "docs/huber", 0),
    "cce_confident_wrong": (KERAS, "categorical_crossentropy/p=0,1/float32", 0),
    "cce_unnormalised": (KERAS, "categorical_crossentropy/unnormalised", 0),
    "hinge_seed": (KERAS, "seed/hinge", "value"),
    "hinge_minus_one": (KERAS, "hinge/labels_mixed_minus1", 0),
    "hinge_zero_weight": (KERAS, "seed/hinge/w=[1,0]", "value"),
    "cosine_same_direction": (KERAS, "seed/cosine_similarity", 1),
    "dice_whole_batch": (KERAS, "dice/default", "value"),
    # One sample, so the mean over the batch is that sample's loss.
    "ctc_uniform": (KERAS, "ctc/uniform_logits", 0),
    "ctc_too_short": (KERAS, "ctc/infeasible", 0),
    "torch_bce_clamp": (TORCH, "BCELoss/p=0,1/mean", "value"),
    "torch_ce_probabilities": (TORCH, "CrossEntropyLoss/seed/mean", "value"),
    "torch_nll_probabilities": (TORCH, "NLLLoss/not_log_probabilities", None),
}
BY_HAND = {
    # rows cost (0.5² + 0²) / 2 and (1² + 3²) / 2
    "mse_outlier": ((0.25 + 0) / 2 + (1 + 9) / 2) / 2,
    "huber_quadratic": 0.5 * 0.6**2,
    "cce_confident_wrong": -math.log(1e-7),
    "cce_unnormalised": -math.log(2 / 4),
    "hinge_seed": ((1.6 + 0.6) / 2 + (1.4 + 1.6) / 2) / 2,
    # the 0 label stays 0 and costs 1; the 1 label costs 1 - 0.4
    "hinge_minus_one": (1 + (1 - 0.4)) / 2,
    "hinge_zero_weight": (1.1 * 1 + 1.5 * 0) / 2,
    "cosine_same_direction": -1.0,
    # overlap 0.9 + 0.6 + 0.5 + 0.7 + 0.4; sizes 5 and 3.8
    "dice_whole_batch": 1 - 2 * 3.1 / (5 + 3.8),
    # 5 of the 27 equally likely 3-step paths spell "1 2": 112, 122, _12, 1_2, 12_
    "ctc_uniform": -math.log(5 / 27),
    # -log 0 clamped to 100 twice, 0 twice
    "torch_bce_clamp": (100 + 100 + 0 + 0) / 4,
    # NLLLoss negates the true class's entry: 0.95 of row 0, 0.1 of row 1
    "torch_nll_probabilities": -(0.95 + 0.1) / 2,
}


def _golden_answer(question_id: str) -> float | None:
    if question_id not in FROM_GOLDENS:
        return None
    cases, case_id, where = FROM_GOLDENS[question_id]
    case = cases[case_id]
    if where is None:
        return None
    return float(case["value"]) if where == "value" else float(np.ravel(case["per_sample"])[where])


EXPECTED = {q.id: _golden_answer(q.id) if _golden_answer(q.id) is not None else BY_HAND[q.id]
            for q in quiz.QUESTIONS}


def test_every_question_has_an_expected_answer_from_outside_loss_lab():
    assert set(EXPECTED) == {q.id for q in quiz.QUESTIONS}
    assert all(q.id in FROM_GOLDENS or q.id in BY_HAND for q in quiz.QUESTIONS)


@pytest.mark.parametrize("question", quiz.QUESTIONS, ids=lambda q: q.id)
def test_answer_matches_the_golden_or_the_hand_arithmetic(question):
    trace = quiz.trace_of(question)
    got = quiz.answer(trace, question.ask)
    if question.id in FROM_GOLDENS and _golden_answer(question.id) is not None:
        assert got == pytest.approx(_golden_answer(question.id), rel=1e-6, abs=1e-6)
    if question.id in BY_HAND:
        assert got == pytest.approx(BY_HAND[question.id], rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("question_id", sorted(FROM_GOLDENS), ids=str)
def test_golden_case_has_the_questions_inputs(question_id):
    question = quiz.BY_ID[question_id]
    cases, case_id, _ = FROM_GOLDENS[question_id]
    case = cases[case_id]
    assert case["loss"] == question.loss
    for name in ("y_true", "y_pred"):
        np.testing.assert_allclose(losses.parse_array(getattr(question, name), argument=name),
                                   np.asarray(case[name], dtype=np.float64))
    weight = case["sample_weight"]
    if question.sample_weight:
        np.testing.assert_allclose(losses.parse_array(question.sample_weight, argument="sample_weight"), weight)
    else:
        assert weight is None
    assert {k: v for k, v in question.params.items()} == case["params"]


def test_pytorch_explanations_quote_keras_numbers_from_the_goldens():
    # "Keras ... gives about 8.0 for the same numbers"
    keras_bce = np.mean(KERAS["binary_crossentropy/p=0,1/float32"]["per_sample"])
    assert keras_bce == pytest.approx(8.0, abs=0.05)
    assert "8.0" in TEXT["en"]["quiz.q.torch_bce_clamp.explain"]
    # "Keras' sparse categorical cross-entropy ... gives 1.177"
    assert KERAS["seed/sparse_categorical_crossentropy"]["value"] == pytest.approx(1.177, abs=5e-4)
    assert "1.177" in TEXT["en"]["quiz.q.torch_ce_probabilities.explain"]


def test_at_least_two_questions_per_family_and_for_pytorch():
    groups = [q.group for q in quiz.QUESTIONS]
    for group in quiz.GROUPS:
        assert groups.count(group) >= 2, group
    assert [q for q in quiz.QUESTIONS if q.framework == "pytorch"]


def test_every_question_has_its_text_and_an_askable_ask():
    english = TEXT["en"]
    for question in quiz.QUESTIONS:
        for key in (question.title_key, question.hint_key, question.explanation_key):
            assert english.get(key), key
        trace = quiz.trace_of(question)
        assert question.ask in quiz.asks(trace)
        assert quiz.parse_ask(question.ask, trace) == question.ask


def test_question_ids_are_unique_and_next_cycles_through_all():
    ids = [q.id for q in quiz.QUESTIONS]
    assert len(ids) == len(set(ids))
    seen, current = [], None
    for _ in ids:
        current = quiz.next_id(current)
        seen.append(current)
    assert seen == ids
    assert quiz.next_id(ids[-1]) == ids[0]
    assert quiz.next_id("not-a-question") == ids[0]


def test_a_question_is_its_lesson():
    question = quiz.BY_ID["hinge_zero_weight"]
    again = quiz.from_lesson(question.lesson(), ask=question.ask)
    assert quiz.same_lesson(question, again)
    changed = quiz.from_lesson(dict(question.lesson(), sample_weight="[0, 1]"))
    assert not quiz.same_lesson(question, changed)


@pytest.mark.parametrize("text", ["", "values", "sample:", "sample:-1", "sample:2", "sample:1e3",
                                  "sample:0x1", "<b>value</b>", "sample:٣", "value; drop", "x" * 10_000])
def test_hostile_asks_are_refused(text):
    trace = quiz.trace_of(quiz.BY_ID["hinge_seed"])  # two samples
    assert quiz.parse_ask(text, trace) is None


def test_asks_of_an_unreduced_loss_are_samples_only():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], reduction="none")
    assert quiz.asks(trace) == ["sample:0", "sample:1"]
    assert quiz.parse_ask("value", trace) is None
    with pytest.raises(losses.LossInputError):
        quiz.answer(trace, "value")
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
