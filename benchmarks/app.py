"""App speed at scale: every page's server-side run time on a store of 5,000 generated articles.

Builds (once, cached under benchmarks/out/) a store from a generated corpus
(benchmarks/generate_corpus.py), then, for the home page (app.py) and every script found in pages/
at run time, in a fresh Python process per page, runs the page with Streamlit's AppTest the way the
server does (app.py as the main script, then ``switch_page``) and times ``AppTest.run()``:

- first: the first run in the process (imports included: a server that just started);
- cold: caches cleared (``st.cache_data`` and ``st.cache_resource``), modules already imported
  (the fastest of ``COLD_RUNS``);
- warm: a new session on the warm caches (another user, or a reload; the fastest of ``WARM_RUNS``
  sessions);
- actor filter: that session picks the most mentioned actor in the sidebar's actor filter;
- date filter: then sets the "From" date to the median publication date.

Targets (issue 8): cold under 1.5 s and warm under 0.3 s for every page. The chart payload column is
the size of the page's Plotly figures as sent to the browser, a proxy for what the browser must draw.

    python -m benchmarks.app                      # 5,000 articles, seed 1
    python -m benchmarks.app --articles 1000 --pages Network Quotes
    python -m benchmarks.app --rebuild            # rebuild the store (after extraction changes)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python benchmarks/app.py
    sys.path.insert(0, str(ROOT))

from benchmarks.generate_corpus import GENERATOR_VERSION, OUT, ensure_corpus  # noqa: E402
from benchmarks.pipeline import machine_busy_seconds, machine_description, run_while_quiet  # noqa: E402

MAIN_SCRIPT = ROOT / "app.py"
PAGES = ROOT / "pages"
TARGET_COLD_SECONDS = 1.5
TARGET_WARM_SECONDS = 0.3
RUN_TIMEOUT_SECONDS = 300
COLD_RUNS, WARM_RUNS = 2, 3  # the fastest counts: other processes only ever slow a run down


# --------------------------------------------------------------------------------------------
# The store


def ensure_store(articles: int, *, seed: int, processes: int, rebuild: bool = False) -> Path:
    """A store of ``articles`` generated articles, built once and reused."""
    from newsgraph.ingest import ingest_paths
    from newsgraph.store import Store, StoreError

    path = OUT / f"store-{articles}-seed{seed}.duckdb"
    stamp_path = path.with_name(path.name + ".stamp")
    stamp = f"{articles} articles, seed {seed}, generator {GENERATOR_VERSION}\n"
    if not rebuild and path.exists() and stamp_path.exists() and stamp_path.read_text() == stamp:
        try:
            with Store(path).read():
                return path
        except StoreError as error:  # an older schema, say
            print(f"rebuilding {path.name}: {error}")
    corpus = ensure_corpus(articles, seed=seed)
    # Built aside and renamed, so that a concurrent run never opens a store being written.
    building = path.with_name(f".{path.name}.{os.getpid()}")
    for stale in (building, building.with_name(building.name + ".wal")):
        stale.unlink(missing_ok=True)
    print(f"building {path.name} from {corpus.name} with {processes} processes (once; cached in {OUT})", flush=True)
    started = time.perf_counter()
    last_told = [0.0]

    def progress(done: int, expected: int | None, label: str) -> None:
        if time.perf_counter() - last_told[0] > 30:
            last_told[0] = time.perf_counter()
            print(f"  {done:,} / {articles:,} articles, {time.perf_counter() - started:.0f} s", flush=True)

    report = ingest_paths([corpus], Store(building), n_process=processes, progress=progress)
    if not report.ok:
        raise RuntimeError(f"building the store failed: {report.failures[:3]}")
    print(f"  built in {time.perf_counter() - started:.0f} s: {len(report.added):,} articles", flush=True)
    for stale in (path.with_name(path.name + ".wal"), stamp_path):
        stale.unlink(missing_ok=True)
    building.rename(path)
    building.with_name(building.name + ".lock").unlink(missing_ok=True)
    stamp_path.write_text(stamp)
    return path


# --------------------------------------------------------------------------------------------
# One page (runs in its own process)


def discover_pages() -> list[Path]:
    """The home page and every page script, as they exist when the benchmark runs."""
    found = [MAIN_SCRIPT] if MAIN_SCRIPT.exists() else []
    if PAGES.is_dir():
        found.extend(sorted(p for p in PAGES.glob("*.py") if not p.name.startswith("_")))
    return found


def _new_session(page: Path):
    from streamlit.testing.v1 import AppTest

    if MAIN_SCRIPT.exists() and page != MAIN_SCRIPT:
        app = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=RUN_TIMEOUT_SECONDS)
        app.switch_page(str(page.relative_to(ROOT)))
    else:
        app = AppTest.from_file(str(page), default_timeout=RUN_TIMEOUT_SECONDS)
    return app


def _timed_run(app) -> float:
    start = time.perf_counter()
    app.run()
    return time.perf_counter() - start


def _errors(app) -> list[str]:
    return [str(e.message).splitlines()[0][:200] for e in app.exception]


def _chart_bytes(app) -> int:
    try:
        return sum(len(chart.proto.spec) for chart in app.get("plotly_chart"))
    except (AttributeError, TypeError):
        return 0


def _filter_values(db: Path) -> tuple[list[str], date | None]:
    """Values a user would pick: the most mentioned entities, and the median publication date."""
    from newsgraph.store import Store

    with Store(db).read() as con:
        actors = [row[0] for row in con.execute("SELECT id FROM entities ORDER BY mentions DESC, id LIMIT 50").fetchall()]
        dates = [row[0] for row in con.execute("SELECT published FROM articles WHERE published IS NOT NULL ORDER BY 1").fetchall()]
    return actors, (dates[len(dates) // 2] if dates else None)


def _pick_actor(app, candidates: list[str]) -> str | None:
    """Select the first candidate the sidebar's actor filter offers; its name, or None."""
    widgets = list(app.sidebar.multiselect)
    widgets.sort(key=lambda w: "actor" not in f"{w.key} {w.label}".lower())
    for widget in widgets:
        labels = set(widget.options)
        for candidate in candidates:
            try:
                label = widget.format_func(candidate)
            except Exception:  # noqa: BLE001 - another widget's format_func may not take an entity id
                break
            if label in labels:
                widget.select(candidate)
                return str(label)
    return None


