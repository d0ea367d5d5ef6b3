"""The engine core: reductions and weights as Keras 3 does them, formatting, validation errors.

Expected numbers are hand-checkable arithmetic, written next to each assertion.
"""

import re

import numpy as np
import pytest

import losses
from losses import LossInputError, compute, fmt

HINGE_TRUE = [[0, 1], [0, 0]]
HINGE_PRED = [[0.6, 0.4], [0.4, 0.6]]


def test_hinge_seed_reads_like_a_teacher_writes_it():
    trace = compute("hinge", HINGE_TRUE, HINGE_PRED)
    # Labels {0,1} -> {-1,1}: terms max(0, 1 + 0.6) = 1.6, max(0, 1 - 0.4) = 0.6, 1.4, 1.6.
    np.testing.assert_allclose(trace.terms, [[1.6, 0.6], [1.4, 1.6]], rtol=1e-6)
    assert [str(a.formula) for a in trace.sample_arithmetic] == ["(1.6 + 0.6) / 2 = 1.1", "(1.4 + 1.6) / 2 = 1.5"]
    assert str(trace.reduction_arithmetic) == "(1.1 + 1.5) / 2 = 1.3"
    assert trace.value == pytest.approx(1.3, rel=1e-6)
    assert [s.key for s in trace.steps] == ["label_conversion", "margin", "hinge", "per_sample", "reduction"]
    assert trace.step("label_conversion").changed.tolist() == [[True, False], [True, True]]


@pytest.mark.parametrize(
    ("reduction", "weight", "expected", "arithmetic"),
    [
        ("sum_over_batch_size", None, 1.3, "(1.1 + 1.5) / 2 = 1.3"),
        ("mean", None, 1.3, "(1.1 + 1.5) / 2 = 1.3"),
        ("sum", None, 2.6, "1.1 + 1.5 = 2.6"),
        # A zero weight adds nothing but still counts in the divisor: (1.1 + 0) / 2.
        ("sum_over_batch_size", [1, 0], 0.55, "(1 × 1.1 + 0 × 1.5) / 2 = 0.55"),
        # mean_with_sample_weight divides by the sum of the weights: 1.1 / 1.
        ("mean_with_sample_weight", [1, 0], 1.1, "(1 × 1.1 + 0 × 1.5) / (1 + 0) = 1.1"),
        # Without weights it is the plain mean.
        ("mean_with_sample_weight", None, 1.3, "(1.1 + 1.5) / 2 = 1.3"),
        # A scalar weight 2 with mean_with_sample_weight: (2.2 + 3.0) / 2 = 2.6, not / 4.
        ("mean_with_sample_weight", 2.0, 2.6, "(2 × 1.1 + 2 × 1.5) / 2 = 2.6"),
        ("sum", [[2], [1]], 3.7, "2 × 1.1 + 1 × 1.5 = 3.7"),
    ],
)
def test_reductions_and_weights(reduction, weight, expected, arithmetic):
    trace = compute("hinge", HINGE_TRUE, HINGE_PRED, sample_weight=weight, reduction=reduction)
    assert trace.value == pytest.approx(expected, rel=1e-6)
    assert str(trace.reduction_arithmetic) == arithmetic


def test_zero_weight_and_scalar_weight_are_explained():
    assert compute("hinge", HINGE_TRUE, HINGE_PRED, sample_weight=[1, 0]).has_note("note.zero_weight_counted")
    scalar = compute("hinge", HINGE_TRUE, HINGE_PRED, sample_weight=2.0, reduction="mean_with_sample_weight")
    assert scalar.has_note("note.scalar_weight_divisor")


def test_none_reduction_returns_per_sample():
    for reduction in ("none", None):
        trace = compute("hinge", HINGE_TRUE, HINGE_PRED, reduction=reduction)
        np.testing.assert_allclose(trace.value, [1.1, 1.5], rtol=1e-6)


def test_one_dimensional_input_is_one_sample():
    # mean(max(0, 1 + 0.6), max(0, 1 - 0.4)) = (1.6 + 0.6) / 2 = 1.1, returned unreduced.
    trace = compute("hinge", [0, 1], [0.6, 0.4])
    assert trace.value == pytest.approx(1.1, rel=1e-6)
    assert trace.has_note("note.scalar_not_reduced")


