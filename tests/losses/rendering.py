"""One check the family test files share: a trace's every message and formula renders."""

from __future__ import annotations

from losses import Trace
from losses.catalog import EN, ZH, render
from losses.messages import render_formula


def assert_trace_renders(trace: Trace, lang: str) -> None:
    """Every title and note has its key in both catalogs and renders with nothing left unfilled;
    every formula renders as LaTeX and as text with no slot left."""
    for message in [s.title for s in trace.steps] + [n.message for n in trace.notes]:
        assert message.key in EN and message.key in ZH
        text = render(message, lang)
        assert text != message.key and "{" not in text and "}" not in text
    formulas = [s.formula for s in trace.steps] + [s.example for s in trace.steps if s.example]
    formulas += [a.formula for a in trace.sample_arithmetic]
    for f in formulas:
        for latex in (True, False):
            assert "@" not in render_formula(f, lang, latex=latex)
