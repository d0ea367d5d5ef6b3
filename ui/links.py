"""Lessons as links: the URL's query parameters to the explainer's widgets and back.

A link names everything that defines a lesson: ``framework``, ``loss``, ``y_true``, ``y_pred``,
``sample_weight``, ``reduction``, ``dtype``, ``lang``, ``present`` and each loss parameter under
its framework's name (``from_logits``, ``delta``, ``axis``...). ``read_link`` checks every value
the way the widgets would and turns what it cannot use into a ``LinkProblem``; the page shows those
problems and falls back to defaults. A value is never shown back as Markdown or HTML, and a
problem quotes at most a short, escaped prefix of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

import streamlit as st

import losses
from losses.compute import DEFAULT_REDUCTIONS
from losses.parsing import MAX_CHARS
from ui import state
from ui.arrays import format_array
from ui.i18n import LANGUAGES, error_text, escape_md, t

# The parser's own limit on what a learner may paste; a link value beyond it is refused before
# any parsing, so a 1 MB query string costs a length check.
MAX_VALUE_CHARS = MAX_CHARS
# What a link without a setting opens: the explainer's own defaults.
DEFAULT_LESSON: dict[str, Any] = state.DEFAULTS
DEFAULT_LOSS = state.DEFAULT_LOSS
PAGE_KEYS = ("lang", "present")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_INTEGER = re.compile(r"[+-]?[0-9]{1,6}", re.ASCII)
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?", re.ASCII)
_AXES = re.compile(r"[(\[]?\s*([+-]?[0-9]{1,2}(?:\s*,\s*[+-]?[0-9]{1,2})*)\s*,?\s*[)\]]?", re.ASCII)


@dataclass(frozen=True)
class LinkProblem:
    """One value of the link that could not be used: which, why (a message key) and what instead."""

    key: str
    message: str
    name: str
    params: dict[str, Any] = field(default_factory=dict)
    cause: losses.LossInputError | None = None


@dataclass
class Link:
    """What a link asks for: lesson values, loss parameters, page settings, and its problems."""

    lesson: dict[str, Any]
    params: dict[str, Any]
    lang: str | None = None
    present: bool | None = None
    problems: list[LinkProblem] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def _shown(value: str) -> str:
    # A problem names the value a teacher typed, cut short: the page escapes it before showing.
    return value[:24] + ("…" if len(value) > 24 else "")


def read_link(query: Mapping[str, str], *, extra_keys: tuple[str, ...] = ()) -> Link:
    """The lesson a link describes, with every unusable value replaced by its default.

    ``extra_keys`` are left for the page that asked (the quiz page's ``ask``) in ``Link.extra``.
    Only the keys present in ``query`` are set in ``Link.lesson`` and ``Link.params``.
    """
    problems: list[LinkProblem] = []
    lesson: dict[str, Any] = {}
    params: dict[str, Any] = {}
    link = Link(lesson, params, problems=problems)
    values: dict[str, str] = {}
    for name, value in query.items():
        if isinstance(value, list):  # st.query_params.to_dict() gives the last; a dict may not
            value = value[-1] if value else ""
        value = str(value)
        if len(value) > MAX_VALUE_CHARS:
            problems.append(LinkProblem(
                "link.too_long", f"The link's {name} is {len(value):,} characters long, more than "
                f"the {MAX_VALUE_CHARS:,} Loss Lab reads; it was ignored.",
                name, {"length": f"{len(value):,}", "limit": f"{MAX_VALUE_CHARS:,}"}))
            continue
        values[name] = value

    def choose(name: str, allowed) -> None:
        """A value that must be one of ``allowed``: taken into the lesson, or a problem."""
        value = values.pop(name, None)
        if value is None:
            return
        if value in allowed:
            lesson[name] = value
        else:
            problems.append(_unknown(value, name, ", ".join(allowed)))

    choose("framework", losses.FRAMEWORKS)
    framework = lesson.get("framework", DEFAULT_LESSON["framework"])

    spec = None
    loss = values.pop("loss", None)
    if loss is not None:
        try:
            spec = losses.spec(loss, framework)
            lesson["loss"] = spec.name
        except losses.LossInputError:
            problems.append(_unknown(loss, "loss", "", key="link.unknown_loss"))
            # Numbers written for a loss Loss Lab does not know would only bring more errors:
            # the whole lesson falls back to the default one.
            lesson.clear()
            framework = DEFAULT_LESSON["framework"]
            values = {k: v for k, v in values.items() if k in PAGE_KEYS or k in extra_keys}
    if spec is None:
        spec = losses.spec(DEFAULT_LOSS[framework], framework)

    for name in ("y_true", "y_pred", "sample_weight"):
        if name not in values:
            continue
        text = values.pop(name)
        if name == "sample_weight" and not text.strip():
            lesson[name] = ""
            continue
        try:
            losses.parse_array(text, argument=name)
        except losses.LossInputError as error:
            problems.append(LinkProblem(
                "link.bad_array", f"The link's {name} could not be read: {error.message.rstrip('.')}. "
                "The loss's own example is shown instead.", name, {"error": error.message}, error))
            lesson[name] = None  # the page puts the loss's example in its place
            continue
        lesson[name] = text

    choose("reduction", spec.reductions or losses.REDUCTIONS)
    choose("dtype", losses.DTYPES)

    for param in spec.params:
        if param.name not in values:
            continue
        text = values.pop(param.name)
        try:
            params[param.name] = param.validate(_param_value(param, text))
        except losses.LossInputError as error:
            problems.append(LinkProblem(
                "link.bad_param", f"The link's {param.name} could not be used: "
                f"{error.message.rstrip('.')}. The default {param.default!r} is used instead.",
                param.name, {"error": error.message, "default": repr(param.default)}, error))

    lang = values.pop("lang", None)
    if lang is not None:
        if lang in LANGUAGES:
            link.lang = lang
        else:
            problems.append(_unknown(lang, "lang", ", ".join(LANGUAGES)))
    present = values.pop("present", None)
    if present is not None:
        flag = _flag(present)
        if flag is None:
            problems.append(_unknown(present, "present", "1, 0"))
        link.present = flag
    for name in extra_keys:
        if name in values:
            link.extra[name] = values.pop(name)
    for name in sorted(values):
        problems.append(LinkProblem(
            "link.unknown_key", f"The link has a setting {_shown(name)!r} that "
            f"{spec.name} does not take; it was ignored.", _shown(name), {"loss": spec.name}))
    # Every message names the setting it is about, in any language.
    link.problems = [replace(p, params={"name": p.name, **p.params}) for p in problems]
    return link


def _unknown(value: str, name: str, allowed: str, *, key: str = "link.unknown_value") -> LinkProblem:
    choices = f" (one of: {allowed})" if allowed else ""
    return LinkProblem(
        key, f"The link's {name} {_shown(value)!r} is not known{choices}; the default is used.",
        name, {"value": _shown(value), "allowed": allowed})


def _flag(text: str) -> bool | None:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def _param_value(param: losses.Param, text: str) -> Any:
    """A parameter's text from a URL in the Python type its widget holds; validate() checks it."""
    stripped = text.strip()
    expected = {"bool": "true or false", "vector": "a list of numbers"}.get(param.kind, "a number")
    if param.optional and stripped.lower() in ("", "none", "null"):
        return None
    if param.kind == "bool":
        flag = _flag(stripped)
        if flag is not None:
            return flag
    elif param.kind in ("int", "class", "axis") and _INTEGER.fullmatch(stripped):
        return int(stripped)
    elif param.kind == "axes" and (match := _AXES.fullmatch(stripped)):
        axes = [int(part) for part in match.group(1).split(",")]
        return axes[0] if len(axes) == 1 and not stripped.startswith(("(", "[")) else axes
    elif param.kind == "vector":
        try:
            vector = losses.parse_array(stripped, argument=param.name)
        except losses.LossInputError:
            vector = None
        if vector is not None and vector.ndim == 1:
            return [float(v) for v in vector]
    elif param.kind == "float" and _FLOAT.fullmatch(stripped):
        return float(stripped)
    raise losses.LossInputError(
        f"{param.name} must be {expected}, not {_shown(stripped)!r}.",
        key="error.param_type", argument=param.name, expected=expected, value=_shown(stripped))


def _param_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    if isinstance(value, tuple):
        # Brackets read back both as axes, (1, 2), and as a list like PyTorch's weight.
        return "[" + ",".join(_param_text(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:g}" if float(f"{value:g}") == value else repr(value)
    return str(value)


def lesson_query(lesson: Mapping[str, Any], *, lang: str = "en", present: bool = False) -> dict[str, str]:
    """The query parameters of a link that opens ``lesson`` (the explainer's published lesson).

    The loss and both arrays are always written, so a link reads on its own; other settings only
    when they differ from their defaults, which keeps a link short enough to paste in a chat.
    """
    framework = lesson.get("framework", "keras")
    spec = losses.spec(lesson["loss"], framework)
    query: dict[str, str] = {}
    if framework != "keras":
        query["framework"] = framework
    query["loss"] = spec.name
    query["y_true"] = lesson["y_true"]
    query["y_pred"] = lesson["y_pred"]
    if lesson.get("sample_weight", "").strip():
        query["sample_weight"] = lesson["sample_weight"]
    default_reduction = DEFAULT_REDUCTIONS[framework]
    if lesson.get("reduction", default_reduction) != default_reduction:
        query["reduction"] = str(lesson["reduction"])
    if lesson.get("dtype", "float32") != "float32":
        query["dtype"] = lesson["dtype"]
    for param in spec.params:
        value = lesson.get("params", {}).get(param.name, param.default)
        if value != param.default:
            query[param.name] = _param_text(value)
    if lang != "en":
        query["lang"] = lang
    if present:
        query["present"] = "1"
    return query


def share_url(base: str, query: Mapping[str, str]) -> str:
    """``base`` (the page's address without its query) followed by ``query``, percent-encoded."""
    return base.split("?", 1)[0].split("#", 1)[0] + "?" + urlencode(query)


# Beyond this many characters a link would not survive being pasted into a chat or a slide; the
# share box says so and offers the downloads instead.
MAX_LINK_CHARS = 8_000
OPENED = "link_opened"
PROBLEMS = "link_problems"


def first_query(flag: str) -> dict[str, str] | None:
    """The URL's query on the first run of a page in this session (``flag`` names the page's
    marker in session state); None on later runs and when the URL has none."""
    if st.session_state.get(flag):
        return None
    st.session_state[flag] = True
    return st.query_params.to_dict() or None


def open_link_once() -> None:
    """On a session's first run, put the lesson the URL describes into the explainer's widgets.

    Call before ``state.init_state()``. Problems are kept for ``problems_ui`` to show.
    """
    session = st.session_state
    query = first_query(OPENED)
    if query is None:
        return
    link = read_link(query)
    session[PROBLEMS] = list(link.problems)
    if link.lang is not None:
        session["lang"] = link.lang
    if link.present is not None:
        session["presenting"] = link.present
    lesson = link.lesson
    if not lesson and not link.params:
        return
    framework = lesson.get("framework", "keras")
    name = lesson.get("loss", DEFAULT_LOSS[framework])
    example = losses.spec(name, framework).example
    y_true, y_pred = lesson.get("y_true"), lesson.get("y_pred")
    params = dict(link.params)
    if y_true is None or y_pred is None:
        # One unreadable (or missing) array: both from the loss's own example, which fit together.
        y_true, y_pred = format_array(example["y_true"]), format_array(example["y_pred"])
        params = {**example.get("params", {}), **params}
    state.load_example(
        name, y_true, y_pred, sample_weight=lesson.get("sample_weight") or "",
        params=params, reduction=lesson.get("reduction", example.get("reduction")),
        dtype=lesson.get("dtype", "float32"), framework=framework,
    )


def problem_text(problem: LinkProblem) -> str:
    """What the learner reads about ``problem``, in the page's language (not yet escaped)."""
    params = dict(problem.params)
    if problem.cause is not None:
        params["error"] = error_text(problem.cause)
    return t(problem.key, **params)


def problems_ui() -> None:
    """Each problem of the link this session opened with, until the learner dismisses them."""
    problems = st.session_state.get(PROBLEMS)
    if not problems:
        return
    for problem in problems:
        st.warning(escape_md(problem_text(problem)), icon=":material/link_off:")
    st.button(t("link.dismiss"), key="link_dismiss", on_click=st.session_state.pop,
              args=(PROBLEMS, None), type="tertiary")


def current_query() -> dict[str, str]:
    """The query of a link to the lesson the explainer shows now."""
    return lesson_query(st.session_state["lesson"], lang=st.session_state.get("lang", "en"),
                        present=bool(st.session_state.get("presenting")))


def sync_url() -> str | None:
    """Keep the address bar on the current lesson; returns the shareable link (None if too long)."""
    query = current_query()
    # Percent-encoding only lengthens a value, so a lesson already over the limit as typed is
    # refused before its 20,000 characters are encoded (~5 ms a run for a 1000 x 10 batch).
    too_long = sum(len(k) + len(v) + 2 for k, v in query.items()) > MAX_LINK_CHARS
    url = None if too_long else share_url(st.context.url or "", query)
    too_long = too_long or len(url) > MAX_LINK_CHARS
    wanted = {} if too_long else query
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    return None if too_long else url


def share_ui(url: str | None) -> None:
    """The copy-link control: the current lesson's link in a code box (which has a copy button)."""
    with st.popover(t("share.button"), icon=":material/link:"):
        if url is None:
            st.caption(t("share.too_long", limit=f"{MAX_LINK_CHARS:,}"))
            return
        st.caption(t("share.intro"))
        st.code(url, language=None, wrap_lines=True)