def test_per_timestep_weights_of_shape_n_broadcast_along_the_last_axis():
    y = np.zeros((2, 2, 2))
    p = np.ones((2, 2, 2))
    # MSE per timestep is 1 everywhere; (N,) = (2,) weights [1, 0] multiply the LAST axis.
    trace = compute("mse", y, p, sample_weight=[1, 0], reduction="none")
    np.testing.assert_allclose(trace.value, [[1, 0], [1, 0]])
    assert trace.has_note("note.weight_broadcast_last_axis")
    # (N, 1) weights weight whole samples.
    trace = compute("mse", y, p, sample_weight=[[1], [0]], reduction="none")
    np.testing.assert_allclose(trace.value, [[1, 1], [0, 0]])


def test_float32_is_the_default_and_float64_is_available():
    assert compute("hinge", HINGE_TRUE, HINGE_PRED).per_sample.dtype == np.float32
    trace = compute("hinge", HINGE_TRUE, HINGE_PRED, dtype="float64")
    assert trace.per_sample.dtype == np.float64
    # Keras averages float64 losses in float32: per-sample values are float32(1.1), float32(1.5).
    assert trace.per_sample.tolist() == [float(np.float32(1.1)), 1.5]
    assert trace.value == (float(np.float32(1.1)) + 1.5) / 2


def test_aliases_resolve_to_the_same_spec():
    assert losses.spec("mse") is losses.spec("mean_squared_error")
    assert losses.spec("MeanSquaredError") is losses.spec("mean_squared_error")
    assert losses.spec("kld").name == "kl_divergence"


def test_value_equals_reduction_of_per_sample_and_terms_aggregate():
    rng = np.random.default_rng(0)
    y, p = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    for name in ("mean_squared_error", "mean_absolute_error", "huber", "log_cosh", "hinge", "squared_hinge"):
        trace = compute(name, y, p)
        np.testing.assert_allclose(trace.per_sample, trace.terms.mean(axis=-1), rtol=1e-6)
        np.testing.assert_allclose(trace.value, trace.per_sample.mean(), rtol=1e-6)


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.1000000238, "1.1"), (0.05129329, "0.05129"), (2.3025851, "2.303"), (16.118095, "16.12"),
     (1e-7, "1e-07"), (np.float32(1 - 1e-7), "0.9999999"), (-0.0, "-0"), (100.0, "100")],
)
def test_numbers_read_at_four_significant_digits(value, text):
    assert fmt(value) == text


@pytest.mark.parametrize(
    ("call", "key", "fragment"),
    [
        (lambda: compute("nope", [1], [1]), "error.unknown_loss", "Known losses: mean_squared_error"),
        (lambda: compute("hinge", [[1, 2]], [[1, 2, 3]]), "error.shape.same", "(1, 2)"),
        (lambda: compute("hinge", [[1, np.nan]], [[1, 2]]), "error.non_finite", "y_true"),
        (lambda: compute("hinge", [[1, 2]], [[1, np.inf]]), "error.non_finite", "y_pred"),
        (lambda: compute("hinge", [[1, 2]], [[1, 1e39]]), "error.overflow", "float32"),
        (lambda: compute("hinge", [[1], [2, 3]], [[1, 2]]), "error.not_numeric", "rectangular"),
        (lambda: compute("hinge", 1.0, [1.0]), "error.scalar_input", "single numbers"),
        (lambda: compute("hinge", np.zeros((1, 1, 1, 1)), np.zeros((1, 1, 1, 1))), "error.rank", "4 dimensions"),
        (lambda: compute("hinge", [1], [1], reduction="avg"), "error.unknown_reduction", "sum_over_batch_size"),
        (lambda: compute("hinge", [1], [1], dtype="int8"), "error.dtype", "float32"),
        (lambda: compute("hinge", [1], [1], delta=2.0), "error.unknown_param", "no parameter 'delta'"),
        (lambda: compute("huber", [1], [1], delta=-1.0), "error.param_range", "(0, inf]"),
        (lambda: compute("huber", [1], [1], delta="big"), "error.param_type", "a number"),
        (lambda: compute("hinge", [[1, 2], [3, 4]], [[1, 2], [3, 4]], sample_weight=[1, 2, 3]),
         "error.weight_shape", "sample_weight has shape (3,)"),
        (lambda: compute("mse", [[1, 2]], [[1, 2]], axis=3), "error.unknown_param", "no parameter 'axis'"),
    ],
)
def test_bad_input_gets_a_message_a_student_understands(call, key, fragment):
    with pytest.raises(LossInputError) as info:
        call()
    assert info.value.key == key
    assert fragment in str(info.value)


