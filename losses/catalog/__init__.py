"""Every string a learner reads, one catalog per language, and the one function that fills them.

``en.py`` and ``zh.py`` are pure data: a dict from message key to an entry. An entry is a format
string over the message's parameters (``"{count} prediction(s) clipped"``) or a *selector*, a
dict ``{"$param": {choice: entry, ...}}`` that picks the wording by the parameter's value, as
Fluent's select expressions do: first the exact value (``"true"``, ``"0"``, ``"binary"``), then
the language's plural category (``"one"`` in English), then ``"other"``. Entries nest.

Parameters stay raw until here: a float is written with the app's single rule (``fmt``, 4
significant digits unless the message says otherwise), a list of numbers as ``[1.1, 1.5]``, a
shape as ``(2, 3)``, a nested :class:`~losses.messages.Message` or
:class:`~losses.messages.Formula` in the same language.
"""

from __future__ import annotations

import logging
import string
from typing import Any, Mapping

import numpy as np

from losses.catalog.en import CATALOG as EN
from losses.catalog.zh import CATALOG as ZH
from losses.numbers import DEFAULT_DIGITS, fmt, fmt_list

log = logging.getLogger(__name__)

CATALOGS: dict[str, Mapping[str, Any]] = {"en": EN, "zh": ZH}
LANGUAGES = tuple(CATALOGS)
DEFAULT_LANGUAGE = "en"


def plural_category(lang: str, value: Any) -> str:
    """English has "one" and "other"; Chinese does not inflect for number."""
    if lang == "en" and isinstance(value, (int, float, np.integer, np.floating)) and value == 1:
        return "one"
    return "other"


def _choice(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    return str(value)


def select(entry: Any, params: Mapping[str, Any], lang: str) -> str:
    """The wording of ``entry`` for these parameters (selectors resolved)."""
    while isinstance(entry, Mapping):
        ((selector, choices),) = entry.items()
        value = params.get(selector[1:])
        picked = choices.get(_choice(value))
        if picked is None:
            picked = choices.get(plural_category(lang, value), choices["other"])
        entry = picked
    return entry


class _Formatter(string.Formatter):
    def __init__(self, lang: str, digits: int) -> None:
        self.lang = lang
        self.digits = digits

    def format_field(self, value: Any, spec: str) -> str:
        from losses.messages import Formula, Message, render_formula

        if isinstance(value, Message):
            return render(value, self.lang, self.digits)
        if isinstance(value, Formula):
            return render_formula(value, self.lang, self.digits, latex=False)
        if isinstance(value, (bool, np.bool_)):
            return str(bool(value))
        if isinstance(value, (float, np.floating)) and spec in ("", "s"):
            text = fmt(value, self.digits)
            return f"({text})" if spec == "s" and text.startswith("-") else text
        if isinstance(value, np.ndarray) or (isinstance(value, list) and spec == "list"):
            return fmt_list(value, self.digits)
        if isinstance(value, tuple) and not spec:
            return str(tuple(int(v) if isinstance(v, (int, np.integer)) else v for v in value))
        if spec == "list":
            return fmt_list(value, self.digits)
        return super().format_field(value, spec)


def render_key(key: str, params: Mapping[str, Any], lang: str = DEFAULT_LANGUAGE,
               digits: int = DEFAULT_DIGITS) -> str:
    """The text of ``key`` in ``lang`` (English where a catalog lacks it, the key if both do)."""
    entry = CATALOGS.get(lang, EN).get(key)
    if entry is None:
        entry = EN.get(key)
    if entry is None:
        # A missing string must not take a classroom's page down; tests/app/test_i18n.py
        # checks that every key the code uses exists in both catalogs.
        log.warning("no text for %r", key)
        return key
    text = select(entry, params, lang)
    return _Formatter(lang, digits).vformat(text, (), dict(params))


def render(message, lang: str = DEFAULT_LANGUAGE, digits: int = DEFAULT_DIGITS) -> str:
    """A :class:`~losses.messages.Message` as text in ``lang``."""
    return render_key(message.key, message.params, lang, digits)
