"""What a learner takes away: a Keras 3 or PyTorch script that prints the same numbers and the
framework's own gradient. (The trace's CSV and JSON downloads are ui/tables.py's.)

No Streamlit here. The script holds the arrays exactly as parsed from the learner's text (float64,
written with ``repr``), so Keras applies its own casts, conversions and clipping to them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import losses

SNIPPET_MAX_NUMBERS = 400
"""Beyond this, the page offers the script as a download instead of showing it."""


def _literal(values: np.ndarray) -> str:
    array = np.asarray(values, dtype=np.float64)
    # repr of each float: the script reads back the learner's exact float64 numbers.
    if array.ndim == 0:
        return repr(float(array))
    return "[" + ", ".join(_literal(row) for row in array) + "]"


def _kwarg(value: Any) -> str:
    return repr(float(value)) if isinstance(value, float) else repr(value)


def keras_snippet(
    name: str,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    *,
    sample_weight: np.ndarray | None,
    reduction: str,
    dtype: str,
    params: dict[str, Any],
) -> str:
    """A runnable Keras 3 script printing this loss, its per-sample values and its gradient.

    The gradient is ``jax.grad`` of the loss object's output (of its sum for reduction "none")
    with respect to y_pred, as tests/goldens/keras.json has it, so the script sets the JAX backend.
    """
    spec = losses.spec(name)
    kwargs = "".join(f"{k}={_kwarg(v)}, " for k, v in params.items())
    lines = [
        "import os",
        "",
        "# The gradient at the end is jax.grad: the JAX backend, chosen before Keras is imported.",
        'os.environ["KERAS_BACKEND"] = "jax"',
    ]
    if dtype == "float64":
        lines += [
            "# The JAX backend computes in float64 only when this is set before it is imported.",
            'os.environ.setdefault("JAX_ENABLE_X64", "1")',
        ]
    lines += [
        "",
        "import jax",
        "import keras",
        "import numpy as np",
        "",
        f"y_true = np.array({_literal(y_true)})",
        f"y_pred = np.array({_literal(y_pred)})",
    ]
    call = "loss(y_true, y_pred)"
    if sample_weight is not None:
        lines.append(f"sample_weight = np.array({_literal(sample_weight)})")
        call = "loss(y_true, y_pred, sample_weight=sample_weight)"
    lines += [
        "",
        f'loss = keras.losses.{spec.class_name}({kwargs}reduction="{reduction}", dtype="{dtype}")',
        f"print({call})",
    ]
    if reduction != "none":
        lines += [
            "",
            "# The per-sample losses, before weighting and reduction:",
            f'per_sample = keras.losses.{spec.class_name}({kwargs}reduction="none", dtype="{dtype}")',
            "print(per_sample(y_true, y_pred))",
        ]
    weighted = ", sample_weight=sample_weight" if sample_weight is not None else ""
    lines += [
        "",
        "# What the model learns from: the gradient dL/dy_pred, by JAX's automatic differentiation"
        + ("\n# (of the sum of the unreduced losses)." if reduction == "none" else "."),
        "def value(prediction):",
        f"    return jax.numpy.sum(loss(y_true, prediction{weighted}))",
        "",
        "print(jax.grad(value)(jax.numpy.asarray(y_pred)))",
    ]
    return "\n".join(lines) + "\n"



def _int_literal(values: np.ndarray) -> str:
    array = np.asarray(values)
    if array.ndim == 0:
        return str(int(array))
    return "[" + ", ".join(_int_literal(row) for row in array) + "]"


def _torch_kwarg(value: Any, dtype: str) -> str:
    if isinstance(value, tuple):
        # A per-class weight is a tensor in torch, of the computation's dtype.
        return f"torch.tensor({_literal(np.asarray(value))}, dtype=torch.{dtype})"
    return _kwarg(value)


def torch_snippet(
    name: str,
    y_true: np.ndarray,
    y_pred: np.ndarray,
    *,
    reduction: str,
    dtype: str,
    params: dict[str, Any],
) -> str:
    """A runnable PyTorch script printing ``torch.nn.<name>`` on the numbers PyTorch receives,
    then autograd's gradient ``y_pred.grad`` (of the output's sum for reduction "none"); for the
    pair losses, whose y_pred packs x1 and x2, the gradient of each."""
    spec = losses.spec(name, "pytorch")
    class_indices = spec.inputs in ("class_index", "class_index_or_probabilities") and (
        np.shape(y_true) != np.shape(y_pred))
    kwargs = "".join(f"{k}={_torch_kwarg(v, dtype)}, " for k, v in params.items() if v is not None)
    if class_indices:
        # torch wants class indices as int64 ("Long"); a float tensor would be read as probabilities.
        target = f"y_true = torch.tensor({_int_literal(y_true)}, dtype=torch.int64)"
    else:
        target = f"y_true = torch.tensor({_literal(y_true)}, dtype=torch.{dtype})"
    if spec.inputs in ("pair", "embedding_pair"):
        # These losses take the pair as two inputs: (x1, x2, target).
        call = "loss(y_pred[:, 0], y_pred[:, 1], y_true)"
    else:
        call = "loss(y_pred, y_true)"
    lines = [
        "import torch",
        "",
        "# 8 decimals instead of torch's 4, to compare with the page's numbers.",
        "torch.set_printoptions(precision=8)",
        "",
        f"y_pred = torch.tensor({_literal(y_pred)}, dtype=torch.{dtype})",
        "y_pred.requires_grad_()  # autograd records what is computed from y_pred",
        target,
        "",
        "# torch's order is (input, target): the prediction first.",
        f'loss = torch.nn.{spec.name}({kwargs}reduction="{reduction}")',
        f"output = {call}",
        "print(output.detach())",
    ]
    if reduction != "none":
        lines += [
            "",
            "# The unreduced losses:",
            f'unreduced = torch.nn.{spec.name}({kwargs}reduction="none")',
            f"print({call.replace('loss(', 'unreduced(')}.detach())",
        ]
    lines += [
        "",
        "# What the model learns from: the gradient dL/dy_pred, by autograd"
        + ("\n# (of the sum of the unreduced losses)." if reduction == "none" else "."),
        "output.sum().backward()" if reduction == "none" else "output.backward()",
    ]
    if spec.inputs in ("pair", "embedding_pair"):
        lines += [
            "print(y_pred.grad[:, 0])  # dL/dx1",
            "print(y_pred.grad[:, 1])  # dL/dx2",
        ]
    else:
        lines.append("print(y_pred.grad)")
    return "\n".join(lines) + "\n"
