"""The Keras vs PyTorch page in Chromium: a preset picked, both numbers shown, KaTeX drawn, and
the two step columns side by side at 1280 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import wait_for_app, wait_for_rendering

pytestmark = pytest.mark.e2e

PAGE = "/Keras_vs_PyTorch"


def test_preset_shows_both_numbers_and_formulas(page, goto, artifacts_dir):
    goto(page, PAGE)
    expect(page.get_by_role("heading", name="Keras vs PyTorch")).to_be_visible()

    page.locator(".st-key-compare-preset_pick").get_by_text("Clip vs clamp", exact=True).click()
    wait_for_app(page)
    wait_for_rendering(page)

    expect(page.get_by_test_id("stException")).to_have_count(0)
    # Keras (16.118 + 15.942 + 2 × 1.19e-7) / 4 = 8.015 (keras.json "binary_crossentropy/p=0,1/
    # float32"); PyTorch (100 + 100 + 0 + 0) / 4 = 50 (torch.json "BCELoss/p=0,1/mean").
    expect(page.get_by_test_id("stMetricValue")).to_have_text(["8.015", "50"])
    expect(page.get_by_text("a cap of 100").first).to_be_visible()

    katex = page.locator(".st-key-compare_steps .katex")
    expect(katex.first).to_be_visible()
    assert katex.count() >= 8
    # KaTeX drew the clamp with the learner's numbers, not raw LaTeX source.
    assert any("100" in text for text in katex.all_inner_texts())
    drawn = page.locator(".st-key-compare_steps .katex-html").all_inner_texts()
    assert drawn and not any("\\" in text for text in drawn)
    assert page.locator(".st-key-compare_steps .katex-error").count() == 0

    # The step lists sit side by side: the first PyTorch step starts right of the first Keras step.
    keras_box = page.locator(".st-key-compare_keras_step_1").bounding_box()
    torch_box = page.locator(".st-key-compare_torch_step_1").bounding_box()
    assert torch_box["x"] >= keras_box["x"] + keras_box["width"]
    assert abs(torch_box["y"] - keras_box["y"]) < 200

    page.screenshot(path=artifacts_dir / "compare-clip-1280x800.png")
