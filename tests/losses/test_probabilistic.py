"""Cross-entropies, focal losses, generalized cross-entropy, KL divergence and Poisson.

Every expected number says where it comes from: hand arithmetic in a comment, a Keras docstring,
or Keras 3.15.1 run on the jax backend (float32 unless the test says float64). The full golden
file is checked by test_goldens.py; these tests pin the behaviours a learner meets and the steps
that explain them.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from losses import LossInputError, compute
from losses.catalog import CATALOGS, render
from losses.messages import render_formula

F32 = np.float32
CCE_TRUE = [[0, 1, 0], [0, 0, 1]]
CCE_PRED = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
BCE_TRUE = [[0, 1], [0, 0]]
BCE_PRED = [[0.6, 0.4], [0.4, 0.6]]
# 1 - 1e-7 is not a float32: the upper clipping bound rounds to 0.99999988 (1 - 2^-23).
HIGH = F32(1.0 - 1e-7)
SETTINGS = settings(max_examples=60, deadline=None)


def example(trace, key: str) -> str:
    """A step's worked example as the page writes it in LaTeX."""
    return render_formula(trace.step(key).example, "en", latex=True)


def arithmetic(trace) -> list[str]:
    return [str(a.formula) for a in trace.sample_arithmetic]


def note(trace, key: str):
    return next(n for n in trace.notes if n.key == key)


# ---------------------------------------------------------------- the Keras docstring examples


def test_categorical_seed_only_the_true_class_contributes():
    trace = compute("categorical_crossentropy", CCE_TRUE, CCE_PRED, reduction="none")
    # keras.losses.categorical_crossentropy docstring: [0.0513, 2.303] = -log 0.95, -log 0.1.
    np.testing.assert_allclose(trace.per_sample, [-math.log(0.95), -math.log(0.1)], rtol=1e-6)
    # Only the true class's term -1 * log p is nonzero; the others are 0 (not -0).
    np.testing.assert_allclose(trace.terms, [[0, -math.log(0.95), 0], [0, 0, -math.log(0.1)]], rtol=1e-6)
    assert not np.signbit(trace.terms).any()
    assert arithmetic(trace) == ["0 + 0.05129 + 0 = 0.05129", "0 + 0 + 2.303 = 2.303"]
    assert [s.key for s in trace.steps] == ["renormalise", "clip", "log_p", "term", "per_sample", "reduction"]
    # The worked example uses the first sample's true class: -1 * log 0.95.
    assert example(trace, "log_p") == r"\log 0.95 = -0.05129"
    assert example(trace, "term") == r"-1 \cdot (-0.05129) = 0.05129"
    assert example(trace, "clip") == r"\operatorname{clip}(0) = 10^{-7}"
    assert [s.title.key for s in trace.steps][:4] == [
        "step.probabilistic.renormalise", "step.probabilistic.clip", "step.probabilistic.log_p",
        "step.cce.term"]
    # The 0 in the first row is clipped to 1e-7; its class has target 0, so it adds nothing.
    assert trace.step("clip").changed.tolist() == [[False, False, True], [False, False, False]]
    assert trace.step("clip").array[0, 2] == F32(1e-7)
    assert trace.has_note("note.clipped") and not trace.has_note("note.renormalised")


def test_sparse_seed_equals_the_one_hot_seed():
    # keras.losses.sparse_categorical_crossentropy docstring: [1, 2] gives [0.0513, 2.303].
    sparse = compute("sparse_categorical_crossentropy", [1, 2], CCE_PRED, reduction="none")
    dense = compute("categorical_crossentropy", CCE_TRUE, CCE_PRED, reduction="none")
    assert sparse.per_sample.tolist() == dense.per_sample.tolist()
    assert sparse.terms.tolist() == dense.terms.tolist()
    assert sparse.step("one_hot").array.tolist() == CCE_TRUE
    assert example(sparse, "one_hot") == r"y = 1 \to [0, 1, 0]"
    assert [s.key for s in sparse.steps][:2] == ["one_hot", "renormalise"]


def test_binary_crossentropy_docstring_example():
    trace = compute("binary_crossentropy", BCE_TRUE, BCE_PRED, reduction="none")
    # Keras docstring [0.916, 0.714]: (-log 0.4 - log 0.4) / 2 and (-log 0.6 - log 0.4) / 2.
    expected = [-math.log(0.4), (-math.log(0.6) - math.log(0.4)) / 2]
    np.testing.assert_allclose(trace.per_sample, expected, rtol=1e-6)
    assert [s.key for s in trace.steps] == ["clip", "log_p", "log_one_minus_p", "term", "per_sample", "reduction"]
    assert example(trace, "term") == r"-(0 \cdot (-0.5108) + (1 - 0) \cdot (-0.9163)) = 0.9163"
    assert arithmetic(trace)[0] == "(0.9163 + 0.9163) / 2 = 0.9163"
    assert str(trace.step("log_p").title) == "Log of the probability of label 1"
    assert not trace.has_note("note.clipped")


def test_binary_crossentropy_from_logits_docstring_example():
    # keras.losses.BinaryCrossentropy(from_logits=True) docstring: 0.8654 (3.15.1 gives 0.86545801).
    trace = compute("binary_crossentropy", [0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8], from_logits=True)
    assert trace.value == pytest.approx(0.86545801, rel=1e-6)
    assert [s.key for s in trace.steps][:4] == ["sigmoid", "log_p", "log_one_minus_p", "term"]
    assert str(trace.step("log_p").title) == "Log of the probability of label 1, by log-sigmoid"
    assert str(trace.step("log_one_minus_p").title) == "Log of the probability of label 0, by log-sigmoid"
    # sigmoid(-18.6) = 1 / (1 + e^18.6) = 8.358e-9; log sigmoid(-18.6) = -18.6 - log(1 + e^-18.6).
    assert example(trace, "sigmoid") == r"\frac{1}{1 + e^{-(-18.6)}} = (8.358 \times 10^{-9})"
    assert example(trace, "log_p") == r"-\log(1 + e^{-(-18.6)}) = -18.6"
    assert example(trace, "log_one_minus_p") == r"-\log(1 + e^{-18.6}) = (-8.358 \times 10^{-9})"
    assert not trace.has_note("note.backend_logits")  # the numpy backend agrees here


