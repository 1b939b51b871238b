"""Scoring profiles: grade bands, default weights and provincial rules, kept as data.

A profile is a TOML file: the shipped ones live in ``resources/scoring/`` (``national`` is the
default); a user selects one by name or gives a path (``profile = "strict-execution"`` or
``profile = "./my-province.toml"``). ``extends = "national"`` inherits what a file leaves out.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError


@dataclass(frozen=True)
class Grade:
    label: str
    min: Decimal
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cap:
    at_least: Decimal  # 执行率 (fraction) from …
    below: Decimal  # … up to, excluded
    max_total: Decimal


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    grades: tuple[Grade, ...]  # best first
    weights: dict[str, Decimal]  # 产出 / 效益 / 满意度 / 预算执行率
    qualitative: dict[str, tuple[Decimal, Decimal]]  # 达成 -> share of 分值
    qualitative_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 达成 -> 已达成 …
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 产出 -> 数量指标 …
    # what a target wants without ≥/≤ (extract.indicators.direction): reverse words, the words that
    # override them (投诉办结率), words of a positive indicator
    reverse_words: tuple[str, ...] = ()
    positive_overrides: tuple[str, ...] = ()
    positive_words: tuple[str, ...] = ()
    full_score: Decimal = Decimal(100)
    score_by_rate: bool = True
    explain_below: Decimal = Decimal(0)  # 执行率 under this needs an explanation (0: no rule)
    caps: tuple[Cap, ...] = ()
    overshoot_ratio: Decimal = Decimal(0)  # 0: no rule
    overshoot_deduction: Decimal = Decimal(0)
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    def grade_for(self, total: Decimal) -> Grade:
        """The grade a total score earns."""
        for g in self.grades:
            if total >= g.min:
                return g
        return self.grades[-1]

    def grade_named(self, word: str) -> Grade | None:
        """The grade a word names (优, 优秀, 良好 …), or None."""
        for g in self.grades:
            if word == g.label or word in g.aliases:
                return g
        return None

    def band(self, g: Grade) -> tuple[Decimal, Decimal | None]:
        """[low, high) of a grade's band; high None for the best grade."""
        i = self.grades.index(g)
        return g.min, (self.grades[i - 1].min if i > 0 else None)

    def category_of(self, label: str) -> str | None:
        """The first-level indicator a level label names (数量指标 -> 产出), None when it names
        none or more than one."""
        found = {cat for cat, words in self.categories.items() if any(w in label for w in words)}
        return found.pop() if len(found) == 1 else None

    def outcome_of(self, text: str) -> str | None:
        """The qualitative outcome (达成 / 部分达成 / 未达成) a 实际完成值 opens with, if any."""
        best, best_len = None, 0
        t = text.strip().strip("“”\"'")
        for outcome, words in self.qualitative_words.items():
            for w in words:
                if t.startswith(w) and len(w) > best_len:
                    best, best_len = outcome, len(w)
        return best

    def cap_for(self, rate: Decimal) -> Cap | None:
        """The cap on the total for an execution rate (a fraction), if the profile has one."""
        for c in self.caps:
            if c.at_least <= rate < c.below:
                return c
        return None


def _d(v) -> Decimal:
    return Decimal(str(v))


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _load_raw(ref: str, base_dir: Path | None, seen: tuple[str, ...] = ()) -> dict:
    if ref in seen:
        raise ConfigError(f"评分规则循环继承：{ref}", f"scoring profile inherits from itself: {ref}")
    path = Path(ref) if ref.endswith(".toml") else None
    try:
        if path is not None:
            if not path.is_absolute() and base_dir is not None:
                path = base_dir / path
            text = path.read_text(encoding="utf-8")
        else:
            res = resources.files("jixiao.resources").joinpath("scoring").joinpath(f"{ref}.toml")
            if not res.is_file():
                names = ", ".join(profile_names())
                raise ConfigError(f"没有名为 {ref} 的评分规则（可选：{names}）",
                                  f"no scoring profile named {ref} (available: {names})")
            text = res.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as e:
        raise ConfigError(f"无法读取评分规则文件 {ref}", f"cannot read scoring profile {ref}: {e.strerror}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"评分规则文件 {ref} 格式错误", f"scoring profile {ref} is not valid TOML: {e}") from e
    parent = data.get("extends")
    if parent:
        data = _merge(_load_raw(parent, path.parent if path else base_dir, seen + (ref,)), data)
    return data


def profile_names() -> list[str]:
    folder = resources.files("jixiao.resources").joinpath("scoring")
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


@lru_cache(maxsize=16)
def load_profile(ref: str = "national", base_dir: str | None = None) -> Profile:
    """A scoring profile by shipped name or by path to a TOML file."""
    data = _load_raw(ref, Path(base_dir) if base_dir else None)
    try:
        grades = tuple(Grade(g["label"], _d(g["min"]), tuple(g.get("aliases", ())))
                       for g in sorted(data["grades"], key=lambda g: -float(g["min"])))
        execution = data.get("execution", {})
        over = data.get("overshoot", {})
        words = data.get("direction", {})
        return Profile(
            name=data.get("name", ref), description=data.get("description", ""), grades=grades,
            weights={k: _d(v) for k, v in data.get("weights", {}).items()},
            qualitative={k: (_d(v[0]), _d(v[1])) for k, v in data.get("qualitative", {}).items()},
            qualitative_words={k: tuple(v) for k, v in data.get("qualitative_words", {}).items()},
            categories={k: tuple(v) for k, v in data.get("categories", {}).items()},
            reverse_words=tuple(words.get("reverse_words", ())),
            positive_overrides=tuple(words.get("positive_overrides", ())),
            positive_words=tuple(words.get("positive_words", ())),
            full_score=_d(data.get("full_score", 100)),
            score_by_rate=bool(execution.get("score_by_rate", True)),
            explain_below=_d(execution.get("explain_below", 0)),
            caps=tuple(Cap(_d(c.get("at_least", 0)), _d(c["below"]), _d(c["max_total"]))
                       for c in execution.get("caps", [])),
            overshoot_ratio=_d(over.get("ratio", 0)), overshoot_deduction=_d(over.get("deduction", 0)),
            raw=data,
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as e:
        raise ConfigError(f"评分规则 {ref} 缺少或写错了字段：{e}", f"scoring profile {ref} has a missing or bad field: {e}") from e
