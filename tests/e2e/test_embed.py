"""Loss Lab inside a course page: three <iframe>s with ``?embed=true`` on a local HTML page.

Each frame must show its page's content only (no sidebar, no Streamlit header or toolbar),
readable in an 800-px-wide frame: nothing wider than the frame. The explainer's number is
Keras' Hinge docs example, (1.1 + 1.5) / 2 = 1.3.
"""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import free_port

pytestmark = pytest.mark.e2e

FRAMES = {
    "explainer": "/?embed=true",
    "tutorial": "/Tutorial?embed=true&chapter=hinge",
    "curves": "/Curves?embed=true",
}
WIDTH, HEIGHT = 800, 900

# The snippet README.md's "Embedding in a course page" gives a course author, one per page.
COURSE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A course page</title></head>
<body>
<h1>Week 3: losses</h1>
{frames}
</body></html>
"""
FRAME = ('<iframe id="{name}" src="{src}" width="{width}" height="{height}" '
         'style="border: 1px solid #ddd" title="Loss Lab: {name}"></iframe>')


@pytest.fixture(scope="module")
def course_page(app_server, tmp_path_factory):
    """A static page on its own port (another origin, as a real course site is)."""
    root = tmp_path_factory.mktemp("course")
    frames = "\n".join(FRAME.format(name=name, src=app_server + path, width=WIDTH, height=HEIGHT)
                       for name, path in FRAMES.items())
    (root / "index.html").write_text(COURSE_PAGE.format(frames=frames), encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def settled(frame) -> None:
    frame.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)
    frame.get_by_test_id("stSkeleton").first.wait_for(state="detached", timeout=60_000)


@pytest.mark.parametrize("name", FRAMES)
def test_each_page_renders_in_an_iframe_without_chrome(page, course_page, name, artifacts_dir):
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(course_page, wait_until="domcontentloaded")
    frame = page.frame_locator(f"#{name}")
    settled(frame)
    expect(frame.get_by_test_id("stException")).to_have_count(0)
    expect(frame.get_by_test_id("stSidebar")).to_be_hidden()
    expect(frame.get_by_test_id("stExpandSidebarButton")).to_have_count(0)
    expect(frame.get_by_test_id("stToolbar")).to_be_hidden()
    expect(frame.get_by_test_id("stHeader")).to_be_hidden()
    if name == "explainer":
        expect(frame.get_by_test_id("stMetricValue")).to_have_text("1.3")
        # The teacher's deck tools stay out of a course page.
        expect(frame.get_by_role("button", name="Add to deck")).to_have_count(0)
    elif name == "tutorial":
        expect(frame.get_by_role("heading", name="Hinge: labels become -1 and 1")).to_be_visible()
        expect(frame.get_by_test_id("stMetricValue").first).to_have_text("1.3")
    else:
        expect(frame.get_by_role("heading", name="Loss curves")).to_be_visible()
        expect(frame.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first).to_be_attached(
            timeout=60_000)
    # Readable at 800 px: the content fits the frame, no sideways scrolling.
    main = frame.get_by_test_id("stMain")
    widths = main.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] <= widths[1] <= WIDTH, widths
    page.locator(f"#{name}").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.locator(f"#{name}").screenshot(path=artifacts_dir / f"embed-{name}-800.png")
