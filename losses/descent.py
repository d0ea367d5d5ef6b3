"""One step of learning: y_pred <- y_pred - learning_rate * gradient, as an optimizer would take it.

Plain gradient descent (Keras' ``SGD`` and PyTorch's ``torch.optim.SGD`` without momentum) on
the predictions themselves, as if each prediction were a parameter of the model. The step is
taken in the loss dtype, as the framework's optimizer updates a float32 variable; what the
framework would then compute from the new predictions is ``compute`` on them, so a probability
pushed past 1 is clipped (Keras) or clamped (PyTorch) exactly as the next trace shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from losses.compute import compute
from losses.errors import LossInputError
from losses.messages import Message
from losses.registry import get_spec
from losses.trace import Trace

MAX_PATH_STEPS = 50
PATH_MAX_ELEMENTS = 2_000
"""A path recomputes the loss once per step: only for a batch a learner can read."""


@dataclass(frozen=True)
class Path:
    """The loss after each of ``len(values) - 1`` repeated steps from the same start."""

    values: tuple[float, ...]
    predictions: tuple[np.ndarray, ...]
    stopped: Message | None = None
    traces: tuple[Trace, ...] = ()
    """The trace after each step, the start's first."""
    """Why the path ended early (a step gave a prediction the loss refuses), or None."""


def total(trace: Trace) -> float:
    """The number the gradient is the derivative of: the value, or the sum of an unreduced one."""
    return float(np.sum(trace.value))


def step(trace: Trace, learning_rate: float) -> np.ndarray:
    """The predictions after one step of gradient descent on ``trace``'s value.

    Raises ValueError for a loss without a backward pass (``trace.gradient`` is None).
    """
    if trace.gradient is None:
        raise ValueError(f"{trace.name} has no gradient to step along")
    dtype = np.dtype(trace.dtype)
    rate = dtype.type(learning_rate)
    y_pred = np.asarray(trace.y_pred, dtype=dtype).reshape(np.shape(trace.gradient))
    return (y_pred - rate * np.asarray(trace.gradient, dtype=dtype)).astype(dtype)


def outside(trace: Trace, y_pred: np.ndarray) -> Message | None:
    """A note when a step took probabilities out of [0, 1] (for a loss that reads probabilities)."""
    spec = get_spec(trace.name, trace.framework)
    if spec.y_pred_kind != "probabilities" or trace.params.get("from_logits"):
        return None
    off = (y_pred < 0) | (y_pred > 1)
    if not off.any():
        return None
    return Message("note.descent.outside", {"count": int(off.sum()), "framework": trace.framework})


def path(trace: Trace, learning_rate: float, steps: int, **inputs: Any) -> Path | None:
    """The loss value after 0, 1, ..., ``steps`` steps from ``trace``'s predictions.

    ``inputs`` are the rest of ``compute``'s arguments for the same lesson (y_true,
    sample_weight, reduction, dtype, framework, loss parameters). None for a batch too big to
    recompute this many times, or a loss without a gradient.
    """
    if trace.gradient is None or np.size(trace.y_pred) > PATH_MAX_ELEMENTS or not np.size(trace.y_pred):
        return None
    steps = max(0, min(int(steps), MAX_PATH_STEPS))
    values, predictions, traces = [total(trace)], [np.asarray(trace.y_pred)], [trace]
    current = trace
    for _ in range(steps):
        if current.gradient is None or not np.all(np.isfinite(current.gradient)):
            break
        y_pred = step(current, learning_rate)
        try:
            current = compute(current.name, inputs["y_true"], y_pred, **_rest(inputs))
        except LossInputError as error:
            return Path(tuple(values), tuple(predictions), stopped=error.message, traces=tuple(traces))
        values.append(total(current))
        predictions.append(y_pred)
        traces.append(current)
    return Path(tuple(values), tuple(predictions), traces=tuple(traces))


def _rest(inputs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in inputs.items() if k != "y_true"}
