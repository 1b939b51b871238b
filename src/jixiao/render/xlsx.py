"""The auditor's working paper (审计底稿) as an Excel workbook: `jixiao check --format xlsx`.

Sheets: 问题清单 (one row per finding, with empty review columns), 数字声明 (one row per claim),
指标 (the 自评表 indicator records, when any) and 概况 (one row per report).
"""
from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..checks import get_rule
from ..model import Document, Finding
from .context import CATEGORY_ZH, category_name, message, snippets, where
from .text import ROLE_ZH, SEVERITY_ZH

try:  # rich text in a cell needs openpyxl >= 3.1
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
except ImportError:  # pragma: no cover - older openpyxl: evidence in 【】 instead
    CellRichText = None

__all__ = ["write_xlsx"]

SEVERITY_EN = {"error": "Error", "warning": "Warning", "info": "Info"}
SEVERITY_FILL = {"error": ("FFC7CE", "9C0006"), "warning": ("FFEB9C", "9C5700"), "info": ("DDEBF7", "1F4E78")}
REVIEW_CHOICES = {"zh": ("确认", "不成立", "待定"), "en": ("Confirmed", "Rejected", "Pending")}
CMP_SIGN = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "~": "约"}
_CLAIM_ID = re.compile(r"c\d+$")
TOTAL_SCORE_WORDS = ("总分", "自评得分", "综合得分", "评价得分", "总得分", "自评分")

MAX_CELL = 32000  # Excel holds 32,767 characters in a cell
LINE_HEIGHT = 15.0  # points per wrapped line (11 pt)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
HEADER_FONT = Font(bold=True)
THIN = Side(style="thin", color="B4B4B4")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")

# (zh header, en header, width cap, wrap)
FINDING_COLUMNS = (
    ("序号", "No.", 6, False),
    ("报告", "Report", 24, True),
    ("位置", "Location", 26, True),
    ("类别", "Category", 26, True),
    ("严重程度", "Severity", 9, False),
    ("规则", "Rule", 28, True),
    ("说明", "Message", 50, True),
    ("原文", "Source text", 60, True),
    ("应为", "Expected", 16, True),
    ("建议", "Suggestion", 36, True),
    ("复核意见", "Review", 10, False),
    ("复核人", "Reviewer", 10, False),
    ("复核日期", "Review date", 12, False),
)
CLAIM_COLUMNS = (
    ("报告", "Report", 24, True),
    ("位置", "Location", 26, True),
    ("角色", "Role", 10, False),
    ("指标", "Metric", 30, True),
    ("比较符", "Comparator", 8, False),
    ("数值", "Value", 14, False),
    ("单位", "Unit", 8, False),
    ("原文", "Text", 30, True),
)
INDICATOR_COLUMNS = (
    ("报告", "Report", 24, True),
    ("位置", "Location", 22, True),
    ("一级指标", "Level 1", 14, True),
    ("二级指标", "Level 2", 16, True),
    ("三级指标", "Level 3 (indicator)", 28, True),
    ("年度指标值", "Target", 16, True),
    ("实际完成值", "Actual", 16, True),
    ("分值", "Weight", 8, False),
    ("得分", "Score", 8, False),
    ("偏差原因", "Reason for deviation", 40, True),
)
SHEETS = {"zh": ("问题清单", "数字声明", "指标", "概况"), "en": ("Findings", "Claims", "Indicators", "Summary")}


