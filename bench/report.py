#!/usr/bin/env python3
"""Turns benchmark JSON lines into a section of bench/RESULTS.md: medians, and ratios measured in the same run."""
import collections
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

RESULTS = os.path.join(os.path.dirname(__file__), "RESULTS.md")


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} cores, {cpu}; {java}; Python {platform.python_version()}"


def training(path, settings):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    groups = collections.defaultdict(list)
    for row in rows:
        groups[(row["engine"], row["variant"], row["model"], str(row["threads"]))].append(row["windowsPerSecond"])
    median = {key: statistics.median(values) for key, values in groups.items()}
    torch = {key: value for key, value in median.items() if key[0].startswith("pytorch")}
    lines = ["| model | threads | DL4J service fit | DL4J plain loop, stock layer | PyTorch | service / plain | service / PyTorch |",
             "|---|---|---|---|---|---|---|"]
    for model in ("LSTM", "GRU", "SIMPLE_RNN"):
        for threads in ("1", "2"):
            service = median.get(("dl4j", "service", model, threads))
            plain = median.get(("dl4j", "plain", model, threads))
            pytorch = next((v for k, v in torch.items() if k[2] == model and k[3] == threads), None)
            if service is None and pytorch is None:
                continue
            fmt = lambda v: "—" if v is None else f"{v:,.0f}"
            ratio = lambda a, b: "—" if a is None or b is None else f"{a / b:.2f}×"
            lines.append(f"| {model} | {threads} | {fmt(service)} | {fmt(plain)} | {fmt(pytorch)} | "
                         f"{ratio(service, plain)} | {ratio(service, pytorch)} |")
    best = []
    for model in ("LSTM", "GRU", "SIMPLE_RNN"):
        ours = [v for k, v in median.items() if k[0] == "dl4j" and k[1] == "service" and k[2] == model]
        theirs = [v for k, v in torch.items() if k[2] == model]
        if ours and theirs:
            best.append(f"{model} {max(ours) / max(theirs):.2f}×")
    cpu = collections.defaultdict(list)
    for row in rows:
        if "windowsPerCpuSecond" in row and str(row["threads"]) == "1" and row["variant"] in ("service", "plain"):
            cpu[(row["engine"].startswith("pytorch"), row["variant"], row["model"])].append(row["windowsPerCpuSecond"])
    per_cpu = []
    for model in ("LSTM", "GRU", "SIMPLE_RNN"):
        ours, theirs = cpu.get((False, "service", model)), cpu.get((True, "plain", model))
        if ours and theirs:
            per_cpu.append(f"{model} {statistics.median(ours) / statistics.median(theirs):.2f}× "
                           f"({statistics.median(ours):,.0f} against {statistics.median(theirs):,.0f})")
    engine = next((k[0] for k in torch), "PyTorch (not run)")
    return "\n".join([
        "## Training throughput (windows/s, median of repeats)",
        "",
        f"Run {datetime.date.today()} with `bench/training.sh` ({settings}); {machine()}; {engine}.",
        "One recurrent layer of 64 units, last step, linear output; windows of 24, batch 32, Adam 1e-3, float32. "
        "*service* is the service's own fit (windowing, normalisation, seeded shuffle, loss bookkeeping); *plain* "
        "is a hand-written DL4J loop over the same data with DL4J's stock layers (DL4J has no GRU, so no plain GRU). "
        "For LSTM the service runs tsforge's `FusedLstmLayer` (ND4J's `lstmLayer` op) and *plain* DL4J's own `LSTM` "
        "layer, which the service used before: service / plain is the fused layer's gain in the same run. Threads: "
        "OpenMP threads for DL4J, `torch.set_num_threads` for PyTorch. Trust the ratios, not the absolute numbers.",
        "",
        *lines,
        "",
        f"Best thread setting of each side, service / PyTorch: {', '.join(best) if best else 'PyTorch not run'}.",
        "",
        *([f"One thread, windows per CPU-second of the computing thread (what a shared machine's load changes "
           f"least), service / PyTorch: {', '.join(per_cpu)}.", ""] if per_cpu else []),
    ])


def ms(value):
    return "—" if value is None else f"{value:.2f} ms"