def test_binary_focal_docstring_example():
    trace = compute("binary_focal_crossentropy", BCE_TRUE, BCE_PRED, gamma=2.0, reduction="none")
    # Keras docstring [0.330, 0.206]. By hand: p_t = 0.4 twice in row 0, so 0.6^2 * 0.9163 = 0.3299;
    # row 1: 0.4^2 * (-log 0.6) = 0.08173 and 0.6^2 * (-log 0.4) = 0.3299, mean 0.2058.
    row1 = (0.4**2 * -math.log(0.6) + 0.6**2 * -math.log(0.4)) / 2
    np.testing.assert_allclose(trace.per_sample, [0.36 * -math.log(0.4), row1], rtol=1e-6)
    assert [s.key for s in trace.steps][:5] == ["clip", "bce", "p_t", "focal_factor", "term"]
    assert example(trace, "focal_factor") == "(1 - 0.4)^{2} = 0.36"
    assert example(trace, "term") == r"0.36 \cdot 0.9163 = 0.3299"


def test_binary_focal_class_balancing():
    trace = compute("binary_focal_crossentropy", BCE_TRUE, BCE_PRED, apply_class_balancing=True,
                    alpha=0.25, reduction="none")
    # Row 0 has labels [0, 1]: weights 1 - 0.25 = 0.75 and 0.25 on two focal terms of 0.3299,
    # so (0.75 + 0.25) * 0.3299 / 2; row 1 has labels [0, 0]: 0.75 * 0.2058.
    bce_fact = 0.36 * -math.log(0.4)
    row1 = (0.4**2 * -math.log(0.6) + 0.6**2 * -math.log(0.4)) / 2
    np.testing.assert_allclose(trace.per_sample, [bce_fact / 2, 0.75 * row1], rtol=1e-6)
    assert trace.step("class_weight").array.tolist() == [[0.75, 0.25], [0.75, 0.75]]
    assert example(trace, "class_weight") == r"0 \cdot 0.25 + (1 - 0)(1 - 0.25) = 0.75"
    assert example(trace, "term") == r"0.75 \cdot 0.36 \cdot 0.9163 = 0.2474"


def test_categorical_focal_docstring_example():
    trace = compute("categorical_focal_crossentropy", CCE_TRUE, [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]],
                    reduction="none")
    # Keras docstring [2.634e-04, 6.759e-01]: 0.25 * 0.1^2 * -log 0.9 and 0.25 * 0.95^2 * -log 0.05.
    expected = [0.25 * 0.1**2 * -math.log(0.9), 0.25 * 0.95**2 * -math.log(0.05)]
    np.testing.assert_allclose(trace.per_sample, expected, rtol=1e-5)
    assert [s.key for s in trace.steps][:6] == [
        "renormalise", "clip", "log_p", "cross_entropy", "focal_factor", "term"]


def test_generalized_cross_entropy_arithmetic():
    trace = compute("categorical_generalized_cross_entropy", [0, 1, 0, 1],
                    [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]], reduction="none")
    # (1 - sqrt(p)) / 0.5 with p = 0.7, 0.8, 0.6, 0.6; Keras 3.15.1: [0.32667994, 0.21114564,
    # 0.45080662, 0.45080662].
    expected = [(1 - math.sqrt(p)) / 0.5 for p in (0.7, 0.8, 0.6, 0.6)]
    np.testing.assert_allclose(trace.per_sample, expected, rtol=1e-6)
    assert arithmetic(trace)[0] == "(1 - 0.8367) / 0.5 = 0.3267"
    assert example(trace, "power") == "0.7^{0.5} = 0.8367"
    assert [s.key for s in trace.steps][:3] == ["one_hot", "p_true", "power"]
    # The terms show the picked probability: only the true class is nonzero.
    assert trace.terms.tolist() == [[F32(0.7), 0], [0, F32(0.8)], [F32(0.6), 0], [0, F32(0.6)]]


def test_kl_divergence_arithmetic():
    trace = compute("kl_divergence", [[0.2, 0.8], [0.5, 0.5]], [[0.4, 0.6], [0.9, 0.1]], reduction="none")
    # 0.2 log(0.2/0.4) + 0.8 log(0.8/0.6) = -0.13863 + 0.23015 = 0.09152;
    # 0.5 log(0.5/0.9) + 0.5 log(0.5/0.1) = -0.29389 + 0.80472 = 0.51083 (Keras: 0.09151618, 0.51082563).
    expected = [0.2 * math.log(0.5) + 0.8 * math.log(0.8 / 0.6), 0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(5)]
    np.testing.assert_allclose(trace.per_sample, expected, rtol=1e-6)
    assert arithmetic(trace)[0] == "-0.1386 + 0.2301 = 0.09152"
    assert example(trace, "term") == r"0.2 \cdot \log 0.5 = -0.1386"
    assert not trace.has_note("note.kl_clipped")


def test_kl_divergence_zero_target_is_clipped_not_skipped():
    trace = compute("kl_divergence", [[0.0, 1.0]], [[0.5, 0.5]], reduction="none")
    # The 0 becomes 1e-7: 1e-7 log(1e-7 / 0.5) + 1 log(1 / 0.5) = -1.5e-6 + 0.693147 (Keras: 0.69314563).
    assert trace.per_sample[0] == pytest.approx(1e-7 * math.log(1e-7 / 0.5) + math.log(2), rel=1e-6)
    assert trace.step("clip_true").changed.tolist() == [[True, False]]
    assert str(note(trace, "note.kl_clipped").message).startswith(
        "1 value of y_true or y_pred outside [1e-7, 1] were clipped into it")
    assert example(trace, "ratio") == r"10^{-7} / 0.5 = (2 \times 10^{-7})"


def test_poisson_arithmetic():
    trace = compute("poisson", [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]], reduction="none")
    # Row 0: (1 - 0 + 1 - 1 * log(1 + 1e-7)) / 2 = 1 - 0.5e-7; row 1: 0 (Keras: 0.99999994, 0).
    np.testing.assert_allclose(trace.per_sample, [1 - 0.5e-7, 0.0], rtol=1e-7)
    assert [s.key for s in trace.steps][:2] == ["log_pred", "term"]
    assert example(trace, "term") == r"1 - 0 \cdot (1.192 \times 10^{-7}) = 1"


