"""The workbench in a real browser (Debian's Chromium, headless, driven by Playwright) against
`jixiao serve`: sign in, upload a report, confirm one finding and reject another with the keyboard,
mark a problem jixiao missed by selecting text, export, restart the server and see it all again;
and a report full of markup renders inert."""
from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest

import jixiao
from jixiao.learn.corpus import read_corpus

from .conftest import PASSWORD, SAMPLE, session

OUTPUT = Path(__file__).resolve().parents[1] / "output"
SHARED = Path(os.environ.get("JIXIAO_SHARED", Path(__file__).resolve().parents[3] / "shared"))

_SELECT = """([text, nth]) => {
  const paper = document.querySelector("article.paper");
  const walker = document.createTreeWalker(paper, NodeFilter.SHOW_TEXT);
  let n, seen = 0;
  while ((n = walker.nextNode())) {
    let i = n.data.indexOf(text);
    while (i >= 0) {
      if (seen === nth) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + text.length);
        const s = window.getSelection();
        s.removeAllRanges();
        s.addRange(r);
        const box = r.getBoundingClientRect();
        n.parentElement.dispatchEvent(new MouseEvent("mouseup", {bubbles: true, clientX: box.right, clientY: box.bottom}));
        return true;
      }
      seen++;
      i = n.data.indexOf(text, i + 1);
    }
  }
  return false;
}"""