def serving(path, settings):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    by = {(r["what"], r.get("strategy"), r.get("connections")): r for r in rows}
    # older runs have no strategy on these rows: they measured the RECURSIVE model
    single = [by.get(("http sequential single", s, None)) or (by.get(("http sequential single", None, None))
              if s == "recursive" else None) for s in ("recursive", "direct")]
    batch = [by.get(("http batch of 100", s, None)) or (by.get(("http batch of 100", None, None))
             if s == "recursive" else None) for s in ("recursive", "direct")]
    lines = ["| measure | RECURSIVE (24 passes) | DIRECT (1 pass) |", "|---|---|---|"]

    def cell(row, text):
        return "—" if row is None else text(row)

    wrk8 = [by.get(("wrk", s, 8)) for s in ("recursive", "direct")]
    wrk4 = [by.get(("wrk", s, 4)) for s in ("recursive", "direct")]
    wrk1 = [by.get(("wrk", s, 1)) for s in ("recursive", "direct")]
    raw = [by.get(("in-process forecast", s, None)) for s in ("recursive", "direct")]
    through_output = [by.get(("in-process forecast through output()", s, None)) for s in ("recursive", "direct")]
    for connections, runs in ((8, wrk8), (4, wrk4)):
        lines.append(f"| wrk, {connections} connections: forecasts/s (p50, p99) | " + " | ".join(cell(r, lambda r: (
            f"{r['requestsPerSecond']:,.1f} ({ms(r['p50Ms'])}, {ms(r['p99Ms'])})")) for r in runs) + " |")
    lines.append("| wrk, 1 connection: latency p50 / p99 | " + " | ".join(cell(r, lambda r: (
        f"{ms(r['p50Ms'])} / {ms(r['p99Ms'])}")) for r in wrk1) + " |")
    lines.append("| in-process forecast, no HTTP, as served (plain Java): p50 / p99 | " + " | ".join(cell(r, lambda r: (
        f"{r['p50Micros'] / 1000:.2f} ms / {r['p99Micros'] / 1000:.2f} ms")) for r in raw) + " |")
    lines.append("| the same through DL4J's `output()` (fused op): p50 / p99 | " + " | ".join(cell(r, lambda r: (
        f"{r['p50Micros'] / 1000:.2f} ms / {r['p99Micros'] / 1000:.2f} ms")) for r in through_output) + " |")
    if any(single):
        lines.append("| HTTP single request (Python client, sequential): p50 / p99 | " + " | ".join(cell(r, lambda r: (
            f"{r['p50Ms']} ms / {r['p99Ms']} ms")) for r in single) + " |")
    if any(batch):
        lines.append("| HTTP batch of 100: time per series | " + " | ".join(cell(r, lambda r: (
            f"{r['perSeriesMs']} ms ({r['singleOverBatched']}× cheaper than single requests)")) for r in batch) + " |")
    layers = {(r["layer"], r["horizon"]): r for r in rows if r["what"] == "in-process forecast by layer"}
    if layers:
        lines += ["", "In-process forecast of an LSTM(64), lookback 24, by recurrent layer (same run, back to back):", "",
                  "| layer | 1 step: p50 / p99 | 24 recursive steps: p50 / p99 |", "|---|---|---|"]
        for layer, name in (("java", "`FusedLstmLayer` in plain Java (`JavaForward`, as served)"),
                            ("fused", "`FusedLstmLayer` through `output()` (ND4J `lstmLayer` op)"),
                            ("stock", "DL4J's own `LSTM` through `output()`")):
            lines.append(f"| {name} | " + " | ".join(cell(layers.get((layer, h)), lambda r: (
                f"{r['p50Micros'] / 1000:.2f} ms / {r['p99Micros'] / 1000:.2f} ms")) for h in (1, 24)) + " |")
        java, fused, stock = layers.get(("java", 24)), layers.get(("fused", 24)), layers.get(("stock", 24))
        if java and fused and stock:
            lines += ["", f"24 steps, p50: fused op / plain Java {fused['p50Micros'] / java['p50Micros']:.1f}×, "
                          f"stock / plain Java {stock['p50Micros'] / java['p50Micros']:.1f}×."]
    return "\n".join([
        "## Serving",
        "",
        f"Run {datetime.date.today()} with `bench/serving.sh` ({settings}); {machine()}. The real jar on loopback, "
        "H2 default storage, one OpenMP thread; the model is cached after the first request. The same LSTM(64) "
        "trained RECURSIVE (one step per pass, fed back) and DIRECT (24 outputs). Trust the ratios, not the "
        "absolute numbers.",
        "",
        *lines,
        "",
    ])


