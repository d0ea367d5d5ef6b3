"""English and Simplified Chinese: the same keys, every page in both, every engine message rendered.

The engine (losses/) emits messages, keys with raw parameters, and formulas with the learner's
numbers; the catalogs (losses/catalog/en.py and zh.py) hold the words. So "translated" means:
every key the engine emits on tests/app/i18n_corpus.py exists in both catalogs, renders with its
parameters in both languages, and no catalog entry is one the engine never emits.
"""

from __future__ import annotations

import logging
import re
import string
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import losses
from losses import curves as lc
from ui.content import compare as content_compare
from ui.content import quiz
from losses.catalog import render, render_key
from losses.messages import Formula, Message, Terms, Word, render_formula
from tests.app.pagetools import link_problems, new_lesson, open_app
from ui import i18n, lesson
from ui.trace_view import step_title

sys.path.insert(0, str(Path(__file__).parent))
import i18n_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
HAN = re.compile(r"[\u4e00-\u9fff]")
EN, ZH = i18n.TEXT["en"], i18n.TEXT["zh"]
# The sections of the catalog the engine's modules fill (losses/catalog/en.py), and the words
# inside its formulas.
ENGINE_SECTIONS = ("CORE", "REGRESSION", "MARGIN", "PROBABILISTIC", "SEQUENCE", "SIMILARITY",
                   "PYTORCH", "GRADIENT", "PARSING")
LEFTOVER = re.compile(r"@s?\d")  # a formula slot left unfilled


def _leaves(entry) -> list[str]:
    """Every wording of an entry: the entry itself, or each branch of its selectors."""
    if isinstance(entry, dict):
        ((_, choices),) = entry.items()
        return [leaf for choice in choices.values() for leaf in _leaves(choice)]
    return [entry]


def _fields(entry) -> list[tuple[str, str]]:
    return sorted({(name, spec) for leaf in _leaves(entry)
                   for _, name, spec, _ in string.Formatter().parse(leaf) if name is not None})


def _selectors(entry) -> set[str]:
    if not isinstance(entry, dict):
        return set()
    ((selector, choices),) = entry.items()
    return {selector}.union(*(_selectors(c) for c in choices.values()))


@pytest.fixture(autouse=True)
def _no_run_language():
    # Outside a script run t() reads session state; a language left on this thread by an
    # earlier AppTest run must not leak into the plain-function tests.
    i18n._run.lang = None
    yield
    i18n._run.lang = None


@pytest.fixture(scope="module")
def corpus():
    traces = list(i18n_corpus.traces())
    errors = list(i18n_corpus.errors())
    assert len(traces) > 300 and len(errors) > 50
    return traces, errors


def _messages(corpus):
    """(where, message) of every message the corpus makes the engine emit."""
    traces, errors = corpus
    for label, trace in traces:
        for step in (*trace.steps, *trace.gradient_steps):
            yield label, step.title
        for note in (*trace.notes, *trace.gradient_notes):
            yield label, note.message
    for label, message in i18n_corpus.descent_messages():
        yield label, message
    for label, error in errors:
        yield label, error.message


def _formulas(corpus):
    for framework in losses.FRAMEWORKS:
        for name in losses.names(framework):
            spec = losses.spec(name, framework)
            for latex in (spec.term_latex, spec.aggregation_latex):
                if isinstance(latex, Formula):
                    yield name, latex
    traces, _ = corpus
    for label, trace in traces:
        for step in (*trace.steps, *trace.gradient_steps):
            yield label, step.formula
            if step.example is not None:
                yield label, step.example
        for row in trace.sample_arithmetic:
            yield label, row.formula
        yield label, trace.reduction_arithmetic


def _words(formula: Formula):
    for arg in formula.args:
        if isinstance(arg, Word):
            yield arg.key
        elif isinstance(arg, Formula):
            yield from _words(arg)
        elif isinstance(arg, Terms) and arg.more:
            yield "latex.more"


# --- the catalogs ----------------------------------------------------------------------------


