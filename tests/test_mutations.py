"""Mutation tests for the whole catalogue.

Take a correct report, plant one error of one category (a part changed so its list no longer
adds up, 万元 written as 元, an actual pushed below its target, a grade, a heading number, a
date …) and check that exactly the planted problem is found: the findings of the mutated text
minus those of the clean text are non-empty and all of the planted category, and no finding of
another category appears or disappears. The reverse: fixing the planted error (undoing the edit,
or fixing it in a report that carries a second planted error) removes exactly those findings.

Findings are compared by rule, category and the verbatim text of their evidence (ids and offsets
shift with every edit). Own reports live in tests/fixtures/mutation/ (invented text); the real
excerpts of ../shared are mutated by pattern at test time, so none of their text is in the repo.

Mutations whose checks are still placeholders (docstring "JXnnn (待实现 …") are skipped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

import jixiao
from jixiao.checks import rules
from jixiao.extract.tagger import tag

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "mutation"
PASSAGES = {
    "dept": "dept_overall.txt",  # 部门整体支出绩效自评报告, Hunan-like outline, no attachment
    "project": "project_table.txt",  # 项目支出绩效自评报告 with its 自评表, every target met
    "missed": "project_missed.txt",  # 项目支出 with one target missed, scored and explained
}
# What a clean passage is expected to report: (rule category, number of findings) per category.
# The "missed" report misses one target on purpose (the narrative and the 自评表 both say so).
EXPECTED_BASELINE = {"dept": {}, "project": {}, "missed": {"target-not-met": (1, 2)}}
CATEGORIES = ("target-not-met", "unit-mismatch", "sum-mismatch", "value-conflict", "rate-mismatch",
              "score-mismatch", "grade-mismatch", "target-without-actual", "budget-variance",
              "implausible-value", "date-inconsistent", "numbering", "punctuation",
              "missing-section", "vague-target")


# --------------------------------------------------------------------------- machinery

Key = tuple[str, str, tuple[str, ...]]


def _placeholder_codes() -> set[str]:
    return {r.code for r in rules() if "待实现" in r.title or not r.title}


def _written(codes) -> bool:
    return any(c not in _placeholder_codes() for c in codes)


def _category_written(category: str) -> bool:
    return any(r.category == category and r.code not in _placeholder_codes() for r in rules())


@lru_cache(maxsize=None)
def findings_of(text: str) -> tuple:
    """Every finding (all severities) of a report given as text, all checks on."""
    return tuple(jixiao.check(jixiao.read_text(text)).findings)


def keys(text: str) -> Counter:
    return Counter(_key(f) for f in findings_of(text))


def _key(f) -> Key:
    return (f.rule, f.category, tuple(e.text for e in f.evidence))


def describe(text: str, ks) -> list[str]:
    """The findings behind some keys, as 'JX301 sum-mismatch: message' lines."""
    out = []
    for f in findings_of(text):
        if _key(f) in ks:
            out.append(f"{f.rule} {f.category} [{f.severity}]: {f.message}")
    return out


@lru_cache(maxsize=None)
def passage(name: str) -> str:
    return (FIXTURES / PASSAGES[name]).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Edit:
    old: str
    new: str
    count: int = 1  # how many times ``old`` occurs (all are replaced)


@dataclass(frozen=True)
class Mutation:
    name: str
    category: str
    passage: str
    edits: tuple[Edit, ...]
    codes: tuple[str, ...]  # the checks that should catch it (for skipping and the report)
    note: str = ""

    def apply(self, text: str) -> str:
        return self._apply(text)[0]

    def _apply(self, text: str) -> tuple[str, list[tuple[int, Edit]]]:
        done = []
        for e in self.edits:
            n = text.count(e.old)
            assert n == e.count, f"{self.name}: {e.old!r} occurs {n}× in {self.passage}, expected {e.count}"
            pos = [m.start() for m in re.finditer(re.escape(e.old), text)]
            for p in reversed(pos):
                text = text[:p] + e.new + text[p + len(e.old):]
                done.append((p, e))
        return text, done

    def revert(self, text: str, original: str | None = None) -> str:
        """Undo the edits where they were made (positions recorded when applied to ``original``,
        the passage by default), last edit first."""
        _, done = self._apply(original if original is not None else passage(self.passage))
        for p, e in reversed(done):
            assert text[p:p + len(e.new)] == e.new, f"{self.name}: {e.new!r} not where it was put"
            text = text[:p] + e.old + text[p + len(e.new):]
        return text


def M(name, category, where, *edits, codes=(), note=""):
    eds = tuple(Edit(*e) if isinstance(e, tuple) else e for e in edits)
    return Mutation(name, category, where, eds, tuple(codes), note)


def assert_only_category(category: str, before: str, after: str, label: str) -> Counter:
    """The findings ``after`` adds to ``before``: non-empty, all of ``category``; nothing of any
    other category appears or disappears. Returns the added keys."""
    kb, ka = keys(before), keys(after)
    added, removed = ka - kb, kb - ka
    stray_added = [k for k in added if k[1] != category]
    stray_removed = [k for k in removed if k[1] != category]
    problems = []
    if not added:
        problems.append(f"no new {category} finding (false negative)")
    if stray_added:
        problems.append("other findings appeared: " + "; ".join(describe(after, set(stray_added))))
    if stray_removed:
        problems.append("other findings disappeared: " + "; ".join(describe(before, set(stray_removed))))
    assert not problems, f"{label}: " + " | ".join(problems)
    return added


# --------------------------------------------------------------------------- the mutations

MUTATIONS: list[Mutation] = [
    # sum-mismatch: a part changed so its list no longer adds up
    M("dept-project-list-part", "sum-mismatch", "dept", ("耕地质量监测项目213.40万元", "耕地质量监测项目231.40万元"),
      codes=["JX301"]),
    M("dept-income-part", "sum-mismatch", "dept", ("其他收入117.15万元", "其他收入171.15万元"), codes=["JX301"]),
    M("dept-staffing-identity", "sum-mismatch", "dept", ("行政编制12人", "行政编制14人"), codes=["JX301", "JX303"],
      note="编制 38 = 行政 12 + 事业 26"),
    M("dept-net-assets-identity", "sum-mismatch", "dept", ("净资产1170.40万元", "净资产1107.40万元"), codes=["JX303"],
      note="资产 = 负债 + 净资产"),
    M("project-table-initial-budget", "sum-mismatch", "project",
      ("其中：当年财政拨款	800.00	800.00", "其中：当年财政拨款	780.00	800.00"), codes=["JX302"],
      note="年初预算数 column: 800.00 ≠ 780.00 + 0.00 + 0.00"),
    M("missed-table-budget-part", "sum-mismatch", "missed",
      ("其他资金	0.00	0.00	0.00", "其他资金	0.00	5.00	0.00"), codes=["JX302"],
      note="全年预算数 column: 620.00 ≠ 600.00 + 20.00 + 5.00"),
    # unit-mismatch: one 万元 part written in 元
    M("dept-list-part-in-yuan", "unit-mismatch", "dept", ("农作物病虫害防控项目268.76万元", "农作物病虫害防控项目268.76元"),
      codes=["JX201"]),
    M("dept-income-part-in-yuan", "unit-mismatch", "dept", ("一般公共预算财政拨款收入1745.20万元", "一般公共预算财政拨款收入1745.20元"),
      codes=["JX201"]),
    M("project-cell-in-yuan", "unit-mismatch", "project",
      ("其中：当年财政拨款	800.00	800.00	770.00", "其中：当年财政拨款	800.00	800.00	770.00元"), codes=["JX202"],
      note="a 元 cell in a （单位：万元） table"),
    # target-not-met: an actual below its target (or a target raised above the actual)
    # (each with a reason for the shortfall, as a report would give: a missed target without one is
    # a second problem, JX1501's)
    M("dept-trainees-below", "target-not-met", "dept",
      ("培训农民3265人次；", "培训农民2865人次，受汛期影响部分乡镇培训延期，未达到年度目标；"), codes=["JX101"]),
    M("dept-satisfaction-below", "target-not-met", "dept",
      ("培训对象满意度为95.2%。", "培训对象满意度为85.2%，未达到目标，主要原因是部分培训时间与农忙时节冲突。"),
      codes=["JX101"]),
    M("dept-loss-rate-above-cap", "target-not-met", "dept",
      ("危害损失率为3.8%，", "危害损失率为6.8%，主要原因是7月稻飞虱大面积暴发，"), codes=["JX101"],
      note="reverse indicator: ≤5%"),
    M("dept-target-raised", "target-not-met", "dept", ("举办农民技术培训不少于40期", "举办农民技术培训不少于45期"),
      ("举办农民技术培训43期", "举办农民技术培训43期（受汛期影响，2期培训未能如期举办）"), codes=["JX101"]),
    # score-mismatch
    M("project-score-above-weight", "score-mismatch", "project",
      ("受益人口	≥1.2万人	1.35万人	10	10", "受益人口	≥1.2万人	1.35万人	10	12"), codes=["JX601"]),
    M("missed-full-marks-on-missed-target", "score-mismatch", "missed",
      ("11400平方米	10	9.50", "11400平方米	10	10"), codes=["JX603"]),
    M("project-total-not-sum", "score-mismatch", "project",
      ("100	99.60", "100	98.60"), ("绩效自评得分99.60分", "绩效自评得分98.60分"), codes=["JX604"]),
    M("project-rate-score-off-formula", "score-mismatch", "project",
      ("10	96.00%	9.60", "10	96.00%	8.60"), codes=["JX602"],
      note="执行率得分 10 × 96.00% = 9.60 (the 总分 no longer sums either)"),
    # grade-mismatch
    M("dept-grade", "grade-mismatch", "dept", ("评价等级为“优”", "评价等级为“良”"), codes=["JX651"]),
    M("project-grade", "grade-mismatch", "project", ("自评等级为“优”", "自评等级为“良”"), ("自评等级	优", "自评等级	良"),
      codes=["JX651"]),
    M("missed-grade", "grade-mismatch", "missed", ("自评等级为“优”", "自评等级为“中”"), ("自评等级	优", "自评等级	中"),
      codes=["JX651"]),
    # target-without-actual: the sentence reporting an actual deleted
    M("dept-monitoring-points-unreported", "target-without-actual", "dept",
      ("；在全县布设耕地质量长期定位监测点60个，全年完成监测样品采集和化验分析", ""), codes=["JX701"]),
    M("dept-adoption-rate-unreported", "target-without-actual", "dept", ("，农业主推技术到位率达到96.5%", ""),
      codes=["JX701"]),
    # budget-variance
    M("dept-initial-budget-far-from-final", "budget-variance", "dept", ("2024年年初预算1790.00万元", "2024年年初预算379.00万元"),
      codes=["JX801"]),
    M("dept-variance-statement-contradicted", "budget-variance", "dept", ("决算数大于年初预算数", "决算数小于年初预算数"),
      codes=["JX803"]),
    # rate-mismatch
    M("dept-share-off", "rate-mismatch", "dept", ("占基本支出的87.72%", "占基本支出的78.72%"), codes=["JX501"]),
    M("dept-execution-rate-off", "rate-mismatch", "dept", ("预算执行率97.24%", "预算执行率92.24%"), codes=["JX501"],
      note="1828.62 / 1880.50 = 97.24%; the 执行率 score 9.72 follows the true rate"),
    M("project-row-rate-off", "rate-mismatch", "project", ("770.00	—	96.25%", "770.00	—	92.25%"), codes=["JX501"]),
    M("missed-row-rate-off", "rate-mismatch", "missed", ("19.00	—	95.00%", "19.00	—	90.00%"), codes=["JX501"]),
    # value-conflict: the second mention of a quantity changed
    M("dept-staff-second-mention", "value-conflict", "dept", ("保障在职人员35人", "保障在职人员53人"), codes=["JX401"]),
    M("dept-three-public-second-mention", "value-conflict", "dept", ("全年“三公”经费支出8.42万元", "全年“三公”经费支出8.24万元"),
      codes=["JX401"]),
    M("project-satisfaction-text-vs-table", "value-conflict", "project", ("受益群众满意度为96.3%", "受益群众满意度为93.6%"),
      codes=["JX401"]),
    M("missed-unit-cost-text-vs-table", "value-conflict", "missed", ("单位面积维修成本517元/平方米", "单位面积维修成本527元/平方米"),
      codes=["JX401"]),
    # implausible-value
    M("dept-satisfaction-above-100", "implausible-value", "dept", ("培训对象满意度为95.2%", "培训对象满意度为105.2%"),
      codes=["JX901"]),
    M("project-satisfaction-above-100", "implausible-value", "project", ("96.3%", "106.3%", 2), codes=["JX901"],
      note="text and 自评表 both changed"),
    M("dept-valid-questionnaires-exceed-sent", "implausible-value", "dept", ("收回有效问卷286份", "收回有效问卷386份"),
      codes=["JX902"]),
    M("dept-negative-retirees", "implausible-value", "dept", ("退休人员9人", "退休人员-9人"), codes=["JX903"]),
    # date-inconsistent
    M("dept-signed-before-year-end", "date-inconsistent", "dept", ("2025年3月10日", "2024年3月10日"),
      codes=["JX1001", "JX1002"]),
    M("dept-survey-previous-year", "date-inconsistent", "dept", ("2024年10月，中心向参训农民", "2023年10月，中心向参训农民"),
      codes=["JX1001"]),
    M("missed-filled-in-before-year-end", "date-inconsistent", "missed", ("填报日期：2025年2月25日", "填报日期：2024年2月25日"),
      codes=["JX1001", "JX1002"]),
    M("project-completed-previous-year", "date-inconsistent", "project", ("2024年11月20日", "2023年11月20日", 2),
      codes=["JX1001"], note="text and 自评表 both changed"),
    # numbering
    M("dept-arabic-top-heading", "numbering", "dept", ("三、部门整体支出绩效目标", "3、部门整体支出绩效目标"),
      codes=["JX1101", "JX1102"]),
    M("dept-skipped-top-heading", "numbering", "dept", ("七、绩效自评结果及应用", "八、绩效自评结果及应用"), codes=["JX1101"]),
    M("project-skipped-subheading", "numbering", "project", ("（三）满意度指标完成情况", "（四）满意度指标完成情况"),
      codes=["JX1101"]),
    M("missed-mixed-third-level", "numbering", "missed", ("2.效益目标", "2、效益目标"), codes=["JX1102"]),
    # punctuation
    M("dept-doubled-punctuation", "punctuation", "dept", ("新技术推广能力不足；二是", "新技术推广能力不足；，二是"),
      codes=["JX1201"]),
    M("missed-doubled-full-stop", "punctuation", "missed", ("调整至2025年寒假实施。下一步", "调整至2025年寒假实施。。下一步"),
      codes=["JX1201"]),
    M("project-doubled-semicolon", "punctuation", "project", ("冬季存在冻损风险；二是", "冬季存在冻损风险；；二是"),
      codes=["JX1201"]),
    M("dept-mismatched-bracket", "punctuation", "dept", ("因公出国（境）费", "因公出国（境)费"), codes=["JX1202", "JX1203"]),
    M("dept-document-number-bracket", "punctuation", "dept", ("青财绩〔2025〕3号", "青财绩〔2025】3号"), codes=["JX1202"]),
    M("project-ascii-comma", "punctuation", "project", ("共调查420户，受益群众", "共调查420户,受益群众"), codes=["JX1203"]),
    # missing-section
    M("dept-problems-section-dropped", "missing-section", "dept",
      ("五、存在的问题及原因分析\n一是部分乡镇农技服务站人员年龄偏大，新技术推广能力不足；二是耕地质量监测数据的分析应用还不够深入。\n\n", ""),
      ("六、下一步改进措施", "五、下一步改进措施"), ("七、绩效自评结果及应用", "六、绩效自评结果及应用"), codes=["JX1301"],
      note="the later headings renumbered so that only the section is missing"),
    M("dept-attachment-listed-absent", "missing-section", "dept",
      ("\n青禾县农业技术推广中心\n2025年3月10日", "\n附件：青禾县农业技术推广中心2024年度部门整体支出绩效自评表\n\n青禾县农业技术推广中心\n2025年3月10日"),
      codes=["JX1302"]),
    M("project-second-attachment-absent", "missing-section", "project",
      ("附件：项目支出绩效自评表", "附件：1.项目支出绩效自评表；2.项目竣工验收报告"), codes=["JX1302"]),
    # vague-target
    M("dept-vague-adoption-target", "vague-target", "dept", ("农业主推技术到位率不低于95%", "农业主推技术到位率有所提高"),
      codes=["JX1401"]),
    M("project-vague-table-target", "vague-target", "project", ("≥92%	93.5%", "有所提高	93.5%"), codes=["JX1401"]),
    M("missed-vague-satisfaction-target", "vague-target", "missed", ("师生满意度不低于90%", "师生满意度进一步提高"),
      codes=["JX1401"]),
]


def _project_table_dropped() -> Mutation:
    text = passage("project")
    start = text.index("项目支出绩效自评表\n（2024年度）")
    end = text.index("填报单位：")
    return M("project-attached-table-absent", "missing-section", "project", (text[start:end], ""),
             codes=["JX1302"], note="附件 listed, the 自评表 itself removed")


MUTATIONS.append(_project_table_dropped())


# --------------------------------------------------------------------------- tests: own reports


def test_every_category_is_planted():
    assert {m.category for m in MUTATIONS} == set(CATEGORIES)


@pytest.mark.parametrize("name", sorted(PASSAGES))
def test_clean_passage_raises_only_expected_findings(name):
    """The clean reports carry no error or warning, except what the passage plants on purpose."""
    text = passage(name)
    expected = EXPECTED_BASELINE[name]
    serious = [f for f in findings_of(text) if f.severity in ("error", "warning")]
    unexpected = [f"{f.rule} {f.category} [{f.severity}]: {f.message}" for f in serious
                  if f.category not in expected]
    assert not unexpected, f"{name}: false alarms on clean text: {unexpected}"
    for category, (lo, hi) in expected.items():
        if not _category_written(category):
            continue
        n = sum(1 for f in serious if f.category == category)
        assert lo <= n <= hi, f"{name}: expected {lo}–{hi} {category} findings, got {n}"


@pytest.mark.parametrize("m", MUTATIONS, ids=lambda m: m.name)
def test_mutation_is_found_alone(m: Mutation):
    assert _written(m.codes), f"{'/'.join(m.codes)} is still a placeholder"
    clean = passage(m.passage)
    mutated = m.apply(clean)
    added = assert_only_category(m.category, clean, mutated, m.name)
    # the reverse: fixing the planted error removes exactly its findings
    fixed = m.revert(mutated)
    assert fixed == clean
    kf, km = keys(fixed), keys(mutated)
    assert km - kf == added and not (kf - km), f"{m.name}: the fix does not remove exactly the planted findings"


def _pairs() -> list[tuple[Mutation, Mutation]]:
    """Each mutation with a second one planted in another line of the same passage: a doubled
    punctuation mark (which no figure check reads) for the figure and structure mutations, the
    first independent figure mutation for the punctuation ones."""
    out = []
    for a in MUTATIONS:
        same = [b for b in MUTATIONS if b.passage == a.passage and b.category != a.category]
        if a.category == "punctuation":
            same = [b for b in same if b.category not in ("numbering", "missing-section")]
        else:
            same = [b for b in same if b.category == "punctuation" and "JX1201" in b.codes]
        b = next((b for b in same if _independent(a, b)), None)
        if b is not None:
            out.append((a, b))
    return out


def _lines(m: Mutation) -> set[int]:
    text = passage(m.passage)
    out = set()
    for e in m.edits:
        for hit in re.finditer(re.escape(e.old), text):
            first = text.count("\n", 0, hit.start())
            out |= set(range(first, first + e.old.count("\n") + 1))
    return out


def _independent(a: Mutation, b: Mutation) -> bool:
    """Edits on different lines, each still applicable after the other."""
    if _lines(a) & _lines(b):
        return False
    try:
        only_b = b.apply(passage(a.passage))
        a.revert(a.apply(only_b), only_b)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("a,b", _pairs(), ids=lambda m: m.name)
def test_fixing_one_of_two_planted_errors(a: Mutation, b: Mutation):
    """In a report with two planted errors, fixing one removes only its findings."""
    assert _written(a.codes) and _written(b.codes), "a check is still a placeholder"
    only_b = b.apply(passage(a.passage))
    both = a.apply(only_b)
    fixed = a.revert(both, only_b)
    assert fixed == only_b
    # relative to the report that still carries b's error, a's error adds only a's category
    assert_only_category(a.category, only_b, both, f"{a.name} on top of {b.name}")
    assert keys(fixed) == keys(only_b)


# --------------------------------------------------------------------------- tests: real excerpts

REAL_PICKS = 4  # how many excerpts each pattern mutates at most


def _real_files(shared_dir: Path) -> list[Path]:
    files = sorted((shared_dir / "corpora" / "real").glob("[0-9]*.txt"))
    if not files:
        pytest.skip("no real excerpts")
    return files


@lru_cache(maxsize=None)
def _read_real(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


@dataclass
class RealMutation:
    file: str
    category: str
    old: str
    new: str
    codes: tuple[str, ...]
    context: list[str] = field(default_factory=list)

    def __str__(self):
        return f"{self.file}: {self.old!r} → {self.new!r} ({self.category})"


def _unique(raw: str, s: str) -> bool:
    return raw.count(s) == 1


def _bump(number: str, delta: int) -> str:
    """A number string changed by ``delta`` in its integer part, keeping its decimals."""
    d = Decimal(number) + delta
    places = len(number.split(".")[1]) if "." in number else 0
    return f"{d:.{places}f}"


def _adding_up_part(path: Path):
    """In a 其中 list of 万元 that adds up exactly, a part written once in the file: its claim
    text and its number, or None."""
    raw = _read_real(str(path))
    doc = jixiao.read_text(raw)
    t = tag(doc)
    by_id = {c.id: c for c in t.claims}
    for pw in t.part_wholes:
        if pw.cue != "其中":
            continue
        w, parts = by_id[pw.whole], [by_id[p] for p in pw.parts]
        if w.value is None or w.unit != "万元" or len(parts) < 2:
            continue
        if any(p.value is None or p.unit != w.unit for p in parts) or sum(p.value for p in parts) != w.value:
            continue
        for p in sorted(parts, key=lambda p: -p.value):
            m = re.fullmatch(r"(\d+(?:\.\d+)?)万元", p.text)
            if m and _unique(raw, p.text) and doc.text.count(m.group(1)) == 1:
                return p.text, m.group(1)
    return None


def _sum_mutations(path: Path) -> list[RealMutation]:
    """One part of a 其中 list that adds up changed by 10."""
    found = _adding_up_part(path)
    if found is None:
        return []
    text, num = found
    return [RealMutation(path.name, "sum-mismatch", text, _bump(num, 10) + "万元", ("JX301",))]


def _unit_mutations(path: Path) -> list[RealMutation]:
    """One part of a 其中 list in 万元 that adds up written in 元."""
    found = _adding_up_part(path)
    if found is None:
        return []
    text, num = found
    return [RealMutation(path.name, "unit-mismatch", text, num + "元", ("JX201",))]


_RATE = re.compile(r"执行率(?:为|达到|达)?(\d{2}(?:\.\d{1,2})?)%")
_MONEY = re.compile(r"(\d+(?:\.\d+)?)万元")


def _rate_mutations(path: Path) -> list[RealMutation]:
    """A stated 执行率 that matches two 万元 figures of its paragraph (to its written precision),
    lowered by 5 points."""
    raw = _read_real(str(path))
    for para in raw.split("\n"):
        for m in _RATE.finditer(para):
            stated = m.group(1)
            places = len(stated.split(".")[1]) if "." in stated else 0
            q = Decimal(1).scaleb(-places)
            money = {Decimal(x) for x in _MONEY.findall(para[:m.start()])}
            ok = any(b > 0 and a < b and (a / b * 100).quantize(q) == Decimal(stated)
                     for a in money for b in money)
            if ok and _unique(raw, m.group(0)):
                return [RealMutation(path.name, "rate-mismatch", m.group(0),
                                     m.group(0).replace(stated + "%", _bump(stated, -5) + "%"), ("JX501",))]
    return []


_TOP = "一二三四五六七八九十"


def _numbering_mutations(path: Path) -> list[RealMutation]:
    """Three or more top-level headings 一、二、三、…: the last one's number skipped ahead."""
    raw = _read_real(str(path))
    doc = jixiao.read_text(raw)
    tops = [h for h in doc.headings if h.level == 1 and h.style == "cn" and h.value]
    values = [h.value for h in tops]
    if len(tops) < 3 or values != list(range(1, len(tops) + 1)) or len(tops) >= 9:
        return []
    last = tops[-1]
    old = doc.text[last.span[0]:last.span[1]]
    if not old.startswith(_TOP[last.value - 1] + "、") or not _unique(raw, old):
        return []
    return [RealMutation(path.name, "numbering", old, _TOP[last.value] + old[1:], ("JX1101",))]


