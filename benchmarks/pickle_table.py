"""Measures Python's copy mechanism (pickle of numpy arrays) on the table shape of TableBenchmark.

Prints JSON: rows, the pickled size, and the mean milliseconds of pickle.dumps, pickle.loads, and
pickle.load from a file (Streamlit's disk path), the file being in the page cache as in
DiskHitBenchmark.
"""
import json
import os
import pickle
import statistics
import tempfile
import time

import numpy as np

ROWS = 10_000_000
RUNS = 10


def table(rows):
    index = np.arange(rows)
    return {
        "lat": 40.7 + (index % 1000) * 1e-4,
        "lon": -73.9 - (index % 997) * 1e-4,
        "time": 1_409_529_600_000 + index.astype(np.int64) * 1000,
        "base": (index % 5).astype(np.int32),
    }


def mean_ms(action, runs=RUNS):
    action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.mean(samples)


def main():
    columns = table(ROWS)
    data = pickle.dumps(columns, protocol=pickle.HIGHEST_PROTOCOL)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "table.pickle")
        with open(path, "wb") as file:
            file.write(data)

        def load_file():
            with open(path, "rb") as file:
                return pickle.load(file)

        load_file_ms = mean_ms(load_file)
    print(json.dumps({
        "rows": ROWS,
        "bytes": len(data),
        "numpy": np.__version__,
        "dumps_ms": mean_ms(lambda: pickle.dumps(columns, protocol=pickle.HIGHEST_PROTOCOL)),
        "loads_ms": mean_ms(lambda: pickle.loads(data)),
        "load_file_ms": load_file_ms,
    }, indent=2))


if __name__ == "__main__":
    main()
