"""One summary row per checked report: who wrote it, for which year, what it scores itself, and
how many problems of each category and severity were found.

The stated total score and grade come from the scoring checks' own reading (checks._scores:
自评表 总分 rows, "自评得分90分，评价等级为优" sentences); the year from the report's title as
checks._structure reads it; the unit from a 编制单位 / 填报单位 / 单位名称 field, else the signature
line above the closing date, else the title.
"""
from __future__ import annotations

from collections import Counter
from itertools import pairwise

import regex as re

from ..model import Document, Paragraph, Table, json_number
from ..render.context import CATEGORY_ZH

__all__ = ["CATEGORIES", "SEVERITIES", "stated_score", "summary_row", "unit_of", "year_of"]

CATEGORIES = tuple(CATEGORY_ZH)  # the contract's categories, in its order
SEVERITIES = ("error", "warning", "info")

# field labels, most specific first
_FIELDS = ("编制单位", "填报单位", "报送单位", "自评单位", "单位名称", "部门（单位）名称", "部门(单位)名称",
           "部门名称", "预算单位", "项目实施单位", "实施单位", "主管部门")
_LABEL = "|".join(re.escape(f) for f in _FIELDS)
_FIELD_RE = re.compile(rf"(?P<label>{_LABEL})\s*(?:[（(](?:盖章|公章|签章)[)）])?\s*[:：]\s*(?P<value>[^\s，,。；;:：]{{2,40}})")
_FIELD_CELL = re.compile(rf"^\s*(?P<label>{_LABEL})\s*(?:[（(](?:盖章|公章|签章)[)）])?\s*[:：]?\s*$")
_NOT_A_NAME = re.compile(r"^[\d\s年月日\-./（）()：:]*$|^(?:无|空|填报日期|填报人|联系人|联系电话)")
_ORG_END = re.compile(r"(?:局|委|委员会|管委会|办|办公室|院|馆|中心|站|所|队|协会|联合会|厅|处|学校|大学|中学|小学|学院|"
                      r"镇|乡|街道|街道办事处|政府|公司|集团|署|台|团|党校|研究会)$")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*$")
_TITLE_CUT = re.compile(r"部门整体支出|部门整体|整体支出|支出绩效|绩效自评|绩效评价|自评报告|绩效报告")
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:[\-－—~～至到]\s*(?:19|20)\d{2}\s*)?年度?")
_PROJECT_WORDS = re.compile(r"项目|资金|工程|补助|专项|计划|行动")
# what a web page or a cover puts before the title: breadcrumbs, "时效性: 有效", "附件1."
_PREFIX_NOISE = re.compile(r"^.*[>›»|｜:：]")
_LEAD_NOISE = re.compile(r"^(?:\s|有效|正文|附\s*件|\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])+")
_VALUE_END = re.compile(r"[□√■☑|｜]|评价类型|项目名称|联系人|联系电话|填报人|填报日期|负责人")
_BODY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")


def summary_row(report, config=None) -> dict:
    """The summary of one checked report (plain values: str, int, float, None)."""
    doc: Document = report.document
    by_cat = Counter(f.category for f in report.findings)
    sev = report.summary
    score, grade = stated_score(report, config)
    row = {
        "unit": unit_of(doc), "year": year_of(doc),
        "self_score": score, "grade": grade,
        "findings": len(report.findings),
        **{s: sev.get(s, 0) for s in SEVERITIES},
        **{f"cat:{c}": by_cat.get(c, 0) for c in CATEGORIES},
        "claims": len(report.claims), "chars": len(doc.text), "format": doc.format,
        "title": doc.title or "",
    }
    unknown = [c for c in by_cat if c not in CATEGORIES]
    if unknown:  # a category the contract added later: counted under other
        row["cat:other"] += sum(by_cat[c] for c in unknown)
    return row


# --------------------------------------------------------------------------- unit


