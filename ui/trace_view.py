"""Draw a Trace: the result, every step with its formula and table, the arithmetic, the notes.

Everything shown comes from the Trace; nothing here does arithmetic on the learner's numbers.
Engine text (titles, notes) is shown through ``escape_md``: it is ours, but it quotes numbers
and shapes, and Markdown must never get a chance to interpret them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import streamlit as st

import losses
from ui import charts, export
from losses.gradient import GRADIENT_STEP
from losses.messages import Formula, latex_escape, sides
from ui.i18n import escape_md, latex, say, t, text
from ui.tables import MatrixTable, StepTable, matrix_table, step_symbol, step_table, trace_csv, trace_json

try:  # imported here so Plotly loads with the other heavy imports, before gc.freeze()
    from ui import charts as _charts  # noqa: F401
except ImportError:
    _charts = None

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
CURVES_PAGE = ROOT / "pages" / "1_Curves.py"

TABLE_ROW_PX = 35
TABLE_MAX_PX = 320
# Up to this many rows a step's table is a static HTML table (st.table); past it, Streamlit's
# scrolling grid. A grid costs the browser ~10 ms to draw even for four rows; an HTML table of
# thousands of rows would cost far more than a grid (bench/README.md).
STATIC_TABLE_ROWS = 40
# Orange on light orange, bold, and an arrow: still visible from the back of a room.
HIGHLIGHT = ":orange-background[:orange[**{}**]] ◀"

# Where each engine note belongs; a note not listed here is shown with the result.
NOTE_STEP = {
    "note.hinge_converted": "label_conversion",
    "note.hinge_not_converted": "label_conversion",
    "note.weight_broadcast_last_axis": "weighting",
    "note.zero_weight_counted": "reduction",
    "note.scalar_weight_divisor": "reduction",
    "note.scalar_not_reduced": "reduction",
    "note.empty_batch": "reduction",
    "note.non_finite": "per_sample",
}


def step_title(step: losses.Step) -> str:
    return say(step.title)


# A worked example longer than this (LaTeX characters) would overflow the trace column in display
# mode; it is set inline instead, where KaTeX may break lines after operators.
LONG_EXAMPLE = 70


def latex_ui(step: losses.Step, digits: int) -> None:
    """The formula over its worked example, so neither overflows a column, and which element
    the example is worked for."""
    formula = latex(step.formula, digits)
    example = None if step.example is None else latex(step.example, digits)
    if example is None:
        st.latex(formula)
    elif len(example) <= LONG_EXAMPLE:
        st.latex(rf"\begin{{aligned}} & {formula} \\ \Rightarrow\; & {example} \end{{aligned}}")
    else:
        st.latex(formula)
        # The LaTeX holds only numbers the engine computed, fixed notation and catalog words;
        # inside $...$ Markdown does not touch it.
        st.markdown(f"$\\Rightarrow\\; {example}$")
    if example is not None and step.example_at is not None:
        st.caption(escape_md(t("trace.example_at", position=position_text(step.example_at))))


def position_text(index: tuple[int, ...]) -> str:
    """``sample 0, j = 1``: where an element sits, in the page's language."""
    sample = t("trace.position.sample", i=index[0])
    if len(index) == 1:
        return sample
    if len(index) == 2:
        return t("trace.position.element", sample=sample, j=index[1])
    rest = ", ".join(str(i) for i in index[1:])
    return t("trace.position.deep", sample=sample, rest=rest)


def value_text(value: Any, digits: int) -> str:
    if np.ndim(value) == 0:
        return losses.fmt(value, digits)
    flat = np.asarray(value).ravel()
    shown = ", ".join(losses.fmt(v, digits) for v in flat[:8])
    return f"[{shown}{', ...' if flat.size > 8 else ''}]"


def result_ui(trace: losses.Trace, display_name: str) -> None:
    """The final value, big, with its exact float on hover."""
    exact = trace.value if np.ndim(trace.value) == 0 else np.asarray(trace.value).tolist()
    st.metric(
        t("trace.result"),
        value_text(trace.value, trace.digits),
        help=t("trace.result_help", dtype=trace.dtype, value=repr(exact)),
    )
    # The loss's name below rather than in the label: a long one would be cut short there.
    st.caption(escape_md(t("trace.result_caption", loss=display_name, reduction=trace.reduction)))


