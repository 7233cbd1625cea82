import type { Hono } from "hono";
import type { AppEnv } from "../env";
import { adminRoutes } from "./admin";
import { comparisonRoutes } from "./comparisons";
import { discoveryRoutes } from "./discovery";
import { periodRoutes } from "./periods";
import { rollupRoutes } from "./rollups";
import { submissionRoutes } from "./submissions";
import { targetRoutes } from "./targets";
import { tokenRoutes } from "./tokens";

export function registerRoutes(app: Hono<AppEnv>): void {
  discoveryRoutes(app);
  submissionRoutes(app);
  rollupRoutes(app);
  targetRoutes(app);
  comparisonRoutes(app);
  periodRoutes(app);
  adminRoutes(app);
  tokenRoutes(app);
}
