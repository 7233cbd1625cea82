import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { getHistory, postSubmission } from "./handlers";

export function submissionRoutes(app: Hono<AppEnv>): void {
  app.post("/api/v1/submissions", postSubmission);
  app.get("/api/v1/submissions", getHistory);
}
