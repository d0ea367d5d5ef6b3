"""Write golden loss values computed by a real framework, for Loss Lab's tests.

Run from the project root, in the oracle venv (never the app's runtime):

    KERAS_BACKEND=jax .venv-oracle/bin/python tools/make_goldens.py

`--framework keras` (the default) writes tests/goldens/keras.json. Each framework is
one section below: a case builder (plain numpy, no framework import) and a worker that
evaluates cases in a subprocess with the framework imported. A torch section can be
added beside the Keras one without touching it.

Keras is imported only inside worker subprocesses, because the backend is fixed at
import time and we need three of them: jax (the reference), jax with
JAX_ENABLE_X64=1 for the float64 cases (without it jax silently computes "float64"
in float32), and the numpy backend, whose disagreements with jax are recorded in
`backend_differences`.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

# The PyTorch section lives in its own file; torch runs in this process (no backend to pick).
from torch_cases import torch_main, torch_worker

ROOT = Path(__file__).resolve().parent.parent
COMMAND = "KERAS_BACKEND=jax .venv-oracle/bin/python tools/make_goldens.py"

REDUCTIONS = ["sum_over_batch_size", "mean", "sum", "mean_with_sample_weight", "none"]
SOBS, MWS = "sum_over_batch_size", "mean_with_sample_weight"


class Cases:
    """Collects cases; inputs are stored as the literals a user would type."""

    def __init__(self):
        self.cases = []
        self._ids = set()

    def add(self, case_id, loss, y_true, y_pred, params=None, sample_weight=None,
            reduction=SOBS, dtype="float32", labels=False, note=None, compare=False):
        if case_id in self._ids:
            raise ValueError(f"duplicate case id {case_id!r}")
        self._ids.add(case_id)
        y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
        if isinstance(sample_weight, (int, float)) or sample_weight is None:
            weight, weight_shape = sample_weight, None
        else:
            weight = np.asarray(sample_weight)
            weight, weight_shape = weight.tolist(), list(weight.shape)
        self.cases.append({
            "id": case_id,
            "loss": loss,
            "params": dict(params or {}),
            "y_true": y_true.tolist(),
            "y_pred": y_pred.tolist(),
            "sample_weight": weight,
            "reduction": reduction,
            "dtype": dtype,
            # Nested lists lose the shape of empty arrays, and labels are integers.
            "shapes": {"y_true": list(y_true.shape), "y_pred": list(y_pred.shape),
                       "sample_weight": weight_shape},
            "y_true_dtype": "int64" if labels else dtype,
            "note": note,
            "compare_backends": compare,
        })


# The Keras section: cases (no keras import), the worker that runs them, and its main.

KERAS_CLASSES = {
    "mean_squared_error": "MeanSquaredError",
    "mean_absolute_error": "MeanAbsoluteError",
    "mean_absolute_percentage_error": "MeanAbsolutePercentageError",
    "mean_squared_logarithmic_error": "MeanSquaredLogarithmicError",
    "huber": "Huber",
    "log_cosh": "LogCosh",
    "binary_crossentropy": "BinaryCrossentropy",
    "binary_focal_crossentropy": "BinaryFocalCrossentropy",
    "categorical_crossentropy": "CategoricalCrossentropy",
    "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy",
    "categorical_focal_crossentropy": "CategoricalFocalCrossentropy",
    "categorical_generalized_cross_entropy": "CategoricalGeneralizedCrossEntropy",
    "kl_divergence": "KLDivergence",
    "poisson": "Poisson",
    "hinge": "Hinge",
    "squared_hinge": "SquaredHinge",
    "categorical_hinge": "CategoricalHinge",
    "cosine_similarity": "CosineSimilarity",
    "dice": "Dice",
    "tversky": "Tversky",
    "circle": "Circle",
    "ctc": "CTC",
}

LABEL_LOSSES = {"sparse_categorical_crossentropy", "categorical_generalized_cross_entropy",
                "circle", "ctc"}

LABEL_NOTE = ("y_true passed as an int64 numpy array (what np.array([...]) gives); "
              "Loss.__call__ casts it to the loss dtype before the loss function runs")
CTC_NOTE = ("y_pred are logits, not probabilities: Keras' ctc applies log_softmax "
            "itself; y_true uses 0 as padding and blank (mask_index=0), "
            "label length = count of non-zero entries per row, input length = time steps")
CIRCLE_NOTE = "y_true: int class labels (N,); y_pred: L2-normalised embeddings (N, d)"

# One example per loss (N = 3 samples unless the loss needs otherwise) for the
# reduction and weighting suite.
BASE = {
    "mean_squared_error": ([[0.0, 1.0, 2.0, 3.0], [1.0, 1.0, 0.5, 0.0], [2.0, -1.0, 0.0, 1.0]],
                           [[0.5, 1.0, 1.0, 4.0], [0.0, 2.0, 0.5, 0.25], [1.5, -0.5, 0.5, 3.0]]),
    "mean_absolute_error": ([[0.0, 1.0, 2.0, 3.0], [1.0, 1.0, 0.5, 0.0], [2.0, -1.0, 0.0, 1.0]],
                            [[0.5, 1.0, 1.0, 4.0], [0.0, 2.0, 0.5, 0.25], [1.5, -0.5, 0.5, 3.0]]),
    "mean_absolute_percentage_error": ([[1.0, 2.0, 4.0], [0.5, -2.0, 10.0], [3.0, 3.0, 1.0]],
                                       [[1.5, 1.0, 4.0], [0.25, -1.0, 12.0], [0.0, 6.0, 1.1]]),
    "mean_squared_logarithmic_error": ([[0.0, 1.0, 3.0], [2.0, 0.5, 10.0], [1.0, 1.0, 1.0]],
                                       [[0.5, 1.0, 2.0], [2.5, 0.0, 7.0], [0.1, 3.0, 1.0]]),
    "huber": ([[0.0, 1.0, 2.0, 3.0], [1.0, 1.0, 0.5, 0.0], [2.0, -1.0, 0.0, 1.0]],
              [[0.5, 1.0, 4.0, 0.0], [0.0, 2.5, 0.5, 0.25], [1.5, -0.5, 0.9, 3.0]]),
    "log_cosh": ([[0.0, 1.0, 2.0, 3.0], [1.0, 1.0, 0.5, 0.0], [2.0, -1.0, 0.0, 1.0]],
                 [[0.5, 1.0, 4.0, 0.0], [0.0, 2.5, 0.5, 0.25], [1.5, -0.5, 0.9, 3.0]]),
    "binary_crossentropy": ([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]],
                            [[0.6, 0.4], [0.9, 0.7], [0.2, 0.95]]),
    "binary_focal_crossentropy": ([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]],
                                  [[0.6, 0.4], [0.9, 0.7], [0.2, 0.95]]),
    "categorical_crossentropy": ([[0, 1, 0], [0, 0, 1], [1, 0, 0]],
                                 [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1]]),
    "sparse_categorical_crossentropy": ([1, 2, 0],
                                        [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1]]),
    "categorical_focal_crossentropy": ([[0, 1, 0], [0, 0, 1], [1, 0, 0]],
                                       [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1]]),
    "categorical_generalized_cross_entropy": ([1, 2, 0],
                                              [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1]]),
    "kl_divergence": ([[0.2, 0.3, 0.5], [0.0, 1.0, 0.0], [0.25, 0.25, 0.5]],
                      [[0.3, 0.3, 0.4], [0.1, 0.8, 0.1], [0.5, 0.25, 0.25]]),
    "poisson": ([[0.0, 1.0, 2.0], [3.0, 0.0, 1.0], [1.0, 1.0, 5.0]],
                [[0.5, 1.0, 1.5], [2.0, 0.1, 1.0], [0.8, 1.2, 4.0]]),
    "hinge": ([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]],
              [[0.6, 0.4], [0.4, -0.3], [-1.2, 0.6]]),
    "squared_hinge": ([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]],
                      [[0.6, 0.4], [0.4, -0.3], [-1.2, 0.6]]),
    "categorical_hinge": ([[0, 1, 0], [0, 0, 1], [1, 0, 0]],
                          [[0.6, 0.4, 0.1], [0.2, 0.3, 1.5], [-0.5, 0.5, 0.0]]),
    "cosine_similarity": ([[0.0, 1.0], [1.0, 1.0], [1.0, 2.0]],
                          [[1.0, 0.0], [1.0, 1.0], [-1.0, 0.5]]),
    "dice": ([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
             [[0.9, 0.2, 0.6], [0.5, 0.7, 0.1], [0.1, 0.3, 0.4]]),
    "tversky": ([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
                [[0.9, 0.2, 0.6], [0.5, 0.7, 0.1], [0.1, 0.3, 0.4]]),
    "circle": ([0, 0, 1, 1],
               [[0.6, 0.8], [0.8, 0.6], [1.0, 0.0], [0.0, 1.0]]),
    "ctc": ([[1, 2], [1, 0], [2, 2]],
            [[[0.5, 1.0, 0.1], [0.2, 0.3, 2.0], [1.0, 0.0, 0.0], [0.0, 0.5, 1.5]],
             [[2.0, 1.0, 0.1], [0.2, 3.0, 0.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.5]],
             [[0.1, 0.1, 2.0], [2.0, 0.1, 0.1], [0.1, 0.2, 1.5], [0.0, 0.0, 0.0]]]),
}


def weights_for(n):
    """(N,) weights with a zero, a scalar, and (N,1) weights."""
    vec = [1.0, 0.0, 2.5, 1.5][:n]  # sums never equal n, so "mean_with_sample_weight" != "mean"
    col = [[w] for w in [0.5, 2.0, 1.0, 1.5][:n]]
    return {"w=vec": vec, "w=scalar": 2.0, "w=col": col}


def note_for(loss):
    return {"ctc": CTC_NOTE, "circle": CIRCLE_NOTE}.get(
        loss, LABEL_NOTE if loss in LABEL_LOSSES else None)


def suite(c, loss, y_true, y_pred, params=None, prefix=None):
    """Every reduction without and with (N,) weights; scalar and (N,1) weights too."""
    prefix = prefix or loss
    labels = loss in LABEL_LOSSES
    note = note_for(loss)
    w = weights_for(len(y_true))
    kw = dict(params=params, labels=labels, note=note)
    c.add(f"{prefix}/default", loss, y_true, y_pred, **kw)
    for red in REDUCTIONS:
        if red != SOBS:
            c.add(f"{prefix}/{red}", loss, y_true, y_pred, reduction=red, **kw)
        c.add(f"{prefix}/{red}/w=vec", loss, y_true, y_pred, sample_weight=w["w=vec"],
              reduction=red, **kw)
    for red in (SOBS, "sum", MWS):
        c.add(f"{prefix}/{red}/w=scalar", loss, y_true, y_pred, sample_weight=w["w=scalar"],
              reduction=red, **kw)
    for red in (SOBS, MWS):
        c.add(f"{prefix}/{red}/w=col", loss, y_true, y_pred, sample_weight=w["w=col"],
              reduction=red, **kw)
    c.add(f"{prefix}/reduction=None/w=vec", loss, y_true, y_pred, sample_weight=w["w=vec"],
          reduction=None, **kw)


def variants(c, loss, y_true, y_pred, grid, weighted=True):
    """One case per parameter setting away from the defaults."""
    labels = loss in LABEL_LOSSES
    w = weights_for(len(y_true))["w=vec"] if weighted else None
    for params in grid:
        slug = ",".join(f"{k}={v}" for k, v in params.items())
        c.add(f"{loss}/{slug}", loss, y_true, y_pred, params=params, sample_weight=w,
              labels=labels, note=note_for(loss))


def keras_seed_cases(c):
    cce_pred = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
    c.add("seed/categorical_crossentropy", "categorical_crossentropy",
          [[0, 1, 0], [0, 0, 1]], cce_pred, note="Keras docs example")
    c.add("seed/sparse_categorical_crossentropy", "sparse_categorical_crossentropy",
          [1, 2], cce_pred, labels=True, note="Keras docs example; " + LABEL_NOTE)
    hinge = ([[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]])
    c.add("seed/hinge", "hinge", *hinge, note="Keras docs example")
    c.add("seed/hinge/w=[1,0]", "hinge", *hinge, sample_weight=[1.0, 0.0],
          note="Keras docs example")
    c.add("seed/cosine_similarity", "cosine_similarity",
          [[0.0, 1.0], [1.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0], [-1.0, -1.0]],
          params={"axis": 1}, note="Keras docs example")
    for loss in ("mean_squared_error", "mean_absolute_error"):
        c.add(f"seed/{loss}", loss, [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]],
              note="Keras docs example")


def keras_docs_cases(c):
    """Examples from the Keras 3 docstrings; the note gives the number printed there."""
    def doc(case_id, loss, y_true, y_pred, printed, **kw):
        c.add(f"docs/{case_id}", loss, y_true, y_pred,
              note=f"Keras docstring example, printed there as {printed}", **kw)

    doc("mean_squared_error", "mean_squared_error", [1.0, 0.0, 1.0], [0.9, 0.1, 0.8], "0.02")
    doc("mean_absolute_error", "mean_absolute_error", [1.0, 0.3, 1.0], [1.9, 0.3, 1.8],
        "0.5666667")
    doc("mean_absolute_percentage_error", "mean_absolute_percentage_error",
        [100.0, 200.0, 300.0], [90.0, 210.0, 310.0], "6.111111")
    doc("huber", "huber", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], "0.155")
    doc("log_cosh", "log_cosh", [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]], "0.108")
    doc("binary_crossentropy/fn", "binary_crossentropy", [[0, 1], [0, 0]],
        [[0.6, 0.4], [0.4, 0.6]], "[0.916, 0.714]", reduction="none")
    logits_1d, logits_2d = [-18.6, 0.51, 2.94, -12.8], [[-18.6, 0.51], [2.94, -12.8]]
    doc("binary_crossentropy/1d", "binary_crossentropy", [0, 1, 0, 0], logits_1d, "0.8654",
        params={"from_logits": True})
    doc("binary_crossentropy/2d", "binary_crossentropy", [[0, 1], [0, 0]], logits_2d,
        "0.8654", params={"from_logits": True})
    doc("binary_crossentropy/2d/w", "binary_crossentropy", [[0, 1], [0, 0]], logits_2d,
        "0.243", params={"from_logits": True}, sample_weight=[0.8, 0.2])
    doc("binary_crossentropy/2d/sum", "binary_crossentropy", [[0, 1], [0, 0]], logits_2d,
        "1.730", params={"from_logits": True}, reduction="sum")
    doc("binary_crossentropy/2d/none", "binary_crossentropy", [[0, 1], [0, 0]], logits_2d,
        "[0.235, 1.496]", params={"from_logits": True}, reduction=None)
    doc("binary_focal_crossentropy/fn", "binary_focal_crossentropy", [[0, 1], [0, 0]],
        [[0.6, 0.4], [0.4, 0.6]], "[0.330, 0.206]", params={"gamma": 2.0}, reduction="none")
    for case_id, params, kw, printed in [
            ("1d", {"gamma": 2.0}, {}, "0.691"),
            ("1d/balanced", {"gamma": 2.0, "apply_class_balancing": True}, {}, "0.51"),
            ("2d", {"gamma": 3.0}, {}, "0.647"),
            ("2d/balanced", {"gamma": 3.0, "apply_class_balancing": True}, {}, "0.482"),
            ("2d/w", {"gamma": 3.0}, {"sample_weight": [0.8, 0.2]}, "0.133"),
            ("2d/balanced/w", {"gamma": 3.0, "apply_class_balancing": True},
             {"sample_weight": [0.8, 0.2]}, "0.097"),
            ("2d/sum", {"gamma": 4.0}, {"reduction": "sum"}, "1.222"),
            ("2d/balanced/sum", {"gamma": 4.0, "apply_class_balancing": True},
             {"reduction": "sum"}, "0.914"),
            ("2d/none", {"gamma": 5.0}, {"reduction": None}, "[0.0017, 1.1561]"),
            ("2d/balanced/none", {"gamma": 5.0, "apply_class_balancing": True},
             {"reduction": None}, "[0.0004, 0.8670]")]:
        one_d = case_id.startswith("1d")
        doc(f"binary_focal_crossentropy/{case_id}", "binary_focal_crossentropy",
            [0, 1, 0, 0] if one_d else [[0, 1], [0, 0]], logits_1d if one_d else logits_2d,
            printed, params={**params, "from_logits": True}, **kw)
    ct, cp = [[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
    doc("categorical_crossentropy/w", "categorical_crossentropy", ct, cp, "0.814",
        sample_weight=[0.3, 0.7])
    doc("categorical_crossentropy/sum", "categorical_crossentropy", ct, cp, "2.354",
        reduction="sum")
    doc("sparse_categorical_crossentropy/w", "sparse_categorical_crossentropy", [1, 2], cp,
        "0.814", sample_weight=[0.3, 0.7], labels=True)
    doc("categorical_focal_crossentropy", "categorical_focal_crossentropy", ct, cp,
        "0.23315276")
    doc("categorical_focal_crossentropy/w", "categorical_focal_crossentropy", ct, cp,
        "0.1632", sample_weight=[0.3, 0.7])
    doc("categorical_focal_crossentropy/none", "categorical_focal_crossentropy", ct, cp,
        "[3.2058331e-05, 4.6627346e-01]", reduction=None)
    doc("categorical_focal_crossentropy/fn", "categorical_focal_crossentropy", ct,
        [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]], "[2.63401289e-04, 6.75912094e-01]",
        reduction="none")
    doc("categorical_generalized_cross_entropy", "categorical_generalized_cross_entropy",
        [0, 1, 0, 1], [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]], "(no number)",
        labels=True)


def keras_param_cases(c):
    reg_t, reg_p = BASE["huber"]
    variants(c, "huber", reg_t, reg_p, [{"delta": d} for d in (0.1, 0.5, 2.0, 5.0)])

    bt, bp = BASE["binary_crossentropy"]
    logits = [[0.4, -0.4], [2.2, 0.85], [-1.4, 2.9]]
    variants(c, "binary_crossentropy", bt, bp,
             [{"label_smoothing": s} for s in (0.1, 0.2, 0.5, 1.0)]
             + [{"axis": 0}], weighted=False)
    variants(c, "binary_crossentropy", bt, logits,
             [{"from_logits": True}, {"from_logits": True, "label_smoothing": 0.1}])
    variants(c, "binary_focal_crossentropy", bt, bp,
             [{"gamma": g} for g in (0.0, 1.0, 5.0)]
             + [{"apply_class_balancing": True}]
             + [{"apply_class_balancing": True, "alpha": a} for a in (0.5, 0.75)]
             + [{"alpha": 0.75}, {"label_smoothing": 0.1}])
    variants(c, "binary_focal_crossentropy", bt, bp, [{"axis": 0}], weighted=False)
    variants(c, "binary_focal_crossentropy", bt, logits,
             [{"from_logits": True},
              {"from_logits": True, "apply_class_balancing": True, "gamma": 1.0}])

    ct, cp = BASE["categorical_crossentropy"]
    clog = [[-1.0, 2.0, 0.5], [0.0, 1.0, 3.0], [2.5, 0.0, -2.0]]
    variants(c, "categorical_crossentropy", ct, cp,
             [{"label_smoothing": s} for s in (0.1, 0.3, 1.0)])
    variants(c, "categorical_crossentropy", ct, clog,
             [{"from_logits": True}, {"from_logits": True, "label_smoothing": 0.2}])
    variants(c, "categorical_focal_crossentropy", ct, cp,
             [{"gamma": g} for g in (0.0, 1.0, 4.0)]
             + [{"alpha": a} for a in (0.5, 1.0, [0.25, 0.5, 0.25])]
             + [{"label_smoothing": 0.1}])
    variants(c, "categorical_focal_crossentropy", ct, clog,
             [{"from_logits": True}, {"from_logits": True, "gamma": 0.0, "alpha": 1.0}])

    st, sp = BASE["sparse_categorical_crossentropy"]
    variants(c, "sparse_categorical_crossentropy", st, clog, [{"from_logits": True}])
    gt, gp = BASE["categorical_generalized_cross_entropy"]
    variants(c, "categorical_generalized_cross_entropy", gt, gp,
             [{"q": q} for q in (0.1, 0.3, 0.7, 0.99)])

    cos_t = [[0.0, 1.0, 2.0], [1.0, 1.0, -1.0], [3.0, 0.0, 4.0]]
    cos_p = [[1.0, 0.0, 1.0], [2.0, 2.0, -2.0], [-3.0, 0.5, 4.0]]
    variants(c, "cosine_similarity", cos_t, cos_p, [{"axis": 0}], weighted=False)
    variants(c, "cosine_similarity", cos_t, cos_p, [{"axis": 1}, {"axis": -1}])

    dt, dp = BASE["dice"]
    variants(c, "dice", dt, dp, [{"axis": 1}, {"axis": -1}])
    variants(c, "dice", dt, dp, [{"axis": 0}], weighted=False)
    variants(c, "tversky", dt, dp,
             [{"alpha": 0.3, "beta": 0.7}, {"alpha": 0.7, "beta": 0.3},
              {"alpha": 1.0, "beta": 1.0}, {"alpha": 0.0, "beta": 1.0},
              {"axis": 1}, {"alpha": 0.3, "beta": 0.7, "axis": 1}])

    rt, rp = BASE["circle"]
    variants(c, "circle", rt, rp,
             [{"gamma": 1.0}, {"gamma": 10.0}, {"gamma": 256.0}, {"margin": 0.25},
              {"margin": 0.0}, {"remove_diagonal": False},
              {"gamma": 10.0, "margin": 0.25, "remove_diagonal": False}])


def keras_edge_cases(c):
    f64 = "float64"
    # Probabilities exactly 0 and 1: Keras clips to [eps, 1 - eps], eps = 1e-7.
    pt = [[1.0], [0.0], [1.0], [0.0]]
    pp = [[0.0], [1.0], [1.0], [0.0]]
    clip = "y_pred clipped to [1e-7, 1 - 1e-7] (in float32 1 - 1e-7 rounds to 0.99999988)"
    for dtype in ("float32", f64):
        c.add(f"binary_crossentropy/p=0,1/{dtype}", "binary_crossentropy", pt, pp,
              reduction="none", dtype=dtype, note=clip)
        c.add(f"categorical_crossentropy/p=0,1/{dtype}", "categorical_crossentropy",
              [[1, 0, 0], [0, 1, 0]], [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]], dtype=dtype,
              note=clip)
    c.add("binary_focal_crossentropy/p=0,1", "binary_focal_crossentropy", pt, pp,
          reduction="none", note=clip)
    c.add("categorical_focal_crossentropy/p=0,1", "categorical_focal_crossentropy",
          [[1, 0, 0], [0, 1, 0]], [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]], note=clip)
    c.add("sparse_categorical_crossentropy/p=0,1", "sparse_categorical_crossentropy",
          [0, 1], [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]], labels=True, note=clip)
    c.add("categorical_generalized_cross_entropy/p=0,1",
          "categorical_generalized_cross_entropy", [0, 1],
          [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]], labels=True, note="no clipping in gce")
    c.add("binary_crossentropy/soft_labels", "binary_crossentropy",
          [[0.3, 0.7], [0.5, 0.5]], [[0.3, 0.7], [0.9, 0.1]])

    # Large logits: the stable log-sigmoid form must not saturate.
    lt = [[1.0, 0.0, 1.0, 0.0, 1.0, 0.0]]
    lp = [[30.0, -30.0, 100.0, -100.0, -30.0, 30.0]]
    for dtype in ("float32", f64):
        c.add(f"binary_crossentropy/large_logits/{dtype}", "binary_crossentropy", lt, lp,
              params={"from_logits": True}, dtype=dtype, compare=True)
        c.add(f"binary_crossentropy/large_logits_elementwise/{dtype}", "binary_crossentropy",
              [[1.0], [0.0], [1.0], [0.0], [1.0], [0.0], [0.0], [1.0]],
              [[30.0], [-30.0], [100.0], [-100.0], [-30.0], [30.0], [100.0], [-100.0]],
              params={"from_logits": True}, reduction="none", dtype=dtype, compare=True)
    c.add("binary_focal_crossentropy/large_logits", "binary_focal_crossentropy",
          [[1.0], [0.0], [1.0], [0.0], [0.0]], [[30.0], [-30.0], [100.0], [30.0], [100.0]],
          params={"from_logits": True}, reduction="none", compare=True)
    c.add("categorical_crossentropy/large_logits", "categorical_crossentropy",
          [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
          [[100.0, 0.0, -100.0], [30.0, -30.0, 0.0], [1000.0, 0.0, 0.0]],
          params={"from_logits": True}, reduction="none", compare=True)
    c.add("sparse_categorical_crossentropy/large_logits", "sparse_categorical_crossentropy",
          [0, 1, 2], [[100.0, 0.0, -100.0], [30.0, -30.0, 0.0], [1000.0, 0.0, 0.0]],
          params={"from_logits": True}, reduction="none", labels=True, compare=True)
    c.add("categorical_focal_crossentropy/large_logits", "categorical_focal_crossentropy",
          [[1, 0, 0], [0, 1, 0]], [[100.0, 0.0, -100.0], [30.0, -30.0, 0.0]],
          params={"from_logits": True}, reduction="none", compare=True)

    # Unnormalised probabilities are renormalised along the class axis.
    un = [[1.0, 2.0, 1.0], [0.5, 0.5, 3.0], [0.1, 0.1, 0.1]]
    ut = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    for loss in ("categorical_crossentropy", "categorical_focal_crossentropy"):
        c.add(f"{loss}/unnormalised", loss, ut, un, note="y_pred rows do not sum to 1")
    c.add("sparse_categorical_crossentropy/unnormalised", "sparse_categorical_crossentropy",
          [1, 2, 0], un, labels=True, note="y_pred rows do not sum to 1")
    c.add("categorical_generalized_cross_entropy/unnormalised",
          "categorical_generalized_cross_entropy", [1, 2, 0], un, labels=True,
          note="y_pred rows do not sum to 1; gce does not renormalise")
    c.add("kl_divergence/unnormalised", "kl_divergence", [[1.0, 2.0, 1.0], [0.2, 0.2, 0.2]],
          [[2.0, 1.0, 1.0], [0.5, 0.5, 3.0]], note="only clipped to [1e-7, 1]")
    c.add("categorical_crossentropy/soft_targets", "categorical_crossentropy",
          [[0.1, 0.8, 0.1], [0.5, 0.5, 0.0]], [[0.2, 0.6, 0.2], [0.3, 0.3, 0.4]])
    c.add("categorical_crossentropy/one_class", "categorical_crossentropy",
          [[1.0], [1.0]], [[0.3], [1.0]], reduction="none",
          note="num_classes = 1: Keras warns and the renormalised y_pred is 1")

    # Hinge: {0,1} labels become {-1,1} only if EVERY label in the batch is 0 or 1.
    hp = [[0.6, 0.4], [0.4, 0.6], [-0.5, 2.0]]
    for loss in ("hinge", "squared_hinge"):
        c.add(f"{loss}/labels_01", loss, [[0.0, 1.0], [0.0, 0.0], [1.0, 1.0]], hp,
              reduction="none")
        c.add(f"{loss}/labels_pm1", loss, [[-1.0, 1.0], [-1.0, -1.0], [1.0, 1.0]], hp,
              reduction="none")
        c.add(f"{loss}/labels_mixed_minus1", loss, [[0.0, 1.0], [0.0, 0.0], [-1.0, 1.0]], hp,
              reduction="none",
              note="a single -1 switches the 0->-1 conversion off for the whole batch")
        c.add(f"{loss}/labels_mixed_half", loss, [[0.0, 1.0], [0.0, 0.0], [0.5, 1.0]], hp,
              reduction="none",
              note="a single 0.5 switches the 0->-1 conversion off for the whole batch")
        c.add(f"{loss}/labels_all_zero", loss, [[0.0, 0.0], [0.0, 0.0]], hp[:2],
              reduction="none")
        c.add(f"{loss}/labels_first_row_alone", loss, [[0.0, 1.0]], hp[:1],
              reduction="none", note="same row as in labels_mixed_minus1, batch of one")
    c.add("categorical_hinge/labels_pm1", "categorical_hinge",
          [[-1.0, 1.0, -1.0], [-1.0, -1.0, 1.0]], [[0.6, 0.4, 0.1], [0.2, 0.3, 1.5]])

    # Cosine: zero vectors give 0; the norm is floored at 1e-7 (inv_norm <= 1e7).
    c.add("cosine_similarity/zero_vectors", "cosine_similarity",
          [[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]], [[1.0, 2.0], [0.0, 0.0], [0.0, 0.0]],
          reduction="none")
    c.add("cosine_similarity/tiny_vectors", "cosine_similarity",
          [[1e-8, 0.0], [1e-6, 1e-6]], [[1.0, 0.0], [1.0, 1.0]], reduction="none",
          note="norms below 1e-7 are not normalised to 1 (x * min(rsqrt(sum x^2), 1e7))")

    # Sparse categorical crossentropy: ignore_class and label shapes.
    st, sp = BASE["sparse_categorical_crossentropy"]
    start = len(c.cases)
    suite(c, "sparse_categorical_crossentropy", [1, 2, 2], sp, params={"ignore_class": 2},
          prefix="sparse_categorical_crossentropy/ignore_class=2")
    for case in c.cases[start:]:
        case["compare_backends"] = True
    for red in REDUCTIONS:
        for w in (None, [1.0, 0.0, 2.5]):
            tag = "" if w is None else "/w=vec"
            c.add(f"sparse_categorical_crossentropy/all_ignored/{red}{tag}",
                  "sparse_categorical_crossentropy", [2, 2, 2], sp,
                  params={"ignore_class": 2}, sample_weight=w, reduction=red, labels=True,
                  compare=True)
    c.add("sparse_categorical_crossentropy/ignore_class=-1", "sparse_categorical_crossentropy",
          [1, -1, 0], sp, params={"ignore_class": -1}, sample_weight=[1.0, 0.0, 2.5],
          labels=True, compare=True)
    c.add("sparse_categorical_crossentropy/ignore_class=-1/from_logits",
          "sparse_categorical_crossentropy", [1, -1, 0],
          [[-1.0, 2.0, 0.5], [0.0, 1.0, 3.0], [2.5, 0.0, -2.0]],
          params={"ignore_class": -1, "from_logits": True}, labels=True, compare=True)
    c.add("sparse_categorical_crossentropy/ignore_class=255/none_present",
          "sparse_categorical_crossentropy", st, sp, params={"ignore_class": 255},
          labels=True, compare=True)
    c.add("sparse_categorical_crossentropy/labels_N1", "sparse_categorical_crossentropy",
          [[1], [2], [0]], sp, labels=True, sample_weight=[1.0, 0.0, 2.5])
    c.add("sparse_categorical_crossentropy/labels_N1/ignore_class=2",
          "sparse_categorical_crossentropy", [[1], [2], [0]], sp, labels=True,
          params={"ignore_class": 2}, sample_weight=[1.0, 0.0, 2.5], compare=True)
    c.add("sparse_categorical_crossentropy/label_out_of_range",
          "sparse_categorical_crossentropy", [3, 1], sp[:2], labels=True, reduction="none",
          compare=True, note="label 3 with 3 classes")
    c.add("sparse_categorical_crossentropy/label_negative",
          "sparse_categorical_crossentropy", [-1, 1], sp[:2], labels=True, reduction="none",
          compare=True, note="label -1 without ignore_class")
    c.add("categorical_generalized_cross_entropy/labels_N1",
          "categorical_generalized_cross_entropy", [[1], [2], [0]], sp, labels=True,
          reduction="none", note="(N,1) labels are not squeezed: one_hot gives (N,1,C), "
          "which broadcasts against y_pred (N,C) to an (N,N) result")
    c.add("categorical_generalized_cross_entropy/q=0", "categorical_generalized_cross_entropy",
          st, sp, params={"q": 0.0}, labels=True, note="constructor rejects q outside (0,1)")

    # Regression edge values.
    c.add("mean_absolute_percentage_error/y_true=0", "mean_absolute_percentage_error",
          [[0.0, 1.0], [0.0, 0.0], [-2.0, 4.0]], [[0.5, 1.0], [0.0, 1e-3], [-1.0, 2.0]],
          reduction="none", note="divides by max(|y_true|, 1e-7)")
    c.add("mean_squared_logarithmic_error/negative_zero", "mean_squared_logarithmic_error",
          [[0.0, -1.0], [-5.0, 2.0], [0.0, 0.0]], [[-3.0, 0.0], [1.0, -0.5], [0.0, 1e-9]],
          reduction="none", note="both clamped below at 1e-7 before log(x + 1)")
    c.add("poisson/zero_negative", "poisson",
          [[0.0, 1.0], [2.0, 0.0], [1.0, -1.0]], [[0.0, 0.0], [-0.5, 1.0], [1e-9, 2.0]],
          reduction="none", note="log(y_pred + 1e-7); negative y_pred gives NaN")
    c.add("kl_divergence/zeros", "kl_divergence",
          [[0.0, 1.0, 0.0], [0.5, 0.5, 0.0], [-0.2, 1.2, 0.0]],
          [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.3, 0.3, 0.4]], reduction="none",
          note="both clipped to [1e-7, 1]")
    c.add("huber/at_delta", "huber", [[0.0, 0.0, 0.0]], [[1.0, -1.0, 1.5]], reduction="none")
    c.add("log_cosh/large_error", "log_cosh", [[0.0, 0.0], [0.0, 0.0]],
          [[50.0, -100.0], [1e-4, 300.0]], reduction="none")
    c.add("dice/all_zero", "dice", [[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]],
          note="0 / (0 + 1e-7) = 0, loss 1")
    c.add("tversky/all_zero", "tversky", [[0.0, 0.0]], [[0.0, 0.0]])
    c.add("dice/keras_docs/axis=None", "dice",
          [[[[1.0], [1.0]], [[0.0], [0.0]]], [[[1.0], [1.0]], [[0.0], [0.0]]]],
          [[[[0.0], [1.0]], [[0.0], [1.0]]], [[[0.4], [0.0]], [[0.0], [0.9]]]],
          reduction="none", note="Keras docs example (0.6164384)")
    c.add("dice/keras_docs/axis=(1,2,3)", "dice",
          [[[[1.0], [1.0]], [[0.0], [0.0]]], [[[1.0], [1.0]], [[0.0], [0.0]]]],
          [[[[0.0], [1.0]], [[0.0], [1.0]]], [[[0.4], [0.0]], [[0.0], [0.9]]]],
          params={"axis": [1, 2, 3]}, reduction="none",
          note="Keras docs example ([0.5, 0.75757575]); axis given as a tuple")

    # Circle: no positive pair, one class, unnormalised embeddings.
    rt, rp = BASE["circle"]
    c.add("circle/all_distinct_labels", "circle", [0, 1, 2, 3], rp, labels=True,
          reduction="none", note=CIRCLE_NOTE + "; no positive pairs", compare=True)
    c.add("circle/single_class", "circle", [1, 1, 1, 1], rp, labels=True, reduction="none",
          note=CIRCLE_NOTE + "; no negative pairs", compare=True)
    c.add("circle/identical_embeddings", "circle", [0, 0, 1],
          [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], labels=True, sample_weight=[1.0, 0.0, 2.0],
          note=CIRCLE_NOTE, compare=True)
    c.add("circle/unnormalised", "circle", rt, [[3.0, 4.0], [0.5, 0.0], [1.0, 1.0], [0.0, 2.0]],
          labels=True, reduction="none", compare=True,
          note="embeddings not unit-norm; Keras does not normalise them")
    c.add("circle/3d_embeddings", "circle", [0, 1, 0, 1, 2],
          [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [2 / 3, 2 / 3, 1 / 3], [0.6, 0.0, 0.8],
           [0.0, 0.6, -0.8]], labels=True, reduction="none", note=CIRCLE_NOTE, compare=True)

    # CTC: repeats need a blank between them; infeasible and empty labels.
    c.add("ctc/repeated_label", "ctc", [[1, 1, 0]],
          [[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]],
          reduction="none", labels=True, note=CTC_NOTE, compare=True)
    c.add("ctc/infeasible", "ctc", [[1, 2, 1]], [[[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]],
          reduction="none", labels=True, note=CTC_NOTE + "; 3 labels in 2 time steps",
          compare=True)
    c.add("ctc/empty_label", "ctc", [[0, 0], [1, 0]],
          [[[1.0, 0.0, 0.0], [0.5, 0.5, 0.0]], [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]],
          reduction="none", labels=True, note=CTC_NOTE + "; first row has no labels",
          compare=True)
    c.add("ctc/uniform_logits", "ctc", [[1, 2]], [[[0.0, 0.0, 0.0]] * 3],
          reduction="none", labels=True, note=CTC_NOTE, compare=True)
    c.add("ctc/padding_in_middle", "ctc", [[1, 0, 2]],
          [[[0.5, 1.0, 0.1], [0.2, 0.3, 2.0], [1.0, 0.0, 0.0], [0.0, 0.5, 1.5]]],
          reduction="none", labels=True, compare=True,
          note=CTC_NOTE + "; a 0 inside the labels is counted out of the length, "
          "so the label is read as its first 2 entries [1, 0]")

    # Empty batch, one sample given as a 1-D vector.
    empty = np.zeros((0, 3))
    for loss in ("mean_squared_error", "binary_crossentropy", "categorical_crossentropy",
                 "hinge", "cosine_similarity", "dice", "kl_divergence"):
        for red in (SOBS, "sum"):
            c.add(f"{loss}/empty_batch/{red}", loss, empty, empty, reduction=red,
                  note="batch of 0 samples, shape (0, 3)")
    c.add("mean_squared_error/empty_batch/mws/w=empty", "mean_squared_error", empty, empty,
          sample_weight=np.zeros((0,)), reduction=MWS, note="batch of 0 samples")
    c.add("sparse_categorical_crossentropy/empty_batch", "sparse_categorical_crossentropy",
          np.zeros((0,), dtype=np.int64), empty, labels=True, note="batch of 0 samples")
    one_t, one_p = [0.0, 1.0, 2.0, 0.5], [1.0, 1.0, 0.0, 0.5]
    for loss in ("mean_squared_error", "mean_absolute_error", "huber", "log_cosh", "poisson",
                 "cosine_similarity", "dice"):
        c.add(f"{loss}/1d", loss, one_t, one_p, reduction="none",
              note="a single sample given as a 1-D vector")
    c.add("mean_squared_error/1d/sobs/w=scalar", "mean_squared_error", one_t, one_p,
          sample_weight=3.0)
    c.add("mean_squared_error/1d/sobs/w=vec", "mean_squared_error", one_t, one_p,
          sample_weight=[1.0, 0.0, 2.0, 1.0],
          note="a weight per element of a 1-D input: the loss is a scalar, broadcast")
    c.add("mean_squared_error/1d/mws/w=scalar", "mean_squared_error", one_t, one_p,
          sample_weight=3.0, reduction=MWS)
    c.add("binary_crossentropy/1d", "binary_crossentropy", [0.0, 1.0, 1.0], [0.2, 0.6, 0.9],
          reduction="none")
    c.add("categorical_crossentropy/1d", "categorical_crossentropy", [0, 1, 0],
          [0.2, 0.7, 0.1], reduction="none")
    c.add("sparse_categorical_crossentropy/1d", "sparse_categorical_crossentropy", [1],
          [0.2, 0.7, 0.1], labels=True, reduction="none",
          note="a (1,) label against a (3,) prediction")
    c.add("hinge/1d", "hinge", [0.0, 1.0, 1.0], [0.3, 0.6, -0.2], reduction="none")
    c.add("kl_divergence/1d", "kl_divergence", [0.2, 0.3, 0.5], [0.3, 0.3, 0.4],
          reduction="none")

    # 3-D inputs (batch, time, features): per-timestep losses of shape (batch, time).
    rng = np.random.default_rng(7)
    t3 = np.round(rng.uniform(-1, 2, (2, 3, 4)), 2)
    p3 = np.round(rng.uniform(-1, 2, (2, 3, 4)), 2)
    prob3 = np.round(rng.dirichlet(np.ones(4), (2, 3)), 3)
    onehot3 = np.eye(4)[rng.integers(0, 4, (2, 3))]
    bin3 = rng.integers(0, 2, (2, 3, 4)).astype(float)
    sig3 = np.round(rng.uniform(0.05, 0.95, (2, 3, 4)), 2)
    lab3 = rng.integers(0, 4, (2, 3))
    w3 = {"w=N": [1.0, 0.0], "w=N1": [[2.0], [0.5]], "w=NT": [[1.0, 0.0, 2.0], [0.5, 1.0, 0.0]]}
    three_d = {
        "mean_squared_error": (t3, p3), "mean_absolute_error": (t3, p3), "huber": (t3, p3),
        "log_cosh": (t3, p3), "binary_crossentropy": (bin3, sig3),
        "categorical_crossentropy": (onehot3, prob3), "kl_divergence": (prob3[::-1], prob3),
        "hinge": (bin3, p3), "cosine_similarity": (t3, p3),
        "sparse_categorical_crossentropy": (lab3, prob3),
    }
    for loss, (yt, yp) in three_d.items():
        labels = loss in LABEL_LOSSES
        c.add(f"{loss}/3d/none", loss, yt, yp, reduction="none", labels=labels)
        for tag, w in w3.items():
            for red in (SOBS, MWS):
                c.add(f"{loss}/3d/{red}/{tag}", loss, yt, yp, sample_weight=w, reduction=red,
                      labels=labels,
                      note="(N,) weights against (N, T) losses" if tag == "w=N" else None)
    c.add("sparse_categorical_crossentropy/3d/ignore_class=0",
          "sparse_categorical_crossentropy", lab3, prob3, params={"ignore_class": 0},
          sample_weight=w3["w=N1"], labels=True, compare=True)
    c.add("sparse_categorical_crossentropy/3d/ignore_class=0/none",
          "sparse_categorical_crossentropy", lab3, prob3, params={"ignore_class": 0},
          sample_weight=w3["w=NT"], reduction="none", labels=True, compare=True)
    c.add("categorical_crossentropy/3d/axis=1", "categorical_crossentropy",
          onehot3.transpose(0, 2, 1), prob3.transpose(0, 2, 1), params={"axis": 1},
          reduction="none", note="channels-first (batch, classes, time)")
    c.add("binary_crossentropy/3d/axis=1", "binary_crossentropy", bin3, sig3,
          params={"axis": 1}, reduction="none", note="mean over the time axis")
    c.add("cosine_similarity/3d/axis=1", "cosine_similarity", t3, p3, params={"axis": 1},
          reduction="none")
    c.add("dice/3d/axis=(1,2)", "dice", bin3, sig3, params={"axis": [1, 2]},
          sample_weight=[1.0, 0.0], note="axis given as a tuple")
    # When batch == time, (N,) weights broadcast along time instead of failing.
    sq_t, sq_p = t3[:, :2, :], p3[:, :2, :]
    c.add("mean_squared_error/3d_square/w=N", "mean_squared_error", sq_t, sq_p,
          sample_weight=[1.0, 0.0], reduction="none",
          note="batch = time = 2: (N,) weights multiply the time axis, not the samples")


def keras_float64_cases(c):
    for loss, (yt, yp) in BASE.items():
        c.add(f"{loss}/float64", loss, yt, yp,
              sample_weight=weights_for(len(yt))["w=vec"], dtype="float64",
              labels=loss in LABEL_LOSSES, note=note_for(loss))
    c.add("binary_crossentropy/from_logits/float64", "binary_crossentropy",
          [[0.0, 1.0], [1.0, 0.0]], [[0.4, -0.4], [2.2, 0.85]], params={"from_logits": True},
          dtype="float64", reduction="none")
    c.add("categorical_crossentropy/label_smoothing/float64", "categorical_crossentropy",
          *BASE["categorical_crossentropy"], params={"label_smoothing": 0.1}, dtype="float64",
          reduction="none")
    c.add("huber/delta/float64", "huber", *BASE["huber"], params={"delta": 0.5},
          dtype="float64", reduction="none")
    c.add("sparse_categorical_crossentropy/ignore_class=2/float64",
          "sparse_categorical_crossentropy", [1, 2, 2], BASE["sparse_categorical_crossentropy"][1],
          params={"ignore_class": 2}, dtype="float64", labels=True, compare=True)


def keras_float64_mean_cases(c):
    """float64 where Keras secretly computes in float32 (issue 10): ops.mean averages in float32,
    left to right, times the float32 reciprocal of the count; CTC runs in float32 throughout."""
    yt, yp = [[0.4, -1.0, 1.4]], [[0.0, 0.0, 1.0]]
    for loss in ("mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
                 "mean_squared_logarithmic_error", "huber", "log_cosh", "hinge", "squared_hinge"):
        c.add(f"{loss}/float64/float32_mean", loss, yt, yp, dtype="float64", reduction="none",
              note="ops.mean of float64 terms in float32: 0.44 becomes 0.4399999976158142")
    c.add("mean_squared_error/float64/float32_mean/long_row", "mean_squared_error",
          [[0.1 * k for k in range(40)]], [[0.0] * 40], dtype="float64",
          sample_weight=[0.5], note="40 terms: XLA sums two halves of 20")
    c.add("ctc/float64/float32_inside", "ctc", [[1, 2]],
          [[[0.5, 1.0, 0.1], [0.2, 0.3, 1.2], [0.9, 0.1, 0.4]]], dtype="float64",
          reduction="none", labels=True, note=CTC_NOTE + "; float64 computed in float32")


def keras_nd_overlap_cases(c):
    """Dice and Tversky on 4-D and 5-D masks (batch, height, width, channels[, depth])."""
    rng = np.random.default_rng(10)
    mask4 = (rng.random((2, 3, 3, 2)) > 0.5).astype(float)
    pred4 = np.round(rng.random((2, 3, 3, 2)), 2)
    mask5 = (rng.random((2, 2, 2, 3, 2)) > 0.5).astype(float)
    pred5 = np.round(rng.random((2, 2, 2, 3, 2)), 2)
    for loss in ("dice", "tversky"):
        c.add(f"{loss}/4d/axis=None", loss, mask4, pred4)
        c.add(f"{loss}/4d/axis=(1,2,3)", loss, mask4, pred4, params={"axis": [1, 2, 3]},
              sample_weight=[1.0, 0.5], note="one loss per sample")
        c.add(f"{loss}/4d/axis=(1,2)", loss, mask4, pred4, params={"axis": [1, 2]},
              reduction="none", note="one loss per sample and channel")
        c.add(f"{loss}/5d/axis=(1,2,3,4)", loss, mask5, pred5, params={"axis": [1, 2, 3, 4]},
              sample_weight=[2.0, 1.0], reduction=MWS)
        c.add(f"{loss}/5d/axis=None", loss, mask5, pred5, reduction="none")
    c.add("tversky/4d/alpha=0.7/axis=(1,2,3)", "tversky", mask4, pred4,
          params={"alpha": 0.7, "beta": 0.3, "axis": [1, 2, 3]}, reduction="none")
    c.add("dice/4d/axis=(1,2,3)/float64", "dice", mask4, pred4, params={"axis": [1, 2, 3]},
          dtype="float64", reduction="none")
    c.add("tversky/keras_docs/axis=None", "tversky",
          [[[[1.0], [1.0]], [[0.0], [0.0]]], [[[1.0], [1.0]], [[0.0], [0.0]]]],
          [[[[0.0], [1.0]], [[0.0], [1.0]]], [[[0.4], [0.0]], [[0.0], [0.9]]]],
          reduction="none", note="the Dice docs example, for Tversky")
    c.add("tversky/keras_docs/axis=(1,2,3)", "tversky",
          [[[[1.0], [1.0]], [[0.0], [0.0]]], [[[1.0], [1.0]], [[0.0], [0.0]]]],
          [[[[0.0], [1.0]], [[0.0], [1.0]]], [[[0.4], [0.0]], [[0.0], [0.9]]]],
          params={"axis": [1, 2, 3]}, reduction="none")


def keras_cases():
    c = Cases()
    keras_seed_cases(c)
    keras_docs_cases(c)
    for loss, (yt, yp) in BASE.items():
        suite(c, loss, yt, yp)
    keras_param_cases(c)
    keras_edge_cases(c)
    keras_float64_cases(c)
    # Added later; appended so the earlier cases keep their place in keras.json.
    keras_float64_mean_cases(c)
    keras_nd_overlap_cases(c)
    keras_gradient_cases(c)
    keras_silent_cases(c)
    return c.cases


SILENT_PREFIX = "silent/"

BROADCASTING = ["mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
                "mean_squared_logarithmic_error", "huber", "log_cosh",
                "categorical_focal_crossentropy", "kl_divergence", "poisson", "hinge",
                "squared_hinge", "categorical_hinge", "cosine_similarity", "dice", "tversky"]


def keras_silent_cases(c):
    """Input Keras takes without a word where Loss Lab refuses (issue 10): (N, 1) targets
    broadcast against (N, C) predictions, labels outside 0..C-1. Loss Lab's refusal quotes
    Keras' value; tests/losses/test_goldens.py checks it against these."""
    s = SILENT_PREFIX
    yt, yp = [[1.0], [0.0], [2.0]], [[0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.25, 0.25, 0.5]]
    for loss in BROADCASTING:
        c.add(f"{s}{loss}/broadcast_N1", loss, yt, yp, sample_weight=[1.0, 0.0, 2.5],
              note="y_true (N, 1) against y_pred (N, C): broadcast silently")
    for loss in ("binary_crossentropy", "binary_focal_crossentropy", "categorical_crossentropy"):
        c.add(f"{s}{loss}/broadcast_N1/keras_refuses", loss, yt, yp,
              note="y_true (N, 1) against y_pred (N, C): Keras' jax backend itself refuses")
    c.add(s + "mean_squared_error/broadcast_N1/none", "mean_squared_error", yt, yp,
          reduction="none", note="y_true (N, 1) against y_pred (N, C): broadcast silently")
    c.add(s + "mean_squared_error/broadcast_row", "mean_squared_error", [0.0, 1.0, 2.0], yp,
          note="y_true (N,) with N = C against y_pred (N, C): one row of targets for every sample")
    c.add(s + "hinge/broadcast_pred_N1", "hinge", [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]],
          [[0.3], [-0.4]], note="y_pred (N, 1) against y_true (N, C)")
    c.add(s + "categorical_focal_crossentropy/broadcast_N1/smoothing", "categorical_focal_crossentropy",
          yt, yp, params={"label_smoothing": 0.2}, reduction="none",
          note="label smoothing counts the classes of y_true (N, 1), one")
    sp = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1]]
    c.add(s + "sparse_categorical_crossentropy/label_out_of_range/weighted",
          "sparse_categorical_crossentropy", [3, 1, 0], sp, labels=True,
          sample_weight=[1.0, 0.0, 2.5], note="label 3 of 3 classes: one_hot gives zeros")
    c.add(s + "sparse_categorical_crossentropy/label_out_of_range/logits",
          "sparse_categorical_crossentropy", [1, 5, 0], sp, labels=True,
          params={"from_logits": True}, reduction="sum", note="label 5 of 3 classes")
    c.add(s + "sparse_categorical_crossentropy/label_out_of_range/ignore_class",
          "sparse_categorical_crossentropy", [3, -1, 0], sp, labels=True,
          params={"ignore_class": -1}, reduction="none", note="label 3 of 3 classes; -1 ignored")
    for label in (3, -1):
        c.add(f"{s}categorical_generalized_cross_entropy/label={label}",
              "categorical_generalized_cross_entropy", [label, 1, 0], sp, labels=True,
              reduction="none", note=f"label {label} of 3 classes: p_y = 0, loss 1/q")
    ctc_pred = [[[0.5, 1.0, 0.1], [0.2, 0.3, 2.0], [1.0, 0.0, 0.0], [0.0, 0.5, 1.5]],
                [[2.0, 1.0, 0.1], [0.2, 3.0, 0.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.5]]]
    c.add(s + "ctc/label=C", "ctc", [[1, 3], [2, 0]], ctc_pred, labels=True, reduction="none",
          note=CTC_NOTE + "; label 3 of 3 classes: one_hot gives zeros, log p = 0")
    c.add(s + "ctc/label=C/negative", "ctc", [[3, 3], [3, 0]],
          [[[0.0, 0.0, 0.0]] * 4, [[5.0, 0.0, 0.0]] * 4], labels=True, reduction="none",
          note=CTC_NOTE + "; label 3 of 3 classes, emitted for free: the loss goes below 0")
    c.add(s + "ctc/label=-1", "ctc", [[1, -1], [2, 1]], ctc_pred, labels=True,
          sample_weight=[1.0, 2.0], note=CTC_NOTE + "; label -1: one_hot gives zeros")


