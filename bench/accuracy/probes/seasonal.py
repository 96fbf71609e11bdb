# Short seasonal series in the manner of M4's shortest monthly and quarterly ones (at least 42 and 16 values before
# the holdout): monthly 60-108 values (18 held out), quarterly 24-56 (8 held out), of five kinds: a local level with
# an additive season, a log trend with a multiplicative season (the airline's shape), a damped trend with a season, a
# season around a level with AR(1) noise, and a season that drifts from cycle to cycle (bench/RESULTS.md, "Short
# seasonal series").  /usr/bin/python3 seasonal.py <seed> <count> <folder>; used: seeds 51 and 52, 30 each.
import numpy as np, sys
from probeset import ProbeSet
seed = int(sys.argv[1]); count = int(sys.argv[2]); out = sys.argv[3]
rng = np.random.default_rng(seed)
probes = ProbeSet(out)
kinds = ["level", "airline", "damped", "ar1", "drifting"]
for i in range(count):
    kind = kinds[i % len(kinds)]
    monthly = (i // len(kinds)) % 2 == 0
    m, h = (12, 18) if monthly else (4, 8)
    n = int(rng.integers(60, 109)) if monthly else int(rng.integers(24, 57))
    level = 1000 * np.exp(rng.uniform(0, 3))
    amp = rng.uniform(0.05, 0.3)
    shape = rng.normal(0, 1, m)
    shape = amp * (shape - shape.mean()) / np.abs(shape).max()
    t = np.arange(n)
    noise = rng.uniform(0.02, 0.08)
    if kind == "level":
        y = level * (1 + np.cumsum(rng.normal(0, noise / 2, n)) + shape[t % m] + rng.normal(0, noise, n))
    elif kind == "airline":
        y = level * np.exp(rng.uniform(0, 0.01) * t + np.cumsum(rng.normal(0, noise / 2, n)) + shape[t % m]
                           + rng.normal(0, noise / 2, n))
    elif kind == "damped":
        phi = rng.uniform(0.9, 0.98); slope = level * rng.uniform(0.005, 0.03); l = level; y = np.empty(n)
        for k in range(n):
            slope *= phi; l += slope + rng.normal(0, noise / 2 * level); y[k] = l * (1 + shape[k % m])
        y += rng.normal(0, noise * level, n)
    elif kind == "ar1":
        phi = rng.uniform(0.3, 0.9); e = 0; y = np.empty(n)
        for k in range(n):
            e = phi * e + rng.normal(0, noise * level); y[k] = level * (1 + shape[k % m]) + e
    else:
        season = np.empty(n); current = shape.copy()
        for k in range(n):
            if k % m == 0 and k > 0:
                current = current + rng.normal(0, amp / 5, m); current -= current.mean()
            season[k] = current[k % m]
        y = level * (1 + season + rng.normal(0, noise, n))
    y = np.maximum(y, level * 0.05)
    if monthly:
        stamps = [f"{1990 + k // 12}-{k % 12 + 1:02d}-01" for k in range(n)]
        probes.add(f"m{seed}_{i:02d}_{kind}", stamps, y, "P1M", m, h, "monthly")
    else:
        stamps = [f"{1990 + k // 4}-{3 * (k % 4) + 1:02d}-01" for k in range(n)]
        probes.add(f"q{seed}_{i:02d}_{kind}", stamps, y, "P3M", m, h, "quarterly")
probes.write_manifest()