def _pick_date(app, value: date) -> bool:
    widgets = list(app.sidebar.date_input)
    widgets.sort(key=lambda w: "from" not in f"{w.key} {w.label}".lower())
    if not widgets:
        return False
    widgets[0].set_value(value)
    return True


class ScriptProfiler:
    """cProfile inside AppTest's script thread (a profiler only sees the thread it runs in)."""

    def __init__(self) -> None:
        import cProfile

        from streamlit.testing.v1 import local_script_runner

        self.profile = cProfile.Profile()
        runner = local_script_runner.LocalScriptRunner
        original = runner._run_script_thread
        profile = self.profile

        def profiled(self_) -> None:
            profile.enable()
            try:
                original(self_)
            finally:
                profile.disable()

        runner._run_script_thread = profiled

    def take(self, limit: int = 12) -> list[tuple[float, str]]:
        """The project's functions by cumulative seconds since the last take."""
        import pstats

        self.profile.create_stats()
        if not self.profile.stats:  # nothing ran since the last take
            return []
        rows = []
        for (file, line, name), (_, _, _, cumulative, _) in pstats.Stats(self.profile).stats.items():
            if file.startswith(str(ROOT)) and "/.venv/" not in file and "/benchmarks/" not in file:
                rows.append((round(cumulative, 3), f"{Path(file).relative_to(ROOT)}:{line} {name}"))
        self.profile.clear()
        return sorted(rows, reverse=True)[:limit]


def measure_floor(repeat: int = 5) -> float:
    """AppTest's own cost: the fastest warm run of a one-line page (the floor under every figure)."""
    import tempfile

    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "floor.py"
        script.write_text("import streamlit as st\nst.write('floor')\n")
        runs = []
        for _ in range(repeat):
            app = AppTest.from_file(str(script), default_timeout=RUN_TIMEOUT_SECONDS)
            runs.append(_timed_run(app))
    return min(runs[1:] or runs)


def measure_page(page: Path, db: Path, *, profile: bool = False) -> dict:
    import streamlit as st

    profiler = ScriptProfiler() if profile else None
    result: dict = {"page": str(page.relative_to(ROOT)), "errors": []}
    app = _new_session(page)
    result["first"] = _timed_run(app)
    result["errors"] += _errors(app)
    # The fastest of a few runs counts: on a shared machine a run is only ever slowed down by others.
    colds = []
    for _ in range(COLD_RUNS):
        st.cache_data.clear()
        st.cache_resource.clear()
        if profiler:
            profiler.take()
        app = _new_session(page)
        colds.append(_timed_run(app))
        if profiler:
            result["profile_cold"] = profiler.take()
    result["cold"] = min(colds)
    warms = []
    for _ in range(WARM_RUNS):
        app = _new_session(page)
        warms.append(_timed_run(app))
        if profiler:
            result["profile_warm"] = profiler.take()
    result["warm"] = min(warms)
    result["errors"] += _errors(app)
    result["chart_kb"] = _chart_bytes(app) / 1024
    actors, median_date = _filter_values(db)
    picked = _pick_actor(app, actors)
    result["actor"] = picked
    result["actor_change"] = _timed_run(app) if picked else None
    result["errors"] += _errors(app)
    if median_date and _pick_date(app, median_date):
        result["date_change"] = _timed_run(app)
        result["errors"] += _errors(app)
    else:
        result["date_change"] = None
    result["errors"] = sorted(set(result["errors"]))
    result["floor"] = measure_floor()
    return result


# --------------------------------------------------------------------------------------------
# The whole benchmark


