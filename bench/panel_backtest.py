#!/usr/bin/env python3
"""Drives bench/panel-backtest.sh: builds the panels, runs one panel backtest per panel over HTTP, writes the results.

Panels: the public series of bench/accuracy/manifest.csv grouped by frequency (yearly, quarterly, monthly: the groups
with several series on one grid), each as a collection, and a seeded synthetic panel made as the tests'
SyntheticPanel makes one (a shared weekly season, levels and scales of their own, a trend of their own, noise in
proportion, three missing points in each series' older half). Each panel is backtested with the service's defaults
(the global training defaults, three folds, local networks, SEASONAL_NAIVE, ETS, THETA beside NAIVE2); the horizon is
M4's for the frequency (6 yearly, 8 quarterly, 18 monthly, 14 daily).
Usage: panel_backtest.py BASE_URL DATA_DIR OUT_JSONL, or panel_backtest.py --report OUT_JSONL (the markdown table).
BENCH_PANELS (e.g. synthetic,monthly) runs only those panels; BENCH_SPEC (a JSON object) adds fields to every spec
(e.g. {"normalization": "STANDARDIZE"}), for a variant beside the defaults; BENCH_AUTO_BUDGET (seconds) adds AUTO on
each member alone to the references.
"""
import csv
import json
import math
import os
import random
import sys
import time
import urllib.error
import urllib.request

BASE, DATA, OUT = (None, None, sys.argv[2]) if sys.argv[1] == "--report" else sys.argv[1:4]
GROUPS = {"yearly": ("P1Y", 6), "quarterly": ("P3M", 8), "monthly": ("P1M", 18)}
SYNTHETIC = {"series": 40, "length": 200, "period": 7, "noise": 0.2, "drift": 4.0, "seed": 19, "h": 14}


def call(method, path, body=None, content_type="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def upload(name, frequency, rows):
    status, body = call("POST", "/api/v1/collections", {"name": name, "frequency": frequency})
    assert status == 201, body
    text = "unique_id,ds,y\n" + "".join(f"{u},{ds},{y!r}\n" for u, ds, y in rows)
    status, body = call("POST", f"/api/v1/collections/{name}/points", text.encode(), "text/csv")
    assert status == 200, body


def public_panels():
    manifest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "accuracy", "manifest.csv")
    with open(manifest) as f:
        entries = [row for row in csv.DictReader(line for line in f if not line.startswith("#"))]
    panels = []
    for group, (frequency, h) in GROUPS.items():
        rows = []
        members = [e for e in entries if e["group"] == group]
        for entry in members:
            with open(os.path.join(DATA, entry["file"].removeprefix("data/"))) as f:
                for record in csv.DictReader(f):
                    value = record["value"]
                    if value not in ("", "NA"):
                        rows.append((entry["name"], record["timestamp"], float(value)))
        upload(group, frequency, rows)
        panels.append((group, h, len(members)))
    return panels


def synthetic_panel():
    s = SYNTHETIC
    rows = []
    for index in range(s["series"]):
        rng = random.Random(s["seed"] * 1_000_003 + index)
        level = 10 ** (1 + 2 * rng.random())
        scale = 10 ** (2 * rng.random())
        level = max(level, 3 * scale)
        trend = (rng.random() * 2 - 1) * s["drift"] / s["length"]
        gaps = {rng.randrange(s["length"] // 2) for _ in range(3)}
        for t in range(s["length"]):
            phase = 2 * math.pi * t / s["period"]
            season = math.sin(phase) + 0.5 * math.sin(2 * phase + 1)
            value = level + scale * (season + trend * t + s["noise"] * rng.gauss(0, 1))
            if t not in gaps:
                day = time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime(1704067200 + 86400 * t))
                rows.append((f"s{index}", day, value))
    upload("synthetic", "P1D", rows)
    return ("synthetic", s["h"], s["series"])


def backtest(name, h):
    started = time.time()
    spec = {"horizon": h, **json.loads(os.environ.get("BENCH_SPEC") or "{}")}
    body = {"spec": spec}
    if os.environ.get("BENCH_AUTO_BUDGET"):
        # AUTO on each member alone beside the default references, within this many seconds per member and fold
        body.update(references=["SEASONAL_NAIVE", "ETS", "THETA", "AUTO"],
                    autoBudgetSeconds=int(os.environ["BENCH_AUTO_BUDGET"]))
    status, job = call("POST", f"/api/v1/collections/{name}/backtests", body)
    assert status == 202, job
    while job["status"] in ("QUEUED", "RUNNING"):
        time.sleep(5)
        status, job = call("GET", f"/api/v1/panel-backtest-jobs/{job['id']}")
        print(f"# {name}: {job['status']} {job['fitsDone']}/{job['fitsTotal']} fits", file=sys.stderr, flush=True)
    return job, time.time() - started


def main():
    panels = [synthetic_panel()] + public_panels()
    chosen = [p for p in os.environ.get("BENCH_PANELS", "").split(",") if p]
    with open(OUT, "w") as out:
        for name, h, series in panels:
            if chosen and name not in chosen:
                continue
            job, seconds = backtest(name, h)
            record = {"panel": name, "series": series, "h": h, "status": job["status"], "seconds": round(seconds, 1),
                      "error": job.get("errorMessage"), "spec": job["spec"], "result": job.get("result")}
            out.write(json.dumps(record) + "\n")
            out.flush()
            print(json.dumps({k: record[k] for k in ("panel", "series", "h", "status", "seconds", "error")}),
                  flush=True)


def report():
    """Per panel and method: members scored, mean sMAPE, mean MASE, OWA against Naive2, members GLOBAL beats."""
    print("| panel | h | members (skipped, failed) | method | mean sMAPE | mean MASE | OWA | GLOBAL better on |")
    print("|---|---|---|---|---|---|---|---|")
    for line in open(OUT):
        record = json.loads(line)
        result = record["result"]
        if result is None:
            print(f"| {record['panel']} | {record['h']} | {record['status']}: {record['error']} | | | | | |")
            continue
        counts = f"{len(result['members'])} ({len(result['skipped'])}, {len(result['failed'])})"
        for summary in result["aggregate"]:
            better = summary["globalBetterOn"]
            mase = "–" if summary["meanMase"] is None else f"{summary['meanMase']:.3f}"
            owa = "–" if summary["owa"] is None else f"{summary['owa']:.3f}"
            beaten = "" if better is None else f"{better}/{summary['members']}"
            print(f"| {record['panel']} | {record['h']} | {counts} | {summary['method']} | "
                  f"{summary['meanSmape']:.2f} | {mase} | {owa} | {beaten} |")
            counts = ""
        for excluded in result["skipped"] + result["failed"]:
            print(f"| {record['panel']} | | {excluded['uniqueId']} left out: {excluded['reason']} | | | | | |")


if __name__ == "__main__":
    report() if BASE is None else main()
