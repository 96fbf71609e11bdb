"""The PyTorch serving peer of bench/serving-peer.sh: tsforge's POST /api/v1/forecasts and /api/v1/forecasts/batch
(values sent with the request, no intervals) over the same LSTM, in FastAPI on uvicorn, one torch thread per
worker process. ROLL_OUT: STATEFUL (a STANDARDIZE network, the default) or SLIDING (a LAST_VALUE one, as AUTO serves).
Run: /usr/bin/python3 bench/peer/app.py WEIGHTS.json PORT WORKERS [ROLL_OUT]"""
import json
import os
import sys

import torch
from fastapi import FastAPI, Request
from fastapi.responses import Response

torch.set_num_threads(1)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from network import AnchoredSlidingLstm, StatefulLstm  # noqa: E402

app = FastAPI()
network = None
if "PEER_WEIGHTS" in os.environ:
    kind = AnchoredSlidingLstm if os.environ.get("PEER_ROLLOUT") == "SLIDING" else StatefulLstm
    network = kind(os.environ["PEER_WEIGHTS"])


class Refused(Exception):
    def __init__(self, detail):
        self.detail = detail


def problem(detail):
    return {"type": "https://tsforge.dev/problems/invalid-request", "title": "Bad Request", "status": 400,
            "detail": detail}


def window(item):
    values = item.get("values") if isinstance(item, dict) else None
    horizon = item.get("horizon") if isinstance(item, dict) else None
    if not isinstance(values, list) or len(values) < 24 or not isinstance(horizon, int) or horizon < 1:
        raise Refused("give values (at least 24) and a horizon of at least 1")
    return values[-24:], horizon, item.get("modelId")


def forecast_json(model_id, horizon, values):
    return {"seriesId": None, "modelId": model_id, "frequency": None, "horizon": horizon, "strategy": "RECURSIVE",
            "trainedHorizon": 1, "rolledOut": horizon > 1, "levels": [], "intervalNote": None,
            "input": {"source": "REQUEST", "valuesUsed": 24},
            "points": [{"step": i + 1, "timestamp": None, "value": float(v), "intervals": []}
                       for i, v in enumerate(values)],
            "fallback": None, "intervalMethods": []}


def reply(body, status=200, media="application/json"):
    return Response(json.dumps(body), status_code=status, media_type=media)


@app.post("/api/v1/forecasts")
async def forecast(request: Request):
    try:
        values, horizon, model_id = window(json.loads(await request.body()))
    except (Refused, ValueError) as e:
        return reply(problem(getattr(e, "detail", "unreadable JSON")), 400, "application/problem+json")
    return reply(forecast_json(model_id, horizon, network.forecast([values], horizon)[0]))


@app.post("/api/v1/forecasts/batch")
async def batch(request: Request):
    try:
        items = json.loads(await request.body()).get("items")
    except (ValueError, AttributeError):
        items = None
    if not isinstance(items, list) or not items:
        return reply(problem("give between 1 and 1000 items"), 400, "application/problem+json")
    results = [None] * len(items)
    groups = {}
    for index, item in enumerate(items):
        try:
            values, horizon, model_id = window(item)
            groups.setdefault(horizon, []).append((index, values, model_id))
        except Refused as e:
            results[index] = {"index": index, "forecast": None, "problem": problem(e.detail)}
    # all windows of one horizon through one pass per step
    for horizon, members in groups.items():
        forecasts = network.forecast([values for _, values, _ in members], horizon)
        for (index, _, model_id), values in zip(members, forecasts):
            results[index] = {"index": index, "forecast": forecast_json(model_id, horizon, values), "problem": None}
    failed = sum(1 for r in results if r["problem"] is not None)
    return reply({"items": len(results), "succeeded": len(results) - failed, "failed": failed, "results": results})


if __name__ == "__main__":
    import uvicorn
    from protocol import NoDelayProtocol

    os.environ["PEER_WEIGHTS"] = os.path.abspath(sys.argv[1])
    os.environ["PEER_ROLLOUT"] = sys.argv[4] if len(sys.argv) > 4 else "STATEFUL"
    uvicorn.run("app:app", host="127.0.0.1", port=int(sys.argv[2]), workers=int(sys.argv[3]),
                app_dir=os.path.dirname(os.path.abspath(__file__)), http=NoDelayProtocol, log_level="warning",
                access_log=False)
