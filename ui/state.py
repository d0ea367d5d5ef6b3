"""The explainer's widget state: defaults, the shared "lesson", and restoring widgets from it.

Streamlit drops a keyed widget's value whenever a page that does not draw that widget runs, so
the explainer writes everything that defines a lesson into one plain session-state entry,
``st.session_state["lesson"]``, on every run. The curves page reads it; when the explainer opens
again, its widgets are initialised from it.

Widgets are only ever initialised through ``st.session_state`` (never with ``value=``/``index=``),
so Streamlit never sees two competing defaults for one key.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import streamlit as st

import losses
from losses.compute import DEFAULT_REDUCTIONS

LESSON = "lesson"
DEFAULT_LOSS = {"keras": "hinge", "pytorch": "CrossEntropyLoss"}

# The seed example of the explainer: Keras' own Hinge docstring, which gives 1.3.
DEFAULTS: dict[str, Any] = {
    "framework": "keras",
    "loss": "hinge",
    "y_true": "[[0, 1], [0, 0]]",
    "y_pred": "[[0.6, 0.4], [0.4, 0.6]]",
    "sample_weight": "",
    "reduction": "sum_over_batch_size",
    "dtype": "float32",
}
INPUT_KEYS = ("y_true", "y_pred", "sample_weight")


def init_state() -> None:
    """Give every explainer widget a value before it is drawn: the lesson's, else the default."""
    lesson = st.session_state.get(LESSON) or {}
    state = st.session_state
    for key, default in DEFAULTS.items():
        if key not in state:
            state[key] = lesson.get(key, default)
    if state["framework"] not in losses.FRAMEWORKS:
        state["framework"] = DEFAULTS["framework"]
    if state["loss"] not in losses.names(state["framework"]):
        state["loss"] = DEFAULT_LOSS[state["framework"]]
    if state["reduction"] not in reductions(state["framework"], state["loss"]):
        state["reduction"] = DEFAULT_REDUCTIONS[state["framework"]]
    if state["dtype"] not in losses.DTYPES:
        state["dtype"] = DEFAULTS["dtype"]
    saved = lesson.get("params", {}) if lesson.get("loss") == state["loss"] else {}
    for param in current_spec().params:
        if param.name not in state:
            state[param.name] = saved.get(param.name, param.default)


def current_spec() -> losses.LossSpec:
    """The spec of the loss the widgets hold, in the framework they hold."""
    return losses.spec(st.session_state["loss"], st.session_state.get("framework", "keras"))


def reductions(framework: str, name: str) -> tuple[str, ...]:
    """The reductions ``name`` takes: Keras' five, or the PyTorch loss's own."""
    return losses.spec(name, framework).reductions or tuple(losses.REDUCTIONS)


def set_params_to_defaults(name: str, params: dict[str, Any] | None = None,
                           framework: str | None = None) -> None:
    """Every parameter of ``name`` at its framework's default, except those given."""
    params = params or {}
    framework = framework or st.session_state.get("framework", "keras")
    for param in losses.spec(name, framework).params:
        st.session_state[param.name] = params.get(param.name, param.default)


def load_example(
    name: str,
    y_true: str,
    y_pred: str,
    *,
    sample_weight: str = "",
    params: dict[str, Any] | None = None,
    reduction: str | None = None,
    dtype: str = "float32",
    framework: str = "keras",
) -> None:
    """Put a whole lesson into the widgets. Call from a widget callback (before widgets draw)."""
    state = st.session_state
    state["framework"] = framework
    state["loss"] = name
    state["y_true"] = y_true
    state["y_pred"] = y_pred
    state["sample_weight"] = sample_weight
    state["reduction"] = reduction or DEFAULT_REDUCTIONS[framework]
    state["dtype"] = dtype
    set_params_to_defaults(name, params, framework)


def current_params(name: str) -> dict[str, Any]:
    """The parameter widgets' values for ``name``, by the framework's parameter names."""
    spec = losses.spec(name, st.session_state.get("framework", "keras"))
    return {p.name: st.session_state.get(p.name, p.default) for p in spec.params}


def write_lesson(params: dict[str, Any]) -> None:
    """Publish the current lesson for the other pages (the contract with pages/)."""
    state = st.session_state
    st.session_state[LESSON] = {
        "framework": state["framework"],
        "loss": state["loss"],
        "y_true": state["y_true"],
        "y_pred": state["y_pred"],
        "sample_weight": state["sample_weight"],
        "reduction": state["reduction"],
        "dtype": state["dtype"],
        "params": dict(params),
    }


def lesson_digest() -> str:
    """A short name for everything the explanation of the current lesson depends on."""
    lesson = st.session_state[LESSON]
    text = json.dumps([lesson, st.session_state.get("lang", "en")], sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
