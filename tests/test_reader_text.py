"""txt / md: encodings, hard-wrapped lines, tab and pipe tables, bad input."""
import pytest

import jixiao
from jixiao.errors import InputError

REPORT = (
    "某县文化旅游局2024年度部门整体支出\n"
    "绩效自评报告\n"
    "\n"
    "一、部门基本情况\n"
    "（一）人员情况\n"
    "本局核定编制25人，年末实有在职人数23人，其中行政编制18人、\n"
    "事业编制5人。\n"
    "（二）资金情况\n"
    "表1 支出情况（单位：万元）\n"
    "项目\t年初预算数\t决算数\n"
    "\n"
    "基本支出\t512. 30\t498.76\n"
    "项目支出\t1,230.00\t1187.45\n"
    "二、绩效目标完成情况\n"
    "群众满意度达到 $\\geq 90\\%$ 。\n"
)


def _read(tmp_path, data: bytes, name="r.txt"):
    p = tmp_path / name
    p.write_bytes(data)
    return jixiao.read(p)


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""),
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""),
])
def test_every_encoding_reads_the_same(tmp_path, encoding, prefix):
    doc = _read(tmp_path, prefix + REPORT.encode(encoding))
    assert doc.title == "某县文化旅游局2024年度部门整体支出绩效自评报告"
    assert [h.number for h in doc.headings] == ["一、", "（一）", "（二）", "二、"]
    assert "行政编制18人、事业编制5人" in doc.text  # the wrapped line re-joined
    assert "群众满意度达到≥90%。" in doc.text


def test_tab_table_with_blank_line_after_header(tmp_path):
    doc = _read(tmp_path, REPORT.encode())
    (t,) = doc.tables
    assert t.grid() == [["项目", "年初预算数", "决算数"], ["基本支出", "512.30", "498.76"], ["项目支出", "1230.00", "1187.45"]]
    cell = t.cell(1, 1)
    assert doc.text[cell.span[0]:cell.span[1]] == "512.30"
    loc = doc.locate(cell.span[0])
    assert (loc.table, loc.row, loc.column) == (0, 1, 1)
    assert loc.section == "一、/（二）"


def test_markdown_headings_lists_and_pipe_tables(tmp_path):
    md = ("# 某项目支出绩效自评报告\n\n## 一、项目概况\n\n- **总投资**2000万元\n\n"
          "| 指标 | 目标值 | 实际值 |\n|---|---|---|\n| 满意度 | ≥90% | 92% |\n| 完成率 | 100% | 100% |\n")
    doc = _read(tmp_path, md.encode(), "r.md")
    assert [(h.level, h.number, h.title) for h in doc.headings] == [(1, "", "某项目支出绩效自评报告"), (2, "一、", "项目概况")]
    assert doc.title == "某项目支出绩效自评报告"
    assert "总投资2000万元" in doc.text
    assert doc.tables[0].grid()[1] == ["满意度", "≥90%", "92%"]


def test_toc_is_recognised_and_kept_out_of_the_body(tmp_path):
    txt = "目录\n一、部门概况\t1\n（一）基本情况\t2\n二、绩效情况\t5\n\n一、部门概况\n（一）基本情况\n正文。\n二、绩效情况\n"
    doc = _read(tmp_path, txt.encode())
    assert [(e.number, e.page) for e in doc.toc] == [("一、", 1), ("（一）", 2), ("二、", 5)]
    assert [h.number for h in doc.headings] == ["一、", "（一）", "二、"]


@pytest.mark.parametrize("data,needle", [
    (b"\x00\x01\x02\x03PK\x00\x00binary\xff\xfe\x00garbage" * 20, "二进制"),
    (bytes(range(256)) * 10, ""),
    (b"   \n\n  \t ", "为空"),
    (b"", "为空"),
])
def test_bad_text_input(tmp_path, data, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        jixiao.read(p)
    assert needle in e.value.zh


def test_flattened_web_table_rows_and_pinyin_glosses(tmp_path):
    txt = ("| 项目资金（万元） | 年初预算数 | 全年执行数 |\n"
           "| 年度资金总额 | 12.50 | 12.(xx)30 |\n"
           "| 其中:当(dāng)年财政拨款 | 10.00 |\n9.80 |\n")
    doc = _read(tmp_path, txt.encode())
    (t,) = doc.tables
    assert t.grid()[0] == ["项目资金（万元）", "年初预算数", "全年执行数"]
    assert t.grid()[2] == ["其中:当年财政拨款", "10.00", "9.80"]  # a cell broken over a line, gloss removed
