"""Pages and the JSON API. Every page needs a signed-in user (else a redirect to the sign-in page;
the API answers 401); every state-changing request needs the session's CSRF token (form field
``csrf_token`` or header ``X-CSRF-Token``; else 403)."""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import undefer
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import JixiaoError
from ..render.html_assets import CSS as RENDER_CSS
from ..render.html_assets import JS as RENDER_JS
from . import exports, review
from .auth import (
    ROLE_ZH,
    add_user,
    authenticate,
    end_session,
    has_role,
    hash_password,
    new_session,
    same_token,
    session_for,
    validate_new_user,
)
from .jobs import STAGE_PERCENT, STAGE_ZH, queue_recheck
from .models import ROLES, AddedProblem, Finding, Report, Session, User, utcnow
from .uploads import clean_name, sniff, store, stored_path

router = APIRouter()
COOKIE = "jixiao_session"
LOGIN_COOKIE = "jixiao_login"  # the sign-in form's CSRF token (double submit), before any session
STATUS_ZH = {"queued": "排队中", "running": "检查中", "done": "已完成", "failed": "失败"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


class LoginRequired(Exception):
    pass


@dataclass
class Ctx:
    user: User
    session: Session

    @property
    def csrf(self) -> str:
        return self.session.csrf_token


# --------------------------------------------------------------------------- plumbing


def get_db(request: Request) -> Iterator[DbSession]:
    with request.app.state.sessions() as db:
        yield db


Db = Annotated[DbSession, Depends(get_db)]


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def login_url(request: Request) -> str:
    nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login" + (f"?{urlencode({'next': nxt})}" if nxt not in ("/", "/login") else "")


def _safe_next(nxt: str | None) -> str:
    if nxt and nxt.startswith("/") and not nxt.startswith("//") and "\\" not in nxt:
        return nxt
    return "/reports"


def render(request: Request, template: str, status: int = 200, **ctx) -> Response:
    ctx.setdefault("user", None)
    return request.app.state.templates.TemplateResponse(
        request, template, {"role_zh": ROLE_ZH, "version": __version__, **ctx}, status_code=status)


def error_response(request: Request, status: int, detail: str) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    return render(request, "error.html", status=status, status_code=status, detail=detail)


def current(request: Request, db: Db) -> Ctx:
    s = session_for(db, request.cookies.get(COOKIE))
    if s is None:
        raise LoginRequired()
    return Ctx(s.user, s)


Current = Annotated[Ctx, Depends(current)]


async def read_form(request: Request):
    """The request's form, parsed once under the upload limits (files stay spooled, not in memory)."""
    form = getattr(request.state, "form", None)
    if form is None:
        settings = request.app.state.settings
        try:
            form = await request.form(max_files=settings.max_files, max_fields=50)
        except StarletteHTTPException as e:
            if e.status_code == 413:
                raise
            raise HTTPException(400, f"表单无法解析（每次最多 {settings.max_files} 个文件）/ {e.detail}") from e
        request.state.form = form
    return form


async def checked(request: Request, ctx: Current) -> Ctx:
    """The signed-in user, once the request carries the session's CSRF token (header
    X-CSRF-Token, or form field csrf_token)."""
    token = request.headers.get("x-csrf-token")
    if request.headers.get("content-type", "").startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await read_form(request)
        token = token or form.get("csrf_token")
    if not same_token(ctx.csrf, token if isinstance(token, str) else None):
        raise HTTPException(403, "安全校验失败，请刷新页面后重试 / CSRF token missing or wrong")
    return ctx


Checked = Annotated[Ctx, Depends(checked)]


def need(ctx: Ctx, role: str) -> None:
    if not has_role(ctx.user, role):
        raise HTTPException(403, f"需要{ROLE_ZH[role]}权限 / needs the {role} role")


def _report(db: DbSession, rid: int, *, heavy: bool = False) -> Report:
    q = select(Report).where(Report.id == rid)
    if heavy:
        q = q.options(undefer(Report.view_html), undefer(Report.view_meta), undefer(Report.doc_text))
    r = db.scalar(q)
    if r is None:
        raise HTTPException(404, "报告不存在 / no such report")
    return r


def _form(request: Request):
    """The form ``checked`` parsed (empty when the request had none)."""
    from starlette.datastructures import FormData

    form = getattr(request.state, "form", None)
    return form if form is not None else FormData()


# --------------------------------------------------------------------------- sign in and out


@router.get("/")
def home() -> Response:
    return RedirectResponse("/reports", status_code=303)


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    token = secrets.token_urlsafe(24)
    resp = render(request, "login.html", login_token=token, next=_safe_next(next), error=None)
    _set_cookie(request, resp, LOGIN_COOKIE, token, max_age=3600, samesite="strict")
    return resp


@router.post("/login")
async def login(request: Request, db: Db) -> Response:
    form = await request.form(max_files=0, max_fields=10)
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    nxt = _safe_next(str(form.get("next") or ""))
    if not same_token(request.cookies.get(LOGIN_COOKIE), str(form.get("csrf_token") or "")):
        raise HTTPException(403, "安全校验失败，请刷新登录页后重试 / CSRF token missing or wrong")
    limiter = request.app.state.limiter
    key = f"{name.strip().lower()}|{request.client.host if request.client else ''}"

    def again(msg: str, status: int) -> Response:
        token = secrets.token_urlsafe(24)
        resp = render(request, "login.html", status=status, login_token=token, next=nxt, error=msg, name=name)
        _set_cookie(request, resp, LOGIN_COOKIE, token, max_age=3600, samesite="strict")
        return resp

    if limiter.blocked(key):
        return again("登录失败次数过多，请 5 分钟后再试 / too many failed sign-ins; wait 5 minutes", 429)
    user = authenticate(db, name, password)
    if user is None:
        limiter.failed(key)
        return again("用户名或密码不正确 / wrong user name or password", 401)
    limiter.reset(key)
    token = new_session(db, user, request.app.state.settings.session_hours)
    db.commit()
    resp = RedirectResponse(nxt, status_code=303)
    _set_cookie(request, resp, COOKIE, token, max_age=int(request.app.state.settings.session_hours * 3600))
    resp.delete_cookie(LOGIN_COOKIE, path="/")
    return resp


@router.post("/logout")
def logout(request: Request, ctx: Checked, db: Db) -> Response:
    end_session(db, request.cookies.get(COOKIE))
    db.commit()
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE, path="/")
    return resp


