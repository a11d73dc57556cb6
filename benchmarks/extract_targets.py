"""Time target extraction on a folder of reports, outside Dagster: text in, target records out.

    .venv/bin/python benchmarks/extract_targets.py [SEEDS_DIR] [--repeat N]

Prints one line per stage and a last line of JSON.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipelines import config
from pipelines.extract.documents.regions import default_index
from pipelines.extract.documents.split import build_documents
from pipelines.extract.facts.targets import extract_targets, segmenter
from pipelines.extract.text.ingest import ingest_folder
from pipelines.extract.text.textmap import map_lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("seeds", nargs="?", default=str(config.seeds_dir()))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    t0 = time.perf_counter()
    default_index()
    segmenter().lcut("地区生产总值")  # jieba's dictionary load, paid once per process
    warm = time.perf_counter() - t0

    records = [r for r in ingest_folder(Path(args.seeds)) if r.status == "ok"]
    docs = [d for r in records for d in build_documents(r.source_file, r.text, default_index())]
    reports = [d for d in docs if d.doc_type == "work_report"]
    chars = sum(len(d.text) for d in reports)

    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        n = 0
        for d in reports:
            found, _ = extract_targets(map_lines(d.text.split("\n"), d.line_start), d.plan_year)
            n += len(found)
        best = min(best, time.perf_counter() - t)
    print(f"start-up (division index + jieba dictionary): {warm:.3f} s")
    print(f"work reports: {len(reports)} ({chars / 1e6:.2f} M chars); targets: {n}")
    print(f"target extraction, best of {args.repeat}: {best:.3f} s ({chars / 1e6 / best:.1f} M chars/s)")
    print(json.dumps({"reports": len(reports), "targets": n, "chars": chars, "extract_s": round(best, 4),
                      "startup_s": round(warm, 3)}))


if __name__ == "__main__":
    main()
