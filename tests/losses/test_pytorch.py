"""PyTorch semantics: torch behaviours a learner meets, properties, and bad input.

Every expected number is arithmetic a reader can check by hand, or a case of
tests/goldens/torch.json written by torch 2.13.0 (named by its id).
"""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import losses
from losses import LossInputError, compute
from losses.catalog import CATALOGS, render
from losses.catalog.en import PYTORCH as PYTORCH_EN
from losses.catalog.zh import PYTORCH as PYTORCH_ZH
from losses.messages import render_formula

GOLDEN = {c["id"]: c for c in json.loads(
    (Path(__file__).parents[1] / "goldens" / "torch.json").read_text())["cases"]}
SEED_LOGITS = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]


def torch(name, y_true, y_pred, **kwargs):
    return compute(name, y_true, y_pred, framework="pytorch", **kwargs)


# ---------------------------------------------------------------- behaviours with numbers

def test_bce_log_is_clamped_at_minus_100():
    # -max(log 0, -100) = 100, not Keras' -log(1e-7) = 16.118.
    trace = torch("BCELoss", [[1.0], [0.0]], [[0.0], [1.0]], reduction="none")
    assert trace.value.tolist() == [[100.0], [100.0]]
    assert trace.has_note("note.torch_bce_log_clamp")
    assert trace.step("log_p").changed.tolist() == [[True], [False]]
    # The golden: torch 2.13.0, "BCELoss/p=0,1/mean": (100 + 100 + 0 + 0) / 4.
    assert GOLDEN["BCELoss/p=0,1/mean"]["value"] == 50.0
    assert torch("BCELoss", [[1.0], [0.0], [1.0], [0.0]], [[0.0], [1.0], [1.0], [0.0]]).value == 50.0


def test_cross_entropy_reads_the_seed_as_logits():
    # torch 2.13.0, "CrossEntropyLoss/seed/none": [0.584, 1.390], the numbers issue 6 quotes.
    trace = torch("CrossEntropyLoss", [1, 2], SEED_LOGITS, reduction="none")
    np.testing.assert_allclose(trace.value, GOLDEN["CrossEntropyLoss/seed/none"]["per_sample"], rtol=1e-6)
    np.testing.assert_allclose(trace.value, [0.584, 1.390], atol=5e-4)
    # By hand: -log softmax([0.05, 0.95, 0])[1] = log(e^0.05 + e^0.95 + e^0) - 0.95.
    assert trace.value[0] == pytest.approx(math.log(math.exp(0.05) + math.exp(0.95) + 1) - 0.95, rel=1e-6)
    assert trace.has_note("note.torch_ce_logits")


def test_weighted_cross_entropy_mean_divides_by_the_target_weights():
    plain = torch("CrossEntropyLoss", [1, 2], SEED_LOGITS, reduction="none").value
    trace = torch("CrossEntropyLoss", [1, 2], SEED_LOGITS, weight=[1, 2, 3])
    # Targets 1 and 2 carry weights 2 and 3: (2 × 0.5841 + 3 × 1.3897) / (2 + 3).
    assert trace.value == pytest.approx((2 * plain[0] + 3 * plain[1]) / 5, rel=1e-6)
    assert str(trace.reduction_arithmetic).endswith("/ (2 + 3) = 1.067")
    assert trace.has_note("note.torch_weighted_mean")
    np.testing.assert_allclose(trace.per_sample, [2 * plain[0], 3 * plain[1]], rtol=1e-6)
    # torch 2.13.0 agrees ("CrossEntropyLoss/weight/mean" covers the same rule on 5 classes).
    golden = GOLDEN["CrossEntropyLoss/weight/mean"]
    weights = np.asarray(golden["params"]["weight"])[golden["y_true"]]
    assert golden["value"] == pytest.approx(sum(golden["per_sample"]) / weights.sum(), rel=1e-6)


