"""Review work on a report: decisions on findings (append-only history; the latest one counts),
problems an auditor adds, and progress summaries."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from ..errors import JixiaoError
from ..learn.corpus import CATEGORIES, SEVERITIES
from ..learn.decisions import DECISION_ZH
from ..render.context import CATEGORY_ZH
from .auth import as_utc
from .models import DECISIONS, AddedProblem, Decision, Finding, Report, User, utcnow

CHINA = timezone(timedelta(hours=8))
MAX_TEXT = 2000  # characters of a reason, comment or note


def iso(dt: datetime | None) -> str | None:
    """A stored (UTC) time as ISO 8601 in China time."""
    return as_utc(dt).astimezone(CHINA).isoformat(timespec="seconds") if dt else None


def shown_time(dt: datetime | None) -> str:
    return as_utc(dt).astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if dt else ""


def _text(v, what_zh: str, what_en: str) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise JixiaoError(f"{what_zh}应为文字", f"{what_en} must be text")
    v = v.strip()
    if len(v) > MAX_TEXT:
        raise JixiaoError(f"{what_zh}不能超过 {MAX_TEXT} 字", f"{what_en} is limited to {MAX_TEXT} characters")
    return v or None


def record_decision(db: DbSession, finding: Finding, user: User, decision: str,
                    reason: str | None = None, comment: str | None = None) -> Decision:
    """Append a decision on ``finding`` (a rejection needs a reason)."""
    if decision not in DECISIONS:
        raise JixiaoError("审核结论只能是 确认、驳回 或 待定", f"decision must be one of {'/'.join(DECISIONS)}")
    reason = _text(reason, "驳回理由", "reason")
    comment = _text(comment, "备注", "comment")
    if decision == "rejected" and not reason:
        raise JixiaoError("驳回时须填写理由", "a rejection needs a reason")
    d = Decision(finding_id=finding.id, decision=decision, reason=reason if decision == "rejected" else None,
                 comment=comment, user_id=user.id, created_at=utcnow())
    db.add(d)
    db.flush()
    return d


def latest(db: DbSession, finding_ids: list[int]) -> dict[int, Decision]:
    """The current decision of each finding that has one."""
    if not finding_ids:
        return {}
    last = (select(func.max(Decision.id)).where(Decision.finding_id.in_(finding_ids))
            .group_by(Decision.finding_id))
    return {d.finding_id: d for d in db.scalars(select(Decision).where(Decision.id.in_(last)))}


def histories(db: DbSession, finding_ids: list[int]) -> dict[int, list[Decision]]:
    out: dict[int, list[Decision]] = {}
    if finding_ids:
        for d in db.scalars(select(Decision).where(Decision.finding_id.in_(finding_ids)).order_by(Decision.id)):
            out.setdefault(d.finding_id, []).append(d)
    return out


def progress(db: DbSession, report_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per report: findings present, and how many are confirmed / rejected / pending; added problems."""
    out = {rid: {"findings": 0, "confirmed": 0, "rejected": 0, "pending": 0, "added": 0} for rid in report_ids}
    if not report_ids:
        return out
    rows = db.execute(select(Finding.report_id, func.count()).where(Finding.report_id.in_(report_ids),
                                                                   Finding.present.is_(True))
                      .group_by(Finding.report_id))
    for rid, n in rows:
        out[rid]["findings"] = n
    last = (select(func.max(Decision.id)).join(Finding, Finding.id == Decision.finding_id)
            .where(Finding.report_id.in_(report_ids), Finding.present.is_(True)).group_by(Decision.finding_id))
    rows = db.execute(select(Finding.report_id, Decision.decision, func.count())
                      .join(Finding, Finding.id == Decision.finding_id)
                      .where(Decision.id.in_(last)).group_by(Finding.report_id, Decision.decision))
    for rid, dec, n in rows:
        out[rid][dec] = n
    rows = db.execute(select(AddedProblem.report_id, func.count()).where(AddedProblem.report_id.in_(report_ids),
                                                                        AddedProblem.deleted_at.is_(None))
                      .group_by(AddedProblem.report_id))
    for rid, n in rows:
        out[rid]["added"] = n
    return out


def add_problem(db: DbSession, report: Report, user: User, start: int, end: int, quote: str | None,
                category: str, severity: str = "warning", note: str | None = None) -> AddedProblem:
    """Record a problem jixiao missed on text[start:end]. When the offsets do not cover ``quote``
    (the page's view of the text differs), the quote's first occurrence is taken instead."""
    if category not in CATEGORIES:
        raise JixiaoError("请选择问题类别", f"unknown category {category!r}")
    if severity not in SEVERITIES:
        raise JixiaoError("严重程度只能是 error、warning 或 info", "severity must be error, warning or info")
    text = report.doc_text or ""
    note = _text(note, "说明", "note")
    quote = (quote or "").strip()
    ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if ok and quote and _bare(text[start:end]) != _bare(quote):  # a selection across cells has no tabs
        ok = False
    if not ok:
        at = text.find(quote) if quote else -1
        if at < 0 or not quote.strip():
            raise JixiaoError("所选文字不在报告正文中，请在左侧原文中重新选择",
                              "the selected text is not in the report; select it again in the document")
        start, end = at, at + len(quote)
    if end - start > MAX_TEXT:
        raise JixiaoError(f"所选文字不能超过 {MAX_TEXT} 字", f"a selection is limited to {MAX_TEXT} characters")
    p = AddedProblem(report_id=report.id, start_offset=start, end_offset=end, quote=text[start:end],
                     category=category, severity=severity, note=note, user_id=user.id, created_at=utcnow())
    db.add(p)
    db.flush()
    return p


def _bare(s: str) -> str:
    return "".join(s.split())


def decision_json(d: Decision) -> dict:
    return {"decision": d.decision, "label": DECISION_ZH[d.decision], "reason": d.reason, "comment": d.comment,
            "user": d.user.name, "at": iso(d.created_at), "shown_at": shown_time(d.created_at)}


def problem_json(p: AddedProblem) -> dict:
    return {"id": p.id, "start": p.start_offset, "end": p.end_offset, "quote": p.quote, "category": p.category,
            "category_zh": CATEGORY_ZH.get(p.category, p.category), "severity": p.severity, "note": p.note,
            "user": p.user.name, "at": iso(p.created_at), "shown_at": shown_time(p.created_at)}


def report_state(db: DbSession, report: Report) -> dict:
    """Everything the report page and the API show of a report's review."""
    findings = list(db.scalars(select(Finding).where(Finding.report_id == report.id, Finding.present.is_(True))
                               .order_by(Finding.position)))
    hist = histories(db, [f.id for f in findings])
    problems = db.scalars(select(AddedProblem).where(AddedProblem.report_id == report.id,
                                                     AddedProblem.deleted_at.is_(None)).order_by(AddedProblem.id))
    return {
        "report": {"id": report.id, "name": report.original_name, "status": report.status,
                   "version": report.jixiao_version},
        "findings": [{"id": f.id, "fid": f.run_id, "rule": f.rule, "category": f.category, "severity": f.severity,
                      "message": f.message, "location": f.location,
                      "current": decision_json(hist[f.id][-1]) if f.id in hist else None,
                      "history": [decision_json(d) for d in hist.get(f.id, [])]} for f in findings],
        "added": [problem_json(p) for p in problems],
        "categories": [[c, CATEGORY_ZH.get(c, c)] for c in CATEGORIES],
    }
