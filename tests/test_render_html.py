"""The HTML view of checked reports (`jixiao check --format html`): what the page holds, and what a
reader sees and can do in a real browser (Debian's Chromium, headless, driven by Playwright)."""
from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import jixiao
from jixiao.model import Evidence, Finding, Paragraph, Table
from jixiao.render.html import render_html

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_report.docx"
OUTPUT = ROOT / "tests" / "output"


@functools.lru_cache(maxsize=None)
def checked(path: str):
    return jixiao.check(path)


@pytest.fixture(scope="module")
def sample():
    return checked(str(SAMPLE))


@pytest.fixture(scope="module")
def sample_soup(sample):
    return BeautifulSoup(render_html([sample]), "html.parser")


def _plain(s: str) -> str:
    return s.replace("\n", "").replace("\t", "")


def _marked_text(root, key: str) -> str:
    return "".join(el.get_text() for el in root.select(f'article.paper [data-ev~="{key}"]'))


# --------------------------------------------------------------------------- the page as written


def test_every_finding_is_listed_with_its_message(sample, sample_soup):
    cards = sample_soup.select("li.finding")
    assert sorted(c["data-fid"] for c in cards) == sorted(f.id for f in sample.findings)
    for f in sample.findings:
        card = sample_soup.select_one(f'li.finding[data-fid="{f.id}"]')
        text = card.get_text(" ")
        assert f.message in text and f.rule in text
        assert card["data-sev"] == f.severity and card["data-cat"] == f.category
        if f.expected:
            assert f.expected in text
        if f.suggestion:
            assert f.suggestion in text


def test_every_evidence_span_is_marked_with_its_figure(sample, sample_soup):
    for f in sample.findings:
        for i, e in enumerate(f.evidence):
            els = sample_soup.select(f'article.paper [data-ev~="{f.id}:{i}"]')
            assert els, f"{f.id} evidence {i} ({e.text}) is not marked"
            assert all(f.id in el["data-f"].split() for el in els)
            assert _plain(_marked_text(sample_soup, f"{f.id}:{i}")) == _plain(sample.document.text[slice(*e.span)])
            assert any(f"s-{s}" in el["class"] for el in els for s in ("error", "warning", "info"))


def test_claims_are_underlined_by_role_with_a_legend(sample, sample_soup):
    for c in sample.claims:
        els = sample_soup.select(f'article.paper [data-c~="{c.id}"]')
        assert els and "".join(el.get_text() for el in els) == c.text
        assert any(f"r-{c.role}" in el["class"] for el in els)
    legend = sample_soup.select_one(".legend").get_text(" ")
    for role in {c.role for c in sample.claims}:
        from jixiao.render.text import ROLE_ZH
        assert ROLE_ZH[role] in legend


def test_text_and_tables_as_read(sample, sample_soup):
    doc = sample.document
    for b in doc.blocks:
        el = sample_soup.select_one(f'article.paper [data-b="{b.index}"]')
        if isinstance(b, Paragraph):
            assert el.get_text() == b.text
            if b.heading is not None:
                assert el.name == ("h1" if b.heading.level == 0 else f"h{min(b.heading.level + 1, 6)}")
        else:
            assert isinstance(b, Table) and el.select_one("table")
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row):
                    td = el.select_one(f'td[data-rc="{r},{c}"]')
                    if cell.origin is not None:
                        assert td is None  # covered by a merged cell
                        continue
                    assert td.get_text() == cell.text
                    covered_right = sum(1 for x in row[c + 1:] if x.origin == (r, c))
                    covered_down = sum(1 for rr in b.rows[r + 1:] if rr[c].origin == (r, c))
                    assert int(td.get("colspan", 1)) == 1 + covered_right
                    assert int(td.get("rowspan", 1)) == 1 + covered_down
    assert sample_soup.select("td[rowspan]"), "the sample's 自评表 has merged 一级指标 cells"
    assert sample_soup.select_one("article.paper h1").get_text() == doc.title


def test_header_shows_file_format_chars_and_counts(sample, sample_soup):
    head = sample_soup.select_one(".report-head").get_text(" ")
    s = sample.summary
    assert "sample_report.docx" in head and "DOCX" in head and f"{len(sample.document.text)} 字符" in head
    for n, word in ((s["error"], "错误"), (s["warning"], "警告"), (s["info"], "提示")):
        assert re.search(rf"\b{n}\s+{word}", head), (n, word, head)


def test_self_contained_and_chinese_fonts(sample):
    page = render_html([sample])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    for font in ("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei", "SimSun"):
        assert font in page


