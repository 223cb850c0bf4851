#!/usr/bin/env python3
"""scikit-learn twin of `mtl4j bench classical`: MultiTaskLasso on a shared-X problem, time to tolerance.

Objective (scikit-learn's): (1 / (2 n)) ||Y - X W||_F^2 + alpha ||W||_{2,1}, no intercept. scikit-learn stops when
its duality gap (of the problem multiplied by n) is <= tol * ||Y||_F^2; mtl4j solves the same problem (its L21 with
lambda = n * alpha) and stops on the same duality gap, so both times are "time to the same certificate".

The data are generated from SplitMix64 streams so the Java side (io.mtl4j.cli.bench.ClassicalBench) builds exactly
the same X, W_true and Y without reading a file:
  X[i, j]      = sqrt(3) * (2 u - 1), u from stream (seed, 0)  -> zero mean, unit variance
  W_true[j, t] = (2 u - 1) for j < support, 0 otherwise, u from stream (seed, 1)
  Y            = X W_true + noise * sqrt(3) * (2 u - 1), u from stream (seed, 2)
  alpha        = alpha_ratio * max_j ||X[:, j]^T Y||_2 / n

Run with Debian's python3-sklearn: /usr/bin/python3 bench/python/multitask_lasso.py [--n 20000 --d 500 --t 20]
Prints one line of key=value pairs (seconds, iterations, objective, gap) and, with --save, the solution."""
import argparse
import json
import os
import time

import numpy as np

GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def splitmix_uniform(seed, stream, count):
    """count doubles in [0, 1) from SplitMix64 started at seed + stream * 2^32 (the Java side mirrors this)."""
    with np.errstate(over="ignore"):
        base = np.uint64((seed + (stream << 32)) & 0xFFFFFFFFFFFFFFFF)
        z = base + np.arange(1, count + 1, dtype=np.uint64) * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)


def problem(n, d, t, support, noise, seed):
    x = (np.sqrt(3.0) * (2.0 * splitmix_uniform(seed, 0, n * d) - 1.0)).reshape(n, d)
    w = (2.0 * splitmix_uniform(seed, 1, d * t) - 1.0).reshape(d, t)
    w[support:, :] = 0.0
    e = (noise * np.sqrt(3.0) * (2.0 * splitmix_uniform(seed, 2, n * t) - 1.0)).reshape(n, t)
    return np.asfortranarray(x), x @ w + e


def objective(x, y, w, alpha):
    n = x.shape[0]
    r = y - x @ w
    return 0.5 / n * np.sum(r * r) + alpha * np.sum(np.sqrt(np.sum(w * w, axis=1)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--d", type=int, default=500)
    ap.add_argument("--t", type=int, default=20)
    ap.add_argument("--support", type=int, default=50)
    ap.add_argument("--noise", type=float, default=1.0)
    ap.add_argument("--alpha-ratio", type=float, default=0.1)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--save", help="write the solution W (d x t) as JSON here")
    a = ap.parse_args()

    import sklearn
    from sklearn.linear_model import MultiTaskLasso

    x, y = problem(a.n, a.d, a.t, a.support, a.noise, a.seed)
    alpha = a.alpha_ratio * np.max(np.linalg.norm(x.T @ y, axis=1)) / a.n
    best = None
    for _ in range(a.repeats):
        model = MultiTaskLasso(alpha=alpha, fit_intercept=False, tol=a.tol, max_iter=100000)
        t0 = time.perf_counter()
        model.fit(x, y)
        sec = time.perf_counter() - t0
        best = sec if best is None else min(best, sec)
    w = model.coef_.T
    rows = int(np.sum(np.linalg.norm(w, axis=1) > 0))
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"sklearn={sklearn.__version__} n={a.n} d={a.d} t={a.t} alpha={alpha:.6g} tol={a.tol} "
          f"seconds={best:.4f} iterations={model.n_iter_} objective={objective(x, y, w, alpha):.10g} "
          f"gap={float(model.dual_gap_):.6g} selected_rows={rows} blas_threads={threads}")
    if a.save:
        with open(a.save, "w") as f:
            json.dump({"alpha": alpha, "w": w.tolist()}, f)


if __name__ == "__main__":
    main()
