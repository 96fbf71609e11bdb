#!/usr/bin/env python3
"""HTTP client side of bench/serving.sh: sequential single forecasts and batches of 100 of one model.

Arguments: base URL, model id, lookback, and the model's strategy (a label for the output)."""
import json
import math
import statistics
import sys
import time
import urllib.request

BASE = sys.argv[1]
MODEL = int(sys.argv[2])
LOOKBACK = int(sys.argv[3])
STRATEGY = sys.argv[4] if len(sys.argv) > 4 else "recursive"


def post(path, body):
    request = urllib.request.Request(BASE + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def item(i):
    return {"modelId": MODEL, "horizon": 24, "values": [math.sin((t + i) / 3.0) for t in range(LOOKBACK)]}


def main():
    for i in range(50):
        post("/api/v1/forecasts", item(i))  # warm-up
    singles = []
    for i in range(300):
        started = time.perf_counter()
        post("/api/v1/forecasts", item(i))
        singles.append(time.perf_counter() - started)
    batches = []
    for round_ in range(10):
        started = time.perf_counter()
        result = post("/api/v1/forecasts/batch", {"items": [item(i) for i in range(100)]})
        batches.append(time.perf_counter() - started)
        assert result["succeeded"] == 100, result
    singles.sort()
    per_single = statistics.median(singles)
    per_batched = statistics.median(batches) / 100
    print(json.dumps({"what": "http sequential single", "strategy": STRATEGY, "p50Ms": round(per_single * 1000, 2),
                      "p99Ms": round(singles[int(len(singles) * 0.99)] * 1000, 2)}))
    print(json.dumps({"what": "http batch of 100", "strategy": STRATEGY, "perSeriesMs": round(per_batched * 1000, 3),
                      "singleOverBatched": round(per_single / per_batched, 2)}))


if __name__ == "__main__":
    main()
