"""The tutorial in Chromium: opened from a link in each language, walked with Next from the first
chapter to the last, every chapter's title seen and no error on the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from losses.catalog import CATALOGS
from tests.e2e.harness import wait_for_app
from ui.content import tutorial

pytestmark = pytest.mark.e2e

ERRORS = "[data-testid='stException'], [data-testid='stAppErrorContainer'], .stAppErrorContainer"


def no_error(page) -> None:
    expect(page.locator(ERRORS)).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_text("This app has encountered an error")).to_have_count(0)


@pytest.mark.parametrize("lang", ("en", "zh"))
def test_walk_the_tutorial_to_its_end(page, goto, lang):
    text = CATALOGS[lang]
    goto(page, "/Tutorial" + ("?lang=zh" if lang == "zh" else ""))
    expect(page.get_by_role("heading", name=text["tutorial.title"])).to_be_visible()
    for number, chapter in enumerate(tutorial.IDS, start=1):
        expect(page.get_by_role("heading", name=text[f"tutorial.{chapter}.title"], exact=True)).to_be_visible()
        # The live example's number (KaTeX derivation beside it) and no error anywhere.
        expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
        no_error(page)
        assert f"chapter={chapter}" in page.url
        if number < len(tutorial.IDS):
            page.locator(".st-key-tutorial-next button").click()
            wait_for_app(page)
    expect(page.locator(".st-key-tutorial-next button")).to_be_disabled()
    expect(page.get_by_text(text["tutorial.end"])).to_be_visible()
    # Every chapter but the last is ticked in the table of contents.
    ticked = page.locator(".st-key-tutorial_toc button").all_inner_texts()
    assert sum("✓" in label for label in ticked) == len(tutorial.IDS) - 1, ticked