# While a text box holds an edit not yet applied (Streamlit then shows "Press Ctrl+Enter to
# apply" inside it), the numbers on the right are the old ones: grey them out and say so, so
# nobody reads old numbers as new. Pure CSS (:has), nothing a learner typed goes into it.
_PENDING_CSS = """
<style>
.stApp:has([data-testid="stTextArea"] [data-testid="InputInstructions"]:not(:empty))
  :is([data-testid="stMetric"], .st-key-derivation, [class*="st-key-step_"]) {{
  opacity: 0.3; transition: opacity 0.2s;
}}
.stApp:has([data-testid="stTextArea"] [data-testid="InputInstructions"]:not(:empty))::after {{
  content: "{text}"; position: fixed; top: 0.75rem; left: 50%; transform: translateX(-50%);
  z-index: 1000000; padding: 0.5rem 1rem; border-radius: 0.5rem; font-weight: 600;
  background: #fef3c7; color: #92400e; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.15);
}}
/* A derivation wider than its column scrolls inside it rather than running off the page. */
.st-key-derivation .katex-display {{ overflow-x: auto; overflow-y: hidden; }}
/* The explainer's views: a tab bar that reads as the way into each, from the back row. */
.st-key-explainer_views [data-testid="stTab"] p {{ font-size: 1.05rem; font-weight: 600; }}
.st-key-explainer_views [data-testid="stTab"] {{ padding: 0.4rem 0.7rem 0.4rem 0.25rem; }}
/* Below a projector's width the four must fit a 470 px column: words without their icons. */
@media (max-width: 1599px) {{
  .st-key-explainer_views [data-testid="stTab"] p > span[role="img"] {{ display: none !important; }}
}}
@media (min-width: 1600px) {{
  .st-key-explainer_views [data-testid="stTab"] p {{ font-size: 1.2rem; }}
  .st-key-explainer_views [data-testid="stTab"] {{ padding-right: 1.2rem; }}
}}
/* Below 1100 px (a tablet, a half screen) the explainer's inputs and its result stack. */
@media (max-width: 1100px) {{
  .st-key-explainer_body [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
  .st-key-explainer_body [data-testid="stColumn"] {{ min-width: 100% !important; flex: 1 1 100% !important; }}
}}
</style>
"""


def pending_edit_style() -> None:
    text = t("trace.pending_edit").replace("\\", "").replace('"', "'")
    st.html(_PENDING_CSS.format(text=text))


def derivation_ui(trace: losses.Trace) -> None:
    """Where the value comes from, under it: ``1.3 = (1.1 + 1.5) / 2``, then each of 1.1 and 1.5.

    The batch line is the reduction's own arithmetic; each per-sample value follows with its
    arithmetic and its sample, so the whole number reads without scrolling to step 5.
    """
    def number(value: float) -> str:
        return latex(Formula("@0", (float(value),)), trace.digits)

    batch = sides(trace.reduction_arithmetic) if trace.reduction != "none" else None
    lines = []
    if batch is not None:
        lines.append(rf"{number(batch[1])} &= {latex(batch[0], trace.digits)}")
    for row in trace.sample_arithmetic:
        parts = sides(row.formula)
        if parts is None:
            continue
        where = t("trace.derivation.sample", index=", ".join(map(str, row.index)))
        lines.append(rf"{number(parts[1])} &= {latex(parts[0], trace.digits)} "
                     rf"&& \text{{{latex_escape(where)}}}")
    if not lines:
        return
    with st.container(key="derivation"):
        st.latex(r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}")


def reduction_text(trace: losses.Trace) -> str:
    """The batch's arithmetic, ``(1.1 + 1.5) / 2 = 1.3``, or the values left unreduced."""
    arithmetic = text(trace.reduction_arithmetic, trace.digits)
    return t("trace.no_reduction", values=arithmetic) if trace.reduction == "none" else arithmetic


def notes_ui(notes) -> None:
    for note in notes:
        text = escape_md(say(note.message))
        if note.level == "warning":
            st.warning(text, icon=":material/warning:")
        else:
            st.info(text, icon=":material/lightbulb:")


