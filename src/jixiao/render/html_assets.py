"""Inline stylesheet and script of the HTML report (render/html.py). No network: system fonts only."""

FONT_STACK = ('-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
              '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun", "Segoe UI", '
              'Roboto, "Helvetica Neue", Arial, sans-serif')

CSS = """
:root {
  --ink: #1f2937; --ink-2: #4b5563; --ink-3: #6b7280; --line: #e5e7eb; --bg: #eef0f3; --paper: #fff;
  --err: #dc2626; --err-bg: #fee2e2; --err-strong: #fca5a5;
  --warn: #d97706; --warn-bg: #fef3c7; --warn-strong: #fcd34d;
  --info: #2563eb; --info-bg: #dbeafe; --info-strong: #93c5fd;
  --r-target: #7c3aed; --r-actual: #16a34a; --r-budget: #0369a1; --r-expenditure: #0d9488;
  --r-rate: #c026d3; --r-weight: #ca8a04; --r-score: #ea580c; --r-grade: #9f1239; --r-count: #475569;
  --r-other: #94a3b8;
}
* { box-sizing: border-box; }
html, body { height: 100%; }
body {
  margin: 0; display: flex; flex-direction: column; overflow: hidden; background: var(--bg); color: var(--ink);
  font-family: FONT_STACK; font-size: 14px; line-height: 1.6; -webkit-font-smoothing: antialiased;
}
button { font: inherit; color: inherit; }
[hidden] { display: none !important; }

/* ---- app bar and report switcher */
.app-bar {
  flex: none; display: flex; align-items: center; gap: 24px; height: 48px; padding: 0 20px;
  background: #1e293b; color: #f8fafc; box-shadow: 0 1px 0 rgba(0,0,0,.2);
}
.brand { display: flex; align-items: center; gap: 10px; font-weight: 600; font-size: 15px; white-space: nowrap; }
.brand .logo {
  display: inline-grid; place-items: center; width: 26px; height: 26px; border-radius: 6px;
  background: linear-gradient(135deg, #ef4444, #b91c1c); font-size: 14px;
}
.brand .tool { font-weight: 400; color: #94a3b8; font-size: 12px; letter-spacing: .04em; }
.tabs { display: flex; gap: 4px; overflow-x: auto; align-self: stretch; align-items: flex-end; }
.tab {
  display: flex; align-items: center; gap: 6px; padding: 7px 12px; border: 0; border-radius: 6px 6px 0 0;
  background: transparent; color: #cbd5e1; cursor: pointer; white-space: nowrap; font-size: 13px;
}
.tab:hover { background: rgba(255,255,255,.08); color: #fff; }
.tab[aria-selected="true"] { background: var(--bg); color: var(--ink); font-weight: 600; }
.tab .tc { min-width: 18px; padding: 0 5px; border-radius: 9px; font-size: 11px; line-height: 17px; text-align: center; color: #fff; }
.tab .tc.ok { background: #16a34a; }
.tab .tc.s-error { background: var(--err); } .tab .tc.s-warning { background: var(--warn); } .tab .tc.s-info { background: var(--info); }

/* ---- one report */
.report { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.report-head {
  flex: none; display: flex; align-items: center; justify-content: space-between; gap: 20px;
  padding: 12px 24px; background: #fff; border-bottom: 1px solid var(--line);
}
.report-head .file { min-width: 0; }
.fname { margin: 0; font-size: 17px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.doc-title { color: var(--ink-2); font-size: 13px; }
.meta { color: var(--ink-3); font-size: 12.5px; display: flex; flex-wrap: wrap; gap: 0 6px; align-items: center; }
.meta .fmt {
  padding: 0 6px; border-radius: 4px; background: #e2e8f0; color: #334155; font-weight: 600; font-size: 11px;
  letter-spacing: .05em;
}
.meta .path { margin-left: 8px; color: #9ca3af; max-width: 420px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.summary { display: flex; gap: 8px; flex: none; }
.pill { display: inline-flex; align-items: baseline; gap: 4px; padding: 4px 12px; border-radius: 999px; font-size: 13px; border: 1px solid; }
.pill b { font-size: 17px; font-variant-numeric: tabular-nums; }
.pill.s-error { color: #991b1b; background: var(--err-bg); border-color: #fecaca; }
.pill.s-warning { color: #92400e; background: var(--warn-bg); border-color: #fde68a; }
.pill.s-info { color: #1e40af; background: var(--info-bg); border-color: #bfdbfe; }

.split { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) 440px; }
.doc-pane { overflow: auto; padding: 16px 28px 48px; scroll-padding: 80px 0; }
.side { overflow: auto; background: #f8fafc; border-left: 1px solid var(--line); }

/* ---- legend */
.legend {
  position: sticky; top: -16px; z-index: 3; max-width: 880px; margin: -16px auto 12px; padding: 8px 4px;
  background: rgba(238,240,243,.94); backdrop-filter: blur(3px); display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center;
  font-size: 12.5px; color: var(--ink-2);
}
.lg-title { font-weight: 600; color: var(--ink); margin-right: 2px; }
.lg { display: inline-flex; align-items: center; gap: 5px; cursor: pointer; user-select: none; }
.lg input { position: absolute; opacity: 0; pointer-events: none; }
.lg b { font-weight: 500; color: var(--ink-3); font-variant-numeric: tabular-nums; }
.lg .sw { display: inline-block; width: 18px; height: 0; border-bottom: 2.5px solid var(--rc); }
.lg.r-target .sw { border-bottom-style: dashed; } .lg.r-other .sw { border-bottom-style: dotted; }
.lg:has(input:not(:checked)) { opacity: .4; text-decoration: line-through; }
.lg:has(input:focus-visible) { outline: 2px solid var(--info); outline-offset: 2px; }

/* ---- the paper */
.paper {
  max-width: 880px; margin: 0 auto; padding: 44px 60px 56px; background: var(--paper); border-radius: 4px;
  box-shadow: 0 1px 2px rgba(15,23,42,.06), 0 4px 16px rgba(15,23,42,.06); font-size: 15px; line-height: 1.95;
}
.paper .para { margin: 0 0 .55em; text-indent: 2em; white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
.paper .hd { white-space: pre-wrap; overflow-wrap: anywhere; color: #111827; }
.paper h1.hd { font-size: 22px; text-align: center; margin: 0 0 1.1em; line-height: 1.5; }
.paper h2.hd { font-size: 18px; margin: 1.4em 0 .5em; }
.paper h3.hd { font-size: 16px; margin: 1.1em 0 .4em; }
.paper h4.hd, .paper h5.hd, .paper h6.hd { font-size: 15px; margin: .7em 0 .3em; font-weight: 600; }
.paper .toc { color: var(--ink-3); font-size: 13.5px; text-indent: 0; }
.page-break { display: flex; align-items: center; gap: 12px; margin: 22px -60px; color: #9ca3af; font-size: 11.5px; }
.page-break::before, .page-break::after { content: ""; flex: 1; border-top: 1px dashed #d1d5db; }

/* ---- tables */
.tbl-wrap { margin: .8em 0 1.2em; }
.tbl-wrap figcaption { font-size: 12.5px; color: var(--ink-3); font-weight: 600; margin-bottom: 4px; }
.tbl-wrap figcaption .dim { font-weight: 400; color: #9ca3af; }
.tbl-scroll { overflow-x: auto; }
.tbl { border-collapse: collapse; width: 100%; font-size: 13.5px; line-height: 1.55; }
.tbl td, .tbl th { border: 1px solid #cbd5e1; padding: 5px 8px; vertical-align: middle; white-space: pre-wrap; overflow-wrap: anywhere; }
.tbl tr.first td { background: #f1f5f9; font-weight: 600; }
.tbl th.rn {
  width: 28px; padding: 0 4px; background: #f8fafc; color: #94a3b8; font-weight: 400; font-size: 11px;
  text-align: right; border-color: #e2e8f0; font-variant-numeric: tabular-nums;
}
.tbl td.empty { background: repeating-linear-gradient(135deg, #fff, #fff 4px, #f8fafc 4px, #f8fafc 8px); }

/* ---- marks: claims underlined by role, findings highlighted by severity */
.r-target { --rc: var(--r-target); } .r-actual { --rc: var(--r-actual); } .r-budget { --rc: var(--r-budget); }
.r-expenditure { --rc: var(--r-expenditure); } .r-rate { --rc: var(--r-rate); } .r-weight { --rc: var(--r-weight); }
.r-score { --rc: var(--r-score); } .r-grade { --rc: var(--r-grade); } .r-count { --rc: var(--r-count); }
.r-other { --rc: var(--r-other); }
.m.cl {
  text-decoration-line: underline; text-decoration-color: var(--rc); text-decoration-thickness: 2px;
  text-underline-offset: 4px; text-decoration-skip-ink: none;
}
.m.cl.r-target { text-decoration-style: dashed; } .m.cl.r-other { text-decoration-style: dotted; }
.doc-pane.hide-r-target .m.r-target, .doc-pane.hide-r-actual .m.r-actual, .doc-pane.hide-r-budget .m.r-budget,
.doc-pane.hide-r-expenditure .m.r-expenditure, .doc-pane.hide-r-rate .m.r-rate, .doc-pane.hide-r-weight .m.r-weight,
.doc-pane.hide-r-score .m.r-score, .doc-pane.hide-r-grade .m.r-grade, .doc-pane.hide-r-count .m.r-count,
.doc-pane.hide-r-other .m.r-other { text-decoration: none; }
.m.fx { border-radius: 3px; cursor: pointer; padding: 2px 0; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.m.fx.s-error { background: var(--err-bg); --sc: var(--err); --ss: var(--err-strong); }
.m.fx.s-warning { background: var(--warn-bg); --sc: var(--warn); --ss: var(--warn-strong); }
.m.fx.s-info { background: var(--info-bg); --sc: var(--info); --ss: var(--info-strong); }
.m.fx:hover { filter: brightness(.95) saturate(1.3); }
.m.anchor { display: none; }
.m.anchor.fx { display: inline-block; width: 5px; height: 1.1em; vertical-align: -.15em; margin: 0 1px; padding: 0; background: var(--sc); }
.doc-pane[data-focus-sev="error"] { --fc: var(--err); --fs: var(--err-strong); }
.doc-pane[data-focus-sev="warning"] { --fc: var(--warn); --fs: var(--warn-strong); }
.doc-pane[data-focus-sev="info"] { --fc: var(--info); --fs: var(--info-strong); }
.m.focus { position: relative; z-index: 1; box-shadow: 0 0 0 2px var(--fc); border-radius: 3px; }
.m.focus.jl { box-shadow: 0 -2px 0 0 var(--fc), 0 2px 0 0 var(--fc), 2px 0 0 0 var(--fc); border-top-left-radius: 0; border-bottom-left-radius: 0; }
.m.focus.jr { box-shadow: 0 -2px 0 0 var(--fc), 0 2px 0 0 var(--fc), -2px 0 0 0 var(--fc); border-top-right-radius: 0; border-bottom-right-radius: 0; }
.m.focus.jl.jr { box-shadow: 0 -2px 0 0 var(--fc), 0 2px 0 0 var(--fc); border-radius: 0; }
.m.focus.pulse { animation: jx-pulse 1s ease-out 3; }
@keyframes jx-pulse { 0% { background-color: var(--fs); } 100% { background-color: transparent; } }
@media (prefers-reduced-motion: reduce) { .m.focus.pulse { animation: none; } }

/* ---- the findings pane */
.side-head {
  position: sticky; top: 0; z-index: 2; padding: 14px 18px 10px; background: rgba(248,250,252,.97);
  border-bottom: 1px solid var(--line); backdrop-filter: blur(4px);
}
.side-head h2 { margin: 0; font-size: 15px; display: flex; align-items: center; gap: 8px; }
.side-head .total { padding: 0 8px; border-radius: 999px; background: #e2e8f0; font-size: 12px; line-height: 20px; }
.hint { color: var(--ink-3); font-size: 12px; margin: 2px 0 8px; }
.fgroup { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
.flabel { font-size: 12px; color: var(--ink-3); margin-right: 2px; }
.chip {
  position: relative; display: inline-flex; align-items: center; gap: 5px; padding: 2px 10px; border-radius: 999px;
  border: 1px solid #d1d5db; background: #fff; font-size: 12.5px; cursor: pointer; user-select: none;
}
.chip input { position: absolute; opacity: 0; pointer-events: none; }
.chip b { font-weight: 600; color: var(--ink-3); font-variant-numeric: tabular-nums; }
.chip .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--sc); }
.chip.s-error { --sc: var(--err); border-color: #fecaca; background: var(--err-bg); }
.chip.s-warning { --sc: var(--warn); border-color: #fde68a; background: var(--warn-bg); }
.chip.s-info { --sc: var(--info); border-color: #bfdbfe; background: var(--info-bg); }
.chip.cat:has(input:checked) { border-color: #94a3b8; background: #fff; }
.chip:has(input:not(:checked)) { opacity: .45; background: transparent; text-decoration: line-through; border-style: dashed; }
.chip:has(input:focus-visible) { outline: 2px solid var(--info); outline-offset: 1px; }
.all-cats { border: 0; background: none; color: var(--info); font-size: 12px; cursor: pointer; padding: 2px 4px; }
.shown { font-size: 12px; color: var(--ink-3); margin-top: 6px; }
.flist { list-style: none; margin: 0; padding: 12px 14px 40px; }
.finding {
  position: relative; margin: 0 0 10px; padding: 10px 12px 10px 14px; background: #fff; border: 1px solid var(--line);
  border-left: 4px solid var(--sc); border-radius: 8px; cursor: pointer; transition: box-shadow .15s, background .15s;
  scroll-margin: 150px 0 16px;
}
.finding.s-error { --sc: var(--err); --sb: var(--err-bg); } .finding.s-warning { --sc: var(--warn); --sb: var(--warn-bg); }
.finding.s-info { --sc: var(--info); --sb: var(--info-bg); }
.finding:hover { box-shadow: 0 2px 8px rgba(15,23,42,.08); }
.finding:focus-visible { outline: 2px solid var(--sc); outline-offset: 2px; }
.finding.active { box-shadow: 0 0 0 2px var(--sc), 0 4px 14px rgba(15,23,42,.1); background: linear-gradient(0deg, #fff, #fff 70%, var(--sb)); }
.f-top { display: flex; align-items: center; gap: 8px; margin-bottom: 4px; min-width: 0; }
.badge { flex: none; padding: 0 7px; border-radius: 4px; font-size: 11.5px; font-weight: 600; line-height: 19px; color: #fff; background: var(--sc); }
.badge.s-error { --sc: var(--err); } .badge.s-warning { --sc: var(--warn); } .badge.s-info { --sc: var(--info); }
.code { flex: none; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--ink-2); }
.rtitle { color: var(--ink-2); font-size: 12.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.conf { margin-left: auto; color: var(--ink-2); font-size: 12px; white-space: nowrap; }
.msg { font-size: 13.5px; color: var(--ink); line-height: 1.65; }
.kv { display: flex; gap: 8px; margin-top: 4px; font-size: 12.5px; line-height: 1.55; }
.kv .k, .evs .k { flex: none; color: var(--ink-3); }
.kv .v { color: var(--ink-2); }
.f-foot { display: flex; justify-content: space-between; gap: 8px; margin-top: 6px; font-size: 11.5px; color: var(--ink-3); }
.catname { flex: none; padding: 0 6px; border-radius: 4px; background: #f1f5f9; }
.loc { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: right; }
.evs { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin-top: 6px; font-size: 12px; }
.ev-chip {
  border: 1px solid #e5e7eb; background: #f9fafb; border-radius: 4px; padding: 0 6px; font-size: 12px; line-height: 20px;
  cursor: pointer; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.ev-chip:hover { border-color: var(--sc); background: var(--sb); }
.empty-state { margin: 24px 18px; color: var(--ink-3); text-align: center; }

/* ---- tooltip */
.tip {
  position: fixed; z-index: 50; max-width: 380px; padding: 8px 10px; border-radius: 8px; background: #0f172a; color: #f1f5f9;
  font-size: 12.5px; line-height: 1.55; box-shadow: 0 8px 24px rgba(0,0,0,.25); pointer-events: none;
}
.tip .row { display: flex; gap: 6px; align-items: baseline; }
.tip .row + .row { margin-top: 5px; padding-top: 5px; border-top: 1px solid rgba(255,255,255,.12); }
.tip .role { flex: none; padding: 0 5px; border-radius: 3px; background: var(--rc); color: #fff; font-size: 11.5px; }
.tip .metric { color: #cbd5e1; }
.tip .val { font-weight: 600; color: #fff; }
.tip .sev { flex: none; padding: 0 5px; border-radius: 3px; font-size: 11.5px; color: #fff; }
.tip .sev.s-error { background: var(--err); } .tip .sev.s-warning { background: var(--warn); } .tip .sev.s-info { background: var(--info); }
.tip .fcode { flex: none; font-family: ui-monospace, Menlo, Consolas, monospace; color: #94a3b8; }

@media (max-width: 1000px) {
  body { overflow: auto; display: block; }
  .split { display: block; }
  .doc-pane { overflow: visible; padding: 12px; }
  .paper { padding: 24px 20px; }
  .page-break { margin: 18px -20px; }
  .side { border-left: 0; border-top: 1px solid var(--line); }
  .report-head { flex-wrap: wrap; }
}
@media print {
  body { overflow: visible; display: block; background: #fff; }
  .app-bar, .legend, .hint, .fgroup, .shown, .evs { display: none !important; }
  .split { display: block; }
  .doc-pane, .side { overflow: visible; }
  .paper { box-shadow: none; padding: 0; max-width: none; }
  .finding { break-inside: avoid; }
  .side-head { position: static; }
}
""".replace("FONT_STACK", FONT_STACK)

