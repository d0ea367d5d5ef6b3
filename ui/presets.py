"""Ready-made lessons one click away: the seed examples and the surprising cases.

Each preset's label and its one-line lesson live in the i18n tables under
``preset.<id>.label`` and ``preset.<id>.help``. The numbers each one should produce are checked in
tests/app/test_explainer.py, with where they come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from ui import lesson
from ui.i18n import t

HINGE_TRUE = "[[0, 1], [0, 0]]"
HINGE_PRED = "[[0.6, 0.4], [0.4, 0.6]]"
CCE_PRED = "[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]"
SMALL_BATCH_TRUE = "[[1, 2], [3, 4]]"
SMALL_BATCH_PRED = "[[1.5, 2], [2, 7]]"


@dataclass(frozen=True)
class Preset:
    id: str
    group: str
    loss: str
    y_true: str
    y_pred: str
    sample_weight: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    reduction: str = "sum_over_batch_size"
    framework: str = "keras"
    learning_rate: float | None = None  # the explainer's "take a step" rate it sets, if any


PRESETS = (
    Preset("hinge", "seed", "hinge", HINGE_TRUE, HINGE_PRED),
    Preset("cce", "seed", "categorical_crossentropy", "[[0, 1, 0], [0, 0, 1]]", CCE_PRED),
    Preset("sparse_cce", "seed", "sparse_categorical_crossentropy", "[1, 2]", CCE_PRED),
    Preset("cosine", "seed", "cosine_similarity", "[[0, 1], [1, 1], [1, 1]]",
           "[[1, 0], [1, 1], [-1, -1]]", params={"axis": 1}),
    Preset("mse", "seed", "mean_squared_error", SMALL_BATCH_TRUE, SMALL_BATCH_PRED),
    Preset("mae", "seed", "mean_absolute_error", SMALL_BATCH_TRUE, SMALL_BATCH_PRED),
    Preset("confident_wrong", "surprise", "categorical_crossentropy", "[[1, 0]]", "[[0, 1]]"),
    Preset("hinge_minus_one", "surprise", "hinge", "[[0, 1], [0, -1]]", HINGE_PRED),
    Preset("zero_weight", "surprise", "hinge", HINGE_TRUE, HINGE_PRED, sample_weight="[1, 0]"),
    Preset("unnormalised", "surprise", "categorical_crossentropy", "[[0, 1, 0]]", "[[1, 2, 1]]"),
    # One confidently wrong prediction (0.01 for a label of 1) under two losses: MSE's gradient
    # 2 (0.01 - 1) = -1.98, cross-entropy's -1 / 0.01 = -100 (by hand); at eta = 0.005 one step
    # moves it 0.0099 and 0.5.
    Preset("learn_mse", "learning", "mean_squared_error", "[[1]]", "[[0.01]]", learning_rate=0.005),
    Preset("learn_bce", "learning", "binary_crossentropy", "[[1]]", "[[0.01]]", learning_rate=0.005),
    Preset("torch_ce_logits", "pytorch", "CrossEntropyLoss", "[1, 2]", CCE_PRED,
           reduction="mean", framework="pytorch"),
    Preset("torch_bce_clamp", "pytorch", "BCELoss", "[[1], [0], [1], [0]]", "[[0], [1], [1], [0]]",
           reduction="mean", framework="pytorch"),
    # ln 0.4, ln 0.6 / ln 0.9, ln 0.1: KLDivLoss takes log-probabilities.
    Preset("torch_kldiv_mean", "pytorch", "KLDivLoss", "[[0.2, 0.8], [0.5, 0.5]]",
           "[[-0.916291, -0.510826], [-0.105361, -2.302585]]", reduction="mean",
           framework="pytorch"),
)
BY_ID = {preset.id: preset for preset in PRESETS}
GROUPS = ("seed", "surprise", "learning", "pytorch")


def apply_preset(preset_id: str) -> None:
    preset = BY_ID[preset_id]
    lesson.load(
        preset.loss, preset.y_true, preset.y_pred, sample_weight=preset.sample_weight,
        params=preset.params, reduction=preset.reduction, framework=preset.framework,
    )
    lesson.forget_steps()
    if preset.learning_rate is not None:
        lesson.part("learn")["lr"] = preset.learning_rate
        lesson.open_tab("learn")  # a learning-speed preset is about the step it takes


def pills_key(group: str) -> str:
    return f"explainer.preset.{group}"


def _on_pick(group: str) -> None:
    key = pills_key(group)
    chosen = st.session_state.get(key)
    if chosen in BY_ID:
        apply_preset(chosen)
    # A preset is an action, not a lasting choice: once loaded, the inputs are the learner's.
    st.session_state[key] = None


def presets_ui() -> None:
    """Two rows of pills: worked examples and surprises; picking one loads it."""
    for group in GROUPS:
        options = [p.id for p in PRESETS if p.group == group]
        st.pills(
            t(f"presets.{group}"),
            options,
            format_func=lambda pid: t(f"preset.{pid}.label"),
            key=pills_key(group),
            on_change=_on_pick,
            args=(group,),
            help=t(f"presets.{group}.help"),
            width="stretch",
        )


def _matches(preset: Preset) -> bool:
    current = lesson.shared()
    return (
        current["framework"] == preset.framework
        and current["loss"] == preset.loss
        and current["y_true"] == preset.y_true
        and current["y_pred"] == preset.y_pred
        and current["sample_weight"] == preset.sample_weight
        and all(current["params"].get(k) == v for k, v in preset.params.items())
    )


def current_preset() -> Preset | None:
    """The preset whose numbers the lesson still holds, if any."""
    return next((preset for preset in PRESETS if _matches(preset)), None)


def notice_ui() -> None:
    """While the inputs are still a preset's, say what that preset is there to show."""
    preset = current_preset()
    if preset is not None:
        # The colon is part of the label: Chinese writes a full-width one.
        st.info(f"**{t('preset.notice')}** {t(f'preset.{preset.id}.help')}", icon=":material/visibility:")