def test_large_batches_only_write_out_the_first_rows():
    rng = np.random.default_rng(1)
    trace = compute("mse", rng.normal(size=(10_000, 4)), rng.normal(size=(10_000, 4)))
    assert len(trace.sample_arithmetic) == 8
    assert trace.samples_not_shown == 10_000 - 8
    assert "(9992 more)" in str(trace.reduction_arithmetic)


@pytest.mark.parametrize("weight", [[1, 2, 3], [[1, 2, 3], [1, 1, 1]]])
def test_weights_that_do_not_fit_a_masked_loss_get_a_message(weight):
    # ignore_class makes a mask that is merged into the weights before weighting (Keras'
    # apply_mask); three weights for two samples fit neither.
    with pytest.raises(LossInputError, match="sample_weight has shape") as caught:
        compute("sparse_categorical_crossentropy", [1, 2], [[0.1, 0.8, 0.1], [0.2, 0.3, 0.5]],
                ignore_class=1, sample_weight=weight)
    assert caught.value.argument == "sample_weight"


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        # What a direct caller can get wrong: every mistake is a LossInputError naming it.
        (lambda: compute("mean_squared_error", [], []), "y_pred"),
        (lambda: compute("mean_squared_error", [[], []], [[], []]), "y_pred"),
        # An empty batch whose samples are empty too (found by the property test).
        (lambda: compute("mean_absolute_error", np.zeros((0, 0, 1)), np.zeros((0, 0, 1))), "y_pred"),
        (lambda: compute("mean_absolute_error", np.zeros((1, 0, 1)), np.zeros((1, 0, 1))), "y_pred"),
        (lambda: compute(["hinge"], [[1]], [[1]]), "loss"),
        (lambda: compute({"loss": "hinge"}, [[1]], [[1]]), "loss"),
        (lambda: compute("hinge", [[1]], [[1]], digits=0), "digits"),
        (lambda: compute("hinge", [[1]], [[1]], digits=500), "digits"),
        (lambda: compute("hinge", [[1, 0]], [[1, 0]], sample_weight=np.ones((5, 2))), "sample_weight"),
    ],
)
def test_a_direct_caller_gets_a_loss_input_error(call, argument):
    with pytest.raises(LossInputError) as caught:
        call()
    assert caught.value.argument == argument
    assert str(caught.value) and not re.search(r"\{[a-z_]+[!:}]", str(caught.value))


def test_each_worked_example_names_the_element_it_is_for():
    # Keras' CategoricalCrossentropy docs batch: the clip step works its example on the first
    # clipped element, y_pred[0][2] = 0 -> 1e-7; the log and the term on sample 0's true class,
    # j = 1 (-log 0.95); renormalisation on the first element.
    trace = losses.compute("categorical_crossentropy", [[0, 1, 0], [0, 0, 1]],
                           [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    at = {step.key: step.example_at for step in trace.steps}
    assert at["renormalise"] == (0, 0) and at["clip"] == (0, 2)
    assert at["log_p"] == (0, 1) and at["term"] == (0, 1)
    assert at["per_sample"] == (0,)


def test_sparse_labels_of_the_wrong_shape_for_the_axis_are_refused_before_ignore_class():
    # Found by the 100,000-example property run: axis = 0 of a (3, 2) y_pred wants 2 labels;
    # 3 labels with ignore_class once reached numpy's broadcast error.
    with pytest.raises(losses.LossInputError) as refused:
        losses.compute("sparse_categorical_crossentropy", [0, 0, 0], [[0, 0], [0, 0], [0, 0]],
                       ignore_class=0, axis=0)
    assert refused.value.argument == "y_true"


def test_an_empty_weight_vector_against_one_sample_gives_a_trace_with_a_gradient():
    # Found by the 100,000-example property run: per-sample loss of shape () against weights of
    # shape (0,) broadcasts to an empty weighted loss; nothing reaches the value, so the gradient
    # is 0 everywhere (each prediction's dL/dy_pred is a sum over no weights).
    trace = losses.compute("mean_squared_error", [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], sample_weight=[])
    assert trace.gradient.shape == (3,) and not trace.gradient.any()