JS = r"""
(function () {
  "use strict";
  var SEV = ["error", "warning", "info"];
  var reduce = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  var tip = document.getElementById("jx-tip"), tipEl = null;
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.report"));
  var tabs = Array.prototype.slice.call(document.querySelectorAll(".tab"));

  function q(s) { return (window.CSS && CSS.escape) ? CSS.escape(s) : String(s).replace(/["\\]/g, "\\$&"); }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function data(sec) {
    if (!sec._jx) {
      var el = sec.querySelector("script.jx-data");
      try { sec._jx = JSON.parse(el.textContent); } catch (e) { sec._jx = { claims: {}, findings: {} }; }
    }
    return sec._jx;
  }
  function pane(sec) { return sec.querySelector(".doc-pane"); }
  function sevRank(s) { var i = SEV.indexOf(s); return i < 0 ? 9 : i; }

  // ---- report switcher
  function show(id) {
    var found = sections.some(function (s) { return s.id === id; });
    if (!found) return;
    sections.forEach(function (s) { s.hidden = s.id !== id; });
    tabs.forEach(function (t) { t.setAttribute("aria-selected", t.dataset.target === id ? "true" : "false"); });
    hideTip();
  }
  tabs.forEach(function (t) {
    t.addEventListener("click", function () {
      show(t.dataset.target);
      if (history.replaceState) history.replaceState(null, "", "#" + t.dataset.target);
    });
  });
  if (location.hash && sections.length > 1) show(location.hash.slice(1));

  // ---- focusing a finding: every evidence element outlined, the first one scrolled into view
  function clearFocus(sec) {
    all(sec, ".m.focus").forEach(function (el) { el.classList.remove("focus", "jl", "jr", "pulse"); });
    all(sec, ".finding.active").forEach(function (c) { c.classList.remove("active"); c.setAttribute("aria-pressed", "false"); });
    delete pane(sec).dataset.focusSev;
    sec._focus = null;
  }
  function keysOf(el, fid) {
    return (el.dataset.ev || "").split(" ").filter(function (k) { return k.lastIndexOf(fid + ":", 0) === 0; });
  }
  function joined(a, b, fid) {
    if (!a || a.nodeType !== 1 || !a.classList.contains("focus")) return false;
    var ka = keysOf(a, fid);
    return keysOf(b, fid).some(function (k) { return ka.indexOf(k) >= 0; });
  }
  function focusFinding(sec, fid, evKey, fromDoc) {
    clearFocus(sec);
    var card = sec.querySelector('.finding[data-fid="' + q(fid) + '"]');
    var p = pane(sec);
    var els = all(p, '[data-f~="' + q(fid) + '"]');
    p.dataset.focusSev = card ? card.dataset.sev : "info";
    els.forEach(function (el) { el.classList.add("focus"); });
    els.forEach(function (el) {
      if (joined(el.previousSibling, el, fid)) el.classList.add("jl");
      if (joined(el.nextSibling, el, fid)) el.classList.add("jr");
      void el.offsetWidth;
      el.classList.add("pulse");
    });
    sec._focus = fid;
    if (card) {
      card.classList.add("active");
      card.setAttribute("aria-pressed", "true");
      if (fromDoc) card.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" });
    }
    // the finding's first evidence (or the one asked for), else its first marked figure
    var target = p.querySelector('[data-ev~="' + q(evKey || fid + ":0") + '"]') || els[0];
    if (target && !fromDoc) target.scrollIntoView({ block: "center", inline: "nearest", behavior: reduce ? "auto" : "smooth" });
  }

  // ---- filters
  function applyFilters(sec) {
    var on = { sev: {}, cat: {} };
    all(sec, "input[data-filter]").forEach(function (i) { on[i.dataset.filter][i.value] = i.checked; });
    var shown = {}, n = 0;
    all(sec, ".finding").forEach(function (card) {
      var vis = on.sev[card.dataset.sev] !== false && on.cat[card.dataset.cat] !== false;
      card.hidden = !vis;
      if (vis) { shown[card.dataset.fid] = true; n++; }
    });
    var fd = data(sec).findings;
    all(pane(sec), ".m[data-f]").forEach(function (el) {
      var best = null;
      el.dataset.f.split(" ").forEach(function (fid) {
        if (!shown[fid]) return;
        var s = fd[fid] ? fd[fid][0] : "info";
        if (best === null || sevRank(s) < sevRank(best)) best = s;
      });
      el.classList.remove("fx", "s-error", "s-warning", "s-info");
      if (best) el.classList.add("fx", "s-" + best);
    });
    var label = sec.querySelector(".shown");
    if (label) label.textContent = label.dataset.template.replace("{n}", n).replace("{total}", label.dataset.total);
    var empty = sec.querySelector(".empty-state.filtered");
    if (empty) empty.hidden = n > 0;
    if (sec._focus && !shown[sec._focus]) clearFocus(sec);
  }

  // ---- tooltip
  function row(parts) {
    var r = document.createElement("div");
    r.className = "row";
    parts.forEach(function (p) {
      if (!p || !p[1]) return;
      var s = document.createElement("span");
      s.className = p[0];
      s.textContent = p[1];
      r.appendChild(s);
    });
    return r;
  }
  function showTip(el) {
    var sec = el.closest("section.report");
    var d = data(sec);
    tip.textContent = "";
    (el.dataset.c || "").split(" ").forEach(function (id) {
      var c = d.claims[id];
      if (!c) return;
      var roleCls = "";
      el.classList.forEach(function (k) { if (k.indexOf("r-") === 0) roleCls = k; });
      tip.appendChild(row([["role " + roleCls, c[0]], ["metric", c[1]], ["val", c[2]]]));
    });
    (el.dataset.f || "").split(" ").forEach(function (fid) {
      var f = d.findings[fid];
      if (!f) return;
      tip.appendChild(row([["sev s-" + f[0], f[2]], ["fcode", f[1]], ["fmsg", f[3]]]));
    });
    if (!tip.firstChild) { hideTip(); return; }
    tip.hidden = false;
    tipEl = el;
    placeTip();
  }
  function placeTip() {
    var r = tipEl.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    if (r.bottom < 0 || r.top > window.innerHeight) { hideTip(); return; }
    var top = r.bottom + 8;
    if (top + h > window.innerHeight - 8) top = Math.max(8, r.top - h - 8);
    var left = Math.min(Math.max(8, r.left), window.innerWidth - w - 8);
    tip.style.top = top + "px";
    tip.style.left = left + "px";
  }
  function hideTip() { if (tip) tip.hidden = true; tipEl = null; }
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest && ev.target.closest(".doc-pane .m");
    if (el) showTip(el); else hideTip();
  });
  document.addEventListener("scroll", function () { if (tipEl) placeTip(); }, true);
  window.addEventListener("resize", hideTip);

  // ---- wiring per report
  sections.forEach(function (sec) {
    all(sec, ".finding").forEach(function (card) {
      card.addEventListener("click", function (ev) {
        var chip = ev.target.closest(".ev-chip");
        focusFinding(sec, card.dataset.fid, chip ? chip.dataset.ev : null, false);
      });
      card.addEventListener("keydown", function (ev) {
        if (ev.target !== card) return;
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); focusFinding(sec, card.dataset.fid, null, false); }
      });
    });
    all(sec, "input[data-filter]").forEach(function (i) { i.addEventListener("change", function () { applyFilters(sec); }); });
    var allBtn = sec.querySelector(".all-cats");
    if (allBtn) allBtn.addEventListener("click", function () {
      all(sec, 'input[data-filter="cat"]').forEach(function (i) { i.checked = true; });
      applyFilters(sec);
    });
    all(sec, "input[data-role]").forEach(function (i) {
      i.addEventListener("change", function () { pane(sec).classList.toggle("hide-r-" + i.dataset.role, !i.checked); });
    });
    pane(sec).addEventListener("click", function (ev) {
      var el = ev.target.closest(".m.fx[data-f]");
      if (!el) return;
      var ids = el.dataset.f.split(" ").filter(function (fid) {
        var c = sec.querySelector('.finding[data-fid="' + q(fid) + '"]');
        return c && !c.hidden;
      });
      if (!ids.length) return;
      var next = ids[(ids.indexOf(sec._focus) + 1) % ids.length];  // a second click on a shared figure cycles
      focusFinding(sec, next, null, true);
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") return;
    sections.forEach(function (s) { if (!s.hidden) clearFocus(s); });
    hideTip();
  });
})();
"""
