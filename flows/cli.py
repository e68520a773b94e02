"""The conflict-events command line: run the flow (on paths or a sources file), serve it on schedules,
reprocess stored articles, show the last runs, extract to JSON Lines, query and export the warehouse,
evaluate the extractor against the gold set."""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from extractors import EXTRACTOR_VERSION
from extractors.evaluation import SPLITS
from flows.config import DEFAULT_SOURCES_FILE
from flows.settings import DEFAULT_DB, configure_prefect_env
from flows.sources import read_sources
from schemas import Rejection

# Heavy imports (prefect, duckdb, spaCy) happen inside the commands that need them, so `extract` stays light.

PROG = "conflict-events"
DEFAULT_ARTICLES = "samples"
TOP_LOCATIONS = 15
REASON_WIDTH = 200


def package_version() -> str:
    """The installed package's version."""
    try:
        return version(PROG)
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="News articles in, ACLED-style conflict events out (offline)."
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {package_version()} (extractor {EXTRACTOR_VERSION})"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    source_help = ".txt file, .jsonl file, directory of them, or - for JSON Lines on stdin"

    run = commands.add_parser(
        "run", help="run the Prefect flow once: read sources, extract events, load them into DuckDB"
    )
    run.add_argument("paths", nargs="*", metavar="SOURCE", help=source_help)
    run.add_argument(
        "--sources",
        metavar="FILE",
        help=f"read the sources of a sources file (e.g. {DEFAULT_SOURCES_FILE}) instead of SOURCE paths",
    )
    run.add_argument(
        "--source",
        action="append",
        dest="names",
        metavar="NAME",
        help="with --sources: only this source (repeatable; default: every source in the file)",
    )
    run.add_argument("--db", help=f"DuckDB file (default: the sources file's db, else {DEFAULT_DB})")
    run.add_argument("--batch-size", type=_positive_int, default=100, help="articles per task (default: 100)")
    run.add_argument(
        "--force", action="store_true", help="code every article, even those unchanged since last coded"
    )
    run.add_argument("-v", "--verbose", action="store_true", help="show Prefect's INFO logs on stderr")
    run.set_defaults(handler=_cmd_run)

    serve = commands.add_parser(
        "serve", help="serve one Prefect deployment per source, on the cron schedules of the sources file"
    )
    serve.add_argument(
        "--sources", default=DEFAULT_SOURCES_FILE, metavar="FILE", help=f"default: {DEFAULT_SOURCES_FILE}"
    )
    serve.add_argument("--source", action="append", dest="names", metavar="NAME", help="only this source")
    serve.add_argument("--db", help=f"DuckDB file (default: the sources file's db, else {DEFAULT_DB})")
    serve.set_defaults(handler=_cmd_serve)

    reprocess = commands.add_parser(
        "reprocess", help="code stored articles again with this extractor version and replace their events"
    )
    reprocess.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB file (default: {DEFAULT_DB})")
    reprocess.add_argument(
        "--since",
        type=_iso_date,
        metavar="DATE",
        help="only articles published (or, undated, first seen) on or after DATE (YYYY-MM-DD)",
    )
    reprocess.add_argument(
        "--all",
        action="store_true",
        dest="every",
        help="every stored article, not only those an older extractor version coded",
    )
    reprocess.add_argument(
        "--batch-size", type=_positive_int, default=100, help="articles per task (default: 100)"
    )
    reprocess.add_argument("-v", "--verbose", action="store_true", help="show Prefect's INFO logs on stderr")
    reprocess.set_defaults(handler=_cmd_reprocess)

    status = commands.add_parser(
        "status", help="the last runs: counts per stage, durations, extractor version"
    )
    status.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB file (default: {DEFAULT_DB})")
    status.add_argument("-n", "--limit", type=_positive_int, default=10, help="runs to show (default: 10)")
    status.add_argument("--json", action="store_true", help="print the runs as JSON")
    status.set_defaults(handler=_cmd_status)

    extract = commands.add_parser("extract", help="print valid events as JSON Lines; no database, no Prefect")
    extract.add_argument("sources", nargs="+", metavar="SOURCE", help=source_help)
    extract.set_defaults(handler=_cmd_extract)

    query = commands.add_parser("query", help="run one read-only SQL statement against the warehouse")
    query.add_argument("sql", metavar="SQL")
    query.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB file (default: {DEFAULT_DB})")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table", help="default: table")
    query.set_defaults(handler=_cmd_query)

    export = commands.add_parser("export", help="export events: ACLED's 31 columns, then the extensions")
    export.add_argument("--format", choices=("csv", "parquet"), default="csv", help="default: csv")
    export.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB file (default: {DEFAULT_DB})")
    export.add_argument("-o", "--output", metavar="FILE", help="output file (csv defaults to stdout)")
    export.set_defaults(handler=_cmd_export)

    evaluate = commands.add_parser(
        "evaluate", help="score the extractor against a gold JSONL file; no database, no Prefect"
    )
    evaluate.add_argument(
        "gold",
        metavar="GOLD",
        nargs="+",
        help="gold file(s), one article per line (docs/ANNOTATION.md); several are scored as one set",
    )
    evaluate.add_argument("--split", choices=SPLITS, default="all", help="default: all")
    evaluate.add_argument(
        "--articles",
        nargs="+",
        metavar="PATH",
        help=f"where the gold articles' texts are: {source_help} (default: {DEFAULT_ARTICLES}/ and any "
        "articles.jsonl beside a gold file)",
    )
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON instead of tables")
    evaluate.add_argument(
        "--errors",
        action="store_true",
        help="also list, per article, missed and spurious events and field errors",
    )
    evaluate.set_defaults(handler=_cmd_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and args.format == "parquet" and not args.output:
        parser.error("export --format parquet needs -o FILE")
    if args.command == "run":
        if bool(args.paths) == bool(args.sources):
            parser.error("run needs SOURCE paths or --sources FILE (one of the two)")
        if args.names and not args.sources:
            parser.error("--source NAME needs --sources FILE")
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return _fail("interrupted", status=130)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from complaining at exit.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 141


def _cmd_run(args: argparse.Namespace) -> int:
    configure_prefect_env(console_level="INFO" if args.verbose else None)
    from flows.config import ConfigError, load_sources_file
    from flows.pipeline import run_configured, run_pipeline, sources_file_path
    from warehouse import WarehouseError, summary

    try:
        if args.sources:
            load_sources_file(args.sources).select(args.names)  # a bad file fails here, before Prefect starts
            report = run_configured(
                sources_file_path(args.sources),
                names=args.names,
                db_path=args.db,
                batch_size=args.batch_size,
                skip_unchanged=not args.force,
            )
        else:
            report = run_pipeline(
                [str(p) for p in args.paths],
                db_path=str(args.db or DEFAULT_DB),
                batch_size=args.batch_size,
                skip_unchanged=not args.force,
            )
        stats = summary(report.db_path)
    except (WarehouseError, ConfigError) as error:
        return _fail(str(error))
    except OSError as error:  # e.g. the spaCy model is not installed
        return _fail(f"{type(error).__name__}: {error}")
    print(format_run_summary(report, stats))
    if report.counts["articles_read"] == 0:
        return _fail("no article could be read from the given sources")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    configure_prefect_env()
    from flows.config import ConfigError
    from flows.serve import NoPrefectServerError, serve_sources

    try:
        serve_sources(args.sources, db_path=args.db, names=args.names)
    except (ConfigError, NoPrefectServerError) as error:
        return _fail(str(error))
    return 0


def _cmd_reprocess(args: argparse.Namespace) -> int:
    configure_prefect_env(console_level="INFO" if args.verbose else None)
    from flows.pipeline import reprocess_pipeline
    from warehouse import WarehouseError, summary

    if not Path(args.db).is_file():
        return _fail(f"no database at {args.db}; run `{PROG} run` first")
    try:
        report = reprocess_pipeline(
            str(args.db), since=args.since, every=args.every, batch_size=args.batch_size
        )
        stats = summary(report.db_path)
    except WarehouseError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"{type(error).__name__}: {error}")
    print(format_run_summary(report, stats))
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from warehouse import WarehouseError, recent_runs

    try:
        runs = recent_runs(args.db, limit=args.limit)
    except WarehouseError as error:
        return _fail(str(error))
    if args.json:
        print(json.dumps(runs, default=str, ensure_ascii=False, indent=2))
        return 0
    if not runs:
        print(f"No runs recorded in {args.db} yet.")
        return 0
    print(format_status(runs))
    return 0


