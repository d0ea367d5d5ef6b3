"""The built-in lesson decks: ready-made sequences a teacher loads in one click.

Each deck is a tuple of ``Slide``s: the lesson as the explainer keeps it and its title as a
catalog key (the title is rendered in the page's language when the deck is loaded, then it is
the teacher's to edit). The lessons come from the tutorial's chapters and the explainer's
presets, so a number a deck shows is the one those pages are tested to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from losses.compute import DEFAULT_REDUCTIONS
from ui.arrays import format_array
from ui.content import compare, tutorial
from ui.presets import BY_ID as PRESETS, PRESETS as ALL_PRESETS


@dataclass(frozen=True)
class Slide:
    title_key: str
    framework: str
    loss: str
    y_true: str
    y_pred: str
    sample_weight: str = ""
    reduction: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def lesson(self) -> dict[str, Any]:
        """The lesson in the shape of ``ui.lesson.shared()`` (only the non-default parameters)."""
        return {"framework": self.framework, "loss": self.loss, "y_true": self.y_true,
                "y_pred": self.y_pred, "sample_weight": self.sample_weight,
                "reduction": self.reduction or DEFAULT_REDUCTIONS[self.framework],
                "dtype": "float32", "params": dict(self.params)}


def _chapter(chapter: tutorial.Chapter) -> Slide:
    return Slide(f"tutorial.{chapter.id}.title", chapter.framework, chapter.loss, chapter.y_true,
                 chapter.y_pred, chapter.sample_weight, chapter.reduction, dict(chapter.params))


def _preset(preset_id: str) -> Slide:
    preset = PRESETS[preset_id]
    return Slide(f"preset.{preset_id}.label", preset.framework, preset.loss, preset.y_true,
                 preset.y_pred, preset.sample_weight, preset.reduction, dict(preset.params))


def _keras_side(preset_id: str, title_key: str) -> Slide:
    """The Keras loss of a comparison preset's pair on the preset's own numbers."""
    lesson = compare.PRESETS_BY_ID[preset_id].lesson
    pair = compare.PAIRS_BY_ID[lesson.pair]
    return Slide(title_key, "keras", pair.keras, format_array(lesson.y_true),
                 format_array(lesson.y_pred),
                 reduction=lesson.keras_reduction, params={**pair.keras_params, **lesson.keras_params})


DECKS: dict[str, tuple[Slide, ...]] = {
    # The tutorial's examples, chapter by chapter.
    "tutorial": tuple(_chapter(chapter) for chapter in tutorial.CHAPTERS),
    # Clipping at 0, the hinge's 0/1 conversion, a zero weight still in the divisor, and
    # probabilities Keras renormalises.
    "surprises": tuple(_preset(p.id) for p in ALL_PRESETS if p.group == "surprise"),
    # Each PyTorch surprise right after the Keras loss of its pair on the same numbers.
    "frameworks": (
        replace(_preset("cce"), title_key="deck.builtin.keras_cce"),
        _preset("torch_ce_logits"),
        _keras_side("clip", "deck.builtin.keras_bce"),
        _preset("torch_bce_clamp"),
        _keras_side("mean", "deck.builtin.keras_kld"),
        _preset("torch_kldiv_mean"),
    ),
}
