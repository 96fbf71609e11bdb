#!/usr/bin/env python3
"""How often intervals that are exact by construction meet issue #18's coverage goal (80 % and 95 % within +-5
points per frequency group), measured as bench/accuracy measures it: the public set's groups, each series' folds
(count x step) and horizon as run 13's backtests took them, the hits pooled over the group's checked values.

Two error models bound what a forecaster's errors do: a random walk forecast by its last value (the h-step errors of
one fold share every shock, as a level shift does) with its exact intervals, and white noise around a known mean
(every value independent, the least a group's hits can be correlated). Prints, per group and level, the share of
simulated runs within +-5 points and the standard deviation of the pooled coverage, then the share of runs in which
every group meets both levels. Usage: coverage_noise.py [runs] [seed]."""
import sys

import numpy as np

# group -> [(folds, step, horizon)], from bench/RESULTS.md run 13's per-series table
GROUPS = {
    "yearly": [(10, 5, 6), (10, 6, 6), (10, 1, 6), (10, 6, 6), (10, 6, 6), (10, 6, 6), (10, 6, 6)],
    "quarterly": [(10, 9, 8)] * 4 + [(6, 1, 8)],
    "monthly": [(10, 1, 18), (10, 19, 18), (10, 1, 18), (10, 19, 18), (10, 19, 18), (10, 19, 18)],
    "weekly": [(10, 13, 13)],
    "daily": [(10, 11, 14), (10, 14, 14), (10, 14, 14)],
    "other": [(10, 6, 20), (10, 8, 12)],
}
LEVELS = {80: 1.2815515655446004, 95: 1.959963984540054}


def hits(rng, folds, step, horizon, model):
    """Per level, the hits of the exact intervals over one series' folds."""
    length = (folds - 1) * step + horizon + 1
    shocks = rng.standard_normal(length)
    counts = {level: 0 for level in LEVELS}
    for f in range(folds):
        origin = f * step
        if model == "random walk":
            # the forecast is the value at the origin; the k-step error is the sum of the k shocks after it
            errors = np.cumsum(shocks[origin + 1:origin + 1 + horizon])
            spread = np.sqrt(np.arange(1, horizon + 1))
        else:
            errors = shocks[origin + 1:origin + 1 + horizon]
            spread = np.ones(horizon)
        for level, z in LEVELS.items():
            counts[level] += int(np.sum(np.abs(errors) <= z * spread))
    return counts


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 18)
    for model in ("random walk", "white noise"):
        coverage = {(g, level): [] for g in GROUPS for level in LEVELS}
        for _ in range(runs):
            for group, series in GROUPS.items():
                totals = {level: 0 for level in LEVELS}
                values = 0
                for folds, step, horizon in series:
                    for level, count in hits(rng, folds, step, horizon, model).items():
                        totals[level] += count
                    values += folds * horizon
                for level in LEVELS:
                    coverage[(group, level)].append(100.0 * totals[level] / values)
        print(f"{model}, {runs} runs")
        every = np.ones(runs, dtype=bool)
        for group in GROUPS:
            cells = []
            for level in LEVELS:
                c = np.array(coverage[(group, level)])
                within = np.abs(c - level) <= 5
                every &= within
                cells.append(f"{level} %: within +-5 in {100 * within.mean():.0f} % of runs, sd {c.std():.1f}")
            print(f"  {group:9s} " + "; ".join(cells))
        print(f"  every group, both levels: {100 * every.mean():.1f} % of runs")


if __name__ == "__main__":
    main()
