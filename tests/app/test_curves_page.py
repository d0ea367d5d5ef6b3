"""The curves page under AppTest: every loss and overlay renders, sliders act, the learner's
numbers from the explainer appear as points."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import losses
from losses import curves as lc
from tests.app.pagetools import link_problems, new_lesson

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "1_Curves.py")
HINGE_LESSON = {
    # The explainer's seed: Keras' Hinge docstring example.
    "loss": "hinge",
    "y_true": "[[0, 1], [0, 0]]",
    "y_pred": "[[0.6, 0.4], [0.4, 0.6]]",
    "sample_weight": "",
    "reduction": "sum_over_batch_size",
    "dtype": "float32",
    "params": {},
}


def new_page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=60)


@pytest.fixture(scope="module")
def page() -> AppTest:
    """One AppTest for the module: a rerun after a widget change costs milliseconds."""
    at = new_page()
    at.run()
    return at


def figure(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1, "expected one Plotly chart"
    return json.loads(charts[0].proto.spec)


def values(array) -> np.ndarray:
    """Plotly's typed arrays arrive as {"dtype": "f4", "bdata": base64}."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
    return np.asarray(array, dtype=np.float64)


def trace_named(spec: dict, name: str) -> dict:
    found = [d for d in spec["data"] if d.get("name") == name]
    assert found, f"no trace {name!r}; traces are {[d.get('name') for d in spec['data']]}"
    return found[0]


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_page_opens_on_the_lessons_loss_with_its_points(page):
    assert_clean(page)
    assert page.title[0].value == "Loss curves"
    # A new session's lesson is the explainer's seed, Keras' hinge docs example: the page
    # follows it, with the four elements on the curve.
    assert page.selectbox(key="curves.view").value == "hinge"
    data = figure(page)["data"]
    # The points come first in the data (a hover on a point names the point) and last in the
    # legend (legendrank).
    assert [d["name"] for d in data] == ["Your elements (4)", "0-1 loss (reference)", "Hinge"]
    assert data[0]["legendrank"] > 1000 and data[0]["zorder"] == 1


def test_huber_for_several_deltas(page):
    page.selectbox(key="curves.view").set_value("huber").run()
    spec = figure(page)
    names = [d["name"] for d in spec["data"]]
    # Huber on its own (not the lesson's loss): several δ, the chosen δ = 1 among them.
    assert names == ["Huber δ = 0.5", "Huber δ = 1", "Huber δ = 2"]
    assert spec["layout"]["xaxis"]["title"]["text"].startswith("Error")


@pytest.mark.parametrize("name", losses.names())
def test_every_loss_renders_with_and_without_its_slope(page, name):
    page.toggle(key="curves.slope").set_value(False)
    page.selectbox(key="curves.view").set_value(name).run()
    assert_clean(page)
    assert page.info == [] or name not in lc.registered_views()
    flat = figure(page)
    assert "yaxis2" not in flat["layout"]
    page.toggle(key="curves.slope").set_value(True).run()
    assert_clean(page)
    with_slope = figure(page)
    assert "yaxis2" in with_slope["layout"], "the slope panel is a second y axis"
    assert with_slope["layout"]["yaxis2"]["title"]["text"].startswith("Slope")
    page.toggle(key="curves.slope").set_value(False).run()


@pytest.mark.parametrize("overlay", list(lc.OVERLAYS))
def test_every_overlay_renders(page, overlay):
    page.segmented_control(key="curves.mode").set_value("overlay").run()
    page.selectbox(key="curves.overlay").set_value(overlay).run()
    assert_clean(page)
    spec = figure(page)
    assert len(spec["data"]) >= 4
    page.toggle(key="curves.slope").set_value(True).run()
    assert_clean(page)
    page.toggle(key="curves.slope").set_value(False)
    page.segmented_control(key="curves.mode").set_value("single").run()


