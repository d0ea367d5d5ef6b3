"""The quiz's machinery: what a question is, its answer, and how a guess is judged. Plain data
and numpy: no Streamlit here.

A question names a lesson (loss, framework, inputs as the text a learner would type, parameters,
reduction) and what is asked: ``"value"``, the reduced loss, or ``"sample:<i>"``, the i-th
per-sample loss in the order the trace lists them. The correct answer is never stored: it is
``compute(...)`` of the lesson, so a question and its explanation can never disagree. The
built-in questions and their title, hint and explanation are lesson content:
``ui/content/quiz.py``, with their text in the catalogs under ``quiz.q.<id>.*``.
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
_GRADIENT = re.compile(r"gradient:(\d{1,6})")
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
            raise LossInputError("quiz.error.no_value", argument="ask")
        return float(trace.value)
    gradient = _GRADIENT.fullmatch(ask) if isinstance(ask, str) else None
    if gradient and trace.gradient is not None and int(gradient[1]) < np.size(trace.gradient):
        # The gradient of the i-th prediction (row-major), as the gradient table lists them.
        return float(np.asarray(trace.gradient).ravel()[int(gradient[1])])
    match = _SAMPLE.fullmatch(ask) if isinstance(ask, str) else None
    if not match:
        raise LossInputError("quiz.error.bad_ask", argument="ask", value=str(ask)[:24])
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
