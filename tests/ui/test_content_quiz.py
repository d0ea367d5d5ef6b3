"""The quiz's built-in questions (ui/content/quiz.py): answers, texts, groups.

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
from losses.catalog import CATALOGS, render
from ui.content import quiz

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


def test_pytorch_explanations_quote_keras_numbers_computed_as_the_goldens_say():
    # "Keras ... gives 8.015 for the same numbers": keras.json "binary_crossentropy/p=0,1/float32".
    bce = quiz.explanation(quiz.BY_ID["torch_bce_clamp"])
    keras_bce = np.mean(KERAS["binary_crossentropy/p=0,1/float32"]["per_sample"])
    assert bce.params["keras_value"] == pytest.approx(keras_bce, rel=1e-6)
    assert bce.params["value"] == pytest.approx(EXPECTED["torch_bce_clamp"])
    assert "gives 8.015 for the same numbers" in render(bce)
    assert "给出 8.015" in render(bce, "zh")
    # "softmax gives the true class only 0.5577, so the loss is 0.5841 for sample 0 and 0.9869 on
    # average; Keras' sparse categorical cross-entropy ... gives 1.177": torch.json
    # "CrossEntropyLoss/seed/none" and keras.json "seed/sparse_categorical_crossentropy".
    ce = quiz.explanation(quiz.BY_ID["torch_ce_probabilities"])
    first = TORCH["CrossEntropyLoss/seed/none"]["per_sample"][0]
    assert ce.params["first"] == pytest.approx(first, rel=1e-6)
    assert ce.params["probability"] == pytest.approx(math.exp(0.95) / (math.exp(0.05) + math.exp(0.95) + 1),
                                                     rel=1e-6)
    assert ce.params["value"] == pytest.approx(EXPECTED["torch_ce_probabilities"], rel=1e-6)
    assert ce.params["keras_value"] == pytest.approx(KERAS["seed/sparse_categorical_crossentropy"]["value"],
                                                     rel=1e-6)
    assert "0.5841 for sample 0 and 0.9869 on average" in render(ce) and "gives 1.177." in render(ce)


def test_at_least_two_questions_per_family_and_for_pytorch():
    groups = [q.group for q in quiz.QUESTIONS]
    for group in quiz.GROUPS:
        assert groups.count(group) >= 2, group
    assert [q for q in quiz.QUESTIONS if q.framework == "pytorch"]


def test_every_question_has_its_text_and_an_askable_ask():
    for question in quiz.QUESTIONS:
        for part, message in (("title", quiz.title(question)), ("hint", quiz.hint(question)),
                              ("explain", quiz.explanation(question))):
            assert message.key == f"quiz.q.{question.id}.{part}"
            for lang in CATALOGS:
                text = render(message, lang)
                assert text != message.key and "{" not in text, (message, lang, text)
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


