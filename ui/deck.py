"""Lesson decks: an ordered list of explainer lessons a teacher prepares, saves, shares and plays.

The deck lives in the session's lesson (``lesson.part("deck")``): ``lessons`` is a list of
``{"title": text, "lesson": <the shape of lesson.shared()>}`` and ``at`` is the lesson
presentation mode is playing (None when it plays the explainer's lesson alone).

A deck leaves the session in two forms, both the same JSON document: a file
(``{"format": "loss-lab-deck", "version": 1, "lessons": [...]}``) and a link, whose ``deck=``
value is that JSON, zlib-compressed and URL-safe base64. Reading either never trusts it: the
text is parsed with ``json.loads`` only, every field of every lesson is checked the way a link's
are (the loss by ``losses.spec``, arrays by ``losses.parse_array``, parameters by
``lesson.param_value``), and each lesson that fails is left out with a message naming it; the
others load. Titles are the teacher's text: they are shown with ``st.text`` or escaped.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import zlib
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

import losses
from losses.compute import DEFAULT_REDUCTIONS
from losses.messages import Message
from ui import lesson
from ui.content.decks import DECKS
from ui.i18n import escape_md, loss_display, t

PART = "deck"
FORMAT = "loss-lab-deck"
VERSION = 1
# A class hour holds a dozen lessons; the bounds keep a pasted file or link from stalling a
# server the whole class shares. A lesson's arrays are bounded by the parser (MAX_CHARS each).
MAX_LESSONS = 30
MAX_TITLE = 80
MAX_FILE_BYTES = 1_000_000
# Problems of the last deck loaded from a file or a built-in button (a link's go with the link's).
PROBLEMS = "deck.problems"
# Whether the teacher keeps the deck panel open (None: open while it has lessons or problems).
# Kept here, not only in the expander's own state, which Streamlit drops on another page.
PANEL_OPEN = "deck.panel_open"
UPLOAD = "deck.upload"
LESSON_FIELDS = ("title", "framework", "loss", "y_true", "y_pred", "sample_weight", "reduction",
                 "dtype", "params")


# --- the deck in the session ------------------------------------------------------------------


def lessons() -> list[dict[str, Any]]:
    return lesson.part(PART)["lessons"]


def default_title(current: Mapping[str, Any]) -> str:
    return loss_display(current["loss"], current.get("framework", "keras"))


def add() -> None:
    """The explainer's lesson, as it is now, at the end of the deck."""
    current = copy.deepcopy(lesson.shared())
    if len(lessons()) >= MAX_LESSONS:
        st.session_state[PROBLEMS] = [_deck_problem("deck.problem.full", limit=MAX_LESSONS)]
        return
    lessons().append({"title": default_title(current), "lesson": current})
    st.session_state.pop(PROBLEMS, None)
    # The panel may be closed: say where the lesson went.
    st.toast(escape_md(t("deck.added", number=len(lessons()), title=default_title(current))),
             icon=":material/playlist_add_check:")


def update(index: int) -> None:
    """Lesson ``index`` becomes the explainer's lesson as it is now (its title stays)."""
    deck = lessons()
    if 0 <= index < len(deck):
        deck[index]["lesson"] = copy.deepcopy(lesson.shared())


def move(index: int, delta: int) -> None:
    deck = lessons()
    target = index + delta
    if 0 <= index < len(deck) and 0 <= target < len(deck):
        deck[index], deck[target] = deck[target], deck[index]


def remove(index: int) -> None:
    deck = lessons()
    if 0 <= index < len(deck):
        del deck[index]


def clear() -> None:
    lessons().clear()
    lesson.part(PART)["at"] = None
    st.session_state.pop(PROBLEMS, None)


def title_key(index: int) -> str:
    return f"deck.title.{index}"


def rename(index: int) -> None:
    text = str(st.session_state.get(title_key(index), "")).strip()[:MAX_TITLE]
    deck = lessons()
    if 0 <= index < len(deck):
        deck[index]["title"] = text or default_title(deck[index]["lesson"])


