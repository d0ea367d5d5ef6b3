"""Keras losses beside their PyTorch counterparts (losses/compare.py).

Every expected number comes from tests/goldens/keras.json (Keras 3.15.1) or
tests/goldens/torch.json (torch 2.13.0), named by case id, or is arithmetic written out in a
comment.
"""

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pytest

import losses
from losses import LossInputError
from losses import compare as lc

GOLDENS = Path(__file__).parents[1] / "goldens"
KERAS = {c["id"]: c for c in json.loads((GOLDENS / "keras.json").read_text())["cases"]}
TORCH = {c["id"]: c for c in json.loads((GOLDENS / "torch.json").read_text())["cases"]}


SEED_PRED = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
# Lessons of the engine's own tests (the page's ready-made ones are ui/content/compare.py's and
# are tested in tests/ui/test_content.py).
LESSONS = {
    "logits": lc.Lesson("cce", [[0, 1, 0], [0, 0, 1]], SEED_PRED, "none", "none"),
    "class_weight": lc.Lesson("sparse_cce", [1, 2], SEED_PRED, keras_params={"from_logits": True},
                              class_weight=(1.0, 2.0, 3.0)),
    "hinge": lc.Lesson("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]),
}


def run(lesson_id, **changes):
    return lc.compare(dataclasses.replace(LESSONS[lesson_id], **changes))


def keys(comparison):
    return [d.key for d in comparison.differences]


# ---------------------------------------------------------------- the pairs


def test_every_pair_names_registered_losses_and_matches_the_registry_counterpart():
    for pair in lc.PAIRS:
        keras = losses.spec(pair.keras)
        torch = losses.spec(pair.torch, "pytorch")
        # The registry says which Keras loss each torch loss is nearest to; CrossEntropyLoss' is
        # the sparse cross-entropy, and one-hot targets are its other form.
        assert torch.counterpart in (pair.keras, "sparse_" + pair.keras), pair.id
        assert keras.framework == "keras"


def test_every_torch_loss_with_a_counterpart_is_in_some_pair_except_the_secondary_ones():
    paired = {pair.torch for pair in lc.PAIRS}
    with_counterpart = {n for n in losses.names("pytorch") if losses.spec(n, "pytorch").counterpart}
    # SmoothL1Loss (Huber / beta), NLLLoss (log-probabilities) and SoftMarginLoss (logistic, not
    # hinge) have a nearer neighbour in the list already.
    assert with_counterpart - paired == {"SmoothL1Loss", "NLLLoss", "SoftMarginLoss"}


def test_pair_for_keras_finds_the_explainer_loss():
    assert lc.pair_for_keras("hinge").torch == "HingeEmbeddingLoss"
    assert lc.pair_for_keras("binary_crossentropy").torch == "BCELoss"
    assert lc.pair_for_keras("log_cosh") is None


def test_unknown_pair_is_a_loss_input_error():
    with pytest.raises(LossInputError) as error:
        lc.compare(lc.Lesson("nope", [1.0], [1.0]))
    assert error.value.argument == "pair"


@pytest.mark.parametrize("pair", lc.PAIRS, ids=lambda p: p.id)
def test_every_pair_runs_on_its_keras_example(pair):
    example = losses.spec(pair.keras).example
    for translate in (False, True):
        lesson = lc.Lesson(pair.id, example["y_true"], example["y_pred"], translate=translate,
                           keras_params=example.get("params", {}))
        comparison = lc.compare(lesson)
        assert comparison.keras.name == pair.keras and comparison.torch.name == pair.torch
        assert comparison.conversions


# ---------------------------------------------------------------- conversions


def test_one_hot_rows_become_class_indices():
    y_true, y_pred, _, done = lc.torch_inputs(lc.Lesson("cce", [[0, 1, 0], [0, 0, 1]], [[1, 2, 3]] * 2))
    assert y_true.tolist() == [1, 2]
    assert [d.key for d in done] == ["one_hot_to_index"]


def test_soft_targets_stay_probabilities():
    y_true, _, _, done = lc.torch_inputs(lc.Lesson("cce", [[0.5, 0.5, 0]], [[1, 2, 3]]))
    assert y_true.tolist() == [[0.5, 0.5, 0]]
    assert [d.key for d in done] == ["soft_targets"]


def test_hinge_labels_convert_only_when_all_are_0_or_1():
    converted, *_ = lc.torch_inputs(lc.Lesson("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]))
    assert converted.tolist() == [[-1, 1], [-1, -1]]
    kept, *_ = lc.torch_inputs(lc.Lesson("hinge", [[0, 1], [0, -1]], [[0.6, 0.4], [0.4, 0.6]]))
    assert kept.tolist() == [[0, 1], [0, -1]]


def test_cosine_pair_stacks_y_true_and_y_pred():
    y_true, y_pred, _, _ = lc.torch_inputs(lc.Lesson("cosine", [[0, 1], [1, 1]], [[1, 0], [1, 1]]))
    assert y_true.tolist() == [1, 1]
    assert y_pred.shape == (2, 2, 2)
    assert y_pred[:, 0].tolist() == [[0, 1], [1, 1]] and y_pred[:, 1].tolist() == [[1, 0], [1, 1]]


def test_cosine_embedding_is_keras_cosine_plus_one():
    # The Keras docs example: Keras gives -cos = [0, -1, 1] (keras.json "seed/cosine_similarity");
    # CosineEmbeddingLoss with label 1 gives 1 - cos = [1, 0, 2].
    golden = KERAS["seed/cosine_similarity"]
    comparison = lc.compare(lc.Lesson("cosine", golden["y_true"], golden["y_pred"], "none", "none",
                                      keras_params=golden["params"]))
    np.testing.assert_allclose(comparison.keras.value, golden["per_sample"], atol=1e-6)
    np.testing.assert_allclose(comparison.torch.value, np.asarray(golden["per_sample"]) + 1, atol=1e-6)
    assert "similar_cosine" in keys(comparison)


def test_translation_takes_logs_of_what_keras_uses():
    _, y_pred, _, done = lc.torch_inputs(lc.Lesson("kld", [[0.2, 0.8]], [[0.4, 0.6]], translate=True))
    np.testing.assert_allclose(y_pred, np.log([[0.4, 0.6]]))
    assert [d.key for d in done] == ["log_kl"]
    # Categorical cross-entropy: each row divided by its sum (4) first, as Keras does.
    _, logits, _, _ = lc.torch_inputs(lc.Lesson("sparse_cce", [1], [[1, 2, 1]], translate=True))
    np.testing.assert_allclose(logits, np.log([[0.25, 0.5, 0.25]]))


def test_from_logits_needs_no_translation():
    _, y_pred, _, _ = lc.torch_inputs(lc.Lesson("sparse_cce", [1], [[1, 2, 1]], translate=True,
                                                keras_params={"from_logits": True}))
    assert y_pred.tolist() == [[1, 2, 1]]


def test_shared_parameters_reach_pytorch():
    comparison = lc.compare(lc.Lesson("huber", [[0, 1]], [[1, 3]], keras_params={"delta": 0.5}))
    assert comparison.torch_params == {"delta": 0.5}
    assert comparison.torch.params["delta"] == 0.5
    # Per element with delta 0.5: errors 1 and 2 are linear, 0.5 × (e - 0.25): 0.375 and 0.875,
    # mean 0.625; Keras' 0.5·|e| - 0.125 is the same arithmetic.
    assert comparison.keras.value == pytest.approx(0.625)
    assert comparison.torch.value == pytest.approx(0.625)
    assert comparison.agree


# ---------------------------------------------------------------- differences and reductions


def test_mismatched_reductions_are_named():
    comparison = run("hinge", keras_reduction="sum")
    assert "reduction" in keys(comparison)
    assert comparison.differences[-1].params == {"keras": "sum", "torch": "mean", "expected": "sum"}


def test_elementwise_losses_agree_on_mean_but_not_on_none_shapes():
    y_true, y_pred = [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]
    mean = lc.compare(lc.Lesson("mse", y_true, y_pred))
    # (1 + 0 + 1 + 0) / 4 = 0.5 both ways (torch.json "MSELoss/docs/mean").
    assert mean.keras.value == mean.torch.value == TORCH["MSELoss/docs/mean"]["value"]
    assert mean.agree and keys(mean) == []
    none = lc.compare(lc.Lesson("mse", y_true, y_pred, "none", "none"))
    assert none.agree is None
    assert keys(none) == ["elementwise_mean"]


def test_every_sentence_is_a_message_in_both_languages():
    # Every conversion and difference the pairs produce, on their examples and the lessons here,
    # is a catalog entry filled completely in English and Chinese.
    from losses.catalog import render
    lessons = [*LESSONS.values(), dataclasses.replace(LESSONS["hinge"], keras_reduction="sum"),
               dataclasses.replace(LESSONS["class_weight"], keras_params={}),
               *(lc.Lesson(p.id, losses.spec(p.keras).example["y_true"],
                                              losses.spec(p.keras).example["y_pred"], reduction, reduction,
                                              translate=translate,
                                              keras_params=losses.spec(p.keras).example.get("params", {}))
                                    for p in lc.PAIRS for translate in (False, True)
                                    for reduction in ("sum", "none"))]
    seen = set()
    for lesson in lessons:
        try:
            comparison = lc.compare(lesson)
        except LossInputError:
            continue
        for item in (*comparison.conversions, *comparison.differences):
            assert item.message.key in (f"compare.conv.{item.key}", f"compare.diff.{item.key}")
            seen.add(item.message.key)
            for lang in ("en", "zh"):
                text = render(item.message, lang)
                assert text != item.message.key and "{" not in text, (item, lang, text)
    assert {"compare.diff.logits", "compare.diff.reduction", "compare.conv.one_hot_to_index",
            "compare.conv.stack_pair", "compare.diff.elementwise_sum"} <= seen


def test_logits_difference_quotes_both_readings_of_the_lessons_numbers():
    # The numbers of compare.diff.logits are the two frameworks' per-sample losses of these very
    # inputs: torch.json "CrossEntropyLoss/seed/none" (0.584, 1.390) and keras.json
    # "seed/categorical_crossentropy" (0.0513, 2.303), never numbers typed into the sentence.
    for changes in ({}, {"translate": True}, {"keras_reduction": "sum", "torch_reduction": "sum"}):
        comparison = run("logits", **changes)
        (logits,) = [d for d in comparison.differences if d.key == "logits"]
        np.testing.assert_allclose(logits.params["torch_values"],
                                   TORCH["CrossEntropyLoss/seed/none"]["per_sample"], rtol=1e-6)
        np.testing.assert_allclose(logits.params["keras_values"],
                                   KERAS["seed/categorical_crossentropy"]["per_sample"], rtol=1e-6)
        assert logits.params["keras"] == "categorical_crossentropy"
    # Other numbers, other sentence: the first row read as logits, log(e^1 + e^2 + e^3) - 2.
    other = lc.compare(lc.Lesson("sparse_cce", [1], [[1, 2, 3]]))
    (logits,) = [d for d in other.differences if d.key == "logits"]
    assert logits.params["torch_values"][0] == pytest.approx(
        math.log(math.e + math.e**2 + math.e**3) - 2, rel=1e-6)
    assert logits.params["keras_values"][0] == pytest.approx(-math.log(2 / 6), rel=1e-6)
    # Class weights weigh the reduction, not what a reading of the numbers gives.
    weighted = lc.compare(dataclasses.replace(LESSONS["class_weight"], keras_params={}))
    (logits,) = [d for d in weighted.differences if d.key == "logits"]
    np.testing.assert_allclose(logits.params["torch_values"],
                               TORCH["CrossEntropyLoss/seed/none"]["per_sample"], rtol=1e-6)


# ---------------------------------------------------------------- bad input


def test_multi_margin_needs_one_hot_rows():
    with pytest.raises(LossInputError) as error:
        lc.compare(lc.Lesson("categorical_hinge", [[0.5, 0.5]], [[0.1, 0.2]]))
    assert error.value.argument == "y_true"


def test_cosine_pair_needs_matching_tables():
    with pytest.raises(LossInputError) as error:
        lc.compare(lc.Lesson("cosine", [[0, 1]], [[1, 0, 0]]))
    assert error.value.argument == "y_true"


def test_class_weights_need_one_per_class():
    with pytest.raises(LossInputError) as error:
        run("class_weight", class_weight=(1.0, 2.0))
    assert error.value.argument == "class_weight"


def test_class_weights_only_where_pytorch_takes_them():
    with pytest.raises(LossInputError) as error:
        run("hinge", class_weight=(1.0, 2.0))
    assert error.value.argument == "class_weight"


def test_shape_mismatch_is_a_loss_input_error():
    with pytest.raises(LossInputError) as error:
        lc.compare(lc.Lesson("mse", [[1.0, 2.0]], [[1.0, 2.0, 3.0]]))
    assert error.value.argument == "y_true"


def test_bce_rejects_probabilities_outside_0_1_on_the_torch_side():
    with pytest.raises(LossInputError) as error:
        lc.compare(lc.Lesson("bce", [[1.0]], [[1.5]]))
    assert error.value.argument == "y_pred"


def test_sum_of_per_sample_means_is_not_the_sum_of_elements():
    # MSE of [[1, 1], [1, 0]] against [[0, 1], [0, 0]]: elements 1, 0, 1, 0. Keras' "sum" adds the
    # per-sample means 0.5 + 0.5 = 1 (keras.json "mean_squared_error/sum" is the same rule);
    # PyTorch's adds the elements, 2 (torch.json "MSELoss/docs/sum").
    comparison = lc.compare(lc.Lesson("mse", [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]], "sum", "sum"))
    assert comparison.keras.value == pytest.approx((1 + 0) / 2 + (1 + 0) / 2)
    assert comparison.torch.value == TORCH["MSELoss/docs/sum"]["value"] == 2.0
    assert keys(comparison) == ["elementwise_sum"]
    assert comparison.differences[0].params == {"per_row": 2, "batch": 2}


# --- the two gradients (issue 11) ---------------------------------------------------------------


def test_mse_sends_back_the_same_gradient_from_both_frameworks_when_both_average_everything():
    # Keras: mean over C, then over N; PyTorch: mean over all N * C elements. Both give
    # 2 (y_pred - y_true) / (N * C) = 2 * [[0.5, 0], [-1, 3]] / 4 = [[0.25, 0], [-0.5, 1.5]] by hand.
    comparison = lc.compare(lc.Lesson("mse", [[1, 2], [3, 4]], [[1.5, 2], [2, 7]]))
    assert comparison.gradient_agree is True
    np.testing.assert_allclose(comparison.keras.gradient, [[0.25, 0], [-0.5, 1.5]], rtol=1e-6)
    assert [d.key for d in comparison.gradient_differences] == ["agree"]


def test_summed_mse_differs_by_the_number_of_columns():
    # Keras "sum" adds per-sample means (1/C each term), PyTorch "sum" adds the elements: every
    # PyTorch gradient is C = 2 times Keras'.
    comparison = lc.compare(lc.Lesson("mse", [[1, 2], [3, 4]], [[1.5, 2], [2, 7]],
                                      keras_reduction="sum", torch_reduction="sum"))
    assert comparison.gradient_agree is False
    (scale,) = [d for d in comparison.gradient_differences if d.key == "scale"]
    assert scale.message.params["ratio"] == pytest.approx(2.0)


def test_probabilities_read_as_logits_give_another_gradient_and_say_why():
    # The tutorial's batch. PyTorch's gradient is (softmax(y_pred) - one_hot) / N: its first row
    # sums to 0 (a softmax row sums to 1, a one-hot row too); Keras' through the renormalisation
    # of a row that already sums to 1 is (G - sum G p) / N with G = [0, -1/0.95, 0]: 0.5 on the
    # other classes, (1 - 1/0.95) / 2 = -0.0263 on the true one.
    comparison = lc.compare(lc.Lesson("cce", [[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]))
    assert comparison.gradient_agree is False
    assert "logits" in [d.key for d in comparison.gradient_differences]
    np.testing.assert_allclose(np.sum(comparison.torch.gradient[0]), 0, atol=1e-6)
    np.testing.assert_allclose(comparison.keras.gradient[0], [0.5, (1 - 1 / 0.95) / 2, 0.5], rtol=1e-5)


def test_translated_predictions_are_not_compared_element_by_element():
    comparison = lc.compare(lc.Lesson("cce", [[0, 1, 0]], [[0.05, 0.95, 0]], translate=True))
    assert comparison.gradient_agree is None
    assert [d.key for d in comparison.gradient_differences] == ["translated"]
