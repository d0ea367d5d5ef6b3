"""Lesson decks on the explainer: build, reorder, save, load, share and play a deck.

Numbers by hand (Keras' Hinge docs): hinge on [[0, 1], [0, 0]] / [[0.6, 0.4], [0.4, 0.6]] gives
per sample (1.6 + 0.6) / 2 = 1.1 and (1.4 + 1.6) / 2 = 1.5, batch (1.1 + 1.5) / 2 = 1.3; with
sample_weight [1, 0] the default divisor still counts both samples: (1.1 + 0) / 2 = 0.55.
MSE on [[1, 2], [3, 4]] / [[1.5, 2], [2, 7]]: (0.25 + 0) / 2 = 0.125 and (1 + 9) / 2 = 5,
batch (0.125 + 5) / 2 = 2.5625. PyTorch BCELoss on [[1], [0], [1], [0]] / [[0], [1], [1], [0]]:
two logs of 0 clamped to -100, two of 1 giving 0, mean 200 / 4 = 50.
"""

from __future__ import annotations

import base64
import json
import zlib
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest
from pytest import approx
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

import losses
from losses.catalog import CATALOGS
from tests.app.pagetools import APP, TIMEOUT, link_problems, open_app, put_lesson, shown_value
from ui import deck, lesson, presets
from ui.content import decks, tutorial

EN = CATALOGS["en"]
HINGE = {"loss": "hinge", "y_true": "[[0, 1], [0, 0]]", "y_pred": "[[0.6, 0.4], [0.4, 0.6]]"}
MSE = {"loss": "mean_squared_error", "y_true": "[[1, 2], [3, 4]]", "y_pred": "[[1.5, 2], [2, 7]]"}


def titles(at: AppTest) -> list[str]:
    return [entry["title"] for entry in at.session_state["lesson"]["deck"]["lessons"]]


def deck_of_two() -> AppTest:
    """Hinge, then MSE, each added from the explainer."""
    at = open_app(HINGE)
    at.button(key="deck.add").click().run()
    put_lesson(at, **MSE).run()
    at.button(key="deck.add").click().run()
    assert not at.exception
    return at


def slides(name: str, y_true, y_pred) -> int:
    """How many slides presentation mode gives a lesson: each step, the value, the gradient."""
    trace = losses.compute(name, y_true, y_pred)
    return len(trace.steps) + 2


def step_heading(at: AppTest) -> str | None:
    return next((m.value for m in at.markdown if m.value.startswith("**Step ")), None)


def road_map(at: AppTest) -> str:
    return next(m.value for m in at.markdown if " → " in m.value)


# --- building a deck --------------------------------------------------------------------------


def test_add_keeps_the_lesson_with_its_loss_name_as_title():
    at = deck_of_two()
    assert titles(at) == [EN["loss.hinge.display"], EN["loss.mean_squared_error.display"]]
    assert [toast.value for toast in at.toast] == ["Added to the deck as lesson 2\\: Mean squared error"]
    first, second = (e["lesson"] for e in at.session_state["lesson"]["deck"]["lessons"])
    assert (first["loss"], first["y_pred"]) == ("hinge", HINGE["y_pred"])
    assert (second["loss"], second["y_true"]) == ("mean_squared_error", MSE["y_true"])
    # The panel's header counts them.
    assert at.expander[0].label == "Lesson deck · 2"


def test_reorder_rename_remove_and_empty():
    at = deck_of_two()
    hinge, mse = titles(at)
    at.button(key="deck.down.0").click().run()
    assert titles(at) == [mse, hinge]
    assert at.button(key="deck.up.0").disabled and at.button(key="deck.down.1").disabled
    at.button(key="deck.up.1").click().run()
    assert titles(at) == [hinge, mse]
    at.text_input(key="deck.title.1").input("Warm-up: squares").run()
    assert titles(at) == [hinge, "Warm-up: squares"]
    # An emptied title goes back to the loss's name.
    at.text_input(key="deck.title.1").input("   ").run()
    assert titles(at) == [hinge, mse]
    at.button(key="deck.remove.0").click().run()
    assert titles(at) == [mse]
    at.button(key="deck.clear").click().run()
    assert titles(at) == []
    assert at.button(key="deck.play").disabled
    assert not at.exception


