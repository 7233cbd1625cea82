import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { pageSecurityHeaders } from "../../security/headers";
import { pageHtml, pageTemplate } from "./page-shell";

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
      <select id="form"><option value="01">Mẫu số 01 – việc</option><option value="02">Mẫu số 02 – tiền</option></select></div>
    <div><label for="period">Kỳ (tháng kết thúc)</label><input id="period" type="month"></div>
  </div>
  <button id="xlsx">Tải tệp Excel (.xlsx)</button><button id="csv" class="secondary">Tải .csv</button>
`, `  var token = $("token");
  token.value = localStorage.getItem("thads.download.token") || "";
  var now = new Date(); now.setDate(1); now.setMonth(now.getMonth() - 1);
  $("period").value = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2);

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
  function showCsv() { $("csv").style.display = $("kind").value === "comparisons" ? "" : "none"; }
  token.addEventListener("change", loadUnits);
  $("kind").addEventListener("change", function () { showCsv(); loadUnits(); });
  showCsv();
  function download(accept, ext) {
    var kind = $("kind").value, unit = $("unit").value, form = $("form").value, period = $("period").value;
    if (!unit || !period) { status("Chọn đơn vị và kỳ.", "error"); return; }
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
  loadUnits();`);

export function downloadPageRoutes(app: Hono<AppEnv>): void {
  // The policy allows this page's own script and style by a nonce fresh on every answer.
  app.get("/tai-ve", pageSecurityHeaders(), (c) => c.html(pageHtml(PAGE, c.get("secureHeadersNonce"))));
}
