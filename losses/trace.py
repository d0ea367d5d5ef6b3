"""What a computation shows a learner: ordered steps, notes, and the arithmetic of each sample.

A loss function receives a :class:`Recorder`, does its numpy work through it, and returns a
:class:`LossOutput`. ``losses.compute`` adds weighting and reduction and freezes everything into a
:class:`Trace`. Because the recorded arrays *are* the computation, the explanation and the number
cannot disagree.

Nothing here is a sentence: titles and notes are :class:`~losses.messages.Message` (a key and raw
parameters), formulas and worked examples are :class:`~losses.messages.Formula` (a template and
the learner's numbers). The page renders both in its language with one formatting rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

from losses.messages import Formula, Message, formula as latex_formula
from losses.numbers import DEFAULT_DIGITS

ARITHMETIC_ROWS = 8
"""Only the first rows get worked arithmetic, so a huge batch costs what numpy costs."""


@dataclass(frozen=True)
class Step:
    """One transformation of the pipeline, in the order the framework applies it.

    ``formula`` is the symbolic LaTeX; ``example`` the same formula with the learner's numbers
    substituted for one element (None when there is nothing to substitute). ``changed`` marks
    elements this step altered (clipped, converted), so the UI can highlight them.
    """

    key: str
    title: Message
    formula: Formula
    array: np.ndarray
    example: Formula | None = None
    changed: np.ndarray | None = None
    example_at: tuple[int, ...] | None = None
    """The element the worked example is for (its result is that element of ``array``), so the
    page can say which one; None when it is not one element of the array."""


def example_position(array: np.ndarray, example: Formula | None) -> tuple[int, ...] | None:
    """Where in ``array`` the worked example's result (its last number) sits: the first element
    equal to it, or None when the example is not about one element of the array."""
    if example is None or not example.args:
        return None
    result = example.args[-1]
    values = np.asarray(array)
    if values.ndim == 0 or values.size == 0 or not isinstance(result, (int, float, np.number)):
        return None
    if not np.issubdtype(values.dtype, np.number):
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        cast = values.dtype.type(result)
        first = (0,) * values.ndim
        # The first element is by far the usual case: checked before the whole array is.
        if values[first] == cast or (np.isnan(cast) and np.isnan(values[first])):
            return first
        hits = np.isnan(values) if np.isnan(cast) else values == cast
    if not hits.any():
        return None
    return tuple(int(i) for i in np.unravel_index(int(np.argmax(hits)), values.shape))


@dataclass(frozen=True)
class Note:
    """Something surprising about this computation; ``level`` is "info" or "warning"."""

    message: Message
    level: str = "info"

    @property
    def key(self) -> str:
        return self.message.key

    @property
    def params(self):
        return self.message.params


@dataclass(frozen=True)
class SampleArithmetic:
    """How one sample's loss comes from its terms: ``(1.6 + 0.6) / 2 = 1.1``."""

    index: tuple[int, ...]
    formula: Formula
    value: float


@dataclass(frozen=True)
class Trace:
    """Everything a page shows about one loss computation. Plain data only."""

    name: str
    framework: str
    params: Mapping[str, Any]
    reduction: str
    dtype: str
    y_true: np.ndarray
    y_pred: np.ndarray
    sample_weight: np.ndarray | None
    terms: np.ndarray
    per_sample: np.ndarray
    weighted: np.ndarray
    value: float | np.ndarray
    steps: tuple[Step, ...]
    notes: tuple[Note, ...]
    sample_arithmetic: tuple[SampleArithmetic, ...]
    samples_not_shown: int
    reduction_arithmetic: Formula
    digits: int = DEFAULT_DIGITS
    gradient: np.ndarray | None = None
    """dL/dy_pred, shaped like y_pred (of the sum of the output for reduction "none"); empty
    for an empty batch, None for a loss without a backward pass yet."""
    gradient_steps: tuple[Step, ...] = ()
    gradient_notes: tuple[Note, ...] = ()

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(f"no step {key!r}; steps are {[s.key for s in self.steps]}")

    def has_note(self, key: str) -> bool:
        return any(note.key == key for note in self.notes)

    def has_gradient_note(self, key: str) -> bool:
        return any(note.key == key for note in self.gradient_notes)


@dataclass
class LossOutput:
    """What a loss function returns before weighting and reduction.

    ``aggregation`` says how ``terms`` become ``per_sample`` along ``axis``: "mean", "sum",
    "neg_sum" (cosine similarity), or "custom", in which case ``arithmetic(index)`` gives the
    sample's arithmetic itself, as a text Formula. ``mask`` is Keras' mask on the per-sample
    losses (``ignore_class``), merged into the sample weights as Keras does. ``mean_weights`` is
    PyTorch's divisor for "mean" in NLLLoss and CrossEntropyLoss: the class weight of each
    target, 0 where ignored; "mean" divides by their sum. When None, "mean" divides by the
    number of elements.

    ``backward(rec, upstream)`` is the loss's own part of the gradient (losses/gradient.py): given
    dL/dterms (dL/dper_sample when ``aggregation`` is "custom"), it returns dL/dy_pred for the
    y_pred the loss function received, recording its steps and notes on ``rec``.
    """

    per_sample: np.ndarray
    terms: np.ndarray
    aggregation: str = "mean"
    axis: int | None = -1
    arithmetic: Callable[[tuple[int, ...]], Formula] | None = None
    mask: np.ndarray | None = None
    mean_weights: np.ndarray | None = None
    backward: Callable[["Recorder", np.ndarray], np.ndarray] | None = None


def elementwise_output(terms: np.ndarray, arithmetic, backward=None) -> LossOutput:
    """PyTorch's unreduced output of an elementwise loss: the terms themselves, one loss per element."""
    return LossOutput(terms, terms, aggregation="custom", axis=None, arithmetic=arithmetic, backward=backward)


class Recorder:
    """Collects steps and notes while a loss computes."""

    def __init__(self, dtype: np.dtype, digits: int = DEFAULT_DIGITS) -> None:
        self.dtype = np.dtype(dtype)
        self.digits = digits
        self.steps: list[Step] = []
        self.notes: list[Note] = []

    def step(
        self,
        key: str,
        title: Message | str,
        formula: Formula | str,
        array: np.ndarray,
        *,
        example: Formula | None = None,
        changed: np.ndarray | None = None,
    ) -> np.ndarray:
        """Record a step; ``title`` is a Message or a bare message key."""
        if changed is not None and not np.any(changed):
            changed = None
        if isinstance(title, str):
            title = Message(title)
        if isinstance(formula, str):
            formula = latex_formula(formula)
        values = np.asarray(array)
        self.steps.append(Step(key, title, formula, values, example, changed,
                               example_position(values, example)))
        return array

    def note(self, key: str, *, level: str = "info", **params: Any) -> None:
        self.notes.append(Note(Message(key, params), level))


def first_index(array: np.ndarray) -> tuple[int, ...]:
    """The element a step's worked example substitutes: the first one."""
    return (0,) * np.ndim(array)


def sample_indices(shape: tuple[int, ...], limit: int = ARITHMETIC_ROWS) -> list[tuple[int, ...]]:
    """The first ``limit`` sample positions of a per-sample array, in row-major order."""
    count = int(np.prod(shape)) if shape else 1
    return [np.unravel_index(i, shape) if shape else () for i in range(min(count, limit))]
