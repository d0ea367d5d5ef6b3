"""Every case in tests/goldens/keras.json, written by real Keras 3 (version in the file's header).

``per_sample`` is Keras' result with reduction="none" and no weight, ``weighted`` with the
weight, ``value`` with the case's reduction; a case where Keras raised must raise
LossInputError here, with a message instead of a traceback.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from losses import LossInputError, compute

GOLDENS = json.loads((Path(__file__).parents[1] / "goldens" / "keras.json").read_text())
CASES = GOLDENS["cases"]

# float32 sums may be ordered differently from XLA's; 1e-6 relative is a few float32 ulps.
# float64 is held to 1e-9: where Keras secretly computes in float32 (ops.mean averages in
# float32, CTC runs in float32; losses/kops.py), Loss Lab reproduces that float32 arithmetic
# operation by operation, so a float32 ulp (6e-8 relative) away from Keras fails.
RTOL = {"float32": 1e-6, "float64": 1e-9}
ATOL = {"float32": 1e-6, "float64": 1e-12}
# Keras computes these losses in float32 even with dtype float64 (their traces say so in a note),
# so their float64 cases are float32 computations and get float32's bound: XLA's exp and log
# differ from numpy's by an ulp, which the forward recursion of CTC carries.
COMPUTED_IN_FLOAT32 = {"ctc"}

# Where Loss Lab deliberately refuses what Keras accepts, with the reason. Each of these must
# raise LossInputError with a message, never compute a number. Keep this list short and honest.
DELIBERATE = {
    "sparse_categorical_crossentropy/label_out_of_range":
        "jax Keras silently gives a loss of -0 for label 3 of 3 classes; a learner is told instead",
    "sparse_categorical_crossentropy/label_negative":
        "jax Keras silently gives a loss of -0 for label -1; a learner is told instead",
    # tools/make_goldens.py keras_silent_cases: broadcast targets and labels outside 0..C-1.
    **{case["id"]: f"jax Keras computes silently ({case['note']}); a learner is told instead"
       for case in CASES if case["id"].startswith("silent/") and not case["error"]},
}
# The refusal of each of these quotes Keras' result for the same input (issue 10), by key.
KERAS_QUOTED = {"error.shape.same.keras", "error.class_range.keras", "error.class_range.ctc.keras"}


def _array(case, name):
    """The input as Keras got it: JSON loses the shape of empty arrays, the case records it."""
    value = case[name]
    shape = case.get("shapes", {}).get(name)
    if value is None or shape is None:
        return value
    return np.asarray(value, dtype=np.float64).reshape(shape)


def _run(case, *, reduction, with_weight):
    return compute(
        case["loss"],
        _array(case, "y_true"),
        _array(case, "y_pred"),
        sample_weight=_array(case, "sample_weight") if with_weight else None,
        reduction=reduction,
        dtype=case["dtype"],
        **case["params"],
    )


def _close(actual, expected, dtype):
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    assert actual.shape == expected.shape
    np.testing.assert_allclose(actual, expected, rtol=RTOL[dtype], atol=ATOL[dtype], equal_nan=True)


def test_goldens_name_their_source():
    assert GOLDENS["generator"]["keras"].startswith("3.")
    assert len({case["id"] for case in CASES}) == len(CASES)


def test_every_registered_loss_has_golden_cases():
    import losses

    covered = {case["loss"] for case in CASES}
    assert set(losses.names()) <= covered


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_matches_keras(case):
    if case["error"] or case["id"] in DELIBERATE:
        with pytest.raises(LossInputError):
            _run(case, reduction=case["reduction"], with_weight=True)
        return
    dtype = "float32" if case["loss"] in COMPUTED_IN_FLOAT32 else case["dtype"]
    _close(_run(case, reduction="none", with_weight=False).value, case["per_sample"], dtype)
    if case["weighted"] is not None:
        _close(_run(case, reduction="none", with_weight=True).value, case["weighted"], dtype)
    trace = _run(case, reduction=case["reduction"], with_weight=True)
    _close(trace.value, case["value"], dtype)


@pytest.mark.parametrize("case_id", sorted(DELIBERATE))
def test_a_refusal_says_what_keras_would_have_returned(case_id):
    # Keras' number for the learner's input, computed as its jax backend does, is the golden's.
    (case,) = [c for c in CASES if c["id"] == case_id]
    with pytest.raises(LossInputError) as refusal:
        _run(case, reduction=case["reduction"], with_weight=True)
    assert refusal.value.key in KERAS_QUOTED
    quoted = refusal.value.params["keras_value"]
    _close(quoted, case["value"], case["dtype"])
    # Keras' sign of zero too: its -sum over a row of zeros is -0, and the message shows "-0".
    expected = np.asarray(case["value"], dtype=np.float64)
    zero = expected == 0
    assert np.array_equal(np.signbit(np.asarray(quoted, dtype=np.float64))[zero], np.signbit(expected)[zero])
    assert refusal.value.argument == "y_true"
    if refusal.value.key != "error.shape.same.keras":
        position = refusal.value.params["position"]
        label = np.asarray(case["y_true"])[position]
        assert label == refusal.value.params["value"]
        assert not 0 <= label < np.asarray(case["y_pred"]).shape[-1]


def test_where_keras_itself_refuses_the_refusal_quotes_nothing():
    # Keras' jax backend checks target.shape == output.shape for these: no number to quote.
    refused = [c for c in CASES if c["id"].startswith("silent/") and c["error"]]
    assert len(refused) == 3
    for case in refused:
        with pytest.raises(LossInputError) as refusal:
            _run(case, reduction=case["reduction"], with_weight=True)
        assert refusal.value.key == "error.shape.same"
        assert "keras_value" not in refusal.value.params


def test_a_label_is_pointed_at_where_the_learner_typed_it():
    # (N, 1) labels: the position is in y_true as typed. Keras' value, by hand: sample 0 is
    # -log(0.95) = 0.0512933, sample 1 (label 3, a row of zeros) is -0; the mean is 0.0256466.
    with pytest.raises(LossInputError) as refusal:
        compute("sparse_categorical_crossentropy", [[1], [3]], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]])
    assert refusal.value.params["position"] == (1, 0)
    assert refusal.value.params["sample_loss"] == 0 and np.signbit(refusal.value.params["sample_loss"])
    np.testing.assert_allclose(refusal.value.params["keras_value"], 0.0256466, rtol=1e-5)
    assert "found 3 at position (1, 0)" in str(refusal.value)
    # A label that is not a whole number: Keras would truncate it; Loss Lab refuses, plainly.
    with pytest.raises(LossInputError) as refusal:
        compute("sparse_categorical_crossentropy", [1.5, 1], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]])
    assert refusal.value.key == "error.class_range" and refusal.value.params["position"] == (0,)


def test_a_refusal_keras_would_not_fit_its_weights_to_stays_plain():
    # Weights of 3 against 2 per-sample losses: Keras' own number cannot be computed, so none is
    # quoted (the refusal itself is the same).
    with pytest.raises(LossInputError) as refusal:
        compute("mean_squared_error", [[1.0], [0.0]], [[0.2, 0.8], [0.6, 0.4]], sample_weight=[1, 2, 3])
    assert refusal.value.key == "error.shape.same"


def test_every_silent_keras_case_is_quoted():
    assert len(DELIBERATE) >= 29
    assert {c["loss"] for c in CASES if c["id"] in DELIBERATE} >= {
        "sparse_categorical_crossentropy", "categorical_generalized_cross_entropy", "ctc",
        "mean_squared_error", "cosine_similarity", "dice", "tversky"}


def test_float64_is_held_to_1e9():
    # A float32 ulp (6e-8 relative) must fail the float64 comparison: Loss Lab's 0.4399999678
    # (np.mean in float32) against Keras' 0.4399999976 (issue 10) could not pass.
    with pytest.raises(AssertionError):
        _close(0.4399999678134918, 0.4399999976158142, "float64")
    _close(0.4399999976158142, 0.4399999976158142, "float64")
