"""The FastAPI application: ``create_app(settings)`` opens (and migrates) the database, starts the
checking workers and wires the routes, the security headers and the request size limits."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.templating import Jinja2Templates

from ..errors import JixiaoError
from . import routes
from .auth import RateLimiter
from .db import make_engine, session_factory, upgrade
from .jobs import JobRunner
from .settings import Settings

HERE = Path(__file__).resolve().parent
log = logging.getLogger("jixiao.server")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(settings: Settings) -> FastAPI:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.url)
    upgrade(engine)
    sessions = session_factory(engine)
    runner = JobRunner(settings, sessions)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if settings.run_jobs:
            runner.start()
        try:
            yield
        finally:
            runner.stop()
            engine.dispose()

    app = FastAPI(title="jixiao 审核工作台", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    app.state.settings, app.state.engine, app.state.sessions = settings, engine, sessions
    app.state.runner, app.state.limiter = runner, RateLimiter(settings.login_attempts)
    app.state.templates = Jinja2Templates(env=env)
    app.include_router(routes.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(routes.LoginRequired)
    async def _login(request: Request, _exc: routes.LoginRequired):
        if routes.wants_json(request):
            return JSONResponse({"detail": "请先登录 / sign in first"}, status_code=401)
        return RedirectResponse(routes.login_url(request), status_code=303)

    @app.exception_handler(JixiaoError)
    async def _jixiao(request: Request, exc: JixiaoError):
        return routes.error_response(request, 400, exc.line())

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, _exc: RequestValidationError):
        return routes.error_response(request, 400, "请求格式不正确 / malformed request")

    @app.exception_handler(StarletteHTTPException)
    async def _starlette_http(request: Request, exc: StarletteHTTPException):
        detail = {404: "页面不存在 / not found", 405: "不支持的请求方法 / method not allowed"}.get(exc.status_code)
        return routes.error_response(request, exc.status_code, detail or str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("internal error on %s", request.url.path, exc_info=exc)
        return routes.error_response(request, 500, "服务器内部错误 / internal server error")

    return app


class SecurityHeaders:
    """Headers on every response: no scripts but our own files, no framing, no sniffing, no caching."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin"),
                         (b"cross-origin-opener-policy", b"same-origin")]
                if not static and b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers + [h for h in extra if h[0] not in names]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse request bodies over the limit (413): the upload routes get room for every file at
    its limit, the rest 1 MB. Checked on Content-Length and again on the bytes as they arrive."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        upload = scope["path"] in ("/reports", "/api/reports") and scope["method"] == "POST"
        limit = self.settings.max_request_bytes if upload else 1024 * 1024
        mb = self.settings.max_upload_bytes / (1024 * 1024)
        detail = (f"上传内容过大（每个文件不超过 {mb:g} MB，每次不超过 {self.settings.max_files} 个文件）/ "
                  f"upload too large (at most {mb:g} MB per file, {self.settings.max_files} files)") if upload else \
            "请求内容过大 / request body too large"
        for k, v in scope.get("headers", []):
            if k == b"content-length" and v.isdigit() and int(v) > limit:
                response = JSONResponse({"detail": detail}, status_code=413)
                return await response(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, detail)
            return message

        await self.app(scope, limited, send)
