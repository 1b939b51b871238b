"""The workbench's HTTP API on a real database (a SQLite file; PostgreSQL too when one is reachable):
signing in, CSRF, uploads, background checks, decisions and their history, re-checks, added
problems, exports, and escaping of everything that comes from a report."""
from __future__ import annotations

import io
import json
import zipfile

import openpyxl
from fastapi.testclient import TestClient

import jixiao
from jixiao.learn.corpus import from_doccano, from_label_studio, read_corpus
from jixiao.learn.decisions import read_decisions
from jixiao.server.app import create_app

from .conftest import (
    PASSWORD,
    SAMPLE,
    Browser,
    add_users,
    csrf_of,
    login,
    make_settings,
    upload_and_wait,
    wait_checked,
)

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


def _findings(b, rid: int) -> list[dict]:
    return b.get(f"/api/reports/{rid}").json()["findings"]


def _corrupt_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "this is not xml at all")
    return buf.getvalue()


# --------------------------------------------------------------------------- signing in


def test_pages_and_api_refuse_anonymous_requests(workbench):
    c = TestClient(workbench.app_ref, follow_redirects=False)
    r = c.get("/reports")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert c.get("/reports/1").status_code == 303
    assert c.get("/export/workpaper.xlsx?report=1").status_code == 303
    for method, url in (("get", "/api/reports"), ("get", "/api/reports/1"),
                        ("post", "/api/findings/1/decision"), ("post", "/api/reports")):
        r = getattr(c, method)(url)
        assert r.status_code == 401, url
        assert "请先登录" in r.json()["detail"]


def test_sign_in_sets_a_safe_cookie_and_sign_out_ends_the_session(workbench):
    c = TestClient(workbench.app_ref, follow_redirects=False)
    r = login(c, "alice")
    assert r.status_code == 303 and r.headers["location"] == "/reports"
    cookie = r.headers["set-cookie"]
    assert "jixiao_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = c.get("/reports")
    assert page.status_code == 200 and "alice" in page.text and "审核员" in page.text
    csrf = csrf_of(page.text)
    assert c.post("/logout", data={}).status_code == 403  # no CSRF token: refused, still signed in
    assert c.get("/reports").status_code == 200
    r = c.post("/logout", data={"csrf_token": csrf})
    assert r.status_code == 303 and r.headers["location"] == "/login"
    stale = TestClient(workbench.app_ref, follow_redirects=False)
    stale.cookies.set("jixiao_session", cookie.split("jixiao_session=")[1].split(";")[0])
    assert stale.get("/reports").status_code == 303  # the old token no longer opens a session


def test_wrong_password_and_the_sign_in_rate_limit(workbench):
    c = TestClient(workbench.app_ref, follow_redirects=False)
    r = login(c, "alice", "wrong-password")
    assert r.status_code == 401 and "用户名或密码不正确" in r.text
    for _ in range(4):
        login(c, "alice", "wrong-password")
    r = login(c, "alice")  # the right password, after five failures
    assert r.status_code == 429 and "登录失败次数过多" in r.text


def test_sign_in_form_needs_its_csrf_token(workbench):
    c = TestClient(workbench.app_ref, follow_redirects=False)
    c.get("/login")
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": "forged"})
    assert r.status_code == 403 and "jixiao_session" not in r.headers.get("set-cookie", "")


def test_csrf_is_required_on_every_change(signed_in, sample_bytes):
    alice = signed_in("alice")
    [rid] = upload_and_wait(alice, ("s.docx", sample_bytes))
    fid = _findings(alice, rid)[0]["id"]
    c = alice.client
    for headers in ({}, {"X-CSRF-Token": "wrong"}):
        r = c.post(f"/api/findings/{fid}/decision", json={"decision": "confirmed"}, headers=headers)
        assert r.status_code == 403 and "安全校验失败" in r.json()["detail"]
        r = c.post("/api/reports", files=[("files", ("a.txt", "一、项目概况\n".encode()))], headers=headers)
        assert r.status_code == 403
        r = c.post(f"/api/reports/{rid}/problems", json={"quote": "x", "category": "other"}, headers=headers)
        assert r.status_code == 403
    r = c.post("/reports", files=[("files", ("a.txt", "一、项目概况\n".encode()))], data={"csrf_token": "wrong"})
    assert r.status_code == 403
    assert _findings(alice, rid)[0]["current"] is None
    assert len(alice.get("/api/reports").json()["reports"]) == 1


