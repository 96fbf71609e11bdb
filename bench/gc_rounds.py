"""Per mode of bench/ledger.sh, what the service's garbage collector did within the wrk rounds of that mode.

Usage: gc_rounds.py GC_LOG LEDGER_JSONL. GC_LOG is written with -Xlog:gc:file=GC_LOG:timemillis (what ledger.sh
passes when GC_LOG is set); LEDGER_JSONL holds the rounds with startMs/endMs. Allocation is the heap before a
collection less the heap after the previous one, over the time between them, for the collections inside the rounds
of the mode (per request too: the rate over the rounds' requests, which holds up better than the rate on a busy
machine); pauses are every "Pause" line inside them. Prints one JSON line per mode and appends them to LEDGER_JSONL.
"""
import json
import re
import statistics
import sys

UNIT = {"K": 1 / 1024, "M": 1, "G": 1024}
LINE = re.compile(r"^\[(\d+)ms\] GC\(\d+\) (Pause \w+).*? (\d+)([KMG])->(\d+)([KMG])\(\d+[KMG]\) ([\d.]+)ms$")


def collections(path):
    events = []
    for line in open(path):
        match = LINE.match(line.strip())
        if match:
            at, kind, before, bu, after, au, pause = match.groups()
            events.append({"at": int(at), "kind": kind.strip(), "beforeMb": float(before) * UNIT[bu],
                           "afterMb": float(after) * UNIT[au], "pauseMs": float(pause)})
    return events


def main(gc_log, ledger):
    events = collections(gc_log)
    rounds = [json.loads(line) for line in open(ledger)]
    rounds = [r for r in rounds if r.get("what") == "wrk" and "startMs" in r]
    out = []
    for mode in ("OFF", "EVERY"):
        windows = [(r["startMs"], r["endMs"]) for r in rounds if r["mode"] == mode]
        allocated = 0.0
        seconds = 0.0
        pauses = []
        for i, event in enumerate(events):
            if not any(start <= event["at"] <= end for start, end in windows):
                continue
            pauses.append(event["pauseMs"])
            if i > 0 and event["kind"].startswith("Pause Young"):
                allocated += max(0.0, event["beforeMb"] - events[i - 1]["afterMb"])
                seconds += (event["at"] - events[i - 1]["at"]) / 1000
        round_seconds = sum(end - start for start, end in windows) / 1000
        requests = sum(r["requestsPerSecond"] * (r["endMs"] - r["startMs"]) / 1000 for r in rounds if r["mode"] == mode)
        rate = allocated / seconds if seconds else None
        summary = {"what": "gc", "mode": mode, "rounds": len(windows),
                   "allocatedMbPerSecond": round(rate, 1) if rate else None,
                   "allocatedKbPerRequest": round(rate * round_seconds * 1024 / requests, 1) if rate and requests else None,
                   "pauses": len(pauses), "pausesPerSecond": round(len(pauses) / round_seconds, 2) if round_seconds else None,
                   "pauseMedianMs": round(statistics.median(pauses), 2) if pauses else None,
                   "pauseMaxMs": round(max(pauses), 2) if pauses else None,
                   "pausedMsPerSecond": round(sum(pauses) / round_seconds, 2) if round_seconds else None}
        out.append(summary)
        print(json.dumps(summary))
    with open(ledger, "a") as f:
        for summary in out:
            f.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
