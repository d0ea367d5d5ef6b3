"""The explainer's views: step by step, on the curve, the gradient, a step of learning (issue 14).

Only the open tab is drawn; which one is open belongs to the lesson, so it survives a language
switch, a visit to another page and a shared link. AppTest cannot click a tab (the lesson is set
instead); tests/e2e/test_explainer.py clicks them in Chromium.
"""

import json

import pytest

from streamlit.testing.v1 import AppTest

from tests.app.pagetools import APP, open_app, open_tab, open_tab_name, shown_value
from tests.app.test_lesson import SCRIPTS, switch_language, switch_page
from ui import i18n, lesson

HINGE = {"loss": "hinge", "y_true": "[[0, 1], [0, 0]]", "y_pred": "[[0.6, 0.4], [0.4, 0.6]]"}
# What heads each view, in each language: only the open view's heading is on the page.
HEADERS = {"steps": "trace.header", "curve": "trace.chart", "gradient": "grad.header",
           "learn": "learn.header"}


@pytest.fixture(autouse=True)
def _no_run_language():
    yield
    i18n._run.lang = None


def headers(at) -> set[str]:
    return {s.value for s in at.subheader}


def assert_only(at, tab: str, lang: str = "en") -> None:
    shown = headers(at)
    for name, key in HEADERS.items():
        assert (i18n.TEXT[lang][key] in shown) == (name == tab), (tab, shown)
    assert open_tab_name(at) == tab


def test_a_new_visit_opens_the_steps_and_draws_nothing_else():
    at = open_app(HINGE)
    assert_only(at, "steps")
    assert shown_value(at) == pytest.approx(1.3)  # Keras' Hinge docs
    assert "tab" not in at.query_params  # the default view needs no word in the link
    # The tabs are labelled in the page's language, in the order of EXPLAINER_TABS.
    labels = [tab.label for tab in at.tabs if tab.label in lesson.tab_labels().values()]
    assert labels == list(lesson.tab_labels().values())


@pytest.mark.parametrize("tab", lesson.EXPLAINER_TABS)
def test_a_link_opens_its_view_and_the_share_link_keeps_it(tab):
    at = open_app({**HINGE, "tab": tab})
    assert_only(at, tab)
    assert shown_value(at) == pytest.approx(1.3)
    if tab == "steps":
        assert "tab" not in at.query_params
    else:
        assert at.query_params["tab"] == tab


def test_a_bad_tab_in_a_link_says_which_setting_and_what_it_may_be():
    at = open_app({**HINGE, "tab": "gradients"})
    problems = [element.value for element in at.text]
    assert any("tab" in p and "gradients" in p and "steps, curve, gradient, learn" in p for p in problems), problems
    assert_only(at, "steps")
    assert shown_value(at) == pytest.approx(1.3)


def test_a_learning_link_without_a_tab_opens_the_learning_view():
    at = open_app({**HINGE, "lr": "0.5"})
    assert_only(at, "learn")
    assert at.query_params["tab"] == "learn"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_open_view_survives_a_language_switch_and_a_page_visit(lang):
    other = "en" if lang == "zh" else "zh"
    at = open_app({**HINGE, "lang": other})
    i18n._run.lang = other
    open_tab(at, "gradient")
    assert_only(at, "gradient", other)
    switch_language(at, "explainer", lang)
    assert_only(at, "gradient", lang)
    switch_page(at, "curves")
    switch_page(at, "explainer")
    assert_only(at, "gradient", lang)
    # An edit after all that still updates the value, in the view that is open.
    at.text_area(key="explainer.y_pred").input("[[0.6, 0.4], [0.4, 0.5]]").run()
    # By hand: sample 1's terms become 1.4 and 1.5, its loss 1.45; (1.1 + 1.45) / 2 = 1.275.
    assert shown_value(at) == pytest.approx(1.275)
    assert_only(at, "gradient", lang)


def test_a_learning_preset_opens_the_learning_view_and_the_tutorial_gradient_chapter_the_gradient():
    from ui import presets

    at = open_app()
    at.pills(key=presets.pills_key("learning")).set_value("learn_bce").run()
    assert_only(at, "learn")
    # The tutorial's gradient chapter, opened in the explainer, continues in the gradient view.
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["chapter"] = "gradient"
    at.switch_page(SCRIPTS["tutorial"]).run()
    at.button(key="tutorial.open_explainer").click().run()
    assert open_tab_name(at) == "gradient"


def test_the_curve_view_draws_the_chart_only_while_open():
    at = open_app(HINGE)
    assert not at.get("plotly_chart")  # the steps view sends no figure (and no Plotly bundle)
    open_tab(at, "curve")
    assert_only(at, "curve")
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    names = [d.get("name") for d in spec["data"]]
    assert any(str(n).startswith("Your elements") for n in names), names
    # The page link to the Curves page stays with the chart.
    assert any("Curves" in link.proto.page for link in at.get("page_link"))


def test_a_loss_without_a_one_variable_curve_says_so_in_the_curve_view():
    # Keras' circle loss: each sample's loss depends on the whole batch, no point on a curve.
    at = open_app({"tab": "curve", "loss": "circle"})
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("no curve of one variable" in i.value for i in at.info), [i.value for i in at.info]
