"""JX1302 列出的附件未附

检查内容
  报告列出的附件（"附件：1.部门整体支出绩效自评表 2.…"、"报告需要以下附件：" 后的清单、
  只有一项的"附件：××自评表"）或正文引用的附件（"详见附件2"），在清单之后既没有以
  "附件1""附件2"开头的部分，也没有标题或表格与附件名称相符。清单后若另有表格而名称无法对上，
  不作判断。只核对看起来完整的报告（有标题、至少四个一级标题、达到一定篇幅），摘录不核对。

为何重要
  部门整体支出绩效自评表、项目支出绩效自评表、基础数据表是自评报告的组成部分，评分、指标
  完成情况都在其中；只列名称不附表格，报告中的得分和结论无从核对。

应报示例
  报告末尾"附件：1.部门整体支出绩效评价基础数据表 2.部门整体支出绩效自评表"，其后再无内容。

不报示例
  清单之后有"附件1 部门整体支出绩效评价基础数据表"及表格；清单之后附有表格；摘录。

依据
  财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）；各省部门整体支出绩效自评工作通知
  对报送材料（自评报告、自评表、基础数据表）的要求。
"""
from __future__ import annotations

import regex as re

from ..model import Paragraph, Table
from ..sections import parse_marker
from . import _structure as S
from .base import Context, rule

_LIST = re.compile(r"^(?P<lead>[^。；:：]{0,12}?)附\s*件\s*(?:如下|清单|目录)?\s*[:：]\s*(?P<rest>.*)$")
_ITEM = re.compile(r"(?<![\d.])(?P<n>\d{1,2}|[一二三四五六七八九十])\s*[.、．]\s*(?=\D)")
_START = re.compile(r"^\s*附\s*[件表]\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})(?!\d)")
_REF = re.compile(r"(?:详见|见|参见|附后的?)\s*附\s*件\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})(?!\d)")
_PARENTHESIS = re.compile(r"[（(][^）)]*[）)]")
_YEAR_LEAD = re.compile(r"^\d{4}年度?")
_ATTACHMENT_WORD = re.compile(r"附\s*件")
_FILL = "本单位严格按照预算管理要求组织实施，各项工作有序推进，资金使用规范，管理制度健全。" * 8
_BODY = "".join(f"{n}、{t}\n{_FILL}\n" for n, t in zip("一二三四五", ["部门概况", "绩效目标", "预算执行", "绩效实现情况", "存在问题及改进措施"]))


def _num(s: str) -> int | None:
    return int(s) if s.isdigit() else S.cn_to_int(s)


def _core(title: str) -> str:
    """An attachment's name for matching: no spaces, no parenthetical, no leading year."""
    t = S.compact(title)
    t = _PARENTHESIS.sub("", t)
    t = _YEAR_LEAD.sub("", t)
    return t.strip("：:。.；;")


@rule("JX1302", "attachment-missing", category="missing-section", severity="warning",
      fire=["某局2024年度部门整体支出绩效自评报告\n" + _BODY + "附件：1.部门整体支出绩效评价基础数据表 2.部门整体支出绩效自评表\n",
            "某局2024年度部门整体支出绩效自评报告\n" + _BODY + "报告需要以下附件：\n1.部门整体支出绩效自评表\n2.项目支出绩效自评表\n"],
      nofire=["某局2024年度部门整体支出绩效自评报告\n" + _BODY + "附件：1.部门整体支出绩效自评表\n"
              "附件1\n部门整体支出绩效自评表\n一级指标\t分值\t得分\n产出\t50\t48\n",
              "某局2024年度部门整体支出绩效自评报告\n一、部门概况\n附件：1.部门整体支出绩效自评表\n"])