_BOUNDED = re.compile(r"(满意度|合格率|达标率|覆盖率|知晓率|到位率|完好率)$")


def _satisfaction_mutations(path: Path) -> list[RealMutation]:
    """A reported 满意度 (or 合格率, 覆盖率 …) of 80–99%, written once and with no comparator,
    pushed 10 points above 100%."""
    raw = _read_real(str(path))
    doc = jixiao.read_text(raw)
    for c in tag(doc).claims:
        if c.unit != "%" or c.role not in ("actual", "other") or c.comparator or c.value is None:
            continue
        if not (c.metric and _BOUNDED.search(c.metric)) or not (80 <= c.value < 100):
            continue
        m = re.fullmatch(r"(\d{2}(?:\.\d+)?)%", c.text)
        if m is None or raw.count(c.text) != 1:
            continue
        tail = doc.text[c.span[1]:c.span[1] + 2]
        if tail.startswith(("以上", "以下", "左右")):
            continue
        return [RealMutation(path.name, "implausible-value", c.text, _bump(m.group(1), 10) + "%", ("JX901",))]
    return []


_SENTENCE_END = re.compile(r"([\u4e00-\u9fff]{4})。([\u4e00-\u9fff]{4})")


def _punctuation_mutations(path: Path) -> list[RealMutation]:
    """A full stop between two Chinese words (written once) doubled into "。，"."""
    raw = _read_real(str(path))
    for m in _SENTENCE_END.finditer(raw):
        old = m.group(0)
        if _unique(raw, old):
            return [RealMutation(path.name, "punctuation", old, f"{m.group(1)}。，{m.group(2)}", ("JX1201",))]
    return []


