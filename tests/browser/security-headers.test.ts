/**
 * The Content-Security-Policy as a browser enforces it, against a real local Worker: the task
 * pane (static files, headers from addin/dist/_headers) boots with Office.js "from Microsoft's
 * CDN" and the stubbed host, and the download page runs its own script and style by nonce,
 * with no violation reported; an injected inline script is refused on both.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchPaneBrowser, type PaneBrowser } from "./chromium";
import { CLERK_52_01_UNITS, startLocalWorker, type LocalWorker } from "./local-worker";

let worker: LocalWorker;
let panes: PaneBrowser;
let context: BrowserContext;

beforeAll(async () => {
  worker = await startLocalWorker({
    units: CLERK_52_01_UNITS,
    tokens: [{ token: "csp-national", role: "national", unit: "VN" }],
    targets: [],
  });
  panes = await launchPaneBrowser();
  context = await panes.newContext();
  // Every violation the page reports, collected before its own scripts run.
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

afterAll(async () => {
  await context?.close();
  await panes?.close();
  await worker?.dispose();
});

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** Inserts an inline script the way an injected payload would; true if it ran. */
function inlineScriptRuns(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const s = document.createElement("script");
        s.textContent = "window.__injected = true;";
        document.head.appendChild(s);
        setTimeout(() => resolve((window as unknown as { __injected?: boolean }).__injected === true), 100);
      }),
  );
}

describe("Content-Security-Policy in the browser", () => {
  it("lets the task pane boot with Office.js from Microsoft's CDN, and refuses an injected inline script", async () => {
    const page = await context.newPage();
    const res = await page.goto(worker.url + "/taskpane.html");
    expect(res?.headers()["content-security-policy"]).toContain("https://appsforoffice.microsoft.com");
    expect(res?.headers()["x-frame-options"]).toBeUndefined();
    await page.waitForSelector("#tab-settings");
    expect(await violations(page)).toEqual([]);
    expect(await inlineScriptRuns(page)).toBe(false);
    expect((await violations(page)).join(" ")).toContain("script-src");
    await page.close();
  });

  it("runs the download page's own script and style by nonce, and nothing injected", async () => {
    const page = await context.newPage();
    const res = await page.goto(worker.url + "/tai-ve");
    expect(res?.headers()["content-security-policy"]).toContain("'nonce-");
    await page.fill("#token", "csp-national");
    await page.dispatchEvent("#token", "change");
    await page.waitForSelector('#unit option[value="VN"]', { state: "attached" });
    // its stylesheet applied: the header is the green bar
    expect(await page.$eval("header", (h) => getComputedStyle(h).backgroundColor)).toBe("rgb(33, 115, 70)");
    expect(await violations(page)).toEqual([]);
    expect(await inlineScriptRuns(page)).toBe(false);
    await page.close();
  });
});
