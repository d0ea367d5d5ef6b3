"""The explainer's inputs: loss picker, y_true / y_pred / sample_weight, parameters, reduction, dtype.

Each ``*_ui()`` draws its widgets and returns plain values. The text areas are the source of
truth for the arrays; the grid is another view of the same text: a grid edit is turned back into
text before the text areas are drawn and the script reruns; the grid's key changes with the text, so a grid
never holds edits relative to data it no longer shows.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import streamlit as st

import losses
from ui import lesson
from ui.arrays import format_array, frame_to_array, grid_frame
from ui.i18n import error_text, escape_md, loss_label, param_help, picker_label, t

log = logging.getLogger(__name__)

# A data editor re-sends its whole table on every rerun; beyond this many cells the text area is
# the better editor and the page stays fast (bench/README.md).
GRID_MAX_CELLS = 2_000
PAGE = "explainer"
EXAMPLE_REPLACED = "explainer.example_replaced"


@dataclass
class Inputs:
    """Parsed arrays (None when absent or unparsable) and where to show each input's error."""

    arrays: dict[str, np.ndarray | None]
    errors: dict[str, losses.LossInputError] = field(default_factory=dict)
    slots: dict[str, list] = field(default_factory=dict)

    def show_error(self, argument: str, error: losses.LossInputError) -> bool:
        """Show ``error`` next to ``argument``'s input; False when that input is not here."""
        if argument not in self.slots:
            return False
        for slot in self.slots[argument]:
            slot.error(escape_md(error_text(error)), icon=":material/error:")
        return True


def framework_ui(page: str = PAGE) -> str:
    """Keras or PyTorch: which framework's losses, reductions and quirks ``page`` follows."""
    st.segmented_control(
        t("framework.label"), losses.FRAMEWORKS, required=True,
        format_func=lambda f: t(f"framework.{f}"), help=t("framework.help"),
        **lesson.bind(page, "framework", choices=losses.FRAMEWORKS, then=_on_framework_change),
    )
    return lesson.get("framework")


def _on_framework_change() -> None:
    # bind() stored the new framework; the lesson moves to its nearest loss.
    if lesson.set_framework(lesson.get("framework")):
        st.session_state[EXAMPLE_REPLACED] = lesson.get("loss")


def loss_picker_ui() -> str:
    """The loss selectbox (grouped by family), its description, and the button for its example."""
    framework = lesson.get("framework")
    names = losses.names(framework)
    # The value is the loss's name; the label (in the page's language) only comes from format_func.
    st.selectbox(
        t("picker.label"), names, format_func=lambda name: picker_label(name, framework),
        help=t(f"picker.help.{framework}"),
        **lesson.bind(PAGE, "loss", choices=names, then=_on_loss_change),
    )
    name = lesson.get("loss")
    spec = losses.spec(name, framework)
    st.caption(escape_md(t(f"loss.{spec.name}.description")))
    if spec.docs_url.startswith("https://"):
        # The registry's own address of the framework's page for this loss; no user text in it.
        where = f"{'keras.losses' if spec.framework == 'keras' else 'torch.nn'}.{spec.class_name}"
        st.caption(f"[{escape_md(t('picker.docs', loss=where))}]({spec.docs_url})")
    if st.session_state.pop(EXAMPLE_REPLACED, None) == name:
        st.caption(t("picker.example_replaced", loss=loss_label(name, framework)))
    return name


def _on_loss_change() -> None:
    """The new loss's default parameters; its own example if the numbers do not fit."""
    if lesson.set_loss(lesson.get("loss")):
        st.session_state[EXAMPLE_REPLACED] = lesson.get("loss")


def example_button_ui(name: str) -> None:
    st.button(
        t("picker.load_example"),
        key="explainer.load_example",
        on_click=lesson.load_example,
        args=(name, lesson.get("framework")),
        icon=":material/restart_alt:",
        type="tertiary",
    )


def _grid_key(argument: str, text: str) -> str:
    return f"{PAGE}.grid.{argument}.{zlib.crc32(text.encode()):08x}"


def grid_key(argument: str) -> str:
    """The data editor key for the current text of ``argument`` (tests set edits through it)."""
    return _grid_key(argument, lesson.get(argument))


@st.cache_data(max_entries=64, max_size="16MB", show_spinner=False)
def _parse_text(text: str, argument: str) -> np.ndarray:
    # Every rerun parses all three inputs, though a learner edits one at a time: a 10,000-number
    # paste costs ~5 ms to parse and a few hundred microseconds to fetch (a copy) from here.
    return losses.parse_array(text, argument=argument)


