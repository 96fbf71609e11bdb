# Short yearly series in the manner of M4's yearly: 19-40 values (the last 6 held out), trending or mean-reverting
# (bench/RESULTS.md, "Robustness probes").  /usr/bin/python3 yearly.py <seed> <count> <folder>; used: seed 31, 30.
import numpy as np, sys
from probeset import ProbeSet
seed = int(sys.argv[1]); count = int(sys.argv[2]); out = sys.argv[3]
rng = np.random.default_rng(seed)
probes = ProbeSet(out)
kinds = ["logdrift", "localtrend", "damped", "ar1", "rw"]
for i in range(count):
    kind = kinds[i % len(kinds)]
    n = int(rng.integers(19, 41))
    level = 1000 * np.exp(rng.uniform(0, 3))
    y = np.empty(n)
    if kind == "logdrift":
        g, s = rng.uniform(0, 0.08), rng.uniform(0.01, 0.1)
        y = level * np.exp(np.cumsum(g + rng.normal(0, s, n)))
    elif kind == "localtrend":
        slope = level * rng.uniform(-0.02, 0.06); l = level
        for t in range(n):
            slope += rng.normal(0, 0.01 * level); l += slope + rng.normal(0, 0.02 * level); y[t] = l
    elif kind == "damped":
        phi = rng.uniform(0.75, 0.95); slope = level * rng.uniform(0.02, 0.12); l = level
        for t in range(n):
            slope *= phi; l += slope + rng.normal(0, 0.02 * level); y[t] = l
    elif kind == "ar1":
        phi = rng.uniform(0.2, 0.9); e = 0
        for t in range(n):
            e = phi * e + rng.normal(0, 0.08 * level); y[t] = level + e
    else:
        y = level + np.cumsum(rng.normal(0, 0.05 * level, n))
    y = np.maximum(y, level * 0.05)
    name = f"y{seed}_{i:02d}_{kind}"
    probes.add(name, [f"{1960 + t}-01-01" for t in range(n)], y, "P1Y", 1, 6, "yearly")
probes.write_manifest()
