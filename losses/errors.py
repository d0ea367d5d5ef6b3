"""The one exception every bad input raises, carrying what the UI needs to point at it."""

from __future__ import annotations

from typing import Any


class LossInputError(ValueError):
    """A learner's input (or a parameter) that a loss cannot take.

    ``str(err)`` is a complete English sentence. ``key`` and ``params`` identify the message so
    that the UI can show it in another language; ``argument`` names the input at fault
    (``"y_true"``, ``"sample_weight"``, ``"delta"``, ...) and ``line`` / ``column`` (1-based)
    point into the text the learner typed when the fault is a parse error.
    """

    def __init__(
        self,
        message: str,
        *,
        key: str = "error.invalid_input",
        argument: str | None = None,
        line: int | None = None,
        column: int | None = None,
        **params: Any,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.argument = argument
        self.line = line
        self.column = column
        self.params = params