def run_isolated(page: Path, db: Path, *, profile: bool = False) -> dict:
    env = {**os.environ, "NEWSGRAPH_DB": str(db)}
    command = [sys.executable, "-m", "benchmarks.app", "--measure", str(page), "--db", str(db)]
    if profile:
        command.append("--profile")
    started, busy, children = time.perf_counter(), machine_busy_seconds(), _children_cpu()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    others = machine_busy_seconds() - busy - (_children_cpu() - children)
    others_share = max(0.0, others) / (wall * (os.cpu_count() or 1))
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        return {"page": str(page.relative_to(ROOT)), "others_share": others_share,
                "errors": [f"the benchmark process failed: {result.stderr[-500:]}"]}
    return {**json.loads(lines[-1]), "others_share": others_share}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _seconds(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.app", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles in the store (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=2, help="n_process for building the store")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    parser.add_argument("--pages", nargs="*", help="only pages whose file name contains one of these")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--profile", action="store_true",
                        help="also list the project's functions that take the time, cold and warm (slower runs)")
    parser.add_argument("--max-others", type=float, default=0.10,
                        help="measure a page again when other processes took more than this share of the CPUs")
    parser.add_argument("--attempts", type=int, default=3, help="measurements at most per page while the machine is busy")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:
        print(json.dumps(measure_page(Path(args.measure), args.db, profile=args.profile), default=str))
        return 0

    from newsgraph import queries
    from newsgraph.filters import Filters
    from newsgraph.store import Store

    print(f"machine: {machine_description()}")
    db = ensure_store(args.articles, seed=args.seed, processes=args.processes, rebuild=args.rebuild)
    with Store(db).read() as con:
        totals = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                  for name in ("articles", "entities", "relations", "events", "quotes")}
        summary = queries.summary(con, Filters())
    print("store: " + ", ".join(f"{n:,} {name}" for name, n in totals.items())
          + f"; published {summary.get('first')} to {summary.get('last')}")

    pages = discover_pages()
    if args.pages:
        pages = [p for p in pages if any(part.lower() in p.name.lower() for part in args.pages)]
    if not pages:
        print("no pages found (app.py, pages/*.py)")
        return 1

    results = []
    for page in pages:
        print(f"  {page.relative_to(ROOT)} ...", flush=True)
        results.append(run_while_quiet(lambda: run_isolated(page, db, profile=args.profile),
                                       max_others=args.max_others, attempts=args.attempts, label=page.name))

    print()
    header = (f"{'page':<28} {'first':>6} {'cold':>6} {'warm':>6} {'actor':>6} {'date':>6} {'chart KB':>8}"
              f" {'others':>6}  verdict")
    print(header)
    print("-" * (len(header) + 20))
    missed = 0
    for row in results:
        verdict = []
        if row.get("cold") is not None and row["cold"] >= TARGET_COLD_SECONDS:
            verdict.append(f"cold >= {TARGET_COLD_SECONDS}")
        if row.get("warm") is not None and row["warm"] >= TARGET_WARM_SECONDS:
            verdict.append(f"warm >= {TARGET_WARM_SECONDS}")
        if row["errors"]:
            verdict.append("ERRORS")
        missed += bool(verdict)
        print(f"{row['page']:<28} {_seconds(row.get('first')):>6} {_seconds(row.get('cold')):>6}"
              f" {_seconds(row.get('warm')):>6} {_seconds(row.get('actor_change')):>6}"
              f" {_seconds(row.get('date_change')):>6} {row.get('chart_kb', 0):>8.0f} {row['others_share']:>6.0%}"
              f"  {'MISSED: ' + ', '.join(verdict) if verdict else 'ok'}")
        for error in row["errors"]:
            print(f"    error: {error}")
    for row in results:
        for run in ("cold", "warm"):
            if row.get(f"profile_{run}"):
                print(f"\n{row['page']}, {run} run: where the time goes (cumulative seconds, under cProfile)")
                for seconds, where in row[f"profile_{run}"]:
                    print(f"  {seconds:7.2f}  {where}")
    actor = next((r.get("actor") for r in results if r.get("actor")), None)
    print()
    print(f"seconds of server-side run time (AppTest.run); actor filter: {actor or '-'}; "
          f"targets: cold < {TARGET_COLD_SECONDS} s, warm < {TARGET_WARM_SECONDS} s; "
          "others: CPU the rest of the machine used meanwhile")
    floors = [r["floor"] for r in results if r.get("floor") is not None]
    if floors:
        print(f"AppTest's own floor (a one-line page, warm): {min(floors):.3f} s")
    timed = [r for r in results if r.get("cold") is not None]
    if timed:
        print(f"median over pages: cold {statistics.median(r['cold'] for r in timed):.2f} s, "
              f"warm {statistics.median(r['warm'] for r in timed):.2f} s; {missed} of {len(results)} pages miss a target")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": machine_description(), "store": totals, "pages": results},
                                        indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
