"""Keras ops whose dtype behaviour differs from plain numpy, reproduced so float64 matches too."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from losses.trace import Recorder

SEQUENTIAL_SUM_MAX = 32
"""XLA:CPU adds a reduced row of up to 32 elements left to right."""


def flush_subnormal(x: np.ndarray) -> np.ndarray:
    """Subnormal numbers become 0 (keeping their sign), as on XLA:CPU, which flushes to zero."""
    x = np.asarray(x)
    tiny = np.finfo(x.dtype).tiny
    magnitude = np.abs(x)
    # Most arrays hold nothing below the smallest normal number: then nothing is copied.
    if not x.size or magnitude.min() >= tiny:
        return x
    small = magnitude < tiny
    if not np.any(x[small]):  # only zeros down there: they stay as they are
        return x
    return np.where(small, x * 0, x)


def xla_row_sum(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """``jnp.sum`` along ``axis`` in the order XLA:CPU adds a short row.

    Up to 32 values are added left to right, starting from 0; a longer row is split into two
    halves (the first the longer), each summed the same way, and the halves added. numpy instead
    sums pairwise from the ninth value on, which can differ in the last place.
    """
    moved = np.moveaxis(np.asarray(x), axis, -1)
    return _sum_last(moved)


ROW_BLOCK = 16_384
"""Rows summed together: a block's columns stay in cache while they are added one by one."""


def _sum_last(x: np.ndarray) -> np.ndarray:
    count = x.shape[-1]
    if count > SEQUENTIAL_SUM_MAX:
        half = (count + 1) // 2
        return _sum_last(x[..., :half]) + _sum_last(x[..., half:])
    rows = x.reshape(-1, count) if x.ndim > 1 else x.reshape(1, count)
    total = np.zeros(rows.shape[0], dtype=x.dtype)
    # The same additions, left to right, in the same order for every row; only the order in
    # which rows are visited changes (a block at a time), so every sum is bit for bit the same.
    for start in range(0, rows.shape[0], ROW_BLOCK):
        block, out = rows[start:start + ROW_BLOCK], total[start:start + ROW_BLOCK]
        for k in range(count):
            out += block[:, k]
    return total.reshape(x.shape[:-1])


def mean(x: np.ndarray, axis: int | None = -1, *, rec: Recorder | None = None) -> np.ndarray:
    """``keras.ops.mean`` as Keras' jax backend computes it, bit for bit, for float32 and float64.

    Keras averages at ``result_type(x.dtype, "float32")``, and its type lattice makes that
    float32 even for float64 input (keras/src/backend/jax/numpy.py, ``mean``): the values are
    cast to float32 (subnormals flushed to 0), added left to right as XLA:CPU adds a short row,
    and multiplied by the float32 reciprocal of the count (XLA turns the division by a constant
    into that multiplication); the result is cast back. So a float64 loss's per-sample values
    carry float32 rounding: 0.4399999976158142, not 0.44. With ``rec``, a float64 computation
    gets a note saying so (``note.float64_mean_in_float32``).
    """
    wide = np.asarray(x).dtype
    x32 = flush_subnormal(np.asarray(x, dtype=np.float32))
    if axis is None:
        x32, axis = x32.reshape(-1), -1
    count = x32.shape[axis] if x32.ndim else 1
    if x32.ndim == 0:
        x32 = x32.reshape(1)
    reciprocal = np.float32(1) / np.float32(count)
    result = (xla_row_sum(x32, axis) * reciprocal).astype(wide)
    if rec is not None and wide == np.float64:
        rec.note("note.float64_mean_in_float32", count=int(count))
    return result
