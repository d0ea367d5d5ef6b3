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
from ui import i18n

GOLDENS = Path(__file__).parents[1] / "goldens"
KERAS = {c["id"]: c for c in json.loads((GOLDENS / "keras.json").read_text())["cases"]}
TORCH = {c["id"]: c for c in json.loads((GOLDENS / "torch.json").read_text())["cases"]}


def run(preset_id, **changes):
    return lc.compare(dataclasses.replace(lc.PRESETS_BY_ID[preset_id].lesson, **changes))


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


# ---------------------------------------------------------------- the seven presets


def test_there_are_seven_presets_with_texts():
    assert [p.id for p in lc.PRESETS] == [
        "logits", "mean", "clip", "kl_log", "class_weight", "similar_names", "poisson"]
    for preset in lc.PRESETS:
        assert i18n.TEXT["en"][f"compare.preset.{preset.id}.label"]
        assert i18n.TEXT["en"][f"compare.preset.{preset.id}.help"]


def test_logits_preset_gives_the_issue_numbers():
    comparison = run("logits")
    # Keras reads probabilities: -log 0.95 = 0.0513 and -log 0.1 = 2.303
    # (keras.json "seed/categorical_crossentropy").
    np.testing.assert_allclose(comparison.keras.value, KERAS["seed/categorical_crossentropy"]["per_sample"],
                               rtol=1e-6)
    # torch reads logits: log(e^0.05 + e^0.95 + e^0) - 0.95 = log(1.0513 + 2.5857 + 1) - 0.95
    # = 1.5342 - 0.95 = 0.584, and log(e^0.1 + e^0.8 + e^0.1) - 0.1 = 1.4897 - 0.1 = 1.390
    # (torch.json "CrossEntropyLoss/seed/none").
    np.testing.assert_allclose(comparison.torch.value, TORCH["CrossEntropyLoss/seed/none"]["per_sample"],
                               rtol=1e-6)
    assert comparison.torch.value[0] == pytest.approx(
        math.log(math.exp(0.05) + math.exp(0.95) + 1) - 0.95, rel=1e-6)
    assert keys(comparison) == ["logits"]
    assert comparison.agree is False


def test_logits_preset_translated_agrees():
    # log of the probabilities as logits: softmax(log p) = p, so -log 0.95 and -log 0.1 again,
    # up to Keras' clip of the 0 to 1e-7 (a change of 1e-7 in the row sum).
    comparison = run("logits", translate=True)
    np.testing.assert_allclose(comparison.torch.value, KERAS["seed/categorical_crossentropy"]["per_sample"],
                               rtol=1e-5)
    assert comparison.agree


def test_mean_preset_divides_by_every_element():
    comparison = run("mean")
    # keras: (0.2 log(0.2/0.4) + 0.8 log(0.8/0.6) + 0.5 log(0.5/0.9) + 0.5 log(0.5/0.1)) / 2
    #      = (0.09152 + 0.51083) / 2 = 0.30117; torch "mean" divides the same sum by 4 elements.
    # torch.json "KLDivLoss/basic/batchmean" and ".../mean" are these inputs with the logs
    # rounded to 6 decimals.
    by_hand = (0.2 * math.log(0.5) + 0.8 * math.log(0.8 / 0.6) + 0.5 * math.log(5 / 9) + 0.5 * math.log(5))
    assert comparison.keras.value == pytest.approx(by_hand / 2, rel=1e-6)
    assert comparison.keras.value == pytest.approx(TORCH["KLDivLoss/basic/batchmean"]["value"], rel=1e-5)
    assert comparison.torch.value == pytest.approx(TORCH["KLDivLoss/basic/mean"]["value"], rel=1e-5)
    assert comparison.torch.value == pytest.approx(by_hand / 4, rel=1e-6)
    assert keys(comparison) == ["kl_log", "mean_elements"]
    assert comparison.differences[1].params == {"count": 4, "classes": 2, "batch": 2}


def test_clip_preset_caps_at_16_and_100():
    comparison = run("clip", keras_reduction="none", torch_reduction="none")
    # keras.json "binary_crossentropy/p=0,1/float32": 16.118 (= -log 1e-7), 15.942 (1 - 1e-7 is
    # 0.99999988 in float32) and 1.19e-7 twice; torch.json "BCELoss/p=0,1/none": 100, 100, 0, 0.
    np.testing.assert_allclose(comparison.keras.value, KERAS["binary_crossentropy/p=0,1/float32"]["per_sample"],
                               rtol=1e-6)
    np.testing.assert_allclose(np.ravel(comparison.torch.value), np.ravel(TORCH["BCELoss/p=0,1/none"]["value"]))
    mean = run("clip")
    # The defaults: Keras (16.118 + 15.942 + 2 × 1.19e-7) / 4 = 8.015; torch (100 + 100) / 4 = 50
    # (torch.json "BCELoss/p=0,1/mean").
    assert mean.keras.value == pytest.approx(sum(KERAS["binary_crossentropy/p=0,1/float32"]["per_sample"]) / 4,
                                             rel=1e-6)
    assert mean.torch.value == TORCH["BCELoss/p=0,1/mean"]["value"] == 50.0
    assert keys(mean) == ["clip"] and mean.differences[0].params == {"count": 4}