def test_open_loads_a_deck_lesson_into_the_explainer():
    at = deck_of_two()  # the explainer now shows MSE
    assert shown_value(at) == approx(2.5625, abs=1e-3)  # shown to 4 digits
    at.button(key="deck.open.0").click().run()
    assert at.session_state["lesson"]["loss"] == "hinge"
    assert shown_value(at) == approx(1.3)
    # Editing the opened lesson leaves the deck's copy as it was, until the teacher saves it.
    at.text_area(key="explainer.sample_weight").input("[1, 0]").run()
    assert shown_value(at) == approx(0.55)
    assert at.session_state["lesson"]["deck"]["lessons"][0]["lesson"]["sample_weight"] == ""
    at.text_input(key="deck.title.0").input("Zero weight").run()
    at.button(key="deck.update.0").click().run()
    saved = at.session_state["lesson"]["deck"]["lessons"][0]
    assert saved["title"] == "Zero weight" and saved["lesson"]["sample_weight"] == "[1, 0]"
    assert len(titles(at)) == 2


# --- saving and loading ---------------------------------------------------------------------------


@pytest.fixture
def downloads(monkeypatch):
    """What each download button of a run served, by its file name."""
    served: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, (bytes, str)) and filename:
            served[filename] = path_or_data.encode() if isinstance(path_or_data, str) else path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return served


def open_panel(at: AppTest) -> AppTest:
    """Open the deck panel, as a click on it does (its contents are drawn only while open)."""
    if deck.UPLOAD not in [u.key for u in at.get("file_uploader")]:
        at.session_state[deck.PANEL_OPEN] = True
        at.run()
    return at


def upload(at: AppTest, data: bytes, name: str = "deck.json") -> AppTest:
    open_panel(at).file_uploader(key=deck.UPLOAD).set_value((name, data, "application/json")).run()
    assert not at.exception
    return at


def test_download_then_upload_gives_back_the_same_deck(downloads):
    at = open_panel(open_app())
    at.button(key="deck.builtin.tutorial").click().run()
    at.text_input(key="deck.title.0").input("<b>Batch</b> *one*").run()
    built = at.session_state["lesson"]["deck"]["lessons"]
    data = downloads["loss-lab-deck.json"]
    assert json.loads(data)["format"] == "loss-lab-deck"
    fresh = open_app()
    upload(fresh, data)
    assert fresh.session_state["lesson"]["deck"]["lessons"] == built
    assert not link_problems(fresh)
    # The teacher's title is text: never Markdown, never HTML.
    assert fresh.text_input(key="deck.title.0").value == "<b>Batch</b> *one*"
    assert not any("<b>" in m.value for m in fresh.markdown)


def test_the_file_holds_the_lesson_settings_that_differ_from_defaults():
    at = open_panel(open_app())
    at.button(key="deck.builtin.tutorial").click().run()
    document = json.loads(deck.to_json(at.session_state["lesson"]["deck"]["lessons"]))
    by_loss = {item["loss"]: item for item in document["lessons"]}
    assert by_loss["cosine_similarity"]["params"] == {"axis": 1}
    assert by_loss["CrossEntropyLoss"]["framework"] == "pytorch"
    assert document["lessons"][5]["sample_weight"] == "[1, 0]"
    assert "params" not in by_loss["mean_squared_error"]


def test_the_share_link_opens_the_same_deck_in_a_new_session():
    at = open_panel(open_app())
    at.button(key="deck.builtin.frameworks").click().run()
    built = at.session_state["lesson"]["deck"]["lessons"]
    (url,) = [c.value for c in at.code if "deck=" in c.value]
    query = dict(parse_qsl(urlsplit(url).query))
    assert query["present"] == "1" and len(url) <= lesson.MAX_LINK_CHARS
    student = open_app(query)
    assert student.session_state["lesson"]["deck"]["lessons"] == built
    assert student.session_state["lesson"]["present"] is True
    assert student.session_state["lesson"]["deck"]["at"] == 0
    assert student.title[0].value == EN["deck.builtin.keras_cce"]
    assert ":blue[**Lesson 1 of 6**]" in road_map(student)
    # Without present=1 the deck opens for editing, its first lesson in the explainer.
    at.toggle(key="deck.share.present").set_value(False).run()
    (url,) = [c.value for c in at.code if "deck=" in c.value]
    query = dict(parse_qsl(urlsplit(url).query))
    assert "present" not in query
    editing = open_app(query)
    assert editing.session_state["lesson"]["present"] is False
    assert len(titles(editing)) == 6
    assert editing.session_state["lesson"]["loss"] == "categorical_crossentropy"