def _set_cookie(request: Request, resp: Response, name: str, value: str, *, max_age: int,
                samesite: str = "lax") -> None:
    secure = request.app.state.settings.secure_cookies
    if secure is None:
        secure = request.url.scheme == "https"
    resp.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite=samesite, secure=secure)


# --------------------------------------------------------------------------- the report list and uploads


def _row(r: Report, p: dict) -> dict:
    stage = r.stage or r.status
    percent = 100 if r.status in ("done", "failed") else STAGE_PERCENT.get(stage, 0)
    decided = p["confirmed"] + p["rejected"]
    return {"id": r.id, "name": r.original_name, "format": r.format, "size": r.size, "status": r.status,
            "status_zh": STATUS_ZH[r.status], "stage_zh": STAGE_ZH.get(stage, "") if r.status == "running" else "",
            "percent": percent, "error": r.error, "counts": {"error": r.n_error, "warning": r.n_warning,
                                                             "info": r.n_info},
            "review": {**p, "decided": decided}, "uploaded_by": r.uploader.name if r.uploader else "",
            "uploaded_at": review.shown_time(r.uploaded_at), "version": r.jixiao_version}


def _rows(db: DbSession) -> list[dict]:
    reports = list(db.scalars(select(Report).order_by(Report.id.desc())))
    prog = review.progress(db, [r.id for r in reports])
    return [_row(r, prog[r.id]) for r in reports]


@router.get("/reports")
def reports_page(request: Request, ctx: Current, db: Db) -> Response:
    return _list_page(request, ctx, db)


def _list_page(request: Request, ctx: Ctx, db: DbSession, results: dict | None = None, status: int = 200) -> Response:
    s = request.app.state.settings
    return render(request, "reports.html", status=status, user=ctx.user, csrf=ctx.csrf, rows=_rows(db),
                  results=results, is_lead=has_role(ctx.user, "lead"), max_mb=s.max_upload_bytes / (1024 * 1024),
                  max_files=s.max_files, stale=__version__)


