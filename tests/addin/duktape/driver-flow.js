/*
 * Offline in an ES5.1 engine, with the in-memory workbook: insert form 01, type values with
 * one error, check, and print what the pane lists.
 */
function __byId(id) { return document.getElementById(id); }
function __all(node, cls, out) {
  out = out || [];
  if (node.className && (" " + node.className + " ").indexOf(" " + cls + " ") >= 0) out.push(node);
  for (var i = 0; i < node.childNodes.length; i++) __all(node.childNodes[i], cls, out);
  return out;
}
var __result = { errors: __errors };
__pump(2000);
__byId("insert-go").click();
__pump(10000);
__result.inserted = __byId("insert-status") ? __byId("insert-status").textContent : null;
var __typed = false;
window.__thads.type({ nam_truoc_chuyen_sang: 85, thu_ly_moi: 40, uy_thac: -5, thu_hoi_huy: 0, thi_hanh_xong: 60, dinh_chi: 5, dang_thi_hanh: 10, chua_co_dieu_kien: 45, hoan_tam_dinh_chi: 10, so_theo_doi_rieng: 3 })
  .then(function () { __typed = true; }, function (e) { __errors.push("type: " + e); });
__pump(5000);
__result.typed = __typed;
__byId("check-go").click();
__pump(10000);
__result.summary = __byId("check-summary") ? __byId("check-summary").textContent : null;
__result.findings = __all(document.body, "finding-msg").map(function (n) { return n.textContent; });
print(JSON.stringify(__result));
