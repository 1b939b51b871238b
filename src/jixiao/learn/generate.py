"""Generate invented, labelled self-evaluation reports with planted problems.

``generate(n, seed, out_dir)`` writes ``n`` reports (部门整体支出绩效自评报告 and 项目支出绩效自评报告,
narrative and 自评表 forms, several outlines and phrasings) as .txt and/or .docx, and
``labels.jsonl`` beside them: for each report the planted problems (category, the check expected
to find them, evidence quotes and their spans), the claim spans (targets, actuals, budgets,
rates, weights, scores, grades …) and the target→actual and part→whole relations. Offsets index
the text jixiao reads from the file (the same for the .txt and the .docx of one report).

Everything here is fiction written for jixiao: places, units, projects and figures. A seed gives
the same reports on every run; about two reports in five are clean (no planted problem).
"""
from __future__ import annotations

import hashlib
import random
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

GENERATOR = "jixiao.learn.generate 1"
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
    b.append(H(2, "（二）项目资金情况" if style != 1 else "（二）资金投入和使用情况"))
    b.append(P(*_funding_sentence_project(r, rng)))
    b.append(H(2, "（三）项目组织实施情况"))
    b.append(P(_organisation(rng)))
    b.append(H(2, "（四）项目绩效目标"))
    b += _targets_paragraphs(r, rng, numbered=True)
    b.append(h1(titles[1]))
    for n, (l1, name) in enumerate([("产出指标", "产出指标完成情况"), ("效益指标", "效益指标完成情况"),
                                    ("满意度指标", "满意度指标完成情况")]):
        b.append(H(2, f"（{CN[n]}）{name}"))
        b.append(P(*_results_paragraphs(r, rng, l1)))
    b.append(h1(titles[2]))
    b.append(P(*_conclusion(r, rng)))
    b.append(P(rng.choice(["项目实施程序规范，资金管理和使用符合有关规定，", "项目管理制度健全，资金拨付手续完备，"]),
               rng.choice(["绩效目标设置与项目内容相符，自评工作按要求组织开展。",
                           "自评工作由项目单位组织相关业务和财务人员共同完成。"])))
    if not r.flags.get("drop_problems"):
        b.append(h1(titles[3]))
        b.append(P(*_problems(r, rng)))
    b.append(h1(titles[-1]))
    b.append(P("自评结果将作为下一年度项目资金安排的重要依据，对发现的问题建立整改台账，明确责任和时限，"
               "并按规定随部门决算向社会公开。"))
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
    b.append(H(2, "（三）资产情况"))
    b.append(P(f"截至{r.year}年12月31日，资产总额", M(f"{mny(f['assets'])}万元", "assets", "other", "资产总额"),
               "，其中固定资产", M(f"{mny(f['fixed'])}万元", "fixed", "other", "固定资产"), "；负债总额",
               M(f"{mny(f['debt'])}万元", "debt", "other", "负债总额"), "；净资产", M(f"{mny(f['net'])}万元", "net", "other", "净资产"), "。"))
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
    b.append(h1(heads[2]))
    b.append(P(f"围绕{r.spec['duty'].split('、')[0]}等职责，确定{r.year}年度绩效目标如下："))
    b += _targets_paragraphs(r, rng, numbered=True)
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
    for name in heads[4:-1]:
        b.append(h1(name))
        if "问题" in name:
            b.append(P(*_problems(r, rng)[:4]))
        else:
            b.append(P("一是加强预算编制的科学性，细化绩效目标；二是强化绩效运行监控，及时纠正执行偏差。"))
    b.append(h1(heads[-1]))
    b.append(P(*_conclusion(r, rng)[:-1], "”。自评结果将作为编制下一年度部门预算的重要参考，并按规定公开。"))
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


def make_report(rng: random.Random, index: int, *, clean: bool | None = None) -> tuple[Report, list[Block]]:
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


def generate_one(seed: int, index: int, *, clean: bool | None = None) -> Generated:
    """Report ``index`` of the series for ``seed``: the same for the same pair."""
    rng = random.Random(f"{seed}:{index}")
    r, blocks = make_report(rng, index, clean=clean)
    name = f"gen-{seed}-{index:05d}"
    text, rec = _record(r, blocks, name, "txt", seed, index)
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
             *, labels_name: str = "labels.jsonl") -> Path:
    """Write ``n`` reports in each of ``formats`` to ``out_dir`` and their labels to
    ``out_dir/labels.jsonl`` (one record per report and format). Returns the labels path."""
    formats = tuple(formats)
    bad = [f for f in formats if f not in ("txt", "docx")]
    if bad or not formats:
        raise ValueError(f"unknown format(s): {', '.join(bad) or '(none)'}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for i in range(n):
        g = generate_one(seed, i)
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
