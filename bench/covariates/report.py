"""The table of bench/covariates: per series and method, the mean over folds (and seeds) of MASE and sMAPE, and
each method's ratio with / without its drivers. Usage: report.py ARIMA_JSONL SERVICE_JSONL."""
import collections
import json
import sys

rows = [json.loads(line) for path in sys.argv[1:3] for line in open(path) if line.strip()]
means = collections.defaultdict(lambda: [0.0, 0.0, 0])
for row in rows:
    entry = means[(row["series"], row["method"])]
    entry[0] += row["mase"]
    entry[1] += row["smape"]
    entry[2] += 1
order = ["seasonal naive", "auto.arima", "auto.arima(xreg)", "network", "network(covariates)"]
print("| series | method | mean MASE | mean sMAPE | with / without drivers (MASE) |")
print("|---|---|---|---|---|")
for series in sorted({s for s, _ in means}):
    for method in order:
        if (series, method) not in means:
            continue
        mase, smape, n = means[(series, method)]
        ratio = ""
        base = {"auto.arima(xreg)": "auto.arima", "network(covariates)": "network"}.get(method)
        if base and (series, base) in means:
            without = means[(series, base)]
            ratio = f"{(mase / n) / (without[0] / without[2]):.3f}"
        print(f"| {series} | {method} | {mase / n:.3f} | {smape / n:.2f} | {ratio} |")