def _label(name: str) -> str:
    return t(f"trace.col.{name}")


def _table_ui(table: StepTable, title: str, digits: int) -> None:
    if table.rows <= STATIC_TABLE_ROWS:
        _static_table_ui(table, digits)
    else:
        _scrolling_table_ui(table, title)


def _static_table_ui(table: StepTable, digits: int) -> None:
    """A classroom-sized table as plain HTML: light for the browser, readable on a projector.

    Its cells are Markdown; they only ever hold numbers formatted here, and the headers are
    escaped, so the one directive in them is ours: the highlight of changed elements.
    """
    changed = table.changed
    cells = {}
    for name, values in table.columns.items():
        if values.dtype.kind == "f":
            text = [losses.fmt(v, digits) for v in values]
        else:
            text = [str(int(v)) for v in values]
        if name == table.value_column and changed is not None:
            text = [HIGHLIGHT.format(cell) if flag else cell for cell, flag in zip(text, changed)]
        cells[escape_md(name)] = text
    if changed is not None:
        st.caption(t("trace.highlight_legend"))
    # pyarrow, not pandas: pandas 3's string columns cost several times more to build and send.
    st.table(pa.table(cells), hide_index=True, width="content")


def _signed_cell(text: str, value: float, largest: float) -> str:
    """A gradient cell coloured by its sign, shaded when it is among the largest pushes."""
    if not np.isfinite(value) or value == 0:
        return f":gray[{text}]" if value == 0 else f":violet[**{text}**]"
    color = "red" if value > 0 else "blue"
    if largest > 0 and abs(value) >= largest / 2:
        return f":{color}-background[:{color}[**{text}**]]"
    return f":{color}[{text}]"


def _matrix_ui(matrix: MatrixTable, symbol: str, digits: int, *, legend: str | None = None,
               signed: bool = False) -> None:
    """The step's values in the batch's shape (rows = samples, columns = j), changed cells marked.

    Cells hold only numbers formatted here; the column headers are the element index j. With
    ``signed`` (the gradient), each cell is coloured by its sign and shaded by its size.
    """
    cells = {escape_md(_label("sample")): [str(i) for i in range(matrix.rows)]}
    finite = np.abs(matrix.values[np.isfinite(matrix.values)])
    largest = float(finite.max()) if finite.size else 0.0
    for j in range(matrix.values.shape[1]):
        column = [losses.fmt(v, digits) for v in matrix.values[:, j]]
        if signed:
            column = [_signed_cell(c, float(v), largest) for c, v in zip(column, matrix.values[:, j])]
        elif matrix.changed is not None:
            column = [HIGHLIGHT.format(c) if flag else c for c, flag in zip(column, matrix.changed[:, j])]
        cells[escape_md(f"{symbol} [{_label('position')}={j}]")] = column
    if signed:
        st.caption(t("grad.sign_legend"))
    elif matrix.changed is not None:
        st.caption(legend or t("trace.highlight_legend"))
    st.table(pa.table(cells), hide_index=True, width="content")


def _scrolling_table_ui(table: StepTable, title: str) -> None:
    """A big batch's table: Streamlit's virtualised grid, which scrolls."""
    height = min(TABLE_ROW_PX * (table.rows + 1) + 3, TABLE_MAX_PX)
    # Narrow index and input columns, and the step's symbol as its column's header, so a table
    # fits the trace column of a 1280-px screen.
    config = {
        name: st.column_config.NumberColumn(
            format="%.4g" if values.dtype.kind == "f" else None,
            width=None if name == table.value_column else (64 if values.dtype.kind == "f" else 56),
            help=title if name == table.value_column else None,
        )
        for name, values in table.columns.items()
    }
    data = table.arrow()
    if table.changed is not None:
        # A marker column: a pandas Styler would cost ~20 ms per table (Streamlit 1.67, pandas 3),
        # more than all the rest of a rerun (bench/README.md).
        marker = _label("changed_flag")
        data = data.append_column(marker, pa.array(np.where(table.changed, t("trace.changed_marker"), "")))
        config[marker] = st.column_config.TextColumn(marker, width=90)
        st.caption(t("trace.changed_legend"))
    st.dataframe(data, hide_index=True, height=height, column_config=config)


