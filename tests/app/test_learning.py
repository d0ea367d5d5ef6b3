"""One step of learning on the explainer (issue 11): take a step, reset, and both from a link.

The Keras hinge docs batch has gradient -y'/4 = [[0.25, -0.25], [0.25, 0.25]] (hand-checked in
tests/losses/test_gradient.py). One step at the default learning rate 0.1 gives, by hand,
y_pred - 0.1 * gradient = [[0.575, 0.425], [0.375, 0.575]] (in float32, as the optimizer
computes it, float32(0.6) - float32(0.1) * 0.25 rounds to 0.57500005), and hinge on that:
sample 0: y' = [-1, 1], terms 1 + 0.575 = 1.575 and 1 - 0.425 = 0.575, mean 1.075;
sample 1: y' = [-1, -1], terms 1.375 and 1.575, mean 1.475; batch (1.075 + 1.475) / 2 = 1.275.
"""

import numpy as np
import pytest

from losses import descent
import losses
from tests.app.pagetools import open_app, shown_value

# The learning view's own link: ``tab=learn`` opens it (a link with lr or steps does too).
HINGE = {"tab": "learn", "loss": "hinge", "y_true": "[[0, 1], [0, 0]]", "y_pred": "[[0.6, 0.4], [0.4, 0.6]]"}
STEPPED = "[[0.57500005, 0.425], [0.375, 0.57500005]]"


def _take(at):
    at.button(key="learn.take").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_step_moves_y_pred_against_the_gradient_and_the_value_follows():
    at = open_app(HINGE)
    assert shown_value(at) == pytest.approx(1.3)
    _take(at)
    assert at.session_state["lesson"]["y_pred"] == STEPPED
    assert shown_value(at) == pytest.approx(1.275, abs=1e-6)
    # the link keeps the steps and the typed start, so "reset" works from a link too
    assert at.query_params["steps"] == "1"
    assert at.query_params["start"] == HINGE["y_pred"]
    assert at.query_params["y_pred"] == STEPPED


def test_reset_returns_to_the_typed_y_pred():
    at = _take(_take(open_app(HINGE)))
    assert at.session_state["lesson"]["learn"]["steps"] == 2
    at.button(key="learn.reset").click().run()
    assert at.session_state["lesson"]["y_pred"] == HINGE["y_pred"]
    assert shown_value(at) == pytest.approx(1.3)
    assert "steps" not in at.query_params and "start" not in at.query_params


def test_a_link_with_steps_opens_stepped_and_resets_to_its_start():
    at = open_app({**HINGE, "y_pred": STEPPED, "steps": "1", "start": HINGE["y_pred"], "lr": "0.5"})
    assert shown_value(at) == pytest.approx(1.275, abs=1e-6)
    assert at.session_state["lesson"]["learn"]["lr"] == 0.5
    at.button(key="learn.reset").click().run()
    assert at.session_state["lesson"]["y_pred"] == HINGE["y_pred"]


def test_typing_over_the_stepped_predictions_starts_the_count_again():
    at = _take(open_app(HINGE))
    lesson = at.session_state["lesson"]
    lesson["y_pred"] = "[[0.1, 0.2], [0.3, 0.4]]"  # the learner's own edit
    at.session_state["lesson"] = lesson
    at.run()
    assert "steps" not in at.query_params
    _take(at)
    assert at.session_state["lesson"]["learn"]["start"] == "[[0.1, 0.2], [0.3, 0.4]]"


@pytest.mark.parametrize("query,name", [
    ({"steps": "many", "start": "[[0.6, 0.4], [0.4, 0.6]]"}, "steps"),
    ({"steps": "1"}, "start"),
    ({"steps": "1", "start": "[[0.6, 0.4"}, "start"),
    ({"lr": "-1"}, "lr"),
])
def test_a_bad_learning_link_says_which_setting_and_keeps_the_page(query, name):
    at = open_app({**HINGE, **query})
    problems = [t.value for t in at.text]
    assert any(name in p for p in problems), problems
    assert shown_value(at) == pytest.approx(1.3)


