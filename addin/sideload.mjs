#!/usr/bin/env node
// `npm run start:desktop` / `npm run stop`, named as in Microsoft's Office-Addin-TaskPane
// template: sideload manifest.xml into desktop Excel with office-addin-debugging, and take
// it out again. Desktop Excel exists on Windows and macOS only; elsewhere this says so.
//
// Differences from the template, and why:
// - The local server is `npm start` (build, migrations, demo data, wrangler dev, the https
//   front on localhost:3000). It takes one to two minutes, longer than office-addin-debugging
//   waits for a dev server (30 s), so this script starts it, waits for /api/v1/health, and
//   only then asks office-addin-debugging to sideload; `stop` stops what `start` started.
// - office-addin-debugging runs through `npm exec` at an exact version instead of being a
//   devDependency: its office-addin-dev-settings declares a peer, the Microsoft 365 Agents
//   Toolkit CLI, that npm installs with it and that needs keytar, a native module whose
//   install fetches a binary from GitHub or compiles it; offline on Linux both fail, so
//   `npm ci` would. Only the Windows or Mac machine that sideloads fetches it.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { certificatePaths } from "./dev.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DEBUGGING = "office-addin-debugging@7.0.0";
const PORT = process.env.PORT || "8787";
const HEALTH = "http://127.0.0.1:" + PORT + "/api/v1/health";
const STATE_DIR = join(ROOT, ".wrangler");
const PID_FILE = join(STATE_DIR, "start-desktop.pid");
const LOG_FILE = join(STATE_DIR, "start-desktop.log");
const SERVER_TIMEOUT_MS = 10 * 60 * 1000;

/** Why this machine cannot sideload into desktop Excel, or null when it can. */
function desktopRefusal(platform) {
  if (platform === "win32" || platform === "darwin") return null;
  return (
    "There is no desktop Excel on " + platform + " (Windows and Mac only): sideload manifest.xml into Excel on the web " +
    "instead (README, Sideloading), or test the pane without Excel with `npm run test:browser`."
  );
}

async function serverAnswers() {
  try {
    const res = await fetch(HEALTH, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts `npm start` (scripts/start.mjs) in the background and waits until the Worker answers. */
async function startServer() {
  mkdirSync(STATE_DIR, { recursive: true });
  const log = openSync(LOG_FILE, "w");
  const child = spawn(process.execPath, [join(ROOT, "scripts", "start.mjs")], {
    cwd: ROOT,
    detached: true,
    windowsHide: true,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  child.unref();
  writeFileSync(PID_FILE, String(child.pid));
  console.log("Starting the local server (npm start, log: " + LOG_FILE + ") …");
  let exited = false;
  child.on("exit", () => (exited = true));
  const deadline = Date.now() + SERVER_TIMEOUT_MS;
  while (Date.now() < deadline && !exited) {
    if (await serverAnswers()) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the local server did not answer " + HEALTH + "; see " + LOG_FILE);
}

/** Stops the server `start` started: its whole process tree (wrangler and workerd included). */
function stopServer() {
  if (!existsSync(PID_FILE)) return;
  const pid = Number(readFileSync(PID_FILE, "utf8"));
  rmSync(PID_FILE, { force: true });
  try {
    if (process.platform === "win32") spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
    // Detached, so it leads its own process group; scripts/start.mjs stops wrangler's group on SIGTERM.
    else process.kill(-pid, "SIGTERM");
    console.log("Stopped the local server (process " + pid + ").");
  } catch {
    // Already gone.
  }
}

/** office-addin-debugging at its pinned version, through the npm that runs this script. */
function officeAddinDebugging(args) {
  const npm = process.env.npm_execpath;
  const exec = ["exec", "--yes", "--package=" + DEBUGGING, "--", "office-addin-debugging"].concat(args);
  const r = npm
    ? spawnSync(process.execPath, [npm].concat(exec), { cwd: ROOT, stdio: "inherit" })
    : spawnSync("npm", exec, { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" });
  return r.status === null ? 1 : r.status;
}

async function main(command) {
  const refusal = desktopRefusal(process.platform);
  if (refusal !== null) {
    console.error(refusal);
    return 1;
  }
  if (command === "stop") {
    const status = officeAddinDebugging(["stop", "manifest.xml", "desktop"]);
    stopServer();
    return status;
  }
  if (command !== "start") {
    console.error("usage: node addin/sideload.mjs start|stop");
    return 2;
  }
  if (certificatePaths() === null) {
    console.error("No local https certificates (Excel loads add-ins over https only): run `npm run certs` once, then try again.");
    return 1;
  }
  if (!(await serverAnswers())) await startServer();
  return officeAddinDebugging(["start", "manifest.xml", "desktop", "--app", "excel"]);
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err) => {
    console.error(String(err && err.message ? err.message : err));
    process.exit(1);
  },
);
