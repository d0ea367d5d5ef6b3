"""Presentation mode: the seed hinge lesson revealed one step at a time, the value last.

By hand (Keras' Hinge docs): labels 0/1 become -1/1; margins y'·ŷ; terms 1.6, 0.6 / 1.4, 1.6;
per sample (1.6 + 0.6) / 2 = 1.1 and (1.4 + 1.6) / 2 = 1.5; batch (1.1 + 1.5) / 2 = 1.3.
"""

from __future__ import annotations

from pytest import approx
from streamlit.testing.v1 import AppTest

import losses
from tests.app.pagetools import open_app

HINGE = {"loss": "hinge", "y_true": "[[0,1],[0,0]]", "y_pred": "[[0.6,0.4],[0.4,0.6]]"}
STEPS = [s.title for s in losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]).steps]


def presenting(query: dict[str, str]) -> AppTest:
    return open_app({**query, "present": "1"})


def step_heading(at: AppTest) -> str | None:
    return next((m.value for m in at.markdown if m.value.startswith("**Step ")), None)


def test_the_steps_come_one_at_a_time_and_the_value_last():
    at = presenting(HINGE)
    assert not at.exception
    # No final number until the end, and no sidebar presets in the way (hidden by CSS, kept).
    assert not at.metric
    seen = []
    for _ in STEPS:
        seen.append(step_heading(at))
        assert not at.metric
        at.button(key="explainer.present.next").click().run()
    assert [f"Step {i}" in text for i, text in enumerate(seen, start=1)] == [True] * len(STEPS)
    assert float(at.metric[0].value) == approx(1.3)
    # The last slide: the value, then where it comes from, 1.3 = (1.1 + 1.5) / 2, and each of
    # 1.1 = (1.6 + 0.6) / 2 and 1.5 = (1.4 + 1.6) / 2 (Keras' Hinge docs, by hand).
    derivation = next(x.value for x in at.latex if "1.3 &=" in x.value)
    assert "(1.1 + 1.5) / 2" in derivation and "1.1 &= (1.6 + 0.6) / 2" in derivation
    # After the value, one more slide: what the model learns, the gradient -y'/4 by hand
    # (tests/losses/test_gradient.py): [[0.25, -0.25], [0.25, 0.25]].
    at.button(key="explainer.present.next").click().run()
    assert "What the model learns" in [s.value for s in at.subheader]
    assert not at.metric
    cells = [v for table in at.table for v in table.value.to_numpy().ravel().tolist()]
    assert any("0.25" in str(c) for c in cells) and any("-0.25" in str(c) for c in cells)
    assert at.button(key="explainer.present.next").disabled


def test_back_returns_and_stops_at_the_first_step():
    at = presenting(HINGE)
    assert at.button(key="explainer.present.back").disabled
    at.button(key="explainer.present.next").click().run()
    assert "Step 2" in step_heading(at)
    at.button(key="explainer.present.back").click().run()
    assert "Step 1" in step_heading(at)


def test_the_per_sample_step_shows_each_sample_arithmetic():
    at = presenting(HINGE)
    per_sample = next(i for i, s in enumerate(losses.compute(
        "hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]).steps) if s.key == "per_sample")
    for _ in range(per_sample):
        at.button(key="explainer.present.next").click().run()
    text = "\n".join(c.value for c in at.code)
    assert "(1.6 + 0.6) / 2 = 1.1" in text and "(1.4 + 1.6) / 2 = 1.5" in text


def test_leaving_keeps_the_lesson_and_a_new_lesson_starts_at_step_one():
    at = presenting({**HINGE, "sample_weight": "[1, 0]"})
    at.button(key="explainer.present.next").click().run()
    at.text_area(key="explainer.sample_weight").input("[1, 1]").run()
    assert "Step 1" in step_heading(at)
    at.button(key="explainer.present.exit").click().run()
    assert not at.exception
    assert at.session_state["lesson"]["present"] is False
    assert "present" not in at.query_params
    assert at.text_area(key="explainer.sample_weight").value == "[1, 1]"
    assert float(at.metric[0].value) == approx(1.3)  # weights 1, 1: the plain mean
    at.button(key="explainer.present.start").click().run()
    assert "Step 1" in step_heading(at) and at.query_params["present"] == "1"


def test_bad_input_in_presentation_says_so_and_offers_the_way_out():
    at = presenting({**HINGE, "sample_weight": "[1, 0, 1]"})
    assert not at.exception
    assert at.error
    at.button(key="explainer.present.exit_error").click().run()
    assert at.session_state["lesson"]["present"] is False
