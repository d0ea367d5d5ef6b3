"""One lesson on every page, in either language (issue 9): the classroom's round trips in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import wait_for_app

pytestmark = pytest.mark.e2e

# Streamlit's full-page "This app has encountered an error" and an in-page exception.
ERRORS = "[data-testid='stException'], [data-testid='stAppErrorContainer'], .stAppErrorContainer"


def no_error(page) -> None:
    expect(page.locator(ERRORS)).to_have_count(0)
    expect(page.get_by_text("This app has encountered an error")).to_have_count(0)


def test_switch_to_chinese_then_edit_y_pred_does_not_crash(page, goto):
    # The crash of issue 9: the loss picker's callback got the display label 'Margin · Hinge'.
    goto(page, "/")
    page.get_by_test_id("stSidebar").get_by_text("中文").click()
    wait_for_app(page)
    area = page.locator(".st-key-explainer-y_pred textarea")
    area.fill("[[0.6, 0.4], [0.4, 0.5]]")
    area.press("Control+Enter")
    wait_for_app(page)
    no_error(page)
    # Keras hinge, labels 0/1 -> -1/1: row 0 (1.6 + 0.6) / 2 = 1.1, row 1 (1.4 + 1.5) / 2 = 1.45;
    # the mean (1.1 + 1.45) / 2 = 1.275, shown to 4 digits.
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.275")
