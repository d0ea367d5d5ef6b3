"""A class at once: N concurrent sessions on one server (or K behind nginx). Prints figures.

    python bench/bench_classroom.py                          # 40 sessions, 3 of them in Chromium
    python bench/bench_classroom.py --sessions 10 --browsers 0 --settle 0   # a quick look
    python bench/bench_classroom.py --via-nginx --processes 1 2            # through deploy/

Each session opens a different lesson from a link (hinge, squared hinge or MSE on y_pred values
no other session uses), then every session edits y_pred in rounds (each student at a random
moment within ``--spread`` seconds of the round's start), then half of them switch the language
to Chinese, go to the Curves page and come back, then all close. Most sessions speak Streamlit's
own protocol over its WebSocket (tests/e2e/protocol.py: the frontend's BackMsg/ForwardMsg, no
drawing), so forty of them cost the load generator little; ``--browsers`` of them are real
Chromium pages, for what a student sees.

Every value a session receives is checked against ``losses.compute`` run here: a value that is
another session's is cross-talk, any other wrong value or a missing one is an error. Printed:
p50 / p95 / max of link-to-value and edit-to-value, errors, cross-talk, the server's RSS before
(cold, and after one warm-up session), at its peak and after the sessions closed (at once, and
after Streamlit's two-minute reconnect window has let their sessions go), and the same for a
bare page (a tiny script in a temp dir: a text area, one st.metric, a language switch and a
second page) under the same load, as the floor, with the ratios.

Targets (issue 14): 40 sessions, p95 edit-to-value <= 1 s, 0 errors, 0 cross-talk, RSS after
close within 10 % of the start. The figures go to bench/README.md; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import losses  # noqa: E402
from tests.e2e import harness  # noqa: E402
from tests.e2e.protocol import ProtocolError, Session  # noqa: E402

# What the bench looks for in the page. The page's widget keys are being namespaced: each tuple
# lists the names to try, first match wins (the driver reads user keys from the element ids).
Y_PRED_KEYS = ("explainer.y_pred", "lesson.y_pred", "y_pred")
LANG_KEYS = ("explainer.lang", "curves.lang", "sidebar.lang", "lang")
LANG_OPTION = "中文"      # the language switch's option (its label) that means lang=zh
OTHER_PAGE = "Curves"     # url_pathname of the page half the class visits
VALUE_ELEMENT = "metric"  # the explainer shows the loss value in its first st.metric
Y_TRUE = "[[0,1],[0,0]]"
LESSON_LOSSES = ("hinge", "squared_hinge", "mean_squared_error")
CJK = re.compile(r"[\u4e00-\u9fff]")

# The floor: the same edit, link, language switch and second page with nothing else drawn.
BARE_MAIN = f"""\
import gc
import os

import streamlit as st

import losses

if os.environ.get("LOSSLAB_GC_FREEZE", "0") != "0":  # as the app does when asked (ui.freeze_gc_once)
    gc.freeze()
state = st.session_state
if "opened" not in state:
    state.opened = True
    query = st.query_params.to_dict()
    state.y_pred_copy = query.get("y_pred", "[[0.6,0.4],[0.4,0.6]]")
    state.loss, state.y_true = query.get("loss", "hinge"), query.get("y_true", "{Y_TRUE}")
# A keyed widget a page does not draw loses its value: keep copies as plain state, as the app does.
state.setdefault("{LANG_KEYS[-1]}", state.get("lang_copy", "en"))
state.setdefault("{Y_PRED_KEYS[-1]}", state.y_pred_copy)
lang = st.segmented_control("lang", ["en", "zh"], key="{LANG_KEYS[-1]}",
                            format_func={{"en": "English", "zh": "{LANG_OPTION}"}}.get)
st.title("损失" if lang == "zh" else "Loss")
text = st.text_area("y_pred", key="{Y_PRED_KEYS[-1]}")
state.y_pred_copy, state.lang_copy = text, lang
trace = losses.compute(state.loss, losses.parse_array(state.y_true, argument="y_true"),
                       losses.parse_array(text, argument="y_pred"))
st.metric("loss", losses.fmt(trace.value, trace.digits))
"""
BARE_OTHER = f"""\
import streamlit as st