def test_both_languages_have_exactly_the_same_keys():
    assert sorted(set(EN) - set(ZH)) == []
    assert sorted(set(ZH) - set(EN)) == []


def test_no_key_is_a_variant_that_code_must_pick_by_comparing_text():
    assert [key for key in EN if "~" in key] == []


def test_each_key_has_the_same_placeholders_and_selectors_in_both_languages():
    differ = {key: (_fields(EN[key]), _fields(ZH[key])) for key in EN if _fields(EN[key]) != _fields(ZH[key])}
    assert differ == {}
    # Chinese has no plural forms, so a zh entry may drop a plural selector; it may not add one.
    added = {key: _selectors(ZH[key]) - _selectors(EN[key]) for key in EN
             if _selectors(ZH[key]) - _selectors(EN[key])}
    assert added == {}


def test_the_chinese_catalog_is_chinese():
    # Code words and formulas may stay as they are, but prose must not be left in English.
    untranslated = [
        key for key, entry in ZH.items() for text in _leaves(entry)
        if not HAN.search(text) and re.search(r"\b[a-z]{4,}\s+[a-z]{3,}\s+[a-z]{3,}\b", text)
    ]
    assert untranslated == []


def test_every_loss_and_parameter_has_its_words_in_both_catalogs():
    for framework in losses.FRAMEWORKS:
        for name in losses.names(framework):
            spec = losses.spec(name, framework)
            for field in ("display", "description", "y_true", "y_pred"):
                assert f"loss.{name}.{field}" in EN, (name, field)
            for param in spec.params:
                assert render_key(i18n.param_help_key(param), {}, "zh") != i18n.param_help_key(param)


# --- what the engine emits -------------------------------------------------------------------


def test_every_message_the_engine_emits_renders_in_both_languages(corpus, caplog):
    problems = {}
    for label, message in _messages(corpus):
        assert isinstance(message, Message), label
        for lang in ("en", "zh"):
            if message.key not in i18n.TEXT[lang]:
                problems.setdefault((message.key, lang), "missing")
                continue
            # str.format raises on a parameter the message lacks, so rendering is the check.
            try:
                render(message, lang)
            except (KeyError, IndexError, ValueError) as error:
                problems.setdefault((message.key, lang), repr(error))
    assert problems == {}


def test_every_formula_renders_with_its_words_in_both_languages(corpus):
    problems = {}
    for label, formula in _formulas(corpus):
        for key in _words(formula):
            assert key in EN, (label, key)
        for lang in ("en", "zh"):
            for latex in (True, False):
                shown = render_formula(formula, lang, latex=latex)
                if LEFTOVER.search(shown) or "e-0" in shown and latex:
                    problems.setdefault(formula.template, (lang, latex, shown))
    assert problems == {}


def test_every_engine_entry_is_a_message_the_engine_emits(corpus):
    # An entry nothing emits is a wording the engine no longer uses (or a typo in its key).
    used = {message.key for _, message in _messages(corpus)}
    used |= {key for _, formula in _formulas(corpus) for key in _words(formula)}
    from losses.catalog import en

    engine = {key for section in ENGINE_SECTIONS for key in getattr(en, section)}
    engine |= {key for key in EN if key.startswith("latex.")}
    unused = sorted(key for key in engine if key not in used)
    assert unused == []


def test_an_error_reads_english_without_a_page():
    with pytest.raises(losses.LossInputError) as caught:
        losses.compute("hinge", [[0, 1]], [[0.6, 0.4], [0.4, 0.6]])
    # Keras would broadcast (1, 2) against (2, 2): the refusal says so, with Keras' number
    # (hinge, y_true [0, 1] -> [-1, 1]: rows (1.6 + 0.6) / 2 = 1.1 and (1.4 + 0.4) / 2 = 0.9, mean 1).
    assert str(caught.value) == (
        "y_true has shape (1, 2) and y_pred has shape (2, 2): they must have the same shape, "
        "one y_true per y_pred. Keras would not stop here: it stretches both to shape (2, 2), "
        "repeating the values along every axis of length 1, so predictions are compared with "
        "targets they were never paired with, and it returns 1 without a word of warning.")
    assert caught.value.key == "error.shape.same.keras"


