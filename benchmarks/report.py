"""Turns the JSON results of benchmarks/run.sh into the README's performance table.

Usage: python3 benchmarks/report.py benchmarks/results README.md
       python3 benchmarks/report.py --merge NEW.json INTO.json   (replace INTO's results of the same benchmarks)
Every number in the table is a ratio of two measurements taken in the same run, or a value read
directly from one; the targets are the project's performance goals.
"""
import json
import pathlib
import sys

START = "<!-- benchmarks:start -->"
END = "<!-- benchmarks:end -->"
NS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6}


def load(path):
    results = {}
    for entry in json.loads(path.read_text()):
        name = entry["benchmark"].rsplit(".", 2)
        key = name[-2] + "." + name[-1]
        if entry.get("params"):
            key += "[" + ",".join(entry["params"].values()) + "]"
        results[key] = entry
    return results


def nanos(entry):
    metric = entry["primaryMetric"]
    return metric["score"] * NS[metric["scoreUnit"]]


def allocated(entry):
    return entry["secondaryMetrics"]["gc.alloc.rate.norm"]["score"]


def main(results_dir, readme):
    results_dir = pathlib.Path(results_dir)
    hits = load(results_dir / "hits.json")
    table = load(results_dir / "table.json")
    one = load(results_dir / "scaling-1.json")["HitScalingBenchmark.resourceHit"]["primaryMetric"]["score"]
    two = load(results_dir / "scaling-2.json")["HitScalingBenchmark.resourceHit"]["primaryMetric"]["score"]
    pickle = json.loads((results_dir / "pickle.json").read_text())
    jvm = (results_dir / "jvm.txt").read_text().strip()
    footprint = json.loads((results_dir / "footprint.json").read_text())
    disk = load(results_dir / "disk.json")
    redis = load(results_dir / "redis.json")
    redis_bytes = json.loads((results_dir / "redis-bytes.json").read_text())

    def fmt(nanoseconds):
        if nanoseconds >= 1e6:
            return f"{nanoseconds / 1e6:.0f} ms"
        return f"{nanoseconds / 1e3:.0f} µs"

    def t(name):
        return nanos(hits[name])

    rows = []

    def row(what, measured, target, met):
        rows.append(f"| {what} | {measured} | {target} | {'yes' if met else 'no'} |")

    for shape in ["None", "String", "StringIntLong", "Record"]:
        ratio = t(f"ResourceHitBenchmark.spring{shape}") / t(f"ResourceHitBenchmark.duocache{shape}")
        row(f"resource hit, args {shape}: `@Cacheable`+Caffeine time ÷ Duocache time",
            f"{ratio:.2f}× ({t(f'ResourceHitBenchmark.duocache{shape}'):.0f} ns vs "
            f"{t(f'ResourceHitBenchmark.spring{shape}'):.0f} ns)", "≥ 5×", ratio >= 5)
    alloc = allocated(hits["ResourceHitBenchmark.duocacheString"])
    row("resource hit, (String): bytes allocated per hit", f"{alloc:.0f} B", "≤ 96 B", alloc <= 96)
    ratio = t("KeyBenchmark.duocacheStringIntLong") / t("KeyBenchmark.simpleKeyStringIntLong")
    row("key for (String, int, long): Duocache ÷ `SimpleKey`", f"{ratio:.2f}×", "≤ 2×", ratio <= 2)
    ratio = t("DataHitBenchmark.duocacheHit[person]") / t("DataHitBenchmark.smileRead[person]")
    row("data hit, 0.5 KB POJO: Duocache ÷ bare Smile read", f"{ratio:.2f}×", "≤ 1.10×", ratio <= 1.10)
    ratio = t("DataHitBenchmark.javaSerializationCopy[person]") / t("DataHitBenchmark.duocacheHit[person]")
    row("data hit, 0.5 KB POJO: Java-serialization copy ÷ Duocache", f"{ratio:.2f}×", "≥ 5×", ratio >= 5)
    ratio = t("DataHitBenchmark.duocacheHit[team]") / t("DataHitBenchmark.smileRead[team]")
    row("data hit, 32 KB: Duocache ÷ bare Smile read", f"{ratio:.2f}×", "—", True)
    ratio = t("DataHitBenchmark.duocacheImmutableRecord[person]") / t("ResourceHitBenchmark.duocacheString")
    row("data hit, immutable record ÷ resource hit", f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5)
    share = t("DataHitBenchmark.arrayClone[series]") / t("DataHitBenchmark.duocacheHit[series]")
    row("data hit, 1 MB array-heavy: share of `clone` bandwidth", f"{share * 100:.0f} %", "≥ 25 %", share >= 0.25)
    table_hit = nanos(table["TableBenchmark.duocacheHit[10000000]"]) / 1e6
    ratio = table_hit / pickle["loads_ms"]
    row("10M × 4 table hit ÷ numpy `pickle.loads`",
        f"{ratio:.2f}× ({table_hit:.0f} ms vs {pickle['loads_ms']:.0f} ms)", "≤ 1.0×", ratio <= 1.0)
    first = nanos(table["TableBenchmark.duocacheFirstRun[10000000]"]) / 1e6
    compute = nanos(table["TableBenchmark.computeOnly[10000000]"]) / 1e6
    ratio = (first - compute) / pickle["dumps_ms"]
    row("10M × 4 table first run: overhead over the computation ÷ numpy `pickle.dumps`",
        f"{ratio:.2f}× ({first - compute:.0f} ms vs {pickle['dumps_ms']:.0f} ms)", "≤ 2×", ratio <= 2)
    rows_results = {**load(results_dir / "rows-record.json"), **load(results_dir / "rows-pojo.json")}
    pickle_rows = json.loads((results_dir / "pickle-rows.json").read_text())

    def w(name, count, shape):
        return nanos(rows_results[f"RowBenchmark.{name}[{count},{shape}]"])

    for count, label in [(200000, "200k"), (2000000, "2M")]:
        hit = w("duocacheHit", count, "record")
        floor = w("arrayListCopy", count, "record")
        row(f"data hit, `List` of {label} records: Duocache ÷ `new ArrayList<>(list)`",
            f"{hit / floor:.2f}× ({fmt(hit)} vs {fmt(floor)})", "≤ 2×", hit / floor <= 2)
        loads = pickle_rows[str(count)]["tuples"]["loads_ms"] * 1e6
        columns = pickle_rows[str(count)]["columns"]["loads_ms"] * 1e6
        row(f"data hit, `List` of {label} records ÷ `pickle.loads` of the rows as tuples",
            f"{hit / loads:.3f}× (tuples {fmt(loads)}; numpy columns {fmt(columns)})", "≤ 0.1×", hit / loads <= 0.1)
        smile = w("smileRead", count, "record")
        java = w("javaSerializationCopy", count, "record")
        row(f"data hit, `List` of {label} records: bare Smile read, Java-serialization copy",
            f"{fmt(smile)}, {fmt(java)}", "—", True)
    hit = w("duocacheHit", 200000, "pojo")
    smile = w("smileRead", 200000, "pojo")
    row("data hit, `List` of 200k mutable objects: Duocache ÷ bare Smile read",
        f"{hit / smile:.2f}× ({fmt(hit)} vs {fmt(smile)})", "≤ 1.0×", hit / smile <= 1.0)
    for count, label in [(200000, "200k"), (2000000, "2M")]:
        overhead = w("duocacheMiss", count, "record") - w("computeOnly", count, "record")
        write = w("smileWrite", count, "record")
        target = count == 200000
        row(f"data miss, `List` of {label} records: overhead over the computation ÷ one Smile write",
            f"{overhead / write:.2f}× ({fmt(overhead)} vs {fmt(write)})", "≤ 1.5×" if target else "—",
            overhead / write <= 1.5 or not target)
    jpa = load(results_dir / "jpa.json")

    def j(name):
        return nanos(jpa[f"JpaBenchmark.{name}"])

    hit, query, smile = j("duocacheListHit"), j("h2Query"), j("smileReadList")
    row("JPA hit, `List` of 1,000 entities with a set of 3 each: the same query on H2 ÷ Duocache",
        f"{query / hit:.1f}× ({fmt(hit)} vs {fmt(query)})", "≥ 20×", query / hit >= 20)
    row("JPA hit, `List` of 1,000 entities with a set of 3 each: Duocache ÷ bare Smile read",
        f"{hit / smile:.2f}× ({fmt(hit)} vs {fmt(smile)})", "≤ 1.0×", hit / smile <= 1.0)
    hit, smile = j("duocachePageHit"), j("smileReadPage")
    row("JPA hit, `Page` of 20 entities: Duocache ÷ bare Smile read",
        f"{hit / smile:.2f}× ({fmt(hit)} vs {fmt(smile)})", "≤ 1.0×", hit / smile <= 1.0)
    mac_path = results_dir / "mac.json"
    if mac_path.exists():
        macs = {}
        for entry in json.loads(mac_path.read_text()):
            macs[(entry["benchmark"].rsplit(".", 1)[1], entry["params"]["bytes"])] = nanos(entry)
        for size, label in [("1048576", "1 MB"), ("67108864", "64 MB")]:
            seal, hmac = macs[("entrySigner", size)], macs[("hmacSha256", size)]
            others = ", ".join(f"{name} {fmt(macs[(name, size)])}" for name in ["aesGmac", "poly1305"]
                               if (name, size) in macs)
            row(f"seal of a {label} entry: HMAC-SHA256 ÷ Duocache's AES-GCM seal",
                f"{hmac / seal:.2f}× ({fmt(seal)} vs {fmt(hmac)}; {others})", "> 1×", hmac / seal > 1)
    entities_path = results_dir / "entities.json"
    if entities_path.exists():
        entities = load(entities_path)

        def e(name):
            return nanos(entities[name])

        recording, plain = e("EntityTrackingBenchmark.missRecording"), e("EntityTrackingBenchmark.missNotRecording")
        row("JPA miss, 1,000 owners with 3 pets each (4,003 entities): recording their dependencies ÷ not",
            f"{recording / plain:.2f}× ({fmt(recording)} vs {fmt(plain)})", "—", True)
        tracked, untracked = e("EntityCommitBenchmark.commitTracked"), e("EntityCommitBenchmark.commitNotTracked")
        row("JPA commit renaming one owner, 999 recorded entries over owners: tracked ÷ not",
            f"{tracked / untracked:.2f}× ({fmt(tracked)} vs {fmt(untracked)})", "—", True)
    ratio = two / one
    row("2-thread resource-hit throughput ÷ 1 thread", f"{ratio:.2f}×", "≥ 1.8×", ratio >= 1.8)
    loads = footprint["loadsPerContendedKey"]
    row(f"loads per key when 2 threads ask for it at once ({footprint['contendedKeys']} keys)", f"{loads:.4f}",
        "exactly 1", loads == 1.0)
    for tier in ["data", "resource"]:
        extra = footprint[f"{tier}BytesPerEntryBeyondPayload"]
        row(f"memory per {tier} entry beyond its payload (JOL)", f"{extra} B", "≤ 128 B", extra <= 128)
    ratio = t("MissBenchmark.duocacheMiss") / t("MissBenchmark.smileWrite")
    row("data miss path ÷ Smile write, 0.5 KB POJO", f"{ratio:.2f}×", "—", True)

    def d(name):
        return nanos(disk[name])

    for payload, label in [("person", "0.5 KB POJO"), ("series", "1 MB array-heavy"), ("table", "10M × 4 table")]:
        hit = d(f"DiskHitBenchmark.duocacheDiskHit[{payload}]")
        raw = d(f"DiskHitBenchmark.readAllBytes[{payload}]")
        ehcache = d(f"DiskHitBenchmark.ehcacheDiskHit[{payload}]")
        share = raw / hit
        big = payload != "person"
        row(f"disk hit, {label}: share of raw `Files.readAllBytes` bandwidth",
            f"{share * 100:.0f} % ({fmt(hit)} vs {fmt(raw)})", "≥ 50 %" if big else "—", share >= 0.5 or not big)
        row(f"disk hit, {label}: Ehcache 3 disk tier ÷ Duocache", f"{ehcache / hit:.2f}× ({fmt(ehcache)})", "—", True)
    def r(name):
        return nanos(redis[name])

    for payload, label in [("person", "0.5 KB POJO"), ("list", "100 KB list")]:
        hit = r(f"RedisHitBenchmark.duocacheRedisHit[{payload}]")
        json_hit = r(f"RedisHitBenchmark.springJsonHit[{payload}]")
        jdk_hit = r(f"RedisHitBenchmark.springJdkHit[{payload}]")
        ratio = json_hit / hit
        row(f"Redis-tier hit, {label}: Spring `RedisCacheManager` (Jackson JSON) ÷ Duocache",
            f"{ratio:.2f}× ({fmt(hit)} vs {fmt(json_hit)}; JDK serialization {fmt(jdk_hit)})", "≥ 1.5×", ratio >= 1.5)
        sizes = redis_bytes[payload]
        row(f"bytes stored in Redis per entry, {label}",
            f"Duocache {sizes['duocache']} B, JSON {sizes['springJson']} B, JDK {sizes['springJdk']} B", "—", True)
        ratio = r(f"RedisHitBenchmark.duocacheMemoryHitOfRedisCache[{payload}]") / \
            r(f"RedisHitBenchmark.duocacheMemoryHitOfMemoryCache[{payload}]")
        row(f"memory hit of a REDIS cache ÷ memory-only cache, {label}", f"{ratio:.2f}×", "≤ 1.05×", ratio <= 1.05)
    cluster_file = results_dir / "redis-cluster.json"
    if cluster_file.exists():
        cluster = load(cluster_file)
        for payload, label in [("person", "0.5 KB POJO"), ("list", "100 KB list")]:
            hit = nanos(cluster[f"RedisHitBenchmark.duocacheRedisHit[{payload}]"])
            json_hit = nanos(cluster[f"RedisHitBenchmark.springJsonHit[{payload}]"])
            ratio = json_hit / hit
            row(f"Redis-tier hit on a 3-master Redis Cluster, {label}: Spring (Jackson JSON) ÷ Duocache",
                f"{ratio:.2f}× ({fmt(hit)} vs {fmt(json_hit)})", "≥ 1.5×", ratio >= 1.5)
    table_disk = d("DiskHitBenchmark.duocacheDiskHit[table]") / 1e6
    ratio = table_disk / pickle["load_file_ms"]
    row("disk hit, 10M × 4 table ÷ numpy `pickle.load` from a file",
        f"{ratio:.2f}× ({table_disk:.0f} ms vs {pickle['load_file_ms']:.0f} ms)", "≤ 1.0×", ratio <= 1.0)

    block = "\n".join([
        START,
        f"Measured with `benchmarks/run.sh` on {jvm}, 2 cores; every ratio compares two results of the same run.",
        "",
        "| measurement | result | target | met |",
        "|---|---|---|---|",
        *rows,
        END,
    ])
    path = pathlib.Path(readme)
    text = path.read_text()
    if START in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
    print(block)


def merge(new_path, into_path):
    new = json.loads(pathlib.Path(new_path).read_text())
    replaced = {(entry["benchmark"], json.dumps(entry.get("params"), sort_keys=True)) for entry in new}
    old = json.loads(pathlib.Path(into_path).read_text())
    kept = [entry for entry in old
            if (entry["benchmark"], json.dumps(entry.get("params"), sort_keys=True)) not in replaced]
    pathlib.Path(into_path).write_text(json.dumps(kept + new, indent=2))


if __name__ == "__main__":
    if sys.argv[1] == "--merge":
        merge(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2])
