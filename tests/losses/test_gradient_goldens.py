"""Every golden case's gradient, written by the frameworks' own autodiff (tests/goldens/*.json).

Keras: ``jax.grad`` of ``keras.losses.<Class>(reduction=r, dtype=d, **params)(y_true, y_pred,
sample_weight=w)`` with respect to y_pred, on the jax backend; PyTorch: ``input.grad`` after
``nn.<Class>(reduction=r, **params)(input, target)`` and ``backward()``. For reduction "none"
both are the gradient of the sum of the output (tools/make_goldens.py, tools/torch_cases.py).
"""

import json
from pathlib import Path

import numpy as np
import pytest

from losses import compute
from tests.losses.test_goldens import DELIBERATE

GOLDENS = Path(__file__).parents[1] / "goldens"
# Issue 11's bound: a float32 gradient agrees with autodiff to 1e-4 relative; the analytic
# formulas are not the same sequence of float operations as the autodiff graph.
RTOL = {"float32": 1e-4, "float64": 1e-6}
ATOL = {"float32": 1e-6, "float64": 1e-9}
# Keras' CTC computes in float32 even for float64 inputs (losses/sequence.py ctc): its float64
# gradient carries float32 rounding, so it is held to float32's bound.
WORKS_IN_FLOAT32 = {"ctc"}


def _cases(framework):
    data = json.loads((GOLDENS / f"{framework}.json").read_text())
    return [(framework, case) for case in data["cases"] if case.get("gradient") is not None]


# Every loss of both frameworks has a backward pass; every golden case of each is compared below.
# Keras' names are snake_case and PyTorch's CamelCase, so one set serves both frameworks.
WITH_GRADIENT = {
    "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
    "mean_squared_logarithmic_error", "huber", "log_cosh",
    "hinge", "squared_hinge", "categorical_hinge",
    "categorical_crossentropy", "sparse_categorical_crossentropy",
    "binary_crossentropy", "kl_divergence", "poisson",
    "binary_focal_crossentropy", "categorical_focal_crossentropy",
    "categorical_generalized_cross_entropy",
    "cosine_similarity", "dice", "tversky", "circle", "ctc",
    "MSELoss", "L1Loss", "HuberLoss", "SmoothL1Loss", "BCELoss", "BCEWithLogitsLoss", "SoftMarginLoss",
    "CrossEntropyLoss", "NLLLoss", "KLDivLoss", "PoissonNLLLoss", "HingeEmbeddingLoss",
    "MultiMarginLoss", "CosineEmbeddingLoss", "MarginRankingLoss",
}
ALL_CASES = _cases("keras") + _cases("torch")
# Cases Loss Lab refuses on purpose (tests/losses/test_goldens.py) have no gradient to compare.
CASES = [(f, c) for f, c in ALL_CASES if c["loss"] in WITH_GRADIENT and c["id"] not in DELIBERATE]
WITHOUT = [(f, c) for f, c in ALL_CASES if c["loss"] not in WITH_GRADIENT]


def _array(case, name):
    value = case[name]
    shape = case.get("shapes", {}).get(name)
    if value is None or shape is None or isinstance(value, (int, float)):
        return value
    return np.asarray(value, dtype=np.float64).reshape(shape)


def _trace(framework, case):
    return compute(
        case["loss"], _array(case, "y_true"), _array(case, "y_pred"),
        sample_weight=_array(case, "sample_weight"), reduction=case["reduction"],
        dtype=case["dtype"], framework="keras" if framework == "keras" else "pytorch",
        **case["params"],
    )


def test_the_goldens_hold_gradients_for_every_loss_of_both_frameworks():
    import losses

    keras = {case["loss"] for framework, case in ALL_CASES if framework == "keras"}
    torch = {case["loss"] for framework, case in ALL_CASES if framework == "torch"}
    assert set(losses.names()) <= keras
    assert set(losses.names("pytorch")) <= torch


@pytest.mark.parametrize("framework,case", CASES, ids=[f"{f}:{c['id']}" for f, c in CASES])
def test_the_gradient_is_the_frameworks_autodiff(framework, case):
    trace = _trace(framework, case)
    assert trace.gradient is not None, f"{case['loss']} has no backward pass"
    expected = np.asarray(case["gradient"], dtype=np.float64)
    actual = np.asarray(trace.gradient, dtype=np.float64)
    if expected.size == 0:
        # JSON keeps no shape for an empty list: the gradient is y_pred's shape, and empty.
        assert actual.size == 0 and actual.shape == tuple(case["shapes"]["y_pred"])
        return
    assert actual.shape == expected.shape
    dtype = "float32" if case["loss"] in WORKS_IN_FLOAT32 else case["dtype"]
    np.testing.assert_allclose(actual, expected, rtol=RTOL[dtype], atol=ATOL[dtype], equal_nan=True)


def test_every_loss_with_a_backward_pass_has_golden_gradient_cases():
    from collections import Counter

    counts = Counter(case["loss"] for _, case in CASES)
    assert set(counts) == WITH_GRADIENT
    # The golden files hold at least 20 Keras and 8 PyTorch cases of each loss (the fewest:
    # mean_squared_logarithmic_error and poisson; SoftMarginLoss).
    floor = {"keras": 20, "torch": 8}
    for framework, case in CASES:
        assert counts[case["loss"]] >= floor[framework], (case["loss"], counts[case["loss"]])


def test_every_registered_loss_of_both_frameworks_has_a_backward_pass():
    import losses

    assert set(losses.names()) | set(losses.names("pytorch")) == WITH_GRADIENT
    assert WITHOUT == []
