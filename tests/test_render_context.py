"""The passage shown beside a finding: its sentence or table row, with exactly its figures marked."""
import jixiao
from jixiao.model import Evidence, Finding
from jixiao.render.context import snippets

TEXT = "一、情况\n项目支出100万元，其中设备费60万元。另有说明。\n名称\t分值\t得分\n满意度\t10\t12\n"


def _finding(doc, *quotes):
    ev = []
    for q in quotes:
        i = doc.text.index(q)
        ev.append(Evidence(q, (i, i + len(q))))
    return Finding("F1", "JX0", "other", "info", "x", ev)


def test_sentence_and_marks():
    doc = jixiao.read_text(TEXT)
    (sn,) = snippets(doc, _finding(doc, "100万元", "60万元"))
    assert sn.text == "项目支出100万元，其中设备费60万元。"
    assert [sn.text[a:b] for a, b in sn.marks] == ["100万元", "60万元"]


def test_table_row_marks_survive_cell_separators():
    doc = jixiao.read_text(TEXT)
    i = doc.text.index("12\n")
    f = Finding("F1", "JX0", "other", "info", "x", [Evidence("10", (i - 3, i - 1)), Evidence("12", (i, i + 2))])
    (sn,) = snippets(doc, f)
    assert sn.text == "满意度 | 10 | 12"
    assert [sn.text[a:b] for a, b in sn.marks] == ["10", "12"]
    assert "表1" in sn.where
