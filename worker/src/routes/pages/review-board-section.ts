/**
 * The review board on /tai-ve (issue 13 item 4) for staff without the add-in: a province sees
 * its offices for a period (a month, or a week for a weekly collection), each with its state,
 * late and correction marks; one click opens the revision's figures, findings and history;
 * it accepts or returns with a comment (on a cell if it names one). The Cục sees its provinces
 * and decides on each by the basis the board gave.
 *
 * The page cannot import ./shared: every word and figure it shows comes printed by the Worker
 * (`printed` on GET /api/v1/reviews and GET /api/v1/submissions/:id, shared/signoff/printed.ts,
 * the pane's own functions). The page only lays them out, with textContent, never innerHTML.
 * Refusals (a return without a comment, a stale revision) show the server's own message.
 */
export const REVIEW_BODY = `  <h2>Xác nhận &amp; duyệt báo cáo của đơn vị trực thuộc</h2>
  <p class="hint">Tỉnh xem báo cáo của các Phòng THADS khu vực trong một kỳ: chưa gửi, đã gửi, đã xác nhận, đã tiếp nhận hay trả lại, nộp muộn và báo cáo bổ sung; mở số liệu và các lỗi, cảnh báo; tiếp nhận hoặc trả lại kèm nhận xét. Cục xem các tỉnh như vậy.</p>
  <div class="row">
    <div><label for="review-period-kind">Loại kỳ</label>
      <select id="review-period-kind"><option value="month">Tháng</option><option value="week">Tuần (biểu báo cáo theo tuần)</option></select></div>
    <div><label for="review-period">Kỳ báo cáo</label><input id="review-period" type="month"></div>
    <div><label for="review-form">Biểu</label>
      <select id="review-form"><option value="">Tất cả các biểu</option></select></div>
  </div>
  <button id="review-load">Xem bảng duyệt</button>
  <div id="review-board"></div>
  <div id="review-detail"></div>
`;

export const REVIEW_STYLE = `
  #review-board table, #review-detail table { border-collapse: collapse; margin-top: 10px; font-size: 13px; width: 100%; }
  #review-board td, #review-board th, #review-detail td { border-bottom: 1px solid #edebe9; padding: 3px 4px; vertical-align: top; text-align: left; }
  #review-board button { margin: 0; padding: 2px 10px; font-size: 13px; }
  #review-detail .card { border: 1px solid #edebe9; padding: 8px 12px; margin-top: 14px; }
  #review-detail h3 { font-size: 15px; margin: 4px 0 8px; }
  #review-detail dl { font-size: 13px; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
  #review-detail dt { font-weight: 600; } #review-detail dd { margin: 0; word-break: break-all; }
  #review-detail td.num { text-align: right; white-space: nowrap; } #review-detail tr.derived td { font-weight: 600; }
  #review-detail tr.indent td:first-child { padding-left: 18px; }
  #review-detail li { font-size: 13px; margin: 3px 0; } .warn { color: #8a5300; }
  #review-detail textarea { width: 100%; box-sizing: border-box; font: inherit; font-size: 14px; }`;

