"""What the app knows about each loss: parameters, meaning of the inputs, formulas, example."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from losses.errors import LossInputError
from losses.messages import Formula, Message

FAMILY_NAMES = ("regression", "probabilistic", "margin", "similarity", "sequence")
FAMILIES: dict[str, Message] = {family: Message(f"family.{family}.long") for family in FAMILY_NAMES}
"""Each family's name, as a message (``family.<f>.long`` in the catalogs)."""


@dataclass(frozen=True)
class Param:
    """A keyword-only hyperparameter, named as in Keras.

    ``kind`` is "float", "bool", "int", "axis" (an int, possibly negative, or None when
    ``optional``), "axes" (an axis or a tuple of distinct axes, as Keras' Dice and Tversky
    take), "class" (an int class id or None) or "vector" (a list of numbers, such as
    PyTorch's per-class ``weight``, given back as a tuple of floats; its length is checked
    against the inputs by the loss). ``low``/``high`` bound floats and ints;
    ``low_open``/``high_open`` make a bound exclusive. A "float" with ``per_class`` also takes
    a list, one value per class (Keras' ``alpha`` of categorical focal cross-entropy), given
    back as a tuple of floats, each within the bounds; the loss checks its length. It stays a
    "float" for a page: a widget for one number still fits.

    ``help`` is the message ``param.<name>.help``; ``meaning`` tells apart parameters of one
    name that mean different things (focal ``alpha`` and Tversky's, Keras' ``label_smoothing``
    and CrossEntropyLoss'): their help is ``param.<name>.<meaning>.help``.
    """

    name: str
    default: Any
    kind: str = "float"
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    optional: bool = False
    per_class: bool = False
    meaning: str = ""

    @property
    def help_key(self) -> str:
        return f"param.{self.name}.{self.meaning}.help" if self.meaning else f"param.{self.name}.help"

    @property
    def help(self) -> Message:
        return Message(self.help_key)

    def range_text(self) -> str:
        """The allowed interval in notation: ``(0, 1]``, ``[0, inf)``, ``(-inf, inf)``."""
        if self.low is None and self.high is None:
            return "(-inf, inf)"
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        return f"{left}{low}, {high}{right}"

    def validate(self, value: Any) -> Any:
        """Return the value in its canonical Python type, or raise LossInputError."""
        if value is None and self.optional:
            return None
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            raise self._error(value, "bool")
        if self.kind == "vector":
            return self._validate_vector(value)
        if (self.per_class and not isinstance(value, (str, bytes, dict)) and hasattr(value, "__len__")
                and getattr(value, "ndim", 1) != 0):
            return tuple(self._check_range(v) for v in self._validate_vector(value))
        if self.kind == "axes" and isinstance(value, (list, tuple)):
            return self._validate_axes(value)
        if self.kind in ("int", "axis", "axes", "class"):
            if isinstance(value, bool) or not _is_integral(value):
                raise self._error(value, "whole_or_none" if self.optional else "whole")
            value = int(value)
        else:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                raise self._error(value, "number")
            value = float(value)
            if value in (float("inf"), float("-inf")):
                raise self._error(value, "finite")
        return self._check_range(value)

    def _check_range(self, value: Any) -> Any:
        too_low = self.low is not None and (value <= self.low if self.low_open else value < self.low)
        too_high = self.high is not None and (value >= self.high if self.high_open else value > self.high)
        if too_low or too_high:
            raise LossInputError("error.param_range", argument=self.name, value=value,
                                 range=self.range_text())
        return value

    def _validate_vector(self, value: Any) -> tuple[float, ...]:
        expected = "list_or_none" if self.optional else "list"
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__len__"):
            raise self._error(value, expected)
        items = list(value.tolist() if hasattr(value, "tolist") else value)
        if not items or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in items
        ):
            raise self._error(value, "finite_list")
        return tuple(float(v) for v in items)

    def _validate_axes(self, value: list | tuple) -> int | tuple[int, ...]:
        expected = "axes_or_none" if self.optional else "axes"
        if not value or not all(not isinstance(v, bool) and _is_integral(v) for v in value):
            raise self._error(value, expected)
        axes = tuple(int(v) for v in value)
        if len(set(axes)) != len(axes):
            raise self._error(value, expected)
        return axes[0] if len(axes) == 1 else axes

    def _error(self, value: Any, expected: str) -> LossInputError:
        """``expected`` picks the wording in the catalog: "number", "bool", "whole", ..."""
        return LossInputError("error.param_type", argument=self.name, expected=expected,
                              value=repr(value)[:30])


