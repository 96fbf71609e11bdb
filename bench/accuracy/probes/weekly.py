# Weekly series with a yearly season (period 52.18 weeks), every other one with a peak in the week before Christmas:
# 3 to 6 years, the last 13 weeks held out (bench/RESULTS.md, "Weeks in a year").
#   /usr/bin/python3 weekly.py <seed> <count> <folder> [mixed]
# mixed: the third and fourth of every four without a season. Writes <folder>/manifest.csv and <folder>/data/, for
# AccuracyBenchmark's -Dbench.manifest. Used: seed 41, 8 series; seed 43, 12 series, mixed.
import numpy as np, sys, datetime
from probeset import ProbeSet
seed = int(sys.argv[1]); count = int(sys.argv[2]); out = sys.argv[3]
mixed = len(sys.argv) > 4 and sys.argv[4] == "mixed"
rng = np.random.default_rng(seed)
probes = ProbeSet(out)
start = datetime.date(2015, 1, 5)
for i in range(count):
    years = [3, 4, 5, 6][i % 4]
    n = int(years * 52.18) + 13
    level = 1000 * np.exp(rng.uniform(0, 4))
    amp = rng.uniform(0.1, 0.35) if (i % 4 < 2 or not mixed) else 0.0
    noise = rng.uniform(0.02, 0.08)
    growth = rng.uniform(-0.002, 0.004)
    phase = rng.uniform(0, 2 * np.pi)
    t = np.arange(n)
    season = amp * np.sin(2 * np.pi * t / 52.18 + phase) + 0.4 * amp * np.sin(4 * np.pi * t / 52.18 + 2 * phase)
    peak = np.zeros(n)
    if i % 2 == 1 and amp > 0:
        for k in range(n):
            d = start + datetime.timedelta(weeks=k)
            if d.month == 12 and 18 <= d.day <= 24:
                peak[k] = rng.uniform(0.3, 0.8)
    y = level * np.exp(growth * t + season + peak + np.cumsum(rng.normal(0, noise / 3, n)) + rng.normal(0, noise, n))
    name = f"w{seed}_{i:02d}_{years}y" + ("_peak" if i % 2 else "")
    probes.add(name, [start + datetime.timedelta(weeks=k) for k in range(n)], y, "P1W", 52, 13, "weekly")
probes.write_manifest()