#: (column header, function of a run row) for `status`.
_STATUS_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("started (UTC)", lambda r: f"{r['started_at']:%Y-%m-%d %H:%M:%S}"),
    ("kind", lambda r: r["kind"] or "run"),
    ("status", lambda r: run_state(r)),
    ("secs", lambda r: _duration(r)),
    ("version", lambda r: r["extractor_version"]),
    ("read", lambda r: r["articles_read"]),
    ("skipped", lambda r: r["articles_skipped"]),
    ("rej", lambda r: r["articles_rejected"]),
    ("events", lambda r: r["events_found"]),
    ("loaded", lambda r: r["events_loaded"]),
    ("removed", lambda r: r["events_removed"]),
    ("ev.rej", lambda r: r["events_rejected"]),
    ("sources", lambda r: _shorten(", ".join(r["sources"] or []), 60)),
)


def format_status(runs: list[dict[str, Any]]) -> str:
    """The runs table printed by `status`, newest first, with a legend of the count columns."""
    rows = [[get(run) for _, get in _STATUS_COLUMNS] for run in runs]
    legend = (
        "read = articles read from the sources, skipped = unchanged since last coded, rej = articles "
        "rejected;\nevents = events found, loaded = new rows, removed = no longer reported, ev.rej = "
        "events rejected by validation"
    )
    return format_table([name for name, _ in _STATUS_COLUMNS], rows) + "\n" + legend