@router.get("/api/reports")
def api_reports(ctx: Current, db: Db) -> dict:
    return {"reports": _rows(db), "version": __version__}


def _accept_uploads(request: Request, ctx: Ctx, db: DbSession) -> dict:
    """Store and queue every acceptable file of the upload form; the others get one line each."""
    s = request.app.state.settings
    files = [f for f in _form(request).getlist("files") if hasattr(f, "filename") and hasattr(f, "file")]
    if not files:
        raise HTTPException(400, "请选择要上传的报告文件 / choose report files to upload")
    if len(files) > s.max_files:
        raise HTTPException(400, f"一次最多上传 {s.max_files} 个文件 / at most {s.max_files} files per upload")
    accepted, rejected, queued = [], [], []
    for f in files:
        name = clean_name(f.filename)
        data = f.file.read(s.max_upload_bytes + 1)
        try:
            if len(data) > s.max_upload_bytes:
                raise JixiaoError(f"文件超过 {s.max_upload_bytes / (1024 * 1024):g} MB 的上限",
                                  f"file over the {s.max_upload_bytes / (1024 * 1024):g} MB limit")
            fmt = sniff(data, name)
        except JixiaoError as e:
            rejected.append({"name": name, "error": e.line()})
            continue
        stored = store(data, fmt, s.uploads_dir)
        r = Report(stored_name=stored, original_name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                   format=fmt, status="queued", uploaded_by=ctx.user.id, uploaded_at=utcnow(), runs=0,
                   n_error=0, n_warning=0, n_info=0)
        db.add(r)
        db.flush()
        accepted.append({"id": r.id, "name": name, "format": fmt})
        queued.append(r.id)
    db.commit()
    for rid in queued:
        request.app.state.runner.submit(rid)
    return {"accepted": accepted, "rejected": rejected}


@router.post("/api/reports")
def api_upload(request: Request, ctx: Checked, db: Db) -> Response:
    res = _accept_uploads(request, ctx, db)
    return JSONResponse(res, status_code=200 if res["accepted"] else 400)


@router.post("/reports")
def upload(request: Request, ctx: Checked, db: Db) -> Response:
    res = _accept_uploads(request, ctx, db)
    return _list_page(request, ctx, db, results=res, status=200 if res["accepted"] else 400)


@router.post("/reports/recheck-all")
def recheck_all(request: Request, ctx: Checked, db: Db) -> Response:
    """Check again every finished report whose result came from another jixiao version."""
    need(ctx, "lead")
    ids = []
    for r in db.scalars(select(Report).where(Report.status.in_(("done", "failed"))).order_by(Report.id)):
        if r.status == "failed" or r.jixiao_version != __version__:
            queue_recheck(db, r)
            ids.append(r.id)
    db.commit()
    for rid in ids:
        request.app.state.runner.submit(rid)
    return RedirectResponse("/reports", status_code=303)


@router.post("/reports/{rid}/recheck")
def recheck(rid: int, request: Request, ctx: Checked, db: Db) -> Response:
    need(ctx, "lead")
    r = _report(db, rid)
    if queue_recheck(db, r):
        db.commit()
        request.app.state.runner.submit(rid)
    if wants_json(request):
        return JSONResponse({"ok": True, "status": r.status})
    return RedirectResponse(f"/reports/{rid}", status_code=303)


# --------------------------------------------------------------------------- one report


@router.get("/reports/{rid}")
def report_page(rid: int, request: Request, ctx: Current, db: Db) -> Response:
    r = _report(db, rid, heavy=True)
    prog = review.progress(db, [r.id])[r.id]
    state = review.report_state(db, r) if r.status == "done" else None
    if state is not None:
        state["meta"] = r.view_meta or {}
        state["can_delete_any"] = has_role(ctx.user, "lead")
        state["me"] = ctx.user.name
    return render(request, "report.html", user=ctx.user, csrf=ctx.csrf, report=r, row=_row(r, prog),
                  view_html=r.view_html if r.status == "done" else None, state=state,
                  is_lead=has_role(ctx.user, "lead"), stale=r.jixiao_version not in (None, __version__))


