"""Word comments on the flagged text (`jixiao check report.docx --annotate out.docx`): what a user
opening the annotated file in Word sees — one comment per finding on exactly the flagged words,
the report otherwise untouched."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import docx_factory as f
import pytest
import regex as re
from docx.shared import Pt
from docx.table import _Cell
from lxml import etree

import jixiao
from jixiao.errors import JixiaoError
from jixiao.model import Evidence, Finding, Table
from jixiao.normalize import normalize
from jixiao.render.docx_comments import (
    AUTHOR,
    INITIALS,
    RELATED_EN,
    RELATED_ZH,
    annotate,
)
from jixiao.report import Report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_report.docx"


# --------------------------------------------------------------------------- reading back


@dataclass
class Note:
    id: str
    author: str
    initials: str
    text: str
    anchored: str  # the document text between the comment's range markers
    start: object  # w:p holding the range start
    end: object  # w:p holding the range end

    @property
    def related(self) -> bool:
        return self.text.startswith((RELATED_ZH, RELATED_EN))

    def cell(self):
        """The w:tc holding the whole range, None when the range is not inside one cell."""
        a = next(self.start.iterancestors(f"{W}tc"), None)
        return a if a is not None and a is next(self.end.iterancestors(f"{W}tc"), None) else None


def notes(path: Path) -> list[Note]:
    """Comments of a .docx in id order, each with the text it is anchored on."""
    d = docx.Document(str(path))
    opened: dict[str, list[str]] = {}
    anchored: dict[str, str] = {}
    start: dict[str, object] = {}
    end: dict[str, object] = {}
    for ev, el in etree.iterwalk(d.element.body, events=("start", "end")):
        if ev == "start" and el.tag == f"{W}commentRangeStart":
            opened[el.get(f"{W}id")] = []
            start[el.get(f"{W}id")] = next(el.iterancestors(f"{W}p"))
        elif ev == "start" and el.tag == f"{W}commentRangeEnd":
            anchored[el.get(f"{W}id")] = "".join(opened.pop(el.get(f"{W}id"), []))
            end[el.get(f"{W}id")] = next(el.iterancestors(f"{W}p"))
        elif ev == "start" and el.tag == f"{W}t":
            for parts in opened.values():
                parts.append(el.text or "")
        elif ev == "start" and el.tag == f"{W}tab" and el.getparent().tag == f"{W}r":
            for parts in opened.values():
                parts.append("\t")
        elif ev == "end" and el.tag == f"{W}p":
            for parts in opened.values():
                parts.append("\n")
    out = []
    for c in d.comments:
        i = str(c.comment_id)
        out.append(Note(i, c.author, c.initials, c.text, anchored.get(i, ""), start.get(i), end.get(i)))
    return out


_INLINE_PARENTS = {f"{W}{t}" for t in ("p", "hyperlink", "ins", "smartTag", "customXml", "sdtContent")}


def assert_well_formed(path: Path) -> None:
    """Each comment has one range start, one range end after it and one reference, all standing
    where WordprocessingML allows them (in a paragraph or an inline container)."""
    d = docx.Document(str(path))
    order = {el: i for i, el in enumerate(d.element.body.iter())}
    for c in d.comments:
        i = str(c.comment_id)
        found = {tag: d.element.body.xpath(f'.//w:{tag}[@w:id="{i}"]')
                 for tag in ("commentRangeStart", "commentRangeEnd", "commentReference")}
        assert [len(v) for v in found.values()] == [1, 1, 1], i
        start, end, ref = (v[0] for v in found.values())
        assert order[start] < order[end] < order[ref]
        assert start.getparent().tag in _INLINE_PARENTS and end.getparent().tag in _INLINE_PARENTS
        assert ref.getparent().tag == f"{W}r"


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def shown(s: str) -> str:
    """Source text as the report's normalised text has it, whitespace ignored."""
    return squash(normalize(s)[0])


