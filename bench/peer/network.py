"""The networks tsforge serves, in PyTorch: an LSTM and a linear output with tsforge's trained weights and
normaliser (bench/peer/README). StatefulLstm (STANDARDIZE, rollout STATEFUL) runs the window once, then one step per
forecast value, the recurrent state carried. AnchoredSlidingLstm (LAST_VALUE, rollout SLIDING: what AUTO's networks
serve) runs the last `lookback` values from a zero state for every forecast value, each window made relative to its
own last value. Both send all windows of a request through the same passes."""
import json

import numpy as np
import torch


class Lstm:
    def __init__(self, path):
        with open(path) as source:
            weights = json.load(source)
        input_weights = torch.tensor(weights["inputWeights"], dtype=torch.float32)          # [inputs, 4n]
        recurrent_weights = torch.tensor(weights["recurrentWeights"], dtype=torch.float32)  # [n, 4n]
        hidden = recurrent_weights.shape[0]
        self.lstm = torch.nn.LSTM(input_weights.shape[0], hidden, batch_first=True)
        self.output = torch.nn.Linear(hidden, 1)
        with torch.no_grad():
            # both sides order the gates i, f, g, o; tsforge has one bias where PyTorch adds two
            self.lstm.weight_ih_l0.copy_(input_weights.T)
            self.lstm.weight_hh_l0.copy_(recurrent_weights.T)
            self.lstm.bias_ih_l0.copy_(torch.tensor(weights["bias"], dtype=torch.float32))
            self.lstm.bias_hh_l0.zero_()
            self.output.weight.copy_(torch.tensor(weights["outputWeights"], dtype=torch.float32).T)
            self.output.bias.copy_(torch.tensor(weights["outputBias"], dtype=torch.float32))
        self.lstm.eval()
        self.output.eval()
        nonzero = lambda values: [1.0 if v == 0 else v for v in values]
        self.feature_mean = weights["featureMean"][0]
        self.feature_std = nonzero(weights["featureStd"])[0]
        self.label_mean = weights["labelMean"][0]
        self.label_std = nonzero(weights["labelStd"])[0]


class StatefulLstm(Lstm):
    def forecast(self, windows, horizon):
        """windows: [count, lookback] values, oldest first; returns [count, horizon] forecasts (float64)."""
        scaled = (np.asarray(windows, dtype=np.float64) - self.feature_mean) / self.feature_std
        x = torch.from_numpy(scaled.astype(np.float32)).unsqueeze(2)
        values = []
        with torch.inference_mode():
            _, state = self.lstm(x)
            for step in range(horizon):
                value = self.output(state[0][-1]).double() * self.label_std + self.label_mean
                values.append(value)
                if step + 1 == horizon:
                    break
                fed = ((value - self.feature_mean) / self.feature_std).float().unsqueeze(2)
                _, state = self.lstm(fed, state)
        return torch.cat(values, dim=1).numpy()


class AnchoredSlidingLstm(Lstm):
    def forecast(self, windows, horizon):
        """windows: [count, lookback] values, oldest first; returns [count, horizon] forecasts (float64)."""
        window = torch.from_numpy(np.asarray(windows, dtype=np.float64))
        values = []
        with torch.inference_mode():
            for _ in range(horizon):
                anchor = window[:, -1:]
                x = ((window - anchor - self.feature_mean) / self.feature_std).float().unsqueeze(2)
                out, _ = self.lstm(x)
                value = self.output(out[:, -1]).double() * self.label_std + self.label_mean + anchor
                values.append(value)
                window = torch.cat([window[:, 1:], value], dim=1)
        return torch.cat(values, dim=1).numpy()
