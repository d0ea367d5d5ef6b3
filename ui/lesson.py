"""The lesson every page teaches, owned in one place: its values, its link and the address bar.

A lesson is the explainer's inputs (framework, loss, y_true, y_pred, sample_weight, reduction,
dtype and the loss's parameters), the language, presentation mode, and each page's own part: the
curves page's view, the comparison's pair and preset, the quiz's question, the tutorial's chapter
and the learner's edits of each chapter (its own numbers: a tutorial link's y_true and y_pred
never touch the explainer's lesson).

Why one owner. In Streamlit's file-based multipage mode each page is its own script, and a run
forgets every keyed widget it does not draw; a selectbox also stores its *label*, so a label that
changes with the language can come back as the value. So the canonical values live in one plain
session-state entry (``st.session_state["lesson"]``, never a widget key) and every widget is a
view of one of them:

* ``bind(page, path)`` writes the canonical value into the widget's key before the widget draws
  and hands the widget an ``on_change`` that writes the learner's choice back; a value that is not
  one of the widget's choices (an old label) is refused. Widget keys are ``<page>.<path>``:
  ``explainer.loss``, ``explainer.param.huber.delta``, ``curves.view``.
* ``start(page)`` runs first on every page. On a session's first run, whatever page it opens
  on, it reads the address bar into the lesson and keeps what it could not use as problems.
* ``sync_url(page)`` writes the page's link back into the address bar and returns it for
  "Share this lesson"; ``page_query(page)`` is the same link for the navigation.

Nothing a link carries is shown as Markdown or HTML: problems are drawn with ``st.text``, which
Streamlit never parses, so even GitHub-style autolinks (``www.x.test``) stay text.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

import losses
from ui.content import compare as lcmp
from losses import curves as lcurves
from ui.content import quiz
from ui.content import tutorial
from losses.compute import DEFAULT_REDUCTIONS
from losses.parsing import MAX_CHARS
from ui.arrays import format_array
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, error_text, language_from_locale, t, use_language

LESSON = "lesson"
PROBLEMS = "lesson.problems"
# Plain entries ui.i18n reads; "lang.auto" is True while "lang" only stands in for a browser
# locale that has not arrived yet.
LANG = "lang"
AUTO = "lang.auto"


@dataclass(frozen=True)
class Page:
    name: str
    script: str
    path: str  # the URL path Streamlit gives the script ("" for app.py)
    icon: str


PAGES = {
    page.name: page
    for page in (
        Page("explainer", "app.py", "", ":material/functions:"),
        Page("tutorial", "pages/0_Tutorial.py", "Tutorial", ":material/school:"),
        Page("curves", "pages/1_Curves.py", "Curves", ":material/show_chart:"),
        Page("compare", "pages/2_Keras_vs_PyTorch.py", "Keras_vs_PyTorch", ":material/compare_arrows:"),
        Page("quiz", "pages/3_Quiz.py", "Quiz", ":material/quiz:"),
    )
}

DEFAULT_LOSS = {"keras": "hinge", "pytorch": "CrossEntropyLoss"}
# The seed example: Keras' own Hinge docstring, which gives 1.3.
DEFAULTS: dict[str, Any] = {
    "framework": "keras",
    "loss": "hinge",
    "y_true": "[[0, 1], [0, 0]]",
    "y_pred": "[[0.6, 0.4], [0.4, 0.6]]",
    "sample_weight": "",
    "reduction": "sum_over_batch_size",
    "dtype": "float32",
}
INPUT_KEYS = ("y_true", "y_pred", "sample_weight")
# The axis choices the parameter widgets offer; a link's axis must be one of them.
AXIS_CHOICES = (-1, 0, 1, 2, -2, -3)
# Dice and Tversky also sum over several axes: (1, 2) gives one score per sample of an (N, H, W) batch.
AXES_CHOICES = ((1, 2), (0, 1))

DEFAULT_LEARNING_RATE = 0.1
# The explainer's views, in their order on the page; a link's ``tab`` names one.
EXPLAINER_TABS = ("steps", "curve", "gradient", "learn")
TAB_ICONS = {"steps": ":material/format_list_numbered:", "curve": ":material/show_chart:",
             "gradient": ":material/trending_down:", "learn": ":material/directions_walk:"}
MAX_LEARNING_RATE = 1000.0
MAX_STEPS = 10_000

# Each page's own part. None means "follow the lesson" (the curves view shows the lesson's loss,
# the comparison takes the pair of the lesson's loss).
PARTS: dict[str, dict[str, Any]] = {
    "curves": {"mode": "single", "view": None, "overlay": "regression", "slope": False,
               "params": {}, "targets": {}, "zoom": True},
    "compare": {"pair": None, "preset": None, "translate": False, "class_weight": "",
                "keras_reduction": None, "torch_reduction": None, "from_logits": False},
    "quiz": {"source": "builtin", "question": quiz.QUESTIONS[0].id, "ask": None, "guess": None,
             "checked": False},
    # The tutorial keeps its own numbers: a learner's edit of a chapter never changes the
    # explainer's lesson. ``edits`` is {chapter: {"y_true": text, "y_pred": text}}.
    "tutorial": {"chapter": tutorial.IDS[0], "visited": [], "edits": {}, "guess": None,
                 "checked": False},
    # The explainer's "take a step": the learning rate, how many steps were taken, the y_pred
    # typed before the first one (reset returns to it) and the y_pred the last step wrote (any
    # other y_pred means the learner typed over it, and the count starts again).
    "learn": {"lr": DEFAULT_LEARNING_RATE, "steps": 0, "start": None, "after": None},
    # Which of the explainer's views is open: how the value is made, the numbers on the loss's
    # curve, what the model learns, or a step of learning. Only the open one is drawn (app.py).
    "explainer": {"tab": "steps"},
    # The teacher's lesson deck (ui/deck.py): its lessons, and the one presentation mode plays
    # (None: it presents the explainer's lesson alone).
    "deck": {"lessons": [], "at": None},
}
# The settings a page's link may carry besides the lesson's.
PAGE_KEYS = {
    "explainer": ("tab", "lr", "steps", "start", "deck"),
    "curves": ("view", "overlay", "slope", "target", "zoom"),
    "compare": ("pair", "preset", "translate", "class_weight", "torch_reduction"),
    "quiz": ("q", "ask"),
    "tutorial": ("chapter",),
}
VIEW_PARAM = "view."  # a curves link's parameters of a viewed loss that is not the lesson's

# --- the lesson's values ----------------------------------------------------------------------


def _new() -> dict[str, Any]:
    lesson = dict(DEFAULTS, params={}, present=False)
    lesson.update(copy.deepcopy(PARTS))
    return lesson


def state() -> dict[str, Any]:
    """The canonical lesson of this session (created on first use)."""
    if LESSON not in st.session_state:
        st.session_state[LESSON] = _new()
    return st.session_state[LESSON]


def get(name: str) -> Any:
    return state()[name]


def part(page: str) -> dict[str, Any]:
    return state()[page]


def spec() -> losses.LossSpec:
    lesson = state()
    return losses.spec(lesson["loss"], lesson["framework"])


def params() -> dict[str, Any]:
    """The current loss's parameters, each at the lesson's value or its default."""
    lesson = state()
    return {p.name: lesson["params"].get(p.name, p.default) for p in spec().params}


def reductions(framework: str, name: str) -> tuple[str, ...]:
    """The reductions ``name`` takes: Keras' five, or the PyTorch loss's own."""
    return losses.spec(name, framework).reductions or tuple(losses.REDUCTIONS)


def language() -> str:
    return st.session_state.get(LANG) if st.session_state.get(LANG) in LANGUAGES else DEFAULT_LANGUAGE


def presenting() -> bool:
    return bool(state()["present"])


def set_present(on: bool) -> None:
    state()["present"] = bool(on)


def load(name: str, y_true: str, y_pred: str, *, sample_weight: str = "",
         params: Mapping[str, Any] | None = None, reduction: str | None = None,
         dtype: str = "float32", framework: str = "keras") -> None:
    """Put a whole lesson in place (a preset, a link, a loss's example)."""
    lesson = state()
    lesson.update(framework=framework, loss=losses.spec(name, framework).name, y_true=y_true,
                  y_pred=y_pred, sample_weight=sample_weight, dtype=dtype,
                  reduction=reduction or DEFAULT_REDUCTIONS[framework])
    lesson["params"] = dict(params or {})


def load_example(name: str, framework: str = "keras") -> None:
    """The loss's own example from its spec, with the spec's parameters and the framework's defaults."""
    example = losses.spec(name, framework).example
    load(name, format_array(example["y_true"]), format_array(example["y_pred"]),
         params=example.get("params", {}), framework=framework, reduction=example.get("reduction"))


def set_loss(name: str) -> bool:
    """Change the loss, its parameters to their defaults; its own example if the numbers do not
    fit it. True when the example replaced the numbers."""
    lesson = state()
    framework = lesson["framework"]
    lesson["loss"] = name
    lesson["params"] = {}
    if lesson["reduction"] not in reductions(framework, name):
        lesson["reduction"] = DEFAULT_REDUCTIONS[framework]
    try:
        y_true = losses.parse_array(lesson["y_true"], argument="y_true")
        y_pred = losses.parse_array(lesson["y_pred"], argument="y_pred")
    except losses.LossInputError:
        return False  # the learner is mid-edit; their text stays and its message shows
    try:
        losses.compute(name, y_true, y_pred, framework=framework)
    except losses.LossInputError as error:
        if error.argument in ("y_true", "y_pred"):
            load_example(name, framework)
            return True
    except Exception:  # a loss still being written must not break switching to it
        pass
    return False


def counterpart(name: str, framework: str) -> str:
    """The nearest loss of ``framework`` to ``name`` of the other one."""
    if framework == "keras":
        try:
            match = losses.spec(name, "pytorch").counterpart
        except losses.LossInputError:
            match = ""
        return match if match in losses.names("keras") else DEFAULT_LOSS["keras"]
    for torch_name in losses.names("pytorch"):
        if losses.spec(torch_name, "pytorch").counterpart == name:
            return torch_name
    return DEFAULT_LOSS["pytorch"]


def set_framework(framework: str) -> bool:
    """Switch framework: the nearest loss, the framework's reduction, numbers that still fit."""
    lesson = state()
    old = lesson["loss"]
    back = lesson.pop("switched_from", None)
    # Keras -> PyTorch -> Keras with nothing changed returns to where the learner was: several
    # Keras losses share one torch counterpart (categorical and sparse cross-entropy both map to
    # CrossEntropyLoss), so the nearest loss alone would not.
    returning = (back is not None and back["framework"] == framework and back["to"] == old
                 and back["numbers"] == (lesson["y_true"], lesson["y_pred"]))
    # bind() has already stored the new framework; the old one is the old loss's.
    previous = next((fw for fw in losses.FRAMEWORKS if old in losses.names(fw)), framework)
    lesson["switched_from"] = {"framework": previous, "loss": old, "to": None,
                               "numbers": (lesson["y_true"], lesson["y_pred"]),
                               "sample_weight": lesson["sample_weight"]}
    lesson["framework"] = framework
    lesson["reduction"] = DEFAULT_REDUCTIONS[framework]
    if framework == "pytorch":
        # torch.nn losses take no sample_weight: their forward is (input, target).
        lesson["sample_weight"] = ""
    if returning:
        lesson["switched_from"] = None
        lesson["sample_weight"] = back["sample_weight"]
        return set_loss(back["loss"])
    replaced = set_loss(counterpart(old, framework))
    lesson["switched_from"]["to"] = lesson["loss"]
    lesson["switched_from"]["numbers"] = (lesson["y_true"], lesson["y_pred"])
    return replaced


def shared() -> dict[str, Any]:
    """The explainer's lesson as plain data: what the other pages and the quiz read."""
    lesson = state()
    return {key: lesson[key] for key in DEFAULTS} | {"params": params()}


def digest() -> str:
    """A short name for everything the explanation of the current lesson depends on."""
    text = json.dumps([shared(), language()], sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


# --- widgets as views of the lesson ------------------------------------------------------------


def _container(path: str) -> tuple[dict, str]:
    """The dict that holds ``path`` and the key in it: "loss", "param.huber.delta", "curves.view"."""
    lesson = state()
    head, _, rest = path.partition(".")
    if head == "param":
        loss, _, name = rest.partition(".")
        return lesson["params"] if loss == lesson["loss"] else {}, name
    if head in PARTS:
        inner, _, name = rest.partition(".")
        if name:  # curves.params.<loss>.<param>, curves.targets.<loss>
            holder = lesson[head].setdefault(inner, {})
            loss, _, leaf = name.partition(".")
            return (holder.setdefault(loss, {}), leaf) if leaf else (holder, loss)
        return lesson[head], inner
    return lesson, path


def value(path: str, default: Any = None) -> Any:
    if path == LANG:
        return language()
    holder, name = _container(path)
    return holder.get(name, default)


def put(path: str, new: Any) -> None:
    if path == LANG:
        st.session_state[LANG], st.session_state[AUTO] = new, False
        return
    holder, name = _container(path)
    holder[name] = new


def _taken(key: str, path: str, choices, then: Callable | None, args: tuple) -> None:
    new = st.session_state.get(key)
    # A widget's value is a name; anything else (a stale label from the other language) is
    # refused and the lesson keeps its value.
    if choices is not None and new not in choices:
        return
    put(path, new)
    if then is not None:
        then(*args)


def bind(page: str, path: str, *, default: Any = None, choices=None,
         then: Callable | None = None, args: tuple = ()) -> dict[str, Any]:
    """``key`` and ``on_change`` for a widget that shows and edits the lesson's ``path``.

    Called right before the widget: the lesson's value goes into the widget's key on every run,
    so the widget can never hold a value the lesson does not (another page's edit, a preset, a
    label of the other language).
    """
    # A page's own part already starts with the page's name: "curves.mode", not "curves.curves.mode".
    key = path if path.startswith(page + ".") else f"{page}.{path}"
    current = value(path, default)
    if choices is not None and current not in choices:
        # The widget shows the default; the lesson keeps its own value (None: "follow the
        # lesson") until the learner picks.
        current = default if default in choices else next(iter(choices))
    st.session_state[key] = current
    return {"key": key, "on_change": _taken, "args": (key, path, choices, then, args)}


# --- links -------------------------------------------------------------------------------------

# The parser's own limit on what a learner may paste; a link value beyond it is refused before
# any parsing, so a 1 MB query string costs a length check.
MAX_VALUE_CHARS = MAX_CHARS
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_INTEGER = re.compile(r"[+-]?[0-9]{1,6}", re.ASCII)
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?", re.ASCII)
_AXES = re.compile(r"[(\[]?\s*([+-]?[0-9]{1,2}(?:\s*,\s*[+-]?[0-9]{1,2})*)\s*,?\s*[)\]]?", re.ASCII)


@dataclass(frozen=True)
class LinkProblem:
    """One value of the link that could not be used: which, why (a message key) and what instead."""

    key: str
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


def _shown(text: str) -> str:
    # A problem names the value a teacher typed, cut short.
    return text[:24] + ("…" if len(text) > 24 else "")


def _unknown(text: str, name: str, allowed: str, *, key: str = "link.unknown_value") -> LinkProblem:
    return LinkProblem(key, name, {"value": _shown(text), "allowed": allowed})


def _flag(text: str) -> bool | None:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def axis_choices(param: losses.Param) -> tuple:
    choices = ((None,) if param.optional else ()) + AXIS_CHOICES
    return choices + AXES_CHOICES if param.kind == "axes" else choices


def param_value(param: losses.Param, text: str) -> Any:
    """A parameter's text from a URL in the Python type its widget holds, validated."""
    stripped = text.strip()
    expected = {"bool": "bool", "vector": "list"}.get(param.kind, "number")
    parsed: Any = ...
    if param.optional and stripped.lower() in ("", "none", "null"):
        parsed = None
    elif param.kind == "bool":
        flag = _flag(stripped)
        parsed = ... if flag is None else flag
    elif param.kind in ("int", "class", "axis") and _INTEGER.fullmatch(stripped):
        parsed = int(stripped)
    elif param.kind == "axes" and (match := _AXES.fullmatch(stripped)):
        axes = [int(part) for part in match.group(1).split(",")]
        parsed = axes[0] if len(axes) == 1 and not stripped.startswith(("(", "[")) else tuple(axes)
    elif param.kind == "vector":
        try:
            vector = losses.parse_array(stripped, argument=param.name)
        except losses.LossInputError:
            vector = None
        if vector is not None and vector.ndim == 1:
            parsed = [float(v) for v in vector]
    elif param.kind == "float" and _FLOAT.fullmatch(stripped):
        parsed = float(stripped)
    if parsed is ...:
        raise losses.LossInputError("error.param_type", argument=param.name, expected=expected,
                                    value=repr(_shown(stripped)))
    parsed = param.validate(parsed)
    if param.kind in ("axis", "axes") and parsed not in axis_choices(param):
        # A valid integer the page offers no widget choice for: said, never dropped silently.
        raise losses.LossInputError(
            "link.not_a_choice", argument=param.name, value=_shown(stripped),
            allowed=", ".join("none" if a is None else str(a).replace(" ", "") for a in axis_choices(param)))
    return parsed


def _param_problem(param: losses.Param, error: losses.LossInputError, name: str | None = None) -> LinkProblem:
    if error.key == "link.not_a_choice":
        return LinkProblem("link.not_a_choice", name or param.name,
                           {"value": error.params["value"], "allowed": error.params["allowed"]})
    return LinkProblem("link.bad_param", name or param.name,
                       {"error": error.message, "default": repr(param.default)}, error)


def _lesson_keys() -> set[str]:
    # What a link may say about a lesson: its arrays, reduction, dtype and any loss's parameters.
    names = {*INPUT_KEYS, "reduction", "dtype"}
    for framework in losses.FRAMEWORKS:
        for name in losses.names(framework):
            names.update(p.name for p in losses.spec(name, framework).params)
    return names


def read_link(query: Mapping[str, Any], *, extra_keys: tuple[str, ...] = (),
              extra_prefix: str | None = None) -> Link:
    """The lesson a link describes, with every unusable value replaced by its default.

    ``extra_keys`` (and keys starting with ``extra_prefix``) are the page's own settings, left in
    ``Link.extra`` for the page part to read. Only keys present in ``query`` are set.
    """
    problems: list[LinkProblem] = []
    lesson: dict[str, Any] = {}
    link_params: dict[str, Any] = {}
    link = Link(lesson, link_params, problems=problems)
    values: dict[str, str] = {}
    for name, text in query.items():
        if isinstance(text, list):  # st.query_params.to_dict() gives the last; a dict may not
            text = text[-1] if text else ""
        text = str(text)
        if len(text) > MAX_VALUE_CHARS:
            problems.append(LinkProblem("link.too_long", _shown(name),
                                        {"length": f"{len(text):,}", "limit": f"{MAX_VALUE_CHARS:,}"}))
            continue
        values[name] = text

    def choose(name: str, allowed) -> None:
        text = values.pop(name, None)
        if text is None:
            return
        if text in allowed:
            lesson[name] = text
        else:
            problems.append(_unknown(text, name, ", ".join(allowed)))

    def keep(name: str) -> bool:
        return name in ("lang", "present") or name in extra_keys or bool(
            extra_prefix and name.startswith(extra_prefix))

    choose("framework", losses.FRAMEWORKS)
    framework = lesson.get("framework", DEFAULTS["framework"])
    loss_spec = None
    loss = values.pop("loss", None)
    if loss is not None:
        try:
            loss_spec = losses.spec(loss, framework)
            lesson["loss"] = loss_spec.name
        except losses.LossInputError:
            problems.append(_unknown(loss, "loss", "", key="link.unknown_loss"))
            # Numbers written for a loss Loss Lab does not know would only bring more errors:
            # the whole lesson falls back to the default one.
            lesson.clear()
            framework = DEFAULTS["framework"]
            values = {k: v for k, v in values.items() if keep(k) or k not in _lesson_keys()}
    if loss_spec is None:
        loss_spec = losses.spec(DEFAULT_LOSS[framework], framework)

    for name in INPUT_KEYS:
        if name not in values:
            continue
        text = values.pop(name)
        if name == "sample_weight" and framework == "pytorch":
            if text.strip():
                problems.append(LinkProblem("link.torch_no_weight", name))
            continue
        if name == "sample_weight" and not text.strip():
            lesson[name] = ""
            continue
        try:
            losses.parse_array(text, argument=name)
        except losses.LossInputError as error:
            problems.append(LinkProblem("link.bad_array", name, {"error": error.message}, error))
            lesson[name] = None  # the lesson puts the loss's example in its place
            continue
        lesson[name] = text

    choose("reduction", loss_spec.reductions or losses.REDUCTIONS)
    choose("dtype", losses.DTYPES)
    for param in loss_spec.params:
        if param.name in values:
            try:
                link_params[param.name] = param_value(param, values.pop(param.name))
            except losses.LossInputError as error:
                problems.append(_param_problem(param, error))

    lang = values.pop("lang", None)
    if lang is not None:
        if lang in LANGUAGES:
            link.lang = lang
        else:
            problems.append(_unknown(lang, "lang", ", ".join(LANGUAGES)))
    present = values.pop("present", None)
    if present is not None:
        link.present = _flag(present)
        if link.present is None:
            problems.append(_unknown(present, "present", "1, 0"))
    for name in list(values):
        if keep(name):
            link.extra[name] = values.pop(name)
    for name in sorted(values):
        problems.append(LinkProblem("link.unknown_key", _shown(name), {"loss": loss_spec.name}))
    # Every message names the setting it is about, in any language.
    link.problems = [replace(p, params={"name": p.name, **p.params}) for p in problems]
    return link


def param_text(value_: Any) -> str:
    if isinstance(value_, bool):
        return "true" if value_ else "false"
    if value_ is None:
        return "none"
    if isinstance(value_, (tuple, list)):
        # Brackets read back both as axes, (1, 2), and as a list like PyTorch's weight.
        return "[" + ",".join(param_text(v) for v in value_) + "]"
    if isinstance(value_, float):
        return f"{value_:g}" if float(f"{value_:g}") == value_ else repr(value_)
    return str(value_)


def lesson_query(lesson: Mapping[str, Any], *, lang: str = "en", present: bool = False) -> dict[str, str]:
    """The query of a link that opens ``lesson`` (the shape of ``shared()``).

    The loss and both arrays are always written, so a link reads on its own; other settings only
    when they differ from their defaults, which keeps a link short enough to paste in a chat.
    """
    framework = lesson.get("framework", "keras")
    loss_spec = losses.spec(lesson["loss"], framework)
    query: dict[str, str] = {}
    if framework != "keras":
        query["framework"] = framework
    query["loss"] = loss_spec.name
    query["y_true"] = lesson["y_true"]
    query["y_pred"] = lesson["y_pred"]
    if framework == "keras" and lesson.get("sample_weight", "").strip():
        query["sample_weight"] = lesson["sample_weight"]
    if lesson.get("reduction", DEFAULT_REDUCTIONS[framework]) != DEFAULT_REDUCTIONS[framework]:
        query["reduction"] = str(lesson["reduction"])
    if lesson.get("dtype", "float32") != "float32":
        query["dtype"] = lesson["dtype"]
    for param in loss_spec.params:
        current = lesson.get("params", {}).get(param.name, param.default)
        if current != param.default:
            query[param.name] = param_text(current)
    if lang != DEFAULT_LANGUAGE:
        query["lang"] = lang
    if present:
        query["present"] = "1"
    return query


def share_url(base: str, query: Mapping[str, str]) -> str:
    """``base`` (an address, its query dropped) followed by ``query``, percent-encoded.

    The path always ends the address before "?": ``http://host/?loss=...``, ``http://host/Quiz?...``.
    """
    parts = urlsplit(base)
    path = parts.path or "/"
    return f"{parts.scheme}://{parts.netloc}{path}" + ("?" + urlencode(query) if query else "")


# --- opening a link ----------------------------------------------------------------------------


def _apply(link: Link) -> None:
    """The lesson values of ``link`` into the session's lesson (problems already noted)."""
    values = link.lesson
    if link.lang is not None:
        st.session_state[LANG], st.session_state[AUTO] = link.lang, False
    if link.present is not None:
        set_present(link.present)
    if not values and not link.params:
        return
    framework = values.get("framework", "keras")
    name = values.get("loss", DEFAULT_LOSS[framework])
    example = losses.spec(name, framework).example
    y_true, y_pred = values.get("y_true"), values.get("y_pred")
    link_params = dict(link.params)
    if y_true is None or y_pred is None:
        # One unreadable (or missing) array: both from the loss's own example, which fit together.
        y_true, y_pred = format_array(example["y_true"]), format_array(example["y_pred"])
        link_params = {**example.get("params", {}), **link_params}
    load(name, y_true, y_pred, sample_weight=values.get("sample_weight") or "", params=link_params,
         reduction=values.get("reduction", example.get("reduction")),
         dtype=values.get("dtype", "float32"), framework=framework)


def _problem(key: str, name: str, **params: Any) -> LinkProblem:
    return LinkProblem(key, name, {"name": name, **params})


def _read_curves(link: Link, problems: list[LinkProblem]) -> None:
    curves = part("curves")
    extra = link.extra
    framework = state()["framework"]  # the link's own lesson is already in
    if "view" in extra:
        try:
            name = losses.spec(extra["view"], framework).name
        except losses.LossInputError:
            name = None
        if name in lcurves.registered_views(framework):
            curves["view"], curves["mode"] = name, "single"
        else:
            problems.append(_problem("link.unknown_value", "view", value=_shown(extra["view"]),
                                     allowed=""))
    overlay = _read_choice(extra, "overlay", lcurves.OVERLAYS, problems)
    if overlay is not None:
        curves["overlay"], curves["mode"] = overlay, "overlay"
    slope = _read_flag(extra, "slope", problems)
    if slope is not None:
        curves["slope"] = slope
    zoom = _read_flag(extra, "zoom", problems)
    if zoom is not None:
        curves["zoom"] = zoom
    viewed = curves_view()
    if "target" in extra:
        bounds = lcurves.TARGETS.get(viewed)
        text = extra["target"].strip()
        number = float(text) if _FLOAT.fullmatch(text) else None
        if bounds is None or number is None or not bounds[1] <= number <= bounds[2]:
            allowed = f"{bounds[1]:g} … {bounds[2]:g}" if bounds else ""
            problems.append(_problem("link.unknown_value", "target", value=_shown(text), allowed=allowed))
        else:
            curves["targets"][viewed] = number
    view_params = {k[len(VIEW_PARAM):]: v for k, v in extra.items() if k.startswith(VIEW_PARAM)}
    if view_params:
        by_name = ({p.name: p for p in losses.spec(viewed, framework).params}
                   if viewed in losses.names(framework) else {})
        for name, text in view_params.items():
            param = by_name.get(name)
            if param is None:
                problems.append(_problem("link.unknown_key", _shown(VIEW_PARAM + name), loss=viewed))
                continue
            try:
                curves["params"].setdefault(viewed, {})[name] = param_value(param, text)
            except losses.LossInputError as error:
                problems.append(_param_problem(param, error, VIEW_PARAM + name))


def _read_choice(extra: Mapping[str, str], name: str, allowed, problems: list[LinkProblem]) -> str | None:
    """The link's ``name`` if it is one of ``allowed``; else a problem (and None)."""
    if name not in extra:
        return None
    if extra[name] in allowed:
        return extra[name]
    problems.append(_problem("link.unknown_value", name, value=_shown(extra[name]),
                             allowed=", ".join(allowed)))
    return None


def _read_flag(extra: Mapping[str, str], name: str, problems: list[LinkProblem]) -> bool | None:
    """The link's ``name`` as on/off (1/0, true/false, ...); else a problem (and None)."""
    if name not in extra:
        return None
    flag = _flag(extra[name])
    if flag is None:
        problems.append(_problem("link.unknown_value", name, value=_shown(extra[name]), allowed="1, 0"))
    return flag


def _read_compare(link: Link, problems: list[LinkProblem]) -> None:
    compare = part("compare")
    extra = link.extra
    preset = extra.get("preset")
    if preset is not None:
        if preset in lcmp.PRESETS_BY_ID:
            load_compare_preset(preset)
            _apply(link)  # the link's own numbers, if it has any, win over the preset's
        else:
            problems.append(_problem("link.unknown_value", "preset", value=_shown(preset),
                                     allowed=", ".join(lcmp.PRESETS_BY_ID)))
    pair = _read_choice(extra, "pair", tuple(lcmp.PAIRS_BY_ID), problems)
    if pair is not None:
        compare["pair"] = pair
    translate = _read_flag(extra, "translate", problems)
    if translate is not None:
        compare["translate"] = translate
    if "class_weight" in extra:
        text = extra["class_weight"]
        try:
            weights = losses.parse_array(text, argument="class_weight") if text.strip() else None
            if weights is not None and weights.ndim != 1:
                raise losses.LossInputError("error.param_type", argument="class_weight",
                                            expected="list", value=repr(_shown(text)))
            compare["class_weight"] = text
        except losses.LossInputError as error:
            problems.append(LinkProblem("link.bad_array", "class_weight",
                                        {"name": "class_weight", "error": error.message}, error))
    if "torch_reduction" in extra:
        pair = lcmp.PAIRS_BY_ID[compare_pair()]
        allowed = losses.spec(pair.torch, "pytorch").reductions
        if extra["torch_reduction"] in allowed:
            compare["torch_reduction"] = extra["torch_reduction"]
        else:
            problems.append(_problem("link.unknown_value", "torch_reduction",
                                     value=_shown(extra["torch_reduction"]), allowed=", ".join(allowed)))


def _read_quiz(link: Link, problems: list[LinkProblem]) -> None:
    part_ = part("quiz")
    q_id, ask = link.extra.get("q"), link.extra.get("ask")
    builtin = quiz.BY_ID.get(q_id) if q_id is not None else None
    if q_id is not None and builtin is None:
        problems.append(_problem("quiz.link.unknown_q", "q"))
    has_lesson = bool(link.lesson or link.params)
    if builtin is not None and (not has_lesson or quiz.same_lesson(quiz.from_lesson(shared()), builtin)):
        part_["source"], part_["question"] = "builtin", builtin.id
        if ask is not None and ask != builtin.ask:
            problems.append(_problem("quiz.link.bad_ask_form", "ask"))
        return
    if not has_lesson and ask is None:
        return
    # The question is the link's lesson (a built-in one with changed numbers loses its hint).
    part_["source"] = "lesson"
    try:
        trace = quiz.trace_of(quiz.from_lesson(shared()))
    except losses.LossInputError as error:
        problems.append(_problem("quiz.link.invalid", "y_pred", error=error.message))
        part_["source"] = "builtin"
        return
    if ask is None:
        part_["ask"] = builtin.ask if builtin is not None and builtin.ask in quiz.asks(trace) else None
        return
    chosen = quiz.parse_ask(ask, trace)
    if chosen is None:
        if ask != quiz.VALUE and not quiz.looks_like_sample(ask):
            problems.append(_problem("quiz.link.bad_ask_form", "ask"))
        else:
            unreduced = getattr(trace.value, "ndim", 0) != 0
            problems.append(_problem("quiz.link.bad_ask_unreduced" if unreduced else "quiz.link.bad_ask",
                                     "ask", last=quiz.sample_count(trace) - 1))
    part_["ask"] = chosen


def _read_tutorial(link: Link, problems: list[LinkProblem]) -> None:
    part_ = part("tutorial")
    chapter_id = link.extra.get("chapter")
    if chapter_id is not None:
        if chapter_id in tutorial.BY_ID:
            part_["chapter"] = chapter_id
        else:
            problems.append(_problem("link.unknown_value", "chapter", value=_shown(chapter_id),
                                     allowed=", ".join(tutorial.IDS)))
    # Each chapter has its own loss and settings: a tutorial link carries only its numbers, and
    # says so of anything else a course page put in it.
    for name in [*sorted(k for k in link.lesson if k not in ("y_true", "y_pred")), *sorted(link.params)]:
        problems.append(_problem("link.tutorial_ignored", name))
    edits = {name: link.lesson[name] for name in ("y_true", "y_pred") if name in link.lesson}
    # An unreadable array (None, its problem already noted) leaves the chapter's own example,
    # whose two arrays fit together.
    if edits and None not in edits.values():
        part_["edits"][part_["chapter"]] = edits


def _read_learn(link: Link, problems: list[LinkProblem]) -> None:
    learn = part("learn")
    extra = link.extra
    if "lr" in extra:
        text = extra["lr"].strip()
        rate = float(text) if _FLOAT.fullmatch(text) else None
        if rate is None or not 0 < rate <= MAX_LEARNING_RATE:
            problems.append(_problem("link.unknown_value", "lr", value=_shown(text),
                                     allowed=f"0 … {MAX_LEARNING_RATE:g}"))
        else:
            learn["lr"] = rate
    if "steps" not in extra and "start" not in extra:
        return
    text = extra.get("steps", "").strip()
    steps = int(text) if _INTEGER.fullmatch(text) else None
    start = extra.get("start")
    if steps is None or not 0 <= steps <= MAX_STEPS:
        problems.append(_problem("link.unknown_value", "steps", value=_shown(text),
                                 allowed=f"0 … {MAX_STEPS:,}"))
        return
    if start is None:
        problems.append(_problem("link.missing_start", "start"))
        return
    try:
        losses.parse_array(start, argument="start")
    except losses.LossInputError as error:
        problems.append(LinkProblem("link.bad_array", "start", {"name": "start", "error": error.message}, error))
        return
    learn.update(steps=steps, start=start, after=state()["y_pred"])


def learn_query() -> dict[str, str]:
    """The explainer link's learning settings: the rate when it is not the default, the steps."""
    learn = part("learn")
    query = {}
    if learn["lr"] != DEFAULT_LEARNING_RATE:
        query["lr"] = param_text(learn["lr"])
    if stepped():
        query["steps"], query["start"] = str(learn["steps"]), learn["start"]
    return query


def stepped() -> bool:
    """Whether the lesson's y_pred is the result of steps (not typed over since)."""
    learn = part("learn")
    return learn["steps"] > 0 and learn["start"] is not None and learn["after"] == state()["y_pred"]


def take_step(y_pred: str) -> None:
    """Write the stepped predictions into the lesson; the first step remembers the typed ones."""
    lesson, learn = state(), part("learn")
    if not stepped():
        learn.update(steps=0, start=lesson["y_pred"])
    lesson["y_pred"] = y_pred
    learn.update(steps=learn["steps"] + 1, after=y_pred)


def reset_steps() -> None:
    """Back to the y_pred typed before the first step."""
    lesson, learn = state(), part("learn")
    if stepped():
        lesson["y_pred"] = learn["start"]
    forget_steps()


def open_tab(tab: str) -> None:
    """Open one of the explainer's views (``EXPLAINER_TABS``)."""
    part("explainer")["tab"] = tab


def tab_labels() -> dict[str, str]:
    """The explainer's views by name, labelled in the page's language."""
    return {tab: f"{TAB_ICONS[tab]} {t(f'explainer.tab.{tab}')}" for tab in EXPLAINER_TABS}


def _tab_taken(key: str) -> None:
    # The tab bar's value is a label; a stale one of the other language keeps the lesson's tab.
    for tab, label in tab_labels().items():
        if st.session_state.get(key) == label:
            open_tab(tab)


def tabs_ui(page: str) -> dict[str, Any]:
    """The explainer's views as tabs; returns {name: tab container} with ``.open``.

    The open tab is the lesson's, so it survives a language switch, a page switch and a link.
    """
    key = f"{page}.tab"
    labels = tab_labels()
    st.session_state[key] = labels[part("explainer")["tab"]]
    # Keyed, so ui/trace_view's CSS can draw the tab bar large enough to read from the back.
    with st.container(key=f"{page}_views"):
        containers = st.tabs(list(labels.values()), key=key, on_change=_tab_taken, args=(key,))
    return dict(zip(labels, containers))


def forget_steps() -> None:
    """A new lesson (a preset): no steps taken yet."""
    part("learn").update(steps=0, start=None, after=None)


def _read_explainer(link: Link, problems: list[LinkProblem]) -> None:
    _read_learn(link, problems)
    tab = link.extra.get("tab")
    if tab is not None:
        tab = tab.strip()
        if tab in EXPLAINER_TABS:
            part("explainer")["tab"] = tab
        else:
            problems.append(_problem("link.unknown_value", "tab", value=_shown(tab),
                                     allowed=", ".join(EXPLAINER_TABS)))
    elif {"lr", "steps", "start"} & link.extra.keys():
        # A link that carries a learning rate or steps was shared from the learning view.
        part("explainer")["tab"] = "learn"
    if "deck" in link.extra:
        from ui import deck  # ui.deck builds on this module

        if deck.read_link(link.extra["deck"], problems) and link.present:
            deck.go_to(0)


PART_READERS = {"curves": _read_curves, "compare": _read_compare, "quiz": _read_quiz,
                "tutorial": _read_tutorial, "explainer": _read_explainer}
# Pages whose link's arrays are their own, not the explainer's lesson.
OWN_INPUTS = ("tutorial",)


def open_link(page: str, query: Mapping[str, Any]) -> list[LinkProblem]:
    """Put the lesson ``query`` describes in place, as opened on ``page``; its problems."""
    link = read_link(query, extra_keys=PAGE_KEYS[page],
                     extra_prefix=VIEW_PARAM if page == "curves" else None)
    problems = list(link.problems)
    _apply(replace(link, lesson={}, params={}) if page in OWN_INPUTS else link)
    reader = PART_READERS.get(page)
    if reader is not None:
        try:
            reader(link, problems)
        except Exception:  # a link must never take the page down; the defaults remain
            problems.append(_problem("error.unexpected", "link"))
    return problems


def _browser_language() -> str | None:
    try:
        locale = st.context.locale
    except Exception:  # no browser behind this session (AppTest, a bare script run)
        return None
    return language_from_locale(locale) if locale else None


def _init_language() -> None:
    """The session's choice of language, else the browser's (which may arrive a run late)."""
    session = st.session_state
    if session.get(LANG) in LANGUAGES and not session.get(AUTO):
        return
    browser = _browser_language()
    if browser is not None:
        session[LANG], session[AUTO] = browser, False
    elif session.get(LANG) not in LANGUAGES:
        session[LANG], session[AUTO] = DEFAULT_LANGUAGE, True


def _repair(lesson: dict[str, Any]) -> None:
    # Whatever wrote the lesson (a test, a future page), every page can draw it: a value that
    # does not fit goes back to its default instead of taking every page down.
    if lesson.get("framework") not in losses.FRAMEWORKS:
        lesson["framework"] = DEFAULTS["framework"]
    if lesson.get("loss") not in losses.names(lesson["framework"]):
        lesson["loss"], lesson["params"] = DEFAULT_LOSS[lesson["framework"]], {}
    if lesson.get("reduction") not in reductions(lesson["framework"], lesson["loss"]):
        lesson["reduction"] = DEFAULT_REDUCTIONS[lesson["framework"]]
    if lesson.get("dtype") not in losses.DTYPES:
        lesson["dtype"] = DEFAULTS["dtype"]
    for key, default in {**DEFAULTS, "params": {}, "present": False, **copy.deepcopy(PARTS)}.items():
        lesson.setdefault(key, default)


def start(page: str) -> None:
    """Every page's first call: on a session's first run, the link it opened with."""
    first = LESSON not in st.session_state
    _repair(state())
    if first:
        query = st.query_params.to_dict()
        if query:
            st.session_state[PROBLEMS] = open_link(page, query)
    _init_language()
    use_language()


# --- the page's link --------------------------------------------------------------------------


DEFAULT_VIEW = {"keras": "huber", "pytorch": "HuberLoss"}


def curves_view() -> str:
    """The loss the curves page shows, of the lesson's framework: its own pick, else the
    lesson's loss, else Huber."""
    lesson = state()
    framework = lesson["framework"]
    views = lcurves.registered_views(framework)
    for chosen in (lesson["curves"]["view"], lesson["loss"]):
        if chosen in views:
            return chosen
    return DEFAULT_VIEW[framework]


def pick_curves_view(name: str) -> None:
    # Picking the lesson's own loss means "follow the lesson" again.
    state()["curves"]["view"] = None if name == state()["loss"] else name


def compare_pair() -> str:
    """The comparison's pair: the page's choice, else the one of the lesson's loss."""
    chosen = part("compare")["pair"]
    if chosen in lcmp.PAIRS_BY_ID:
        return chosen
    lesson = state()
    if lesson["framework"] == "keras":
        pair = lcmp.pair_for_keras(lesson["loss"])
    else:
        pair = next((p for p in lcmp.PAIRS if p.torch == lesson["loss"]), None)
    return pair.id if pair is not None else lcmp.PRESETS[0].lesson.pair


def follow_pair() -> None:
    """The comparison's pair was picked: its Keras loss becomes the lesson's, as if picked on
    the explainer (its example if the numbers do not fit), with the pair's fixed parameters."""
    pair = lcmp.PAIRS_BY_ID[compare_pair()]
    lesson = state()
    if lesson["framework"] != "keras" or lesson["loss"] != pair.keras:
        if lesson["framework"] != "keras":
            set_framework("keras")
        set_loss(pair.keras)
    lesson["params"].update(pair.keras_params)


def load_compare_preset(preset_id: str) -> None:
    """A comparison preset: its numbers become the lesson, its settings the page's part."""
    preset = lcmp.PRESETS_BY_ID[preset_id].lesson
    pair = lcmp.PAIRS_BY_ID[preset.pair]
    load(pair.keras, format_array(preset.y_true), format_array(preset.y_pred),
         params={**pair.keras_params, **preset.keras_params}, reduction=preset.keras_reduction)
    part("compare").update(
        pair=preset.pair, preset=preset_id, translate=preset.translate,
        class_weight="" if preset.class_weight is None else format_array(preset.class_weight),
        keras_reduction=preset.keras_reduction, torch_reduction=preset.torch_reduction,
        from_logits=bool(preset.keras_params.get("from_logits", False)))


def still_preset(preset_id: str | None) -> bool:
    """True while the lesson and the comparison's settings are still those of ``preset_id``."""
    if preset_id not in lcmp.PRESETS_BY_ID:
        return False
    preset = lcmp.PRESETS_BY_ID[preset_id].lesson
    compare = part("compare")
    return (state()["y_true"] == format_array(preset.y_true)
            and state()["y_pred"] == format_array(preset.y_pred)
            and compare_pair() == preset.pair and compare["translate"] == preset.translate)


def tutorial_chapter() -> tutorial.Chapter:
    return tutorial.BY_ID.get(part("tutorial")["chapter"], tutorial.CHAPTERS[0])


def tutorial_inputs() -> dict[str, str]:
    """The current chapter's y_true and y_pred: the learner's edit, else the chapter's own."""
    chapter = tutorial_chapter()
    edits = part("tutorial")["edits"].get(chapter.id, {})
    return {name: edits.get(name, getattr(chapter, name)) for name in ("y_true", "y_pred")}


def tutorial_query() -> dict[str, str]:
    """The chapter, and the learner's numbers where they differ from the chapter's."""
    chapter = tutorial_chapter()
    query = {"chapter": chapter.id}
    for name, current in tutorial_inputs().items():
        if current != getattr(chapter, name):
            query[name] = current
    return query


def page_query(page: str) -> dict[str, str]:
    """The query of a link that opens ``page`` as it is now."""
    lang = language()
    if page == "quiz":
        quiz_part = part("quiz")
        if quiz_part["source"] == "builtin":
            query = {"q": quiz_part["question"]}
            return query | ({"lang": lang} if lang != DEFAULT_LANGUAGE else {})
        query = lesson_query(shared(), lang=lang)
        if quiz_part["ask"] is not None:
            query["ask"] = quiz_part["ask"]
        return query
    if page == "tutorial":
        return tutorial_query() | ({"lang": lang} if lang != DEFAULT_LANGUAGE else {})
    if page == "explainer" and presenting():
        from ui import deck  # ui.deck builds on this module

        if deck.playing() is not None:
            # Reloading the page plays the deck again, from its first lesson.
            return deck.link_query(present=True)
    query = lesson_query(shared(), lang=lang, present=page == "explainer" and presenting())
    if page == "explainer":
        if part("explainer")["tab"] != EXPLAINER_TABS[0]:
            query["tab"] = part("explainer")["tab"]
        query |= learn_query()
    if page == "curves":
        curves = part("curves")
        if curves["mode"] == "overlay":
            query["overlay"] = curves["overlay"]
        elif curves["view"] and curves["view"] != state()["loss"]:
            query["view"] = curves["view"]
            for name, current in curves["params"].get(curves["view"], {}).items():
                query[VIEW_PARAM + name] = param_text(current)
        viewed = curves_view()
        if curves["mode"] == "single" and viewed in curves["targets"]:
            query["target"] = param_text(curves["targets"][viewed])
        if curves["slope"]:
            query["slope"] = "1"
        if not curves.get("zoom", True):
            query["zoom"] = "0"
    elif page == "compare":
        compare = part("compare")
        if compare["pair"]:
            query["pair"] = compare["pair"]
        if still_preset(compare["preset"]):
            query["preset"] = compare["preset"]
        if compare["translate"]:
            query["translate"] = "1"
        if compare["class_weight"].strip():
            query["class_weight"] = compare["class_weight"]
        if compare["torch_reduction"]:
            query["torch_reduction"] = compare["torch_reduction"]
    return query


# Beyond this many characters a link would not survive being pasted into a chat or a slide; the
# share box says so and offers the downloads instead.
MAX_LINK_CHARS = 8_000
# Without a browser (AppTest) there is no page address; a link still needs one to be copied.
FALLBACK_ORIGIN = "http://localhost:8501"


def page_url(page: str, query: Mapping[str, str]) -> str:
    origin = st.context.url or FALLBACK_ORIGIN
    parts = urlsplit(origin)
    root = parts.path.removesuffix("/")
    own = PAGES[page].path
    if own and root.endswith("/" + own):
        root = root[: -len(own) - 1]
    return share_url(f"{parts.scheme}://{parts.netloc}{root}/{own}", query)


def too_long(query: Mapping[str, str]) -> bool:
    # Percent-encoding only lengthens a value, so a lesson already over the limit as typed is
    # refused before its 20,000 characters are encoded (~5 ms a run for a 1000 x 10 batch).
    return sum(len(k) + len(v) + 2 for k, v in query.items()) > MAX_LINK_CHARS


def nav_query(page: str) -> dict[str, str]:
    """The query a navigation link to ``page`` carries: its link, or none when too long for one
    (a 1000 x 10 batch would put 20,000 characters into every link of the sidebar)."""
    query = page_query(page)
    return {} if too_long(query) else query


def sync_url(page: str) -> str | None:
    """Keep the address bar on the page's lesson; returns the shareable link (None if too long)."""
    query = page_query(page)
    url = None if too_long(query) else page_url(page, query)
    if url is not None and len(url) > MAX_LINK_CHARS:
        url = None
    wanted = {} if url is None else query
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    return url


def share_ui(page: str, url: str | None) -> None:
    """The copy-link control: the page's link in a code box (which has a copy button)."""
    with st.popover(t("share.button"), icon=":material/link:"):
        if url is None:
            st.caption(t("share.too_long", limit=f"{MAX_LINK_CHARS:,}"))
            return
        st.caption(t("share.intro"))
        st.code(url, language=None, wrap_lines=True)
        if page == "explainer":
            # The same lesson, opened straight into presentation mode (issue 12).
            present_url = page_url(page, page_query(page) | {"present": "1"})
            if len(present_url) <= MAX_LINK_CHARS:
                st.caption(t("share.present_intro"))
                st.code(present_url, language=None, wrap_lines=True)


def problem_text(problem: LinkProblem) -> str:
    """What the learner reads about ``problem``, in the page's language (plain text)."""
    return t(problem.key, **problem.params)


def _dismiss() -> None:
    st.session_state.pop(PROBLEMS, None)


def problems_ui() -> None:
    """Each problem of the link this session opened with, until the learner dismisses them.

    ``st.text`` is the one element Streamlit never parses: a value a link carries (an HTML
    tag, Markdown, ``www.x.test``, an e-mail address) is shown as the characters it is.
    """
    problem_box_ui(st.session_state.get(PROBLEMS), header=t("link.header"), icon="link_off",
                   key="link_problems", dismiss_key="link_dismiss", on_dismiss=_dismiss)


def problem_box_ui(problems: list[LinkProblem] | None, *, header: str, icon: str, key: str,
                   dismiss_key: str, on_dismiss: Callable[[], None]) -> None:
    """Problems in a box, each as plain text (``st.text``), with a button that dismisses them."""
    if not problems:
        return
    with st.container(border=True, key=key):
        st.markdown(f":orange[:material/{icon}:] **{header}**")
        for problem in problems:
            st.text(problem_text(problem))
        st.button(t("link.dismiss"), key=dismiss_key, on_click=on_dismiss, type="tertiary")