def word_text(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """What Word shows: every paragraph's text and every table cell's text."""
    d = docx.Document(str(path))
    return ([p.text for p in d.paragraphs],
            [[[c.text for c in row.cells] for row in t.rows] for t in d.tables])


def primary(ns: list[Note]) -> list[Note]:
    return [n for n in ns if not n.related]


def assert_annotated(report: Report, out: Path) -> list[Note]:
    """One comment per finding by jixiao, each on its finding's first evidence; comments on
    evidence inside one table cell stay in that cell."""
    assert_well_formed(out)
    ns = notes(out)
    main = primary(ns)
    assert len(main) == len(report.findings)
    assert all(n.author == AUTHOR and n.initials == INITIALS for n in ns)
    doc = report.document
    for fd, n in zip(report.findings, main):
        assert fd.rule in n.text and fd.message.split("，")[0] in n.text
        ev = fd.evidence[0]
        assert squash(ev.text) in shown(n.anchored), (fd.rule, ev.text, n.anchored)
        block = doc.block_at(ev.span[0])
        if isinstance(block, Table):
            cell = doc.locate(ev.span[0])
            c = block.rows[cell.row][cell.column]
            if ev.span[1] <= c.span[1]:  # evidence inside one cell
                tc = n.cell()
                assert tc is not None, (fd.rule, ev.text)
                assert shown(_Cell(tc, None).text) == squash(c.text)
    return ns


def report_on(path: Path, *evidence: str, rule: str = "JX101", category: str = "target-not-met") -> Report:
    """A report with one finding per evidence text (found in the document's text)."""
    doc = jixiao.read(path)
    findings = []
    for i, text in enumerate(evidence):
        s = doc.text.find(text)
        assert s >= 0, text
        findings.append(Finding(id=f"F{i + 1}", rule=rule, category=category, severity="error",
                                message=f"第{i + 1}处问题：{text}", message_en=f"problem {i + 1}: {text}",
                                evidence=[Evidence(text, (s, s + len(text)))], expected="≥90%",
                                suggestion="核实后修改"))
    return Report(document=doc, findings=findings)


# --------------------------------------------------------------------------- the sample and the seeds


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    report = jixiao.check(SAMPLE)
    out = annotate(report, tmp_path_factory.mktemp("sample") / "sample.annotated.docx")
    return report, out


def test_sample_report_gets_one_comment_per_finding_on_its_evidence(sample):
    report, out = sample
    assert out.exists() and len(report.findings) >= 10
    ns = assert_annotated(report, out)
    assert any(n.related for n in ns)  # the other figures of a finding are marked too
    first = primary(ns)[0].text.splitlines()
    assert first[0].startswith(("【错误】", "【警告】", "【提示】")) and first[1].startswith("规则 JX")


def test_sample_report_text_and_tables_are_unchanged(sample):
    report, out = sample
    assert word_text(out) == word_text(SAMPLE)
    assert jixiao.read(out).text == report.document.text


def test_sample_report_table_findings_land_in_their_cells(sample):
    report, out = sample
    in_tables = [fd for fd in report.findings
                 if isinstance(report.document.block_at(fd.evidence[0].span[0]), Table)]
    assert in_tables
    main = primary(notes(out))
    for fd, n in zip(report.findings, main):
        if fd in in_tables:
            assert n.cell() is not None


def _seed_forms(seeds_dir: Path) -> list[Path]:
    paths = []
    for txt in sorted(seeds_dir.glob("*.txt")):
        paths += [txt, seeds_dir / "formats" / f"{txt.stem}.docx", seeds_dir / "formats" / f"{txt.stem}.pdf"]
    return [p for p in paths if p.exists()]


def test_seeds_in_all_three_forms(seeds_dir, tmp_path):
    forms = _seed_forms(seeds_dir)
    assert len(forms) >= 3
    for path in forms:
        report = jixiao.check(path)
        out = annotate(report, tmp_path / f"{path.stem}.{path.suffix[1:]}.docx")
        assert_annotated(report, out)
        again = jixiao.read(out)
        if path.suffix == ".docx":
            assert word_text(out) == word_text(path)
            assert again.text == report.document.text
        else:  # a new document of the normalised text: same headings and tables
            assert [squash(h.number + h.title) for h in again.headings][:5] == \
                   [squash(h.number + h.title) for h in report.document.headings][:5]
            assert len(again.tables) == len(report.document.tables)


def test_rebuilt_document_has_word_headings_paragraphs_and_tables(tmp_path):
    src = tmp_path / "r.md"
    src.write_text("# 2024年度项目支出绩效自评报告\n\n## 一、项目概况\n\n项目总投资2000.00万元。\n\n"
                   "## 二、绩效目标完成情况\n\n满意度目标≥90%，实际完成85%。\n\n"
                   "| 指标 | 年度指标值 | 实际完成值 |\n| --- | --- | --- |\n| 满意度 | ≥90% | 85% |\n",
                   encoding="utf-8")
    report = report_on(src, "85%", "项目总投资")
    out = annotate(report, tmp_path / "r.docx")
    d = docx.Document(str(out))
    styles = [p.style.name for p in d.paragraphs if p.text.startswith(("一、", "二、"))]
    assert styles and all(s.startswith("Heading") for s in styles)
    assert len(d.tables) == 1 and d.tables[0].cell(1, 2).text == "85%"
    ns = assert_annotated(report, out)
    assert [n.anchored.strip() for n in ns] == ["85%", "项目总投资"]
    assert ns[0].cell() is None  # the first 85% is in the paragraph, not the table


# --------------------------------------------------------------------------- anchoring in a .docx


def test_split_runs_keep_their_formatting(tmp_path):
    doc = f.new_document()
    para = doc.add_paragraph()
    para.add_run("服务对象满意度目标≥90%，")
    run = para.add_run("实际完成85%，未达到目标。")
    run.bold, run.italic, run.font.size, run.font.name = True, True, Pt(14), "仿宋"
    path = f.save(doc, tmp_path / "fmt.docx")
    report = report_on(path, "85%", "≥90%，实际")
    out = annotate(report, tmp_path / "fmt.out.docx")

    ns = assert_annotated(report, out)
    assert [n.anchored.strip() for n in ns] == ["85%", "≥90%，实际"]
    assert word_text(out) == word_text(path)
    runs = [r for r in docx.Document(str(out)).paragraphs[0].runs if r.text]
    assert "".join(r.text for r in runs) == "服务对象满意度目标≥90%，实际完成85%，未达到目标。"
    assert "85%" in [r.text for r in runs]
    tail = runs[[r.text for r in runs].index("实际"):]
    assert {(r.bold, r.italic, r.font.size, r.font.name) for r in tail} == {(True, True, Pt(14), "仿宋")}
    assert {(r.bold, r.italic, r.font.size) for r in runs[:2]} == {(None, None, None)}


NUMBERING = f.numbering_xml(
    f.abstract_num(1, f.lvl(0, "chineseCounting", "%1、", suff="nothing"),
                   f.lvl(1, "chineseCounting", "（%2）", suff="nothing")),
    f.num(1, 1))


def test_evidence_in_auto_numbered_paragraphs(tmp_path):
    path = f.build(tmp_path / "num.docx",
                   f.p("部门概况", num=(1, 0)),
                   f.p("年末在职人数28人，编制数30人。", num=(1, 1)),
                   f.p("绩效目标完成情况", num=(1, 0)),
                   f.p("满意度目标≥90%，实际完成85%。", num=(1, 1)),
                   numbering=NUMBERING)
    report = report_on(path, "28人", "（一）满意度", "二、")
    assert "二、绩效目标完成情况\n（一）满意度目标" in report.document.text
    out = annotate(report, tmp_path / "num.out.docx")

    ns = notes(out)
    assert [n.anchored.strip() for n in ns] == [
        "28人",  # after the number: exactly the words
        "满意度",  # starts in the number Word draws: the words that follow it
        "绩效目标完成情况",  # only the number: the heading it numbers
    ]
    assert word_text(out) == word_text(path)
    assert jixiao.read(out).text == report.document.text  # numbering kept


def test_merged_cells_and_tables_joined_across_a_blank_line(tmp_path):
    scores = f.tbl(4,
                   f.tr(f.tc("一级指标"), f.tc("指标", span=2), f.tc("得分")),
                   f.tr(f.tc("产出指标", vmerge="restart"), f.tc("完成率"), f.tc("≥95%"), f.tc("18")),
                   f.tr(f.tc(vmerge="continue"), f.tc("及时率"), f.tc("92%"), f.tc("20")))
    part1 = f.tbl(2, f.tr(f.tc("项目"), f.tc("金额（万元）")), f.tr(f.tc("基本支出"), f.tc("812.36")))
    part2 = f.tbl(2, f.tr(f.tc("项目支出"), f.tc("420.50")), f.tr(f.tc("合计"), f.tc("1232.86")))
    path = f.build(tmp_path / "tbl.docx", "表1 指标得分", scores, "表2 支出", part1, "", part2)
    report = report_on(path, "92%", "产出指标", "20", "420.50", "1232.86")
    assert len(report.document.tables) == 2 and report.document.tables[1].n_rows == 4
    out = annotate(report, tmp_path / "tbl.out.docx")

    ns = assert_annotated(report, out)
    assert [_Cell(n.cell(), None).text for n in ns] == ["92%", "产出指标", "20", "420.50", "1232.86"]
    tbl = next(ns[3].cell().iterancestors(f"{W}tbl"))  # the second source table, not the first
    assert "".join(tbl.itertext()).startswith("项目支出")
    assert word_text(out) == word_text(path)


def test_hyperlinks_fields_and_wrapped_lines(tmp_path):
    link = '<w:hyperlink w:anchor="src">' + f.r("县财政局网站公布的满意度86%") + "</w:hyperlink>"
    path = f.build(tmp_path / "hl.docx",
                   f.p(f.r("详见"), link, f.r("。"), raw=True),
                   f.p(f.r("自评总分"), f.field("=SUM(ABOVE)", "86"), f.r("分，评为优。"), raw=True),
                   "本年度项目资金执行率为",
                   "85%，较上年有所下降。")
    report = report_on(path, "86%", "86分", "执行率为85%")
    assert "执行率为85%" in report.document.text  # two source paragraphs joined into one
    out = annotate(report, tmp_path / "hl.out.docx")

    ns = assert_annotated(report, out)
    assert [n.anchored for n in ns] == ["86%", "86分", "执行率为\n85%"]
    assert ns[2].start is not ns[2].end
    assert word_text(out) == word_text(path)
    assert jixiao.read(out).text == report.document.text


def test_a_reviewers_own_comments_are_kept(tmp_path):
    doc = f.new_document()
    para = doc.add_paragraph("满意度目标≥90%，实际完成85%。")
    doc.add_comment(para.runs, text="请核实", author="审核人", initials="SH")
    path = f.save(doc, tmp_path / "cm.docx")
    ns = notes(annotate(report_on(path, "85%"), tmp_path / "cm.out.docx"))
    assert [(n.author, n.anchored) for n in ns] == [("审核人", "满意度目标≥90%，实际完成85%。"), (AUTHOR, "85%")]
    assert ns[0].text == "请核实"


def test_english_comments(tmp_path):
    path = f.build(tmp_path / "en.docx", "满意度目标≥90%，实际完成85%。")
    report = report_on(path, "85%")
    ns = notes(annotate(report, tmp_path / "en.out.docx", lang="en"))
    lines = ns[0].text.splitlines()
    assert lines[0] == "[Error] problem 1: 85%"
    assert lines[1].startswith("Rule JX101 · category target-not-met")
    assert "Expected: ≥90%" in lines


def test_a_docx_changed_since_the_check_is_annotated_as_a_new_document(tmp_path):
    path = f.build(tmp_path / "c.docx", "满意度目标≥90%，实际完成85%。")
    report = report_on(path, "85%")
    f.build(path, "内容已修改。满意度目标≥90%。")
    ns = notes(annotate(report, tmp_path / "c.out.docx"))
    assert [n.anchored for n in ns] == ["85%"]


def test_an_unwritable_target_is_a_one_line_error(tmp_path):
    path = f.build(tmp_path / "w.docx", "满意度目标≥90%，实际完成85%。")
    with pytest.raises(JixiaoError, match="无法写入"):
        annotate(report_on(path, "85%"), tmp_path / "missing" / "out.docx")


def test_libreoffice_opens_the_annotated_file_with_its_comments(sample, tmp_path):
    """LibreOffice (as CI installs it) reads the annotated copy and keeps every comment."""
    import os
    import zipfile

    if shutil.which("soffice") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must install LibreOffice (libreoffice-writer-nogui)")
        pytest.skip("LibreOffice is not installed")
    report, out = sample
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=300)
    odt = tmp_path / f"{out.stem}.odt"
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    n_comments = len(list(docx.Document(str(out)).comments))
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == n_comments
    assert "jixiao" in content
