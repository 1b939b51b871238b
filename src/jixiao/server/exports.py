"""What leaves the workbench: the working paper (.xlsx) with the decisions, the decisions
(jixiao.learn.decisions JSONL, for the triage model) and the labelled data (jixiao.learn.corpus
records: confirmed findings and added problems, text inline; or as Label Studio / doccano)."""
from __future__ import annotations

import io
import json

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import undefer

from ..checks import get_rule
from ..learn.corpus import (
    DocumentRef,
    ExpectedFinding,
    Provenance,
    Record,
    to_doccano,
    to_label_studio,
)
from ..learn.decisions import DECISION_ZH
from ..learn.decisions import Decision as LabelledDecision
from ..render.context import category_name
from ..render.text import SEVERITY_ZH
from ..render.xlsx import FINDING_COLUMNS, SEVERITY_FILL, _table
from .models import AddedProblem, Finding, Report
from .review import histories, iso, latest, progress, shown_time

CORPUS_FORMATS = ("jsonl", "label-studio", "doccano")

REVIEW_COLUMNS = (
    ("复核意见", "Review", 10, False),
    ("复核人", "Reviewer", 10, False),
    ("复核时间", "Reviewed at", 17, False),
    ("驳回理由", "Reason", 30, True),
    ("备注", "Comment", 30, True),
)
ADDED_COLUMNS = (
    ("序号", "No.", 6, False), ("报告", "Report", 24, True), ("类别", "Category", 26, True),
    ("严重程度", "Severity", 9, False), ("原文", "Source text", 50, True), ("说明", "Note", 36, True),
    ("添加人", "Added by", 10, False), ("添加时间", "Added at", 17, False),
)
HISTORY_COLUMNS = (
    ("报告", "Report", 24, True), ("规则", "Rule", 10, False), ("说明", "Message", 50, True),
    ("结论", "Decision", 8, False), ("驳回理由", "Reason", 30, True), ("备注", "Comment", 30, True),
    ("审核人", "Reviewer", 10, False), ("时间", "At", 17, False), ("是否当前", "Current", 8, False),
)
SUMMARY_COLUMNS = (
    ("报告", "Report", 30, True), ("格式", "Format", 6, False), ("jixiao 版本", "Version", 10, False),
    ("错误", "Errors", 6, False), ("警告", "Warnings", 6, False), ("提示", "Info", 6, False),
    ("发现", "Findings", 6, False), ("确认", "Confirmed", 6, False), ("驳回", "Rejected", 6, False),
    ("待定", "Pending", 6, False), ("未审核", "Open", 8, False), ("漏报问题", "Added", 8, False),
    ("状态", "Status", 30, True),
)
DECISION_FILL = {"confirmed": "C6EFCE", "rejected": "E7E6E6", "pending": "FFEB9C"}


def load_reports(db: DbSession, ids: list[int] | None = None) -> list[Report]:
    """Reports by id (all when None), with their stored results loaded."""
    q = select(Report).options(undefer(Report.report_json), undefer(Report.doc_text)).order_by(Report.id)
    if ids is not None:
        q = q.where(Report.id.in_(ids))
    return list(db.scalars(q))


def _present(db: DbSession, report_ids: list[int]) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {rid: [] for rid in report_ids}
    if report_ids:
        for f in db.scalars(select(Finding).where(Finding.report_id.in_(report_ids), Finding.present.is_(True))
                            .order_by(Finding.report_id, Finding.position)):
            out[f.report_id].append(f)
    return out


def _added(db: DbSession, report_ids: list[int]) -> dict[int, list[AddedProblem]]:
    out: dict[int, list[AddedProblem]] = {rid: [] for rid in report_ids}
    if report_ids:
        for p in db.scalars(select(AddedProblem).where(AddedProblem.report_id.in_(report_ids),
                                                       AddedProblem.deleted_at.is_(None)).order_by(AddedProblem.id)):
            out[p.report_id].append(p)
    return out


def _rule(code: str) -> str:
    rule = get_rule(code)
    return f"{code} {rule.title}" if rule else code


def _doc_ref(r: Report) -> dict:
    return {"source": r.original_name, "sha256": r.sha256, "format": r.format}


# --------------------------------------------------------------------------- decisions


def decisions(db: DbSession, reports: list[Report]) -> list[LabelledDecision]:
    """The current decision on every finding that has one (jixiao.learn.decisions records)."""
    out = []
    findings = _present(db, [r.id for r in reports])
    for r in reports:
        cur = latest(db, [f.id for f in findings[r.id]])
        for f in findings[r.id]:
            d = cur.get(f.id)
            if d is None:
                continue
            out.append(LabelledDecision(finding=f.data, decision=d.decision, report=_doc_ref(r), reason=d.reason,
                                        comment=d.comment, context=f.context or None, reviewer=d.user.name,
                                        decided_at=iso(d.created_at), jixiao_version=r.jixiao_version))
    return out


def decisions_jsonl(db: DbSession, reports: list[Report]) -> str:
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in decisions(db, reports))


# --------------------------------------------------------------------------- labelled data