def test_the_section_in_chinese():
    at = open_app({**HINGE, "lang": "zh"})
    assert "学习一步" in [s.value for s in at.subheader]
    assert at.button(key="learn.take").label == "走一步"


def test_a_confidently_wrong_prediction_learns_fast_with_cross_entropy_and_slowly_with_mse():
    # y = 1, y_pred = 0.01, one element: MSE's gradient is 2 (0.01 - 1) = -1.98, binary
    # cross-entropy's is -1 / 0.01 = -100 (by hand). At eta = 0.005 one step moves y_pred by
    # 0.0099 with MSE and by 0.5 with cross-entropy.
    mse = losses.compute("mean_squared_error", [[1.0]], [[0.01]])
    bce = losses.compute("binary_crossentropy", [[1.0]], [[0.01]])
    assert float(descent.step(mse, 0.005)[0, 0]) == pytest.approx(0.01 + 0.0099, rel=1e-6)
    assert float(descent.step(bce, 0.005)[0, 0]) == pytest.approx(0.01 + 0.5, rel=1e-5)


def test_a_step_past_one_is_shown_as_the_framework_computes_it_next():
    # eta = 1 from 0.01 with gradient -100: 0.01 + 100 = 100.01, outside [0, 1]; Keras clips it
    # to 1 - 1e-7 next, so the next loss is -log(1 - 1e-7) in float32 = 1.192e-7 (float32's
    # 1 - 1e-7 is 0.99999988, whose log is -1.192e-7).
    bce = losses.compute("binary_crossentropy", [[1.0]], [[0.01]])
    stepped = descent.step(bce, 1.0)
    assert descent.outside(bce, stepped).key == "note.descent.outside"
    path = descent.path(bce, 1.0, 1, y_true=[[1.0]])
    assert path.values[1] == pytest.approx(1.192093e-7, rel=1e-5)
    at = open_app({"loss": "binary_crossentropy", "y_true": "[[1]]", "y_pred": "[[0.01]]", "lr": "1"})
    assert any("pushes 1 probability outside" in w.value for w in at.warning)


def test_the_step_is_taken_in_float32_and_reads_back_bit_for_bit():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    stepped = descent.step(trace, 0.1)
    from ui.arrays import format_array

    assert np.array_equal(losses.parse_array(format_array(stepped, "float32")).astype(np.float32), stepped)


@pytest.mark.parametrize("preset,moved", [("learn_mse", 0.0099), ("learn_bce", 0.5)])
def test_the_learning_presets_set_the_rate_and_one_step_moves_as_the_help_says(preset, moved):
    # The presets' own arithmetic (ui/presets.py): eta = 0.005 times -1.98 (MSE) or -100 (BCE).
    from ui import presets

    at = open_app()
    key = presets.pills_key("learning")
    at.pills(key=key).set_value(preset).run()
    assert at.session_state["lesson"]["learn"]["lr"] == 0.005
    _take(at)
    stepped = float(at.session_state["lesson"]["y_pred"].strip("[]"))
    assert stepped == pytest.approx(0.01 + moved, rel=1e-5)


def test_the_path_of_steps_is_drawn_on_the_loss_curve():
    # MSE, y = 1, y_pred = 0.01, eta = 0.2: each step multiplies the error by 1 - 0.2 * 2 = 0.6
    # (by hand: e' = e - eta * 2e), so the points move along the parabola toward 0.
    from losses import curves as lc

    trace = losses.compute("mean_squared_error", [[1.0]], [[0.01]])
    path = descent.path(trace, 0.2, 3, y_true=[[1.0]])
    xs = [float(lc.learner_points(t).x[0]) for t in path.traces]
    assert xs == pytest.approx([-0.99, -0.594, -0.3564, -0.21384], rel=1e-5)
    np.testing.assert_array_equal(lc.learner_points(trace).x, lc.learner_view(trace).points.x)
    at = open_app({"loss": "mean_squared_error", "y_true": "[[1]]", "y_pred": "[[0.01]]", "lr": "0.2"})
    import json

    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    trail = [trace for figure in figures for trace in figure["data"] if trace.get("legendgroup") == "trail"]
    assert len(trail) == 1 and len(trail[0]["x"]) == 11  # now and 10 steps
