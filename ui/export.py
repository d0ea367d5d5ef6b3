"""What a learner takes away: a Keras 3 script that prints the same numbers, and the trace as CSV.

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
    """A runnable Keras 3 script computing this loss and its per-sample values."""
    spec = losses.spec(name)
    kwargs = "".join(f"{k}={_kwarg(v)}, " for k, v in params.items())
    lines = []
    if dtype == "float64":
        lines += [
            "import os",
            "",
            "# The JAX backend computes in float64 only when this is set before it is imported.",
            'os.environ.setdefault("JAX_ENABLE_X64", "1")',
            "",
        ]
    lines += [
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
    """A runnable PyTorch script computing ``torch.nn.<name>`` on the numbers PyTorch receives."""
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
        f"y_pred = torch.tensor({_literal(y_pred)}, dtype=torch.{dtype})",
        target,
        "",
        "# torch's order is (input, target): the prediction first.",
        f'loss = torch.nn.{spec.name}({kwargs}reduction="{reduction}")',
        f"print({call})",
    ]
    if reduction != "none":
        lines += [
            "",
            "# The unreduced losses:",
            f'unreduced = torch.nn.{spec.name}({kwargs}reduction="none")',
            f"print({call.replace('loss(', 'unreduced(')})",
        ]
    return "\n".join(lines) + "\n"