def test_the_share_box_offers_a_presentation_link_for_one_lesson():
    at = open_app(HINGE)
    urls = [c.value for c in at.code if c.value.startswith("http")]
    plain, presenting = urls[:2]
    assert "present" not in dict(parse_qsl(urlsplit(plain).query))
    query = dict(parse_qsl(urlsplit(presenting).query))
    assert query["present"] == "1" and query["loss"] == "hinge"
    student = open_app(query)
    assert student.session_state["lesson"]["present"] is True
    assert student.session_state["lesson"]["deck"]["at"] is None


# --- bad decks --------------------------------------------------------------------------------------


def document(*items) -> bytes:
    return json.dumps({"format": "loss-lab-deck", "version": 1, "lessons": list(items)}).encode()


def good(title: str, **values) -> dict:
    return {"title": title, **HINGE, **values}


def problems(at: AppTest) -> list[str]:
    return link_problems(at)


@pytest.mark.parametrize(("bad", "expected"), [
    ({"title": "Ghost", "loss": "no_such_loss", "y_true": "[1]", "y_pred": "[1]"},
     "Lesson 2 (Ghost): 'no_such_loss' is not a keras loss"),
    (good("Broken", y_true="[[0, 1], [0, oops]]"), "Lesson 2 (Broken): its y_true could not be read"),
    (good("Reduced", reduction="average"), "Lesson 2 (Reduced): its reduction 'average' is not one of"),
    (good("Delta", loss="huber", params={"delta": -1}), "Lesson 2 (Delta): its parameter delta could not be used"),
    (good("Weighted", framework="pytorch", loss="MSELoss", sample_weight="[1, 0]"),
     "Lesson 2 (Weighted): PyTorch losses take no sample_weight"),
    (good("Torch?", framework="jax"), "Lesson 2 (Torch?): its framework 'jax' is not one of"),
    ({"title": "Half", "loss": "hinge", "y_true": "[[0, 1]]"}, "Lesson 2 (Half) has no y_pred"),
    (good("Numbered", y_pred=5), "Lesson 2 (Numbered): y_pred must be text"),
    (42, "Lesson 2 is not a lesson"),
    (good("Listed", params=[1]), "Lesson 2 (Listed): params must be an object"),
    (good("Nested", loss="huber", params={"delta": {"a": 1}}), "Lesson 2 (Nested): params must be an object"),
    (good("Axis", loss="cosine_similarity", params={"axis": 7}), "Lesson 2 (Axis): its axis '7' is not one of"),
])
def test_a_bad_lesson_is_named_and_left_out_and_the_others_load(bad, expected):
    at = upload(open_app(), document(good("First"), bad, good("Third", sample_weight="[1, 0]")))
    assert titles(at) == ["First", "Third"]
    found = problems(at)
    assert len(found) == 1 and found[0].startswith(expected), found
    assert "left out" in found[0]
    at.button(key="deck.dismiss").click().run()
    assert problems(at) == [] and titles(at) == ["First", "Third"]


def test_an_unknown_setting_is_named_and_ignored_and_the_lesson_kept():
    at = upload(open_app(), document(good("Kept", colour="red", params={"delta": 2})))
    assert titles(at) == ["Kept"]
    assert problems(at) == [
        "Lesson 1 (Kept): hinge has no parameter 'delta'; it was ignored.",
        "Lesson 1 (Kept): 'colour' is not part of a lesson; it was ignored.",
    ]


@pytest.mark.parametrize(("data", "expected"), [
    (b'{"lessons": [', "The deck file is not valid JSON (line 1, column 14)"),
    (b"[1, 2, 3]", "This is not a Loss Lab deck"),
    (b"\xff\xfe\x00", "The deck file is not UTF-8 text"),
    (b'{"lessons": []}', "The deck has no lessons."),
    (b" " * (deck.MAX_FILE_BYTES + 1), "The deck is 1,000,001 bytes, more than the 1,000,000"),
    (b"[" * 100_000, "This is not a Loss Lab deck"),
])
def test_a_file_that_is_not_a_deck_says_why_and_keeps_the_deck(data, expected):
    at = deck_of_two()
    before = titles(at)
    upload(at, data)
    assert titles(at) == before
    assert [p for p in problems(at) if p.startswith(expected)], problems(at)


def test_a_deck_over_the_lesson_limit_loads_its_first_lessons():
    items = [good(f"L{i}") for i in range(deck.MAX_LESSONS + 5)]
    at = upload(open_app(), document(*items))
    assert len(titles(at)) == deck.MAX_LESSONS
    assert problems(at) == [f"The deck has {deck.MAX_LESSONS + 5} lessons; only the first "
                            f"{deck.MAX_LESSONS} were loaded."]


