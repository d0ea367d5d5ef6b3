"""A Trace's arrays as tables a learner reads element by element. Pandas only, no Streamlit.

An element-wise step gets one row per element of y_pred, with y_true and y_pred beside the
step's value; a per-sample step gets one row per sample. ``changed`` marks the rows the step
altered, for highlighting.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pandas as pd
import pyarrow as pa

import losses


@dataclass(frozen=True)
class StepTable:
    columns: dict[str, np.ndarray]
    value_column: str
    changed: np.ndarray | None  # one bool per row, or None when nothing changed

    @property
    def rows(self) -> int:
        return len(self.columns[self.value_column])

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.columns)

    def arrow(self) -> pa.Table:
        """The table without pandas: several times cheaper for st.dataframe to send."""
        return pa.table(self.columns)


def _positions(shape: tuple[int, ...]) -> np.ndarray:
    """Every index of an array of ``shape``, row-major, as an (n, ndim) int array."""
    return np.indices(shape).reshape(len(shape), -1).T


def _index_columns(positions: np.ndarray, label: Callable[[str], str]) -> dict[str, np.ndarray]:
    columns = {label("sample"): positions[:, 0]}
    if positions.shape[1] == 2:
        columns[label("position")] = positions[:, 1]
    elif positions.shape[1] == 3:
        columns[label("position") + "1"] = positions[:, 1]
        columns[label("position") + "2"] = positions[:, 2]
    return columns


def _aligned(values: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """``values`` repeated to one entry per element of ``shape``, if it lines up with it."""
    if values.shape == shape:
        return values.reshape(-1)
    if values.ndim and values.shape == shape[: values.ndim]:
        # Sparse labels (N,) beside probabilities (N, C): each row's label on each of its elements.
        extra = int(np.prod(shape[values.ndim:]))
        return np.repeat(values.reshape(-1), extra)
    return None


_LATEX_SYMBOLS = {r"\ell": "ℓ", r"\hat{y}": "ŷ", "{": "", "}": ""}
_SHORT_SYMBOL = re.compile(r"[A-Za-zℓŷ]'?(?:_[a-z])?")


# The gradient steps' derivatives as plain-text column headers (losses/gradient.py's chain).
GRADIENT_SYMBOLS = {
    "grad.reduction": "∂L/∂(wℓ)",
    "grad.weighting": "∂L/∂ℓ",
    "grad.aggregation": "∂L/∂t",
    "grad.local": "∂t/∂ŷ",
    "grad.prob": "∂L/∂p",
    "grad.clip": "∂L/∂q",
    "grad.renormalise": "∂L/∂softmax",
    "grad.probs": "∂L/∂ŷ",
    "grad.p_true": "∂L/∂p_y",
    "gradient": "∂L/∂ŷ",
}


def step_symbol(step: losses.Step) -> str | None:
    """The name the step's formula gives its result, as plain text: ``y'``, ``m``, ``t_j``, ``ℓ``.

    A short column header that matches the formula shown above the table; None when the
    formula's left-hand side is not a simple symbol.
    """
    if step.key in GRADIENT_SYMBOLS:
        return GRADIENT_SYMBOLS[step.key]
    if " = " not in step.formula.template:
        return None
    symbol = step.formula.template.split(" = ", 1)[0].strip()
    for latex, text in _LATEX_SYMBOLS.items():
        symbol = symbol.replace(latex, text)
    return symbol if _SHORT_SYMBOL.fullmatch(symbol) else None


def _one_hot_before(trace: losses.Trace, step: losses.Step) -> np.ndarray | None:
    """The one-hot rows a sparse loss made of its labels, for the steps that come after."""
    for earlier in trace.steps:
        if earlier is step:
            return None
        if earlier.key == "one_hot":
            return np.asarray(earlier.array)
    return None


def step_table(
    trace: losses.Trace, step: losses.Step, title: str, label: Callable[[str], str]
) -> StepTable | None:
    """The table for one step, or None for a single number (the formula already shows it).

    ``label(name)`` gives the column names ("sample", "position", "y_true", "y_pred", "weight")
    in the page's language; ``title`` names the step's own column.
    """
    array = np.asarray(step.array)
    if array.ndim == 0:
        return None
    shape = array.shape
    positions = _positions(shape)
    columns = _index_columns(positions, label)
    # After sparse labels become one-hot rows, the steps read the one-hot y_j, not the index.
    one_hot = _one_hot_before(trace, step)
    pairs = (("y_one_hot", one_hot) if one_hot is not None and np.shape(one_hot) == shape
             else ("y_true", trace.y_true), ("y_pred", trace.y_pred))
    for name, values in pairs:
        aligned = _aligned(np.asarray(values), shape)
        if aligned is not None:
            columns[label(name)] = aligned
    if step.key == "weighting":
        # The losses being weighted, so w_i · ℓ_i can be read across a row.
        aligned = _aligned(np.asarray(trace.per_sample), shape)
        if aligned is not None:
            columns[label("loss")] = aligned
    if step.key == "weighting" and trace.sample_weight is not None:
        weights = np.broadcast_to(np.asarray(trace.sample_weight), shape) if np.ndim(
            trace.sample_weight) <= array.ndim else None
        if weights is not None:
            columns[label("weight")] = weights.reshape(-1)
    columns[title] = array.reshape(-1)
    changed = None
    if step.changed is not None and np.shape(step.changed) == shape:
        changed = np.asarray(step.changed).reshape(-1)
    return StepTable(columns, title, changed)


MATRIX_COLUMNS = 12
"""A 2-D step array with at most this many columns is shown as the learner typed it."""


@dataclass(frozen=True)
class MatrixTable:
    """A step's 2-D array in the batch's own shape: one row per sample, one column per j."""

    values: np.ndarray
    changed: np.ndarray | None  # same shape as ``values``, or None when nothing changed

    @property
    def rows(self) -> int:
        return self.values.shape[0]


def matrix_table(step: losses.Step, max_rows: int) -> MatrixTable | None:
    """The step as a matrix when it is a small 2-D array, else None (the long table shows it)."""
    array = np.asarray(step.array)
    if array.ndim != 2 or array.shape[1] > MATRIX_COLUMNS or array.shape[0] > max_rows:
        return None
    changed = None
    if step.changed is not None and np.shape(step.changed) == array.shape:
        changed = np.asarray(step.changed, dtype=bool)
    return MatrixTable(array, changed)


def trace_frame(trace: losses.Trace, step_titles: dict[str, str], label: Callable[[str], str]) -> pd.DataFrame:
    """The whole trace as one table for the CSV download: one row per element of y_pred.

    The gradient dL/dy_pred (when the loss has a backward pass) follows y_pred; element-wise
    steps are columns; per-sample steps repeat on each element of their sample; the final value
    (one number, or one per sample for reduction "none") closes each row.
    """
    shape = np.shape(trace.y_pred)
    columns = _index_columns(_positions(shape), label)
    columns[label("y_true")] = _aligned(np.asarray(trace.y_true), shape)
    columns[label("y_pred")] = np.asarray(trace.y_pred).reshape(-1)
    if columns[label("y_true")] is None:
        del columns[label("y_true")]
    if trace.gradient is not None:
        # dL/dy_pred beside the prediction it moves: what the model learns from each element.
        columns[label("gradient")] = np.asarray(trace.gradient).reshape(-1)
    rows = int(np.prod(shape))
    for step in trace.steps:
        values = np.asarray(step.array)
        if values.ndim:
            aligned = _aligned(values, shape)
        else:
            # One number for the batch: written once, on the first row, not repeated.
            aligned = np.full(rows, np.nan, dtype=trace.dtype)
            aligned[:1] = values
        if aligned is not None:
            columns[step_titles[step.key]] = aligned
    return pd.DataFrame(columns)


def trace_csv(trace: losses.Trace, step_titles: dict[str, str], label: Callable[[str], str]) -> str:
    """The CSV download: every float written as the shortest text that reads back as the same
    value of its own dtype (float32's 0.1 is "0.1", not 0.100000024 beside 17-digit float64s)."""
    frame = trace_frame(trace, step_titles, label)
    for name in frame.columns:
        values = frame[name].to_numpy()
        if values.dtype.kind == "f":
            frame[name] = ["" if np.isnan(v) else np.format_float_positional(v, unique=True, trim="-")
                           for v in values]
    return frame.to_csv(index=False)


def _plain(value: Any) -> Any:
    """A value JSON can hold: arrays as nested lists, non-finite floats as strings."""
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        return _plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # "nan", "inf": JSON has no literal for them
    return value


def trace_json(trace: losses.Trace, step_titles: dict[str, str], latex: Callable, text: Callable,
               say: Callable) -> str:
    """The whole trace as JSON for the download: inputs, every step, notes, the value, and the
    gradient dL/dy_pred with its own steps and notes (null and empty lists for a loss without a
    backward pass).

    Text is in the page's language (``latex``, ``text`` and ``say`` render formulas and
    messages); each note also keeps its message key and raw parameters, for a program to read.
    """
    document = {
        "loss": trace.name,
        "framework": trace.framework,
        "params": dict(trace.params),
        "reduction": trace.reduction,
        "dtype": trace.dtype,
        "y_true": trace.y_true,
        "y_pred": trace.y_pred,
        "sample_weight": trace.sample_weight,
        "steps": [_step_document(step, step_titles.get(step.key, say(step.title)), latex)
                  for step in trace.steps],
        "per_sample": trace.per_sample,
        "weighted": trace.weighted,
        "sample_arithmetic": [text(row.formula) for row in trace.sample_arithmetic],
        "reduction_arithmetic": text(trace.reduction_arithmetic),
        "notes": [_note_document(note, say) for note in trace.notes],
        "value": trace.value,
        "gradient": trace.gradient,
        # The backward pass link by link, as the forward steps (keys "grad.*", then "gradient").
        "gradient_steps": [_step_document(step, say(step.title), latex)
                           for step in trace.gradient_steps],
        "gradient_notes": [_note_document(note, say) for note in trace.gradient_notes],
    }
    return json.dumps(_plain(document), ensure_ascii=False, indent=1)


def _step_document(step: losses.Step, title: str, latex: Callable) -> dict:
    return {"key": step.key, "title": title, "formula": latex(step.formula),
            "example": None if step.example is None else latex(step.example),
            "values": step.array,
            "changed": None if step.changed is None else np.asarray(step.changed, dtype=bool)}


def _note_document(note: losses.Note, say: Callable) -> dict:
    return {"key": note.key, "level": note.level, "params": _message_params(note.params),
            "text": say(note.message)}


def _message_params(params) -> dict:
    return {key: value if isinstance(value, (int, float, str, bool, type(None), tuple, list,
                                             np.ndarray, np.generic)) else str(value)
            for key, value in params.items()}