def test_poisson_zero_rate_with_positive_count_is_warned():
    trace = compute("poisson", [[2.0]], [[0.0]], reduction="none")
    # 0 - 2 log(0 + 1e-7) = 2 * 16.118 = 32.236.
    assert trace.per_sample[0] == pytest.approx(-2 * math.log(1e-7), rel=1e-6)
    assert str(note(trace, "note.poisson_zero_rate").message).startswith(
        "1 prediction is 0 (or less) where the count is positive")


# ------------------------------------------------------------------------------ clipping


def test_binary_clipping_costs_are_asymmetric_in_float32():
    trace = compute("binary_crossentropy", [[1.0], [0.0], [1.0], [0.0]], [[0.0], [1.0], [1.0], [0.0]],
                    reduction="none")
    # y=1, p=0 -> -log(1e-7) = 16.118; y=0, p=1 -> -log(1 - 0.99999988) = -log(1.19e-7) = 15.942;
    # the right answers cost -log(0.99999988) = 1.19e-7 (Keras 3.15.1: 16.118095, 15.942385).
    expected = [-math.log(F32(1e-7)), -math.log(1 - float(HIGH)), -math.log(HIGH), -math.log(HIGH)]
    np.testing.assert_allclose(trace.per_sample, expected, rtol=1e-6)
    clip = trace.step("clip")
    assert clip.changed.ravel().tolist() == [True, True, True, True]
    assert clip.array.ravel().tolist() == [F32(1e-7), HIGH, HIGH, F32(1e-7)]
    clipped = note(trace, "note.clipped")
    assert clipped.params["count"] == 4 and clipped.params["high"] == float(HIGH)
    assert clipped.params["cost_low"] == pytest.approx(16.118095, rel=1e-6)
    assert clipped.params["cost_high"] == pytest.approx(15.942385, rel=1e-6)
    # The bound keeps 8 digits in the sentence: 4 would hide that it is not 1 - 1e-7.
    assert str(clipped.message) == (
        "4 predictions were outside [1e-7, 0.99999988] and clipped into it (1 - 1e-7 rounds to "
        "0.99999988 in float32), so the log never sees 0: a prediction of 0 for label 1 costs "
        "-log(1e-7) = 16.12 and a prediction of 1 for label 0 costs -log(1 - 0.99999988) = 15.94, "
        "not infinity.")
    assert "（在 float32 中 1 - 1e-7 舍入为 0.99999988）" in render(clipped.message, "zh")


def test_binary_clipping_is_symmetric_in_float64():
    trace = compute("binary_crossentropy", [[1.0], [0.0]], [[0.0], [1.0]], reduction="none", dtype="float64")
    # In float64 1 - 1e-7 is exact: both mistakes cost -log(1e-7) = 16.118. Keras averages in
    # float32 even for float64 (keras.ops.mean), so compare at float32 precision.
    np.testing.assert_allclose(trace.per_sample, [-math.log(1e-7)] * 2, rtol=1e-6)
    text = str(note(trace, "note.clipped").message)
    assert "float32" not in text
    assert text.startswith("2 predictions were outside [1e-7, 0.9999999] and clipped into it, so")


def test_categorical_true_class_at_zero_costs_16():
    trace = compute("categorical_crossentropy", [[1, 0, 0]], [[0.0, 1.0, 0.0]], reduction="none")
    # The true class gets 0, clipped to 1e-7: -log(1e-7) = 16.118.
    assert trace.per_sample[0] == pytest.approx(-math.log(F32(1e-7)), rel=1e-6)
    text = str(note(trace, "note.clipped").message)
    # The 0s are raised to 1e-7 and the 1 lowered to 0.99999988: three predictions move.
    assert text.startswith("3 predictions were outside") and "a true class given probability 0" in text


# ---------------------------------------------------------------------------------- logits


def test_large_logits_use_log_sigmoid_not_a_clipped_sigmoid():
    trace = compute("binary_crossentropy", [[1.0], [0.0], [1.0], [0.0]], [[30.0], [30.0], [-30.0], [0.5]],
                    from_logits=True, reduction="none")
    # softplus: y=1, z=30 -> log(1 + e^-30) = 9.36e-14; y=0, z=30 -> 30 + log(1 + e^-30) = 30;
    # y=1, z=-30 -> 30; y=0, z=0.5 -> log(1 + e^0.5) = 0.97408 (Keras 3.15.1: 9.357623e-14, 30, 30, 0.974077).
    expected = [math.log1p(math.exp(-30)), 30.0, 30.0, math.log1p(math.exp(0.5))]
    np.testing.assert_allclose(trace.per_sample, expected, rtol=1e-6)
    backend = note(trace, "note.backend_logits")
    # Keras' numpy backend clips sigmoid(30) = 1 to 0.99999988: -log(1.19e-7) = 15.94.
    assert backend.params == {"count": 2, "logit": 30.0, "label": 0.0, "value": 30.0,
                              "numpy_value": pytest.approx(15.942385, rel=1e-6)}
    assert "2 logits are so large" in str(backend.message)
    assert "the logit 30 with label 0 costs 30" in str(backend.message)
    assert str(backend.message).endswith("which gives 15.94.")


def test_huge_logit_loss_flushes_to_zero_like_xla():
    trace = compute("binary_crossentropy", [[1.0, 0.0]], [[100.0, -100.0]], from_logits=True, reduction="none")
    # log(1 + e^-100) = 3.7e-44 is a float32 subnormal; XLA flushes it: Keras 3.15.1 gives 0.
    assert trace.terms.tolist() == [[0.0, 0.0]]


def test_focal_from_logits_saturates_because_it_takes_the_sigmoid_first():
    trace = compute("binary_focal_crossentropy", [[0.0], [1.0]], [[30.0], [-30.0]], from_logits=True,
                    reduction="none")
    # sigmoid(30) = 1 -> clipped -> -log(1.19e-7) = 15.94 with focal factor (1 - 0)^2 = 1;
    # sigmoid(-30) -> 1e-7 -> 16.118 (Keras 3.15.1: 15.942385, 16.118095).
    np.testing.assert_allclose(trace.per_sample, [-math.log(1 - float(HIGH)), -math.log(F32(1e-7))], rtol=1e-6)
    saturated = note(trace, "note.focal_sigmoid_first")
    assert saturated.level == "warning"
    assert "stops at 16.12 (label 1) or 15.94 (label 0)" in str(saturated.message)