def keras_gradient_cases(c):
    """Where the gradient surprises: clips, kinks, ties, zero weights, logits (issue 11)."""
    g = "gradient/"
    c.add(g + "cce/true_class_at_0", "categorical_crossentropy", [[0, 1, 0]], [[0.5, 0.0, 0.5]],
          note="the clip at 1e-7 stops the gradient: the most wrong prediction learns nothing")
    c.add(g + "cce/logits", "categorical_crossentropy", [[0, 1, 0], [1, 0, 0]],
          [[2.0, 1.0, 0.1], [0.5, 0.5, -1.0]], {"from_logits": True},
          note="softmax minus one-hot, over N")
    c.add(g + "cce/unnormalised", "categorical_crossentropy", [[0, 1, 0]], [[1.0, 2.0, 1.0]])
    c.add(g + "scce/clip", "sparse_categorical_crossentropy", [1, 0], [[0.3, 0.0, 0.7], [1.0, 0.0, 0.0]],
          labels=True)
    c.add(g + "bce/p=0,1", "binary_crossentropy", [[1, 0, 1, 0]], [[0.0, 1.0, 1.0, 0.0]])
    c.add(g + "bce/logits", "binary_crossentropy", [[1, 0, 1]], [[2.0, -1.0, 0.0]],
          {"from_logits": True})
    c.add(g + "hinge/margin=1", "hinge", [[1, 0], [1, 0]], [[1.0, -1.0], [2.0, 0.5]],
          note="a margin of exactly 1 is a kink of max(0, 1 - m)")
    c.add(g + "hinge/zero_weight", "hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]],
          sample_weight=[1, 0], note="a zero weight: no gradient, but still counted in N")
    c.add(g + "hinge/zero_weight/mws", "hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]],
          sample_weight=[1, 0], reduction=MWS)
    c.add(g + "squared_hinge/margin=1", "squared_hinge", [[1, 0]], [[1.0, 0.3]])
    c.add(g + "categorical_hinge/tie", "categorical_hinge", [[0, 1, 0]], [[0.7, 0.2, 0.7]],
          note="two classes tie for the largest wrong score")
    c.add(g + "categorical_hinge/inactive", "categorical_hinge", [[0, 1, 0]], [[0.1, 2.0, 0.3]])
    c.add(g + "mae/zero_error", "mean_absolute_error", [[1.0, 2.0]], [[1.0, 2.5]],
          note="|e| at e = 0")
    c.add(g + "mse/sum", "mean_squared_error", [[1.0, 2.0], [0.0, 0.0]], [[0.5, 2.5], [1.0, -1.0]],
          reduction="sum")
    c.add(g + "huber/at_delta", "huber", [[0.0, 0.0]], [[1.0, 0.5]], {"delta": 1.0})
    c.add(g + "msle/negative", "mean_squared_logarithmic_error", [[1.0, 2.0]], [[-0.5, 3.0]],
          note="y_pred below 1e-7 is clipped: no gradient")
    c.add(g + "mape/zero_target", "mean_absolute_percentage_error", [[0.0, 2.0]], [[0.5, 1.0]])
    c.add(g + "kld/zero_true", "kl_divergence", [[0.0, 1.0]], [[0.3, 0.7]])
    c.add(g + "poisson/zero_pred", "poisson", [[1.0, 2.0]], [[0.0, 1.0]])
    c.add(g + "cosine/zero_vector", "cosine_similarity", [[0.0, 0.0], [1.0, 1.0]],
          [[1.0, 2.0], [0.0, 0.0]], note="a zero vector's norm is clipped")
    c.add(g + "focal/true_class_at_0", "categorical_focal_crossentropy", [[0, 1, 0]],
          [[0.5, 0.0, 0.5]])
    c.add(g + "binary_focal/p=0,1", "binary_focal_crossentropy", [[1, 0]], [[0.0, 1.0]])


