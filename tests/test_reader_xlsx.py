"""xlsx reader: 自评表 sheets become tables with merges resolved, titles/notes become paragraphs."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from jixiao.errors import InputError  # noqa: E402
from jixiao.model import RawParagraph, RawTable  # noqa: E402
from jixiao.readers import read_raw  # noqa: E402
from jixiao.readers.xlsx import format_number, read_xlsx  # noqa: E402

P = Path("自评表.xlsx")


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_zipingbiao(extra_sheets: bool = True) -> bytes:
    """An invented 项目支出绩效自评表 laid out the way finance bureaus publish them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    # column A left empty on purpose: the reader trims empty leading columns
    ws["B2"] = "项目支出绩效自评表"
    ws.merge_cells("B2:H2")
    ws["B3"] = "（2024年度）"
    ws.merge_cells("B3:H3")
    ws["B4"] = "项目名称"
    ws["C4"] = "青川县城乡供水管网改造工程"
    ws.merge_cells("C4:H4")
    ws["B5"] = "主管部门"
    ws["C5"] = "青川县水务局"
    ws.merge_cells("C5:D5")
    ws["E5"] = "实施单位"
    ws["F5"] = "青川县供排水服务中心"
    ws.merge_cells("F5:H5")
    ws["B6"] = "项目资金（万元）"
    ws["C6"] = "全年预算数"
    ws["D6"] = "全年执行数"
    ws["E6"] = "执行率"
    ws["F6"] = "分值"
    ws["G6"] = "得分"
    ws["B7"] = "年度资金总额"
    ws["C7"] = 518.27
    ws["C7"].number_format = "0.00"
    ws["D7"] = 492.3600000001
    ws["D7"].number_format = "#,##0.00"
    ws["E7"] = "=D7/C7"
    ws["E7"].number_format = "0.00%"
    ws["F7"] = 10
    ws["G7"] = 9.5
    # header rows of the indicator block
    ws["B8"] = "一级指标"
    ws["C8"] = "二级指标"
    ws["D8"] = "三级指标"
    ws["E8"] = "年度指标值"
    ws["F8"] = "实际完成值"
    ws["G8"] = "分值"
    ws["H8"] = "得分"
    ws["I8"] = "偏差原因分析及改进措施"
    ws["B9"] = "产出指标"
    ws.merge_cells("B9:B11")
    ws["C9"] = "数量指标"
    ws.merge_cells("C9:C10")
    ws["D9"] = "改造供水管网长度"
    ws["E9"] = "≥12公里"
    ws["F9"] = "12.6公里"
    ws["G9"] = 20
    ws["H9"] = 20
    ws["D10"] = "新增受益人口"
    ws["E10"] = "≥3000人"
    ws["F10"] = 3120
    ws["G10"] = 15
    ws["H10"] = 14.0
    ws["C11"] = "质量指标"
    ws["D11"] = "工程验收合格率"
    ws["E11"] = 1
    ws["E11"].number_format = "0%"
    ws["F11"] = 0.95
    ws["F11"].number_format = "0%"
    ws["G11"] = 15
    ws["H11"] = 13.5
    ws["I11"] = "部分管段因汛期延迟验收"
    ws["B12"] = "效益指标"
    ws["C12"] = "社会效益指标"
    ws["D12"] = "群众满意度"
    ws["E12"] = "≥90%"
    ws["F12"] = 0.9312
    ws["F12"].number_format = "0.00%"
    ws["G12"] = 10
    ws["H12"] = 10
    ws["B13"] = "完成时间"
    ws["C13"] = dt.datetime(2024, 12, 31)
    ws["C13"].number_format = "yyyy-mm-dd"
    ws["D13"] = "验收时间"
    ws["E13"] = dt.datetime(2025, 1, 15)
    ws["E13"].number_format = 'yyyy"年"m"月"d"日"'
    ws["F13"] = True
    ws["B14"] = "总分"
    ws["G14"] = "=SUM(G9:G12)"
    ws["H14"] = "=SUM(H9:H12)"
    ws["B16"] = "填表人：李明    联系电话：0839-5551234    填报日期：2025年3月10日"
    ws.merge_cells("B16:I16")
    if extra_sheets:
        hidden = wb.create_sheet("参数")
        hidden["A1"] = "隐藏的计算参数"
        hidden.sheet_state = "hidden"
        second = wb.create_sheet("资金明细")
        second["A1"] = "资金来源"
        second["B1"] = "金额（万元）"
        second["A2"] = "中央补助"
        second["B2"] = 300
        second["A3"] = "县级配套"
        second["B3"] = 218.27
        second["B3"].number_format = "0.00"
        wb.create_sheet("空白页")
    return _save(wb)