@router.get("/reports/{rid}/file")
def report_file(rid: int, request: Request, ctx: Current, db: Db) -> Response:
    """The file as uploaded, always as a download (never shown inline)."""
    r = _report(db, rid)
    path = stored_path(request.app.state.settings.uploads_dir, r.stored_name)
    if not path.is_file():
        raise HTTPException(404, "原文件已不在数据目录中 / the stored file is missing")
    ascii_name = "report." + r.format
    return FileResponse(path, media_type="application/octet-stream", headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(r.original_name)}"})


@router.get("/api/reports/{rid}")
def api_report(rid: int, ctx: Current, db: Db) -> dict:
    r = _report(db, rid)
    out = review.report_state(db, r)
    out["report"].update(_row(r, review.progress(db, [r.id])[r.id]))
    return out


class DecisionIn(BaseModel):
    decision: str
    reason: str | None = None
    comment: str | None = None


@router.post("/api/findings/{fid}/decision")
def decide(fid: int, body: DecisionIn, ctx: Checked, db: Db) -> dict:
    """Record a decision; answered only once it is committed."""
    f = db.get(Finding, fid)
    if f is None:
        raise HTTPException(404, "发现不存在 / no such finding")
    if not f.present:
        raise HTTPException(409, "该发现在最新一次检查中已不存在 / the latest check no longer reports this finding")
    review.record_decision(db, f, ctx.user, body.decision, body.reason, body.comment)
    db.commit()
    hist = review.histories(db, [f.id]).get(f.id, [])
    return {"ok": True, "finding": f.id, "current": review.decision_json(hist[-1]),
            "history": [review.decision_json(d) for d in hist]}


class ProblemIn(BaseModel):
    start: int | None = None
    end: int | None = None
    quote: str
    category: str
    severity: str = "warning"
    note: str | None = None


@router.post("/api/reports/{rid}/problems")
def add_problem(rid: int, body: ProblemIn, ctx: Checked, db: Db) -> dict:
    r = _report(db, rid, heavy=True)
    if r.status != "done":
        raise HTTPException(409, "报告尚未检查完成 / the report has not been checked yet")
    p = review.add_problem(db, r, ctx.user, body.start if body.start is not None else -1,
                           body.end if body.end is not None else -1, body.quote, body.category, body.severity,
                           body.note)
    db.commit()
    return {"ok": True, "problem": review.problem_json(p)}


@router.delete("/api/problems/{pid}")
def delete_problem(pid: int, ctx: Checked, db: Db) -> dict:
    p = db.get(AddedProblem, pid)
    if p is None or p.deleted_at is not None:
        raise HTTPException(404, "该问题不存在 / no such problem")
    if p.user_id != ctx.user.id:
        need(ctx, "lead")
    p.deleted_at, p.deleted_by = utcnow(), ctx.user.id
    db.commit()
    return {"ok": True}


# --------------------------------------------------------------------------- exports


def _export_reports(ctx: Ctx, db: DbSession, report: int | None) -> list[Report]:
    if report is None:
        need(ctx, "lead")
        return exports.load_reports(db)
    reports = exports.load_reports(db, [report])
    if not reports:
        raise HTTPException(404, "报告不存在 / no such report")
    return reports


