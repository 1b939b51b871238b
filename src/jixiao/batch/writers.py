"""The batch's tables: findings.jsonl, summary.csv (UTF-8 with BOM, so Excel reads the Chinese),
summary.xlsx and errors.csv. Rows are in the order the reports were given."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from .summary import CATEGORIES, SEVERITIES

__all__ = ["STATUS_EN", "STATUS_ZH", "columns", "write_csv", "write_errors_csv", "write_findings", "write_xlsx"]

STATUS_ZH = {"ok": "已检查", "error": "未能检查", "timeout": "超时", "crash": "检查进程退出"}
STATUS_EN = {"ok": "checked", "error": "failed", "timeout": "timed out", "crash": "worker died"}
SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def columns(lang: str = "zh") -> list[tuple[str, str, int]]:
    """(row key, header, width) of the summary table."""
    from ..render.context import CATEGORY_ZH

    en = lang == "en"
    cols = [("file", "File" if en else "文件", 40), ("status", "Status" if en else "状态", 10),
            ("unit", "Unit" if en else "单位", 26), ("year", "Year" if en else "年度", 7),
            ("self_score", "Self-score" if en else "自评得分", 9), ("grade", "Grade" if en else "自评等级", 8),
            ("findings", "Findings" if en else "问题数", 8)]
    cols += [(s, s if en else SEV_ZH[s], 6) for s in SEVERITIES]
    cols += [(f"cat:{c}", c if en else CATEGORY_ZH[c], 9) for c in CATEGORIES]
    cols += [("claims", "Claims" if en else "数字声明", 8), ("chars", "Chars" if en else "字符数", 8),
             ("format", "Format" if en else "格式", 6), ("seconds", "Seconds" if en else "用时（秒）", 9),
             ("html", "Annotated page" if en else "标注页面", 30), ("error_message", "Error" if en else "错误信息", 50),
             ("sha256", "sha256", 20)]
    return cols


def _cell(row: dict, key: str, lang: str):
    v = row.get(key)
    if key == "status":
        return (STATUS_EN if lang == "en" else STATUS_ZH).get(v, v)
    return "" if v is None else v


def write_findings(path: Path, lines: Iterable[str]) -> int:
    """One contract object per line, as ``jixiao check --format json`` prints them."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line.rstrip("\n") + "\n")
            n += 1
    return n


def write_csv(path: Path, rows: list[dict], lang: str = "zh") -> None:
    cols = columns(lang)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([h for _, h, _ in cols])
        for r in rows:
            w.writerow([_cell(r, k, lang) for k, _, _ in cols])


def write_errors_csv(path: Path, rows: list[dict], lang: str = "zh") -> None:
    en = lang == "en"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["File", "Status", "Error"] if en else ["文件", "状态", "错误信息"])
        for r in rows:
            if r["status"] != "ok":
                w.writerow([r["file"], _cell(r, "status", lang), r.get("error_message") or ""])


def write_xlsx(path: Path, rows: list[dict], lang: str = "zh") -> None:
    """summary.xlsx: a styled, frozen, filtered header; one row per report; failed files red and
    listed again on a second sheet; the file name links to its annotated page. Written in
    openpyxl's streaming mode (thousands of rows in a fraction of a second)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    # the working paper's header look (render.xlsx), without loading the check catalogue it needs
    header_fill, header_font = PatternFill("solid", fgColor="D9E1F2"), Font(bold=True)
    thin = Side(style="thin", color="B4B4B4")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    en = lang == "en"
    bad_fill = PatternFill("solid", fgColor="FFC7CE")
    link_font = Font(color="0563C1", underline="single")

    def clean(v):
        return ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v

    def sheet(ws, cols, data):
        for j, (_, _, width) in enumerate(cols, 1):
            ws.column_dimensions[get_column_letter(j)].width = width
        ws.freeze_panes = "B2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(1, len(data)) + 1}"
        head = []
        for _, text, _ in cols:
            c = WriteOnlyCell(ws, value=text)
            c.font, c.fill, c.border = header_font, header_fill, border
            head.append(c)
        ws.append(head)
        for r in data:
            bad = r.get("status") != "ok"
            line = []
            for key, _, _ in cols:
                v = clean(_cell(r, key, lang))
                if key == "file" and r.get("html") or bad and key in ("file", "status"):
                    c = WriteOnlyCell(ws, value=v)
                    if key == "file" and r.get("html"):
                        c.hyperlink, c.font = r["html"], link_font
                    if bad:
                        c.fill = bad_fill
                    v = c
                line.append(v)
            ws.append(line)

    wb = Workbook(write_only=True)
    sheet(wb.create_sheet("Reports" if en else "报告汇总"), columns(lang), rows)
    err_cols = [("file", "File" if en else "文件", 40), ("status", "Status" if en else "状态", 12),
                ("error_message", "Error" if en else "错误信息", 90)]
    sheet(wb.create_sheet("Errors" if en else "未能检查"), err_cols, [r for r in rows if r["status"] != "ok"])
    wb.save(path)