def _parse(argument: str, text: str) -> tuple[np.ndarray | None, losses.LossInputError | None]:
    if argument == "sample_weight" and not text.strip():
        return None, None
    try:
        return _parse_text(text, argument), None
    except losses.LossInputError as error:
        return None, error


def _grid_ui(argument: str, array: np.ndarray | None, failed: bool) -> np.ndarray | None:
    """One input's data editor; returns the edited array when the learner changed a cell."""
    if failed:
        return None
    if array is None:
        st.caption(t("grid.empty_weight"))
        return None
    frame = grid_frame(array)
    if frame is None:
        st.caption(t("grid.only_2d"))
        return None
    if frame.size > GRID_MAX_CELLS:
        st.caption(t("grid.too_big", cells=frame.size, limit=GRID_MAX_CELLS))
        return None
    edited = st.data_editor(
        frame,
        key=grid_key(argument),
        num_rows="dynamic",
        column_config={c: st.column_config.NumberColumn(format="%g") for c in frame.columns},
        height=min(35 * (len(frame) + 2) + 3, 300),
    )
    new = frame_to_array(edited, array.ndim)
    if new.shape == array.shape and np.array_equal(new, array):
        return None
    return new


def inputs_ui(spec: losses.LossSpec) -> Inputs:
    """The array inputs (sample_weight for Keras only), as text or as grids (two tabs of the same text)."""
    keys = lesson.INPUT_KEYS if spec.framework == "keras" else lesson.INPUT_KEYS[:2]
    texts = {key: lesson.get(key) for key in keys}
    parsed = {key: _parse(key, text) for key, text in texts.items()}
    slots: dict[str, list] = {key: [] for key in keys}
    meaning = {
        "y_true": t(f"loss.{spec.name}.y_true"),
        "y_pred": t(f"loss.{spec.name}.y_pred"),
        "sample_weight": t("inputs.sample_weight.meaning"),
    }

    tab_text, tab_grid = st.tabs(
        [t("inputs.tab_text"), t("inputs.tab_grid")], key=f"{PAGE}.input_view", on_change="rerun"
    )
    # The grids run first (they draw into the second tab), so an edit can still rewrite the text
    # before the text areas below are created. They are drawn only while their tab is open:
    # three data editors would otherwise cost ~10 ms on every rerun (bench/README.md).
    with tab_grid:
        st.caption(t("grid.intro"))
        for key, column in _input_columns(keys) if tab_grid.open else ():
            with column:
                st.markdown(f"**{t(f'inputs.{key}.label')}**")
                array, error = parsed[key]
                edited = _grid_ui(key, array, error is not None)
                if edited is not None:
                    lesson.put(key, format_array(edited))
                    # Run again at once: the grid then comes back under the new text's key with
                    # no edits pending, so its next edit applies to the numbers it shows.
                    st.rerun()
                slots[key].append(st.empty())
    with tab_text:
        for key, column in _input_columns(keys):
            with column:
                st.text_area(
                    t(f"inputs.{key}.label"),
                    **lesson.bind(PAGE, key),
                    height=68 if key == "sample_weight" else 90,
                    placeholder=t(f"inputs.{key}.placeholder"),
                    help=t("inputs.format_help"),
                )
                st.caption(escape_md(meaning[key]))
                slots[key].append(st.empty())

    inputs = Inputs({key: value[0] for key, value in parsed.items()}, slots=slots)
    for key, (_, error) in parsed.items():
        if error is not None:
            inputs.errors[key] = error
            inputs.show_error(key, error)
    return inputs


def _input_columns(keys):
    # Stacked rather than side by side: a row of y_pred must fit on one line at 1280 px wide.
    for key in keys:
        yield key, st.container()


def params_ui(spec: losses.LossSpec) -> tuple[dict[str, Any], Any]:
    """One widget per Keras parameter of ``spec``; returns their values and a slot for errors."""
    if not spec.params:
        st.caption(t("params.none", loss=loss_label(spec.name, spec.framework)))
        return {}, st.empty()
    values = {}
    # Switches on their own lines (their labels sit beside them and need the width), the rest
    # two to a row.
    for param in spec.params:
        if param.kind == "bool":
            values[param.name] = _param_widget(param)
    others = [p for p in spec.params if p.kind != "bool"]
    for start in range(0, len(others), 2):
        for column, param in zip(st.columns(2), others[start:start + 2]):
            with column:
                values[param.name] = _param_widget(param)
    return {p.name: values[p.name] for p in spec.params}, st.empty()


