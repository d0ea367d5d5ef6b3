"""The quiz's questions and how a guess is judged. Plain data and numpy: no Streamlit here.

A question names a lesson (loss, framework, inputs as the text a learner would type, parameters,
reduction) and what is asked: ``"value"``, the reduced loss, or ``"sample:<i>"``, the i-th
per-sample loss in the order the trace lists them. The correct answer is never stored: it is
``compute(...)`` of the lesson, so a question and its explanation can never disagree. A question's
title, hint and explanation live in the i18n tables under ``quiz.q.<id>.*``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from losses.compute import DEFAULT_REDUCTIONS, compute
from losses.errors import LossInputError
from losses.parsing import parse_array
from losses.registry import get_spec
from losses.trace import Trace

VALUE = "value"
_SAMPLE = re.compile(r"sample:([0-9]{1,6})", re.ASCII)
# The page offers at most this many samples to ask about; a bigger batch is no quiz.
MAX_ASKABLE = 64
# The group the page files PyTorch questions under; Keras ones go under their loss's family.
PYTORCH_GROUP = "pytorch"


@dataclass(frozen=True)
class Question:
    id: str
    loss: str
    y_true: str
    y_pred: str
    ask: str = VALUE
    framework: str = "keras"
    sample_weight: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    reduction: str | None = None
    dtype: str = "float32"

    @property
    def group(self) -> str:
        return PYTORCH_GROUP if self.framework == "pytorch" else get_spec(self.loss, self.framework).family

    @property
    def hint_key(self) -> str:
        return f"quiz.q.{self.id}.hint"

    @property
    def explanation_key(self) -> str:
        return f"quiz.q.{self.id}.explain"

    @property
    def title_key(self) -> str:
        return f"quiz.q.{self.id}.title"

    def lesson(self) -> dict[str, Any]:
        """The question as the explainer's lesson (the shape ``ui.links.lesson_query`` reads)."""
        return {
            "framework": self.framework,
            "loss": self.loss,
            "y_true": self.y_true,
            "y_pred": self.y_pred,
            "sample_weight": self.sample_weight,
            "reduction": self.reduction or DEFAULT_REDUCTIONS[self.framework],
            "dtype": self.dtype,
            "params": dict(self.params),
        }


def from_lesson(lesson: dict[str, Any], ask: str = VALUE, *, id: str = "") -> Question:
    """A question on a lesson dict (``st.session_state["lesson"]`` or a link's)."""
    framework = lesson.get("framework") or "keras"
    return Question(
        id=id,
        loss=get_spec(lesson["loss"], framework).name,
        y_true=lesson["y_true"],
        y_pred=lesson["y_pred"],
        ask=ask,
        framework=framework,
        sample_weight=lesson.get("sample_weight") or "",
        params=dict(lesson.get("params") or {}),
        reduction=lesson.get("reduction") or DEFAULT_REDUCTIONS[framework],
        dtype=lesson.get("dtype") or "float32",
    )


def same_lesson(a: Question, b: Question) -> bool:
    """Whether two questions compute the same numbers (their ids and what they ask aside)."""
    def key(q: Question) -> tuple:
        spec = get_spec(q.loss, q.framework)
        params = {p.name: q.params.get(p.name, p.default) for p in spec.params}
        return (q.framework, spec.name, q.y_true.strip(), q.y_pred.strip(), q.sample_weight.strip(),
                q.reduction or DEFAULT_REDUCTIONS[q.framework], q.dtype, repr(sorted(params.items())))
    return key(a) == key(b)


def trace_of(question: Question) -> Trace:
    """The question's full trace; raises LossInputError for inputs the loss refuses."""
    def array(text: str, argument: str):
        return parse_array(text, argument=argument)

    weight = array(question.sample_weight, "sample_weight") if question.sample_weight.strip() else None
    return compute(
        question.loss, array(question.y_true, "y_true"), array(question.y_pred, "y_pred"),
        sample_weight=weight, reduction=question.reduction or DEFAULT_REDUCTIONS[question.framework],
        dtype=question.dtype, framework=question.framework, **question.params,
    )


