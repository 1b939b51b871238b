"""dashboard.html: the picture across a batch, in one self-contained page (inline CSS, JS and SVG
charts drawn here; no network). Problems by category (bars), reports ranked by severity (a
sortable table linking each report's annotated page), self-score against problems found
(scatter), and the files that could not be checked. Every piece of report text is escaped."""
from __future__ import annotations

from html import escape
from urllib.parse import quote

from .summary import CATEGORIES, SEVERITIES

__all__ = ["render_dashboard", "severity_key"]

_UI = {
    "zh": {"title": "绩效自评报告批量审核", "reports": "份报告", "checked": "已检查", "failed": "未能检查",
           "findings": "项问题", "scored": "写明自评得分", "by_cat": "各类问题数量",
           "by_cat_note": "条形长度为问题数，括号内为涉及的报告份数", "ranked": "按严重程度排序的报告",
           "ranked_note": "先按错误数、再按警告数、提示数排序；点击表头可重新排序，点击文件名打开标注页面",
           "scatter": "自评得分与检出问题", "scatter_note": "每个点是一份写明了自评得分的报告；竖线为等级分数段",
           "x": "自评得分", "y": "检出问题数", "errors_t": "未能检查的文件", "rank": "序号", "file": "文件",
           "unit": "单位", "year": "年度", "score": "自评得分", "grade": "等级", "total": "合计",
           "top": "主要问题", "filter": "筛选文件或单位…", "none": "没有检出问题。", "no_scores": "没有报告写明自评得分。",
           "reports_n": "份", "status": "状态", "error_msg": "错误信息", "unscored": "份报告未写明自评得分，未画出"},
    "en": {"title": "Batch review of performance self-evaluation reports", "reports": "reports",
           "checked": "checked", "failed": "not checked", "findings": "findings", "scored": "state a self-score",
           "by_cat": "Problems by category", "by_cat_note": "bar length: findings; in brackets: reports concerned",
           "ranked": "Reports ranked by severity",
           "ranked_note": "by errors, then warnings, then info; click a header to sort, a file to open its annotated page",
           "scatter": "Self-score against problems found",
           "scatter_note": "one dot per report that states a self-score; vertical lines: grade bands",
           "x": "self-score", "y": "findings", "errors_t": "Files that could not be checked", "rank": "#",
           "file": "File", "unit": "Unit", "year": "Year", "score": "Score", "grade": "Grade", "total": "Total",
           "top": "Main problems", "filter": "Filter by file or unit…", "none": "No problems found.",
           "no_scores": "No report states a self-score.", "reports_n": "", "status": "Status", "error_msg": "Error",
           "unscored": "reports state no self-score and are not plotted"},
}
_SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_SEV_COLOR = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
_GRADE_COLOR = {"优": "#1e8449", "良": "#2e86c1", "中": "#d68910", "差": "#c0392b"}
_BANDS = ((90, "优"), (80, "良"), (60, "中"))

CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.5 -apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",
"Noto Sans CJK SC",sans-serif;color:#222;background:#f4f5f7}header{background:#1f3a5f;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}main{max-width:1200px;margin:0 auto;padding:16px 24px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:4px 0 16px}.card{background:#fff;border-radius:6px;padding:10px 16px;
box-shadow:0 1px 2px rgba(0,0,0,.08);min-width:120px}.card b{display:block;font-size:22px}.card.bad b{color:#c0392b}
section{background:#fff;border-radius:6px;padding:14px 18px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:16px;margin:0 0 2px}.note{color:#666;font-size:12px;margin:0 0 10px}svg{max-width:100%;height:auto}
svg text{font-size:12px;fill:#333}.axis line,.axis path{stroke:#999}.band{stroke:#bbb;stroke-dasharray:3 3}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;
vertical-align:top}th{background:#eef2f8;cursor:pointer;user-select:none;white-space:nowrap;position:sticky;top:0}
th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.e{color:#c0392b;font-weight:600}td.w{color:#b9770e}a{color:#1a5fb4}.filter{margin:0 0 8px;padding:5px 8px;width:280px;
border:1px solid #ccc;border-radius:4px}.err td{color:#922}.pill{display:inline-block;border-radius:9px;padding:0 6px;
margin:0 3px 2px 0;background:#eef2f8;font-size:12px}.wrap{max-height:640px;overflow:auto}
"""

JS = """
(function(){
  var t=document.getElementById('ranked');if(!t)return;
  var body=t.tBodies[0];
  t.tHead.addEventListener('click',function(ev){
    var th=ev.target.closest('th');if(!th)return;
    var i=Array.prototype.indexOf.call(th.parentNode.children,th);
    var num=th.dataset.num==='1',asc=!th.classList.contains('sorted-asc');
    Array.prototype.forEach.call(th.parentNode.children,function(h){h.classList.remove('sorted-asc','sorted-desc')});
    th.classList.add(asc?'sorted-asc':'sorted-desc');
    var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){
      var x=a.cells[i].dataset.v!==undefined?a.cells[i].dataset.v:a.cells[i].textContent;
      var y=b.cells[i].dataset.v!==undefined?b.cells[i].dataset.v:b.cells[i].textContent;
      if(num){x=x===''?-Infinity:parseFloat(x);y=y===''?-Infinity:parseFloat(y);return asc?x-y:y-x}
      return asc?x.localeCompare(y,'zh'):y.localeCompare(x,'zh')});
    rows.forEach(function(r){body.appendChild(r)});
  });
  var f=document.getElementById('filter');
  if(f)f.addEventListener('input',function(){
    var q=f.value.trim().toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){
      r.hidden=q!==''&&(r.dataset.key||'').toLowerCase().indexOf(q)<0});
  });
})();
"""


def severity_key(row: dict) -> tuple:
    """Worst first: more errors, then more warnings, then more info."""
    return (-(row.get("error") or 0), -(row.get("warning") or 0), -(row.get("info") or 0), row.get("file") or "")


def _e(v) -> str:
    return escape("" if v is None else str(v), quote=True)


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def _href(page: str) -> str:
    return "/".join(quote(p) for p in page.split("/"))


def render_dashboard(rows: list[dict], *, lang: str = "zh") -> str:
    """The whole page for the summary rows of a batch (ok and failed ones)."""
    ui = _UI["en" if lang == "en" else "zh"]
    ok = [r for r in rows if r["status"] == "ok"]
    failed = [r for r in rows if r["status"] != "ok"]
    totals = {s: sum(r.get(s) or 0 for r in ok) for s in SEVERITIES}
    n_find = sum(totals.values())
    scored = [r for r in ok if r.get("self_score") is not None]
    sev_txt = " / ".join(f"{_sev_name(s, lang)} {totals[s]}" for s in SEVERITIES)
    cards = (
        f'<div class="card"><b>{len(rows)}</b>{_e(ui["reports"])}</div>'
        f'<div class="card"><b>{len(ok)}</b>{_e(ui["checked"])}</div>'
        f'<div class="card{" bad" if failed else ""}"><b>{len(failed)}</b>{_e(ui["failed"])}</div>'
        f'<div class="card"><b>{n_find}</b>{_e(ui["findings"])}（{_e(sev_txt)}）</div>'
        f'<div class="card"><b>{len(scored)}</b>{_e(ui["scored"])}</div>'
    )
    parts = [
        (f'<section id="by-category"><h2>{_e(ui["by_cat"])}</h2><p class="note">{_e(ui["by_cat_note"])}</p>'
         f"{_category_chart(ok, lang, ui)}</section>"),
        (f'<section id="scatter"><h2>{_e(ui["scatter"])}</h2><p class="note">{_e(ui["scatter_note"])}</p>'
         f"{_scatter(ok, ui)}</section>"),
        (f'<section id="ranking"><h2>{_e(ui["ranked"])}</h2><p class="note">{_e(ui["ranked_note"])}</p>'
         f'<input id="filter" class="filter" type="search" placeholder="{_e(ui["filter"])}">'
         f'<div class="wrap">{_ranked_table(ok, lang, ui)}</div></section>'),
    ]
    if failed:
        parts.append(f'<section id="failed"><h2>{_e(ui["errors_t"])}（{len(failed)}）</h2>{_failed_table(failed, lang, ui)}</section>')
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="jixiao">\n'
        f"<title>{_e(ui['title'])}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{_e(ui['title'])}</h1></header>\n<main>\n<div class=\"cards\">{cards}</div>\n"
        + "\n".join(parts)
        + f"\n</main>\n<script>{JS}</script>\n</body>\n</html>\n"
    )


def _sev_name(s: str, lang: str) -> str:
    return s if lang == "en" else _SEV_ZH[s]


def _cat_name(c: str, lang: str) -> str:
    from ..render.context import CATEGORY_ZH

    return c if lang == "en" else CATEGORY_ZH.get(c, c)


# --------------------------------------------------------------------------- charts


def _category_chart(rows: list[dict], lang: str, ui: dict) -> str:
    data = []
    for c in CATEGORIES:
        n = sum(r.get(f"cat:{c}") or 0 for r in rows)
        k = sum(1 for r in rows if r.get(f"cat:{c}"))
        if n:
            data.append((c, n, k))
    if not data:
        return f'<p>{_e(ui["none"])}</p>'
    data.sort(key=lambda d: (-d[1], CATEGORIES.index(d[0])))
    label_w, bar_w, row_h, top = 150, 560, 24, 6
    width = label_w + bar_w + 140
    height = top + row_h * len(data) + 6
    peak = max(n for _, n, _ in data)
    out = [(f'<svg class="chart bars" role="img" aria-label="{_e(ui["by_cat"])}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">')]
    for i, (c, n, k) in enumerate(data):
        y = top + i * row_h
        w = max(2, round(bar_w * n / peak))
        name = _cat_name(c, lang)
        out.append(
            f'<g class="bar" data-category="{_e(c)}"><title>{_e(name)}: {n} ({k})</title>'
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_e(name)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" rx="2" fill="#4a78b5"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 16}">{n}（{k}{_e(ui["reports_n"])}）</text></g>')
    out.append("</svg>")
    return "".join(out)


def _nice_max(v: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if v <= step * 5:
            return int(step * -(-v // step)) or step
    return int(v) + 1


def _scatter(rows: list[dict], ui: dict) -> str:
    pts = [r for r in rows if r.get("self_score") is not None]
    unscored = len(rows) - len(pts)
    if not pts:
        return f'<p>{_e(ui["no_scores"])}</p>'
    scores = [float(r["self_score"]) for r in pts]
    x0 = min(50.0, (min(scores) // 10) * 10)
    x1 = max(100.0, -(-max(scores) // 10) * 10)
    y1 = _nice_max(max(r.get("findings") or 0 for r in pts) or 1)
    W, H, L, R, T, B = 720, 360, 52, 16, 14, 44
    pw, ph = W - L - R, H - T - B

    def sx(v: float) -> float:
        return round(L + (v - x0) / (x1 - x0) * pw, 1)

    def sy(v: float) -> float:
        return round(T + ph - v / y1 * ph, 1)

    out = [(f'<svg class="chart scatter" role="img" aria-label="{_e(ui["scatter"])}" viewBox="0 0 {W} {H}" '
            f'width="{W}" height="{H}" xmlns="http://www.w3.org/2000/svg">')]
    out.append(f'<g class="axis"><line x1="{L}" y1="{T + ph}" x2="{L + pw}" y2="{T + ph}"></line>'
               f'<line x1="{L}" y1="{T}" x2="{L}" y2="{T + ph}"></line></g>')
    step = 10 if x1 - x0 <= 60 else 20
    v = x0
    while v <= x1 + 1e-9:
        out.append(f'<text x="{sx(v)}" y="{T + ph + 16}" text-anchor="middle">{v:g}</text>')
        v += step
    for i in range(6):
        yv = y1 * i / 5
        out.append(f'<text x="{L - 6}" y="{sy(yv) + 4}" text-anchor="end">{yv:g}</text>')
    for lo, name in _BANDS:
        if x0 < lo < x1:
            out.append(f'<line class="band" x1="{sx(lo)}" y1="{T}" x2="{sx(lo)}" y2="{T + ph}"></line>'
                       f'<text x="{sx(lo) + 4}" y="{T + 12}">{_e(name)} ≥{lo}</text>')
    out.append(f'<text x="{L + pw / 2}" y="{H - 6}" text-anchor="middle">{_e(ui["x"])}</text>'
               f'<text transform="translate(14 {T + ph / 2}) rotate(-90)" text-anchor="middle">{_e(ui["y"])}</text>')
    for r in pts:
        color = _GRADE_COLOR.get(r.get("grade") or "", "#555")
        tip = f'{r.get("name") or r["file"]} · {_fmt(r["self_score"])} · {r.get("findings") or 0}'
        dot = (f'<circle cx="{sx(float(r["self_score"]))}" cy="{sy(r.get("findings") or 0)}" r="5" fill="{color}" '
               f'fill-opacity="0.65" stroke="#fff" stroke-width="1"><title>{_e(tip)}</title></circle>')
        if r.get("html"):
            dot = f'<a href="{_e(_href(r["html"]))}">{dot}</a>'
        out.append(dot)
    out.append("</svg>")
    if unscored:
        out.append(f'<p class="note">{unscored} {_e(ui["unscored"])}</p>')
    return "".join(out)


# --------------------------------------------------------------------------- tables


def _ranked_table(rows: list[dict], lang: str, ui: dict) -> str:
    heads = [(ui["rank"], True), (ui["file"], False), (ui["unit"], False), (ui["year"], True), (ui["score"], True),
             (ui["grade"], False)] + [(_sev_name(s, lang), True) for s in SEVERITIES] + [(ui["total"], True), (ui["top"], False)]
    out = ['<table id="ranked"><thead><tr>']
    out += [f'<th data-num="{1 if num else 0}">{_e(h)}</th>' for h, num in heads]
    out.append("</tr></thead><tbody>")
    for i, r in enumerate(sorted(rows, key=severity_key), 1):
        name = r.get("name") or r["file"]
        link = f'<a href="{_e(_href(r["html"]))}" title="{_e(r["file"])}">{_e(name)}</a>' if r.get("html") else _e(name)
        top = sorted(((r.get(f"cat:{c}") or 0, c) for c in CATEGORIES if r.get(f"cat:{c}")), key=lambda t: -t[0])[:3]
        pills = "".join(f'<span class="pill">{_e(_cat_name(c, lang))} {n}</span>' for n, c in top)
        key = f'{r["file"]} {r.get("unit") or ""}'
        out.append(
            f'<tr data-key="{_e(key)}"><td class="n" data-v="{i}">{i}</td><td>{link}</td><td>{_e(r.get("unit"))}</td>'
            f'<td class="n" data-v="{_e(r.get("year"))}">{_e(r.get("year"))}</td>'
            f'<td class="n" data-v="{_e(_fmt(r.get("self_score")))}">{_e(_fmt(r.get("self_score")))}</td>'
            f'<td>{_e(r.get("grade"))}</td>'
            f'<td class="n e" data-v="{r.get("error") or 0}">{r.get("error") or 0}</td>'
            f'<td class="n w" data-v="{r.get("warning") or 0}">{r.get("warning") or 0}</td>'
            f'<td class="n" data-v="{r.get("info") or 0}">{r.get("info") or 0}</td>'
            f'<td class="n" data-v="{r.get("findings") or 0}">{r.get("findings") or 0}</td><td>{pills}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def _failed_table(rows: list[dict], lang: str, ui: dict) -> str:
    from .writers import STATUS_EN, STATUS_ZH

    names = STATUS_EN if lang == "en" else STATUS_ZH
    out = [(f'<table class="failed"><thead><tr><th>{_e(ui["file"])}</th><th>{_e(ui["status"])}</th>'
            f'<th>{_e(ui["error_msg"])}</th></tr></thead><tbody>')]
    for r in rows:
        out.append(f'<tr class="err"><td>{_e(r["file"])}</td><td>{_e(names.get(r["status"], r["status"]))}</td>'
                   f'<td>{_e(r.get("error_message"))}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)