# --------------------------------------------------------------------------- uploads and checking


def test_upload_refuses_content_that_is_no_report(signed_in, sample_bytes):
    alice = signed_in("alice")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "hello")
    r = alice.upload(("report.docx", png), ("data.xlsx", other_zip.getvalue()), ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))
    assert r.status_code == 400
    errors = {x["name"]: x["error"] for x in r.json()["rejected"]}
    assert "不支持的文件类型" in errors["report.docx"]
    assert "不是 Word 或 Excel" in errors["data.xlsx"]
    assert "另存为 .docx" in errors["old.doc"]
    assert alice.get("/api/reports").json()["reports"] == []
    # the type comes from the content: a Word file named .txt is read as Word
    r = alice.upload(("misnamed.txt", sample_bytes))
    assert r.json()["accepted"][0]["format"] == "docx"


def test_upload_limits_on_size_and_number_of_files(tmp_path):
    app = create_app(make_settings(tmp_path, max_upload_bytes=2000, max_files=2, run_jobs=False))
    add_users(app)
    with TestClient(app):
        alice = Browser(app, "alice")
        r = alice.upload(("big.txt", ("一、项目概况。" * 400).encode()), ("small.txt", "一、项目概况\n".encode()))
        assert r.status_code == 200
        assert [a["name"] for a in r.json()["accepted"]] == ["small.txt"]
        assert "上限" in r.json()["rejected"][0]["error"]
        r = alice.upload(*[(f"{i}.txt", "一、项目概况\n".encode()) for i in range(3)])
        assert r.status_code == 400 and "最多 2 个文件" in r.json()["detail"]
        r = alice.upload(("huge.txt", b"x" * 1_100_000))  # more than every file at its limit, and room for the form
        assert r.status_code == 413 and "上传内容过大" in r.json()["detail"]

        def chunks():  # no Content-Length: the limit holds on the bytes as they arrive
            yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n"
            for _ in range(20):
                yield b"x" * 100_000

        r = alice.client.post("/api/reports", content=chunks(), headers={
            "X-CSRF-Token": alice.csrf, "Content-Type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413


def test_many_uploads_are_checked_in_the_background_and_a_bad_one_does_not_stop_the_others(
        signed_in, sample_bytes, tmp_path):
    alice = signed_in("alice")
    txt = "某项目2024年度绩效自评报告\n一、项目概况\n项目预算100万元，实际支出120万元，预算执行率为120%。\n".encode()
    r = alice.upload(("a.docx", sample_bytes), ("broken.docx", _corrupt_docx()), ("b.txt", txt))
    assert r.status_code == 200 and len(r.json()["accepted"]) == 3
    rows = wait_checked(alice, [a["id"] for a in r.json()["accepted"]])
    by_name = {row["name"]: row for row in rows.values()}
    assert by_name["broken.docx"]["status"] == "failed"
    assert " / " in by_name["broken.docx"]["error"]  # one line, Chinese then English
    assert by_name["a.docx"]["status"] == by_name["b.txt"]["status"] == "done"
    sample = tmp_path / "same.docx"
    sample.write_bytes(sample_bytes)
    expected = jixiao.check(str(sample)).summary
    assert by_name["a.docx"]["counts"] == expected
    assert by_name["a.docx"]["review"]["findings"] == sum(expected.values())
    assert by_name["a.docx"]["percent"] == 100
    page = alice.get("/reports").text
    assert "broken.docx" in page and "失败" in page and f"0/{sum(expected.values())} 已审核" in page
    failed = alice.get(f"/reports/{by_name['broken.docx']['id']}")
    assert failed.status_code == 200 and by_name["broken.docx"]["error"].split(" / ")[0] in failed.text


def test_files_are_stored_under_generated_names(signed_in, workbench):
    alice = signed_in("alice")
    r = alice.upload(("../../evil/../passwd.txt", "一、项目概况\n预算100万元。\n".encode()))
    assert r.json()["accepted"][0]["name"] == "passwd.txt"
    wait_checked(alice, [r.json()["accepted"][0]["id"]])
    uploads = workbench.app_ref.state.settings.uploads_dir
    names = [p.name for p in uploads.iterdir()]
    assert len(names) == 1 and names[0].endswith(".txt") and len(names[0]) == 36 and "passwd" not in names[0]
    got = alice.get(f"/reports/{r.json()['accepted'][0]['id']}/file")
    assert got.headers["content-disposition"].startswith("attachment")
    assert got.content == "一、项目概况\n预算100万元。\n".encode()


def test_a_report_over_the_time_limit_is_stopped_with_a_message(tmp_path):
    app = create_app(make_settings(tmp_path, job_timeout=0.2))
    add_users(app)
    with TestClient(app):
        alice = Browser(app, "alice")
        r = alice.upload(("slow.txt", "一、项目概况\n预算100万元。\n".encode()))
        row = wait_checked(alice, [r.json()["accepted"][0]["id"]])
        [row] = row.values()
        assert row["status"] == "failed" and "处理超时" in row["error"]


# --------------------------------------------------------------------------- decisions


def test_decisions_record_who_and_when_and_keep_their_history(signed_in, sample_bytes):
    alice, bob = signed_in("alice"), signed_in("bob")
    [rid] = upload_and_wait(alice, ("s.docx", sample_bytes))
    f1, f2 = _findings(alice, rid)[:2]
    r = alice.post(f"/api/findings/{f1['id']}/decision", json={"decision": "confirmed", "comment": "核对原表无误"})
    assert r.status_code == 200 and r.json()["current"]["label"] == "确认"
    r = bob.post(f"/api/findings/{f1['id']}/decision", json={"decision": "rejected"})
    assert r.status_code == 400 and "驳回时须填写理由" in r.json()["detail"]
    r = bob.post(f"/api/findings/{f1['id']}/decision", json={"decision": "rejected", "reason": "附表另有说明"})
    assert r.status_code == 200
    r = alice.post(f"/api/findings/{f2['id']}/decision", json={"decision": "maybe"})
    assert r.status_code == 400
    now = _findings(alice, rid)
    got = {f["id"]: f for f in now}[f1["id"]]
    assert got["current"]["decision"] == "rejected" and got["current"]["user"] == "bob"
    assert got["current"]["reason"] == "附表另有说明"
    assert [(d["decision"], d["user"]) for d in got["history"]] == [("confirmed", "alice"), ("rejected", "bob")]
    assert got["history"][0]["comment"] == "核对原表无误" and got["history"][0]["at"].endswith("+08:00")
    row = alice.get("/api/reports").json()["reports"][0]
    assert row["review"]["rejected"] == 1 and row["review"]["decided"] == 1


def test_recheck_keeps_decisions_on_findings_still_there(signed_in, sample_bytes, workbench):
    alice, lead = signed_in("alice"), signed_in("lead1")
    [rid] = upload_and_wait(alice, ("s.docx", sample_bytes))
    f1, f2 = _findings(alice, rid)[:2]
    alice.post(f"/api/findings/{f1['id']}/decision", json={"decision": "confirmed"})
    alice.post(f"/api/findings/{f2['id']}/decision", json={"decision": "rejected", "reason": "不是问题"})
    assert alice.post(f"/reports/{rid}/recheck").status_code == 403  # auditors cannot re-check
    # as if an older jixiao had numbered the findings differently
    from sqlalchemy import update

    from jixiao.server.models import Finding, Report

    with workbench.app_ref.state.sessions() as db:
        db.execute(update(Finding).where(Finding.report_id == rid).values(run_id="old"))
        db.execute(update(Report).where(Report.id == rid).values(jixiao_version="0.0.1"))
        db.commit()
    page = alice.get(f"/reports/{rid}").text
    assert "jixiao 0.0.1" in page  # the page says the result is from another version
    r = lead.post(f"/reports/{rid}/recheck")
    assert r.status_code == 303
    rows = wait_checked(lead, [rid])
    assert rows[rid]["status"] == "done" and rows[rid]["version"] == jixiao.__version__
    after = {f["id"]: f for f in _findings(alice, rid)}
    assert after[f1["id"]]["current"]["decision"] == "confirmed"
    assert after[f2["id"]]["current"]["decision"] == "rejected"
    assert after[f1["id"]]["fid"] != "old"


def test_finding_matching_survives_renumbering_and_moved_text():
    from jixiao.server.jobs import finding_key, match_findings

    def f(fid, rule, texts, spans):
        return {"id": fid, "rule": rule, "category": "sum-mismatch",
                "evidence": [{"text": t, "span": list(s)} for t, s in zip(texts, spans)]}

    old = [f("f1", "JX101", ["100"], [(10, 13)]), f("f2", "JX101", ["100"], [(50, 53)]),
           f("f3", "JX202", ["7%"], [(80, 82)]), f("f4", "JX303", ["gone"], [(90, 94)])]
    old_rows = [(i + 1, finding_key(o), tuple(tuple(e["span"]) for e in o["evidence"])) for i, o in enumerate(old)]
    new = [f("a", "JX202", ["7%"], [(85, 87)]),  # moved by 5 characters
           f("b", "JX101", ["100"], [(50, 53)]), f("c", "JX101", ["100"], [(10, 13)]),
           f("d", "JX999", ["new"], [(1, 4)])]
    assert match_findings(old_rows, new) == {0: 3, 1: 2, 2: 1}


# --------------------------------------------------------------------------- problems jixiao missed


def test_an_auditor_adds_a_missed_problem_on_the_text(signed_in, sample_bytes):
    alice, bob = signed_in("alice"), signed_in("bob")
    [rid] = upload_and_wait(alice, ("s.docx", sample_bytes))
    assert alice.get(f"/api/reports/{rid}").json()["added"] == []
    page = alice.get(f"/reports/{rid}").text
    state = json.loads(page.split('id="review-data">')[1].split("</script>")[0])
    assert state["meta"]["p"], "where each paragraph starts is on the page, for selections"
    text = jixiao.read(str(SAMPLE)).text
    quote = "项目"
    at = text.index(quote, 100)
    r = alice.post(f"/api/reports/{rid}/problems", json={"start": at, "end": at + len(quote), "quote": quote,
                                                         "category": "vague-target", "note": "目标表述笼统"})
    assert r.status_code == 200, r.text
    p = r.json()["problem"]
    assert (p["start"], p["end"], p["quote"], p["category_zh"]) == (at, at + 2, quote, "目标不可衡量")
    # offsets that do not cover the quote (the page's view differs): its first occurrence is taken
    r = alice.post(f"/api/reports/{rid}/problems", json={"start": 0, "end": 1, "quote": quote, "category": "other"})
    assert r.json()["problem"]["start"] == text.index(quote)
    alice.delete(f"/api/problems/{r.json()['problem']['id']}")
    r = alice.post(f"/api/reports/{rid}/problems", json={"quote": "这句话不在报告里", "category": "other"})
    assert r.status_code == 400 and "不在报告正文中" in r.json()["detail"]
    r = alice.post(f"/api/reports/{rid}/problems", json={"quote": quote, "category": "no-such"})
    assert r.status_code == 400
    got = alice.get(f"/api/reports/{rid}").json()["added"]
    assert [(x["quote"], x["user"], x["note"]) for x in got] == [(quote, "alice", "目标表述笼统")]
    assert bob.delete(f"/api/problems/{p['id']}").status_code == 403  # not bob's
    assert alice.delete(f"/api/problems/{p['id']}").status_code == 200
    assert alice.get(f"/api/reports/{rid}").json()["added"] == []


# --------------------------------------------------------------------------- exports


def test_exports_carry_the_decisions_and_the_labelled_data(signed_in, sample_bytes, tmp_path):
    alice, lead = signed_in("alice"), signed_in("lead1")
    [rid] = upload_and_wait(alice, ("某局自评报告.docx", sample_bytes))
    f1, f2, f3 = _findings(alice, rid)[:3]
    alice.post(f"/api/findings/{f1['id']}/decision", json={"decision": "confirmed", "comment": "属实"})
    alice.post(f"/api/findings/{f2['id']}/decision", json={"decision": "rejected", "reason": "口径不同"})
    alice.post(f"/api/findings/{f3['id']}/decision", json={"decision": "pending"})
    added = alice.post(f"/api/reports/{rid}/problems", json={"quote": "项目", "category": "other"}).json()["problem"]

    r = alice.get(f"/export/workpaper.xlsx?report={rid}")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb["问题清单"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, [c.value for c in row])) for row in ws.iter_rows(min_row=2)]
    by_msg = {row["说明"]: row for row in rows}
    assert by_msg[f1["message"]]["复核意见"] == "确认" and by_msg[f1["message"]]["复核人"] == "alice"
    assert by_msg[f2["message"]]["复核意见"] == "驳回" and by_msg[f2["message"]]["驳回理由"] == "口径不同"
    assert by_msg[f3["message"]]["复核意见"] == "待定"
    assert len(rows) == len(_findings(alice, rid))
    assert [c.value for c in wb["漏报问题"][2]][4] == "项目"
    assert wb["审核记录"].max_row == 4  # header and three decisions

    r = alice.get(f"/export/decisions.jsonl?report={rid}")
    path = tmp_path / "d.jsonl"
    path.write_bytes(r.content)
    decisions = {d.finding["message"]: d for d in read_decisions(path)}
    assert decisions[f1["message"]].label == 1 and decisions[f2["message"]].label == 0
    assert decisions[f2["message"]].reason == "口径不同" and decisions[f1["message"]].reviewer == "alice"
    assert decisions[f1["message"]].report["source"] == "某局自评报告.docx"
    assert decisions[f1["message"]].context

    r = alice.get(f"/export/corpus?report={rid}")
    path = tmp_path / "c.jsonl"
    path.write_bytes(r.content)
    [rec] = read_corpus(path)
    rules = [f.rule for f in rec.findings]
    assert f1["rule"] in rules and rec.text
    assert (added["start"], added["end"]) in [s for f in rec.findings for s in f.spans]
    assert len(rec.findings) == 2  # the confirmed finding and the added problem; not the rejected one
    for f in rec.findings:
        for (a, b), q in zip(f.spans, f.evidence):
            assert rec.text[a:b] == q
    ls = alice.get(f"/export/corpus?report={rid}&format=label-studio").json()
    assert len(from_label_studio(ls)[0].findings) == 2
    lines = [json.loads(x) for x in alice.get(f"/export/corpus?report={rid}&format=doccano").text.splitlines()]
    assert len(from_doccano(lines)[0].findings) == 2

    assert alice.get("/export/workpaper.xlsx").status_code == 403  # everything: leads only
    assert lead.get("/export/workpaper.xlsx").status_code == 200
    assert lead.get("/export/corpus?format=nonsense").status_code == 400


