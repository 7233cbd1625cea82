/* Runs after the bundle: lets Office.onReady fire, runs the timers and prints what the pane shows. */
__pump(5000);
function __text(n) { return n.textContent; }
print(JSON.stringify({
  errors: __errors,
  native: __native,
  conn: document.getElementById("conn") ? __text(document.getElementById("conn")) : null,
  header: document.getElementById("app") ? __text(document.getElementById("app")).slice(0, 400) : null,
  tabs: ["insert", "check", "submit", "settings"].map(function (t) { var el = document.getElementById("tab-" + t); return el ? __text(el) : null; })
}));
