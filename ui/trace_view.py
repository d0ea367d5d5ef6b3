"""Draw a Trace: the result, every step with its formula and table, the arithmetic, the notes.

Everything shown comes from the Trace; nothing here does arithmetic on the learner's numbers.
Engine text (titles, notes) is shown through ``escape_md``: it is ours, but it quotes numbers
and shapes, and Markdown must never get a chance to interpret them.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import streamlit as st

import losses
from ui import export
from ui.i18n import escape_md, t, tr
from ui.tables import StepTable, step_symbol, step_table, trace_frame

try:  # imported here so Plotly loads with the other heavy imports, before gc.freeze()
    from ui import charts as _charts  # noqa: F401
except ImportError:
    _charts = None

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
CURVES_PAGE = ROOT / "pages" / "1_Curves.py"

TABLE_ROW_PX = 35
TABLE_MAX_PX = 320

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
    return tr(f"step.{step.key}", step.title, **step.params)


ARROW = r" \quad\Rightarrow\quad "


def step_latex(step: losses.Step) -> str:
    """The step's formula over its worked example on a second line, so neither overflows a column."""
    if step.latex.startswith(step.formula + ARROW):
        example = step.latex[len(step.formula) + len(ARROW):]
        return rf"\begin{{aligned}} & {step.formula} \\ \Rightarrow\; & {example} \end{{aligned}}"
    return step.latex


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
        t("trace.result", loss=display_name),
        value_text(trace.value, trace.digits),
        help=t("trace.result_help", dtype=trace.dtype, value=repr(exact)),
    )
    st.caption(t("trace.reduction_caption", reduction=trace.reduction))


def notes_ui(notes) -> None:
    for note in notes:
        text = escape_md(tr(note.key, note.text, **note.params))
        if note.level == "warning":
            st.warning(text, icon=":material/warning:")
        else:
            st.info(text, icon=":material/lightbulb:")


def _label(name: str) -> str:
    return t(f"trace.col.{name}")


def _table_ui(table: StepTable, title: str) -> None:
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
        # A marker column rather than a pandas Styler: the Styler costs ~20 ms per table in
        # Streamlit 1.67 with pandas 3, more than all the rest of a rerun (bench/README.md).
        marker = _label("changed_flag")
        data = data.append_column(marker, pa.array(np.where(table.changed, t("trace.changed_marker"), "")))
        config[marker] = st.column_config.TextColumn(marker, width=90)
        st.caption(t("trace.changed_legend"))
    st.dataframe(data, hide_index=True, height=height, column_config=config)


def _arithmetic_ui(trace: losses.Trace) -> None:
    lines = [
        t("trace.sample_line", index=", ".join(str(i) for i in row.index), text=row.text)
        for row in trace.sample_arithmetic
    ]
    if lines:
        st.markdown(f"**{t('trace.samples')}**")
        st.code("\n".join(lines), language=None)
    if trace.samples_not_shown:
        st.caption(t("trace.more_samples", count=trace.samples_not_shown))


def trace_ui(trace: losses.Trace) -> None:
    """Every step in the order Keras applies it, then the result again for the record."""
    present = {step.key for step in trace.steps}
    by_step: dict[str, list] = {}
    loose = []
    for note in trace.notes:
        target = NOTE_STEP.get(note.key)
        if target in present:
            by_step.setdefault(target, []).append(note)
        else:
            loose.append(note)
    notes_ui(loose)

    for number, step in enumerate(trace.steps, start=1):
        title = step_title(step)
        with st.container(border=True, key=f"step_{number}"):
            st.markdown(f"**{escape_md(t('trace.step', number=number, title=title))}**")
            st.latex(step_latex(step))
            header = step_symbol(step) or title
            table = step_table(trace, step, header, _label)
            if table is not None:
                _table_ui(table, title)
            if step.key == "per_sample":
                _arithmetic_ui(trace)
            if step.key == "reduction":
                st.code(trace.reduction_arithmetic, language=None)
            notes_ui(by_step.get(step.key, ()))
    if "per_sample" not in present:
        _arithmetic_ui(trace)


def chart_ui(trace: losses.Trace) -> None:
    """The curves page's small chart of this loss with the learner's points, once it exists."""
    try:
        charts = importlib.import_module("ui.charts")
    except ImportError:
        return
    make = getattr(charts, "learner_curve_figure", None)
    if make is None:
        return
    try:
        figure = make(trace)
    except Exception:
        log.exception("learner_curve_figure failed for %s", trace.name)
        st.caption(t("error.chart"))
        return
    if figure is not None:
        st.markdown(f"**{t('trace.chart')}**")
        st.plotly_chart(figure, config={"displaylogo": False})
        if CURVES_PAGE.exists():
            st.page_link(str(CURVES_PAGE.relative_to(ROOT)), label=t("trace.curves_link"),
                         icon=":material/show_chart:")


def keras_ui(code: str | None, count: int) -> None:
    with st.expander(t("export.header"), icon=":material/code:"):
        st.caption(t("export.intro"))
        if code is not None:
            st.code(code, language="python")
        else:
            st.caption(t("export.too_big", count=count))


@st.cache_data(max_entries=32, show_spinner=False)
def _explanation(digest: str, _trace: losses.Trace, _code: str | None, _count: int) -> None:
    # Streamlit records the elements a cached function draws and replays them on a hit, so the
    # same lesson drawn again (another student opening the page, a tab switch, a rerun with
    # nothing changed) skips building the tables, the Styler and the chart. ``digest`` names
    # everything they depend on (see state.lesson_digest); the underscored arguments follow it.
    st.subheader(t("trace.header"))
    trace_ui(_trace)
    chart_ui(_trace)
    keras_ui(_code, _count)


def explanation_ui(
    trace: losses.Trace,
    digest: str,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    sample_weight: np.ndarray | None,
) -> None:
    """The steps, the chart, the Keras script and the downloads for ``trace``."""

    def snippet() -> str:
        return export.keras_snippet(
            trace.name, y_true, y_pred, sample_weight=sample_weight,
            reduction=trace.reduction, dtype=trace.dtype, params=dict(trace.params),
        )

    count = y_true.size + y_pred.size + (0 if sample_weight is None else sample_weight.size)
    # Writing out 10,000 numbers costs ~20 ms: a big batch's script is only built when the
    # download button (which accepts a callable) is clicked.
    code = snippet() if count <= export.SNIPPET_MAX_NUMBERS else None
    _explanation(digest, trace, code, count)

    titles = {step.key: step_title(step) for step in trace.steps}
    with st.container(horizontal=True):
        st.download_button(
            t("export.download_script"), code if code is not None else snippet,
            file_name=f"{trace.name}.py", mime="text/x-python", key="download_script",
            icon=":material/download:", on_click="ignore",
        )
        st.download_button(
            t("export.download_csv"),
            # Built only when clicked: a 10,000-element CSV would otherwise cost every rerun.
            lambda: trace_frame(trace, titles, _label).to_csv(index=False),
            file_name=f"{trace.name}-trace.csv",
            mime="text/csv",
            key="download_csv",
            icon=":material/table_view:",
            on_click="ignore",
        )
