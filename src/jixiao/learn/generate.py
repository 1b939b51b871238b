"""Generate invented, labelled self-evaluation reports with planted problems.

``generate(n, seed, out_dir)`` writes ``n`` reports (部门整体支出绩效自评报告 and 项目支出绩效自评报告,
narrative and 自评表 forms, several outlines and phrasings) as .txt and/or .docx, and
``labels.jsonl`` beside them: for each report the planted problems (category, the check expected
to find them, evidence quotes and their spans), the claim spans (targets, actuals, budgets,
rates, weights, scores, grades …) and the target→actual and part→whole relations. Offsets index
the text jixiao reads from the file (the same for the .txt and the .docx of one report).

By default a report carries the narrative of a real one besides its indicators (management of
the budget, finances, assets and procurement, the year's work with its counts and dates, how a
project was run and evaluated …), about 3,800 characters at ~24 quantities per 1,000, like the
real reports; ``full=False`` gives the short reports of version 1 (~1,200 characters), byte for
byte. The narrative has a random stream of its own, so the rest of a report does not depend on it.

Everything here is fiction written for jixiao: places, units, projects and figures. A seed gives
the same reports on every run; about two reports in five are clean (no planted problem).
"""
from __future__ import annotations

import calendar
import hashlib
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .corpus import (
    DocumentRef,
    ExpectedFinding,
    Provenance,
    Record,
    Relation,
    Span,
    write_corpus,
)

GENERATOR = "jixiao.learn.generate 2"
CLEAN_SHARE = 0.4
D = Decimal
CN = "一二三四五六七八九十"


def q2(x: Decimal) -> Decimal:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def q1(x: Decimal) -> Decimal:
    return x.quantize(D("0.1"), rounding=ROUND_HALF_UP)


def pct(x: Decimal, places: int = 2) -> str:
    return f"{(x * 100).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)}%"


def num(x: Decimal) -> str:
    """A score or count as a report writes it: no trailing zeros."""
    s = format(x.normalize(), "f")
    return s


def mny(x: Decimal) -> str:
    """Money in 万元, two decimals."""
    return str(q2(x))


# --------------------------------------------------------------------------- text with marks

@dataclass
class M:
    """A marked piece of text: a claim span (label, metric) and/or a key planted problems and
    relations refer to."""
    text: str
    key: str | None = None
    label: str | None = None
    metric: str | None = None


Piece = "str | M"


@dataclass
class Block:
    kind: str  # title | h1 | h2 | h3 | p | table
    pieces: list = field(default_factory=list)  # p/title/h*: list of pieces; table: rows of cells of pieces

    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.pieces)


def P(*pieces) -> Block:
    return Block("p", [p for p in pieces if p != ""])


def H(level: int, *pieces) -> Block:
    return Block(f"h{level}", list(pieces))


def T(rows: list[list]) -> Block:
    width = max(len(r) for r in rows)
    return Block("table", [[c if isinstance(c, list) else [c] for c in r] + [[""]] * (width - len(r)) for r in rows])


def render(blocks: list[Block]) -> tuple[str, dict[str, list[tuple[int, int]]], list[Span]]:
    """The text jixiao reads (blocks one per line, table rows one per line, cells tab-separated),
    where each key is, and the claim spans."""
    out: list[str] = []
    pos = 0
    where: dict[str, list[tuple[int, int]]] = {}
    spans: list[Span] = []

    def put(piece) -> None:
        nonlocal pos
        if isinstance(piece, M):
            a, b = pos, pos + len(piece.text)
            if piece.key:
                where.setdefault(piece.key, []).append((a, b))
            if piece.label:
                spans.append(Span(a, b, piece.label, piece.text, piece.metric, piece.key))
            s = piece.text
        else:
            s = piece
        out.append(s)
        pos += len(s)

    for i, b in enumerate(blocks):
        if i:
            put("\n")
        if b.kind == "table":
            for r, row in enumerate(b.pieces):
                if r:
                    put("\n")
                for c, cell in enumerate(row):
                    if c:
                        put("\t")
                    for piece in cell:
                        put(piece)
        else:
            for piece in b.pieces:
                put(piece)
    return "".join(out), where, spans


# --------------------------------------------------------------------------- invented world

PLACES = ["青禾", "云溪", "石桥", "安澜", "清河", "白沙", "临川", "平阳", "东湖", "松林", "永丰", "长岭",
          "双峰", "桃源", "金川", "柳江", "鹤鸣", "梅岭", "新塘", "龙渡", "凤台", "银杉", "枫亭", "黎阳"]
LEVELS = ["县", "县", "区", "市"]
PROVINCE_STYLES = ["湖南式", "江西式", "广东式", "四川式", "浙江式", "河南式"]


@dataclass
class IndSpec:
    level2: str
    name: str
    unit: str  # "" for 处/个 style counts given in unit; "%" for rates
    lo: float
    hi: float
    kind: str = "count"  # count | rate | cost | years
    integer: bool = False


PROJECTS = [
    {"name": "农村供水保障工程", "dept": "水利局", "unit": "农村供水服务中心",
         "content": "新建集中供水工程、改造老旧供水管网和配套水质检测设施，解决山区群众饮水不稳定问题",
         "outputs": [IndSpec("数量指标", "新建集中供水工程", "处", 2, 9, integer=True),
                  IndSpec("数量指标", "改造供水管网长度", "公里", 20, 90),
                  IndSpec("数量指标", "受益人口", "万人", 0.6, 3.5)],
         "quality": "工程验收合格率", "cost": IndSpec("成本指标", "每公里管网改造成本", "万元", 6, 12, "cost"),
         "benefits": [IndSpec("社会效益指标", "农村自来水普及率", "%", 86, 94, "rate"),
                   IndSpec("社会效益指标", "水质检测达标率", "%", 92, 97, "rate")],
         "sat": "受益群众满意度"},
    {"name": "高标准农田建设项目", "dept": "农业农村局", "unit": "农田建设服务中心",
         "content": "土地平整、灌溉排水、田间道路和农田防护等工程建设，提高耕地质量和粮食综合生产能力",
         "outputs": [IndSpec("数量指标", "新建高标准农田面积", "万亩", 0.8, 4.5),
                  IndSpec("数量指标", "新建改造灌排渠道", "公里", 15, 60),
                  IndSpec("数量指标", "新修田间道路", "公里", 8, 40)],
         "quality": "工程验收合格率", "cost": IndSpec("成本指标", "亩均建设成本", "元", 1500, 3000, "cost", integer=True),
         "benefits": [IndSpec("经济效益指标", "亩均粮食产能提高", "公斤", 40, 90),
                   IndSpec("可持续影响指标", "工程设计使用年限", "年", 10, 20, "years", integer=True)],
         "sat": "项目区农户满意度"},
    {"name": "中小学校舍维修改造项目", "dept": "教育局", "unit": "教育后勤服务中心",
         "content": "对农村学校教学楼、宿舍楼进行屋面防水、墙体加固和门窗更换，消除校舍安全隐患",
         "outputs": [IndSpec("数量指标", "维修改造校舍面积", "平方米", 5000, 30000, integer=True),
                  IndSpec("数量指标", "覆盖学校数量", "所", 4, 20, integer=True)],
         "quality": "工程验收合格率", "cost": IndSpec("成本指标", "单位面积维修成本", "元/平方米", 400, 800, "cost", integer=True),
         "benefits": [IndSpec("社会效益指标", "校舍安全隐患消除率", "%", 95, 99, "rate"),
                   IndSpec("可持续影响指标", "维修后校舍使用年限", "年", 10, 20, "years", integer=True)],
         "sat": "师生满意度"},
    {"name": "城乡居民养老服务补助项目", "dept": "民政局", "unit": "社会福利中心",
         "content": "为经济困难的高龄、失能老年人发放养老服务补贴，支持乡镇敬老院改造提升",
         "outputs": [IndSpec("数量指标", "享受养老服务补贴人数", "人", 800, 6000, integer=True),
                  IndSpec("数量指标", "改造提升乡镇敬老院", "所", 2, 10, integer=True)],
         "quality": "补贴资金发放准确率", "cost": None,
         "benefits": [IndSpec("社会效益指标", "特困人员集中供养率", "%", 40, 70, "rate"),
                   IndSpec("社会效益指标", "敬老院床位利用率", "%", 60, 85, "rate")],
         "sat": "服务对象满意度"},
    {"name": "农村公路养护工程", "dept": "交通运输局", "unit": "公路养护中心",
         "content": "对县乡道路面进行修补和罩面，完善安全防护设施，保障农村公路安全畅通",
         "outputs": [IndSpec("数量指标", "路面修补面积", "平方米", 8000, 60000, integer=True),
                  IndSpec("数量指标", "完善安全防护设施", "公里", 10, 80)],
         "quality": "养护工程验收合格率", "cost": IndSpec("成本指标", "每平方米修补成本", "元", 80, 160, "cost", integer=True),
         "benefits": [IndSpec("社会效益指标", "农村公路优良中等路率", "%", 75, 90, "rate"),
                   IndSpec("社会效益指标", "列养率", "%", 95, 99, "rate")],
         "sat": "沿线群众满意度"},
    {"name": "基层医疗卫生机构能力提升项目", "dept": "卫生健康委员会", "unit": "卫生健康事务中心",
         "content": "为乡镇卫生院和村卫生室配置基本医疗设备，开展基层医务人员培训",
         "outputs": [IndSpec("数量指标", "配置医疗设备", "台（套）", 40, 300, integer=True),
                  IndSpec("数量指标", "培训基层医务人员", "人次", 150, 1200, integer=True)],
         "quality": "设备验收合格率", "cost": None,
         "benefits": [IndSpec("社会效益指标", "基层医疗机构诊疗人次占比", "%", 50, 65, "rate"),
                   IndSpec("社会效益指标", "设备完好率", "%", 92, 97, "rate")],
         "sat": "就诊群众满意度"},
    {"name": "公共文化服务体系建设项目", "dept": "文化广电旅游局", "unit": "文化馆",
         "content": "开展送戏下乡和公益文化活动，更新农家书屋图书，维护村级综合文化服务中心设施",
         "outputs": [IndSpec("数量指标", "送戏下乡场次", "场", 60, 300, integer=True),
                  IndSpec("数量指标", "更新农家书屋图书", "册", 5000, 40000, integer=True),
                  IndSpec("数量指标", "举办公益培训", "期", 10, 60, integer=True)],
         "quality": "活动完成率", "cost": None,
         "benefits": [IndSpec("社会效益指标", "村级综合文化服务中心开放率", "%", 88, 96, "rate"),
                   IndSpec("可持续影响指标", "文化志愿者队伍", "支", 10, 40, integer=True)],
         "sat": "群众满意度"},
]

DEPTS = [
    {"name": "农业技术推广中心", "kind": "公益一类事业单位", "duty": "农业新技术引进示范推广、耕地质量监测、病虫害监测预警和农民技术培训",
         "offices": ["办公室", "农技推广股", "土壤肥料股", "植保植检股"],
         "projects": ["农业技术推广项目", "耕地质量监测项目", "病虫害防控项目", "高素质农民培训项目"],
         "outputs": [IndSpec("数量指标", "推广主导品种和主推技术", "项", 15, 40, integer=True),
                  IndSpec("数量指标", "举办农民技术培训", "期", 20, 60, integer=True),
                  IndSpec("数量指标", "培训农民", "人次", 1500, 5000, integer=True)],
         "benefits": [IndSpec("社会效益指标", "农业主推技术到位率", "%", 90, 96, "rate")],
         "sat": "培训对象满意度"},
    {"name": "图书馆", "kind": "公益一类事业单位", "duty": "文献信息资源建设、公共阅读服务、全民阅读推广和基层图书室业务指导",
         "offices": ["办公室", "采编部", "借阅部", "辅导部"],
         "projects": ["图书采购项目", "全民阅读推广项目", "数字图书馆运行项目"],
         "outputs": [IndSpec("数量指标", "新增馆藏图书", "册", 8000, 30000, integer=True),
                  IndSpec("数量指标", "举办阅读推广活动", "场", 30, 150, integer=True),
                  IndSpec("数量指标", "年接待读者", "万人次", 5, 30)],
         "benefits": [IndSpec("社会效益指标", "图书外借率", "%", 30, 55, "rate")],
         "sat": "读者满意度"},
    {"name": "市场监督管理局", "kind": "政府工作部门", "duty": "市场主体登记、食品药品安全监管、产品质量监督和消费者权益保护",
         "offices": ["办公室", "登记注册股", "食品安全监管股", "质量监督股", "法规股"],
         "projects": ["食品安全抽检项目", "市场主体信用监管项目", "消费维权项目"],
         "outputs": [IndSpec("数量指标", "完成食品安全抽检", "批次", 400, 2000, integer=True),
                  IndSpec("数量指标", "开展双随机抽查", "户", 200, 1200, integer=True)],
         "benefits": [IndSpec("社会效益指标", "投诉举报按时办结率", "%", 95, 99, "rate"),
                   IndSpec("社会效益指标", "食品安全抽检合格率", "%", 96, 98, "rate")],
         "sat": "企业和群众满意度"},
    {"name": "林业局", "kind": "政府工作部门", "duty": "森林资源保护、造林绿化、森林防火和野生动植物保护",
         "offices": ["办公室", "资源股", "造林股", "森林防火办公室"],
         "projects": ["植树造林项目", "森林防火项目", "生态护林员补助项目", "林业有害生物防治项目"],
         "outputs": [IndSpec("数量指标", "完成人工造林", "亩", 2000, 12000, integer=True),
                  IndSpec("数量指标", "选聘生态护林员", "人", 80, 400, integer=True)],
         "benefits": [IndSpec("生态效益指标", "森林覆盖率", "%", 55, 72, "rate"),
                   IndSpec("生态效益指标", "造林成活率", "%", 85, 95, "rate")],
         "sat": "林农满意度"},
]


# --------------------------------------------------------------------------- the report model

@dataclass
class Ind:
    level1: str  # 产出指标 / 效益指标 / 满意度指标
    level2: str
    name: str
    comp: str  # ≥ ≤ =
    target: Decimal
    unit: str
    actual: Decimal
    weight: int
    kind: str = "count"
    integer: bool = False
    score: Decimal | None = None
    reason: str = "无"
    vague: str | None = None  # a vague target phrase replacing the figure
    reported: bool = True  # the actual appears in the narrative
    missed_reason: str = ""  # the narrative's explanation of a miss

    def fmt(self, v: Decimal) -> str:
        if self.unit == "%":
            return f"{int(v)}%" if v == v.to_integral_value() else f"{q1(v)}%"
        if self.integer:
            return f"{int(v)}{self.unit}"
        return f"{num(q2(v))}{self.unit}"

    @property
    def met(self) -> bool:
        return self.actual <= self.target if self.comp == "≤" else self.actual >= self.target

    def formula_score(self) -> Decimal:
        w = D(self.weight)
        if self.met:
            return w
        r = self.target / self.actual if self.comp == "≤" else self.actual / self.target
        return q2(w * r)


@dataclass
class Report:
    kind: str  # dept | project
    form: str  # narrative | table
    style: int
    province: str
    year: int
    place: str
    org: str  # the unit that reports
    dept: str  # 主管部门
    title: str
    spec: dict
    inds: list[Ind]
    funds: dict  # project: rows; dept: figures
    sign_date: tuple[int, int, int]
    exec_weight: int = 10
    attach_table: bool = False
    # overrides planted problems set
    exec_score: Decimal | None = None
    total_delta: Decimal = D("0")  # noqa: RUF009  (an immutable value)
    grade_shift: int = 0
    stated_rate: str | None = None
    planted: list = field(default_factory=list)  # (category, rule, severity, keys, note, extra quotes)
    edits: list[Callable[[list[Block]], None]] = field(default_factory=list)
    flags: dict = field(default_factory=dict)
    finalizers: list[Callable[[Report], None]] = field(default_factory=list)
    prose: Prose | None = None  # the fuller narrative's own random stream (None: the short reports)

    @property
    def cn_kind(self) -> str:
        return "部门整体支出绩效自评报告" if self.kind == "dept" else "项目支出绩效自评报告"

    def exec_rate(self) -> Decimal:
        f = self.funds
        return f["exec"] / f["full"]

    def scores(self) -> tuple[Decimal, Decimal, Decimal]:
        """(sum of indicator scores, 执行率 score, total)."""
        s = sum((i.score if i.score is not None else i.formula_score() for i in self.inds), D(0))
        ex = self.exec_score if self.exec_score is not None else q2(D(self.exec_weight) * min(self.exec_rate(), D(1)))
        return s, ex, s + ex + self.total_delta

    def grade(self) -> str:
        total = self.scores()[2] - self.total_delta
        bands = ["优", "良", "中", "差"]
        i = 0 if total >= 90 else 1 if total >= 80 else 2 if total >= 60 else 3
        return bands[min(max(i + self.grade_shift, 0), 3)]


def _rand_value(rng: random.Random, spec: IndSpec) -> Decimal:
    v = rng.uniform(spec.lo, spec.hi)
    if spec.integer:
        if v > 1000:
            return D(int(round(v, -2)))
        if v > 100:
            return D(int(round(v, -1)))
        return D(round(v))
    return q1(D(str(v))) if v > 10 else q2(D(str(v)))


def _ind_from(rng: random.Random, level1: str, spec: IndSpec, weight: int) -> Ind:
    t = _rand_value(rng, spec)
    if spec.kind == "cost":
        a = t * D(str(rng.uniform(0.88, 0.99)))
        a = D(int(a)) if spec.integer else q2(a)
        return Ind(level1, spec.level2, spec.name, "≤", t, spec.unit, a, weight, spec.kind, spec.integer)
    if spec.kind == "years":
        return Ind(level1, spec.level2, spec.name, "≥", t, spec.unit, t, weight, spec.kind, True)
    if spec.kind == "rate":
        t = D(int(t))
        a = q1(t + D(str(rng.uniform(0.3, min(4.0, 99.5 - float(t))))))
        return Ind(level1, spec.level2, spec.name, "≥", t, "%", a, weight, "rate", False)
    up = D(str(rng.choice([0, 0, rng.uniform(0.01, 0.15)])))
    a = t * (1 + up)
    a = D(int(a)) if spec.integer else (q1(a) if t > 10 else q2(a))
    a = max(a, t)
    return Ind(level1, spec.level2, spec.name, "≥", t, spec.unit, a, weight, "count", spec.integer)


