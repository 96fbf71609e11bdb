"""bench/results/serving-peer.jsonl as the "Serving against a PyTorch peer (issue #21)" section of bench/RESULTS.md.
Usage: report.py RESULTS.jsonl SETTINGS"""
import datetime
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from report import machine, replace_section  # noqa: E402

TITLE = "Serving against a PyTorch peer (issue #21)"


def met(ok):
    return "met" if ok else "**not met**"


def section(path, settings):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    load = {r["at"]: r["loadavg"] for r in rows if r["what"] == "load"}
    models = next((r for r in rows if r["what"] == "models"), {})
    rounds = {}
    for r in rows:
        if r["what"] == "wrk":
            rounds.setdefault((r["service"], r["rollout"], r["workers"], r["batch"]), []).append(r)
    # the median of each measure over the rounds
    wrk = {key: {**runs[0], **{field: statistics.median(r[field] for r in runs) if all(
               r[field] is not None for r in runs) else None for field in (
               "requestsPerSecond", "seriesPerSecond", "p50Ms", "p99Ms")}, "non2xx": sum(r["non2xx"] for r in runs),
               "rounds": len(runs)} for key, runs in rounds.items()}
    count = max((w["rounds"] for w in wrk.values()), default=0)
    runs = [("tsforge, rollout STATEFUL", ("tsforge", "STATEFUL", 0)),
            ("tsforge, rollout SLIDING", ("tsforge", "SLIDING", 0)),
            ("PyTorch peer, 1 worker", ("peer", "STATEFUL", 1)),
            ("PyTorch peer, 2 workers", ("peer", "STATEFUL", 2)),
            ("tsforge, AUTO's network", ("tsforge", "AUTO", 0)),
            ("PyTorch peer, AUTO's network, 1 worker", ("peer", "AUTO", 1)),
            ("PyTorch peer, AUTO's network, 2 workers", ("peer", "AUTO", 2))]
    fmt = lambda v: "—" if v is None else f"{v:.1f}"
    lines = ["| service | single: forecasts/s | p50 / p99 | batch of 100: series/s | batch p50 / p99 | non-2xx |",
             "|---|---|---|---|---|---|"]
    for name, key in runs:
        single, batch = wrk.get(key + (0,)), wrk.get(key + (100,))
        if single is None and batch is None:
            continue
        rate = lambda r, field: "—" if r is None else f"{r[field]:,.0f}"
        latency = lambda r: "—" if r is None else f"{fmt(r['p50Ms'])} / {fmt(r['p99Ms'])} ms"
        failures = sum((r or {}).get("non2xx", 0) for r in (single, batch))
        lines.append(f"| {name} | {rate(single, 'requestsPerSecond')} | {latency(single)} | "
                     f"{rate(batch, 'seriesPerSecond')} | {latency(batch)} | {failures} |")
    # each of tsforge's networks against the peer serving the same network: AUTO's against the peer's AUTO one, the
    # LSTM(64) of either roll-out against the peer's stateful one
    peer_of = lambda rollout: "AUTO" if rollout == "AUTO" else "STATEFUL"
    ours = [r for r in ("STATEFUL", "SLIDING", "AUTO") if ("tsforge", r, 0, 0) in wrk]
    ratios, goals = [], []
    for rollout in ours:
        peers = [wrk.get(("peer", peer_of(rollout), w, b)) for w in (1, 2) for b in (0, 100)]
        best_single = max((r["requestsPerSecond"] for r in peers if r and r["batch"] == 0), default=None)
        best_batch = max((r["seriesPerSecond"] for r in peers if r and r["batch"] == 100), default=None)
        single, batch = wrk.get(("tsforge", rollout, 0, 0)), wrk.get(("tsforge", rollout, 0, 100))
        if single and batch and best_single and best_batch:
            single_ratio = single["requestsPerSecond"] / best_single
            batch_ratio = batch["seriesPerSecond"] / best_batch
            ratios.append(f"| {rollout} | {single_ratio:.2f}× | {batch_ratio:.2f}× |")
            goals.append(rollout)
    blocks = [r for r in rows if r["what"].startswith("batch of 100, one thread")]
    block_lines = ["| cell | roll-out | one by one, µs per series | one block, µs per series | gain |",
                   "|---|---|---|---|---|"]
    for r in blocks:
        block_lines.append(f"| {r['cell']} | {r['rollout']} | {r['oneByOneMicrosPerSeries']:,.0f} | "
                           f"{r['blockedMicrosPerSeries']:,.0f} | {r['speedup']:.2f}× |")
    per_round, worst = [], {}
    for rollout in ours:
        for batch, field in ((0, "requestsPerSecond"), (100, "seriesPerSecond")):
            mine = rounds.get(("tsforge", rollout, 0, batch), [])
            theirs = [rounds.get(("peer", peer_of(rollout), w, batch), []) for w in (1, 2)]
            by_round = [o[field] / max(t[i][field] for t in theirs if len(t) > i)
                        for i, o in enumerate(mine) if any(len(t) > i for t in theirs)]
            worst[(rollout, batch)] = min(by_round, default=0)
            per_round.append(f"{rollout} {'single' if batch == 0 else 'batch'} "
                             + ", ".join(f"{r:.2f}×" for r in by_round))
    agreements = [r for r in rows if r["what"] == "agreement"]
    agreed = ("not checked" if not agreements else "; ".join(
        f"{r.get('network', 'STATEFUL')} network: largest difference {r['maxAbsDifference']:.2e} over "
        f"{r['windows']} windows, single and batched (tolerance {r['tolerance']:g})" for r in agreements))
    # series per second in batches over single forecasts per second: how much cheaper a batch's series is
    cheaper = lambda r: (wrk[("tsforge", r, 0, 100)]["seriesPerSecond"]
                         / wrk[("tsforge", r, 0, 0)]["requestsPerSecond"])
    return "\n".join([
        f"## {TITLE}",
        "",
        f"Run {datetime.date.today()} with `bench/serving-peer.sh` ({settings}); {machine()}. Load average "
        f"(1, 5, 15 min) at the start {load.get('start', '?')}, at the end {load.get('end', '?')}: the machine was "
        "shared with other work, so trust the ratios (measured back to back) more than the absolute numbers.",
        "",
        "The same LSTM(64), lookback 24, h = 24, STANDARDIZE, RECURSIVE: tsforge's jar (one OpenMP thread, H2) and "
        "`bench/peer/` (FastAPI + uvicorn, `TCP_NODELAY` on accepted sockets, `torch.set_num_threads(1)` per worker "
        "process, the weights and normaliser copied from tsforge's model, stateful roll-out: 24 steps over the "
        "window, then one step per forecast value; a batch's windows go through each step as one tensor). Values "
        "sent with each request, no intervals, requests rotating among 1,000 windows (batches: 100 bodies of 100 "
        f"windows each), wrk with 2 threads and 8 connections; {count} rounds of the services in turn, medians "
        f"over the rounds. Forecasts agree: {agreed}. The STATEFUL and SLIDING "
        f"models were trained with the same seed (same weights: {models.get('sameWeights', '?')}). AUTO's network: "
        "an LSTM(32) as AUTO trains them (lookback one season, 24; `LAST_VALUE`, so each window relative to its last "
        "value; rolled out SLIDING, every forecast value a pass over the last 24 values from a zero state), against "
        "the peer serving the same weights the same way (`bench/peer/network.py`, `AnchoredSlidingLstm`; 24 passes "
        "of the window per forecast, a batch's windows in each pass together).",
        "",
        *lines,
        "",
        "Ratios, tsforge / the peer's better worker setting, serving the same network (for STATEFUL and SLIDING the "
        "LSTM(64), which the peer rolls out statefully):",
        "",
        "| tsforge rollout | single forecasts/s | batch series/s |",
        "|---|---|---|",
        *ratios,
        "",
        "The same ratios round by round (tsforge / the better peer setting of that round): " + "; ".join(per_round)
        + ".",
        "",
        "Goals of issue #21 in this run (a ratio goal counts as met only if every round meets it): " + " ".join(
            f"{r}: single ≥ 3× the peer's req/s {met(worst[(r, 0)] >= 3)}, p99 ≤ 5 ms "
            f"{met(wrk[('tsforge', r, 0, 0)]['p99Ms'] <= 5)} ({fmt(wrk[('tsforge', r, 0, 0)]['p99Ms'])} ms), "
            f"batch ≥ 3× the peer's series/s {met(worst[(r, 100)] >= 3)}, a batch's series ≥ 5× cheaper than a "
            f"single request {met(cheaper(r) >= 5)} ({cheaper(r):.1f}×)." for r in goals),
        "",
        "Many windows per weight pass, in process, one thread (`BlockForecastBenchmark`, same run): a batch of 100 "
        "forecasts (64 units, lookback 24, h = 24, untrained weights) as 100 one-window roll-outs against one block "
        "roll-out, which multiplies the block by each weight matrix per step (tiles of 8 windows); median of 31 "
        "alternating repeats. Batches of 8 or more histories now roll out SLIDING in blocks of 16 (`BlockRollouts`); "
        "the STATEFUL rows measure a block roll-out that carries each row's state, which was not kept: over six runs "
        "on the shared machine it ranged from 0.6× to 2.5× of one history at a time, with no consistent gain for "
        "LSTM, so STATEFUL batches still run one history at a time, spread over the cores.",
        "",
        *block_lines,
        "",
    ])


if __name__ == "__main__":
    text = section(sys.argv[1], sys.argv[2])
    replace_section(TITLE, text)
    print(text)