def test_regression_overlay_draws_the_four_losses(page):
    page.segmented_control(key="curves.mode").set_value("overlay").run()
    page.selectbox(key="curves.overlay").set_value("regression").run()
    names = [d["name"] for d in figure(page)["data"]]
    assert names == ["Mean squared error", "Mean absolute error", "Huber δ = 1", "Log-cosh"]
    page.segmented_control(key="curves.mode").set_value("single").run()


def test_delta_slider_moves_the_huber_curve(page):
    page.selectbox(key="curves.view").set_value("huber").run()
    page.slider(key="curves.params.huber.delta").set_value(2.5).run()
    assert_clean(page)
    spec = figure(page)
    chosen = trace_named(spec, "Huber δ = 2.5")
    x, y = values(chosen["x"]), values(chosen["y"])
    # At error 4, outside δ: 2.5 · 4 - 0.5 · 2.5^2 = 6.875.
    assert y[np.argmin(np.abs(x - 4.0))] == pytest.approx(6.875, rel=1e-6)
    page.slider(key="curves.params.huber.delta").set_value(1.0).run()


def test_fixed_target_slider_moves_the_mape_curve(page):
    page.selectbox(key="curves.view").set_value("mean_absolute_percentage_error").run()
    page.slider(key="curves.targets.mean_absolute_percentage_error").set_value(4.0).run()
    assert_clean(page)
    curve = trace_named(figure(page), "y_true = 4")
    x, y = values(curve["x"]), values(curve["y"])
    assert y[np.argmin(np.abs(x - 4.0))] == pytest.approx(0.0, abs=1e-6)  # ŷ = y: no error
    assert y[np.argmin(np.abs(x - 6.0))] == pytest.approx(50.0, rel=1e-5)  # 100 · 2 / 4


def test_learner_points_appear_when_the_explainer_has_inputs():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**HINGE_LESSON)
    at.run()
    assert_clean(at)
    assert at.selectbox(key="curves.view").value == "hinge", "the page opens on the lesson's loss"
    spec = figure(at)
    points = trace_named(spec, "Your elements (4)")
    # Margins y'·ŷ with 0/1 labels converted to -1/1: -0.6, 0.4, -0.4, -0.6; hinge terms
    # 1 - m: 1.6, 0.6, 1.4, 1.6 (the explainer's seed numbers). Elements [0, 0] and [1, 1]
    # share (-0.6, 1.6): three markers, the shared one counted.
    np.testing.assert_allclose(values(points["x"]), [-0.6, 0.4, -0.4], rtol=1e-6)
    np.testing.assert_allclose(values(points["y"]), [1.6, 0.6, 1.4], rtol=1e-6)
    assert points["text"] == ["0,0 · 1,1", "0,1", "1,0"]
    shared = points["hovertext"][0].split("<br>")
    assert shared[0] == "2 elements here"
    assert shared[2:] == ["sample 0, j=0: y_true = 0, y_pred = 0.6",
                          "sample 1, j=1: y_true = 0, y_pred = 0.6"]
    assert points["hovertext"][1].split("<br>") == ["margin = 0.4 · term = 0.6",
                                                   "sample 0, j=1: y_true = 1, y_pred = 0.4"]
    assert points["marker"]["size"][0] > points["marker"]["size"][1], "a shared point is larger"
    counts = [(a["text"], a["x"], a["y"]) for a in spec["layout"]["annotations"] if a["text"].startswith("×")]
    assert counts == [("×2", pytest.approx(-0.6), pytest.approx(1.6))]
    assert any("your numbers from the explainer" in c.value for c in at.caption)


def test_learner_points_follow_the_page_parameters():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**{**HINGE_LESSON, "loss": "huber", "y_true": "[[0, 0]]",
                                  "y_pred": "[[0.5, 3]]", "params": {"delta": 1.0}})
    at.run()
    points = trace_named(figure(at), "Your elements (2)")
    # δ = 1: 0.5 · 0.5^2 = 0.125 inside; 1 · 3 - 0.5 = 2.5 outside.
    np.testing.assert_allclose(values(points["y"]), [0.125, 2.5], rtol=1e-6)
    at.slider(key="curves.param.huber.delta").set_value(4.0).run()
    points = trace_named(figure(at), "Your elements (2)")
    # δ = 4: both inside, 0.5 · 0.5^2 = 0.125 and 0.5 · 3^2 = 4.5.
    np.testing.assert_allclose(values(points["y"]), [0.125, 4.5], rtol=1e-6)