def keras_worker(cases):
    """Evaluate cases with the Keras loss classes; KERAS_BACKEND is already set."""
    import keras

    def call(case, reduction, sample_weight):
        dtype = case["dtype"]
        params = dict(case["params"])
        if isinstance(params.get("axis"), list):
            params["axis"] = tuple(params["axis"])
        loss = getattr(keras.losses, KERAS_CLASSES[case["loss"]])(
            reduction=reduction, dtype=dtype, **params)
        shapes = case["shapes"]
        y_true = np.asarray(case["y_true"], dtype=case["y_true_dtype"]).reshape(shapes["y_true"])
        y_pred = np.asarray(case["y_pred"], dtype=dtype).reshape(shapes["y_pred"])
        if sample_weight is not None and not isinstance(sample_weight, (int, float)):
            sample_weight = np.asarray(sample_weight, dtype=dtype).reshape(
                shapes["sample_weight"])
        return np.asarray(loss(y_true, y_pred, sample_weight=sample_weight)).tolist()

    def gradient(case):
        """jax.grad of the case's loss with respect to y_pred; of the sum for reduction "none"."""
        import jax

        dtype = case["dtype"]
        params = dict(case["params"])
        if isinstance(params.get("axis"), list):
            params["axis"] = tuple(params["axis"])
        loss = getattr(keras.losses, KERAS_CLASSES[case["loss"]])(
            reduction=case["reduction"], dtype=dtype, **params)
        shapes = case["shapes"]
        y_true = np.asarray(case["y_true"], dtype=case["y_true_dtype"]).reshape(shapes["y_true"])
        y_pred = np.asarray(case["y_pred"], dtype=dtype).reshape(shapes["y_pred"])
        sample_weight = case["sample_weight"]
        if sample_weight is not None and not isinstance(sample_weight, (int, float)):
            sample_weight = np.asarray(sample_weight, dtype=dtype).reshape(
                shapes["sample_weight"])

        def value(prediction):
            return jax.numpy.sum(loss(y_true, prediction, sample_weight=sample_weight))

        return np.asarray(jax.grad(value)(jax.numpy.asarray(y_pred))).tolist()

    results = []
    for case in cases:
        out = {"per_sample": None, "weighted": None, "value": None, "error": None,
               "gradient": None}
        try:
            out["per_sample"] = call(case, "none", None)
            if case["sample_weight"] is not None:
                out["weighted"] = call(case, "none", case["sample_weight"])
            out["value"] = call(case, case["reduction"], case["sample_weight"])
        except Exception as e:  # noqa: BLE001 - Keras' own error is the golden
            message = str(e).strip().splitlines()[0] if str(e).strip() else ""
            out = {"per_sample": None, "weighted": None, "value": None,
                   "error": f"{type(e).__name__}: {message}", "gradient": None}
        if out["error"] is None:
            try:
                out["gradient"] = gradient(case)
            except Exception as e:  # noqa: BLE001 - recorded, so a test can say why
                out["gradient_error"] = f"{type(e).__name__}: {str(e).strip()[:200]}"
        results.append(out)
    import jax
    versions = {"keras": keras.__version__, "backend": keras.backend.backend(),
                "jax": jax.__version__, "jax_enable_x64": bool(jax.config.jax_enable_x64),
                "numpy": np.__version__, "python": platform.python_version()}
    return {"versions": versions, "results": results}


