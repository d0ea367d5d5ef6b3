"""Properties of Trace.gradient beside the goldens: finite differences, N, zero weights, steps."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from losses import compute

SMOOTH = ["mean_squared_error", "log_cosh", "huber", "mean_squared_logarithmic_error"]
KINKED = ["mean_absolute_error", "mean_absolute_percentage_error", "hinge", "squared_hinge",
          "categorical_hinge"]

batches = st.integers(1, 3).flatmap(lambda n: st.integers(2, 4).flatmap(lambda c: st.tuples(
    st.lists(st.lists(st.floats(-2, 2, width=32), min_size=c, max_size=c), min_size=n, max_size=n),
    st.lists(st.lists(st.floats(-2, 2, width=32), min_size=c, max_size=c), min_size=n, max_size=n),
)))


def _central_difference(name, y_true, y_pred, h=1e-3, **kw):
    y_pred = np.asarray(y_pred, dtype=np.float64)
    grad = np.zeros_like(y_pred)
    for index in np.ndindex(y_pred.shape):
        up, down = y_pred.copy(), y_pred.copy()
        up[index] += h
        down[index] -= h
        grad[index] = (compute(name, y_true, up, dtype="float64", **kw).value
                       - compute(name, y_true, down, dtype="float64", **kw).value) / (2 * h)
    return grad


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(SMOOTH + KINKED), batch=batches)
def test_the_gradient_is_the_slope_of_the_value_away_from_kinks(name, batch):
    y_true, y_pred = batch
    if name in ("hinge", "squared_hinge"):
        y_true = [[float(v > 0) for v in row] for row in y_true]
    if name == "categorical_hinge":
        y_true = [[float(j == 0) for j in range(len(row))] for row in y_true]
    trace = compute(name, y_true, y_pred, dtype="float64")
    numeric = _central_difference(name, y_true, y_pred)
    # Kinks: an element within 5e-3 of a corner (h = 1e-3) may see the other side in the difference.
    yt, yp = np.asarray(y_true), np.asarray(y_pred)
    near = {
        "mean_absolute_error": np.abs(yp - yt) < 5e-3,
        "mean_absolute_percentage_error": np.abs(yp - yt) < 5e-3,
        "hinge": np.abs(1 - (2 * yt - 1) * yp) < 5e-3,
        "squared_hinge": np.abs(1 - (2 * yt - 1) * yp) < 5e-3,
        "huber": np.abs(np.abs(yp - yt) - 1) < 5e-3,
        "mean_squared_logarithmic_error": np.abs(yp) < 5e-3,
    }.get(name, np.zeros(yp.shape, bool))
    if name == "mean_absolute_percentage_error" and np.any(np.abs(yt) < 0.1):
        # a target near 0 divides by up to 1e7: the value's float32 rounding swamps the others
        near = np.ones(yp.shape, bool)
    if name == "categorical_hinge":
        # a tie for the strongest wrong class, or a loss near 0, is a corner of the whole row
        wrong = np.where(yt == 1, 0.0, yp)  # the true class competes in the max with 0
        top = np.sort(wrong, axis=-1)
        corner = (top[:, -1] - top[:, -2] < 5e-3) | (np.abs(trace.per_sample) < 5e-3)
        near = np.broadcast_to(corner[:, None], yp.shape)
    # float64 values with float32 means (Keras' ops.mean): the difference quotient carries
    # float32 rounding of about 4e-7 / 2e-3 = 2e-4, and h^2 = 1e-6 of curvature.
    np.testing.assert_allclose(trace.gradient[~near], numeric[~near], rtol=2e-3, atol=2e-3)


@given(name=st.sampled_from(SMOOTH + KINKED), batch=batches)
@settings(max_examples=40, deadline=None)
def test_the_gradient_of_sum_is_n_times_that_of_the_batch_mean(name, batch):
    y_true, y_pred = batch
    mean = compute(name, y_true, y_pred)
    total = compute(name, y_true, y_pred, reduction="sum")
    n = len(y_pred)
    np.testing.assert_allclose(total.gradient, n * mean.gradient, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", SMOOTH + KINKED)
def test_a_zero_weight_sample_gets_exactly_zero_gradient_but_counts_in_n(name):
    y_true, y_pred = [[0.0, 1.0], [1.0, 0.0]], [[0.3, 0.6], [0.8, 0.1]]
    weighted = compute(name, y_true, y_pred, sample_weight=[1.0, 0.0])
    alone = compute(name, y_true[:1], y_pred[:1])
    assert np.all(weighted.gradient[1] == 0)
    # N = 2 still divides: half of sample 0's gradient when it is alone (N = 1).
    np.testing.assert_allclose(weighted.gradient[0], alone.gradient[0] / 2, rtol=1e-6)
    assert weighted.has_gradient_note("note.grad.zero_weight")


def test_the_hinge_docs_example_gradient_by_hand():
    # Keras docs hinge batch: y' = [[-1, 1], [-1, -1]], every margin below 1, so dt/dy_pred = -y';
    # times 1/N = 1/2 and 1/C = 1/2: -y' / 4.
    trace = compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    np.testing.assert_array_equal(trace.gradient, [[0.25, -0.25], [0.25, 0.25]])
    keys = [step.key for step in trace.gradient_steps]
    assert keys == ["grad.reduction", "grad.aggregation", "grad.local", "gradient"]
    assert trace.has_gradient_note("note.grad.divisor")


def test_a_margin_past_one_stops_the_push():
    # margins 2 * 1 = 2 and (-1)(-0.5) = 0.5: only the second element still learns, with
    # dt/dy_pred = -y' = 1 times 1/N = 1 times 1/C = 1/2: 0.5.
    trace = compute("hinge", [[1, 0]], [[2.0, -0.5]])
    assert trace.gradient[0, 0] == 0 and trace.gradient[0, 1] == pytest.approx(0.5)
    assert trace.has_gradient_note("note.grad.hinge_satisfied")


PROBABILISTIC = {
    # name: (make y_true from a row of the batch, params)
    "binary_crossentropy": (lambda row: [float(v > 0.5) for v in row], {}),
    "binary_focal_crossentropy": (lambda row: [float(v > 0.5) for v in row], {}),
    "categorical_crossentropy": (lambda row: [float(j == 0) for j in range(len(row))], {}),
    "categorical_focal_crossentropy": (lambda row: [float(j == 0) for j in range(len(row))], {}),
    "kl_divergence": (lambda row: [v / sum(row) for v in row], {}),
    "poisson": (lambda row: [2 * v for v in row], {}),
}

probabilities = st.integers(1, 3).flatmap(lambda n: st.integers(2, 4).flatmap(lambda c: st.lists(
    st.lists(st.floats(0.0625, 0.9375, width=32), min_size=c, max_size=c), min_size=n, max_size=n)))


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(sorted(PROBABILISTIC)), y_pred=probabilities, from_logits=st.booleans())
def test_a_probabilistic_gradient_is_the_slope_of_the_value(name, y_pred, from_logits):
    make, params = PROBABILISTIC[name]
    y_true = [make(row) for row in y_pred]
    if from_logits:
        if name in ("kl_divergence", "poisson"):
            return
        params = {**params, "from_logits": True}
        y_pred = [[4 * v - 2 for v in row] for row in y_pred]  # logits in [-1.75, 1.75]
    trace = compute(name, y_true, y_pred, dtype="float64", **params)
    numeric = _central_difference(name, y_true, y_pred, **params)
    # Probabilities in [1/16, 15/16] stay 1/16 - h away from the clip; as above, float64 values
    # carry float32 means (Keras' ops.mean), about 2e-4 in the difference quotient.
    np.testing.assert_allclose(trace.gradient, numeric, rtol=2e-3, atol=2e-3)


def test_cross_entropy_with_logits_sends_back_softmax_minus_the_target():
    # Logits [0, 0] give softmax [0.5, 0.5]; target [0, 1]: (p - y) / N with N = 1 is
    # [0.5, -0.5], by hand.
    trace = compute("categorical_crossentropy", [[0, 1]], [[0.0, 0.0]], from_logits=True)
    np.testing.assert_allclose(trace.gradient, [[0.5, -0.5]], rtol=1e-6)
    assert trace.has_gradient_note("note.grad.softmax_minus_target")


def test_a_true_class_at_probability_zero_learns_nothing_through_the_clip():
    # The true class has probability 0: clipped up to 1e-7, where the clip is flat, so nothing
    # flows back; the other class's term is 0 * log p = 0 for any p. Every gradient is 0.
    trace = compute("categorical_crossentropy", [[1, 0]], [[0.0, 1.0]])
    assert np.all(trace.gradient == 0)
    assert trace.has_gradient_note("note.grad.true_class_clipped")
    logits = compute("categorical_crossentropy", [[1, 0]], [[-20.0, 20.0]], from_logits=True)
    # With logits nothing is clipped: softmax is [e^-40 / (1 + e^-40), ...] ~ [0, 1], so the
    # gradient is p - y ~ [-1, 1].
    np.testing.assert_allclose(logits.gradient, [[-1.0, 1.0]], atol=1e-6)


def test_renormalised_probabilities_share_the_gradient_across_the_row():
    # y_pred [0.25, 0.75] sums to 1; target class 1: dL/dp = [0, -1/0.75]. Through p = y / S
    # with S = 1: dL/dy_m = dL/dp_m - sum_k dL/dp_k p_k = dL/dp_m + 1, so [1, 1 - 4/3] = [1, -1/3].
    trace = compute("categorical_crossentropy", [[0, 1]], [[0.25, 0.75]])
    np.testing.assert_allclose(trace.gradient, [[1.0, -1.0 / 3.0]], rtol=1e-6)
    assert trace.has_gradient_note("note.grad.renormalise_couples")


unit = st.floats(0, 1, width=32)
overlap_batches = st.integers(1, 3).flatmap(lambda n: st.integers(2, 4).flatmap(lambda c: st.tuples(
    st.lists(st.lists(st.sampled_from([0.0, 1.0]), min_size=c, max_size=c), min_size=n, max_size=n),
    st.lists(st.lists(unit, min_size=c, max_size=c), min_size=n, max_size=n),
)))


@settings(max_examples=30, deadline=None)
@given(batch=batches)
def test_the_cosine_gradient_is_the_slope_of_the_value(batch):
    y_true, y_pred = batch
    yp = np.asarray(y_pred)
    # A short vector is near the cap (and a zero one has no direction): only rows of length > 0.1.
    y_pred = np.where(np.linalg.norm(yp, axis=-1, keepdims=True) < 0.1, yp + 0.5, yp)
    trace = compute("cosine_similarity", y_true, y_pred, dtype="float64")
    numeric = _central_difference("cosine_similarity", y_true, y_pred)
    # 1/|y_pred| up to 10 amplifies the h^2 curvature error: a looser absolute bound than above.
    np.testing.assert_allclose(trace.gradient, numeric, rtol=2e-3, atol=5e-3)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["dice", "tversky"]), axis=st.sampled_from([None, 1]), batch=overlap_batches,
       alpha=st.floats(0.1, 0.9))
def test_the_overlap_gradients_are_the_slope_of_the_value(name, axis, batch, alpha):
    y_true, y_pred = batch
    params = {"axis": axis} if name == "dice" else {"axis": axis, "alpha": alpha, "beta": 1 - alpha}
    trace = compute(name, y_true, y_pred, dtype="float64", **params)
    numeric = _central_difference(name, y_true, y_pred, **params)
    np.testing.assert_allclose(trace.gradient, numeric, rtol=2e-3, atol=2e-3)


# Labels 0, 1, 0, 1, ...: with 4 or more samples each has a positive and a negative pair, so no
# loss is masked out as 0 for want of one.
embeddings = st.integers(4, 5).flatmap(lambda n: st.tuples(
    st.just([i % 2 for i in range(n)]),
    st.lists(st.lists(st.floats(-1, 1, width=32), min_size=3, max_size=3), min_size=n, max_size=n),
))


@settings(max_examples=30, deadline=None)
@given(batch=embeddings, gamma=st.sampled_from([1.0, 4.0]))
def test_the_circle_gradient_is_the_slope_of_the_value(batch, gamma):
    labels, y_pred = batch
    yp = np.asarray(y_pred, dtype=np.float64)
    yp = yp / np.maximum(np.linalg.norm(yp, axis=1, keepdims=True), 1e-3)
    trace = compute("circle", labels, yp, dtype="float64", gamma=gamma)
    numeric = _central_difference("circle", labels, yp, gamma=gamma)
    # Corners of the whole batch: a pair at similarity 1 (d's floor) or a negative pair at
    # d = 1 + m (its weight's floor), within 5e-3 of it.
    s = yp @ yp.T
    same = np.equal.outer(labels, labels)
    counted = ~np.eye(len(labels), dtype=bool) | ~same
    assume(not np.any((counted & (np.abs(1 - s) < 5e-3)) | (~same & (np.abs(s + 0.4) < 5e-3))))
    assert np.all(trace.per_sample > 0)
    np.testing.assert_allclose(trace.gradient, numeric, rtol=2e-3, atol=2e-3)


@settings(max_examples=20, deadline=None)
@given(steps=st.integers(2, 4), label=st.lists(st.integers(1, 2), min_size=1, max_size=2),
       logits=st.lists(st.floats(-2, 2, width=32), min_size=12, max_size=12))
def test_the_ctc_gradient_is_the_slope_of_the_value(steps, label, logits):
    # A label that cannot fit costs about 1e5, where float32's spacing (0.008) drowns the slope.
    assume(len(label) + sum(a == b for a, b in zip(label, label[1:])) <= steps)
    y_pred = np.asarray(logits[: steps * 3], dtype=np.float64).reshape(1, steps, 3)
    y_true = [label]
    trace = compute("ctc", y_true, y_pred, dtype="float64")
    # Keras' CTC works in float32 even here: a wider step keeps its rounding (about 1e-7 of a
    # value near 1, over 2h = 2e-2) below the bound, at a curvature error of h^2 = 1e-4.
    numeric = _central_difference("ctc", y_true, y_pred, h=1e-2)
    np.testing.assert_allclose(trace.gradient, numeric, rtol=5e-3, atol=5e-3)


# ---------------------------------------------------------------- PyTorch (torch autograd's input.grad)

TORCH_SMOOTH = ["MSELoss", "HuberLoss", "SmoothL1Loss", "BCELoss", "BCEWithLogitsLoss", "SoftMarginLoss",
                "CrossEntropyLoss", "NLLLoss", "KLDivLoss", "PoissonNLLLoss"]


def _torch_inputs(name, y_true, y_pred):
    """Valid torch inputs from two float batches in [-2, 2]: targets and predictions in range."""
    yt, yp = np.asarray(y_true, dtype=np.float64), np.asarray(y_pred, dtype=np.float64)
    if name == "BCELoss":
        return (yt + 2) / 4, 0.05 + 0.9 * (yp + 2) / 4  # probabilities kept off 0 and 1
    if name in ("BCEWithLogitsLoss", "KLDivLoss", "PoissonNLLLoss"):
        return (yt + 2) / 4, yp  # targets in [0, 1]: a negative one makes y log y nan
    if name == "SoftMarginLoss":
        return np.where(yt >= 0, 1.0, -1.0), yp
    if name in ("CrossEntropyLoss", "NLLLoss"):
        return np.argmax(yt, axis=1).astype(np.float64), yp
    return yt, yp


def _torch_central_difference(name, y_true, y_pred, h=1e-4):
    grad = np.zeros_like(y_pred)
    for index in np.ndindex(y_pred.shape):
        up, down = y_pred.copy(), y_pred.copy()
        up[index] += h
        down[index] -= h
        grad[index] = (compute(name, y_true, up, dtype="float64", framework="pytorch").value
                       - compute(name, y_true, down, dtype="float64", framework="pytorch").value) / (2 * h)
    return grad


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(TORCH_SMOOTH), batch=batches)
def test_a_torch_gradient_is_the_slope_of_the_value(name, batch):
    y_true, y_pred = _torch_inputs(name, *batch)
    trace = compute(name, y_true, y_pred, dtype="float64", framework="pytorch")
    numeric = _torch_central_difference(name, y_true, y_pred)
    # Huber and smooth L1 change curvature at |d| = 1 (delta = beta = 1): a difference across
    # that point errs by up to h / 2 of the jump, so elements within 5e-4 of it are left out.
    near = np.zeros(y_pred.shape, bool)
    if name in ("HuberLoss", "SmoothL1Loss"):
        near = np.abs(np.abs(y_pred - y_true) - 1) < 5e-4
    # float64 throughout (torch reduces float64 in float64): h^2 = 1e-8 of the third derivative.
    np.testing.assert_allclose(trace.gradient[~near], numeric[~near], rtol=1e-5, atol=1e-7)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(TORCH_SMOOTH + ["L1Loss", "HingeEmbeddingLoss"]), batch=batches)
def test_a_torch_sum_sends_back_n_times_the_mean_over_every_element(name, batch):
    y_true, y_pred = _torch_inputs(name, *batch)
    if name == "HingeEmbeddingLoss":
        y_true = np.where(y_true >= 0, 1.0, -1.0)
    mean = compute(name, y_true, y_pred, framework="pytorch")
    total = compute(name, y_true, y_pred, reduction="sum", framework="pytorch")
    # "mean" divides by every element of the unreduced output (one per sample for class targets).
    n = mean.per_sample.size
    np.testing.assert_allclose(total.gradient, n * mean.gradient, rtol=1e-5, atol=1e-6)


def test_cross_entropy_sends_back_softmax_minus_one_hot():
    # logits [0, 0]: softmax [0.5, 0.5]; the target 0 as one-hot [1, 0]; N = 1: [-0.5, 0.5].
    trace = compute("CrossEntropyLoss", [0], [[0.0, 0.0]], framework="pytorch")
    np.testing.assert_allclose(trace.gradient, [[-0.5, 0.5]])
    assert [step.key for step in trace.gradient_steps] == ["grad.reduction", "grad.local", "grad.softmax",
                                                           "gradient"]


def test_an_ignored_row_gets_zero_and_leaves_the_mean_divisor():
    # Row 1 is ignored: 0 everywhere. Row 0 alone divides "mean" (1, not 2): [-0.5, 0.5] as above.
    trace = compute("CrossEntropyLoss", [0, -100], [[0.0, 0.0], [5.0, 1.0]], framework="pytorch")
    np.testing.assert_allclose(trace.gradient, [[-0.5, 0.5], [0.0, 0.0]])
    assert trace.has_gradient_note("note.grad.torch_ignored")


def test_bce_at_a_probability_of_zero_divides_by_the_backward_epsilon():
    # p = 0, y = 1: (0 - 1) / max(0 * 1, 1e-12) = -1e12 (N = 1), whatever the -100 clamp did forward;
    # p = 1, y = 1: (1 - 1) / 1e-12 = 0. Over N = 2: [-5e11, 0].
    trace = compute("BCELoss", [[1.0, 1.0]], [[0.0, 1.0]], framework="pytorch")
    np.testing.assert_allclose(trace.gradient, [[-5e11, 0.0]], rtol=1e-6)
    assert trace.has_gradient_note("note.grad.torch_bce_epsilon")


def test_l1_at_a_zero_error_gets_no_gradient_in_torch():
    # sign(0) = 0 and sign(0.5) = 1, over N = 2: [0, 0.5].
    trace = compute("L1Loss", [[1.0, 2.0]], [[1.0, 2.5]], framework="pytorch")
    np.testing.assert_array_equal(trace.gradient, [[0.0, 0.5]])
    assert trace.has_gradient_note("note.grad.abs_at_zero")


def test_clamp_min_passes_the_gradient_at_its_corner_but_multi_margin_does_not():
    # MarginRankingLoss, y = 1, x1 = x2: -y d + margin = 0 sits at the corner; clamp_min's slope
    # there is 1, so d l / d x1 = -y = -1 and d l / d x2 = +1 (N = 1).
    ranking = compute("MarginRankingLoss", [1.0], [[1.0, 1.0]], framework="pytorch")
    np.testing.assert_array_equal(ranking.gradient, [[-1.0, 1.0]])
    assert ranking.has_gradient_note("note.grad.torch_clamp_corner")
    # MultiMarginLoss, target 0, x = [1, 0, -1]: z_1 = 1 - 1 + 0 = 0, z_2 = -1; its kernel counts
    # only z > 0: no gradient at all.
    multi = compute("MultiMarginLoss", [0], [[1.0, 0.0, -1.0]], framework="pytorch")
    np.testing.assert_array_equal(multi.gradient, [[0.0, 0.0, 0.0]])
    assert multi.has_gradient_note("note.grad.torch_multi_margin_corner")
