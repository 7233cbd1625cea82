import type { ReportLevel } from "../periods/deadlines";
import type { UnitKind } from "./types";

/**
 * Which deadline a reporting unit's monthly report follows (TT 06/2019, docs/domain.md): a regional
 * office has 2 working days; the province's own office reports with the provincial total and
 * has the province's 4. The offsets themselves are data in shared/periods/deadlines.ts.
 */
export function deadlineLevelOf(kind: UnitKind): ReportLevel {
  return kind === "province_office" || kind === "province" ? "province" : "office";
}