def test_categorical_from_logits_steps():
    trace = compute("categorical_crossentropy", [[0, 1, 0]], [[1.0, 2.0, 1.0]], from_logits=True,
                    reduction="none")
    # log softmax of the middle logit: (2 - 2) - log(1 + 2 e^-1) = -0.55144.
    assert trace.per_sample[0] == pytest.approx(math.log(1 + 2 * math.exp(-1)), rel=1e-6)
    assert [s.key for s in trace.steps][:3] == ["softmax", "log_p", "term"]
    softmax = trace.step("softmax").array[0]
    np.testing.assert_allclose(softmax, np.exp([1, 2, 1]) / np.exp([1, 2, 1]).sum(), rtol=1e-6)


# ------------------------------------------------------------- smoothing and renormalising


def test_binary_label_smoothing():
    trace = compute("binary_crossentropy", [[0.0, 1.0]], [[0.6, 0.4]], label_smoothing=0.2, reduction="none")
    # y' = y * 0.8 + 0.1: 0 -> 0.1, 1 -> 0.9. Terms -(0.1 log 0.6 + 0.9 log 0.4) and
    # -(0.9 log 0.4 + 0.1 log 0.6), both 0.87574 (Keras 3.15.1: 0.8757442).
    np.testing.assert_allclose(trace.step("label_smoothing").array, [[0.1, 0.9]], rtol=1e-6)
    expected = -(0.1 * math.log(0.6) + 0.9 * math.log(0.4))
    assert trace.per_sample[0] == pytest.approx(expected, rel=1e-6)
    assert trace.steps[0].key == "label_smoothing"
    assert str(trace.steps[0].title) == "Smooth the labels towards 0.5"
    assert example(trace, "label_smoothing") == r"0 \cdot (1 - 0.2) + \tfrac12 \cdot 0.2 = 0.1"


def test_categorical_label_smoothing():
    trace = compute("categorical_crossentropy", [[0, 1, 0]], [[0.05, 0.95, 0.0]], label_smoothing=0.1,
                    reduction="none")
    # y' = y * 0.9 + 0.1 / 3: [0.0333, 0.9333, 0.0333]. Every class now counts, the clipped 0 too:
    # 0.0333 * 2.9957 + 0.9333 * 0.05129 + 0.0333 * 16.118 = 0.68500 (Keras 3.15.1: 0.68500137).
    share = 0.1 / 3
    expected = share * -math.log(0.05) + (0.9 + share) * -math.log(0.95) + share * -math.log(F32(1e-7))
    assert trace.per_sample[0] == pytest.approx(expected, rel=1e-5)
    np.testing.assert_allclose(trace.step("label_smoothing").array, [[share, 0.9 + share, share]], rtol=1e-6)
    step = trace.step("label_smoothing")
    assert step.title.params == {"kind": "categorical", "label_smoothing": 0.1, "classes": 3}
    assert str(step.title) == "Smooth the labels: move 0.1 of the mass to all 3 classes"
    assert render(step.title, "zh") == "标签平滑：把 0.1 的概率质量平均分给全部 3 个类别"
    assert example(trace, "label_smoothing") == r"0 \cdot (1 - 0.1) + \frac{0.1}{3} = 0.03333"


def test_smoothing_on_another_axis_is_warned():
    y_true = np.eye(3)[[[0, 1], [2, 1]]].transpose(0, 2, 1)  # (2, 3, 2): classes on axis 1
    trace = compute("categorical_crossentropy", y_true, np.full((2, 3, 2), 1 / 3), axis=1,
                    label_smoothing=0.1, reduction="none")
    warned = note(trace, "note.smoothing_last_axis")
    assert warned.params == {"classes": 2, "axis": 1, "axis_size": 3}
    assert "size of the last axis (2), not by the number of classes on axis 1 (3)" in str(warned.message)


def test_rows_that_do_not_sum_to_one_are_renormalised():
    trace = compute("categorical_crossentropy", [[0, 1, 0]], [[1.0, 2.0, 1.0]], reduction="none")
    # 2 / (1 + 2 + 1) = 0.5, so -log 0.5 = 0.693147 (Keras 3.15.1: 0.6931472).
    assert trace.per_sample[0] == pytest.approx(math.log(2), rel=1e-6)
    step = trace.step("renormalise")
    assert step.array.tolist() == [[0.25, 0.5, 0.25]] and step.changed.all()
    renormalised = note(trace, "note.renormalised")
    assert renormalised.params["count"] == 1 and renormalised.params["sums"].tolist() == [4.0]
    assert str(renormalised.message).startswith("1 row of y_pred do not sum to 1 (row sums [4]): ")
    assert example(trace, "renormalise") == "1 / 4 = 0.25"
    two = compute("categorical_crossentropy", [[0, 1, 0], [1, 0, 0]], [[1.0, 2.0, 1.0], [2.0, 2.0, 0.0]])
    assert str(note(two, "note.renormalised").message).startswith("2 rows of y_pred do not sum to 1 (row sums [4, 4])")


def test_a_row_of_zeros_is_warned():
    trace = compute("categorical_crossentropy", [[0, 1, 0]], [[0.0, 0.0, 0.0]], reduction="none")
    assert np.isnan(trace.per_sample[0])
    assert note(trace, "note.zero_row_sum").level == "warning"


def test_generalized_cross_entropy_does_not_renormalise():
    trace = compute("categorical_generalized_cross_entropy", [1], [[1.0, 2.0, 1.0]], reduction="none")
    # p = 2 as given: (1 - sqrt 2) / 0.5 = -0.8284, a negative loss.
    assert trace.per_sample[0] == pytest.approx((1 - math.sqrt(2)) / 0.5, rel=1e-6)
    assert str(note(trace, "note.gce_not_renormalised").message).startswith(
        "Some rows of y_pred do not sum to 1 (row sums [4]). ")


