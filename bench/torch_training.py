#!/usr/bin/env python3
"""Training throughput (windows/s) of the benchmark model in PyTorch CPU, one JSON object per measurement.

Same model, data and settings as TrainingThroughputBenchmark.java: one recurrent layer of 64 units (LSTM, tanh RNN
or GRU), last step, linear output; windows of 24, batch 32, Adam 1e-3, float32, no shuffling cost counted.
"""
import json
import math
import os
import random
import sys
import time

import torch

LOOKBACK, UNITS, BATCH = 24, 64, 32
WINDOWS = int(os.environ.get("BENCH_WINDOWS", "2048"))
EPOCHS = int(os.environ.get("BENCH_EPOCHS", "2"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


class Net(torch.nn.Module):
    def __init__(self, cell):
        super().__init__()
        layers = {"LSTM": torch.nn.LSTM, "SIMPLE_RNN": torch.nn.RNN, "GRU": torch.nn.GRU}
        self.rnn = layers[cell](1, UNITS, batch_first=True)
        self.out = torch.nn.Linear(UNITS, 1)

    def forward(self, x):
        sequence, _ = self.rnn(x)
        return self.out(sequence[:, -1, :])


def data():
    rng = random.Random(1)
    values = [math.sin(2 * math.pi * i / 25) + 0.3 * rng.gauss(0, 1) for i in range(WINDOWS + LOOKBACK)]
    x = torch.tensor([values[w:w + LOOKBACK] for w in range(WINDOWS)], dtype=torch.float32).unsqueeze(-1)
    y = torch.tensor([values[w + LOOKBACK] for w in range(WINDOWS)], dtype=torch.float32).unsqueeze(-1)
    return list(zip(x.split(BATCH), y.split(BATCH)))


def run(cell, batches, epochs):
    torch.manual_seed(1)
    net = Net(cell)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    started = time.perf_counter()
    cpu = time.thread_time()
    for _ in range(epochs):
        for x, y in batches:
            optimizer.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            optimizer.step()
    return WINDOWS * epochs / (time.perf_counter() - started), WINDOWS * epochs / (time.thread_time() - cpu)


def main():
    batches = data()
    for threads in (1, 2):
        torch.set_num_threads(threads)
        run("SIMPLE_RNN", batches, 1)  # warm-up
        for cell in ("LSTM", "SIMPLE_RNN", "GRU"):
            for repeat in range(REPEATS):
                wall, cpu = run(cell, batches, EPOCHS)
                print(json.dumps({"engine": "pytorch " + torch.__version__, "variant": "plain", "model": cell,
                                  "threads": threads, "repeat": repeat, "windowsPerSecond": round(wall, 1),
                                  "windowsPerCpuSecond": round(cpu, 1)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