def test_params_pick_the_wording_and_numbers_are_formatted_once():
    one = losses.compute("huber", [[0.0, 0.0]], [[3.0, 0.5]])
    three = losses.compute("huber", [[0.0, 0.0, 0.0]], [[3.0, 2.0, -4.0]])
    (note_one,) = [n for n in one.notes if n.key == "note.huber_linear"]
    (note_three,) = [n for n in three.notes if n.key == "note.huber_linear"]
    assert render(note_one.message).startswith("1 element has |error| > delta = 1 and uses")
    assert render(note_three.message).startswith("3 elements have |error| > delta = 1 and use")
    assert render(note_three.message, "zh").startswith("有 3 个元素")
    # The engine hands delta over raw; the title shows it with 4 significant digits.
    i18n._run.lang = "zh"
    huber = losses.compute("huber", [[0.0]], [[3.0]], delta=2.0849694621257653)
    assert step_title(huber.step("term")) == "|e| <= 2.085 时为二次，超出部分为线性"
    assert huber.step("term").title.params["delta"] == 2.0849694621257653


def test_the_hinge_arithmetic_is_data_rendered_two_ways():
    # Keras' Hinge docs: sample 1 is (1.6 + 0.6) / 2 = 1.1, the batch (1.1 + 1.5) / 2 = 1.3.
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    first = trace.sample_arithmetic[0].formula
    assert render_formula(first, latex=False) == "(1.6 + 0.6) / 2 = 1.1"
    assert render_formula(trace.reduction_arithmetic, latex=False) == "(1.1 + 1.5) / 2 = 1.3"
    margin = trace.step("margin").example
    assert render_formula(margin) == r"(-1) \cdot 0.6 = -0.6"


def test_tiny_numbers_are_powers_of_ten_in_latex():
    trace = losses.compute("categorical_crossentropy", [[0, 1, 0]], [[0.5, 0.0, 0.5]])
    shown = [render_formula(step.example) for step in trace.steps if step.example is not None]
    assert any("10^{-7}" in latex for latex in shown), shown
    assert not any("e-07" in latex for latex in shown), shown


@pytest.mark.parametrize("framework", losses.FRAMEWORKS)
def test_every_loss_with_its_example_is_all_chinese(framework):
    for name in losses.names(framework):
        spec = losses.spec(name, framework)
        example = spec.example
        kwargs = {"reduction": example["reduction"]} if "reduction" in example else {}
        trace = losses.compute(name, example["y_true"], example["y_pred"], framework=framework,
                               **kwargs, **example.get("params", {}))
        for step in (*trace.steps, *trace.gradient_steps):
            assert step.title.key in ZH, (name, step.title.key)
        for note in (*trace.notes, *trace.gradient_notes):
            assert HAN.search(render(note.message, "zh")), (name, note.key)
        for field in ("display", "description", "y_true", "y_pred"):
            assert f"loss.{name}.{field}" in ZH


# --- the browser's locale --------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "lang"), [
    ("zh", "zh"), ("zh-CN", "zh"), ("zh-Hans-SG", "zh"), ("zh_TW", "zh"), ("ZH-cn", "zh"),
    ("en-US", "en"), ("de", "en"), ("", "en"), (None, "en"), ("zhx", "en"),
])
def test_the_browser_locale_picks_the_language(locale, lang):
    assert i18n.language_from_locale(locale) == lang


# --- the pages -------------------------------------------------------------------------------


def _page(path: Path, lang: str | None) -> AppTest:
    at = AppTest.from_file(str(path), default_timeout=60)
    if lang is not None:
        at.session_state["lang"] = lang
        # AppTest calls a widget's format_func on this thread, outside any script run, to find
        # the option to set; it must format in the page's language.
        i18n._run.lang = lang
    return at


def _follow(at: AppTest) -> AppTest:
    i18n._run.lang = at.session_state["lang"]
    return at


def _missing_text(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("no text for")]