def test_one_class_is_warned():
    trace = compute("categorical_crossentropy", [[1.0], [1.0]], [[0.3], [1.0]], reduction="none")
    # Renormalised to 1, clipped to 0.99999988: -log(0.99999988) = 1.19e-7 whatever y_pred says
    # (Keras 3.15.1: 1.1920929e-07 twice, with a SyntaxWarning).
    np.testing.assert_allclose(trace.per_sample, [-math.log(HIGH)] * 2, rtol=1e-6)
    single = note(trace, "note.single_class")
    assert single.params == {"cap": float(HIGH), "name": "categorical_crossentropy"}
    assert "(clipped to 0.9999999)" in str(single.message)
    assert str(single.message).endswith("instead of categorical_crossentropy.")


# ---------------------------------------------------------------------------- ignore_class

IGNORE_TRUE = [1, 2, 0, 2]
IGNORE_PRED = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.2, 0.2, 0.6]]


def test_ignore_class_zeroes_and_masks_rows():
    trace = compute("sparse_categorical_crossentropy", IGNORE_TRUE, IGNORE_PRED, ignore_class=2,
                    reduction="none")
    # -log 0.95, ignored, -log 0.3, ignored (Keras 3.15.1: [0.05129331, 0, 1.2039728, 0]).
    np.testing.assert_allclose(trace.per_sample, [-math.log(0.95), 0, -math.log(0.3), 0], rtol=1e-6)
    keys = [s.key for s in trace.steps]
    assert keys[:2] == ["ignore_class", "one_hot"] and "ignore_class_loss" in keys
    assert trace.step("ignore_class").changed[:, 0].tolist() == [False, True, False, True]
    # Keras zeroes the ignored rows of y_pred: 0 / 0 is NaN in the renormalised row, later dropped.
    assert np.isnan(trace.step("renormalise").array[1]).all()
    assert trace.terms[1].tolist() == [0, 0, 0]
    assert trace.has_note("note.ignore_class") and not trace.has_note("note.renormalised")
    assert trace.step("ignore_class").title.params == {"ignore_class": 2}
    assert str(trace.step("ignore_class").title) == "Rows labelled 2 are ignored: Keras zeroes their y_pred"
    ignored = note(trace, "note.ignore_class")
    assert ignored.params == {"count": 2, "total": 4, "ignore_class": 2, "kept": 2}
    assert str(ignored.message).startswith("2 of 4 rows have label 2 and are ignored.")
    assert "a weight of 0 for them and 4/2 for the others" in str(ignored.message)
    assert render(ignored.message, "zh").startswith("4 行中有 2 行的标签是 2，它们被忽略。")


@pytest.mark.parametrize(
    ("reduction", "weight", "expected"),
    [
        # The mask survives under jax: Keras 3.15.1 gives 0.62763304 = (0.05129 + 1.20397) / 2,
        # the mean over the 2 rows that are not ignored, not over all 4.
        ("sum_over_batch_size", None, 0.62763304),
        ("sum", None, 1.25526607),
        # Weights times the mask weight 4/2: (1 * 2 * 0.05129 + 3 * 2 * 1.20397) / 4 (Keras: 1.8316059).
        ("sum_over_batch_size", [1.0, 2.0, 3.0, 4.0], 1.83160591),
        # mean_with_sample_weight uses the 0/1 mask: (0.05129 + 3 * 1.20397) / (1 + 3) (Keras: 0.91580296).
        ("mean_with_sample_weight", [1.0, 2.0, 3.0, 4.0], 0.91580296),
    ],
)
def test_ignore_class_reductions_match_keras(reduction, weight, expected):
    trace = compute("sparse_categorical_crossentropy", IGNORE_TRUE, IGNORE_PRED, ignore_class=2,
                    sample_weight=weight, reduction=reduction)
    assert trace.value == pytest.approx(expected, rel=1e-6)


def test_ignore_class_with_logits():
    logits = [[-1.0, 2.0, 0.5], [0.0, 1.0, 3.0], [2.5, 0.0, -2.0]]
    trace = compute("sparse_categorical_crossentropy", [1, -1, 0], logits, ignore_class=-1,
                    from_logits=True, reduction="none")
    dense = compute("categorical_crossentropy", [[0, 1, 0], [1, 0, 0], [1, 0, 0]], logits,
                    from_logits=True, reduction="none")
    # The ignored row gets 0; the others equal plain cross-entropy from logits.
    assert trace.per_sample.tolist() == [dense.per_sample[0], 0.0, dense.per_sample[2]]


# ----------------------------------------------------------------- shapes, axes, broadcasting


def test_binary_crossentropy_axis_zero_averages_over_the_batch():
    trace = compute("binary_crossentropy", BCE_TRUE, BCE_PRED, axis=0, reduction="none")
    # Column 0: (-log 0.4 - log 0.6) / 2; column 1: (-log 0.4 - log 0.4) / 2.
    expected = [(-math.log(0.4) - math.log(0.6)) / 2, -math.log(0.4)]
    np.testing.assert_allclose(trace.per_sample, expected, rtol=1e-6)
    assert arithmetic(trace)[1] == "(0.9163 + 0.9163) / 2 = 0.9163"


def test_categorical_axis_one_is_channels_first():
    rng = np.random.default_rng(3)
    probs = rng.dirichlet(np.ones(4), (2, 3)).astype(F32)
    labels = np.eye(4)[rng.integers(0, 4, (2, 3))]
    last = compute("categorical_crossentropy", labels, probs, reduction="none")
    first = compute("categorical_crossentropy", labels.transpose(0, 2, 1), probs.transpose(0, 2, 1),
                    axis=1, reduction="none")
    np.testing.assert_allclose(first.per_sample, last.per_sample, rtol=1e-6)
    np.testing.assert_allclose(first.terms, last.terms.transpose(0, 2, 1), rtol=1e-6)


