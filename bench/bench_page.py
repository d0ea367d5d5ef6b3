"""How fast the explainer page reacts. Prints figures and ratios; asserts nothing.

    python bench/bench_page.py                 # both parts
    python bench/bench_page.py --part rerun    # server-side reruns only (AppTest, ~1 min)
    python bench/bench_page.py --part browser  # edit-to-update latency in Chromium

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

Targets (issue 3): rerun <= 3x the bare page; edit-to-update p50 <= 150 ms, p95 <= 300 ms.
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


def rerun_part(repeats: int) -> None:
    from streamlit.testing.v1 import AppTest

    import ui

    share_script_cache()
    collect_after_runs()
    record_script_cpu()

    def bare_page():
        at = AppTest.from_string(BARE, default_timeout=60)
        at.run()
        return lambda i: at.run()

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
        "explainer, seed, rerun": lambda: explainer(False, edit=False),
        "explainer, seed, edit": lambda: explainer(False, edit=True),
        "explainer, 1000x10, rerun": lambda: explainer(True, edit=False),
        "explainer, 1000x10, edit": lambda: explainer(True, edit=True),
    }
    bare_name = next(iter(cases))

    from streamlit import config

    results: dict[str, dict[str, float]] = {}
    cpu_results: dict[str, dict[str, float]] = {}
    for label, (frozen, post_script_gc) in GC_MODES.items():
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
        for name in list(cases)[1:]:
            print(f"  ratio {name:30s} wall {results[name][label] / bare:5.1f}x bare   "
                  f"CPU {cpu_results[name][label] / bare_cpu:5.1f}x bare")
    off, frozen, no_gc = GC_MODES
    print(f"\n-- post-run gc (wall median; script CPU median): {off} | {frozen} | {no_gc} --")
    for name, by_label in results.items():
        wall = [by_label[k] for k in GC_MODES]
        cpu = [cpu_results[name][k] for k in GC_MODES]
        print(f"{name:32s} {wall[0]:6.1f} | {wall[1]:6.1f} | {wall[2]:6.1f} ms   "
              f"CPU {cpu[0]:6.1f} | {cpu[1]:6.1f} | {cpu[2]:6.1f} ms   "
              f"freeze / postScriptGC=false: wall {wall[1] / wall[2]:4.2f}x, CPU {cpu[1] / cpu[2]:4.2f}x")


IDLE_MS = 1000


def browser_part(edits: int, warmup: int) -> None:
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
            ("explainer, with gc.freeze", "app.py", "1", "true"),
            ("explainer, without gc.freeze", "app.py", "0", "true"),
            ("explainer, postScriptGC=false", "app.py", "0", "false")]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("rerun", "browser", "all"), default="all")
    parser.add_argument("--repeats", type=int, default=30, help="reruns per case (part 1)")
    parser.add_argument("--edits", type=int, default=20, help="measured edits (part 2)")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f} "
          "(figures from a busy machine are noisy: compare ratios, rerun when idle)")
    if args.part in ("rerun", "all"):
        rerun_part(args.repeats)
    if args.part in ("browser", "all"):
        browser_part(args.edits, warmup=3)


if __name__ == "__main__":
    main()