def _load_lesson(index: int) -> None:
    entry = lessons()[index]["lesson"]
    lesson.load(entry["loss"], entry["y_true"], entry["y_pred"],
                sample_weight=entry.get("sample_weight", ""), params=entry.get("params", {}),
                reduction=entry.get("reduction"), dtype=entry.get("dtype", "float32"),
                framework=entry.get("framework", "keras"))
    lesson.forget_steps()


def open_lesson(index: int) -> None:
    """Lesson ``index`` into the explainer, to look at or edit (the deck keeps its own copy)."""
    if 0 <= index < len(lessons()):
        _load_lesson(index)
        lesson.part(PART)["at"] = None


def playing() -> int | None:
    """The deck lesson presentation mode is on, or None when it presents the explainer's own."""
    at = lesson.part(PART)["at"]
    if not lesson.presenting() or at is None or not 0 <= at < len(lessons()):
        return None
    return at


def go_to(index: int) -> None:
    """Play lesson ``index`` (its first slide; presentation mode starts over at each lesson)."""
    _load_lesson(index)
    lesson.part(PART)["at"] = index


def play() -> None:
    """Presentation mode from the deck's first lesson."""
    if not lessons():
        return
    go_to(0)
    lesson.set_present(True)


def stop_playing() -> None:
    lesson.part(PART)["at"] = None


def replace_deck(entries: list[dict[str, Any]]) -> None:
    lesson.part(PART).update(lessons=entries, at=None)


# --- the deck as JSON -------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def compact(entry: Mapping[str, Any]) -> dict[str, Any]:
    """One lesson of the file: the loss and both arrays always, the rest where not the default."""
    current = entry["lesson"]
    framework = current.get("framework", "keras")
    spec = losses.spec(current["loss"], framework)
    out: dict[str, Any] = {"title": entry["title"]}
    if framework != "keras":
        out["framework"] = framework
    out.update(loss=spec.name, y_true=current["y_true"], y_pred=current["y_pred"])
    if current.get("sample_weight", "").strip():
        out["sample_weight"] = current["sample_weight"]
    if current.get("reduction", DEFAULT_REDUCTIONS[framework]) != DEFAULT_REDUCTIONS[framework]:
        out["reduction"] = current["reduction"]
    if current.get("dtype", "float32") != "float32":
        out["dtype"] = current["dtype"]
    given = current.get("params", {})
    params = {p.name: _json_value(given[p.name]) for p in spec.params
              if p.name in given and _json_value(given[p.name]) != _json_value(p.default)}
    if params:
        out["params"] = params
    return out


def document(entries: list[Mapping[str, Any]]) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "lessons": [compact(e) for e in entries]}


def to_json(entries: list[Mapping[str, Any]]) -> str:
    """The deck file: readable JSON a teacher can also edit by hand."""
    return json.dumps(document(entries), ensure_ascii=False, indent=2)


def to_code(entries: list[Mapping[str, Any]]) -> str:
    """The ``deck=`` value of a link: the JSON without spaces, compressed, URL-safe base64."""
    text = json.dumps(document(entries), ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii").rstrip("=")


def _deck_problem(key: str, **params: Any) -> lesson.LinkProblem:
    return lesson.LinkProblem(key, "deck", {"name": "deck", **params})


def from_code(code: str) -> tuple[list[dict[str, Any]], list[lesson.LinkProblem]]:
    """A link's deck: its lessons and its problems (each naming its lesson)."""
    if len(code) > lesson.MAX_LINK_CHARS:
        return [], [_deck_problem("deck.problem.link_too_long", length=f"{len(code):,}",
                                  limit=f"{lesson.MAX_LINK_CHARS:,}")]
    try:
        packed = base64.urlsafe_b64decode(code.strip() + "=" * (-len(code.strip()) % 4))
        # A bounded inflate: a few kilobytes of link can never become more than a deck file may be.
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES or inflater.unconsumed_tail:
            return [], [_deck_problem("deck.problem.too_big", size=f"> {MAX_FILE_BYTES:,}",
                                      limit=f"{MAX_FILE_BYTES:,}")]
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError):
        return [], [_deck_problem("deck.problem.link_unreadable")]
    return from_json(text)