st.title("曲线" if st.session_state.get("lang_copy") == "zh" else "Curves")
"""


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def array_text(rows) -> str:
    return "[" + ",".join("[" + ",".join(f"{v:g}" for v in row) + "]" for row in rows) + "]"


def expected_value(loss: str, y_pred: str) -> str:
    """The value the page must show for this lesson, formatted as the page formats it."""
    trace = losses.compute(loss, losses.parse_array(Y_TRUE, argument="y_true"),
                           losses.parse_array(y_pred, argument="y_pred"))
    return losses.fmt(trace.value, trace.digits)


class Lessons:
    """Lessons whose shown values no other lesson of the run shares, so a value names its owner."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.owner: dict[str, int] = {}

    def new(self, session: int, loss: str) -> tuple[str, str]:
        while True:
            rows = [[round(self.random.uniform(0.05, 0.95), 3) for _ in range(2)] for _ in range(2)]
            text = array_text(rows)
            value = expected_value(loss, text)
            if value not in self.owner:
                self.owner[value] = session
                return text, value


@dataclass
class Record:
    """What one session saw."""

    index: int
    kind: str  # "protocol" or "browser"
    loss: str
    link_ms: float | None = None
    edit_ms: list[float] = field(default_factory=list)
    switch_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    crosstalk: list[str] = field(default_factory=list)
    upstream: str | None = None
    alive: bool = True


def check_value(record: Record, lessons: Lessons, shown: str | None, expected: str, when: str) -> bool:
    if shown == expected:
        return True
    owner = lessons.owner.get(shown) if shown is not None else None
    if owner is not None and owner != record.index:
        record.crosstalk.append(f"{when}: showed {shown}, session {owner}'s value (own: {expected})")
    else:
        record.errors.append(f"{when}: showed {shown!r}, expected {expected}")
    return False


class ProtocolStudent:
    """A student's session spoken over the WebSocket (no browser)."""

    def __init__(self, base_url: str, record: Record, lessons: Lessons, timeout: float) -> None:
        self.base_url, self.record, self.lessons, self.timeout = base_url, record, lessons, timeout
        self.session: Session | None = None
        self.expected = ""
        self.y_pred_key: tuple[str, ...] = Y_PRED_KEYS

    def _shown(self, run) -> str | None:
        values = run.of_kind(VALUE_ELEMENT)
        return values[0].proto.body if values else None

    def _check_run(self, run, when: str) -> None:
        for element in run.of_kind("exception"):
            self.record.errors.append(f"{when}: exception {element.proto.type}: {element.proto.message[:80]}")

    def _watch(self, expected: str):
        return {"value": lambda e: e.kind == VALUE_ELEMENT and e.proto.body == expected}

    async def open(self, query: str, expected: str) -> None:
        start = time.perf_counter()
        # A browser first fetches the page (a balancer sets its sticky cookie on that answer).
        cookie = await asyncio.to_thread(fetch_page_cookie, f"{self.base_url}/?{query}")
        self.session = Session(self.base_url, cookie=cookie, open_timeout=self.timeout)
        await self.session.open()
        self.record.upstream = self.session.response_headers.get("x-losslab-upstream")
        run = await self.session.rerun(query_string=query, timeout=self.timeout, watch=self._watch(expected))
        self._check_run(run, "link")
        if check_value(self.record, self.lessons, self._shown(run), expected, "link"):
            self.record.link_ms = (run.first_seen["value"] - start) * 1000
        self.expected = expected

    async def edit(self, y_pred: str, expected: str, round_: int) -> None:
        run = self.session.last_run
        widget = run.widget(Y_PRED_KEYS)
        if widget is None:
            raise ProtocolError(f"no y_pred widget (tried {Y_PRED_KEYS}); keys: {run.widget_keys()}")
        self.session.set_widget(widget, y_pred)
        start = time.perf_counter()
        run = await self.session.rerun(timeout=self.timeout, watch=self._watch(expected))
        self._check_run(run, f"edit {round_}")
        if check_value(self.record, self.lessons, self._shown(run), expected, f"edit {round_}"):
            self.record.edit_ms.append((run.first_seen["value"] - start) * 1000)
        self.expected = expected

    async def switch(self) -> None:
        """Chinese, then the other page, then back: the same value, in Chinese."""
        run = self.session.last_run
        widget = run.widget(LANG_KEYS)
        if widget is None:
            raise ProtocolError(f"no language widget (tried {LANG_KEYS}); keys: {run.widget_keys()}")
        self.session.set_widget(widget, [LANG_OPTION])
        start = time.perf_counter()
        run = await self.session.rerun(timeout=self.timeout, watch=self._watch(self.expected))
        self._check_run(run, "lang")
        if check_value(self.record, self.lessons, self._shown(run), self.expected, "lang=zh"):
            self.record.switch_ms.append((run.first_seen["value"] - start) * 1000)
        self._check_chinese(run, "lang=zh")
        run = await self.session.rerun(page=OTHER_PAGE, timeout=self.timeout)
        self._check_run(run, OTHER_PAGE)
        self._check_chinese(run, OTHER_PAGE)
        start = time.perf_counter()
        run = await self.session.rerun(page="", timeout=self.timeout, watch=self._watch(self.expected))
        self._check_run(run, "back")
        if check_value(self.record, self.lessons, self._shown(run), self.expected, "back from " + OTHER_PAGE):
            self.record.switch_ms.append((run.first_seen["value"] - start) * 1000)
        self._check_chinese(run, "back")

    def _check_chinese(self, run, when: str) -> None:
        titles = [e.proto.body for e in run.of_kind("heading")]
        if not any(CJK.search(title) for title in titles):
            self.record.errors.append(f"{when}: no Chinese heading ({titles[:2]})")

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()


