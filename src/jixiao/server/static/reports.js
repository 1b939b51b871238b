/* The report list: upload with progress, and the table kept up to date while reports are checked.
   Every text from the server goes in with textContent, never as markup. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.content : "";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // ---- one report's page while it is being checked: reload when it is done
  var single = document.getElementById("report-status");
  if (single) {
    var st = single.dataset.status;
    if (st === "queued" || st === "running") {
      setInterval(function () {
        fetch("/api/reports/" + single.dataset.id, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (d) {
            if (d.report && d.report.status !== st) { location.reload(); return; }
            if (d.report) single.textContent = d.report.status_zh + (d.report.stage_zh ? "：" + d.report.stage_zh : "");
          }).catch(function () {});
      }, 1500);
    }
    return;
  }

  var tbody = document.querySelector("#reports tbody");
  if (!tbody) return;

  function row(r) {
    var tr = el("tr");
    tr.dataset.id = r.id;
    tr.dataset.status = r.status;
    var name = el("td", "name");
    var a = el("a", null, r.name);
    a.href = "/reports/" + r.id;
    name.appendChild(a);
    name.appendChild(document.createTextNode(" "));
    name.appendChild(el("span", "fmt", r.format));
    tr.appendChild(name);
    var st = el("td", "status st-" + r.status);
    st.appendChild(el("span", "st", r.status_zh + (r.stage_zh ? "：" + r.stage_zh : "")));
    if (r.status === "queued" || r.status === "running") {
      var p = el("progress");
      p.max = 100;
      p.value = r.percent;
      st.appendChild(p);
    }
    if (r.error) st.appendChild(el("div", "err", r.error));
    tr.appendChild(st);
    ["error", "warning", "info"].forEach(function (s) {
      tr.appendChild(el("td", "num s-" + s, r.status === "done" ? r.counts[s] : ""));
    });
    var rv = r.review, txt = "";
    if (r.status === "done") {
      txt = rv.decided + "/" + rv.findings + " 已审核" + (rv.pending ? "，" + rv.pending + " 待定" : "") +
        (rv.added ? "，补充 " + rv.added : "");
    }
    tr.appendChild(el("td", "rv", txt));
    tr.appendChild(el("td", "dim", r.uploaded_by + " " + r.uploaded_at));
    return tr;
  }

  function busy() {
    return Array.prototype.some.call(tbody.querySelectorAll("tr[data-status]"), function (tr) {
      return tr.dataset.status === "queued" || tr.dataset.status === "running";
    });
  }

  var timer = null;
  function refresh() {
    fetch("/api/reports", { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (r.status === 401) { location.href = "/login"; throw new Error("401"); } return r.json(); })
      .then(function (d) {
        tbody.textContent = "";
        if (!d.reports.length) {
          var tr = el("tr", "empty");
          var td = el("td", null, "还没有报告。");
          td.colSpan = 7;
          tr.appendChild(td);
          tbody.appendChild(tr);
        }
        d.reports.forEach(function (r) { tbody.appendChild(row(r)); });
        var n = document.getElementById("report-count");
        if (n) n.textContent = d.reports.length;
        schedule();
      }).catch(function () { schedule(); });
  }
  function schedule() {
    clearTimeout(timer);
    if (busy()) timer = setTimeout(refresh, 1500);
  }
  schedule();

  // ---- upload through XHR: a progress bar, and one line per file accepted or refused
  var form = document.getElementById("upload-form");
  var bar = document.getElementById("upload-progress");
  var out = document.getElementById("upload-results");
  if (form && window.FormData && window.XMLHttpRequest) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/reports");
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      bar.hidden = false;
      bar.value = 0;
      out.textContent = "";
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
      xhr.onload = function () {
        bar.hidden = true;
        var d = null;
        try { d = JSON.parse(xhr.responseText); } catch (e) { d = null; }
        if (xhr.status === 401) { location.href = "/login"; return; }
        if (d && (d.accepted || d.rejected)) {
          (d.accepted || []).forEach(function (a) { out.appendChild(el("li", "ok", "已接收：" + a.name)); });
          (d.rejected || []).forEach(function (r) { out.appendChild(el("li", "bad", "未接收：" + r.name + " — " + r.error)); });
        } else {
          out.appendChild(el("li", "bad", (d && d.detail) || ("上传失败（" + xhr.status + "）")));
        }
        form.reset();
        refresh();
      };
      xhr.onerror = function () { bar.hidden = true; out.appendChild(el("li", "bad", "上传失败：网络错误")); };
      xhr.send(new FormData(form));
    });
  }
})();