def test_learner_points_in_the_margin_overlay():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**HINGE_LESSON)
    at.run()
    at.segmented_control(key="curves.mode").set_value("overlay").run()
    at.selectbox(key="curves.overlay").set_value("regression").run()
    assert "Your elements (4)" not in [d["name"] for d in figure(at)["data"]], "hinge is not a regression loss"
    at.selectbox(key="curves.overlay").set_value("margin").run()
    assert_clean(at)
    points = trace_named(figure(at), "Your elements (4)")
    # The four hinge terms 1.6, 0.6, 1.4, 1.6: the two 1.6s (same margin -0.6) share a marker.
    np.testing.assert_allclose(values(points["y"]), [1.6, 0.6, 1.4], rtol=1e-6)


def test_learner_points_in_the_regression_overlay():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**{**HINGE_LESSON, "loss": "mean_absolute_error",
                                  "y_true": "[[0, 1]]", "y_pred": "[[2, -2]]"})
    at.run()
    at.segmented_control(key="curves.mode").set_value("overlay").run()
    at.selectbox(key="curves.overlay").set_value("regression").run()
    assert_clean(at)
    points = trace_named(figure(at), "Your elements (2)")
    # errors ŷ - y: 2 - 0 = 2 and -2 - 1 = -3; MAE terms |2| = 2 and |-3| = 3.
    np.testing.assert_allclose(values(points["x"]), [2, -3])
    np.testing.assert_allclose(values(points["y"]), [2, 3])


def test_lesson_parameters_start_the_sliders_once():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**{**HINGE_LESSON, "loss": "huber", "y_true": "[[0]]",
                                  "y_pred": "[[1]]", "params": {"delta": 2.0}})
    at.run()
    assert at.slider(key="curves.param.huber.delta").value == 2.0
    at.slider(key="curves.param.huber.delta").set_value(0.5).run()
    assert at.slider(key="curves.param.huber.delta").value == 0.5, "the same lesson does not reset it"


def test_lesson_for_another_loss_says_where_to_look():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**HINGE_LESSON)
    at.run()
    at.selectbox(key="curves.view").set_value("mean_squared_error").run()
    assert_clean(at)
    assert [d["name"] for d in figure(at)["data"]] == ["Mean squared error"]
    assert any("uses Hinge" in c.value for c in at.caption)


def test_bad_lesson_input_is_a_caption_not_an_exception():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**{**HINGE_LESSON, "y_pred": "[[0.6, abc]]"})
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1, "the curve still shows"
    assert any("cannot be drawn here" in c.value for c in at.caption)


def test_lesson_with_mismatched_shapes_still_shows_the_curve():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**{**HINGE_LESSON, "y_pred": "[[0.6, 0.4, 0.1]]"})
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert any("cannot be drawn here" in c.value for c in at.caption)


def test_deep_link_opens_a_loss_with_its_slope():
    at = new_page()
    at.query_params["loss"] = "mse"
    at.query_params["slope"] = "1"
    at.run()
    assert_clean(at)
    assert at.selectbox(key="curves.view").value == "mean_squared_error"
    assert "yaxis2" in figure(at)["layout"]


def test_deep_link_with_an_unknown_loss_opens_the_default_lesson_and_says_so():
    at = new_page()
    at.query_params["loss"] = "<script>"
    at.run()
    assert_clean(at)
    assert at.selectbox(key="curves.view").value == "hinge"  # the default lesson's loss
    (problem,) = link_problems(at)
    assert "<script>" in problem and "loss" in problem  # plain text, as typed


# ui/charts.py skips Plotly's validation for speed; these check the figures would pass it.


