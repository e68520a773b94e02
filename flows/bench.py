"""`make bench`: extraction, validation and load throughput on the bundled samples (no Prefect)."""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from extractors import EXTRACTOR_VERSION, extract, load_pipeline
from flows.cli import format_table
from flows.sources import read_sources
from schemas import Article, validate_events

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LOAD_BATCH = 100


def repeat_articles(articles: Sequence[Article], *, at_least: int) -> list[Article]:
    """The articles repeated (with distinct ids) until there are at least ``at_least`` of them."""
    if not articles:
        raise ValueError("no articles to benchmark")
    out = list(articles)
    copy = 1
    while len(out) < at_least:
        out += [a.model_copy(update={"id": f"{a.id}~{copy}"}) for a in articles]
        copy += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its table on stdout."""
    parser = argparse.ArgumentParser(prog="python -m flows.bench", description=__doc__)
    parser.add_argument("--samples", default=str(SAMPLES), help="source folder or file (default: samples/)")
    parser.add_argument("--articles", type=int, default=200, help="repeat the samples to at least this many")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy worker processes (default: 1)")
    args = parser.parse_args(argv)

    from warehouse import connect, finish_run, load_batch, start_run

    sources, rejections = read_sources([args.samples])
    articles = repeat_articles(sources, at_least=args.articles)

    started = time.perf_counter()
    nlp = load_pipeline()
    load_model_s = time.perf_counter() - started
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(a.text for a in articles))

    started = time.perf_counter()
    results = list(extract(articles, nlp=nlp, n_process=args.n_process))
    extract_s = time.perf_counter() - started
    payloads = [p for r in results for p in r.payloads]
    failed = sum(len(r.rejections) for r in results)

    started = time.perf_counter()
    events, invalid = validate_events(payloads)
    validate_s = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="conflict-events-bench-") as tmp:
        started = time.perf_counter()
        con = connect(Path(tmp) / "bench.duckdb")
        try:
            run_id = start_run(con, extractor_version=EXTRACTOR_VERSION, sources=[args.samples])
            for start in range(0, len(articles), LOAD_BATCH):
                batch = articles[start : start + LOAD_BATCH]
                ids = {a.id for a in batch}
                load_batch(
                    con,
                    run_id=run_id,
                    articles=batch,
                    events=[e for e in events if e.article_id in ids],
                    rejections=[*invalid, *rejections] if start == 0 else [],
                )
            finish_run(con, run_id, status="succeeded", counts={"articles_read": len(articles)})
        finally:
            con.close()
        load_s = time.perf_counter() - started

    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    rows = [
        ("articles", f"{len(articles)} ({len(sources)} distinct)"),
        ("tokens", f"{tokens:,}"),
        ("model load", f"{load_model_s:.2f} s"),
        ("extract", f"{extract_s:.2f} s"),
        ("  articles/s", f"{len(articles) / extract_s:.1f}"),
        ("  tokens/s", f"{tokens / extract_s:,.0f}"),
        ("  events/s", f"{len(events) / extract_s:.1f}"),
        ("events", f"{len(payloads)} found, {len(events)} valid, {len(invalid)} invalid"),
        ("articles failed", f"{failed}"),
        ("validate", f"{validate_s:.3f} s"),
        ("load (DuckDB)", f"{load_s:.3f} s for {len(articles)} articles + {len(events)} events"),
        ("peak RSS", f"{peak_rss_mib:.0f} MiB"),
    ]
    print(f"conflict-events bench (extractor {EXTRACTOR_VERSION}, n_process={args.n_process})")
    print(format_table(["measure", "value"], rows, header=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
