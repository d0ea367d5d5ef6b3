"""Inputs that make the engine write (nearly) every step title, note and error it has.

tests/app/test_i18n.py checks each sentence they produce against the text tables.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator

import numpy as np

import losses
from ui.content import compare as lc

BAD_TEXT = (
    "", "[[1, 2], [3]]", "[[1, 2], [3, 4]", "]", "[1, 2]]", "1; 2", "(1, 2)", "{1}", "'1'", "1/2",
    "1_000", "٣", "abc", "nan", "1e309", "[[[[1]]]]", "[1, [2]]", "1 2\n[3]", "[]", "[1,, 2]",
    "[1] 2", "1 − 2", "1\u00a02", "[[[1], [2]], [[3]]]", "[1, 2] [3]", "[[1], [2, 3]]",
    "[[[1], [2]], [[3], [4], [5]]]", "1 @ 2", "1 " * 60_000, " ".join(["1"] * 10_001),
)


def _cases(name: str, framework: str) -> Iterator[dict[str, Any]]:
    spec = losses.spec(name, framework)
    example = spec.example
    base = {"y_true": example["y_true"], "y_pred": example["y_pred"],
            "params": dict(example.get("params", {}))}
    if "reduction" in example:
        base["reduction"] = example["reduction"]
    yield base
    for param in spec.params:
        if param.kind == "bool":
            yield {**base, "params": {**base["params"], param.name: not param.default}}
    for reduction in (spec.reductions or losses.REDUCTIONS):
        yield {**base, "reduction": reduction}
    if framework == "keras":
        n = int(np.shape(example["y_pred"])[0])
        yield {**base, "sample_weight": [0.0] + [1.0] * (n - 1)}
        yield {**base, "sample_weight": [0.0] + [1.0] * (n - 1), "reduction": "mean"}
        yield {**base, "sample_weight": 2.0, "reduction": "mean_with_sample_weight"}


EXTRA: tuple[tuple[str, str, dict[str, Any]], ...] = (
    # gradients (issue 11): kinks, clips, caps, ties, satisfied margins, NaN gradients.
    ("keras", "mean_absolute_error", {"y_true": [[1.0, 2.0]], "y_pred": [[1.0, 2.5]]}),
    ("keras", "mean_squared_logarithmic_error", {"y_true": [[1.0, 2.0]], "y_pred": [[-0.5, 3.0]]}),
    ("keras", "huber", {"y_true": [[0.0, 0.0]], "y_pred": [[3.0, 0.5]]}),
    ("keras", "hinge", {"y_true": [[1, 0], [1, 0]], "y_pred": [[1.0, -1.0], [2.0, 0.5]]}),
    ("keras", "categorical_hinge", {"y_true": [[0, 1, 0]], "y_pred": [[0.7, 0.2, 0.7]]}),
    ("keras", "categorical_hinge", {"y_true": [[0, 1, 0]], "y_pred": [[0.1, 2.0, 0.3]]}),
    ("keras", "mean_squared_error", {"y_true": [[-3e38, 2.0]], "y_pred": [[3e38, 1.0]],
                                                 "reduction": "sum"}),
    # Targets that are not one-hot: a row with no true class, rows summing to 2.
    ("keras", "categorical_crossentropy", {"y_true": [[0, 1], [0, 0]], "y_pred": [[0.6, 0.4], [0.4, 0.6]]}),
    ("keras", "categorical_crossentropy", {"y_true": [[0, 2], [1, 1]], "y_pred": [[0.6, 0.4], [0.4, 0.6]]}),
    # float64 that Keras averages in float32, and CTC that it computes in float32 throughout.
    ("keras", "mean_squared_error", {"y_true": [[0.4, -1.0, 1.4]], "y_pred": [[0.0, 0.0, 1.0]],
                                     "dtype": "float64"}),
    ("keras", "ctc", {"y_true": [[1, 2]], "y_pred": [[[0.5, 1.0, 0.1], [0.2, 0.3, 1.2], [0.9, 0.1, 0.4]]],
                      "dtype": "float64"}),
    ("keras", "hinge", {"y_true": [[0, 1], [0, -1]], "y_pred": [[0.6, 0.4], [0.4, 0.6]]}),
    ("keras", "hinge", {"y_true": [[1, 0.5]], "y_pred": [[0.6, 0.4]]}),
    ("keras", "huber", {"y_true": [[0.0, 5.0]], "y_pred": [[1.0, 0.0]]}),
    ("keras", "mean_squared_error", {"y_true": [[0.0, 5.0], [1.0, 1.0]], "y_pred": [[1.0, 0.0], [1.0, 1.0]],
                                     "sample_weight": [[1.0, 0.5], [1.0, 0.5]]}),
    ("keras", "mean_squared_error", {"y_true": [[0.0, 5.0]], "y_pred": [[1.0, 0.0]]}),
    ("keras", "mean_squared_error", {"y_true": np.zeros((2, 2, 2)), "y_pred": np.ones((2, 2, 2)),
                                     "sample_weight": [1.0, 0.5]}),
    ("keras", "mean_squared_error", {"y_true": np.zeros((0, 2)), "y_pred": np.zeros((0, 2))}),
    ("keras", "mean_squared_error", {"y_true": np.zeros((0, 2)), "y_pred": np.zeros((0, 2)),
                                     "reduction": "none"}),
    ("keras", "categorical_crossentropy", {"y_true": [[1, 0, 0]], "y_pred": [[0.0, 0.5, 0.5]],
                                           "dtype": "float64"}),
    ("keras", "sparse_categorical_crossentropy", {"y_true": [0], "y_pred": [[0.2, 0.7, 0.1]],
                                                  "params": {"ignore_class": 0}}),
    ("pytorch", "MSELoss", {"y_true": np.zeros((0, 2)), "y_pred": np.zeros((0, 2))}),
    ("pytorch", "MSELoss", {"y_true": np.zeros((0, 2)), "y_pred": np.zeros((0, 2)), "reduction": "sum"}),
    ("pytorch", "BCELoss", {"y_true": [[1.0, 0.0]], "y_pred": [[0.4, 0.6]], "params": {"weight": [1.0, 2.0]}}),
    ("pytorch", "BCEWithLogitsLoss", {"y_true": [[1.0, 0.0]], "y_pred": [[0.4, 0.6]],
                                      "params": {"pos_weight": [2.0, 1.0]}}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [[0.0, 1.0]], "y_pred": [[0.2, 0.8]],
                                     "params": {"label_smoothing": 0.1}}),
    ("keras", "mean_absolute_percentage_error", {"y_true": [[0.0, 1.0]], "y_pred": [[1.0, 1.0]]}),
    # similarity gradients: a zero and a too-short prediction vector; a mask with no true pixel.
    ("keras", "cosine_similarity", {"y_true": [[1.0, 1.0], [1.0, 0.0]], "y_pred": [[0.0, 0.0], [1e-8, 0.0]]}),
    ("keras", "dice", {"y_true": [[0.0, 0.0], [1.0, 0.0]], "y_pred": [[0.3, 0.5], [0.8, 0.1]],
                       "params": {"axis": 1}}),
    ("keras", "tversky", {"y_true": [[0.0, 0.0]], "y_pred": [[0.3, 0.5]]}),
    # circle: duplicate unit embeddings (s = 1 exactly) and longer ones (s > 1) on the distance floor.
    ("keras", "circle", {"y_true": [0, 0, 1, 1], "y_pred": [[1.0, 0.0], [1.0, 0.0], [0.6, 0.8], [0.8, 0.6]],
                         "params": {"gamma": 10.0}}),
    # ctc: the label 1 1 needs 3 steps (a blank between the repeats); there are 2.
    ("keras", "ctc", {"y_true": [[1, 1]], "y_pred": [[[0.5, 1.0, 0.1], [0.2, 0.3, 1.2]]]}),
    ("keras", "circle", {"y_true": [0, 0, 1], "y_pred": [[2.0, 0.0], [2.0, 0.0], [0.0, 1.0]]}),
    ("keras", "mean_absolute_percentage_error", {"y_true": [[0.0, 0.0]], "y_pred": [[1.0, 1.0]]}),
    ("keras", "mean_squared_logarithmic_error", {"y_true": [[-1.0, 1.0]], "y_pred": [[1.0, 1.0]]}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.0, 1.0]]}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.0, 0.5]]}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.0, 1.0]], "dtype": "float64"}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.0, 0.5]], "dtype": "float64"}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[-30.0, 30.0]],
                                      "params": {"from_logits": True}}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[-30.0, 0.0]],
                                      "params": {"from_logits": True}}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.5, 0.5]],
                                      "params": {"label_smoothing": 0.2}}),
    ("keras", "binary_focal_crossentropy", {"y_true": [[1, 0]], "y_pred": [[-30.0, 30.0]],
                                            "params": {"from_logits": True}}),
    ("keras", "binary_focal_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.4, 0.6]],
                                            "params": {"apply_class_balancing": True}}),
    ("keras", "categorical_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.0, 1.0]]}),
    ("keras", "categorical_crossentropy", {"y_true": [[1, 0], [0, 1]], "y_pred": [[0.0, 1.0], [0.0, 1.0]]}),
    ("keras", "categorical_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.0, 1.0]], "dtype": "float64"}),
    ("keras", "categorical_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.0, 1.0]], "dtype": "float64"}),
    ("keras", "categorical_crossentropy", {"y_true": [[0, 1, 0]], "y_pred": [[1, 2, 1]]}),
    ("keras", "categorical_crossentropy", {"y_true": [[0, 1, 0], [1, 0, 0]], "y_pred": [[1, 2, 1], [2, 1, 1]]}),
    ("keras", "categorical_crossentropy", {"y_true": [[0, 1]], "y_pred": [[0.0, 0.0]]}),
    ("keras", "categorical_crossentropy", {"y_true": [[1], [1]], "y_pred": [[0.5], [0.5]]}),
    ("keras", "categorical_crossentropy", {"y_true": [[0, 1, 0]], "y_pred": [[0.2, 0.7, 0.1]],
                                           "params": {"label_smoothing": 0.1}}),
    ("keras", "categorical_crossentropy", {"y_true": [[0, 1], [1, 0], [0, 1]], "y_pred": [[0.2, 0.8], [0.7, 0.3], [0.5, 0.5]],
                                           "params": {"label_smoothing": 0.1, "axis": 0}}),
    ("keras", "sparse_categorical_crossentropy", {"y_true": [1, 2], "y_pred": [[0.2, 0.7, 0.1], [0.2, 0.7, 0.1]],
                                                  "params": {"ignore_class": 2}}),
    ("keras", "sparse_categorical_crossentropy", {"y_true": [1, 2, 2], "y_pred": [[0.2, 0.7, 0.1]] * 3,
                                                  "params": {"ignore_class": 2}}),
    ("keras", "categorical_generalized_cross_entropy", {"y_true": [[0], [1], [0]], "y_pred": [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4]]}),
    ("keras", "categorical_generalized_cross_entropy", {"y_true": [0, 1], "y_pred": [[4, 0], [0.2, 0.1]]}),
    ("keras", "kl_divergence", {"y_true": [[0.0, 1.0]], "y_pred": [[0.5, 0.5]]}),
    ("keras", "kl_divergence", {"y_true": [[0.0, 1.0]], "y_pred": [[0.0, 1.0]]}),
    ("keras", "poisson", {"y_true": [[1.0, 1.0]], "y_pred": [[0.0, 1.0]]}),
    ("keras", "poisson", {"y_true": [[1.0, 1.0]], "y_pred": [[0.0, 0.0]]}),
    ("keras", "cosine_similarity", {"y_true": [[0.0, 0.0], [1.0, 0.0]], "y_pred": [[1.0, 0.0], [0.0, 0.0]]}),
    ("keras", "cosine_similarity", {"y_true": [[1e-9, 0.0]], "y_pred": [[1.0, 0.0]]}),
    ("keras", "dice", {"y_true": [[0.0, 0.0]], "y_pred": [[0.0, 0.0]], "params": {"axis": 1}}),
    ("keras", "dice", {"y_true": [[[1.0, 0.0]]], "y_pred": [[[1.0, 0.0]]], "params": {"axis": (1, 2)}}),
    ("keras", "tversky", {"y_true": [[0.0, 0.0]], "y_pred": [[0.0, 0.0]], "params": {"axis": 1}}),
    ("keras", "circle", {"y_true": [1, 1, 2], "y_pred": [[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]]}),
    ("keras", "circle", {"y_true": [1, 1], "y_pred": [[1.0, 0.0], [0.0, 1.0]]}),
    ("keras", "circle", {"y_true": [1, 2], "y_pred": [[2.0, 0.0], [0.0, 1.0]]}),
    ("keras", "ctc", {"y_true": [[1, 1, 1]], "y_pred": [[[0.0, 1.0], [0.0, 1.0]]]}),
    ("keras", "ctc", {"y_true": [[0, 1]], "y_pred": [[[0.0, 1.0], [0.0, 1.0]]]}),
    ("keras", "ctc", {"y_true": [[1]], "y_pred": [[[0.5, 0.5], [0.5, 0.5]]]}),
    ("pytorch", "BCELoss", {"y_true": [[1.0, 0.0]], "y_pred": [[0.0, 0.0]]}),
    ("pytorch", "HuberLoss", {"y_true": [[0.0, 5.0]], "y_pred": [[1.0, 0.0]]}),
    ("pytorch", "SmoothL1Loss", {"y_true": [[0.0, 5.0]], "y_pred": [[1.0, 0.0]], "params": {"beta": 0.0}}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [1, 0], "y_pred": [[0.2, 0.8], [0.6, 0.4]]}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [1, 0], "y_pred": [[0.2, 0.8], [0.6, 0.4]],
                                     "params": {"label_smoothing": 0.1}}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [1, 0], "y_pred": [[0.2, 0.8], [0.6, 0.4]],
                                     "params": {"weight": [1.0, 2.0]}}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [1, -100], "y_pred": [[0.2, 0.8], [0.6, 0.4]]}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [-100], "y_pred": [[0.2, 0.8]]}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [[0.0, 1.0]], "y_pred": [[0.2, 0.8]]}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [[0.0, 1.0]], "y_pred": [[0.2, 0.8]],
                                     "params": {"weight": [1.0, 2.0]}}),
    ("pytorch", "NLLLoss", {"y_true": [1, 0], "y_pred": [[0.2, 0.8], [0.6, 0.4]]}),
    ("pytorch", "NLLLoss", {"y_true": [1, 0], "y_pred": [[-1.0, -0.5], [-0.5, -1.0]],
                            "params": {"weight": [1.0, 2.0]}}),
    ("pytorch", "KLDivLoss", {"y_true": [[0.2, 0.8]], "y_pred": [[0.4, 0.6]]}),
    ("pytorch", "PoissonNLLLoss", {"y_true": [[0.0, 3.0]], "y_pred": [[1.0, 1.0]],
                                   "params": {"full": True}}),
    ("pytorch", "HingeEmbeddingLoss", {"y_true": [[1.0, 0.0]], "y_pred": [[0.3, 0.4]]}),
    ("pytorch", "CosineEmbeddingLoss", {"y_true": [1, 0], "y_pred": [[[1.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 0.5]]]}),
    ("pytorch", "SoftMarginLoss", {"y_true": [[-1.0]], "y_pred": [[100.0]]}),
    ("pytorch", "MultiMarginLoss", {"y_true": [3], "y_pred": [[0.1, 0.2, 0.4, 0.8]], "params": {"p": 2}}),
    ("pytorch", "MultiMarginLoss", {"y_true": [3], "y_pred": [[0.1, 0.2, 0.4, 0.8]],
                                    "params": {"weight": [1.0, 1.0, 1.0, 2.0]}}),
    ("pytorch", "MultiMarginLoss", {"y_true": [3], "y_pred": [[0.1, 0.2, 0.4, 0.8]],
                                    "params": {"p": 2, "weight": [1.0, 1.0, 1.0, 2.0]}}),
    # PyTorch gradients (issue 11): a zero error, SmoothL1's cap, BCELoss' 1e-12 floor.
    ("pytorch", "L1Loss", {"y_true": [[1.0, 2.0]], "y_pred": [[1.0, 2.5]]}),
    ("pytorch", "SmoothL1Loss", {"y_true": [[0.0, 0.0]], "y_pred": [[0.5, 2.0]]}),
    ("pytorch", "BCELoss", {"y_true": [[1.0, 0.0]], "y_pred": [[0.0, 0.5]]}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [1, -100], "y_pred": [[1.0, 2.0, 0.0], [0.0, 1.0, 2.0]]}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [1, 0], "y_pred": [[1.0, 2.0, 0.0], [0.0, 1.0, 2.0]],
                                     "params": {"label_smoothing": 0.1}}),
    ("pytorch", "HingeEmbeddingLoss", {"y_true": [[-1.0, -1.0, 1.0]], "y_pred": [[1.0, 2.0, 0.5]]}),
    ("pytorch", "MultiMarginLoss", {"y_true": [0], "y_pred": [[1.0, 0.0, -1.0]]}),
    ("pytorch", "PoissonNLLLoss", {"y_true": [[0.0, 3.0]], "y_pred": [[1.0, 1.0]], "params": {"full": True}}),
)

BAD_CALLS: tuple[tuple[str, Any, dict[str, Any]], ...] = (
    ("keras", "circle", {"y_true": np.arange(5_000) % 3, "y_pred": np.zeros((5_000, 1))}),
    ("keras", "hinge", {"y_true": [[1]], "y_pred": [[1]], "digits": 0}),
    ("keras", "mean_squared_error", {"y_true": [[], []], "y_pred": [[], []]}),
    ("keras", ["hinge"], {"y_true": [[1]], "y_pred": [[1]]}),
    ("keras", "no_such_loss", {"y_true": [[1]], "y_pred": [[1]]}),
    ("tensorflow", "hinge", {"y_true": [[1]], "y_pred": [[1]]}),
    ("keras", "categorical_focal_crossentropy", {"y_true": [[0, 1, 0]], "y_pred": [[0.2, 0.5, 0.3]],
                                                 "params": {"alpha": [0.1, 0.2]}}),
    ("keras", "mean_squared_error", {"y_true": [[1, 2]], "y_pred": [[1, 2, 3]]}),
    ("keras", "mean_squared_error", {"y_true": 1.0, "y_pred": 2.0}),
    ("keras", "mean_squared_error", {"y_true": [[1, 2], [3]], "y_pred": [[1, 2], [3, 4]]}),
    ("keras", "ctc", {"y_true": np.zeros((1, 0)), "y_pred": np.zeros((1, 0, 3))}),
    ("keras", "sparse_categorical_crossentropy", {"y_true": np.zeros((2, 3)), "y_pred": np.full((2, 3, 3), 0.3),
                                                  "params": {"axis": 0}}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [1], "y_pred": [[0.2, 0.8]], "params": {"weight": [1.0, True]}}),
    ("pytorch", "BCEWithLogitsLoss", {"y_true": [[1.0, 0.0]], "y_pred": [[0.4, 0.6]],
                                      "params": {"pos_weight": "1,2"}}),
    ("keras", "mean_squared_error", {"y_true": [[[[1.0]]]], "y_pred": [[[[1.0]]]]}),
    ("keras", "mean_squared_error", {"y_true": [[1.0, float("nan")]], "y_pred": [[1.0, 1.0]]}),
    ("keras", "mean_squared_error", {"y_true": [[1.0, 1.0]], "y_pred": [[1.0, 1e300]]}),
    ("keras", "mean_squared_error", {"y_true": [[1, 2]], "y_pred": [[1, 2]], "reduction": "avg"}),
    ("keras", "mean_squared_error", {"y_true": [[1, 2]], "y_pred": [[1, 2]], "dtype": "int8"}),
    ("keras", "mean_squared_error", {"y_true": [[1, 2]], "y_pred": [[1, 2]], "params": {"delta": 1.0}}),
    ("keras", "mean_squared_error", {"y_true": [[1, 2], [3, 4]], "y_pred": [[1, 2], [3, 4]],
                                     "sample_weight": [1, 2, 3]}),
    ("keras", "huber", {"y_true": [[1, 2]], "y_pred": [[1, 2]], "params": {"delta": -1.0}}),
    ("keras", "huber", {"y_true": [[1, 2]], "y_pred": [[1, 2]], "params": {"delta": "big"}}),
    ("keras", "huber", {"y_true": [[1, 2]], "y_pred": [[1, 2]], "params": {"delta": float("inf")}}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.5, 0.5]], "params": {"from_logits": 1}}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.5, 0.5]], "params": {"axis": 2}}),
    ("keras", "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0.5, 0.5]], "params": {"axis": 0.5}}),
    ("keras", "dice", {"y_true": [[[1.0]]], "y_pred": [[[1.0]]], "params": {"axis": (1, -2)}}),
    ("keras", "dice", {"y_true": [[[1.0]]], "y_pred": [[[1.0]]], "params": {"axis": [1, 0.5]}}),
    ("keras", "sparse_categorical_crossentropy", {"y_true": [3], "y_pred": [[0.2, 0.7, 0.1]]}),
    ("keras", "sparse_categorical_crossentropy", {"y_true": [[1, 2]], "y_pred": [[0.2, 0.7, 0.1]]}),
    ("keras", "sparse_categorical_crossentropy", {"y_true": [1], "y_pred": [[0.2, 0.7, 0.1]],
                                                  "params": {"ignore_class": 0.5}}),
    ("keras", "circle", {"y_true": [1, 2], "y_pred": [[1.0, 0.0]]}),
    ("keras", "circle", {"y_true": [1.5, 2], "y_pred": [[1.0, 0.0], [0.0, 1.0]]}),
    ("keras", "ctc", {"y_true": [[1, 2]], "y_pred": [[0.5, 0.5]]}),
    ("keras", "ctc", {"y_true": [[3]], "y_pred": [[[0.5, 0.5]]]}),
    # Refusals of what Keras computes silently (issue 10), and their plain forms.
    ("keras", "ctc", {"y_true": [[1.5]], "y_pred": [[[0.5, 0.5]]]}),
    ("keras", "sparse_categorical_crossentropy", {"y_true": [1.5], "y_pred": [[0.2, 0.7, 0.1]]}),
    ("keras", "mean_squared_error", {"y_true": [[1.0], [0.0]], "y_pred": [[0.2, 0.8], [0.6, 0.4]]}),
    ("keras", "mean_squared_error", {"y_true": [[1.0, 2.0]], "y_pred": [[0.2, 0.8, 0.1]]}),
    ("pytorch", "MSELoss", {"y_true": [[1, 2]], "y_pred": [[1, 2, 3]]}),
    ("pytorch", "MSELoss", {"y_true": [[1, 2]], "y_pred": [[1, 2]], "sample_weight": [1.0]}),
    ("pytorch", "BCELoss", {"y_true": [[1.0]], "y_pred": [[1.5]]}),
    ("pytorch", "BCELoss", {"y_true": [[-0.1]], "y_pred": [[0.5]]}),
    ("pytorch", "BCELoss", {"y_true": [[1.0, 0.0]], "y_pred": [[0.5, 0.5]], "params": {"weight": [1.0, 2.0, 3.0]}}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [5], "y_pred": [[0.2, 0.7, 0.1]]}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [1], "y_pred": [[0.2, 0.7, 0.1]], "params": {"weight": [1.0, 2.0]}}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [[1]], "y_pred": [[0.2, 0.7, 0.1]]}),
    ("pytorch", "NLLLoss", {"y_true": [[1]], "y_pred": [[0.2, 0.7, 0.1]]}),
    ("pytorch", "CrossEntropyLoss", {"y_true": [[0.0, 1.0, 0.0]], "y_pred": [[0.2, 0.7, 0.1]],
                                     "params": {"ignore_index": 1}}),
    ("pytorch", "MarginRankingLoss", {"y_true": [1, 1], "y_pred": [1.0, 2.0]}),
    ("pytorch", "CosineEmbeddingLoss", {"y_true": [1], "y_pred": [[1.0, 2.0]]}),
    ("pytorch", "MultiMarginLoss", {"y_true": [1], "y_pred": [1.0, 2.0]}),
    ("pytorch", "MultiMarginLoss", {"y_true": [[1]], "y_pred": [[[1.0, 2.0]]]}),
)


# Lessons the Keras vs PyTorch page refuses (losses/compare.py's own errors).
BAD_LESSONS: tuple[lc.Lesson, ...] = (
    lc.Lesson("categorical_hinge", [[0.5, 0.5]], [[0.2, 0.8]]),
    lc.Lesson("cosine", [1, 2], [1, 2]),
    lc.Lesson("mse", [[1.0]], [[1.0]], class_weight=(1.0,)),
    lc.Lesson("no_such_pair", [1], [1]),
    lc.Lesson("sparse_cce", [1], [[0.2, 0.8]], class_weight=(1.0, 2.0, 3.0)),
)


def lessons() -> Iterator[lc.Lesson]:
    """Every preset and every pair's own example, with the inputs translated or not, and each
    pair of reductions the page offers."""
    seeds = [p.lesson for p in lc.PRESETS]
    for pair in lc.PAIRS:
        example = losses.spec(pair.keras).example
        seeds.append(lc.Lesson(pair.id, example["y_true"], example["y_pred"]))
    # Soft targets: CrossEntropyLoss gets class probabilities instead of indices.
    seeds.append(lc.Lesson("cce", [[0.3, 0.7], [0.5, 0.5]], [[0.2, 0.8], [0.6, 0.4]]))
    for seed in seeds:
        torch_reductions = losses.spec(lc.PAIRS_BY_ID[seed.pair].torch, "pytorch").reductions
        for translate in (False, True):
            for keras_reduction in losses.REDUCTIONS:
                for torch_reduction in torch_reductions:
                    yield dataclasses.replace(seed, translate=translate, keras_reduction=keras_reduction,
                                              torch_reduction=torch_reduction)


def comparisons() -> Iterator[tuple[str, str, lc.Difference]]:
    """(label, table prefix, sentence) of every difference and conversion the lessons produce."""
    for lesson in lessons():
        try:
            comparison = lc.compare(lesson)
        except losses.LossInputError:
            continue
        for item in comparison.differences:
            yield repr(lesson), "compare.diff", item
        for item in comparison.conversions:
            yield repr(lesson), "compare.conv", item
        for item in comparison.gradient_differences:
            yield repr(lesson), "compare.grad", item


def _call(framework: str, name: str, case: dict[str, Any]) -> losses.Trace:
    kwargs: dict[str, Any] = {"framework": framework}
    for key in ("sample_weight", "reduction", "dtype", "digits"):
        if key in case:
            kwargs[key] = case[key]
    return losses.compute(name, case["y_true"], case["y_pred"], **kwargs, **case.get("params", {}))


def traces() -> Iterator[tuple[str, losses.Trace]]:
    """(label, trace) for every case that computes."""
    calls = [(fw, n, c) for fw in losses.FRAMEWORKS for n in losses.names(fw) for c in _cases(n, fw)]
    for framework, name, case in [*calls, *EXTRA]:
        try:
            yield f"{framework}:{name}:{case}", _call(framework, name, case)
        except losses.LossInputError:
            continue


def errors() -> Iterator[tuple[str, losses.LossInputError]]:
    """(label, error) for every bad input above and every bad text."""
    for framework, name, case in BAD_CALLS:
        try:
            _call(framework, name, case)
        except losses.LossInputError as error:
            yield f"{framework}:{name}:{case}", error
        else:
            raise AssertionError(f"{name} {case} raised nothing")
    for lesson in BAD_LESSONS:
        try:
            lc.compare(lesson)
        except losses.LossInputError as error:
            yield repr(lesson), error
        else:
            raise AssertionError(f"{lesson} raised nothing")
    for text in BAD_TEXT:
        try:
            losses.parse_array(text, argument="y_pred")
        except losses.LossInputError as error:
            yield repr(text), error
        else:
            raise AssertionError(f"{text!r} parsed")


def descent_messages() -> Iterator[tuple[str, "Message"]]:
    """The notes of a learning step (losses/descent.py): one that pushes probabilities past 1."""
    from losses import descent

    for framework, name, y_true, y_pred in (("keras", "binary_crossentropy", [[1.0]], [[0.01]]),
                                            ("pytorch", "BCELoss", [[1.0]], [[0.01]])):
        trace = losses.compute(name, y_true, y_pred, framework=framework)
        for rate in (1.0, 0.001):  # 0.01 + 100 -> past 1; 0.01 + 0.1 -> still inside
            note = descent.outside(trace, descent.step(trace, rate))
            if note is not None:
                yield f"descent:{framework}:{name}:{rate}", note