def write_xlsx(reports: list, path: str | Path, *, lang: str = "zh") -> Path:
    """Write the working paper for ``reports`` (jixiao Reports) to ``path`` and return the path."""
    path = Path(path)
    wb = build_workbook(reports, lang=lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def build_workbook(reports: list, *, lang: str = "zh") -> Workbook:
    """The workbook for ``reports`` (not saved)."""
    en = lang == "en"
    names = SHEETS["en" if en else "zh"]
    wb = Workbook()
    wb.properties.creator = "jixiao"
    wb.properties.title = "Findings" if en else "绩效自评报告审核底稿"
    _findings_sheet(wb.active, reports, lang)
    wb.active.title = names[0]
    _claims_sheet(wb.create_sheet(names[1]), reports, lang)
    rows = [row for r in reports for row in _indicator_rows(r)]
    if rows:
        _table(wb.create_sheet(names[2]), INDICATOR_COLUMNS, rows, lang)
    _summary_sheet(wb.create_sheet(names[3]), reports, lang)
    return wb


# --------------------------------------------------------------------------- sheets


def _findings_sheet(ws: Worksheet, reports: list, lang: str) -> None:
    en = lang == "en"
    rows, severities = [], []
    for rep in reports:
        doc = rep.document
        for f in rep.findings:
            rule = get_rule(f.rule)
            title = (rule.name if en else rule.title) if rule else ""
            first = f.evidence[0].span[0] if f.evidence else 0
            rows.append([
                len(rows) + 1,
                _file_name(doc),
                where(doc, first) if f.evidence else "",
                category_name(f.category, lang),
                (SEVERITY_EN if en else SEVERITY_ZH).get(f.severity, f.severity),
                f"{f.rule} {title}".strip(),
                message(f, lang),
                source_text(doc, f),
                f.expected,
                f.suggestion,
                None, None, None,
            ])
            severities.append(f.severity)
    _table(ws, FINDING_COLUMNS, rows, lang)
    sev_col = 5
    for i, sev in enumerate(severities, start=2):
        fill, color = SEVERITY_FILL.get(sev, ("FFFFFF", "000000"))
        cell = ws.cell(row=i, column=sev_col)
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.font = Font(bold=sev == "error", color=color)
        ws.cell(row=i, column=len(FINDING_COLUMNS)).number_format = "yyyy-mm-dd"
    last = max(len(rows) + 1, 2)
    review_col = get_column_letter(len(FINDING_COLUMNS) - 2)
    choices = REVIEW_CHOICES["en" if en else "zh"]
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                        showErrorMessage=True,
                        errorTitle="Review" if en else "复核意见",
                        error=("Choose one of: " if en else "请选择：") + "/".join(choices),
                        promptTitle="Review" if en else "复核意见",
                        prompt="/".join(choices), showInputMessage=True)
    dv.add(f"{review_col}2:{review_col}{last}")
    ws.add_data_validation(dv)


def _claims_sheet(ws: Worksheet, reports: list, lang: str) -> None:
    en = lang == "en"
    rows = []
    for rep in reports:
        doc = rep.document
        for c in rep.claims:
            rows.append([
                _file_name(doc),
                where(doc, c.span[0]),
                c.role if en else ROLE_ZH.get(c.role, c.role),
                c.metric,
                CMP_SIGN.get(c.comparator or "", c.comparator),
                _number(c.value),
                c.unit,
                c.text,
            ])
    _table(ws, CLAIM_COLUMNS, rows, lang)


def _indicator_rows(rep) -> list[list[Any]]:
    """The report's indicator records, read through their to_json() (their fields are in flux)."""
    tagging = getattr(rep, "tagging", None)
    records = getattr(tagging, "indicators", None) or []
    claims = {c.id: c for c in rep.claims}
    doc = rep.document
    rows = []
    for ind in records:
        try:
            d = ind.to_json() if hasattr(ind, "to_json") else dict(ind)
        except (AttributeError, TypeError, ValueError):  # a record this version cannot read
            continue
        if not isinstance(d, dict):
            continue
        span = d.get("span")
        loc = where(doc, span[0]) if isinstance(span, (list, tuple)) and span else ""
        rows.append([
            _file_name(doc),
            loc,
            _text(d.get("level1")),
            _text(d.get("level2")),
            _text(_first(d, "name", "level3", "indicator")),
            _figure(d, "target", claims),
            _figure(d, "actual", claims),
            _figure(d, "weight", claims, numeric=True),
            _figure(d, "score", claims, numeric=True),
            _text(_first(d, "deviation", "reason")),
        ])
    return rows


