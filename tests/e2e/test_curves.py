"""The curves page in Chromium: the Plotly chart draws, the slope panel and the overlay switch,
and the explainer's numbers reach the curve as points."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import wait_for_app, wait_for_rendering

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stPlotlyChart']"


def plot_areas(page) -> int:
    """Plotly draws one <g class="subplot ..."> per x/y pair, and one more ("subplot xyz2")
    for traces raised by zorder, such as the learner's points: those are not panels."""
    classes = page.locator(f"{CHART} g.cartesianlayer > g.subplot").evaluate_all(
        "groups => groups.map((g) => g.getAttribute('class'))")
    return sum(1 for c in classes if re.fullmatch(r"subplot x\d*y\d*", c))


def legend_names(page) -> list[str]:
    return page.locator(f"{CHART} g.legend text.legendtext").evaluate_all(
        "texts => texts.map((text) => text.textContent)"
    )


def test_curves_page_draws_a_plotly_chart(page, goto, artifacts_dir):
    # Huber on its own (a view that is not the lesson's loss).
    goto(page, "/Curves?view=huber")
    wait_for_rendering(page)

    expect(page.get_by_role("heading", name="Loss curves")).to_be_visible()
    expect(page.locator(f"{CHART} .main-svg").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert plot_areas(page) == 1
    # Huber for δ = 0.5, 1 and 2.
    assert legend_names(page) == ["Huber δ = 0.5", "Huber δ = 1", "Huber δ = 2"]
    page.screenshot(path=artifacts_dir / "curves-huber-1280x800.png")
    # Plotly's own toolbar saves the figure as a PNG (issue 5's figure export).
    page.locator(f"{CHART} .main-svg").first.hover()
    camera = page.locator(f"{CHART} .modebar-btn[data-title='Download plot as a PNG']").first
    expect(camera).to_be_attached()
    with page.expect_download() as download:
        camera.click()
    assert download.value.suggested_filename == "losslab-huber.png"


def test_slope_toggle_adds_the_derivative_panel(page, goto):
    goto(page, "/Curves?loss=hinge")
    wait_for_rendering(page)
    assert plot_areas(page) == 1

    page.locator(".st-key-curves-slope label").click()
    wait_for_app(page)
    wait_for_rendering(page)
    assert plot_areas(page) == 2
    expect(page.locator(CHART).get_by_text("Slope  d loss / dx")).to_be_visible()


def test_compare_mode_overlays_four_losses(page, goto, artifacts_dir):
    goto(page, "/Curves?overlay=regression")
    wait_for_rendering(page)
    assert legend_names(page) == ["Mean squared error", "Mean absolute error", "Huber δ = 1", "Log-cosh"]
    page.screenshot(path=artifacts_dir / "curves-overlay-regression-1280x800.png")


def test_explainer_numbers_appear_on_the_curve(page, goto, artifacts_dir):
    # The explainer opens on its seed hinge example and publishes it as the lesson; following
    # the sidebar link keeps the same session, so the curves page sees it.
    goto(page, "/")
    page.locator(".st-key-nav").get_by_role("link", name="Curves").click()
    wait_for_app(page)
    wait_for_rendering(page)

    assert legend_names(page) == ["0-1 loss (reference)", "Hinge", "Your elements (4)"]
    markers = page.locator(f"{CHART} g.trace.scatter g.points path.point")
    # The seed's four elements at margins -0.6, 0.4, -0.4, -0.6: three markers, the one at
    # -0.6 holding elements [0, 0] and [1, 1] and saying so.
    assert markers.count() == 3
    labels = page.locator(f"{CHART} g.trace.scatter g.textpoint text").all_text_contents()
    assert sorted(labels) == ["0,0 · 1,1", "0,1", "1,0"]
    expect(page.locator(f"{CHART} g.annotation").filter(has_text="×2")).to_be_visible()
    expect(page.get_by_text("your numbers from the explainer")).to_be_visible()
    page.screenshot(path=artifacts_dir / "curves-lesson-hinge-1280x800.png", full_page=True)
    # Hovering the shared marker names both elements.
    markers.first.hover(force=True)
    hover = page.locator(f"{CHART} g.hoverlayer")
    expect(hover).to_contain_text("2 elements here")
    expect(hover).to_contain_text("sample 1, j=1: y_true = 0, y_pred = 0.6")


def test_a_pytorch_lesson_draws_its_loss_with_its_samples(page, goto, artifacts_dir):
    # CrossEntropyLoss' own example (two samples) as the lesson: the page follows PyTorch.
    goto(page, "/Curves?framework=pytorch&loss=CrossEntropyLoss&slope=1")
    wait_for_rendering(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert legend_names(page) == ["CrossEntropyLoss", "Your samples (2)"]
    assert plot_areas(page) == 2, "the slope panel: the engine's gradient along the curve"
    page.screenshot(path=artifacts_dir / "curves-pytorch-cross-entropy-1280x800.png")
