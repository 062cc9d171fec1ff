"""Measures Python's pickle on the row shape of RowBenchmark: the rides as a list of tuples
(datetime, lat, lon, base) and as a columnar table of numpy arrays (what a pandas frame holds).

Prints JSON: for each row count, the mean milliseconds of pickle.dumps and pickle.loads of each form.
"""
import datetime
import json
import pickle
import random

import numpy as np

from pickle_table import mean_ms

COUNTS = (200_000, 2_000_000)
RUNS = 5


def tuples(count):
    rng = random.Random(42)
    bases = ["B02512", "B02598", "B02617", "B02682", "B02764"]
    start = datetime.datetime(2014, 4, 1)
    return [(start + datetime.timedelta(seconds=rng.randrange(30 * 86_400)), 40.5 + rng.random() * 0.5,
             -74.2 + rng.random() * 0.5, bases[rng.randrange(5)]) for _ in range(count)]


def columns(rows):
    return {
        "picked_up_at": np.array([row[0] for row in rows], dtype="datetime64[s]"),
        "lat": np.array([row[1] for row in rows]),
        "lon": np.array([row[2] for row in rows]),
        "base": np.array([row[3] for row in rows]),
    }


def measure(value):
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return {
        "dumps_ms": mean_ms(lambda: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), RUNS),
        "loads_ms": mean_ms(lambda: pickle.loads(data), RUNS),
        "bytes": len(data),
    }


def main():
    results = {}
    for count in COUNTS:
        rows = tuples(count)
        results[str(count)] = {"tuples": measure(rows), "columns": measure(columns(rows))}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
