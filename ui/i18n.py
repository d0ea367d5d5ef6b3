"""The page's language, and every lookup a page makes in the catalogs (losses/catalog).

``t(key, **params)`` is a page's own string; ``say(message)`` is anything the engine emitted (a
step title, a note, an error, a loss's description): a key and raw parameters, rendered here in
the page's language with the app's one number format. ``latex(formula)`` and ``text(formula)``
write worked arithmetic. Nothing is ever matched back from English: the engine writes no
sentences. The language is ``st.session_state["lang"]``.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import streamlit as st

import losses
from losses.catalog import CATALOGS, DEFAULT_LANGUAGE, LANGUAGES, render, render_key
from losses.messages import Formula, Message, render_formula
from losses.numbers import DEFAULT_DIGITS

TEXT = CATALOGS
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}

# Characters that start Markdown (or Streamlit's :color[...] / :icon: directives) anywhere in a
# line, and those that only matter at the start of one (lists, headings, quotes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$:])")
_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])", re.MULTILINE)


_run = threading.local()


def language_from_locale(locale: str | None) -> str:
    """The browser's ``zh``, ``zh-CN``, ``zh-Hans-SG``, ... read Chinese; everything else English."""
    return "zh" if (locale or "").lower().replace("_", "-").split("-")[0] == "zh" else DEFAULT_LANGUAGE


def use_language() -> None:
    """Read the language once for this script run (sidebar() calls it on every page).

    A run reads hundreds of strings; fetching ``st.session_state["lang"]`` for each costs about a
    millisecond per run. Streamlit runs each script run in a thread of its own, so the value is
    kept per thread; outside a run (AppTest formatting options) t() reads session state.
    """
    _run.lang = _valid(st.session_state.get("lang"))


def _valid(lang: Any) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    lang = getattr(_run, "lang", None)
    return lang if lang is not None else _valid(st.session_state.get("lang"))


def t(key: str, **params: Any) -> str:
    """The page's text for ``key`` in the current language (English if untranslated)."""
    return render_key(key, params, current_language())


def say(message: Message, digits: int = DEFAULT_DIGITS) -> str:
    """A message the engine emitted, in the current language."""
    return render(message, current_language(), digits)


def latex(formula: Formula, digits: int = DEFAULT_DIGITS) -> str:
    """Worked arithmetic (or a symbolic formula) as LaTeX, its words in the page's language."""
    return render_formula(formula, current_language(), digits, latex=True)


def text(formula: Formula, digits: int = DEFAULT_DIGITS) -> str:
    """Worked arithmetic as plain text: ``(1.6 + 0.6) / 2 = 1.1``."""
    return render_formula(formula, current_language(), digits, latex=False)


def error_text(error: losses.LossInputError) -> str:
    """A LossInputError for the learner, in the page's language."""
    return say(error.message)


def loss_display(name: str, framework: str = "keras") -> str:
    """The loss's readable name, ``Hinge``."""
    loss = losses.spec(name, framework).name  # an alias ("mse") names its loss's entry
    return t(f"loss.{loss}.display")


def picker_label(name: str, framework: str = "keras") -> str:
    """``Hinge · margin``: the loss first, so a narrow picker cuts the family, not the loss."""
    family = losses.spec(name, framework).family
    return f"{loss_display(name, framework)} · {t(f'family.{family}')}"


def loss_label(name: str, framework: str = "keras") -> str:
    """``Margin · Hinge``: the family first, so the picker reads as groups."""
    family = losses.spec(name, framework).family
    return f"{t(f'family.{family}')} · {loss_display(name, framework)}"


def param_help_key(param: losses.Param) -> str:
    """The catalog key of what a parameter does (the registry names it)."""
    return getattr(param, "help_key", None) or f"param.{param.name}.help"


def param_help(param: losses.Param) -> str:
    """What a parameter does, in the page's language."""
    return t(param_help_key(param))


def escape_md(text: str) -> str:
    """Text shown literally by Streamlit's Markdown elements (st.caption, st.error, ...)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