PATTERNS = {
    "sum": _sum_mutations,
    "unit": _unit_mutations,
    "rate": _rate_mutations,
    "numbering": _numbering_mutations,
    "satisfaction": _satisfaction_mutations,
    "punctuation": _punctuation_mutations,
}


def _real_mutations(shared_dir: Path, pattern: str) -> list[RealMutation]:
    found: list[RealMutation] = []
    for f in _real_files(shared_dir):
        found += PATTERNS[pattern](f)
        if len(found) >= REAL_PICKS:
            break
    return found


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_real_excerpt_mutations(shared_dir, pattern):
    muts = _real_mutations(shared_dir, pattern)
    assert muts, f"no excerpt offers a {pattern} mutation"
    assert _written(muts[0].codes), f"{'/'.join(muts[0].codes)} is still a placeholder"
    failures = []
    for rm in muts:
        raw = _read_real(str(shared_dir / "corpora" / "real" / rm.file))
        assert raw.count(rm.old) == 1
        mutated = raw.replace(rm.old, rm.new)
        try:
            added = assert_only_category(rm.category, raw, mutated, str(rm))
            fixed = mutated.replace(rm.new, rm.old)
            assert fixed == raw
            assert keys(mutated) - keys(fixed) == added and not (keys(fixed) - keys(mutated))
        except AssertionError as e:
            failures.append(str(e))
    assert not failures, "\n".join(failures)
