"""Time losses.compute against the raw numpy expression and Keras 3, in one process.

Prints medians and ratios; asserts nothing. Run with the runtime environment, or with the oracle
environment to include Keras on its numpy backend:

    python bench/bench_losses.py
    KERAS_BACKEND=numpy .venv-oracle/bin/python bench/bench_losses.py
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
    args = parser.parse_args()
    keras = _keras()
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
