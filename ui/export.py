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
        f'loss = keras.losses.{spec.keras_class}({kwargs}reduction="{reduction}", dtype="{dtype}")',
        f"print({call})",
    ]
    if reduction != "none":
        lines += [
            "",
            "# The per-sample losses, before weighting and reduction:",
            f'per_sample = keras.losses.{spec.keras_class}({kwargs}reduction="none", dtype="{dtype}")',
            "print(per_sample(y_true, y_pred))",
        ]
    return "\n".join(lines) + "\n"

