"""Presentation mode: the explainer for a projector, one pipeline step at a time.

Large type, no sidebar and no editing controls; Next / Back reveal the steps in the order the
framework applies them, then the final value, and last the gradient it sends back. The position lives in plain session
state (``present_step``), tied to the lesson it was reached on, so a new lesson starts at step 1.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import losses
from losses.gradient import GRADIENT_STEP
from ui import deck, lesson, trace_view
from ui.arrays import format_array
from ui.i18n import escape_md, t

POSITION = "present_step"

# Everything Streamlit sizes in rem grows with the root font size: 16 px is its default, and 22
# px keeps a 1920 x 1080 projector's text readable from the back of a room. The sidebar, its
# toggle and the toolbar are hidden: a class sees only the lesson.
_CSS = """
<style>
html { font-size: 22px; }
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stToolbar"],
[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.5rem 3rem 3rem !important; max-width: none; }
.katex { font-size: 1.25em; }
/* The value on its slide, readable from the back of the room. */
[data-testid="stMetricValue"] { font-size: 5rem; line-height: 1.1; }
</style>
"""


# Back from a deck lesson's first slide lands on the previous lesson's last, whose number of
# slides is only known once its trace is computed: the position says "the last" until then.
LAST = "last"


def start() -> None:
    """Present the explainer's lesson alone."""
    deck.stop_playing()
    lesson.set_present(True)
    st.session_state.pop(POSITION, None)


def start_deck() -> None:
    """Present the deck, from its first lesson's first slide."""
    deck.play()
    st.session_state.pop(POSITION, None)


def stop() -> None:
    lesson.set_present(False)
    deck.stop_playing()


def presenting() -> bool:
    return lesson.presenting()


def _move(delta: int, last: int) -> None:
    digest, position = st.session_state.get(POSITION, ("", 0))
    at = deck.playing()
    # In a deck, Next on a lesson's last slide opens the next lesson, Back on its first the
    # previous lesson's last slide.
    if at is not None and delta > 0 and position >= last and at + 1 < len(deck.lessons()):
        deck.go_to(at + 1)
        st.session_state[POSITION] = ("", 0)
        return
    if at is not None and delta < 0 and position <= 0 and at > 0:
        deck.go_to(at - 1)
        st.session_state[POSITION] = (LAST, 0)
        return
    st.session_state[POSITION] = (digest, min(max(position + delta, 0), last))


def _position(digest: str, last: int) -> int:
    saved_digest, position = st.session_state.get(POSITION, (digest, 0))
    if saved_digest == LAST:
        position = last
    elif saved_digest != digest:
        position = 0
    st.session_state[POSITION] = (digest, min(position, last))
    return st.session_state[POSITION][1]


def _can_go(position: int, last: int) -> tuple[bool, bool]:
    """Whether Back and Next lead anywhere: within the lesson, or to a neighbouring deck lesson."""
    at = deck.playing()
    count = len(deck.lessons())
    back = position > 0 or (at is not None and at > 0)
    forward = position < last or (at is not None and at + 1 < count)
    return back, forward


def style_ui() -> None:
    st.html(_CSS)


def inputs_ui(arrays: dict[str, np.ndarray | None]) -> None:
    """The lesson's numbers as the parser read them (never the typed text), side by side."""
    shown = [(key, value) for key, value in arrays.items() if value is not None]
    for column, (key, value) in zip(st.columns(len(shown)), shown):
        with column:
            st.markdown(f"**{escape_md(t(f'inputs.{key}.label'))}**")
            st.code(format_array(value), language=None, wrap_lines=True)


def controls_ui(position: int, last: int) -> None:
    back, forward = _can_go(position, last)
    with st.container(horizontal=True, horizontal_alignment="left", vertical_alignment="center"):
        # Page Down / Page Up are what a presentation clicker sends, so a teacher can step
        # through from across the room.
        st.button(t("present.back"), key="explainer.present.back", on_click=_move, args=(-1, last),
                  disabled=not back, icon=":material/arrow_back:", shortcut="PageUp")
        st.button(t("present.next"), key="explainer.present.next", on_click=_move, args=(1, last),
                  disabled=not forward, type="primary", icon=":material/arrow_forward:",
                  shortcut="PageDown")
        st.markdown(escape_md(t("present.progress", step=position + 1, total=last + 1)))
        st.button(t("present.exit"), key="explainer.present.exit", on_click=stop, type="tertiary",
                  icon=":material/close_fullscreen:", shortcut="Esc")


def presentation_ui(trace: losses.Trace, display_name: str, digest: str,
                    arrays: dict[str, np.ndarray | None]) -> None:
    """The lesson revealed step by step: each step in turn, the final value, then what the
    model learns from it (the gradient)."""
    steps = trace.steps
    gradient = [step for step in trace.gradient_steps if step.key == GRADIENT_STEP]
    value_at = len(steps)  # one position per step, one for the value, one for the gradient
    last = value_at + (1 if gradient else 0)
    position = _position(digest, last)
    at = deck.playing()
    if at is None:
        st.title(display_name)
    else:
        # The teacher's own title, and where the class is in the deck.
        st.title(escape_md(deck.lessons()[at]["title"]))
        # Which framework's rules: a deck may go from a Keras loss to its PyTorch counterpart.
        current = lesson.get("framework")
        framework = t(f"framework.{current}")
        st.caption(escape_md(f"{framework} · {display_name}"))
    inputs_ui(arrays)
    controls_ui(position, last)
    titles = [trace_view.step_title(step) for step in steps]
    # The road map: steps done in plain text, the current one bold, those to come in grey.
    names = [*titles, t("present.result"), *([t("grad.header")] if gradient else [])]
    trail = [
        escape_md(name) if i < position else f"**{escape_md(name)}**" if i == position
        else f":gray[{escape_md(name)}]"
        for i, name in enumerate(names)
    ]
    road = " → ".join(trail)
    if at is not None:
        # In the accent colour, so it does not read as the current step's name beside it.
        where = escape_md(t("deck.progress", number=at + 1, count=len(deck.lessons())))
        road = f":blue[**{where}**] · {road}"
    st.markdown(road)
    by_step, loose = trace_view.notes_by_step(trace)
    if position < value_at:
        step = steps[position]
        trace_view.step_ui(trace, position + 1, step, by_step.get(step.key, ()))
    elif position == value_at:
        trace_view.result_ui(trace, display_name)
        trace_view.derivation_ui(trace)
        trace_view.notes_ui(loose)
    else:
        # The last slide: the gradient the value sends back, its chain in one line, its notes.
        st.subheader(t("grad.header"))
        st.caption(t("grad.intro"))
        trace_view.step_ui(trace, len(trace.gradient_steps), gradient[0], trace.gradient_notes, "grad_")


def error_controls_ui() -> None:
    """A lesson whose numbers give no loss: the way on through the deck, and the way out."""
    with st.container(horizontal=True, vertical_alignment="center"):
        if deck.playing() is not None:
            back, forward = _can_go(0, 0)
            st.button(t("present.back"), key="explainer.present.back", on_click=_move, args=(-1, 0),
                      disabled=not back, icon=":material/arrow_back:", shortcut="PageUp")
            st.button(t("present.next"), key="explainer.present.next", on_click=_move, args=(1, 0),
                      disabled=not forward, type="primary", icon=":material/arrow_forward:",
                      shortcut="PageDown")
        st.button(t("present.exit"), key="explainer.present.exit_error", on_click=stop)
