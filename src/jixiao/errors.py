"""Errors a user sees: one line, Chinese first, then English."""
from __future__ import annotations


class JixiaoError(Exception):
    """Base for every error jixiao reports to a user (never shown as a traceback)."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def line(self, source: str | None = None) -> str:
        where = f"{source}: " if source else ""
        return f"{where}{self.zh} / {self.en}"


class InputError(JixiaoError):
    """The input file cannot be read as a report (missing, corrupt, unsupported, unsafe...)."""


class ConfigError(JixiaoError):
    """A configuration file or option is wrong."""
