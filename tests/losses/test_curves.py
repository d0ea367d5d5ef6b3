"""The curves page's numbers: curve values are losses.compute's, slopes are its gradient along
each path, and both frameworks' losses have them.

The slopes come from the engine's backward pass (Trace.gradient times the path's direction
d y_pred / dx), so the finite-difference tests below test the engine's gradient along each path.
Finite differences use float64 and a central step h = 1e-6 (1 + |x|): truncation error is
O(h^2 f''') and rounding error O(eps / h) ~ 1e-10, so slopes must agree within
rtol 1e-5 + atol 1e-5. Points within 1e-3 of a kink or clipping bound are skipped, where the
derivative jumps and a central difference straddles the jump.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import losses
from losses import curves as lc

FD_RTOL = 1e-5
FD_ATOL = 1e-5
# Losses Keras computes in float32 whatever the dtype: their float64 curves are float32 numbers.
COMPUTED_IN_FLOAT32 = {"ctc"}
KINK_GAP = 1e-3

FRAMEWORK = {name: fw for fw in losses.FRAMEWORKS for name in losses.names(fw)}
ALL = list(FRAMEWORK)  # Keras' function names and torch's class names never clash

# Parameter sets beyond the defaults that change a curve's formula, per loss.
VARIANTS: dict[str, list[dict]] = {
    "huber": [{"delta": 0.5}, {"delta": 2.5}],
    "binary_crossentropy": [{"label_smoothing": 0.2}, {"from_logits": True},
                            {"from_logits": True, "label_smoothing": 0.1}],
    "binary_focal_crossentropy": [
        {"gamma": 0.0}, {"gamma": 0.5}, {"gamma": 3.0, "apply_class_balancing": True, "alpha": 0.3},
        {"label_smoothing": 0.2}, {"from_logits": True}, {"from_logits": True, "gamma": 1.0},
    ],
    "categorical_crossentropy": [{"label_smoothing": 0.1}, {"from_logits": True}],
    "sparse_categorical_crossentropy": [{"from_logits": True}],
    "categorical_focal_crossentropy": [{"gamma": 0.0}, {"gamma": 1.5, "alpha": 0.5},
                                       {"label_smoothing": 0.2}, {"from_logits": True}],
    "categorical_generalized_cross_entropy": [{"q": 0.2}, {"q": 0.9}],
    "tversky": [{"alpha": 0.3, "beta": 0.7}, {"alpha": 1.5, "beta": 0.2}],
    "circle": [{"margin": 0.25, "gamma": 32.0}],
    "HuberLoss": [{"delta": 2.5}],
    "SmoothL1Loss": [{"beta": 0.3}, {"beta": 0.0}],
    "CrossEntropyLoss": [{"label_smoothing": 0.2}],
    "KLDivLoss": [{"log_target": True}],
    "PoissonNLLLoss": [{"log_input": False}, {"full": True}],
    "HingeEmbeddingLoss": [{"margin": 2.0}],
    "MultiMarginLoss": [{"p": 2}, {"margin": 0.5}],
    "CosineEmbeddingLoss": [{"margin": 0.5}],
    "MarginRankingLoss": [{"margin": 0.5}],
}
TARGET_VARIANTS = {
    "mean_squared_logarithmic_error": [(0.0,), (1.0, 7.0)],
    "mean_absolute_percentage_error": [(-3.0,), (0.5, 4.0)],
    "poisson": [(0.0,), (1.0, 6.0)],
    "kl_divergence": [(0.05,), (0.5, 0.9)],
    "PoissonNLLLoss": [(0.0,), (1.0, 6.0)],
    "KLDivLoss": [(0.05,), (0.5, 0.9)],
}


def cases():
    for name in ALL:
        yield pytest.param(name, {}, None, id=f"{name}-default")
        for i, params in enumerate(VARIANTS.get(name, [])):
            yield pytest.param(name, params, None, id=f"{name}-params{i}")
        for i, targets in enumerate(TARGET_VARIANTS.get(name, [])):
            yield pytest.param(name, {}, targets, id=f"{name}-targets{i}")


def sample_points(path: lc.Path, axis: str, count: int = 25) -> np.ndarray:
    """Interior grid points away from kinks, clipping bounds and the edges of probabilities."""
    x = path.grid[np.linspace(1, len(path.grid) - 2, count).astype(int)]
    keep = np.ones(len(x), dtype=bool)
    for kink in path.kinks:
        keep &= np.abs(x - kink) > KINK_GAP
    if axis in ("probability", "p_true", "p_class1", "p_element", "coverage"):
        keep &= (x > 1e-3) & (x < 1 - 1e-3)
    return x[keep]


# Every registered loss has a curve and a slope curve.


@pytest.mark.parametrize("name", ALL)
def test_every_registered_loss_has_a_curve_and_a_slope(name):
    view = lc.loss_view(name, framework=FRAMEWORK[name])
    assert view.axis in lc.AXES
    drawn = [c for c in view.curves if c.key != "zero_one"]
    assert drawn, f"{name} has no curve"
    for curve in drawn:
        assert curve.x.shape == curve.y.shape == curve.slope.shape
        assert len(curve.x) >= 50
        assert np.all(np.diff(curve.x) > 0), "x must increase"
        assert np.isfinite(curve.y).all()
        assert np.isfinite(curve.slope).mean() > 0.95


@pytest.mark.parametrize("framework", losses.FRAMEWORKS)
def test_every_registered_loss_is_offered(framework):
    assert lc.registered_views(framework) == losses.names(framework)


# Curve values are losses.compute's own numbers.


@pytest.mark.parametrize(("name", "params", "targets"), list(cases()))
def test_curve_values_equal_compute_one_sample_at_a_time(name, params, targets):
    """The curve is one batched compute; each sampled point must equal a compute of that sample
    alone, so batching the grid changes nothing."""
    found, _ = lc.paths(name, params, targets=targets, framework=FRAMEWORK[name])
    for path in found:
        curve = lc._curve(path, "float32")
        for i in np.linspace(0, len(curve.x) - 1, 9).astype(int):
            alone = lc.evaluate(path, "float32", curve.x[i : i + 1])
            assert alone[0] == pytest.approx(curve.y[i], rel=1e-6, abs=1e-7), (path.key, curve.x[i])


HAND = [
    # (loss, params, curve key, x, expected, where the number comes from)
    ("mean_squared_error", {}, "mean_squared_error", 2.0, 4.0, "error 2: 2^2 = 4"),
    ("mean_squared_error", {}, "mean_squared_error", -3.0, 9.0, "(-3)^2 = 9"),
    ("mean_absolute_error", {}, "mean_absolute_error", -3.0, 3.0, "|-3| = 3"),
    ("huber", {"delta": 1.0}, "delta", 0.5, 0.125, "inside δ: 0.5 · 0.5^2 = 0.125"),
    ("huber", {"delta": 1.0}, "delta", 2.0, 1.5, "outside δ: 1 · 2 - 0.5 · 1^2 = 1.5"),
    ("log_cosh", {}, "log_cosh", 0.0, 0.0, "log cosh 0 = log 1 = 0"),
    ("log_cosh", {}, "log_cosh", 4.0, math.log(math.cosh(4.0)), "log(cosh 4) = 3.3071"),
    ("mean_absolute_percentage_error", {}, "target=2", 3.0, 50.0, "100 · |2 - 3| / 2 = 50"),
    ("mean_squared_logarithmic_error", {}, "target=3", 3.0, 0.0, "prediction = target: (log 4 - log 4)^2 = 0"),
    ("hinge", {}, "hinge", 0.0, 1.0, "max(0, 1 - 0) = 1"),
    ("hinge", {}, "hinge", -1.0, 2.0, "max(0, 1 - (-1)) = 2"),
    ("hinge", {}, "hinge", 2.0, 0.0, "max(0, 1 - 2) = 0"),
    ("squared_hinge", {}, "squared_hinge", -1.0, 4.0, "max(0, 1 - (-1))^2 = 4"),
    ("categorical_hinge", {}, "categorical_hinge", 0.5, 0.5, "max(0, 0 - 0.5 + 1) = 0.5"),
    ("cosine_similarity", {}, "cosine_similarity", 0.0, -1.0, "-cos 0 = -1"),
    ("cosine_similarity", {}, "cosine_similarity", math.pi, 1.0, "-cos π = 1"),
    ("dice", {}, "same", 0.5, 0.5, "1 - 2 · 0.5 / (1 + 1) = 0.5"),
    ("dice", {}, "inside", 0.5, 1.0 / 3.0, "1 - 2 · 0.5 / (1 + 0.5) = 1/3"),
    ("dice", {}, "double", 0.0, 1.0, "no overlap: 1 - 0 = 1"),
    ("tversky", {}, "same", 0.5, 0.5, "1 - 0.5 / (0.5 + 0.5 · 0.5 + 0.5 · 0.5) = 0.5"),
    ("ctc", {}, "steps=1", 0.5, math.log(2.0), "one step: -log 0.5 = 0.6931"),
    ("ctc", {}, "steps=3", 0.5, -math.log(6 * 0.125), "three steps: P = (3 + 2 + 1) · 0.5^3 = 0.75"),
    ("binary_crossentropy", {}, "y=1", 0.5, math.log(2.0), "-log 0.5 = 0.6931"),
    ("binary_crossentropy", {}, "y=0", 0.25, -math.log(0.75), "-log(1 - 0.25) = 0.2877"),
    ("binary_focal_crossentropy", {"gamma": 2.0}, "y=1", 0.5, 0.25 * math.log(2.0),
     "(1 - 0.5)^2 · (-log 0.5) = 0.1733"),
    ("categorical_crossentropy", {}, "categorical_crossentropy", 0.5, math.log(2.0), "-log 0.5"),
    ("sparse_categorical_crossentropy", {}, "sparse_categorical_crossentropy", 0.25,
     math.log(4.0), "-log 0.25 = 1.3863"),
    ("categorical_focal_crossentropy", {}, "categorical_focal_crossentropy", 0.5,
     0.25 * 0.25 * math.log(2.0), "α (1 - p)^γ (-log p) = 0.25 · 0.5^2 · 0.6931"),
    ("categorical_generalized_cross_entropy", {"q": 0.5}, "categorical_generalized_cross_entropy",
     0.25, 1.0, "(1 - 0.25^0.5) / 0.5 = 1"),
    ("kl_divergence", {}, "target=0.3", 0.3, 0.0, "KL of a distribution with itself is 0"),
    ("kl_divergence", {}, "target=0.3", 0.5, 0.3 * math.log(0.6) + 0.7 * math.log(1.4),
     "0.3 log(0.3/0.5) + 0.7 log(0.7/0.5) = 0.0823"),
    ("poisson", {}, "target=3", 3.0, 3.0 - 3.0 * math.log(3.0), "λ - k log λ = 3 - 3 log 3 = -0.2958"),
    # PyTorch (torch.nn docs' formulas)
    ("MSELoss", {}, "MSELoss", 2.0, 4.0, "error 2: 2^2 = 4"),
    ("L1Loss", {}, "L1Loss", -3.0, 3.0, "|-3| = 3"),
    ("HuberLoss", {"delta": 1.0}, "delta", 2.0, 1.5, "outside δ: 1 · (2 - 0.5 · 1) = 1.5"),
    ("SmoothL1Loss", {"beta": 1.0}, "beta", 0.5, 0.125, "inside β: 0.5 · 0.5^2 / 1 = 0.125"),
    ("SmoothL1Loss", {"beta": 1.0}, "beta", 2.0, 1.5, "outside β: 2 - 0.5 · 1 = 1.5"),
    ("BCELoss", {}, "y=1", 0.5, math.log(2.0), "-log 0.5 = 0.6931"),
    ("BCELoss", {}, "y=1", 0.0, 100.0, "log 0 clamped at -100: -(-100) = 100"),
    ("BCEWithLogitsLoss", {}, "y=1", 0.0, math.log(2.0), "-log σ(0) = log 2"),
    ("CrossEntropyLoss", {}, "CrossEntropyLoss", 0.25, math.log(4.0), "-log 0.25 = 1.3863"),
    ("NLLLoss", {}, "NLLLoss", 0.5, math.log(2.0), "-(log 0.5) = 0.6931"),
    ("KLDivLoss", {}, "target=0.3", 0.5, 0.3 * math.log(0.6), "0.3 (log 0.3 - log 0.5) = -0.1532"),
    ("PoissonNLLLoss", {}, "target=3", 3.0, 3.0 - 3.0 * math.log(3.0), "e^(log 3) - 3 log 3 = -0.2958"),
    ("HingeEmbeddingLoss", {}, "y=1", 0.7, 0.7, "y = 1: the distance, 0.7"),
    ("HingeEmbeddingLoss", {}, "y=-1", 0.25, 0.75, "y = -1: max(0, 1 - 0.25) = 0.75"),
    ("SoftMarginLoss", {}, "SoftMarginLoss", 0.0, math.log(2.0), "log(1 + e^0) = log 2"),
    ("MultiMarginLoss", {}, "MultiMarginLoss", 0.5, 0.25, "(1/2) max(0, 1 - 0.5 + 0) = 0.25"),
    ("CosineEmbeddingLoss", {}, "y=1", math.pi / 2, 1.0, "1 - cos(π/2) = 1"),
    ("CosineEmbeddingLoss", {}, "y=-1", 0.0, 1.0, "max(0, cos 0 - 0) = 1"),
    ("MarginRankingLoss", {}, "MarginRankingLoss", -1.0, 1.0, "max(0, -(-1 - 0) + 0) = 1"),
]


@pytest.mark.parametrize(("name", "params", "key", "x", "expected", "source"), HAND,
                         ids=[f"{h[0]}:{h[5]}" for h in HAND])
def test_curve_matches_hand_arithmetic(name, params, key, x, expected, source):
    found, _ = lc.paths(name, params, framework=FRAMEWORK[name])
    path = next(p for p in found if p.key == key)
    value = lc.evaluate(path, "float64", np.array([x]))[0]
    assert value == pytest.approx(expected, rel=1e-6, abs=1e-9), source


def test_binary_crossentropy_caps_are_the_clipping_bound():
    view = lc.loss_view("binary_crossentropy", dtype="float32")
    caps = {level.key: level.y for level in view.levels}
    # -log(1e-7) = 16.1181: p = 0 is clipped up to 1e-7.
    assert caps["curves.level.cap_y1"] == pytest.approx(-math.log(1e-7), rel=1e-6)
    # float32(1 - 1e-7) = 0.99999988, so 1 - p = 1.1920929e-7 and -log of it is 15.9424.
    assert caps["curves.level.cap_y0"] == pytest.approx(-math.log(1.1920929e-7), rel=1e-6)
    assert view.curve("y=1").y.max() == pytest.approx(16.118, abs=1e-3)


def test_binary_crossentropy_caps_agree_in_float64():
    view = lc.loss_view("binary_crossentropy", dtype="float64")
    assert [level.key for level in view.levels] == ["curves.level.cap_both"]
    assert view.levels[0].y == pytest.approx(-math.log(1e-7), rel=1e-6)


def test_from_logits_draws_against_the_logit_without_a_cap():
    view = lc.loss_view("binary_crossentropy", {"from_logits": True})
    assert view.axis == "logit" and view.levels == ()
    # y = 1 at logit 0: -log sigmoid(0) = log 2.
    curve = view.curve("y=1")
    assert curve.y[np.argmin(np.abs(curve.x))] == pytest.approx(math.log(2.0), rel=1e-6)


# Slopes are derivatives of compute, checked by central finite differences in float64.


@pytest.mark.parametrize(("name", "params", "targets"), list(cases()))
def test_slopes_match_finite_differences(name, params, targets):
    found, extra = lc.paths(name, params, dtype="float64", targets=targets, framework=FRAMEWORK[name])
    axis = extra.get("axis", "error")
    for path in found:
        x = sample_points(path, axis)
        assert len(x) >= 10, path.key
        analytic = lc.slope(path, "float64", x)
        if name in COMPUTED_IN_FLOAT32:
            # Keras computes CTC in float32 even for float64 (losses/sequence.py), so its curve
            # has float32 noise (6e-8 relative): a wider five-point stencil, float32's bound.
            h = 1e-3 * (1.0 + np.abs(x))
            f = lambda dx: lc.evaluate(path, "float64", x + dx)  # noqa: E731
            numeric = (f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h)
            np.testing.assert_allclose(analytic, numeric, rtol=1e-3, atol=1e-3,
                                       err_msg=f"{name} {params} {path.key}")
            continue
        h = 1e-6 * (1.0 + np.abs(x))
        numeric = (lc.evaluate(path, "float64", x + h) - lc.evaluate(path, "float64", x - h)) / (2 * h)
        np.testing.assert_allclose(analytic, numeric, rtol=FD_RTOL, atol=FD_ATOL,
                                   err_msg=f"{name} {params} {path.key}")


@pytest.mark.parametrize(("name", "params", "targets"), list(cases()))
def test_paths_hold_y_true_and_give_their_direction(name, params, targets):
    """The chain rule along a path needs d y_pred / dx: an undeclared direction is
    batch(x + 1) - batch(x), exact only for a path affine in x, so those must be affine (half a
    step moves half as far, from anywhere); a declared one must be the path's own derivative.
    No path may move y_true, whose gradient the engine does not give."""
    found, _ = lc.paths(name, params, targets=targets, framework=FRAMEWORK[name])
    for path in found:
        xs = np.quantile(path.grid, np.linspace(0.1, 0.9, 7))  # inside, away from log 0
        for x in (xs if path.batched else xs[:, None]):
            x = np.atleast_1d(x)
            # A small step: log-probability paths curve fast near p = 1e-4 (error ~ (h / p)^2).
            h = 1e-8 * (1.0 + np.abs(x))
            (t0, p0), (t1, p1), (t2, p2) = path.batch(x - h), path.batch(x), path.batch(x + h)
            assert np.array_equal(t0, t1) and np.array_equal(t1, t2), path.key
            shape = (-1,) + (1,) * (np.ndim(p1) - 1)
            numeric = (np.asarray(p2) - np.asarray(p0)) / (2 * h.reshape(shape))
            if path.direction is None:
                half = (np.asarray(path.batch(x + 0.5)[1]) - np.asarray(p1)) * 2.0
                whole = np.asarray(path.batch(x + 1.0)[1]) - np.asarray(p1)
                np.testing.assert_allclose(half, whole, rtol=1e-9, atol=1e-9, err_msg=path.key)
                np.testing.assert_allclose(whole, numeric, rtol=1e-6, atol=1e-6, err_msg=path.key)
            else:
                declared = np.asarray(path.direction(x))
                finite = np.isfinite(declared)
                np.testing.assert_allclose(declared[finite], numeric[finite], rtol=1e-5, atol=1e-4,
                                           err_msg=path.key)


@pytest.mark.parametrize("overlay", list(lc.OVERLAYS))
def test_overlay_slopes_match_finite_differences(overlay):
    view = lc.overlay_view(overlay, dtype="float64")
    for curve in view.curves:
        if curve.key == "zero_one":
            continue
        inner = curve.x[10:-10:7]
        inner = inner[np.abs(inner - 1.0) > KINK_GAP]  # the hinge's kink at margin 1
        inner = inner[(np.abs(inner) > KINK_GAP) & (inner > 1e-3) | (view.axis != "probability")]
        slope = np.interp(inner, curve.x, curve.slope)
        dense = np.gradient(curve.y, curve.x)
        numeric = np.interp(inner, curve.x, dense)
        # np.gradient on the view's own grid: a coarser check than the paths test above, which
        # uses the exact paths; here the point is that overlays carry the same slopes.
        np.testing.assert_allclose(slope, numeric, rtol=0.05, atol=0.05, err_msg=curve.key)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(["mean_squared_error", "mean_absolute_error", "huber", "log_cosh"]),
    x=st.floats(min_value=-50.0, max_value=50.0, allow_nan=False),
    delta=st.floats(min_value=0.1, max_value=5.0),
)
def test_error_slopes_anywhere(name, x, delta):
    params = {"delta": delta} if name == "huber" else {}
    path = lc.paths(name, params, dtype="float64")[0][-1]
    if any(abs(x - k) < KINK_GAP for k in (0.0, delta, -delta)):
        return
    h = 1e-6 * (1.0 + abs(x))
    values = lc.evaluate(path, "float64", np.array([x - h, x + h]))
    numeric = (values[1] - values[0]) / (2 * h)
    assert lc.slope(path, "float64", np.array([x]))[0] == pytest.approx(numeric, rel=FD_RTOL, abs=FD_ATOL)


# Overlays.


def test_regression_overlay_has_the_four_losses_on_the_error_axis():
    view = lc.overlay_view("regression")
    assert view.axis == "error"
    assert [c.key for c in view.curves] == list(lc.OVERLAYS["regression"])
    mse = view.curve("mean_squared_error")
    assert mse.y[np.argmin(np.abs(mse.x - 2.0))] == pytest.approx(4.0)  # 2^2


def test_margin_overlay_logistic_passes_through_one_at_margin_zero():
    view = lc.overlay_view("margin")
    assert [c.key for c in view.curves] == ["zero_one", "hinge", "squared_hinge", "logistic"]
    logistic = view.curve("logistic")
    # log(1 + e^0) / ln 2 = ln 2 / ln 2 = 1.
    assert logistic.y[np.argmin(np.abs(logistic.x))] == pytest.approx(1.0, rel=1e-6)
    zero_one = view.curve("zero_one")
    assert list(zero_one.y) == [1.0, 1.0, 0.0, 0.0]


def test_focal_overlay_gamma_zero_is_crossentropy():
    view = lc.overlay_view("focal")
    plain = view.curve("gamma=0")
    i = np.argmin(np.abs(plain.x - 0.5))
    assert plain.y[i] == pytest.approx(math.log(2.0), rel=1e-5)  # -log 0.5


# A learner's numbers as points on the view.


def test_hinge_seed_example_points_are_the_explainer_terms():
    # Keras' Hinge docstring: terms 1.6, 0.6, 1.4, 1.6 at margins -0.6, 0.4, -0.4, -0.6.
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    view = lc.learner_view(trace)
    assert view.axis == "margin" and view.quantity == "term"
    np.testing.assert_allclose(view.points.x, [-0.6, 0.4, -0.4, -0.6], rtol=1e-6)
    np.testing.assert_allclose(view.points.y, [1.6, 0.6, 1.4, 1.6], rtol=1e-6)
    assert view.points.y_true == ("0", "1", "0", "0")
    assert view.points.y_pred == ("0.6", "0.4", "0.4", "0.6")
    assert set(view.points.curve) == {"hinge"}


def test_mse_points_sit_at_their_error():
    trace = losses.compute("mse", [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]])
    view = lc.learner_view(trace)
    # errors ŷ - y: 1, 0, 1, 0; squared: 1, 0, 1, 0.
    np.testing.assert_allclose(view.points.x, [1, 0, 1, 0])
    np.testing.assert_allclose(view.points.y, [1, 0, 1, 0])


def test_points_outside_the_default_range_widen_the_view():
    trace = losses.compute("mae", [[0.0]], [[9.0]])
    view = lc.learner_view(trace)
    assert view.curves[0].x.max() >= 9.0


@pytest.mark.parametrize("name", ALL)
def test_learner_points_lie_on_their_curves(name):
    framework = FRAMEWORK[name]
    example = losses.spec(name, framework).example
    trace = losses.compute(name, example["y_true"], example["y_pred"], reduction="none",
                           framework=framework, **example.get("params", {}))
    view = lc.learner_view(trace)
    if name in ("circle", "ctc"):
        assert view is None
        return
    points = view.points
    assert len(points.x) == len(points.y) == len(points.y_true) == len(points.index) > 0
    for x, y, key in zip(points.x, points.y, points.curve):
        if not key:
            continue
        curve = view.curve(key)
        assert curve.x.min() <= x <= curve.x.max(), (key, x)
        assert np.interp(x, curve.x, curve.y) == pytest.approx(y, rel=2e-2, abs=2e-2), (key, x, y)


def test_kl_divergence_with_three_classes_uses_the_term_view():
    trace = losses.compute("kld", [[0.2, 0.3, 0.5]], [[0.1, 0.6, 0.3]])
    view = lc.learner_view(trace)
    assert view.axis == "p_element" and view.quantity == "term"
    # term y log(y / p) for the first element: 0.2 log 2 = 0.1386.
    assert view.points.y[0] == pytest.approx(0.2 * math.log(2.0), rel=1e-5)


def test_a_big_batch_places_only_the_first_points():
    rng = np.random.default_rng(0)
    y_pred = rng.normal(size=(1000, 10))
    trace = losses.compute("mse", np.zeros((1000, 10)), y_pred, reduction="none")
    view = lc.learner_view(trace)
    assert len(view.points.x) == lc.MAX_POINTS and view.points.total == 10_000
    # Row-major order: the first points are row 0's ten elements.
    np.testing.assert_allclose(view.points.x[:10], y_pred[0].astype(np.float32), rtol=1e-6)
    assert view.points.index[10] == "[1, 0]"


# Points that share a place, and the view framed on the points.


def test_distinct_errors_are_distinct_spots():
    trace = losses.compute("mse", [[1, 2], [3, 4]], [[1.5, 2], [2, 7]])
    points = lc.learner_view(trace).points
    # errors ŷ - y: 1.5 - 1 = 0.5, 2 - 2 = 0, 2 - 3 = -1, 7 - 4 = 3; terms 0.25, 0, 1, 9.
    spots = lc.spots(points)
    assert [(s.x, s.y) for s in spots] == [(0.5, 0.25), (0.0, 0.0), (-1.0, 1.0), (3.0, 9.0)]
    assert [s.count for s in spots] == [1, 1, 1, 1]
    assert points.position == ((0, 0), (0, 1), (1, 0), (1, 1))


def test_repeated_errors_share_a_spot_with_their_count():
    trace = losses.compute("mse", [[0, 1], [0, 0], [1, 1]], [[1, 1], [1, 0], [1, 0]])
    points = lc.learner_view(trace).points
    # errors row by row: (1, 0), (1, 0), (0, -1). Error 1 (term 1) at elements 0 and 2, error 0
    # at elements 1, 3 and 4, error -1 (term 1 too, but another x) at element 5.
    spots = lc.spots(points)
    assert [(s.x, s.y, s.members) for s in spots] == [
        (1.0, 1.0, (0, 2)), (0.0, 0.0, (1, 3, 4)), (-1.0, 1.0, (5,))]
    assert [s.count for s in spots] == [2, 3, 1]
    assert [points.position[i] for i in spots[1].members] == [(0, 1), (1, 1), (2, 0)]


def test_the_hinge_seed_example_has_two_elements_at_one_place():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    # margins -0.6, 0.4, -0.4, -0.6: elements [0, 0] and [1, 1] both have term 1 + 0.6 = 1.6.
    spots = lc.spots(lc.learner_view(trace).points)
    assert [s.members for s in spots] == [(0, 3), (1,), (2,)]


def test_spots_compare_six_significant_digits():
    # 0.5 and 0.5 + 1e-12 agree to 6 digits; 0.5 + 1e-6 = 0.500001 does not.
    x = np.array([0.5, 0.5 + 1e-12, 0.5 + 1e-6])
    points = lc.Points(x, np.zeros(3), ("",) * 3, ("[0]", "[1]", "[2]"), ("0",) * 3, ("0",) * 3,
                       "sample", total=3, position=((0,), (1,), (2,)))
    assert [s.members for s in lc.spots(points)] == [(0, 1), (2,)]


def test_errors_that_differ_only_by_float32_rounding_share_a_spot():
    # In float32, 2.4 - 3 = -0.59999990 and 0.4 - 1 = -0.60000002: one unit apart in the 7th
    # digit, the same error -0.6 (and term 0.36) to a reader.
    trace = losses.compute("mse", [[3.0, 1.0]], [[2.4, 0.4]])
    points = lc.learner_view(trace).points
    assert points.x[0] != points.x[1]
    (spot,) = lc.spots(points)
    assert spot.members == (0, 1) and spot.x == pytest.approx(-0.6) and spot.y == pytest.approx(0.36)


def test_zoom_frames_points_in_minus_one_to_one():
    trace = losses.compute("mse", [[0, 1], [0, 0], [1, 1]], [[1, 1], [1, 0], [1, 0]])
    view = lc.learner_view(trace)
    # The whole view spans errors -4..4 and terms 0..16.
    assert view.curves[0].x.min() == -4.0 and view.curves[0].y.max() == 16.0
    zoomed = lc.zoom(view)
    # errors -1..1 (the minimum 0 among them), padded by a quarter of the span 2 on each side.
    assert zoomed.x_range == pytest.approx((-1.5, 1.5))
    # the parabola over [-1.5, 1.5] runs from 0 to 1.5^2 = 2.25, padded by 8 % of 2.25 = 0.18.
    assert zoomed.y_range == pytest.approx((-0.18, 2.43), abs=1e-6)


def test_zoom_keeps_the_hinge_corner_in_sight():
    trace = losses.compute("hinge", [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    zoomed = lc.zoom(lc.learner_view(trace))
    # margins -0.6..0.4 and the corner at 1 (where the loss reaches its minimum 0): span 1.6,
    # padded by 0.25 · 1.6 = 0.4 on each side.
    assert zoomed.x_range == pytest.approx((-1.0, 1.4), abs=1e-6)
    # hinge values over [-1, 1.4]: 1 - (-1) = 2 down to 0, padded by 8 % of 2.
    assert zoomed.y_range == pytest.approx((-0.16, 2.16), abs=1e-6)


def test_zoom_of_perfect_predictions_still_shows_the_bowl():
    trace = losses.compute("mse", [[1.0, 2.0]], [[1.0, 2.0]])
    zoomed = lc.zoom(lc.learner_view(trace))
    # every error 0: the narrowest zoom, a fifth of the whole width 8 (1.6), padded by 0.4 each side.
    assert zoomed.x_range == pytest.approx((-1.2, 1.2))
    assert zoomed.y_range[1] > 1.0  # 1.2^2 = 1.44 at the edges: the parabola's bend is drawn


def test_zoom_caps_a_climb_to_the_clipping_bound():
    # y = 1 at p = 0.05 and 0.9: losses -log 0.05 = 2.996 and -log 0.9 = 0.105. The zoom reaches
    # from p = 0 (padded past 0.05) to 1, where the curve climbs to the cap 16.1; above the
    # curve's bottom (~0 at p = 1) it shows three times the highest point, 3 · 2.996 = 8.987,
    # padded by 8 %: 8.987 · 1.08 = 9.706.
    trace = losses.compute("binary_crossentropy", [[1.0], [1.0]], [[0.05], [0.9]])
    zoomed = lc.zoom(lc.learner_view(trace))
    assert zoomed.x_range == pytest.approx((0.0, 1.0))
    assert zoomed.y_range[1] == pytest.approx(3 * -math.log(0.05) * 1.08, rel=1e-5)


def test_zoom_to_points_near_one_shows_the_curve_down_to_its_minimum():
    # p = 0.5 and 0.9 for y = 1, the minimum at p = 1: span 0.5, padded by 0.125 each side and
    # cut at p = 1. The curve there is below 3 · 0.693: no cap. Its top is at the first grid
    # point inside (the grid steps by 0.005): between -log 0.38 = 0.968 and -log 0.375 = 0.981,
    # padded by 8 %.
    trace = losses.compute("binary_crossentropy", [[1.0], [1.0]], [[0.5], [0.9]])
    zoomed = lc.zoom(lc.learner_view(trace))
    assert zoomed.x_range == pytest.approx((0.375, 1.0), abs=1e-6)
    assert -math.log(0.38) * 1.08 - 1e-6 <= zoomed.y_range[1] <= -math.log(0.375) * 1.08 + 1e-6


def test_a_view_without_points_is_not_zoomed():
    view = lc.loss_view("mean_squared_error")
    assert lc.zoom(view) is view


@pytest.mark.parametrize("name", [n for n in ALL if n not in ("circle", "ctc")])
def test_zoom_contains_every_point(name):
    framework = FRAMEWORK[name]
    example = losses.spec(name, framework).example
    trace = losses.compute(name, example["y_true"], example["y_pred"], reduction="none",
                           framework=framework, **example.get("params", {}))
    view = lc.learner_view(trace)
    zoomed = lc.zoom(view)
    x, y = view.points.x, view.points.y
    keep = np.isfinite(x) & np.isfinite(y)
    low, high = zoomed.x_range
    assert np.all((x[keep] >= low - 1e-9) & (x[keep] <= high + 1e-9)), (name, zoomed.x_range)
    bottom, top = zoomed.y_range
    assert np.all((y[keep] >= bottom) & (y[keep] <= top)), (name, zoomed.y_range)
    assert bottom < top and low < high


@pytest.mark.parametrize("name", [n for n in ALL if n not in ("circle", "ctc")])
def test_one_name_for_the_y_axis_with_or_without_points(name):
    """An element-wise curve draws one element's term whether or not the learner's elements are
    on it; a row-wise one a sample's loss."""
    framework = FRAMEWORK[name]
    example = losses.spec(name, framework).example
    trace = losses.compute(name, example["y_true"], example["y_pred"], reduction="none",
                           framework=framework, **example.get("params", {}))
    placed = lc.learner_view(trace)
    assert placed.quantity == ("term" if placed.points.kind == "term" else "loss"), name
    alone = lc.loss_view(name, framework=framework)
    if placed.axis == alone.axis:  # the same view (not a logit view drawn as probabilities)
        assert alone.quantity == placed.quantity, name
