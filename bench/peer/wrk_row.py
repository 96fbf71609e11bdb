"""wrk's --latency report on stdin as one JSON line. Usage: wrk_row.py SERVICE ROLLOUT WORKERS CONNECTIONS BATCH"""
import json
import re
import sys

service, rollout, workers, connections, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), \
    int(sys.argv[5])
text = sys.stdin.read()
units = {"us": 0.001, "ms": 1, "s": 1000}
pct = {p: float(v) * units[u] for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket_errors = re.search(r"Socket errors: (.*)", text)
print(json.dumps({"what": "wrk", "service": service, "rollout": rollout, "workers": workers,
                  "connections": connections, "batch": batch, "requestsPerSecond": rps,
                  "seriesPerSecond": rps * max(batch, 1), "p50Ms": pct.get("50"), "p99Ms": pct.get("99"),
                  "non2xx": int(errors.group(1)) if errors else 0,
                  "socketErrors": socket_errors.group(1) if socket_errors else None}))
