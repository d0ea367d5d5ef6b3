"""The explainer in a real browser: what only Chromium shows (KaTeX, Plotly, the layout)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from losses.catalog import CATALOGS
from tests.e2e.harness import wait_for_app, wait_for_rendering

pytestmark = pytest.mark.e2e


def type_into(page, key: str, text: str) -> None:
    """Replace a text area's contents and commit them (Ctrl+Enter), as a learner does."""
    area = page.locator(f".st-key-explainer-{key} textarea")
    area.fill(text)
    area.press("Control+Enter")
    wait_for_app(page)


def test_seed_hinge_example_explained(page, goto, artifacts_dir):
    goto(page, "/")
    # Start from something else, then type Keras' Hinge example by hand.
    type_into(page, "y_pred", "[[0.9, 0.1], [0.2, 0.3]]")
    type_into(page, "y_true", "[[0, 1], [0, 0]]")
    type_into(page, "y_pred", "[[0.6, 0.4], [0.4, 0.6]]")
    wait_for_rendering(page)

    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    # By hand: terms 1.6, 0.6 / 1.4, 1.6; per sample (1.6 + 0.6) / 2 = 1.1 and
    # (1.4 + 1.6) / 2 = 1.5; batch (1.1 + 1.5) / 2 = 1.3 (Keras' Hinge docs).
    arithmetic = page.get_by_test_id("stCode").all_inner_texts()
    assert any("(1.6 + 0.6) / 2 = 1.1" in text for text in arithmetic)
    assert any("(1.4 + 1.6) / 2 = 1.5" in text for text in arithmetic)
    assert any("(1.1 + 1.5) / 2 = 1.3" in text for text in arithmetic)
    main = page.get_by_test_id("stMain").inner_text()
    for number in ("1.6", "0.6", "1.4", "1.1", "1.5", "1.3"):
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", main), number

    # KaTeX drew the formulas with the learner's numbers.
    katex = page.locator(".katex")
    expect(katex.first).to_be_visible()
    assert katex.count() >= 5
    assert any("1.6" in text for text in katex.all_inner_texts())

    # The learner's points on the loss curve (ui/charts.py draws it with Plotly), in their view.
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(0)
    page.locator(".st-key-explainer_views").get_by_role("tab", name="On the curve").click()
    wait_for_app(page)
    chart = page.get_by_test_id("stPlotlyChart")
    chart.first.scroll_into_view_if_needed()
    expect(chart.first.locator(".main-svg").first).to_be_attached(timeout=30_000)

    page.get_by_test_id("stMain").evaluate("el => el.scrollTo(0, 0)")
    page.screenshot(path=artifacts_dir / "explainer-hinge-1280x800.png")


def test_bad_input_is_explained_beside_it(page, goto, artifacts_dir):
    goto(page, "/")
    type_into(page, "y_pred", "[[0.6, 0.4], [0.4 abc]]")

    expect(page.get_by_test_id("stException")).to_have_count(0)
    errors = page.get_by_test_id("stAlertContentError")
    expect(errors.first).to_contain_text('y_pred, line 1, column 19: "abc" is not a number')
    expect(page.get_by_test_id("stMetricValue")).to_have_count(0)
    # Still usable: fixing the input brings the result back.
    type_into(page, "y_pred", "[[0.6, 0.4], [0.4, 0.6]]")
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")


def test_projector_size(browser, app_server, artifacts_dir):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US")
    page = context.new_page()
    try:
        from tests.e2e.harness import goto

        goto(page, app_server, "/")
        wait_for_rendering(page)
        expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
        page.screenshot(path=artifacts_dir / "explainer-hinge-1920x1080.png")
    finally:
        context.close()


