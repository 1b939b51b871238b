"""The workbench as a user runs it: `jixiao serve` in its own process. A decision the browser was
told about survives a hard kill (SIGKILL) of the server; a report being checked when the server
died is checked after the restart; `jixiao db backup` copies the database while the server runs;
the exports work from the command line."""
from __future__ import annotations

import json
import sqlite3
import threading

from .conftest import SAMPLE, cli, session, wait_done


def test_an_acknowledged_decision_survives_a_hard_kill(data_dir, servers, tmp_path):
    server = servers(data_dir)
    c, csrf = session(server)
    r = c.post("/api/reports", files=[("files", ("s.docx", SAMPLE.read_bytes()))], headers={"X-CSRF-Token": csrf})
    rid = r.json()["accepted"][0]["id"]
    assert wait_done(c, rid)["status"] == "done"
    finding = c.get(f"/api/reports/{rid}").json()["findings"][0]
    r = c.post(f"/api/findings/{finding['id']}/decision", headers={"X-CSRF-Token": csrf},
               json={"decision": "rejected", "reason": "断电前的决定"})
    assert r.status_code == 200
    server.kill_hard()  # right after the 2xx: no shutdown, no checkpoint

    server = servers(data_dir)
    c, _ = session(server)
    got = {f["id"]: f for f in c.get(f"/api/reports/{rid}").json()["findings"]}[finding["id"]]
    assert got["current"]["decision"] == "rejected" and got["current"]["reason"] == "断电前的决定"

    out = tmp_path / "decisions.jsonl"
    r = cli("db", "export-decisions", "-o", str(out), "--data", str(data_dir))
    assert r.returncode == 0, r.stderr
    [line] = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["reason"] == "断电前的决定"


def test_a_report_being_checked_when_the_server_died_is_checked_after_restart(data_dir, servers):
    server = servers(data_dir)
    c, csrf = session(server)
    r = c.post("/api/reports", files=[("files", ("s.docx", SAMPLE.read_bytes()))], headers={"X-CSRF-Token": csrf})
    rid = r.json()["accepted"][0]["id"]
    server.kill_hard()
    server = servers(data_dir)
    c, _ = session(server)
    assert wait_done(c, rid)["status"] == "done"


def test_backup_while_the_server_runs_and_writes(data_dir, servers, tmp_path):
    server = servers(data_dir)
    c, csrf = session(server)
    r = c.post("/api/reports", files=[("files", ("s.docx", SAMPLE.read_bytes()))], headers={"X-CSRF-Token": csrf})
    rid = r.json()["accepted"][0]["id"]
    wait_done(c, rid)
    findings = c.get(f"/api/reports/{rid}").json()["findings"]
    assert c.post(f"/api/findings/{findings[0]['id']}/decision", headers={"X-CSRF-Token": csrf},
                  json={"decision": "confirmed"}).status_code == 200
    stop = threading.Event()

    def keep_writing():
        w, token = session(server)
        while not stop.is_set():
            w.post(f"/api/findings/{findings[1]['id']}/decision", headers={"X-CSRF-Token": token},
                   json={"decision": "pending"})

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        backup = tmp_path / "backup" / "jixiao-backup.db"
        r = cli("db", "backup", str(backup), "--data", str(data_dir))
    finally:
        stop.set()
        writer.join()
    assert r.returncode == 0, r.stderr
    assert "已备份到" in r.stdout
    with sqlite3.connect(backup) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT decision FROM decisions WHERE finding_id = ?", (findings[0]["id"],)).fetchall()
        assert rows == [("confirmed",)]
        assert db.execute("SELECT status FROM reports").fetchall() == [("done",)]
