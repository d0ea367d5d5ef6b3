"""One object per framework (issue 10 §3): compute() asks both the same questions, in one order."""

import ast
import importlib
import inspect

import numpy as np
import pytest

import losses
from losses import LossInputError, compute
from losses.framework import FRAMEWORK_OBJECTS, Framework
from losses.registry import FRAMEWORKS, get_spec, names

# The module: losses.compute is also the name of its function.
compute_module = importlib.import_module("losses.compute")


def test_compute_reads_straight_through_without_a_framework_branch():
    # No framework's name in compute()'s code, no test of one: what differs is the objects'.
    function = ast.parse(inspect.getsource(compute_module.compute)).body[0]
    statements = function.body[1:]  # after the docstring; the signature's default is "keras"
    nodes = [node for statement in statements for node in ast.walk(statement)]
    strings = {node.value for node in nodes if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert "error.dtype" in strings  # the walk sees compute's own strings
    assert not strings & {"keras", "pytorch", "torch"}
    assert not [node.id for node in nodes if isinstance(node, ast.Name) and node.id in ("torch", "pytorch")]


def test_every_framework_has_one_object():
    assert set(FRAMEWORK_OBJECTS) == set(FRAMEWORKS)
    for name, framework in FRAMEWORK_OBJECTS.items():
        assert isinstance(framework, Framework) and framework.name == name
        assert compute_module.DEFAULT_REDUCTIONS[name] == framework.default_reduction
        for loss in names(name):
            spec = get_spec(loss, name)
            assert framework.standardize_reduction(framework.default_reduction, spec) == framework.default_reduction


@pytest.mark.parametrize(
    ("framework", "reduction", "given"),
    [("keras", None, "none"), ("keras", "sum", "sum"), ("pytorch", "sum", "sum")],
)
def test_each_framework_names_its_reductions(framework, reduction, given):
    fw = FRAMEWORK_OBJECTS[framework]
    assert fw.standardize_reduction(reduction, get_spec(names(framework)[0], framework)) == given


def test_pytorch_refuses_none_and_a_sample_weight_where_keras_takes_them():
    spec = get_spec("MSELoss", "pytorch")
    with pytest.raises(LossInputError) as caught:
        FRAMEWORK_OBJECTS["pytorch"].standardize_reduction(None, spec)
    assert caught.value.argument == "reduction"
    with pytest.raises(LossInputError) as caught:
        FRAMEWORK_OBJECTS["pytorch"].check_sample_weight([1.0])
    assert caught.value.key == "error.torch_sample_weight"
    FRAMEWORK_OBJECTS["keras"].check_sample_weight([1.0])


def test_an_empty_batch_is_each_frameworks_own():
    # Keras: 0 samples of 3 columns give 0 per-sample losses, returned unreduced (reduction.py);
    # PyTorch: no elements, whose "mean" is 0 / 0 = nan.
    keras = compute("mean_squared_error", np.zeros((0, 3)), np.zeros((0, 3)))
    torch = compute("MSELoss", np.zeros((0, 3)), np.zeros((0, 3)), framework="pytorch")
    assert keras.per_sample.shape == (0,) and np.shape(keras.value) == (0,)
    assert keras.has_note("note.empty_batch")
    assert torch.per_sample.shape == (0, 3) and np.isnan(torch.value)
    assert torch.has_note("note.torch_empty_batch")


def test_the_pytorch_module_still_names_its_losses():
    # Each PyTorch loss moved beside its Keras relatives; code importing losses.pytorch still works.
    from losses import margin, probabilistic, pytorch, regression, similarity

    assert pytorch.huber_loss is regression.huber_loss
    assert pytorch.cross_entropy_loss is probabilistic.cross_entropy_loss
    assert pytorch.margin_ranking_loss is margin.margin_ranking_loss
    assert pytorch.cosine_embedding_loss is similarity.cosine_embedding_loss
    for name in names("pytorch"):
        spec = losses.spec(name, "pytorch")
        assert spec.fn.__module__ == f"losses.{spec.family}"
