# Writes a probe set the way AccuracyBenchmark reads one: <folder>/data/<name>.csv and <folder>/manifest.csv.
import os


class ProbeSet:
    def __init__(self, out):
        self.out = out
        self.rows = []
        os.makedirs(out + "/data", exist_ok=True)

    def add(self, name, stamps, values, grid, m, h, group):
        """stamps: ISO dates (UTC midnight), one per value; grid: ISO-8601 step, e.g. P1W."""
        with open(f"{self.out}/data/{name}.csv", "w") as f:
            f.write("timestamp,value\n")
            for stamp, value in zip(stamps, values):
                f.write(f"{stamp}T00:00:00Z,{value:.3f}\n")
        self.rows.append(f"{name},data/{name}.csv,{grid},,false,{m},{h},{group}")

    def write_manifest(self):
        with open(f"{self.out}/manifest.csv", "w") as f:
            f.write("name,file,frequency,anchor,businessDays,m,h,group\n" + "\n".join(self.rows) + "\n")
