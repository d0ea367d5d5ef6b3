"""Lessons in the URL: reading a link's values, round trips through the page, hostile links.

Expected numbers come from the Keras documentation or arithmetic a reader can redo by hand.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from pytest import approx
from streamlit.testing.v1 import AppTest

import losses
from losses.catalog import render_key
from tests.app.pagetools import link_problems, open_app, param_key, shown_value
from ui import lesson as links
from ui.arrays import format_array

HINGE = {"loss": "hinge", "y_true": "[[0,1],[0,0]]", "y_pred": "[[0.6,0.4],[0.4,0.6]]"}


def warnings(at: AppTest) -> list[str]:
    """The link's problems as a reader sees them: plain text, nothing escaped or parsed."""
    return link_problems(at)


# --- read_link, without a page ----------------------------------------------------------------

def test_a_plain_link_reads_back_as_given():
    link = links.read_link(HINGE)
    assert link.lesson == HINGE and link.params == {} and not link.problems


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [("huber", "0.5", {"delta": 0.5}),
     ("binary_crossentropy", "true", {"from_logits": True}),
     ("binary_crossentropy", "0", {"from_logits": False}),
     ("dice", "(1,2)", {"axis": (1, 2)}),
     ("dice", "none", {"axis": None}),
     ("cosine_similarity", "1", {"axis": 1})],
)
def test_parameters_are_read_in_their_widget_types(name, text, expected):
    param = next(iter(expected))
    link = links.read_link({"loss": name, param: text})
    assert link.params == expected and not link.problems


def test_pytorch_parameters_and_reductions():
    link = links.read_link({"framework": "pytorch", "loss": "CrossEntropyLoss",
                            "weight": "[1, 2, 3]", "reduction": "sum"})
    assert link.lesson == {"framework": "pytorch", "loss": "CrossEntropyLoss", "reduction": "sum"}
    assert link.params == {"weight": (1.0, 2.0, 3.0)}
    # "batchmean" is KLDivLoss's alone; Keras has no such reduction.
    assert links.read_link({"loss": "hinge", "reduction": "batchmean"}).problems[0].name == "reduction"


@pytest.mark.parametrize(
    ("query", "key", "name"),
    [({"loss": "no_such_loss"}, "link.unknown_loss", "loss"),
     ({"loss": "hinge", "y_true": "[[0, 1], [0, 0"}, "link.bad_array", "y_true"),
     ({"loss": "hinge", "y_pred": "nan"}, "link.bad_array", "y_pred"),
     ({"loss": "huber", "delta": "-1"}, "link.bad_param", "delta"),
     ({"loss": "huber", "delta": "__import__('os')"}, "link.bad_param", "delta"),
     ({"loss": "hinge", "reduction": "average"}, "link.unknown_value", "reduction"),
     ({"loss": "hinge", "dtype": "float16"}, "link.unknown_value", "dtype"),
     ({"loss": "hinge", "framework": "tensorflow"}, "link.unknown_value", "framework"),
     ({"loss": "hinge", "lang": "fr"}, "link.unknown_value", "lang"),
     ({"loss": "hinge", "delta": "2"}, "link.unknown_key", "delta"),
     # A valid integer the axis widget offers no choice for: said, not dropped.
     ({"loss": "cosine_similarity", "axis": "5"}, "link.not_a_choice", "axis"),
     ({"framework": "pytorch", "loss": "MSELoss", "sample_weight": "[1, 0]"}, "link.torch_no_weight",
      "sample_weight"),
     ({"loss": "hinge", "y_true": "1," * 600_000}, "link.too_long", "y_true")],
)
def test_every_unusable_value_is_a_problem(query, key, name):
    problems = links.read_link(query).problems
    assert [(p.key, p.name) for p in problems] == [(key, name)]
    # A problem quotes at most a short prefix of what the link held.
    for lang in ("en", "zh"):
        assert len(render_key(problems[0].key, problems[0].params, lang)) < 400


def test_an_unknown_loss_drops_the_whole_lesson():
    link = links.read_link({"loss": "nope", "y_true": "[1]", "y_pred": "[2]", "lang": "zh"})
    assert link.lesson == {} and link.lang == "zh"


def test_lesson_query_round_trips_through_read_link():
    lesson = {"framework": "keras", "loss": "huber", "y_true": "[[1, 2]]", "y_pred": "[[1.5, 4]]",
              "sample_weight": "[2]", "reduction": "sum", "dtype": "float64", "params": {"delta": 0.25}}
    query = links.lesson_query(lesson, lang="zh", present=True)
    link = links.read_link(query)
    assert not link.problems
    # framework "keras" is the default and stays out of the link.
    assert link.lesson == {k: v for k, v in lesson.items() if k not in ("params", "framework")}
    assert link.params == {"delta": 0.25} and link.lang == "zh" and link.present is True


@pytest.mark.parametrize(
    ("framework", "name", "params"),
    [("keras", "dice", {"axis": (1, 2)}), ("keras", "categorical_focal_crossentropy",
                                           {"alpha": 0.5, "gamma": 3.0, "from_logits": True}),
     ("pytorch", "CrossEntropyLoss", {"weight": (1.0, 2.5, 3.0), "ignore_index": 1}),
     ("pytorch", "PoissonNLLLoss", {"log_input": False, "eps": 1e-7})],
)
def test_parameters_round_trip_through_a_link(framework, name, params):
    lesson = {"framework": framework, "loss": name, "y_true": "[1]", "y_pred": "[1]", "params": params}
    link = links.read_link(links.lesson_query(lesson))
    assert not link.problems and link.params == params


