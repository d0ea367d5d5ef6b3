"""How fast the explainer page reacts. Prints figures and ratios; asserts nothing.

    python bench/bench_page.py                 # all three parts, as the app ships
    python bench/bench_page.py --part rerun    # server-side reruns only (AppTest, ~1 min)
    python bench/bench_page.py --part browser  # edit-to-update latency in Chromium
    python bench/bench_page.py --part visit    # a fresh visit until the value, formulas and chart show
    python bench/bench_page.py --gc all        # also with gc.freeze and with Streamlit's post-run gc

Part 1, server-side reruns, in one process through AppTest: the explainer (seed example, and a
1000 x 10 batch) against a bare page that draws one number, three ways: Streamlit's post-run
``gc.collect(2)`` as shipped, with the app's ``gc.freeze()``, and with Streamlit's
``runner.postScriptGC = false`` instead. Two AppTest shortcuts are undone so a rerun costs what it costs in a server:
the script is compiled once, and Streamlit's post-run ``gc.collect(2)`` runs after each run. "rerun" repeats the run with nothing changed (the explanation is then replayed from Streamlit's
cache); "edit" types a y_pred never seen before, so every run parses, computes and draws it all.

Part 2, edit-to-update latency in Chromium against ``streamlit run app.py``: fill y_pred with new
numbers, commit them (Ctrl+Enter, as a learner does or by leaving the box), and time in the
browser from the key press to the new loss value appearing in the metric. 20 edits after 3
warm-up edits, each from an idle page (a second after the previous one finished drawing), p50
and p95: a bare page that draws the same number, and the explainer with and without gc.freeze and
with ``runner.postScriptGC = false``.

Part 3, a fresh visit: a new browser context (empty cache, as a student's first click on the
link) opens the seed lesson, timed from the navigation to the value in the metric, to the
formulas drawn by KaTeX, and (for a link to the explainer's curve view) to the chart drawn by
Plotly; the floor is the bare page's first visit (its value).

Two floors for the server-side rerun: a page that draws one ``st.metric`` (issue 3's) and the
bare edit page (a text area, ``losses.compute`` and one metric: the same edit with nothing else).
Targets (issue 14): a seed edit <= 3x the bare page, a 1000 x 10 edit <= 5x, edit-to-update in
Chromium p50 <= 2x the bare page, a fresh visit with formulas and chart <= 3 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

APP = str(ROOT / "app.py")
BARE = "import streamlit as st\nst.metric('loss', 1.3)\n"
# The browser baseline: the same edit and the same number, with nothing else on the page.
BARE_BROWSER = """\
import gc

import streamlit as st

import losses

