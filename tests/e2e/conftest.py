"""Browser fixtures: one Streamlit server and one Chromium per test session.

Use in a test:

    from tests.e2e.harness import wait_for_app

    def test_hinge_link(page, goto):
        goto(page, "/?loss=hinge")          # opens the page, waits for the run
        page.get_by_role("button", name="Next").click()
        wait_for_app(page)                  # after anything that reruns the script

Every test in tests/e2e gets the `e2e` marker, so `pytest -m "not e2e"` skips them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e import harness

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


_running_servers: list[harness.AppServer] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so the page fixture can tell a failure.
    report = yield
    setattr(item, f"report_{report.when}", report)
    # The page only says "This app has encountered an error"; the traceback is
    # in the server's log, so a failing test shows its tail.
    if report.failed and "app_server" in getattr(item, "fixturenames", ()) and _running_servers:
        report.sections.append(("Captured streamlit log", _running_servers[0].log()[-4000:]))
    return report


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = harness.find_chromium()
    if path is None:
        reason = (
            "no Chromium found (looked for " + ", ".join(harness.CHROMIUM_PATHS)
            + " and chromium* on PATH, or LOSSLAB_CHROMIUM); install it with:"
            " apt-get install -y chromium-headless-shell"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    with sync_playwright() as playwright:
        browser = harness.launch_browser(playwright, chromium_path)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def app_server() -> str:
    """Base URL of `streamlit run app.py` started from the repo root."""
    try:
        server = harness.start_app("app.py")
    except harness.AppServerError as error:
        pytest.fail(str(error), pytrace=False)
    _running_servers.append(server)
    with server:
        yield server.url
    _running_servers.remove(server)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests save screenshots (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def page(browser, request, artifacts_dir):
    """A fresh 1280x800 page; on failure its screenshot goes to artifacts/."""
    context = browser.new_context(viewport=harness.VIEWPORT, locale=harness.LOCALE)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        try:
            harness.screenshot(page, artifacts_dir / f"FAILED-{request.node.name}.png", full_page=True)
        except Exception as error:  # a screenshot must not mask the real failure
            print(f"could not save the failure screenshot: {error}")
    context.close()


@pytest.fixture
def goto(app_server):
    """goto(page, "/?loss=mse"): open a path of the app and wait for its run."""

    def _goto(page, path_and_query: str = "/") -> None:
        harness.goto(page, app_server, path_and_query)

    return _goto
