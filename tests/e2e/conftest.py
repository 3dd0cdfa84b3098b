"""Browser tests: a real `streamlit run app.py` on a free loopback port, driven by headless Chromium.

The server runs on a copy of the sample store; its output is attached to the report of a failing
test. Screenshots go to test-artifacts/screenshots/ (the run prints the folder).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from components.charts import CHROMIUM, HEADLESS_FLAGS

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
BROWSER_FLAGS = [*HEADLESS_FLAGS, "--disable-quic"]  # the app's own headless flags (server-side export)

def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path
    store: Path

    def top_actor(self, *, type: str | None = None) -> tuple[str, str]:
        """(id, name) of the most mentioned entity (of a type) in the server's store: tests never
        hard-code what extraction finds."""
        from newsgraph import queries
        from newsgraph.store import Store

        with Store(self.store).read() as con:
            top = queries.top_entities(con, limit=200)
        if type:
            top = top[top["type"] == type]
        return top["id"].iloc[0], top["name"].iloc[0]

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(store: Path, log: Path, *, timeout: float = 90, env: dict[str, str] | None = None) -> Server:
    """``env``: more settings for the server (e.g. ``NEWSGRAPH_OVERRIDES`` for a test that writes corrections)."""
    port = _free_port()
    env = {**os.environ, "NEWSGRAPH_DB": str(store), "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    handle = open(log, "w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", process, log, store)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.output()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"streamlit did not become healthy in {timeout} s:\n{server.output()}")


def stop_server(server: Server) -> None:
    """Stop the server we started, by its process id (and its process group, which is only its own)."""
    if server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=15)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def _store_copy(sample_store_path: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "newsgraph.duckdb"
    shutil.copy(sample_store_path, copy)
    return copy


@pytest.fixture(scope="module")
def app_server(sample_store_path, tmp_path_factory, request):
    folder = tmp_path_factory.mktemp("app-server")
    server = start_server(_store_copy(sample_store_path, folder), folder / "streamlit.log")
    request.node.app_servers = getattr(request.node, "app_servers", []) + [server]
    yield server
    stop_server(server)


@pytest.fixture
def fresh_server(sample_store_path, tmp_path):
    """A server nobody has opened yet: the test's first request is its first page."""
    server = start_server(_store_copy(sample_store_path, tmp_path), tmp_path / "streamlit.log")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, device_scale_factor=1)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for name, server in (getattr(item, "funcargs", None) or {}).items():  # every server fixture the test used
        if isinstance(server, Server):
            report.sections.append((f"{name} output ({server.url})", server.output()[-20000:]))


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS.exists() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"browser test screenshots: {SCREENSHOTS}")
