import { Hono } from "hono";
import type { AppEnv } from "./env";
import { ApiError, type ErrorBody } from "./errors";
import { requireAuth } from "./auth";
import { registerRoutes } from "./routes";
import { downloadPageRoutes } from "./routes/pages/download-page";
import { tokenHandoutPageRoutes } from "./routes/pages/token-handout-page";
import { requestIdFrom } from "./security/request-id";
import { apiSecurityHeaders } from "./security/headers";

export interface AppOptions {
  /** The clock; tests pin it to judge lateness and "period not ended" deterministically. */
  now?: () => Date;
}

/** One app for production and tests: index.ts exports it, the tests build their own with a pinned clock. */
export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = options.now ?? (() => new Date());

  app.use("*", async (c, next) => {
    const requestId = requestIdFrom(c.req.header("X-Request-Id"));
    c.set("requestId", requestId);
    c.set("now", now().toISOString());
    await next();
    c.header("X-Request-Id", requestId);
  });
  app.use("*", apiSecurityHeaders());

  app.get("/api/v1/health", (c) => c.json({ ok: true }));
  // Someone opening the server's address in a browser lands on the task pane.
  app.get("/", (c) => c.redirect("/taskpane.html"));
  downloadPageRoutes(app);
  tokenHandoutPageRoutes(app);
  app.use("/api/*", requireAuth());
  registerRoutes(app);

  app.notFound((c) => {
    const body: ErrorBody = {
      error: { code: "not_found", message: { vi: "Không có đường dẫn này.", en: "No such route." } },
      requestId: c.get("requestId"),
    };
    return c.json(body, 404);
  });

  app.onError((err, c) => {
    const requestId = c.get("requestId") ?? "unknown";
    if (err instanceof ApiError) {
      const body: ErrorBody = { error: { code: err.code, message: { vi: err.vi, en: err.en }, ...err.extra }, requestId };
      return c.json(body, err.status, err.headers);
    }
    // A bug, not an expected outcome: log it with the request id, answer without internals.
    console.error(`[${requestId}] unhandled error`, err);
    const body: ErrorBody = {
      error: {
        code: "internal_error",
        message: {
          vi: `Lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo mã yêu cầu ${requestId} cho quản trị viên.`,
          en: `Server error. Please retry; if it persists, report request id ${requestId} to the administrator.`,
        },
      },
      requestId,
    };
    return c.json(body, 500);
  });

  return app;
}