def sample_count(trace: Trace) -> int:
    return int(np.asarray(trace.per_sample).size)


def sample_index(trace: Trace, i: int) -> tuple[int, ...]:
    """The i-th per-sample loss's index, as the trace's arithmetic lines name it."""
    shape = np.shape(trace.per_sample)
    return tuple(int(k) for k in np.unravel_index(i, shape)) if shape else ()


def asks(trace: Trace) -> list[str]:
    """What can be asked of this trace: the value when it is one number, then each sample."""
    options = [VALUE] if np.ndim(trace.value) == 0 else []
    count = min(sample_count(trace), MAX_ASKABLE)
    if count > 1 or not options:
        options += [f"sample:{i}" for i in range(count)]
    return options


def parse_ask(text: str, trace: Trace) -> str | None:
    """``text`` as an ask this trace can answer, or None (not ``value``/``sample:i``, or i out of
    range, or ``value`` of an unreduced loss)."""
    text = str(text).strip()
    if text == VALUE:
        return VALUE if np.ndim(trace.value) == 0 else None
    match = _SAMPLE.fullmatch(text)
    if match and int(match[1]) < sample_count(trace):
        return f"sample:{int(match[1])}"
    return None


def looks_like_sample(text: str) -> bool:
    """``sample:<i>`` in form, whatever the batch (which a question's trace knows)."""
    return _SAMPLE.fullmatch(str(text).strip()) is not None


def answer(trace: Trace, ask: str) -> float:
    """The number ``ask`` asks for, read off the trace."""
    if ask == VALUE:
        if np.ndim(trace.value) != 0:
            raise LossInputError("An unreduced loss has no single value to guess.", key="quiz.error.no_value")
        return float(trace.value)
    match = _SAMPLE.fullmatch(ask)
    if not match:
        raise LossInputError(f"Unknown question {ask[:24]!r}.", key="quiz.error.bad_ask")
    return float(np.asarray(trace.per_sample).ravel()[int(match[1])])


EXACT = "exact"
CLOSE = "close"
OFF = "off"
# A guess "has 3 significant digits right" when it is within half a unit of the true value's third
# significant digit (16.1 or 16.12 for 16.118). Near zero there are no significant digits to
# count: below this size the true value is judged as 0, with absolute tolerances.
ZERO = 1e-6
ZERO_EXACT = 5e-4
ZERO_CLOSE = 0.05
CLOSE_RELATIVE = 0.10


@dataclass(frozen=True)
class Grade:
    verdict: str
    absolute: float
    relative: float | None  # None when the true value is (about) zero


def grade(guess: float, truth: float) -> Grade:
    """How close ``guess`` is to ``truth``: exact to 3 significant digits, within 10%, or off."""
    if not (math.isfinite(guess) and math.isfinite(truth)):
        return Grade(OFF, math.inf, None)
    absolute = abs(guess - truth)
    if abs(truth) < ZERO:
        verdict = EXACT if absolute <= ZERO_EXACT else CLOSE if absolute <= ZERO_CLOSE else OFF
        return Grade(verdict, absolute, None)
    relative = absolute / abs(truth)
    third_digit = 10.0 ** (math.floor(math.log10(abs(truth))) - 2)
    if absolute <= third_digit / 2 * (1 + 1e-9):
        verdict = EXACT
    elif relative <= CLOSE_RELATIVE:
        verdict = CLOSE
    else:
        verdict = OFF
    return Grade(verdict, absolute, relative)


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


def next_id(current: str | None) -> str:
    """The built-in question after ``current`` (the first after the last, or after a custom one)."""
    ids = [q.id for q in QUESTIONS]
    if current not in BY_ID:
        return ids[0]
    return ids[(ids.index(current) + 1) % len(ids)]
