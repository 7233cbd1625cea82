import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedTokens, seedUnits, setNow } from "./fixtures";
import { demoUnitMonths } from "../../shared/demo/generate";
import { demoUnitProfile } from "../../shared/demo/profiles";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { findInconsistencies } from "../../worker/src/db/consistency";

/**
 * The consistency SQL (also run by `npm run check` against the local D1) must find nothing
 * after real submissions through the API, corrections included, and must name exactly the
 * cell that was tampered with.
 */

type Values = Record<string, number>;

interface Sent {
  unit: string;
  form: "01" | "02";
  period: string;
  values: Values;
  id: string;
}

const sent: Sent[] = [];

function months(unit: string, seed: number) {
  const list = demoUnitMonths(BUILT_IN_FORMS, demoUnitProfile(unit, seed, unit.endsWith("-00")), [{ statYear: 2026, months: 2 }]);
  return list.map((m) => ({ period: m.period, viec: m.forms["01"] as Values, tien: m.forms["02"] as Values }));
}

async function submit(unit: string, form: "01" | "02", period: string, values: Values, extra: Record<string, unknown> = {}) {
  const id = crypto.randomUUID();
  const res = await api("POST", "/api/v1/submissions", { token: `demo-unit-${unit}`, body: { id, unit, form, period, values, ...extra } });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  sent.push({ unit, form, period, values, id });
  return json(res);
}

/** What the latest revision of each unit says, summed over the units whose code starts with `prefix`. */
function expectedSum(prefix: string, form: string, period: string, field: string): number {
  const latest = new Map<string, Sent>();
  for (const s of sent) if (s.form === form && s.period === period) latest.set(s.unit, s);
  let sum = 0;
  for (const s of latest.values()) if (prefix === "VN" || s.unit.startsWith(prefix + "-")) sum += s.values[field] ?? 0;
  return sum;
}

async function exec(sql: string) {
  await env.DB.prepare(sql).run();
}

const units: [string, number][] = [
  ["52-00", 104729],
  ["52-01", 7919],
  ["52-02", 15485863],
  ["01-01", 2038074743],
];

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  const data = new Map(units.map(([u, seed]) => [u, months(u, seed)]));
  // October first: November is checked against it (cumulative fields never fall).
  setNow("2025-11-03T03:00:00Z");
  for (const [u] of units) {
    const [oct] = data.get(u)!;
    await submit(u, "01", "2025-10", oct!.viec);
    await submit(u, "02", "2025-10", oct!.tien);
  }
  setNow("2025-12-02T03:00:00Z");
  for (const [u] of units.slice(0, 3)) {
    const [, nov] = data.get(u)!;
    await submit(u, "01", "2025-11", nov!.viec);
    await submit(u, "02", "2025-11", nov!.tien);
  }
  // 01-01 reports November after the deadline (2025-12-02 for offices).
  setNow("2025-12-09T03:00:00Z");
  const [, late] = data.get("01-01")!;
  const receipt = await submit("01-01", "01", "2025-11", late!.viec);
  expect(receipt.late).toBe(true);
  // A correction of 52-01: three cases in progress were in fact completed.
  setNow("2025-12-10T03:00:00Z");
  const [, nov] = data.get("52-01")!;
  const v = nov!.viec;
  expect(v.dang_thi_hanh).toBeGreaterThanOrEqual(3);
  const corrected = { ...v, thi_hanh_xong: v.thi_hanh_xong! + 3, dang_thi_hanh: v.dang_thi_hanh! - 3 };
  const second = await submit("52-01", "01", "2025-11", corrected, { baseRevision: 1, reason: "Ba việc đang thi hành đã thi hành xong" });
  expect(second.revision).toBe(2);
});

