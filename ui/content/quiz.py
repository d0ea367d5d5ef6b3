"""The quiz's built-in questions: lesson content, with their title, hint and explanation as
messages (``quiz.q.<id>.title`` / ``.hint`` / ``.explain`` in the catalogs).

The machinery (``Question``, ``trace_of``, ``answer``, ``grade``, ...) is ``losses.quiz``'s and is
re-exported here, so a page needs one import: ``from ui.content import quiz``.
"""

from __future__ import annotations

import dataclasses
import math

from losses.messages import Message
from losses.quiz import (  # noqa: F401  (re-exported for the quiz page)
    CLOSE,
    EXACT,
    MAX_ASKABLE,
    OFF,
    PYTORCH_GROUP,
    VALUE,
    Grade,
    Question,
    answer,
    asks,
    from_lesson,
    grade,
    looks_like_sample,
    parse_ask,
    same_lesson,
    sample_count,
    sample_index,
    trace_of,
)

HINGE_TRUE = "[[0, 1], [0, 0]]"
HINGE_PRED = "[[0.6, 0.4], [0.4, 0.6]]"
SEED_PROBS = "[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]"

# The surprising cases of issue 5, a few per family, then PyTorch against Keras. Each one's
# expected answer is checked in tests/losses/test_quiz.py against a golden or hand arithmetic.
QUESTIONS: tuple[Question, ...] = (
    Question("mse_outlier", "mean_squared_error", "[[1, 2], [3, 4]]", "[[1.5, 2], [2, 7]]"),
    Question("huber_quadratic", "huber", HINGE_TRUE, HINGE_PRED, ask="sample:0"),
    Question("cce_confident_wrong", "categorical_crossentropy", "[[1, 0, 0], [0, 1, 0]]",
             "[[0, 1, 0], [0, 1, 0]]", ask="sample:0"),
    Question("cce_unnormalised", "categorical_crossentropy", "[[0, 1, 0], [0, 0, 1], [1, 0, 0]]",
             "[[1, 2, 1], [0.5, 0.5, 3], [0.1, 0.1, 0.1]]", ask="sample:0"),
    Question("hinge_seed", "hinge", HINGE_TRUE, HINGE_PRED),
    Question("hinge_minus_one", "hinge", "[[0, 1], [0, 0], [-1, 1]]",
             "[[0.6, 0.4], [0.4, 0.6], [-0.5, 2]]", ask="sample:0"),
    Question("hinge_zero_weight", "hinge", HINGE_TRUE, HINGE_PRED, sample_weight="[1, 0]"),
    Question("cosine_same_direction", "cosine_similarity", "[[0, 1], [1, 1], [1, 1]]",
             "[[1, 0], [1, 1], [-1, -1]]", ask="sample:1", params={"axis": 1}),
    Question("dice_whole_batch", "dice", "[[1, 0, 1], [1, 1, 0], [0, 0, 1]]",
             "[[0.9, 0.2, 0.6], [0.5, 0.7, 0.1], [0.1, 0.3, 0.4]]"),
    Question("ctc_uniform", "ctc", "[[1, 2]]", "[[[0, 0, 0], [0, 0, 0], [0, 0, 0]]]"),
    Question("ctc_too_short", "ctc", "[[1, 2, 1]]", "[[[0, 1, 0], [0, 0, 1]]]"),
    Question("torch_bce_clamp", "BCELoss", "[[1], [0], [1], [0]]", "[[0], [1], [1], [0]]",
             framework="pytorch"),
    Question("torch_ce_probabilities", "CrossEntropyLoss", "[1, 2]", SEED_PROBS, framework="pytorch"),
    Question("torch_nll_probabilities", "NLLLoss", "[1, 2]", SEED_PROBS, framework="pytorch"),
)
BY_ID = {question.id: question for question in QUESTIONS}
GROUPS = ("regression", "probabilistic", "margin", "similarity", "sequence", PYTORCH_GROUP)

# The PyTorch questions whose explanation quotes what Keras gives for the same numbers: the
# Keras loss, computed when the explanation is asked for.
KERAS_SIDE = {
    "torch_bce_clamp": "binary_crossentropy",
    "torch_ce_probabilities": "sparse_categorical_crossentropy",
}


def next_id(current: str | None) -> str:
    """The built-in question after ``current`` (the first after the last, or after a custom one)."""
    ids = [q.id for q in QUESTIONS]
    if current not in BY_ID:
        return ids[0]
    return ids[(ids.index(current) + 1) % len(ids)]


def title(question: Question) -> Message:
    return Message(f"quiz.q.{question.id}.title")


def hint(question: Question) -> Message:
    return Message(f"quiz.q.{question.id}.hint")


def explanation(question: Question) -> Message:
    """Why the answer is what it is; the numbers it quotes are computed, never typed in."""
    key = f"quiz.q.{question.id}.explain"
    if question.id not in KERAS_SIDE:
        return Message(key)
    trace = trace_of(question)
    keras = trace_of(dataclasses.replace(question, loss=KERAS_SIDE[question.id], framework="keras",
                                         reduction=None))
    params = {"value": float(trace.value), "keras_value": float(keras.value)}
    if question.id == "torch_ce_probabilities":
        first = float(trace.per_sample[0])
        # The loss of a sample is -log of the probability softmax gives its true class.
        params.update(first=first, probability=math.exp(-first))
    return Message(key, params)