gc.freeze()
text = st.text_area("y_pred", "[[0.6, 0.4], [0.4, 0.6]]", key="y_pred")
value = losses.compute("hinge", [[0, 1], [0, 0]], losses.parse_array(text, argument="y_pred")).value
st.metric("loss", losses.fmt(value, 4))
"""


def batch_text(rows: int, cols: int, shift: int) -> tuple[str, str]:
    """A rows x cols one-hot y_true and a y_pred of deterministic numbers in [0, 1)."""
    y_true = "\n".join(" ".join("1" if j == i % cols else "0" for j in range(cols)) for i in range(rows))
    y_pred = "\n".join(
        # shift / 1000 makes every shift (up to 98,000) a different text and different numbers.
        " ".join(f"{((i * 7 + j * 3) % 97 + shift / 1000) / 98:.6f}" for j in range(cols))
        for i in range(rows)
    )
    return y_true, y_pred


def new_pred(big: bool, i: int) -> str:
    """The i-th y_pred of a run: each one different, each one valid."""
    if big:
        return batch_text(1000, 10, i)[1]
    return f"[[0.6, 0.4], [0.4, {0.05 + 0.0001 * i:.4f}]]"


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(action, repeats: int) -> list[float]:
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def share_script_cache() -> None:
    """Compile each script once, as the server does.

    AppTest makes a new ScriptCache for every run, so it recompiles (and rewrites for "magic")
    the page each time; a server keeps one cache for its lifetime. Without this, every AppTest
    rerun of app.py would include a compile the server never repeats.
    """
    from streamlit.runtime.scriptrunner import script_cache

    compiled: dict[str, object] = {}
    original = script_cache.ScriptCache.get_bytecode

    def get_bytecode(self, script_path):
        key = os.path.abspath(script_path)
        if key not in compiled:
            compiled[key] = original(self, script_path)
        return compiled[key]

    script_cache.ScriptCache.get_bytecode = get_bytecode


def collect_after_runs() -> None:
    """Run Streamlit's post-run ``gc.collect(2)`` in AppTest too.

    A server's ScriptRunner collects after every run (``runner.postScriptGC``, on by default);
    AppTest's LocalScriptRunner replaces ``_on_script_finished`` and skips it, which would hide
    exactly the cost gc.freeze removes. Like the server, this follows ``runner.postScriptGC``.
    """
    from streamlit import config
    from streamlit.testing.v1 import local_script_runner

    original = local_script_runner.LocalScriptRunner._on_script_finished

    def on_script_finished(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if config.get_option("runner.postScriptGC"):
            gc.collect(2)

    local_script_runner.LocalScriptRunner._on_script_finished = on_script_finished


SCRIPT_CPU_MS: list[float] = []


def record_script_cpu() -> None:
    """Note the CPU time the script thread spends in each run (with Streamlit's post-run gc).

    Wall time on a shared 2-CPU machine mostly measures the neighbours; the script thread's
    own CPU time does not, so the bench prints both.
    """
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def run_script(self, *args, **kwargs):
        start = time.thread_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            SCRIPT_CPU_MS.append((time.thread_time() - start) * 1000)

    script_runner.ScriptRunner._run_script = run_script


# The post-run gc.collect(2) three ways: as Streamlit ships (collect after every run), the app's
# gc.freeze() after its imports (ui.freeze_gc_once), and Streamlit's own switch to stop collecting.
# label -> (gc.freeze, runner.postScriptGC)
GC_MODES = {
    "without gc.freeze": (False, True),
    "with gc.freeze": (True, True),
    "postScriptGC=false": (False, False),
}


def rerun_part(repeats: int, modes: dict[str, tuple[bool, bool]]) -> None:
    from streamlit.testing.v1 import AppTest

    import ui

    share_script_cache()
    collect_after_runs()
    record_script_cpu()

    def bare_page():
        at = AppTest.from_string(BARE, default_timeout=60)
        at.run()
        return lambda i: at.run()

    def bare_edit_page():
        at = AppTest.from_string(BARE_BROWSER, default_timeout=60)
        at.run()
        return lambda i: at.text_area(key="y_pred").input(new_pred(False, i + 1 + 1000 * edit_round[0])).run()

    def explainer(big: bool, edit: bool):
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        if big:
            at.selectbox(key="explainer.loss").set_value("mean_squared_error").run()
            at.text_area(key="explainer.y_true").input(batch_text(1000, 10, 0)[0])
        at.text_area(key="explainer.y_pred").input(new_pred(big, 0)).run()
        assert not at.exception and not at.error, "the page did not compute"

        def edit_run(i):
            # Numbers never shown before, so nothing can come from a cache.
            at.text_area(key="explainer.y_pred").input(new_pred(big, i + 1 + 1000 * edit_round[0])).run()

        return edit_run if edit else (lambda i: at.run())

    edit_round = [0]
    cases = {
        "bare page (one st.metric)": lambda: bare_page(),
        "bare edit page, edit": lambda: bare_edit_page(),
        "explainer, seed, rerun": lambda: explainer(False, edit=False),
        "explainer, seed, edit": lambda: explainer(False, edit=True),
        "explainer, 1000x10, rerun": lambda: explainer(True, edit=False),
        "explainer, 1000x10, edit": lambda: explainer(True, edit=True),
    }
    bare_name = next(iter(cases))

    from streamlit import config

    results: dict[str, dict[str, float]] = {}
    cpu_results: dict[str, dict[str, float]] = {}
    for label, (frozen, post_script_gc) in modes.items():
        config.set_option("runner.postScriptGC", post_script_gc)
        if frozen:
            os.environ["LOSSLAB_GC_FREEZE"] = "1"
            ui._frozen = False
            ui.freeze_gc_once()
        else:
            # app.py freezes on import; undo it and keep it off for this part.
            os.environ["LOSSLAB_GC_FREEZE"] = "0"
            gc.unfreeze()
            ui._frozen = False
        edit_round[0] += 1
        actions = {name: make() for name, make in cases.items()}
        for action in actions.values():
            action(0)  # warm-up
        # Round-robin: one run of every case per round, so a noisy neighbour on the machine
        # slows all cases alike and the ratios stay meaningful.
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for i in range(repeats):
            for name, action in actions.items():
                SCRIPT_CPU_MS.clear()
                times[name] += timed(lambda _: action(i), 1)
                cpu[name].append(sum(SCRIPT_CPU_MS))
        print(f"\n-- server-side reruns {label} (AppTest, n={repeats} each, interleaved) --")
        print(f"{'':32s} {'wall median':>12s} {'wall p95':>9s} {'script CPU median':>18s}")
        for name, values in times.items():
            results.setdefault(name, {})[label] = statistics.median(values)
            cpu_results.setdefault(name, {})[label] = statistics.median(cpu[name])
            print(f"{name:32s} {statistics.median(values):9.1f} ms {quantile(values, 0.95):6.1f} ms "
                  f"{statistics.median(cpu[name]):15.1f} ms")
        bare, bare_cpu = results[bare_name][label], cpu_results[bare_name][label]
        edit_floor, edit_floor_cpu = results["bare edit page, edit"][label], cpu_results["bare edit page, edit"][label]
        for name in list(cases)[1:]:
            print(f"  ratio {name:30s} wall {results[name][label] / bare:5.1f}x bare, "
                  f"{results[name][label] / edit_floor:4.1f}x bare edit   "
                  f"CPU {cpu_results[name][label] / bare_cpu:5.1f}x bare, "
                  f"{cpu_results[name][label] / edit_floor_cpu:4.1f}x bare edit")
    if len(modes) < len(GC_MODES):
        return
    off, frozen, no_gc = GC_MODES
    print(f"\n-- post-run gc (wall median; script CPU median): {off} | {frozen} | {no_gc} --")
    for name, by_label in results.items():
        wall = [by_label[k] for k in GC_MODES]
        cpu = [cpu_results[name][k] for k in GC_MODES]
        print(f"{name:32s} {wall[0]:6.1f} | {wall[1]:6.1f} | {wall[2]:6.1f} ms   "
              f"CPU {cpu[0]:6.1f} | {cpu[1]:6.1f} | {cpu[2]:6.1f} ms   "
              f"freeze / postScriptGC=false: wall {wall[1] / wall[2]:4.2f}x, CPU {cpu[1] / cpu[2]:4.2f}x")


IDLE_MS = 1000


def browser_part(edits: int, warmup: int, all_modes: bool) -> None:
    from playwright.sync_api import sync_playwright

    import losses
    from tests.e2e import harness

    chromium = harness.find_chromium()
    if chromium is None:
        print("\n-- browser part skipped: no Chromium (apt-get install -y chromium) --")
        return

    def expected_text(pred_text: str) -> str:
        y_pred = losses.parse_array(pred_text, argument="y_pred")
        value = losses.compute("hinge", [[0, 1], [0, 0]], y_pred).value
        return losses.fmt(value, 4)

    # Distinct y_pred values so each edit must show a new number; 0.{k} for the last element.
    texts = [f"[[0.6, 0.4], [0.4, {0.05 + 0.9 * k / (edits + warmup):.4f}]]" for k in range(edits + warmup)]
    watch = """(expected) => {
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
    }"""

    bare = Path(tempfile.mkdtemp(prefix="losslab-bench-")) / "bare_page.py"
    bare.write_text(BARE_BROWSER)
    # label, script, LOSSLAB_GC_FREEZE, runner.postScriptGC (the server reads it from the env)
    runs = [("bare page (text area + one number)", str(bare), "1", "true"),
            ("explainer, as shipped (postScriptGC=false)", "app.py", "0", "false")]
    if all_modes:
        runs += [("explainer, with gc.freeze", "app.py", "1", "true"),
                 ("explainer, without gc.freeze", "app.py", "0", "true")]
    p50s = {}
    for label, script, freeze, post_script_gc in runs:
        os.environ["LOSSLAB_GC_FREEZE"] = freeze
        os.environ["STREAMLIT_RUNNER_POST_SCRIPT_GC"] = post_script_gc
        with harness.start_app(script) as server, sync_playwright() as playwright:
            browser = harness.launch_browser(playwright, chromium)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            harness.goto(page, server.url, "/")
            harness.wait_for_rendering(page)
            # The bare page's key is "y_pred", the explainer's "explainer.y_pred" (ui/lesson.py).
            area = page.locator(".st-key-y_pred textarea, .st-key-explainer-y_pred textarea")
            latencies = []
            for k, text in enumerate(texts):
                expected = expected_text(text)
                area.fill(text)
                page.evaluate(watch, expected)
                start = page.evaluate("performance.now()")
                area.press("Control+Enter")
                page.wait_for_function("window.__shown !== null", polling="raf", timeout=30_000)
                shown = page.evaluate("window.__shown")
                if k >= warmup:
                    latencies.append(shown - start)
                # A learner's edits are seconds apart: let the page finish drawing (KaTeX, tables,
                # the chart) before the next one, so each edit is timed from an idle page.
                harness.wait_for_app(page, settle_ms=0)
                harness.wait_for_rendering(page, settle_ms=IDLE_MS)
            browser.close()
        print(f"\n-- edit-to-update latency in Chromium: {label} (n={len(latencies)}) --")
        print(f"p50 {quantile(latencies, 0.5):6.1f} ms   p95 {quantile(latencies, 0.95):6.1f} ms   "
              f"min {min(latencies):6.1f} ms   max {max(latencies):6.1f} ms")
        p50s[label] = quantile(latencies, 0.5)
    floor = p50s[runs[0][0]]
    for label, p50 in list(p50s.items())[1:]:
        print(f"  ratio p50 {label}: {p50 / floor:.1f}x the bare page")


# When each part of a fresh visit shows: the metric's value, the KaTeX formulas, the chart.
VISIT_WATCH = """(expected) => {
    const marks = {};
    const check = () => {
        const now = performance.now();
        const value = document.querySelector("[data-testid='stMetricValue']");
        if (!marks.value && value && value.textContent.trim() === expected) marks.value = now;
        if (!marks.formulas && document.querySelector(".katex")) marks.formulas = now;
        if (!marks.chart && document.querySelector("[data-testid='stPlotlyChart'] .main-svg")) marks.chart = now;
        window.__marks = marks;
    };
    new MutationObserver(check).observe(document, {subtree: true, childList: true, characterData: true});
    check();
}"""


def visit_part(visits: int) -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e import harness

    chromium = harness.find_chromium()
    if chromium is None:
        print("\n-- visit part skipped: no Chromium (apt-get install -y chromium) --")
        return
    bare = Path(tempfile.mkdtemp(prefix="losslab-bench-")) / "bare_page.py"
    bare.write_text(BARE_BROWSER)
    # Keras' hinge docs example: 1.3 (the explainer's seed lesson and the bare page's number).
    # label, script, path and query, what must show. The explainer's chart is in its own view
    # (tab=curve); a plain link opens the steps, with formulas but no chart.
    cases = [("bare page (text area + one number)", str(bare), "/", ("value",)),
             ("explainer, seed lesson (steps view)", "app.py", "/", ("value", "formulas")),
             ("explainer, seed lesson, curve view", "app.py", "/?tab=curve", ("value", "formulas", "chart"))]
    os.environ["LOSSLAB_GC_FREEZE"] = "0"
    os.environ["STREAMLIT_RUNNER_POST_SCRIPT_GC"] = "false"
    floor = None
    for label, script, path, parts in cases:
        with harness.start_app(script) as server, sync_playwright() as playwright:
            browser = harness.launch_browser(playwright, chromium)
            times: dict[str, list[float]] = {part: [] for part in parts}
            for k in range(visits + 1):
                # A new context is a new profile: nothing cached, as a student's first visit.
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.add_init_script(f"({VISIT_WATCH})('1.3')")
                page.goto(server.url + path, wait_until="commit")
                wanted = " && ".join(f"window.__marks && window.__marks.{part}" for part in parts)
                page.wait_for_function(wanted, polling="raf", timeout=60_000)
                marks = page.evaluate("window.__marks")
                if k:  # the first visit also warms the server's imports
                    for part in parts:
                        times[part].append(marks[part])
                context.close()
            browser.close()
        print(f"\n-- fresh visit: {label} (n={visits}, ms from navigation) --")
        for part in parts:
            print(f"{part:9s} p50 {quantile(times[part], 0.5):7.0f} ms   "
                  f"max {max(times[part]):7.0f} ms")
        last = max(quantile(times[part], 0.5) for part in parts)
        if floor is None:
            floor = last
        else:
            print(f"  ratio: everything drawn at p50 {last / 1000:.2f} s, {last / floor:.1f}x the bare page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("rerun", "browser", "visit", "all"), default="all")
    parser.add_argument("--gc", choices=("shipped", "all"), default="shipped",
                        help="as the app ships (postScriptGC=false), or also gc.freeze and the default gc")
    parser.add_argument("--visits", type=int, default=10, help="fresh visits (part 3)")
    parser.add_argument("--repeats", type=int, default=30, help="reruns per case (part 1)")
    parser.add_argument("--edits", type=int, default=20, help="measured edits (part 2)")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f} "
          "(figures from a busy machine are noisy: compare ratios, rerun when idle)")
    modes = GC_MODES if args.gc == "all" else {"postScriptGC=false": GC_MODES["postScriptGC=false"]}
    if args.part in ("rerun", "all"):
        rerun_part(args.repeats, modes)
    if args.part in ("browser", "all"):
        browser_part(args.edits, warmup=3, all_modes=args.gc == "all")
    if args.part in ("visit", "all"):
        visit_part(args.visits)


if __name__ == "__main__":
    main()