@pytest.fixture()
def tricky(tmp_path):
    """A report whose text holds markup, and findings that overlap claims and each other."""
    p = tmp_path / "tricky.txt"
    p.write_text('某局2024年度项目支出绩效自评报告\n一、基本情况\n<script>alert("x")</script> 预算<100万元 & '
                 "支出80.00万元，执行率>=80%。\n二、绩效目标\n满意度≥90%，实际85%。\n", encoding="utf-8")
    rep = jixiao.check(str(p))
    text = rep.document.text

    def ev(s: str, start_at: int = 0, length: int | None = None) -> Evidence:
        i = text.index(s, start_at)
        j = i + (len(s) if length is None else length)
        return Evidence(text=text[i:j], span=(i, j))

    made = [
        Finding("FA", "JX101", "target-not-met", "error", "实际<85%>未达标 & 错", [ev("80.00万元"), ev("85%")]),
        Finding("FB", "JX401", "value-conflict", "warning", "同一数字", [ev("80.00万元")]),
        Finding("FC", "JX1201", "punctuation", "info", "部分重叠", [ev("支出80.00")]),
        Finding("FD", "JX1501", "other", "warning", "跨段", [Evidence(text=text[text.index("执行率"):text.index("绩效目标")],
                                                               span=(text.index("执行率"), text.index("绩效目标")))]),
        Finding("FE", "JX1101", "numbering", "info", "空证据", [ev("二、", length=0)]),
    ]
    return dataclasses.replace(rep, findings=list(rep.findings) + made)


def test_markup_in_reports_is_escaped(tricky):
    page = render_html([tricky])
    assert '<script>alert("x")' not in page and "&lt;script&gt;" in page
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.select("script")) == 2  # the data blob and the page script, nothing from the report
    body = soup.select_one("article.paper").get_text()
    assert '<script>alert("x")</script> 预算<100万元 & 支出80.00万元' in body
    assert "实际<85%>未达标 & 错" in soup.select_one('li.finding[data-fid="FA"]').get_text()
    blob = soup.select_one("script.jx-data").string
    assert "</" not in blob and "<" not in blob


def test_overlapping_marks_are_split_into_segments(tricky):
    soup = BeautifulSoup(render_html([tricky]), "html.parser")
    doc = tricky.document
    for f in tricky.findings:
        for i, e in enumerate(f.evidence):
            els = soup.select(f'article.paper [data-ev~="{f.id}:{i}"]')
            assert els, (f.id, i)
            assert _plain(_marked_text(soup, f"{f.id}:{i}")) == _plain(doc.text[slice(*e.span)])
    shared = [el for el in soup.select('article.paper [data-ev~="FA:0"]') if "FB" in el["data-f"].split()]
    assert shared and all("s-error" in el["class"] for el in shared)  # the graver finding colours the figure
    assert any("FC" in el["data-f"].split() and el.get("data-c") for el in soup.select("article.paper [data-f]"))
    assert "anchor" in soup.select_one('article.paper [data-ev~="FE:0"]')["class"]
    assert len({el.find_parent("p") for el in soup.select('article.paper [data-ev~="FD:0"]')}) >= 2  # across paragraphs
    for c in tricky.claims:
        assert "".join(el.get_text() for el in soup.select(f'article.paper [data-c~="{c.id}"]')) == c.text


def test_several_reports_one_section_each(sample, tricky):
    soup = BeautifulSoup(render_html([sample, tricky]), "html.parser")
    sections = soup.select("section.report")
    assert len(sections) == 2 and sections[1].has_attr("hidden") and not sections[0].has_attr("hidden")
    assert [t["data-target"] for t in soup.select(".tabs .tab")] == ["r0", "r1"]
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert len(sections[1].select("li.finding")) == len(tricky.findings)


def test_english_labels(sample):
    soup = BeautifulSoup(render_html([sample], lang="en"), "html.parser")
    assert soup.html["lang"] == "en"
    assert "Findings" in soup.select_one(".side-head").get_text()
    for f in sample.findings:
        card = soup.select_one(f'li.finding[data-fid="{f.id}"]').get_text(" ")
        assert (f.message_en or f.message) in card


# --------------------------------------------------------------------------- in a browser


@pytest.fixture()
def open_page(browser):
    """Open a rendered page: returns the Playwright page; page script errors fail the test."""
    pages, errors = [], []

    def _open(reports, name: str):
        OUTPUT.mkdir(parents=True, exist_ok=True)
        path = OUTPUT / f"{name}.html"
        path.write_text(render_html(reports), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1440, "height": 900}, reduced_motion="reduce")
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield _open
    for p in pages:
        p.close()
    assert not errors, errors


SEED_FORMS = [(i, form) for i in (0, 1) for form in ("txt", "docx", "pdf")]


def _seed_path(seeds_dir: Path, i: int, form: str) -> Path:
    txts = sorted(seeds_dir.glob("*.txt"))
    if len(txts) <= i:
        pytest.skip(f"seed {i} is absent")
    p = txts[i] if form == "txt" else seeds_dir / "formats" / f"{txts[i].stem}.{form}"
    if not p.exists():
        pytest.skip(f"{p.name} is absent")
    return p


_FOCUS_STATE = """([fid, n]) => {
  const sec = document.querySelector("section.report:not([hidden])");
  const unmarked = [];
  for (let i = 0; i < n; i++) {
    const els = [...sec.querySelectorAll(`.doc-pane [data-ev~="${fid}:${i}"]`)];
    if (!els.length || els.some(el => !el.classList.contains("focus"))) unmarked.push(i);
  }
  return {unmarked, stray: sec.querySelectorAll(`.doc-pane .m.focus:not([data-f~="${fid}"])`).length,
          active: [...sec.querySelectorAll(".finding.active")].map(c => c.dataset.fid)};
}"""

