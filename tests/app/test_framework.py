"""The explainer's framework switch: PyTorch traces on the same page, and back to Keras.

Numbers come from tests/goldens/torch.json (torch 2.13.0) and tests/goldens/keras.json
(Keras 3.15.1), named by case id, or from arithmetic written beside them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest import approx
from streamlit.testing.v1 import AppTest

import losses
from tests.app.pagetools import link_problems, open_app, param_key, set_params, shown_value

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TORCH = {c["id"]: c for c in json.loads((ROOT / "tests/goldens/torch.json").read_text())["cases"]}
CCE_PRED = "[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]"


@pytest.fixture(scope="module")
def at() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception
    return app


def to_pytorch(at: AppTest) -> AppTest:
    at.segmented_control(key="explainer.framework").set_value("pytorch").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_cross_entropy_reads_the_seed_probabilities_as_logits(at):
    to_pytorch(at)
    at.selectbox(key="explainer.loss").set_value("CrossEntropyLoss").run()
    at.text_area(key="explainer.y_true").input("[1, 2]")
    at.text_area(key="explainer.y_pred").input(CCE_PRED).run()
    assert not at.exception and not at.error
    # CrossEntropyLoss/seed/mean: 0.98690 = (0.58406 + 1.38973) / 2.
    assert shown_value(at) == approx(TORCH["CrossEntropyLoss/seed/mean"]["value"], rel=1e-3)
    at.selectbox(key="explainer.reduction").set_value("none").run()
    assert shown_value(at) == approx(TORCH["CrossEntropyLoss/seed/none"]["value"], rel=1e-3)
    # PyTorch's reductions only, and no sample_weight box: torch losses take none.
    assert at.selectbox(key="explainer.reduction").options == ["mean (PyTorch default)", "sum", "none"]
    assert not [a for a in at.text_area if a.key == "explainer.sample_weight"]
    script = next(c.value for c in at.code if "import torch" in c.value)
    compile(script, "torch_script.py", "exec")
    assert "nn.CrossEntropyLoss(" in script


def test_class_weights_divide_by_their_sum(at):
    to_pytorch(at)
    at.selectbox(key="explainer.loss").set_value("CrossEntropyLoss").run()
    at.text_area(key="explainer.y_true").input("[1, 2]")
    at.text_area(key="explainer.y_pred").input(CCE_PRED)
    at.selectbox(key="explainer.reduction").set_value("mean")
    set_params(at, label_smoothing=0.2)
    at.run()
    weight = param_key(at, "weight")
    at.text_input(key=weight).input("[1, 2, 3]").run()
    assert not at.exception and not at.error
    assert at.session_state["lesson"]["params"]["weight"] == (1.0, 2.0, 3.0)
    case = TORCH["CrossEntropyLoss/seed/smoothing/weight/mean"]
    assert shown_value(at) == approx(case["value"], rel=1e-3)
    assert at.query_params["weight"] == "[1,2,3]"
    # Two weights for three classes: torch refuses (CrossEntropyLoss/weight_length), so do we.
    at.text_input(key=weight).input("[1, 2]").run()
    assert not at.exception and at.error and not at.metric
    at.text_input(key=weight).input("[1, 2, x]").run()
    assert not at.exception and any("weight" in e.value for e in at.error)
    at.text_input(key=weight).input("").run()
    assert at.session_state["lesson"]["params"]["weight"] is None and at.metric


def test_a_link_opens_a_pytorch_lesson():
    app = AppTest.from_file(APP, default_timeout=30)
    for key, value in {"framework": "pytorch", "loss": "CrossEntropyLoss", "y_true": "[1, 2]",
                       "y_pred": CCE_PRED, "reduction": "sum"}.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception and not link_problems(app)
    assert app.segmented_control(key="explainer.framework").value == "pytorch"
    assert shown_value(app) == approx(TORCH["CrossEntropyLoss/seed/sum"]["value"], rel=1e-3)
    assert app.query_params["framework"] == "pytorch"


def test_a_pytorch_link_with_a_sample_weight_says_it_was_ignored():
    # torch.nn losses take no sample_weight: the link's is named, not dropped silently.
    app = AppTest.from_file(APP, default_timeout=30)
    for key, value in {"framework": "pytorch", "loss": "CrossEntropyLoss", "y_true": "[1, 2]",
                       "y_pred": CCE_PRED, "sample_weight": "[1, 0]"}.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    (problem,) = link_problems(app)
    assert "sample_weight" in problem and "PyTorch" in problem
    # CrossEntropyLoss/seed/mean, unweighted: (0.58406 + 1.38973) / 2 = 0.98690.
    assert shown_value(app) == approx(TORCH["CrossEntropyLoss/seed/mean"]["value"], rel=1e-3)


def test_switching_picks_the_nearest_loss_and_back(at):
    at.segmented_control(key="explainer.framework").set_value("keras").run()
    at.selectbox(key="explainer.loss").set_value("mean_squared_error").run()
    to_pytorch(at)
    assert at.selectbox(key="explainer.loss").value == "MSELoss"
    assert at.selectbox(key="explainer.reduction").value == "mean"
    at.segmented_control(key="explainer.framework").set_value("keras").run()
    assert not at.exception
    assert at.selectbox(key="explainer.loss").value == "mean_squared_error"
    assert at.selectbox(key="explainer.reduction").value == "sum_over_batch_size"


@pytest.mark.parametrize("name", losses.names("pytorch"))
def test_every_pytorch_loss_renders_its_example(at, name):
    to_pytorch(at)
    at.selectbox(key="explainer.loss").set_value(name).run()
    at.button(key="explainer.load_example").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.metric


def test_keras_to_pytorch_and_back_returns_to_the_same_loss_and_numbers():
    at = open_app({"loss": "categorical_crossentropy", "y_true": "[[0, 1, 0], [0, 0, 1]]",
                   "y_pred": "[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]"})
    # Keras' CategoricalCrossentropy docs: 1.177 = (0.0513 + 2.303) / 2.
    assert shown_value(at) == pytest.approx(1.177, abs=5e-4)
    at.segmented_control(key="explainer.framework").set_value("pytorch").run()
    assert at.session_state["lesson"]["loss"] == "CrossEntropyLoss"
    at.segmented_control(key="explainer.framework").set_value("keras").run()
    # Categorical and sparse cross-entropy share CrossEntropyLoss; the way back is the way in.
    assert at.session_state["lesson"]["loss"] == "categorical_crossentropy"
    assert at.session_state["lesson"]["y_true"] == "[[0, 1, 0], [0, 0, 1]]"
    assert shown_value(at) == pytest.approx(1.177, abs=5e-4)