def keras_main(out_path):
    cases = keras_cases()
    f32 = [i for i, c in enumerate(cases) if c["dtype"] == "float32"]
    f64 = [i for i, c in enumerate(cases) if c["dtype"] == "float64"]
    jax32 = run_worker("keras", [cases[i] for i in f32],
                       {"KERAS_BACKEND": "jax", "JAX_ENABLE_X64": "0"})
    jax64 = run_worker("keras", [cases[i] for i in f64],
                       {"KERAS_BACKEND": "jax", "JAX_ENABLE_X64": "1"})
    ref = [None] * len(cases)
    for i, r in zip(f32, jax32["results"]):
        ref[i] = r
    for i, r in zip(f64, jax64["results"]):
        ref[i] = r
    numpy_run = run_worker("keras", cases, {"KERAS_BACKEND": "numpy"})

    out_cases, differences = [], []
    for case, r, other in zip(cases, ref, numpy_run["results"]):
        if case["dtype"] == "float64":
            case["note"] = "; ".join(filter(None, [
                case["note"], "computed with JAX_ENABLE_X64=1 (without it jax computes in "
                "float32); Keras still promotes float64 to float32 inside ops.mean"]))
        public = {k: v for k, v in case.items() if k != "compare_backends"}
        out_cases.append({**public, **r})
        same = agree(r, other)
        if case["compare_backends"] or not same:
            differences.append({
                "id": case["id"], "loss": case["loss"], "params": case["params"],
                "y_true": case["y_true"], "y_pred": case["y_pred"],
                "sample_weight": case["sample_weight"], "reduction": case["reduction"],
                "dtype": case["dtype"], "agree": same, "jax": r, "numpy": other})

    v = jax32["versions"]
    generator = {"keras": v["keras"], "backend": v["backend"], "jax": v["jax"],
                 "numpy": v["numpy"], "python": v["python"], "command": COMMAND,
                 "float64_cases": "jax with JAX_ENABLE_X64=1",
                 "backend_differences": (
                     "every case is also run with KERAS_BACKEND=numpy; listed if it "
                     "disagrees with jax (rtol 1e-5, atol 1e-6, or only one raised) "
                     "or was picked as suspect (agree=true then)")}
    write_json(out_path, generator, out_cases, differences)
    print(f"wrote {len(out_cases)} cases, {sum(not d['agree'] for d in differences)} "
          f"backend disagreements to {out_path}")