def _is_integral(value: Any) -> bool:
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


@dataclass(frozen=True, kw_only=True)
class LossSpec:
    """Everything about one loss except its numbers: the registry's entry.

    Every field means the same for both frameworks. ``name`` is what ``compute`` takes (Keras'
    function name, torch's class name); ``class_name`` is the framework's class:
    ``keras.losses.<class_name>`` or ``torch.nn.<class_name>``. ``term_latex`` and
    ``aggregation_latex`` are the symbolic formulas of the term and of the per-sample loss.
    ``inputs`` says which shape rule the framework checks: "elementwise" (same shape), "sparse"
    (class indices for all but the last axis of y_pred), "embedding" (labels (N,), embeddings
    (N, d)) or "sequence" (labels (N, L), per-step scores (N, T, C)); PyTorch's own rules
    ("class_index", "pair", ...) are its framework object's (``losses.framework.PyTorch``).

    The words about a loss are messages derived from its name (``loss.<name>.display``,
    ``.description``, ``.y_true``, ``.y_pred`` in the catalogs), never text held here.
    """

    name: str
    family: str
    fn: Callable
    class_name: str
    term_latex: str | Formula
    aggregation_latex: str | Formula
    example: dict
    params: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()
    inputs: str = "elementwise"
    y_true_kind: str = "real"
    y_pred_kind: str = "real"
    docs_url: str = ""
    curve: str = ""
    """The curves page's view of this loss: a family of ``losses.curves.FAMILIES`` ("error",
    "binary", "margin", ...), shared by the Keras loss and its PyTorch relatives."""
    framework: str = "keras"
    counterpart: str = ""
    reductions: tuple[str, ...] = ()
    max_rank: int = 3
    """The most dimensions y_true and y_pred may have: 3 (batch, time, features) unless the loss
    is meant for more (Dice and Tversky take segmentation masks, batch x height x width x
    channels and up to 5-D, as Keras does)."""
    work: Callable[[tuple[int, ...], tuple[int, ...]], int] | None = None
    """Elements of the largest array the loss builds, from the shapes of y_true and y_pred; None
    for losses that only work element by element (y_pred's size). Circle's is N x N."""
    arrays: int = 6
    """How many arrays of that size the trace keeps (its steps): work x arrays x itemsize is the
    memory ``compute`` checks against its budget before computing."""

    def cost(self, y_true_shape: tuple[int, ...], y_pred_shape: tuple[int, ...]) -> int:
        if self.work is not None:
            return int(self.work(y_true_shape, y_pred_shape))
        return int(math.prod(y_pred_shape)) if y_pred_shape else 1

    @property
    def display(self) -> Message:
        """The loss's readable name: ``Hinge``, ``Mean squared error``, ``MSELoss``."""
        return Message(f"loss.{self.name}.display")

    @property
    def description(self) -> Message:
        return Message(f"loss.{self.name}.description")

    @property
    def y_true_help(self) -> Message:
        """What y_true holds for this loss."""
        return Message(f"loss.{self.name}.y_true")

    @property
    def y_pred_help(self) -> Message:
        """What y_pred holds for this loss."""
        return Message(f"loss.{self.name}.y_pred")

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}
