"""Arrays as the text a learner types, and as the grid the data editor shows. No Streamlit here."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

VALUE_COLUMN = "value"


def format_number(x: float) -> str:
    """Shortest text that reads back as the same float: ``1`` for 1.0, ``0.6`` for 0.6."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def format_float32(x: float) -> str:
    """Shortest text that reads back as the same float32: ``0.575`` for float32(0.575)."""
    x = np.float32(x)
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    if 1e-4 <= abs(x) < 1e15:
        return np.format_float_positional(x, unique=True, trim="-")
    return np.format_float_scientific(x, unique=True, trim="-")


def format_array(values: Any, dtype: str = "float64") -> str:
    """Nested lists as Python prints them, ``[[0, 1], [0, 0]]``; ``losses.parse_array`` reads it back.

    With ``dtype="float32"`` each number is the shortest text of its float32 value, so values
    a float32 computation wrote (a learning step) read back bit for bit without float64's
    long tails (0.575, not 0.574999988079071).
    """
    array = np.asarray(values, dtype=np.float64)
    if array.ndim == 0:
        return format_float32(array) if dtype == "float32" else format_number(array)
    return "[" + ", ".join(format_array(row, dtype) for row in array) + "]"


def grid_frame(array: np.ndarray) -> pd.DataFrame | None:
    """The data editor's table for a 1-D or 2-D array (one row per sample), or None for 3-D."""
    if array.ndim == 1:
        return pd.DataFrame({VALUE_COLUMN: array.astype(np.float64)})
    if array.ndim == 2:
        return pd.DataFrame(array.astype(np.float64), columns=[str(j) for j in range(array.shape[1])])
    return None


def frame_to_array(frame: pd.DataFrame, ndim: int) -> np.ndarray:
    """The edited grid back as an array; cells left empty (a new row, a cleared cell) become 0."""
    values = frame.apply(pd.to_numeric, errors="coerce").fillna(0.0).to_numpy(dtype=np.float64)
    if ndim == 1:
        return values[:, 0] if values.shape[1] else values.reshape(0)
    return values
