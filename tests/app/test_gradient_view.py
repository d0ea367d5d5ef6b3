"""The explainer's "What the model learns" section, in both languages (issue 11)."""

import pytest

from tests.app.pagetools import open_app


def _texts(at):
    return [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]


def test_the_hinge_example_shows_what_the_model_learns():
    # Keras docs hinge batch; its gradient is -y'/4 by hand (tests/losses/test_gradient.py).
    at = open_app({"tab": "gradient", "loss": "hinge", "y_true": "[[0, 1], [0, 0]]", "y_pred": "[[0.6, 0.4], [0.4, 0.6]]"})
    texts = _texts(at)
    assert "What the model learns" in texts
    assert any("The gradient\\: what the model receives" in t for t in texts)
    latex = [e.value for e in at.latex]
    assert any(r"\frac{\partial L}{\partial \hat{y}}" in v for v in latex)
    # the divisor note: sum_over_batch_size divides by N = 2
    assert any("divides the sum by 2" in i.value for i in at.info)


def test_the_gradient_section_in_chinese():
    at = open_app({"tab": "gradient", "loss": "mse", "lang": "zh"})
    assert "模型学到了什么" in _texts(at), [s.value for s in at.subheader] + [e.value for e in at.error]


@pytest.mark.parametrize("framework", ["keras", "pytorch"])
def test_every_loss_example_shows_what_the_model_learns(framework):
    import losses

    at = None
    for name in losses.names(framework):
        at = open_app({"tab": "gradient", "framework": framework, "loss": name})
        texts = _texts(at)
        assert "What the model learns" in texts, (name, [e.value for e in at.error])
        assert not at.exception, name


def test_cross_entropy_shows_the_clip_and_the_renormalisation_in_both_languages():
    # The tutorial's batch: y_pred [[0.05, 0.95, 0], ...]: the third class's 0 is clipped.
    lesson = {"loss": "categorical_crossentropy", "y_true": "[[0, 1, 0], [0, 0, 1]]",
              "y_pred": "[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]"}
    at = open_app({**lesson, "tab": "gradient"})
    texts = _texts(at)
    assert any("a clipped probability passes no gradient back" in t for t in texts), texts
    assert any("every prediction in a row gets a gradient" in i.value for i in at.info)
    at = open_app({**lesson, "tab": "gradient", "lang": "zh"})
    assert any("被截断的概率不回传梯度" in t for t in _texts(at))
