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
from ui.content.decks import DECKS
from ui.tables import step_symbol, step_table, trace_csv, trace_frame

ROOT = Path(__file__).resolve().parents[2]


def _oracle_python() -> Path:
    """The dev-only venv with Keras and torch: this checkout's, or in a git worktree the main
    checkout's (its .git file reads "gitdir: <main>/.git/worktrees/<name>")."""
    own = ROOT / ".venv-oracle" / "bin" / "python"
    git = ROOT / ".git"
    if own.exists() or not git.is_file():
        return own
    gitdir = Path(git.read_text().split(":", 1)[1].strip())
    return gitdir.parents[2] / ".venv-oracle" / "bin" / "python"


ORACLE_PYTHON = _oracle_python()
GOLDENS = ROOT / "tests" / "goldens"

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


def test_trace_csv_has_the_gradient_beside_each_prediction():
    trace = losses.compute("mean_squared_error", [[1, 2], [3, 4]], [[1.5, 2], [2, 7]])
    titles = {s.key: s.key for s in trace.steps}
    frame = trace_frame(trace, titles, _label)
    assert list(frame.columns)[:5] == ["sample", "position", "y_true", "y_pred", "gradient"]
    # d/dŷ of mean over 4 elements of (ŷ - y)^2 is 2 (ŷ - y) / 4: 2·0.5/4, 0, 2·(-1)/4, 2·3/4.
    assert frame["gradient"].tolist() == pytest.approx([0.25, 0.0, -0.5, 1.5])
    header, first = [line.split(",") for line in trace_csv(trace, titles, _label).splitlines()[:2]]
    assert dict(zip(header, first))["gradient"] == "0.25"
    # A loss without a backward pass has no gradient column (rather than one of blanks).
    without = losses.compute("MSELoss", [[1.0]], [[2.0]], framework="pytorch")
    if without.gradient is None:
        assert "gradient" not in trace_frame(without, {s.key: s.key for s in without.steps}, _label)


def test_trace_json_holds_the_gradient_and_its_steps():
    import json

    from ui.tables import trace_json

    trace = losses.compute("mean_squared_error", [[1, 2], [3, 4]], [[1.5, 2], [2, 7]],
                           sample_weight=[1, 0])
    document = json.loads(trace_json(trace, {s.key: s.key for s in trace.steps},
                                     lambda f: f.template, lambda f: f.template, lambda m: m.key))
    # Weights 1 and 0, N = 2, C = 2: sample 0's gradient is 1/N · w · 1/C · 2(ŷ - y)
    # = 1/2 · 1 · 1/2 · 2 · (0.5, 0) = (0.25, 0); sample 1's weight of 0 sends nothing back.
    assert np.array(document["gradient"]).tolist() == [[0.25, 0.0], [0.0, 0.0]]
    keys = [step["key"] for step in document["gradient_steps"]]
    assert keys[0] == "grad.reduction" and keys[-1] == "gradient"
    assert keys == [step.key for step in trace.gradient_steps]
    last = document["gradient_steps"][-1]
    assert last["values"] == document["gradient"]
    assert last["title"] == "grad.step.result" and "partial" in last["formula"]
    assert {"key", "level", "params", "text"} <= set(document["gradient_notes"][0])
    assert "note.grad.zero_weight" in {note["key"] for note in document["gradient_notes"]}


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
    # The gradient is jax.grad of the loss object's output, so the script picks the JAX backend
    # before Keras is imported.
    assert code.index('os.environ["KERAS_BACKEND"] = "jax"') < code.index("import keras")
    assert "return jax.numpy.sum(loss(y_true, prediction, sample_weight=sample_weight))" in code
    assert code.rstrip().endswith("print(jax.grad(value)(jax.numpy.asarray(y_pred)))")
    unreduced = snippet_for("huber", [[0, 1]], [[0.1, 0.7]], reduction="none")
    assert "of the sum of the unreduced losses" in unreduced
    assert "return jax.numpy.sum(loss(y_true, prediction))" in unreduced


def torch_snippet_for(case):
    trace = _golden_trace("pytorch", case)
    return export.torch_snippet(
        trace.name, np.asarray(case["y_true"], float).reshape(case["shapes"]["y_true"]),
        np.asarray(case["y_pred"], float).reshape(case["shapes"]["y_pred"]),
        reduction=case["reduction"], dtype=case["dtype"], params=dict(trace.params),
    )


