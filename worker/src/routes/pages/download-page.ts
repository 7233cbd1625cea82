import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { pageSecurityHeaders } from "../../security/headers";
import { pageHtml, pageTemplate } from "./page-shell";
import { REVIEW_BODY, REVIEW_SCRIPT, REVIEW_STYLE } from "./review-board-section";

/**
 * A plain page for staff without the add-in: enter the token once, pick the sheet, download the
 * same .xlsx (or .csv) the API serves. A browser link cannot carry the Authorization or Accept
 * headers, so the page fetches with them and saves the answer; the token stays in this
 * browser's localStorage and never appears in a URL (where proxies and histories would log it).
 */
const PAGE = pageTemplate("Tải bảng số liệu", `  <p class="hint">Tải bảng so sánh, bảng tổng hợp hoặc tình hình nộp báo cáo dưới dạng tệp Excel (.xlsx) mà không cần cài add-in.</p>
  <label for="token">Mã truy cập</label>
  <input id="token" type="password" autocomplete="off" placeholder="Mã do quản trị viên cấp">
  <label for="kind">Bảng</label>
  <select id="kind">
    <option value="comparisons">Bảng so sánh (các đơn vị trực thuộc và tổng cộng)</option>
    <option value="rollups">Bảng tổng hợp của một đơn vị</option>
    <option value="completeness">Tình hình nộp báo cáo (đúng hạn, muộn, chưa nộp)</option>
  </select>
  <label for="unit">Đơn vị</label>
  <select id="unit"><option value="">— nhập mã truy cập để tải danh sách —</option></select>
  <div class="row">
    <div><label for="form">Biểu</label>
      <select id="form"><option value="">— nhập mã truy cập để tải danh sách biểu —</option></select></div>
    <div><label for="period-kind">Loại kỳ</label>
      <select id="period-kind"><option value="month">Tháng</option><option value="week">Tuần (biểu báo cáo theo tuần)</option></select></div>
    <div><label for="period" id="period-label">Kỳ (tháng kết thúc)</label><input id="period" type="month"></div>
  </div>
  <button id="xlsx">Tải tệp Excel (.xlsx)</button><button id="csv" class="secondary">Tải .csv</button>
  <h2>Giao chỉ tiêu, danh sách đơn vị</h2>
  <p class="hint">Tỉnh giao chỉ tiêu và sửa danh sách các đơn vị trực thuộc; Cục làm việc đó cho các tỉnh. Tải trang về, sửa các ô nền vàng trong Excel, lưu tệp, rồi gửi tệp lên: trang này liệt kê từng thay đổi (cũ → mới) hoặc từng lỗi theo ô, và chỉ lưu khi bấm «Lưu các thay đổi».</p>
  <div class="row">
    <div><label for="sheet-kind">Trang</label>
      <select id="sheet-kind"><option value="targets">Chỉ tiêu của năm</option><option value="units">Danh sách đơn vị</option></select></div>
    <div><label for="sheet-year">Năm thống kê</label><input id="sheet-year" type="number" min="2000" max="2100"></div>
  </div>
  <button id="sheet-download">Tải trang (.xlsx)</button>
  <label for="sheet-file">Tệp đã sửa</label>
  <input id="sheet-file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
  <button id="sheet-upload" class="secondary">Xem thay đổi</button>
  <div id="sheet-result"></div>
${REVIEW_BODY}`, `  var token = $("token");
  token.value = localStorage.getItem("thads.download.token") || "";
  $("period").value = PAGE_DATES.lastMonth;

  function headers(accept) { return { Authorization: "Bearer " + token.value.trim(), Accept: accept }; }
  function loadUnits() {
    if (!token.value.trim()) return;
    localStorage.setItem("thads.download.token", token.value.trim());
    status("Đang tải danh sách đơn vị…");
    fetch("/api/v1/units", { headers: headers("application/json") }).then(function (res) {
      if (!res.ok) return message(res).then(function (m) { status(m, "error"); });
      return res.json().then(function (b) {
        var sel = $("unit"); sel.innerHTML = "";
        b.units.filter(function (u) { return $("kind").value !== "comparisons" || !u.reporting; }).forEach(function (u) {
          var o = document.createElement("option"); o.value = u.code; o.textContent = u.code + " – " + u.name; sel.appendChild(o);
        });
        status("");
      });
    }, function () { status("Không kết nối được máy chủ.", "error"); });
  }
  // The forms come from the server's definitions in force for the period, as in the add-in:
  // a form an administrator adds appears here without a change to this page.
  function loadForms() {
    if (!token.value.trim() || !$("period").value) return;
    fetch("/api/v1/forms?period=" + $("period").value, { headers: headers("application/json") }).then(function (res) {
      if (!res.ok) return message(res).then(function (m) { status(m, "error"); });
      return res.json().then(function (b) {
        var sel = $("form"), keep = sel.value; sel.innerHTML = "";
        b.forms.forEach(function (f) {
          var o = document.createElement("option"); o.value = f.id; o.textContent = f.code + " – " + f.title.vi; sel.appendChild(o);
        });
        if (keep) sel.value = keep;
        if (!sel.value && sel.options.length > 0) sel.value = sel.options[0].value;
      });
    }, function () { status("Không kết nối được máy chủ.", "error"); });
  }
  // A collection reported weekly takes a week ("2026-W12", what <input type=week> gives); the
  // forms listed are those of the period's kind, so switching the kind reloads them.
  $("period-kind").addEventListener("change", function () {
    var week = $("period-kind").value === "week", input = $("period");
    input.type = week ? "week" : "month"; input.value = "";
    $("period-label").textContent = week ? "Kỳ (tuần)" : "Kỳ (tháng kết thúc)";
    $("form").innerHTML = "";
  });
  function showCsv() { $("csv").style.display = $("kind").value === "comparisons" ? "" : "none"; }
  token.addEventListener("change", function () { loadUnits(); loadForms(); });
  $("period").addEventListener("change", loadForms);
  $("kind").addEventListener("change", function () { showCsv(); loadUnits(); });
  showCsv();
  function download(accept, ext) {
    var kind = $("kind").value, unit = $("unit").value, form = $("form").value, period = $("period").value;
    if (!unit || !period || (kind !== "completeness" && !form)) { status("Chọn đơn vị, biểu và kỳ.", "error"); return; }
    var q = kind === "comparisons" ? "parent=" + unit + "&form=" + form
      : kind === "rollups" ? "unit=" + unit + "&form=" + form : "parent=" + unit;
    status("Đang tạo tệp…");
    fetch("/api/v1/" + kind + "?" + q + "&period=" + period, { headers: headers(accept) }).then(function (res) {
      if (!res.ok) return message(res).then(function (m) { status(m, "error"); });
      return save(res, kind + "-" + unit + "-" + period + "." + ext).then(function (name) { status("Đã tải " + name + ".", "ok"); });
    }, function () { status("Không kết nối được máy chủ.", "error"); });
  }
  $("xlsx").addEventListener("click", function () { download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"); });
  $("csv").addEventListener("click", function () { download("text/csv", "csv"); });
  // Targets and units: the edited .xlsx goes up, the Worker reads and checks it (nothing written),
  // the page shows the differences or every problem by cell, and "Lưu" sends those changes.
  $("sheet-year").value = String(PAGE_DATES.statYear);
  function sheetKind() { return $("sheet-kind").value; }
  function showYear() { $("sheet-year").disabled = sheetKind() !== "targets"; }
  $("sheet-kind").addEventListener("change", showYear);
  showYear();
  $("sheet-download").addEventListener("click", function () {
    var path = sheetKind() === "targets" ? "/api/v1/targets/sheet?year=" + encodeURIComponent($("sheet-year").value) : "/api/v1/organisation/sheet";
    status("Đang tạo tệp…");
    fetch(path, { headers: headers("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") }).then(function (res) {
      if (!res.ok) return message(res).then(function (m) { status(m, "error"); });
      return save(res, sheetKind() === "targets" ? "chi-tieu.xlsx" : "don-vi.xlsx").then(function (name) { status("Đã tải " + name + ".", "ok"); });
    }, function () { status("Không kết nối được máy chủ.", "error"); });
  });
  function el(tag, text, cls) { var e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }
  function showProblems(box, body) {
    box.appendChild(el("p", body.error.message.vi.split(". ")[0] + ".", "error"));
    var ul = el("ul"); ul.id = "sheet-problems";
    (body.error.issues || []).forEach(function (i) { var li = el("li", i.vi); li.setAttribute("data-cell", i.path); ul.appendChild(li); });
    box.appendChild(ul);
  }
  $("sheet-upload").addEventListener("click", function () {
    var file = $("sheet-file").files[0];
    var box = $("sheet-result"); box.innerHTML = "";
    if (!file) { status("Chọn tệp đã sửa.", "error"); return; }
    var kind = sheetKind();
    status("Đang đọc tệp…");
    fetch(kind === "targets" ? "/api/v1/targets/upload" : "/api/v1/organisation/upload", {
      method: "POST",
      headers: { Authorization: "Bearer " + token.value.trim(), Accept: "application/json", "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
      body: file,
    }).then(function (res) {
      return res.json().then(function (body) {
        status("");
        if (!res.ok) { if (body && body.error) showProblems(box, body); else status("Lỗi " + res.status, "error"); return; }
        if (body.changes.length === 0) { box.appendChild(el("p", "Không có thay đổi nào so với máy chủ: không cần gửi.", "ok")).id = "sheet-nochange"; return; }
        var table = el("table"); table.id = "sheet-diff";
        // The Worker prints each line and consequence with the pane's own words (shared/reports).
        body.lines.forEach(function (l) {
          var tr = el("tr");
          tr.appendChild(el("td", l.unit)); tr.appendChild(el("td", l.what)); tr.appendChild(el("td", l.before)); tr.appendChild(el("td", "→ " + l.after));
          table.appendChild(tr);
        });
        box.appendChild(table);
        if (body.consequenceLines) {
          var ul = el("ul"); ul.id = "sheet-consequences";
          body.consequenceLines.forEach(function (c) { ul.appendChild(el("li", c)); });
          box.appendChild(ul);
        }
        var saveButton = el("button", "Lưu các thay đổi (" + body.lines.length + ")"); saveButton.id = "sheet-save";
        box.appendChild(saveButton);
        saveButton.addEventListener("click", function () {
          saveButton.disabled = true;
          var payload = kind === "targets" ? { year: body.year, parent: body.parent, changes: body.changes } : { parent: body.parent, changes: body.changes };
          fetch(kind === "targets" ? "/api/v1/targets/changes" : "/api/v1/organisation/changes", {
            method: "POST",
            headers: { Authorization: "Bearer " + token.value.trim(), Accept: "application/json", "Content-Type": "application/json" },
            body: JSON.stringify(payload),
          }).then(function (r) {
            return r.json().then(function (b) {
              box.innerHTML = "";
              if (!r.ok) { showProblems(box, b); return; }
              box.appendChild(el("p", "Đã lưu " + b.changed.length + " thay đổi.", "ok")).id = "sheet-saved";
            });
          }, function () { saveButton.disabled = false; status("Không kết nối được máy chủ.", "error"); });
        });
      });
    }, function () { status("Không kết nối được máy chủ.", "error"); });
  });
  loadUnits();
  loadForms();${REVIEW_SCRIPT}`, `
  h2 { font-size: 16px; margin: 28px 0 4px; border-top: 1px solid #edebe9; padding-top: 16px; }
  #sheet-result table { border-collapse: collapse; margin-top: 10px; font-size: 13px; width: 100%; }
  #sheet-result td { border-bottom: 1px solid #edebe9; padding: 3px 4px; vertical-align: top; }
  #sheet-result li { font-size: 13px; margin: 4px 0; }${REVIEW_STYLE}`);

export function downloadPageRoutes(app: Hono<AppEnv>): void {
  // The policy allows this page's own script and style by a nonce fresh on every answer.
  app.get("/tai-ve", pageSecurityHeaders(), (c) => c.html(pageHtml(PAGE, c.get("secureHeadersNonce"), c.get("now"))));
}
