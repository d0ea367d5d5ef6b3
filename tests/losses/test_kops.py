"""keras.ops.mean as Keras' jax backend computes it, and the note where float64 is float32.

Every expected number is Keras 3.15.1 (jax 0.10.2, JAX_ENABLE_X64=1) quoted with its version.
"""

import numpy as np
import pytest

from losses import compute, kops
from losses.catalog import render

Y_TRUE = [[0.4, -1.0, 1.4]]
Y_PRED = [[0.0, 0.0, 1.0]]


@pytest.mark.parametrize(
    ("name", "keras"),
    [
        # keras.losses.<Class>(reduction="none", dtype="float64") on Y_TRUE, Y_PRED (3.15.1).
        # np.mean in float32 gave 0.4399999678134918 for MSE: pairwise order and a division.
        ("mean_squared_error", 0.4399999976158142),
        ("mean_absolute_error", 0.6000000238418579),
        ("mean_absolute_percentage_error", 76.19048357009888),
        ("mean_squared_logarithmic_error", 0.04881821572780609),
        ("huber", 0.2199999988079071),
        ("log_cosh", 0.19656261801719666),
        ("hinge", 0.6666666865348816),
        ("squared_hinge", 0.6666666865348816),
    ],
)
def test_float64_mean_is_keras_float32_mean_bit_for_bit(name, keras):
    trace = compute(name, Y_TRUE, Y_PRED, reduction="none", dtype="float64")
    assert trace.per_sample.tolist() == [keras]
    note = next(n for n in trace.notes if n.key == "note.float64_mean_in_float32")
    assert dict(note.params) == {"count": 3}
    assert "Keras averages each sample's 3 terms in float32" in str(note.message)
    assert "对每个样本的 3 个项求平均" in render(note.message, "zh")
    assert not compute(name, Y_TRUE, Y_PRED).has_note("note.float64_mean_in_float32")


def test_mean_adds_left_to_right_then_multiplies_by_the_reciprocal():
    x = np.array([[0.16000000000000003, 1.0, 0.15999999999999992]])
    x32 = x.astype(np.float32)
    by_hand = ((np.float32(0) + x32[0, 0] + x32[0, 1] + x32[0, 2]) * (np.float32(1) / np.float32(3)))
    assert kops.mean(x).tolist() == [float(by_hand)] == [0.4399999976158142]
    assert kops.mean(x).dtype == np.float64
    assert kops.mean(x32).dtype == np.float32


def test_mean_of_a_long_row_sums_two_halves():
    # XLA:CPU adds up to 32 values left to right; 40 values are two rows of 20, then added.
    row = np.float32(1.0) + np.arange(40, dtype=np.float32) * np.float32(1e-7)
    halves = np.float32(0)
    for half in (row[:20], row[20:]):
        part = np.float32(0)
        for v in half:
            part += v
        halves += part
    assert kops.mean(row[None, :])[0] == halves * (np.float32(1) / np.float32(40))


def test_mean_flushes_subnormals_and_handles_axis_none():
    assert kops.mean(np.array([[1e-40, 1e-40]]), axis=-1).tolist() == [0.0]
    assert kops.mean(np.array([[1.0, 2.0], [3.0, 4.0]]), axis=None) == np.float64(2.5)