def _arithmetic_ui(trace: losses.Trace) -> None:
    lines = [
        t("trace.sample_line", index=", ".join(str(i) for i in row.index),
          text=text(row.formula, trace.digits))
        for row in trace.sample_arithmetic
    ]
    if lines:
        st.markdown(f"**{t('trace.samples')}**")
        st.code("\n".join(lines), language=None, wrap_lines=True)
    if trace.samples_not_shown:
        st.caption(t("trace.more_samples", count=trace.samples_not_shown))


def notes_by_step(trace: losses.Trace) -> tuple[dict[str, list], list]:
    """Each note under the step it explains; the rest (shown with the result) apart."""
    present = {step.key for step in trace.steps}
    by_step: dict[str, list] = {}
    loose = []
    for note in trace.notes:
        target = NOTE_STEP.get(note.key)
        if target in present:
            by_step.setdefault(target, []).append(note)
        else:
            loose.append(note)
    return by_step, loose


def step_ui(trace: losses.Trace, number: int, step: losses.Step, notes, key_prefix: str = "") -> None:
    """One step: its title, formula with the learner's numbers, table, arithmetic and notes."""
    title = step_title(step)
    with st.container(border=True, key=f"{key_prefix}step_{number}"):
        st.markdown(f"**{escape_md(t('trace.step', number=number, title=title))}**")
        latex_ui(step, trace.digits)
        header = step_symbol(step) or title
        table = step_table(trace, step, header, _label)
        matrix = matrix_table(step, STATIC_TABLE_ROWS)
        if matrix is not None:
            # The batch as typed first; y_true and y_pred beside each element on demand.
            _matrix_ui(matrix, header, trace.digits, signed=step.key == GRADIENT_STEP)
            with st.expander(t("trace.element_by_element"), icon=":material/table_rows:"):
                _table_ui(table, title, trace.digits)
        elif table is not None:
            _table_ui(table, title, trace.digits)
        if step.key == "per_sample":
            _arithmetic_ui(trace)
        if step.key == "reduction":
            st.code(reduction_text(trace), language=None, wrap_lines=True)
        notes_ui(notes)


def trace_ui(trace: losses.Trace, key_prefix: str = "") -> None:
    """Every step in the order the framework applies it.

    ``key_prefix`` keeps the step containers' keys apart when a page draws two traces.
    """
    by_step, loose = notes_by_step(trace)
    notes_ui(loose)
    for number, step in enumerate(trace.steps, start=1):
        step_ui(trace, number, step, by_step.get(step.key, ()), key_prefix)
    if "per_sample" not in {step.key for step in trace.steps}:
        _arithmetic_ui(trace)


@st.cache_data(max_entries=64, max_size="16MB", show_spinner=False)
def _chart(digest: str, _trace: losses.Trace) -> tuple[dict | None, tuple[str, ...]]:
    # The figure as plain data (ui.charts.figure_parts): a lesson's chart is built once, and a
    # rerun with nothing changed (a language switch back, another student on the same link)
    # takes it from here. ``digest`` names the lesson and the language.
    hint: list[str] = []
    return charts.figure_parts(charts.learner_curve_figure(_trace, hint=hint)), tuple(hint)


def chart_ui(trace: losses.Trace, digest: str, display_name: str) -> None:
    """The explainer's curve view: this loss's curve with the learner's elements on it.

    A view of its own, drawn only while open: Plotly's 4.7 MB bundle and the figure cost a fresh
    visit ~2 s and every edit ~5 ms of the server and ~30 ms of drawing (bench/README.md).
    """
    st.subheader(t("trace.chart"))
    try:
        parts, hint = _chart(digest, trace)
    except Exception:
        log.exception("learner_curve_figure failed for %s", trace.name)
        st.caption(t("error.chart"))
        return
    if parts is None:
        st.info(t("trace.no_chart", loss=display_name), icon=":material/info:")
    else:
        st.plotly_chart(charts.from_parts(parts), config=charts.chart_config(trace.name))
        for text in hint:
            st.caption(text)
    st.page_link(str(CURVES_PAGE.relative_to(ROOT)), label=t("trace.curves_link"),
                 icon=":material/show_chart:")