def validated(fig) -> None:
    import plotly.graph_objects as go

    go.Figure(fig.to_plotly_json())  # raises ValueError on any invalid property


@pytest.mark.parametrize(("framework", "name"), [(fw, n) for fw in losses.FRAMEWORKS for n in losses.names(fw)])
def test_figures_are_valid_plotly(framework, name):
    from ui import charts

    view = lc.loss_view(name, framework=framework)
    validated(charts.view_figure(view))
    validated(charts.view_figure(view, slope=True))
    example = losses.spec(name, framework).example
    extra = {k: v for k, v in example.items() if k not in ("y_true", "y_pred", "params")}
    trace = losses.compute(name, example["y_true"], example["y_pred"], framework=framework,
                           **extra, **example.get("params", {}))
    small = charts.learner_curve_figure(trace)
    if name in ("circle", "ctc"):
        assert small is None, "no one-dimensional place for these samples"
    else:
        validated(small)
        assert any(d.name.startswith(("Your elements", "Your samples")) for d in small.data)


@pytest.mark.parametrize("overlay", list(lc.OVERLAYS))
def test_overlay_figures_are_valid_plotly(overlay):
    from ui import charts

    view = lc.overlay_view(overlay)
    validated(charts.view_figure(view, slope=True))


# PyTorch: the page follows the lesson's framework, and its switch moves the lesson.

TORCH_LESSON = {
    # CrossEntropyLoss' example in the registry: class indices 1 and 2, the rows as logits.
    "framework": "pytorch", "loss": "CrossEntropyLoss", "y_true": "[1, 2]",
    "y_pred": "[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]", "sample_weight": "",
    "reduction": "mean", "dtype": "float32", "params": {},
}


@pytest.fixture(scope="module")
def torch_page() -> AppTest:
    at = new_page()
    at.session_state["lesson"] = new_lesson(**TORCH_LESSON)
    at.run()
    return at


def test_a_pytorch_lesson_opens_on_its_loss_with_its_samples(torch_page):
    assert_clean(torch_page)
    assert torch_page.segmented_control(key="curves.framework").value == "pytorch"
    assert torch_page.selectbox(key="curves.view").value == "CrossEntropyLoss"
    assert torch_page.selectbox(key="curves.view").options == lc.registered_views("pytorch")
    points = trace_named(figure(torch_page), "Your samples (2)")
    # softmax of [0.05, 0.95, 0] at class 1: e^0.95 / (e^0.05 + e^0.95 + e^0)
    # = 2.585710 / 4.636981 = 0.557628; of [0.1, 0.8, 0.1] at class 2: e^0.1 / (2 e^0.1 + e^0.8)
    # = 1.105171 / 4.435883 = 0.249143.
    np.testing.assert_allclose(values(points["x"]), [0.557628, 0.249143], atol=2e-6)
    # Their losses: -log 0.557628 = 0.584064 and -log 0.249143 = 1.389727.
    np.testing.assert_allclose(values(points["y"]), [0.584064, 1.389727], atol=2e-6)


@pytest.mark.parametrize("name", losses.names("pytorch"))
def test_every_pytorch_loss_renders_with_its_slope(torch_page, name):
    torch_page.selectbox(key="curves.view").set_value(name).run()
    assert_clean(torch_page)
    assert "yaxis2" not in figure(torch_page)["layout"]
    torch_page.toggle(key="curves.slope").set_value(True).run()
    assert_clean(torch_page)
    spec = figure(torch_page)
    assert spec["layout"]["yaxis2"]["title"]["text"].startswith("Slope")
    slopes = [values(d["y"]) for d in spec["data"] if d.get("yaxis") == "y2"]
    assert slopes and all(np.isfinite(s).mean() > 0.9 for s in slopes), "the engine's gradient is drawn"
    torch_page.toggle(key="curves.slope").set_value(False).run()


