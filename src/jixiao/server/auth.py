"""Users, passwords (argon2), sessions (random token, only its hash stored), CSRF tokens, roles
and a sign-in rate limit."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from ..errors import JixiaoError
from .models import ROLES, Session, User, utcnow

ROLE_ZH = {"auditor": "审核员", "lead": "组长", "admin": "管理员"}
ROLE_RANK = {r: i for i, r in enumerate(ROLES)}
MIN_PASSWORD = 8
LOGIN_WINDOW = 300.0  # seconds over which failed sign-ins are counted

_hasher = PasswordHasher()
# verified against when the name is unknown, so that a wrong name costs as long as a wrong password
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def has_role(user: User, role: str) -> bool:
    """True when ``user`` holds ``role`` or a higher one (auditor < lead < admin)."""
    return ROLE_RANK.get(user.role, -1) >= ROLE_RANK[role]


def validate_new_user(name: str, password: str, role: str) -> None:
    name = name.strip()
    if not name or len(name) > 64 or any(ch.isspace() or ord(ch) < 32 for ch in name):
        raise JixiaoError("用户名须为 1–64 个字符且不含空白", "a user name is 1-64 characters without spaces")
    if role not in ROLES:
        raise JixiaoError(f"角色只能是 {'/'.join(ROLES)}", f"role must be one of {'/'.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise JixiaoError(f"密码至少 {MIN_PASSWORD} 个字符", f"a password needs at least {MIN_PASSWORD} characters")


def add_user(db: DbSession, name: str, password: str, role: str) -> User:
    """Create a user (or raise JixiaoError: bad name, role, short password, name taken)."""
    validate_new_user(name, password, role)
    name = name.strip()
    if db.scalar(select(User).where(User.name == name)) is not None:
        raise JixiaoError(f"用户 {name} 已存在", f"user {name} already exists")
    user = User(name=name, password_hash=hash_password(password), role=role, active=True)
    db.add(user)
    db.flush()
    return user


def authenticate(db: DbSession, name: str, password: str) -> User | None:
    user = db.scalar(select(User).where(User.name == name.strip()))
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_session(db: DbSession, user: User, hours: float) -> str:
    """Open a session for ``user``; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    db.execute(delete(Session).where(Session.expires_at < utcnow()))
    db.add(Session(token_hash=token_hash(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                   expires_at=utcnow() + timedelta(hours=hours)))
    return token


def session_for(db: DbSession, token: str | None) -> Session | None:
    """The live session of a cookie token, with its user (None: unknown, expired or user disabled)."""
    if not token or len(token) > 200:
        return None
    s = db.scalar(select(Session).where(Session.token_hash == token_hash(token)))
    if s is None or as_utc(s.expires_at) < utcnow() or not s.user.active:
        return None
    return s


def end_session(db: DbSession, token: str | None) -> None:
    if token:
        db.execute(delete(Session).where(Session.token_hash == token_hash(token)))


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def as_utc(dt: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


class RateLimiter:
    """At most ``limit`` failures per key (name + address) within ``window`` seconds."""

    def __init__(self, limit: int, window: float = LOGIN_WINDOW):
        self.limit, self.window = limit, window
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._fails.setdefault(key, deque())
        while q and q[0] < now - self.window:
            q.popleft()
        return q

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= self.limit

    def failed(self, key: str) -> None:
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())

    def reset(self, key: str) -> None:
        with self._lock:
            self._fails.pop(key, None)
