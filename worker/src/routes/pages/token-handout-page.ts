import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { pageSecurityHeaders } from "../../security/headers";
import { pageHtml, pageTemplate } from "./page-shell";

/**
 * A province's tokens for its offices, without the add-in or a command line: the province's
 * staff enter their own token, type each office's clerk, and get the printable .xlsx handout
 * of POST /api/v1/tokens/bulk (each token shown once, only there). Offices left without a name
 * get no token. The province's token is not kept by the browser: this is done once a year.
 */
const PAGE = pageTemplate("Cấp mã truy cập cho văn phòng", `  <p class="hint">Cấp cho mỗi Phòng THADS khu vực của tỉnh một mã truy cập, ghi tên cán bộ thống kê, và tải bảng mã (.xlsx) để in và phát. Mỗi mã chỉ hiện một lần, trong bảng này.</p>
  <label for="token">Mã truy cập của THADS tỉnh</label>
  <input id="token" type="password" autocomplete="off" placeholder="Mã do quản trị viên cấp cho tỉnh">
  <label for="province">Tỉnh</label>
  <select id="province"><option value="">— nhập mã truy cập để tải danh sách —</option></select>
  <label for="role">Mã cho</label>
  <select id="role"><option value="clerk">Cán bộ thống kê (lập và gửi báo cáo)</option><option value="head">Thủ trưởng đơn vị hoặc người được ủy quyền (xác nhận báo cáo)</option></select>
  <table class="offices"><tbody id="offices"></tbody></table>
  <label><input id="replace" type="checkbox">Thu hồi mã đang dùng (cùng vai trò) của các văn phòng này (cấp lại hằng năm)</label>
  <button id="issue">Cấp mã và tải bảng mã (.xlsx)</button>
`, `  var token = $("token");
  var units = [], loadedWith = "";
  function headers(accept) { return { Authorization: "Bearer " + token.value.trim(), Accept: accept, "Content-Type": "application/json" }; }
  function current(u) { return u.validFrom <= PAGE_DATES.today && (u.validTo === null || u.validTo >= PAGE_DATES.today); }
  function showOffices() {
    var province = $("province").value, body = $("offices");
    body.innerHTML = "";
    units.filter(function (u) { return u.level === "office" && u.parentCode === province && current(u); }).forEach(function (u) {
      var tr = document.createElement("tr"), name = document.createElement("td"), input = document.createElement("input"), cell = document.createElement("td");
      name.textContent = u.code + " – " + u.name;
      input.type = "text"; input.maxLength = 200; input.placeholder = $("role").value === "head" ? "Họ tên Thủ trưởng đơn vị" : "Họ tên cán bộ thống kê"; input.setAttribute("data-unit", u.code);
      cell.appendChild(input); tr.appendChild(name); tr.appendChild(cell); body.appendChild(tr);
    });
  }
  function loadUnits() {
    // Loaded once per token: the names typed below must survive the token field losing focus again.
    if (!token.value.trim() || token.value.trim() === loadedWith) return;
    loadedWith = token.value.trim();
    status("Đang tải danh sách đơn vị…");
    fetch("/api/v1/units", { headers: headers("application/json") }).then(function (res) {
      if (!res.ok) { loadedWith = ""; return message(res).then(function (m) { status(m, "error"); }); }
      return res.json().then(function (b) {
        units = b.units;
        var sel = $("province"); sel.innerHTML = "";
        units.filter(function (u) { return u.level === "province"; }).forEach(function (u) {
          var o = document.createElement("option"); o.value = u.code; o.textContent = u.code + " – " + u.name; sel.appendChild(o);
        });
        showOffices();
        status("");
      });
    }, function () { loadedWith = ""; status("Không kết nối được máy chủ.", "error"); });
  }
  token.addEventListener("change", loadUnits);
  $("province").addEventListener("change", showOffices);
  // The names typed are for one role: switching the role starts the list again.
  $("role").addEventListener("change", showOffices);
  $("issue").addEventListener("click", function () {
    var holders = [];
    var inputs = $("offices").getElementsByTagName("input");
    for (var i = 0; i < inputs.length; i++) {
      var label = inputs[i].value.trim();
      if (label) holders.push({ unit: inputs[i].getAttribute("data-unit"), label: label });
    }
    if (!holders.length) { status("Ghi tên người giữ mã của ít nhất một văn phòng.", "error"); return; }
    var body = { province: $("province").value, holders: holders };
    if ($("role").value === "head") body.role = "head";
    if ($("replace").checked) body.replaceExisting = true;
    status("Đang cấp mã…");
    fetch("/api/v1/tokens/bulk", { method: "POST", headers: headers("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), body: JSON.stringify(body) }).then(function (res) {
      if (!res.ok) return message(res).then(function (m) { status(m, "error"); });
      return save(res, "ma-truy-cap-" + body.province + ".xlsx").then(function (name) {
        // The names typed are in the sheet now; a second click would issue a second set.
        for (var j = 0; j < inputs.length; j++) inputs[j].value = "";
        status("Đã cấp " + holders.length + " mã; bảng mã: " + name + ". In và phát cho từng văn phòng; mã không hiện lại lần nữa.", "ok");
      });
    }, function () { status("Không kết nối được máy chủ.", "error"); });
  });`, `
  table.offices { width: 100%; border-collapse: collapse; margin-top: 8px; font-size: 14px; }
  table.offices td { padding: 4px 6px 4px 0; vertical-align: middle; } table.offices td:first-child { width: 45%; }`);

export function tokenHandoutPageRoutes(app: Hono<AppEnv>): void {
  // The same policy as the download page: its own script and style by nonce, this origin only.
  app.get("/cap-ma", pageSecurityHeaders(), (c) => c.html(pageHtml(PAGE, c.get("secureHeadersNonce"), c.get("now"))));
}