def corpus_records(db: DbSession, reports: list[Report]) -> list[Record]:
    """One corpus record per reviewed report (a decision or an added problem): confirmed findings
    and added problems as expected findings, with the text inline; rejected ones left out."""
    ids = [r.id for r in reports if r.status == "done" and r.doc_text is not None]
    findings, added = _present(db, ids), _added(db, ids)
    out = []
    for r in reports:
        if r.id not in findings:
            continue
        text = r.doc_text or ""
        cur = latest(db, [f.id for f in findings[r.id]])
        if not cur and not added[r.id]:
            continue
        expected, reviewers = [], set()
        for f in findings[r.id]:
            d = cur.get(f.id)
            if d is None:
                continue
            reviewers.add(d.user.name)
            if d.decision != "confirmed":
                continue
            ev = [e for e in f.data.get("evidence") or [] if 0 <= e["span"][0] <= e["span"][1] <= len(text)]
            quotes = [e["text"] for e in ev if e.get("text", "").strip()]
            spans = [(int(e["span"][0]), int(e["span"][1])) for e in ev]
            if quotes or spans:
                expected.append(ExpectedFinding(f.category, f.severity, quotes, spans, rule=f.rule,
                                                note=d.comment or ""))
        for p in added[r.id]:
            reviewers.add(p.user.name)
            expected.append(ExpectedFinding(p.category, p.severity, [p.quote] if p.quote.strip() else [],
                                            [(p.start_offset, p.end_offset)], note=p.note or "审核人补充"))
        counts = {k: sum(1 for d in cur.values() if d.decision == k) for k in ("confirmed", "rejected", "pending")}
        note = (f"{r.original_name}：{len(findings[r.id])} 项发现中确认 {counts['confirmed']}、驳回 "
                f"{counts['rejected']}、待定 {counts['pending']}，补充漏报 {len(added[r.id])} 项")
        out.append(Record(document=DocumentRef(sha256=r.sha256, format=r.format), text=text, findings=expected,
                          provenance=Provenance(source="review", labelled_by="、".join(sorted(reviewers)),
                                                generator=f"jixiao {r.jixiao_version or ''}".strip(), note=note),
                          id=f"review-{r.id}"))
    return out


def corpus_export(db: DbSession, reports: list[Report], fmt: str = "jsonl") -> str:
    """The labelled data as jixiao corpus JSONL, Label Studio tasks (JSON) or doccano JSONL."""
    records = corpus_records(db, reports)
    if fmt == "label-studio":
        return json.dumps(to_label_studio(records), ensure_ascii=False, indent=1)
    lines = to_doccano(records) if fmt == "doccano" else [r.to_json() for r in records]
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)


# --------------------------------------------------------------------------- working paper


def working_paper(db: DbSession, reports: list[Report]) -> bytes:
    """The review's working paper: 问题清单 (each finding with its current decision), 漏报问题,
    审核记录 (every decision, earlier ones included) and 概况."""
    ids = [r.id for r in reports]
    findings, added = _present(db, ids), _added(db, ids)
    all_ids = [f.id for fs in findings.values() for f in fs]
    cur, hist = latest(db, all_ids), histories(db, all_ids)
    stats = progress(db, ids)
    wb = Workbook()
    wb.properties.creator = "jixiao"
    wb.properties.title = "绩效自评报告审核底稿（含复核意见）"

    ws = wb.active
    ws.title = "问题清单"
    rows, marks = [], []
    for r in reports:
        for f in findings[r.id]:
            d = cur.get(f.id)
            rows.append([len(rows) + 1, r.original_name, f.location or "", category_name(f.category),
                         SEVERITY_ZH.get(f.severity, f.severity), _rule(f.rule), f.message, f.context or "",
                         f.data.get("expected"), f.data.get("suggestion"),
                         DECISION_ZH[d.decision] if d else None, d.user.name if d else None,
                         shown_time(d.created_at) if d else None, d.reason if d else None, d.comment if d else None])
            marks.append((f.severity, d.decision if d else None))
    columns = FINDING_COLUMNS[:10] + REVIEW_COLUMNS
    _table(ws, columns, rows, "zh")
    for i, (sev, dec) in enumerate(marks, start=2):
        fill, color = SEVERITY_FILL.get(sev, ("FFFFFF", "000000"))
        ws.cell(row=i, column=5).fill = PatternFill("solid", fgColor=fill)
        ws.cell(row=i, column=5).font = Font(bold=sev == "error", color=color)
        if dec:
            ws.cell(row=i, column=11).fill = PatternFill("solid", fgColor=DECISION_FILL[dec])

    rows = [[0, r.original_name, category_name(p.category), SEVERITY_ZH.get(p.severity, p.severity), p.quote,
             p.note, p.user.name, shown_time(p.created_at)] for r in reports for p in added[r.id]]
    for i, row in enumerate(rows, 1):
        row[0] = i
    _table(wb.create_sheet("漏报问题"), ADDED_COLUMNS, rows, "zh")

    rows = []
    for r in reports:
        for f in findings[r.id]:
            for d in hist.get(f.id, []):
                rows.append([r.original_name, f.rule, f.message, DECISION_ZH[d.decision], d.reason, d.comment,
                             d.user.name, shown_time(d.created_at), "是" if cur.get(f.id) is d else ""])
    _table(wb.create_sheet("审核记录"), HISTORY_COLUMNS, rows, "zh")

    rows = []
    for r in reports:
        s = stats[r.id]
        status = {"done": "已完成", "failed": f"失败：{r.error or ''}", "queued": "排队中", "running": "检查中"}[r.status]
        rows.append([r.original_name, r.format, r.jixiao_version, r.n_error, r.n_warning, r.n_info, s["findings"],
                     s["confirmed"], s["rejected"], s["pending"],
                     s["findings"] - s["confirmed"] - s["rejected"] - s["pending"], s["added"], status])
    _table(wb.create_sheet("概况"), SUMMARY_COLUMNS, rows, "zh")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