def test_generalized_cross_entropy_broadcasts_column_labels_like_keras():
    trace = compute("categorical_generalized_cross_entropy", [[1], [2], [0]],
                    [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1]], reduction="none")
    # Keras does not squeeze (N, 1) labels: one_hot is (3, 1, 3) and broadcasts to a (3, 3) loss.
    # Entry (i, j) pairs row j of y_pred with label i: (0, 0) = (1 - sqrt 0.95) / 0.5 = 0.05064,
    # (1, 0) = (1 - sqrt 0) / 0.5 = 2 (Keras 3.15.1 gives the same 3 x 3 matrix).
    assert trace.per_sample.shape == (3, 3)
    assert trace.per_sample[0, 0] == pytest.approx((1 - math.sqrt(0.95)) / 0.5, rel=1e-6)
    assert trace.per_sample[1, 0] == pytest.approx(2.0)
    broadcast = note(trace, "note.gce_broadcast")
    assert broadcast.params == {"shape": (3, 3), "y_true_shape": (3, 1), "hot_shape": (3, 1, 3),
                                "y_pred_shape": (3, 3), "index_shape": (3,)}
    assert str(broadcast.message).startswith(
        "y_true has shape (3, 1): Keras one-hots it without removing the last axis, giving (3, 1, 3), "
        "which broadcasts against y_pred (3, 3) into a loss of shape (3, 3)")
    assert str(broadcast.message).endswith("shape (3,).")


def test_one_dimensional_inputs_are_one_sample():
    # mean(-log 0.8, -log 0.6, -log 0.9) for labels 0, 1, 1.
    bce = compute("binary_crossentropy", [0.0, 1.0, 1.0], [0.2, 0.6, 0.9], reduction="none")
    assert bce.value == pytest.approx(-(math.log(0.8) + math.log(0.6) + math.log(0.9)) / 3, rel=1e-6)
    sparse = compute("sparse_categorical_crossentropy", [1], [0.2, 0.7, 0.1], reduction="none")
    assert sparse.value == pytest.approx(-math.log(0.7), rel=1e-6)


def test_empty_batch_has_no_worked_example():
    for name in ("binary_crossentropy", "categorical_crossentropy", "kl_divergence", "poisson"):
        trace = compute(name, np.zeros((0, 3)), np.zeros((0, 3)), reduction="none")
        assert trace.per_sample.shape == (0,)


# --------------------------------------------------------------------------------- bad input


def test_bad_inputs_get_messages():
    with pytest.raises(LossInputError, match="class indices 0 to 2"):
        compute("sparse_categorical_crossentropy", [3, 1], CCE_PRED)
    with pytest.raises(LossInputError, match="q = 0 is out of range"):
        compute("categorical_generalized_cross_entropy", [0, 1], CCE_PRED, q=0.0)
    with pytest.raises(LossInputError, match="label_smoothing"):
        compute("binary_crossentropy", BCE_TRUE, BCE_PRED, label_smoothing=1.5)
    with pytest.raises(LossInputError, match="axis = 2 does not exist"):
        compute("categorical_crossentropy", CCE_TRUE, CCE_PRED, axis=2)
    with pytest.raises(LossInputError, match="alpha must be a number"):
        compute("binary_focal_crossentropy", BCE_TRUE, BCE_PRED, alpha=[0.25, 0.5])
    with pytest.raises(LossInputError) as err:
        compute("sparse_categorical_crossentropy", np.zeros((2, 3)), np.full((2, 3, 3), 1 / 3), axis=0)
    assert err.value.key == "error.shape.sparse_axis" and err.value.argument == "y_true"
    assert err.value.params == {"y_true_shape": (2, 3), "y_pred_shape": (2, 3, 3), "axis": 0,
                                "index_shape": (3, 3)}
    assert str(err.value) == (
        "y_true has shape (2, 3) and y_pred has shape (2, 3, 3): with axis = 0, one class index per "
        "position of y_pred outside that axis is needed (shape (3, 3)).")


# -------------------------------------------------------------------------------- messages

MESSAGE_CASES = [
    ("binary_crossentropy", BCE_TRUE, BCE_PRED, {}),
    ("binary_crossentropy", [[1.0], [0.0]], [[0.0], [1.0]], {"dtype": "float64"}),
    ("binary_crossentropy", [[1.0], [0.0]], [[0.5], [1.0]], {}),
    ("binary_crossentropy", [[1.0], [0.0]], [[3.0], [40.0]], {"from_logits": True, "label_smoothing": 0.1}),
    ("binary_focal_crossentropy", [[0.0], [1.0]], [[30.0], [-30.0]], {"from_logits": True}),
    ("binary_focal_crossentropy", BCE_TRUE, BCE_PRED, {"apply_class_balancing": True, "label_smoothing": 0.1}),
    ("categorical_crossentropy", [[0, 1, 0], [1, 0, 0]], [[1.0, 2.0, 1.0], [0.0, 0.0, 0.0]], {}),
    ("categorical_crossentropy", [[1.0], [1.0]], [[0.3], [1.0]], {}),
    ("categorical_crossentropy", [[0, 1, 0]], [[1.0, 2.0, 1.0]], {"from_logits": True, "label_smoothing": 0.1}),
    ("sparse_categorical_crossentropy", [1, 2, 0, 2],
     [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.2, 0.2, 0.6]], {"ignore_class": 2}),
    ("sparse_categorical_crossentropy", [1], [[0.2, 0.7, 0.1]], {"ignore_class": 1}),
    ("categorical_focal_crossentropy", CCE_TRUE, [[1.0, 2.0, 1.0], [0.1, 0.8, 0.1]], {"from_logits": True}),
    ("categorical_generalized_cross_entropy", [[1], [2], [0]], CCE_PRED + [[0.7, 0.2, 0.1]], {}),
    ("kl_divergence", [[0.0, 1.0]], [[0.0, 1.0]], {}),
    ("poisson", [[2.0, 1.0]], [[0.0, -1.0]], {}),
]


