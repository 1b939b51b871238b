"""Fixtures for the review workbench: an app on a real database (a SQLite file, or PostgreSQL when
one is reachable), users of each role, signing in, uploading and waiting for checks."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[dev]')")

import httpx
from fastapi.testclient import TestClient

from jixiao.server.app import create_app
from jixiao.server.auth import add_user
from jixiao.server.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample_report.docx"
LOCAL_PG = "postgresql://jixiao:jixiao@127.0.0.1:5432/jixiao_test"
PASSWORD = "correct-horse-9"
USERS = {"admin1": "admin", "lead1": "lead", "alice": "auditor", "bob": "auditor"}


def _pg_reachable(url: str) -> str | None:
    """None when ``url`` accepts a connection, else why not."""
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return None
    except Exception as e:  # noqa: BLE001 - psycopg.OperationalError, ImportError …
        return f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"


def pg_url_or_skip() -> str:
    """The PostgreSQL test database: $JIXIAO_TEST_PG_URL, else the one `make pg-start` sets up.
    Skipped when none answers, except under CI=true, where it must."""
    url = os.environ.get("JIXIAO_TEST_PG_URL") or LOCAL_PG
    why = _pg_reachable(url)
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the PostgreSQL tests (make pg-start): {url} is unreachable ({why})")
        pytest.skip(f"no PostgreSQL at {url} ({why}); run `make pg-start`")
    return url


def reset_pg(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The database each API test runs on: a SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'wb.db'}"
    url = pg_url_or_skip()
    reset_pg(url)
    return url


def make_settings(tmp_path: Path, database_url: str | None = None, **kw) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=database_url, job_timeout=kw.pop("job_timeout", 90), **kw)


def add_users(app) -> None:
    with app.state.sessions() as db:
        for name, role in USERS.items():
            add_user(db, name, PASSWORD, role)
        db.commit()


@pytest.fixture
def workbench(tmp_path, database_url):
    """A running app (background checking on) with one user of each role."""
    app = create_app(make_settings(tmp_path, database_url))
    add_users(app)
    with TestClient(app) as client:
        client.app_ref = app
        yield client


class Browser:
    """A signed-in client: its own cookies and CSRF token."""

    def __init__(self, app, name: str):
        self.client = TestClient(app, follow_redirects=False)  # no `with`: the app's lifespan runs once
        login(self.client, name)
        self.csrf = csrf_of(self.client.get("/reports").text)
        self.name = name

    def get(self, url, **kw):
        return self.client.get(url, **kw)

    def post(self, url, **kw):
        headers = {"X-CSRF-Token": self.csrf, **kw.pop("headers", {})}
        return self.client.post(url, headers=headers, **kw)

    def delete(self, url, **kw):
        return self.client.delete(url, headers={"X-CSRF-Token": self.csrf, **kw.pop("headers", {})}, **kw)

    def upload(self, *files: tuple[str, bytes]):
        return self.post("/api/reports", files=[("files", (n, d)) for n, d in files])

    def close(self):
        self.client.close()


@pytest.fixture
def signed_in(workbench):
    """signed_in("alice") -> a Browser signed in as alice."""
    made = []

    def _make(name: str) -> Browser:
        b = Browser(workbench.app_ref, name)
        made.append(b)
        return b

    yield _make
    for b in made:
        b.close()


def login_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def csrf_of(html: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


def login(client, name: str, password: str = PASSWORD):
    page = client.get("/login")
    return client.post("/login", data={"name": name, "password": password, "csrf_token": login_token(page.text),
                                       "next": "/reports"}, follow_redirects=False)


def wait_checked(b: Browser, ids, timeout: float = 120) -> dict[int, dict]:
    """Poll the list until every report in ``ids`` is done or failed; returns their rows."""
    ids = set(ids)
    deadline = time.monotonic() + timeout
    while True:
        rows = {r["id"]: r for r in b.get("/api/reports").json()["reports"] if r["id"] in ids}
        if len(rows) == len(ids) and all(r["status"] in ("done", "failed") for r in rows.values()):
            return rows
        if time.monotonic() > deadline:
            raise AssertionError(f"reports not checked in {timeout} s: {rows}")
        time.sleep(0.3)


def upload_and_wait(b: Browser, *files: tuple[str, bytes]) -> list[int]:
    r = b.upload(*files)
    assert r.status_code == 200, r.text
    ids = [a["id"] for a in r.json()["accepted"]]
    rows = wait_checked(b, ids)
    assert all(row["status"] == "done" for row in rows.values()), rows
    return ids


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


# --------------------------------------------------------------------------- `jixiao serve` in its own process

JIXIAO = str(Path(sys.executable).parent / "jixiao")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([JIXIAO, *args], input=stdin, capture_output=True, text=True, timeout=120, check=False)


class Server:
    """`jixiao serve` on a data folder, as a child process."""

    def __init__(self, data: Path, port: int | None = None):
        self.data, self.port, self.proc = data, port or free_port(), None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        self.log = self.data.parent / f"serve-{self.port}-{time.monotonic_ns()}.log"
        with open(self.log, "wb") as err:  # a file, not a pipe nobody reads: a full pipe would block the server
            self.proc = subprocess.Popen([JIXIAO, "serve", "--port", str(self.port), "--data", str(self.data)],
                                         stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"jixiao serve exited: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError("jixiao serve did not answer within 60 s")

    def kill_hard(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def session(server: Server, name: str = "alice") -> tuple[httpx.Client, str]:
    c = httpx.Client(base_url=server.url, timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token, "next": "/reports"})
    assert r.status_code in (200, 303)
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', c.get("/reports").text).group(1)
    return c, csrf


def wait_done(c: httpx.Client, rid: int, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = next(r for r in c.get("/api/reports").json()["reports"] if r["id"] == rid)
        if row["status"] in ("done", "failed"):
            return row
        time.sleep(0.3)
    raise AssertionError(f"report {rid} not checked in {timeout} s")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    r = cli("user", "add", "alice", "--role", "lead", "--data", str(d), "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    return d


@pytest.fixture
def servers():
    made: list[Server] = []

    def _start(data: Path, port: int | None = None) -> Server:
        s = Server(data, port).start()
        made.append(s)
        return s

    yield _start
    for s in made:
        s.stop()
