"""Where the workbench keeps its data and the limits it enforces."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


def default_data_dir() -> Path:
    """$JIXIAO_DATA, else $XDG_DATA_HOME/jixiao, else ~/.local/share/jixiao."""
    env = os.environ.get("JIXIAO_DATA")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "jixiao"


@dataclass
class Settings:
    data_dir: Path
    database_url: str | None = None  # None: SQLite file jixiao.db in data_dir
    max_upload_bytes: int = 20 * MB  # per file
    max_files: int = 20  # per upload
    job_timeout: float = 120.0  # seconds one report may take to check
    workers: int = 1  # reports checked at once
    secure_cookies: bool | None = None  # None: Secure when the request came over https
    session_hours: float = 12.0
    login_attempts: int = 5  # failed sign-ins allowed per name and address in LOGIN_WINDOW
    run_jobs: bool = True  # False: leave queued reports alone (tools that only read the database)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'jixiao.db').resolve()}"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def jobs_dir(self) -> Path:
        return self.data_dir / "jobs"

    @property
    def max_request_bytes(self) -> int:
        """The largest upload request accepted: every file at its limit, plus form overhead."""
        return self.max_upload_bytes * self.max_files + MB