def test_a_full_deck_says_so_when_one_more_is_added():
    at = upload(open_app(), document(*[good(f"L{i}") for i in range(deck.MAX_LESSONS)]))
    at.button(key="deck.add").click().run()
    assert len(titles(at)) == deck.MAX_LESSONS
    assert problems(at) == [f"The deck already holds {deck.MAX_LESSONS} lessons, as many as a deck may."]


def test_a_title_with_markup_reaches_the_page_only_as_text():
    at = upload(open_app(), document(
        {"title": "<img src=x onerror=alert(1)> **x**", "loss": "nope", "y_true": "[1]", "y_pred": "[1]"}))
    (problem,) = problems(at)
    assert problem.startswith("Lesson 1 (<img src=x onerror=alert…): 'nope'")
    assert not any("<img" in m.value for m in at.markdown)


def code_of(items) -> str:
    text = json.dumps({"lessons": list(items)})
    return base64.urlsafe_b64encode(zlib.compress(text.encode())).decode().rstrip("=")


def test_a_deck_link_with_one_bad_lesson_loads_the_others_and_says_which():
    at = open_app({"deck": code_of([good("One"), good("Two", loss="fancy"), good("Three")]),
                   "present": "1"})
    assert titles(at) == ["One", "Three"]
    assert problems(at) == [
        "Lesson 2 (Two): 'fancy' is not a keras loss Loss Lab knows; the lesson was left out."]
    assert ":blue[**Lesson 1 of 2**]" in road_map(at)


@pytest.mark.parametrize(("code", "expected"), [
    ("A" * (lesson.MAX_LINK_CHARS + 1), "The deck in the link is 8,001 characters long"),
    ("not-a-deck!!", "The deck in the link could not be decoded"),
    (code_of([])[:-6], "The deck in the link could not be decoded"),
    # 3 MB of spaces compress to a few kilobytes; inflating stops at the file limit.
    (base64.urlsafe_b64encode(zlib.compress(b" " * 3_000_000, 9)).decode(), "The deck is > 1,000,000 bytes"),
])
def test_a_bad_deck_link_says_why_and_the_page_stays_up(code, expected):
    at = open_app({"deck": code})
    assert titles(at) == []
    assert [p for p in problems(at) if p.startswith(expected)], problems(at)
    assert shown_value(at) == approx(1.3)  # the default lesson


# --- built-in decks -------------------------------------------------------------------------------


def test_the_panel_draws_its_tools_only_while_open_and_opens_with_the_first_lesson():
    # A student's page: an empty deck, the panel closed and nothing inside it drawn.
    at = open_app(HINGE)
    assert at.expander[0].label.startswith("Lesson deck")
    assert not at.get("file_uploader") and deck.PANEL_OPEN not in at.session_state
    at.button(key="deck.add").click().run()
    assert titles(at) and at.button(key="deck.play")  # the first lesson opens it
    at.button(key="deck.clear").click().run()
    assert titles(at) == [] and at.get("file_uploader")  # and it stays open, now empty
    # The teacher closes it: closed it stays, through an edit and another lesson added.
    at.session_state[deck.PANEL_OPEN] = False
    at.run()
    at.button(key="deck.add").click().run()
    assert len(titles(at)) == 1 and not at.get("file_uploader")


def test_the_built_in_decks_load_in_one_click():
    at = open_panel(open_app())
    at.button(key="deck.builtin.tutorial").click().run()
    assert titles(at) == [EN[f"tutorial.{c.id}.title"] for c in tutorial.CHAPTERS]
    at.button(key="deck.open.0").click().run()
    assert shown_value(at) == approx(1.3)
    at.button(key="deck.builtin.surprises").click().run()
    surprise = [p.id for p in presets.PRESETS if p.group == "surprise"]
    assert titles(at) == [EN[f"preset.{pid}.label"] for pid in surprise]
    at.button(key=f"deck.open.{surprise.index('zero_weight')}").click().run()
    assert shown_value(at) == approx(0.55)
    at.button(key="deck.builtin.frameworks").click().run()
    frameworks = [e["lesson"]["framework"] for e in at.session_state["lesson"]["deck"]["lessons"]]
    assert frameworks == ["keras", "pytorch"] * 3
    at.button(key="deck.open.3").click().run()
    assert at.session_state["lesson"]["loss"] == "BCELoss" and shown_value(at) == approx(50)
    assert not at.exception


