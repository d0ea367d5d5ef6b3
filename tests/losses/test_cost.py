"""Every input the page accepts costs a bounded amount: the largest one stays under the budget.

The parser takes at most 10,000 numbers per input. For most losses that is at most 10,000
elements of work; circle (every pair of samples) and generalized cross-entropy with (N, 1) labels
(an N x N loss, as Keras broadcasts it) grow with N^2, so ``compute`` refuses them past its
budget before computing. Memory is measured with tracemalloc, not time.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

import losses
from losses.compute import MEMORY_BUDGET, check_cost
from losses.parsing import MAX_NUMBERS

RNG = np.random.default_rng(0)


def _peak(call) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _largest_accepted(make, low: int, high: int) -> int:
    """The largest N whose inputs ``compute`` accepts: its own cost check, binary searched."""
    while low < high:
        mid = (low + high + 1) // 2
        name, y_true, y_pred = make(mid)
        try:
            check_cost(losses.spec(name), np.shape(y_true), np.shape(y_pred), np.float32)
            low = mid
        except losses.LossInputError as error:
            assert error.key == "error.too_much_work", error.key
            high = mid - 1
    return low


QUADRATIC = {
    # Labels (N,) and one-number embeddings (N, 1): N numbers each, N x N pairs.
    "circle": lambda n: ("circle", np.arange(n) % 3, RNG.normal(size=(n, 1))),
    # (N, 1) labels against (N, 2) probabilities: Keras' broadcast gives an N x N loss.
    "categorical_generalized_cross_entropy": lambda n: (
        "categorical_generalized_cross_entropy", (np.arange(n) % 2)[:, None],
        np.full((n, 2), 0.5)),
}


@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_the_largest_accepted_quadratic_input_stays_under_the_memory_budget(name):
    make = QUADRATIC[name]
    limit = MAX_NUMBERS  # no input the page reads holds more numbers than this
    n = _largest_accepted(make, 1, limit)
    assert n < limit  # the budget, not the parser, is what stops these losses
    with pytest.raises(losses.LossInputError) as refused:
        losses.compute(*make(n + 1))
    assert refused.value.key == "error.too_much_work" and refused.value.argument == "y_pred"
    peak = _peak(lambda: losses.compute(*make(n)))
    assert peak < MEMORY_BUDGET, (n, peak / 2**20)


@pytest.mark.parametrize(("framework", "name"), [(fw, n) for fw in losses.FRAMEWORKS for n in losses.names(fw)
                                                 if n not in QUADRATIC])
def test_every_other_loss_at_the_parsers_limit_stays_small(framework, name):
    spec = losses.spec(name, framework)
    shape = np.shape(spec.example["y_pred"])
    rows = max(1, MAX_NUMBERS // int(np.prod(shape[1:]) or 1))
    tile = (rows // shape[0] + 1,) + (1,) * (len(shape) - 1)
    y_pred = np.tile(np.asarray(spec.example["y_pred"], dtype=float), tile)[:rows]
    true_shape = np.shape(spec.example["y_true"])
    y_true = np.tile(np.asarray(spec.example["y_true"], dtype=float),
                     (rows // true_shape[0] + 1,) + (1,) * (len(true_shape) - 1))[:rows]
    params = spec.example.get("params", {})
    peak = _peak(lambda: losses.compute(name, y_true, y_pred, framework=framework, **params))
    # 10,000 numbers: a few hundred kB of arrays, far below the budget.
    assert peak < MEMORY_BUDGET / 16, peak
