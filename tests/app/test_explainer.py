"""The explainer page (app.py) driven through Streamlit's AppTest.

Expected numbers say where they come from: the Keras documentation, or arithmetic a reader can
redo by hand. One AppTest instance is shared per module (a fresh one costs ~100 ms); every test
first puts the page into the state it needs.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import losses
from tests.app.pagetools import open_app, open_tab, open_tab_name, param_key, set_params, shown_value
from ui import lesson as lesson_module
from ui import presets
from ui.inputs import _grid_key

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 30

HINGE_TRUE = "[[0, 1], [0, 0]]"
HINGE_PRED = "[[0.6, 0.4], [0.4, 0.6]]"


@pytest.fixture(scope="module")
def at() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.run()
    assert not app.exception
    return app


def load(at: AppTest, loss: str, y_true: str, y_pred: str, sample_weight: str = "", **params) -> AppTest:
    """Type a whole lesson into the page, as a learner would, and rerun."""
    at.selectbox(key="explainer.loss").set_value(loss).run()
    at.text_area(key="explainer.y_true").input(y_true)
    at.text_area(key="explainer.y_pred").input(y_pred)
    at.text_area(key="explainer.sample_weight").input(sample_weight)
    at.selectbox(key="explainer.reduction").set_value("sum_over_batch_size")
    at.segmented_control(key="explainer.dtype").set_value("float32")
    set_params(at, **params)
    return at.run()


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def shown_per_sample(at: AppTest) -> list[float]:
    """The per-sample losses as the arithmetic lines state them: ``sample 0: ... = 1.1``."""
    lines = [
        line for block in at.code for line in block.value.splitlines() if line.startswith("sample ")
    ]
    return [float(line.rsplit("=", 1)[1]) for line in lines]


HIGHLIGHTED = re.compile(r"^:orange-background\[:orange\[\*\*(.*)\*\*\]\] ◀$")
COLORED = re.compile(r"^:[a-z]+(?:-background)?\[(.*)\]$")


def _plain(cell):
    """A static table's cell as a number: its Markdown highlight or colour (if any) removed.

    Changed cells read ``:orange-background[:orange[**0.25**]] ◀``; gradient cells are
    coloured by sign, ``:red[0.25]`` or ``:blue-background[:blue[**-0.5**]]``.
    """
    text = str(cell).removesuffix(" ◀")
    while (match := COLORED.match(text)):
        text = match[1]
    return float(text.strip("*"))


def trace_tables(at: AppTest) -> list[pd.DataFrame]:
    """The step tables as numbers: the static ones (st.table), then the scrolling grids.

    Input grids (data editors) are left out; so is the "this step" marker column.
    """
    tables = []
    for element in at.table:
        frame = element.value
        if is_matrix(frame):
            continue
        tables.append(pd.DataFrame({name.replace("\\", ""): frame[name].map(_plain) for name in frame}))
    for element in at.dataframe:
        if element.proto.editing_mode == 0:
            tables.append(element.value.drop(columns=["this step"], errors="ignore"))
    return tables


def is_matrix(frame: pd.DataFrame) -> bool:
    """A step shown in the batch's shape: its value columns are headed "<symbol> [j=<n>]"."""
    return any("[j=" in str(name) for name in frame.columns)


def matrices(at: AppTest) -> list[pd.DataFrame]:
    """The step matrices as numbers (one row per sample, one column per j), in step order."""
    return [pd.DataFrame({name.replace("\\", ""): element.value[name].map(_plain)
                          for name in element.value if "[j=" in str(name)})
            for element in at.table if is_matrix(element.value)]


def marked_rows(at: AppTest, index: int) -> list[int]:
    """Rows of the index-th element table whose element the step changed (highlighted or marked)."""
    static = [element for element in at.table if not is_matrix(element.value)]
    if index < len(static):
        frame = static[index].value
        return [i for i in range(len(frame)) if any(HIGHLIGHTED.match(str(c)) for c in frame.iloc[i])]
    grids = [e for e in at.dataframe if e.proto.editing_mode == 0]
    frame = grids[index - len(static)].value
    return [i for i, mark in enumerate(frame.get("this step", [])) if mark]


def page_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.code, *at.latex, *at.info, *at.warning)]
    parts += [str(m.value) for m in at.metric]
    parts += [table.to_string() for table in trace_tables(at)]
    return "\n".join(parts)