def _param_path(param: losses.Param) -> str:
    # Per loss: a widget for huber's delta never shows another loss's delta.
    return f"param.{lesson.get('loss')}.{param.name}"


def param_key(param_name: str) -> str:
    """The widget key of the current loss's parameter ``param_name`` (tests drive it)."""
    return f"{PAGE}.param.{lesson.get('loss')}.{param_name}"


def _param_widget(param: losses.Param) -> Any:
    label = param.name
    has_range = param.low is not None or param.high is not None
    help_text = escape_md(param_help(param)) + "  \n" + t(
        "params.range", range=param.range_text() if has_range else t("params.any_number"),
        default=repr(param.default),
    )
    path = _param_path(param)
    if param.kind == "bool":
        return st.toggle(label, help=help_text, **lesson.bind(PAGE, path, default=param.default))
    if param.kind in ("axis", "axes"):
        choices = lesson.axis_choices(param)
        return st.selectbox(
            label, choices, help=help_text,
            format_func=lambda a: t("params.axis_none") if a is None else str(a).replace(" ", ""),
            **lesson.bind(PAGE, path, default=param.default, choices=choices),
        )
    if param.kind == "vector":
        return _vector_widget(param, label, help_text)
    if param.kind in ("int", "class"):
        # No bounds on the widget: Streamlit would keep its previous value and show only a small
        # red icon for 7 in [0, 5]; the engine's message says what is wrong, where one looks.
        return st.number_input(
            label, help=help_text, step=1,
            placeholder=t("params.none_placeholder") if param.optional else None,
            **lesson.bind(PAGE, path, default=param.default),
        )
    bounded = param.high is not None and param.high <= 1
    return st.number_input(
        label,
        help=help_text,
        # No bounds on the widget (label_smoothing = 1.5 would silently keep the old value):
        # an out-of-range number is computed by nobody and gets the engine's message instead.
        step=0.05 if bounded else (1.0 if abs(param.default) >= 10 else 0.1),
        format="%g",
        **lesson.bind(PAGE, path, default=param.default),
    )


def _vector_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_array(np.asarray(value, dtype=float))


def _vector_widget(param: losses.Param, label: str, help_text: str) -> Any:
    """A list parameter (PyTorch's per-class ``weight``) typed as text, like the arrays.

    The lesson holds the value as a tuple (or None, or the text while it does not parse); the
    text box is a view of it.
    """
    path = _param_path(param)
    key = f"{PAGE}.{path}"
    st.session_state[key] = _vector_text(lesson.value(path, param.default))
    st.text_input(label, key=key, help=help_text, on_change=_on_vector_edit, args=(key, path),
                  placeholder=t("params.vector_placeholder"))
    return lesson.value(path, param.default)


def _on_vector_edit(key: str, path: str) -> None:
    text = st.session_state[key]
    if not text.strip():
        value: Any = None
    else:
        try:
            array = losses.parse_array(text, argument=path.rsplit(".", 1)[-1])
            value = tuple(float(v) for v in array) if array.ndim == 1 else text
        except losses.LossInputError:
            value = text  # compute() names the parameter and says what it expects
    lesson.put(path, value)


def reduction_ui(spec: losses.LossSpec) -> str:
    """The loss's reductions (Keras' five, or PyTorch's), with the selected one explained."""
    if spec.framework == "keras":
        choices = losses.REDUCTIONS
        label = lambda r: t(f"reduction.{r}.label")  # noqa: E731
        explain = lambda r: t(f"reduction.{r}.explain")  # noqa: E731
    else:
        choices = spec.reductions
        label = lambda torch_r: t(f"reduction.torch.{torch_r}.label")  # noqa: E731
        explain = lambda torch_r: t(f"reduction.torch.{torch_r}.explain")  # noqa: E731
    reduction = st.selectbox(
        t("reduction.label"), choices, format_func=label,
        help="  \n".join(f"**{r}**: {explain(r)}" for r in choices),
        **lesson.bind(PAGE, "reduction", choices=tuple(choices)),
    )
    st.caption(explain(reduction))
    return reduction


def dtype_ui() -> str:
    return st.segmented_control(
        t("dtype.label"), losses.DTYPES, help=t("dtype.help"), required=True,
        **lesson.bind(PAGE, "dtype", choices=tuple(losses.DTYPES)),
    )