@pytest.mark.parametrize(("name", "y_true", "y_pred", "params"), MESSAGE_CASES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_title_note_and_example_renders(name, y_true, y_pred, params, lang, caplog):
    trace = compute(name, y_true, y_pred, reduction="none", **params)
    messages = [step.title for step in trace.steps] + [n.message for n in trace.notes]
    for message in messages:
        assert message.key in CATALOGS[lang], message.key
        text = render(message, lang)
        assert "{" not in text and "}" not in text, (message.key, text)
    for step in trace.steps:
        if step.example is not None:
            for latex in (True, False):
                assert "@" not in render_formula(step.example, lang, latex=latex)
    for row in trace.sample_arithmetic:
        assert "@" not in render_formula(row.formula, lang, latex=False)
    assert not [r for r in caplog.records if "no text" in r.getMessage()]


def test_one_hot_example_of_many_classes_is_cut_after_eight():
    trace = compute("sparse_categorical_crossentropy", [3], np.full((1, 12), 1 / 12), reduction="none")
    assert example(trace, "one_hot") == r"y = 3 \to [0, 0, 0, 1, 0, 0, 0, 0, \ldots]"


def test_clipped_note_counts_one_prediction():
    trace = compute("binary_crossentropy", [[1.0], [0.0]], [[0.5], [1.0]], reduction="none")
    assert str(note(trace, "note.clipped").message).startswith(
        "1 prediction was outside [1e-7, 0.99999988] and clipped into it (1 - 1e-7 rounds")


# -------------------------------------------------------------------------------- properties

CATEGORICAL = ("categorical_crossentropy", "categorical_focal_crossentropy")


@st.composite
def class_problems(draw, min_classes=2):
    """Probability rows (N, C) and class indices (N,)."""
    n = draw(st.integers(1, 5))
    c = draw(st.integers(min_classes, 8))
    raw = draw(arrays(np.float64, (n, c), elements=st.floats(0.01, 1.0)))
    labels = draw(arrays(np.int64, (n,), elements=st.integers(0, c - 1)))
    return labels, raw / raw.sum(axis=1, keepdims=True)


@SETTINGS
@given(class_problems(), st.booleans())
def test_sparse_and_one_hot_agree(problem, from_logits):
    labels, probs = problem
    y_pred = np.log(probs) if from_logits else probs
    sparse = compute("sparse_categorical_crossentropy", labels, y_pred, from_logits=from_logits,
                     reduction="none")
    dense = compute("categorical_crossentropy", np.eye(probs.shape[1])[labels], y_pred,
                    from_logits=from_logits, reduction="none")
    assert sparse.per_sample.tolist() == dense.per_sample.tolist()


@SETTINGS
@given(class_problems(), st.sampled_from(CATEGORICAL))
def test_perfect_prediction_is_the_minimum(problem, name):
    labels, probs = problem
    one_hot = np.eye(probs.shape[1])[labels]
    perfect = compute(name, one_hot, one_hot, reduction="none").per_sample
    other = compute(name, one_hot, probs, reduction="none").per_sample
    # A perfect row still costs -log(0.99999988) = 1.19e-7 (cross-entropy) after clipping.
    assert np.all(perfect <= other)
    assert np.all(perfect <= 1.2e-7)


@SETTINGS
@given(arrays(np.float64, (3, 4), elements=st.sampled_from([0.0, 1.0])),
       arrays(np.float64, (3, 4), elements=st.floats(0.0, 1.0)),
       st.sampled_from(["binary_crossentropy", "binary_focal_crossentropy"]))
def test_perfect_binary_prediction_is_the_minimum(labels, probs, name):
    perfect = compute(name, labels, labels, reduction="none").per_sample
    other = compute(name, labels, probs, reduction="none").per_sample
    assert np.all(perfect <= other)


@SETTINGS
@given(class_problems())
def test_kl_of_a_distribution_with_itself_is_zero(problem):
    _, probs = problem
    assert np.all(compute("kl_divergence", probs, probs, reduction="none").per_sample == 0)


@SETTINGS
@given(arrays(np.float64, (3, 4), elements=st.floats(-10, 10)), st.floats(-50, 50),
       st.sampled_from(["categorical_crossentropy", "categorical_focal_crossentropy",
                        "sparse_categorical_crossentropy"]))
def test_a_constant_added_to_logits_changes_nothing(logits, shift, name):
    y_true = [0, 3, 1] if name.startswith("sparse") else np.eye(4)[[0, 3, 1]]
    base = compute(name, y_true, logits, from_logits=True, reduction="none").per_sample
    shifted = compute(name, y_true, logits + shift, from_logits=True, reduction="none").per_sample
    # z + c is rounded to float32: an absolute error of a few ulps of |z| + |c| <= 60 (~4e-6 each).
    np.testing.assert_allclose(shifted, base, rtol=1e-5, atol=5e-5)


@SETTINGS
@given(class_problems(), st.sampled_from([
    ("binary_crossentropy", {}), ("binary_crossentropy", {"from_logits": True, "label_smoothing": 0.1}),
    ("binary_focal_crossentropy", {"apply_class_balancing": True}), ("categorical_crossentropy", {}),
    ("categorical_crossentropy", {"from_logits": True}), ("categorical_focal_crossentropy", {}),
    ("kl_divergence", {}), ("poisson", {}), ("sparse_categorical_crossentropy", {"ignore_class": 0}),
]))
def test_terms_aggregate_to_per_sample_and_value_reduces_it(problem, case):
    name, params = case
    labels, probs = problem
    y_true = labels if name.startswith("sparse") else np.eye(probs.shape[1])[labels]
    trace = compute(name, y_true, probs, **params)
    per_sample = trace.per_sample.astype(np.float64)
    mean_terms = name in ("binary_crossentropy", "binary_focal_crossentropy", "poisson")
    aggregate = trace.terms.mean(axis=-1) if mean_terms else trace.terms.sum(axis=-1)
    np.testing.assert_allclose(aggregate, per_sample, rtol=1e-5, atol=1e-7)
    if name.startswith("sparse"):
        valid = labels != 0  # ignore_class=0: the mean is over the rows that are not ignored
        expected = per_sample[valid].mean() if valid.any() else 0.0
    else:
        expected = per_sample.mean()
    assert trace.value == pytest.approx(expected, rel=1e-5, abs=1e-7)


@SETTINGS
@given(class_problems(), st.floats(0.05, 0.95))
def test_generalized_cross_entropy_picks_the_true_class(problem, q):
    labels, probs = problem
    trace = compute("categorical_generalized_cross_entropy", labels, probs, q=q, reduction="none")
    picked = probs[np.arange(len(labels)), labels].astype(F32)
    np.testing.assert_allclose(trace.terms.sum(axis=-1), picked, rtol=1e-6)
    np.testing.assert_allclose(trace.per_sample, (1 - picked.astype(np.float64) ** q) / q, rtol=1e-5, atol=1e-6)


# ----------------------------------------------------------------------- per-class alpha

FOCAL_TRUE = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
FOCAL_PRED = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1]]


