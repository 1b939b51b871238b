"""Terminal rendering (rich): the document model for `jixiao show`, reports for `jixiao check`."""
from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable
from rich.tree import Tree

from ..model import Document, Paragraph, Section, Table

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
PREVIEW = 60


def _console(out: TextIO, color: bool) -> Console:
    return Console(file=out, force_terminal=color, no_color=not color, color_system="auto" if color else None,
                   width=None if color else 120, highlight=False, soft_wrap=not color)


def render_document(doc: Document, out: TextIO, *, color: bool = False, extras: bool = False) -> None:
    con = _console(out, color)
    con.print(f"[bold]{escape(doc.source)}[/bold]  格式 {doc.format} · {len(doc.text)} 字符"
              + (f" · {doc.pages} 页" if doc.pages else "")
              + f" · {len(doc.headings)} 个标题 · {len(doc.tables)} 个表格")
    if doc.title:
        con.print(f"标题：{escape(doc.title)}")
    if doc.toc:
        toc = Tree("[bold]目录[/bold]（不计入正文数字）")
        for e in doc.toc:
            toc.add(f"{escape(e.number)} {escape(e.title)}  …… {e.page if e.page is not None else '?'}")
        con.print(toc)
    con.print(_section_tree(doc, doc.root, Tree("[bold]正文[/bold]")))
    if extras:
        for part, paras in doc.extras.items():
            con.print(f"[bold]{part}[/bold]")
            for p in paras:
                con.print("  " + escape(p.text))


def _section_tree(doc: Document, sec: Section, node: Tree) -> Tree:
    """A section's own blocks (they all precede its first subsection), then its subsections."""
    for i in sec.blocks:
        b = doc.blocks[i]
        if isinstance(b, Paragraph) and not b.is_toc and b.heading is None:
            node.add("¶ " + escape(_preview(b.text)))
        elif isinstance(b, Paragraph) and b.heading is not None and b.heading is not sec.heading:
            node.add("¶ " + escape(_preview(b.text)))
        elif isinstance(b, Table) and not b.is_toc:
            node.add(_grid(b))
    for c in sec.children:
        h = c.heading
        label = f"[bold]{escape(h.number)}[/bold] {escape(h.title)}  [dim]（第{h.level}级）[/dim]"
        _section_tree(doc, c, node.add(label))
    return node


def _grid(t: Table) -> RichTable:
    rt = RichTable(title=f"表 {t.table_no + 1}" + (f"（{escape(t.title)}）" if t.title else "")
                   + f"  {t.n_rows}行×{t.n_cols}列", show_header=False, show_lines=True)
    for _ in range(t.n_cols):
        rt.add_column(overflow="fold")
    for r, row in enumerate(t.rows):
        rt.add_row(*[("[dim]↖[/dim]" if cell.origin else escape(cell.text)) for cell in row])
    return rt


def _preview(text: str) -> str:
    return text if len(text) <= PREVIEW else text[:PREVIEW] + "…"


