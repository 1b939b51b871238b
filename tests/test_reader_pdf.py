"""PDF reader: wrapped lines re-joined, headers/footers and page numbers dropped, ruled tables
with merged cells, tables running over a page break, bad input, and the seed PDFs."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as RLParagraph

from jixiao.errors import InputError
from jixiao.model import RawParagraph, RawTable
from jixiao.readers.pdf import _joiner, read_pdf

from pdf_factory import FONT, PdfBuilder, image_only_pdf

TITLE = "某县农业农村局2024年度部门整体支出绩效自评报告"
# 26 + 3 characters in front of the figure put "46810.34万" at the very end of a line
MONEY_PARA = ("经县人大常委会审议批准，本年度部门预算收入合计调整为全年共" "46810.34万元，"
              "较年初预算增加1532.60万元，主要用于高标准农田建设、农机购置补贴和农村人居环境整治。")
LONG_PARA = ("本局围绕乡村振兴战略，统筹推进粮食安全、产业发展和农村改革各项工作，"
             "全年新建高标准农田1.35万亩，发放农机购置补贴资金386.20万元，惠及农户912户；"
             "完成农村户厕改造1460户，农村生活垃圾收运处置体系覆盖率达到100%；"
             "组织开展农业技术培训42期，培训高素质农民2180人次，农民人均可支配收入同比增长6.8%。")


def _paras(raw) -> list[str]:
    return [b.text for b in raw.blocks if isinstance(b, RawParagraph)]


def _tables(raw) -> list[RawTable]:
    return [b for b in raw.blocks if isinstance(b, RawTable)]


def _read(path: Path):
    return read_pdf(path.read_bytes(), path)


def _report(path: Path, **kw) -> PdfBuilder:
    b = PdfBuilder(path, header=TITLE, **kw)
    b.heading(TITLE)
    b.heading("一、部门基本情况")
    b.heading("（一）部门职责")
    b.para(MONEY_PARA)
    b.heading("（二）人员情况")
    b.para("本局内设机构8个，核定行政编制36名，年末实有在职人员34人。")
    b.heading("二、绩效目标完成情况")
    b.heading("1. 数量指标")
    for _ in range(4):
        b.para(LONG_PARA)
    b.heading("（1）新建高标准农田面积")
    b.para(LONG_PARA)
    b.para(LONG_PARA)
    b.heading("附件：部门整体支出绩效自评表")
    return b


# --------------------------------------------------------------------------- paragraphs


def test_wrapped_lines_rejoined_and_headings_kept_apart(tmp_path):
    b = _report(tmp_path / "r.pdf")
    b.build()
    lines = [t for _, t in b.drawn]
    # the fixture really splits the figure from its unit
    k = next(i for i, t in enumerate(lines) if t.endswith("46810.34万"))
    assert lines[k + 1].startswith("元")

    raw = _read(b.path)
    paras = _paras(raw)
    assert raw.pages == len({p for p, _ in b.drawn}) >= 2
    assert MONEY_PARA in paras  # one paragraph, "46810.34万元" whole, no spaces added
    assert paras[:3] == [TITLE, "一、部门基本情况", "（一）部门职责"]
    for h in ("（二）人员情况", "二、绩效目标完成情况", "1. 数量指标", "（1）新建高标准农田面积",
              "附件：部门整体支出绩效自评表"):
        assert h in paras
    assert paras.count(LONG_PARA) == 6  # first-line indents separate equal paragraphs
    assert len(paras) == 16
    for blk in raw.blocks:
        assert blk.loc.part == "body" and blk.loc.page >= 1
    assert [b.loc.paragraph for b in raw.blocks] == list(range(len(raw.blocks)))


def test_paragraph_running_over_a_page_break_is_joined(tmp_path):
    b = PdfBuilder(tmp_path / "r.pdf", page_numbers="plain")
    b.heading("一、项目概况")
    for _ in range(9):
        b.para(LONG_PARA)
    b.build()
    # the fixture has a paragraph whose lines sit on both pages
    last_on_1 = max(i for i, (p, _) in enumerate(b.drawn) if p == 1)
    assert not b.drawn[last_on_1][1].endswith("。") and b.drawn[last_on_1 + 1][0] == 2
    raw = _read(b.path)
    assert _paras(raw) == ["一、项目概况"] + [LONG_PARA] * 9
    starts_on_1 = sum(1 for p, t in b.drawn if p == 1 and t.startswith(LONG_PARA[:4]))
    assert [blk.loc.page for blk in raw.blocks].count(1) == 1 + starts_on_1  # placed where it starts


def test_paragraph_spacing_without_indents(tmp_path):
    # Word style without first-line indents: paragraphs told apart by the space between them
    b = PdfBuilder(tmp_path / "r.pdf", para_space=10, page_numbers=None)
    b.heading("三、存在的问题")
    b.para("部分项目绩效目标设置不够细化量化，个别指标未与年度任务数相对应，影响了绩效评价的准确性和可比性。", indent=False)
    b.para("预算执行进度前低后高，第四季度支出占全年支出的百分之四十以上。", indent=False)
    b.para("下一步将完善绩效目标管理。", indent=False)
    b.build()
    assert _paras(_read(b.path)) == [
        "三、存在的问题",
        "部分项目绩效目标设置不够细化量化，个别指标未与年度任务数相对应，影响了绩效评价的准确性和可比性。",
        "预算执行进度前低后高，第四季度支出占全年支出的百分之四十以上。",
        "下一步将完善绩效目标管理。",
    ]


def test_latin_words_keep_their_space_when_rejoined():
    assert _joiner("通过 ISO", "9001 认证") == " "
    assert _joiner("46810.34万", "元") == ""
    assert _joiner("执行率达到", "98.5%") == ""
    assert _joiner("budget", "execution") == " "


# --------------------------------------------------------------------------- headers, footers


@pytest.mark.parametrize("style,label", [("dash", "- 2 -"), ("of", "第 2 页 共 2 页"), ("plain", "2")])
def test_running_header_and_page_numbers_removed(tmp_path, style, label):
    b = _report(tmp_path / "r.pdf", page_numbers=style)
    b.para(LONG_PARA)
    b.para(LONG_PARA)
    b.build()
    raw = _read(b.path)
    paras = _paras(raw)
    assert paras.count(TITLE) == 1  # the title on page 1 stays, the running header goes
    assert not any(p.strip().strip("-").strip().isdigit() or "页" in p for p in paras)
    headers = [p.text for p in raw.extras["header"]]
    footers = [p.text for p in raw.extras["footer"]]
    assert headers == [TITLE] * raw.pages
    assert raw.pages == 2
    assert label in footers and len(footers) == raw.pages
    assert {p.loc.part for p in raw.extras["footer"]} == {"footer"}


# --------------------------------------------------------------------------- tables

TABLE = [
    ["指标类型", "指标名称", "年度目标值", "实际完成值"],
    ["产出指标", "新建高标准农田面积", "≥1.2万亩", "1.35万亩"],
    ["", "农机购置补贴户数", "≥860户", "912户"],
    ["效益指标", "农民人均可支配收入增长率", "≥6%", "6.8%"],
    ["合计得分", "", "", "92.5"],
]
SPANS = [((0, 1), (0, 2)), ((0, 4), (2, 4))]  # reportlab (col, row): 产出指标 down, 合计得分 across


def test_ruled_table_with_merged_cells(tmp_path):
    b = PdfBuilder(tmp_path / "t.pdf")
    b.heading("（三）绩效指标完成情况")
    b.para("本年度设置绩效指标3项，完成情况见下表。")
    b.table(TABLE, SPANS, col_widths=[70, 180, 90, 90])
    b.para("各项指标均已完成年度目标。")
    b.build()
    raw = _read(b.path)
    (t,) = _tables(raw)
    assert [type(x).__name__ for x in raw.blocks] == ["RawParagraph", "RawParagraph", "RawTable", "RawParagraph"]
    assert t.loc.page == 1 and t.loc.table == 0
    assert all(len(r) == 4 for r in t.rows) and len(t.rows) == 5
    assert [c.text for c in t.rows[0]] == TABLE[0]
    assert [c.text for c in t.rows[3]] == TABLE[3]
    top = t.rows[1][0]
    assert (top.text, top.rowspan, top.colspan) == ("产出指标", 2, 1)
    assert t.rows[2][0].origin == (1, 0) and t.rows[2][0].text == ""
    assert [c.text for c in t.rows[2][1:]] == TABLE[2][1:]
    total = t.rows[4][0]
    assert (total.text, total.rowspan, total.colspan) == ("合计得分", 1, 3)
    assert [c.origin for c in t.rows[4][1:3]] == [(4, 0), (4, 0)]
    assert t.rows[4][3].text == "92.5"
    # table text is not repeated as paragraphs
    assert not any("新建高标准农田面积" in p or "92.5" in p for p in _paras(raw))


def test_wrapped_cell_text_joined_without_spaces(tmp_path):
    style = ParagraphStyle("cell", fontName=FONT, fontSize=10.5, leading=14, wordWrap="CJK")
    long = "通过实地走访和问卷调查，服务对象对项目实施效果总体满意，满意度达到96.3%"
    data = [["指标", "完成情况说明"], ["满意度指标", RLParagraph(long, style)]]
    b = PdfBuilder(tmp_path / "t.pdf")
    b.para("满意度情况如下。")
    b.table(data, col_widths=[90, 150])
    b.build()
    (t,) = _tables(_read(b.path))
    assert t.rows[1][1].text == long


def test_table_continued_on_next_page_is_one_table(tmp_path):
    header = ["序号", "项目名称", "预算数（万元）", "执行数（万元）"]
    rows = [header] + [[str(i), f"乡村道路硬化工程第{i}标段", f"{100 + i}.50", f"{98 + i}.25"] for i in range(1, 61)]
    b = PdfBuilder(tmp_path / "t.pdf")
    b.heading("附表：项目支出明细")
    b.table(rows, col_widths=[40, 200, 95, 95], repeat_rows=1)
    b.para("以上项目均已按计划完工。")
    b.build()
    raw = _read(b.path)
    assert raw.pages >= 2
    (t,) = _tables(raw)
    assert [[c.text for c in r] for r in t.rows] == rows
    assert t.loc.page == 1


# --------------------------------------------------------------------------- bad input


def test_encrypted_pdf(tmp_path):
    b = PdfBuilder(tmp_path / "e.pdf", encrypt="mima123")
    b.para(LONG_PARA)
    b.build()
    with pytest.raises(InputError) as e:
        _read(b.path)
    assert "加密" in e.value.zh and "encrypted" in e.value.en


def test_image_only_pdf_needs_ocr(tmp_path):
    p = image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError) as e:
        _read(p)
    assert "OCR" in e.value.zh and "OCR" in e.value.en


@pytest.mark.parametrize("data", [
    b"this is not a pdf at all",
    b"%PDF-1.4\n" + bytes(range(256)) * 40,
    b"\x00" * 2048,
])
def test_garbage_bytes(data):
    with pytest.raises(InputError) as e:
        read_pdf(data, Path("bad.pdf"))
    assert "损坏" in e.value.zh


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_truncated_pdf(tmp_path, fraction):
    b = _report(tmp_path / "r.pdf")
    b.build()
    data = b.path.read_bytes()
    with pytest.raises(InputError) as e:
        read_pdf(data[: int(len(data) * fraction)], b.path)
    assert "损坏" in e.value.zh or "没有文字层" in e.value.zh


def test_too_many_pages_refused(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "big.pdf"
    c = canvas.Canvas(str(p))
    for _ in range(2001):
        c.showPage()
    c.save()
    start = time.perf_counter()
    with pytest.raises(InputError) as e:
        _read(p)
    assert "2000" in e.value.zh
    assert time.perf_counter() - start < 10


# --------------------------------------------------------------------------- seeds

SEED_FIGURES = {
    "000_4c453b8767b744bc": ["46810.34万元", "9811.26万元", "38671.40万元", "1211.40元", "349.07万元",
                             "224.33亿元", "7289.90万元"],
    "004_8c83defe9da35b5f": ["≥90%", "≥ 228亿元", "16.98万元", "1186件", "95%", "36个"],
}


def _docx(path: Path):
    docx = pytest.importorskip("docx")
    return docx.Document(str(path))


@pytest.mark.parametrize("stem", sorted(SEED_FIGURES))
def test_seed_pdf_figures_intact(seeds_dir, stem):
    pdf = seeds_dir / "formats" / f"{stem}.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf.name} absent")
    start = time.perf_counter()
    raw = _read(pdf)
    elapsed = time.perf_counter() - start
    assert elapsed < 5, f"reading took {elapsed:.1f}s"
    text = "\n".join(_paras(raw))
    doc = _docx(pdf.with_suffix(".docx"))
    docx_paras = [p.text for p in doc.paragraphs if p.text.strip()]
    for fig in SEED_FIGURES[stem]:
        assert fig in "\n".join(docx_paras), fig  # the figure really is in the report
        assert fig in text, fig
    # every Word paragraph comes back as exactly one PDF paragraph
    assert _paras(raw) == docx_paras
    assert raw.pages == {"000_4c453b8767b744bc": 6, "004_8c83defe9da35b5f": 8}[stem]


@pytest.mark.parametrize("stem", sorted(SEED_FIGURES))
def test_seed_pdf_tables(seeds_dir, stem):
    pdf = seeds_dir / "formats" / f"{stem}.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf.name} absent")
    raw = _read(pdf)
    doc = _docx(pdf.with_suffix(".docx"))
    want = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    got = [[c.text for c in r] for t in _tables(raw) for r in t.rows]
    # two Word tables printed back to back (a header-row table and its body) read as one
    assert got == want
    # ... but the income table at the foot of page 5 and the expenditure table under its
    # caption on page 6 stay two tables
    assert len(_tables(raw)) == {"000_4c453b8767b744bc": 1, "004_8c83defe9da35b5f": 4}[stem]
    for t in _tables(raw):
        assert t.loc.page is not None and t.loc.table is not None


def test_damaged_bytes_never_escape_as_other_errors(tmp_path):
    import random

    b = _report(tmp_path / "r.pdf")
    b.table(TABLE, SPANS, col_widths=[70, 180, 90, 90])
    b.build()
    good = b.path.read_bytes()
    rnd = random.Random(7)
    for _ in range(12):
        data = bytearray(good)
        for _ in range(rnd.randint(1, 30)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        try:
            read_pdf(bytes(data), b.path)
        except InputError:
            pass
