"""The one exception every bad input raises, carrying what the UI needs to point at it."""

from __future__ import annotations

from typing import Any

from losses.messages import Message


class LossInputError(ValueError):
    """A learner's input (or a parameter) that a loss cannot take.

    The error is a message: ``key`` names its catalog entry and ``params`` fill it, so every page
    shows it in its own language; ``str(err)`` is the English sentence. ``argument`` names the
    input at fault (``"y_true"``, ``"sample_weight"``, ``"delta"``, ...) and ``line`` /
    ``column`` (1-based) point into the text the learner typed when the fault is a parse error.
    """

    def __init__(
        self,
        key: str,
        *,
        argument: str | None = None,
        line: int | None = None,
        column: int | None = None,
        **params: Any,
    ) -> None:
        self.key = key
        self.argument = argument
        self.line = line
        self.column = column
        self.params = params
        super().__init__(key)

    @property
    def message(self) -> Message:
        """The message with everything its sentence may name: the argument and the position."""
        return Message(self.key, {**self.params, "argument": self.argument, "line": self.line,
                                  "column": self.column})

    def __str__(self) -> str:
        return str(self.message)


def shape_error(y_true, y_pred, rule: str, **params: Any) -> LossInputError:
    """``error.shape.<rule>``: the two shapes, then what the loss needs (``rule`` names it)."""
    return LossInputError(
        f"error.shape.{rule}",
        argument="y_true",
        y_true_shape=tuple(y_true.shape),
        y_pred_shape=tuple(y_pred.shape),
        **params,
    )
