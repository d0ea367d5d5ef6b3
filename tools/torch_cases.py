"""Write tests/goldens/torch.json: torch.nn loss values computed by real PyTorch (CPU).

Run from the project root, in the oracle venv (never the app's runtime):

    .venv-oracle/bin/python tools/make_goldens.py --framework torch

(or `.venv-oracle/bin/python tools/torch_cases.py`, the same thing). The case builder is plain
numpy; torch is imported only by `torch_worker`. Each case is evaluated twice, as a learner
would call the loss class: with reduction="none" (`per_sample`, torch's unreduced output) and
with the case's reduction (`value`). Torch's forward is (input, target): input is y_pred and
target is y_true. The pair losses read y_pred[:, 0] as x1 and y_pred[:, 1] as x2.
"""

import argparse
import json
import platform
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ".venv-oracle/bin/python tools/make_goldens.py --framework torch"

REDUCTIONS = ("mean", "sum", "none")
CLASS_INDEX = {"CrossEntropyLoss", "NLLLoss", "MultiMarginLoss"}
PAIRS = {"CosineEmbeddingLoss", "MarginRankingLoss"}


class Cases:
    """Collects cases; inputs are stored as the literals a user would type."""

    def __init__(self):
        self.cases = []
        self._ids = set()

    def add(self, case_id, loss, y_true, y_pred, params=None, reduction="mean",
            dtype="float32", note=None):
        if case_id in self._ids:
            raise ValueError(f"duplicate case id {case_id!r}")
        self._ids.add(case_id)
        y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
        # Class indices are int64 for torch, unless they are probabilities of y_pred's shape.
        labels = loss in CLASS_INDEX and y_true.shape != y_pred.shape
        self.cases.append({
            "id": case_id,
            "loss": loss,
            "params": dict(params or {}),
            "y_true": y_true.tolist(),
            "y_pred": y_pred.tolist(),
            "sample_weight": None,
            "reduction": reduction,
            "dtype": dtype,
            "shapes": {"y_true": list(y_true.shape), "y_pred": list(y_pred.shape)},
            "y_true_dtype": "int64" if labels else dtype,
            "note": note,
        })

    def suite(self, prefix, loss, y_true, y_pred, params=None, reductions=REDUCTIONS, note=None):
        for reduction in reductions:
            self.add(f"{prefix}/{reduction}", loss, y_true, y_pred, params, reduction, note=note)


def rand(seed, shape, low=-2.0, high=2.0, decimals=2):
    """Reproducible inputs, rounded so that the JSON holds short literals."""
    return np.round(np.random.default_rng(seed).uniform(low, high, shape), decimals)


def probs(seed, shape, decimals=3):
    """Rows that sum to 1 (within rounding): softmax of random logits."""
    x = np.random.default_rng(seed).normal(size=shape)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return np.round(e / e.sum(axis=1, keepdims=True), decimals)


SEED_LOGITS = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
HINGE_TRUE, HINGE_PRED = [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]]
REG_TRUE, REG_PRED = [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]


