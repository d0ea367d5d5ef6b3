"""The explainer's plain helpers: array text, grid frames, step tables, the Keras script, i18n."""

from __future__ import annotations

import ast
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import losses
from ui import export, i18n, lesson, presets
from ui.arrays import format_array, frame_to_array, grid_frame
from ui.tables import step_symbol, step_table, trace_csv, trace_frame

ROOT = Path(__file__).resolve().parents[2]
ORACLE_PYTHON = ROOT / ".venv-oracle" / "bin" / "python"

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
arrays = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4),
    elements=finite,
)


@settings(max_examples=200, deadline=None)
@given(arrays)
def test_format_array_reads_back_exactly(array):
    again = losses.parse_array(format_array(array), argument="y_pred")
    assert again.shape == array.shape
    assert np.array_equal(again, array)


def test_format_array_writes_whole_numbers_as_integers():
    assert format_array([[0.0, 1.0], [0.6, -2.5]]) == "[[0, 1], [0.6, -2.5]]"


def test_grid_round_trip_and_empty_cells():
    frame = grid_frame(np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert list(frame.columns) == ["0", "1"]
    edited = pd.concat([frame, pd.DataFrame([{"0": 5.0, "1": None}])], ignore_index=True)
    assert frame_to_array(edited, 2).tolist() == [[1, 2], [3, 4], [5, 0]]
    column = grid_frame(np.array([1.0, 2.0]))
    assert frame_to_array(column, 1).tolist() == [1, 2]
    assert grid_frame(np.zeros((2, 2, 2))) is None


def _label(name):
    return name


def test_step_tables_line_up_elements():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    table = step_table(trace, trace.step("hinge"), "h", _label)
    frame = table.frame()
    assert list(frame.columns) == ["sample", "position", "y_true", "y_pred", "h"]
    assert frame["sample"].tolist() == [0, 0, 1, 1]
    # By hand: max(0, 1 - y' * y_pred) with y' = [-1, 1], [-1, -1].
    assert frame["h"].tolist() == pytest.approx([1.6, 0.6, 1.4, 1.6])
    assert table.arrow().column_names == list(frame.columns)
    per_sample = step_table(trace, trace.step("per_sample"), "loss", _label)
    assert list(per_sample.frame().columns) == ["sample", "loss"]
    assert step_table(trace, trace.step("reduction"), "r", _label) is None
    conversion = step_table(trace, trace.step("label_conversion"), "y'", _label)
    assert conversion.changed.tolist() == [True, False, True, True]


def test_sparse_labels_repeat_along_their_row():
    trace = losses.compute("sparse_categorical_crossentropy", [1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    elementwise = next(s for s in trace.steps if np.shape(s.array) == (2, 3))
    table = step_table(trace, elementwise, "v", _label)
    assert table.frame()["y_true"].tolist() == [1, 1, 1, 2, 2, 2]


def test_trace_csv_has_one_row_per_element():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], sample_weight=[1, 0])
    titles = {s.key: s.key for s in trace.steps}
    frame = trace_frame(trace, titles, _label)
    assert len(frame) == 4
    assert frame["hinge"].tolist() == pytest.approx([1.6, 0.6, 1.4, 1.6])
    # Per-sample values repeat on each element of their sample; the batch's value, one number,
    # is written once: (1 × 1.1 + 0 × 1.5) / 2 = 0.55.
    assert frame["per_sample"].tolist() == pytest.approx([1.1, 1.1, 1.5, 1.5])
    assert frame["reduction"].tolist()[0] == pytest.approx(0.55)
    assert frame["reduction"].isna().tolist() == [False, True, True, True]


def test_trace_csv_writes_each_float32_as_its_shortest_text():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], sample_weight=[1, 0])
    titles = {s.key: s.key for s in trace.steps}
    lines = trace_csv(trace, titles, _label).splitlines()
    header = lines[0].split(",")
    first = dict(zip(header, lines[1].split(",")))
    # float32(0.6) prints as 0.6 (not 0.6000000238418579), 1 - (-0.6) = 1.6 likewise.
    assert first["y_pred"] == "0.6" and first["hinge"] == "1.6" and first["reduction"] == "0.55"
    assert dict(zip(header, lines[2].split(",")))["reduction"] == ""