def unit_of(doc: Document) -> str | None:
    """The reporting unit: a labelled field, else the signature line, else the title."""
    found: dict[str, str] = {}
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            for m in _FIELD_RE.finditer(b.text):
                _keep(found, m.group("label"), m.group("value"))
        elif isinstance(b, Table):
            for row in b.grid():
                for i, cell in enumerate(row):
                    for m in _FIELD_RE.finditer(cell):
                        _keep(found, m.group("label"), m.group("value"))
                    m = _FIELD_CELL.match(cell)
                    if m:
                        value = next((v for v in row[i + 1:] if v.strip() and v.strip() != cell.strip()), "")
                        _keep(found, m.group("label"), value.strip())
    for label in _FIELDS:
        if label in found:
            return found[label]
    return _signature(doc) or _from_title(doc.title)


def _keep(found: dict[str, str], label: str, value: str) -> None:
    value = _VALUE_END.split(value)[0].strip().strip("“”\"'")
    if label not in found and 2 <= len(value) <= 40 and not _NOT_A_NAME.search(value):
        found[label] = value


def _signature(doc: Document) -> str | None:
    """"长岭市市场监督管理局" on the line above the closing "2023年3月20日"."""
    paras = [b.text.strip() for b in doc.blocks[-6:] if isinstance(b, Paragraph) and b.text.strip()]
    for prev, line in pairwise(paras):
        if _DATE_LINE.match(line) and len(prev) <= 30 and _ORG_END.search(prev):
            return prev
    return None


def _from_title(title: str | None) -> str | None:
    """The unit a title names: "清河县图书馆2023年度部门整体支出绩效自评报告" -> 清河县图书馆,
    "2022年度长岭市市场监督管理局部门整体支出……" -> 长岭市市场监督管理局; None when the title
    names a project or fund rather than a unit ("2023年度某县农田建设项目……")."""
    if not title:
        return None
    m = _TITLE_YEAR.search(title)
    if m and m.start() > 0:  # the unit written before the year
        name = _clean(title[:m.start()])
        if name and _ORG_END.search(name):
            return name
    t = _TITLE_YEAR.sub("", title)
    cut = _TITLE_CUT.search(t)
    name = _clean(t[:cut.start()]) if cut else None
    if name and not _PROJECT_WORDS.search(name) and _ORG_END.search(name):
        return name
    return None


def _clean(s: str) -> str | None:
    s = _PREFIX_NOISE.sub("", s)
    s = _LEAD_NOISE.sub("", s).strip(" 　（(")
    s = re.sub(r"(?:关于|对)$", "", s).strip()
    return s if 2 <= len(s) <= 40 and "，" not in s and "," not in s else None


# --------------------------------------------------------------------------- year


def year_of(doc: Document) -> int | None:
    """The year evaluated: the title's "2024年度", else the first "XXXX年度" of the opening text."""
    from ..checks._structure import report_title

    t = report_title(doc)
    if t is not None and t.year is not None:
        return t.year
    m = _BODY_YEAR.search(doc.text[:600])
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- score and grade


def stated_score(report, config=None) -> tuple[float | None, str | None]:
    """The total self-score and the grade the report states (None when it states none), as the
    scoring checks read them: a text conclusion first, else the 自评表 总分 row."""
    if report.tagging is None:
        return None, None
    from ..checks import Context, load_profile
    from ..checks._scores import grade_claims, scores
    from ..config import Config

    config = config or Config()
    try:
        profile = load_profile(config.profile, config.base_dir)
    except Exception:  # noqa: BLE001 - a profile the worker cannot load: the national one still reads 总分
        profile = load_profile("national")
    ctx = Context(report.document, report.tagging, config, profile)
    data = scores(ctx)
    totals = [t for t in data.totals if t.score is not None and t.score.value is not None]
    text_totals = [t for t in totals if t.source == "text"]
    total = (text_totals or totals or [None])[-1 if text_totals else 0]
    score = json_number(total.score.value) if total is not None else None
    words = [c.text for c in grade_claims(ctx)]
    words += [t.grade.text for t in totals if t.grade is not None]
    words += [g.text for g, _ in data.table_grades]
    grade = None
    for w in words:
        w = w.strip("“”\"'「」 ")
        g = profile.grade_named(w)
        if g is not None:
            grade = g.label
            break
    return score, grade
