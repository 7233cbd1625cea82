import type { Hono } from "hono";
import type { AppEnv } from "../env";
import { pageSecurityHeaders } from "../security/headers";

/**
 * A plain page for staff without the add-in: enter the token once, pick the sheet, download the
 * same .xlsx (or .csv) the API serves. A browser link cannot carry the Authorization or Accept
 * headers, so the page fetches with them and saves the answer; the token stays in this
 * browser's localStorage and never appears in a URL (where proxies and histories would log it).
 */
const PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tải bảng số liệu – THADS Thống kê</title>
<style nonce="__NONCE__">
  body { font-family: "Segoe UI", Arial, sans-serif; margin: 0; color: #323130; background: #faf9f8; }
  header { background: #217346; color: #fff; padding: 12px 20px; font-size: 18px; font-weight: 600; }
  main { max-width: 560px; margin: 20px auto; background: #fff; padding: 20px 24px; border: 1px solid #edebe9; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; font-size: 14px; }
  input, select { width: 100%; box-sizing: border-box; padding: 6px 8px; font-size: 14px; border: 1px solid #8a8886; }
  .row { display: flex; gap: 12px; } .row > div { flex: 1; }
  button { margin-top: 18px; padding: 8px 18px; font-size: 14px; background: #0f6cbd; color: #fff; border: 0; cursor: pointer; }
  button.secondary { background: #fff; color: #323130; border: 1px solid #8a8886; margin-left: 8px; }
  #status { margin-top: 14px; min-height: 20px; font-size: 14px; }
  .error { color: #a4262c; } .ok { color: #107c10; }
  p.hint { font-size: 13px; color: #605e5c; }
</style>
</head>
<body>
<header>THADS Thống kê – Tải bảng số liệu</header>
<main>
  <p class="hint">Tải bảng so sánh, bảng tổng hợp hoặc tình hình nộp báo cáo dưới dạng tệp Excel (.xlsx) mà không cần cài add-in.</p>
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
    <div><label for="period" id="period-label">Kỳ (tháng kết thúc)</label><input id="period" type="month"></div>
  </div>
  <button id="xlsx">Tải tệp Excel (.xlsx)</button><button id="csv" class="secondary">Tải .csv</button>
  <div id="status" role="status"></div>
</main>
<script nonce="__NONCE__">
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var status = function (text, cls) { var s = $("status"); s.textContent = text; s.className = cls || ""; };
  var token = $("token");
  token.value = localStorage.getItem("thads.download.token") || "";
  var now = new Date(); now.setDate(1); now.setMonth(now.getMonth() - 1);
  $("period").value = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2);

  function headers(accept) { return { Authorization: "Bearer " + token.value.trim(), Accept: accept }; }
  function message(res) {
    return res.json().then(function (b) { return b && b.error ? b.error.message.vi : "Lỗi " + res.status; },
      function () { return "Lỗi " + res.status; });
  }
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
  // The forms and collections come from the server (an administrator adds them as data); a
  // collection reported weekly takes a week ("2026-W12", what <input type=week> gives).
  var kinds = {};
  function showPeriod() {
    var week = kinds[$("form").value] === "week", input = $("period");
    if ((input.type === "week") !== week) { input.type = week ? "week" : "month"; input.value = ""; }
    $("period-label").textContent = week ? "Kỳ (tuần)" : "Kỳ (tháng kết thúc)";
  }
  function loadForms() {
    if (!token.value.trim()) return;
    fetch("/api/v1/forms", { headers: headers("application/json") }).then(function (res) {
      if (!res.ok) return;
      return res.json().then(function (b) {
        var latest = {}, ids = [];
        b.forms.forEach(function (f) {
          if (!latest[f.id]) ids.push(f.id);
          if (!latest[f.id] || f.validFrom > latest[f.id].validFrom) latest[f.id] = f;
        });
        ids.sort();
        var sel = $("form"), keep = sel.value; sel.innerHTML = "";
        ids.forEach(function (id) {
          var f = latest[id], o = document.createElement("option");
          kinds[id] = f.period ? f.period.kind : "cumulative_month";
          o.value = id; o.textContent = f.code + " – " + f.title.vi; sel.appendChild(o);
        });
        if (keep && latest[keep]) sel.value = keep;
        showPeriod();
      });
    }, function () {});
  }
  $("form").addEventListener("change", showPeriod);
  function showCsv() { $("csv").style.display = $("kind").value === "comparisons" ? "" : "none"; }
  token.addEventListener("change", function () { loadUnits(); loadForms(); });
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
      return res.blob().then(function (blob) {
        // The server names the file (so-sanh-VN-01-2026-09.xlsx); keep its name.
        var m = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
        var name = m ? m[1] : kind + "-" + unit + "-" + period + "." + ext;
        var a = document.createElement("a"); a.href = URL.createObjectURL(blob); a.download = name;
        document.body.appendChild(a); a.click(); a.remove();
        status("Đã tải " + name + ".", "ok");
      });
    }, function () { status("Không kết nối được máy chủ.", "error"); });
  }
  $("xlsx").addEventListener("click", function () { download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"); });
  $("csv").addEventListener("click", function () { download("text/csv", "csv"); });
  loadUnits();
  loadForms();
})();
</script>
</body>
</html>`;

export function downloadPageRoutes(app: Hono<AppEnv>): void {
  // The policy allows this page's own script and style by a nonce fresh on every answer.
  app.get("/tai-ve", pageSecurityHeaders(), (c) => c.html(PAGE.replace(/__NONCE__/g, c.get("secureHeadersNonce") ?? "")));
}