def _summary_sheet(ws: Worksheet, reports: list, lang: str) -> None:
    en = lang == "en"
    cats = [c for c in CATEGORY_ZH if any(f.category == c for r in reports for f in r.findings)]
    cats += sorted({f.category for r in reports for f in r.findings} - set(CATEGORY_ZH))
    sev_names = SEVERITY_EN if en else SEVERITY_ZH
    columns = [
        ("报告", "Report", 28, True), ("路径", "Path", 40, True), ("格式", "Format", 7, False),
        ("字符数", "Characters", 9, False), ("数字声明", "Claims", 9, False),
        ("问题合计", "Findings", 9, False),
    ]
    columns += [(sev_names[s], sev_names[s], 9, False) for s in ("error", "warning", "info")]
    columns += [(CATEGORY_ZH.get(c, c), c, 14, True) for c in cats]
    columns += [("自评得分", "Self-score", 9, False), ("评价等级", "Grade", 9, False)]
    rows = []
    for rep in reports:
        doc = rep.document
        counts = {s: sum(f.severity == s for f in rep.findings) for s in ("error", "warning", "info")}
        score, grade = self_assessment(rep)
        rows.append([_file_name(doc), str(doc.source), doc.format, len(doc.text), len(rep.claims),
                     len(rep.findings), *counts.values(),
                     *[sum(f.category == c for f in rep.findings) for c in cats], score, grade])
    if len(reports) > 1:
        total = ["Total" if en else "合计", None, None]
        total += [sum(r[i] or 0 for r in rows) for i in range(3, 6 + 3 + len(cats))] + [None, None]
        rows.append(total)
    _table(ws, tuple(columns), rows, lang)
    if len(reports) > 1:  # the total row stays out of the filter and sorting
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{ws.max_row - 1}"


def self_assessment(rep) -> tuple[int | float | None, str | None]:
    """The report's own total score and grade, when it states them (the last stated wins; a
    total written in the text wins over one in a table)."""
    score = grade = None
    scored = [c for c in rep.claims if c.role == "score" and c.value is not None
              and any(w in (c.metric or "") for w in TOTAL_SCORE_WORDS)]
    scored.sort(key=lambda c: (getattr(c, "source", "text") == "text", c.span[0]))
    if scored:
        score = _number(scored[-1].value)
    grades = [c for c in rep.claims if c.role == "grade" and c.text]
    if grades:
        grade = grades[-1].text
    return score, grade


# --------------------------------------------------------------------------- cells


def source_text(doc: Document, f: Finding):
    """The passages the finding's evidence sits in, the evidence in bold red (rich text) or in
    【】 when this openpyxl has no rich text; several passages each get their location."""
    pieces: list[tuple[str, str]] = []  # (text, plain|mark|where)
    sns = snippets(doc, f)
    for i, sn in enumerate(sns):
        if i:
            pieces.append(("\n", "plain"))
        if len(sns) > 1:
            pieces.append((f"〔{sn.where}〕", "where"))
        s, e = sn.span
        raw = doc.text[s:e].rstrip("\n")
        marks = sorted((max(a, s) - s, min(b, e) - s) for a, b in (ev.span for ev in f.evidence) if b > s and a < e)
        pos = 0
        for a, b in marks:
            a = max(a, pos)
            if b <= a:
                continue
            pieces.append((raw[pos:a], "plain"))
            pieces.append((raw[a:b], "mark"))
            pos = b
        pieces.append((raw[pos:], "plain"))
    pieces = [(_clean(t).replace("\t", " | "), k) for t, k in pieces if t]
    total = sum(len(t) for t, _ in pieces)
    if total > MAX_CELL:  # keep the cell within Excel's limit
        kept, n = [], 0
        for t, k in pieces:
            kept.append((t[: MAX_CELL - n], k))
            n += len(kept[-1][0])
            if n >= MAX_CELL:
                break
        pieces = [p for p in kept if p[0]]
    if not pieces:
        return None
    if CellRichText is None:
        return "".join(f"【{t}】" if k == "mark" else t for t, k in pieces)
    mark = InlineFont(b=True, color="FFC00000")
    grey = InlineFont(color="FF7F7F7F")
    return CellRichText([TextBlock(mark, t) if k == "mark" else TextBlock(grey, t) if k == "where" else t
                         for t, k in pieces])


