"""A lesson deck played in presentation mode in Chromium: built with the buttons, stepped through
with Next / Back and with a clicker's Page Down / Page Up, across the lessons' boundary.

Numbers by hand: hinge on Keras' docs example gives (1.1 + 1.5) / 2 = 1.3; MSE on
[[1, 2], [3, 4]] / [[1.5, 2], [2, 7]] gives ((0.25 + 0) / 2 + (1 + 9) / 2) / 2 = 2.5625.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import losses
from tests.e2e.harness import wait_for_app, wait_for_rendering
from ui import deck

pytestmark = pytest.mark.e2e

HINGE = {"loss": "hinge", "y_true": "[[0, 1], [0, 0]]", "y_pred": "[[0.6, 0.4], [0.4, 0.6]]"}
MSE = {"loss": "mean_squared_error", "y_true": "[[1, 2], [3, 4]]", "y_pred": "[[1.5, 2], [2, 7]]"}


def slides(lesson: dict) -> int:
    """Presentation mode's slides for a lesson: each step, the value, the gradient."""
    trace = losses.compute(lesson["loss"], losses.parse_array(lesson["y_true"]),
                           losses.parse_array(lesson["y_pred"]))
    return len(trace.steps) + 2


def deck_link(*lessons: dict) -> str:
    entries = [{"title": title, "lesson": {**lesson, "framework": "keras", "sample_weight": "",
                                          "reduction": "sum_over_batch_size", "dtype": "float32",
                                          "params": {}}}
               for title, lesson in lessons]
    return f"/?deck={deck.to_code(entries)}&present=1"


def click(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    wait_for_app(page)


def test_a_deck_built_with_the_buttons_plays_lesson_after_lesson(page, goto, artifacts_dir):
    goto(page, "/")  # Keras' Hinge example
    expect(page.locator(".st-key-deck_panel [data-testid='stFileUploader']")).to_have_count(0)
    click(page, "Add to deck")
    page.locator(".st-key-explainer-preset-seed").get_by_text("MSE, small batch", exact=True).click()
    wait_for_app(page)
    # The panel's tools are drawn only while it is open; the first lesson opened it.
    expect(page.locator(".st-key-deck_row_0 input")).to_have_value("Hinge")
    click(page, "Add to deck")
    expect(page.locator(".st-key-deck_row_0 input")).to_have_value("Hinge")
    expect(page.locator(".st-key-deck_row_1 input")).to_have_value("Mean squared error")
    # Rename the second and move it first.
    title = page.locator(".st-key-deck_row_1 input")
    title.fill("Squares")
    title.press("Enter")
    wait_for_app(page)
    page.locator(".st-key-deck-up-1 button").first.click()
    wait_for_app(page)
    expect(page.locator(".st-key-deck_row_0 input")).to_have_value("Squares")
    page.screenshot(path=artifacts_dir / "deck-panel-1280x800.png")

    click(page, "Present the deck")
    wait_for_rendering(page)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_role("heading", name="Squares")).to_be_visible()
    expect(page.get_by_text("Lesson 1 of 2")).to_be_visible()
    first = slides(MSE)
    for step in range(2, first + 1):
        click(page, "Next")
        expect(page.get_by_text(f"Step {step} of {first}")).to_be_visible()
    click(page, "Next")
    expect(page.get_by_role("heading", name="Hinge")).to_be_visible()
    expect(page.get_by_text("Lesson 2 of 2")).to_be_visible()
    expect(page.get_by_text(f"Step 1 of {slides(HINGE)}")).to_be_visible()
    click(page, "Back")
    expect(page.get_by_role("heading", name="Squares")).to_be_visible()
    expect(page.get_by_text(f"Step {first} of {first}")).to_be_visible()


def test_next_and_page_down_cross_from_one_lesson_to_the_next(page, goto, artifacts_dir):
    page.set_viewport_size({"width": 1920, "height": 1080})
    goto(page, deck_link(("Hinge, by hand", HINGE), ("Squares", MSE)))
    wait_for_rendering(page)
    expect(page.get_by_role("heading", name="Hinge, by hand")).to_be_visible()
    expect(page.get_by_text("Lesson 1 of 2")).to_be_visible()
    expect(page.get_by_role("button", name="Back")).to_be_disabled()
    first, second = slides(HINGE), slides(MSE)
    # Buttons through lesson 1: its value (1.3, Keras' Hinge docs), then its gradient slide.
    for step in range(2, first + 1):
        click(page, "Next")
        expect(page.get_by_text(f"Step {step} of {first}")).to_be_visible()
        if step == first - 1:
            expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    expect(page.get_by_role("heading", name="What the model learns")).to_be_visible()
    # Next on lesson 1's last slide opens lesson 2's first.
    click(page, "Next")
    expect(page.get_by_role("heading", name="Squares")).to_be_visible()
    expect(page.get_by_text("Lesson 2 of 2")).to_be_visible()
    expect(page.get_by_text(f"Step 1 of {second}")).to_be_visible()
    page.screenshot(path=artifacts_dir / "deck-lesson2-1920x1080.png")
    # A clicker's Page Up goes back over the boundary to lesson 1's last slide ...
    page.keyboard.press("PageUp")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Hinge, by hand")).to_be_visible()
    expect(page.get_by_text(f"Step {first} of {first}")).to_be_visible()
    # ... and Page Down walks all of lesson 2 to its value, 2.5625 (by hand, shown 2.562).
    for step in range(1, second + 1):
        page.keyboard.press("PageDown")
        wait_for_app(page)
        expect(page.get_by_text(f"Step {step} of {second}")).to_be_visible()
        if step == second - 1:
            expect(page.get_by_test_id("stMetricValue")).to_have_text("2.562")
    expect(page.get_by_role("heading", name="Squares")).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_be_disabled()
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