def fetch_page_cookie(url: str) -> str | None:
    """GET the page as a browser would; the cookies it set, as a Cookie header (or None)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    return "; ".join(cookies) or None


def css_key(key: str) -> str:
    # Streamlit's frontend turns a widget key into the class "st-key-<key>", every character
    # outside [A-Za-z0-9_-] replaced by "-".
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key)


WATCH_JS = """(expected) => {
    window.__shown = null;
    const check = () => {
        const el = document.querySelector("[data-testid='stMetricValue']");
        if (el && el.textContent.trim() === expected && window.__shown === null) {
            window.__shown = performance.now();
        }
    };
    if (window.__observer) window.__observer.disconnect();
    window.__observer = new MutationObserver(check);
    window.__observer.observe(document.body, {subtree: true, childList: true, characterData: true});
    check();
}"""


class BrowserStudent:
    """A student's session in a real Chromium page (its own browser context)."""

    def __init__(self, browser, base_url: str, record: Record, lessons: Lessons, timeout: float) -> None:
        self.browser, self.base_url, self.record, self.lessons = browser, base_url, record, lessons
        self.timeout_ms = timeout * 1000
        self.context = self.page = None
        self.expected = ""

    async def _metric(self) -> str | None:
        metric = self.page.get_by_test_id("stMetricValue")
        return (await metric.first.inner_text()).strip() if await metric.count() else None

    async def _wait_value(self, expected: str) -> bool:
        try:
            await self.page.wait_for_function(
                """(expected) => [...document.querySelectorAll("[data-testid='stMetricValue']")]
                    .some((el) => el.textContent.trim() === expected)""",
                arg=expected, polling="raf", timeout=self.timeout_ms)
            return True
        except Exception:
            return False

    async def _settled(self) -> None:
        await self.page.wait_for_timeout(210)
        await self.page.locator(harness.APP_SETTLED).wait_for(state="attached", timeout=self.timeout_ms)

    async def open(self, query: str, expected: str) -> None:
        self.context = await self.browser.new_context(viewport=harness.VIEWPORT, locale=harness.LOCALE)
        self.page = await self.context.new_page()
        start = time.perf_counter()
        response = await self.page.goto(f"{self.base_url}/?{query}", wait_until="commit")
        if response is not None:
            self.record.upstream = (await response.all_headers()).get("x-losslab-upstream")
        found = await self._wait_value(expected)
        if check_value(self.record, self.lessons, expected if found else await self._metric(), expected, "link"):
            self.record.link_ms = (time.perf_counter() - start) * 1000
        await self._settled()
        self.expected = expected

    async def _area(self):
        for key in Y_PRED_KEYS:
            area = self.page.locator(f".{css_key(key)} textarea")
            if await area.count():
                return area.first
        raise ProtocolError(f"no y_pred text area (tried {Y_PRED_KEYS})")

    async def edit(self, y_pred: str, expected: str, round_: int) -> None:
        area = await self._area()
        await area.fill(y_pred)
        await self.page.evaluate(WATCH_JS, expected)
        start = await self.page.evaluate("performance.now()")
        await area.press("Control+Enter")
        try:
            await self.page.wait_for_function("window.__shown !== null", polling="raf", timeout=self.timeout_ms)
            shown = expected
        except Exception:
            shown = await self._metric()
        if check_value(self.record, self.lessons, shown, expected, f"edit {round_}"):
            self.record.edit_ms.append(await self.page.evaluate("window.__shown") - start)
        await self._settled()
        self.expected = expected

    async def switch(self) -> None:
        self.stage = "lang"
        for key in LANG_KEYS:
            switch = self.page.locator(f".{css_key(key)} button", has_text=LANG_OPTION)
            if await switch.count():
                break
        else:
            raise ProtocolError(f"no language switch (tried {LANG_KEYS})")
        start = time.perf_counter()
        await switch.click()
        # The run the click starts may not have begun yet: wait for its Chinese title, not a state.
        if not await self._chinese_title("lang=zh"):
            return
        await self._settled()
        if check_value(self.record, self.lessons, await self._metric(), self.expected, "lang=zh"):
            self.record.switch_ms.append((time.perf_counter() - start) * 1000)
        # Streamlit's page list or the app's own st.page_link buttons: both are links in the sidebar.
        sidebar = self.page.get_by_test_id("stSidebar")
        self.stage = OTHER_PAGE
        explainer_title = await self.page.locator("h1").first.text_content()
        # The app's own links carry the lesson's query (``Curves?loss=...``).
        await sidebar.locator(f"a[href^='{OTHER_PAGE}'], a[href*='/{OTHER_PAGE}']").first.click()
        if not await self._chinese_title(OTHER_PAGE, unlike=explainer_title):
            return
        await self._settled()
        start = time.perf_counter()
        self.stage = "back"
        await sidebar.locator("a[href$='/'], a[href^='?'], a[href^='/?'], a[href^='./?']").first.click()
        await self.page.wait_for_function(
            f"() => !location.pathname.endsWith('/{OTHER_PAGE}')", timeout=self.timeout_ms)
        if await self._wait_value(self.expected):
            self.record.switch_ms.append((time.perf_counter() - start) * 1000)
        else:
            check_value(self.record, self.lessons, await self._metric(), self.expected, "back")

    async def _chinese_title(self, when: str, unlike: str | None = None) -> bool:
        """Wait for a Chinese heading; with ``unlike``, for a first h1 other than that one."""
        try:
            await self.page.wait_for_function(
                r"""(unlike) => {
                    const first = document.querySelector("h1")?.textContent ?? "";
                    return (unlike === null || (first !== "" && first !== unlike)) &&
                        [...document.querySelectorAll("h1, h2, h3")]
                            .some((h) => /[\u4e00-\u9fff]/.test(h.textContent));
                }""", arg=unlike, polling="raf", timeout=self.timeout_ms)
            return True
        except Exception:
            title = await self.page.locator("h1").first.inner_text()
            self.record.errors.append(f"{when}: no Chinese heading ({title!r})")
            return False

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()