# What a learner reads: the text of every element and every widget's label, help, placeholder and
# options (code blocks, HTML and icons are not prose).
_READ_FIELDS = {"body", "label", "help", "placeholder", "options", "options.content"}
_NOT_READ = {"Code", "Html", "Latex"}  # formulas: see LATEX_KEPT


def _strings(proto, path: str = ""):
    for fd, value in proto.ListFields():
        name = path + fd.name
        items = value if fd.is_repeated else [value]
        if fd.type == fd.TYPE_MESSAGE:
            for item in items:
                yield from _strings(item, name + ".")
        elif fd.type == fd.TYPE_STRING and name in _READ_FIELDS:
            yield from items


def shown_texts(at: AppTest) -> list[str]:
    texts = []
    for node in at._tree:
        kind = type(node).__name__
        proto = getattr(node, "proto", None)
        if proto is not None and kind not in _NOT_READ:
            texts.extend(_strings(proto))
        if kind in ("Table", "Dataframe"):
            texts.extend(str(column) for column in node.value.columns)
    return texts


# English words a Chinese page keeps, and why. Everything else English on a zh page is a leftover.
KEPT_ENGLISH = {
    "Keras", "PyTorch", "torch",  # the frameworks' names
    "Loss", "Lab",  # the app's name, "Loss Lab 损失函数实验室"
    "English",  # the language switch names each language in that language
    "None",  # Python's None, an optional parameter's value
}
# Code names the pages quote: losses, parameters, reductions and dtypes of both frameworks.
CODE_WORDS = KEPT_ENGLISH | set(losses.DTYPES) | set(losses.REDUCTIONS) | {
    word
    for framework in losses.FRAMEWORKS
    for name in losses.names(framework)
    for word in (name, *losses.spec(name, framework).reductions, *(p.name for p in losses.spec(name, framework).params))
}
# Formulas and code: `code`, $LaTeX$, name=value, Streamlit's :color[ directives, and words with
# an underscore, a digit or a dot in them, CamelCase and ALLCAPS (snake_case names, x1, torch.nn,
# CrossEntropyLoss, MSE, CTC, KL).
_CODE = re.compile(r"`[^`]*`|\$[^$]*\$|\w+=\S+|:\w+\[|\b\w*[_\d.]\w*\b|\b[A-Z][a-z]+[A-Z]\w*\b|\b[A-Z]{2,}\w*\b")
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# Han characters or Chinese punctuation (a column "log(input + eps)，eps = 1e-07" is Chinese too).
CHINESE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
# What may stand between two words of one English phrase.
_PHRASE_GAP = re.compile(r"[\s,;:.!?/()&\"“”']*")


_LINK_TARGET = re.compile(r"\]\(https://[^)\s]+\)")


_QUOTED = re.compile(r'"[^"\n]*"')


def english_prose(text: str) -> str | None:
    """The English phrase left in ``text`` (two words in a row, or a word of a text with no
    Chinese at all), formulas and code names aside; None when there is none."""
    # A Markdown link's address is not prose: only its label is read.
    clean = _CODE.sub(" ", _LINK_TARGET.sub("]", text).replace("\\", ""))
    # A framework's own words in double quotes ("all elements of input should be between 0 and
    # 1", what PyTorch prints) are quoted as the learner will see them, not translated.
    clean = _QUOTED.sub(" ", clean)
    words = [m for m in _WORD.finditer(clean) if m.group() not in CODE_WORDS and len(m.group()) > 1]
    if not CHINESE.search(text):
        return next((m.group() for m in words if len(m.group()) > 2), None)
    for first, second in zip(words, words[1:]):
        gap = clean[first.end():second.start()]
        # log(input ...) is a call, Margin (hinge) a phrase.
        if _PHRASE_GAP.fullmatch(gap) and not gap.startswith("("):
            return clean[first.start():second.end()]
    return None