export const REVIEW_SCRIPT = `
  // ---------- the review board (the words and figures come printed by the Worker) ----------
  $("review-period").value = $("period").value;
  $("review-period-kind").addEventListener("change", function () {
    var input = $("review-period");
    input.type = $("review-period-kind").value === "week" ? "week" : "month"; input.value = "";
    reviewForms([]);
  });
  // The form filter lists the forms of the period's kind in force for it (GET /api/v1/forms), as
  // the pane does; "" is every form. A form no longer in force for the new period falls back to "".
  function reviewForms(forms) {
    var sel = $("review-form"), keep = sel.value; sel.innerHTML = "";
    sel.appendChild(node("option", "Tất cả các biểu")).value = "";
    forms.forEach(function (f) { sel.appendChild(node("option", f.code + " – " + f.title.vi)).value = f.id; });
    sel.value = keep;
    if (sel.value !== keep) sel.value = "";
  }
  $("review-period").addEventListener("change", function () {
    if (!token.value.trim() || !$("review-period").value) return;
    api("GET", "/api/v1/forms?period=" + encodeURIComponent($("review-period").value)).then(function (r) {
      if (r.ok) reviewForms(r.body.forms);
    }, offline);
  });
  $("review-form").addEventListener("change", function () { if ($("review-table")) loadBoard(); });
  function node(tag, text, cls) { var e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }
  function api(method, path, body) {
    var init = { method: method, headers: headers("application/json") };
    if (body) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (res) {
      return res.json().then(function (b) { return { ok: res.ok, status: res.status, body: b }; },
        function () { return { ok: res.ok, status: res.status, body: null }; });
    });
  }
  function refused(r) { status(r.body && r.body.error ? r.body.error.message.vi : "Lỗi " + r.status, "error"); }
  function offline() { status("Không kết nối được máy chủ.", "error"); }
  function loadBoard(done) {
    var period = $("review-period").value;
    if (!token.value.trim() || !period) { status("Nhập mã truy cập và chọn kỳ báo cáo.", "error"); return; }
    localStorage.setItem("thads.download.token", token.value.trim());
    status("Đang tải bảng duyệt…");
    api("GET", "/api/v1/units").then(function (u) {
      if (!u.ok) { refused(u); return; }
      var parent = u.body.caller ? u.body.caller.unit : "";
      // The forms of the period first, so that the filter offers them whatever the period was.
      return api("GET", "/api/v1/forms?period=" + encodeURIComponent(period)).then(function (f) {
        if (f.ok) reviewForms(f.body.forms);
        return parent;
      });
    }).then(function (parent) {
      if (parent === undefined) return;
      var form = $("review-form").value;
      return api("GET", "/api/v1/reviews?parent=" + encodeURIComponent(parent) + "&period=" + encodeURIComponent(period) + (form ? "&form=" + encodeURIComponent(form) : "")).then(function (r) {
        if (!r.ok) { refused(r); return; }
        showBoard(r.body);
        if (done) done(); else status("");
      });
    }).then(null, offline);
  }
  $("review-load").addEventListener("click", function () { loadBoard(); });
  function showBoard(b) {
    var box = $("review-board"); box.innerHTML = ""; $("review-detail").innerHTML = "";
    box.appendChild(node("p", b.printed.title + ". " + b.printed.counts)).id = "review-counts";
    var table = node("table"); table.id = "review-table";
    var head = node("tr");
    ["Đơn vị", "Biểu", "Trạng thái", "Ghi chú", ""].forEach(function (t) { head.appendChild(node("th", t)); });
    table.appendChild(head);
    b.rows.forEach(function (r) {
      var tr = node("tr"); tr.id = "review-row-" + r.unit + "-" + r.form;
      tr.appendChild(node("td", r.name)); tr.appendChild(node("td", r.formCode));
      tr.appendChild(node("td", r.printed.state, "review-state")); tr.appendChild(node("td", r.printed.marks, "review-marks"));
      var cell = node("td");
      if (r.revision || (r.offices && r.basis)) {
        var open = node("button", "Xem"); open.id = "review-open-" + r.unit + "-" + r.form;
        open.addEventListener("click", function () { if (r.revision) openRevision(r.revision.id); else openNode(r, b.period); });
        cell.appendChild(open);
      }
      tr.appendChild(cell); table.appendChild(tr);
    });
    box.appendChild(table);
  }
  function list(id, lines, cls) {
    var ul = node("ul"); ul.id = id;
    lines.forEach(function (l) { ul.appendChild(node("li", l.text === undefined ? l : l.text, l.severity ? (l.severity === "error" ? "error" : "warn") : cls)); });
    return ul;
  }
  function commentBox(card) {
    card.appendChild(node("label", "Nhận xét")).htmlFor = "review-comment";
    var comment = node("textarea"); comment.id = "review-comment"; comment.rows = 3; comment.placeholder = "Nhận xét (bắt buộc khi trả lại)…";
    card.appendChild(comment);
    return comment;
  }
  function trimmed(s) { return s.replace(/^\\s+|\\s+$/g, ""); }
  function openRevision(id) {
    status("Đang mở báo cáo…");
    api("GET", "/api/v1/submissions/" + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) { refused(r); return; }
      status("");
      var d = r.body, p = d.printed, box = $("review-detail"); box.innerHTML = "";
      var card = node("div", null, "card"); card.id = "review-revision";
      card.appendChild(node("h3", p.title));
      var dl = node("dl"); dl.id = "review-facts";
      p.facts.forEach(function (f) { dl.appendChild(node("dt", f.label)); dl.appendChild(node("dd", f.value)); });
      card.appendChild(dl);
      if (p.comment) card.appendChild(node("p", p.comment, "error")).id = "review-returned-comment";
      if (p.cells.length > 0) card.appendChild(list("review-cells", p.cells, "error"));
      var values = node("table"); values.id = "review-values";
      p.values.forEach(function (v) {
        var tr = node("tr", null, (v.derived ? "derived" : "") + (v.indent ? " indent" : "")); tr.setAttribute("data-field", v.key);
        tr.appendChild(node("td", v.label)); tr.appendChild(node("td", v.value, "num")); values.appendChild(tr);
      });
      card.appendChild(values);
      if (p.rows) {
        var rowsBox = node("div"); rowsBox.id = "review-rows";
        rowsBox.appendChild(node("p", p.rows.caption, "hint"));
        var rowsTable = node("table"), head = node("tr");
        p.rows.headers.forEach(function (x, i) { head.appendChild(node("th", x, p.rows.numeric[i] ? "num" : "")); });
        rowsTable.appendChild(head);
        p.rows.rows.forEach(function (r) {
          var tr = node("tr");
          r.forEach(function (x, i) { tr.appendChild(node("td", x, p.rows.numeric[i] ? "num" : "")); });
          rowsTable.appendChild(tr);
        });
        rowsBox.appendChild(rowsTable);
        card.appendChild(rowsBox);
      }
      if (p.findings.length > 0) card.appendChild(list("review-findings", p.findings));
      else card.appendChild(node("p", "Không có lỗi hay cảnh báo.", "ok")).id = "review-findings";
      if (p.events.length > 0) card.appendChild(list("review-events", p.events));
      if (p.actions.accept || p.actions.returnIt) {
        var comment = commentBox(card);
        card.appendChild(node("label", "Gắn nhận xét với ô (tùy chọn)")).htmlFor = "review-cell-field";
        var field = node("select"); field.id = "review-cell-field";
        field.appendChild(node("option", "(không gắn với ô nào)")).value = "";
        p.values.forEach(function (v) { field.appendChild(node("option", v.label)).value = v.key; });
        var cellText = node("input"); cellText.id = "review-cell-comment"; cellText.type = "text"; cellText.placeholder = "Nhận xét về ô này…";
        card.appendChild(field); card.appendChild(cellText);
        var decide = function (decision, button) {
          var body = { decision: decision, contentHash: d.contentHash };
          if (trimmed(comment.value)) body.comment = trimmed(comment.value);
          if (field.value && trimmed(cellText.value)) body.cells = [{ field: field.value, comment: trimmed(cellText.value) }];
          button.disabled = true;
          api("POST", "/api/v1/submissions/" + encodeURIComponent(d.id) + "/review", body).then(function (a) {
            button.disabled = false;
            if (!a.ok) { refused(a); return; }
            loadBoard(function () { status("Đã lưu: " + d.unitName + " – lần gửi " + d.revision + ".", "ok"); });
          }, function () { button.disabled = false; offline(); });
        };
        if (p.actions.accept) { var accept = node("button", "Tiếp nhận"); accept.id = "review-accept"; accept.addEventListener("click", function () { decide("accept", accept); }); card.appendChild(accept); }
        if (p.actions.returnIt) { var ret = node("button", "Trả lại", "secondary"); ret.id = "review-return"; ret.addEventListener("click", function () { decide("return", ret); }); card.appendChild(ret); }
      }
      box.appendChild(card);
    }, offline);
  }
  // The Cục on a province: accept (once the province accepted every office) or return, by the basis the board gave.
  function openNode(r, period) {
    var box = $("review-detail"); box.innerHTML = "";
    var card = node("div", null, "card"); card.id = "review-node";
    card.appendChild(node("h3", r.name + " – " + r.formCode));
    card.appendChild(node("p", r.printed.state + ". " + r.printed.marks));
    var comment = commentBox(card);
    var decide = function (decision, button) {
      var body = { unit: r.unit, form: r.form, period: period, basis: r.basis, decision: decision };
      if (trimmed(comment.value)) body.comment = trimmed(comment.value);
      button.disabled = true;
      api("POST", "/api/v1/reviews", body).then(function (a) {
        button.disabled = false;
        if (!a.ok) { refused(a); return; }
        loadBoard(function () { status("Đã lưu: " + r.name + ".", "ok"); });
      }, function () { button.disabled = false; offline(); });
    };
    if (r.state === "confirmed") { var accept = node("button", "Tiếp nhận"); accept.id = "review-accept"; accept.addEventListener("click", function () { decide("accept", accept); }); card.appendChild(accept); }
    var ret = node("button", "Trả lại", "secondary"); ret.id = "review-return"; ret.addEventListener("click", function () { decide("return", ret); }); card.appendChild(ret);
    box.appendChild(card);
  }`;