def check(ctx: Context):
    doc = ctx.doc
    if not S.looks_whole(doc):
        return
    blocks = doc.blocks
    listed: dict[int, tuple[str, tuple[int, int], int, tuple[int, int]]] = {}  # n -> (title, span, last block of the list, span of "附件")
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph) or b.is_toc:
            continue
        m = _LIST.match(b.text)
        if not m or _START.match(b.text):
            continue
        rest_start = b.span[0] + m.start("rest")
        kw = _ATTACHMENT_WORD.search(b.text)
        kw_span = (b.span[0] + kw.start(), b.span[0] + kw.end())
        rest = m.group("rest").strip()
        items: list[tuple[int, str, tuple[int, int]]] = []
        last = i
        if rest:
            marks = []
            for mk in _ITEM.finditer(m.group("rest")):  # 1. … 2. … in sequence (not "表2." inside a name)
                if _num(mk.group("n")) == len(marks) + 1:
                    marks.append(mk)
            if not marks:
                items.append((1, rest, (rest_start, rest_start + len(m.group("rest").rstrip()))))
            for k, mk in enumerate(marks):
                end = marks[k + 1].start() if k + 1 < len(marks) else len(m.group("rest"))
                title = m.group("rest")[mk.end():end].strip(" ；;，,。")
                n = _num(mk.group("n"))
                if n and title:
                    a = rest_start + mk.start()
                    items.append((n, title, (a, a + len(m.group("rest")[mk.start():end].rstrip(" ；;，,。")))))
        else:
            for j in range(i + 1, min(len(blocks), i + 15)):
                p = blocks[j]
                mk = parse_marker(p.text) if isinstance(p, Paragraph) else None
                if mk is None or len(p.text) > 80 or mk.value != len(items) + 1:
                    break
                items.append((mk.value, p.text[mk.end:].strip(), p.span))
                last = j
        for n, title, span in items:
            listed.setdefault(n, (title, span, last, kw_span))
    refs = [(m, _num(m.group("n"))) for m in _REF.finditer(doc.text)]
    if not listed and not refs:
        return
    found = {n: _present(doc, n, v[0], v[2]) for n, v in listed.items()}
    # tables after the list whose names match no listed item may well be the attachments, unless
    # other items were found by name (then the unnamed tables are theirs)
    unnamed_tables = not any(found.values()) and any(
        isinstance(b, Table) and b.n_rows >= 3 for b in blocks[min(v[2] for v in listed.values()) + 1:]) if listed else False
    for n, (title, span, last, kw_span) in sorted(listed.items()):
        if found[n] or unnamed_tables:
            continue
        yield ctx.hit(f"报告列出附件“{title}”，但报告中未见该附件。", [kw_span, span] if kw_span[1] <= span[0] else [span],
                      suggestion="附上该附件（表格或材料），或删去清单中的这一项。",
                      message_en=f"The report lists the attachment “{title}”, but it is not included.")
    seen: set[int] = set()
    for m, n in refs:
        if n is None or n in listed or n in seen:
            continue
        seen.add(n)
        if _present(doc, n, "", doc.block_at(m.start()).index if doc.block_at(m.start()) else 0, anywhere=True):
            continue
        yield ctx.hit(f"正文引用“{m.group().strip()}”，但报告中未见附件{n}。", [m.span()],
                      suggestion="附上所引用的附件，或改正引用。",
                      message_en=f"The text refers to attachment {n}, which the report does not include.")


def _present(doc, n: int, title: str, after: int, anywhere: bool = False) -> bool:
    core = _core(title)
    later = doc.blocks if anywhere else doc.blocks[after + 1:]
    if not title and any(isinstance(b, Table) and b.n_rows >= 3 for b in later):
        return True
    for b in later:
        if isinstance(b, Paragraph):
            m = _START.match(b.text)
            if m and _num(m.group("n")) == n:
                return True
            if len(core) >= 4 and core in S.compact(b.text) and not _LIST.match(b.text):
                return True
        elif isinstance(b, Table):
            head = S.compact((b.title or "") + "".join(c.text for row in b.rows[:3] for c in row))
            if len(core) >= 4 and core in head:
                return True
    return False