def _weights(n: int, total: int, rng: random.Random) -> list[int]:
    if n == 1:
        return [total]
    base = [total // n] * n
    base[0] += total - sum(base)
    if n >= 2 and rng.random() < 0.5 and base[-1] >= 10:
        base[0] += 5
        base[-1] -= 5
    return base


def _sat_ind(rng: random.Random, name: str) -> Ind:
    t = D(rng.choice([85, 90, 90, 95]))
    a = q1(t + D(str(rng.uniform(0.5, min(8.0, 99.0 - float(t))))))
    return Ind("满意度指标", "服务对象满意度指标", name, "≥", t, "%", a, 10, "sat")


def _money(rng: random.Random, lo: float, hi: float) -> Decimal:
    return q2(D(str(rng.uniform(lo, hi))))


def _split(rng: random.Random, total: Decimal, k: int) -> list[Decimal]:
    cuts = sorted(rng.uniform(0.15, 0.85) for _ in range(k - 1))
    shares = [b - a for a, b in zip([0.0] + cuts, cuts + [1.0])]
    parts = [q2(total * D(str(s))) for s in shares[:-1]]
    parts.append(total - sum(parts, D(0)))
    return parts


def make_project(rng: random.Random, form: str) -> Report:
    spec = rng.choice(PROJECTS)
    year = rng.choice([2021, 2022, 2023, 2024])
    place = rng.choice(PLACES) + rng.choice(LEVELS)
    org = place + spec["unit"]
    dept = place + spec["dept"]
    outs = rng.sample(spec["outputs"], k=min(len(spec["outputs"]), rng.choice([2, 3])))
    out_inds = [IndSpec("质量指标", spec["quality"], "%", 95, 100, "rate")]
    extra = [spec["cost"]] if spec["cost"] and rng.random() < 0.7 else []
    allspecs = outs + out_inds + extra
    w = _weights(len(allspecs), 50, rng)
    inds = []
    for s, wt in zip(allspecs, w):
        if s.name == spec["quality"]:
            t = D(rng.choice([95, 98, 100]))
            a = t if t == 100 else D(rng.choice([int(t) + 1, 99, 100]))
            inds.append(Ind("产出指标", "质量指标", s.name, "≥" if t < 100 else "=", t, "%", a, wt, "rate", True))
        else:
            inds.append(_ind_from(rng, "产出指标", s, wt))
    bens = spec["benefits"]
    for s, wt in zip(bens, _weights(len(bens), 30, rng)):
        inds.append(_ind_from(rng, "效益指标", s, wt))
    inds.append(_sat_ind(rng, spec["sat"]))
    full = _money(rng, 120, 2500)
    carry = q2(full * D(str(rng.choice([0, 0, 0.03, 0.06, 0.1]))))
    grant = full - carry
    init = grant if rng.random() < 0.6 else q2(grant * D(str(rng.uniform(0.9, 1.0))))
    rate = D(str(rng.uniform(0.9, 1.0))) if rng.random() < 0.8 else D(1)
    exec_grant = q2(grant * rate)
    exec_carry = q2(carry * rate) if carry else D(0)
    funds = {"init": init, "full": full, "exec": exec_grant + exec_carry,
             "rows": [("当年财政拨款", init, grant, exec_grant), ("上年结转资金", D(0), carry, exec_carry),
                      ("其他资金", D(0), D(0), D(0))]}
    sign = (year + 1, rng.randint(1, 4), rng.randint(1, 28))
    pname = place + spec["name"]
    proj = "" if pname.endswith("项目") else "项目"
    title = rng.choice([f"{year}年度{pname}{proj}支出绩效自评报告", f"{pname}{year}年度项目支出绩效自评报告",
                        f"{org}关于{year}年度{spec['name']}的项目支出绩效自评报告"])
    r = Report("project", form, rng.randrange(3), rng.choice(PROVINCE_STYLES), year, place, org, dept, title,
               spec, inds, funds, sign, attach_table=(form == "table" or rng.random() < 0.6))
    r.flags["pname"] = pname
    return r


def make_dept(rng: random.Random) -> Report:
    spec = rng.choice(DEPTS)
    year = rng.choice([2021, 2022, 2023, 2024])
    place = rng.choice(PLACES) + rng.choice(LEVELS)
    org = place + spec["name"]
    outs = spec["outputs"]
    inds = [_ind_from(rng, "产出指标", s, w) for s, w in zip(outs, _weights(len(outs), 50, rng))]
    inds += [_ind_from(rng, "效益指标", s, w) for s, w in zip(spec["benefits"], _weights(len(spec["benefits"]), 30, rng))]
    inds.append(_sat_ind(rng, spec["sat"]))
    # staffing and assets
    adm, ins = rng.randint(0, 20), rng.randint(8, 60)
    adm_real, ins_real = max(adm - rng.randint(0, 2), 0), ins - rng.randint(0, 4)
    assets = _money(rng, 300, 5000)
    debt = q2(assets * D(str(rng.uniform(0.02, 0.2))))
    fixed = q2(assets * D(str(rng.uniform(0.3, 0.8))))
    # money: final = basic + project; basic = staff + office
    final = _money(rng, 400, 6000)
    basic = q2(final * D(str(rng.uniform(0.3, 0.6))))
    proj = final - basic
    staff = q2(basic * D(str(rng.uniform(0.75, 0.9))))
    office = basic - staff
    full = q2(final / D(str(rng.uniform(0.92, 0.995))))
    init = q2(full * D(str(rng.uniform(0.9, 1.0))))
    grant_inc = q2(final * D(str(rng.uniform(0.9, 0.98))))
    other_inc = q2(final * D(str(rng.uniform(0.01, 0.05))))
    plist = rng.sample(spec["projects"], k=min(len(spec["projects"]), rng.choice([2, 3, 4])))
    funds = {"init": init, "full": full, "exec": final, "basic": basic, "proj": proj, "staff": staff,
             "office": office, "income": grant_inc + other_inc, "grant_inc": grant_inc, "other_inc": other_inc,
             "plist": list(zip(plist, _split(rng, proj, len(plist)))), "adm": adm, "ins": ins,
             "adm_real": adm_real, "ins_real": ins_real, "retired": rng.randint(2, 30), "assets": assets,
             "debt": debt, "net": assets - debt, "fixed": fixed, "sent": rng.choice([200, 300, 400, 500])}
    funds["valid"] = funds["sent"] - rng.randint(3, 25)
    sign = (year + 1, rng.randint(1, 4), rng.randint(1, 28))
    title = rng.choice([f"{org}{year}年度部门整体支出绩效自评报告", f"{year}年度{org}部门整体支出绩效自评报告"])
    r = Report("dept", "narrative", rng.randrange(3), rng.choice(PROVINCE_STYLES), year, place, org, org, title, spec,
               inds, funds, sign)
    return r


# --------------------------------------------------------------------------- composing the text

def _m(v: str, key: str, label: str | None = None, metric: str | None = None) -> M:
    return M(v, key, label, metric)


def _target_phrase(rng: random.Random, ind: Ind, key: str) -> list:
    if ind.vague:
        return [ind.name, M(ind.vague, key, "target", ind.name)]
    val = ind.fmt(ind.target)
    if ind.comp == "≤":
        form = rng.choice(["{n}不超过{v}", "{n}控制在{v}以内", "{n}≤{v}"])
    elif ind.comp == "=":
        form = rng.choice(["{n}达到{v}", "{n}{v}"])
    else:
        form = rng.choice(["{n}不少于{v}", "{n}≥{v}", "{n}不低于{v}"] if ind.unit == "%" else
                          ["{n}不少于{v}", "{n}≥{v}", "{n}达到{v}以上"])
    a, b = form.split("{v}")
    return [a.replace("{n}", ind.name), M(val, key, "target", ind.name), b]


def _actual_phrase(rng: random.Random, ind: Ind, key: str) -> list:
    val = ind.fmt(ind.actual)
    form = rng.choice(["{n}为{v}", "{n}达到{v}", "{n}{v}"] if ind.kind != "count" else
                      ["{n}{v}", "{n}达到{v}", "实际{n}{v}"])
    a, b = form.split("{v}")
    return [a.replace("{n}", ind.name), M(val, key, "actual", ind.name), b]


def _pieces_join(parts: list[list], sep: str, end: str) -> list:
    out: list = []
    for i, p in enumerate(parts):
        if i:
            out.append(sep)
        out.extend(p)
    out.append(end)
    return out


def _heading_numbers(n: int, r: Report) -> list[str]:
    nums = [f"{CN[i]}、" for i in range(n)]
    slip = r.flags.get("numbering")
    if slip:
        i, how = slip
        if how == "skip":
            nums = nums[:i] + [f"{CN[j + 1]}、" for j in range(i, n)]
        else:
            nums[i] = f"{i + 1}、"
    return nums


def _dates(r: Report) -> str:
    y, m, d = r.sign_date
    return f"{y}年{m}月{d}日"


def compose(r: Report, rng: random.Random) -> list[Block]:
    blocks = compose_dept(r, rng) if r.kind == "dept" else compose_project(r, rng)
    for edit in r.edits:
        edit(blocks)
    return blocks


def _funding_sentence_project(r: Report, rng: random.Random) -> list:
    f = r.funds
    rows = f["rows"]
    rate = r.stated_rate or pct(r.exec_rate())
    parts = [["当年财政拨款", M(f"{mny(rows[0][2])}万元", "fund.grant.text", "budget", "当年财政拨款")]]
    if rows[1][2]:
        parts.append(["上年结转资金", M(f"{mny(rows[1][2])}万元", "fund.carry.text", "budget", "上年结转资金")])
    out = []
    if f["init"] != f["full"]:
        out += ["项目年初预算", M(f"{mny(f['init'])}万元", "fund.init.text", "budget", "年初预算数"), "，"]
    out += [rng.choice(["全年预算", "项目全年预算", "全年预算数"]),
            M(f"{mny(f['full'])}万元", "fund.full.text", "budget", "全年预算数")]
    if len(parts) > 1:
        out += ["，其中"] + _pieces_join(parts, "、", "。")
    else:
        out += ["，全部为当年财政拨款。"]
    out += [rng.choice(["全年执行", "截至年底实际支出", "全年实际支出"]),
            M(f"{mny(f['exec'])}万元", "fund.exec.text", "expenditure", "全年执行数"),
            "，预算执行率", M(rate, "fund.rate.text", "rate", "预算执行率"), "。"]
    left = f["full"] - f["exec"]
    if left > 0:
        out += [f"未支出的{mny(left)}万元主要为尚未结算的工程尾款，已按规定结转下年使用。"]
    return out


def _ind_table(r: Report, with_reason: bool = True) -> Block:
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    if with_reason:
        head.append("偏差原因分析及改进措施")
    rows: list[list] = [head]
    for k, i in enumerate(r.inds):
        tgt = (M(i.vague, f"ind{k}.target.table", "target", i.name) if i.vague else
               [M(("" if i.comp == "=" else i.comp) + i.fmt(i.target), f"ind{k}.target.table", "target", i.name)])
        score = i.score if i.score is not None else i.formula_score()
        row = [i.level1, i.level2, i.name, tgt if isinstance(tgt, list) else [tgt],
               [M(i.fmt(i.actual), f"ind{k}.actual.table", "actual", i.name)],
               [M(str(i.weight), f"ind{k}.weight", "weight", i.name)],
               [M(num(score), f"ind{k}.score", "score", i.name)]]
        if with_reason:
            row.append(i.reason)
        rows.append(row)
    _, _, total = r.scores()
    rows.append(["总分", "", "", "", "", M("100", "total.weight", "weight", "总分"),
                 M(num(q2(total)), "total.table", "score", "总分")] + ([""] if with_reason else []))
    return T(rows)


def _funds_table(r: Report) -> Block:
    f = r.funds
    rows: list[list] = [["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]
    tot = [sum((x[c] for x in f["rows"]), D(0)) for c in (1, 2, 3)]
    _, ex, _ = r.scores()
    rate = r.stated_rate or pct(r.exec_rate())
    rows.append(["年度资金总额", M(mny(tot[0]), "ft.total.init", "budget", "年初预算数"),
                 M(mny(tot[1]), "ft.total.full", "budget", "全年预算数"),
                 M(mny(tot[2]), "ft.total.exec", "expenditure", "全年执行数"),
                 M(str(r.exec_weight), "ft.weight", "weight", "预算执行率"), M(rate, "ft.rate", "rate", "预算执行率"),
                 M(num(ex), "ft.score", "score", "预算执行率")])
    for k, (name, a, b, c) in enumerate(f["rows"]):
        rr = pct(c / b) if b else "—"
        rows.append([("其中：" if k == 0 else "") + name, M(mny(a), f"ft.{k}.init", "budget", "年初预算数"),
                     M(mny(b), f"ft.{k}.full", "budget", "全年预算数"), M(mny(c), f"ft.{k}.exec", "expenditure", "全年执行数"),
                     "—", M(rr, f"ft.{k}.rate", "rate", "执行率") if b else "—", "—"])
    return T(rows)


def _self_table(r: Report, rng: random.Random) -> list[Block]:
    y, m, d = r.sign_date
    out = [P("项目支出绩效自评表"), P(f"（{r.year}年度）"),
           T([["项目名称", r.flags["pname"], "", ""], ["主管部门", r.dept, "实施单位", r.org]]),
           P(rng.choice(["资金使用情况（单位：万元）", "项目资金（万元）", "资金情况（单位：万元）"])), _funds_table(r),
           P("绩效指标完成情况")]
    table = _ind_table(r, with_reason=True)
    width = len(table.pieces[0])
    for row in ([["自评等级"], [M(r.grade(), "grade.table", "grade", "自评等级")]],
                [[f"填报单位：{r.org}"], [""], ["填报日期：", M(f"{y}年{m}月{d}日", "sign.table", None)]]):
        table.pieces.append(row + [[""]] * (width - len(row)))
    out.append(table)
    return out


def _satisfaction_sentence(rng: random.Random, r: Report, ind: Ind, k: int) -> list:
    y = r.year
    month = rng.choice([10, 11, 12])
    who = rng.choice(["入户走访", "发放调查问卷", "电话回访", "线上问卷"])
    return [M(f"{y}年{month}月", "survey.date", None), f"，{r.org.replace(r.place, '')}采取{who}方式开展满意度调查，",
            ind.name, "为", M(ind.fmt(ind.actual), f"ind{k}.actual.text", "actual", ind.name), "。"]


def _results_paragraphs(r: Report, rng: random.Random, level1: str) -> list:
    out: list = []
    parts = []
    for k, i in enumerate(r.inds):
        if i.level1 != level1 or not i.reported:
            continue
        if i.kind == "sat":
            return _satisfaction_sentence(rng, r, i, k)
        ph = _actual_phrase(rng, i, f"ind{k}.actual.text")
        if not i.met and i.missed_reason:
            ph += ["，", i.missed_reason]
        parts.append(ph)
    if not parts:
        return [rng.choice(["各项指标按计划推进。", "相关工作按计划开展。"])]
    out = [rng.choice(["全年", "截至年底，", "", "年内"])] + _pieces_join(parts, "；" if rng.random() < 0.5 else "，", "。")
    return out


def _targets_paragraphs(r: Report, rng: random.Random, numbered: bool) -> list[Block]:
    out = []
    groups = [("产出指标", "产出目标"), ("效益指标", "效益目标"), ("满意度指标", "满意度目标")]
    for n, (l1, name) in enumerate(groups, 1):
        parts = [_target_phrase(rng, i, f"ind{k}.target.text") for k, i in enumerate(r.inds) if i.level1 == l1]
        lead = f"{n}.{name}：" if numbered else f"{name}："
        out.append(P(lead, *_pieces_join(parts, "，" if rng.random() < 0.5 else "；", "。")))
    return out


def _conclusion(r: Report, rng: random.Random, key_prefix: str = "") -> list:
    _, _, total = r.scores()
    who = "本项目" if r.kind == "project" else rng.choice(["本单位", "我单位", "本部门"])
    return [f"经自评，{who}{r.year}年度绩效自评得分", M(f"{num(q2(total))}分", "total.text", "score", "总分"),
            "，", rng.choice(["自评等级为", "评价等级为", "等级为"]), "“", M(r.grade(), "grade.text", "grade", "自评等级"), "”。"]


def compose_project(r: Report, rng: random.Random) -> list[Block]:
    b: list[Block] = [Block("title", [r.title])]
    if r.form == "table":
        b = _self_table(r, rng)
        b.insert(2, P(f"年度总体目标：{r.spec['content']}。"))
        if r.prose:
            b[4:4] = _prose_table(r.prose)
        return b
    style = r.style
    heads = [["项目基本情况", "项目概况"], ["项目绩效目标完成情况", "绩效目标实现情况", "绩效目标完成情况"],
             ["自评结论", "自评结果"], ["存在的问题及改进措施", "存在问题及下一步改进措施"], ["自评结果应用", "结果应用及公开情况"]]
    titles = [rng.choice(h) for h in heads]
    if r.flags.get("drop_problems"):
        titles = titles[:3] + titles[4:]
    nums = _heading_numbers(len(titles), r)
    hk = iter(range(len(titles)))

    def h1(t):
        k = next(hk)
        return H(1, M(nums[k], f"h1.{k}", None), t)

    b.append(h1(titles[0]))
    b.append(H(2, "（一）基本情况" if "概况" in titles[0] else "（一）项目概况"))
    b.append(P(f"{r.flags['pname']}由{r.dept}主管，{r.org}组织实施，主要建设内容为{r.spec['content']}。"
               + _background(rng, r)))
    x = r.prose
    if x:
        b.append(x.para(PROJECT_WHY[r.spec["name"]], *PROJECT_POLICY))
        b.append(x.para(*PROJECT_BASIS, PROJECT_SCOPE[r.spec["name"]]))
    b.append(H(2, "（二）项目资金情况" if style != 1 else "（二）资金投入和使用情况"))
    b.append(P(*_funding_sentence_project(r, rng)))
    if x:
        b.append(x.para(*PROJECT_FUNDS, *x.pick(PLAIN_FUNDS, x.rng.randint(1, 2))))
        b.append(x.para("=procurement", *PROJECT_PROCURE))
    b.append(H(2, "（三）项目组织实施情况"))
    b.append(P(_organisation(rng)))
    if x:
        b.append(x.para(*PROJECT_MANAGE, *x.pick(PLAIN_PROJECT, 2)))
    b.append(H(2, "（四）项目绩效目标"))
    if x:
        b.append(x.para("=indicator_count", *PROJECT_GOAL))
    b += _targets_paragraphs(r, rng, numbered=True)
    b.append(h1(titles[1]))
    for n, (l1, name) in enumerate([("产出指标", "产出指标完成情况"), ("效益指标", "效益指标完成情况"),
                                    ("满意度指标", "满意度指标完成情况")]):
        b.append(H(2, f"（{CN[n]}）{name}"))
        b.append(P(*_results_paragraphs(r, rng, l1)))
        if x:
            detail = PROJECT_DETAIL[r.spec["name"]]
            b.append(x.para(*(PROJECT_WORK[r.spec["name"]] + detail[:1] + PROJECT_PROCESS[r.spec["name"]],
                              [PROJECT_EFFECT[r.spec["name"]]] + _benefit(r) + detail[1:],
                              PROJECT_SURVEY + PROJECT_SAT_PLAIN)[n],
                            *x.pick(PLAIN_PROJECT, (2, 1, 0)[n])))
    if x:
        b.append(H(2, x.rng.choice(["（四）项目实施的主要做法", "（四）主要做法和经验", "（四）项目管理的主要做法"])))
        b += [x.para(*x.pick(PRACTICE, 3)), x.para(*x.pick(PRACTICE, 3)), x.para(*PRACTICE_MORE)]
    b.append(h1(titles[2]))
    b.append(P(*_conclusion(r, rng)))
    b.append(P(rng.choice(["项目实施程序规范，资金管理和使用符合有关规定，", "项目管理制度健全，资金拨付手续完备，"]),
               rng.choice(["绩效目标设置与项目内容相符，自评工作按要求组织开展。",
                           "自评工作由项目单位组织相关业务和财务人员共同完成。"])))
    if x:
        b.append(x.para(*PROJECT_SELF, *x.pick(PLAIN_SELF, x.rng.randint(2, 3))))
    if not r.flags.get("drop_problems"):
        b.append(h1(titles[3]))
        b.append(P(*_problems(r, rng)))
        if x:  # the problems, their causes, then the measures
            found = b.pop()
            b += [P(*found.pieces[:4]), x.para(PROJECT_RISK[r.spec["name"]], *x.pick(PLAIN_PROBLEM, 1)),
                  x.para(*PROJECT_CAUSES, *x.pick(PLAIN_PROBLEM, 1)),
                  P(*found.pieces[4:], *x.para(*x.pick(PLAIN_MEASURE, 3)).pieces)]
    b.append(h1(titles[-1]))
    b.append(P("自评结果将作为下一年度项目资金安排的重要依据，对发现的问题建立整改台账，明确责任和时限，"
               "并按规定随部门决算向社会公开。"))
    if x:
        b.append(x.para(*PLAIN_APPLY))
        b.append(x.para(*PROJECT_APPLY))
    if r.attach_table or r.flags.get("attachment_missing"):
        b.append(P(M("附件", "attach", None), "：项目支出绩效自评表"))
    if r.attach_table and not r.flags.get("attachment_missing"):
        b += _self_table(r, rng)
    else:
        y, m, d = r.sign_date
        b += [P(r.org), P(M(f"{y}年{m}月{d}日", "sign.text", None))]
    return b


ORGANISATION = [
    ["项目实行项目法人责任制、招标投标制、建设监理制和合同管理制。",
     "项目严格执行政府采购和招标投标有关规定，施工和监理单位均通过公开招标确定。",
     "项目单位成立了由主要负责人任组长的项目实施领导小组，明确分管领导和具体责任人。"],
    ["资金按合同约定和工程进度拨付，每笔支付均经项目单位、监理单位和主管部门审核。",
     "项目资金实行专账核算、专款专用，支付审批手续齐全，未发现挤占挪用情况。",
     "财务部门按月对账，及时掌握资金支付进度，确保资金使用安全规范。"],
    ["实施过程中定期召开调度会议，协调解决用地、施工组织等问题。",
     "主管部门组织开展了两次专项督查，对发现的问题督促限期整改。",
     "项目建成后及时组织验收并移交使用单位，落实了后续管护责任和经费。"],
]


BACKGROUND = [
    ["该项目是{y}年度{place}民生实事项目之一，", "该项目列入{place}{y}年度重点工作任务，", "根据上级有关文件精神，"],
    ["项目立项前开展了实地调研和可行性论证，", "项目经主管部门集体研究后申报立项，", "项目实施方案经财政部门审核后批复，"],
    ["实施范围覆盖所辖各乡镇（街道）。", "由项目单位按年度计划分批组织实施。", "项目周期为一年，当年安排、当年实施。"],
]


def _background(rng: random.Random, r: Report) -> str:
    return "".join(rng.choice(g) for g in BACKGROUND).format(y=r.year, place=r.place)


def _organisation(rng: random.Random) -> str:
    return "".join(rng.choice(group) for group in ORGANISATION)


def _problems(r: Report, rng: random.Random) -> list:
    probs = ["一是部分工作进度前紧后松，资金支付集中在下半年", "一是绩效目标设置还不够细化，个别指标量化程度不高",
             "一是项目前期准备不够充分，个别环节推进较慢"]
    probs2 = ["二是绩效监控的频次和深度还需加强", "二是基层单位绩效管理人员业务能力有待提升",
              "二是项目后续管护机制还需完善"]
    fix = ["下一步将加强项目前期论证，细化绩效目标，按月跟踪资金支付进度，对进度滞后的环节及时督办。",
           "下一步将完善绩效监控机制，组织绩效管理业务培训，把自评发现的问题纳入整改台账逐项销号。",
           "下一步将提前做好项目储备和前期准备，合理安排实施计划，确保资金及时发挥效益。"]
    sep = M("；", "punct.sep", None)
    return [rng.choice(probs), sep, rng.choice(probs2), "。", rng.choice(fix)]


def compose_dept(r: Report, rng: random.Random) -> list[Block]:
    f = r.funds
    b: list[Block] = [Block("title", [r.title])]
    style = r.style
    if style == 0:
        heads = ["部门基本情况", "部门预算收支情况", "部门整体支出绩效目标", "部门整体支出绩效实现情况",
                 "存在的问题及原因分析", "下一步改进措施", "绩效自评结果及应用"]
    elif style == 1:
        heads = ["部门概况", "部门整体支出管理及使用情况", "年度绩效目标", "绩效目标完成情况",
                 "存在问题及改进措施", "绩效自评结果拟应用和公开情况"]
    else:
        heads = ["单位基本情况", "预算收支执行情况", "整体支出绩效目标", "绩效目标实现情况",
                 "存在的主要问题", "改进措施和建议", "自评结果应用和公开"]
    if r.flags.get("drop_problems"):
        heads = [h for h in heads if "问题" not in h or "措施" in h]
        heads = [h.replace("存在问题及", "") for h in heads]
    nums = _heading_numbers(len(heads), r)
    idx = {h: k for k, h in enumerate(heads)}

    def h1(name):
        k = idx[name]
        return H(1, M(nums[k], f"h1.{k}", None), name)

    b.append(P(f"按照{r.place}财政局关于开展{r.year}年度预算绩效自评工作的要求，{rng.choice(['我单位', '本单位'])}"
               f"对{r.year}年度部门整体支出开展了绩效自评，现将有关情况报告如下："))
    b.append(h1(heads[0]))
    b.append(H(2, "（一）主要职能"))
    b.append(P(f"{r.org}是{r.spec['kind']}，主要负责{r.spec['duty']}等工作。"))
    x = r.prose
    if x:
        b.append(x.para(*DEPT_DUTY[r.spec["name"]]))
    b.append(H(2, "（二）机构设置和人员情况"))
    offices = r.spec["offices"]
    adm, ins, ar, ir = f["adm"], f["ins"], f["adm_real"], f["ins_real"]
    staff_txt = [f"内设{'、'.join(offices)}{len(offices)}个股室。{r.year}年末核定编制",
                 M(f"{adm + ins}人", "staff.quota", "count", "核定编制")]
    if adm:
        staff_txt += ["，其中行政编制", M(f"{adm}人", "staff.adm", "count", "行政编制"), "、事业编制",
                      M(f"{ins}人", "staff.ins", "count", "事业编制")]
    staff_txt += ["；实有在职人员", M(f"{ar + ir}人", "staff.real", "count", "实有在职人员"), "；退休人员",
                  M(f"{f['retired']}人", "staff.retired", "count", "退休人员"), "。"]
    b.append(P(*staff_txt))
    if x:
        b.append(x.para("=staff_profile", *x.pick(PLAIN_CONDUCT, x.rng.randint(2, 3))))
    b.append(H(2, "（三）资产情况"))
    b.append(P(f"截至{r.year}年12月31日，资产总额", M(f"{mny(f['assets'])}万元", "assets", "other", "资产总额"),
               "，其中固定资产", M(f"{mny(f['fixed'])}万元", "fixed", "other", "固定资产"), "；负债总额",
               M(f"{mny(f['debt'])}万元", "debt", "other", "负债总额"), "；净资产", M(f"{mny(f['net'])}万元", "net", "other", "净资产"), "。"))
    if x:
        b += _prose_dept_work(x)
    b.append(h1(heads[1]))
    b.append(H(2, "（一）收入情况"))
    b.append(P(f"{r.year}年度收入总额", M(f"{mny(f['income'])}万元", "income", "budget", "收入总额"), "，其中财政拨款收入",
               M(f"{mny(f['grant_inc'])}万元", "income.grant", "budget", "财政拨款收入"), "，其他收入",
               M(f"{mny(f['other_inc'])}万元", "income.other", "budget", "其他收入"), "。"))
    b.append(H(2, "（二）支出情况"))
    rate = r.stated_rate or pct(r.exec_rate())
    more = f["exec"] > f["init"]
    reason = r.flags.get("variance_reason") or ("决算数大于年初预算数，主要原因是年中追加了专项工作经费。" if more else
                                                 "决算数小于年初预算数，主要原因是部分项目按进度结转下年。")
    b.append(P(f"{r.year}年年初预算", M(f"{mny(f['init'])}万元", "fund.init.text", "budget", "年初预算数"),
               "，全年预算", M(f"{mny(f['full'])}万元", "fund.full.text", "budget", "全年预算数"),
               "。全年支出决算", M(f"{mny(f['exec'])}万元", "fund.exec.text", "expenditure", "支出决算"),
               "，其中基本支出", M(f"{mny(f['basic'])}万元", "basic.1", "expenditure", "基本支出"), "，项目支出",
               M(f"{mny(f['proj'])}万元", "proj.1", "expenditure", "项目支出"), "，预算执行率",
               M(rate, "fund.rate.text", "rate", "预算执行率"), "。", reason))
    share = pct(f["staff"] / f["basic"])
    b.append(P("1.基本支出。基本支出", M(f"{mny(f['basic'])}万元", "basic.2", "expenditure", "基本支出"),
               "，其中人员经费", M(f"{mny(f['staff'])}万元", "staffcost", "expenditure", "人员经费"),
               "，占基本支出的", M(share, "staff.share", "rate", "人员经费占比"), "；公用经费",
               M(f"{mny(f['office'])}万元", "office", "expenditure", "公用经费"), "，主要用于办公、水电和差旅等日常运转。"))
    items = [[name, M(f"{mny(v)}万元", f"plist.{k}", "expenditure", name)] for k, (name, v) in enumerate(f["plist"])]
    b.append(P("2.项目支出。项目支出", M(f"{mny(f['proj'])}万元", "proj.2", "expenditure", "项目支出"), "，其中",
               *_pieces_join(items, "、", "。")))
    if x:
        b.append(x.para(*DEPT_SPEND))
        b += _prose_dept_topics(x, 2)
    b.append(h1(heads[2]))
    if x:
        b.append(x.para(DEPT_AIM[r.spec["name"]]))
    b.append(P(f"围绕{r.spec['duty'].split('、')[0]}等职责，确定{r.year}年度绩效目标如下："))
    b += _targets_paragraphs(r, rng, numbered=True)
    if x:
        b.append(x.para(*DEPT_GOAL))
    b.append(h1(heads[3]))
    for n, (l1, name) in enumerate([("产出指标", "产出情况"), ("效益指标", "效益情况"), ("满意度指标", "满意度情况")]):
        b.append(H(2, f"（{CN[n]}）{name}"))
        paras = _results_paragraphs(r, rng, l1)
        if l1 == "满意度指标":
            paras = paras[:-1] + ["。本次共发放问卷", M(f"{f['sent']}份", "sent", "count", "发放问卷"), "，收回有效问卷",
                                  M(f"{f['valid']}份", "valid", "count", "有效问卷"), "。"]
        if l1 == "产出指标":
            paras = paras + ["全年保障在职人员", M(f"{ar + ir}人", "staff.real.2", "count", "实有在职人员"), "工资按时足额发放。"]
        b.append(P(*paras))
        if x:
            b.append(_prose_dept_result(x, n))
    if x:
        b.append(H(2, x.rng.choice(["（四）履职效能情况", "（四）管理效率情况", "（四）其他工作成效"])))
        b += [x.para(*x.pick(EFFICIENCY, 3)), x.para(*x.pick(EFFICIENCY, 3))]
    for name in heads[4:-1]:
        b.append(h1(name))
        if "问题" in name:
            b.append(P(*_problems(r, rng)[:4]))
            if x:
                b.append(x.para(*DEPT_CAUSES, *x.pick(PLAIN_PROBLEM, x.rng.randint(1, 2))))
                if "措施" in name:
                    b.append(_prose_dept_measures(x, ("改进措施：一是", "二是")))
        else:
            b.append(P("一是加强预算编制的科学性，细化绩效目标；二是强化绩效运行监控，及时纠正执行偏差。"))
            if x:
                b.append(_prose_dept_measures(x, ("三是", "四是")))
    b.append(h1(heads[-1]))
    b.append(P(*_conclusion(r, rng)[:-1], "”。自评结果将作为编制下一年度部门预算的重要参考，并按规定公开。"))
    if x:
        b.append(x.para(*DEPT_DISCLOSE))
    if r.flags.get("attachment_missing"):
        b.append(P(M("附件", "attach", None), f"：{r.org}{r.year}年度部门整体支出绩效自评表"))
    b += [P(r.org), P(M(_dates(r), "sign.text", None))]
    return b


# --------------------------------------------------------------------------- planted problems

@dataclass
class Plant:
    category: str
    rule: str
    apply: Callable[[Report, random.Random], bool]  # modifies the report; False when it does not fit
    kinds: tuple[str, ...] = ("dept", "project")
    forms: tuple[str, ...] = ("narrative", "table")
    slots: tuple[str, ...] = ()


def _label(r: Report, category: str, rule: str, keys: list[str], note: str, severity: str = "warning",
           required: bool = True) -> None:
    r.planted.append((category, rule, severity, keys, note, required))


def _replace_mark(key: str, new: str, nth: int = 0) -> Callable[[list[Block]], None]:
    def edit(blocks: list[Block]) -> None:
        seen = 0
        for m in _marks(blocks):
            if m.key == key:
                if seen == nth:
                    m.text = new
                    return
                seen += 1
    return edit


def _marks(blocks: list[Block]) -> Iterable[M]:
    for b in blocks:
        if b.kind == "table":
            for row in b.pieces:
                for cell in row:
                    yield from (p for p in cell if isinstance(p, M))
        else:
            yield from (p for p in b.pieces if isinstance(p, M))


def _pick_ind(r: Report, rng: random.Random, kinds=("count",)) -> int | None:
    cands = [k for k, i in enumerate(r.inds) if i.kind in kinds and i.level1 != "满意度指标" and i.met and not i.vague
             and i.reported]
    return rng.choice(cands) if cands else None


def p_target_missed(r, rng, with_reason=True, full_marks=False):
    k = _pick_ind(r, rng, ("count", "rate"))
    if k is None:
        return False
    i = r.inds[k]
    drop = D(str(rng.uniform(0.06, 0.2)))
    i.actual = (D(int(i.target * (1 - drop))) if i.integer else q1(i.target * (1 - drop)) if i.unit == "%" or i.target > 10
                else q2(i.target * (1 - drop)))
    if i.actual >= i.target:
        return False
    if with_reason:
        i.missed_reason = rng.choice(["未达到年度目标，主要原因是受汛期影响部分工作延期实施",
                                      "未完成年度目标，主要原因是个别实施地点前期手续办理滞后"])
        i.reason = "受客观因素影响部分任务延期，已调整至下年实施"
    if full_marks:
        i.score = D(i.weight)
    keys = [f"ind{k}.actual.text" if r.form == "narrative" else f"ind{k}.actual.table"]
    _label(r, "target-not-met", "JX101", keys + [keys[0].replace("actual", "target")],
           f"{i.name}实际{i.fmt(i.actual)}，未达到年度指标值{i.comp}{i.fmt(i.target)}", "error")
    if full_marks:
        _label(r, "score-mismatch", "JX603", [f"ind{k}.score"], f"{i.name}未达标却得满分{i.weight}分", "error")
    if not with_reason and (r.form == "table" or r.attach_table) or not with_reason:
        _label(r, "other", "JX1501", [keys[0]], f"{i.name}未达标，未说明偏差原因", "warning")
    return True


def p_missing_reason(r, rng):
    return p_target_missed(r, rng, with_reason=False)


def p_full_marks(r, rng):
    if r.form == "narrative" and not r.attach_table:
        return False
    return p_target_missed(r, rng, with_reason=True, full_marks=True)


def p_score_above_weight(r, rng):
    if r.form == "narrative" and not r.attach_table:
        return False
    k = rng.choice([k for k, i in enumerate(r.inds) if i.met])
    i = r.inds[k]
    i.score = D(i.weight + rng.choice([1, 2, 5]))
    _label(r, "score-mismatch", "JX601", [f"ind{k}.score"], f"{i.name}得分{i.score}超过分值{i.weight}", "error")

    def over_hundred(r: Report) -> None:
        total = r.scores()[2]
        if total > 100:
            _label(r, "score-mismatch", "JX601", ["total.table"], f"总分{num(q2(total))}超过满分100分", "error")
    r.finalizers.append(over_hundred)
    return True


def p_exec_score_off(r, rng):
    if r.form == "narrative" and not r.attach_table:
        return False
    _, ex, _ = r.scores()
    r.exec_score = ex - D(rng.choice([1, 2]))
    _label(r, "score-mismatch", "JX602", ["ft.score"], f"执行率得分应为{ex}，填{r.exec_score}", "error")
    return True


def p_total_not_sum(r, rng):
    if r.kind == "dept" or not (r.form == "table" or r.attach_table):
        return False  # without the 自评表 the item scores are not in the report
    r.total_delta = D(rng.choice(["-3", "-2", "1.5", "-1.2"]))
    _, _, total = r.scores()
    if total > 100:
        r.total_delta = -r.total_delta
    key = "total.table"
    _label(r, "score-mismatch", "JX604", [key], "各项得分之和与总分不符", "error")
    return True


def p_grade(r, rng):
    g = r.grade()
    r.grade_shift = 1 if g == "优" else -1
    key = "grade.text" if r.form == "narrative" else "grade.table"
    _label(r, "grade-mismatch", "JX651", [key], f"得分所在档次为“{g}”，自评为“{r.grade()}”", "error")
    return True


def p_target_unreported(r, rng):
    if r.form == "table" or (r.kind == "project" and r.attach_table):
        return False
    k = _pick_ind(r, rng, ("count", "rate"))
    if k is None:
        return False
    r.inds[k].reported = False
    _label(r, "target-without-actual", "JX701", [f"ind{k}.target.text"], f"目标“{r.inds[k].name}”未见完成情况")
    return True


def p_unit_slip(r, rng):
    if r.kind == "dept":
        k = rng.randrange(len(r.funds["plist"]))
        name, v = r.funds["plist"][k]
        r.edits.append(_replace_mark(f"plist.{k}", f"{mny(v)}元"))
        _label(r, "unit-mismatch", "JX201", [f"plist.{k}"], f"{name}写作元，按万元合计才相符", "error")
        return True
    if not (r.form == "table" or r.attach_table):
        return False
    v = r.funds["rows"][0][3]
    r.edits.append(_replace_mark("ft.0.exec", f"{mny(v)}元"))
    _label(r, "unit-mismatch", "JX202", ["ft.0.exec"], "万元表中一格写作元", "error")
    return True


def p_sum(r, rng):
    if r.kind == "dept":
        k = rng.randrange(len(r.funds["plist"]))
        _name, v = r.funds["plist"][k]
        new = v + D(rng.choice(["18.00", "27.00", "9.00", "-9.00", "45.00"]))
        if new <= 0:
            return False
        r.edits.append(_replace_mark(f"plist.{k}", f"{mny(new)}万元"))
        _label(r, "sum-mismatch", "JX301", [f"plist.{k}"], f"项目支出各项之和与{num(r.funds['proj'])}万元不符", "error")
        return True
    if not (r.form == "table" or r.attach_table):
        return False
    a = r.funds["rows"][0][1]
    new = a - D(rng.choice(["20.00", "15.00", "30.00"]))
    r.edits.append(_replace_mark("ft.0.init", mny(new)))
    _label(r, "sum-mismatch", "JX302", ["ft.0.init"], "年初预算数一列各项之和与合计不符", "error")
    return True


def p_rate(r, rng):
    true = r.exec_rate()
    delta = D(rng.choice(["0.05", "0.04", "0.03"]))
    if true + delta >= 1:
        delta = -delta  # true > 0.95 then, so the stated rate stays at 90% or more (no 偏低 warning)
    r.stated_rate = pct(true + delta)
    key = "fund.rate.text" if r.form == "narrative" else "ft.rate"
    _label(r, "rate-mismatch", "JX501", [key], f"执行率应为{pct(true)}，写作{r.stated_rate}", "error")
    if r.form == "narrative" and r.attach_table:
        _label(r, "rate-mismatch", "JX501", ["ft.rate"], "自评表中同一执行率（同一处错误）", "error", required=False)
    if r.form == "table" or r.attach_table:
        # the 执行率 score follows the true rate, so it no longer matches the stated one
        _label(r, "score-mismatch", "JX602", ["ft.score"], "执行率得分与所写执行率不符（同一处错误的后果）",
               "warning", required=False)
    return True


def p_value_conflict(r, rng):
    if r.kind == "dept":
        real = r.funds["adm_real"] + r.funds["ins_real"]
        new = real + rng.choice([3, 5, 11, -4])
        r.edits.append(_replace_mark("staff.real.2", f"{new}人"))
        _label(r, "value-conflict", "JX401", ["staff.real.2"], f"在职人员前文{real}人，后文{new}人")
        return True
    if not (r.form == "narrative" and r.attach_table):
        return False
    k = len(r.inds) - 1  # satisfaction: the text and the table
    i = r.inds[k]
    new = i.actual - D("2.7") if i.actual - D("2.7") >= i.target else i.actual + D("0.6")
    if new >= 100:
        return False
    r.edits.append(_replace_mark(f"ind{k}.actual.text", i.fmt(new)))
    _label(r, "value-conflict", "JX401", [f"ind{k}.actual.text"], f"{i.name}正文{i.fmt(new)}，自评表{i.fmt(i.actual)}")
    return True


def p_implausible(r, rng):
    k = len(r.inds) - 1
    i = r.inds[k]
    i.actual = q1(D(100) + D(str(rng.uniform(0.5, 8))))
    key = f"ind{k}.actual.text" if r.form == "narrative" else f"ind{k}.actual.table"
    _label(r, "implausible-value", "JX901", [key], f"{i.name}{i.fmt(i.actual)}超过100%", "error")
    return True


def p_date(r, rng):
    d = r.sign_date[2]
    r.sign_date = (r.year, rng.randint(2, 9), d)
    key = "sign.text" if r.form == "narrative" and not r.attach_table else "sign.table"
    _label(r, "date-inconsistent", "JX1001", [key], f"报告日期{r.year}年{r.sign_date[1]}月早于评价年度结束", "warning")
    return True


def p_numbering(r, rng):
    if r.form == "table":
        return False
    n = (6 if r.style == 1 else 7) if r.kind == "dept" else 5  # top headings (no section dropped: same slot)
    i = rng.randrange(2, n - 1)
    how = rng.choice(["skip", "arabic"])
    r.flags["numbering"] = (i, how)
    _label(r, "numbering", "JX1101", [f"h1.{i}"],
           "一级标题序号跳号" if how == "skip" else "一级标题中混入阿拉伯数字序号")
    if how == "arabic":
        # read as a lower-level heading, the slip also leaves a gap before the next top heading
        _label(r, "numbering", "JX1101", [f"h1.{i + 1}"], "阿拉伯数字序号造成的跳号（同一处错误的后果）",
               required=False)
    return True


def p_punct(r, rng):
    if r.form == "table":
        return False
    new = rng.choice(["；；", "；，", "。，"])
    r.edits.append(_replace_mark("punct.sep", new))
    _label(r, "punctuation", "JX1201", ["punct.sep"], "标点重复", "info")
    return True


def p_attachment(r, rng):
    if r.form == "table" or r.attach_table:
        return False
    r.flags["attachment_missing"] = True
    _label(r, "missing-section", "JX1302", ["attach"], "列出附件自评表，正文未附")
    return True


def p_drop_section(r, rng):
    if r.form == "table" or r.kind == "dept" and r.style == 1:
        return False
    r.flags["drop_problems"] = True
    _label(r, "missing-section", "JX1301", ["title"], "缺少“存在问题”部分")
    return True


def p_vague(r, rng):
    k = _pick_ind(r, rng, ("rate",))
    if k is None or r.inds[k].level1 == "产出指标" and r.inds[k].level2 == "质量指标":
        k = _pick_ind(r, rng, ("rate",))
    if k is None:
        return False
    i = r.inds[k]
    i.vague = rng.choice(["有所提高", "进一步提高", "明显提升"])
    key = f"ind{k}.target.text" if r.form == "narrative" else f"ind{k}.target.table"
    _label(r, "vague-target", "JX1401", [key], f"{i.name}目标“{i.vague}”无法衡量")
    return True


def p_budget_variance(r, rng):
    if r.kind != "dept":
        return False
    f = r.funds
    f["init"] = q2(f["exec"] * D(str(rng.uniform(0.3, 0.55))))
    _label(r, "budget-variance", "JX801", ["fund.init.text", "fund.exec.text"], "年初预算与决算相差过大")
    return True


PLANTS = [
    Plant("target-not-met", "JX101", p_target_missed, slots=("ind",)),
    Plant("other", "JX1501", p_missing_reason, slots=("ind",)),
    Plant("score-mismatch", "JX603", p_full_marks, kinds=("project",), slots=("ind", "score")),
    Plant("score-mismatch", "JX601", p_score_above_weight, kinds=("project",), slots=("score",)),
    Plant("score-mismatch", "JX602", p_exec_score_off, kinds=("project",), slots=("score", "rate")),
    Plant("score-mismatch", "JX604", p_total_not_sum, kinds=("project",), slots=("score", "total")),
    Plant("grade-mismatch", "JX651", p_grade, slots=("grade", "total")),
    Plant("target-without-actual", "JX701", p_target_unreported, slots=("ind",)),
    Plant("unit-mismatch", "JX201", p_unit_slip, slots=("funds", "rate")),  # a 元 cell stops the rate check
    Plant("sum-mismatch", "JX301", p_sum, slots=("funds",)),
    Plant("rate-mismatch", "JX501", p_rate, slots=("rate",)),
    Plant("value-conflict", "JX401", p_value_conflict, slots=("sat", "staff")),
    Plant("implausible-value", "JX901", p_implausible, slots=("sat",)),
    Plant("date-inconsistent", "JX1001", p_date, slots=("date",)),
    Plant("numbering", "JX1101", p_numbering, kinds=("dept", "project"), slots=("outline",)),
    Plant("punctuation", "JX1201", p_punct, slots=("punct",)),
    Plant("missing-section", "JX1302", p_attachment, slots=("attach", "outline_tail")),
    Plant("missing-section", "JX1301", p_drop_section, slots=("outline", "punct")),
    Plant("vague-target", "JX1401", p_vague, slots=("ind",)),
    Plant("budget-variance", "JX801", p_budget_variance, kinds=("dept",), slots=("funds_total",)),
]


# --------------------------------------------------------------------------- one report, many reports

@dataclass
class Generated:
    name: str
    text: str
    blocks: list[Block]
    record: Record


def make_report(rng: random.Random, index: int, *, clean: bool | None = None,
                prose: random.Random | None = None) -> tuple[Report, list[Block]]:
    """The report and its blocks; with ``prose`` (a random stream of its own) the fuller narrative
    of a real report is added, the rest drawn from ``rng`` exactly as without it."""
    kind = rng.choice(["dept", "project", "project"])
    r = make_dept(rng) if kind == "dept" else make_project(rng, rng.choice(["narrative", "narrative", "table"]))
    if clean is None:
        clean = rng.random() < CLEAN_SHARE
    if not clean:
        want = rng.choice([1, 1, 2, 2, 3])
        used: set[str] = set()
        cands = [p for p in PLANTS if r.kind in p.kinds]
        rng.shuffle(cands)
        for p in cands:
            if want == 0:
                break
            if used & set(p.slots):
                continue
            if p.apply(r, rng):
                used |= set(p.slots)
                want -= 1
    for fin in r.finalizers:
        fin(r)
    if prose is not None:
        r.prose = Prose(prose, r)
    blocks = compose(r, rng)
    return r, blocks


def _record(r: Report, blocks: list[Block], name: str, fmt: str, seed: int, index: int) -> tuple[str, Record]:
    text, where, spans = render(blocks)
    title_end = text.index("\n")
    where["title"] = [(0, title_end)]
    findings = []
    for category, rule, severity, keys, note, required in r.planted:
        missing = [k for k in keys if k not in where]
        if missing:
            raise RuntimeError(f"{name}: planted {rule} refers to {missing}, not in the text")
        locs = [where[k][0] for k in keys]
        quotes = [text[a:b] for a, b in locs]
        if category == "missing-section" and rule == "JX1301":
            quotes = [text[0:title_end]]
        findings.append(ExpectedFinding(category, severity, quotes, locs, rule, required, note))
    # span ids (render left the mark's key in ``id``) and relations
    by_key: dict[str, list[Span]] = {}
    for n, s in enumerate(spans):
        by_key.setdefault(s.id or "", []).append(s)
        s.id = f"s{n}"
    relations = []
    for k, ss in by_key.items():
        if ".target." in k:
            act = by_key.get(k.replace(".target.", ".actual."))
            if act:
                relations.append(Relation("target-actual", ss[0].id, act[0].id))
    if r.kind == "dept":
        whole = by_key.get("proj.2")
        for k in range(len(r.funds["plist"])):
            part = by_key.get(f"plist.{k}")
            if part and whole:
                relations.append(Relation("part-whole", part[0].id, whole[0].id))
    else:
        for col in ("init", "full", "exec"):
            whole = by_key.get(f"ft.total.{col}")
            for k in range(3):
                part = by_key.get(f"ft.{k}.{col}")
                if part and whole:
                    relations.append(Relation("part-whole", part[0].id, whole[0].id))
    doc = DocumentRef(path=f"{name}.{fmt}", format=fmt, kind=r.cn_kind, form=r.form,
                      style=f"{r.province}提纲{'甲乙丙'[r.style]}", province=r.province)
    prov = Provenance(source="generated", licence="MIT", labelled_by="jixiao 生成器（问题为有意设置，标注随生成写出）",
                      generator=GENERATOR, seed=seed)
    return text, Record(doc, None, spans, relations, findings, prov, name)


def generate_one(seed: int, index: int, *, clean: bool | None = None, full: bool = True) -> Generated:
    """Report ``index`` of the series for ``seed``: the same for the same pair. ``full``: with the
    narrative of a real report (management, the year's work, how the project ran and was
    evaluated); ``full=False`` gives the short reports of generator version 1, byte for byte (the
    narrative has a random stream of its own, so everything else is the same either way)."""
    rng = random.Random(f"{seed}:{index}")
    prose = random.Random(f"{seed}:{index}:prose") if full else None
    r, blocks = make_report(rng, index, clean=clean, prose=prose)
    name = f"gen-{seed}-{index:05d}"
    text, rec = _record(r, blocks, name, "txt", seed, index)
    if not full:
        rec.provenance.generator = f"{GENERATOR} (short)"
    return Generated(name, text, blocks, rec)


def txt_bytes(blocks: list[Block]) -> bytes:
    """The .txt file: blocks separated by blank lines, table rows by newlines (jixiao reads the
    same text back, without the blank lines)."""
    out = []
    for b in blocks:
        if b.kind == "table":
            out.append("\n".join("\t".join("".join(p if isinstance(p, str) else p.text for p in cell) for cell in row)
                                 for row in b.pieces))
        else:
            out.append(b.text())
    return ("\n\n".join(out) + "\n").encode("utf-8")


def docx_bytes(blocks: list[Block], title: str) -> bytes:
    """The .docx file: heading styles for headings, real Word tables for tables."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    doc.core_properties.title = title
    doc.core_properties.author = "jixiao 生成器"
    for b in blocks:
        if b.kind == "title":
            p = doc.add_paragraph(b.text())
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.runs[0].bold = True
        elif b.kind.startswith("h"):
            doc.add_heading(b.text(), level=int(b.kind[1]))
        elif b.kind == "p":
            doc.add_paragraph(b.text())
        else:
            rows = b.pieces
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = "".join(p if isinstance(p, str) else p.text for p in cell)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def generate(n: int, seed: int, out_dir: str | Path, formats: Iterable[str] = ("txt", "docx"),
             *, labels_name: str = "labels.jsonl", full: bool = True) -> Path:
    """Write ``n`` reports in each of ``formats`` to ``out_dir`` and their labels to
    ``out_dir/labels.jsonl`` (one record per report and format). Returns the labels path.
    ``full=False``: the short reports (see ``generate_one``)."""
    formats = tuple(formats)
    bad = [f for f in formats if f not in ("txt", "docx")]
    if bad or not formats:
        raise ValueError(f"unknown format(s): {', '.join(bad) or '(none)'}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for i in range(n):
        g = generate_one(seed, i, full=full)
        for fmt in formats:
            data = txt_bytes(g.blocks) if fmt == "txt" else docx_bytes(g.blocks, g.blocks[0].text())
            (out / f"{g.name}.{fmt}").write_bytes(data)
            rec = g.record if fmt == formats[0] else _copy_for(g.record, fmt)
            rec.document.path = f"{g.name}.{fmt}"
            rec.document.format = fmt
            rec.document.sha256 = hashlib.sha256(data).hexdigest()
            records.append(rec)
    path = out / labels_name
    write_corpus(records, path)
    return path


def _copy_for(rec: Record, fmt: str) -> Record:
    import copy

    c = copy.deepcopy(rec)
    c.id = f"{rec.id}-{fmt}"
    return c


# --------------------------------------------------------------------------- the fuller narrative
#
# What a real report says besides its indicators: budget, finance, asset and procurement
# management, internal control, disclosure, the year's main work with its counts and dates, how the
# project was run and how the self-evaluation was done. Drawn from its own random stream (see
# ``generate_one``), so the indicators, funds, planted problems and labels stay as they are; every
# figure it writes is a mark (counts "count", other figures "other", money by its role; dates
# unlabelled like the existing date marks). It stays away from the indicator names, the words of
# the required sections (存在问题, 附件) and any figure a check compares with another.

_SLOT = re.compile(r"\{([^{}]+)\}")


NOT_WORKS = {"城乡居民养老服务补助项目", "基层医疗卫生机构能力提升项目", "公共文化服务体系建设项目"}
WORKS_WORDS = re.compile("施工|监理|工程|务工|工期|建成|劳务|标段|围挡|旁站|返工|设计变更|竣工|建设规模|踏勘|建得成")


class Prose:
    """Fills prose templates for one report. A template is text with slots:
    ``{c:lo-hi:unit:metric}`` a count (role ``count``), ``{o:lo-hi:unit:metric}`` another figure
    (role ``other``), ``{w:lo-hi:metric:role}`` an amount in 万元, ``{d:m1-m2}`` a date in the report
    year (months m1–m2), ``{ym:m1-m2}`` a month of it, and ``{year}``, ``{place}``, ``{org}``, ``{short}``,
    ``{dept}``, ``{name}``; ``{np:metric}`` how many projects a department lists, ``{nm:m1-m2}`` a
    month of the next year (a plan)."""

    def __init__(self, rng: random.Random, r: Report):
        self.rng = rng
        self.r = r
        self.n = 0
        self.used: set[int] = set()

    def key(self) -> str:
        self.n += 1
        return f"prose.{self.n}"

    def fill(self, template: str) -> list:
        r, rng = self.r, self.rng
        plain = {"year": str(r.year), "place": r.place, "org": r.org, "short": r.org.replace(r.place, "", 1),
                 "dept": r.dept, "name": r.flags.get("pname", r.org)}
        out: list = []
        pos = 0
        for m in _SLOT.finditer(template):
            out.append(template[pos:m.start()])
            pos = m.end()
            s = m.group(1)
            if s in plain:
                out.append(plain[s])
                continue
            kind, _, rest = s.partition(":")
            args = rest.split(":")
            if kind == "np":  # how many projects the department lists
                out.append(M(f"{len(r.funds['plist'])}个", self.key(), "count", args[0]))
            elif kind in ("c", "o"):
                lo, hi = (int(x) for x in args[0].split("-"))
                v = rng.randint(lo, hi)
                if v >= 1000:
                    v = round(v, -1)
                out.append(M(f"{v}{args[1]}", self.key(), "count" if kind == "c" else "other", args[2]))
            elif kind == "w":
                lo, hi = (float(x) for x in args[0].split("-"))
                out.append(M(f"{mny(D(str(rng.uniform(lo, hi))))}万元", self.key(), args[2], args[1]))
            elif kind == "nm":  # a month of the next year (a plan)
                m1, m2 = (int(x) for x in args[0].split("-"))
                out.append(M(f"{r.year + 1}年{rng.randint(m1, m2)}月", self.key(), None))
            elif kind in ("d", "ym"):
                m1, m2 = (int(x) for x in (args[0] if args and args[0] else "1-12").split("-"))
                mo = rng.randint(m1, m2)
                if kind == "ym":
                    out.append(M(f"{r.year}年{mo}月", self.key(), None))
                    continue
                last = calendar.monthrange(r.year, mo)[1]
                out.append(M(f"{r.year}年{mo}月{rng.randint(1, last)}日", self.key(), None))
            else:
                raise ValueError(f"bad slot {s!r}")
        out.append(template[pos:])
        return [p for p in out if p != ""]

    def fits(self, t: str) -> bool:
        """Whether a phrasing suits the report: no building works where nothing is built."""
        return not (self.r.kind == "project" and self.r.spec["name"] in NOT_WORKS and WORKS_WORDS.search(t))

    def para(self, *templates: str) -> Block:
        """A paragraph: one of each group of phrasings (a group is a str or a tuple of str); a
        group none of whose phrasings fits the report is left out."""
        pieces: list = []
        for t in templates:
            ts = [u for u in (t if isinstance(t, tuple) else (t,)) if self.fits(u)]
            if not ts:
                continue
            t = self.rng.choice(ts)
            pieces += getattr(self, t[1:])() if t.startswith("=") else self.fill(t)
        # a paragraph ends a sentence (a reader joins a line ending in "，" to the next one)
        if pieces and isinstance(pieces[-1], str) and pieces[-1][-1] in "，；、：":
            pieces[-1] = pieces[-1][:-1] + "。"
        elif pieces and isinstance(pieces[-1], M):
            pieces.append("。")
        return P(*pieces)

    def pick(self, pool: list, k: int) -> list:
        """``k`` items of ``pool`` that fit the report and were not used before in it, in their order."""
        fresh = [i for i, item in enumerate(pool) if id(item) not in self.used
                 and any(self.fits(t) for t in (item if isinstance(item, tuple) else (item,)))]
        chosen = sorted(self.rng.sample(fresh, k=min(k, len(fresh))))
        for i in chosen:
            self.used.add(id(pool[i]))
        return [pool[i] for i in chosen]

    def paras(self, pool: list, lo: int, hi: int) -> list[Block]:
        return [self.para(*item) for item in self.pick(pool, self.rng.randint(lo, hi))]

    # -- figures that must agree with each other are written here, not by templates

    def procurement(self) -> list:
        """Government procurement: a share of the project's budget (or of a department's project
        spending), the contract below it, the saving their difference."""
        rng, f = self.rng, self.r.funds
        n = rng.randint(2, 9)
        base, share = (f["full"], (0.3, 0.8)) if self.r.kind == "project" else (f["proj"], (0.05, 0.3))
        budget = q2(base * D(str(rng.uniform(*share))))
        cost = q2(budget * D(str(rng.uniform(0.9, 0.98))))
        return ["全年实施政府采购", M(f"{n}次", self.key(), "count", "政府采购次数"),
                "，采购预算", M(f"{mny(budget)}万元", self.key(), "budget", "政府采购预算"),
                rng.choice(["，实际采购金额", "，合同金额", "，实际成交金额"]),
                M(f"{mny(cost)}万元", self.key(), "expenditure", "政府采购金额"), "，节约资金",
                M(f"{mny(budget - cost)}万元", self.key(), "other", "政府采购节约资金"), "。"]

    def three_costs(self) -> list:
        rng = self.rng
        office = self.r.funds.get("office") or D(40)
        total = q2(office * D(str(rng.uniform(0.02, 0.08))))
        a = q2(total * D(str(rng.uniform(0.2, 0.5))))
        b = total - a
        less = q2(total * D(str(rng.uniform(0.03, 0.2))))
        return [rng.choice(["全年“三公”经费支出", f"{self.r.year}年“三公”经费支出"]),
                M(f"{mny(total)}万元", self.key(), "expenditure", "“三公”经费支出"), "，其中公务接待费",
                M(f"{mny(a)}万元", self.key(), "expenditure", "公务接待费"), "、公务用车运行维护费",
                M(f"{mny(b)}万元", self.key(), "expenditure", "公务用车运行维护费"),
                rng.choice(["，未发生因公出国（境）费用", "，无因公出国（境）支出"]), "；比上年减少",
                M(f"{mny(less)}万元", self.key(), "other", "“三公”经费比上年减少"), "。"]

    def staff_profile(self) -> list:
        rng, f = self.rng, self.r.funds
        real = f["adm_real"] + f["ins_real"]
        degree = max(1, round(real * rng.uniform(0.45, 0.85)))
        title = max(1, round(real * rng.uniform(0.15, 0.45)))
        young = max(1, round(real * rng.uniform(0.1, 0.3)))
        return [rng.choice(["干部职工中，", "从队伍结构看，"]), "大学本科及以上学历",
                M(f"{degree}人", self.key(), "count", "本科及以上学历人数"), "，中级及以上专业技术职称",
                M(f"{title}人", self.key(), "count", "中级及以上职称人数"), "，", M("35岁", self.key(), "other", "青年干部年龄"),
                "以下青年干部", M(f"{young}人", self.key(), "count", "35岁以下青年干部"), "。"]

    def indicator_count(self) -> list:
        n = len(self.r.inds)
        return [self.rng.choice(["项目绩效目标随预算一并批复，共设置三级指标", "项目绩效目标经主管部门审核后批复，共设置三级指标"]),
                M(f"{n}个", self.key(), "count", "三级指标数量"), "，涵盖产出、效益和满意度指标。"]


# Management of a department's budget, finances, assets …: (headings, sentences); a paragraph takes
# some sentences of one topic in order, each in one of its phrasings.
DEPT_TOPICS = [
    (("预算管理情况", "预算编制和执行管理情况"), [
        ("{year}年度部门预算按规定程序编制，编制前召开预算编制专题会议{c:2-4:次:预算编制会议}，",
         "预算编制坚持零基预算原则，年初组织各股室对{c:8-25:个:申报项目}申报项目逐项论证，"),
        ("纳入项目库管理的项目{c:6-18:个:入库项目}，未入库的项目不安排预算。",
         "经领导班子集体研究后报送财政部门审核，入库项目{c:6-18:个:入库项目}。"),
        ("执行中按月分析预算执行进度，全年形成执行进度分析{c:10-12:期:执行分析报告}，对进度偏慢的项目及时督促。",
         "财务股每月向领导班子通报支出进度，全年通报{c:10-12:次:支出进度通报}，对进度偏慢的项目约谈责任股室。"),
        ("全年办理预算调整{c:1-4:次:预算调整}，均按规定程序报批，未发生无预算、超预算支出。",
         "年中追加事项{c:1-5:项:追加事项}均经财政部门批复后执行，未发生无预算、超预算支出。"),
    ]),
    (("财务管理情况", "财务制度建设和执行情况"), [
        ("{year}年修订完善财务报销、公务接待、差旅费管理等内部制度{c:4-9:项:修订财务制度}，",
         "年内新制定或修订财务管理、合同管理等内部制度{c:3-8:项:内部制度}，"),
        ("全年审核报销单据{c:600-2400:笔:报销单据}，每笔支出均有经办人、审核人和审批人签字。",
         "全年办理资金支付业务{c:500-2000:笔:支付业务}，未发现无依据报销和超标准开支。"),
        ("财务人员参加上级组织的业务学习{c:2-6:人次:财务人员业务学习}，会计基础工作进一步规范。",
         "按季度开展财务自查，全年自查发现并纠正不规范事项{c:2-7:项:纠正事项}。"),
        ("{ym:3-4}配合{place}审计局完成上年度预算执行审计，提出的意见{c:2-6:条:审计意见}已全部落实。",
         "{ym:5-6}接受财政部门会计信息质量检查，指出的{c:2-5:个:检查指出事项}事项已按期整改。"),
    ]),
    (("资产管理情况", "国有资产管理情况"), [
        ("{d:11-12}，组织对全部国有资产进行年度清查盘点，", "年末组织资产清查，"),
        ("清查固定资产{c:150-900:台（件）:清查固定资产}，账实相符。", "核对资产卡片{c:150-900:张:资产卡片}，账、卡、物一致。"),
        ("年内按程序报废老旧办公设备{c:5-40:台（件）:报废设备}，账面原值{w:1-15:报废设备原值:other}，处置收入按规定上缴国库。",
         "全年新增办公设备{c:4-20:台:新增办公设备}，均在资产管理信息系统中登记入账。"),
        ("资产配置严格执行配置标准，出借、出租均按规定报批，",), 
        ("全年办理资产调拨{c:1-6:批次:资产调拨}。", "全年未发生资产出租出借事项。"),
    ]),
    (("政府采购情况", "政府采购管理情况"), [
        ("=procurement",),
        ("采购活动均通过政府采购平台实施，", "严格执行政府采购目录和限额标准，"),
        ("未发现化整为零规避采购的情况，采购合同均在规定时间内备案。",
         "采购合同全部在规定时间内公告和备案，采购资料按规定归档。"),
    ]),
    (("“三公”经费管理情况", "“三公”经费使用情况"), [
        ("=three_costs",),
        ("严格执行公务接待审批和接待清单制度，", "公务用车实行定点维修、定点加油，"),
        ("全年接待上级检查调研{c:10-60:批次:公务接待批次}，均按标准安排工作餐。",
         "单位现有公务用车{c:1-3:辆:公务用车}，车辆使用实行登记管理。"),
    ]),
    (("内部控制建设情况", "内控制度建设和执行情况"), [
        ("{year}年开展内部控制风险评估，梳理预算、收支、采购、资产、合同等业务风险点{c:12-40:个:风险点}，",
         "对照内部控制基本规范，查找预算、采购、合同等环节风险点{c:12-40:个:风险点}，"),
        ("制定防控措施{c:10-30:条:防控措施}，编制完成内部控制手册。", "逐项明确防控措施，全年完善内控制度{c:2-6:项:内控制度}。"),
        ("重大事项和大额资金使用均经领导班子集体研究，全年召开班子会议研究“三重一大”事项{c:6-24:次:班子会议}。",
         "全年召开领导班子会议{c:10-30:次:班子会议}，研究决定大额资金使用事项{c:4-16:项:大额资金事项}。"),
    ]),
    (("预算绩效管理情况", "绩效管理工作开展情况"), [
        ("年初对{np:设置绩效目标项目}项目支出全部设置绩效目标，", "全部项目支出均编报了绩效目标，"),
        ("{ym:7-8}对项目执行进度和绩效目标实现程度开展绩效运行监控，", "年中组织开展绩效运行监控，"),
        ("对监控中发现的偏离及时采取措施纠正，监控结果报送财政部门备案。", "监控中发现的执行偏慢项目已督促加快进度。"),
        ("全年组织绩效管理业务学习{c:1-3:期:绩效管理学习}，参加人员{c:15-60:人次:绩效管理学习人次}。",),
    ]),
]

DEPT_WORK_COMMON = [
    ("全年收发公文{c:300-1200:件:收发公文}，", "办理各类公文{c:300-1200:件:办理公文}，"),
    ("办理人大代表建议和政协委员提案{c:2-10:件:建议提案}，均按期办结并答复。",),
    ("组织干部职工集中学习{c:12-30:次:集中学习}，开展党风廉政警示教育{c:2-5:次:警示教育}。",
     "全年开展主题党日活动{c:10-12:次:主题党日}，组织专题学习{c:8-20:次:专题学习}。"),
    ("开展安全生产检查{c:4-12:次:安全生产检查}，排查整改隐患{c:3-20:处:整改隐患}。",
     "{ym:5-6}组织消防安全检查，整改隐患{c:2-9:处:整改隐患}。"),
    ("接待来信来访群众{c:20-150:人次:来信来访}，办理政务服务热线转办件{c:30-200:件:热线转办件}。",),
    ("全年报送政务信息{c:40-90:篇:报送政务信息}，被上级采用{c:5-30:篇:采用政务信息}。",),
]

DEPT_WORK = {
    "农业技术推广中心": [
        ("建立农业科技示范基地{c:3-12:个:示范基地}，", "在{c:3-12:个:示范基地}示范基地开展新品种对比试验，"),
        ("布设耕地质量监测点{c:8-30:个:耕地质量监测点}，完成土壤样品化验{c:300-1500:个:土壤样品}。",),
        ("发布病虫情报{c:10-30:期:病虫情报}，组织统防统治作业面积{o:2-8:万亩:统防统治面积}。",),
        ("派出农技人员下乡指导{c:300-1200:人次:下乡指导}，", "农技人员进村入户服务{c:300-1200:人次:进村入户服务}，"),
        ("接待农户来电来访咨询{c:400-2000:人次:农户咨询}。",),
        ("{ym:3-4}组织春耕备耕现场观摩会，{ym:9-10}举办秋季农业科技展示活动。",),
    ],
    "图书馆": [
        ("完成馆藏文献回溯建库和书目数据校对{c:5000-20000:条:书目数据}，",),
        ("新建城市书房{c:1-4:个:城市书房}，乡镇图书室通借通还服务点达到{c:10-30:个:通借通还服务点}。",),
        ("举办公益讲座{c:8-24:场:公益讲座}、主题展览{c:4-12:场:主题展览}。",),
        ("全年开馆{c:300-330:天:开馆天数}，每周开放{o:56-63:小时:每周开放时长}。",),
        ("开展基层图书室业务辅导{c:10-40:次:基层业务辅导}，", "深入乡镇开展业务辅导{c:10-40:次:基层业务辅导}，"),
        ("新办借阅证{c:800-4000:张:新办借阅证}。",),
    ],
    "市场监督管理局": [
        ("新登记各类市场主体{c:1200-6000:户:新登记市场主体}，", "全年新增经营主体{c:1200-6000:户:新增经营主体}，"),
        ("开展特种设备安全检查{c:100-400:台次:特种设备检查}，", "检查电梯、锅炉等特种设备{c:100-400:台次:特种设备检查}，"),
        ("查办各类违法案件{c:20-120:件:查办案件}，罚没款{w:5-80:罚没款:other}。",),
        ("完成计量器具检定{c:1000-5000:台（件）:计量检定}。",),
        ("受理消费纠纷调解{c:100-600:件:消费纠纷调解}，为消费者挽回经济损失{w:3-40:挽回经济损失:other}。",),
        ("开展经营主体日常巡查{c:800-3000:户次:日常巡查}。",),
    ],
    "林业局": [
        ("组织全民义务植树活动{c:3-8:场:义务植树活动}，参加干部群众{c:800-5000:人次:义务植树人次}。",),
        ("完成森林督查图斑核查{c:50-300:个:图斑核查}，", "核查疑似违法占用林地图斑{c:50-300:个:图斑核查}，"),
        ("开展野外火源巡查{c:100-400:次:火源巡查}，组织防火演练{c:2-6:次:防火演练}。",),
        ("办理林木采伐许可{c:20-120:份:采伐许可}，", "审核林木采伐申请{c:20-120:份:采伐许可}，"),
        ("开展松材线虫病秋季普查，设置监测点{c:10-40:个:松材线虫病监测点}。",),
        ("查处涉林案件{c:5-30:起:涉林案件}。",),
    ],
}

DEPT_BENEFIT = [
    ("{short}全年未发生安全生产责任事故和重大舆情事件，", "全年未发生重大安全责任事故，"),
    ("服务对象办事实行首问负责，群众反映的{c:10-60:件:群众反映事项}事项均在规定时限内办结。",
     "年内受理服务对象诉求{c:10-60:件:服务对象诉求}，均按时办理回复。"),
    ("{ym:6-9}，{short}被上级主管部门评为年度先进单位，", "年内{c:1-3:项:获得表彰}工作获上级表彰，"),
    ("相关经验做法被市级以上媒体报道{c:2-8:次:媒体报道}。",),
]

DEPT_SURVEY = [
    ("满意度调查覆盖{c:5-12:个:调查乡镇}乡镇（街道）和{c:3-10:个:调查服务窗口}服务窗口，",
     "调查范围包括{c:5-12:个:调查乡镇}乡镇（街道）的服务对象，"),
    ("调查结果在单位内部通报，对服务对象提出的{c:3-12:条:服务对象意见建议}意见建议逐条研究落实。",
     "服务对象提出的意见建议{c:3-12:条:服务对象意见建议}已分解到相关股室办理。"),
]

DEPT_CAUSES = [
    ("原因分析：", "产生上述情况的原因："),
    ("一方面，单位财务人员{c:1-3:名:财务人员}均为兼职，绩效管理专业力量不足；",
     "一方面，绩效管理工作涉及面广，业务股室参与不够；"),
    ("另一方面，部分项目受上级资金下达时间影响，前期准备时间偏紧。",
     "另一方面，年中新增任务较多，部分工作计划调整后未及时同步调整绩效目标。"),
]

DEPT_MEASURES = [
    [("加强预算执行管理，", "严格预算执行，"),
     ("建立支出进度按月通报制度，力争{nm:6-6}底前项目支出进度达到序时要求；",
      "对项目资金实行按月调度，{nm:6-9}底前完成执行进度中期评估；")],
    [("加强绩效管理队伍建设，坚持每季度组织业务学习，",
      "加强财务和绩效管理人员业务学习，"),
     ("把绩效管理要求落实到每个项目、每个股室。", "提高全员绩效意识。")],
]

DEPT_DISCLOSE = [
    ("{d:1-3}，", "按照预决算公开有关规定，"),
    ("{short}在{place}人民政府门户网站公开了{year}年度部门预算和“三公”经费预算，",
     "{short}通过{place}人民政府门户网站公开了{year}年度部门预算，"),
    ("{ym:8-9}公开了上年度部门决算，公开内容完整、时间符合规定。", "上年度部门决算也已按期公开。"),
    ("本次自评报告经领导班子会议审议后报送{place}财政局。", "本次自评结果将随部门决算一并公开，接受社会监督。"),
]


PROJECT_WORK = {
    "农村供水保障工程": [
        ("项目分{c:2-5:个:标段}标段实施，{ym:3-4}开工建设，{ym:10-11}完成主体工程。",
         "工程于{ym:3-4}开工，{ym:10-11}全部完工，施工分{c:2-5:个:标段}标段同步推进。"),
        ("对项目区水源地开展巡查{c:12-48:次:水源地巡查}，", "组织水源地保护巡查{c:12-48:次:水源地巡查}，"),
        ("新装入户水表{c:600-3000:只:入户水表}，", "为项目区农户安装智能水表{c:600-3000:只:入户水表}，"),
    ],
    "高标准农田建设项目": [
        ("项目划分为{c:2-5:个:施工标段}施工标段，{ym:2-3}开工，{ym:10-11}完工。",),
        ("完成土方工程{o:2-9:万立方米:土方工程量}，新建机耕桥{c:5-30:座:机耕桥}、涵管{c:40-200:处:涵管}。",),
        ("{ym:11-12}组织县级初验，", "完工后组织参建单位开展初步验收，"),
    ],
    "中小学校舍维修改造项目": [
        ("项目利用暑假集中施工，{ym:7-7}进场，{ym:8-8}底完成主体施工，", "工程于{ym:6-7}开工，{ym:9-9}前完工，"),
        ("涉及教学楼和宿舍楼{c:4-18:栋:维修楼栋}，更换门窗{c:200-1200:樘:更换门窗}。",),
        ("施工期间落实封闭管理，未影响正常教学秩序。",),
    ],
    "城乡居民养老服务补助项目": [
        ("补贴资金按季度通过社保卡发放，全年发放{c:4-4:批次:补贴发放批次}，", "补贴资金按季度发放到人，"),
        ("开展补贴对象入户核查{c:2-4:轮:入户核查}，动态调整补贴对象{c:30-200:人:动态调整补贴对象}。",),
        ("敬老院改造新增护理床位{c:20-120:张:新增护理床位}，配备适老化设施{c:50-300:台（件）:适老化设施}。",),
    ],
    "农村公路养护工程": [
        ("养护路线{c:10-40:条:养护路线}，", "纳入年度养护计划的县乡道{c:10-40:条:养护路线}，"),
        ("组织路况巡查{c:50-200:次:路况巡查}，清理边沟{o:20-120:公里:清理边沟}，", "全年巡查路段{c:50-200:次:路况巡查}，"),
        ("{ym:4-5}开工，{ym:10-11}完成全部养护工程，", "养护工程于{ym:4-5}集中开工，"),
    ],
    "基层医疗卫生机构能力提升项目": [
        ("设备采购分{c:2-4:批:设备采购批次}进行，{ym:5-6}完成招标，{ym:9-10}全部到货安装。",),
        ("项目覆盖乡镇卫生院{c:5-18:所:覆盖卫生院}和村卫生室{c:20-120:个:覆盖村卫生室}，",),
        ("设备安装后由供货商派员现场调试{c:10-40:次:设备调试}，", "设备到货后组织现场验收{c:3-8:次:设备现场验收}，"),
    ],
    "公共文化服务体系建设项目": [
        ("组建基层文艺队伍{c:10-40:支:基层文艺队伍}，", "扶持乡村文艺队伍{c:10-40:支:基层文艺队伍}，"),
        ("维护村级文化服务中心设施{c:20-100:处:维护文化设施}，", "对{c:20-100:个:维护文化设施}村级文化服务中心设施进行维护，"),
        ("{ym:1-2}举办春节文化活动，{ym:9-10}举办丰收节文艺展演。",),
    ],
}

PROJECT_MANAGE = [
    ("项目单位召开项目推进会{c:3-10:次:项目推进会}，", "实施期间召开调度会{c:3-10:次:项目调度会}，"),
    ("主管部门开展现场督导{c:2-6:次:现场督导}，督促整改问题{c:2-12:个:督促整改问题}。",
     "主管部门组织现场检查{c:2-6:次:现场检查}，发现的{c:2-12:个:检查发现问题}问题均已整改到位。"),
    ("监理单位出具监理月报{c:6-10:期:监理月报}，", "全年形成施工日志和监理记录{c:80-300:份:施工和监理记录}，"),
    ("项目资料按要求归档，共形成档案{c:10-40:卷:项目档案}。", "项目档案{c:10-40:卷:项目档案}已整理归档。"),
    ("项目公示牌{c:2-12:块:公示牌}在实施地点公开资金来源、建设内容和监督电话，", "项目实施内容在村务公开栏公示{c:2-12:处:公示点}，"),
    ("接受群众监督。", "全年未收到有效投诉。"),
]

PROJECT_FUNDS = [
    ("项目资金分{c:2-4:批:资金下达批次}下达，首批资金于{d:2-4}到位，", "项目资金于{d:2-5}下达，"),
    ("全年办理资金支付{c:8-60:笔:资金支付笔数}，均通过国库集中支付系统支付，", "全年支付{c:8-60:笔:资金支付笔数}，每笔支付均附合同和验收单据，"),
    ("资金实行专账核算，设置明细科目{c:3-6:个:明细科目}，", "资金核算设置项目辅助账，"),
    ("未发现截留、挤占、挪用情况。", "资金使用符合有关规定。"),
]

PROJECT_SERVICE = [  # the 效益 narrative of a project that builds nothing
    ("项目单位建立了服务对象信息台账，登记服务记录{c:200-2000:条:服务记录}，", "项目实施后建立服务档案{c:100-1000:份:服务档案}，"),
    ("为后续跟踪服务和效果评估提供了依据。", "服务过程和效果做到有据可查。"),
    ("项目形成的设备和设施已登记入账，落实管理人员{c:2-20:名:设备设施管理人员}。",
     "项目单位明确了后续服务的责任股室和责任人，相关经费列入年度预算。"),
]

PROJECT_BENEFIT = [
    ("项目实施期间吸纳当地群众务工{c:50-400:人次:带动务工}，", "施工期间优先聘用当地群众{c:20-120:人:聘用当地群众}，"),
    ("带动群众增加劳务收入{w:5-60:劳务收入:other}。", "发放劳务报酬{w:5-60:劳务报酬:expenditure}。"),
    ("项目建成后已纳入日常管护，落实管护人员{c:2-20:名:管护人员}。", "项目移交后明确管护主体{c:1-6:个:管护主体}，"),
    ("管护经费列入年度预算。",),
]

PROJECT_SURVEY = [
    ("满意度调查覆盖{c:3-12:个:调查乡镇}乡镇，", "调查选取项目区{c:8-30:个:调查村}村，"),
    ("调查对象{c:100-500:户:调查户数}，", "共走访群众{c:100-500:户:走访户数}，"),
    ("群众对项目实施总体认可，提出的{c:3-15:条:群众意见建议}意见建议已转交相关单位研究。",
     "收集意见建议{c:3-15:条:群众意见建议}，已纳入下年度项目安排统筹考虑。"),
]

PROJECT_SELF = [
    ("{d:12-12}，", "按照自评工作安排，"),
    ("项目单位抽调业务和财务人员{c:4-8:名:自评工作组人数}组成自评工作组，", "项目单位成立由{c:4-8:名:自评工作组人数}人员组成的自评工作组，"),
    ("查阅合同、支付凭证和验收资料{c:30-150:份:查阅资料}，", "核查项目资料{c:30-150:份:查阅资料}，"),
    ("实地查看项目点{c:3-15:个:实地查看项目点}，", "现场核实实施地点{c:3-15:个:实地查看项目点}，"),
    ("对照绩效目标逐项打分。", "按评分标准逐项评分。"),
]

PROJECT_CAUSES = [
    ("原因分析：", "产生上述情况的原因："),
    ("一方面，项目资金下达时间较晚，实施周期偏短；", "一方面，项目涉及面广，协调事项较多；"),
    ("另一方面，项目单位专职财务人员仅{c:1-2:名:专职财务人员}，绩效管理力量不足。",
     "另一方面，基层实施单位人员变动较多，业务衔接不够顺畅。"),
]

PROJECT_APPLY = [
    ("{nm:4-5}前，", "下一步，"),
    ("项目单位将对整改事项逐项销号，整改结果报{dept}备案；", "项目单位将按整改台账落实整改，结果报主管部门备案；"),
    ("本报告在{place}人民政府门户网站公开，公示期{o:20-30:天:公示期}。",
     "自评报告将在报送后{o:15-20:个工作日:公开时限}内向社会公开。"),
]



def _prose_dept_work(x: Prose) -> list[Block]:
    """一、…（四）: the year's main work."""
    r = x.r
    head = x.rng.choice(["（四）年度主要工作", f"（四）{r.year}年重点工作开展情况", "（四）年度履职情况"])
    work = DEPT_WORK[r.spec["name"]]
    lead = x.rng.choice([f"{r.year}年，{r.org.replace(r.place, '', 1)}围绕年度重点任务扎实开展工作。", "全年紧扣部门职责，各项工作有序推进。", ""])
    return [H(2, head), x.para(lead, DEPT_MORE_WORK[r.spec["name"]], *DEPT_WORK_MORE[r.spec["name"]]),
            x.para(*x.pick(work, x.rng.randint(3, 4))),
            x.para(*x.pick(DEPT_WORK_COMMON, x.rng.randint(2, 3)), *DEPT_WORK_COMMON_MORE)]


def _prose_dept_topics(x: Prose, first: int) -> list[Block]:
    """二、…（三）(四)…: how the budget, finances, assets … were managed."""
    out: list[Block] = []
    topics = x.pick(DEPT_TOPICS, x.rng.randint(5, 7))
    for k, (heads, sentences) in enumerate(topics):
        out += [H(2, f"（{CN[first + k]}）{x.rng.choice(heads)}"),
                x.para(*sentences, *x.pick(PLAIN_MANAGE, 2))]
    return out


PROJECT_BASIS = [
    ("{ym:1-3}，{dept}下达{year}年度项目实施计划，", "项目于{ym:1-3}经{dept}批复立项，"),
    ("项目涉及{c:3-12:个:涉及乡镇}乡镇（街道）{c:10-60:个:涉及行政村}行政村，", "实施范围包括{c:3-12:个:涉及乡镇}乡镇（街道），"),
    ("实施期限为{year}年1月至12月。", "要求{ym:11-12}底前完成全部任务。"),
]


def _benefit(r: Report) -> list:
    return PROJECT_SERVICE if r.spec["name"] in NOT_WORKS else PROJECT_BENEFIT


def _prose_table(x: Prose) -> list[Block]:
    """A 自评表 report: the 项目概况 and 实施情况 text such tables carry."""
    r, rng = x.r, x.rng
    bg = "".join(rng.choice([t for t in g if "一年" not in t]) for g in BACKGROUND).format(y=r.year, place=r.place)
    return [x.para("项目概况：", f"{r.flags['pname']}由{r.org}组织实施。", PROJECT_WHY[r.spec["name"]], bg, *PROJECT_BASIS,
                   PROJECT_SCOPE[r.spec["name"]]),
            x.para("实施情况：", *PROJECT_WORK[r.spec["name"]], *PROJECT_DETAIL[r.spec["name"]], *PROJECT_PROCESS[r.spec["name"]],
                   *x.pick(PROJECT_MANAGE, rng.randint(2, 3)),
                   *x.pick(PLAIN_PROJECT, 3)),
            x.para(rng.choice(["资金管理情况：", "资金使用情况说明："]), *PROJECT_FUNDS, "=procurement", *PROJECT_PROCURE[:2],
                   *x.pick(PLAIN_FUNDS, 2)),
            x.para(rng.choice(["年度绩效目标说明：", "绩效目标设置情况："]), *PROJECT_GOAL),
            x.para(rng.choice(["项目效益：", "实施效果："]), PROJECT_EFFECT[r.spec["name"]], *_benefit(r)),
            x.para(rng.choice(["主要做法：", "项目管理情况："]), *x.pick(PRACTICE, 4)),
            x.para(rng.choice(["自评工作开展情况：", "自评组织情况："]), *PROJECT_SELF, *x.pick(PLAIN_SELF, 1)),
            x.para(rng.choice(["存在问题及原因：", "存在的主要问题："]), PROJECT_RISK[r.spec["name"]], *x.pick(PLAIN_PROBLEM, 2),
                   *PROJECT_CAUSES[1:]),
            x.para(rng.choice(["下一步工作：", "改进措施："]), *x.pick(PLAIN_MEASURE, 2)),
            x.para(rng.choice(["结果应用：", "自评结果应用："]), *PLAIN_APPLY[:2], *PROJECT_APPLY[1:])]


def _prose_dept_measures(x: Prose, ordinals: tuple[str, str]) -> Block:
    pieces: list = []
    for o, item in zip(ordinals, DEPT_MEASURES):
        pieces += [o] + x.para(*item).pieces
    return P(*pieces, *x.para(*x.pick(PLAIN_MEASURE, 2)).pieces)


def _prose_dept_result(x: Prose, n: int) -> Block:
    """四、…（一）(二)(三): the work behind the 产出, 效益 and 满意度 figures."""
    if n == 0:
        work = DEPT_WORK[x.r.spec["name"]] + DEPT_WORK_COMMON
        return x.para(x.rng.choice(["此外，", "在完成上述指标的同时，", "其他重点工作方面，"]), *x.pick(work, x.rng.randint(2, 3)),
                      *x.pick(PLAIN_EFFECT, 1))
    if n == 1:
        return x.para(DEPT_EFFECT[x.r.spec["name"]], *DEPT_BENEFIT, *x.pick(PLAIN_EFFECT, 2))
    return x.para(*DEPT_SURVEY, *DEPT_SAT_PLAIN)


# Plain narrative (few or no figures), picked without repetition within a report.
PLAIN_MANAGE = [
    ("单位主要负责人对预算管理和资金使用负总责，分管领导具体负责，各股室负责人对本股室经费使用和绩效目标实现承担直接责任。",
     "单位建立了主要负责人负总责、分管领导具体抓、业务股室和财务股室分工协作的工作机制。"),
    ("日常支出坚持先有预算、后有支出，凡未列入预算的事项原则上不予开支，确需追加的按程序报批。",
     "支出审批实行分级授权，超过审批权限的事项一律提交领导班子集体研究决定。"),
    ("财务股定期向业务股室反馈经费使用情况，业务股室据此合理安排工作进度，避免年底突击花钱。",
     "财务人员与业务人员加强沟通，在安排工作计划时同步考虑资金保障，做到工作和经费相互衔接。"),
    ("会计核算严格执行政府会计制度，做到账目清楚、凭证完整、报表真实。",
     "单位按规定设置会计账簿，会计凭证和报表按月装订归档，会计档案保管规范。"),
    ("合同签订前由业务股室提出需求，经法律顾问审核后签订，合同履行情况纳入日常跟踪。",
     "经济合同实行归口管理，签订、履行、验收和付款各环节相互衔接、相互制约。"),
    ("单位坚持过紧日子的要求，严控一般性支出，把有限的资金用在保障履职和重点工作上。",
     "按照厉行节约的要求，从严控制会议、培训和差旅支出，压减非急需、非刚性支出。"),
    ("公务卡结算制度执行到位，除规定情形外的公务支出均使用公务卡或银行转账结算。",
     "现金使用严格控制在规定范围内，大额资金支付均通过银行转账办理。"),
    ("往来款项定期清理，对长期挂账的款项逐笔核实原因并按规定处理。",
     "年末对往来款项进行全面清理，做到及时结算、不留尾巴。"),
]

PLAIN_EFFECT = [
    ("通过各项工作的落实，部门履职能力进一步增强，服务对象的获得感不断提升。",
     "各项工作的开展，有效保障了部门职能的正常履行，服务质量和效率明显提高。"),
    ("部门整体支出较好地保障了年度重点任务的完成，资金使用效益得到体现。",
     "从全年情况看，资金投入与工作任务基本匹配，达到了预期效果。"),
    ("在保障机构正常运转的基础上，重点工作经费优先保障，为完成年度目标提供了支撑。",
     "单位把资金优先投向群众关心、社会关注的领域，社会效益较为明显。"),
    ("工作中注重与上级业务部门和乡镇（街道）的沟通协调，形成了上下联动、齐抓共管的工作格局。",
     "通过部门协作和上下联动，相关工作的覆盖面和影响力进一步扩大。"),
    ("各项工作经验及时总结提炼，为今后工作的开展打下了良好基础。",
     "单位对年度工作中好的做法进行总结，形成了可复制、可推广的经验。"),
]

PLAIN_PROJECT = [
    ("项目建设内容与批复的实施方案一致，未发生重大设计变更。",
     "项目按批复的实施方案组织实施，建设内容和标准未作调整。"),
    ("施工单位按照合同约定组织施工，关键工序和隐蔽工程均经监理单位验收合格后进入下一道工序。",
     "项目实施中严格执行质量管理制度，关键环节实行旁站监督，发现的质量问题及时返工处理。"),
    ("项目单位坚持安全生产与工程建设同部署、同落实，施工期间未发生安全事故。",
     "实施过程中落实安全文明施工措施，对施工现场实行围挡管理，未发生安全事故。"),
    ("项目完成后按规定办理竣工结算，结算资料经审计部门审核。",
     "项目竣工后及时编制结算资料，报送审计部门审核后办理资金结算。"),
    ("项目受益对象的确定坚持公开、公平、公正原则，相关名单在村务公开栏进行了公示。",
     "项目实施地点和受益对象经村民代表会议讨论确定，并在村内公示，无异议后组织实施。"),
    ("项目实施改善了当地群众的生产生活条件，群众对项目建设普遍支持。",
     "项目的实施补齐了当地公共服务的短板，社会反响良好。"),
]

PLAIN_PROBLEM = [
    ("部分基层实施单位对绩效管理的认识还停留在完成任务层面，对资金使用效果关注不够。",
     "个别实施单位重资金分配、轻绩效管理的观念还没有完全转变。"),
    ("绩效目标编制时对实际情况的调查研究不够深入，个别指标值的测算依据不够充分。",
     "部分绩效指标的设置与实际工作结合不够紧密，指标值的确定缺少历史数据支撑。"),
    ("绩效自评主要依靠项目单位自身力量完成，专业化程度不高，评价深度还有欠缺。",
     "自评工作时间较紧，部分资料的收集和核实还不够全面。"),
]

PLAIN_MEASURE = [
    ("进一步强化全过程预算绩效管理理念，把绩效要求贯穿预算编制、执行、监督的各个环节。",
     "牢固树立花钱必问效、无效必问责的理念，推动绩效管理与预算管理深度融合。"),
    ("在编制下年度预算时，结合本年度自评情况科学设置绩效目标，做到目标明确、指标细化、可衡量。",
     "结合本次自评发现的情况，修订完善绩效指标体系，提高指标设置的针对性和可考核性。"),
    ("加强与财政部门的沟通衔接，及时掌握资金下达和政策调整情况，合理安排工作进度。",
     "主动对接财政部门和上级业务部门，及时掌握政策变化，提前做好项目储备和前期准备。"),
    ("对自评中发现的问题逐项制定整改措施，明确责任人和完成时限，确保整改落实到位。",
     "建立问题整改台账，实行清单化管理，整改到位后逐项销号。"),
]

PROJECT_WHY = {
    "农村供水保障工程": ("项目区部分村组供水设施建成年代较早，管网老化、漏损严重，季节性缺水问题较为突出，群众改善饮水条件的愿望迫切。",
                   "受地形和水源条件限制，山区部分群众饮水主要依靠分散的小水源，供水保证率不高，项目的实施十分必要。"),
    "高标准农田建设项目": ("项目区耕地分布零散，灌排设施老化，田间道路通行条件差，制约了机械化作业和粮食稳产增产。",
                   "项目区是当地粮食主产区，但农田基础设施薄弱，抗御自然灾害能力不强，亟需通过集中连片建设提升耕地质量。"),
    "中小学校舍维修改造项目": ("部分农村学校校舍建成时间较长，存在屋面渗漏、墙体开裂、门窗老化等情况，影响正常教学和师生安全。",
                      "经排查，部分学校校舍需要维修加固，教育主管部门将其列为年度重点保障事项。"),
    "城乡居民养老服务补助项目": ("随着人口老龄化程度加深，经济困难的高龄、失能老年人养老服务需求日益增长，部分乡镇敬老院设施陈旧、服务能力不足。",
                       "当地老年人口比重逐年上升，农村养老服务供给相对不足，需要通过补贴和设施改造提升兜底保障能力。"),
    "农村公路养护工程": ("部分县乡道通车年限较长，路面出现坑槽、裂缝等病害，安全防护设施不完善，影响群众安全出行。",
                  "农村公路里程较长、分布较散，日常养护任务重，部分路段病害较多，需要集中开展修补和罩面。"),
    "基层医疗卫生机构能力提升项目": ("部分乡镇卫生院和村卫生室医疗设备老旧、配置不全，基层医务人员业务水平有待提高，群众就近就医需求难以充分满足。",
                         "基层医疗机构服务能力是分级诊疗的基础，当地部分卫生院设备配置达不到基本标准，亟需补齐短板。"),
    "公共文化服务体系建设项目": ("农村群众对精神文化生活的需求日益多样，但基层文化设施利用不充分、活动内容不够丰富。",
                       "部分村级综合文化服务中心设施老化、图书陈旧，基层公共文化服务的覆盖面和吸引力有待提升。"),
}

DEPT_GOAL = [
    ("年度目标的确定充分考虑了上年度工作完成情况和本年度新增任务，经领导班子集体研究后随部门预算一并报送。",
     "绩效目标围绕部门职责和年度工作计划设定，与部门预算同步编制、同步审核。"),
    ("各项目标分解落实到相关股室，明确了责任人和完成时限，作为年度考核的重要依据。",
     "为确保目标实现，单位将各项任务逐项分解到股室和个人，实行月调度、季通报。"),
]

DEPT_DUTY = {
    "农业技术推广中心": [("中心承担全{place}农业主导品种和主推技术的引进、试验和示范工作，", "中心是全{place}农业技术服务的骨干力量，"),
                  ("在基层设有农技服务站{c:4-12:个:基层农技服务站}，", "下设乡镇农技服务站{c:4-12:个:基层农技服务站}，"),
                  ("负责指导乡镇农技人员开展技术服务，组织实施各级下达的农业技术项目。",)],
    "图书馆": [("馆舍建筑面积{o:2000-9000:平方米:馆舍建筑面积}，", "现有馆舍面积{o:2000-9000:平方米:馆舍建筑面积}，"),
            ("设有借阅、少儿、电子阅览和地方文献等服务区，", "内设综合借阅区、少儿阅览区和自习区，"),
            ("承担全{place}公共图书馆总分馆体系建设的业务指导职能。", "是全{place}公共图书馆总分馆体系的总馆。")],
    "市场监督管理局": [("局机关下设市场监管所{c:5-15:个:市场监管所}，", "在各乡镇（街道）设有市场监管所{c:5-15:个:市场监管所}，"),
                ("承担辖区市场秩序维护、质量安全监管和消费环境建设等职责，", "负责辖区市场主体的日常监管，"),
                ("同时承担知识产权保护和计量、标准化管理工作。", "并承担本级食品安全委员会办公室的日常工作。")],
    "林业局": [("全{place}林地面积{o:30-180:万亩:林地面积}，", "辖区林地面积{o:30-180:万亩:林地面积}，"),
            ("下设国有林场{c:1-4:个:国有林场}和林业站{c:4-12:个:林业站}，",),
            ("承担林长制日常工作和林业行政执法职能。", "同时承担辖区林长制办公室的日常工作。")],
}

PLAIN_CONDUCT = [
    ("单位坚持把党建工作与业务工作同谋划、同部署、同落实，以党建引领各项工作开展。",
     "单位以党建工作为统领，推动党建与业务深度融合，干部职工干事创业的积极性明显增强。"),
    ("严格落实党风廉政建设责任制，领导班子成员认真履行分管领域的廉政建设责任，定期研究廉政建设工作。",
     "围绕资金使用、采购和项目管理等重点环节加强廉政风险防控，筑牢拒腐防变的思想防线。"),
    ("持续改进工作作风，精简会议文件，减轻基层负担，把更多精力投入到服务群众上。",
     "深入开展作风建设，推行限时办结和服务承诺制度，办事效率进一步提高。"),
    ("注重干部队伍建设，通过以老带新、岗位练兵等方式提升干部职工业务能力。",
     "加强干部教育管理，鼓励干部职工参加学历教育和职业资格考试，队伍整体素质不断提升。"),
]

PLAIN_FUNDS = [
    ("资金拨付严格按照合同约定和工程进度执行，预付款、进度款和结算款的支付比例符合有关规定。",
     "资金支付由项目单位、监理单位和主管部门共同签字审核，审核资料不齐全的一律不予支付。"),
    ("项目资金在财务系统中单独设置辅助核算，支出内容与批复的实施方案一致。",
     "项目资金未用于发放津补贴、购置与项目无关的设备等支出。"),
    ("财务人员定期与项目实施人员核对资金支付和工程进度，确保账实相符。",
     "项目单位按季度向主管部门报送资金使用情况，主动接受财政和审计监督。"),
]

PLAIN_SELF = [
    ("自评坚持客观公正、实事求是的原则，以批复的绩效目标为依据，采用比较法和因素分析法进行评价。",
     "自评采取资料审核、现场核查和问卷调查相结合的方式，对照批复的绩效目标逐项核实完成情况。"),
    ("对定量指标按实际完成值与目标值的比例计分，定性指标根据完成程度分档计分。",
     "评分时对未完成的指标按完成比例扣分，并逐项分析偏差原因。"),
    ("自评结果经单位领导班子审定后报送主管部门和财政部门。",
     "自评报告经单位主要负责人审核签字后按程序报送。"),
]

PRACTICE = [
    ("项目单位把项目实施作为年度重点工作，主要负责人多次深入现场调研，{ym:3-5}召开项目动员部署会，明确了时间表和路线图。",
     "项目单位成立工作专班，实行领导包片、专人负责，{ym:2-4}印发项目实施工作方案，细化了各阶段任务。"),
    ("严格执行项目法人制、招投标制、合同制和监理制，各项程序依法依规办理，实施全过程留痕可查。",
     "项目从立项、招标到验收、结算，各环节均按规定程序办理，相关资料完整规范。"),
    ("项目单位安排专人驻点跟踪，每周召开现场例会，全年形成例会纪要{c:20-48:份:现场例会纪要}，及时解决实施中遇到的困难。",
     "实行周调度、月通报制度，全年编发项目进展通报{c:8-12:期:项目进展通报}，对推进偏慢的环节挂牌督办。"),
    ("实施中邀请受益群众代表参与质量监督，聘请群众义务监督员{c:4-20:名:义务监督员}，群众的知情权、参与权和监督权得到保障。",
     "项目所在村推选群众代表{c:3-12:名:群众监督代表}全程参与监督，对发现的问题及时向项目单位反映。"),
    ("项目单位制定了运行管护办法，明确管护责任和经费来源，确保项目建得成、管得好、长受益。",
     "项目建成后同步建立管护制度，落实管护责任人，防止重建轻管。"),
    ("通过政府网站、微信公众号等渠道宣传项目实施情况，全年发布相关信息{c:3-15:篇:宣传信息}，营造了良好的社会氛围。",
     "项目单位注重政策宣传，印发宣传资料{c:500-3000:份:宣传资料}，群众对项目的知晓度明显提高。"),
]

EFFICIENCY = [
    ("全年按时完成上级交办的各项任务，重点工作均在规定时限内完成，未出现被上级通报批评的情况。",
     "年度重点任务均按计划节点推进，上级交办事项办结率较高，工作落实情况得到上级部门肯定。"),
    ("单位推进服务事项网上办理，全年网上受理事项{c:100-900:件:网上受理事项}，群众办事跑腿次数明显减少。",
     "全年通过政务服务平台办理业务{c:100-900:件:网上办理业务}，办理时限较法定时限普遍压缩。"),
    ("单位加强信息化建设，日常公文实现网上流转，办公效率进一步提高，纸张等办公耗材支出有所下降。",
     "通过更新业务系统和办公设备，业务数据实现统一管理和实时查询，工作效率明显提升。"),
    ("通过优化内部审批流程，资金支付、合同审批等事项的平均办理时间缩短{o:1-3:个工作日:办理时间缩短}。",
     "单位梳理内部审批事项{c:10-30:项:内部审批事项}，精简审批环节，业务办理更加顺畅。"),
    ("单位注重统计分析工作，按月形成业务工作报表，为领导决策提供了数据支撑。",
     "单位建立工作台账和月报制度，各项工作进展情况做到心中有数、有据可查。"),
    ("在{year}年度全{place}机关绩效考核中，{short}综合排名位于同类单位前列。",
     "{short}在{year}年度全{place}综合考评中被评为优秀等次。"),
]

PROJECT_DETAIL = {
    "农村供水保障工程": [("新建工程均配套建设了清水池和消毒设备，供水管网采用耐腐蚀的聚乙烯管材，管网连接处经打压试验后回填。",
                    "工程建设同步完善了计量、消毒和水源防护设施，供水的连续性和安全性明显提高。"),
                   ("项目区群众从过去的定时供水变为全天供水，部分高海拔村组告别了季节性缺水的历史。",
                    "供水工程运行后，群众不再需要远距离挑水，饮水条件得到根本改善。")],
    "高标准农田建设项目": [("项目按照田成方、渠相通、路相连、旱能灌、涝能排的要求建设，配套完善了灌溉和排水设施。",
                     "建设中对田块进行了归并平整，田间道路与村组道路相互连通，满足了农业机械下田作业的需要。"),
                    ("项目区农业机械化作业水平明显提高，部分撂荒地重新得到耕种。",
                     "项目建成后，项目区农田灌溉条件显著改善，群众种粮积极性进一步提高。")],
    "中小学校舍维修改造项目": [("维修内容包括屋面防水、外墙加固、门窗更换和电路改造，施工中优先选用环保材料。",
                       "施工前对每所学校校舍逐栋进行安全评估，根据评估结果分类确定维修方案。"),
                      ("维修后的校舍消除了渗漏和开裂等隐患，师生的学习和生活环境明显改善。",
                       "项目完成后，学校教学和住宿条件得到改善，家长对学校办学条件的认可度提高。")],
    "城乡居民养老服务补助项目": [("补贴对象经个人申请、村（社区）初审、乡镇审核和民政部门审批后确定，审批结果按规定公示。",
                        "补贴标准按照老年人的年龄和失能程度分档确定，补贴资金直接发放到个人账户。"),
                       ("改造后的敬老院完善了消防、无障碍和适老化设施，入住老年人的居住条件明显改善。",
                        "通过补贴和设施改造，困难老年人的基本养老服务需求得到较好保障。")],
    "农村公路养护工程": [("养护工程采取先修补、后罩面的方式进行，重点处理坑槽、网裂和沉陷等病害。",
                   "施工中对急弯、陡坡和临水临崖路段优先完善防护设施，消除了沿线的安全隐患。"),
                  ("养护后的路段路面平整度明显提高，群众出行和农产品运输更加便捷。",
                   "通过集中养护，农村公路路况整体好转，沿线群众出行安全得到保障。")],
    "基层医疗卫生机构能力提升项目": [("配置的设备包括数字化摄影系统、彩色超声诊断仪、全自动生化分析仪等基本诊疗设备，均按国家有关标准采购。",
                           "设备配置清单由卫生健康部门根据各卫生院的功能定位和服务人口统筹确定。"),
                          ("设备投入使用后，乡镇卫生院能够开展的检查项目明显增加，群众在家门口就能完成常规检查。",
                           "基层医疗机构服务能力得到提升，部分常见病、多发病患者实现了就近诊治。")],
    "公共文化服务体系建设项目": [("活动内容结合农时和传统节日安排，演出节目以群众喜闻乐见的地方戏曲和歌舞为主。",
                        "更新的图书以农业科技、少儿读物和通俗文学为主，由各村根据群众需求选订。"),
                       ("丰富多彩的文化活动活跃了农村群众的精神文化生活，基层文化阵地的吸引力不断增强。",
                        "项目实施后，村级综合文化服务中心的利用率提高，群众参与文化活动的热情明显增强。")],
}

DEPT_MORE_WORK = {
    "农业技术推广中心": ("围绕粮食稳产和特色产业发展，开展绿色高质高效技术集成示范，为农户提供产前、产中、产后全程技术服务。",
                  "中心组织技术人员包村联户，在关键农时深入田间地头开展技术指导，帮助农户解决生产中的实际困难。"),
    "图书馆": ("持续推进总分馆制建设，统一采购、统一编目、统一配送，实现全{place}图书资源的通借通还。",
            "图书馆延长开放时间，节假日正常开馆，并为老年人和残疾人提供上门送书等延伸服务。"),
    "市场监督管理局": ("深化商事制度改革，推行企业开办全程网上办，企业开办时间进一步压缩。",
                "聚焦民生领域开展专项整治，重点加强对农村市场、校园周边和节日市场的监管。"),
    "林业局": ("全面落实林长制，建立县、乡、村三级林长体系，林长巡林常态化开展。",
            "坚持预防为主、积极消灭的方针，在重点时段和重点区域实行野外用火管控。"),
}

PROJECT_GOAL = [
    ("绩效目标按照指向明确、细化量化、合理可行、相应匹配的要求设置，与项目实施方案和资金规模相适应。",
     "绩效目标根据项目实施方案和资金安排测算确定，指标值参考了上年度同类项目的完成情况。"),
    ("产出指标反映项目计划完成的工作量、质量和成本，效益指标反映项目实施对经济社会发展和群众生产生活的影响。",
     "数量和质量指标依据实施方案确定，成本指标参照同类项目的平均水平测算。"),
    ("项目单位在实施过程中按季度跟踪绩效目标的完成进度，对可能影响目标实现的因素提前研判。",
     "年中开展绩效运行监控，对照目标检查执行进度，未发现需要调整绩效目标的情形。"),
]

PROJECT_SAT_PLAIN = [
    ("调查问卷围绕项目实施质量、实施效果和管理服务等方面设计，由调查人员现场发放、现场回收。",
     "调查采取随机抽样方式选取调查对象，调查内容包括项目建设质量、实施过程和使用效果等方面。"),
    ("从调查情况看，群众对项目实施的总体评价较好，意见主要集中在后续管护和服务延伸方面。",
     "受访群众普遍认为项目实施解决了生产生活中的实际困难，希望今后继续加大投入力度。"),
]

DEPT_AIM = {
    "农业技术推广中心": ("年度履职目标是：保障粮食和重要农产品稳定生产，加快农业科技成果转化应用，提升耕地质量和农业防灾减灾能力。",
                  "中心年度工作的总体要求是：以农业增效、农民增收为目标，推动良种良法配套、农机农艺融合，守住耕地质量和农业生产安全底线。"),
    "图书馆": ("年度履职目标是：完善公共阅读服务网络，丰富馆藏资源，提升服务效能，推动全民阅读深入开展。",
            "图书馆年度工作的总体要求是：坚持公益性、基本性、均等性、便利性，让群众就近享有优质的公共阅读服务。"),
    "市场监督管理局": ("年度履职目标是：持续优化营商环境，守牢食品药品、特种设备和产品质量安全底线，维护公平竞争的市场秩序。",
                "局年度工作的总体要求是：坚持监管与服务并重，以信用监管为基础、以智慧监管为支撑，营造安全放心的消费环境。"),
    "林业局": ("年度履职目标是：保护好现有森林资源，扎实推进国土绿化，防范森林火灾和林业有害生物灾害，巩固生态建设成果。",
            "局年度工作的总体要求是：坚持生态优先、保护为主，统筹推进森林资源保护和林业产业发展。"),
}

DEPT_WORK_MORE = {
    "农业技术推广中心": [
        ("完成农作物品种展示示范{c:20-60:个:品种展示}，", "引进试验新品种{c:20-60:个:引进试验新品种}，"),
        ("开展化肥农药减量增效示范{o:3000-12000:亩:减量增效示范面积}，", "建设病虫害绿色防控示范区{c:3-9:个:绿色防控示范区}，"),
        ("编印技术明白纸{c:3000-12000:份:技术明白纸}。", "通过微信群推送农事提示{c:40-120:条:农事提示}。"),
    ],
    "图书馆": [
        ("开展流动服务进乡村、进社区{c:20-60:次:流动服务}，", "流动服务车深入乡村和社区服务{c:20-60:次:流动服务}，"),
        ("组织少儿暑期阅读营{c:2-6:期:少儿阅读营}，", "举办亲子共读活动{c:10-30:场:亲子共读活动}，"),
        ("征集地方文献{c:100-600:种:地方文献}。", "整理地方文献资料{c:100-600:种:地方文献}。"),
    ],
    "市场监督管理局": [
        ("办理企业年报公示{c:3000-12000:户:企业年报}，", "督促市场主体完成年报公示{c:3000-12000:户:企业年报}，"),
        ("开展广告监测{c:200-900:条次:广告监测}，", "检查商品交易市场{c:10-40:个:检查商品交易市场}，"),
        ("帮助企业申请商标注册{c:50-300:件:商标注册}。", "指导企业制定企业标准{c:10-60:项:企业标准}。"),
    ],
    "林业局": [
        ("完成森林抚育{o:3000-15000:亩:森林抚育面积}，", "实施退化林修复{o:1000-6000:亩:退化林修复面积}，"),
        ("发放森林防火宣传资料{c:5000-20000:份:防火宣传资料}，", "设置防火宣传牌{c:50-300:块:防火宣传牌}，"),
        ("开展古树名木挂牌保护{c:50-400:株:古树名木挂牌}。", "救护野生动物{c:5-40:只（头）:救护野生动物}。"),
    ],
}

DEPT_WORK_COMMON_MORE = [
    ("组织干部职工参加无偿献血、结对帮扶等志愿服务活动{c:4-12:次:志愿服务活动}，", "开展结对帮扶走访{c:6-20:次:结对帮扶走访}，"),
    ("为帮扶村办实事{c:3-10:件:帮扶村实事}。", "协调解决帮扶村群众反映的困难{c:3-10:件:帮扶村困难}。"),
    ("完成普法宣传活动{c:4-15:场:普法宣传}，", "开展法治宣传进乡村活动{c:4-15:场:普法宣传}，"),
    ("全年未发生行政复议和行政诉讼案件。", "全年未发生行政败诉案件。"),
]

PROJECT_SCOPE = {
    "农村供水保障工程": ("项目同时新建蓄水池{c:4-20:座:新建蓄水池}，安装消毒设备{c:4-20:套:消毒设备}，配套建设管理房{c:1-6:间:管理房}。",
                   "配套新建蓄水池{c:4-20:座:新建蓄水池}，更换入户阀门井{c:100-600:个:阀门井}。"),
    "高标准农田建设项目": ("项目同时新建提灌泵站{c:2-8:座:提灌泵站}，安装墒情监测设备{c:2-10:台:墒情监测设备}，栽植农田防护林{o:1000-5000:株:农田防护林}。",
                   "配套新建泵站{c:2-8:座:提灌泵站}、蓄水池{c:5-20:口:蓄水池}。"),
    "中小学校舍维修改造项目": ("项目同时改造学校厕所{c:3-12:座:改造厕所}，更新消防设施{c:50-300:套:消防设施}。",
                      "配套改造供电线路{o:2-9:公里:改造供电线路}，更新照明灯具{c:200-900:盏:照明灯具}。"),
    "城乡居民养老服务补助项目": ("敬老院改造内容包括房屋修缮、无障碍通道和呼叫系统建设，涉及房间{c:40-200:间:改造房间}。",
                       "改造内容包括修缮房屋{c:40-200:间:修缮房屋}、建设无障碍通道和配置呼叫系统。"),
    "农村公路养护工程": ("项目同时更换损坏的警示标志{c:30-150:块:警示标志}，修复涵洞{c:5-30:道:修复涵洞}。",
                  "配套增设减速带{c:20-100:处:减速带}，疏通涵洞{c:10-60:道:疏通涵洞}。"),
    "基层医疗卫生机构能力提升项目": ("项目同时为村卫生室配备健康一体机，为乡镇卫生院开通远程诊疗系统{c:3-15:个:远程诊疗系统}。",
                         "配套为乡镇卫生院开通远程心电诊断点{c:3-15:个:远程心电诊断点}。"),
    "公共文化服务体系建设项目": ("项目同时为村级文化服务中心配置音响设备{c:10-60:套:音响设备}，添置文体器材{c:50-300:件:文体器材}。",
                       "配套添置文体器材{c:50-300:件:文体器材}，更换宣传栏{c:10-60:块:宣传栏}。"),
}

DEPT_SPEND = [
    ("从支出结构看，基本支出主要用于保障在编人员工资福利和机构日常运转，项目支出主要用于履行部门职责的重点工作。",
     "从支出用途看，基本支出保障了机构正常运转，项目支出集中投向年度重点任务，支出结构总体合理。"),
    ("与上年相比，一般性支出继续压减，重点工作经费得到优先保障。",
     "全年支出严格控制在批复的预算范围内，未发生超范围、超标准支出。"),
]

DEPT_EFFECT = {
    "农业技术推广中心": ("新技术、新品种的示范带动作用明显，农户科学种田水平逐步提高，农业生产的科技含量不断增加。",
                  "病虫害监测预警和统防统治的开展，有效减轻了病虫危害损失，为粮食稳产提供了技术保障。"),
    "图书馆": ("公共阅读服务向基层延伸，城乡群众就近借阅更加方便，全民阅读氛围日益浓厚。",
            "阅读推广活动的开展丰富了群众的精神文化生活，图书馆的社会影响力进一步扩大。"),
    "市场监督管理局": ("市场准入更加便利，市场主体活力持续增强，辖区消费环境和营商环境不断改善。",
                "食品、特种设备等重点领域安全形势总体平稳，全年未发生区域性、系统性安全事件。"),
    "林业局": ("森林资源得到有效保护，生态环境持续改善，林区群众的生态保护意识明显增强。",
            "森林防火和有害生物防治工作扎实开展，全年未发生重大森林火灾和重大林业有害生物灾害。"),
}

DEPT_SAT_PLAIN = [
    ("调查内容包括服务态度、办事效率、政策落实和工作成效等方面，调查对象兼顾城乡和不同行业的服务对象。",
     "问卷围绕服务质量、办事效率和工作作风等方面设计，调查对象随机抽取。"),
    ("从调查结果看，服务对象对单位的工作总体认可，意见主要集中在服务便利度和政策宣传方面。",
     "服务对象普遍认为单位服务意识较强、办事效率较高，同时希望进一步加强政策解读和宣传。"),
]

PROJECT_EFFECT = {
    "农村供水保障工程": ("项目的实施提高了农村供水保障水平，降低了饮水不安全引发疾病的风险，群众生活质量明显改善。",
                   "供水条件改善后，部分农户发展了庭院种养业，农村人居环境也得到了改善。"),
    "高标准农田建设项目": ("农田基础设施的改善降低了农业生产成本，提高了土地产出率，为土地流转和规模经营创造了条件。",
                    "项目区抗旱排涝能力明显增强，为稳定粮食生产、保障粮食安全奠定了基础。"),
    "中小学校舍维修改造项目": ("校舍安全隐患的消除为师生创造了安全舒适的教学环境，保障了正常的教育教学秩序。",
                      "学校办学条件的改善增强了农村学校的吸引力，有利于稳定生源和教师队伍。"),
    "城乡居民养老服务补助项目": ("补贴政策减轻了困难老年人家庭的经济负担，提高了老年人的生活质量。",
                       "敬老院服务能力的提升，使更多困难老年人能够得到集中照护，兜底保障作用进一步发挥。"),
    "农村公路养护工程": ("路况的改善缩短了群众出行时间，降低了农产品运输成本，促进了沿线产业发展。",
                  "安全防护设施的完善减少了交通安全隐患，群众出行安全感明显增强。"),
    "基层医疗卫生机构能力提升项目": ("基层诊疗条件的改善方便了群众就近就医，减轻了群众看病的费用负担和时间成本。",
                          "设备的配置和人员能力的提升，增强了基层医疗机构的服务能力，促进了分级诊疗制度的落实。"),
    "公共文化服务体系建设项目": ("文化活动的开展满足了群众多样化的精神文化需求，促进了乡风文明建设。",
                       "基层文化阵地作用的发挥，增强了农村群众的文化获得感和幸福感。"),
}

PROJECT_PROCURE = [
    ("采购需求由项目单位会同技术人员编制，采购文件经主管部门审核后发布，评标过程全程录音录像。",
     "招标文件经法律顾问和主管部门审核，评审专家从专家库中随机抽取，评审过程依法公开。"),
    ("中标结果在政府采购网站公告，合同签订后按规定备案，合同履行情况纳入日常检查。",
     "采购结果公告期满无异议后签订合同，合同约定的付款条件与验收要求相互衔接。"),
    ("采购节约的资金未挪作他用，已按规定统筹用于项目建设内容。",
     "采购过程中未收到质疑和投诉。"),
]

PLAIN_APPLY = [
    ("自评结果在单位内部通报，作为改进项目管理、完善绩效目标的重要依据。",
     "自评情况向单位领导班子专题汇报，相关股室根据自评结论改进工作。"),
    ("对自评发现的问题，项目单位逐项分析原因，与下年度项目申报和预算安排挂钩。",
     "自评中发现的薄弱环节已纳入下年度项目实施方案统筹解决。"),
    ("主管部门将结合自评情况，对项目单位的绩效管理工作进行抽查复核。",
     "财政部门和主管部门可根据自评结果对项目开展重点评价。"),
]

PROJECT_PROCESS = {
    "农村供水保障工程": [("管网铺设前逐户核实用水需求，管线走向尽量避开农田和房屋，减少对群众生产生活的影响。",
                    "施工中遇到的青苗赔偿和管线穿越等问题，由乡镇和村组协调解决，未发生阻工事件。"),
                   ("工程完工后进行了管网冲洗消毒和试运行，水质经检测符合生活饮用水卫生标准后正式通水。",
                    "通水前组织对水源、水厂和管网进行全面检查，试运行期间未出现爆管和停水情况。")],
    "高标准农田建设项目": [("项目规划设计前征求了项目区村组和农户的意见，建设内容和布局经村民代表会议确认。",
                     "设计单位在实地踏勘的基础上编制初步设计，设计方案经专家评审后批复实施。"),
                    ("施工安排避开农忙季节，对影响当季耕种的地块提前与农户协商，保障了群众的生产安排。",
                     "工程施工与农时相衔接，先实施渠系和道路工程，再实施田块整治，减少了对农业生产的影响。")],
    "中小学校舍维修改造项目": [("施工方案经学校和教育主管部门共同审定，施工区域与教学区域严格隔离。",
                       "开学前组织对维修改造的校舍进行安全检查，确认符合使用条件后交付学校使用。"),
                      ("维修中发现的隐蔽问题，经设计、监理和学校共同确认后及时处理，未留下安全隐患。",
                       "各学校安排专人配合施工管理，及时反映施工中影响教学的问题。")],
    "城乡居民养老服务补助项目": [("补贴发放实行社会化发放，资金由财政直接拨付到补贴对象的社保卡账户，减少了中间环节。",
                        "补贴名册实行动态管理，对死亡、迁出等情况及时核减，防止冒领、错发。"),
                       ("敬老院改造期间，对入住老年人进行了妥善安置，其饮食起居照常得到保障。",
                        "改造方案充分听取了入住老年人和护理人员的意见，优先解决居住安全和生活便利问题。")],
    "农村公路养护工程": [("养护路段由公路管理部门结合路况检测结果确定，优先安排病害严重和安全隐患突出的路段。",
                   "年初组织对县乡道路况进行全面排查，根据病害程度确定养护路段和养护方式。"),
                  ("施工期间设置了警示标志和交通疏导人员，保障了过往车辆和行人的安全。",
                   "养护作业实行半幅施工、半幅通行，最大限度减少了对群众出行的影响。")],
    "基层医疗卫生机构能力提升项目": [("设备采购前组织专家对各卫生院的需求进行论证，避免重复配置和设备闲置。",
                           "设备配置坚持填平补齐的原则，优先满足基本诊疗和公共卫生服务需要。"),
                          ("设备到位后，供货单位对使用人员进行了操作指导，各卫生院建立了设备使用和维护保养台账。",
                           "各卫生院明确了设备管理责任人，设备的日常维护和定期检修落实到人。")],
    "公共文化服务体系建设项目": [("活动安排事先征求乡镇和村组意见，节目内容和演出时间尽量贴近群众需求。",
                        "文化活动采取点单式服务，由群众选择节目类型，提高了活动的针对性。"),
                       ("图书更新前对各农家书屋的藏书情况进行了清点，剔除破损和过时的图书。",
                        "村级文化服务中心明确了管理员，实行定时开放，开放时间在村务公开栏公示。")],
}

PROJECT_POLICY = [
    ("项目实施符合{place}“十四五”发展规划和年度重点工作安排，属于财政资金重点保障的民生领域。",
     "项目的立项依据充分，建设内容与上级政策导向和{place}年度重点工作相衔接。"),
    ("项目单位在申报前对实施条件、资金需求和预期效果进行了测算，形成了项目实施方案。",
     "申报阶段项目单位组织技术人员实地踏勘，对建设规模和投资进行了测算。"),
]

PRACTICE_MORE = [
    ("项目单位与施工、监理单位签订廉洁协议，把廉政要求嵌入项目实施全过程，未发现违规违纪问题。",
     "项目实施中落实廉政风险防控措施，对招标、验收和付款等关键环节实行全程监督。"),
    ("对实施中出现的新情况、新问题，项目单位及时向主管部门报告，提出解决方案后组织实施。",
     "对实施方案未能预见的情况，项目单位按程序报批后调整实施安排，确保项目顺利推进。"),
    ("项目单位注重总结实施中的经验做法，形成了较为完整的项目管理制度，为同类项目实施提供了借鉴。",
     "项目完成后，项目单位对实施过程进行了复盘，梳理形成了项目管理工作指引。"),
]

PROJECT_RISK = {
    "农村供水保障工程": ("部分已建工程的管护主体和管护经费落实还不够到位，长效运行机制有待健全。",
                   "部分村组供水设施的日常维护主要依靠村级组织，专业管护力量不足。"),
    "高标准农田建设项目": ("部分已建设施的后续管护责任落实不够到位，存在重建设、轻管护的现象。",
                    "个别地块的土壤改良措施需要持续投入，短期内地力提升效果还不明显。"),
    "中小学校舍维修改造项目": ("部分学校校舍使用年限较长，需要维修的项目较多，当年资金只能优先解决最突出的安全问题。",
                      "个别学校在施工期间的临时安置条件有限，对正常教学安排造成了一定影响。"),
    "城乡居民养老服务补助项目": ("补贴对象动态调整的及时性还需提高，部门之间的信息比对还不够顺畅。",
                       "部分乡镇敬老院专业护理人员不足，服务质量与老年人的需求还有差距。"),
    "农村公路养护工程": ("农村公路里程长、养护资金需求大，现有资金与实际养护需求相比仍有差距。",
                  "部分路段受重载车辆影响，养护后病害反复出现，需要加强路政管理。"),
    "基层医疗卫生机构能力提升项目": ("部分基层医疗机构缺少能够熟练操作新设备的专业技术人员，设备使用效率有待提高。",
                          "个别卫生院的设备维护保养能力不足，对供货单位的售后服务依赖较大。"),
    "公共文化服务体系建设项目": ("部分村级文化服务中心的日常管理人员为兼职，开放时间和服务质量难以保证。",
                       "文化活动的内容和形式还需要进一步创新，对青少年群体的吸引力不够。"),
}
