"""The docx reader: what a user reading the printed report sees must be what the reader returns."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.errors import InputError
from jixiao.model import RawCell, RawParagraph, RawTable
from jixiao.readers import read_raw
from jixiao.readers.docx import format_number, read_docx

import docx_factory as f


def read(path: Path):
    return read_docx(path.read_bytes(), path)


def paras(raw) -> list[RawParagraph]:
    return [b for b in raw.blocks if isinstance(b, RawParagraph)]


def tables(raw) -> list[RawTable]:
    return [b for b in raw.blocks if isinstance(b, RawTable)]


def texts(raw) -> list[str]:
    return [b.text for b in paras(raw)]


def grid(table: RawTable) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


# --------------------------------------------------------------------------- body order


def test_body_order_with_interleaved_tables(tmp_path):
    doc = f.new_document()
    doc.add_paragraph("一、部门基本情况")
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "项目", "金额（万元）"
    t.cell(1, 0).text, t.cell(1, 1).text = "基本支出", "812.36"
    doc.add_paragraph("二、预算执行情况")
    doc.add_paragraph("全年预算执行率为96.4%。")
    t2 = doc.add_table(rows=1, cols=3)
    for i, v in enumerate(["指标", "目标值", "完成值"]):
        t2.cell(0, i).text = v
    doc.add_paragraph("三、存在的问题")
    raw = read(f.save(doc, tmp_path / "order.docx"))

    kinds = [("T" if isinstance(b, RawTable) else b.text) for b in raw.blocks]
    assert kinds == ["一、部门基本情况", "T", "二、预算执行情况", "全年预算执行率为96.4%。", "T", "三、存在的问题"]
    assert [b.loc.paragraph for b in paras(raw)] == [0, 1, 2, 3]
    assert [b.loc.table for b in tables(raw)] == [0, 1]
    assert grid(tables(raw)[0]) == [["项目", "金额（万元）"], ["基本支出", "812.36"]]
    assert grid(tables(raw)[1]) == [["指标", "目标值", "完成值"]]


def test_content_controls_in_body_are_read(tmp_path):
    sdt = ('<w:sdt><w:sdtPr><w:alias w:val="单位名称"/></w:sdtPr><w:sdtContent>'
           + f.p("填报单位：青山县农业农村局") + f.tbl(1, f.tr(f.tc("控件内表格")))
           + "</w:sdtContent></w:sdt>")
    raw = read(f.build(tmp_path / "sdt.docx", "封面", sdt, "正文"))
    assert texts(raw) == ["封面", "填报单位：青山县农业农村局", "正文"]
    assert grid(tables(raw)[0]) == [["控件内表格"]]


def test_empty_paragraphs_are_skipped_but_counted(tmp_path):
    raw = read(f.build(tmp_path / "e.docx", "第一段", "<w:p/>", "  ", "第二段"))
    assert texts(raw) == ["第一段", "第二段"]
    assert [b.loc.paragraph for b in paras(raw)] == [0, 3]


# --------------------------------------------------------------------------- headings


def test_heading_styles_give_outline_levels(tmp_path):
    doc = f.new_document()
    f.add_styles(
        doc,
        f.style_xml("CnHeading3", "标题 3"),  # named like a heading, no outlineLvl
        f.style_xml("MyHeading", "自定义二级标题", based_on="Heading2"),  # inherits outlineLvl 1
        f.style_xml("BodyLvl", "正文缩进", outline=9),
        f.style_xml("toc1", "toc 1"),
    )
    doc.add_heading("一、部门概况", level=1)
    doc.add_heading("（一）部门职能", level=2)
    f.append_xml(
        doc,
        f.p("1.主要职责", style="CnHeading3"),
        f.p("（二）人员情况", style="MyHeading"),
        f.p("直接设置大纲级别的段落", outline=0),
        f.p("正文级别", style="BodyLvl"),
        f.p("普通正文。"),
        f.p("一、部门概况\t1", style="toc1"),
    )
    raw = read(f.save(doc, tmp_path / "h.docx"))
    got = {b.text: (b.style, b.outline_level) for b in paras(raw)}
    assert got["一、部门概况"] == ("Heading 1", 1)
    assert got["（一）部门职能"] == ("Heading 2", 2)
    assert got["1.主要职责"] == ("标题 3", 3)
    assert got["（二）人员情况"] == ("自定义二级标题", 2)
    assert got["直接设置大纲级别的段落"][1] == 1
    assert got["正文级别"][1] is None
    assert got["普通正文。"] == ("Normal", None)
    assert got["一、部门概况\t1"] == ("toc 1", None)


# --------------------------------------------------------------------------- numbering

REPORT_LIST = f.abstract_num(
    1,
    f.lvl(0, "chineseCounting", "%1、"),
    f.lvl(1, "chineseCounting", "（%2）"),
    f.lvl(2, "decimal", "%3."),
    f.lvl(3, "decimal", "（%4）"),
    f.lvl(4, "decimalEnclosedCircle", "%5"),
)


def test_auto_numbering_of_a_chinese_report(tmp_path):
    numbering = f.numbering_xml(REPORT_LIST, f.num(1, 1))
    body = [
        f.p("部门概况", num=(1, 0)),
        f.p("部门职能", num=(1, 1)),
        f.p("负责全县农业农村发展规划", num=(1, 2)),
        f.p("负责农田水利建设", num=(1, 2)),
        f.p("高标准农田", num=(1, 3)),
        f.p("新建面积1.2万亩", num=(1, 4)),
        f.p("改造面积0.8万亩", num=(1, 4)),
        f.p("人员情况", num=(1, 1)),
        f.p("在编人员", num=(1, 2)),  # restarts: a higher level was used
        f.p("预算执行情况", num=(1, 0)),
        f.p("预算收入", num=(1, 1)),  # restarts under the new 二、
        "年初预算1,234.56万元，全年执行率98.2%。",
    ]
    raw = read(f.build(tmp_path / "n.docx", *body, numbering=numbering))
    assert texts(raw) == [
        "一、部门概况",
        "（一）部门职能",
        "1.负责全县农业农村发展规划",
        "2.负责农田水利建设",
        "（1）高标准农田",
        "① 新建面积1.2万亩",
        "② 改造面积0.8万亩",
        "（二）人员情况",
        "1.在编人员",
        "二、预算执行情况",
        "（一）预算收入",
        "年初预算1,234.56万元，全年执行率98.2%。",
    ]
    assert [b.auto_number_len for b in paras(raw)] == [2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 3, 0]


def test_auto_numbering_chapters_suffixes_and_counting_past_ten(tmp_path):
    numbering = f.numbering_xml(
        f.abstract_num(1, f.lvl(0, "chineseCounting", "第%1章")),
        f.abstract_num(2, f.lvl(0, "decimal", "%1", suff="space")),
        f.abstract_num(3, f.lvl(0, "chineseLegalSimplified", "%1", suff="nothing")),
        f.abstract_num(4, f.lvl(0, "ideographTraditional", "%1、")),
        f.abstract_num(5, f.lvl(0, "decimalEnclosedParen", "%1")),
        f.num(1, 1), f.num(2, 2), f.num(3, 3), f.num(4, 4), f.num(5, 5),
    )
    body = [f.p(f"章{i}", num=(1, 0)) for i in range(1, 22)]
    body += [f.p("空格后缀", num=(2, 0)), f.p("无后缀", num=(3, 0)), f.p("甲项", num=(4, 0)),
             f.p("乙项", num=(4, 0)), f.p("括号数字", num=(5, 0))]
    got = texts(read(f.build(tmp_path / "c.docx", *body, numbering=numbering)))
    assert got[0] == "第一章 章1"
    assert got[9] == "第十章 章10"
    assert got[10] == "第十一章 章11"
    assert got[19] == "第二十章 章20"
    assert got[20] == "第二十一章 章21"
    assert got[21:] == ["1 空格后缀", "壹无后缀", "甲、甲项", "乙、乙项", "⑴ 括号数字"]


def test_multilevel_decimal_numbering_and_is_lgl(tmp_path):
    numbering = f.numbering_xml(
        f.abstract_num(
            1,
            f.lvl(0, "chineseCounting", "%1、"),
            f.lvl(1, "decimal", "%1.%2", is_lgl=True),
            f.lvl(2, "decimal", "%1.%2.%3", is_lgl=True),
        ),
        f.num(1, 1),
    )
    body = [
        f.p("项目概况", num=(1, 0)),
        f.p("项目背景", num=(1, 1)),
        f.p("立项依据", num=(1, 1)),
        f.p("政策文件", num=(1, 2)),
        f.p("资金文件", num=(1, 2)),
        f.p("绩效目标", num=(1, 0)),
        f.p("总体目标", num=(1, 1)),
        f.p("年度目标", num=(1, 2)),
    ]
    assert texts(read(f.build(tmp_path / "m.docx", *body, numbering=numbering))) == [
        "一、项目概况", "1.1 项目背景", "1.2 立项依据", "1.2.1 政策文件", "1.2.2 资金文件",
        "二、绩效目标", "2.1 总体目标", "2.1.1 年度目标",
    ]


def test_start_override_restarts_and_shared_abstract_continues(tmp_path):
    numbering = f.numbering_xml(
        f.abstract_num(1, f.lvl(0, "decimal", "%1.")),
        f.num(1, 1),  # first list
        f.num(2, 1, {0: 1}),  # same definition, restarted with startOverride
        f.num(3, 1),  # same definition, no override: continues num 1's counter
        f.num(4, 1, {0: 5}),  # restarts at 5
    )
    body = [f.p("甲", num=(1, 0)), f.p("乙", num=(1, 0)), f.p("丙", num=(2, 0)), f.p("丁", num=(2, 0)),
            f.p("戊", num=(3, 0)), f.p("己", num=(4, 0))]
    assert texts(read(f.build(tmp_path / "o.docx", *body, numbering=numbering))) == [
        "1.甲", "2.乙", "1.丙", "2.丁", "3.戊", "5.己"]


def test_numbering_from_styles_bullets_and_switched_off(tmp_path):
    numbering = f.numbering_xml(
        f.abstract_num(1, f.lvl(0, "chineseCounting", "%1、", pstyle="RptH1"),
                       f.lvl(1, "chineseCounting", "（%2）", pstyle="RptH2")),
        f.abstract_num(2, f.lvl(0, "bullet", "\u2022")),
        f.abstract_num(3, f.lvl(0, "decimal", "%1."), f.lvl(1, "decimal", "%2)", restart=0)),
        f.num(1, 1), f.num(2, 2), f.num(3, 3),
    )
    styles = (
        f.style_xml("RptH1", "报告一级标题", based_on="Heading1", num=(1, None)),
        f.style_xml("RptH2", "报告二级标题", based_on="Heading2", num=(1, None)),
        f.style_xml("RptH2b", "报告二级标题变体", based_on="RptH2"),
    )
    body = [
        f.p("部门概况", style="RptH1"),
        f.p("机构设置", style="RptH2"),
        f.p("人员编制", style="RptH2b"),
        f.p("不编号的标题", style="RptH1", num=(0, 0)),
        f.p("项目支出", style="RptH1"),
        f.p("要点一", num=(2, 0)),
        f.p("第一项", num=(3, 0)),
        f.p("子项", num=(3, 1)),
        f.p("第二项", num=(3, 0)),
        f.p("子项不重新编号", num=(3, 1)),
    ]
    raw = read(f.build(tmp_path / "s.docx", *body, numbering=numbering, styles=styles))
    assert texts(raw) == ["一、部门概况", "（一）机构设置", "（二）人员编制", "不编号的标题", "二、项目支出",
                          "要点一", "1.第一项", "1)子项", "2.第二项", "2)子项不重新编号"]
    first = paras(raw)[0]
    assert first.outline_level == 1 and first.auto_number_len == 2 and first.style == "报告一级标题"
    assert paras(raw)[5].auto_number_len == 0


def test_num_style_link_and_empty_numbered_paragraph(tmp_path):
    numbering = f.numbering_xml(
        f.abstract_num(1, f.lvl(0, "chineseCounting", "%1、"), style_link="RptList"),
        f.abstract_num(2, num_style_link="RptList"),
        f.num(1, 1), f.num(2, 2),
    )
    styles = (f.style_xml("RptList", "报告列表", kind="numbering", num=(1, None)),)
    body = [f.p("基本情况", num=(2, 0)), f.p(num=(2, 0)), f.p("绩效分析", num=(2, 0))]
    assert texts(read(f.build(tmp_path / "l.docx", *body, numbering=numbering, styles=styles))) == [
        "一、基本情况", "三、绩效分析"]


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (21, "chineseCounting", "二十一"), (100, "chineseCounting", "一百"),
    (101, "chineseCountingThousand", "一百零一"), (1010, "chineseCountingThousand", "一千零一十"),
    (3, "chineseLegalSimplified", "叁"), (12, "chineseLegalSimplified", "壹拾贰"),
    (3, "ideographTraditional", "丙"), (10, "ideographDigital", "一〇"), (4, "japaneseCounting", "四"),
    (3, "decimalEnclosedCircleChinese", "③"), (25, "decimalEnclosedCircle", "㉕"),
    (7, "decimalFullWidth", "７"), (3, "decimalEnclosedParen", "⑶"), (4, "decimalZero", "04"),
    (2, "lowerLetter", "b"), (27, "upperLetter", "AA"), (9, "lowerRoman", "ix"), (14, "upperRoman", "XIV"),
    (5, "bullet", ""), (5, "none", ""), (5, "somethingNew", "5"),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


# --------------------------------------------------------------------------- tables


def test_merged_cells_made_with_python_docx(tmp_path):
    doc = f.new_document()
    t = doc.add_table(rows=4, cols=4)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "一级指标"  # horizontal
    t.cell(0, 2).text, t.cell(0, 3).text = "目标值", "完成值"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "产出指标"  # vertical
    t.cell(1, 1).merge(t.cell(2, 2)).text = "数量指标"  # both at once
    t.cell(1, 3).text, t.cell(2, 3).text = "≥95%", "96.2%"
    for c, v in enumerate(["效益指标", "社会效益", "明显", "较好"]):
        t.cell(3, c).text = v
    table = tables(read(f.save(doc, tmp_path / "mg.docx")))[0]
    rows = table.rows
    assert [len(r) for r in rows] == [4, 4, 4, 4]
    assert (rows[0][0].text, rows[0][0].colspan, rows[0][0].rowspan) == ("一级指标", 2, 1)
    assert rows[0][1] == RawCell("", origin=(0, 0))
    assert (rows[1][0].text, rows[1][0].rowspan, rows[1][0].colspan) == ("产出指标", 2, 1)
    assert rows[2][0] == RawCell("", origin=(1, 0))
    assert (rows[1][1].text, rows[1][1].rowspan, rows[1][1].colspan) == ("数量指标", 2, 2)
    assert rows[1][2].origin == rows[2][1].origin == rows[2][2].origin == (1, 1)
    assert all(rows[r][c].text == "" for r, c in [(1, 2), (2, 1), (2, 2)])
    assert (rows[1][3].text, rows[2][3].text) == ("≥95%", "96.2%")
    assert grid(table)[3] == ["效益指标", "社会效益", "明显", "较好"]


def test_hand_written_merges_grid_before_after_short_rows_and_nested_tables(tmp_path):
    nested = f.tbl(2, f.tr(f.tc("资金来源"), f.tc("金额")), f.tr(f.tc("财政拨款"), f.tc("300")))
    table = f.tbl(
        4,
        f.tr(f.tc("指标名称", vmerge="restart"), f.tc("年度目标", span=2), f.tc("备注", vmerge="restart")),
        f.tr(f.tc(vmerge="continue"), f.tc("计划"), f.tc("实际"), f.tc(vmerge="continue")),
        f.tr(f.tc("说明"), before=1, after=1),
        f.tr(f.tc("短行")),
        f.tr(f.tc("资金构成", "（单位：万元）", nested), f.tc("合计"), f.tc("—"), f.tc("")),
    )
    t = tables(read(f.build(tmp_path / "g.docx", "表1 绩效指标完成情况", table)))[0]
    assert [len(r) for r in t.rows] == [4] * 5
    assert grid(t) == [
        ["指标名称", "年度目标", "", "备注"],
        ["", "计划", "实际", ""],
        ["", "说明", "", ""],
        ["短行", "", "", ""],
        ["资金构成\n（单位：万元）\n资金来源\t金额\n财政拨款\t300", "合计", "—", ""],
    ]
    assert (t.rows[0][0].rowspan, t.rows[1][0].origin) == (2, (0, 0))
    assert (t.rows[0][1].colspan, t.rows[0][2].origin) == (2, (0, 1))
    assert (t.rows[0][3].rowspan, t.rows[1][3].origin) == (2, (0, 3))
    assert t.rows[2][0].origin is None and t.rows[2][1].text == "说明"


def test_numbered_paragraphs_in_table_cells(tmp_path):
    numbering = f.numbering_xml(f.abstract_num(1, f.lvl(0, "decimal", "%1.")), f.num(1, 1))
    table = f.tbl(1, f.tr(f.tc(f.p("完成率较高", num=(1, 0)), f.p("成本控制较好", num=(1, 0)))))
    t = tables(read(f.build(tmp_path / "tn.docx", table, numbering=numbering)))[0]
    assert grid(t) == [["1.完成率较高\n2.成本控制较好"]]


# --------------------------------------------------------------------------- runs and side parts


def test_revisions_fields_hyperlinks_and_special_runs(tmp_path):
    body = [
        f.p(f.r("项目资金"),
            f'<w:del w:id="1" w:author="审核" w:date="2025-01-01T00:00:00Z">{f.r("120万元", tag="delText")}</w:del>',
            f'<w:ins w:id="2" w:author="审核" w:date="2025-01-01T00:00:00Z">{f.r("150万元")}</w:ins>',
            f.r("，已全部拨付。"), raw=True),
        f.p(f.r("详见第"), f.field("PAGEREF _Toc123 \\h", "5"), f.r("页。"), raw=True),
        f.p(f.r("来源："), '<w:hyperlink r:id="rIdNone">' + f.r("县财政局网站") + "</w:hyperlink>",
            '<w:smartTag w:uri="x" w:element="date">' + f.r("2024年") + "</w:smartTag>", raw=True),
        f.p("<w:r><w:t>指标</w:t><w:tab/><w:t>完成值</w:t><w:br/><w:t>新行</w:t>"
            '<w:noBreakHyphen/><w:sym w:font="Symbol" w:char="F0B3"/><w:t>90%</w:t></w:r>', raw=True),
    ]
    got = texts(read(f.build(tmp_path / "rv.docx", *body)))
    assert got == ["项目资金150万元，已全部拨付。", "详见第5页。", "来源：县财政局网站2024年", "指标\t完成值\n新行-≥90%"]
    assert all("120" not in t and "PAGEREF" not in t for t in got)


def test_text_boxes_go_to_extras_once(tmp_path):
    body = [
        f.p(f.r("正文第一段。"), f.textbox_run("文本框：专项资金500万元"), f.r("正文继续。"), raw=True),
        "正文第二段。",
    ]
    raw = read(f.build(tmp_path / "tb.docx", *body))
    assert texts(raw) == ["正文第一段。正文继续。", "正文第二段。"]
    box = raw.extras["textbox"]
    assert [b.text for b in box] == ["文本框：专项资金500万元"]  # choice and fallback: taken once
    assert box[0].loc.part == "textbox"


def test_footnotes_endnotes_headers_footers_comments_stay_out_of_body(tmp_path):
    doc = f.new_document()
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = "青山县财政局绩效评价材料"
    sec.footer.paragraphs[0].text = "内部资料 注意保存"
    doc.add_paragraph("第一节正文。")
    new = doc.add_section()
    new.header.is_linked_to_previous = False
    new.header.paragraphs[0].text = "青山县财政局绩效评价材料"  # identical text: kept once
    new.footer.is_linked_to_previous = False
    new.footer.paragraphs[0].text = "第二节页脚"
    para = doc.add_paragraph("第二节正文。")
    doc.add_comment(para.runs, text="请核实该数据来源。", author="审核人")
    f.append_xml(doc, f.p(f.r("资金到位率100%"), f.footnote_ref(1), f.r("。"), raw=True))
    raw = read(f.save(doc, tmp_path / "side.docx",
                      footnotes=f.footnotes_xml("数据来源：县财政局国库支付系统。"),
                      endnotes=f.footnotes_xml("尾注：口径同上年。", kind="endnote")))
    body = " ".join(texts(raw))
    assert texts(raw) == ["第一节正文。", "第二节正文。", "资金到位率100%。"]
    for noise in ("绩效评价材料", "内部资料", "页脚", "数据来源", "尾注", "请核实"):
        assert noise not in body
    assert [p.text for p in raw.extras["header"]] == ["青山县财政局绩效评价材料"]
    assert [p.text for p in raw.extras["footer"]] == ["内部资料 注意保存", "第二节页脚"]
    assert [p.text for p in raw.extras["footnote"]] == ["数据来源：县财政局国库支付系统。"]
    assert [p.text for p in raw.extras["endnote"]] == ["尾注：口径同上年。"]
    assert [p.text for p in raw.extras["comment"]] == ["请核实该数据来源。"]
    assert {p.loc.part for p in raw.extras["footnote"]} == {"footnote"}


def test_meta_from_core_properties(tmp_path):
    doc = f.new_document()
    doc.core_properties.title = "2024年度部门整体支出绩效自评报告"
    doc.core_properties.author = "青山县水利局"
    doc.add_paragraph("正文")
    raw = read(f.save(doc, tmp_path / "meta.docx"))
    assert raw.meta["title"] == "2024年度部门整体支出绩效自评报告"
    assert raw.meta["author"] == "青山县水利局"
    assert raw.meta["created"]


# --------------------------------------------------------------------------- table of contents


def test_toc_paragraphs_are_flagged(tmp_path):
    styles = (f.style_xml("TOC1", "toc 1"), f.style_xml("CnToc2", "目录 2"))
    toc_field = [
        f.p('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + f.r("一、部门概况\t1"), raw=True),
        f.p("二、绩效目标\t3"),  # plain style, but inside the TOC field
        f.p(f.r("三、自评结论\t7") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>', raw=True),
    ]
    sdt = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
           '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>'
           + f.p("目录") + f.p("四、问题及建议\t9") + "</w:sdtContent></w:sdt>")
    body = [f.p("（一）部门职能\t1", style="TOC1"), f.p("1.主要职责\t2", style="CnToc2"), *toc_field, sdt,
            "一、部门概况", "本部门2024年预算执行良好。"]
    raw = read(f.build(tmp_path / "toc.docx", *body, styles=styles))
    flagged = {b.text: b.is_toc for b in paras(raw)}
    assert flagged == {
        "（一）部门职能\t1": True, "1.主要职责\t2": True,
        "一、部门概况\t1": True, "二、绩效目标\t3": True, "三、自评结论\t7": True,
        "目录": True, "四、问题及建议\t9": True,
        "一、部门概况": False, "本部门2024年预算执行良好。": False,
    }


def test_strict_ooxml_namespaces_are_read(tmp_path):
    path = f.build(tmp_path / "t.docx", f.p("绩效目标", style="Heading1"), "严格模式保存的正文。")
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    strict = {}
    for name in src.namelist():
        data = src.read(name)
        if name.endswith((".xml", ".rels")):
            data = data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            data = data.replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                                b"http://purl.oclc.org/ooxml/officeDocument/relationships")
        strict[name] = data
    raw = read_docx(_zip(strict), path)
    assert texts(raw) == ["绩效目标", "严格模式保存的正文。"]
    assert paras(raw)[0].outline_level == 1


# --------------------------------------------------------------------------- bad input


def _valid_docx(tmp_path) -> bytes:
    doc = f.new_document()
    for i in range(40):
        doc.add_paragraph(f"第{i + 1}段：本年度项目资金{i * 13.5:.2f}万元，执行率{90 + i % 10}%。")
    return f.save(doc, tmp_path / "valid.docx").read_bytes()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _xlsx_bytes() -> bytes:
    return _zip({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
    })


def _with_document_xml(data: bytes, new_xml: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    return _zip({n: (new_xml if n == "word/document.xml" else src.read(n)) for n in src.namelist()})


BAD_INPUTS = {
    "truncated": lambda valid: valid[: len(valid) // 2],
    "random_bytes": lambda valid: bytes((i * 7919 + 13) % 256 for i in range(5000)),
    "xlsx_renamed": lambda valid: _xlsx_bytes(),
    "ole_encrypted": lambda valid: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000,
    "zip_bomb": lambda valid: _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 50_000_000}),
    "dtd_entities": lambda valid: _with_document_xml(valid, (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")),
    "document_xml_not_xml": lambda valid: _with_document_xml(valid, b"<w:document><w:body>"),
    "no_document_xml": lambda valid: _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_raises_input_error(tmp_path, case):
    data = BAD_INPUTS[case](_valid_docx(tmp_path))
    path = tmp_path / f"{case}.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as direct:
        read_docx(data, path)
    with pytest.raises(InputError):
        read_raw(path)
    assert direct.value.zh and direct.value.en


def test_bad_input_messages_say_what_is_wrong(tmp_path):
    valid = _valid_docx(tmp_path)
    p = tmp_path / "x.docx"
    with pytest.raises(InputError, match="加密"):
        read_docx(BAD_INPUTS["ole_encrypted"](valid), p)
    with pytest.raises(InputError, match="不是有效的 Word"):
        read_docx(BAD_INPUTS["xlsx_renamed"](valid), p)
    with pytest.raises(InputError, match="压缩炸弹"):
        read_docx(BAD_INPUTS["zip_bomb"](valid), p)
    with pytest.raises(InputError, match="DTD"):
        read_docx(BAD_INPUTS["dtd_entities"](valid), p)


_VALID_CACHE: dict[str, bytes] = {}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=10_000), flips=st.lists(st.integers(min_value=0), max_size=8))
def test_damaged_bytes_never_escape_as_other_errors(tmp_path, cut, flips):
    if "v" not in _VALID_CACHE:
        _VALID_CACHE["v"] = _valid_docx(tmp_path)
    data = bytearray(_VALID_CACHE["v"])
    for pos in flips:
        data[pos % len(data)] ^= 0x5A
    data = bytes(data[: max(1, len(data) - cut)])
    try:
        read_docx(data, Path("fuzz.docx"))
    except InputError:
        pass


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ATOMS = st.sampled_from([
    "<w:t>预算</w:t>", "<w:tab/>", "<w:br/>", '<w:fldChar w:fldCharType="begin"/>',
    '<w:fldChar w:fldCharType="separate"/>', '<w:fldChar w:fldCharType="end"/>',
    "<w:instrText> TOC </w:instrText>", "<w:delText>删</w:delText>", '<w:sym w:char="zz"/>',
    '<w:sym w:font="Symbol" w:char="F0B3"/>', '<w:numPr><w:ilvl w:val="99"/><w:numId w:val="1"/></w:numPr>',
    '<w:numPr><w:numId w:val="-3"/></w:numPr>', '<w:gridSpan w:val="1000000000"/>', "<w:vMerge/>",
    '<w:vMerge w:val="restart"/>', '<w:hMerge/>', '<w:gridBefore w:val="99999999"/>', '<w:pStyle w:val="nope"/>',
    '<w:outlineLvl w:val="x"/>',
])
_CONTAINERS = ["w:p", "w:r", "w:tbl", "w:tr", "w:tc", "w:tcPr", "w:trPr", "w:pPr", "w:sdt", "w:sdtContent",
               "w:hyperlink", "w:ins", "w:del", "w:txbxContent", "w:drawing"]
_TREES = st.recursive(_ATOMS, lambda kids: st.tuples(st.sampled_from(_CONTAINERS), st.lists(kids, max_size=4)).map(
    lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"), max_leaves=30)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(_TREES, max_size=6), start=st.integers(min_value=-5, max_value=10**9),
       fmt=st.sampled_from(["decimal", "lowerLetter", "upperRoman", "chineseCounting", "ideographTraditional"]))
def test_strange_but_well_formed_documents_never_crash(tmp_path, body, start, fmt):
    if "v" not in _VALID_CACHE:
        _VALID_CACHE["v"] = _valid_docx(tmp_path)
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {f.NSDECL}><w:body>{"".join(body)}'
                "</w:body></w:document>").encode()
    numbering = f.numbering_xml(f.abstract_num(1, f.lvl(0, fmt, "%1.%2", start=start)), f.num(1, 1)).encode()
    src = zipfile.ZipFile(io.BytesIO(_VALID_CACHE["v"]))
    data = _zip({n: {"word/document.xml": document, "word/numbering.xml": numbering}.get(n, src.read(n))
                 for n in src.namelist()})
    try:
        raw = read_docx(data, Path("odd.docx"))
    except InputError:
        return
    for t in tables(raw):
        assert len({len(r) for r in t.rows}) <= 1
        assert all(len(r) <= 300 for r in t.rows)


# --------------------------------------------------------------------------- speed and real files


def test_a_long_report_reads_whole(tmp_path):
    numbering = f.numbering_xml(REPORT_LIST, f.num(1, 1))
    body: list[str] = []
    for i in range(42):
        body.append(f.p(f"第{i}部分", num=(1, 0)))
        for j in range(5):
            body.append(f.p(f"具体事项{j}", num=(1, 1)))
            body.append(f.p("本年度共完成高标准农田建设1.25万亩，资金到位率100%，执行率96.8%，"
                            "群众满意度达到95%以上，较上年提高2.3个百分点。"))
        body.append(f.tbl(4, *[f.tr(*(f.tc(f"{r}-{c} 数值{r * c}") for c in range(4))) for r in range(6)]))
    path = f.build(tmp_path / "long.docx", *body, numbering=numbering)
    raw = read_docx(path.read_bytes(), path)  # how fast: `make bench`
    assert sum(len(b.text) for b in paras(raw)) > 15_000
    assert paras(raw)[0].text == "一、第0部分" and paras(raw)[-2].text == "（五）具体事项4"


def test_seed_reports(seeds_dir):
    files = sorted((seeds_dir / "formats").glob("*.docx"))
    assert len(files) == 2
    shapes = {}
    for path in files:
        raw, fmt, _ = read_raw(path)
        assert fmt == "docx"
        assert len(paras(raw)) >= 60
        shapes[path.name] = sorted((len(t.rows), len(t.rows[0])) for t in tables(raw))
        for t in tables(raw):
            assert len({len(r) for r in t.rows}) == 1  # rectangular
    by_count = sorted(shapes.values(), key=len)
    assert [len(s) for s in by_count] == [1, 5]
    assert by_count[0] == [(1, 2)]
    assert by_count[1] == sorted([(17, 2), (8, 3), (6, 4), (1, 4), (5, 4)])