# --------------------------------------------------------------------------- untrusted text


def test_script_in_a_report_or_its_name_is_escaped_everywhere(signed_in):
    alice = signed_in("alice")
    body = f"某项目绩效自评报告\n一、项目概况\n项目名称：{XSS_SCRIPT}\n负责人：{XSS_IMG}\n预算100万元。\n"
    name = f'{XSS_IMG}.txt'
    [rid] = upload_and_wait(alice, (name, body.encode()))
    for url in ("/reports", f"/reports/{rid}"):
        r = alice.get(url)
        assert r.status_code == 200
        html = r.text
        assert XSS_SCRIPT not in html and "<img src=x" not in html, url
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert "script-src 'self'" in r.headers["content-security-policy"]
    page = alice.get(f"/reports/{rid}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # the page's JSON data cannot close its script element
    data = page.split('id="review-data">')[1].split("</script>")[0]
    assert "<" not in data
    # and the JSON API hands the text back as data
    assert alice.get("/api/reports").json()["reports"][0]["name"].endswith("<img src=x onerror=alert(1)>.txt")


def test_admin_manages_users_and_others_cannot(signed_in):
    admin, alice = signed_in("admin1"), signed_in("alice")
    assert alice.get("/admin/users").status_code == 403
    assert alice.post("/admin/users", data={"name": "eve", "password": "longpassword", "role": "admin",
                                            "csrf_token": alice.csrf}).status_code == 403
    r = admin.post("/admin/users", data={"name": "carol", "password": "longpassword", "role": "lead",
                                         "csrf_token": admin.csrf})
    assert r.status_code == 200 and "已添加用户 carol" in r.text
    r = admin.post("/admin/users", data={"name": "carol", "password": "longpassword", "role": "lead",
                                         "csrf_token": admin.csrf})
    assert r.status_code == 400 and "已存在" in r.text
    c = TestClient(admin.client.app, follow_redirects=False)
    assert login(c, "carol", "longpassword").status_code == 303
    assert c.get("/export/workpaper.xlsx").status_code == 200  # a lead