def test_defaults_stay_out_of_a_link():
    query = links.lesson_query({"loss": "hinge", "y_true": "[1]", "y_pred": "[1]", "sample_weight": "",
                                "reduction": "sum_over_batch_size", "dtype": "float32", "params": {}})
    assert query == {"loss": "hinge", "y_true": "[1]", "y_pred": "[1]"}


# --- the page ---------------------------------------------------------------------------------

def test_the_issue_link_opens_the_seed_example():
    # /?loss=hinge&y_true=[[0,1],[0,0]]&y_pred=[[0.6,0.4],[0.4,0.6]]: Keras' Hinge docs, 1.3.
    at = open_app(HINGE)
    assert shown_value(at) == approx(1.3)
    assert not warnings(at)


def test_a_link_sets_loss_parameters_reduction_and_weights():
    # Huber, delta 0.5, on errors 0.6, 0.6 / 0.4, 0.6 (the hinge seed read as regression):
    # 0.6 > 0.5 gives 0.5 * 0.6 - 0.125 = 0.175; 0.4 gives 0.4^2 / 2 = 0.08. Per sample
    # (0.175 + 0.175) / 2 = 0.175 and (0.08 + 0.175) / 2 = 0.1275; weights [1, 3] and "sum":
    # 0.175 + 3 * 0.1275 = 0.5575.
    at = open_app({**HINGE, "loss": "huber", "delta": "0.5", "sample_weight": "[1, 3]",
                    "reduction": "sum"})
    assert at.number_input(key=param_key(at, "delta")).value == 0.5
    assert at.selectbox(key="explainer.reduction").value == "sum"
    assert shown_value(at) == approx(0.5575, rel=1e-6)


def test_the_page_writes_its_lesson_back_into_the_url():
    at = open_app(HINGE)
    at.text_area(key="explainer.sample_weight").input("[1, 0]").run()
    # Keras' default divides by both samples, weight 0 included: (1.1 * 1 + 1.5 * 0) / 2 = 0.55.
    assert shown_value(at) == approx(0.55)
    assert at.query_params["sample_weight"] == "[1, 0]"
    reopened = open_app(dict(at.query_params))
    assert shown_value(reopened) == approx(0.55)


def test_the_share_box_holds_the_current_link():
    at = open_app({**HINGE, "sample_weight": "[1, 0]"})
    url = next(c.value for c in at.code if "loss=hinge" in c.value)
    query = dict(parse_qsl(urlsplit(url).query))
    assert query == {**HINGE, "sample_weight": "[1, 0]"}


@pytest.mark.parametrize(
    "query",
    [{"loss": "<script>alert(1)</script>"},
     {"loss": "hinge", "y_true": "**bold** [x](javascript:alert(1))"},
     {"loss": "hinge", "y_true": "[" * 5000},
     # Over Loss Lab's 100,000 characters; Streamlit itself drops a whole query string past
     # 524,288 characters before the page runs, which opens the default lesson.
     {"loss": "hinge", "y_pred": "9" * 300_000},
     {"loss": "huber", "delta": "1e999"},
     {"loss": "categorical_focal_crossentropy", "gamma": "-3", "alpha": "x"},
     {"loss": "hinge", "present": "maybe", "lang": "<b>"}],
)
def test_hostile_links_get_a_message_and_defaults(query):
    at = open_app(query)
    assert warnings(at), "every unusable value is reported"
    assert not at.error, "the fallback lesson itself computes"
    for raw in warnings(at):
        # Plain text (st.text is never parsed as Markdown or HTML); a long value is quoted by a
        # short prefix only.
        assert len(raw) < 600
    # No link text goes through Markdown: no warning box quotes a value of the link (the
    # page's own warnings, such as a learning step's, may be there).
    quoted = [v[:40] for v in query.values() if len(v) >= 2]
    assert not [w.value for w in at.warning if any(v in w.value for v in quoted)], \
        "no link text goes through Markdown"
    assert at.metric, "the page still shows a loss"


def test_unreadable_arrays_fall_back_to_the_loss_example():
    at = open_app({"loss": "categorical_crossentropy", "y_true": "[[0, 1, 0], [0, 0",
                    "y_pred": "[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]"})
    assert any("y_true" in w for w in warnings(at))
    example = losses.spec("categorical_crossentropy").example
    assert at.text_area(key="explainer.y_true").value == format_array(example["y_true"])
    assert at.text_area(key="explainer.y_pred").value == format_array(example["y_pred"])
    assert not at.error
    at.button(key="link_dismiss").click().run()
    assert not warnings(at)


def test_lang_and_present_come_from_the_link():
    at = open_app({**HINGE, "present": "1", "lang": "zh"})
    assert at.session_state["lang"] == "zh"
    assert at.session_state["lesson"]["present"] is True
    assert at.query_params["present"] == "1"


def test_a_lesson_too_long_for_a_link_says_so_and_leaves_the_address_bare():
    at = open_app(HINGE)
    big = "\n".join("0.5 0.5" for _ in range(1200))  # 8,399 characters, over the 8,000 of a link
    at.text_area(key="explainer.y_true").input(big)
    at.text_area(key="explainer.y_pred").input(big).run()
    assert not at.exception
    assert not dict(at.query_params)
    assert any("too long for a link" in c.value for c in at.caption)