def regression_cases(c):
    for loss in ("MSELoss", "L1Loss", "HuberLoss", "SmoothL1Loss"):
        c.suite(f"{loss}/docs", loss, REG_TRUE, REG_PRED)
        c.suite(f"{loss}/random", loss, rand(1, (3, 4)), rand(2, (3, 4)))
        c.add(f"{loss}/1d", loss, rand(3, (5,)), rand(4, (5,)))
        c.add(f"{loss}/3d", loss, rand(5, (2, 3, 4)), rand(6, (2, 3, 4)))
        c.add(f"{loss}/3d/none", loss, rand(5, (2, 3, 4)), rand(6, (2, 3, 4)), reduction="none")
        c.add(f"{loss}/perfect", loss, REG_TRUE, REG_TRUE, reduction="none")
        c.add(f"{loss}/empty", loss, np.zeros((0,)), np.zeros((0,)),
              note="torch: the mean of an empty tensor is nan")
        c.add(f"{loss}/float64", loss, rand(1, (3, 4)), rand(2, (3, 4)), dtype="float64")
        c.add(f"{loss}/float64/none", loss, rand(1, (3, 4)), rand(2, (3, 4)), reduction="none",
              dtype="float64")
        c.add(f"{loss}/batchmean", loss, REG_TRUE, REG_PRED, reduction="batchmean",
              note="only KLDivLoss takes batchmean")
    # Errors across the threshold, and exactly at it (z == delta takes the linear branch).
    yt = [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]
    yp = [[0.2, -0.5, 1.0, -1.5, 3.0, 0.999]]
    for delta in (1.0, 0.5, 2.0, 0.1):
        c.suite(f"HuberLoss/delta={delta}", "HuberLoss", yt, yp, {"delta": delta})
    for beta in (1.0, 0.5, 2.0, 0.0):
        c.suite(f"SmoothL1Loss/beta={beta}", "SmoothL1Loss", yt, yp, {"beta": beta})
    c.add("HuberLoss/delta=0", "HuberLoss", yt, yp, {"delta": 0.0},
          note="torch rejects non-positive delta")
    c.add("SmoothL1Loss/beta=-1", "SmoothL1Loss", yt, yp, {"beta": -1.0},
          note="torch rejects negative beta")
    c.add("HuberLoss/delta=0.5/float64", "HuberLoss", yt, yp, {"delta": 0.5}, reduction="none",
          dtype="float64")