def test_categorical_focal_takes_one_alpha_per_class():
    # Keras 3.15.1 (jax), float32:
    # keras.losses.CategoricalFocalCrossentropy(alpha=[0.1, 0.2, 0.7], reduction=None)(
    #     np.array(FOCAL_TRUE, "float32"), np.array(FOCAL_PRED, "float32"))
    keras = [2.5646666472312063e-05, 1.3055657148361206, 0.0032100749667733908]
    trace = compute("categorical_focal_crossentropy", FOCAL_TRUE, FOCAL_PRED, alpha=[0.1, 0.2, 0.7],
                    reduction="none")
    np.testing.assert_allclose(trace.per_sample, keras, rtol=1e-6)
    assert trace.params["alpha"] == (0.1, 0.2, 0.7)
    # The first sample's true class is 1, so its example uses alpha_1 = 0.2.
    assert example(trace, "term").startswith(r"0.2 \cdot 0.0025 \cdot 0.05129 = ")
    assert render_formula(trace.step("term").formula) == r"t_j = \alpha_j\, f_j\, c_j"
    # A list of one broadcasts like the number (Keras 3.15.1, alpha=[0.3]).
    single = compute("categorical_focal_crossentropy", FOCAL_TRUE, FOCAL_PRED, alpha=[0.3], reduction="none")
    np.testing.assert_allclose(single.per_sample,
                               [3.846999607048929e-05, 0.5595281720161438, 0.009630224667489529], rtol=1e-6)

def test_categorical_focal_per_class_alpha_from_logits():
    # Keras 3.15.1 (jax), float32: CategoricalFocalCrossentropy(alpha=[0.1, 0.2, 0.7],
    # from_logits=True, gamma=1.5, reduction=None)(FOCAL_TRUE, the logits below).
    logits = [[-1.0, 2.0, 0.5], [0.0, 1.0, 3.0], [2.5, 0.0, -2.0]]
    trace = compute("categorical_focal_crossentropy", FOCAL_TRUE, logits, alpha=[0.1, 0.2, 0.7],
                    from_logits=True, gamma=1.5, reduction="none")
    np.testing.assert_allclose(trace.per_sample, [0.0047913058660924435, 0.0073400032706558704,
                                                  0.00022178416838869452], rtol=1e-6)

def test_per_class_alpha_is_checked():
    # Keras 3.15.1 raises "Incompatible shapes for broadcasting: shapes=[(3, 3), (2,)]".
    with pytest.raises(LossInputError) as err:
        compute("categorical_focal_crossentropy", FOCAL_TRUE, FOCAL_PRED, alpha=[0.1, 0.2])
    assert err.value.key == "error.per_class_length" and err.value.argument == "alpha"
    assert err.value.params == {"name": "alpha", "length": 2, "columns": 3}
    assert str(err.value).startswith("alpha has 2 values, but y_pred has 3 columns on its last axis")
    with pytest.raises(LossInputError) as err:
        compute("categorical_focal_crossentropy", FOCAL_TRUE, FOCAL_PRED, gamma=[1.0, 2.0])
    assert err.value.argument == "gamma" and str(err.value).startswith("gamma has 2 values")
    assert "{" not in render(err.value.message, "zh")
    with pytest.raises(LossInputError, match=r"alpha = 1.5 is out of range"):
        compute("categorical_focal_crossentropy", FOCAL_TRUE, FOCAL_PRED, alpha=[0.1, 1.5, 0.2])
    for bad in ([], [0.1, float("nan"), 0.2], ["a", 0.2, 0.3], "0.1"):
        with pytest.raises(LossInputError) as err:
            compute("categorical_focal_crossentropy", FOCAL_TRUE, FOCAL_PRED, alpha=bad)
        assert err.value.argument == "alpha"
    # A number still works as before and numpy arrays are lists too.
    assert compute("categorical_focal_crossentropy", FOCAL_TRUE, FOCAL_PRED,
                   alpha=np.array([0.25, 0.25, 0.25])).value == pytest.approx(
        compute("categorical_focal_crossentropy", FOCAL_TRUE, FOCAL_PRED, alpha=0.25).value, rel=1e-7)

def test_categorical_focal_takes_one_gamma_per_class():
    # Keras 3.15.1 (jax), float32: CategoricalFocalCrossentropy(gamma=[1.0, 2.0, 3.0],
    # reduction=None)(np.eye(3, dtype="float32"), np.full((3, 3), 1 / 3, "float32")) gives
    # [0.18310204 0.12206802 0.08137868]: 0.25 (2/3)^gamma_j log 3 for class j.
    trace = compute("categorical_focal_crossentropy", np.eye(3), np.full((3, 3), 1 / 3),
                    gamma=[1.0, 2.0, 3.0], reduction="none")
    np.testing.assert_allclose(trace.per_sample, [0.18310204, 0.12206802, 0.08137868], rtol=1e-6)
    assert example(trace, "focal_factor") == "(1 - 0.3333)^{1} = 0.6667"
    assert render_formula(trace.step("focal_factor").formula) == r"f_j = (1 - p_j)^{\gamma_j}"


def test_targets_that_are_not_one_hot_are_said():
    # Keras computes -sum_j y_j log p_j whatever y is. A row of zeros costs 0: -0 * log 0.4 - 0 *
    # log 0.6. A row [0, 2] counts -2 log 0.4 = 1.833, and [1, 1] -log 0.4 - log 0.6 = 1.427.
    empty = compute("categorical_crossentropy", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    assert empty.per_sample[1] == 0 and empty.has_note("note.cce_no_true_class")
    assert render(next(n for n in empty.notes if n.key == "note.cce_no_true_class").message).startswith(
        "1 row of y_true has no true class")
    twice = compute("categorical_crossentropy", [[0, 2], [1, 1]], [[0.6, 0.4], [0.4, 0.6]])
    np.testing.assert_allclose(twice.per_sample, [-2 * np.log(0.4), -np.log(0.4) - np.log(0.6)], rtol=1e-6)
    assert twice.has_note("note.cce_not_one_hot") and not twice.has_note("note.cce_no_true_class")
    one_hot = compute("categorical_crossentropy", CCE_TRUE, CCE_PRED)
    assert not one_hot.has_note("note.cce_not_one_hot") and not one_hot.has_note("note.cce_no_true_class")
