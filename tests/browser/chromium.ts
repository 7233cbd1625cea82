/**
 * Headless Chromium for the browser tests (Debian's chromium driven by playwright-core) and
 * the task pane's browser context: Office.js from Microsoft's CDN is blocked and the stubbed
 * Office host (fake-host/, the in-memory workbook) is injected before the page's own scripts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { buildFakeHost } from "./fake-host/build";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

export interface PaneContextOptions extends BrowserContextOptions {
  /** The ExcelApi level the stubbed host reports: 1.1 (Excel 2016) unless said. */
  apiLevel?: string;
}

/** Chromium with the stubbed Office host built for it. */
export interface PaneBrowser {
  readonly browser: Browser;
  /** A context whose pages run the task pane on the stubbed host; page errors are printed. */
  newContext(options?: PaneContextOptions): Promise<BrowserContext>;
  /** A fresh context (its own storage) with the pane open on `origin` and `token` saved in its settings, as a user connects. */
  signedIn(origin: string, token: string, options?: PaneContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  /** Closes the browser and deletes the built host. */
  close(): Promise<void>;
}

export async function launchPaneBrowser(): Promise<PaneBrowser> {
  const dir = mkdtempSync(join(tmpdir(), "thads-fake-host-"));
  let browser: Browser;
  let hostFile: string;
  try {
    hostFile = (await buildFakeHost(dir)).file;
    browser = await launchChromium();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const newContext = async (options: PaneContextOptions = {}): Promise<BrowserContext> => {
    const { apiLevel = "1.1", ...contextOptions } = options;
    const context = await browser.newContext(contextOptions);
    // Office.js comes from Microsoft's CDN in production: here it is blocked and the fake is injected.
    await context.route("https://appsforoffice.microsoft.com/**", (r) => r.fulfill({ status: 200, contentType: "application/javascript", body: "/* office.js replaced by the test host */" }));
    await context.addInitScript((level) => {
      (window as unknown as { __THADS_API_LEVEL: string }).__THADS_API_LEVEL = level;
    }, apiLevel);
    await context.addInitScript({ path: hostFile });
    context.on("page", (page) => page.on("pageerror", (e) => console.error("page error:", e)));
    return context;
  };
  return {
    browser,
    newContext,
    async signedIn(origin: string, token: string, options: PaneContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
      const context = await newContext(options);
      const page = await context.newPage();
      await page.goto(origin + "/taskpane.html");
      await page.fill("#settings-token", token);
      await page.click("#settings-save");
      await page.waitForSelector("#settings-status .ok");
      return { context, page };
    },
    async close(): Promise<void> {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where screenshots go: `npm run screenshots` sets THADS_SCREENSHOT_DIR (docs/); otherwise a temporary folder. */
export function screenshotFolder(): { dir: string; dispose(): void } {
  const kept = process.env.THADS_SCREENSHOT_DIR;
  const dir = kept ? join(ROOT, kept) : mkdtempSync(join(tmpdir(), "thads-shots-"));
  return {
    dir,
    dispose(): void {
      if (!kept) rmSync(dir, { recursive: true, force: true });
    },
  };
}
