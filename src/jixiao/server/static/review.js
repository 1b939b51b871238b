/* The review page: decision controls in each finding card of the HTML renderer's view, keyboard
   shortcuts, and problems jixiao missed marked by selecting text. Every text from the report or the
   server goes in with textContent, never as markup. */
(function () {
  "use strict";
  var dataEl = document.getElementById("review-data");
  if (!dataEl) return;
  var state = JSON.parse(dataEl.textContent);
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var sec = document.querySelector("section.report");
  var paper = sec.querySelector("article.paper");
  var side = sec.querySelector("aside.side");
  var byFid = {};
  state.findings.forEach(function (f) { byFid[f.fid] = f; });
  var LABEL = { confirmed: "确认", rejected: "驳回", pending: "待定" };
  var KEYS = { confirmed: "Y", rejected: "N", pending: "P" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }

  var toastEl = document.getElementById("toast"), toastTimer = null;
  function toast(msg, bad) {
    toastEl.textContent = msg;
    toastEl.className = "toast" + (bad ? " bad" : "");
    toastEl.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toastEl.hidden = true; }, bad ? 6000 : 2000);
  }

  function send(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { location.href = "/login?next=" + encodeURIComponent(location.pathname); throw new Error("401"); }
      return r.json().catch(function () { return {}; }).then(function (d) {
        if (!r.ok) throw new Error(d.detail || ("请求失败（" + r.status + "）"));
        return d;
      });
    });
  }

  // ---- the toolbar above the findings: progress and shortcuts
  var tools = el("div", "rv-tools");
  var prog = el("div");
  tools.appendChild(prog);
  var help = el("div");
  [["J", "/"], ["K", " 下一项/上一项　"], ["Y", " 确认　"], ["N", " 驳回　"], ["P", " 待定　"], ["C", " 备注　"], ["Esc", " 取消"]]
    .forEach(function (k) { help.appendChild(el("kbd", null, k[0])); help.appendChild(document.createTextNode(k[1])); });
  tools.appendChild(help);
  tools.appendChild(el("div", null, "在左侧原文中选中文字，可添加 jixiao 漏报的问题。"));
  side.insertBefore(tools, side.firstChild);

  function updateProgress() {
    var n = state.findings.length, c = 0, r = 0, p = 0;
    state.findings.forEach(function (f) {
      if (!f.current) return;
      if (f.current.decision === "confirmed") c++; else if (f.current.decision === "rejected") r++; else p++;
    });
    prog.textContent = "";
    prog.appendChild(el("b", null, "已审核 " + (c + r) + " / " + n));
    prog.appendChild(document.createTextNode("（确认 " + c + "，驳回 " + r + "，待定 " + p + "；补充漏报 " + state.added.length + "）"));
  }

  // ---- controls in each card
  function paint(card, f) {
    var rv = card.querySelector(".rv");
    card.classList.remove("dec-confirmed", "dec-rejected", "dec-pending");
    if (f.current) card.classList.add("dec-" + f.current.decision);
    all(rv, ".rv-btns button").forEach(function (b) {
      var on = !!f.current && f.current.decision === b.dataset.d;
      b.classList.toggle("on", on);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    var st = rv.querySelector(".rv-state");
    st.textContent = "";
    if (f.current) {
      st.appendChild(document.createTextNode("当前："));
      st.appendChild(el("b", null, f.current.label));
      st.appendChild(document.createTextNode(" · " + f.current.user + " · " + f.current.shown_at));
      if (f.current.reason) st.appendChild(el("div", null, "理由：" + f.current.reason));
      if (f.current.comment) st.appendChild(el("div", null, "备注：" + f.current.comment));
    } else {
      st.textContent = "尚未审核";
    }
    var hist = rv.querySelector(".rv-hist");
    hist.hidden = f.history.length < 2;
    hist.querySelector("summary").textContent = "审核记录（" + f.history.length + "）";
    var ol = hist.querySelector("ol");
    ol.textContent = "";
    f.history.forEach(function (d) {
      ol.appendChild(el("li", null, d.shown_at + " " + d.user + "：" + d.label +
        (d.reason ? "（理由：" + d.reason + "）" : "") + (d.comment ? "（备注：" + d.comment + "）" : "")));
    });
  }

  function decide(card, decision, reason) {
    var f = byFid[card.dataset.fid];
    var rv = card.querySelector(".rv");
    var comment = rv.querySelector(".rv-comment").value;
    if (decision === "rejected" && reason === undefined) {
      var box = rv.querySelector(".rv-reason");
      box.hidden = false;
      var inp = box.querySelector("input");
      if (!inp.value && f.current && f.current.reason) inp.value = f.current.reason;
      inp.focus();
      return;
    }
    var body = { decision: decision, comment: comment || null };
    if (decision === "rejected") body.reason = reason;
    send("POST", "/api/findings/" + f.id + "/decision", body).then(function (d) {
      f.current = d.current;
      f.history = d.history;
      rv.querySelector(".rv-reason").hidden = true;
      paint(card, f);
      updateProgress();
      toast("已记录：" + d.current.label);
    }).catch(function (e) { if (e.message !== "401") toast(e.message, true); });
  }

  var cards = all(sec, "li.finding").filter(function (c) { return byFid[c.dataset.fid]; });
  cards.forEach(function (card) {
    var f = byFid[card.dataset.fid];
    var rv = el("div", "rv");
    rv.dataset.id = f.id;
    var btns = el("div", "rv-btns");
    ["confirmed", "rejected", "pending"].forEach(function (d) {
      var b = el("button", null, LABEL[d] + " ");
      b.type = "button";
      b.dataset.d = d;
      b.appendChild(el("kbd", null, KEYS[d]));
      b.addEventListener("click", function () { decide(card, d); });
      btns.appendChild(b);
    });
    rv.appendChild(btns);
    var reasonBox = el("div", "rv-reason");
    reasonBox.hidden = true;
    var reason = el("input");
    reason.placeholder = "驳回理由（必填）";
    reason.maxLength = 2000;
    var go = el("button", "primary", "提交驳回");
    go.type = "button";
    function submitReason() {
      if (!reason.value.trim()) { toast("驳回时须填写理由", true); reason.focus(); return; }
      decide(card, "rejected", reason.value.trim());
    }
    go.addEventListener("click", submitReason);
    reason.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); submitReason(); }
      if (ev.key === "Escape") { reasonBox.hidden = true; card.focus(); }
    });
    reasonBox.appendChild(reason);
    reasonBox.appendChild(go);
    rv.appendChild(reasonBox);
    var comment = el("textarea", "rv-comment");
    comment.placeholder = "备注（可选，随下一次审核结论保存）";
    comment.maxLength = 2000;
    comment.rows = 1;
    comment.addEventListener("keydown", function (ev) { if (ev.key === "Escape") card.focus(); });
    rv.appendChild(comment);
    rv.appendChild(el("div", "rv-state"));
    var hist = el("details", "rv-hist");
    hist.appendChild(el("summary"));
    hist.appendChild(el("ol"));
    rv.appendChild(hist);
    // the card's own click focuses its evidence; clicks on the controls should not
    rv.addEventListener("click", function (ev) { ev.stopPropagation(); });
    rv.addEventListener("keydown", function (ev) { ev.stopPropagation(); });
    card.appendChild(rv);
    paint(card, f);
  });

  // ---- keyboard: J/K move, Y/N/P decide, C comment
  var active = -1;
  function visibleCards() { return cards.filter(function (c) { return !c.hidden; }); }
  function activate(card) {
    active = cards.indexOf(card);
    card.click();
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }
  cards.forEach(function (card, i) { card.addEventListener("focus", function () { active = i; }); });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    if (!addBox.hidden) { if (ev.key === "Escape") hideAdd(); return; }
    var k = ev.key.toLowerCase();
    var vis = visibleCards();
    if (!vis.length) return;
    var cur = active >= 0 ? cards[active] : null;
    var pos = cur ? vis.indexOf(cur) : -1;
    if (k === "j" || k === "k") {
      ev.preventDefault();
      var next = k === "j" ? Math.min(pos + 1, vis.length - 1) : Math.max(pos - 1, 0);
      activate(vis[next]);
    } else if ((k === "y" || k === "n" || k === "p" || k === "c") && cur) {
      ev.preventDefault();
      if (k === "c") { cur.querySelector(".rv-comment").focus(); return; }
      decide(cur, { y: "confirmed", n: "rejected", p: "pending" }[k]);
    }
  });

  // ---- offsets: where a DOM point falls in the document text
  var meta = state.meta || { p: {}, c: {} };
  function container(node) {
    var e = node.nodeType === 1 ? node : node.parentElement;
    if (!e || !paper.contains(e)) return null;
    var td = e.closest("td[data-rc]");
    if (td) {
      var fig = td.closest("figure[data-b]");
      var base = fig ? meta.c[fig.dataset.b + ":" + td.dataset.rc] : undefined;
      return base === undefined ? null : { el: td, base: base };
    }
    var p = e.closest("[data-b]");
    if (p && p.tagName !== "FIGURE") {
      var b = meta.p[p.dataset.b];
      return b === undefined ? null : { el: p, base: b };
    }
    return null;
  }
  function offsetOf(node, off) {
    var c = container(node);
    if (!c) return null;
    var r = document.createRange();
    r.setStart(c.el, 0);
    r.setEnd(node, off);
    return c.base + r.toString().length;
  }

  // ---- added problems: the list beside the findings and the marks in the text
  var list = el("section", "added-list");
  list.appendChild(el("h3", null, "补充的漏报问题"));
  var ul = el("ol");
  list.appendChild(ul);
  var none = el("p", "dim", "暂无。");
  list.appendChild(none);
  side.appendChild(list);

  function containers() {
    var out = [];
    all(paper, "[data-b]").forEach(function (e) {
      if (e.tagName === "FIGURE") return;
      var b = meta.p[e.dataset.b];
      if (b !== undefined) out.push({ el: e, base: b });
    });
    all(paper, "figure[data-b] td[data-rc]").forEach(function (td) {
      var b = meta.c[td.closest("figure").dataset.b + ":" + td.dataset.rc];
      if (b !== undefined) out.push({ el: td, base: b });
    });
    return out;
  }
  function mark(p) {
    containers().forEach(function (c) {
      var len = c.el.textContent.length;
      var a = Math.max(p.start, c.base) - c.base, b = Math.min(p.end, c.base + len) - c.base;
      if (b <= a) return;
      var walker = document.createTreeWalker(c.el, NodeFilter.SHOW_TEXT), pos = 0, nodes = [], n;
      while ((n = walker.nextNode())) { nodes.push([n, pos]); pos += n.data.length; }
      nodes.forEach(function (item) {
        var node = item[0], s = item[1], e = s + node.data.length;
        var x = Math.max(a, s), y = Math.min(b, e);
        if (y <= x) return;
        if (x > s) { node = node.splitText(x - s); }
        if (y < e) node.splitText(y - x);
        var span = el("span", "added");
        span.dataset.added = p.id;
        span.title = "漏报问题：" + p.category_zh + (p.note ? "（" + p.note + "）" : "");
        node.parentNode.insertBefore(span, node);
        span.appendChild(node);
      });
    });
  }
  function unmark(id) {
    all(paper, 'span.added[data-added="' + id + '"]').forEach(function (s) {
      while (s.firstChild) s.parentNode.insertBefore(s.firstChild, s);
      s.parentNode.removeChild(s);
    });
    paper.normalize();
  }
  function listProblem(p) {
    var li = el("li");
    li.dataset.id = p.id;
    li.appendChild(el("b", null, p.category_zh + " "));
    li.appendChild(el("span", "q", p.quote.length > 60 ? p.quote.slice(0, 59) + "…" : p.quote));
    if (p.note) li.appendChild(el("div", null, "说明：" + p.note));
    li.appendChild(el("div", "dim", p.user + " · " + p.shown_at));
    if (p.user === state.me || state.can_delete_any) {
      var del = el("button", null, "删除");
      del.type = "button";
      del.addEventListener("click", function () {
        send("DELETE", "/api/problems/" + p.id).then(function () {
          state.added = state.added.filter(function (x) { return x.id !== p.id; });
          li.parentNode.removeChild(li);
          unmark(p.id);
          none.hidden = state.added.length > 0;
          updateProgress();
        }).catch(function (e) { toast(e.message, true); });
      });
      li.lastChild.appendChild(del);
    }
    ul.appendChild(li);
    none.hidden = true;
  }
  state.added.forEach(function (p) { listProblem(p); mark(p); });

  var addBox = document.getElementById("add-box");
  var pending = null;
  function hideAdd() { addBox.hidden = true; pending = null; }
  document.getElementById("add-cancel").addEventListener("click", hideAdd);
  document.getElementById("add-save").addEventListener("click", function () {
    if (!pending) return;
    var body = { start: pending.start, end: pending.end, quote: pending.quote,
      category: document.getElementById("add-category").value,
      severity: document.getElementById("add-severity").value,
      note: document.getElementById("add-note").value || null };
    send("POST", "/api/reports/" + state.report.id + "/problems", body).then(function (d) {
      state.added.push(d.problem);
      listProblem(d.problem);
      mark(d.problem);
      updateProgress();
      hideAdd();
      document.getElementById("add-note").value = "";
      window.getSelection().removeAllRanges();
      toast("已添加漏报问题");
    }).catch(function (e) { toast(e.message, true); });
  });
  paper.addEventListener("mouseup", function () {
    setTimeout(function () {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed || !sel.rangeCount) return;
      var r = sel.getRangeAt(0);
      if (!paper.contains(r.commonAncestorContainer)) return;
      var quote = sel.toString();
      if (!quote.trim()) return;
      var a = offsetOf(r.startContainer, r.startOffset), b = offsetOf(r.endContainer, r.endOffset);
      pending = { start: a, end: b, quote: quote };
      if (a === null || b === null || b <= a) { pending.start = null; pending.end = null; }
      addBox.querySelector(".add-quote").textContent = quote.length > 200 ? quote.slice(0, 199) + "…" : quote;
      var rect = r.getBoundingClientRect();
      addBox.hidden = false;
      addBox.style.left = Math.max(8, Math.min(rect.left, window.innerWidth - addBox.offsetWidth - 8)) + "px";
      var top = rect.bottom + 8;
      if (top + addBox.offsetHeight > window.innerHeight - 8) top = Math.max(8, rect.top - addBox.offsetHeight - 8);
      addBox.style.top = top + "px";
    }, 0);
  });

  updateProgress();
})();
