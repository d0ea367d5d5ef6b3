"""Circle loss and CTC: Keras 3's numbers, their steps and their surprises.

Every expected number says where it comes from: hand arithmetic in a comment, or Keras 3.15.1
(jax backend) quoted with its version.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import losses
from losses import LossInputError, compute
from losses.catalog import render
from losses.messages import render_formula
from tests.losses.rendering import assert_trace_renders

CIRCLE_EXAMPLE = losses.spec("circle").example
CTC_EXAMPLE = losses.spec("ctc").example


def softplus(x):
    return math.log1p(math.exp(x))


def test_circle_by_hand():
    # gamma 1, margin 0.25; samples 0 and 1 identical (label 0), sample 2 orthogonal (label 1).
    # Pair (0, 1): s = 1, d = 0, a_p = 0.25 + 0 = 0.25, u_p = -1 * 0.25 * (0.25 - 0) = -0.0625.
    # Pair (0, 2): s = 0, d = 1, a_n = 1.25 - 1 = 0.25, u_n = 1 * 0.25 * (0.75 - 1) = -0.0625.
    # softplus(-0.125) = log(1 + 0.88250) = 0.63259. Sample 2 has no positive pair: softplus(-inf) = 0.
    trace = compute("circle", [0, 0, 1], [[1, 0], [1, 0], [0, 1]], gamma=1.0, margin=0.25,
                    reduction="none")
    np.testing.assert_allclose(trace.per_sample, [softplus(-0.125), softplus(-0.125), 0.0], rtol=1e-6)
    assert trace.step("positive_logit").array[0, 1] == pytest.approx(-0.0625, rel=1e-6)
    assert trace.step("negative_logit").array[0, 2] == pytest.approx(-0.0625, rel=1e-6)
    assert str(trace.sample_arithmetic[0].formula) == "softplus(-0.0625 + (-0.0625)) = 0.6326"
    # Sample 2's two negatives are both -0.0625: LSE_n = log 2 - 0.0625 = 0.6306.
    assert str(trace.sample_arithmetic[2].formula) == "softplus(0.6306 + (-inf)) = 0"
    assert render_formula(trace.sample_arithmetic[2].formula, "en") == r"softplus(0.6306 + (-\infty)) = 0"
    note = next(n for n in trace.notes if n.key == "note.circle_no_positive")
    assert dict(note.params) == {"count": 1}
    assert str(note.message).startswith("1 sample(s) share their label with no other sample")
    # The worked examples show the first pair that counts: (0, 1) positive, (0, 2) negative.
    assert render_formula(trace.step("positive_weight").example, "en") == (
        r"a^p_{01} = \max((0.25 + 0) \cdot 1,\ 0) = 0.25")
    assert render_formula(trace.step("negative_logit").example, "en") == (
        r"u^n_{02} = 1 \cdot 0.25 \cdot (0.75 - 1) = -0.0625")
    # The terms are the pairwise similarity matrix.
    np.testing.assert_array_equal(trace.terms, [[1, 1, 0], [1, 1, 0], [0, 0, 1]])


def test_circle_registry_example_matches_keras():
    # Keras 3.15.1 keras.losses.Circle() on the registry example (rows NOT unit length).
    trace = compute("circle", CIRCLE_EXAMPLE["y_true"], CIRCLE_EXAMPLE["y_pred"], reduction="none")
    np.testing.assert_allclose(
        trace.per_sample,
        [1.5120310337124465e-08, 0.0011401826050132513, 0.03636236488819122, 2.5930784186556366e-09],
        rtol=1e-6)
    value = compute("circle", CIRCLE_EXAMPLE["y_true"], CIRCLE_EXAMPLE["y_pred"]).value
    assert value == pytest.approx(0.00937564205378294, rel=1e-6)
    note = next(n for n in trace.notes if n.key == "note.circle_not_normalised")
    assert note.level == "warning" and isinstance(note.params["length"], float)
    assert "(row 0 has length 1.005)" in str(note.message)
    assert [s.key for s in trace.steps][:10] == [
        "similarity", "distance", "positive_mask", "negative_mask", "positive_weight",
        "negative_weight", "positive_logit", "negative_logit", "lse_positive", "lse_negative"]
    # With remove_diagonal the diagonal is dropped from the positives, and marked as changed.
    assert trace.step("positive_mask").array[0].tolist() == [0, 1, 0, 0]
    assert trace.step("positive_mask").changed[0].tolist() == [True, False, False, False]
    title = trace.step("positive_mask").title
    assert (title.key, dict(title.params)) == ("step.circle.positive_mask", {"remove_diagonal": True})
    assert str(title) == "Positive pairs: same label, not the sample itself"
    assert render(title, "zh") == "正样本对：标签相同，但不包括样本自身"
    # s_00 written out: the row times itself, coordinate by coordinate.
    assert render_formula(trace.step("similarity").example, "en") == r"s_{00} = 1 \cdot 1 + 0.1 \cdot 0.1 = 1.01"


def test_circle_keeps_the_diagonal_when_asked():
    # Keras 3.15.1 Circle(remove_diagonal=False) on the registry example.
    trace = compute("circle", CIRCLE_EXAMPLE["y_true"], CIRCLE_EXAMPLE["y_pred"],
                    remove_diagonal=False, reduction="none")
    np.testing.assert_allclose(
        trace.per_sample,
        [2.533716525476848e-08, 0.0028523560613393784, 0.037105441093444824, 9.760419743543025e-07],
        rtol=1e-6)
    assert str(trace.step("positive_mask").title) == "Positive pairs: same label"


ZERO_TRUE = [0, 0, 1]
ZERO_PRED = [[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]]


@pytest.mark.parametrize(
    ("weight", "reduction", "expected"),
    [
        # Keras 3.15.1. Per sample [1.87e-10, 6.4016638, 0]: the 0 is masked out (circle sets
        # the mask loss > 0), so the mean divides by 2, not 3: (1.87e-10 + 6.4016638) / 2.
        (None, "none", [1.8698406711870064e-10, 6.401663780212402, 0.0]),
        (None, "sum_over_batch_size", 3.200831651687622),
        (None, "sum", 6.401663780212402),
        (None, "mean_with_sample_weight", 3.200831890106201),
        # With weights the valid ones are scaled by total / valid = 3 / 2:
        # (1.5 * 1 * 1.87e-10 + 1.5 * 2 * 6.4016638 + 0) / 3 = 6.4016638.
        ([1, 2, 3], "sum_over_batch_size", 6.401663303375244),
        # mean_with_sample_weight multiplies weights by the 0/1 mask: (1 * 1.87e-10 + 2 * 6.40) / 3.
        ([1, 2, 3], "mean_with_sample_weight", 4.267776012420654),
    ],
)
def test_circle_zero_losses_are_masked_as_keras_does(weight, reduction, expected):
    trace = compute("circle", ZERO_TRUE, ZERO_PRED, sample_weight=weight, reduction=reduction)
    np.testing.assert_allclose(trace.value, expected, rtol=1e-6)
    assert trace.has_note("note.circle_zero_masked")


def test_circle_subnormal_losses_are_zero_as_on_xla():
    # margin 1, pair (0, 1) identical: u_p = -gamma * 1 * 1; the negative (-1, 0) has d = 2,
    # a_n = max(2 - 2, 0) = 0, so LSE_n = log(e^0) = 0 and the loss is softplus(-gamma) = e^-gamma.
    # Keras 3.15.1: gamma 85 gives 1.2160993e-37 (a normal float32); gamma 90 gives exactly 0,
    # because e^-90 = 8e-40 is subnormal and XLA flushes it to zero.
    pred = [[1, 0], [1, 0], [-1, 0]]
    normal = compute("circle", [0, 0, 1], pred, gamma=85.0, margin=1.0, reduction="none")
    np.testing.assert_allclose(normal.per_sample, [1.2160992719555806e-37] * 2 + [0.0], rtol=1e-6)
    flushed = compute("circle", [0, 0, 1], pred, gamma=90.0, margin=1.0, reduction="none")
    assert flushed.per_sample.tolist() == [0.0, 0.0, 0.0]


def test_circle_with_one_label_has_no_negatives():
    trace = compute("circle", [1, 1], [[1, 0], [0, 1]], reduction="none")
    # LSE_n = -inf for every row: softplus(-inf) = 0.
    assert trace.per_sample.tolist() == [0.0, 0.0]
    assert trace.has_note("note.circle_no_negative")


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 6), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_circle_is_non_negative_and_symmetric(n, d, seed):
    rng = np.random.default_rng(seed)
    emb = rng.normal(size=(n, d))
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    trace = compute("circle", rng.integers(0, 2, size=n), emb, reduction="none")
    assert np.all(trace.per_sample >= 0)
    np.testing.assert_array_equal(trace.terms, trace.terms.T)
    assert not trace.has_note("note.circle_not_normalised")


def test_ctc_registry_example_matches_keras():
    # Keras 3.15.1 keras.losses.CTC(): [1.1937319, 1.3653265], mean 1.2795292. rtol 1e-6: the
    # forward recursion takes a float32 log/exp per step, and XLA's exp/log1p differ from numpy's
    # by an ulp; here sample 1 is 1 ulp (8.7e-8 relative) away.
    trace = compute("ctc", CTC_EXAMPLE["y_true"], CTC_EXAMPLE["y_pred"], reduction="none")
    np.testing.assert_allclose(trace.per_sample, [1.1937319040298462, 1.3653265237808228], rtol=1e-6)
    value = compute("ctc", CTC_EXAMPLE["y_true"], CTC_EXAMPLE["y_pred"]).value
    assert value == pytest.approx(1.2795292139053345, rel=1e-6)


def test_ctc_steps():
    trace = compute("ctc", CTC_EXAMPLE["y_true"], CTC_EXAMPLE["y_pred"], reduction="none")
    assert [s.key for s in trace.steps] == [
        "label_length", "log_softmax", "extended_labels", "alpha", "per_sample", "reduction"]
    assert trace.step("label_length").array.tolist() == [2, 1]
    # Blanks (0) before, between and after: (1, 2) -> (0, 1, 0, 2, 0); (2, 0) -> (0, 2, 0, 0, 0).
    assert trace.step("extended_labels").array.tolist() == [[0, 1, 0, 2, 0], [0, 2, 0, 0, 0]]
    alpha = trace.step("alpha").array
    assert alpha.shape == (3, 5)  # T = 3 steps, 2 * 2 + 1 extended labels of sample 0
    # The loss is minus the log of the last row's final blank plus final label.
    assert -np.logaddexp(alpha[-1, -1], alpha[-1, -2]) == pytest.approx(trace.per_sample[0], rel=1e-6)
    # alpha_1(0) = p_1(blank) = log-softmax of (0.5, 1.0, 0.1) at class 0.
    z = np.array([0.5, 1.0, 0.1])
    assert alpha[0, 0] == pytest.approx(0.5 - math.log(np.exp(z).sum()), rel=1e-6)
    note = next(n for n in trace.notes if n.key == "note.ctc_blank_is_zero")
    assert dict(note.params) == {"classes": 3, "last": 2}
    assert "real labels are 1 to 2." in str(note.message)
    title = trace.step("alpha").title
    assert (title.key, dict(title.params)) == ("step.ctc.alpha", {"sample": 0})
    assert str(title) == "Forward table of sample 0: log α_t(s), one column per extended label"
    assert render_formula(trace.step("log_softmax").example, "en") == "0.5 - 1.7 = -1.2"
    assert str(trace.sample_arithmetic[0].formula) == "-log(exp(-1.994) + exp(-1.79)) = 1.194"
    assert render_formula(trace.sample_arithmetic[0].formula, "en") == (
        r"-\log(\exp(-1.994) + \exp(-1.79)) = 1.194")


@pytest.mark.parametrize(
    ("labels", "steps", "expected"),
    [
        # Uniform over 2 classes, so every path of T steps has probability 2**-T.
        ([[1]], 1, math.log(2)),          # the one path "1"
        ([[1]], 2, -math.log(0.75)),      # "11", "01", "10": 3/4
        ([[1, 1]], 3, 3 * math.log(2)),   # only "101": a repeat needs a blank between
        ([[0, 0]], 2, 2 * math.log(2)),   # empty label: only "00"
    ],
)
def test_ctc_by_hand(labels, steps, expected):
    trace = compute("ctc", labels, np.zeros((1, steps, 2)), reduction="none")
    assert trace.per_sample[0] == pytest.approx(expected, rel=1e-6)


def test_ctc_impossible_alignment_is_about_1e5_not_infinity():
    # Keras 3.15.1: labels (1, 1, 1) in 3 steps need 5 steps; the loss is 100000.5234375.
    trace = compute("ctc", [[1, 1, 1]], np.zeros((1, 3, 3)), reduction="none")
    assert trace.per_sample[0] == pytest.approx(100000.5234375, rel=1e-6)
    note = next(n for n in trace.notes if n.key == "note.ctc_impossible")
    assert dict(note.params) == {"count": 1, "steps": 3}
    assert str(note.message).startswith("1 label sequence(s) cannot fit in 3 time steps")


def test_ctc_zero_inside_a_label_row_is_read_as_a_label():
    # Keras 3.15.1: (0, 1) has label length 1, and Keras reads label "0" (the blank), not "1".
    trace = compute("ctc", [[0, 1], [1, 0]], CTC_EXAMPLE["y_pred"], reduction="none")
    np.testing.assert_allclose(trace.per_sample, [1.7021007537841797, 1.9232900142669678], rtol=1e-6)
    assert trace.has_note("note.ctc_zero_inside_label")


def test_ctc_probabilities_are_read_as_logits():
    probs = [[[0.2, 0.8], [0.5, 0.5]]]
    trace = compute("ctc", [[1]], probs, reduction="none")
    assert trace.has_note("note.ctc_probabilities_as_logits")
    # log-softmax of (0.2, 0.8) is not log(0.2, 0.8): the loss is not -log(0.8 * 0.5 + ...).
    assert trace.step("log_softmax").array[0, 0, 1] == pytest.approx(0.8 - math.log(math.exp(0.2) + math.exp(0.8)))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.integers(0, 3))
def test_ctc_overwhelming_mass_on_the_right_path_gives_about_zero(labels, extra):
    # The path l1, 0, l2, 0, ... (a blank after each label) then `extra` blanks, with logit 30
    # on it and 0 elsewhere: its probability is at least (1 + 4 e^-30)^-T, so the loss is
    # at most T * 4 e^-30 (about 1e-12); float32 rounding may leave it a hair below 0.
    path = [c for label in labels for c in (label, 0)] + [0] * extra
    logits = np.zeros((1, len(path), 5))
    logits[0, np.arange(len(path)), path] = 30.0
    trace = compute("ctc", [labels], logits, reduction="none")
    assert abs(trace.per_sample[0]) < 1e-5


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_ctc_ignores_a_constant_added_to_one_steps_logits(seed):
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(2, 4, 3))
    labels = [[1, 2], [2, 0]]
    shifted = logits.copy()
    shifted[:, 1] += 5.0
    base = compute("ctc", labels, logits, reduction="none").per_sample
    np.testing.assert_allclose(compute("ctc", labels, shifted, reduction="none").per_sample, base, rtol=1e-5)


def test_ctc_without_time_steps_is_refused_naming_y_pred():
    with pytest.raises(LossInputError) as caught:
        compute("ctc", [[1]], np.zeros((1, 0, 3)))
    err = caught.value
    assert (err.key, err.argument) == ("error.shape.ctc_empty", "y_pred")
    assert err.params == {"y_true_shape": (1, 1), "y_pred_shape": (1, 0, 3)}
    assert str(err) == ("y_true has shape (1, 1) and y_pred has shape (1, 0, 3): CTC needs at least "
                        "one time step and one label column.")


RENDER_CASES = [
    ("circle", CIRCLE_EXAMPLE["y_true"], CIRCLE_EXAMPLE["y_pred"], {}),
    ("circle", [0, 0, 1], [[1, 0], [1, 0], [0, 1]], {"remove_diagonal": False, "sample_weight": [1, 2, 3]}),
    ("circle", [1, 1], [[1, 0], [0, 1]], {}),
    ("ctc", CTC_EXAMPLE["y_true"], CTC_EXAMPLE["y_pred"], {}),
    ("ctc", [[0, 1], [1, 0]], CTC_EXAMPLE["y_pred"], {"reduction": "none"}),
    ("ctc", [[1, 1, 1]], np.zeros((1, 3, 3)), {}),
    ("ctc", [[1]], [[[0.2, 0.8], [0.5, 0.5]]], {"dtype": "float64"}),
    ("ctc", [[0, 0]], np.zeros((1, 2, 2)), {}),
]


@pytest.mark.parametrize(("name", "y_true", "y_pred", "kwargs"), RENDER_CASES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_message_renders_in_both_languages(name, y_true, y_pred, kwargs, lang):
    assert_trace_renders(compute(name, y_true, y_pred, **kwargs), lang)


def test_ctc_in_float64_is_float32_as_in_keras():
    # Keras 3.15.1 (jax, JAX_ENABLE_X64=1): CTC(reduction="none", dtype="float64") gives
    # 1.1937319040298462, a float32 number: jax's ctc_loss computes at
    # result_type(float64, "float32"), which Keras makes float32.
    y_pred = [[[0.5, 1.0, 0.1], [0.2, 0.3, 1.2], [0.9, 0.1, 0.4]]]
    trace = compute("ctc", [[1, 2]], y_pred, reduction="none", dtype="float64")
    assert trace.per_sample.dtype == np.float64
    assert trace.per_sample.tolist() == [1.1937319040298462]
    assert trace.per_sample[0] == np.float32(trace.per_sample[0])
    note = next(n for n in trace.notes if n.key == "note.ctc_float64_in_float32")
    assert dict(note.params) == {"dtype": "float64"}
    assert str(note.message).startswith("dtype is float64, but Keras' CTC computes in float32")
    assert render(note.message, "zh").startswith("dtype 是 float64，但 Keras 的 CTC 仍然用 float32 计算")
    assert not compute("ctc", [[1, 2]], y_pred).has_note("note.ctc_float64_in_float32")
