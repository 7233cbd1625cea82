// The add-in's part of `npm start` (scripts/start.mjs calls prepareAddin first):
//   1. build the task pane into addin/dist, which wrangler dev serves as static assets;
//   2. when local certificates exist, serve the Worker over https on port 3000 as well,
//      because Excel only loads add-ins from https. The https front runs inside the
//      `npm start` process and stops with it; wrangler itself stays plain http.
// Certificates: `npm run certs` (office-addin-dev-certs install) writes ~/.office-addin-dev-certs/
// localhost.{crt,key}; THADS_CERT_DIR points elsewhere. THADS_HTTPS_PORT changes 3000.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:https";
import { request } from "node:http";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export function certificatePaths(env = process.env) {
  const dir = env.THADS_CERT_DIR || join(homedir(), ".office-addin-dev-certs");
  const key = join(dir, "localhost.key");
  const cert = join(dir, "localhost.crt");
  return existsSync(key) && existsSync(cert) ? { key, cert } : null;
}

function build() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, "build.mjs")], { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("add-in build failed (" + code + ")"))));
  });
}

/** Forwards every request to the local Worker, keeping the path: one origin for pane and API. */
async function startHttpsFront(paths, httpsPort, workerHost, workerPort) {
  const tls = { key: readFileSync(paths.key), cert: readFileSync(paths.cert) };
  const handler = (req, res) => {
    const upstream = request(
      { host: workerHost, port: workerPort, method: req.method, path: req.url, headers: { ...req.headers, host: workerHost + ":" + workerPort } },
      (up) => {
        res.writeHead(up.statusCode || 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Worker cục bộ chưa chạy / local Worker not running");
    });
    req.pipe(upstream);
  };
  const listen = (host) =>
    new Promise((resolve, reject) => {
      const server = createServer(tls, handler);
      server.once("error", reject);
      server.listen(httpsPort, host, () => resolve(server));
    });
  // Loopback only. Windows may resolve "localhost" to ::1 first, so both are served.
  await listen("127.0.0.1");
  await listen("::1").catch(() => undefined);
}

/** Returns a line for the welcome text: where Excel should load the add-in from. */
export async function prepareAddin({ workerPort, workerHost = "127.0.0.1" } = {}) {
  await build();
  const paths = certificatePaths();
  if (!paths) {
    return "Add-in: http://" + workerHost + ":" + workerPort + "/taskpane.html (không có chứng chỉ cục bộ / no local certificates: `npm run certs` để nạp thử vào Excel qua https)";
  }
  const httpsPort = Number(process.env.THADS_HTTPS_PORT || 3000);
  await startHttpsFront(paths, httpsPort, workerHost, Number(workerPort));
  return "Add-in: https://localhost:" + httpsPort + "/taskpane.html (manifest: manifest.xml)";
}