describe("consistency checks", () => {
  it("find no difference after submissions, a late one and a correction made through the API", async () => {
    expect(await findInconsistencies(env.DB)).toEqual([]);
    // The checks did look at something: the roll-ups exist and include the correction.
    const row = await env.DB.prepare(
      `SELECT value FROM aggregates WHERE node_code = '52' AND form_id = '01' AND period = '2025-11' AND field = 'thi_hanh_xong'`,
    ).first<{ value: number }>();
    expect(row?.value).toBe(expectedSum("52", "01", "2025-11", "thi_hanh_xong"));
  });

  it("name exactly the roll-up cell that was changed behind the Worker's back, with both numbers", async () => {
    const right = expectedSum("52", "01", "2025-11", "thi_hanh_xong");
    const where = `node_code = '52' AND form_id = '01' AND period = '2025-11' AND field = 'thi_hanh_xong'`;
    await exec(`UPDATE aggregates SET value = value + 7 WHERE ${where}`);
    try {
      expect(await findInconsistencies(env.DB)).toEqual([
        { check: "aggregates", node: "52", form: "01", period: "2025-11", field: "thi_hanh_xong", stored: right + 7, recomputed: right },
      ]);
    } finally {
      await exec(`UPDATE aggregates SET value = value - 7 WHERE ${where}`);
    }
    expect(await findInconsistencies(env.DB)).toEqual([]);
  });

  it("report a missing roll-up row as stored: null", async () => {
    const right = expectedSum("VN", "02", "2025-10", "giam");
    const where = `node_code = 'VN' AND form_id = '02' AND period = '2025-10' AND field = 'giam'`;
    await exec(`DELETE FROM aggregates WHERE ${where}`);
    try {
      expect(await findInconsistencies(env.DB)).toEqual([
        { check: "aggregates", node: "VN", form: "02", period: "2025-10", field: "giam", stored: null, recomputed: right },
      ]);
    } finally {
      await exec(`INSERT INTO aggregates (node_code, form_id, period, field, value) VALUES ('VN', '02', '2025-10', 'giam', ${right})`);
    }
  });

  it("report a latest value that disagrees with the newest revision, and the roll-ups built on it", async () => {
    const where = `unit_code = '52-02' AND form_id = '02' AND period = '2025-10' AND field = 'dinh_chi'`;
    const own = sent.find((s) => s.unit === "52-02" && s.form === "02" && s.period === "2025-10")!.values.dinh_chi!;
    await exec(`UPDATE latest_values SET value = value + 1 WHERE ${where}`);
    try {
      const diffs = await findInconsistencies(env.DB);
      const p = expectedSum("52", "02", "2025-10", "dinh_chi");
      const n = expectedSum("VN", "02", "2025-10", "dinh_chi");
      expect(diffs).toEqual([
        { check: "latest_values", node: "52-02", form: "02", period: "2025-10", field: "dinh_chi", stored: own + 1, recomputed: own },
        // The stored roll-ups are right; recomputed from the bad latest value they look one too low.
        { check: "aggregates", node: "52", form: "02", period: "2025-10", field: "dinh_chi", stored: p, recomputed: p + 1 },
        { check: "aggregates", node: "VN", form: "02", period: "2025-10", field: "dinh_chi", stored: n, recomputed: n + 1 },
      ]);
    } finally {
      await exec(`UPDATE latest_values SET value = value - 1 WHERE ${where}`);
    }
  });

  it("report a latest-revision pointer left on an older revision", async () => {
    const [first, second] = sent.filter((s) => s.unit === "52-01" && s.form === "01" && s.period === "2025-11");
    const where = `unit_code = '52-01' AND form_id = '01' AND period = '2025-11'`;
    await exec(`UPDATE latest_revisions SET revision = 1, submission_id = '${first!.id}' WHERE ${where}`);
    try {
      expect(await findInconsistencies(env.DB)).toEqual([
        { check: "latest_revisions", node: "52-01", form: "01", period: "2025-11", field: "revision", stored: 1, recomputed: 2 },
        { check: "latest_revisions", node: "52-01", form: "01", period: "2025-11", field: "submission_id", stored: first!.id, recomputed: second!.id },
      ]);
    } finally {
      await exec(`UPDATE latest_revisions SET revision = 2, submission_id = '${second!.id}' WHERE ${where}`);
    }
  });

  it("report a wrong count of contributing offices", async () => {
    const where = `node_code = '01' AND form_id = '01' AND period = '2025-11'`;
    await exec(`UPDATE aggregate_meta SET contributors = contributors + 1 WHERE ${where}`);
    try {
      expect(await findInconsistencies(env.DB)).toEqual([
        { check: "aggregate_meta", node: "01", form: "01", period: "2025-11", field: "contributors", stored: 2, recomputed: 1 },
      ]);
    } finally {
      await exec(`UPDATE aggregate_meta SET contributors = contributors - 1 WHERE ${where}`);
    }
  });
});