def _with_cached_values(data: bytes, cached: dict[str, str]) -> bytes:
    """Rewrite sheet1.xml so the formula cells carry a cached <v> like Excel would save."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = body.decode("utf-8")
                for ref, value in cached.items():
                    pat = re.compile(r'(<c r="%s"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?' % ref)
                    text, n = pat.subn(lambda m: m.group(1) + m.group(2) + f"<v>{value}</v>", text)
                    assert n == 1, ref
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def _tables(raw) -> list[RawTable]:
    return [b for b in raw.blocks if isinstance(b, RawTable)]


def _paras(raw) -> list[RawParagraph]:
    return [b for b in raw.blocks if isinstance(b, RawParagraph)]


def _grid(t: RawTable) -> list[list[str]]:
    """Texts with merged regions repeated over what they cover."""
    out = []
    for row in t.rows:
        line = []
        for cell in row:
            if cell.origin is not None:
                line.append(t.rows[cell.origin[0]][cell.origin[1]].text)
            else:
                line.append(cell.text)
        out.append(line)
    return out


# --------------------------------------------------------------------------- layout


def test_title_rows_become_paragraphs_and_notes_follow_the_table():
    raw = read_xlsx(build_zipingbiao(), P)
    kinds = [type(b).__name__ for b in raw.blocks]
    # title, year, table(自评表), 填表人 note, table(资金明细)
    assert kinds == ["RawParagraph", "RawParagraph", "RawTable", "RawParagraph", "RawTable"]
    paras = _paras(raw)
    assert paras[0].text == "项目支出绩效自评表"
    assert paras[1].text == "（2024年度）"
    assert paras[2].text.startswith("填表人：李明")
    assert paras[0].loc.sheet == "自评表" and paras[0].loc.row == 1
    assert [p.loc.paragraph for p in paras] == [0, 1, 2]


def test_table_grid_is_trimmed_rectangular_and_merges_resolved():
    raw = read_xlsx(build_zipingbiao(), P)
    t = _tables(raw)[0]
    assert t.title == "自评表"
    assert t.loc.sheet == "自评表" and t.loc.table == 0 and t.loc.part == "body"
    widths = {len(r) for r in t.rows}
    assert widths == {8}  # B..I, empty column A trimmed
    assert len(t.rows) == 11  # rows 4..14
    assert t.rows[0][0].text == "项目名称"
    assert t.rows[0][1].text == "青川县城乡供水管网改造工程" and t.rows[0][1].colspan == 6
    assert t.rows[0][2].origin == (0, 1) and t.rows[0][2].text == ""
    # 一级指标 产出指标 spans three rows; 数量指标 two
    top = t.rows[5][0]
    assert top.text == "产出指标" and top.rowspan == 3 and top.colspan == 1
    assert t.rows[6][0].origin == (5, 0) and t.rows[7][0].origin == (5, 0)
    assert t.rows[5][1].rowspan == 2 and t.rows[6][1].origin == (5, 1)
    assert [c.text for c in t.rows[4]] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                           "分值", "得分", "偏差原因分析及改进措施"]
    assert _grid(t)[7][0] == "产出指标"


def test_values_rendered_as_excel_shows_them():
    t = _tables(read_xlsx(build_zipingbiao(), P))[0]
    g = _grid(t)
    assert g[3][1] == "518.27"
    assert g[3][2] == "492.36"
    assert g[3][4] == "10" and g[3][5] == "9.5"
    assert g[7][3] == "100%" and g[7][4] == "95%"
    assert g[8][4] == "93.12%"
    assert g[6][4] == "3120" and g[6][6] == "14"  # integers, no ".0"
    assert g[9][1] == "2024-12-31"
    assert g[9][3] == "2025年1月15日"
    assert g[9][4] == "TRUE"
    assert g[7][7] == "部分管段因汛期延迟验收"


def test_uncached_formulas_are_empty_and_reported():
    # openpyxl writes formulas without cached values: the cells show nothing until recalculated
    raw = read_xlsx(build_zipingbiao(), P)
    g = _grid(_tables(raw)[0])
    assert g[3][3] == ""
    assert g[10][5] == "" and g[10][6] == ""
    assert "=SUM" not in str(g)
    assert raw.meta["uncached_formulas"] == "自评表!E7, 自评表!G14, 自评表!H14"
    assert raw.meta["uncached_formula_count"] == "3"


def test_cached_formula_values_are_used():
    data = _with_cached_values(build_zipingbiao(), {"E7": "0.950016400718545", "G14": "60", "H14": "57.5"})
    raw = read_xlsx(data, P)
    g = _grid(_tables(raw)[0])
    assert g[3][3] == "95.00%"
    assert g[10][5] == "60" and g[10][6] == "57.5"
    assert "uncached_formulas" not in raw.meta


def test_hidden_sheet_skipped_and_two_sheets_two_tables():
    raw = read_xlsx(build_zipingbiao(), P)
    tables = _tables(raw)
    assert [t.title for t in tables] == ["自评表", "资金明细"]
    assert [t.loc.table for t in tables] == [0, 1]
    assert raw.meta["hidden_sheets"] == "参数"
    assert raw.meta["empty_sheets"] == "空白页"
    assert all("隐藏的计算参数" not in c.text for t in tables for r in t.rows for c in r)
    assert _grid(tables[1]) == [["资金来源", "金额（万元）"], ["中央补助", "300"], ["县级配套", "218.27"]]


def test_single_sheet_without_titles_is_just_a_table():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "目标值", "完成值"])
    ws.append(["培训人次", 200, 215])
    raw = read_xlsx(_save(wb), P)
    assert len(raw.blocks) == 1 and isinstance(raw.blocks[0], RawTable)


def test_read_raw_goes_through_the_registry(tmp_path):
    p = tmp_path / "项目自评表.xlsx"
    p.write_bytes(build_zipingbiao())
    raw, fmt, digest = read_raw(p)
    assert fmt == "xlsx" and len(digest) == 64
    assert len(_tables(raw)) == 2


# --------------------------------------------------------------------------- number formats


@pytest.mark.parametrize("value,fmt,shown", [
    (518.2700000001, "0.00", "518.27"),
    (0.95, "0%", "95%"),
    (0.95, "0.00%", "95.00%"),
    (1234567.891, "#,##0.00", "1,234,567.89"),
    (100.0, "General", "100"),
    (0.1 + 0.2, "General", "0.3"),
    (12.5, '0.00"万元"', "12.50万元"),
    (-5.5, "#,##0.00_);[Red](#,##0.00)", "(5.50)"),
    (-5.5, "0.00", "-5.50"),
    (518.275, "0.00", "518.28"),
    (1.5, "0.0#", "1.5"),
    (3, "000", "003"),
])
def test_number_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


# --------------------------------------------------------------------------- bad input


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
    return buf.getvalue()


def test_corrupt_xlsx():
    good = build_zipingbiao()
    for bad in (good[: len(good) // 2], b"PK\x03\x04 this is not really a zip", b"hello, not a workbook at all"):
        with pytest.raises(InputError) as e:
            read_xlsx(bad, P)
        assert e.value.zh == "xlsx 文件已损坏或格式不正确，无法读取"


def test_damaged_workbook_xml_is_an_input_error():
    src = zipfile.ZipFile(io.BytesIO(build_zipingbiao()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                body = body[: len(body) // 2]
            dst.writestr(info, body)
    with pytest.raises(InputError) as e:
        read_xlsx(out.getvalue(), P)
    assert e.value.zh == "xlsx 文件已损坏或格式不正确，无法读取"


def test_encrypted_or_ole_xlsx():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"EncryptedPackage"
    with pytest.raises(InputError) as e:
        read_xlsx(ole, P)
    assert e.value.zh == "文件已加密或为旧版 Excel 格式，无法读取；请去除密码并另存为 .xlsx"


def test_docx_renamed_xlsx():
    with pytest.raises(InputError) as e:
        read_xlsx(_docx_bytes(), P)
    assert e.value.zh == "不是有效的 Excel (.xlsx) 文件"


@pytest.mark.parametrize("content,needle", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "加密"),
    (None, "不是有效的 Excel"),
    (b"PK\x03\x04garbage-garbage-garbage", "损坏"),
])
def test_bad_input_through_read_raw(tmp_path, content, needle):
    p = tmp_path / "报告.xlsx"
    p.write_bytes(_docx_bytes() if content is None else content)
    with pytest.raises(InputError) as e:
        read_raw(p)
    assert needle in e.value.zh


def test_formula_evaluating_to_empty_text_is_not_uncached():
    data = build_zipingbiao(extra_sheets=False)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b'<c r="G14"><f>', b'<c r="G14" t="str"><f>')
            dst.writestr(info, body)
    raw = read_xlsx(out.getvalue(), P)
    assert raw.meta["uncached_formulas"] == "自评表!E7, 自评表!H14"


def test_sheet_with_unmerged_title_and_lone_note():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "附件2"
    ws["A2"] = "部门整体支出绩效自评表"
    ws.append(["指标", "目标值", "完成值", "得分"])
    ws.append(["预算执行率", "100%", "96.8%", 9.68])
    ws.append(["注：得分按执行率折算。"])
    raw = read_xlsx(_save(wb), P)
    assert [type(b).__name__ for b in raw.blocks] == ["RawParagraph", "RawParagraph", "RawTable", "RawParagraph"]
    t = _tables(raw)[0]
    assert len(t.rows) == 2 and t.rows[1][3].text == "9.68"
    assert _paras(raw)[-1].text == "注：得分按执行率折算。"
