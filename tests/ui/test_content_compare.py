"""Lesson content: the quiz's built-in questions and the comparison page's presets
(ui/content/), with their prose as catalog messages whose numbers come from the computation.

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

from losses.catalog import CATALOGS, render
from ui.content import compare as lc

GOLDENS = Path(__file__).parents[1] / "goldens"
KERAS = {c["id"]: c for c in json.loads((GOLDENS / "keras.json").read_text())["cases"]}
TORCH = {c["id"]: c for c in json.loads((GOLDENS / "torch.json").read_text())["cases"]}


def run(preset_id, **changes):
    return lc.compare(dataclasses.replace(lc.PRESETS_BY_ID[preset_id].lesson, **changes))


def keys(comparison):
    return [d.key for d in comparison.differences]


# ---------------------------------------------------------------- the seven presets


def test_there_are_seven_presets_with_texts():
    assert [p.id for p in lc.PRESETS] == [
        "logits", "mean", "clip", "kl_log", "class_weight", "similar_names", "poisson"]
    for preset in lc.PRESETS:
        for message in (preset.label, preset.help):
            assert message.key.startswith(f"compare.preset.{preset.id}.")
            for lang in CATALOGS:
                text = render(message, lang)
                assert text != message.key and "{" not in text, (message, lang, text)


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
    assert comparison.differences[0].params["weight_sum"] == 5.0
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




# ---------------------------------------------------------------- the presets' prose


def test_preset_prose_quotes_the_numbers_its_comparison_computes():
    # "[0.584, 1.390] against [0.0513, 2.303]": torch.json "CrossEntropyLoss/seed/none" and
    # keras.json "seed/categorical_crossentropy".
    logits = lc.PRESETS_BY_ID["logits"].help
    np.testing.assert_allclose(logits.params["torch_values"], TORCH["CrossEntropyLoss/seed/none"]["per_sample"],
                               rtol=1e-6)
    np.testing.assert_allclose(logits.params["keras_values"], KERAS["seed/categorical_crossentropy"]["per_sample"],
                               rtol=1e-6)
    assert render(logits) == ("CrossEntropyLoss reads the seed numbers as logits, Keras' "
                              "categorical_crossentropy as probabilities: [0.5841, 1.39] against "
                              "[0.05129, 2.303].")
    # KLDivLoss' mean over 4 elements is half of Keras' per-sample mean over 2 samples.
    mean = lc.PRESETS_BY_ID["mean"].help.params
    assert (mean["count"], mean["batch"]) == (4, 2)
    assert mean["keras_value"] == pytest.approx(TORCH["KLDivLoss/basic/batchmean"]["value"], rel=1e-5)
    assert mean["torch_value"] == pytest.approx(mean["keras_value"] / 2, rel=1e-6)
    # Weights 1, 2, 3; the targets are classes 1 and 2, so PyTorch divides by 2 + 3.
    assert lc.PRESETS_BY_ID["class_weight"].help.params == {"weights": [1.0, 2.0, 3.0], "weight_sum": 5.0,
                                                          "count": 2}
    # 0.45 against 1.3 (keras.json "seed/hinge").
    similar = lc.PRESETS_BY_ID["similar_names"].help.params
    assert similar["keras_value"] == pytest.approx(KERAS["seed/hinge"]["value"], rel=1e-6)
    assert similar["torch_value"] == pytest.approx(0.45, rel=1e-6)
    assert "0.45 against 1.3" in render(lc.PRESETS_BY_ID["similar_names"].help)
    assert "0.45 和 1.3" in render(lc.PRESETS_BY_ID["similar_names"].help, "zh")


def test_preset_prose_follows_its_lesson():
    # The numbers are computed from the lesson, so another lesson gives other numbers.
    changed = lc.Preset("similar_names", dataclasses.replace(lc.PRESETS_BY_ID["similar_names"].lesson,
                                                             y_pred=[[0.6, 0.4], [0.4, 0.9]]))
    lc.preset_help.cache_clear()
    try:
        original = dict(lc.PRESETS_BY_ID)
        lc.PRESETS_BY_ID["similar_names"] = changed
        params = changed.help.params
    finally:
        lc.PRESETS_BY_ID.clear()
        lc.PRESETS_BY_ID.update(original)
        lc.preset_help.cache_clear()
    comparison = lc.compare(changed.lesson)
    assert params["torch_value"] == pytest.approx(float(comparison.torch.value))
    assert params["keras_value"] == pytest.approx(float(comparison.keras.value))
    assert params["keras_value"] != pytest.approx(KERAS["seed/hinge"]["value"])


def test_no_english_copy_of_the_prose_is_left_in_the_engine():
    import losses.compare as engine
    assert not hasattr(engine, "EXPLANATIONS") and not hasattr(engine, "CONVERSIONS")
    assert not hasattr(engine, "PRESETS")