# Shared by every framework section.

WORKERS = {"keras": keras_worker, "torch": torch_worker}


def run_worker(framework, cases, env):
    """Run `cases` in a fresh interpreter with `env` added to the environment."""
    with tempfile.TemporaryDirectory() as tmp:
        cases_path, out_path = Path(tmp, "cases.json"), Path(tmp, "out.json")
        cases_path.write_text(json.dumps(cases))
        subprocess.run(
            [sys.executable, __file__, "--framework", framework,
             "--worker", str(cases_path), str(out_path)],
            env={**os.environ, **env}, check=True, cwd=ROOT)
        return json.loads(out_path.read_text())


def close(a, b, rtol=1e-5, atol=1e-6):
    if a is None or b is None:
        return a is None and b is None
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def agree(ref, other):
    if (ref["error"] is None) != (other["error"] is None):
        return False
    return all(close(ref[k], other[k]) for k in ("per_sample", "weighted", "value"))


def write_json(path, generator, cases, differences):
    """One case per line: small diffs when goldens change; NaN/Infinity allowed."""
    def lines(items):
        return ",\n".join("  " + json.dumps(item) for item in items)

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "{\n"
        f'"generator": {json.dumps(generator, indent=1)},\n'
        f'"cases": [\n{lines(cases)}\n],\n'
        f'"backend_differences": [\n{lines(differences)}\n]\n'
        "}\n")


FRAMEWORKS = {"keras": keras_main, "torch": torch_main}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", choices=sorted(FRAMEWORKS), default="keras")
    parser.add_argument("--out", type=Path, help="default: tests/goldens/<framework>.json")
    parser.add_argument("--worker", nargs=2, metavar=("CASES", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        # The backend must be chosen before keras is first imported.
        os.environ.setdefault("KERAS_BACKEND", "jax")
        cases_path, out_path = map(Path, args.worker)
        result = WORKERS[args.framework](json.loads(cases_path.read_text()))
        out_path.write_text(json.dumps(result))
        return

    os.environ["KERAS_BACKEND"] = "jax"
    FRAMEWORKS[args.framework](
        (args.out or ROOT / "tests" / "goldens" / f"{args.framework}.json").resolve())


if __name__ == "__main__":
    main()