def run_state(run: dict[str, Any]) -> str:
    """A run's status; a 'running' run whose process is gone from this host shows as 'interrupted'."""
    if run["status"] != "running" or not run.get("pid") or run.get("host") != socket.gethostname():
        return run["status"]
    try:
        os.kill(run["pid"], 0)
    except ProcessLookupError:
        return "interrupted"
    except PermissionError:  # alive, owned by someone else
        return "running"
    return "running"


def _duration(run: dict[str, Any]) -> float | None:
    started, finished = run["started_at"], run["finished_at"]
    if not isinstance(started, datetime) or not isinstance(finished, datetime):
        return None
    return round((finished - started).total_seconds(), 1)


def _cmd_extract(args: argparse.Namespace) -> int:
    from extractors import extract, load_pipeline
    from schemas import validate_events

    articles, rejections = read_sources(args.sources)
    for rejection in rejections:
        _report_rejection(rejection)
    if not articles:
        return _fail("no article could be read from the given sources")
    try:
        nlp = load_pipeline()
    except OSError as error:
        return _fail(f"cannot load the spaCy pipeline: {error}")
    found = rejected = 0
    for result in extract(articles, nlp=nlp):
        events, invalid = validate_events(result.payloads)
        for rejection in (*result.rejections, *invalid):
            _report_rejection(rejection)
        for event in events:
            sys.stdout.write(json.dumps(event.model_dump(mode="json"), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        found += len(events)
        rejected += len(result.rejections) + len(invalid)
    print(
        f"{PROG} extract: {len(articles)} articles, {found} events, {len(rejections) + rejected} rejected",
        file=sys.stderr,
    )
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from warehouse import WarehouseError, query

    try:
        columns, rows = query(args.db, args.sql)
    except WarehouseError as error:
        return _fail(str(error))
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif args.format == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        print(json.dumps(records, default=str, ensure_ascii=False, indent=2))
    else:
        print(format_table(columns, rows))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from warehouse import WarehouseError, export

    try:
        if args.output:
            rows = export(args.db, fmt=args.format, out=Path(args.output))
            where = args.output
        else:
            with tempfile.TemporaryDirectory(prefix="conflict-events-export-") as tmp:
                out = Path(tmp) / f"events.{args.format}"
                rows = export(args.db, fmt=args.format, out=out)
                sys.stdout.flush()
                with out.open("rb") as exported:
                    shutil.copyfileobj(exported, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            where = "stdout"
    except WarehouseError as error:
        return _fail(str(error))
    print(f"{PROG} export: {rows} events to {where}", file=sys.stderr)
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from extractors import extract, load_pipeline
    from extractors.evaluation import GoldFormatError, list_errors, load_gold, score, select_split
    from schemas import validate_events

    try:
        gold = select_split([a for path in args.gold for a in load_gold(path)], args.split)
    except GoldFormatError as error:
        return _fail(str(error))
    if not gold:
        return _fail(f"{' '.join(args.gold)} has no articles in split {args.split!r}")
    if args.articles is None:
        beside = [Path(g).parent / "articles.jsonl" for g in args.gold]
        args.articles = [DEFAULT_ARTICLES, *dict.fromkeys(str(p) for p in beside if p.is_file())]
    articles, rejections = read_sources(args.articles)
    for rejection in rejections:
        _report_rejection(rejection)
    by_id = {article.id: article for article in articles}
    missing = [item.article_id for item in gold if item.article_id not in by_id]
    if missing:
        return _fail(
            f"{len(missing)} gold article id(s) not found in {' '.join(map(str, args.articles))}: "
            + ", ".join(missing)
        )
    try:
        nlp = load_pipeline()
    except OSError as error:
        return _fail(f"cannot load the spaCy pipeline: {error}")
    predicted: dict[str, list[Any]] = {}
    invalid = 0
    for result in extract([by_id[item.article_id] for item in gold], nlp=nlp):
        events, bad = validate_events(result.payloads)
        for rejection in (*result.rejections, *bad):
            _report_rejection(rejection)
        invalid += len(bad)
        predicted[result.article.id] = events
    scores = score(gold, predicted)
    about = {
        "gold_file": " ".join(args.gold),
        "split": args.split,
        "extractor_version": EXTRACTOR_VERSION,
        "rejected_payloads": invalid,
    }
    if args.json:
        print(json.dumps({**about, **scores.to_dict()}, ensure_ascii=False, indent=2))
    else:
        print(format_evaluation(scores, about))
    if args.errors:
        errors = list_errors(gold, predicted)
        print(
            "\nErrors by article (- missed gold event, + spurious prediction, ~ field disagreements)",
            file=sys.stderr if args.json else sys.stdout,
        )
        print("\n".join(errors) or "  (none)", file=sys.stderr if args.json else sys.stdout)
    return 0


def format_evaluation(scores: Any, about: dict[str, Any]) -> str:
    """The human report printed by `evaluate`: header, event P/R/F, per-field table, confusion, codable."""
    codable = scores.codable.tp + scores.codable.fn
    rejected = about["rejected_payloads"]
    invalid = f" (and {rejected} invalid payloads, not scored)" if rejected else ""
    header = [
        ("Gold file", about["gold_file"]),
        ("Split", about["split"]),
        ("Articles", f"{scores.articles} ({codable} codable)"),
        ("Gold events", scores.gold_events),
        ("Predicted events", f"{scores.predicted_events}{invalid}"),
        ("Extractor version", about["extractor_version"]),
    ]
    events = scores.events
    lines = ["================================ Evaluation ================================"]
    lines += [f"{name:<18} {value}" for name, value in header]
    lines += [
        "",
        f"Events  P {_pct(events.precision)}  R {_pct(events.recall)}  F {_pct(events.f1)}  "
        f"(TP {events.tp}, FP {events.fp}, FN {events.fn}; a match has the same event type and admin1, "
        "dates at most 1 day apart)",
        "",
        f"Fields on {events.tp} matched events: P = correct / predicted with a value, "
        "R = correct / gold with a value,",
        "Acc = agreeing pairs (both empty agrees) / matched pairs",
    ]
    rows = [
        (name, _pct(f.precision), _pct(f.recall), _pct(f.f1), _pct(f.accuracy), str(f.n))
        for name, f in scores.fields.items()
    ]
    lines += _aligned(("field", "P", "R", "F", "Acc", "n"), rows)
    lines += ["", "Sub-event type confusion on matched events (rows: gold, columns: predicted)"]
    gold_types, predicted_types = scores.confusion_labels()
    if gold_types:
        labels = dict.fromkeys(gold_types + predicted_types)  # ordered union
        keys = {label: chr(ord("A") + i) for i, label in enumerate(labels)}
        lines += _aligned(
            ("gold", *(keys[p] for p in predicted_types)),
            [
                (f"{keys[g]} {g}", *(str(scores.confusion.get((g, p), 0)) for p in predicted_types))
                for g in gold_types
            ],
        )
        lines += [f"  {key} = {label}" for label, key in keys.items()]
    else:
        lines.append("  (no matched events)")
    art = scores.codable
    lines += [
        "",
        f"Articles codable  P {_pct(art.precision)}  R {_pct(art.recall)}  F {_pct(art.f1)}  "
        f"(TP {art.tp}, FP {art.fp}, FN {art.fn}; predicted codable = at least one event)",
    ]
    return "\n".join(lines)


def _pct(ratio: float | None) -> str:
    return "-" if ratio is None else f"{100 * ratio:.1f}"


def _aligned(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A header and rows, first column left-aligned, the others right-aligned."""
    widths = [max(len(cell) for cell in column) for column in zip(columns, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        padded = [first.ljust(widths[0]), *(c.rjust(w) for c, w in zip(rest, widths[1:], strict=True))]
        return "  " + "  ".join(padded).rstrip()

    return [line(columns), *(line(row) for row in rows)]


def format_run_summary(report: Any, stats: Any) -> str:
    """The human summary printed after `run`: this run's counts, then what the warehouse holds."""
    counts = report.counts
    removed = f", {counts['events_removed']} removed" if counts.get("events_removed") else ""
    lines = [
        f"Run {report.run_id} took {report.duration:.1f} s: {counts['articles_read']} articles read, "
        f"{counts.get('articles_skipped', 0)} skipped as unchanged, {counts['articles_rejected']} rejected; "
        f"{counts['events_found']} events found, {counts['events_new']} new, "
        f"{counts['events_updated']} updated{removed}, {counts['events_rejected']} rejected.",
        "",
        f"Events by type ({stats.events} in the warehouse):",
        _indent(format_table(["event_type", "events"], stats.by_event_type, header=False)),
        "",
        f"Events by country / admin1 (top {TOP_LOCATIONS}):",
        _indent(
            format_table(
                ["country", "admin1", "events"],
                [(c, a or "-", n) for c, a, n in stats.by_location[:TOP_LOCATIONS]],
                header=False,
            )
        ),
        "",
        f"Rejected items by stage ({stats.rejected} in the warehouse):",
        _indent(format_table(["stage", "items"], stats.rejected_by_stage, header=False)),
    ]
    if report.sample_reasons:
        lines += ["Sample reasons from this run:"]
        lines += [f"  {_shorten(reason, REASON_WIDTH)}" for reason in report.sample_reasons]
    lines += ["", f"Articles in the warehouse: {stats.articles}", f"Database: {report.db_path}"]
    return "\n".join(lines)


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, header: bool = True) -> str:
    """Rows as plain text columns aligned with spaces; numbers right-aligned, NULL for None."""
    if not rows and not header:
        return "(none)"
    cells = [[_cell(value) for value in row] for row in rows]
    numeric = [
        bool(rows) and all(isinstance(row[i], int | float) or row[i] is None for row in rows)
        for i in range(len(columns))
    ]
    head = [list(columns)] if header else []
    widths = [max([len(str(c)) for c in column] or [0]) for column in zip(*head, *cells, strict=True)]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = []
    if header:
        out += [line(columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    if header:
        out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _cell(value: Any) -> str:
    if value is None:
        return "NULL"
    return str(value).replace("\n", "\\n")


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _report_rejection(rejection: Rejection) -> None:
    about = ""
    if rejection.article_id and rejection.stage.value != "ingest":
        about = f" article {rejection.article_id}"
    reason = _shorten(rejection.reason.replace("\n", " "), 1000)
    print(f"rejected ({rejection.stage.value}){about}: {reason}", file=sys.stderr)


def _fail(message: str, *, status: int = 1) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return status


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


if __name__ == "__main__":
    sys.exit(main())
