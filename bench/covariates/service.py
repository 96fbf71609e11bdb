"""The service's side of bench/covariates (issue #24): each series of bench/covariates/data is stored with its
drivers as KNOWN_FUTURE covariate series, and the same network spec is backtested with refits (POST /backtests,
"refit": true) with and without `covariates.series` naming them, over the same rolling origins as arima.R: FOLDS
origins h apart ending at the series' end, each fold's network trained on the values before its origin and
forecasting h steps with the drivers' actual future values (the "perfect future knowledge" variant, as R's xreg).
SEEDS seeds per variant; one JSON line per series, variant, seed and fold: MAE, sMAPE and MASE as the service
reports them (MASE scaled by the in-sample seasonal naive of the fold's history, m = 12, as arima.R).

Usage: service.py BASE_URL OUT_JSONL [h=12] [folds=5] [seeds=3]. BENCH_SPEC (a JSON object) replaces the network.
"""
import csv
import json
import os
import sys
import time
import urllib.error
import urllib.request

BASE, OUT = sys.argv[1], sys.argv[2]
H = int(sys.argv[3]) if len(sys.argv) > 3 else 12
FOLDS = int(sys.argv[4]) if len(sys.argv) > 4 else 5
SEEDS = int(sys.argv[5]) if len(sys.argv) > 5 else 3
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
# a small LSTM reading two years, trained with early stopping: what a user would try first on monthly data
SPEC = json.loads(os.environ.get("BENCH_SPEC") or json.dumps({
    "architecture": "LSTM", "hiddenSizes": [32], "lookback": 24, "epochs": 200, "earlyStoppingPatience": 15,
    "validationFraction": 0.15, "normalization": "STANDARDIZE"}))


def call(method, path, body=None, content_type="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def store(name, rows, drivers):
    status, series = call("POST", "/api/v1/series", {"name": f"cov-{name}", "frequency": "P1M"})
    assert status == 201, series
    sid = series["id"]
    text = "timestamp,value\n" + "".join(f"{r['ds']},{r['y']}\n" for r in rows)
    status, body = call("POST", f"/api/v1/series/{sid}/points", text.encode(), "text/csv")
    assert status == 200, body
    for driver in drivers:
        status, body = call("PUT", f"/api/v1/series/{sid}/covariates/{driver}", {"kind": "KNOWN_FUTURE"})
        assert status in (200, 201), body
    text = "name,timestamp,value\n" + "".join(f"{d},{r['ds']},{r[d]}\n" for r in rows for d in drivers)
    status, body = call("POST", f"/api/v1/series/{sid}/covariates", text.encode(), "text/csv")
    assert status == 200, body
    return sid


def backtest(sid, spec):
    status, job = call("POST", "/api/v1/backtests", {"seriesId": sid, "refit": True, "folds": FOLDS,
                                                     "horizon": H, "step": H, "spec": spec})
    assert status == 202, job
    while job["status"] in ("QUEUED", "RUNNING"):
        time.sleep(2)
        status, job = call("GET", f"/api/v1/backtest-jobs/{job['id']}")
    assert job["status"] == "SUCCEEDED", job
    return job["result"]


def main():
    with open(OUT, "w") as out:
        for file in sorted(f for f in os.listdir(DATA) if f.endswith(".csv")):
            name = file.removesuffix(".csv")
            with open(os.path.join(DATA, file)) as f:
                rows = list(csv.DictReader(f))
            drivers = [c for c in rows[0] if c not in ("ds", "y")]
            sid = store(name, rows, drivers)
            for seed in range(1, SEEDS + 1):
                for variant, covariates in (("network", None), ("network(covariates)", {"series": drivers})):
                    spec = {**SPEC, "horizon": H, "seed": seed}
                    if covariates:
                        spec["covariates"] = covariates
                    started = time.time()
                    result = backtest(sid, spec)
                    seconds = (time.time() - started) / FOLDS
                    for fold in result["foldResults"]:
                        model = fold["model"]
                        out.write(json.dumps({"series": name, "fold": fold["fold"], "method": variant, "seed": seed,
                                              "mae": model["mae"], "smape": model["smape"], "mase": model["mase"],
                                              "seconds": round(seconds, 2)}) + "\n")
                    out.flush()
                    print(f"# {name} {variant} seed {seed}: mean MASE "
                          f"{sum(f['model']['mase'] for f in result['foldResults']) / FOLDS:.3f}", file=sys.stderr,
                          flush=True)


if __name__ == "__main__":
    main()