SEVERITY_EN = {"error": "Error", "warning": "Warning", "info": "Info"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def _marked(text: str, marks, style: str, color: bool) -> str:
    """``text`` with the evidence spans in ``marks`` highlighted (colour) or bracketed 【】 (plain)."""
    out, pos = [], 0
    for a, b in marks:
        if a < pos:
            continue
        out.append(escape(text[pos:a]))
        fig = escape(text[a:b])
        out.append(f"[bold {style} reverse]{fig}[/]" if color else f"【{fig}】")
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def summary_line(summary: dict[str, int], lang: str = "zh") -> str:
    if lang == "en":
        return f"{summary['error']} errors, {summary['warning']} warnings, {summary['info']} info"
    return f"共 {summary['error']} 错误, {summary['warning']} 警告, {summary['info']} 提示"


def render_report(report, out: TextIO, *, color: bool = False, lang: str = "zh", by_confidence: bool = False) -> None:
    """Findings grouped by severity, then by section (or, ``by_confidence``, most likely confirmed
    first within each severity); each with its code, category, confidence when the triage model
    gave one, message and the sentence or table row it sits in, its figures highlighted; then the
    summary line."""
    from .context import message, snippets

    con = _console(out, color)
    doc = report.document
    if lang == "en":
        con.print(f"[bold]{escape(doc.source)}[/bold]  ({doc.format}, {len(doc.text)} chars, "
                  f"{len(doc.headings)} headings, {len(doc.tables)} tables, {len(report.claims)} claims)")
    else:
        con.print(f"[bold]{escape(doc.source)}[/bold]  （{doc.format}，{len(doc.text)} 字符，"
                  f"{len(doc.headings)} 个标题，{len(doc.tables)} 个表格，{len(report.claims)} 项数字声明）")
    names = SEVERITY_EN if lang == "en" else SEVERITY_ZH
    if by_confidence:
        findings = sorted(report.findings, key=lambda f: (_ORDER[f.severity], -(f.confidence or 0.0)))
    else:
        findings = sorted(report.findings, key=lambda f: (_ORDER[f.severity], f.evidence[0].span[0]))
    for sev in ("error", "warning", "info"):
        group = [f for f in findings if f.severity == sev]
        if not group:
            continue
        style = SEVERITY_STYLE[sev]
        con.print(f"\n[{style}]{names[sev]}（{len(group)}）[/]" if lang != "en" else f"\n[{style}]{names[sev]} ({len(group)})[/]")
        section = object()
        for f in group:
            sec = doc.section_path(f.evidence[0].span[0]) or ("(start)" if lang == "en" else "（正文开头）")
            if sec != section and not by_confidence:
                con.print(f"  [bold]{escape(sec)}[/bold]")
                section = sec
            conf = "" if f.confidence is None else (f" [dim]{'confidence' if lang == 'en' else '可信度'} "
                                                    f"{f.confidence:.0%}[/dim]")
            con.print(f"    [{style}]{f.rule}[/] [dim]{f.category}[/dim]{conf}  {escape(message(f, lang))}")
            for sn in snippets(doc, f):
                con.print(f"      [dim]│ {escape(sn.where)}[/dim]  {_marked(sn.text, sn.marks, style, color)}")
            extra = []
            if f.expected:
                extra.append(("expected: " if lang == "en" else "应为：") + escape(f.expected))
            if f.suggestion and lang != "en":
                extra.append("建议：" + escape(f.suggestion))
            if extra:
                con.print("      [dim]" + "；".join(extra) + "[/dim]")
    con.print(("\n" if findings else "") + "  " + summary_line(report.summary, lang))


ROLE_ZH = {"target": "目标", "actual": "实际", "budget": "预算", "expenditure": "支出/决算", "rate": "比率",
           "weight": "分值", "score": "得分", "grade": "等级", "count": "数量", "other": "其他"}
ROLE_STYLE = {"target": "blue", "actual": "green", "budget": "magenta", "expenditure": "magenta", "rate": "cyan",
              "weight": "yellow", "score": "yellow", "grade": "bold yellow", "count": "white", "other": "dim"}
_CMP = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "~": "约"}


def _claim_line(c) -> str:
    cmp = _CMP.get(c.comparator or "", "")
    value = "" if c.value is None else f"{cmp}{c.value}{c.unit or ''}"
    metric = escape(c.metric or "—")
    return (f"[{ROLE_STYLE.get(c.role, '')}]{ROLE_ZH.get(c.role, c.role)}[/] {metric}  {escape(value)}"
            f"  [dim]«{escape(c.text)}» {c.id}[/dim]")


def _render_tables(con, tables) -> None:
    """What the 自评表 reader found: indicator blocks (rows read, rows it could not read), the
    预算执行率 rows, totals and the funding blocks' 执行率 cells."""
    if not (tables.blocks or tables.execution or tables.totals or tables.fund_rows):
        return
    con.print("[bold]自评表[/bold]")
    for b in tables.blocks:
        where = f"表{b.table + 1}" if b.table is not None else "正文（表格文字）"
        state = "完整" if b.complete else f"未读行 {b.unread}" if b.unread else "不完整"
        con.print(f"  指标块 {where}：{len(b.rows)} 行  [dim]（{state}）[/dim]")
    for r in tables.execution:
        con.print(f"  {escape(r.name)}：分值 {escape(r.weight.text)}  执行率 {escape(r.rate.text)}  "
                  f"得分 {escape(r.score.text)}")
    for r in tables.totals:
        w = f"分值 {escape(r.weight.text)}  " if r.weight is not None else ""
        con.print(f"  {escape(r.name)}：{w}得分 {escape(r.score.text)}")
    for f in tables.fund_rows:
        con.print(f"  {escape(f.label)}：执行率 {escape(f.rate.text)}  [dim]（表{f.table.table_no + 1}）[/dim]")