def test_kl_log_preset_reads_probabilities_as_logs():
    comparison = run("kl_log")
    # torch.json "KLDivLoss/probabilities_as_input": the same numbers fed as log-probabilities;
    # batchmean divides their sum by the 2 samples.
    golden = TORCH["KLDivLoss/probabilities_as_input"]
    np.testing.assert_allclose(comparison.torch.per_sample, golden["per_sample"], rtol=1e-6)
    assert comparison.torch.value == pytest.approx(np.sum(golden["per_sample"]) / 2, rel=1e-6)
    assert comparison.torch.value < 0
    assert keys(comparison) == ["kl_log", "kl_log_untranslated"]
    translated = run("kl_log", translate=True)
    assert translated.torch.value == pytest.approx(TORCH["KLDivLoss/basic/batchmean"]["value"], rel=1e-5)
    assert translated.agree and keys(translated) == ["kl_log"]


def test_class_weight_preset_divisors():
    comparison = run("class_weight")
    # Per sample, both are cross-entropy of the logits, torch.json "CrossEntropyLoss/seed/none":
    # 0.58406 and 1.38973, weighted by the targets' weights 2 and 3.
    per_sample = TORCH["CrossEntropyLoss/seed/none"]["per_sample"]
    weighted = 2 * per_sample[0] + 3 * per_sample[1]
    assert comparison.keras.value == pytest.approx(weighted / 2, rel=1e-6)  # by 2 samples
    assert comparison.torch.value == pytest.approx(weighted / (2 + 3), rel=1e-6)  # by 2 + 3
    assert comparison.keras_sample_weight.tolist() == [2.0, 3.0]
    assert keys(comparison) == ["class_weight"]
    assert comparison.differences[0].params["weight_sum"] == "5"
    # Keras' mean_with_sample_weight divides by the weights too.
    same = run("class_weight", keras_reduction="mean_with_sample_weight")
    assert same.agree and keys(same) == ["class_weight"]


def test_similar_names_preset():
    comparison = run("similar_names")
    # Keras' hinge on its docs example: 1.3 (keras.json "seed/hinge"). HingeEmbeddingLoss on the
    # labels -1/1 [[-1, 1], [-1, -1]]: max(0, 1 - 0.6) + 0.4 + max(0, 1 - 0.4) + max(0, 1 - 0.6)
    # = 0.4 + 0.4 + 0.6 + 0.4 = 1.8, over 4 elements 0.45.
    assert comparison.keras.value == pytest.approx(KERAS["seed/hinge"]["value"], rel=1e-6)
    assert comparison.torch.value == pytest.approx(1.8 / 4, rel=1e-6)
    assert keys(comparison) == ["similar_hinge"]


def test_multi_margin_is_not_categorical_hinge():
    # keras.json "categorical_hinge/default": [1.2, 0, 2]. MultiMarginLoss, hand: row 0, target 1
    # (0.4): max(0, 1 - 0.4 + 0.6) + max(0, 1 - 0.4 + 0.1) = 1.2 + 0.7, / 3 = 0.6333; row 1,
    # target 2 (1.5): max(0, 1 - 1.5 + 0.2) + max(0, 1 - 1.5 + 0.3) = 0, / 3 = 0; row 2, target 0
    # (-0.5): max(0, 1 + 0.5 + 0.5) + max(0, 1 + 0.5 + 0) = 2 + 1.5, / 3 = 1.1667.
    golden = KERAS["categorical_hinge/default"]
    comparison = lc.compare(lc.Lesson("categorical_hinge", golden["y_true"], golden["y_pred"], "none", "none"))
    np.testing.assert_allclose(comparison.keras.value, golden["per_sample"], rtol=1e-6)
    np.testing.assert_allclose(comparison.torch.value, [1.9 / 3, 0, 3.5 / 3], rtol=1e-6)
    assert "similar_multimargin" in keys(comparison)


def test_poisson_preset_reads_a_log_rate():
    comparison = run("poisson")
    # Keras: y_pred - y_true log(y_pred + 1e-7) = [[1, 1 - log(1 + 1e-7)], [1, 0]], row means
    # 1 and 0.5, mean 0.75. torch.json "PoissonNLLLoss/docs_keras" (same inputs): e^x - y x =
    # [[e, e - 1], [e, 1]], mean 3e / 4 = 2.0387.
    assert comparison.keras.value == pytest.approx(0.75, rel=1e-6)
    np.testing.assert_allclose(comparison.torch.per_sample, TORCH["PoissonNLLLoss/docs_keras"]["per_sample"],
                               rtol=1e-6)
    assert comparison.torch.value == pytest.approx(3 * math.e / 4, rel=1e-6)
    assert keys(comparison) == ["poisson_log"]
    translated = run("poisson", translate=True)
    assert translated.torch_params == {"log_input": False, "eps": 1e-7}
    assert translated.agree and keys(translated) == []


def test_each_preset_shows_a_difference():
    for preset in lc.PRESETS:
        comparison = lc.compare(preset.lesson)
        assert comparison.agree is not True, preset.id
        assert comparison.differences, preset.id


# ---------------------------------------------------------------- differences and reductions


def test_mismatched_reductions_are_named():
    comparison = run("similar_names", keras_reduction="sum")
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


def test_difference_texts_match_the_i18n_table():
    en = i18n.TEXT["en"]
    for key, text in lc.EXPLANATIONS.items():
        assert en[f"compare.diff.{key}"] == text
    for key, text in lc.CONVERSIONS.items():
        assert en[f"compare.conv.{key}"] == text
    for preset in lc.PRESETS:
        for item in (*lc.compare(preset.lesson).differences, *lc.compare(preset.lesson).conversions):
            assert item.text == en[f"compare.{'diff' if item.key in lc.EXPLANATIONS else 'conv'}.{item.key}"].format(
                **item.params)


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
        run("similar_names", class_weight=(1.0, 2.0))
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
