"""`make bench`: the whole pipeline against plain jieba segmentation, on 100 and 1000 generated documents.

    .venv/bin/python benchmarks/run.py [--sizes 100 1000] [--formats 60] [--keep DIR] [--profile]

For each size, in this one process: a corpus from benchmarks/make_corpus.py; a fresh warehouse
and Dagster instance built by `pipelines.run.refresh_all` (what `make run` calls: every asset,
every check, marts, charts, publish); the extraction alone (decode, split, place, extract, build
the fact frames: no Dagster, no DuckDB); jieba's default `lcut` over the same texts, in a fresh
interpreter with its dictionary loaded before timing; and one new document added through the sensor's
path (`pipelines.run.ingest_files`). Imports and the extractors' dictionaries are loaded once before
anything is timed (`startup_s`); each size's figures come from the same process run. Then the
formats leg (benchmarks/formats.py): the same N work reports as .txt, .docx, .pdf and one vendor
.xlsx, each read and extracted (`--formats 0` skips it). Prints the tables, then one line of JSON
(the largest size at top level, the formats leg under "formats").

Dagster's storage is the stock SQLite one in each size's fresh home; with GOVREPORTS_BENCH_PG_URL
(a Postgres database for the bench alone) it is Dagster's Postgres storage, as team mode has it.
Team mode's own variables are ignored: the bench never touches a team's storage or lake.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import formats  # noqa: E402
from benchmarks.make_corpus import generate_single, write_corpus, write_files  # noqa: E402
from pipelines import config  # noqa: E402


def _reset_peak_rss() -> None:
    """Linux: writing 5 to clear_refs resets the peak resident set (VmHWM) of this process."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extract_all(paths: list[Path], documents: list | None = None) -> dict[str, int]:
    """Text to fact frames as the pipeline's steps do it (same functions, same worker processes),
    without Dagster or DuckDB: rows per table. Each record goes to the splitter as the documents
    step sends it (assets.documents.record_texts: where its report starts, its metadata's hints).
    `documents`, when given, receives the documents found (PlacedDocument)."""
    from pipelines.defs.assets.facts import fact_rows
    from pipelines.defs.parallel import map_on_all_cores
    from pipelines.extract.documents import RecordText, documents_of_file, record_hints
    from pipelines.extract.facts import DocumentText
    from pipelines.extract.text import ingest_paths, split_lines
    from pipelines.warehouse.schema import TABLES
    from pipelines.warehouse.store import facts_frame

    files = [(f.source_file, [RecordText(r.record_id, r.text, r.body_start, record_hints(r) or None)
                              for r in f.records]) for f in ingest_paths(paths)]
    docs = []
    for (_, records), (found, _) in zip(files, map_on_all_cores(documents_of_file, files)):
        if documents is not None:
            documents.extend(found)
        lines = {r.record_id: split_lines(r.text) for r in records}
        docs += [DocumentText(d.doc_id, d.doc_type, d.city_code, d.doc_date, d.report_year, d.plan_year,
                              d.line_start, lines[d.source_record][d.line_start - 1: d.line_end]) for d in found]
    rows: dict[str, list[tuple]] = {}
    for found in map_on_all_cores(fact_rows, docs):
        for table, table_rows in found.items():
            rows.setdefault(table, []).extend(table_rows)
    return {t: facts_frame(TABLES[t], r).height for t, r in rows.items()}


BENCH_PG_VAR = "GOVREPORTS_BENCH_PG_URL"


def bench_storage() -> str:
    """Keep the bench off a team's storage: its runs would replace the team's file partitions with
    the bench corpus's and publish to the team's lake. Team mode's variables are dropped from this
    process; GOVREPORTS_BENCH_PG_URL (a database for the bench alone) gives Dagster's Postgres storage."""
    for var in (config.DAGSTER_PG_VAR, config.DUCKLAKE_CATALOG_VAR, config.DUCKLAKE_DATA_VAR):
        os.environ.pop(var, None)
    url = os.environ.pop(BENCH_PG_VAR, "").strip()
    if url:
        os.environ[config.DAGSTER_PG_VAR] = url
        return "Dagster's Postgres storage (GOVREPORTS_BENCH_PG_URL)"
    return "Dagster's stock SQLite storage"


