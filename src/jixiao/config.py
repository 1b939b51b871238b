"""Configuration, like ruff's: which checks run, their severities, tolerances and the scoring
profile. Read from ``--config FILE``, else the nearest ``jixiao.toml`` or ``pyproject.toml`` with a
``[tool.jixiao]`` table, searched from the report's folder upward.

    [tool.jixiao]                 # in jixiao.toml the table may also be top-level
    select = ["ALL"]              # codes, code prefixes (JX6) or categories (punctuation)
    ignore = ["JX1204"]
    profile = "national"          # a shipped scoring profile or a path to a TOML file
    [tool.jixiao.severity]
    JX801 = "info"
    [tool.jixiao.tolerances]
    budget_variance = 0.3
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

# Every tolerance a check reads, with its default and meaning.
DEFAULT_TOLERANCES: dict[str, tuple[str, str]] = {
    "rounding": ("0.005", "每个加数因四舍五入可能偏差的最小单位的一半（按所写小数位计算，此值为下限）"),
    "rate_points": ("0.5", "比率复核允许的百分点误差（另加所写小数位的舍入误差）"),
    "score_points": ("0.5", "得分公式复核允许的分差"),
    "full_marks_share": ("0.02", "未完成目标却得满分：按公式应得分比满分少不到分值的此比例（且不超过 score_points）时不报"),
    "budget_variance": ("0.3", "决算与预算相差超过此比例时提示（0.3 = 30%）"),
    "budget_variance_item": ("0.05", "合计未超差时，明细行的预决算差额至少达到合计预算的此比例才单独提示（0.05 = 5%）"),
    "execution_low": ("0.8", "预算执行率低于此值时提示（0.8 = 80%）"),
    "unit_ratio": ("1000", "单位疑误：数值与同组数据相差的倍数下限"),
    "deviation_explain_rate": ("0.9", "自评表预算执行率低于此值且未说明原因时按 warning 报告（低于100%的其余情况按 info）；评分规则设有执行率说明要求时以其为准"),
}
SEVERITIES = ("error", "warning", "info")
CONFIG_NAMES = ("jixiao.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    tolerances: dict[str, Decimal] = field(default_factory=dict)
    profile: str = "national"
    base_dir: str | None = None  # where a relative profile path is resolved
    source: str | None = None  # the file this came from

    def tolerance(self, name: str) -> Decimal:
        if name in self.tolerances:
            return self.tolerances[name]
        if name not in DEFAULT_TOLERANCES:
            raise KeyError(f"unknown tolerance {name!r}")
        return Decimal(DEFAULT_TOLERANCES[name][0])

    def enabled(self, code: str, category: str) -> bool:
        return _enabled(tuple(self.select), tuple(self.ignore), code, category)

    def severity_of(self, code: str, category: str, default: str) -> str:
        return self.severity.get(code) or self.severity.get(category) or default

    def with_options(self, *, select=None, ignore=None, profile=None) -> "Config":
        """This configuration with command-line options on top."""
        c = self
        if select:
            c = replace(c, select=tuple(select))
        if ignore:
            c = replace(c, ignore=c.ignore + tuple(ignore))
        if profile:
            c = replace(c, profile=profile, base_dir=str(Path.cwd()))
        return c


@lru_cache(maxsize=4096)
def _enabled(select: tuple[str, ...], ignore: tuple[str, ...], code: str, category: str) -> bool:
    def matches(sel: str) -> bool:
        return sel == "ALL" or sel == category or code.startswith(sel)

    if not any(matches(s) for s in select):
        return False
    # the more specific of select/ignore wins (ruff's rule): ignore JX6 but select JX601
    best_sel = max((len(s) for s in select if matches(s) and s != "ALL"), default=0)
    best_ign = max((len(s) if s != "ALL" else 0 for s in ignore if matches(s)), default=-1)
    return best_ign < best_sel if best_ign >= 0 else True


def _bad(path: Path, zh: str, en: str) -> ConfigError:
    return ConfigError(f"配置文件 {path} {zh}", f"config file {path}: {en}")


def from_table(table: dict, path: Path | None = None) -> Config:
    """A Config from the ``[tool.jixiao]`` table (already parsed)."""
    where = path or Path("<config>")
    known = {"select", "ignore", "severity", "tolerances", "profile"}
    unknown = set(table) - known
    if unknown:
        raise _bad(where, f"有未知的设置项：{', '.join(sorted(unknown))}", f"unknown settings: {', '.join(sorted(unknown))}")

    def codes(key):
        v = table.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise _bad(where, f"的 {key} 应为字符串列表", f"{key} must be a list of strings")
        return tuple(v)

    sev = table.get("severity", {})
    for k, v in sev.items():
        if v not in SEVERITIES:
            raise _bad(where, f"中 {k} 的严重程度 {v!r} 无效（应为 error/warning/info）",
                       f"severity {v!r} for {k} is not error, warning or info")
    tols = {}
    for k, v in table.get("tolerances", {}).items():
        if k not in DEFAULT_TOLERANCES:
            raise _bad(where, f"有未知的容差项 {k}", f"unknown tolerance {k}")
        try:
            tols[k] = Decimal(str(v))
        except InvalidOperation:
            raise _bad(where, f"中容差 {k} 不是数字", f"tolerance {k} is not a number") from None
    return Config(select=codes("select") or ("ALL",), ignore=codes("ignore"), severity=dict(sev),
                  tolerances=tols, profile=str(table.get("profile", "national")),
                  base_dir=str(path.parent) if path else None, source=str(path) if path else None)


def load_file(path: str | Path) -> Config:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"无法读取配置文件 {path}", f"cannot read config file {path}: {e.strerror}") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise _bad(path, "不是有效的 TOML", f"not valid TOML: {e}") from e
    table = data.get("tool", {}).get("jixiao")
    if table is None and path.name != "pyproject.toml":
        table = {k: v for k, v in data.items() if k != "tool"}
    return from_table(table or {}, path)


def discover(start: str | Path) -> Config:
    """The configuration that applies to a report: the nearest jixiao.toml, or pyproject.toml
    with a [tool.jixiao] table, from the report's folder upward; defaults when there is none."""
    p = Path(start).resolve()
    folder = p if p.is_dir() else p.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            f = d / name
            if f.is_file():
                if name == "pyproject.toml":
                    try:
                        has = "jixiao" in tomllib.loads(f.read_text(encoding="utf-8")).get("tool", {})
                    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                        has = False
                    if not has:
                        continue
                return load_file(f)
    return Config()