def approx(expected):
    return pytest.approx(expected, rel=1e-3, abs=1e-3)


# --- the seed example, step by step ---------------------------------------------------------


def test_seed_hinge_explained_step_by_step(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    no_exception(at)
    assert not at.error
    # Keras' Hinge docstring: 1.3. By hand: labels 0/1 become -1/1, terms max(0, 1 - y' * y_pred)
    # are 1.6, 0.6 / 1.4, 1.6; (1.6 + 0.6) / 2 = 1.1; (1.4 + 1.6) / 2 = 1.5; (1.1 + 1.5) / 2 = 1.3.
    assert shown_value(at) == approx(1.3)
    samples = next(c.value for c in at.code if c.value.startswith("sample 0"))
    assert "sample 0: (1.6 + 0.6) / 2 = 1.1" in samples
    assert "sample 1: (1.4 + 1.6) / 2 = 1.5" in samples
    assert any("(1.1 + 1.5) / 2 = 1.3" in c.value for c in at.code)
    latex = "\n".join(x.value for x in at.latex)
    assert "= 1.6" in latex and "1.1" in latex and "= 1.3" in latex
    # The hinge table lines y_true, y_pred and the term up element by element.
    hinge_table = trace_tables(at)[2]
    assert list(hinge_table.iloc[:, -1]) == approx([1.6, 0.6, 1.4, 1.6])
    assert list(hinge_table["y_pred"]) == approx([0.6, 0.4, 0.4, 0.6])
    # The same terms in the batch's shape: two samples, two elements each.
    hinge_matrix = matrices(at)[2]
    assert hinge_matrix.shape == (2, 2)
    assert hinge_matrix.to_numpy().tolist() == [approx([1.6, 0.6]), approx([1.4, 1.6])]
    # And under the value, where it comes from: the batch line, then each sample's.
    derivation = next(x.value for x in at.latex if "1.3 &=" in x.value)
    assert r"(1.1 + 1.5) / 2" in derivation
    assert r"1.1 &= (1.6 + 0.6) / 2" in derivation and r"1.5 &= (1.4 + 1.6) / 2" in derivation


def test_converted_labels_are_highlighted(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    # y_true = [0, 1, 0, 0]: the three zeros become -1 (Keras' convert_binary_labels_to_hinge).
    assert marked_rows(at, 0) == [0, 2, 3]
    assert trace_tables(at)[0]["y'"].tolist() == [-1, 1, -1, -1]
    assert marked_rows(at, 1) == []  # the margin step changes nothing in place
    assert any("Highlighted" in c.value for c in at.caption)


def test_clipped_probabilities_are_highlighted(at):
    at.pills(key="explainer.preset.surprise").set_value("confident_wrong").run()
    marked = [i for i in range(len(trace_tables(at))) if marked_rows(at, i)]
    # y_pred = [0, 1]: 0 is raised to 1e-7 and 1 lowered to 1 - 1e-7 (Keras clips both ends).
    assert marked and marked_rows(at, marked[0]) == [0, 1]


def test_big_tables_scroll_and_mark_changes_in_a_column(at):
    rows = 50  # past STATIC_TABLE_ROWS elements: the scrolling grid
    load(at, "hinge", "\n".join("0 1" for _ in range(rows)), "\n".join("0.6 0.4" for _ in range(rows)))
    grids = [e for e in at.dataframe if e.proto.editing_mode == 0]
    assert grids
    assert list(grids[0].value["this step"][:2]) == ["◀ changed", ""]


# --- presets ----------------------------------------------------------------------------------

# preset id -> (final value, per-sample values), each with its source.
PRESET_NUMBERS = {
    # Keras Hinge docstring; by hand above.
    "hinge": (1.3, [1.1, 1.5]),
    # Keras CategoricalCrossentropy docs: 1.177; per sample -ln(0.95) = 0.0513, -ln(0.1) = 2.303.
    "cce": (1.177, [0.0513, 2.303]),
    # Keras SparseCategoricalCrossentropy docs: the same numbers with class indices [1, 2].
    "sparse_cce": (1.177, [0.0513, 2.303]),
    # keras.losses.cosine_similarity docs: [-0., -0.99999994, 0.99999994]; their mean is 0.
    "cosine": (0.0, [-0.0, -1.0, 1.0]),
    # By hand: errors (0.5, 0) and (1, 3); (0.25 + 0) / 2 = 0.125, (1 + 9) / 2 = 5; mean 2.5625.
    "mse": (2.5625, [0.125, 5.0]),
    # By hand: (0.5 + 0) / 2 = 0.25, (1 + 3) / 2 = 2; mean 1.125.
    "mae": (1.125, [0.25, 2.0]),
    # By hand: p = 0 is clipped to 1e-7 and -ln(1e-7) = 16.118.
    "confident_wrong": (16.118, [16.118]),
    # By hand: no conversion, so 0 labels give max(0, 1 - 0) = 1: (1 + 0.6) / 2 = 0.8,
    # (1 + 1.6) / 2 = 1.3, and (0.8 + 1.3) / 2 = 1.05.
    "hinge_minus_one": (1.05, [0.8, 1.3]),
    # By hand: (1 * 1.1 + 0 * 1.5) / 2 = 0.55 (Keras divides by the batch size, 2).
    "zero_weight": (0.55, [1.1, 1.5]),
    # By hand: [1, 2, 1] / 4 = [0.25, 0.5, 0.25], so the loss is -ln(0.5) = 0.6931.
    "unnormalised": (0.6931, [0.6931]),
    # By hand: (1 - 0.01)^2 = 0.9801; -ln(0.01) = 4.6052.
    "learn_mse": (0.9801, [0.9801]),
    "learn_bce": (4.6052, [4.6052]),
    # torch 2.13.0, tests/goldens/torch.json CrossEntropyLoss/seed/mean and .../none.
    "torch_ce_logits": (0.9869, [0.5841, 1.39]),
    # torch 2.13.0, BCELoss/p=0,1/mean and /none: the log clamped at -100.
    "torch_bce_clamp": (50.0, [100.0, 100.0, -0.0, 0.0]),
    # torch 2.13.0, KLDivLoss/basic/mean and /none.
    "torch_kldiv_mean": (0.1506, [-0.1386, 0.2301, -0.2939, 0.8047]),
}


def test_every_preset_has_expected_numbers():
    assert set(PRESET_NUMBERS) == set(presets.BY_ID)


@pytest.mark.parametrize("preset_id", list(PRESET_NUMBERS))
def test_preset_renders_its_numbers(at, preset_id):
    preset = presets.BY_ID[preset_id]
    at.pills(key=f"explainer.preset.{preset.group}").set_value(preset_id).run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert at.selectbox(key="explainer.loss").value == preset.loss
    assert at.text_area(key="explainer.y_pred").value == preset.y_pred
    # The pills forget the choice, so the same preset can be loaded again after edits.
    assert at.pills(key=f"explainer.preset.{preset.group}").value is None
    value, per_sample = PRESET_NUMBERS[preset_id]
    assert shown_value(at) == approx(value)
    # A learning-speed preset opens the learning view; the steps are one tab away.
    assert open_tab_name(at) == ("learn" if preset.learning_rate is not None else "steps")
    open_tab(at, "steps")
    assert shown_per_sample(at) == approx(per_sample)
    assert at.segmented_control(key="explainer.framework").value == preset.framework
    assert any("What to notice" in i.value for i in at.info)


def test_zero_weight_preset_says_why(at):
    at.pills(key="explainer.preset.surprise").set_value("zero_weight").run()
    assert any("still counted in the divisor 2" in i.value.replace("\\", "") for i in at.info)


# --- every loss ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", losses.names())
def test_every_loss_renders_its_default_example(at, name):
    at.selectbox(key="explainer.loss").set_value(name).run()
    at.button(key="explainer.load_example").click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert len(at.metric) == 1
    assert len(at.latex) >= 2
    assert len(at.code) >= 2  # the reduction's arithmetic and the Keras script


@pytest.mark.parametrize("name", losses.names())
def test_parameter_widgets_follow_the_spec(at, name):
    at.selectbox(key="explainer.loss").set_value(name).run()
    no_exception(at)
    for param in losses.spec(name).params:
        key = param_key(at, param.name)
        assert at.session_state[key] == param.default
        if param.kind == "bool":
            assert at.toggle(key=key).value is param.default
        elif param.kind in ("axis", "axes"):
            assert at.selectbox(key=key).value == param.default
        else:
            assert at.number_input(key=key).value == param.default


def test_dice_axes_choice_gives_one_loss_per_sample(at):
    # Dice over axes (1, 2) of one (1, 2, 2) sample is the whole-batch Dice of that sample:
    # I = 1 * 0.5 + 1 * 1 = 1.5, sum y = 2, sum y_pred = 2, so 1 - 3 / 4 = 0.25.
    load(at, "dice", "[[[1, 0], [1, 0]]]", "[[[0.5, 0], [1, 0.5]]]")
    at.selectbox(key=param_key(at, "axis")).set_value((1, 2)).run()
    no_exception(at)
    assert shown_value(at) == approx(0.25)


def test_changing_a_parameter_changes_the_value(at):
    # Huber on the seed numbers: errors 0.6, 0.6, 0.4, 0.6 are all below delta = 1, so each
    # term is e^2 / 2: (0.18 + 0.18 + 0.08 + 0.18) / 4 = 0.155. With delta = 0.5 the 0.6 errors
    # turn linear: 0.5 * 0.6 - 0.125 = 0.175, so (0.175 * 3 + 0.08) / 4 = 0.15125.
    load(at, "huber", HINGE_TRUE, HINGE_PRED)
    assert shown_value(at) == approx(0.155)
    at.number_input(key=param_key(at, "delta")).set_value(0.5).run()
    assert shown_value(at) == approx(0.15125)


def test_switching_loss_keeps_numbers_that_fit(at):
    load(at, "mean_squared_error", "[[1, 2], [3, 4]]", "[[1.5, 2], [2, 7]]")
    at.selectbox(key="explainer.loss").set_value("mean_absolute_error").run()
    assert at.text_area(key="explainer.y_true").value == "[[1, 2], [3, 4]]"
    assert shown_value(at) == approx(1.125)  # by hand, as in the MAE preset


def test_switching_to_a_loss_the_numbers_do_not_fit_loads_its_example(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    at.selectbox(key="explainer.loss").set_value("sparse_categorical_crossentropy").run()
    no_exception(at)
    # A (2, 2) y_true cannot be class indices for a (2, 2) y_pred: the loss's example comes in.
    assert at.text_area(key="explainer.y_true").value == "[1, 2]"
    assert any("don't fit" in c.value for c in at.caption)


# --- reductions and dtype ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reduction", "sample_weight", "expected"),
    [
        # Per-sample hinge losses 1.1 and 1.5 (Keras docs example, by hand above).
        ("sum", "", 2.6),  # 1.1 + 1.5
        ("none", "", [1.1, 1.5]),
        ("mean", "", 1.3),
        ("sum_over_batch_size", "[1, 0]", 0.55),  # (1 * 1.1 + 0 * 1.5) / 2
        ("mean_with_sample_weight", "[1, 0]", 1.1),  # (1 * 1.1 + 0 * 1.5) / (1 + 0)
        ("sum", "[1, 0]", 1.1),
        ("none", "[1, 0]", [1.1, 0.0]),
    ],
)
def test_reduction_changes_the_value_as_keras_does(at, reduction, sample_weight, expected):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED, sample_weight=sample_weight)
    at.selectbox(key="explainer.reduction").set_value(reduction).run()
    no_exception(at)
    assert shown_value(at) == approx(expected)


def test_every_reduction_is_offered_and_explained(at):
    box = at.selectbox(key="explainer.reduction")
    assert len(box.options) == len(losses.REDUCTIONS) == 5
    for reduction in losses.REDUCTIONS:
        box.set_value(reduction).run()
        assert len(at.caption) and any(c.value and "divid" in c.value or "sum" in c.value
                                       or "reduction" in c.value for c in at.caption)


def test_dtype_float64_changes_the_exact_value(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    # 1.3 is not a float32: the nearest one is 1.2999999523162842.
    assert "1.2999999523162842" in at.metric[0].help
    at.segmented_control(key="explainer.dtype").set_value("float64").run()
    assert "1.2999999523162842" not in at.metric[0].help
    assert shown_value(at) == approx(1.3)


# --- bad input ------------------------------------------------------------------------------------

BAD_TEXT = [
    # (input, text, error key the engine gives, a fragment of the message)
    ("y_pred", "[[0.6, 0.4], [0.4 abc]]", "parse.not_a_number", "line 1, column 19"),
    ("y_pred", "[[0.6, 0.4], [0.4, 0.6]", "parse.unbalanced", "line 1, column 1: this \"[\" is never closed"),
    ("y_pred", "0.6 0.4\n0.4", "parse.ragged", "line 2"),
    ("y_true", "", "parse.empty", "no numbers"),
    ("y_true", "   \n  ", "parse.empty", "no numbers"),
    ("y_pred", "[[0.6, 0.4], [nan, 0.6]]", "parse.non_finite", "not a finite number"),
    ("y_pred", "[[0.6, 0.4], [0.4, \u22120.6]]", "parse.unexpected_char", "not the minus sign"),
    ("y_pred", "[[[[0.6]]]]", "parse.too_deep", "line 1"),
    ("y_pred", "1" * 100_001, "parse.too_long", "100,000"),
    ("sample_weight", "[1, zero]", "parse.not_a_number", "sample_weight"),
]


@pytest.mark.parametrize(("argument", "text", "key", "fragment"), BAD_TEXT)
def test_bad_text_gets_a_message_not_a_traceback(at, argument, text, key, fragment):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    at.text_area(key=f"explainer.{argument}").input(text).run()
    no_exception(at)
    messages = [e.value.replace("\\", "") for e in at.error]
    assert messages, f"no error shown for {key}"
    assert any(fragment in m for m in messages), messages
    assert any(m.startswith(argument) for m in messages)
    assert not at.metric  # no stale result
    # The rest of the page still works: fixing the input brings the trace back.
    fixed = {"y_true": HINGE_TRUE, "y_pred": HINGE_PRED, "sample_weight": ""}[argument]
    at.text_area(key=f"explainer.{argument}").input(fixed).run()
    assert not at.error
    assert shown_value(at) == approx(1.3)


BAD_COMBINATIONS = [
    # (loss, y_true, y_pred, sample_weight, params, fragment of the message)
    ("hinge", HINGE_TRUE, "[[0.6, 0.4, 0.1], [0.4, 0.6, 0.1]]", "", {}, "same shape"),
    ("hinge", HINGE_TRUE, HINGE_PRED, "[1, 2, 3]", {}, "sample_weight has shape (3,)"),
    ("hinge", "[1, 0, 1]", "[[0.6, 0.4], [0.4, 0.6]]", "", {}, "shape"),
    ("huber", HINGE_TRUE, HINGE_PRED, "", {"delta": 0.0}, "delta = 0 is out of range"),
    ("huber", HINGE_TRUE, HINGE_PRED, "", {"delta": -1.0}, "out of range"),
    ("sparse_categorical_crossentropy", "[1, 5]", "[[0.1, 0.9], [0.5, 0.5]]", "", {}, "class indices 0 to 1"),
]


@pytest.mark.parametrize(("loss", "y_true", "y_pred", "weights", "params", "fragment"), BAD_COMBINATIONS)
def test_inputs_that_do_not_fit_get_a_message(at, loss, y_true, y_pred, weights, params, fragment):
    load(at, loss, y_true, y_pred, sample_weight=weights, **params)
    no_exception(at)
    messages = [e.value.replace("\\", "") for e in at.error]
    assert any(fragment in m for m in messages), messages
    # Shown next to the input and again where the result would be.
    assert len(messages) >= 2
    assert not at.metric


def test_markdown_in_input_is_never_interpreted(at):
    load(at, "hinge", HINGE_TRUE, "[[**0.6**, <b>1</b>], [:red[x], $x$]]")
    no_exception(at)
    for element in at.error:
        # Every Markdown / HTML character the learner typed arrives escaped.
        assert not re.search(r"(?<!\\)[*<>\[\]$]", element.value.replace(":material/error:", ""))


# --- the grid -------------------------------------------------------------------------------------


def open_grid(at: AppTest) -> AppTest:
    at.session_state["explainer.input_view"] = "Grid"
    return at.run()


def edit_grid(at: AppTest, argument: str, edits: dict) -> AppTest:
    """What the data editor sends after an edit (AppTest cannot click into its cells)."""
    open_grid(at)
    key = _grid_key(argument, at.session_state["lesson"][argument])
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **edits}
    return at.run()


def test_grid_is_drawn_only_while_its_tab_is_open(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    at.session_state["explainer.input_view"] = "Type"
    at.run()
    assert not [frame for frame in at.dataframe if frame.proto.editing_mode != 0]
    open_grid(at)
    assert len([frame for frame in at.dataframe if frame.proto.editing_mode != 0]) == 2


def test_grid_shows_the_text(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    open_grid(at)
    grids = [frame for frame in at.dataframe if frame.proto.editing_mode != 0]
    assert [g.value.to_numpy().tolist() for g in grids] == [[[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]]
    at.text_area(key="explainer.y_pred").input("0.1 0.2\n0.3 0.4").run()
    grids = [frame for frame in at.dataframe if frame.proto.editing_mode != 0]
    assert grids[1].value.to_numpy().tolist() == [[0.1, 0.2], [0.3, 0.4]]


def test_grid_edit_rewrites_the_text_and_the_result(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    edit_grid(at, "y_pred", {"edited_rows": {0: {"1": 0.9}}})
    no_exception(at)
    assert at.text_area(key="explainer.y_pred").value == "[[0.6, 0.9], [0.4, 0.6]]"
    # By hand: sample 0's terms become 1.6 and max(0, 1 - 0.9) = 0.1, so (1.6 + 0.1) / 2 = 0.85
    # and the batch (0.85 + 1.5) / 2 = 1.175.
    assert shown_value(at) == approx(1.175)
    # The grid now shows the new text's numbers under the new text's key, with no edits pending,
    # so a second edit applies to what it shows.
    assert at.session_state[_grid_key("y_pred", at.session_state["lesson"]["y_pred"])]["edited_rows"] == {}
    edit_grid(at, "y_pred", {"edited_rows": {1: {"1": 1.0}}})
    assert at.text_area(key="explainer.y_pred").value == "[[0.6, 0.9], [0.4, 1]]"


def test_grid_rows_can_be_added_and_deleted(at):
    load(at, "mean_squared_error", "[1, 2]", "[1, 3]")
    edit_grid(at, "y_true", {"added_rows": [{"value": 5}]})
    edit_grid(at, "y_pred", {"added_rows": [{}]})  # an empty new row reads as 0
    assert at.text_area(key="explainer.y_true").value == "[1, 2, 5]"
    assert at.text_area(key="explainer.y_pred").value == "[1, 3, 0]"
    # By hand: errors 0, 1, 5 on one sample of three elements: (0 + 1 + 25) / 3 = 8.667.
    assert shown_value(at) == approx(26 / 3)
    edit_grid(at, "y_true", {"deleted_rows": [2]})
    edit_grid(at, "y_pred", {"deleted_rows": [2]})
    assert at.text_area(key="explainer.y_true").value == "[1, 2]"
    assert shown_value(at) == approx(0.5)  # (0 + 1) / 2


def test_text_typed_after_a_grid_edit_wins(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED)
    edit_grid(at, "y_pred", {"edited_rows": {1: {"0": 0.0}}})
    at.text_area(key="explainer.y_pred").input(HINGE_PRED).run()
    assert at.text_area(key="explainer.y_pred").value == HINGE_PRED
    assert shown_value(at) == approx(1.3)


# --- the lesson shared with the other pages ---------------------------------------------------------


def test_the_widgets_edit_the_one_lesson(at):
    load(at, "huber", HINGE_TRUE, HINGE_PRED, sample_weight="[1, 2]")
    at.number_input(key=param_key(at, "delta")).set_value(0.5).run()
    lesson = at.session_state["lesson"]
    assert {k: lesson[k] for k in (*lesson_module.DEFAULTS, "params")} == {
        "framework": "keras",
        "loss": "huber",
        "y_true": HINGE_TRUE,
        "y_pred": HINGE_PRED,
        "sample_weight": "[1, 2]",
        "reduction": "sum_over_batch_size",
        "dtype": "float32",
        "params": {"delta": 0.5},
    }


def test_opening_the_page_restores_the_lesson():
    """Another page ran in between: the widget keys are gone, the plain "lesson" is not."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.session_state["lesson"] = {
        **lesson_module._new(), "loss": "huber", "y_true": "[[1, 2]]", "y_pred": "[[1.5, 4]]",
        "sample_weight": "", "reduction": "sum", "dtype": "float64", "params": {"delta": 1.0},
    }
    app.run()
    no_exception(app)
    assert app.selectbox(key="explainer.loss").value == "huber"
    assert app.text_area(key="explainer.y_pred").value == "[[1.5, 4]]"
    assert app.selectbox(key="explainer.reduction").value == "sum"
    assert app.segmented_control(key="explainer.dtype").value == "float64"
    # By hand: errors 0.5 and 2 with delta 1: 0.125 and 1 * 2 - 0.5 = 1.5; mean 0.8125.
    assert shown_value(app) == approx(0.8125)


# --- export ---------------------------------------------------------------------------------------


def test_keras_snippet_and_downloads_are_offered(at):
    load(at, "hinge", HINGE_TRUE, HINGE_PRED, sample_weight="[1, 0]")
    snippet = next(c.value for c in at.code if "import keras" in c.value)
    compile(snippet, "snippet.py", "exec")
    assert "keras.losses.Hinge(" in snippet
    assert "y_pred = np.array([[0.6, 0.4], [0.4, 0.6]])" in snippet
    assert "sample_weight=sample_weight" in snippet
    keys = {b.proto.id for b in at.get("download_button") if "deck." not in b.proto.id}
    assert len(keys) == 3  # the script, the trace as CSV and as JSON (the deck's is not the lesson's)


def test_large_batch_scrolls_and_summarises(at):
    rows_true = "\n".join(" ".join("1" if j == i % 10 else "0" for j in range(10)) for i in range(1000))
    rows_pred = "\n".join(" ".join(str((i * 7 + j) % 10 / 10) for j in range(10)) for i in range(1000))
    load(at, "mean_squared_error", rows_true, rows_pred)
    no_exception(at)
    assert not at.error
    text = page_text(at)
    assert "992 more" in text  # the first 8 samples get arithmetic
    assert not any("import keras" in c.value for c in at.code)  # too big to show; downloadable
    assert math.isfinite(shown_value(at))


def test_a_bug_in_the_engine_shows_a_friendly_message(at, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(losses, "compute", broken)
    load(at, "hinge", HINGE_TRUE, "[[0.6, 0.4], [0.4, 0.61]]")
    no_exception(at)
    assert any("Something went wrong" in e.value for e in at.error)
    assert not at.metric
    assert at.selectbox(key="explainer.loss").value == "hinge"  # the inputs are still there


def test_a_bug_while_drawing_keeps_the_result(at, monkeypatch):
    from ui import trace_view

    def broken(trace):
        raise RuntimeError("a bug")

    monkeypatch.setattr(trace_view, "trace_ui", broken)
    load(at, "hinge", HINGE_TRUE, "[[0.6, 0.4], [0.4, 0.62]]")  # not drawn before: no replay
    no_exception(at)
    assert any("Something went wrong" in e.value for e in at.error)
    assert shown_value(at) == approx(1.305)  # by hand: (1.1 + (1.4 + 1.62) / 2) / 2


def test_a_parameter_out_of_range_is_said_and_nothing_is_computed_from_it(at):
    load(at, "binary_crossentropy", "[[0, 1], [0, 0]]", "[[0.6, 0.4], [0.4, 0.6]]")
    assert shown_value(at) is not None
    # label_smoothing must be in [0, 1]: 1.5 stays in the box and gets the engine's message,
    # and no value is shown that was computed from anything else.
    at.number_input(key=param_key(at, "label_smoothing")).set_value(1.5).run()
    no_exception(at)
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # Markdown escapes removed
    assert any("label_smoothing = 1.5 is out of range: it must be in [0, 1]." in e for e in errors), errors
    assert not at.metric
    at.number_input(key=param_key(at, "label_smoothing")).set_value(0.5).run()
    assert not at.error and at.metric


def test_a_worked_line_says_which_element_it_uses():
    at = open_app({"loss": "categorical_crossentropy", "y_true": "[[0, 1, 0], [0, 0, 1]]",
                   "y_pred": "[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]"})
    captions = [c.value for c in at.caption]
    assert "Worked for sample 0, j = 2." in captions  # the clip, on y_pred[0][2] = 0
    assert "Worked for sample 0, j = 1." in captions  # the log of the true class's 0.95
