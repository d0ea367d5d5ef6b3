"""What the explainer's AppTests share: opening it on a link, reading its big number."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 30


def open_app(query: dict[str, str] | None = None) -> AppTest:
    """A new session of the explainer, opened on ``query`` as a student clicking a link."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_value(at: AppTest) -> float | list[float]:
    """The big number: one float, or a list for reduction "none"."""
    (metric,) = at.metric
    text = metric.value
    if text.startswith("["):
        return [float(x) for x in text.strip("[]").split(",")]
    return float(text)


def param_key(at: AppTest, name: str, page: str = "explainer") -> str:
    """The widget key of the current loss's parameter ``name`` (ui.lesson's scheme)."""
    return f"{page}.param.{at.session_state['lesson']['loss']}.{name}"


def set_params(at: AppTest, **params) -> AppTest:
    """Put loss parameters into the lesson, as a link or a preset would (no rerun)."""
    lesson = at.session_state["lesson"]
    lesson["params"].update(params)
    at.session_state["lesson"] = lesson
    return at


def link_problems(at: AppTest) -> list[str]:
    """The link problems as a reader sees them: plain text (st.text), never Markdown."""
    return [element.value for element in at.text]


def new_lesson(**values) -> dict:
    """A whole lesson as ui.lesson keeps it, with ``values`` instead of the defaults; put it in
    ``at.session_state["lesson"]`` before a run, as if another page had made it."""
    from ui import lesson

    if "framework" in values and "loss" not in values:
        values["loss"] = lesson.DEFAULT_LOSS[values["framework"]]
    return {**lesson._new(), **values}


def put_lesson(at: AppTest, **values) -> AppTest:
    """Change the session's lesson (an edit on another page), keeping every page's own part."""
    try:
        current = at.session_state["lesson"]
    except KeyError:
        current = new_lesson()
    at.session_state["lesson"] = {**current, **values}
    return at


def open_tab(at: AppTest, tab: str) -> AppTest:
    """Open one of the explainer's views ("steps", "gradient", "learn") and run, as a click on
    its tab does (AppTest cannot click a tab: the lesson holds which one is open)."""
    lesson = at.session_state["lesson"]
    lesson["explainer"]["tab"] = tab
    at.session_state["lesson"] = lesson
    return at.run()


def open_tab_name(at: AppTest) -> str:
    """Which explainer view the lesson has open."""
    return at.session_state["lesson"]["explainer"]["tab"]
