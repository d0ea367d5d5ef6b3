"""Cosine similarity, Dice and Tversky: Keras 3's numbers, their steps and their surprises.

Every expected number says where it comes from: hand arithmetic in a comment, or Keras 3.15.1
(jax backend) quoted with its version.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from losses import LossInputError, compute
from losses.catalog import render
from losses.messages import render_formula
from tests.losses.rendering import assert_trace_renders

F32 = np.float32
# float32(1/sqrt(2)) = 0.70710677; squared 0.49999997; two of them sum to 0.99999994 (1 - 1 ulp).
HALF = F32(F32(1 / np.sqrt(2)) * F32(1 / np.sqrt(2)))
ALMOST_ONE = F32(HALF + HALF)

COS_TRUE = [[0, 1], [1, 1], [1, 1]]
COS_PRED = [[1, 0], [1, 1], [-1, -1]]
MASK_TRUE = [[1, 1, 0, 0], [0, 0, 1, 1]]
MASK_PRED = [[0.9, 0.6, 0.2, 0.1], [0.2, 0.3, 0.8, 0.7]]


def test_cosine_seed_is_keras_docstring_example():
    # keras.losses.cosine_similarity docstring (3.15.1): [-0., -0.99999994, 0.99999994].
    trace = compute("cosine_similarity", COS_TRUE, COS_PRED, axis=1, reduction="none")
    assert trace.per_sample.tolist() == [-0.0, -ALMOST_ONE, ALMOST_ONE]
    assert np.signbit(trace.per_sample[0])  # -(0 * 1 + 1 * 0) is minus zero
    # Keras 3.15.1 CosineSimilarity(axis=1) gives 0.0: (-0 - 0.99999994 + 0.99999994) / 3 = +0.
    value = compute("cosine_similarity", COS_TRUE, COS_PRED, axis=1).value
    assert value == 0.0 and not np.signbit(value)


def test_cosine_steps_and_arithmetic():
    trace = compute("cosine_similarity", COS_TRUE, COS_PRED, axis=1)
    assert [s.key for s in trace.steps] == [
        "normalize_y_true", "normalize_y_pred", "term", "per_sample", "reduction"]
    # Terms: [0, 1] . [1, 0] elementwise = [0, 0]; [1, 1]/sqrt2 . [-1, -1]/sqrt2 = [-0.5, -0.5].
    np.testing.assert_allclose(trace.terms, [[0, 0], [0.5, 0.5], [-0.5, -0.5]], rtol=1e-6)
    assert str(trace.sample_arithmetic[2].formula) == "-(-0.5 + (-0.5)) = 0.9999999"
    # The worked example is data: the numbers of element (0, 0), rendered to LaTeX on the page.
    example = trace.step("term").example
    assert example.args == (0.0, 1.0, 0.0)
    assert render_formula(example, "en") == r"0 \cdot 1 = 0"
    assert trace.step("term").title.key == "step.cosine.term"
    normalize = trace.step("normalize_y_pred").title
    assert (normalize.key, dict(normalize.params)) == ("step.cosine.normalize", {"argument": "y_pred"})
    assert str(normalize) == "l2-normalise y_pred: divide each vector by its length"
    assert render(normalize, "zh") == "对 y_pred 做 L2 归一化：每个向量除以它的长度"


def test_cosine_zero_vector_stays_zero_and_is_explained():
    # Keras: rsqrt(0) = inf is capped at 1/epsilon = 1e7, and 0 * 1e7 = 0: no NaN.
    trace = compute("cosine_similarity", [[0, 0], [3, 4]], [[1, 2], [3, 4]], reduction="none")
    assert trace.step("normalize_y_true").array[0].tolist() == [0, 0]
    assert trace.step("normalize_y_true").changed.tolist() == [[True, True], [False, False]]
    assert trace.per_sample[0] == 0 and np.signbit(trace.per_sample[0])
    # (3, 4) / 5 = (0.6, 0.8) with itself: 0.36 + 0.64 = 1.
    assert trace.per_sample[1] == pytest.approx(-1.0, rel=1e-6)
    note = next(n for n in trace.notes if n.key == "note.cosine_zero_vector")
    assert dict(note.params) == {"argument": "y_true", "count": 1} and note.level == "warning"
    assert str(note.message).startswith("1 y_true vector(s) are all zeros.")


def test_cosine_short_vector_is_not_unit_length():
    # Length 1e-9 < 1e-7: Keras multiplies by 1e7 instead of 1e9, so (1e-9, 0) becomes (0.01, 0).
    trace = compute("cosine_similarity", [[1e-9, 0]], [[1, 0]], reduction="none")
    assert trace.per_sample[0] == pytest.approx(-0.01, rel=1e-5)
    assert trace.has_note("note.cosine_short_vector")


def test_cosine_along_the_batch_axis():
    # axis=0 compares columns: column 0 is (0, 1, 1) vs (1, 1, -1): 0 + 1 - 1 = 0.
    trace = compute("cosine_similarity", COS_TRUE, COS_PRED, axis=0, reduction="none")
    assert trace.per_sample.shape == (2,)
    assert trace.per_sample[0] == pytest.approx(0.0, abs=1e-7)


finite = st.floats(-100, 100, width=32).filter(lambda x: x == 0 or abs(x) > 1e-3)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float32, (3, 4), elements=finite), arrays(np.float32, (3, 4), elements=finite),
       st.floats(0.01, 100))
def test_cosine_is_invariant_to_positive_scaling(y_true, y_pred, scale):
    base = compute("cosine_similarity", y_true, y_pred, reduction="none")
    scaled = compute("cosine_similarity", y_true * scale, y_pred, reduction="none")
    both = compute("cosine_similarity", y_true, y_pred * scale, reduction="none")
    np.testing.assert_allclose(scaled.per_sample, base.per_sample, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(both.per_sample, base.per_sample, rtol=1e-5, atol=1e-6)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float32, (3, 4), elements=st.floats(-100, 100, width=32)))
def test_cosine_perfect_prediction_is_minus_one_and_terms_aggregate(y):
    trace = compute("cosine_similarity", y, y, reduction="none")
    np.testing.assert_array_equal(trace.per_sample, -np.sum(trace.terms, axis=-1))
    long_enough = np.sum(y.astype(np.float64) ** 2, axis=-1) > 1e-10
    np.testing.assert_allclose(trace.per_sample[long_enough], -1.0, rtol=1e-5)
    assert np.all(trace.per_sample >= -1.0 - 1e-6)


def test_dice_hand_example_whole_batch():
    # axis=None sums everything: I = 0.9 + 0.6 + 0.8 + 0.7 = 3, sum y = 4, sum y_pred = 3.8,
    # 1 - 2 * 3 / 7.8 = 0.230769.
    trace = compute("dice", MASK_TRUE, MASK_PRED)
    assert trace.per_sample.shape == ()
    assert trace.value == pytest.approx(1 - 6 / 7.8, rel=1e-6)
    assert [str(a.formula) for a in trace.sample_arithmetic] == ["1 - 2 × 3 / (4 + 3.8 + 1e-07) = 0.2308"]
    # In LaTeX the epsilon is a number like the others: 10^{-7}, never "1e-07".
    assert render_formula(trace.sample_arithmetic[0].formula, "en") == (
        r"1 - 2 \times  3 / (4 + 3.8 + 10^{-7}) = 0.2308")
    intersection = trace.step("intersection").title
    assert (intersection.key, dict(intersection.params)) == ("step.overlap.intersection", {"axis": None})
    assert str(intersection) == "Intersection: sum of the overlaps over the whole batch"
    assert trace.has_note("note.dice_whole_batch")
    assert trace.has_note("note.scalar_not_reduced")


def test_dice_per_sample_with_an_axis():
    # Row 0: I = 1.5, 1 - 3 / (2 + 1.8) = 0.210526; row 1: I = 1.5, 1 - 3 / (2 + 2) = 0.25.
    trace = compute("dice", MASK_TRUE, MASK_PRED, axis=1, reduction="none")
    np.testing.assert_allclose(trace.per_sample, [1 - 3 / 3.8, 0.25], rtol=1e-6)
    assert str(trace.sample_arithmetic[0].formula) == "1 - 2 × 1.5 / (2 + 1.8 + 1e-07) = 0.2105"
    assert str(trace.step("intersection").title) == "Intersection: sum of the overlaps over axis 1"
    assert render(trace.step("intersection").title, "zh") == "交集：沿 axis 1 对重叠求和"
    assert not trace.has_note("note.dice_whole_batch")


def test_dice_keras_docstring_example():
    # keras.losses.Dice docstring (3.15.1), inputs (2, 2, 2, 1): axis=(1, 2, 3) gives
    # [0.5, 0.75757575] and axis=None 0.6164384. The 4-D masks are taken as they are.
    y_true = np.array([[[1.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]]])[..., None]
    y_pred = np.array([[[0.0, 1.0], [0.0, 1.0]], [[0.4, 0.0], [0.0, 0.9]]])[..., None]
    per_sample = compute("dice", y_true, y_pred, axis=(1, 2, 3), reduction="none")
    np.testing.assert_allclose(per_sample.value, [0.5, 0.75757575], rtol=1e-6)
    assert compute("dice", y_true, y_pred).value == pytest.approx(0.6164384, rel=1e-6)
    # Dropping the trailing 1 and flattening each sample keeps every sum the same.
    flat = compute("dice", y_true.reshape(2, 4), y_pred.reshape(2, 4), axis=1, reduction="none")
    np.testing.assert_array_equal(flat.value, per_sample.value)


@pytest.mark.parametrize("name", ["dice", "tversky"])
def test_overlap_losses_take_up_to_five_dimensions(name):
    y = np.ones((2, 2, 2, 2, 2))
    trace = compute(name, y, y * 0.5, axis=(1, 2, 3, 4), reduction="none")
    assert trace.per_sample.shape == (2,)
    with pytest.raises(LossInputError) as caught:
        compute(name, y[..., None], y[..., None])
    err = caught.value
    assert (err.key, err.argument, err.params["ndim"], err.params["limit"]) == ("error.rank", "y_true", 6, 5)
    assert str(err) == "y_true has 6 dimensions; this loss takes at most 5."
    assert render(err.message, "zh") == "y_true 有 6 个维度；这个损失最多支持 5 个。"


def test_dice_over_two_axes_gives_one_loss_per_sample():
    # keras.losses.Dice docstring (3.15.1): axis=(1, 2, 3) on its (2, 2, 2, 1) input gives
    # [0.5, 0.75757575]; the same sums over axes (1, 2) of the (2, 2, 2) input.
    y_true = np.array([[[1.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]]])
    y_pred = np.array([[[0.0, 1.0], [0.0, 1.0]], [[0.4, 0.0], [0.0, 0.9]]])
    trace = compute("dice", y_true, y_pred, axis=[1, 2], reduction="none")
    np.testing.assert_allclose(trace.value, [0.5, 0.75757575], rtol=1e-6)
    assert compute("dice", y_true, y_pred, axis=(1, 2)).value == pytest.approx(
        (0.5 + 0.75757575) / 2, rel=1e-6)


@pytest.mark.parametrize(
    ("axis", "fragment"),
    [([], "list of distinct"), ([1, 1], "list of distinct"), ([1, 0.5], "list of distinct"),
     ([1, -2], "same dimension twice"), ([1, 3], "axis = 3 does not exist")],
)
def test_bad_axes_get_a_message(axis, fragment):
    y = np.ones((2, 2, 2))
    with pytest.raises(LossInputError, match=fragment) as caught:
        compute("tversky", y, y, axis=axis)
    assert caught.value.argument == "axis"
    assert caught.value.key.startswith("error.")


@pytest.mark.parametrize(
    ("weight", "reduction", "expected"),
    [
        # Keras 3.15.1, dice on MASK_TRUE/MASK_PRED (loss 0.23076927): the one loss is multiplied
        # by each weight, and the products are reduced: 0.23077 * (2 + 3) / 2 = 0.57692.
        ([2, 3], "sum_over_batch_size", 0.5769231915473938),
        ([2, 3], "sum", 1.1538463830947876),
        ([2, 3], "mean_with_sample_weight", 0.23076927661895752),
        ([2, 3], "none", [0.46153855323791504, 0.6923078298568726]),
        ([1, 0], "sum_over_batch_size", 0.11538463830947876),
        # A scalar weight keeps it a scalar, which no reduction touches: 2 * 0.23077.
        (2.0, "sum_over_batch_size", 0.46153855323791504),
        (2.0, "mean_with_sample_weight", 0.46153855323791504),
    ],
)
def test_dice_whole_batch_with_sample_weights_matches_keras(weight, reduction, expected):
    trace = compute("dice", MASK_TRUE, MASK_PRED, sample_weight=weight, reduction=reduction)
    np.testing.assert_allclose(trace.value, expected, rtol=1e-6)


def test_short_rows_are_summed_left_to_right_as_xla_does():
    # float32: 1 + 4e-8 rounds back to 1 (4e-8 is under half an ulp of 1, 6e-8), so adding the
    # seven 4e-8 one at a time leaves 1; numpy's pairwise sum adds them first and gets 1.0000002.
    # Keras 3.15.1 (jax) gives 1.0 for jnp.sum of this row.
    row = [[1.0] + [4e-8] * 7]
    trace = compute("dice", row, row, axis=1, reduction="none")
    assert trace.step("sum_true").array.tolist() == [1.0]


def test_dice_of_two_empty_masks_is_one():
    # 2 * 0 / (0 + 0 + 1e-7) = 0, so the loss is 1 although the prediction is perfect.
    trace = compute("dice", [[0, 0]], [[0, 0]], axis=1, reduction="none")
    assert trace.per_sample.tolist() == [1.0]
    assert trace.has_note("note.dice_empty")


masks = arrays(np.float32, (3, 5), elements=st.sampled_from([0.0, 1.0]))


@settings(max_examples=60, deadline=None)
@given(masks)
def test_dice_perfect_binary_prediction_is_about_zero(mask):
    trace = compute("dice", mask, mask, axis=1, reduction="none")
    nonempty = mask.sum(axis=1) > 0
    # 1 - 2k / (2k + 1e-7) = 1e-7 / (2k + 1e-7), below 1e-7 for k >= 1.
    assert np.all(trace.per_sample[nonempty] <= 1e-7)


@settings(max_examples=60, deadline=None)
@given(masks, arrays(np.float32, (3, 5), elements=st.floats(0, 1, width=32)))
def test_tversky_with_half_and_half_is_dice(y_true, y_pred):
    # I / (I + (sum y - I) / 2 + (sum y_pred - I) / 2) = 2I / (sum y + sum y_pred).
    dice = compute("dice", y_true, y_pred, axis=1, reduction="none")
    tversky = compute("tversky", y_true, y_pred, axis=1, reduction="none")
    np.testing.assert_allclose(tversky.per_sample, dice.per_sample, rtol=1e-5, atol=1e-6)


def test_tversky_alpha_weights_what_the_textbook_calls_false_negatives():
    # y_true (1, 1), y_pred (1, 0): one true pixel missed. Keras' fp = sum(y_true * (1 - y_pred)) = 1.
    # Keras 3.15.1: alpha=1, beta=0 gives 0.5 = 1 - 1 / (1 + 1) ...
    trace = compute("tversky", [[1, 1]], [[1, 0]], alpha=1.0, beta=0.0)
    assert trace.value == pytest.approx(0.5, rel=1e-6)
    assert trace.step("false_positives").array.tolist() == 1.0
    assert trace.has_note("note.tversky_swapped_names")
    note = next(n for n in trace.notes if n.key == "note.tversky_swapped_names")
    assert note.level == "warning"
    # Raw numbers in the message; the page formats them.
    assert dict(note.params) == {"alpha": 1.0, "beta": 0.0}
    assert "So alpha = 1 weights missed positives and beta = 0 weights false alarms" in str(note.message)
    # ... and alpha=0, beta=1 gives 1.1920929e-07 = 1 - float32(1 / (1 + 1e-7)).
    assert compute("tversky", [[1, 1]], [[1, 0]], alpha=0.0, beta=1.0).value == pytest.approx(1.1920929e-07, rel=1e-6)


def test_tversky_arithmetic_reads_with_its_weights():
    # Row 0: I = 1.5, Keras fp = 0.1 + 0.4 = 0.5, fn = 0.2 + 0.1 = 0.3:
    # 1 - 1.5 / (1.5 + 0.3 * 0.5 + 0.7 * 0.3) = 1 - 1.5 / 1.86.
    trace = compute("tversky", MASK_TRUE, MASK_PRED, alpha=0.3, beta=0.7, axis=1, reduction="none")
    assert trace.per_sample[0] == pytest.approx(1 - 1.5 / 1.86, rel=1e-6)
    assert str(trace.sample_arithmetic[0].formula) == "1 - 1.5 / (1.5 + 0.3 × 0.5 + 0.7 × 0.3 + 1e-07) = 0.1935"


RENDER_CASES = [
    ("cosine_similarity", COS_TRUE, COS_PRED, {"axis": 1}),
    ("cosine_similarity", [[0, 0], [1e-9, 0]], [[1, 2], [3, 4]], {}),
    ("dice", MASK_TRUE, MASK_PRED, {}),
    ("dice", [[0, 0], [1, 0]], [[0, 0], [0.5, 0.5]], {"axis": 1, "sample_weight": [1, 2]}),
    ("dice", np.ones((2, 2, 2)), np.ones((2, 2, 2)), {"axis": (1, 2)}),
    ("tversky", MASK_TRUE, MASK_PRED, {"alpha": 0.3, "beta": 0.7}),
    ("tversky", [[0, 0], [1, 0]], [[0, 0], [0.5, 0.5]], {"axis": -1, "reduction": "none"}),
]


@pytest.mark.parametrize(("name", "y_true", "y_pred", "kwargs"), RENDER_CASES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_message_renders_in_both_languages(name, y_true, y_pred, kwargs, lang):
    assert_trace_renders(compute(name, y_true, y_pred, **kwargs), lang)
