"""The Excel working paper (jixiao check --format xlsx): what an auditor sees on opening it."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from jixiao.render.context import CATEGORY_ZH
from jixiao.render.xlsx import write_xlsx
from jixiao.report import check

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_report.docx"
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
FINDING_HEADERS = ("序号", "报告", "位置", "类别", "严重程度", "规则", "说明", "原文", "应为", "建议",
                   "复核意见", "复核人", "复核日期")


@pytest.fixture(scope="module")
def sample():
    return check(SAMPLE)


@pytest.fixture(scope="module")
def seed_reports(seeds_dir):
    """Every seed in each of its three forms: {form: [Report, ...]}."""
    out: dict[str, list] = {"txt": [], "docx": [], "pdf": []}
    for txt in sorted(seeds_dir.glob("*.txt")):
        forms = {"txt": txt, "docx": seeds_dir / "formats" / f"{txt.stem}.docx",
                 "pdf": seeds_dir / "formats" / f"{txt.stem}.pdf"}
        for form, path in forms.items():
            if path.exists():
                out[form].append(check(path))
    if not out["txt"]:
        pytest.skip("no seeds")
    return out


def _rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]


def _plain(v) -> str:
    return "".join(str(p) for p in v) if isinstance(v, CellRichText) else (v or "")


def _assert_working_paper(reports, path: Path) -> None:
    """What every workbook must show for ``reports``."""
    write_xlsx(reports, path)
    wb = load_workbook(path, rich_text=True)
    assert wb.sheetnames[:2] == ["问题清单", "数字声明"] and "概况" in wb.sheetnames

    ws = wb["问题清单"]
    assert tuple(c.value for c in ws[1]) == FINDING_HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:M")
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    dvs = ws.data_validations.dataValidation
    assert any(dv.type == "list" and "确认" in dv.formula1 and "不成立" in dv.formula1 and "待定" in dv.formula1
               and "K2" in str(dv.sqref) for dv in dvs)

    findings = [(r, f) for r in reports for f in r.findings]
    rows = _rows(ws)
    assert len(rows) == len(findings)
    for i, (row, (rep, f)) in enumerate(zip(rows, findings), start=1):
        assert row["序号"] == i
        assert row["报告"] == Path(rep.document.source).name
        assert row["规则"].split()[0] == f.rule
        assert row["严重程度"] == SEVERITY[f.severity]
        assert row["说明"] == f.message
        assert row["类别"] == f"{CATEGORY_ZH[f.category]} {f.category}"
        assert row["应为"] == f.expected
        source = _plain(row["原文"])
        for e in f.evidence:
            assert e.text.replace("\t", " | ") in source, (f.id, e.text, source)
        # the evidence figures are the bold red runs of the cell
        marked = [p.text for p in row["原文"] if isinstance(p, TextBlock) and p.font.b]
        assert marked and all(any(m in e.text.replace("\t", " | ") for e in f.evidence) for m in marked), (f.id, marked)
        assert row["复核意见"] is None and row["复核人"] is None

    claims = [(r, c) for r in reports for c in r.claims]
    crows = _rows(wb["数字声明"])
    assert len(crows) == len(claims)
    for row, (_rep, c) in zip(crows, claims):
        assert row["原文"] == c.text
        if c.value is None:
            assert row["数值"] is None
        else:
            assert isinstance(row["数值"], (int, float)) and row["数值"] == pytest.approx(float(c.value))

    summary = _rows(wb["概况"])
    for rep, row in zip(reports, summary):
        assert row["报告"] == Path(rep.document.source).name
        assert (row["错误"], row["警告"], row["提示"]) == tuple(rep.summary.values())


def test_sample_working_paper(sample, tmp_path):
    _assert_working_paper([sample], tmp_path / "findings.xlsx")


@pytest.mark.parametrize("form", ["txt", "docx", "pdf"])
def test_seed_working_paper(seed_reports, form, tmp_path):
    for rep in seed_reports[form]:
        _assert_working_paper([rep], tmp_path / f"{Path(rep.document.source).stem}.xlsx")


def test_several_reports_in_one_workbook(sample, seed_reports, tmp_path):
    reports = [sample, *seed_reports["txt"], *seed_reports["pdf"]]
    _assert_working_paper(reports, tmp_path / "all.xlsx")
    wb = load_workbook(tmp_path / "all.xlsx")
    names = {r["报告"] for r in _rows(wb["问题清单"])}
    assert names == {Path(r.document.source).name for r in reports if r.findings}
    summary = _rows(wb["概况"])
    assert len(summary) == len(reports) + 1 and summary[-1]["报告"] == "合计"
    assert summary[-1]["问题合计"] == sum(len(r.findings) for r in reports)


def test_sample_sheets_read_as_an_auditor_expects(sample, tmp_path):
    path = write_xlsx([sample], tmp_path / "findings.xlsx")
    wb = load_workbook(path)
    findings = _rows(wb["问题清单"])
    grade = next(r for r in findings if r["规则"].startswith("JX651"))
    assert grade["严重程度"] == "错误" and "86分" in grade["原文"] and "优" in grade["原文"]
    assert wb["问题清单"]["E2"].fill.fgColor.rgb.endswith(("FFC7CE", "FFEB9C", "DDEBF7"))
    # the unit slip is in a table-free sentence; a table finding names its row
    assert any("表2 第" in r["位置"] for r in findings)

    indicators = _rows(wb["指标"])
    assert len(indicators) == len(sample.tagging.indicators)
    row = next(r for r in indicators if r["三级指标"] == "服务对象满意度")
    assert (row["一级指标"], row["年度指标值"], row["实际完成值"], row["分值"], row["得分"]) == \
        ("满意度指标", "≥90%", "86%", 10, 10)

    (overview,) = _rows(wb["概况"])
    assert overview["自评得分"] == 86 and overview["评价等级"] == "优"
    assert overview["格式"] == "docx" and overview["问题合计"] == len(sample.findings)

    claims = _rows(wb["数字声明"])
    assert {r["角色"] for r in claims} >= {"目标", "实际", "得分", "等级"}


def test_english_labels(sample, tmp_path):
    path = write_xlsx([sample], tmp_path / "findings.xlsx", lang="en")
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["Findings", "Claims"]
    rows = _rows(wb["Findings"])
    for row, f in zip(rows, sample.findings):
        assert row["Severity"] in ("Error", "Warning", "Info")
        assert row["Message"] == (f.message_en or f.message)
        assert row["Category"] == f.category
    dvs = wb["Findings"].data_validations.dataValidation
    assert any("Confirmed" in dv.formula1 for dv in dvs)


def test_report_without_findings_still_makes_a_working_paper(tmp_path):
    src = tmp_path / "clean.txt"
    src.write_text("某单位2024年度部门整体支出绩效自评报告\n一、基本情况\n本单位职责明确。\n", encoding="utf-8")
    rep = check(src)
    path = write_xlsx([rep], tmp_path / "out" / "findings.xlsx")
    wb = load_workbook(path)
    ws = wb["问题清单"]
    assert ws.max_row == 1 + len(rep.findings) and ws.freeze_panes == "A2"
    assert _rows(wb["概况"])[0]["问题合计"] == len(rep.findings)