def test_torch_snippet_prints_autograds_gradient():
    code = torch_snippet_for(_golden("torch", "MSELoss/docs/mean"))
    ast.parse(code)
    assert "y_pred.requires_grad_()" in code
    assert code.index("output.backward()") < code.index("print(y_pred.grad)")
    unreduced = torch_snippet_for(_golden("torch", "MSELoss/docs/none"))
    assert "output.sum().backward()" in unreduced
    pair = torch_snippet_for(_golden("torch", "MarginRankingLoss/basic/mean"))
    assert "print(y_pred.grad[:, 0])" in pair and "print(y_pred.grad[:, 1])" in pair


ORACLE_CASES = [
    ("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], None, "sum_over_batch_size", "float32", {}),
    ("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], [1, 0], "mean_with_sample_weight", "float32", {}),
    ("huber", [[1, 2]], [[1.5, 4]], None, "sum", "float64", {"delta": 0.5}),
    ("mean_squared_error", [[1, 2], [3, 4]], [[1.5, 2], [2, 7]], None, "none", "float32", {}),
    ("sparse_categorical_crossentropy", [1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]], None,
     "sum_over_batch_size", "float32", {}),
    ("categorical_crossentropy", [[0, 1, 0], [0, 0, 1]], [[1.5, -0.5, 0.2], [0.1, 0.3, 2.0]], [2, 1],
     "sum", "float64", {"from_logits": True}),
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
    printed = _numbers(keras_outputs[index])
    trace = losses.compute(name, y_true, y_pred, sample_weight=weights, reduction=reduction,
                           dtype=dtype, **params)
    expected = list(np.ravel(trace.value))
    if reduction != "none":
        expected += list(np.ravel(trace.per_sample))
    # Then jax.grad's dL/dy_pred, one number per element of y_pred.
    assert len(printed) == len(expected) + trace.y_pred.size
    assert printed[: len(expected)] == pytest.approx(expected, rel=1e-6)
    assert trace.gradient is not None, f"{name} has no backward pass to compare with"
    assert printed[len(expected):] == pytest.approx(list(np.ravel(trace.gradient)), rel=1e-4, abs=1e-7)


def _numbers(output: str) -> list[float]:
    """Every number a script printed, without the digits of ``dtype=torch.float64``."""
    output = re.sub(r"dtype=[\w.]+", "", output)
    return [float(x) for x in re.findall(r"-?\d+\.?\d*(?:e[-+]?\d+)?", output)]


def _golden(framework: str, case_id: str) -> dict:
    import json

    cases = json.loads((GOLDENS / f"{'keras' if framework == 'keras' else 'torch'}.json").read_text())
    return next(case for case in cases["cases"] if case["id"] == case_id)


def _golden_trace(framework: str, case: dict) -> losses.Trace:
    def array(name):
        return np.asarray(case[name], dtype=np.float64).reshape(case["shapes"][name])

    return losses.compute(case["loss"], array("y_true"), array("y_pred"), reduction=case["reduction"],
                          dtype=case["dtype"], framework=framework, **case["params"])


# PyTorch cases from tests/goldens/torch.json: their value, per-sample losses and gradient are
# torch's own (autograd's ``input.grad``).
TORCH_ORACLE_CASES = [
    "MSELoss/docs/mean",
    "MSELoss/float64/none",
    "CrossEntropyLoss/seed/mean",
    "BCEWithLogitsLoss/both/sum",
    "MarginRankingLoss/basic/mean",
    "CosineEmbeddingLoss/basic/none",
]


@pytest.fixture(scope="module")
def torch_outputs() -> list[str]:
    """Every TORCH_ORACLE_CASES script run by real PyTorch, in one process."""
    if not ORACLE_PYTHON.exists():
        pytest.skip("no .venv-oracle with PyTorch (tools/make_goldens.py sets it up)")
    runner = "\n".join(
        f"exec(compile({torch_snippet_for(_golden('torch', case))!r}, 'snippet', 'exec'), {{}})\n"
        f"print({SEPARATOR!r})"
        for case in TORCH_ORACLE_CASES
    )
    result = subprocess.run([str(ORACLE_PYTHON), "-c", runner], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.split(SEPARATOR)[: len(TORCH_ORACLE_CASES)]


@pytest.mark.parametrize("case_id", TORCH_ORACLE_CASES)
def test_torch_snippet_prints_torchs_numbers_and_gradient(torch_outputs, case_id):
    case = _golden("torch", case_id)
    printed = _numbers(torch_outputs[TORCH_ORACLE_CASES.index(case_id)])
    expected = list(np.ravel(case["value"]))
    if case["reduction"] != "none":
        expected += list(np.ravel(case["per_sample"]))
    gradient = np.asarray(case["gradient"])
    if case["loss"] in ("MarginRankingLoss", "CosineEmbeddingLoss"):
        # y_pred packs (x1, x2): the script prints x1's gradient, then x2's.
        gradient = np.concatenate([gradient[:, 0].ravel(), gradient[:, 1].ravel()])
    assert len(printed) == len(expected) + gradient.size
    assert printed[: len(expected)] == pytest.approx(expected, rel=1e-6)
    assert printed[len(expected):] == pytest.approx(list(gradient.ravel()), rel=1e-4, abs=1e-7)
    trace = _golden_trace("pytorch", case)
    if trace.gradient is not None:
        # Once the loss has its backward pass, the page's gradient is the script's.
        ours = trace.gradient
        if case["loss"] in ("MarginRankingLoss", "CosineEmbeddingLoss"):
            ours = np.concatenate([ours[:, 0].ravel(), ours[:, 1].ravel()])
        assert printed[len(expected):] == pytest.approx(list(np.ravel(ours)), rel=1e-4, abs=1e-7)


EXAMPLES = [(framework, name) for framework in losses.FRAMEWORKS for name in losses.names(framework)]


def _example_script(framework: str, name: str) -> tuple[str, losses.Trace]:
    """The page's script for the loss's own example (its docs numbers), and the page's trace."""
    example = losses.spec(name, framework).example
    trace = losses.compute(name, example["y_true"], example["y_pred"], framework=framework,
                           **example.get("params", {}))
    y_true, y_pred = np.asarray(example["y_true"], float), np.asarray(example["y_pred"], float)
    if framework == "keras":
        code = export.keras_snippet(name, y_true, y_pred, sample_weight=None, reduction=trace.reduction,
                                    dtype=trace.dtype, params=dict(trace.params))
    else:
        code = export.torch_snippet(name, y_true, y_pred, reduction=trace.reduction, dtype=trace.dtype,
                                    params=dict(trace.params))
    return code, trace


@pytest.fixture(scope="module")
def example_outputs() -> dict[tuple[str, str], str]:
    """Every loss's example script run by real Keras (JAX) and PyTorch, in one process (~15 s)."""
    if not ORACLE_PYTHON.exists():
        pytest.skip("no .venv-oracle with Keras and PyTorch (tools/make_goldens.py sets it up)")
    runner = "\n".join(
        f"exec(compile({_example_script(*example)[0]!r}, 'snippet', 'exec'), {{}})\nprint({SEPARATOR!r})"
        for example in EXAMPLES
    )
    env = dict(os.environ, KERAS_BACKEND="jax", JAX_PLATFORMS="cpu")
    result = subprocess.run([str(ORACLE_PYTHON), "-W", "ignore", "-c", runner], capture_output=True,
                            text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(zip(EXAMPLES, result.stdout.split(SEPARATOR)))


@pytest.mark.parametrize("framework,name", EXAMPLES, ids=[f"{f}:{n}" for f, n in EXAMPLES])
def test_every_losss_script_prints_the_frameworks_gradient_of_the_page(example_outputs, framework, name):
    """Each script prints the value, the unreduced losses, then the framework's dL/dy_pred; for
    a loss with a backward pass, that gradient is the page's Trace.gradient."""
    _, trace = _example_script(framework, name)
    printed = _numbers(example_outputs[(framework, name)])
    forward = list(np.ravel(trace.value)) + list(np.ravel(trace.per_sample))
    assert len(printed) == len(forward) + trace.y_pred.size
    assert printed[: len(forward)] == pytest.approx(forward, rel=1e-5, abs=1e-7)
    if trace.gradient is None:
        return  # the loss has no backward pass yet: its script's gradient has nothing to match
    ours = trace.gradient
    if losses.spec(name, framework).inputs in ("pair", "embedding_pair"):
        # y_pred packs (x1, x2): the script prints x1's gradient, then x2's.
        ours = np.concatenate([ours[:, 0].ravel(), ours[:, 1].ravel()])
    assert printed[len(forward):] == pytest.approx(list(np.ravel(ours)), rel=1e-4, abs=1e-6)


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
        "name": ("sample", "position", "y_true", "y_one_hot", "y_pred", "weight", "changed_flag",
                 "gradient"),
        "page_name": tuple(lesson.PAGES),
        "loss": [n for fw in losses.FRAMEWORKS for n in losses.names(fw)],
        "spec.name": [n for fw in losses.FRAMEWORKS for n in losses.names(fw)],
        "deck_id": tuple(DECKS),
        "current": losses.FRAMEWORKS,
        "tab": lesson.EXPLAINER_TABS,
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
