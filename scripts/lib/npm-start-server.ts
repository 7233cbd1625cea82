/**
 * The local Worker that `npm start` runs, as the other scripts find it: start.mjs writes
 * .wrangler/dev-server.json ({ url, pid, adminToken }) once the Worker answers and removes it
 * when it stops. A script that would open the same SQLite file (npm run check) asks this
 * Worker instead: two processes on one D1 file fail with SQLITE_BUSY as soon as one writes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./wrangler";

export const DEV_SERVER_FILE = join(ROOT, ".wrangler", "dev-server.json");

export interface NpmStartServer {
  url: string;
  pid: number;
  /** The demo administrator token: the demo is the only mode `npm start` runs in. */
  adminToken: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running local Worker, or null when `npm start` is not running (or its file is stale). */
export async function runningDevServer(): Promise<NpmStartServer | null> {
  let server: NpmStartServer;
  try {
    server = JSON.parse(readFileSync(DEV_SERVER_FILE, "utf8")) as NpmStartServer;
  } catch {
    return null;
  }
  if (typeof server.url !== "string" || !Number.isInteger(server.pid) || !alive(server.pid)) return null;
  try {
    const res = await fetch(server.url + "/api/v1/health", { signal: AbortSignal.timeout(3000) });
    return res.ok ? server : null;
  } catch {
    return null;
  }
}
