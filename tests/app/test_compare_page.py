"""The Keras vs PyTorch page (pages/2_Keras_vs_PyTorch.py) driven through Streamlit's AppTest.

Expected numbers come from tests/goldens (Keras 3.15.1, torch 2.13.0) by case id, or from
arithmetic written in a comment; they are compared as the page shows them (4 significant
digits). One AppTest instance is shared per module; every test puts the page into the state it
needs first.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import losses
from ui.content import compare as lc
from tests.app.pagetools import new_lesson
from ui import export, i18n

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "2_Keras_vs_PyTorch.py")
TIMEOUT = 30
TORCH = {c["id"]: c for c in json.loads((ROOT / "tests" / "goldens" / "torch.json").read_text())["cases"]}
KERAS = {c["id"]: c for c in json.loads((ROOT / "tests" / "goldens" / "keras.json").read_text())["cases"]}


@pytest.fixture(scope="module")
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    app.run()
    no_exception(app)
    return app


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def values(at: AppTest) -> list:
    """The two big numbers, Keras' then PyTorch's: a float, or a list for reduction "none"."""
    shown = []
    for metric in at.metric:
        text = metric.value
        shown.append([float(x) for x in text.strip("[]").split(",")] if text.startswith("[") else float(text))
    return shown


def pick(at: AppTest, preset_id: str) -> AppTest:
    at.pills(key="compare.preset_pick").set_value(preset_id).run()
    no_exception(at)
    return at


def codes(at: AppTest) -> list[str]:
    return [block.value for block in at.code]


def test_opens_on_the_pair_of_the_lessons_loss(at):
    assert at.title[0].value == "Keras vs PyTorch"
    # A new session's lesson is Keras' hinge docs example, 1.3 (keras.json "seed/hinge");
    # HingeEmbeddingLoss (0.4 + 0.4 + 0.6 + 0.4) / 4 = 0.45 on the -1/1 labels.
    assert at.session_state["compare.pair"] == "hinge"
    assert values(at) == [1.3, 0.45]


def test_the_first_preset(at):
    pick(at, lc.PRESETS[0].id)
    # keras.json "seed/categorical_crossentropy": [0.0513, 2.303]; torch.json
    # "CrossEntropyLoss/seed/none": [0.584, 1.390], at 4 significant digits.
    assert values(at) == [[0.05129, 2.303], [0.5841, 1.39]]
    assert at.session_state["compare.pair"] == "cce"
    assert any("CrossEntropyLoss takes logits" in m.value for m in at.markdown)


@pytest.mark.parametrize("preset", [p.id for p in lc.PRESETS])
def test_every_preset_renders_both_values(at, preset):
    pick(at, preset)
    assert len(at.metric) == 2
    comparison = lc.compare(lc.PRESETS_BY_ID[preset].lesson)
    # The page's why-section holds one line per difference (the engine's list is tested in
    # tests/losses/test_compare.py); each preset has at least one.
    lines = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert len(lines) == len(comparison.differences) >= 1
    assert any("What this shows" in info.value for info in at.info)
    python = codes(at)
    assert any(code.startswith("import keras") or "import keras" in code for code in python)
    assert any(code.startswith("import torch") for code in python)
    assert at.pills(key="compare.preset_pick").value is None


def test_preset_numbers_on_the_page(at):
    # (16.118 + 15.942 + 2 × 1.19e-7) / 4 = 8.015 (keras.json "binary_crossentropy/p=0,1/float32")
    # against (100 + 100 + 0 + 0) / 4 = 50 (torch.json "BCELoss/p=0,1/mean").
    assert values(pick(at, "clip")) == [8.015, 50.0]
    # 0.30117 (torch.json "KLDivLoss/basic/batchmean", equal to Keras' KL divergence) against the
    # same sum over 4 elements, 0.15059 (torch.json "KLDivLoss/basic/mean").
    assert values(pick(at, "mean")) == [0.3012, 0.1506]
    # Keras' hinge docs example 1.3 (keras.json "seed/hinge"); HingeEmbeddingLoss
    # (0.4 + 0.4 + 0.6 + 0.4) / 4 = 0.45.
    assert values(pick(at, "similar_names")) == [1.3, 0.45]
    # torch.json "CrossEntropyLoss/seed/none" 0.58406, 1.38973 weighted 2 and 3:
    # 5.3377 / 2 = 2.669 and 5.3377 / 5 = 1.067.
    assert values(pick(at, "class_weight")) == [2.669, 1.067]
    # Keras (1 + 1) / 2 and 0 / 2 averaged, 0.75; torch 3e / 4 = 2.039.
    assert values(pick(at, "poisson")) == [0.75, 2.039]


def test_translate_makes_kl_divergence_agree(at):
    pick(at, "kl_log")
    assert any("differ" in w.value for w in at.warning)
    at.toggle(key="compare.translate").set_value(True).run()
    no_exception(at)
    # Both the KL divergence 0.30117 (torch.json "KLDivLoss/basic/batchmean").
    assert values(at) == [0.3012, 0.3012]
    assert any("agree" in s.value for s in at.success)


@pytest.mark.parametrize("pair", [p.id for p in lc.PAIRS])
def test_every_pair_renders_on_its_keras_example(at, pair):
    pick(at, "logits")
    example = losses.spec(lc.PAIRS_BY_ID[pair].keras).example
    at.selectbox(key="compare.pair").set_value(pair)
    at.text_area(key="compare.y_true").input(str(example["y_true"]))
    at.text_area(key="compare.y_pred").input(str(example["y_pred"]))
    at.run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert len(at.metric) == 2
    assert f"torch.nn.{lc.PAIRS_BY_ID[pair].torch}" in " ".join(c.value for c in at.caption)


def test_pytorch_snippet_uses_int64_class_indices(at):
    pick(at, "class_weight")
    (torch_code,) = [code for code in codes(at) if code.startswith("import torch")]
    assert "y_true = torch.tensor([1, 2], dtype=torch.int64)" in torch_code
    assert "torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0], dtype=torch.float32)" in torch_code
    assert "output = loss(y_pred, y_true)" in torch_code
    (keras_code,) = [code for code in codes(at) if "import keras" in code]
    # The learner's own numbers, not their float32 copies.
    assert "[[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]" in keras_code
    assert "sample_weight = np.array([2.0, 3.0])" in keras_code


def test_unparsable_input_shows_an_error_and_the_page_stays(at):
    pick(at, "logits")
    at.text_area(key="compare.y_pred").input("[[0.05, abc]]").run()
    no_exception(at)
    assert at.error and "not a number" in at.error[0].value
    assert not at.metric
    assert any("appear once" in info.value for info in at.info)
    pick(at, "logits")
    assert len(at.metric) == 2 and not at.error


def test_shape_mismatch_shows_an_error(at):
    pick(at, "similar_names")
    at.text_area(key="compare.y_true").input("[[0, 1, 1]]").run()
    no_exception(at)
    assert at.error
    assert not at.metric


def test_bad_class_weights_show_an_error(at):
    pick(at, "class_weight")
    at.text_input(key="compare.class_weight").input("[1, 2]").run()
    no_exception(at)
    assert any("one weight per class" in e.value for e in at.error)
    at.text_input(key="compare.class_weight").input("[[1, 2, 3]]").run()
    no_exception(at)
    assert any("one list of numbers" in e.value for e in at.error)


def test_markdown_in_input_is_never_rendered(at):
    pick(at, "logits")
    at.text_area(key="compare.y_pred").input("**[bold](http://x)**").run()
    no_exception(at)
    assert at.error
    # The parser's message quotes the text; every Markdown character in it arrives escaped.
    for element in (*at.error, *at.markdown, *at.caption):
        assert "**[" not in element.value and "](http" not in element.value


def test_starts_from_the_explainer_lesson():
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    app.session_state["lesson"] = new_lesson(
        loss="huber", y_true="[[0, 1]]", y_pred="[[1, 3]]", reduction="sum", params={"delta": 0.5})
    app.run()
    no_exception(app)
    assert app.session_state["compare.pair"] == "huber"
    assert app.session_state["compare.torch_reduction"] == "sum"
    # delta 0.5, errors 1 and 2, both linear: 0.5 × (1 - 0.25) = 0.375 and 0.5 × (2 - 0.25) =
    # 0.875. Keras' "sum" adds per-sample means, (0.375 + 0.875) / 2 = 0.625; PyTorch's adds the
    # elements, 1.25.
    assert values(app) == [0.625, 1.25]
    assert any("adds every element" in m.value for m in app.markdown)
    assert any("explainer lesson" in c.value for c in app.caption)
    assert any("delta=0.5" in c.value for c in app.caption)


def test_every_text_key_the_page_uses_exists():
    source = Path(PAGE).read_text()
    keys = set(re.findall(r"\bt\(\"([^\"]+)\"", source))
    # f-string keys: one per preset (the differences and conversions are the engine's messages,
    # rendered in both languages by tests/losses/test_compare.py).
    keys |= {f"compare.preset.{p.id}.{part}" for p in lc.PRESETS for part in ("label", "help")}
    keys |= {f"reduction.{r}.explain" for r in losses.REDUCTIONS}
    assert keys and not sorted(keys - set(i18n.TEXT["en"]))
    # The page's own strings are one block, prefixed "compare.".
    assert all(k.startswith(("compare.", "reduction.", "inputs.", "error.")) for k in keys)


@pytest.mark.parametrize("pair", [p.id for p in lc.PAIRS])
def test_torch_snippet_is_python_in_torch_order(pair):
    example = losses.spec(lc.PAIRS_BY_ID[pair].keras).example
    comparison = lc.compare(lc.Lesson(pair, example["y_true"], example["y_pred"],
                                      keras_params=example.get("params", {})))
    code = export.torch_snippet(comparison.torch.name, *comparison.torch_inputs, reduction="mean",
                                dtype="float32", params=dict(comparison.torch_params))
    ast.parse(code)
    assert f"torch.nn.{comparison.torch.name}(" in code
    spec = losses.spec(comparison.torch.name, "pytorch")
    if spec.inputs == "embedding_pair":
        assert "output = loss(y_pred[:, 0], y_pred[:, 1], y_true)" in code
    else:
        assert "output = loss(y_pred, y_true)" in code
    indices = comparison.torch_inputs[0].shape != comparison.torch_inputs[1].shape and spec.inputs.startswith(
        "class_index")
    assert ("dtype=torch.int64" in code) == indices


def test_the_explainer_lesson_arrives_and_a_visit_elsewhere_keeps_the_page():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.run()
    app.switch_page("pages/2_Keras_vs_PyTorch.py").run()
    no_exception(app)
    # The explainer's seed lesson is Keras' hinge docs example (1.3, keras.json "seed/hinge").
    assert app.session_state["compare.pair"] == "hinge"
    assert values(app)[0] == 1.3
    app.pills(key="compare.preset_pick").set_value("poisson").run()
    app.switch_page("pages/1_Curves.py").run()
    app.switch_page("pages/2_Keras_vs_PyTorch.py").run()
    no_exception(app)
    # Streamlit forgot the widgets while the curves page ran; the lesson kept their values.
    assert app.session_state["compare.pair"] == "poisson"
    assert values(app) == [0.75, 2.039]
    # The preset's numbers are the lesson's now: the explainer shows Keras' poisson of them.
    app.switch_page("app.py").run()
    no_exception(app)
    assert app.session_state["explainer.loss"] == "poisson"
    assert [float(m.value) for m in app.metric] == [0.75]