def test_every_built_in_lesson_computes_a_finite_loss():
    for slides_ in decks.DECKS.values():
        for slide in slides_:
            current = slide.lesson()
            trace = losses.compute(current["loss"], losses.parse_array(current["y_true"]),
                           losses.parse_array(current["y_pred"]), framework=current["framework"],
                           reduction=current["reduction"],
                           sample_weight=losses.parse_array(current["sample_weight"]) if current["sample_weight"] else None,
                           **current["params"])
            assert np.all(np.isfinite(trace.value)), slide


# --- presentation across lessons ---------------------------------------------------------------------


def test_next_on_a_lessons_last_slide_opens_the_next_lesson_and_back_returns():
    at = deck_of_two()
    at.button(key="deck.play").click().run()
    assert at.session_state["lesson"]["present"] is True
    assert at.title[0].value == EN["loss.hinge.display"]
    assert ":blue[**Lesson 1 of 2**]" in road_map(at) and "Step 1" in step_heading(at)
    assert at.button(key="explainer.present.back").disabled
    for _ in range(slides("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]) - 1):
        at.button(key="explainer.present.next").click().run()
    # Lesson 1's last slide is its gradient, and Next still leads on.
    assert "What the model learns" in [s.value for s in at.subheader]
    assert not at.button(key="explainer.present.next").disabled
    at.button(key="explainer.present.next").click().run()
    assert at.title[0].value == EN["loss.mean_squared_error.display"]
    assert ":blue[**Lesson 2 of 2**]" in road_map(at) and "Step 1" in step_heading(at)
    assert at.session_state["lesson"]["loss"] == "mean_squared_error"
    at.button(key="explainer.present.back").click().run()
    assert at.title[0].value == EN["loss.hinge.display"]
    assert "What the model learns" in [s.value for s in at.subheader]
    at.button(key="explainer.present.next").click().run()
    for _ in range(slides("mean_squared_error", [[1, 2], [3, 4]], [[1.5, 2], [2, 7]]) - 1):
        at.button(key="explainer.present.next").click().run()
    assert at.button(key="explainer.present.next").disabled
    at.button(key="explainer.present.exit").click().run()
    assert at.session_state["lesson"]["present"] is False
    assert at.session_state["lesson"]["deck"]["at"] is None
    assert not at.exception


def test_a_deck_lesson_whose_numbers_give_no_loss_can_still_be_passed():
    items = [good("Fine"), good("Mismatch", y_pred="[[0.6, 0.4, 0.1]]"), good("After")]
    at = open_app({"deck": code_of(items), "present": "1"})
    for _ in range(slides("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])):
        at.button(key="explainer.present.next").click().run()
    assert at.error  # lesson 2's shapes do not fit
    at.button(key="explainer.present.next").click().run()
    assert at.title[0].value == "After"
    assert not at.exception


def test_the_address_bar_carries_the_deck_while_it_plays():
    at = deck_of_two()
    at.button(key="deck.play").click().run()
    assert at.query_params["present"] == "1"
    reopened = open_app({"deck": at.query_params["deck"], "present": "1"})
    assert titles(reopened) == titles(at)


def test_the_single_present_button_leaves_the_deck_aside():
    at = deck_of_two()
    at.button(key="explainer.present.start").click().run()
    assert at.title[0].value == EN["loss.mean_squared_error.display"]
    assert "Lesson 1 of" not in road_map(at)


# --- a course page's frame ------------------------------------------------------------------------------


def test_embedded_the_explainer_has_no_deck_tools():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.context["is_embedded"] = True
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "deck.add"]
    assert not [e for e in at.expander if e.label.startswith("Lesson deck")]
    assert shown_value(at) == approx(1.3)


# --- in Chinese ---------------------------------------------------------------------------------------


def test_the_deck_panel_and_a_played_deck_read_chinese():
    from tests.app.test_i18n import assert_no_english_prose
    from ui import i18n

    at = open_app({"lang": "zh"})
    i18n._run.lang = "zh"  # AppTest formats widget options on this thread
    try:
        open_panel(at).button(key="deck.builtin.surprises").click().run()
        upload(at, document(good("第一课"), good("坏的", loss="nope")))
        assert problems(at) == ["第 2 课（坏的）：'nope' 不是 Loss Lab 认识的 keras 损失函数；已跳过这一课。"]
        assert_no_english_prose(at, "deck panel")
        assert at.expander[0].label == "课件 · 1 课"
        at.button(key="deck.play").click().run()
        assert ":blue[**第 1 课，共 1 课**]" in road_map(at)
        assert_no_english_prose(at, "deck presentation")
    finally:
        i18n._run.lang = None
