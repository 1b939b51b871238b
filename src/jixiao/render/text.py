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


def render_report(report, out: TextIO, *, color: bool = False) -> None:
    con = _console(out, color)
    doc = report.document
    con.print(f"[bold]{escape(doc.source)}[/bold]  （{doc.format}，{len(doc.text)} 字符，"
              f"{len(doc.headings)} 个标题，{len(doc.tables)} 个表格，{len(report.claims)} 项数字声明）")
    order = {"error": 0, "warning": 1, "info": 2}
    for f in sorted(report.findings, key=lambda f: (order[f.severity], f.evidence[0].span[0] if f.evidence else 0)):
        ev = f.evidence[0] if f.evidence else None
        where = ev.location.section if ev and ev.location and ev.location.section else ""
        con.print(f"  [{SEVERITY_STYLE[f.severity]}]{SEVERITY_ZH[f.severity]}[/] {f.rule} {f.category}"
                  f" {escape(where)}：{escape(f.message)}")
    s = report.summary
    con.print(f"  共 {s['error']} 错误, {s['warning']} 警告, {s['info']} 提示")
