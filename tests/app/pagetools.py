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
