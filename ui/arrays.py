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


def format_array(values: Any) -> str:
    """Nested lists as Python prints them, ``[[0, 1], [0, 0]]``; ``losses.parse_array`` reads it back."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim == 0:
        return format_number(array)
    return "[" + ", ".join(format_array(row) for row in array) + "]"


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