def _download(body: bytes | str, name: str, media: str) -> Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    ascii_name = "jixiao-" + datetime.now().strftime("%Y%m%d-%H%M") + PurePath(name).suffix
    return Response(data, media_type=media, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"})


def _export_name(reports: list[Report], what: str, ext: str) -> str:
    base = PurePath(reports[0].original_name).stem if len(reports) == 1 else "全部报告"
    return f"{base}.{what}.{ext}"


@router.get("/export/workpaper.xlsx")
def export_workpaper(ctx: Current, db: Db, report: int | None = None) -> Response:
    reports = _export_reports(ctx, db, report)
    return _download(exports.working_paper(db, reports), _export_name(reports, "审核底稿", "xlsx"),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@router.get("/export/decisions.jsonl")
def export_decisions(ctx: Current, db: Db, report: int | None = None) -> Response:
    reports = _export_reports(ctx, db, report)
    return _download(exports.decisions_jsonl(db, reports), _export_name(reports, "审核决定", "jsonl"),
                     "application/x-ndjson; charset=utf-8")


@router.get("/export/corpus")
def export_corpus(ctx: Current, db: Db, report: int | None = None, format: str = "jsonl") -> Response:
    if format not in exports.CORPUS_FORMATS:
        raise HTTPException(400, f"格式只能是 {'/'.join(exports.CORPUS_FORMATS)} / unknown format")
    reports = _export_reports(ctx, db, report)
    ext = "json" if format == "label-studio" else "jsonl"
    what = {"jsonl": "标注数据", "label-studio": "标注数据.label-studio", "doccano": "标注数据.doccano"}[format]
    return _download(exports.corpus_export(db, reports, format), _export_name(reports, what, ext),
                     "application/json; charset=utf-8" if ext == "json" else "application/x-ndjson; charset=utf-8")


# --------------------------------------------------------------------------- users (admin)


@router.get("/admin/users")
def users_page(request: Request, ctx: Current, db: Db) -> Response:
    need(ctx, "admin")
    return _users_page(request, ctx, db)


def _users_page(request: Request, ctx: Ctx, db: DbSession, message: str | None = None, error: str | None = None,
                status: int = 200) -> Response:
    users = list(db.scalars(select(User).order_by(User.name)))
    return render(request, "users.html", status=status, user=ctx.user, csrf=ctx.csrf, users=users, roles=ROLES,
                  message=message, error=error, shown_time=review.shown_time)


def _change_users(request: Request, ctx: Ctx, db: DbSession, change) -> Response:
    """Run ``change()`` (it returns the page's message) in the request's transaction: committed,
    or rolled back with its one-line error shown (400)."""
    try:
        message = change()
    except JixiaoError as e:
        db.rollback()
        return _users_page(request, ctx, db, error=e.line(), status=400)
    db.commit()
    return _users_page(request, ctx, db, message=message)


@router.post("/admin/users")
def users_add(request: Request, ctx: Checked, db: Db) -> Response:
    need(ctx, "admin")
    form = _form(request)
    name, role = str(form.get("name") or "").strip(), str(form.get("role") or "auditor")

    def change() -> str:
        add_user(db, name, str(form.get("password") or ""), role)
        return f"已添加用户 {name}（{ROLE_ZH[role]}）"

    return _change_users(request, ctx, db, change)


@router.post("/admin/users/{uid}")
def users_edit(uid: int, request: Request, ctx: Checked, db: Db) -> Response:
    need(ctx, "admin")
    u = db.get(User, uid)
    if u is None:
        raise HTTPException(404, "用户不存在 / no such user")
    form = _form(request)
    role, active, password = form.get("role"), form.get("active"), str(form.get("password") or "")

    def change() -> str:
        if role is not None:
            validate_new_user(u.name, "x" * 8, str(role))
            if u.id == ctx.user.id and role != "admin":
                raise JixiaoError("不能取消自己的管理员权限", "you cannot drop your own admin role")
            u.role = str(role)
        if password:
            validate_new_user(u.name, password, u.role)
            u.password_hash = hash_password(password)
            db.execute(update(Session).where(Session.user_id == u.id, Session.id != ctx.session.id)
                       .values(expires_at=utcnow()))
        if active is not None:
            if u.id == ctx.user.id and active != "1":
                raise JixiaoError("不能停用自己的账号", "you cannot disable your own account")
            u.active = active == "1"
        return f"已更新用户 {u.name}"

    return _change_users(request, ctx, db, change)


# --------------------------------------------------------------------------- the renderer's assets


@router.get("/assets/render.css")
def render_css() -> Response:
    return PlainTextResponse(RENDER_CSS, media_type="text/css; charset=utf-8",
                             headers={"Cache-Control": "public, max-age=3600"})


@router.get("/assets/render.js")
def render_js() -> Response:
    return PlainTextResponse(RENDER_JS, media_type="text/javascript; charset=utf-8",
                             headers={"Cache-Control": "public, max-age=3600"})


@router.get("/healthz")
def healthz() -> dict:
    return {"ok": True, "version": __version__}