def test_the_framework_switch_moves_the_lesson_to_the_nearest_loss():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**HINGE_LESSON)
    at.run()
    at.segmented_control(key="curves.framework").set_value("pytorch").run()
    assert_clean(at)
    # hinge's nearest torch.nn loss (the registry's counterpart) is HingeEmbeddingLoss.
    assert at.selectbox(key="curves.view").value == lesson_loss(at) == "HingeEmbeddingLoss"
    # The hinge numbers still fit, so they stay: one curve per label they hold (1 and 0; torch
    # treats any label other than 1 and -1 as both), each element on its own.
    assert [d["name"] for d in figure(at)["data"]] == ["Your elements (4)", "y_true = 1", "y_true = 0"]
    at.segmented_control(key="curves.framework").set_value("keras").run()
    assert at.selectbox(key="curves.view").value == "hinge", "back to where the learner was"


def lesson_loss(at: AppTest) -> str:
    return at.session_state["lesson"]["loss"]


def test_deep_link_opens_a_pytorch_view_beside_a_pytorch_lesson():
    at = new_page()
    at.query_params.update({"framework": "pytorch", "loss": "MSELoss", "view": "SmoothL1Loss",
                            "view.beta": "0.5", "slope": "1"})
    at.run()
    assert_clean(at)
    assert at.segmented_control(key="curves.framework").value == "pytorch"
    assert at.selectbox(key="curves.view").value == "SmoothL1Loss"
    names = [d["name"] for d in figure(at)["data"] if d.get("yaxis") != "y2"]
    # β = 0.5 from the link, beside the sweep's other values 1 and 2.
    assert names == ["SmoothL1Loss β = 0.5", "SmoothL1Loss β = 1", "SmoothL1Loss β = 2"]
    assert any("uses MSELoss" in c.value for c in at.caption)


# The learner's points: shared places counted, the chart zoomed to them (issue 12).

MSE_LESSON = {
    **HINGE_LESSON, "loss": "mean_squared_error",
    # errors ŷ - y row by row: (1, 0), (1, 0), (0, -1); terms (1, 0), (1, 0), (0, 1).
    "y_true": "[[0, 1], [0, 0], [1, 1]]", "y_pred": "[[1, 1], [1, 0], [1, 0]]",
}
MSE_QUERY = {"loss": "mse", "y_true": MSE_LESSON["y_true"], "y_pred": MSE_LESSON["y_pred"]}


def share_link(at: AppTest) -> dict[str, str]:
    (url,) = [c.value for c in at.code if c.value.startswith("http")]
    return dict(parse_qsl(urlsplit(url).query))


def toggles(at: AppTest) -> list[str]:
    return [toggle.key for toggle in at.toggle]


def test_shared_points_are_counted_and_labelled():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**MSE_LESSON)
    at.run()
    assert_clean(at)
    spec = figure(at)
    points = trace_named(spec, "Your elements (6)")
    # Six elements at three places: error 1 twice, 0 three times, -1 once.
    np.testing.assert_allclose(values(points["x"]), [1, 0, -1])
    np.testing.assert_allclose(values(points["y"]), [1, 0, 1])
    assert points["text"] == ["0,0 · 1,0", "0,1 · 1,1 · 2,0", "2,1"]
    assert points["hovertext"][1].split("<br>") == [
        "3 elements here", "error = 0 · term = 0",
        "sample 0, j=1: y_true = 1, y_pred = 1", "sample 1, j=1: y_true = 0, y_pred = 0",
        "sample 2, j=0: y_true = 1, y_pred = 1"]
    counts = sorted(a["text"] for a in spec["layout"]["annotations"])
    assert counts == ["×2", "×3"]
    sizes = points["marker"]["size"]
    assert sizes[1] > sizes[0] > sizes[2], "three share a larger marker than two, one the base size"
    assert any("sample,j" in c.value and "×2" in c.value for c in at.caption), "how to read them"