# The words inside the engine's formulas (\\text{...} in LaTeX): notation and code names stay as
# they are; every other word is translated through the latex.* keys (ui/trace_view.py).
LATEX_KEPT = {"margin", "dice", "TI", "ignore", "bce", "(log\\_input)"}
_LATEX = re.compile(r"\$\$?(.*?)\$\$?", re.S)
_LATEX_TEXT = re.compile(r"\\text\{([^}]*)\}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def latex_english(text: str, whole: bool = False) -> list[str]:
    """Words in the formulas of ``text`` (all of it when ``whole``) that LATEX_KEPT does not list."""
    formulas = [text] if whole else _LATEX.findall(text)
    return [words for formula in formulas for words in _LATEX_TEXT.findall(formula)
            if words not in LATEX_KEPT and not _CJK.search(words)]


def assert_no_english_prose(at: AppTest, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    left = {text: phrase for text in shown_texts(at) if (phrase := english_prose(text))}
    assert left == {}, where
    formulas = {latex.value: words for latex in at.latex if (words := latex_english(latex.value, whole=True))}
    formulas |= {text: words for text in shown_texts(at) if (words := latex_english(text))}
    assert formulas == {}, where


def test_the_prose_check_finds_english_and_keeps_code():
    for text in ("Loss value", "回归 · Sequence and metric learning", "The two results agree.",
                 "MultiMarginLoss needs one class per sample\\: every row", "Probabilistic / classification · 自信"):
        assert english_prose(text), text
    for text in ("Loss Lab 损失函数实验室", "Keras 3", "hinge ↔ HingeEmbeddingLoss", "batchmean", "English",
                 "**第 1 步：差值 input - target**", "归约方式 sum\\_over\\_batch\\_size", "0.25",
                 '未归约的损失（即 reduction="none" 时返回的结果）', ":gray[损失值]", "Keras from_logits",
                 "$\\max(0, 1 - y \\hat y)$", "delta", "log-softmax（axis 1）",
                 "log(input + eps)，eps = 1e-07"):
        assert english_prose(text) is None, text


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_page_renders_in_both_languages(path, lang, caplog):
    caplog.set_level(logging.WARNING, logger="ui.i18n")
    at = _page(path, lang).run()
    assert not at.exception
    assert _missing_text(caplog) == []
    assert at.session_state["lang"] == lang
    assert bool(HAN.search(at.title[0].value + at.markdown[0].value)) == (lang == "zh")


def test_the_curves_page_in_chinese_in_every_mode(caplog):
    caplog.set_level(logging.WARNING, logger="ui.i18n")
    at = _page(ROOT / "pages" / "1_Curves.py", "zh").run()
    assert_no_english_prose(at, "first run")
    for overlay in ("regression", "margin", "focal"):
        at.segmented_control(key="curves.mode").set_value("overlay").run()
        at.selectbox(key="curves.overlay").set_value(overlay).run()
        at.toggle(key="curves.slope").set_value(True).run()
        assert_no_english_prose(at, overlay)
    at.segmented_control(key="curves.mode").set_value("single").run()
    for name in lc.registered_views():
        at.selectbox(key="curves.view").set_value(name).run()
        assert_no_english_prose(at, name)
        assert not at.error, name
    at.segmented_control(key="curves.framework").set_value("pytorch").run()
    for name in lc.registered_views("pytorch"):
        at.selectbox(key="curves.view").set_value(name).run()
        assert_no_english_prose(at, name)
        assert not at.error, name
    assert _missing_text(caplog) == []


@pytest.mark.parametrize("framework", losses.FRAMEWORKS)
def test_every_loss_renders_in_chinese_on_the_explainer(framework, caplog):
    caplog.set_level(logging.WARNING, logger="ui.i18n")
    at = _page(ROOT / "app.py", "zh")
    at.session_state["lesson"] = new_lesson(framework=framework)
    at.run()
    assert at.segmented_control(key="explainer.framework").value == framework
    for name in losses.names(framework):
        at.selectbox(key="explainer.loss").set_value(name).run()
        at.button(key="explainer.load_example").click().run()
        assert not at.error, (name, [e.value for e in at.error])
        assert_no_english_prose(at, name)
        steps = [m.value for m in at.markdown if m.value.startswith("**第 ")]
        assert steps, name
        assert all("步：" in s for s in steps), name
        assert HAN.search(at.caption[0].value), name
    assert _missing_text(caplog) == []


@pytest.mark.parametrize("framework", losses.FRAMEWORKS)
def test_presentation_mode_in_chinese_step_by_step(framework, caplog):
    caplog.set_level(logging.WARNING, logger="ui.i18n")
    at = _page(ROOT / "app.py", "zh")
    at.session_state["lesson"] = new_lesson(framework=framework, present=True)
    at.run()
    assert_no_english_prose(at, "step 1")
    for step in range(2, 20):
        if at.button(key="explainer.present.next").disabled:
            break
        at.button(key="explainer.present.next").click().run()
        assert_no_english_prose(at, f"step {step}")
    assert at.button(key="explainer.present.next").disabled, "the last position was never reached"
    assert _missing_text(caplog) == []


def test_a_presentation_link_opens_in_chinese():
    at = _page(ROOT / "app.py", None)
    at.query_params["present"] = "1"
    at.query_params["lang"] = "zh"
    i18n._run.lang = "zh"
    at.run()
    assert at.session_state["lesson"]["present"] and at.session_state["lang"] == "zh"
    assert_no_english_prose(at, "present=1&lang=zh")


def test_the_comparison_page_in_chinese_for_every_preset_and_pair(caplog):
    caplog.set_level(logging.WARNING, logger="ui.i18n")
    at = _page(ROOT / "pages" / "2_Keras_vs_PyTorch.py", "zh").run()
    for preset in content_compare.PRESETS:
        at.pills(key="compare.preset_pick").set_value(preset.id).run()
        assert at.info, preset.id  # the preset's "what this shows"
        assert_no_english_prose(at, preset.id)
        at.toggle(key="compare.translate").set_value(not at.toggle(key="compare.translate").value).run()
        assert_no_english_prose(at, f"{preset.id}, translate switched")
    for pair in content_compare.PAIRS:
        at.selectbox(key="compare.pair").set_value(pair.id).run()
        assert_no_english_prose(at, pair.id)
    # An input the comparison refuses: MultiMarginLoss needs one-hot rows.
    at.selectbox(key="compare.pair").set_value("categorical_hinge").run()
    at.text_area(key="compare.y_true").set_value("[[0.5, 0.5]]").run()
    at.text_area(key="compare.y_pred").set_value("[[0.2, 0.8]]").run()
    assert at.error
    assert_no_english_prose(at, "refused input")
    assert _missing_text(caplog) == []


def test_the_quiz_in_chinese_for_every_question_checked_and_not(caplog):
    caplog.set_level(logging.WARNING, logger="ui.i18n")
    at = _page(ROOT / "pages" / "3_Quiz.py", "zh").run()
    for question in quiz.QUESTIONS:
        at.selectbox(key="quiz.question").set_value(question.id).run()
        assert_no_english_prose(at, question.id)
        at.number_input(key="quiz.guess").set_value(1.0).run()
        at.button(key="quiz.check").click().run()
        assert at.metric, question.id
        assert_no_english_prose(at, f"{question.id}, checked")
    # A question on the explainer's lesson, and one opened from a link.
    at.segmented_control(key="quiz.source").set_value("lesson").run()
    assert_no_english_prose(at, "lesson")
    linked = _page(ROOT / "pages" / "3_Quiz.py", None)
    for key, value in {"framework": "pytorch", "loss": "NLLLoss", "ask": "sample:9", "lang": "zh"}.items():
        linked.query_params[key] = value
    linked.run()
    assert link_problems(linked)  # sample 9 does not exist
    assert_no_english_prose(linked, "link")
    assert _missing_text(caplog) == []


def test_a_bad_input_in_chinese_shows_the_chinese_message():
    at = _page(ROOT / "app.py", "zh").run()
    at.text_area(key="explainer.y_pred").set_value("[[0.6, 0.4], [0.4]]").run()
    # Row 2 holds 1 number where row 1 holds 2 (line 1, column 14 of "[[0.6, 0.4], [0.4]]").
    expected = render_key("parse.ragged", {"argument": "y_pred", "line": 1, "column": 14, "index": 2,
                                           "found": 1, "expected": 2, "unit": "row"}, "zh")
    shown = [e.value for e in at.error]
    assert shown and all(s == i18n.escape_md(expected) for s in shown), shown
    assert "row 2" not in " ".join(shown)


def test_a_bad_parameter_in_chinese_shows_the_chinese_message():
    at = _page(ROOT / "app.py", "zh").run()
    at.selectbox(key="explainer.loss").set_value("huber").run()
    at.button(key="explainer.load_example").click().run()
    at.number_input(key="explainer.param.huber.delta").set_value(0.0).run()
    shown = " ".join(e.value for e in at.error)
    assert "超出范围" in shown and "out of range" not in shown


def test_the_choice_survives_switching_pages():
    at = _follow(_page(ROOT / "app.py", None).run())
    assert at.session_state["lang"] == "en"
    _follow(at.sidebar.segmented_control(key="explainer.lang").set_value("zh").run())
    assert at.title[0].value == ZH["app.title"]
    at.switch_page("pages/1_Curves.py").run()
    assert not at.exception
    assert at.session_state["lang"] == "zh"
    assert at.title[0].value == ZH["curves.title"]
    assert at.sidebar.segmented_control(key="curves.lang").value == "zh"
    at.switch_page("app.py").run()
    assert at.session_state["lang"] == "zh"
    assert at.title[0].value == ZH["app.title"]
    at.sidebar.segmented_control(key="explainer.lang").set_value("en").run()
    assert at.title[0].value == EN["app.title"]


def test_a_language_set_before_the_sidebar_draws_is_kept():
    # What a ?lang=zh handler in app.py does: write session state before sidebar() runs.
    at = _page(ROOT / "app.py", "zh").run()
    assert at.sidebar.segmented_control(key="explainer.lang").value == "zh"
    at.run()
    assert at.title[0].value == ZH["app.title"]


def test_a_new_session_follows_the_browser_locale(monkeypatch):
    monkeypatch.setattr(lesson, "_browser_language", lambda: "zh")
    at = _follow(_page(ROOT / "app.py", None).run())
    assert at.session_state["lang"] == "zh"
    assert at.title[0].value == ZH["app.title"]
    # Once the learner picks a language, the locale no longer decides.
    _follow(at.sidebar.segmented_control(key="explainer.lang").set_value("en").run())
    at.run()
    assert at.session_state["lang"] == "en"


def test_a_locale_that_arrives_late_still_decides(monkeypatch):
    locale = {"lang": None}
    monkeypatch.setattr(lesson, "_browser_language", lambda: locale["lang"])
    at = _page(ROOT / "app.py", None).run()
    assert at.session_state["lang"] == "en"
    locale["lang"] = "zh"
    at.run()
    assert at.session_state["lang"] == "zh"


def test_the_prose_check_sees_an_english_page():
    at = _page(ROOT / "pages" / "3_Quiz.py", "en").run()
    with pytest.raises(AssertionError):
        assert_no_english_prose(at, "the English quiz")


def test_words_in_formulas_and_sums_follow_the_language():
    # Hinge seed with reduction "none": per-sample 1.1 and 1.5 (Keras' Hinge docs), unreduced.
    query = {"loss": "hinge", "y_true": "[[0,1],[0,0]]", "y_pred": "[[0.6,0.4],[0.4,0.6]]",
             "reduction": "none"}
    english = open_app(query)
    assert any(c.value == "no reduction: 1.1, 1.5" for c in english.code)
    assert any(r"\text{no reduction}" in x.value for x in english.latex)
    chinese = open_app({**query, "lang": "zh"})
    assert any(c.value == "不归约：1.1, 1.5" for c in chinese.code)
    assert any(r"\text{不归约}" in x.value for x in chinese.latex)
    assert not any("no reduction" in x.value for x in chinese.latex)
