"""Write examples/sample_report.docx: an invented 项目支出绩效自评报告 with planted mistakes.

Everything here is fiction written for jixiao (county, bureau, figures). The planted mistakes,
which `jixiao check` is meant to find as the check catalogue grows, are listed in
examples/sample_report.gold.jsonl (`jixiao evaluate --gold examples/sample_report.gold.jsonl`).

    python examples/make_sample.py examples/sample_report.docx
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

TITLE = "青禾县农业农村局2024年度高标准农田建设项目支出绩效自评报告"

BODY = [
    ("h1", "一、项目基本情况"),
    ("h2", "（一）项目概况"),
    ("p", "青禾县高标准农田建设项目由县农业农村局组织实施，2024年计划新建高标准农田2.5万亩，"
          "涉及城关镇、桥头镇、石门乡等6个乡镇。本局核定编制32人，年末实有在职人员28人。"),
    ("h2", "（二）项目资金情况"),
    ("p", "2024年项目年初预算1860.00万元，调整预算2000.00万元，全年执行数1780.00万元，预算执行率95.20%。"),
    ("p", "项目支出1780.00万元，其中：工程建设费1520.40万元、勘察设计费96.80万元、监理费68.50万元、"
          "项目管理费94.30元。"),
    ("table_funds", None),
    ("h1", "二、绩效目标"),
    ("h2", "（一）总体目标"),
    ("p", "通过实施高标准农田建设，改善农业生产条件，提高粮食综合生产能力，助力乡村振兴。"),
    ("h2", "（二）年度绩效指标"),
    ("p", "1.新建高标准农田面积≥2.5万亩；"),
    ("p", "2.工程验收合格率≥95%；"),
    ("p", "3.培训基层农技人员≥300人次；"),
    ("p", "4.亩均粮食产能提高≥50公斤；"),
    ("p", "5.服务对象满意度≥90%。"),
    ("h1", "四、绩效目标完成情况"),
    ("h2", "（一）产出指标完成情况"),
    ("p", "截至2024年12月31日，全县新建高标准农田2.52万亩，完成年度目标；工程验收合格率98%。。"),
    ("h2", "（二）效益指标完成情况"),
    ("p", "项目区亩均粮食产能提高56公斤，带动农户增收。本局年末实有在职人员31人，均参与项目技术指导。"),
    ("h2", "（三）满意度指标完成情况"),
    ("p", "通过发放问卷调查，服务对象满意度为86%。"),
    ("table_scores", None),
    ("h1", "五、存在的问题及改进措施"),
    ("p", "部分项目开工时间偏晚，资金拨付进度不均衡（下一步将加快工程进度，并加强资金监管。"),
    ("h1", "六、自评结论"),
    ("p", "经综合评价，本项目自评得分86分，评价等级为“优”。"),
    ("p", "青禾县农业农村局"),
    ("p", "2024年11月20日"),
]

FUNDS = [
    ["资金来源（单位：万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"],
    ["年度资金总额", "1860.00", "2000.00", "1780.00", "89.00%"],
    ["其中：中央补助资金", "1200.00", "1300.00", "1180.00", "90.77%"],
    ["省级补助资金", "460.00", "500.00", "420.00", "84.00%"],
    ["县级配套资金", "200.00", "200.00", "180.00", "90.00%"],
]

SCORES = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "新建高标准农田面积", "≥2.5万亩", "2.52万亩", "20", "20"],
    ["产出指标", "质量指标", "工程验收合格率", "≥95%", "98%", "20", "22"],
    ["产出指标", "数量指标", "培训基层农技人员", "≥300人次", "", "10", "10"],
    ["效益指标", "经济效益指标", "亩均粮食产能提高", "≥50公斤", "56公斤", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "86%", "10", "10"],
    ["预算执行率", "", "", "100%", "89.00%", "10", "8.9"],
    ["总分", "", "", "", "", "100", "86"],
]

PLANTED = [
    {"category": "unit-mismatch", "quote": "94.30元", "why": "万元清单中的一项写成元，按万元才能与1780.00万元合计相符"},
    {"category": "rate-mismatch", "quote": "95.20%", "why": "1780.00 / 2000.00 = 89.00%，正文写95.20%"},
    {"category": "numbering", "quote": "四、", "why": "一级标题 一、二、之后跳到四、"},
    {"category": "value-conflict", "quote": "31人", "why": "年末实有在职人员前文28人，后文31人"},
    {"category": "target-not-met", "quote": "86%", "why": "服务对象满意度目标≥90%，实际86%"},
    {"category": "score-mismatch", "quote": "22", "why": "工程验收合格率得分22超过分值20"},
    {"category": "score-mismatch", "quote": "10", "why": "满意度未达标却得满分10分（应为10×86/90≈9.56）"},
    {"category": "target-without-actual", "quote": "≥300人次", "why": "培训基层农技人员目标未见实际完成情况"},
    {"category": "grade-mismatch", "quote": "86分", "why": "86分属“良”档（80-90），自评为“优”"},
    {"category": "score-mismatch", "quote": "86", "why": "自评表各项得分合计100.9，总分写86"},
    {"category": "punctuation", "quote": "。。", "why": "重复标点"},
    {"category": "punctuation", "quote": "（下一步", "why": "括号未闭合"},
    {"category": "date-inconsistent", "quote": "2024年11月20日", "why": "报告日期早于评价期末（2024年12月31日）"},
    {"category": "other", "quote": "86%", "why": "满意度未达到目标，报告未说明偏差原因及改进措施"},
]


def _set_east_asian_font(doc: Document, name: str = "宋体") -> None:
    style = doc.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), name)


def _table(doc: Document, rows: list[list[str]], merge_first_col: bool = False) -> None:
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, val in enumerate(row):
            t.cell(r, c).text = val
    if merge_first_col:
        # merge runs of equal 一级指标 cells vertically, as real 自评表 do
        r = 1
        while r < len(rows):
            end = r
            while end + 1 < len(rows) and rows[end + 1][0] == rows[r][0] and rows[r][0]:
                end += 1
            if end > r:
                merged = t.cell(r, 0).merge(t.cell(end, 0))
                merged.text = rows[r][0]
            r = end + 1
        # the 预算执行率 and 总分 rows span the indicator-name columns
        for r, row in enumerate(rows):
            if row[0] in ("预算执行率", "总分"):
                merged = t.cell(r, 0).merge(t.cell(r, 2))
                merged.text = row[0]


def build(path: Path) -> None:
    doc = Document()
    _set_east_asian_font(doc)
    doc.core_properties.title = TITLE
    doc.core_properties.author = "jixiao 示例"
    title = doc.add_paragraph(TITLE)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].bold = True
    for kind, text in BODY:
        if kind == "h1":
            doc.add_heading(text, level=1)
        elif kind == "h2":
            doc.add_heading(text, level=2)
        elif kind == "p":
            doc.add_paragraph(text)
        elif kind == "table_funds":
            doc.add_paragraph("表1 项目资金情况")
            _table(doc, FUNDS)
        elif kind == "table_scores":
            doc.add_paragraph("表2 项目支出绩效自评表（指标部分）")
            _table(doc, SCORES, merge_first_col=True)
    section = doc.sections[0]
    section.header.paragraphs[0].text = "青禾县农业农村局"
    section.footer.paragraphs[0].text = "第 1 页"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    write_gold(path)


def write_gold(path: Path) -> None:
    """The planted mistakes as a gold file `jixiao evaluate --gold` reads."""
    labels = [{"category": p["category"], "severity": "error", "evidence": [p["quote"]], "note": p["why"]}
              for p in PLANTED]
    rec = {"document": {"path": path.name}, "provenance": "jixiao 团队虚构的示例报告，错误为有意设置",
           "findings": labels}
    path.with_suffix(".gold.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "examples/sample_report.docx")
    write_gold(out) if "--gold-only" in sys.argv else build(out)
