"""Start the Loss Lab server and drive Debian's Chromium against it.

Plain functions shared by the e2e fixtures (tests/e2e/conftest.py) and by
tools/screenshot.py, so the server start-up and the "has the app finished?"
logic exist once. Nothing here imports pytest.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# Playwright's own browser download does not work on these machines; Debian's
# packages are the supported browsers. The headless shell comes first: it is
# the smaller package and starts faster. LOSSLAB_CHROMIUM overrides the search.
CHROMIUM_PATHS = (
    "/usr/bin/chromium-headless-shell",
    "/usr/bin/chromium",
    "/usr/lib/chromium/chromium-headless-shell",
    "/usr/lib/chromium/chromium",
)
CHROMIUM_NAMES = ("chromium-headless-shell", "chromium", "chromium-browser")

CHROMIUM_ARGS = (
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
)

VIEWPORT = {"width": 1280, "height": 800}
# The app follows the browser's language; the browser tests read the English pages.
LOCALE = "en-US"

# Streamlit marks its root element with the script state: "initial" before the
# first run, then running -> notRunning on every run ("compilationError" when
# the script does not parse).
APP_CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
APP_SETTLED = (
    "[data-testid='stApp'][data-test-script-state='notRunning'],"
    "[data-testid='stApp'][data-test-script-state='compilationError']"
)


def find_chromium() -> str | None:
    """Path of an installed Chromium, or None."""
    override = os.environ.get("LOSSLAB_CHROMIUM")
    if override:
        return override if os.access(override, os.X_OK) else None
    for path in CHROMIUM_PATHS:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_browser(playwright, executable_path: str):
    """Headless Chromium through Playwright's sync API."""
    return playwright.chromium.launch(
        executable_path=executable_path, headless=True, args=list(CHROMIUM_ARGS)
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServerError(RuntimeError):
    pass


@dataclass
class AppServer:
    """A running `streamlit run` in its own process group."""

    url: str
    process: subprocess.Popen
    log_path: Path
    started_in: float = field(default=0.0)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=timeout)
            except ProcessLookupError:
                pass
        try:
            self.log_path.unlink()
        except OSError:
            pass

    def __enter__(self) -> AppServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_app(
    script: str = "app.py",
    *,
    port: int | None = None,
    timeout: float = 30.0,
    cwd: Path = REPO_ROOT,
) -> AppServer:
    """Start `python -m streamlit run <script>` and wait for /_stcore/health.

    Raises AppServerError with the server's output if it exits or does not
    answer "ok" within `timeout` seconds.
    """
    port = port or free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        # Others edit the tree while tests run; a watcher would offer
        # "source changed, rerun?" mid-test and costs a thread per file.
        "--server.fileWatcherType", "none",
    ]
    log_fd, log_name = tempfile.mkstemp(prefix="losslab-streamlit-", suffix=".log")
    started = time.monotonic()
    # A file, not a pipe: nobody drains a pipe while tests run, and a full
    # pipe would block the server.
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=log_fd,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    os.close(log_fd)
    server = AppServer(f"http://127.0.0.1:{port}", process, Path(log_name))

    health = f"{server.url}/_stcore/health"
    while True:
        if process.poll() is not None:
            output = server.log()
            server.stop()
            raise AppServerError(
                f"streamlit exited with code {process.returncode} before answering "
                f"{health}:\n{output}"
            )
        try:
            with urllib.request.urlopen(health, timeout=1) as response:
                if response.read().decode().strip() == "ok":
                    server.started_in = time.monotonic() - started
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() - started > timeout:
            output = server.log()
            server.stop()
            raise AppServerError(
                f"streamlit did not answer {health} within {timeout:.0f} s:\n{output}"
            )
        time.sleep(0.1)


def goto(page, base_url: str, path_and_query: str = "/") -> None:
    """Open `path_and_query` (e.g. "/?loss=hinge") and wait until the app is idle."""
    if not path_and_query.startswith("/"):
        path_and_query = "/" + path_and_query
    page.goto(base_url + path_and_query, wait_until="domcontentloaded")
    wait_for_app(page)


def wait_for_app(page, *, timeout_ms: float = 60_000, settle_ms: float = 100) -> None:
    """Wait until Streamlit has finished the current run and drawn its output.

    Call after goto and after every interaction that reruns the script. The
    first pause covers the gap between an interaction and the moment the
    frontend flips to "running" (Streamlit's own e2e suite waits 210 ms too);
    without it the check could see the previous run's "notRunning". The
    generous timeout is for loaded machines: the first Plotly chart of a page
    parses a 4.7 MB bundle, which took 20-30 s here with 2 CPUs under load.
    """
    page.wait_for_timeout(210)
    page.locator(APP_CONNECTED).wait_for(state="attached", timeout=timeout_ms)
    root = page.locator(APP_SETTLED)
    root.wait_for(state="attached", timeout=timeout_ms)
    if root.get_attribute("data-test-script-state") == "compilationError":
        # Streamlit shows a syntax error in a dialog, not as an stException.
        details = page.get_by_test_id("stErrorCodeBlock")
        text = details.first.inner_text() if details.count() else "(no details shown)"
        raise AssertionError(f"the app script does not compile:\n{text}")
    page.get_by_test_id("stSkeleton").first.wait_for(state="detached", timeout=timeout_ms)
    if settle_ms:
        page.wait_for_timeout(settle_ms)


def wait_for_rendering(page, *, timeout_ms: float = 60_000, settle_ms: float = 300) -> None:
    """After wait_for_app: wait for web fonts (KaTeX's too) and every Plotly chart to draw."""
    page.wait_for_function(
        """() => document.fonts.status === "loaded" &&
            [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
                .every((chart) => chart.querySelector(".main-svg") !== null)""",
        timeout=timeout_ms,
    )
    if settle_ms:
        page.wait_for_timeout(settle_ms)


def screenshot(page, path, *, full_page: bool = False) -> None:
    """Save a PNG of the page; full_page captures the whole app, not just the window.

    Streamlit scrolls inside its <main> element, not the document, so
    Playwright's own full_page option sees one window's height. Growing the
    window to the content's height and back gives the whole page instead.
    """
    if not full_page:
        page.screenshot(path=path)
        return
    viewport = page.viewport_size
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
            document.querySelector("[data-testid='stMain']")?.scrollHeight ?? 0)"""
    )
    # Chromium cannot capture taller than its maximum texture size.
    page.set_viewport_size({"width": viewport["width"], "height": min(max(height, viewport["height"]), 16_000)})
    wait_for_rendering(page, settle_ms=300)
    page.screenshot(path=path)
    page.set_viewport_size(viewport)