def binary_cases(c):
    c.suite("BCELoss/docs", "BCELoss", HINGE_TRUE, HINGE_PRED)
    yt, yp = [[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]], [[0.9, 0.2, 0.6], [0.3, 0.05, 0.99]]
    c.suite("BCELoss/basic", "BCELoss", yt, yp)
    c.suite("BCELoss/weight", "BCELoss", yt, yp, {"weight": [1.0, 2.0, 0.5]})
    c.add("BCELoss/weight=scalar", "BCELoss", yt, yp, {"weight": [3.0]})
    c.add("BCELoss/soft_labels", "BCELoss", [[0.2, 0.7, 0.5]], [[0.4, 0.9, 0.5]], reduction="none")
    c.add("BCELoss/1d", "BCELoss", [1.0, 0.0, 1.0, 0.0], [0.8, 0.1, 0.3, 0.6])
    c.add("BCELoss/1d/weight", "BCELoss", [1.0, 0.0, 1.0, 0.0], [0.8, 0.1, 0.3, 0.6],
          {"weight": [1.0, 0.0, 2.0, 1.0]}, reduction="none")
    # p exactly 0 or 1: each log is clamped at -100, so a confident wrong prediction costs 100.
    cap_t, cap_p = [[1.0], [0.0], [1.0], [0.0]], [[0.0], [1.0], [1.0], [0.0]]
    c.suite("BCELoss/p=0,1", "BCELoss", cap_t, cap_p, note="log clamped at -100")
    c.add("BCELoss/p=0,1/float64", "BCELoss", cap_t, cap_p, reduction="none", dtype="float64")
    c.add("BCELoss/tiny_p", "BCELoss", [[1.0, 0.0, 1.0, 0.0]], [[1e-7, 1e-7, 1e-30, 0.9999999]],
          reduction="none")
    c.add("BCELoss/input>1", "BCELoss", [[1.0]], [[1.5]], note="torch rejects input outside [0, 1]")
    c.add("BCELoss/target<0", "BCELoss", [[-0.1]], [[0.5]], note="torch rejects target outside [0, 1]")
    c.add("BCELoss/weight_length", "BCELoss", yt, yp, {"weight": [1.0, 2.0]},
          note="weight must broadcast against the last axis")
    c.add("BCELoss/float64", "BCELoss", yt, yp, {"weight": [1.0, 2.0, 0.5]}, dtype="float64")

    logits_t = [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    logits_p = [[1.2, -0.7, 0.3], [2.5, -1.1, 0.0]]
    c.suite("BCEWithLogitsLoss/basic", "BCEWithLogitsLoss", logits_t, logits_p)
    c.suite("BCEWithLogitsLoss/docs", "BCEWithLogitsLoss", np.ones((10, 4)), np.full((10, 4), 1.5),
            {"pos_weight": [1.0, 1.0, 1.0, 1.0]}, reductions=("mean",), note="torch docs: 0.2014")
    c.suite("BCEWithLogitsLoss/weight", "BCEWithLogitsLoss", logits_t, logits_p,
            {"weight": [0.5, 1.0, 2.0]})
    c.suite("BCEWithLogitsLoss/pos_weight", "BCEWithLogitsLoss", logits_t, logits_p,
            {"pos_weight": [3.0, 1.0, 0.5]})
    c.add("BCEWithLogitsLoss/pos_weight=scalar", "BCEWithLogitsLoss", logits_t, logits_p,
          {"pos_weight": [2.0]}, reduction="none")
    c.suite("BCEWithLogitsLoss/both", "BCEWithLogitsLoss", logits_t, logits_p,
            {"weight": [0.5, 1.0, 2.0], "pos_weight": [3.0, 1.0, 0.5]})
    big_t = [[1.0], [0.0], [1.0], [0.0], [1.0], [0.0], [0.0], [1.0]]
    big_p = [[30.0], [-30.0], [100.0], [-100.0], [-30.0], [30.0], [100.0], [-100.0]]
    c.suite("BCEWithLogitsLoss/large_logits", "BCEWithLogitsLoss", big_t, big_p,
            note="stable log-sigmoid: no cap, 100 costs 100")
    c.add("BCEWithLogitsLoss/large_logits/pos_weight", "BCEWithLogitsLoss", big_t, big_p,
          {"pos_weight": [2.0]}, reduction="none")
    c.add("BCEWithLogitsLoss/large_logits/float64", "BCEWithLogitsLoss", big_t, big_p,
          reduction="none", dtype="float64")
    c.add("BCEWithLogitsLoss/soft_labels", "BCEWithLogitsLoss", [[0.3, 0.8]], [[0.5, -2.0]],
          reduction="none")
    c.add("BCEWithLogitsLoss/1d", "BCEWithLogitsLoss", [1.0, 0.0, 1.0], [0.4, 0.4, -3.0])
    c.add("BCEWithLogitsLoss/3d", "BCEWithLogitsLoss", np.round(rand(7, (2, 3, 2), 0, 1)),
          rand(8, (2, 3, 2), -3, 3), {"pos_weight": [2.0, 0.5]})
    c.add("BCEWithLogitsLoss/pos_weight_length", "BCEWithLogitsLoss", logits_t, logits_p,
          {"pos_weight": [1.0, 2.0]}, note="pos_weight must broadcast against the last axis")
    c.add("BCEWithLogitsLoss/float64", "BCEWithLogitsLoss", logits_t, logits_p,
          {"weight": [0.5, 1.0, 2.0], "pos_weight": [3.0, 1.0, 0.5]}, dtype="float64")


def classification_cases(c):
    ce = "CrossEntropyLoss"
    # The comparison issue's seed: these numbers read as logits give [0.584, 1.390].
    c.suite("CrossEntropyLoss/seed", ce, [1, 2], SEED_LOGITS, note="issue 6: [0.584, 1.390]")
    c.suite("CrossEntropyLoss/seed/one_hot", ce, [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], SEED_LOGITS,
            note="probability targets; equal to class indices without smoothing")
    logits = rand(11, (4, 5), -3, 3)
    labels = [0, 3, 4, 1]
    c.suite("CrossEntropyLoss/random", ce, labels, logits)
    weight = [1.0, 2.0, 0.5, 3.0, 1.5]
    c.suite("CrossEntropyLoss/weight", ce, labels, logits, {"weight": weight},
            note="mean divides by the sum of the target weights")
    c.suite("CrossEntropyLoss/ignore_index=-100", ce, [0, -100, 4, -100], logits)
    c.suite("CrossEntropyLoss/ignore_index=3", ce, labels, logits, {"ignore_index": 3})
    c.suite("CrossEntropyLoss/ignore_index=3/weight", ce, labels, logits,
            {"ignore_index": 3, "weight": weight})
    c.suite("CrossEntropyLoss/all_ignored", ce, [-100, -100, -100, -100], logits,
            note="mean is 0 / 0 = nan in torch")
    c.add("CrossEntropyLoss/all_ignored/smoothing", ce, [2, 2, 2, 2], logits,
          {"ignore_index": 2, "label_smoothing": 0.1})
    c.suite("CrossEntropyLoss/zero_weight_sum", ce, [0, 0], logits[:2],
            {"weight": [0.0, 1.0, 1.0, 1.0, 1.0]}, note="0 / 0 = nan for mean")
    for eps in (0.1, 0.25, 1.0):
        c.suite(f"CrossEntropyLoss/label_smoothing={eps}", ce, labels, logits,
                {"label_smoothing": eps})
    c.suite("CrossEntropyLoss/label_smoothing=0.2/weight", ce, labels, logits,
            {"label_smoothing": 0.2, "weight": weight})
    c.suite("CrossEntropyLoss/label_smoothing=0.2/weight/ignore", ce, [0, -100, 4, 1], logits,
            {"label_smoothing": 0.2, "weight": weight})
    c.suite("CrossEntropyLoss/seed/smoothing/weight", ce, [1, 2], SEED_LOGITS,
            {"label_smoothing": 0.2, "weight": [1.0, 2.0, 3.0]})
    target = probs(12, (4, 5))
    c.suite("CrossEntropyLoss/probabilities", ce, target, logits)
    c.suite("CrossEntropyLoss/probabilities/weight", ce, target, logits, {"weight": weight},
            note="probability targets: mean divides by N, not by the weights")
    c.suite("CrossEntropyLoss/probabilities/smoothing", ce, target, logits,
            {"label_smoothing": 0.1})
    c.add("CrossEntropyLoss/probabilities/smoothing/weight", ce, target, logits,
          {"label_smoothing": 0.3, "weight": weight})
    c.add("CrossEntropyLoss/probabilities/ignore_index", ce, target, logits, {"ignore_index": 1},
          note="ignore_index does nothing for probability targets")
    big = [[100.0, 0.0, -100.0], [30.0, -30.0, 0.0], [1000.0, 0.0, 0.0]]
    c.add("CrossEntropyLoss/large_logits", ce, [0, 1, 2], big, reduction="none")
    c.add("CrossEntropyLoss/shift_invariance", ce, [1, 2], np.asarray(SEED_LOGITS) + 50.0,
          reduction="none", note="adding a constant to the logits changes nothing")
    logits3 = rand(13, (2, 3, 4), -2, 2)
    c.suite("CrossEntropyLoss/3d", ce, [[0, 2, 1, 1], [2, 2, 0, -100]], logits3,
            note="(N, C, d): classes on axis 1")
    c.add("CrossEntropyLoss/3d/weight", ce, [[0, 2, 1, 1], [2, 2, 0, 1]], logits3,
          {"weight": [1.0, 0.5, 2.0]})
    c.add("CrossEntropyLoss/3d/smoothing", ce, [[0, 2, 1, 1], [2, 2, 0, 1]], logits3,
          {"label_smoothing": 0.1}, reduction="none")
    c.suite("CrossEntropyLoss/3d/probabilities", ce, probs(14, (2, 3, 4)), logits3,
            reductions=("mean", "none"))
    c.add("CrossEntropyLoss/target_out_of_range", ce, [1, 5], SEED_LOGITS,
          note="torch: Target 5 is out of bounds")
    c.add("CrossEntropyLoss/weight_length", ce, [1, 2], SEED_LOGITS, {"weight": [1.0, 2.0]})
    c.add("CrossEntropyLoss/float64", ce, labels, logits, {"weight": weight, "label_smoothing": 0.1},
          dtype="float64")
    c.add("CrossEntropyLoss/float64/none", ce, labels, logits, reduction="none", dtype="float64")
    c.add("CrossEntropyLoss/probabilities/float64", ce, target, logits, {"weight": weight},
          dtype="float64")

    nll = "NLLLoss"
    log_p = np.round(np.log(probs(15, (4, 5)) + 1e-3), 4)
    c.suite("NLLLoss/basic", nll, labels, log_p)
    c.suite("NLLLoss/weight", nll, labels, log_p, {"weight": weight})
    c.suite("NLLLoss/ignore_index=-100", nll, [0, -100, 4, 1], log_p, {"weight": weight})
    c.suite("NLLLoss/all_ignored", nll, [1, 1, 1, 1], log_p, {"ignore_index": 1},
            note="mean is 0 / 0 = nan in torch")
    c.add("NLLLoss/not_log_probabilities", nll, [1, 2], SEED_LOGITS, reduction="none",
          note="NLLLoss just picks and negates")
    c.add("NLLLoss/3d", nll, [[0, 2, 1, 1], [2, 2, 0, 1]], np.round(rand(16, (2, 3, 4), -4, 0), 3),
          {"weight": [1.0, 0.5, 2.0]})
    c.add("NLLLoss/target_out_of_range", nll, [0, 5], log_p[:2])
    c.add("NLLLoss/float64", nll, labels, log_p, {"weight": weight}, dtype="float64")

    kl = "KLDivLoss"
    kl_t = [[0.2, 0.8], [0.5, 0.5]]
    kl_log_p = np.round(np.log([[0.4, 0.6], [0.9, 0.1]]), 6)
    kl_reductions = ("mean", "batchmean", "sum", "none")
    c.suite("KLDivLoss/basic", kl, kl_t, kl_log_p, reductions=kl_reductions,
            note="mean divides by N*C, batchmean by N")
    target = probs(17, (3, 4))
    log_q = np.round(np.log(probs(18, (3, 4))), 5)
    c.suite("KLDivLoss/random", kl, target, log_q, reductions=kl_reductions)
    c.suite("KLDivLoss/log_target", kl, np.round(np.log(target), 5), log_q, {"log_target": True},
            reductions=kl_reductions)
    c.add("KLDivLoss/zero_target", kl, [[0.0, 1.0], [0.3, 0.7]], kl_log_p, reduction="none",
          note="xlogy(0, 0) = 0")
    c.add("KLDivLoss/probabilities_as_input", kl, kl_t, [[0.4, 0.6], [0.9, 0.1]],
          reduction="batchmean", note="probabilities given where log-probabilities belong")
    c.add("KLDivLoss/3d", kl, probs(19, (2, 3, 2)), np.round(np.log(probs(20, (2, 3, 2))), 5),
          reduction="batchmean")
    c.add("KLDivLoss/1d", kl, [0.1, 0.6, 0.3], np.round(np.log([0.3, 0.3, 0.4]), 5),
          reduction="batchmean", note="batchmean divides by size(0) = C for a 1-D input")
    c.add("KLDivLoss/negative_target", kl, [[-0.1, 1.1]], [[-1.0, -0.5]], reduction="none")
    c.add("KLDivLoss/float64", kl, target, log_q, reduction="batchmean", dtype="float64")
    c.add("KLDivLoss/float64/log_target", kl, np.round(np.log(target), 5), log_q,
          {"log_target": True}, reduction="none", dtype="float64")

    pn = "PoissonNLLLoss"
    counts = [[0.0, 1.0, 2.0], [5.0, 0.0, 3.0]]
    log_rate = [[0.5, -0.2, 0.7], [1.6, -1.0, 1.1]]
    rate = [[0.5, 1.2, 2.0], [4.0, 0.0, 3.5]]
    c.suite("PoissonNLLLoss/default", pn, counts, log_rate, note="log_input=True: y_pred is log(rate)")
    c.suite("PoissonNLLLoss/rate", pn, counts, rate, {"log_input": False})
    c.suite("PoissonNLLLoss/full", pn, counts, log_rate, {"full": True},
            note="Stirling term only where target > 1")
    c.add("PoissonNLLLoss/rate/full", pn, counts, rate, {"log_input": False, "full": True},
          reduction="none")
    c.add("PoissonNLLLoss/rate/eps", pn, counts, rate, {"log_input": False, "eps": 1e-3},
          reduction="none")
    c.add("PoissonNLLLoss/docs_keras", pn, REG_TRUE, REG_PRED, reduction="none")
    c.add("PoissonNLLLoss/fractional_targets", pn, [[0.5, 1.5, 1.0]], [[0.1, 0.2, 0.3]],
          {"full": True}, reduction="none")
    c.add("PoissonNLLLoss/float64", pn, counts, log_rate, {"full": True}, dtype="float64")
    c.add("PoissonNLLLoss/float64/rate", pn, counts, rate, {"log_input": False}, reduction="none",
          dtype="float64")


def margin_cases(c):
    he = "HingeEmbeddingLoss"
    he_t, he_p = [[1.0, -1.0, -1.0], [-1.0, 1.0, -1.0]], [[0.3, 0.4, 1.5], [0.2, 2.0, 0.99]]
    c.suite("HingeEmbeddingLoss/basic", he, he_t, he_p)
    for margin in (0.5, 2.0):
        c.suite(f"HingeEmbeddingLoss/margin={margin}", he, he_t, he_p, {"margin": margin})
    c.add("HingeEmbeddingLoss/label_0", he, [[0.0, 1.0, -1.0]], [[0.3, 2.0, 0.3]],
          reduction="none", note="a label that is neither 1 nor -1 gets both branches")
    c.add("HingeEmbeddingLoss/negative_input", he, [[1.0, -1.0]], [[-0.5, -0.5]], reduction="none")
    c.add("HingeEmbeddingLoss/float64", he, he_t, he_p, dtype="float64")

    sm = "SoftMarginLoss"
    c.suite("SoftMarginLoss/basic", sm, [[1.0, -1.0], [-1.0, 1.0]], [[0.6, 0.4], [0.4, 0.6]])
    c.add("SoftMarginLoss/random", sm, np.sign(rand(21, (3, 4))), rand(22, (3, 4), -4, 4))
    c.add("SoftMarginLoss/overflow", sm, [[1.0, 1.0, -1.0, 1.0]], [[-100.0, 50.0, 90.0, -80.0]],
          reduction="none", note="torch computes log1p(exp(-y x)) directly: exp overflows")
    c.add("SoftMarginLoss/overflow/mean", sm, [[1.0, 1.0]], [[-100.0, 1.0]])
    c.add("SoftMarginLoss/float64", sm, [[1.0, 1.0, -1.0]], [[-100.0, 50.0, 0.3]], reduction="none",
          dtype="float64")

    mm = "MultiMarginLoss"
    c.suite("MultiMarginLoss/docs", mm, [3], [[0.1, 0.2, 0.4, 0.8]], note="torch docs: 0.3250")
    mm_p = rand(23, (4, 3), -1, 1)
    mm_t = [0, 2, 1, 2]
    c.suite("MultiMarginLoss/basic", mm, mm_t, mm_p)
    c.suite("MultiMarginLoss/p=2", mm, mm_t, mm_p, {"p": 2})
    c.suite("MultiMarginLoss/margin=0.5", mm, mm_t, mm_p, {"margin": 0.5})
    c.suite("MultiMarginLoss/weight", mm, mm_t, mm_p, {"weight": [1.0, 2.0, 0.5]})
    c.add("MultiMarginLoss/p=2/weight/margin", mm, mm_t, mm_p,
          {"p": 2, "weight": [1.0, 2.0, 0.5], "margin": 2.0}, reduction="none")
    c.add("MultiMarginLoss/separated", mm, [0, 1], [[5.0, 0.0, 1.0], [0.0, 3.0, 1.9]],
          reduction="none", note="every other class beyond the margin: 0")
    c.add("MultiMarginLoss/p=3", mm, mm_t, mm_p, {"p": 3}, note="torch: only p == 1 and p == 2")
    c.add("MultiMarginLoss/weight_length", mm, mm_t, mm_p, {"weight": [1.0, 2.0]})
    c.add("MultiMarginLoss/float64", mm, mm_t, mm_p, {"p": 2, "weight": [1.0, 2.0, 0.5]},
          dtype="float64")

    ce = "CosineEmbeddingLoss"
    pairs = np.stack([rand(24, (4, 3)), rand(25, (4, 3))], axis=1)
    pair_labels = [1, -1, 1, -1]
    c.suite("CosineEmbeddingLoss/basic", ce, pair_labels, pairs,
            note="y_pred (N, 2, D): x1 = y_pred[:, 0], x2 = y_pred[:, 1]")
    for margin in (0.5, -0.2):
        c.suite(f"CosineEmbeddingLoss/margin={margin}", ce, pair_labels, pairs, {"margin": margin})
    c.add("CosineEmbeddingLoss/special", ce, [1, -1, 0, 1],
          [[[1.0, 0.0], [0.0, 1.0]], [[1.0, 1.0], [1.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]],
           [[0.0, 0.0], [1.0, 2.0]]],
          reduction="none", note="orthogonal, identical, label 0, zero vector")
    c.add("CosineEmbeddingLoss/float64", ce, pair_labels, pairs, dtype="float64")

    mr = "MarginRankingLoss"
    mr_t, mr_p = [1, -1, 1, -1], [[0.8, 0.3], [0.2, 0.6], [0.1, 0.4], [0.9, 0.1]]
    c.suite("MarginRankingLoss/basic", mr, mr_t, mr_p,
            note="y_pred (N, 2): x1 = y_pred[:, 0], x2 = y_pred[:, 1]")
    for margin in (0.5, -0.1):
        c.suite(f"MarginRankingLoss/margin={margin}", mr, mr_t, mr_p, {"margin": margin})
    c.add("MarginRankingLoss/float64", mr, mr_t, mr_p, {"margin": 0.3}, dtype="float64")


def torch_cases():
    c = Cases()
    regression_cases(c)
    binary_cases(c)
    classification_cases(c)
    margin_cases(c)
    gradient_cases(c)
    return c.cases


def gradient_cases(c):
    """Where autograd's conventions show: clamps, kinks and ties (issue 11)."""
    g = "gradient/"
    c.add(g + "L1Loss/zero_error", "L1Loss", [[1.0, 2.0]], [[1.0, 2.5]])
    c.add(g + "MSELoss/sum", "MSELoss", [[1.0, 2.0]], [[0.5, 3.0]], reduction="sum")
    c.add(g + "HuberLoss/at_delta", "HuberLoss", [[0.0, 0.0]], [[1.0, 0.5]])
    c.add(g + "SmoothL1Loss/at_beta", "SmoothL1Loss", [[0.0, 0.0]], [[1.0, 0.5]])
    c.add(g + "BCELoss/p=0,1", "BCELoss", [[1.0, 0.0, 1.0, 0.0]], [[0.0, 1.0, 1.0, 0.0]],
          note="the log is clamped at -100; autograd's gradient divides by max(p(1 - p), 1e-12)")
    c.add(g + "CrossEntropyLoss/logits", "CrossEntropyLoss", [1, 0], [[2.0, 1.0, 0.1], [0.5, 0.5, -1.0]])
    c.add(g + "CrossEntropyLoss/ignore_index", "CrossEntropyLoss", [1, 2], [[2.0, 1.0, 0.1], [0.5, 0.5, -1.0]],
          {"ignore_index": 2})
    c.add(g + "NLLLoss/weight", "NLLLoss", [1, 0], [[-0.5, -1.0, -2.0], [-0.1, -3.0, -2.5]],
          {"weight": [1.0, 2.0, 0.5]})
    c.add(g + "HingeEmbeddingLoss/at_margin", "HingeEmbeddingLoss", [[-1.0, -1.0, 1.0]],
          [[1.0, 0.5, 0.3]], note="an input exactly at the margin of 1")
    c.add(g + "MultiMarginLoss/at_margin", "MultiMarginLoss", [1], [[0.2, 1.2, 0.2]])
    c.add(g + "MarginRankingLoss/at_zero", "MarginRankingLoss", [1.0, -1.0],
          [[0.5, 0.5], [0.2, 0.9]])
    c.add(g + "CosineEmbeddingLoss/pairs", "CosineEmbeddingLoss", [1.0, -1.0],
          [[[1.0, 0.0], [0.5, 0.5]], [[1.0, 2.0], [2.0, 1.0]]])
    c.add(g + "SoftMarginLoss/sum", "SoftMarginLoss", [[1.0, -1.0]], [[0.5, 0.5]], reduction="sum")
    c.add(g + "KLDivLoss/batchmean", "KLDivLoss", [[0.2, 0.8], [0.5, 0.5]],
          [[-1.0, -0.5], [-0.7, -0.7]], reduction="batchmean")
    c.add(g + "PoissonNLLLoss/rate", "PoissonNLLLoss", [[1.0, 0.0]], [[0.0, 2.0]],
          {"log_input": False})
    c.add(g + "BCEWithLogitsLoss/pos_weight", "BCEWithLogitsLoss", [[1.0, 0.0]], [[0.3, -2.0]],
          {"pos_weight": [2.0, 0.5]})


def torch_worker(cases):
    """Evaluate each case with its torch.nn loss class on the CPU."""
    import torch

    def tensor(value, shape, dtype):
        return torch.tensor(np.asarray(value, dtype=dtype).reshape(shape))

    def call(case, reduction):
        dtype = case["dtype"]
        params = dict(case["params"])
        for name in ("weight", "pos_weight"):
            if name in params:
                params[name] = torch.tensor(params[name], dtype=getattr(torch, dtype))
        loss = getattr(torch.nn, case["loss"])(reduction=reduction, **params)
        shapes = case["shapes"]
        target = tensor(case["y_true"], shapes["y_true"], case["y_true_dtype"])
        inputs = tensor(case["y_pred"], shapes["y_pred"], dtype)
        inputs.requires_grad_(True)
        with warnings.catch_warnings():
            # KLDivLoss warns that "mean" is not the KL divergence; that is the point here.
            warnings.simplefilter("ignore")
            if case["loss"] in PAIRS:
                out = loss(inputs[:, 0], inputs[:, 1], target)
            else:
                out = loss(inputs, target)
        # The gradient of the output (of its sum for "none") with respect to the input: for
        # the pair losses, both halves of the packed input at once.
        out.sum().backward()
        gradient = None if inputs.grad is None else inputs.grad.numpy().tolist()
        return out.detach().numpy().tolist(), gradient

    results = []
    for case in cases:
        out = {"per_sample": None, "value": None, "error": None, "gradient": None}
        try:
            out["value"], out["gradient"] = call(case, case["reduction"])
            out["per_sample"], _ = call(case, "none")
        except Exception as e:  # noqa: BLE001 - torch's own error is the golden
            message = str(e).strip().splitlines()[0] if str(e).strip() else ""
            out = {"per_sample": None, "value": None, "error": f"{type(e).__name__}: {message}",
                   "gradient": None}
        results.append(out)
    versions = {"torch": torch.__version__, "numpy": np.__version__,
                "python": platform.python_version()}
    return {"versions": versions, "results": results}


def write_json(path, generator, cases):
    """One case per line: small diffs when goldens change; NaN/Infinity allowed."""
    lines = ",\n".join("  " + json.dumps(case) for case in cases)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "{\n"
        f'"generator": {json.dumps(generator, indent=1)},\n'
        f'"cases": [\n{lines}\n]\n'
        "}\n")


def torch_main(out_path):
    cases = torch_cases()
    run = torch_worker(cases)
    v = run["versions"]
    generator = {"torch": v["torch"], "numpy": v["numpy"], "python": v["python"],
                 "command": COMMAND, "device": "cpu",
                 "calls": "torch.nn.<loss>(reduction=..., **params)(input=y_pred, target=y_true); "
                          "pair losses: (y_pred[:, 0], y_pred[:, 1], y_true)"}
    out = [{**case, **result} for case, result in zip(cases, run["results"])]
    write_json(out_path, generator, out)
    errors = sum(1 for case in out if case["error"])
    print(f"wrote {len(out)} cases ({errors} where torch raised) to {out_path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "goldens" / "torch.json")
    args = parser.parse_args()
    torch_main(args.out.resolve())


if __name__ == "__main__":
    sys.exit(main())
