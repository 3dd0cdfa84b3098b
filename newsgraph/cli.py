"""Command line: ingest, export, stats (the contract in DESIGN.md; extend it, never break it)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from newsgraph import config

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_ERROR = 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newsgraph", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def db_option(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--db", type=Path, default=None, help=f"store file (default: ${config.DB.name}, else {config.DB.default})"
        )

    ingest = commands.add_parser("ingest", help="read article files and folders into the store")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder (read recursively)")
    db_option(ingest)
    ingest.add_argument("--published", type=_date, help="publication date for every article read (YYYY-MM-DD)")
    ingest.add_argument("--model", help=f"spaCy model (default: ${config.MODEL.name}, else the installed English model)")
    ingest.add_argument("--processes", type=int, help=f"worker processes, each running the whole pipeline (default: ${config.PROCESSES.name}, else 1)")
    ingest.add_argument("--engine", choices=("local", "dask"), default="local", help="where processing runs")
    ingest.add_argument(
        "--scheduler",
        help="Dask scheduler address (with --engine dask), e.g. tcp://host:8786; "
        "without it, a local cluster of --processes workers (default: one per CPU)",
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    export = commands.add_parser("export", help="write the store's tables to files")
    db_option(export)
    export.add_argument("--out", type=Path, required=True, metavar="DIR")
    export.add_argument("--format", choices=("json", "csv", "parquet"), default="json")

    stats = commands.add_parser("stats", help="counts and the date span of the store")
    db_option(stats)
    stats.add_argument("--json", action="store_true", help="print JSON")

    overrides = commands.add_parser("overrides", help="entity overrides (merge, split, rename, hide)")
    overrides.add_argument("action", choices=("apply", "list"),
                           help="apply: re-resolve the store's entities with the file, no text reprocessed; list: show the rules")
    db_option(overrides)
    overrides.add_argument("--file", type=Path, default=None,
                           help=f"overrides file (default: ${config.OVERRIDES.name}, else {config.OVERRIDES.default})")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from newsgraph.store import Store, StoreError

    store = Store(args.db) if args.db else Store()
    try:
        if args.command == "ingest":
            return run_ingest(args, store)
        if args.command == "export":
            return run_export(args, store)
        if args.command == "overrides":
            return run_overrides(args, store)
        return run_stats(args, store)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ValueError as error:  # bad settings
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR


def run_ingest(args: argparse.Namespace, store) -> int:
    from newsgraph.ingest import ingest_paths, estimate_articles
    from newsgraph.nlp import ModelNotFound

    bar = None
    progress = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=estimate_articles(args.paths), unit="article", file=sys.stderr, dynamic_ncols=True)

        def progress(done: int, expected: int | None, label: str) -> None:
            bar.update(done - bar.n)
            bar.set_postfix_str(label[-60:], refresh=False)

    # the summary needs counts and names only: a long run keeps no texts (keep_articles=False)
    options = dict(published=args.published, model=args.model, n_process=args.processes, progress=progress,
                   keep_articles=False)
    try:
        if args.engine == "dask":
            from newsgraph.distributed import ingest_paths_dask

            report = ingest_paths_dask(args.paths, store, scheduler=args.scheduler, **options)
        else:
            report = ingest_paths(args.paths, store, **options)
    except ModelNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if bar is not None:
            bar.close()

    for problem in report.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    for problem in report.failures:
        print(f"failed: {problem}", file=sys.stderr)
    if report.model:
        print(f"model: {report.model}", file=sys.stderr)
    print(
        f"{len(report.added)} added, {len(report.duplicates)} already stored, {len(report.failures)} failed"
        f" -> {store.path}",
        file=sys.stderr,
    )
    return EXIT_OK if report.ok else EXIT_INPUT_FAILED


def run_export(args: argparse.Namespace, store) -> int:
    from newsgraph.export import export

    for path in export(store, args.out, args.format):
        print(path)
    return EXIT_OK


def run_overrides(args: argparse.Namespace, store) -> int:
    from newsgraph import overrides

    path = args.file or overrides.default_path()
    if args.action == "list":
        for number, rule in enumerate(overrides.load_rules(path), start=1):
            print(f"{number}. {json.dumps(overrides.rule_to_dict(rule), ensure_ascii=False)}")
        return EXIT_OK
    report = overrides.apply_overrides(store, path)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"{report.rules} rules from {path}: {report.entities_before} -> {report.entities_after} entities in {store.path}",
          file=sys.stderr)
    return EXIT_OK


def run_stats(args: argparse.Namespace, store) -> int:
    from newsgraph import queries
    from newsgraph.filters import NO_FILTERS

    with store.read() as con:
        summary = queries.summary(con, NO_FILTERS)
        totals = {
            name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("articles", "entities", "relations", "events", "quotes")
        }
        by_type = dict(con.execute("SELECT type, count(*) FROM entities GROUP BY 1 ORDER BY 2 DESC").fetchall())
    result = {
        "store": str(store.path),
        **totals,
        "entities_by_type": by_type,
        "first_published": summary["first"].isoformat() if summary["first"] else None,
        "last_published": summary["last"].isoformat() if summary["last"] else None,
        "undated_articles": summary["undated"],
        "words": summary["words"],
        "models": summary["models"],
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        width = max(len(k) for k in result)
        for key, value in result.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
            elif isinstance(value, list):
                value = ", ".join(value) or "-"
            print(f"{key:<{width}}  {value if value is not None else '-'}")
    return EXIT_OK