class Memory:
    """The server processes' RSS, sampled every 100 ms on a thread (the peak needs the samples)."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def now(self) -> float:
        return sum(rss_mb(pid) for pid in self.pids)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.now())
            self._stop.wait(0.1)

    def __enter__(self) -> Memory:
        self.peak = self.now()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


METRIC_LINE = re.compile(r'^(\w+)(?:\{(.*)\})?\s+(\S+)$')


def metrics(urls: list[str]) -> dict[str, float]:
    """What Streamlit's /_stcore/metrics says each process holds, summed over the processes.

    Keys: "sessions" (active_sessions), "session_state" (bytes of every session's state),
    and "cache <function>" (pickled bytes of each st.cache_data function's entries).
    """
    totals: dict[str, float] = {}
    for url in urls:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=30) as response:
                text = response.read().decode()
        except OSError:
            continue
        for line in text.splitlines():
            match = METRIC_LINE.match(line)
            if not match or line.startswith("#"):
                continue
            name, labels, value = match.groups()
            labels = dict(re.findall(r'(\w+)="([^"]*)"', labels or ""))
            if name == "active_sessions":
                key = "sessions"
            elif name == "cache_memory_bytes" and labels.get("cache_type") == "st_session_state":
                key = "session_state"
            elif name == "cache_memory_bytes" and labels.get("cache_type") == "st_cache_data":
                key = f"cache {labels.get('cache', '')}"
            else:
                continue
            totals[key] = totals.get(key, 0.0) + float(value)
    return totals


def fmt_metrics(values: dict[str, float]) -> str:
    parts = []
    for key, value in sorted(values.items()):
        parts.append(f"{key} {value:.0f}" if key == "sessions" else f"{key} {value / 1024:.0f} KB")
    return ", ".join(parts) or "none"


@dataclass
class Result:
    label: str
    records: list[Record]
    rss: dict[str, float]
    server_cpu_s: float
    bench_cpu_s: float
    wall_s: float
    upstreams: dict[str, int]
    held: dict[str, dict[str, float]] = field(default_factory=dict)

    def link(self, kind: str | None = None) -> list[float]:
        return [r.link_ms for r in self.records if r.link_ms is not None and kind in (None, r.kind)]

    def edits(self, kind: str | None = None) -> list[float]:
        return [ms for r in self.records if kind in (None, r.kind) for ms in r.edit_ms]

    def errors(self) -> list[str]:
        return [f"session {r.index} ({r.kind}): {e}" for r in self.records for e in r.errors]

    def crosstalk(self) -> list[str]:
        return [f"session {r.index}: {e}" for r in self.records for e in r.crosstalk]


async def drive_class(base_url: str, args, pids: list[int], label: str, direct: list[str]) -> Result:
    lessons = Lessons(args.seed)
    records = [Record(i, "browser" if i < args.browsers else "protocol", LESSON_LOSSES[i % len(LESSON_LOSSES)])
               for i in range(args.sessions)]
    browser = playwright = None
    if args.browsers:
        from playwright.async_api import async_playwright

        chromium = harness.find_chromium()
        if chromium is None:
            raise SystemExit("no Chromium for --browsers (apt-get install -y chromium-headless-shell)")
        playwright = await async_playwright().start()
        browser = await playwright.chromium.launch(executable_path=chromium, headless=True,
                                                   args=list(harness.CHROMIUM_ARGS))
    students = [
        BrowserStudent(browser, base_url, r, lessons, args.op_timeout) if r.kind == "browser"
        else ProtocolStudent(base_url, r, lessons, args.op_timeout)
        for r in records
    ]

    async def step(student, action, *values) -> None:
        record = student.record
        if not record.alive:
            return
        try:
            await asyncio.wait_for(action(*values), args.op_timeout)
        except Exception as error:  # noqa: BLE001 - every failure is a counted error
            stage = getattr(student, "stage", "")
            record.errors.append(f"{action.__name__}{' ' + stage if stage else ''}: "
                                 f"{type(error).__name__}: {error}"[:300])
            record.alive = False

    async def later(delay: float, student, action, *values) -> None:
        await asyncio.sleep(delay)
        await step(student, action, *values)

    rng = random.Random(args.seed + 1)
    server_cpu = sum(cpu_seconds(pid) for pid in pids)
    bench_cpu = time.process_time()
    started = time.perf_counter()
    rss: dict[str, float] = {}
    with Memory(pids) as memory:
        rss["start"] = memory.now()
        links = [lessons.new(r.index, r.loss) for r in records]
        # Students open the teacher's links within the spread, not in the same millisecond.
        await asyncio.gather(*(
            later(rng.uniform(0, args.spread), s, s.open,
                  urlencode({"loss": s.record.loss, "y_true": Y_TRUE, "y_pred": text}), value)
            for s, (text, value) in zip(students, links)))
        for round_ in range(args.rounds):
            edits = [lessons.new(s.record.index, s.record.loss) for s in students]
            await asyncio.gather(*(later(rng.uniform(0, args.spread), s, s.edit, text, value, round_)
                                   for s, (text, value) in zip(students, edits)))
        await asyncio.gather(*(later(rng.uniform(0, args.spread), s, s.switch)
                               for s in students[::2]))
        rss["peak"] = memory.peak
        held = {"open": await asyncio.to_thread(metrics, direct)}
        await asyncio.gather(*(s.close() for s in students), return_exceptions=True)
        if browser is not None:
            await browser.close()
            await playwright.stop()
        await asyncio.sleep(3)
        rss["closed"] = memory.now()
        rss["peak"] = max(rss["peak"], memory.peak)
    wall = time.perf_counter() - started
    bench_cpu = time.process_time() - bench_cpu
    server_cpu = sum(cpu_seconds(pid) for pid in pids) - server_cpu
    upstreams: dict[str, int] = {}
    for r in records:
        if r.upstream:
            upstreams[r.upstream] = upstreams.get(r.upstream, 0) + 1
    held["closed"] = await asyncio.to_thread(metrics, direct)
    return Result(label, records, rss, server_cpu, bench_cpu, wall, upstreams, held)


async def one_session(base_url: str, page: str | None = None) -> None:
    """A visit that opens the default lesson (and a page), then leaves."""
    cookie = await asyncio.to_thread(fetch_page_cookie, base_url + "/")
    session = Session(base_url, cookie=cookie)
    await session.open()
    await session.rerun(timeout=120)
    if page is not None:
        await session.rerun(page=page, timeout=120)
    await session.close()


async def measure(base_url: str, pids: list[int], direct: list[str], args, label: str) -> Result:
    cold = sum(rss_mb(pid) for pid in pids)
    # Warm-up: the first visit imports numpy, plotly, pandas and both pages' modules; the start
    # figure is after it, so "kept after close" is what the class left, not the imports.
    for _ in range(max(1, len(pids)) * 2):
        await one_session(base_url, OTHER_PAGE)
    await asyncio.sleep(1)
    result = await asyncio.wait_for(drive_class(base_url, args, pids, label, direct), args.time_limit)
    result.rss["cold"] = cold
    if args.settle:
        # Streamlit keeps a closed session for two minutes in case its browser reconnects
        # (MemorySessionStorage, ttl 120 s), and the expired ones go when the storage is next
        # touched: wait, then one more visit, whose run also ends with Streamlit's gc.collect.
        print(f"  ({label}: waiting {args.settle:.0f} s for Streamlit's reconnect window)", flush=True)
        await asyncio.sleep(args.settle)
        for _ in range(max(1, len(pids)) * 2):
            await one_session(base_url)
        await asyncio.sleep(2)
        result.rss["settled"] = sum(rss_mb(pid) for pid in pids)
        result.held["settled"] = await asyncio.to_thread(metrics, direct)
    return result


def fmt_ms(values: list[float]) -> str:
    if not values:
        return "   n/a"
    return (f"p50 {quantile(values, 0.5):7.0f} ms  p95 {quantile(values, 0.95):7.0f} ms  "
            f"max {max(values):7.0f} ms  (n={len(values)})")


def report(result: Result, floor: Result | None) -> None:
    print(f"\n== {result.label} ==")
    print(f"  sessions {len(result.records)} ({sum(r.kind == 'browser' for r in result.records)} in Chromium), "
          f"wall {result.wall_s:.1f} s, server CPU {result.server_cpu_s:.1f} s, "
          f"load generator CPU {result.bench_cpu_s:.1f} s")
    print(f"  link-to-value             {fmt_ms(result.link())}")
    print(f"    over the WebSocket      {fmt_ms(result.link('protocol'))}")
    print(f"    in Chromium             {fmt_ms(result.link('browser'))}")
    print(f"  edit-to-value             {fmt_ms(result.edits())}")
    print(f"    over the WebSocket      {fmt_ms(result.edits('protocol'))}")
    print(f"    in Chromium             {fmt_ms(result.edits('browser'))}")
    switches = [ms for r in result.records for ms in r.switch_ms]
    print(f"  lang / back-to-page value {fmt_ms(switches)}")
    errors, crosstalk = result.errors(), result.crosstalk()
    print(f"  errors {len(errors)}, cross-talk {len(crosstalk)}")
    for line in (errors + crosstalk)[:10]:
        print(f"    {line}")
    rss = result.rss
    line = (f"  server RSS: cold {rss['cold']:.0f} MB, start {rss['start']:.0f} MB, "
            f"peak {rss['peak']:.0f} MB, after close {rss['closed']:.0f} MB")
    if "settled" in rss:
        line += (f", after the reconnect window {rss['settled']:.0f} MB "
                 f"({100 * (rss['settled'] - rss['start']) / rss['start']:+.1f} % of start)")
    print(line)
    sessions = max(1, len(result.records))
    print(f"  per session at peak: {(rss['peak'] - rss['start']) / sessions:.2f} MB")
    for moment, values in result.held.items():
        print(f"  held ({moment}): {fmt_metrics(values)}")
    if result.upstreams:
        print("  sessions per process: " + ", ".join(f"{k} {v}" for k, v in sorted(result.upstreams.items())))
    if floor is not None:
        def ratio(ours: list[float], theirs: list[float], q: float) -> str:
            if not ours or not theirs:
                return "n/a"
            return f"{quantile(ours, q) / quantile(theirs, q):.1f}x"
        print(f"  ratio to the bare page: link p50 {ratio(result.link(), floor.link(), 0.5)}, "
              f"p95 {ratio(result.link(), floor.link(), 0.95)}; edit p50 "
              f"{ratio(result.edits(), floor.edits(), 0.5)}, p95 {ratio(result.edits(), floor.edits(), 0.95)}; "
              f"server CPU {result.server_cpu_s / max(floor.server_cpu_s, 1e-9):.1f}x")


@contextlib.contextmanager
def serve(script: str, cwd: Path, processes: int | None):
    """``(base_url, pids, process urls)`` of one ``streamlit run`` or of K behind nginx (deploy/)."""
    if processes is None:
        with harness.start_app(script, cwd=cwd, timeout=60) as server:
            yield server.url, [server.process.pid], [server.url]
        return
    from deploy import serve as cluster

    with cluster.Cluster(processes=processes, port=harness.free_port(), script=script, cwd=cwd) as running:
        yield running.url, running.app_pids(), [app.url for app in running.apps]


def bare_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="losslab-bare-"))
    (folder / "pages").mkdir()
    (folder / "bare.py").write_text(BARE_MAIN)
    (folder / "pages" / f"1_{OTHER_PAGE}.py").write_text(BARE_OTHER)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--browsers", type=int, default=3, help="how many of the sessions are Chromium pages")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of y_pred edits")
    parser.add_argument("--spread", type=float, default=2.0,
                        help="seconds over which the class's actions of one round are spread (0: all at once)")
    parser.add_argument("--settle", type=float, default=125.0,
                        help="seconds to wait after close before the last RSS (Streamlit keeps closed "
                             "sessions 120 s for reconnects); 0 skips it")
    parser.add_argument("--op-timeout", type=float, default=60.0, help="bound on one action, seconds")
    parser.add_argument("--time-limit", type=float, default=900.0, help="bound on one class, seconds")
    parser.add_argument("--via-nginx", action="store_true", help="run the app behind deploy/'s nginx")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2],
                        help="with --via-nginx: the K values to run (default: 1 2)")
    parser.add_argument("--no-floor", action="store_true", help="skip the bare page")
    parser.add_argument("--gc", choices=("freeze", "postscriptgc"), default="postscriptgc",
                        help="the app's post-run gc: Streamlit's runner.postScriptGC=false (as "
                             "shipped), or the app's gc.freeze() with Streamlit's collection on")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if args.sessions > 200 or args.browsers > 10:
        raise SystemExit("bounded: at most 200 sessions and 10 browsers")
    args.browsers = min(args.browsers, args.sessions)

    load = os.getloadavg()[0]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f}; "
          f"{args.sessions} sessions ({args.browsers} in Chromium), {args.rounds} edit rounds, "
          f"spread {args.spread:g} s, gc {args.gc}. Noisy machine: compare medians and ratios.", flush=True)
    # Both servers read these (Streamlit maps STREAMLIT_<SECTION>_<OPTION> to its config).
    if args.gc == "postscriptgc":
        os.environ["STREAMLIT_RUNNER_POST_SCRIPT_GC"] = "false"
        os.environ["LOSSLAB_GC_FREEZE"] = "0"
    else:
        os.environ["STREAMLIT_RUNNER_POST_SCRIPT_GC"] = "true"
        os.environ["LOSSLAB_GC_FREEZE"] = "1"
    bare = bare_dir()
    # The bare page imports losses from the repo, run from its temp dir.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    configurations = [None] if not args.via_nginx else list(args.processes)
    for processes in configurations:
        where = "one process" if processes is None else f"nginx + {processes} process{'es' * (processes > 1)}"
        floor = None
        if not args.no_floor:
            with serve("bare.py", bare, processes) as (url, pids, direct):
                floor = asyncio.run(measure(url, pids, direct, args, f"bare page, {where}"))
            report(floor, None)
        with serve("app.py", ROOT, processes) as (url, pids, direct):
            result = asyncio.run(measure(url, pids, direct, args, f"Loss Lab, {where}"))
        report(result, floor)


if __name__ == "__main__":
    main()