def script_ui(framework: str, code: str | None, count: int) -> None:
    keras = framework == "keras"
    header = t("export.header") if keras else t("export.header_torch")
    with st.expander(header, icon=":material/code:"):
        st.caption(t("export.intro") if keras else t("export.intro_torch"))
        if code is not None:
            st.code(code, language="python", wrap_lines=True)
        else:
            st.caption(t("export.too_big", count=count))


def gradient_ui(trace: losses.Trace, key_prefix: str = "") -> None:
    """What the model learns: dL/dy_pred link by link of the chain, with the learner's numbers."""
    if trace.gradient is None or not trace.gradient_steps:
        return  # every loss has a backward pass; an empty batch has nothing to send back
    st.subheader(t("grad.header"))
    st.caption(t("grad.intro"))
    notes_ui(trace.gradient_notes)
    for number, step in enumerate(trace.gradient_steps, start=1):
        step_ui(trace, number, step, (), f"{key_prefix}grad_")


@st.cache_data(max_entries=32, max_size="64MB", show_spinner=False)
def _explanation(digest: str, _trace: losses.Trace, _code: str | None, _count: int) -> None:
    # Streamlit records the elements a cached function draws and replays them on a hit, so the
    # same lesson drawn again (another student opening the page, a tab switch, a rerun with
    # nothing changed) skips building the tables, the Styler and the chart. ``digest`` names
    # everything they depend on (see state.lesson_digest); the underscored arguments follow it.
    st.subheader(t("trace.header"))
    st.caption(t("trace.rounding", digits=_trace.digits, dtype=_trace.dtype))
    st.caption(t("trace.legend"))
    trace_ui(_trace)
    script_ui(_trace.framework, _code, _count)


def snippet(trace: losses.Trace, y_true: np.ndarray, y_pred: np.ndarray,
            sample_weight: np.ndarray | None) -> str:
    """The framework's own script that prints the trace's numbers."""
    if trace.framework == "pytorch":
        return export.torch_snippet(
            trace.name, y_true, y_pred, reduction=trace.reduction, dtype=trace.dtype,
            params=dict(trace.params),
        )
    return export.keras_snippet(
        trace.name, y_true, y_pred, sample_weight=sample_weight,
        reduction=trace.reduction, dtype=trace.dtype, params=dict(trace.params),
    )


def explanation_ui(
    trace: losses.Trace,
    digest: str,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    sample_weight: np.ndarray | None,
) -> None:
    """The steps, the chart, the framework's script and the downloads for ``trace``.

    The explainer's first tab; the derivation under the value and the gradient are the caller's.
    """

    def script() -> str:
        return snippet(trace, y_true, y_pred, sample_weight)

    count = y_true.size + y_pred.size + (0 if sample_weight is None else sample_weight.size)
    # Writing out 10,000 numbers costs ~20 ms: a big batch's script is only built when the
    # download button (which accepts a callable) is clicked.
    code = script() if count <= export.SNIPPET_MAX_NUMBERS else None
    _explanation(digest, trace, code, count)

    titles = {step.key: step_title(step) for step in trace.steps}
    keras = trace.framework == "keras"
    with st.container(horizontal=True):
        st.download_button(
            t("export.download_script") if keras else t("export.download_script_torch"), code if code is not None else script,
            file_name=f"{trace.name}.py", mime="text/x-python", key="download_script",
            icon=":material/download:", on_click="ignore",
        )
        st.download_button(
            t("export.download_csv"),
            # Built only when clicked: a 10,000-element CSV would otherwise cost every rerun.
            lambda: trace_csv(trace, titles, _label),
            file_name=f"{trace.name}-trace.csv",
            mime="text/csv",
            key="download_csv",
            icon=":material/table_view:",
            on_click="ignore",
        )
        st.download_button(
            t("export.download_json"),
            lambda: trace_json(trace, titles, latex, text, say),
            file_name=f"{trace.name}-trace.json",
            mime="application/json",
            key="download_json",
            icon=":material/data_object:",
            on_click="ignore",
        )