def test_probability_targets_mean_divides_by_n_even_with_weights():
    trace = torch("CrossEntropyLoss", [[0, 1, 0], [0, 0, 1]], SEED_LOGITS, weight=[1, 2, 3])
    assert trace.value == pytest.approx(float(np.sum(trace.per_sample)) / 2, rel=1e-6)
    assert not trace.has_note("note.torch_weighted_mean")


def test_all_ignored_targets_give_nan_for_mean():
    # torch 2.13.0, "CrossEntropyLoss/all_ignored/*": mean nan (0 / 0), sum 0, none zeros.
    logits = GOLDEN["CrossEntropyLoss/all_ignored/mean"]["y_pred"]
    assert math.isnan(GOLDEN["CrossEntropyLoss/all_ignored/mean"]["value"])
    mean = torch("CrossEntropyLoss", [-100] * 4, logits)
    assert math.isnan(mean.value)
    assert mean.has_note("note.torch_mean_nan") and mean.has_note("note.torch_ignored")
    assert str(mean.reduction_arithmetic) == "(0 + 0 + 0 + 0) / 0 = nan"
    assert torch("CrossEntropyLoss", [-100] * 4, logits, reduction="sum").value == 0.0
    assert math.isnan(torch("NLLLoss", [1, 1], [[-1.0, -2.0], [-1.0, -2.0]], ignore_index=1).value)


def test_ignored_targets_leave_the_divisor():
    # Sample 0 ignored: the mean is sample 1's loss alone, (0 + l1) / 1.
    trace = torch("CrossEntropyLoss", [-100, 2], SEED_LOGITS)
    alone = torch("CrossEntropyLoss", [2], SEED_LOGITS[1:]).value
    assert trace.value == pytest.approx(alone, rel=1e-6)
    assert trace.per_sample[0] == 0


def test_kl_div_mean_is_not_the_kl_divergence_but_batchmean_is():
    p = np.array([[0.2, 0.8], [0.5, 0.5]], dtype=np.float32)
    q = np.array([[0.4, 0.6], [0.9, 0.1]], dtype=np.float32)
    log_q = np.log(q)
    mean = torch("KLDivLoss", p, log_q)
    batchmean = torch("KLDivLoss", p, log_q, reduction="batchmean")
    # mean divides the same sum by N·C = 4, batchmean by N = 2.
    assert mean.value == pytest.approx(batchmean.value / 2, rel=1e-6)
    assert mean.has_note("note.torch_kl_mean") and not batchmean.has_note("note.torch_kl_mean")
    # By hand: KL(p || q) per row, averaged over the 2 rows.
    kl = np.sum(p * np.log(p / q), axis=1, dtype=np.float64)
    assert batchmean.value == pytest.approx(kl.mean(), rel=1e-6)
    golden = GOLDEN["KLDivLoss/basic/mean"]
    assert golden["value"] == pytest.approx(GOLDEN["KLDivLoss/basic/batchmean"]["value"] / 2, rel=1e-6)


def test_kl_div_batchmean_equals_keras_kl_divergence():
    p = np.array([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]], dtype=np.float32)
    q = np.array([[0.3, 0.3, 0.4], [0.6, 0.3, 0.1]], dtype=np.float32)
    keras = compute("kl_divergence", p, q)
    torch_value = torch("KLDivLoss", p, np.log(q), reduction="batchmean").value
    assert torch_value == pytest.approx(keras.value, rel=1e-6)


def test_poisson_nll_defaults_to_a_log_rate_input():
    # log_input=True: e^x - y x. x = 0, y = 1: 1 - 0 = 1; x = log 2, y = 3: 2 - 3 log 2.
    trace = torch("PoissonNLLLoss", [[1.0, 3.0]], [[0.0, math.log(2)]], reduction="none")
    np.testing.assert_allclose(trace.value, [[1.0, 2 - 3 * math.log(2)]], rtol=1e-6)
    assert trace.has_note("note.torch_poisson_log_input")
    # log_input=False: x - y log(x + 1e-8). x = 2, y = 3: 2 - 3 log 2.
    rate = torch("PoissonNLLLoss", [[3.0]], [[2.0]], log_input=False, reduction="none")
    assert rate.value[0, 0] == pytest.approx(2 - 3 * math.log(2), rel=1e-6)
    # full adds Stirling only where y > 1: y = 3 gets 3 log 3 - 3 + 0.5 log(6 pi), y = 1 nothing.
    full = torch("PoissonNLLLoss", [[1.0, 3.0]], [[0.0, 0.0]], full=True, reduction="none")
    stirling = 3 * math.log(3) - 3 + 0.5 * math.log(6 * math.pi)
    np.testing.assert_allclose(full.value, [[1.0, 1.0 + stirling]], rtol=1e-6)
    assert full.step("stirling").changed.tolist() == [[True, False]]


