import type { Hono } from "hono";
import type { AppEnv } from "../env";
import { adminRoutes } from "./admin";
import { comparisonRoutes } from "./comparisons";
import { discoveryRoutes } from "./discovery";
import { periodRoutes } from "./periods";
import { reportRoutes } from "./reports";
import { rollupRoutes } from "./rollups";
import { signoffRoutes } from "./signoff";
import { submissionRoutes } from "./submissions";
import { targetRoutes } from "./targets";
import { targetSheetRoutes } from "./targets/sheet";
import { organisationRoutes } from "./organisation";
import { tokenRoutes } from "./tokens";

export function registerRoutes(app: Hono<AppEnv>): void {
  discoveryRoutes(app);
  submissionRoutes(app);
  signoffRoutes(app);
  rollupRoutes(app);
  targetSheetRoutes(app);
  organisationRoutes(app);
  targetRoutes(app);
  comparisonRoutes(app);
  reportRoutes(app);
  periodRoutes(app);
  adminRoutes(app);
  tokenRoutes(app);
}