_VISIBLE_CARDS = """() => [...document.querySelectorAll("section.report:not([hidden]) li.finding")]
  .filter(c => c.offsetParent !== null).map(c => c.dataset.fid)"""


def _exercise(page, report, shot: Path) -> None:
    """Every finding listed; clicking each scrolls its evidence into view and outlines all of it."""
    from playwright.sync_api import expect

    sec = page.locator("section.report:not([hidden])")
    expect(sec.locator("li.finding")).to_have_count(len(report.findings))
    assert sorted(page.evaluate(_VISIBLE_CARDS)) == sorted(f.id for f in report.findings)
    for f in report.findings:
        sec.locator(f'li.finding[data-fid="{f.id}"]').click()
        if f.evidence:
            expect(sec.locator(f'.doc-pane [data-ev~="{f.id}:0"]').first).to_be_in_viewport()
        state = page.evaluate(_FOCUS_STATE, [f.id, len(f.evidence)])
        assert state["active"] == [f.id]
        assert state["unmarked"] == [], f"{f.id}: evidence {state['unmarked']} not highlighted"
        assert state["stray"] == 0, f"{f.id}: the previous highlight was not cleared"
    focus = next((f for f in report.findings if f.evidence and f.severity == "error"), None) \
        or next((f for f in report.findings if f.evidence), None)
    if focus:
        sec.locator(f'li.finding[data-fid="{focus.id}"]').click()
    page.screenshot(path=str(shot))


def _filters(page, report) -> None:
    from playwright.sync_api import expect

    sec = page.locator("section.report:not([hidden])")
    everyone = sorted(f.id for f in report.findings)
    for sev in sorted({f.severity for f in report.findings}):
        sec.locator(f"label.chip.s-{sev}").click()
        assert not sec.locator(f'input[data-filter="sev"][value="{sev}"]').is_checked()
        kept = sorted(f.id for f in report.findings if f.severity != sev)
        assert sorted(page.evaluate(_VISIBLE_CARDS)) == kept
        expect(sec.locator(".shown")).to_contain_text(f"{len(kept)} / {len(report.findings)}")
        for f in [f for f in report.findings if f.severity == sev and f.evidence][:3]:
            # figures named by hidden findings only are no longer highlighted
            for el in sec.locator(f'.doc-pane [data-f="{f.id}"]').all():
                expect(el).not_to_have_class(re.compile(r"\bfx\b"))
        sec.locator(f"label.chip.s-{sev}").click()
        assert sorted(page.evaluate(_VISIBLE_CARDS)) == everyone
    cats = sorted({f.category for f in report.findings})
    if cats:
        sec.locator(f'input[data-filter="cat"][value="{cats[0]}"]').locator("xpath=..").click()
        assert sorted(page.evaluate(_VISIBLE_CARDS)) == sorted(f.id for f in report.findings if f.category != cats[0])
        sec.locator(".all-cats").click()
        assert sorted(page.evaluate(_VISIBLE_CARDS)) == everyone


def test_browser_sample_report(open_page, sample):
    from playwright.sync_api import expect

    page = open_page([sample], "html_sample_report")
    _filters(page, sample)
    _exercise(page, sample, OUTPUT / "html_sample_report.png")
    # hovering a figure shows its role, metric and value
    c = next(c for c in sample.claims if c.metric and c.role == "actual")
    page.locator(f'.doc-pane [data-c~="{c.id}"]').first.hover()
    tip = page.locator("#jx-tip")
    expect(tip).to_be_visible()
    from jixiao.render.text import ROLE_ZH
    expect(tip).to_contain_text(ROLE_ZH[c.role])
    expect(tip).to_contain_text(c.metric)
    # clicking a highlighted figure in the text selects its finding in the list
    f = next(f for f in sample.findings if f.evidence)
    page.locator(f'.doc-pane [data-ev~="{f.id}:0"]').first.click()
    expect(page.locator("li.finding.active")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(".m.focus")).to_have_count(0)


@pytest.mark.parametrize("seed,form", SEED_FORMS, ids=[f"seed{i}-{form}" for i, form in SEED_FORMS])
def test_browser_seed_forms(open_page, seeds_dir, seed, form):
    path = _seed_path(seeds_dir, seed, form)
    report = checked(str(path))
    page = open_page([report], f"html_seed{seed}_{form}")
    _exercise(page, report, OUTPUT / f"html_seed{seed}_{form}.png")
    _filters(page, report)


def test_browser_switches_between_reports(open_page, sample, tricky):
    from playwright.sync_api import expect

    page = open_page([sample, tricky], "html_two_reports")
    expect(page.locator("#r0")).to_be_visible()
    expect(page.locator("#r1")).to_be_hidden()
    page.locator('.tab[data-target="r1"]').click()
    expect(page.locator("#r0")).to_be_hidden()
    expect(page.locator("#r1")).to_be_visible()
    _exercise(page, tricky, OUTPUT / "html_two_reports.png")
