"""The Keras vs PyTorch page's ready-made comparisons (presets): lesson content, each built to
show one difference, with its label and prose as messages (``compare.preset.<id>.label`` /
``.help`` in the catalogs). The numbers a preset's prose quotes are computed by
``losses.compare.compare`` on the preset's own lesson.

The machinery (``Pair``, ``Lesson``, ``compare``, ...) is ``losses.compare``'s and is
re-exported here, so a page needs one import: ``from ui.content import compare``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from losses.compare import (  # noqa: F401  (re-exported for the comparison page)
    CONVERSION,
    DIFFERENCE,
    KERAS_TO_TORCH_REDUCTION,
    PAIRS,
    PAIRS_BY_ID,
    SHARED_PARAMS,
    Comparison,
    Difference,
    Lesson,
    Pair,
    compare,
    keras_params,
    pair,
    pair_for_keras,
    torch_inputs,
)
from losses.messages import Message


@dataclass(frozen=True)
class Preset:
    """A ready lesson that shows one difference; its label and prose are
    ``compare.preset.<id>.label`` and ``.help``."""

    id: str
    lesson: Lesson

    @property
    def label(self) -> Message:
        return Message(f"compare.preset.{self.id}.label")

    @property
    def help(self) -> Message:
        """What to notice, with the numbers of this preset's comparison."""
        return preset_help(self.id)


SEED_ONE_HOT = [[0, 1, 0], [0, 0, 1]]
SEED_PRED = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
KL_TRUE = [[0.2, 0.8], [0.5, 0.5]]
KL_PRED = [[0.4, 0.6], [0.9, 0.1]]

PRESETS: tuple[Preset, ...] = (
    Preset("logits", Lesson("cce", SEED_ONE_HOT, SEED_PRED, "none", "none")),
    Preset("mean", Lesson("kld", KL_TRUE, KL_PRED, translate=True)),
    Preset("clip", Lesson("bce", [[1], [0], [1], [0]], [[0], [1], [1], [0]])),
    Preset("kl_log", Lesson("kld", KL_TRUE, KL_PRED, torch_reduction="batchmean")),
    Preset("class_weight", Lesson("sparse_cce", [1, 2], SEED_PRED, keras_params={"from_logits": True},
                                  class_weight=(1.0, 2.0, 3.0))),
    Preset("similar_names", Lesson("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])),
    Preset("poisson", Lesson("poisson", [[0, 1], [0, 0]], [[1, 1], [1, 0]])),
)
PRESETS_BY_ID = {preset.id: preset for preset in PRESETS}


def _values(value) -> list[float]:
    return [float(v) for v in np.ravel(value)]


@lru_cache(maxsize=None)
def preset_help(preset_id: str) -> Message:
    """``compare.preset.<id>.help`` with the numbers its comparison computes."""
    preset = PRESETS_BY_ID[preset_id]
    key = f"compare.preset.{preset_id}.help"
    if preset_id not in ("logits", "mean", "class_weight", "similar_names"):
        return Message(key)
    comparison = compare(preset.lesson)
    keras, torch = comparison.keras, comparison.torch
    if preset_id == "logits":
        params = {"torch_values": _values(torch.value), "keras_values": _values(keras.value)}
    elif preset_id == "class_weight":
        weights = comparison.keras_sample_weight
        params = {"weights": list(preset.lesson.class_weight), "weight_sum": float(np.sum(weights)),
                  "count": int(np.size(weights))}
    else:
        params = {"torch_value": float(torch.value), "keras_value": float(keras.value)}
        if preset_id == "mean":
            y_pred = np.asarray(keras.y_pred)
            params.update(count=int(y_pred.size), batch=int(y_pred.shape[0]))
    return Message(key, params)