def from_bytes(data: bytes) -> tuple[list[dict[str, Any]], list[lesson.LinkProblem]]:
    """A deck file's lessons and problems."""
    if len(data) > MAX_FILE_BYTES:
        return [], [_deck_problem("deck.problem.too_big", size=f"{len(data):,}", limit=f"{MAX_FILE_BYTES:,}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_deck_problem("deck.problem.not_utf8")]
    return from_json(text)


def from_json(text: str) -> tuple[list[dict[str, Any]], list[lesson.LinkProblem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [_deck_problem("deck.problem.json", line=error.lineno, column=error.colno)]
    except RecursionError:  # thousands of nested brackets
        return [], [_deck_problem("deck.problem.shape")]
    if not isinstance(data, dict) or not isinstance(data.get("lessons"), list):
        return [], [_deck_problem("deck.problem.shape")]
    return read_lessons(data["lessons"])


def read_lessons(items: list[Any]) -> tuple[list[dict[str, Any]], list[lesson.LinkProblem]]:
    entries: list[dict[str, Any]] = []
    problems: list[lesson.LinkProblem] = []
    if not items:
        problems.append(_deck_problem("deck.problem.empty"))
    if len(items) > MAX_LESSONS:
        problems.append(_deck_problem("deck.problem.too_many", count=len(items), limit=MAX_LESSONS))
    for number, item in enumerate(items[:MAX_LESSONS], start=1):
        entry, found = read_lesson(number, item)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    return entries, problems


class _LeftOut(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def _text_field(item: Mapping[str, Any], name: str, *, required: bool) -> str | None:
    value = item.get(name)
    if value is None:
        if required:
            raise _LeftOut("deck.problem.missing", field=name)
        return None
    if isinstance(value, list):  # an array written as JSON numbers, not as text
        value = json.dumps(value)
    if not isinstance(value, str):
        raise _LeftOut("deck.problem.not_text", field=name)
    return value


def read_lesson(number: int, item: Any) -> tuple[dict[str, Any] | None, list[lesson.LinkProblem]]:
    """Lesson ``number`` of a deck (counted from 1): the entry, or None and why it was left out."""
    title = item.get("title") if isinstance(item, dict) else None
    shown = lesson._shown(title.strip()) if isinstance(title, str) else ""
    name = Message("deck.lesson", {"number": number, "title": shown})

    def problem(key: str, **params: Any) -> lesson.LinkProblem:
        return lesson.LinkProblem(key, f"lesson {number}", {"lesson": name, **params})

    if not isinstance(item, dict):
        return None, [problem("deck.problem.not_lesson")]
    notes: list[lesson.LinkProblem] = []
    try:
        if title is not None and not isinstance(title, str):
            raise _LeftOut("deck.problem.not_text", field="title")
        framework = _text_field(item, "framework", required=False) or "keras"
        if framework not in losses.FRAMEWORKS:
            raise _LeftOut("deck.problem.choice", field="framework", value=lesson._shown(framework),
                           allowed=", ".join(losses.FRAMEWORKS))
        loss = _text_field(item, "loss", required=True)
        try:
            spec = losses.spec(loss, framework)
        except losses.LossInputError:
            raise _LeftOut("deck.problem.loss", value=lesson._shown(loss), framework=framework) from None
        arrays = {}
        for field in ("y_true", "y_pred", "sample_weight"):
            text = _text_field(item, field, required=field != "sample_weight") or ""
            if field == "sample_weight" and not text.strip():
                arrays[field] = ""
                continue
            if field == "sample_weight" and framework == "pytorch":
                raise _LeftOut("deck.problem.torch_weight")
            try:
                losses.parse_array(text, argument=field)
            except losses.LossInputError as error:
                raise _LeftOut("deck.problem.array", field=field, error=error.message) from None
            arrays[field] = text
        allowed = spec.reductions or tuple(losses.REDUCTIONS)
        reduction = _text_field(item, "reduction", required=False) or DEFAULT_REDUCTIONS[framework]
        if reduction not in allowed:
            raise _LeftOut("deck.problem.choice", field="reduction", value=lesson._shown(reduction),
                           allowed=", ".join(allowed))
        dtype = _text_field(item, "dtype", required=False) or "float32"
        if dtype not in losses.DTYPES:
            raise _LeftOut("deck.problem.choice", field="dtype", value=lesson._shown(dtype),
                           allowed=", ".join(losses.DTYPES))
        given = item.get("params", {})
        if not isinstance(given, dict):
            raise _LeftOut("deck.problem.not_params")
        by_name = {p.name: p for p in spec.params}
        params: dict[str, Any] = {}
        for key, raw in given.items():
            param = by_name.get(key)
            if param is None:
                notes.append(problem("deck.problem.unknown_param", field=lesson._shown(str(key)),
                                     loss=spec.name))
                continue
            if isinstance(raw, dict):
                raise _LeftOut("deck.problem.not_params")
            # The file's native JSON (1, true, [1, 2]) is read as a link's text of it would be.
            text = raw if isinstance(raw, str) else lesson.param_text(raw)
            try:
                params[key] = lesson.param_value(param, text)
            except losses.LossInputError as error:
                if error.key == "link.not_a_choice":
                    raise _LeftOut("deck.problem.choice", field=key, value=error.params["value"],
                                   allowed=error.params["allowed"]) from None
                raise _LeftOut("deck.problem.param", field=key, error=error.message) from None
        for key in item:
            if key not in LESSON_FIELDS:
                notes.append(problem("deck.problem.unknown_field", field=lesson._shown(str(key))))
    except _LeftOut as left_out:
        return None, [*notes, problem(left_out.key, **left_out.params)]
    current = {"framework": framework, "loss": spec.name, **arrays, "reduction": reduction,
               "dtype": dtype, "params": {p.name: params.get(p.name, p.default) for p in spec.params}}
    clean_title = title.strip()[:MAX_TITLE] if isinstance(title, str) else ""
    return {"title": clean_title or default_title(current), "lesson": current}, notes


def load_builtin(deck_id: str) -> None:
    """A built-in deck in place of the current one, its titles in the page's language."""
    entries = []
    for slide in DECKS[deck_id]:
        current = slide.lesson()
        spec = losses.spec(current["loss"], current["framework"])
        current["params"] = {p.name: current["params"].get(p.name, p.default) for p in spec.params}
        entries.append({"title": t(slide.title_key)[:MAX_TITLE], "lesson": current})
    replace_deck(entries)
    st.session_state.pop(PROBLEMS, None)


def _uploaded() -> None:
    upload = st.session_state.get(UPLOAD)
    if upload is None:
        return
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        entries, problems = [], [_deck_problem("deck.problem.too_big", size=f"{size:,}",
                                               limit=f"{MAX_FILE_BYTES:,}")]
    else:
        entries, problems = from_bytes(upload.getvalue())
    if entries:
        replace_deck(entries)
    st.session_state[PROBLEMS] = problems


def read_link(code: str, problems: list[lesson.LinkProblem]) -> bool:
    """A link's ``deck=``: its lessons become the deck and the first one the explainer's lesson.
    True when a lesson was loaded."""
    entries, found = from_code(code)
    problems.extend(found)
    if not entries:
        return False
    replace_deck(entries)
    _load_lesson(0)
    return True


def link_query(present: bool) -> dict[str, str]:
    query = {"deck": to_code(lessons())}
    if lesson.language() != lesson.DEFAULT_LANGUAGE:
        query["lang"] = lesson.language()
    if present:
        query["present"] = "1"
    return query


# --- what the teacher sees ------------------------------------------------------------------------


def add_button_ui() -> None:
    st.button(t("deck.add"), key="deck.add", on_click=add, icon=":material/playlist_add:",
              help=t("deck.add.help"))


def _problems_ui() -> None:
    lesson.problem_box_ui(st.session_state.get(PROBLEMS), header=t("deck.problems"),
                          icon="playlist_remove", key="deck_problems", dismiss_key="deck.dismiss",
                          on_dismiss=_dismiss)


def _dismiss() -> None:
    st.session_state.pop(PROBLEMS, None)


def _rows_ui() -> None:
    deck = lessons()
    if not deck:
        st.caption(t("deck.empty"))
        return
    for index, entry in enumerate(deck):
        with st.container(horizontal=True, vertical_alignment="center", key=f"deck_row_{index}",
                          gap="small"):
            st.markdown(escape_md(f"{index + 1}."), width=28)
            st.session_state[title_key(index)] = entry["title"]
            st.text_input(t("deck.title"), key=title_key(index), on_change=rename, args=(index,),
                          max_chars=MAX_TITLE, label_visibility="collapsed", width="stretch")
            st.button("", key=f"deck.up.{index}", on_click=move, args=(index, -1),
                      icon=":material/arrow_upward:", disabled=index == 0, type="tertiary",
                      help=t("deck.up"))
            st.button("", key=f"deck.down.{index}", on_click=move, args=(index, 1),
                      icon=":material/arrow_downward:", disabled=index == len(deck) - 1,
                      type="tertiary", help=t("deck.down"))
            st.button("", key=f"deck.open.{index}", on_click=open_lesson, args=(index,),
                      icon=":material/edit:", type="tertiary", help=t("deck.open"))
            st.button("", key=f"deck.update.{index}", on_click=update, args=(index,),
                      icon=":material/save:", type="tertiary", help=t("deck.update"))
            st.button("", key=f"deck.remove.{index}", on_click=remove, args=(index,),
                      icon=":material/delete:", type="tertiary", help=t("deck.remove"))


def _share_ui() -> None:
    present = st.toggle(t("deck.share.present"), key="deck.share.present", value=True)
    query = link_query(present)
    url = lesson.page_url("explainer", query)
    if len(url) > lesson.MAX_LINK_CHARS:
        st.caption(t("deck.share.too_long", limit=f"{lesson.MAX_LINK_CHARS:,}"))
        return
    st.caption(t("deck.share.intro"))
    st.code(url, language=None, wrap_lines=True)


def _panel_toggled() -> None:
    st.session_state[PANEL_OPEN] = bool(st.session_state.get("deck_panel"))


def panel_ui(on_play: Callable[[], None]) -> None:
    """The deck: its lessons to reorder, rename, open or remove; play, save, share, load.
    ``on_play`` starts presentation mode on the deck (ui.present owns the slide position).

    Its contents are drawn only while it is open: a class's students never open it, and its
    ~20 elements would cost every edit of theirs (bench/README.md). It opens by itself when the
    deck gets its first lesson or a deck link brings problems.
    """
    deck = lessons()
    label = t("deck.header", count=len(deck))
    wanted = st.session_state.get(PANEL_OPEN)
    if wanted is None:
        wanted = bool(deck) or bool(st.session_state.get(PROBLEMS))
        if wanted:  # from then on it stays as the teacher leaves it (open after Clear, too)
            st.session_state[PANEL_OPEN] = True
    # ``expanded`` is part of the expander's identity: a changed wish is a new expander that
    # starts as wished, so the teacher's choice and what the browser shows never disagree.
    panel = st.expander(label, expanded=wanted, icon=":material/playlist_play:", key="deck_panel",
                        on_change=_panel_toggled)
    if not panel.open:
        return
    with panel:
        _problems_ui()
        _rows_ui()
        with st.container(horizontal=True, vertical_alignment="center"):
            st.button(t("deck.play"), key="deck.play", on_click=on_play, type="primary",
                      icon=":material/slideshow:", disabled=not deck)
            st.download_button(t("deck.download"), to_json(deck) if deck else "",
                               file_name="loss-lab-deck.json", mime="application/json",
                               key="deck.download", icon=":material/download:",
                               disabled=not deck, on_click="ignore")
            with st.popover(t("deck.share"), icon=":material/link:", disabled=not deck):
                if deck:
                    _share_ui()
            st.button(t("deck.clear"), key="deck.clear", on_click=clear, type="tertiary",
                      icon=":material/clear_all:", disabled=not deck)
        st.markdown(f"**{t('deck.load')}**")
        with st.container(horizontal=True):
            for deck_id in DECKS:
                st.button(t(f"deck.builtin.{deck_id}"), key=f"deck.builtin.{deck_id}",
                          on_click=load_builtin, args=(deck_id,),
                          help=t(f"deck.builtin.{deck_id}.help"))
        st.file_uploader(t("deck.upload"), type=["json"], key=UPLOAD, on_change=_uploaded,
                         max_upload_size=1, help=t("deck.upload.help"))
