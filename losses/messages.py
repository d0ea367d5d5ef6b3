"""What the engine says, as data: message keys with raw parameters, and worked arithmetic.

The engine never writes a sentence. A step title, a note, an error or a loss's description is a
:class:`Message`: a stable key from the catalogs (``losses/catalog``) and the parameters the
sentence needs, numbers kept as numbers. Worked arithmetic such as ``(1.6 + 0.6) / 2 = 1.1`` is a
:class:`Formula`: a template of fixed notation with slots for the learner's numbers, rendered
into LaTeX or plain text by :func:`render_formula`, the only place numbers become digits.

Template slots: ``@0``, ``@1``, ... are the formula's arguments in order; ``@s0`` sets a negative
number in parentheses, as it reads after an operator: ``1 - (-0.5)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from losses.numbers import DEFAULT_DIGITS, fmt

_SLOT = re.compile(r"@(s?)(\d+)")
# Text templates use readable operators; LaTeX needs commands for them. Applied to the fixed
# template only, never to a number or a word.
_TEXT_TO_LATEX = (
    ("×", r"\times "),
    ("·", r"\cdot "),
    ("...", r"\ldots"),
    ("max(", r"\max("),
    ("min(", r"\min("),
    ("log(", r"\log("),
    ("exp(", r"\exp("),
    ("sqrt(", r"\sqrt("),
)
_SCIENTIFIC = re.compile(r"^(-?)(\d+(?:\.\d*)?)e([+-]?)0*(\d+)$")


@dataclass(frozen=True)
class Message:
    """A sentence by key, with the raw parameters its catalog entry formats.

    ``str(message)`` is the English text, so a Python user (and ``str(LossInputError)``)
    reads English without any UI.
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        from losses.catalog import render

        return render(self, "en")


def msg(key: str, **params: Any) -> Message:
    return Message(key, params)


@dataclass(frozen=True)
class Word:
    """A word or phrase inside a formula (``otherwise``, ``more``), looked up by key."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Terms:
    """A sum written out: ``1.6 + 0.6``, with weights ``1 × 1.1 + 0 × 1.5``, first terms only.

    ``more`` counts the terms not written; the rendering ends with ``+ ... (3 more)``.
    """

    values: tuple[float, ...]
    weights: tuple[float, ...] | None = None
    more: int = 0
    joiner: str = "+"


@dataclass(frozen=True)
class Formula:
    """Worked arithmetic: a template of fixed notation and the numbers that fill its slots.

    ``latex`` says whether ``template`` is LaTeX already (a step's symbolic formula and its
    worked example) or readable text notation (a sample's arithmetic, which is shown as text
    and, through :func:`render_formula`, as LaTeX).
    """

    template: str
    args: tuple[Any, ...] = ()
    latex: bool = True

    def __str__(self) -> str:
        return render_formula(self, "en", latex=False)


def formula(template: str, *args: Any) -> Formula:
    """A LaTeX template with the learner's numbers: ``formula(r"@0 - @s1 = @2", y, yhat, d)``."""
    return Formula(template, tuple(_plain(a) for a in args), latex=True)


def text_formula(template: str, *args: Any) -> Formula:
    """A template in text notation (``max(0, @0 - @s1 + 1) = @2``), renderable both ways."""
    return Formula(template, tuple(_plain(a) for a in args), latex=False)


def equation(expression: Formula, value: float) -> Formula:
    """``expression = value``, kept apart so a page can show either side alone."""
    return Formula("@0 = @1", (expression, _plain(value)), latex=expression.latex)


def sides(f: Formula) -> tuple[Formula, float] | None:
    """The expression and the value of an :func:`equation`, else None."""
    if f.template == "@0 = @1" and isinstance(f.args[0], Formula):
        return f.args[0], f.args[1]
    return None


def _plain(value: Any) -> Any:
    # numpy scalars become Python numbers, so a Formula is plain data (JSON, equality).
    if isinstance(value, (np.floating, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def latex_number(text: str) -> str:
    """``1e-07`` as ``10^{-7}`` and ``1.2e-05`` as ``(1.2 \\times 10^{-5})``: TeX would read the
    former as the product 1 · e − 07."""
    m = _SCIENTIFIC.match(text)
    if not m:
        return text
    sign, mantissa, exp_sign, exponent = m[1], m[2].rstrip("."), "-" if m[3] == "-" else "", m[4]
    if float(mantissa) == 1:
        return f"{sign}10^{{{exp_sign}{exponent}}}"
    return rf"({sign}{mantissa} \times 10^{{{exp_sign}{exponent}}})"


def number_text(value: float, digits: int = DEFAULT_DIGITS, *, signed: bool = False,
                latex: bool = False) -> str:
    """One number as the whole app shows it (losses.numbers.fmt), for text or LaTeX."""
    text = fmt(value, digits)
    if latex:
        text = latex_number(text)
        if text in ("inf", "-inf", "nan"):
            text = {"inf": r"\infty", "-inf": r"-\infty", "nan": r"\mathrm{NaN}"}[text]
    if signed and text.startswith("-"):
        text = f"({text})"
    return text


def render_terms(terms: Terms, word, digits: int = DEFAULT_DIGITS, *, latex: bool = False) -> str:
    times = r" \times " if latex else " × "
    parts = []
    for i, value in enumerate(terms.values):
        signed = i > 0 or terms.weights is not None
        term = number_text(value, digits, signed=signed, latex=latex)
        if terms.weights is not None:
            term = number_text(terms.weights[i], digits, latex=latex) + times + term
        parts.append(term)
    separator = ", " if terms.joiner == "," else f" {terms.joiner} "
    text = separator.join(parts)
    if terms.more:
        ellipsis = r"\ldots" if latex else "..."
        more = word("latex.more", count=terms.more)
        text += f"{separator}{ellipsis} " + (rf"\text{{({latex_escape(more)})}}" if latex else f"({more})")
    return text


def render_formula(f: Formula, lang: str = "en", digits: int = DEFAULT_DIGITS, *,
                   latex: bool = True) -> str:
    """The one function that turns worked arithmetic into LaTeX or text.

    Numbers get the app's single formatting rule; words come from the catalog by key, in
    ``lang``, set in ``\\text{}`` inside LaTeX.
    """
    from losses.catalog import render_key

    def word(key: str, **params: Any) -> str:
        return render_key(key, params, lang, digits)

    template = f.template
    if latex and not f.latex:
        for text, command in _TEXT_TO_LATEX:
            template = template.replace(text, command)

    def slot(m: re.Match) -> str:
        value = f.args[int(m[2])]
        if isinstance(value, Word):
            shown = word(value.key, **value.params)
            return rf"\text{{{latex_escape(shown)}}}" if latex else shown
        if isinstance(value, Terms):
            return render_terms(value, word, digits, latex=latex)
        if isinstance(value, Formula):
            return render_formula(value, lang, digits, latex=latex)
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return str(value)
        if isinstance(value, int):
            text = str(value)
            return f"({text})" if m[1] and value < 0 else text
        if isinstance(value, float):
            return number_text(value, digits, signed=bool(m[1]), latex=latex)
        return str(value)

    return _SLOT.sub(slot, template)


def latex_escape(text: str) -> str:
    return re.sub(r"([{}_&%$#])", r"\\\1", text)