def test_torch_docs_examples():
    # MultiMarginLoss docs: 0.25 * ((1 - (0.8 - 0.1)) + (1 - (0.8 - 0.2)) + (1 - (0.8 - 0.4))) = 0.325.
    assert torch("MultiMarginLoss", [3], [[0.1, 0.2, 0.4, 0.8]]).value == pytest.approx(0.325, rel=1e-6)
    # BCEWithLogitsLoss docs: -log(sigmoid(1.5)) = log(1 + e^-1.5) = 0.2014.
    value = torch("BCEWithLogitsLoss", np.ones((10, 4)), np.full((10, 4), 1.5), pos_weight=[1, 1, 1, 1]).value
    assert value == pytest.approx(math.log1p(math.exp(-1.5)), rel=1e-6)


def test_label_smoothing_with_weights_mixes_target_and_uniform_terms():
    # torch's formula: (1 - eps) w_y (-log p_y) + (eps / C) sum_c w_c (-log p_c), divided by sum w_y.
    eps, w = 0.2, np.array([1.0, 2.0, 3.0])
    x = np.asarray(SEED_LOGITS)
    log_p = x - np.log(np.exp(x).sum(axis=1, keepdims=True))
    y = np.array([1, 2])
    per = (1 - eps) * w[y] * -log_p[[0, 1], y] + eps / 3 * -(log_p * w).sum(axis=1)
    trace = torch("CrossEntropyLoss", y, SEED_LOGITS, weight=w.tolist(), label_smoothing=eps)
    np.testing.assert_allclose(trace.per_sample, per, rtol=1e-6)
    assert trace.value == pytest.approx(per.sum() / w[y].sum(), rel=1e-6)
    golden = GOLDEN["CrossEntropyLoss/seed/smoothing/weight/mean"]
    assert golden["value"] == pytest.approx(per.sum() / w[y].sum(), rel=1e-6)


def test_huber_is_beta_times_smooth_l1():
    # torch's docs: HuberLoss(delta) = delta * SmoothL1Loss(beta=delta).
    y, p = [[0.0, 0.0, 0.0]], [[0.3, -1.0, 2.5]]
    huber = torch("HuberLoss", y, p, delta=0.5, reduction="none").value
    smooth = torch("SmoothL1Loss", y, p, beta=0.5, reduction="none").value
    np.testing.assert_allclose(huber, 0.5 * smooth, rtol=1e-6)


def test_soft_margin_overflows_like_torch():
    # torch computes log1p(exp(100)) in float32: inf ("SoftMarginLoss/overflow").
    trace = torch("SoftMarginLoss", [[1.0]], [[-100.0]], reduction="none")
    assert np.isinf(trace.value[0, 0]) and np.isinf(GOLDEN["SoftMarginLoss/overflow"]["per_sample"][0][0])
    assert trace.has_note("note.torch_soft_margin_overflow")


def test_pair_losses_read_x1_and_x2_from_y_pred():
    # MarginRankingLoss: max(0, -y (x1 - x2) + margin); rows (0.8, 0.3) and (0.2, 0.6).
    trace = torch("MarginRankingLoss", [1, 1], [[0.8, 0.3], [0.2, 0.6]], margin=0.1, reduction="none")
    np.testing.assert_allclose(trace.value, [0.0, 0.5], rtol=1e-6)  # max(0, -0.5 + 0.1), max(0, 0.4 + 0.1)
    # CosineEmbeddingLoss: x1 = (1, 0), x2 = (1, 1): cos = 1 / sqrt 2; y = 1 gives 1 - cos.
    trace = torch("CosineEmbeddingLoss", [1, -1], [[[1, 0], [1, 1]], [[1, 0], [1, 1]]], reduction="none")
    np.testing.assert_allclose(trace.value, [1 - 2 ** -0.5, 2 ** -0.5], rtol=1e-6)


