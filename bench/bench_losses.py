"""Time losses.compute against the raw numpy expression and Keras 3, in one process.

Prints medians and ratios; asserts nothing. Run with the runtime environment, or with the oracle
environment to include Keras on its numpy backend:

    python bench/bench_losses.py
    KERAS_BACKEND=numpy .venv-oracle/bin/python bench/bench_losses.py

``--part gradient`` times what the gradient (issue 11) costs: compute() with and without its
backward pass against a hand-written numpy forward + gradient, and, with the oracle environment
on the JAX backend, against ``jax.jit(jax.value_and_grad(...))`` of the Keras loss:

    python bench/bench_losses.py --part gradient
    KERAS_BACKEND=jax .venv-oracle/bin/python bench/bench_losses.py --part gradient
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("KERAS_BACKEND", "numpy")

import losses  # noqa: E402


def _raw_mse(y_true, y_pred):
    return np.mean(np.mean(np.square(y_true - y_pred), axis=-1))


def _raw_cce(y_true, y_pred):
    p = y_pred / np.sum(y_pred, axis=-1, keepdims=True)
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.mean(-np.sum(y_true * np.log(p), axis=-1))


def _raw_cosine(y_true, y_pred):
    t = y_true / np.sqrt(np.maximum(np.sum(np.square(y_true), axis=-1, keepdims=True), 1e-14))
    p = y_pred / np.sqrt(np.maximum(np.sum(np.square(y_pred), axis=-1, keepdims=True), 1e-14))
    return np.mean(-np.sum(t * p, axis=-1))


CASES = {
    "mean_squared_error": (_raw_mse, "MeanSquaredError"),
    "categorical_crossentropy": (_raw_cce, "CategoricalCrossentropy"),
    "cosine_similarity": (_raw_cosine, "CosineSimilarity"),
}


def _inputs(name: str, n: int, rng: np.random.Generator):
    if name == "categorical_crossentropy":
        y_true = np.eye(10, dtype=np.float32)[rng.integers(0, 10, n)]
        y_pred = rng.random((n, 10), dtype=np.float32) + np.float32(0.01)
        return y_true, y_pred
    return rng.standard_normal((n, 10), dtype=np.float32), rng.standard_normal((n, 10), dtype=np.float32)


def _median_seconds(fn, repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Forward + gradient written by hand, vectorised, for the Keras default reduction
# ("sum_over_batch_size": the mean over the N samples). Each returns (value, dL/dy_pred).

def _raw_mse_grad(y_true, y_pred):
    # L = 1/(N C) sum (y_pred - y)^2, so dL/dy_pred = 2 (y_pred - y) / (N C).
    diff = y_pred - y_true
    value = np.mean(np.square(diff))
    return value, diff * np.float32(2.0 / diff.size)


def _raw_cce_grad(y_true, y_pred):
    # p = y_pred / s (s the row sum), q = clip(p), L = -1/N sum y log q.
    # dL/dq = -y / (N q); the clip passes it where eps < p < 1 - eps; through the
    # renormalisation dL/dy_pred_j = (g_j - sum_k g_k p_k) / s.
    total = np.sum(y_pred, axis=-1, keepdims=True)
    p = y_pred / total
    q = np.clip(p, 1e-7, 1 - 1e-7)
    value = -np.sum(y_true * np.log(q)) / len(y_pred)
    g = (-y_true / q) * np.float32(1.0 / len(y_pred))
    g *= (p > 1e-7) & (p < 1 - 1e-7)
    grad = (g - np.sum(g * p, axis=-1, keepdims=True)) / total
    return value, grad


def _raw_cosine_grad(y_true, y_pred):
    # L = -1/N sum <t, p/|p|> with t = y_true/|y_true|: dL/dp = -(t - c p/|p|) / (N |p|),
    # c = <t, p/|p|> (the floor on |p|^2 is never reached by these inputs).
    t = y_true / np.sqrt(np.maximum(np.sum(np.square(y_true), axis=-1, keepdims=True), 1e-14))
    norm = np.sqrt(np.maximum(np.sum(np.square(y_pred), axis=-1, keepdims=True), 1e-14))
    u = y_pred / norm
    c = np.sum(t * u, axis=-1, keepdims=True)
    value = -np.mean(c)
    return value, -(t - c * u) / (norm * np.float32(len(y_pred)))


GRADIENT_CASES = {
    "mean_squared_error": _raw_mse_grad,
    "categorical_crossentropy": _raw_cce_grad,
    "cosine_similarity": _raw_cosine_grad,
}


class _NoBackward:
    """compute() with its backward pass switched off: the forward pass alone, as before issue 11."""

    def __enter__(self):
        self.module = sys.modules["losses.compute"]
        self.saved = self.module.backpropagate
        self.module.backpropagate = lambda *args, **kwargs: None
        return self

    def __exit__(self, *exc):
        self.module.backpropagate = self.saved


def _jax_gradient(keras, keras_class: str, y_true, y_pred):
    """A jitted jax.value_and_grad of the Keras loss, warmed up; None off the JAX backend."""
    if keras is None or keras.backend.backend() != "jax":
        return None
    import jax

    loss = getattr(keras.losses, keras_class)()
    step = jax.jit(jax.value_and_grad(lambda p, t: loss(t, p)))
    t, p = jax.device_put(y_true), jax.device_put(y_pred)

    def run():
        value, grad = step(p, t)
        grad.block_until_ready()
        return value, grad

    for _ in range(3):
        run()
    return run


def gradient_main(keras, sizes: list[int], repeats: int) -> None:
    backend = keras.backend.backend() if keras else "not installed"
    print(f"\nThe gradient (issue 11): median of {repeats} runs; N x 10 float32, Keras' default "
          f"reduction; ratio = time / hand-written numpy forward + gradient; keras {backend}")
    header = (f"{'loss':<26}{'samples':>9}{'numpy f+g':>11}{'compute f':>11}{'compute f+g':>13}"
              f"{'ratio':>7}{'grad adds':>11}{'jax jit f+g':>13}{'ratio':>7}")
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(0)
    for name, raw in GRADIENT_CASES.items():
        params = {"axis": -1} if name == "cosine_similarity" else {}
        probe = losses.compute(name, *_inputs(name, 4, rng), **params)
        if probe.gradient is None:
            print(f"{name:<26}skipped: no backward pass on this branch yet")
            continue
        for n in sizes:
            y_true, y_pred = _inputs(name, n, rng)
            value, grad = raw(y_true, y_pred)
            trace = losses.compute(name, y_true, y_pred, **params)
            assert np.isclose(trace.value, value, rtol=1e-4), (name, trace.value, value)
            assert np.allclose(trace.gradient, grad, rtol=1e-3, atol=1e-12), name
            t_raw = _median_seconds(lambda: raw(y_true, y_pred), repeats)
            t_full = _median_seconds(lambda: losses.compute(name, y_true, y_pred, **params), repeats)
            with _NoBackward():
                t_forward = _median_seconds(lambda: losses.compute(name, y_true, y_pred, **params),
                                            repeats)
            row = (f"{name:<26}{n:>9}{t_raw * 1e3:>9.1f}ms{t_forward * 1e3:>9.1f}ms"
                   f"{t_full * 1e3:>11.1f}ms{t_full / t_raw:>7.2f}{(t_full - t_forward) * 1e3:>9.1f}ms")
            jax_run = _jax_gradient(keras, CASES[name][1], y_true, y_pred)
            if jax_run is not None:
                jax_value, jax_grad = jax_run()
                assert np.allclose(np.asarray(jax_grad), trace.gradient, rtol=1e-3, atol=1e-12), name
                t_jax = _median_seconds(jax_run, repeats)
                row += f"{t_jax * 1e3:>11.1f}ms{t_jax / t_raw:>7.2f}"
            print(row)


def _keras():
    try:
        import keras
    except ImportError:
        return None
    return keras


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--part", choices=("forward", "gradient", "all"), default="forward")
    parser.add_argument("--gradient-sizes", default="100000,1000000")
    parser.add_argument("--gradient-repeats", type=int, default=5)
    args = parser.parse_args()
    keras = _keras()
    if args.part in ("gradient", "all"):
        gradient_main(keras, [int(s) for s in args.gradient_sizes.split(",")], args.gradient_repeats)
    if args.part == "gradient":
        return
    backend = keras.backend.backend() if keras else "not installed"
    print(f"numpy {np.__version__}; keras {getattr(keras, '__version__', '-')} ({backend} backend)")
    print(f"median of {args.repeats} runs; ratio = time / raw numpy time\n")
    header = f"{'loss':<26}{'samples':>9}{'raw ms':>9}{'compute ms':>12}{'ratio':>7}{'keras ms':>10}{'ratio':>7}"
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(0)
    for name, (raw, keras_class) in CASES.items():
        for n in (int(s) for s in args.sizes.split(",")):
            y_true, y_pred = _inputs(name, n, rng)
            params = {"axis": -1} if name == "cosine_similarity" else {}
            expected = raw(y_true, y_pred)
            got = losses.compute(name, y_true, y_pred, **params).value
            assert np.isclose(got, expected, rtol=1e-4), (name, got, expected)
            t_raw = _median_seconds(lambda: raw(y_true, y_pred), args.repeats)
            t_ours = _median_seconds(lambda: losses.compute(name, y_true, y_pred, **params), args.repeats)
            row = f"{name:<26}{n:>9}{t_raw * 1e3:>9.2f}{t_ours * 1e3:>12.2f}{t_ours / t_raw:>7.2f}"
            if keras is not None:
                loss = getattr(keras.losses, keras_class)()
                t_keras = _median_seconds(lambda: loss(y_true, y_pred), args.repeats)
                row += f"{t_keras * 1e3:>10.2f}{t_keras / t_raw:>7.2f}"
            print(row)


if __name__ == "__main__":
    main()