def test_the_chart_zooms_to_the_learners_points_and_back():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**MSE_LESSON)
    at.run()
    assert at.toggle(key="curves.zoom").value is True, "zoomed by default when there are points"
    layout = figure(at)["layout"]
    # errors -1..1 padded by a quarter of their span 2 on each side; the parabola over
    # [-1.5, 1.5] runs from 0 to 1.5^2 = 2.25, padded by 8 % of 2.25 = 0.18.
    assert layout["xaxis"]["range"] == pytest.approx([-1.5, 1.5])
    assert layout["yaxis"]["range"] == pytest.approx([-0.18, 2.43], abs=1e-6)
    at.toggle(key="curves.zoom").set_value(False).run()
    assert_clean(at)
    layout = figure(at)["layout"]
    assert "range" not in layout["xaxis"] and "range" not in layout["yaxis"], "the whole curve"
    assert at.session_state["lesson"]["curves"]["zoom"] is False
    # The slope panel follows: the slope 2e over [-1.5, 1.5] runs from -3 to 3, padded by
    # 8 % of 6 = 0.48.
    at.toggle(key="curves.zoom").set_value(True)
    at.toggle(key="curves.slope").set_value(True).run()
    layout = figure(at)["layout"]
    assert layout["xaxis2"]["range"] == pytest.approx([-1.5, 1.5])
    assert layout["yaxis2"]["range"] == pytest.approx([-3.48, 3.48], abs=1e-5)


def test_no_zoom_switch_without_points():
    at = new_page()
    at.session_state["lesson"] = new_lesson(**MSE_LESSON)
    at.run()
    at.selectbox(key="curves.view").set_value("huber").run()
    assert "curves.zoom" not in toggles(at), "Huber is not the lesson's loss: no points to zoom to"
    assert "range" not in figure(at)["layout"]["xaxis"]


def test_the_zoom_survives_a_link():
    at = new_page()
    at.query_params.update(MSE_QUERY)
    at.run()
    assert_clean(at)
    assert "zoom" not in share_link(at), "zoomed is the default: the link does not say it"
    at.toggle(key="curves.zoom").set_value(False).run()
    shared = share_link(at)
    assert shared["zoom"] == "0"
    again = new_page()
    again.query_params.update(shared)
    again.run()
    assert_clean(again)
    assert again.toggle(key="curves.zoom").value is False
    assert "range" not in figure(again)["layout"]["xaxis"]


def test_a_bad_zoom_in_a_link_is_named():
    at = new_page()
    at.query_params.update({**MSE_QUERY, "zoom": "maybe"})
    at.run()
    assert_clean(at)
    (problem,) = link_problems(at)
    assert "zoom" in problem and "maybe" in problem
    assert at.toggle(key="curves.zoom").value is True


def test_points_and_zoom_in_chinese():
    at = new_page()
    at.query_params.update({**MSE_QUERY, "lang": "zh"})
    at.run()
    assert_clean(at)
    assert at.toggle(key="curves.zoom").label == "放大到你的点"
    spec = figure(at)
    points = trace_named(spec, "你的元素（6 个）")
    assert points["hovertext"][1].split("<br>")[:3] == [
        "此处有 3 个元素", "误差 = 0 · 项 = 0", "样本 0，j=1：y_true = 1，y_pred = 1"]
    assert spec["layout"]["yaxis"]["title"]["text"] == "每个元素的损失项"
    assert any("样本,j" in c.value for c in at.caption)


def test_a_hover_on_a_point_is_the_points_own():
    """Plotly's closest hover prefers a line's point within 3 px to a marker's centre, so the
    curve has no data under the markers (its line joins across, hidden by the marker)."""
    at = new_page()
    at.session_state["lesson"] = new_lesson(**MSE_LESSON)
    at.run()
    curve = trace_named(figure(at), "Mean squared error")
    x, y = values(curve["x"]), values(curve["y"])
    assert curve["connectgaps"] is True
    # The markers sit at errors 1, 0 and -1; far from them (error 0.5) the curve keeps its data.
    for at_point in (1.0, 0.0, -1.0):
        assert np.isnan(y[np.argmin(np.abs(x - at_point))]), at_point
    assert y[np.argmin(np.abs(x - 0.5))] == pytest.approx(0.25)  # 0.5^2
