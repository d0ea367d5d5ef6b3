"""Every string a learner reads, by key and language, and the lookups the pages use.

``t(key, **params)`` reads the page's own strings. ``tr(key, english, **params)`` is for text the
engine already wrote in English (step titles, notes, errors, loss descriptions). The engine's
English is the source: ``tr`` shows the translation of the variant of ``key`` whose English
template, filled with the same params, says exactly what the engine wrote, and the engine's
sentence itself when none does. So a translation can never describe a different case than the
one on screen (an engine sentence reworded later shows in English until its entry is updated,
and tests/app/test_i18n.py says so). The language is ``st.session_state["lang"]``.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

import numpy as np
import streamlit as st

import losses
from ui.text_en import TEXT_EN
from ui.text_zh import TEXT_ZH

log = logging.getLogger(__name__)

TEXT: dict[str, dict[str, str]] = {"en": TEXT_EN, "zh": TEXT_ZH}
LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
DEFAULT_LANGUAGE = "en"
VARIANT = "~"


def _variant_index(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for key in table:
        index.setdefault(key.split(VARIANT, 1)[0], []).append(key)
    return {base: tuple(keys) for base, keys in index.items()}


_VARIANTS = _variant_index(TEXT_EN)

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


def _lang() -> str:
    lang = getattr(_run, "lang", None)
    return lang if lang is not None else _valid(st.session_state.get("lang"))


def t(key: str, **params: Any) -> str:
    """The page's text for ``key`` in the current language (English if untranslated)."""
    text = TEXT.get(_lang(), {}).get(key) or TEXT["en"].get(key)
    if text is None:
        # A missing string must not take a classroom's page down; tests/app/test_i18n.py
        # checks that every key the code asks for exists.
        log.warning("no text for %r", key)
        return key
    return text.format(**params) if params else text


def _shown(params: dict[str, Any]) -> dict[str, Any]:
    # The engine writes its numbers with losses.fmt (4 significant digits) but hands some params
    # over raw, such as delta = 2.0849694621257653.
    return {k: losses.fmt(v) if isinstance(v, (float, np.floating)) else v for k, v in params.items()}


def variant_key(key: str, english: str, **params: Any) -> str | None:
    """The table key whose English, filled with ``params``, is exactly ``english``; else None."""
    shown = _shown(params)
    for candidate in _VARIANTS.get(key, ()):
        try:
            if TEXT["en"][candidate].format(**shown) == english:
                return candidate
        except (KeyError, IndexError, ValueError):
            continue
    return None


def tr(key: str, english: str, **params: Any) -> str:
    """Text the engine wrote in English, in the current language when a table has it."""
    lang = _lang()
    if lang == "en":
        return english
    candidate = variant_key(key, english, **params)
    text = TEXT.get(lang, {}).get(candidate) if candidate else None
    if text is None:
        return english
    try:
        return text.format(**_shown(params))
    except (KeyError, IndexError, ValueError):
        return english


def error_text(error: losses.LossInputError) -> str:
    """A LossInputError for the learner: translated by its key, else the engine's sentence."""
    params = dict(error.params, argument=error.argument, line=error.line, column=error.column)
    return tr(error.key, error.message, **params)


def loss_display(name: str, framework: str = "keras") -> str:
    """The loss's readable name, ``Hinge``."""
    return tr(f"loss.{name}.display", losses.spec(name, framework).display)


def loss_label(name: str, framework: str = "keras") -> str:
    """``Margin · Hinge``: the family first, so the picker reads as groups."""
    family = losses.spec(name, framework).family
    # The page names the families itself (shorter than the engine's FAMILIES, for the picker).
    return f"{t(f'family.{family}')} · {loss_display(name, framework)}"


def escape_md(text: str) -> str:
    """Text shown literally by Streamlit's Markdown elements (st.caption, st.error, ...)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
