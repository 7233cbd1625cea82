import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, fixtureUnits, json, seedTokens, seedUnits, setNow } from "./fixtures";
import { form } from "./submission-data";
import { allForms } from "../../worker/src/forms";
import { LATEST_STORED_REVISIONS_SQL, storedRevisionsFromRows, type StoredRevisionRow } from "../../worker/src/db/revisions";
import { revalidateStored } from "../../shared/forms/revalidate";
import { BUILT_IN_FORMS, formInForce } from "../../shared/forms";

/**
 * A definition changes by a new version from a date: periods before it keep the version they
 * were reported under. Reports are sent through the API under three versions of form 01 (the
 * first reconstruction in June 2024, the published layout in June 2025, the same after the
 * 1/7/2025 split in July 2025), then an administrator adds a version from 1/10/2025, and
 * every stored revision still re-validates under the version in force for its period.
 */

async function send(unit: string, period: string, values: Record<string, number>) {
  const res = await api("POST", "/api/v1/submissions", { token: `demo-unit-${unit}`, body: { id: crypto.randomUUID(), unit, form: "01", period, values } });
  return { status: res.status, body: await json(res) };
}

async function revalidate() {
  const { results } = await env.DB.prepare(LATEST_STORED_REVISIONS_SQL).all<StoredRevisionRow>();
  return { stored: storedRevisionsFromRows(results), problems: revalidateStored(await allForms(env.DB), storedRevisionsFromRows(results)) };
}

/** 52-01's June 2024 in the first reconstruction: hoãn / khác (4) inside có điều kiện, chưa có điều kiện derived. */
const JUNE_2024 = {
  tong_thu_ly: 205, nam_truoc_chuyen_sang: 120, thu_ly_moi: 85, uy_thac: 4, phai_thi_hanh: 201, co_dieu_kien: 170,
  thi_hanh_xong: 140, dinh_chi: 6, dang_thi_hanh: 20, hoan_co_dk: 4, chua_co_dieu_kien: 31,
};

beforeAll(async () => {
  // Units existing since statistical year 2024, so that a TT 06/2019 period can be reported.
  await seedUnits(fixtureUnits().map((u) => ({ ...u, validFrom: "2023-10-01" })));
  await seedTokens();
  setNow("2025-08-20T03:00:00Z");
});

describe("definition versions and stored revisions", () => {
  it("accepts each period in the layout of the version in force for it, and refuses the other layout", async () => {
    // June 2024: the first reconstruction; the published layout's fields are unknown there.
    const wrongLayout = await send("52-01", "2024-06", form({ carried: 120, fresh: 85, entrusted: 4, done: 140, terminated: 6, open: 20, postponed: 4 }));
    expect(wrongLayout.status).toBe(422);
    expect(wrongLayout.body.error.findings.map((f: { code: string; fields: string[] }) => f.code + ":" + f.fields[0])).toEqual(
      expect.arrayContaining(["unknown_field:thu_hoi_huy", "unknown_field:hoan_tam_dinh_chi", "unknown_field:so_theo_doi_rieng"]),
    );
    const june2024 = await send("52-01", "2024-06", JUNE_2024);
    expect(june2024.status, JSON.stringify(june2024.body)).toBe(201);
    expect(june2024.body.regime).toBe("TT06_2019");
    // June and July 2025: the published layout, on both sides of the 1/7/2025 split.
    const june2025 = await send("52-01", "2025-06", form({ carried: 300, fresh: 90, entrusted: 3, withdrawn: 1, done: 200, terminated: 5, open: 60, postponed: 6, separateBook: 40 }));
    expect(june2025.status, JSON.stringify(june2025.body)).toBe(201);
    const july2025 = await send("52-01", "2025-07", form({ carried: 300, fresh: 100, entrusted: 3, withdrawn: 1, done: 215, terminated: 5, open: 55, postponed: 6, separateBook: 40 }));
    expect(july2025.status, JSON.stringify(july2025.body)).toBe(201);
    expect([june2025.body.regime, july2025.body.regime]).toEqual(["TT05_2024", "TT05_2024"]);
  });

  it("re-validates every stored revision under the version in force for its period", async () => {
    const { stored, problems } = await revalidate();
    expect(stored.map((s) => [s.period, s.regime])).toEqual([["2024-06", "TT06_2019"], ["2025-06", "TT05_2024"], ["2025-07", "TT05_2024"]]);
    expect(problems).toEqual([]);
  });

  it("still does after an administrator adds a version from 1/10/2025: older periods keep theirs", async () => {
    const base = formInForce(BUILT_IN_FORMS, "01", "2025-10-31");
    if (!base) throw new Error("no built-in form 01");
    const next = { ...base, validFrom: "2025-10-01", notes: [...(base.notes ?? []), "Phiên bản thử từ 01/10/2025. / A test version from 1/10/2025."] };
    const put = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: next });
    expect(put.status, await put.clone().text()).toBe(200);
    const forms = await allForms(env.DB);
    expect(formInForce(forms, "01", "2025-10-31")?.validFrom).toBe("2025-10-01");
    expect(formInForce(forms, "01", "2025-07-31")?.validFrom).toBe("2025-07-01");
    expect((await revalidate()).problems).toEqual([]);
  });
});