def collection(path, settings):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    by = {(row.get("strategy"), row["what"]): row for row in rows}
    # RECURSIVE (SLIDING), then any other roll-out of it (BENCH_ROLLOUT), then DIRECT
    found = [row["strategy"] for row in rows if row["what"] == "in-process, no output"]
    strategies = sorted(dict.fromkeys(found), key=lambda s: (s == "DIRECT", s != "RECURSIVE", s))
    count = by[(strategies[0], "in-process, no output")]["series"]

    def seconds(strategy, what):
        row = by.get((strategy, what))
        return None if row is None else row["medianSeconds"]

    parts = [("in-process, no output", "in process: points read, passes, guard and intervals, nothing written"),
             ("in-process, CSV", "in process, CSV written (to nowhere)"),
             ("in-process, NDJSON", "in process, NDJSON written (to nowhere)"),
             ("points read", "part: the members' points read (1,000 a query)"),
             ("forward passes", "part: forward passes (`forecastAll`, 1,000 histories a call)"),
             ("HTTP stream, text/csv", "HTTP stream, CSV, read to the end"),
             ("HTTP stream, application/x-ndjson", "HTTP stream, NDJSON, read to the end")]
    runs = len(by[(strategies[0], "in-process, no output")]["runs"])
    lines = [f"| measure (median of {runs} runs after a warm-up) | " + " | ".join(strategies) + " |",
             "|---|" + "---|" * len(strategies)]
    for key, label in parts:
        cells = []
        for strategy in strategies:
            value = seconds(strategy, key)
            cells.append("–" if value is None else f"{value:.2f} s")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    ratios = []
    for strategy in strategies:
        total = seconds(strategy, "in-process, CSV")
        single = by[(strategy, "single forecast in-process")]["medianMillis"]
        per_series = total * 1000 / count
        http = seconds(strategy, "HTTP stream, text/csv")
        ratios.append(f"- {strategy}: {per_series:.3f} ms per series in the collection (CSV, in process) against "
                      f"{single:.3f} ms for one forecast in process (`ForecastService.forecast`, its window read "
                      f"from the database, the same series each time): single ÷ collection per series **{single / per_series:.2f}**; "
                      f"the HTTP CSV stream "
                      f"took {http / total:.2f}× the in-process CSV time.")
    upload = by.get((None, "upload"))
    return "\n".join([
        "## Collection forecasts (issue #19)",
        "",
        f"Run {datetime.date.today()} with `bench/collection-forecast.sh` ({settings}); {machine()}. The service in "
        "the benchmark's JVM on H2, one OpenMP thread; every member forecast through the guarded path with intervals. "
        "The machine is shared: trust ratios within the run, not absolute times."
        + (f" Upload of the {upload['points']:,} points over HTTP: {upload['seconds']:.0f} s." if upload else ""),
        "",
        *lines,
        "",
        *ratios,
        "",
    ])


def replace_section(title, text):
    content = open(RESULTS).read() if os.path.exists(RESULTS) else "# Benchmark results\n\n"
    # the title, alone or followed by a parenthesis, so that "Serving" leaves "Serving against a PyTorch peer" alone
    pattern = re.compile(r"^## " + re.escape(title) + r"(?: \([^\n]*\))?\n.*?(?=^## |\Z)", re.S | re.M)
    content = pattern.sub(lambda _: text + "\n", content) if pattern.search(content) else content + text + "\n"
    with open(RESULTS, "w") as out:
        out.write(content)


if __name__ == "__main__":
    kind, path, settings = sys.argv[1], sys.argv[2], sys.argv[3]
    if kind == "training":
        section = training(path, settings)
        replace_section("Training throughput", section)
    elif kind == "collection":
        section = collection(path, settings)
        replace_section("Collection forecasts (issue #19)", section)
    else:
        section = serving(path, settings)
        replace_section("Serving", section)
    print(section)
