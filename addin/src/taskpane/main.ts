/**
 * Entry of the task pane bundle. Office.js comes from Microsoft's CDN (a script tag in
 * taskpane.html); the pane starts when Office says the host is ready.
 */
import { browserStore } from "../core/storage";
import { xhrTransport } from "../core/http";
import { platformRandom, uuidv4 } from "../core/uuid";
import { createExcelLayer } from "./excel-binding";
import { TaskPane } from "./shell";

function pageOrigin(): string {
  // location.origin is missing in some IE11 builds.
  return window.location.protocol + "//" + window.location.host;
}

function fail(text: string): void {
  const root = document.getElementById("app");
  if (root) {
    root.innerHTML = "";
    const p = document.createElement("p");
    p.className = "err boot";
    p.appendChild(document.createTextNode(text));
    root.appendChild(p);
  }
}

function boot(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const store = browserStore();
  const random = platformRandom();
  const excel = createExcelLayer();
  const pane = new TaskPane({
    root,
    sheets: excel.sheets,
    reports: excel.reports,
    edits: excel.edits,
    store,
    transport: xhrTransport(),
    pageOrigin: pageOrigin(),
    now: () => new Date().getTime(),
    random: Math.random,
    uuid: () => uuidv4(random),
  });
  pane.start();
}

const office = (window as unknown as { Office?: { onReady(cb: (info: unknown) => void): unknown } }).Office;

if (!office || typeof office.onReady !== "function") {
  fail("Không tải được Office.js. Ngăn tác vụ này phải được mở trong Excel, và máy cần kết nối Internet khi khởi động lần đầu.");
} else {
  office.onReady(() => {
    try {
      boot();
    } catch (e) {
      fail("Không khởi động được: " + String(e && (e as Error).message ? (e as Error).message : e));
    }
  });
}
