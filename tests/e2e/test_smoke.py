import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_app_opens_with_its_title(page, goto, artifacts_dir):
    goto(page, "/")

    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("heading", name="Loss Lab", exact=True).first).to_be_visible()
    page.screenshot(path=artifacts_dir / "smoke-home-1280x800.png")
