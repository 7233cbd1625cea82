/* A host where only ExcelApi 1.1 exists (Excel 2016), enough for Office.onReady to fire. */
var Office = {
  context: { requirements: { isSetSupported: function (name, v) { return name === "ExcelApi" && (v === undefined || v === "1.1" || v === 1.1); } } },
  onReady: function (cb) { setTimeout(function () { cb({ host: "Excel", platform: "PC" }); }, 0); return { then: function (f) { return f && f({ host: "Excel" }); } }; },
  HostType: { Excel: "Excel" }
};
window.Office = Office;
/* office.js defines the Excel namespace as soon as it loads; nothing in it is called at start. */
var Excel = { run: function () { return Promise.reject(new Error("no workbook in the Duktape stub")); } };
window.Excel = Excel;
