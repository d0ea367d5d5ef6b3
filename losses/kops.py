"""Keras ops whose dtype behaviour differs from plain numpy, reproduced so float64 matches too."""

from __future__ import annotations

import numpy as np


def mean(x: np.ndarray, axis: int | None = -1) -> np.ndarray:
    """``keras.ops.mean``: averages in float32 even for float64 input, then casts back.

    Keras' jax backend computes the mean at ``result_type(x.dtype, "float32")``, and Keras'
    type lattice makes that float32 for float64 input (keras/src/backend/jax/numpy.py, ``mean``).
    So a float64 loss's per-sample values carry float32 rounding: 1.100000023841858, not 1.1.
    """
    if x.dtype == np.float64:
        return np.mean(x.astype(np.float32), axis=axis, dtype=np.float32).astype(np.float64)
    return np.mean(x, axis=axis)
