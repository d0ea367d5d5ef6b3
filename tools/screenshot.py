"""Screenshot Loss Lab pages in Chromium at one or more window sizes.

    python tools/screenshot.py                                  # / at 1280x800 into shots/
    python tools/screenshot.py --page / --query 'loss=hinge' --size 1280x800 --size 1920x1080
    python tools/screenshot.py --page /Keras_vs_PyTorch --full-page --out /tmp/shots
    python tools/screenshot.py --page / --page /Curves --locale zh-CN   # the browser asks for Chinese

Needs the Playwright Python package (requirements-dev.txt). Starts its own `streamlit run app.py` on a free port, waits for each page to
finish running and for Plotly and KaTeX to draw, and writes
<page>[-<query>]-<width>x<height>.png. Needs Debian's Chromium
(apt-get install -y chromium-headless-shell); LOSSLAB_CHROMIUM picks another binary.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e import harness  # noqa: E402  (needs the repo root on sys.path)


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", text)
    if not match:
        raise argparse.ArgumentTypeError(f"size must look like 1280x800, not {text!r}")
    return int(match[1]), int(match[2])


def shot_name(page: str, query: str, width: int, height: int, locale: str = "") -> str:
    stem = page.strip("/") or "home"
    if locale:
        stem += "-" + locale
    if query:
        stem += "-" + query
    stem = re.sub(r"[^A-Za-z0-9._=-]+", "_", stem).strip("_")
    return f"{stem}-{width}x{height}.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", action="append", help="URL path of a page, e.g. / or /Compare (repeatable; default /)")
    parser.add_argument("--query", default="", help="query string without '?', e.g. 'loss=hinge&reduction=sum'")
    parser.add_argument("--size", action="append", type=parse_size, help="WIDTHxHEIGHT (repeatable; default 1280x800)")
    parser.add_argument("--out", type=Path, default=harness.REPO_ROOT / "shots", help="output folder (default shots/)")
    parser.add_argument("--full-page", action="store_true", help="capture the whole scrollable page")
    parser.add_argument("--app", default="app.py", help="script to run, relative to the repo root")
    parser.add_argument("--locale", help="the browser's language (navigator.language), e.g. zh-CN")
    parser.add_argument("--press", action="append", default=[],
                        help="a key to press before the shot, e.g. PageDown (presentation mode's Next); "
                             "repeatable, pressed in order")
    args = parser.parse_args(argv)

    pages = args.page or ["/"]
    sizes = args.size or [(1280, 800)]
    query = args.query.lstrip("?")

    chromium = harness.find_chromium()
    if chromium is None:
        parser.error("no Chromium found; install it with: apt-get install -y chromium-headless-shell")

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with harness.start_app(args.app) as server, sync_playwright() as playwright:
        print(f"app up at {server.url} in {server.started_in:.1f} s")
        browser = harness.launch_browser(playwright, chromium)
        for page_path in pages:
            target = "/" + page_path.lstrip("/") + (f"?{query}" if query else "")
            for width, height in sizes:
                options = {"locale": args.locale} if args.locale else {}
                context = browser.new_context(viewport={"width": width, "height": height}, **options)
                page = context.new_page()
                harness.goto(page, server.url, target)
                harness.wait_for_rendering(page)
                for key in args.press:
                    page.keyboard.press(key)
                    page.wait_for_timeout(300)
                    harness.wait_for_rendering(page)
                path = args.out / shot_name(page_path, query, width, height, args.locale or "")
                harness.screenshot(page, path, full_page=args.full_page)
                print(path)
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
