"""Every case in tests/goldens/torch.json, written by real PyTorch (version in the file's header).

``per_sample`` is torch's output with reduction="none" and ``value`` with the case's reduction;
a case where torch raised must raise LossInputError here, with a message instead of a traceback.
"""

import json
from pathlib import Path

import numpy as np
import pytest

import losses
from losses import LossInputError, compute

GOLDENS = json.loads((Path(__file__).parents[1] / "goldens" / "torch.json").read_text())
CASES = GOLDENS["cases"]

# torch's CPU kernels (Sleef's vectorised exp/log, blocked sums) and numpy round differently in the
# last bits: over all cases the largest gap is 3 ulps (float32: 1.8e-7 relative; float64: 3.6e-16).
# rtol leaves room for other CPUs' vector paths. The only absolute gap a relative bound cannot take
# is a subnormal: BCEWithLogitsLoss of a logit 100 with label 1 is log(1 + e^-100) = 3.8e-44, which
# torch writes as 3.9e-44 (tools/torch_cases.py, "large_logits").
RTOL = {"float32": 1e-6, "float64": 1e-12}
ATOL = {"float32": 1e-30, "float64": 1e-300}


def _array(case, name):
    """The input as torch got it: JSON loses the shape of empty arrays, the case records it."""
    return np.asarray(case[name], dtype=np.float64).reshape(case["shapes"][name])


def _run(case, reduction):
    return compute(
        case["loss"],
        _array(case, "y_true"),
        _array(case, "y_pred"),
        reduction=reduction,
        dtype=case["dtype"],
        framework="pytorch",
        **case["params"],
    )


def _close(actual, expected, dtype):
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    assert actual.shape == expected.shape
    np.testing.assert_allclose(actual, expected, rtol=RTOL[dtype], atol=ATOL[dtype], equal_nan=True)


def test_goldens_name_their_source():
    assert GOLDENS["generator"]["torch"].startswith("2.13.0")
    assert len({case["id"] for case in CASES}) == len(CASES)


def test_every_registered_torch_loss_has_golden_cases():
    covered = {case["loss"] for case in CASES if not case["error"]}
    assert set(losses.names("pytorch")) <= covered


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_matches_torch(case):
    if case["error"]:
        with pytest.raises(LossInputError) as raised:
            _run(case, case["reduction"])
        assert str(raised.value)
        return
    trace = _run(case, case["reduction"])
    _close(trace.value, case["value"], case["dtype"])
    _close(trace.per_sample, case["per_sample"], case["dtype"])
    assert trace.framework == "pytorch"
    assert trace.reduction == case["reduction"]
    unreduced = _run(case, "none")
    _close(unreduced.value, case["per_sample"], case["dtype"])