def _table(ws: Worksheet, columns, rows: list[list[Any]], lang: str) -> None:
    """Header row, rows, then the working-paper dressing: frozen bold header, auto filter,
    widths sized to content, wrapped long text, landscape print fitted to the page width."""
    en = lang == "en"
    headers = [c[1] if en else c[0] for c in columns]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(vertical="center", horizontal="center", wrap_text=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            _set(cell, value)
            cell.border = BORDER
            cell.alignment = TOP_WRAP if columns[c - 1][3] else TOP
    widths = []
    for c, (_zh, _en, cap, _wrap) in enumerate(columns):
        longest = max([_width(headers[c])] + [_width(_str(row[c])) for row in rows])
        width = min(max(longest + 2, _width(headers[c]) + 2, 6), cap + 2)
        widths.append(width)
        ws.column_dimensions[get_column_letter(c + 1)].width = width
    for r, row in enumerate(rows, start=2):
        lines = max([_lines(_str(v), widths[c]) for c, v in enumerate(row) if columns[c][3]] + [1])
        if lines > 1:
            ws.row_dimensions[r].height = min(409.0, lines * LINE_HEIGHT)
    ws.freeze_panes = "A2"
    last_col = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last_col}{max(len(rows) + 1, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False


def _set(cell, value: Any) -> None:
    if isinstance(value, str):
        value = _clean(value)[:MAX_CELL]
        cell.value = value
        if value.startswith("="):  # text, never a formula
            cell.data_type = "s"
    else:
        cell.value = value


def _clean(s: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", s)


def _str(v: Any) -> str:
    if v is None:
        return ""
    if CellRichText is not None and isinstance(v, CellRichText):
        return "".join(str(p) for p in v)
    return str(v)


def _width(s: str) -> int:
    """Display width of the longest line, CJK (wide) characters counting double."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in s.split("\n")), default=0)


def _lines(s: str, width: float) -> int:
    usable = max(width - 2, 1)
    return sum(max(1, math.ceil(_width(line) / usable)) for line in s.split("\n")) if s else 1


def _file_name(doc: Document) -> str:
    return Path(str(doc.source)).name or str(doc.source)


def _number(v: Any) -> int | float | None:
    """A Decimal as a number Excel keeps (int when whole)."""
    if v is None:
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    try:
        d = Decimal(str(v))
    except (ArithmeticError, ValueError):
        return None
    if not d.is_finite():
        return None
    return int(d) if d == d.to_integral_value() and abs(d) < 2**53 else float(d)


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return "、".join(str(x) for x in v if x) or None
    return str(v) or None


def _first(d: dict, *keys: str) -> Any:
    return next((d[k] for k in keys if d.get(k) not in (None, "")), None)


def _figure(d: dict, key: str, claims: dict, *, numeric: bool = False) -> Any:
    """An indicator's figure: its text as written, else the claim its id names; a number for
    分值/得分 when the claim has one."""
    ref = d.get(key)
    claim = claims.get(ref) if isinstance(ref, str) else None
    if numeric:
        if claim is not None and claim.value is not None:
            return _number(claim.value)
        raw = _first(d, f"{key}_value", f"{key}_text")
        num = _number(raw) if raw is not None else None
        return num if num is not None else _text(raw)
    written = _first(d, f"{key}_text")
    if written is not None:
        return _text(written)
    if claim is not None:
        return claim.text
    if ref is None or isinstance(ref, dict) or (isinstance(ref, str) and _CLAIM_ID.match(ref)):
        return None
    return _text(ref)
