"""The tutorial's chapters: lesson content, each a live example and the question asked about it.

Each chapter's prose is ``tutorial.<id>.*`` in the catalogs; the numbers it quotes are computed
here from the chapter's own example (``body_params``), never typed in. The page lets a learner
edit y_true and y_pred; the check question is asked of the edited numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import numpy as np

import losses
from losses.quiz import VALUE, Question, trace_of
from ui.content.quiz import HINGE_PRED, HINGE_TRUE, SEED_PROBS


@dataclass(frozen=True)
class Chapter:
    id: str
    loss: str
    y_true: str
    y_pred: str
    ask: str = VALUE
    framework: str = "keras"
    sample_weight: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    reduction: str | None = None

    def question(self, y_true: str | None = None, y_pred: str | None = None) -> Question:
        """The check question on the chapter's example, or on the learner's edit of it."""
        return Question(
            id="", loss=self.loss, y_true=self.y_true if y_true is None else y_true,
            y_pred=self.y_pred if y_pred is None else y_pred, ask=self.ask,
            framework=self.framework, sample_weight=self.sample_weight, params=dict(self.params),
            reduction=self.reduction,
        )


CCE_TRUE = "[[0, 1, 0], [0, 0, 1]]"
CHAPTERS: tuple[Chapter, ...] = (
    # Keras' Hinge docstring: per-sample 1.1 and 1.5, batch 1.3.
    Chapter("batch", "hinge", HINGE_TRUE, HINGE_PRED, ask="sample:1"),
    Chapter("regression", "mean_squared_error", "[[0.0, 1.0, 2.0], [1.0, 1.0, 1.0]]",
            "[[0.5, 1.0, 2.0], [1.0, 4.0, 1.0]]"),
    # Keras' CategoricalCrossentropy docstring: 0.0513 and 2.303.
    Chapter("cross_entropy", "categorical_crossentropy", CCE_TRUE, SEED_PROBS, ask="sample:1"),
    Chapter("hinge", "hinge", HINGE_TRUE, HINGE_PRED),
    # Keras' CosineSimilarity docstring, axis=1: -0, -0.9999, 0.9999.
    Chapter("cosine", "cosine_similarity", "[[0, 1], [1, 1], [1, 1]]", "[[1, 0], [1, 1], [-1, -1]]",
            ask="sample:2", params={"axis": 1}),
    Chapter("weights", "hinge", HINGE_TRUE, HINGE_PRED, sample_weight="[1, 0]"),
    Chapter("frameworks", "CrossEntropyLoss", "[1, 2]", SEED_PROBS, framework="pytorch"),
    # A confidently wrong first prediction (0.01 for a label of 1) beside a fair second one.
    Chapter("gradient", "binary_crossentropy", "[[1, 0]]", "[[0.01, 0.3]]", ask="gradient:0"),
)
BY_ID = {chapter.id: chapter for chapter in CHAPTERS}
IDS = tuple(BY_ID)

# The Keras loss each chapter's "see its curve" link shows (the curves page draws Keras losses).
CURVE_LOSS = {"frameworks": "categorical_crossentropy"}


def _per_sample(trace: losses.Trace) -> list[float]:
    return [float(v) for v in np.ravel(trace.per_sample)]


@cache  # eight fixed examples: computed once per process
def body_params(chapter_id: str) -> dict[str, Any]:
    """The numbers ``tutorial.<id>.body`` quotes, computed from the chapter's own example."""
    chapter = BY_ID[chapter_id]
    trace = trace_of(chapter.question())
    if chapter_id in ("batch", "hinge"):
        first, second = _per_sample(trace)
        return {"first": first, "second": second, "value": float(trace.value)}
    if chapter_id == "regression":
        mae = trace_of(replace(chapter.question(), loss="mean_absolute_error"))
        return {"mse": float(trace.value), "mae": float(mae.value)}
    if chapter_id == "cross_entropy":
        first, second = _per_sample(trace)
        return {"first": first, "second": second}
    if chapter_id == "cosine":
        return {"values": _per_sample(trace)}
    if chapter_id == "weights":
        weighted = trace_of(replace(chapter.question(), reduction="mean_with_sample_weight"))
        return {"value": float(trace.value), "weighted_mean": float(weighted.value)}
    if chapter_id == "gradient":
        hinge = trace_of(BY_ID["hinge"].question())
        wrong = {"y_true": "[[1]]", "y_pred": "[[0.01]]"}
        bce = trace_of(Question(id="", loss="binary_crossentropy", **wrong))
        mse = trace_of(Question(id="", loss="mean_squared_error", **wrong))
        clipped = trace_of(Question(id="", loss="categorical_crossentropy", y_true="[[1, 0]]",
                                    y_pred="[[0, 1]]"))
        bce_slope, mse_slope = float(bce.gradient.ravel()[0]), float(mse.gradient.ravel()[0])
        return {"hinge": [float(v) for v in np.ravel(hinge.gradient)], "bce": bce_slope,
                "mse": mse_slope, "ratio": bce_slope / mse_slope,
                # jax's -0 and 0 are the same push: the prose writes both as 0.
                "clipped": [float(v) + 0.0 for v in np.ravel(clipped.gradient)]}
    if chapter_id == "frameworks":
        keras = trace_of(Question(id="", loss="categorical_crossentropy", y_true=CCE_TRUE,
                                  y_pred=chapter.y_pred))
        return {"torch_values": _per_sample(trace), "keras_values": _per_sample(keras)}
    return {}