def edit_cell(page, grid, row: int, x_fraction: float, value: str) -> None:
    """Open a data editor cell (canvas-drawn: found by position), type over it, commit."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    row_px = 35  # Streamlit's default row height; the header is one row
    x, y = box["x"] + box["width"] * x_fraction, box["y"] + row_px * (row + 1) + row_px / 2
    editor = page.locator("#portal input, #portal textarea")
    for _ in range(5):  # a grid redrawn by the previous rerun can swallow the first click
        page.mouse.dblclick(x, y)
        try:
            editor.first.wait_for(state="visible", timeout=1_000)
            break
        except Exception:
            page.wait_for_timeout(300)
    editor.first.fill(value)
    editor.first.press("Enter")
    wait_for_app(page)


def test_grid_edits_rewrite_the_text(page, goto):
    goto(page, "/")
    type_into(page, "y_pred", "[[0.6, 0.4], [0.4, 0.6]]")
    page.get_by_role("tab", name="Grid").click()
    wait_for_app(page)
    # The editor's key changes with the text (ui/inputs.py), so find it by its prefix.
    y_pred_grid = page.locator("[class*='st-key-explainer-grid-y_pred-']")
    edit_cell(page, y_pred_grid, row=0, x_fraction=0.85, value="0.9")
    # A second edit in the same grid must apply to the numbers it now shows.
    edit_cell(page, y_pred_grid, row=1, x_fraction=0.5, value="0.1")

    page.get_by_role("tab", name="Type").click()
    expect(page.locator(".st-key-explainer-y_pred textarea")).to_have_value("[[0.6, 0.9], [0.1, 0.6]]")
    # By hand: terms (1.6, 0.1) and (1.1, 1.6); per sample 0.85 and 1.35; batch 1.1.
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.1")


def test_lesson_survives_a_visit_to_another_page(page, goto):
    goto(page, "/")
    type_into(page, "y_pred", "[[0.6, 0.4], [0.4, 0.9]]")
    # By hand: sample 1 has terms 1.4 and 1 + 0.9 = 1.9, so 1.65; (1.1 + 1.65) / 2 = 1.375.
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.375")
    nav = page.locator(".st-key-nav")
    nav.get_by_role("link", name="Curves").click()
    wait_for_app(page)
    nav.get_by_role("link", name="Explainer").click()
    wait_for_app(page)
    # Streamlit dropped the explainer's widget values while the other page ran; the lesson
    # (ui/lesson.py) brought them back.
    expect(page.locator(".st-key-explainer-y_pred textarea")).to_have_value("[[0.6, 0.4], [0.4, 0.9]]")
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.375")


def test_a_pending_edit_greys_out_the_old_numbers(page, goto):
    goto(page, "/")
    type_into(page, "y_pred", "[[0.6, 0.4], [0.4, 0.6]]")
    metric = page.get_by_test_id("stMetric")
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    assert float(metric.evaluate("el => getComputedStyle(el).opacity")) == 1
    # Typed but not applied: the numbers on the right are still the old ones, and say so.
    area = page.locator(".st-key-explainer-y_pred textarea")
    area.fill("[[0.6, 0.9], [0.4, 0.6]]")
    page.wait_for_timeout(400)  # the opacity transition
    assert float(metric.evaluate("el => getComputedStyle(el).opacity")) < 0.5
    banner = page.locator(".stApp").evaluate("el => getComputedStyle(el, '::after').content")
    assert "Ctrl+Enter" in banner
    # Applied: the new value, at full strength. By hand: terms (1.6, 0.1) and (1.4, 1.6), per
    # sample 0.85 and 1.5, batch (0.85 + 1.5) / 2 = 1.175, shown as 1.175.
    area.press("Control+Enter")
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.175")
    page.wait_for_timeout(400)
    assert float(metric.evaluate("el => getComputedStyle(el).opacity")) == 1


def test_the_share_box_copy_button_shows_without_hovering(page, goto):
    # The share box says "copy it with the button in the box's corner": on a touch screen or a
    # projector nobody hovers, so the button is visible from the start.
    goto(page, "/")
    page.get_by_text("Share this lesson").click()
    # Two links in the box: the lesson, and the lesson opening in presentation mode.
    buttons = page.get_by_test_id("stPopoverBody").get_by_role("button", name="Copy to clipboard")
    expect(buttons.first).to_be_attached()
    page.mouse.move(2, 2)  # nowhere near the code boxes
    page.wait_for_timeout(300)
    assert buttons.count() == 2
    for i in range(2):
        assert buttons.nth(i).evaluate("el => getComputedStyle(el).visibility") == "visible"


def test_a_tablet_width_stacks_the_inputs_above_the_result(page, goto):
    # At 768 px the loss picker gets the whole width, so "Categorical focal cross-entropy" is
    # not cut short, and the value's caption does not break inside "sum_over_batch_size".
    page.set_viewport_size({"width": 768, "height": 1000})
    goto(page, "/?loss=categorical_focal_crossentropy")
    picker = page.get_by_test_id("stSelectbox").first
    metric = page.get_by_test_id("stMetric")
    assert picker.bounding_box()["width"] > 600
    assert metric.bounding_box()["y"] > picker.bounding_box()["y"]


def test_a_step_of_learning_in_the_browser_then_reset(page, goto):
    # Keras' hinge docs batch: 1.3; one step at eta = 0.1 gives 1.275 (tests/app/test_learning.py,
    # by hand), and Reset brings back 1.3 and the typed y_pred.
    goto(page, "/?loss=hinge")
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    # The learning view is the third tab; a new visit opens the steps and draws only them.
    expect(page.get_by_role("button", name="Take a step")).to_have_count(0)
    page.get_by_role("tab", name="Learning").click()
    wait_for_app(page)
    assert "tab=learn" in page.url
    page.get_by_role("button", name="Take a step").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.275")
    assert "steps=1" in page.url
    page.get_by_role("button", name="Reset", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    expect(page.locator(".st-key-explainer-y_pred textarea")).to_have_value("[[0.6, 0.4], [0.4, 0.6]]")


def test_the_open_view_survives_a_language_switch_a_page_visit_and_an_edit(page, goto):
    # A class on the gradient view: the teacher switches to Chinese, visits the curves and comes
    # back; the gradient view stays open, labelled in Chinese, and an edit still updates it.
    goto(page, "/?loss=hinge")
    views = page.locator(".st-key-explainer_views")
    views.get_by_role("tab", name="Gradient").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="What the model learns")).to_be_visible()
    expect(page.get_by_role("heading", name="How the number is made")).to_have_count(0)
    page.get_by_test_id("stSidebar").get_by_text("中文", exact=True).click()
    wait_for_app(page)
    expect(views.get_by_role("tab", name="梯度")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("heading", name=CATALOGS["zh"]["grad.header"])).to_be_visible()
    nav = page.locator(".st-key-nav")
    nav.get_by_role("link", name="曲线").click()
    wait_for_app(page)
    nav.get_by_role("link", name="讲解").click()
    wait_for_app(page)
    expect(views.get_by_role("tab", name="梯度")).to_have_attribute("aria-selected", "true")
    assert "tab=gradient" in page.url
    type_into(page, "y_pred", "[[0.6, 0.4], [0.4, 0.5]]")
    # By hand: sample 1's terms become 1.4 and 1.5, its loss 1.45; (1.1 + 1.45) / 2 = 1.275.
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.275")
    expect(page.get_by_role("heading", name=CATALOGS["zh"]["grad.header"])).to_be_visible()
    # Back to the steps: their tables are drawn now, for the edited numbers.
    views.get_by_role("tab", name="逐步计算").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=CATALOGS["zh"]["trace.header"])).to_be_visible()
    assert "tab=" not in page.url


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)])
def test_the_four_views_fit_their_column_in_both_languages(browser, app_server, width, height):
    # Streamlit scrolls a tab bar that overflows, hiding the last view behind an arrow: at a
    # laptop's width the labels drop their icons so all four show (ui/trace_view.py's CSS).
    from tests.e2e.harness import goto

    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        for lang in ("en", "zh"):
            goto(page, app_server, f"/?loss=hinge&lang={lang}")
            wait_for_rendering(page)
            bar = page.locator(".st-key-explainer_views [role='tablist']").first
            tabs = page.locator(".st-key-explainer_views [data-testid='stTab']")
            expect(tabs).to_have_count(4)
            right = bar.evaluate("el => el.getBoundingClientRect().right")
            last = tabs.last.evaluate("el => el.getBoundingClientRect().right")
            assert last <= right + 1, (lang, width, last, right)
            assert bar.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), (lang, width)
    finally:
        page.close()