# ---------------------------------------------------------------- properties

TORCH_NAMES = losses.names("pytorch")


@pytest.mark.parametrize("name", TORCH_NAMES)
def test_spec_example_traces_and_reduces(name):
    spec = losses.spec(name, "pytorch")
    example = spec.example
    reduction = example.get("reduction", "mean")
    trace = torch(name, example["y_true"], example["y_pred"], reduction=reduction)
    assert trace.framework == "pytorch" and trace.name == name
    assert trace.sample_weight is None
    assert [s.key for s in trace.steps][-2:] == ["per_sample", "reduction"]
    per = trace.per_sample.astype(np.float64)
    divisor = per.shape[0] if reduction == "batchmean" else per.size
    # value is the reduction of per_sample (these examples use no class weights).
    assert trace.value == pytest.approx(per.sum() / divisor, rel=1e-6)
    total = torch(name, example["y_true"], example["y_pred"], reduction="sum").value
    assert total == pytest.approx(per.sum(), rel=1e-6)
    assert trace.sample_arithmetic[0].value == pytest.approx(float(per.ravel()[0]))


@pytest.mark.parametrize("name", TORCH_NAMES)
def test_every_spec_is_complete(name):
    spec = losses.spec(name, "pytorch")
    assert spec.framework == "pytorch" and spec.reductions
    assert spec.docs_url.startswith("https://pytorch.org/")
    if spec.counterpart:
        assert losses.spec(spec.counterpart).framework == "keras"
    for alias in spec.aliases:
        assert losses.spec(alias, "pytorch") is spec


@pytest.mark.parametrize("name", ["MSELoss", "L1Loss", "HuberLoss", "SmoothL1Loss"])
def test_perfect_prediction_gives_zero(name):
    y = [[0.5, -1.0], [2.0, 3.0]]
    assert torch(name, y, y).value == 0.0


LOGITS = hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=5),
                    elements=st.floats(-20, 20))


