import { periodOfDate, previousMonth, statYearOf, vietnamDateOf } from "../../../../shared/periods";

/**
 * The frame of the Worker's own pages for staff without the add-in (/tai-ve, /cap-ma): one
 * look, one inline style and one inline script, both allowed by the nonce the page's
 * Content-Security-Policy carries (security/headers.ts pageSecurityHeaders). A page's script is
 * plain ES5, as old office browsers run it, and reads its token from an input, never a URL.
 */
const STYLE = `
  body { font-family: "Segoe UI", Arial, sans-serif; margin: 0; color: #323130; background: #faf9f8; }
  header { background: #217346; color: #fff; padding: 12px 20px; font-size: 18px; font-weight: 600; }
  main { max-width: 560px; margin: 20px auto; background: #fff; padding: 20px 24px; border: 1px solid #edebe9; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; font-size: 14px; }
  input, select { width: 100%; box-sizing: border-box; padding: 6px 8px; font-size: 14px; border: 1px solid #8a8886; }
  input[type=checkbox] { width: auto; margin-right: 6px; }
  .row { display: flex; gap: 12px; } .row > div { flex: 1; }
  button { margin-top: 18px; padding: 8px 18px; font-size: 14px; background: #0f6cbd; color: #fff; border: 0; cursor: pointer; }
  button.secondary { background: #fff; color: #323130; border: 1px solid #8a8886; margin-left: 8px; }
  #status { margin-top: 14px; min-height: 20px; font-size: 14px; }
  .error { color: #a4262c; } .ok { color: #107c10; }
  p.hint { font-size: 13px; color: #605e5c; }`;

/**
 * Helpers every page script uses: $ by id, the status line, the server's Vietnamese message,
 * saving a download; and PAGE_DATES (pageDates), the Worker's own dates in Vietnam time.
 */
const COMMON_SCRIPT = `
  var PAGE_DATES = __PAGE_DATES__;
  var $ = function (id) { return document.getElementById(id); };
  var status = function (text, cls) { var s = $("status"); s.textContent = text; s.className = cls || ""; };
  function message(res) {
    return res.json().then(function (b) { return b && b.error ? b.error.message.vi : "Lỗi " + res.status; },
      function () { return "Lỗi " + res.status; });
  }
  function save(res, fallbackName) {
    return res.blob().then(function (blob) {
      // The server names the file; keep its name.
      var m = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
      var name = m ? m[1] : fallbackName;
      var a = document.createElement("a"); a.href = URL.createObjectURL(blob); a.download = name;
      document.body.appendChild(a); a.click(); a.remove();
      return name;
    });
  }`;

/** A whole page, with its own style rules after the common ones: `__NONCE__` is replaced by the answer's nonce (pageHtml). */
export function pageTemplate(title: string, body: string, script: string, style = ""): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – THADS Thống kê</title>
<style nonce="__NONCE__">${STYLE}${style}
</style>
</head>
<body>
<header>THADS Thống kê – ${title}</header>
<main>
${body}
  <div id="status" role="status"></div>
</main>
<script nonce="__NONCE__">
(function () {${COMMON_SCRIPT}
${script}
})();
</script>
</body>
</html>`;
}

/**
 * The dates a page starts from, in Vietnam time by shared/periods, as the pane's choices are:
 * never the browser's clock and time zone, which on an office PC can be a Windows default
 * (Pacific time) or a year off, and would then hide every office that exists "today".
 */
export interface PageDates {
  /** "2026-12-01" */
  today: string;
  /** The latest month that has ended: the period a report is due for ("2026-11"). */
  lastMonth: string;
  /** The statistical year today is in (1/10 to 30/9): 2027 on 1/12/2026. */
  statYear: number;
}

export function pageDates(nowIso: string): PageDates {
  const today = vietnamDateOf(nowIso);
  const month = periodOfDate(today);
  return { today, lastMonth: previousMonth(month), statYear: statYearOf(month) };
}

/** The page with this answer's nonce on its style and script, and the Worker's dates for it. */
export function pageHtml(template: string, nonce: string | undefined, nowIso: string): string {
  return template.replace(/__NONCE__/g, nonce ?? "").replace("__PAGE_DATES__", JSON.stringify(pageDates(nowIso)));
}