def jieba_seconds(paths: list[Path]) -> float:
    """Plain jieba (`lcut`, its default dictionary and HMM) over the same files, timed in a fresh
    interpreter that imports nothing else: its dictionary, loaded before the clock starts, is no part
    of the pipeline's memory (the pipeline never loads jieba's global tokenizer), and the pipeline's
    heap is no part of its garbage collections (a forked child would walk it)."""
    done = subprocess.run([sys.executable, "-c", _TIME_JIEBA], input="\n".join(map(str, paths)),
                          capture_output=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        raise SystemExit(f"timing plain jieba failed:\n{done.stderr}")
    return float(done.stdout.split()[-1])


_TIME_JIEBA = """
import sys, time
import jieba
jieba.setLogLevel(60)
jieba.initialize()
texts = [open(p, encoding="utf-8").read() for p in sys.stdin.buffer.read().decode("utf-8").splitlines()]
started = time.perf_counter()
for text in texts:
    jieba.lcut(text)
print(time.perf_counter() - started)
"""


def timed(fn, *args):
    started = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - started


def measure(n: int, root: Path, templates: Path, profile: bool) -> dict:
    import dagster as dg

    from pipelines.run import ingest_files, refresh_all

    seeds, home = root / "seeds", root / "dagster_home"
    warehouse = root / "warehouse" / "govreports.duckdb"
    # The project's instance settings, as make run uses them: stock SQLite storage, or Dagster's
    # Postgres storage at GOVREPORTS_BENCH_PG_URL (see bench_storage).
    home = config.prepare_dagster_home(home)
    paths = write_corpus(n, seeds, templates)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    os.environ.update(GOVREPORTS_SEEDS=str(seeds), GOVREPORTS_WAREHOUSE=str(warehouse), DAGSTER_HOME=str(home))

    _reset_peak_rss()
    with dg.DagsterInstance.get() as instance:  # DAGSTER_HOME, as make run opens it
        result, pipeline_s = timed(refresh_all, instance)
        if not result.success:
            raise SystemExit(f"the pipeline run failed on {n} documents: see {home}")
        (extra,) = write_files([generate_single(n, templates)], seeds)  # a document the warehouse has not seen
        (inc,), incremental_s = timed(ingest_files, instance, [extra.name])
        if not inc.success:
            raise SystemExit(f"the incremental run failed on {extra.name}")
    peak = _peak_rss_mb()
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
    rows, extract_s = timed(extract_all, paths)
    if profile:
        profiler.disable()
        print(f"\n--- profile of the extraction, {n} documents (cumulative time, top 25) ---")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    jieba_s = jieba_seconds(paths)
    return {"docs": n, "files": len(paths), "mb": round(mb, 2), "pipeline_s": round(pipeline_s, 2), "extract_s": round(extract_s, 2),
            "jieba_s": round(jieba_s, 2), "extract_vs_jieba": round(jieba_s / extract_s, 2),
            "pipeline_vs_jieba": round(jieba_s / pipeline_s, 2), "peak_rss_mb": round(peak),
            "incremental_s": round(incremental_s, 2), "incremental_ratio": round(incremental_s / pipeline_s, 4),
            "fact_rows": sum(rows.values())}


def warm_up() -> float:
    """Imports and dictionaries every size needs, loaded once before timing."""
    started = time.perf_counter()
    import great_expectations  # noqa: F401  (the checks import it on first use)

    import pipelines.definitions  # noqa: F401
    from pipelines.extract.documents.regions import default_index
    from pipelines.extract.facts import warm_up as warm_extraction

    default_index()
    warm_extraction()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--formats", type=int, default=formats.DEFAULT_REPORTS, metavar="N",
                    help="work reports in the formats leg (default %(default)s; 0: no formats leg)")
    ap.add_argument("--keep", type=Path, help="build the corpora and warehouses here and keep them")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the extraction (and of the readers)")
    args = ap.parse_args()

    templates = config.seeds_dir()  # read before each size points GOVREPORTS_SEEDS at its corpus
    storage = bench_storage()  # before warm_up: the definitions read the storage settings on import
    startup_s = warm_up()
    with tempfile.TemporaryDirectory(prefix="govreports-bench-") as tmp:
        base = args.keep or Path(tmp)
        figures = [measure(n, base / f"n{n}", templates, args.profile) for n in args.sizes]
        by_format = (formats.measure(args.formats, base / "formats", templates, args.profile, extract_all)
                     if args.formats else None)
    small, large = figures[0], figures[-1]
    large["per_mb_ratio"] = round((large["pipeline_s"] / large["mb"]) / (small["pipeline_s"] / small["mb"]), 3)
    large["startup_s"] = round(startup_s, 2)

    cols = ["docs", "mb", "pipeline_s", "extract_s", "jieba_s", "extract_vs_jieba", "pipeline_vs_jieba",
            "peak_rss_mb", "incremental_s", "incremental_ratio"]
    print(f"\nDagster storage: {storage}")
    print(f"templates: {templates}   start-up (imports, dictionaries; once, not timed below): {startup_s:.1f} s")
    print(" | ".join(f"{c:>{max(len(c), 6)}}" for c in cols))
    for f in figures:
        print(" | ".join(f"{f[c]:>{max(len(c), 6)}}" for c in cols))
    print(f"per_mb_ratio (pipeline seconds per MB at {large['docs']} ÷ at {small['docs']}): {large['per_mb_ratio']}")
    if by_format:
        formats.print_table(by_format)
    print(json.dumps({**large, "sizes": {f["docs"]: f for f in figures}, "formats": by_format}, ensure_ascii=False))


if __name__ == "__main__":
    main()
