"""Classroom features in a real browser: a shared link, the address bar, presentation mode."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import wait_for_app, wait_for_rendering

pytestmark = pytest.mark.e2e

HINGE_LINK = "/?loss=hinge&y_true=" + quote("[[0,1],[0,0]]") + "&y_pred=" + quote("[[0.6,0.4],[0.4,0.6]]")


def test_a_shared_link_reproduces_the_lesson(page, goto):
    # A teacher's link with a zero weight: Keras' default mean still divides by both samples,
    # (1.1 * 1 + 1.5 * 0) / 2 = 0.55 (per-sample hinge 1.1 and 1.5 from Keras' Hinge docs).
    goto(page, HINGE_LINK + "&sample_weight=" + quote("[1, 0]"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("0.55")
    expect(page.locator(".st-key-explainer-sample_weight textarea")).to_have_value("[1, 0]")

    # The link in the share box is the address of this lesson: opened again, the same number.
    page.get_by_role("button", name="Share this lesson").click()
    url = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode").first.inner_text().strip()
    assert parse_qs(urlsplit(url).query)["sample_weight"] == ["[1, 0]"]
    other = page.context.new_page()
    other.goto(url)
    wait_for_app(other)
    expect(other.get_by_test_id("stMetricValue")).to_have_text("0.55")
    other.close()


def test_editing_updates_the_address_bar(page, goto):
    goto(page, HINGE_LINK)
    area = page.locator(".st-key-explainer-sample_weight textarea")
    area.fill("[2, 1]")
    area.press("Control+Enter")
    wait_for_app(page)
    # (1.1 * 2 + 1.5 * 1) / 2 = 1.85.
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.85")
    page.wait_for_function("() => location.search.includes('sample_weight')")
    assert parse_qs(urlsplit(page.url).query)["sample_weight"] == ["[2, 1]"]


def test_a_hostile_link_gets_a_message(page, goto):
    goto(page, "/?loss=" + quote("<img src=x onerror=alert(1)>") + "&delta=" + quote("**9**"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    problems = page.locator(".st-key-link_problems")
    expect(problems).to_contain_text("is not a loss Loss Lab knows")
    # Shown as the characters it is, cut to its first 24.
    expect(problems).to_contain_text("<img src=x onerror=alert…")
    expect(page.locator("img[src=x]")).to_have_count(0)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")  # the default lesson


def test_presentation_reveals_one_step_at_a_time(page, goto, artifacts_dir):
    page.set_viewport_size({"width": 1920, "height": 1080})
    goto(page, HINGE_LINK + "&present=1")
    wait_for_rendering(page)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stMetricValue")).to_have_count(0)
    # Five steps of Keras' hinge, the value, then what the model learns: 7 slides.
    expect(page.get_by_text("Step 1 of 7")).to_be_visible()
    expect(page.locator(".katex").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "present-step1-1920x1080.png")
    for step in range(2, 7):
        page.get_by_role("button", name="Next").click()
        wait_for_app(page)
        expect(page.get_by_text(f"Step {step} of 7")).to_be_visible()
    # The value: Keras' Hinge docs, 1.3, in very large type (5rem of presentation's 22 px root).
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    size = page.get_by_test_id("stMetricValue").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 100, size
    page.screenshot(path=artifacts_dir / "present-value-1920x1080.png")
    # The last slide: the gradient -y'/4 (tests/losses/test_gradient.py, by hand).
    page.get_by_role("button", name="Next").click()
    wait_for_app(page)
    expect(page.get_by_text("Step 7 of 7")).to_be_visible()
    expect(page.get_by_role("heading", name="What the model learns")).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_be_disabled()
    page.screenshot(path=artifacts_dir / "present-gradient-1920x1080.png")
    page.get_by_role("button", name="Back").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    page.get_by_role("button", name="Back").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue")).to_have_count(0)
    # A clicker's Page Down / Page Up step too; Esc leaves.
    page.keyboard.press("PageDown")
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    page.keyboard.press("PageUp")
    wait_for_app(page)
    expect(page.get_by_text("Step 5 of 7")).to_be_visible()
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")


def test_a_chinese_link_shows_the_lesson_in_chinese(page, goto, artifacts_dir):
    goto(page, HINGE_LINK + "&lang=zh")
    wait_for_rendering(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("heading", name="Loss Lab 损失函数实验室")).to_be_visible()
    expect(page.get_by_text("这个数是怎么算出来的")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1.3")
    expect(page.locator(".katex").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "explainer-zh-1280x800.png")