def snippet_for(name, y_true, y_pred, sample_weight=None, reduction="sum_over_batch_size",
                dtype="float32", params=None):
    spec = losses.spec(name)
    values = {p.name: p.default for p in spec.params} | (params or {})
    return export.keras_snippet(
        name, np.asarray(y_true, float), np.asarray(y_pred, float),
        sample_weight=None if sample_weight is None else np.asarray(sample_weight, float),
        reduction=reduction, dtype=dtype, params=values,
    )


def test_keras_snippet_is_python_with_the_learners_numbers():
    code = snippet_for("huber", [[0, 1]], [[0.1, 0.7]], sample_weight=[2.0], params={"delta": 0.5})
    ast.parse(code)
    assert "y_pred = np.array([[0.1, 0.7]])" in code
    assert "keras.losses.Huber(delta=0.5, reduction=" in code
    assert "sample_weight = np.array([2.0])" in code
    assert "JAX_ENABLE_X64" not in code
    assert "JAX_ENABLE_X64" in snippet_for("hinge", [1.0], [0.5], dtype="float64")


ORACLE_CASES = [
    ("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], None, "sum_over_batch_size", "float32", {}),
    ("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], [1, 0], "mean_with_sample_weight", "float32", {}),
    ("huber", [[1, 2]], [[1.5, 4]], None, "sum", "float64", {"delta": 0.5}),
    ("mean_squared_error", [[1, 2], [3, 4]], [[1.5, 2], [2, 7]], None, "none", "float32", {}),
]


SEPARATOR = "=== next snippet ==="


@pytest.fixture(scope="module")
def keras_outputs() -> list[str]:
    """Every ORACLE_CASES snippet run by real Keras 3 (JAX backend), in one process (~10 s)."""
    if not ORACLE_PYTHON.exists():
        pytest.skip("no .venv-oracle with Keras (tools/make_goldens.py sets it up)")
    runner = "\n".join(
        f"exec(compile({snippet_for(*case)!r}, 'snippet', 'exec'), {{}})\nprint({SEPARATOR!r})"
        for case in ORACLE_CASES
    )
    # One process for all cases, so float64 is switched on for JAX before its first import.
    env = dict(os.environ, KERAS_BACKEND="jax", JAX_PLATFORMS="cpu", JAX_ENABLE_X64="1")
    result = subprocess.run(
        [str(ORACLE_PYTHON), "-c", runner], capture_output=True, text=True, env=env, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.split(SEPARATOR)[: len(ORACLE_CASES)]


@pytest.mark.parametrize("index", range(len(ORACLE_CASES)),
                         ids=[f"{c[0]}-{c[4]}-{c[5]}" for c in ORACLE_CASES])
def test_keras_snippet_prints_the_pages_numbers(keras_outputs, index):
    """The numbers real Keras prints for the snippet are the numbers of the page's trace."""
    name, y_true, y_pred, weights, reduction, dtype, params = ORACLE_CASES[index]
    printed = [float(x) for x in re.findall(r"-?\d+\.?\d*(?:e[-+]?\d+)?", keras_outputs[index])]
    trace = losses.compute(name, y_true, y_pred, sample_weight=weights, reduction=reduction,
                           dtype=dtype, **params)
    expected = list(np.ravel(trace.value))
    if reduction != "none":
        expected += list(np.ravel(trace.per_sample))
    assert printed == pytest.approx(expected, rel=1e-6)


# --- i18n ---------------------------------------------------------------------------------------

CODE_FILES = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py"))]
MY_FILES = [p for p in CODE_FILES if p.name != "charts.py"]


def _keys_used() -> set[str]:
    """Every key the explainer's code passes to t(), with f-string keys expanded."""
    keys = set()
    expansions = {
        "group": presets.GROUPS,
        "pid": [p.id for p in presets.PRESETS],
        "preset.id": [p.id for p in presets.PRESETS],
        "r": losses.REDUCTIONS,
        "reduction": losses.REDUCTIONS,
        "torch_r": ("mean", "batchmean", "sum", "none"),
        "f": losses.FRAMEWORKS,
        "framework": losses.FRAMEWORKS,
        "key": ("y_true", "y_pred", "sample_weight"),
        "name": ("sample", "position", "y_true", "y_one_hot", "y_pred", "weight", "changed_flag"),
        "page_name": tuple(lesson.PAGES),
        "loss": [n for fw in losses.FRAMEWORKS for n in losses.names(fw)],
        "spec.name": [n for fw in losses.FRAMEWORKS for n in losses.names(fw)],
    }
    for path in MY_FILES:
        for match in re.finditer(r"\bt\((f?)\"([^\"]+)\"", path.read_text()):
            is_f, key = match.groups()
            if not is_f:
                keys.add(key)
                continue
            fields = re.findall(r"\{([^}]+)\}", key)
            assert len(fields) == 1, f"{path.name}: cannot expand {key!r}"
            for value in expansions[fields[0]]:
                keys.add(key.replace("{" + fields[0] + "}", value))
    return keys


def test_every_text_key_the_explainer_uses_exists():
    missing = sorted(_keys_used() - set(i18n.TEXT["en"]))
    assert not missing


def test_translations_only_use_english_keys():
    for lang, table in i18n.TEXT.items():
        assert set(table) <= set(i18n.TEXT["en"]), lang


def test_escape_md_leaves_no_markup():
    text = "**x** _y_ [a](b) <b>c</b> :red[d] $e$ # f\n- g\n1. h"
    escaped = i18n.escape_md(text)
    assert not re.search(r"(?<!\\)[*_\[\]<>$:#]", escaped)
    assert re.sub(r"\\(.)", r"\1", escaped) == text


def test_step_symbols_name_the_table_column_as_the_formula_does():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    # y' = 2y - 1, m = y' ŷ, t = max(0, 1 - m), ℓ = mean of the terms t_j; the reduction has
    # no "=". (Squared hinge calls the hinge h, as its term is t = h^2.)
    assert [step_symbol(s) for s in trace.steps] == ["y'", "m", "t", "ℓ", None]


def test_tiny_numbers_are_set_as_powers_of_ten_in_latex():
    from losses.messages import latex_number, number_text

    # TeX would read 1e-07 as 1 · e − 07: numbers are set as powers of ten where they are
    # written, never patched in the finished string.
    assert latex_number("1e-07") == "10^{-7}"
    assert latex_number("1.192e-07") == r"(1.192 \times 10^{-7})"
    assert latex_number("2e+10") == r"(2 \times 10^{10})"
    assert number_text(1e-7, latex=True) == "10^{-7}"
    # A negative after an operator gets one pair of parentheses, not two.
    assert number_text(-1.2e-5, latex=True, signed=True) == r"(-1.2 \times 10^{-5})"
    assert number_text(-0.5, latex=True, signed=True) == "(-0.5)"


def test_after_the_one_hot_step_sparse_tables_show_the_one_hot_target():
    # Keras' SparseCategoricalCrossentropy docs example: labels 1 and 2 become [0, 1, 0] and
    # [0, 0, 1]; the term table must not show a class index 1 beside a term of 0.
    trace = losses.compute("sparse_categorical_crossentropy", [1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    table = step_table(trace, trace.step("term"), "t", lambda name: name)
    assert "y_true" not in table.columns
    assert table.columns["y_one_hot"].tolist() == [0, 1, 0, 0, 0, 1]
    first = step_table(trace, trace.step("one_hot"), "y", lambda name: name)
    assert first.columns["y_true"].tolist() == [1, 1, 1, 2, 2, 2]