@pytest.fixture
def page(browser):
    """A fresh browser context; page errors and any dialog (alert) fail the test."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True, locale="zh-CN")
    pg = ctx.new_page()
    pg.errors, pg.dialogs = [], []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()
    assert not pg.dialogs, f"a dialog opened: {pg.dialogs}"
    assert not pg.errors, pg.errors


def _report_file() -> Path:
    """A seed from ../shared when present (read there, never copied), else the shipped sample."""
    seed = sorted((SHARED / "seeds" / "formats").glob("*.docx")) if SHARED.is_dir() else []
    return seed[0] if seed else SAMPLE


def _sign_in(page, url: str, name: str = "alice") -> None:
    from playwright.sync_api import expect

    page.goto(url + "/reports")
    expect(page).to_have_url(re.compile(r"/login"))
    page.fill('input[name="name"]', name)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    expect(page.locator(".wb-name")).to_have_text(name)


def _upload(page, path: Path, name: str | None = None) -> None:
    from playwright.sync_api import expect

    if name is None:
        page.set_input_files("#files", str(path))
    else:
        page.set_input_files("#files", files=[{"name": name, "mimeType": "text/plain", "buffer": path.read_bytes()}])
    page.click("text=上传并检查")
    expect(page.locator("#upload-results li.ok")).to_have_count(1)
    try:
        expect(page.locator("#reports tbody tr[data-status='done']")).to_have_count(1, timeout=120_000)
    except AssertionError as e:
        state = page.evaluate("() => fetch('/api/reports').then(r => r.text())")
        raise AssertionError(f"the report was not checked: {state}") from e


def test_review_a_report_in_the_browser_and_find_it_all_again_after_a_restart(page, data_dir, servers, tmp_path):
    from playwright.sync_api import expect

    report_file = _report_file()
    doc = jixiao.read(str(report_file))
    server = servers(data_dir)
    _sign_in(page, server.url)
    _upload(page, report_file)
    row = page.locator("#reports tbody tr").first
    expect(row.locator("td.rv")).to_contain_text("0/")
    row.locator("td.name a").click()
    expect(page.locator(".rv-tools")).to_contain_text("已审核 0 /")
    cards = page.locator("li.finding")
    assert cards.count() >= 2

    # J to the first finding, Y confirms; J to the next, N asks for a reason, Enter rejects
    page.keyboard.press("j")
    first = cards.nth(0)
    expect(first).to_have_class(re.compile(r"\bactive\b"))
    page.keyboard.press("y")
    expect(first).to_have_class(re.compile(r"\bdec-confirmed\b"))
    page.keyboard.press("j")
    second = cards.nth(1)
    page.keyboard.press("n")
    reason = second.locator(".rv-reason input")
    expect(reason).to_be_focused()
    reason.fill("附表中已说明差异原因")
    page.keyboard.press("Enter")
    expect(second).to_have_class(re.compile(r"\bdec-rejected\b"))
    expect(second.locator(".rv-state")).to_contain_text("附表中已说明差异原因")
    expect(page.locator(".rv-tools")).to_contain_text("已审核 2 /")

    # a missed problem: select the second "万元" in the text, choose a category, add
    assert page.evaluate(_SELECT, ["万元", 1])
    box = page.locator("#add-box")
    expect(box).to_be_visible()
    page.select_option("#add-category", "unit-mismatch")
    page.fill("#add-note", "单位应为元")
    page.click("#add-save")
    expect(page.locator(".added-list li")).to_have_count(1)
    expect(page.locator("article.paper span.added")).to_have_count(1)
    assert page.locator("article.paper span.added").inner_text() == "万元"
    second_at = doc.text.index("万元", doc.text.index("万元") + 1)
    c, _ = session(server)
    rid = c.get("/api/reports").json()["reports"][0]["id"]
    [added] = c.get(f"/api/reports/{rid}").json()["added"]
    assert (added["start"], added["end"]) == (second_at, second_at + 2)  # the offsets, not a text search
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "workbench_review.png"))

    # exports: the working paper and the labelled data
    with page.expect_download() as dl:
        page.click("text=导出底稿 (.xlsx)")
    wb = openpyxl.load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))
    reviews = [r[10].value for r in wb["问题清单"].iter_rows(min_row=2)]
    assert reviews.count("确认") == 1 and reviews.count("驳回") == 1
    with page.expect_download() as dl:
        page.click("text=导出标注数据")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(Path(dl.value.path()).read_bytes())
    [rec] = read_corpus(corpus)
    assert len(rec.findings) == 2 and (second_at, second_at + 2) in rec.findings[-1].spans

    # restart the server on the same port: the same page shows every decision and the added problem
    port = server.port
    server.stop()
    server = servers(data_dir, port)
    page.reload()
    expect(cards.nth(0)).to_have_class(re.compile(r"\bdec-confirmed\b"))
    expect(cards.nth(1)).to_have_class(re.compile(r"\bdec-rejected\b"))
    expect(cards.nth(1).locator(".rv-state")).to_contain_text("附表中已说明差异原因")
    expect(page.locator(".added-list li")).to_have_count(1)
    expect(page.locator(".added-list li")).to_contain_text("单位应为元")
    expect(page.locator("article.paper span.added")).to_have_count(1)
    expect(page.locator(".rv-tools")).to_contain_text("已审核 2 /")


def test_a_report_full_of_markup_renders_inert(page, data_dir, servers, tmp_path):
    from playwright.sync_api import expect

    server = servers(data_dir)
    body = ("某项目2024年度绩效自评报告\n一、项目概况\n项目名称：<script>alert(1)</script>\n"
            '负责单位："><img src=x onerror=alert(1)>\n'
            "<img src=x onerror=\"document.title='pwned'\"><svg onload=alert(2)>\n"
            "二、预算执行\n预算100万元，支出120万元，执行率120%。\n")
    f = tmp_path / "x.txt"
    f.write_text(body, encoding="utf-8")
    _sign_in(page, server.url)
    _upload(page, f, name='"><img src=x onerror=alert(1)>.txt')
    expect(page.locator("#reports tbody td.name a")).to_contain_text("<img src=x onerror=alert(1)>")
    page.locator("#reports tbody td.name a").click()
    expect(page.locator("article.paper")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("article.paper")).to_contain_text("onerror=alert(1)>")
    assert page.locator("article.paper img, article.paper svg, article.paper script").count() == 0
    assert page.locator("body img").count() == 0
    page.wait_for_timeout(300)
    assert page.title() != "pwned"
    data = json.loads(page.locator("#review-data").text_content())
    assert data["report"]["name"].endswith("<img src=x onerror=alert(1)>.txt")
    page.goto(server.url + "/reports")  # the list, with the same name in it
    expect(page.locator("#reports tbody td.name a")).to_contain_text("onerror")
    page.wait_for_timeout(300)
