"""Fails unless tsforge and the peer forecast the same windows alike: the same 30 windows (noisy sine pieces) sent
to both, single and as one batch, every value within TOLERANCE. Prints one JSON line.
Usage: agree.py TSFORGE_BASE MODEL_ID PEER_BASE [NETWORK]"""
import json
import math
import random
import sys
import urllib.request

TOLERANCE = 1e-4


def post(url, body):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def values(forecast):
    return [point["value"] for point in forecast["points"]]


tsforge, model, peer = sys.argv[1], int(sys.argv[2]), sys.argv[3]
network = sys.argv[4] if len(sys.argv) > 4 else "STATEFUL"
rng = random.Random(11)
windows = []
for _ in range(30):
    phase = rng.randrange(10000)
    windows.append([round(math.sin(2 * math.pi * (phase + t) / 25) + 0.3 * (rng.random() - 0.5), 4)
                    for t in range(1, 25)])
items = [{"modelId": model, "horizon": 24, "levels": [], "values": w} for w in windows]
worst = 0.0
for base_item in items:
    ours, theirs = (values(post(base + "/api/v1/forecasts", base_item)) for base in (tsforge, peer))
    worst = max(worst, max(abs(a - b) for a, b in zip(ours, theirs)))
batches = [post(base + "/api/v1/forecasts/batch", {"items": items})["results"] for base in (tsforge, peer)]
for ours, theirs in zip(*batches):
    worst = max(worst, max(abs(a - b) for a, b in zip(values(ours["forecast"]), values(theirs["forecast"]))))
print(json.dumps({"what": "agreement", "network": network, "windows": len(windows), "maxAbsDifference": worst,
                  "tolerance": TOLERANCE}))
if not worst <= TOLERANCE:
    sys.exit(f"tsforge and the peer differ by {worst} > {TOLERANCE}")