@settings(max_examples=60, deadline=None)
@given(LOGITS, st.floats(-50, 50), st.data())
def test_cross_entropy_ignores_a_constant_added_to_the_logits(logits, shift, data):
    labels = data.draw(hnp.arrays(np.int64, logits.shape[0], elements=st.integers(0, logits.shape[1] - 1)))
    base = torch("CrossEntropyLoss", labels, logits, reduction="none", dtype="float64").value
    moved = torch("CrossEntropyLoss", labels, logits + shift, reduction="none", dtype="float64").value
    np.testing.assert_allclose(moved, base, rtol=1e-9, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(LOGITS, st.data(), st.booleans())
def test_class_index_and_one_hot_targets_agree(logits, data, weighted):
    classes = logits.shape[1]
    labels = data.draw(hnp.arrays(np.int64, logits.shape[0], elements=st.integers(0, classes - 1)))
    one_hot = np.eye(classes)[labels]
    params = {"weight": list(np.linspace(0.5, 2.0, classes))} if weighted else {}
    index = torch("CrossEntropyLoss", labels, logits, dtype="float64", **params)
    probs = torch("CrossEntropyLoss", one_hot, logits, dtype="float64", **params)
    np.testing.assert_allclose(probs.per_sample, index.per_sample, rtol=1e-12, atol=1e-12)
    if not weighted:
        # With class weights only the divisors differ: sum of target weights vs N.
        assert probs.value == pytest.approx(index.value, rel=1e-12, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(np.float64, (3, 2), elements=st.floats(-15, 15)),
       hnp.arrays(np.float64, (3, 2), elements=st.sampled_from([0.0, 1.0])))
def test_bce_with_logits_equals_bce_on_sigmoid(logits, labels):
    with_logits = torch("BCEWithLogitsLoss", labels, logits, reduction="none", dtype="float64").value
    probabilities = 1 / (1 + np.exp(-logits))
    plain = torch("BCELoss", labels, probabilities, reduction="none", dtype="float64").value
    np.testing.assert_allclose(with_logits, plain, rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------- keras stays the default

def test_keras_is_still_the_default():
    trace = compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    assert trace.framework == "keras" and trace.reduction == "sum_over_batch_size"
    assert compute("hinge", [[0, 1]], [[0.6, 0.4]], reduction=None).reduction == "none"
    assert "MSELoss" not in losses.names() and "mean_squared_error" not in TORCH_NAMES
    assert torch("MSELoss", [[0.0]], [[1.0]]).reduction == "mean"


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize(
    ("call", "key", "argument"),
    [
        (lambda: compute("mse", [1], [1], framework="jax"), "error.unknown_framework", "framework"),
        (lambda: compute("MSELoss", [1], [1]), "error.unknown_loss", "loss"),
        (lambda: torch("mse", [1], [1]), "error.unknown_loss", "loss"),
        (lambda: torch("MSELoss", [1], [1], sample_weight=[1]), "error.torch_sample_weight", "sample_weight"),
        (lambda: torch("MSELoss", [1], [1], reduction=None), "error.unknown_reduction", "reduction"),
        (lambda: torch("MSELoss", [1], [1], reduction="batchmean"), "error.unknown_reduction", "reduction"),
        (lambda: torch("MSELoss", [1], [1], reduction="sum_over_batch_size"), "error.unknown_reduction", "reduction"),
        (lambda: torch("MSELoss", [[1, 2]], [[1], [2]]), "error.shape.torch_same", "y_true"),
        (lambda: torch("BCELoss", [[1.0]], [[1.5]]), "error.probability_range", "y_pred"),
        (lambda: torch("BCELoss", [[1.0, 0.0]], [[0.5, 0.5]], weight=[1, 2, 3]), "error.weight_length", "weight"),
        (lambda: torch("CrossEntropyLoss", [1, 5], SEED_LOGITS), "error.class_range.torch", "y_true"),
        (lambda: torch("CrossEntropyLoss", [1.5, 0], SEED_LOGITS), "error.class_range.torch", "y_true"),
        (lambda: torch("CrossEntropyLoss", [[1], [2]], SEED_LOGITS), "error.shape.torch_index_or_probabilities",
         "y_true"),
        (lambda: torch("CrossEntropyLoss", [1, 2], SEED_LOGITS, weight=[1, 2]), "error.weight_length", "weight"),
        (lambda: torch("CrossEntropyLoss", [[0, 1, 0], [0, 0, 1]], SEED_LOGITS, ignore_index=1),
         "error.ignore_index_probabilities", "ignore_index"),
        (lambda: torch("CrossEntropyLoss", [1, 2], SEED_LOGITS, weight="1,2,3"), "error.param_type", "weight"),
        (lambda: torch("CrossEntropyLoss", [1, 2], SEED_LOGITS, weight=[1, True, 2]), "error.param_type", "weight"),
        (lambda: torch("CrossEntropyLoss", [1, 2], SEED_LOGITS, label_smoothing=1.5), "error.param_range", "label_smoothing"),
        (lambda: torch("MultiMarginLoss", [0], [[0.1, 0.2]], p=3), "error.param_range", "p"),
        (lambda: torch("HuberLoss", [[0.0]], [[1.0]], delta=0), "error.param_range", "delta"),
        (lambda: torch("MarginRankingLoss", [1, -1], [0.3, 0.4]), "error.shape.torch_pair", "y_true"),
        (lambda: torch("CosineEmbeddingLoss", [1], [[1.0, 2.0]]), "error.shape.torch_embedding_pair", "y_true"),
        (lambda: torch("KLDivLoss", [[0.5]], [[-1.0]], from_logits=True), "error.unknown_param", "from_logits"),
    ],
)
def test_bad_input_raises_a_readable_error(call, key, argument):
    with pytest.raises(LossInputError) as raised:
        call()
    assert raised.value.key == key and raised.value.argument == argument
    assert str(raised.value).endswith((".", ")", '"'))


def test_a_keras_name_in_the_torch_registry_points_to_the_other_framework():
    with pytest.raises(LossInputError, match="framework='keras'"):
        torch("mean_squared_error", [1], [1])
    with pytest.raises(LossInputError, match="framework='pytorch'"):
        compute("CrossEntropyLoss", [1], [[0.5, 0.5]])


# ---------------------------------------------------------------- messages, not sentences

ODD_CASES = [
    ("CrossEntropyLoss", [1, 2], SEED_LOGITS, {"weight": [1, 2, 3], "label_smoothing": 0.2}),
    ("CrossEntropyLoss", [-100, 2], SEED_LOGITS, {"weight": [1, 2, 3]}),
    ("CrossEntropyLoss", [[0, 1, 0], [0, 0, 1]], SEED_LOGITS, {"weight": [1, 2, 3], "label_smoothing": 0.1}),
    ("NLLLoss", [1, 1], [[-1.0, 2.0], [-1.0, -2.0]], {"ignore_index": 1}),
    ("BCELoss", [[1.0, 0.0]], [[0.0, 0.3]], {"weight": [2, 3]}),
    ("BCEWithLogitsLoss", [[1.0, 0.0]], [[-1.5, 100.0]], {"weight": [2, 3], "pos_weight": [1, 4]}),
    ("HuberLoss", [[0.0, 0.0, 0.0]], [[0.3, -1.0, 2.5]], {"delta": 0.5}),
    ("SmoothL1Loss", [[0.0, 1.0]], [[0.3, -1.0]], {"beta": 0.0}),
    ("KLDivLoss", [[-1.0, -0.5]], [[-0.3, -2.0]], {"log_target": True, "reduction": "batchmean"}),
    ("PoissonNLLLoss", [[3.0, 0.0]], [[2.0, 1e-9]], {"log_input": False, "full": True}),
    ("HingeEmbeddingLoss", [[1.0, -1.0, 0.0]], [[0.3, 0.5, -2.0]], {"margin": 2.0}),
    ("SoftMarginLoss", [[1.0, -1.0]], [[-100.0, 0.5]], {}),
    ("MultiMarginLoss", [3, 0], [[0.1, 0.2, 0.4, 0.8], [0.5, -0.2, 0.9, 1.5]], {"p": 2, "weight": [1, 2, 3, 4]}),
    ("CosineEmbeddingLoss", [1, -1, 0], [[[1, 0, 1, 2, 3], [1, 1, -1, 0, 2]]] * 3, {"margin": -0.2}),
    ("MarginRankingLoss", [1, -1], [[0.8, 0.3], [0.2, 0.6]], {"margin": -0.1}),
    ("L1Loss", np.zeros((4, 4)), -np.ones((4, 4)), {"reduction": "sum"}),
    ("MSELoss", np.zeros((0, 2)), np.zeros((0, 2)), {}),
]


def _texts(trace, lang):
    """Everything a page shows of a trace, rendered: (what, text, is_latex)."""
    for step in trace.steps:
        yield step.key, render(step.title, lang), False
        yield step.key, render_formula(step.formula, lang, latex=True), True
        if step.example is not None:
            yield step.key, render_formula(step.example, lang, latex=True), True
            yield step.key, render_formula(step.example, lang, latex=False), True
    for note in trace.notes:
        yield note.key, render(note.message, lang), False
    for sample in trace.sample_arithmetic:
        yield "arithmetic", render_formula(sample.formula, lang, latex=False), False
        yield "arithmetic", render_formula(sample.formula, lang, latex=True), True
    yield "reduction", render_formula(trace.reduction_arithmetic, lang, latex=False), False


def _examples():
    for name in TORCH_NAMES:
        example = losses.spec(name, "pytorch").example
        yield name, example["y_true"], example["y_pred"], {"reduction": example.get("reduction", "mean")}
    yield from ODD_CASES


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name", "y_true", "y_pred", "params"), list(_examples()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_message_renders_in_both_languages(name, y_true, y_pred, params, lang, caplog):
    trace = torch(name, y_true, y_pred, **params)
    for what, text, latex in _texts(trace, lang):
        assert not re.search(r"@s?\d", text), (what, text)
        if not latex:
            # e^{y_pred} is the one brace a sentence writes on purpose.
            assert not re.search(r"\{\w+(:\w*)?\}", text.replace("e^{y_pred}", "")), (what, text)
    assert "no text for" not in caplog.text
    for step in trace.steps:
        assert step.title.key in CATALOGS[lang]
    for note in trace.notes:
        assert note.key in CATALOGS[lang]


def test_the_pytorch_catalogs_have_the_same_keys():
    assert set(PYTORCH_EN) == set(PYTORCH_ZH)
    assert not [key for key in PYTORCH_EN if "~" in key]


def test_titles_and_notes_are_keys_with_raw_numbers():
    trace = torch("HuberLoss", [[0.0, 0.0, 0.0]], [[0.3, -1.0, 2.5]], delta=0.5)
    term = trace.step("term")
    assert term.title.key == "step.torch.huber.term" and term.title.params == {"delta": 0.5}
    assert str(term.title) == "Quadratic below delta = 0.5, linear from there"
    (note,) = [n for n in trace.notes if n.key == "note.huber_linear"]
    assert note.params == {"count": 2, "delta": 0.5, "framework": "pytorch"}
    assert str(note.message).startswith("2 elements have |error| >= delta = 0.5")
    assert render(note.message, "zh").startswith("有 2 个元素的 |误差| >= delta = 0.5")
    # The Keras note keeps its own wording: linear beyond delta, not from it.
    keras = compute("huber", [[0.0, 0.0]], [[0.3, 2.5]], delta=0.5)
    assert "|error| > delta = 0.5" in str([n for n in keras.notes if n.key == "note.huber_linear"][0].message)

    ignored = torch("CrossEntropyLoss", [-100, 2], SEED_LOGITS)
    nll = ignored.step("nll")
    assert nll.title.key == "step.torch.nll" and nll.title.params == {"picked": "log_p", "weighted": False}
    assert str(nll.title) == "Minus the log-probability at the target class (0 if ignored)"
    assert render_formula(nll.example, "en") == r"y = -100\text{ is ignored}: 0"
    assert render_formula(nll.example, "zh") == r"y = -100\text{ 被忽略}: 0"
    assert str(ignored.sample_arithmetic[0].formula) == "ignored (y = -100): 0"
    assert str([n for n in ignored.notes if n.key == "note.torch_ignored"][0].message).startswith(
        "1 target equals ignore_index = -100: its loss is 0")

    weighted = torch("NLLLoss", [1, 0], [[-1.0, -2.0], [-0.5, -0.3]], weight=[0.5, 2])
    assert str(weighted.step("nll").title) == (
        "Minus y_pred (a log-probability) at the target class (0 if ignored), times its weight")
    assert str(weighted.sample_arithmetic[0].formula) == "2 × (-(-2)) = 4"
    assert [n.params for n in weighted.notes if n.key == "note.torch_weighted_mean"] == [
        {"divisor": 2.5, "count": 2}]

    squared = torch("MultiMarginLoss", [3], [[0.1, 0.2, 0.4, 0.8]], p=2, weight=[1, 2, 3, 4])
    assert str(squared.step("term").title) == "Hinge of each violation, squared, times the target class's weight"
    assert str(torch("MultiMarginLoss", [3], [[0.1, 0.2, 0.4, 0.8]]).step("term").title) == "Hinge of each violation"


def test_reduction_notes_and_arithmetic_are_data():
    kl = torch("KLDivLoss", [[0.2, 0.8], [0.5, 0.5]], np.log([[0.4, 0.6], [0.9, 0.1]]))
    (note,) = [n for n in kl.notes if n.key == "note.torch_kl_mean"]
    assert note.params["count"] == 4 and note.params["batch"] == 2
    assert str(note.params["dims"]) == "2 × 2"
    assert "divides by all 4 elements (2 × 2)" in str(note.message)
    assert "全部 4 个元素（2 × 2）" in render(note.message, "zh")
    assert str(kl.step("reduction").formula) == r"\frac{1}{n}\sum_i \ell_i"
    total = torch("L1Loss", np.zeros((4, 4)), -np.ones((4, 4)), reduction="sum")
    assert str(total.reduction_arithmetic) == "1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + ... (8 more) = 16"
    assert render_formula(total.reduction_arithmetic, "zh", latex=False).endswith("(另有 8 项) = 16")
    none = torch("MSELoss", [[0.0, 1.0]], [[1.0, 1.0]], reduction="none")
    assert str(none.reduction_arithmetic) == "1, 0"
    assert render_formula(none.step("reduction").formula, "zh") == r"\text{不归约}"
    empty = torch("MSELoss", np.zeros((0, 2)), np.zeros((0, 2)))
    assert empty.has_note("note.torch_empty_batch") and empty.has_note("note.torch_empty_mean")
    assert str(empty.reduction_arithmetic) == "(0) / 0 = nan"


@pytest.mark.parametrize(
    ("call", "english"),
    [
        (lambda: torch("MSELoss", [1], [1], reduction=None),
         "reduction: 'None' is not a reduction of torch.nn.MSELoss. Choose one of: mean, sum, none. "
         'PyTorch spells no reduction as the string "none".'),
        (lambda: torch("KLDivLoss", [1], [1], reduction="sum_over_batch_size"),
         "reduction: 'sum_over_batch_size' is not a reduction of torch.nn.KLDivLoss. Choose one of: "
         "mean, batchmean, sum, none."),
        (lambda: torch("BCELoss", [[1.0]], [[1.5]]),
         'BCELoss needs every y_pred between 0 and 1; found 1.5 at position (0, 0). PyTorch stops with '
         '"all elements of input should be between 0 and 1". For logits, use BCEWithLogitsLoss.'),
        (lambda: torch("BCELoss", [[-0.5]], [[0.5]]),
         'BCELoss needs every y_true between 0 and 1; found -0.5 at position (0, 0). PyTorch stops with '
         '"all elements of target should be between 0 and 1". For logits, use BCEWithLogitsLoss.'),
        (lambda: torch("BCEWithLogitsLoss", [[1.0, 0.0]], [[0.5, 0.5]], pos_weight=[1, 2, 3]),
         "pos_weight has 3 numbers, but y_pred's last axis has 2: PyTorch broadcasts pos_weight against "
         "the last axis, so give 1 or 2 numbers."),
        (lambda: torch("NLLLoss", [1, 2], SEED_LOGITS, weight=[1, 2]),
         "weight has 2 numbers but there are 3 classes: PyTorch needs one weight per class."),
        (lambda: torch("CrossEntropyLoss", [1, 5], SEED_LOGITS),
         'y_true must hold class indices 0 to 2 (y_pred has 3 classes on axis 1); found 5. PyTorch stops '
         'with "Target 5 is out of bounds".'),
        (lambda: torch("NLLLoss", [[1], [2]], SEED_LOGITS),
         "y_true has shape (2, 1) and y_pred has shape (2, 3): y_true must hold one class index per "
         "sample, shape (2,). PyTorch puts the classes on axis 1."),
        (lambda: torch("MSELoss", 1.0, [1.0]),
         "y_true and y_pred must be arrays (at least one row of numbers), not single numbers."),
    ],
)
def test_errors_are_messages_with_english_and_chinese(call, english):
    with pytest.raises(LossInputError) as raised:
        call()
    assert str(raised.value) == english
    chinese = render(raised.value.message, "zh")
    assert chinese != english and raised.value.key not in chinese and "{" not in chinese
