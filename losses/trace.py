"""What a computation shows a learner: ordered steps, notes, and the arithmetic of each sample.

A loss function receives a :class:`Recorder`, does its numpy work through it, and returns a
:class:`LossOutput`. ``losses.compute`` adds weighting and reduction and freezes everything into a
:class:`Trace`. Because the recorded arrays *are* the computation, the explanation and the number
cannot disagree.

Every step and note carries a stable ``key`` and ``params`` next to its English text, so the UI
can show the same thing in another language by looking the key up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

from losses.numbers import DEFAULT_DIGITS, fmt

ARITHMETIC_ROWS = 8
"""Only the first rows get arithmetic strings, so a huge batch costs what numpy costs."""


@dataclass(frozen=True)
class Step:
    """One transformation of the pipeline, in the order the framework applies it.

    ``formula`` is the symbolic LaTeX; ``latex`` is the same formula with the learner's numbers
    substituted for one element. ``changed`` marks elements this step altered (clipped, converted),
    so the UI can highlight them.
    """

    key: str
    title: str
    formula: str
    latex: str
    array: np.ndarray
    changed: np.ndarray | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Note:
    """Something surprising about this computation; ``level`` is "info" or "warning"."""

    key: str
    text: str
    level: str = "info"
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SampleArithmetic:
    """How one sample's loss comes from its terms: ``(1.6 + 0.6) / 2 = 1.1``."""

    index: tuple[int, ...]
    text: str
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
    reduction_arithmetic: str
    reduction_latex: str
    digits: int = DEFAULT_DIGITS

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(f"no step {key!r}; steps are {[s.key for s in self.steps]}")

    def has_note(self, key: str) -> bool:
        return any(note.key == key for note in self.notes)


@dataclass
class LossOutput:
    """What a loss function returns before weighting and reduction.

    ``aggregation`` says how ``terms`` become ``per_sample`` along ``axis``: "mean", "sum",
    "neg_sum" (cosine similarity), or "custom", in which case ``arithmetic(index)`` writes the
    sample's arithmetic itself. ``mask`` is Keras' mask on the per-sample losses
    (``ignore_class``), merged into the sample weights as Keras does. ``mean_weights`` is
    PyTorch's divisor for "mean" in NLLLoss and CrossEntropyLoss: the class weight of each
    target, 0 where ignored; "mean" divides by their sum. When None, "mean" divides by the
    number of elements.
    """

    per_sample: np.ndarray
    terms: np.ndarray
    aggregation: str = "mean"
    axis: int | None = -1
    arithmetic: Callable[[tuple[int, ...]], str] | None = None
    mask: np.ndarray | None = None
    mean_weights: np.ndarray | None = None


class Recorder:
    """Collects steps and notes while a loss computes; formats numbers at one precision."""

    def __init__(self, dtype: np.dtype, digits: int = DEFAULT_DIGITS) -> None:
        self.dtype = np.dtype(dtype)
        self.digits = digits
        self.steps: list[Step] = []
        self.notes: list[Note] = []

    def f(self, x: Any) -> str:
        return fmt(x, self.digits)

    def s(self, x: Any) -> str:
        """A number after an operator in LaTeX: negatives in parentheses."""
        text = fmt(x, self.digits)
        return f"({text})" if text.startswith("-") else text

    def step(
        self,
        key: str,
        title: str,
        formula: str,
        array: np.ndarray,
        *,
        example: str = "",
        changed: np.ndarray | None = None,
        **params: Any,
    ) -> np.ndarray:
        latex = f"{formula} \\quad\\Rightarrow\\quad {example}" if example else formula
        if changed is not None and not np.any(changed):
            changed = None
        self.steps.append(
            Step(key, title, formula, latex, np.asarray(array), changed, dict(params))
        )
        return array

    def note(self, key: str, text: str, *, level: str = "info", **params: Any) -> None:
        self.notes.append(Note(key, text, level, dict(params)))


def first_index(array: np.ndarray) -> tuple[int, ...]:
    """The element a step's worked example substitutes: the first one."""
    return (0,) * np.ndim(array)


def sample_indices(shape: tuple[int, ...], limit: int = ARITHMETIC_ROWS) -> list[tuple[int, ...]]:
    """The first ``limit`` sample positions of a per-sample array, in row-major order."""
    count = int(np.prod(shape)) if shape else 1
    return [np.unravel_index(i, shape) if shape else () for i in range(min(count, limit))]