def render_tagging(report, out: TextIO, *, color: bool = False) -> None:
    """Claims grouped by section, indicator records, then relations (for `jixiao tag`)."""
    con = _console(out, color)
    doc, tg = report.document, report.tagging
    con.print(f"[bold]{escape(doc.source)}[/bold]  {len(tg.claims)} 项声明")
    current = object()
    for c in tg.claims:
        if c.source == "table":
            continue
        sec = c.location.section if c.location else None
        if sec != current:
            current = sec
            title = doc.section_at(c.span[0]).title
            con.print(f"[bold]{escape(sec or '（正文开头）')}[/bold] {escape(title)}")
        con.print("  " + _claim_line(c))
    if tg.indicators:
        con.print("[bold]指标记录[/bold]")
        for ind in tg.indicators:
            def val(cid):
                return escape(tg.claim(cid).text) if cid else "—"
            levels = "/".join(x for x in (ind.level1, ind.level2) if x)
            con.print(f"  {escape(levels + '/' if levels else '')}{escape(ind.name)}：目标 "
                      f"{escape(ind.target_text or '') if not ind.target else val(ind.target)}  实际 "
                      f"{escape(ind.actual_text or '') if not ind.actual else val(ind.actual)}"
                      f"  分值 {val(ind.weight)}  得分 {val(ind.score)}"
                      f"{escape('  性质 ' + ind.comparator) if ind.comparator else ''}"
                      f"{escape('  单位 ' + ind.unit) if ind.unit else ''}"
                      f"  [dim]（{'表格' if ind.source == 'table' else '正文'}）[/dim]")
    _render_tables(con, tg.tables)
    tables = [c for c in tg.claims if c.source == "table"]
    if tables:
        con.print(f"[bold]表格中的数字[/bold]（{len(tables)} 项）")
        for c in tables:
            loc = c.location
            con.print(f"  表{(loc.table or 0) + 1} 行{(loc.row or 0) + 1} 列{(loc.column or 0) + 1}  " + _claim_line(c))
    if tg.part_wholes:
        con.print("[bold]总分关系[/bold]")
        for pw in tg.part_wholes:
            parts = " + ".join(escape(tg.claim(p).text) for p in pw.parts)
            con.print(f"  {escape(tg.claim(pw.whole).text)} ⊇ {parts}  [dim]（{pw.cue}，{pw.completeness}）[/dim]")
    if tg.links:
        con.print("[bold]目标—实际[/bold]")
        for lk in tg.links:
            t = tg.claim(lk.target)
            a = tg.claim(lk.actual) if lk.actual else None
            tail = f"{escape(a.metric or '')} {escape(a.text)}" if a else "[red]未找到实际值[/red]"
            amb = " [yellow]（有歧义）[/yellow]" if lk.ambiguous else ""
            con.print(f"  {escape(t.metric or '')} {escape(t.text)} → {tail}  [dim]{lk.score:.0f}[/dim]{amb}")
    if tg.groups:
        con.print("[bold]同一数量的多次提及[/bold]")
        for g in tg.groups:
            con.print("  " + "；".join(f"{escape(tg.claim(i).metric or '')} {escape(tg.claim(i).text)}" for i in g.claims))


def render_rules(rules, out: TextIO, *, color: bool = False) -> None:
    """The catalogue as a table: code, category, default severity, title."""
    con = _console(out, color)
    t = RichTable(show_lines=False, box=None, pad_edge=False)
    for col in ("代码", "类别", "严重程度", "规则"):
        t.add_column(col, no_wrap=col != "规则")
    for r in rules:
        t.add_row(r.code, r.category, SEVERITY_ZH[r.severity], escape(r.title))
    con.print(t)


def rules_markdown(rules) -> str:
    """The rule reference (docs/rules.md): a summary table, then each rule's documentation."""
    out = ["# jixiao 检查规则手册 / rule reference", "",
           "由 `jixiao rules --format markdown` 从各规则的文档字符串生成，请勿手工编辑。", "",
           "| 代码 | 类别 | 默认严重程度 | 规则 |", "| --- | --- | --- | --- |"]
    out += [f"| [{r.code}](#{r.code.lower()}) | {r.category} | {SEVERITY_ZH[r.severity]} | {r.title} |" for r in rules]
    for r in rules:
        body = r.doc.split("\n", 1)[1].strip() if "\n" in r.doc else ""
        out += ["", f"## {r.code}", "", f"**{r.title}** · 类别 `{r.category}` · 默认{SEVERITY_ZH[r.severity]} · `{r.name}`",
                "", "```text", body, "```"]
    return "\n".join(out) + "\n"


def _pct(v) -> str:
    return "—" if v is None else f"{v:.0%}"


def render_evaluation(outcomes, by_cat: dict, by_rule: dict, out: TextIO, *, color: bool = False) -> None:
    """Precision/recall tables, then every miss and false alarm."""
    con = _console(out, color)
    con.print(f"[bold]评估 {len(outcomes)} 份报告[/bold]（精确率只计错误与警告；召回率只计必须发现的标注）")
    for title, table in (("按类别", by_cat), ("按规则", by_rule)):
        t = RichTable(title=title, box=None, pad_edge=False)
        for col in ("", "精确率", "召回率", "F1", "确认", "误报", "发现/标注"):
            t.add_column(col)
        for k, v in table.items():
            t.add_row(k, _pct(v["precision"]), _pct(v["recall"]), _pct(v["f1"]), str(v["confirmed"]),
                      str(v["false_alarms"]), f"{v['found']}/{v['labels']}")
        con.print(t)
    for o in outcomes:
        for lb in o.missed:
            con.print(f"[red]漏报[/red] {escape(o.doc)}  {lb.category}  {escape('、'.join(lb.evidence))}  {escape(lb.note)}")
        for f in o.false_alarms:
            con.print(f"[yellow]误报?[/yellow] {escape(o.doc)}  {f.rule} {f.category}  {escape(f.message)}")
