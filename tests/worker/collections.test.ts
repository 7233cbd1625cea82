import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { api, json, seedTokens, seedUnits, setNow, tableCounts } from "./fixtures";
import { DESIGN_GRID, DESIGN_LIST_GRID, TON_DONG, TUAN_KQ, VIEC_LON } from "../fixtures/collections";
import { readDesignSheet } from "../../shared/forms/design-sheet";
import { parseCsv } from "../fixtures/csv";

/**
 * Issue 8 item 4: a collection the Cục defines as data is served by the whole chain with no
 * code change. A month-end snapshot due by the 5th of the next month (seed 003) is published
 * through the admin API, then submitted, rolled up, compared and tracked for completeness.
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function send(unit: string, period: string, values: Record<string, number>, form = TON_DONG.id) {
  const res = await api("POST", "/api/v1/submissions", { token: `demo-unit-${unit}`, body: { id: crypto.randomUUID(), unit, form, period, values } });
  return { status: res.status, body: await json(res) };
}

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  setNow("2025-12-01T03:00:00Z");
  const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: TON_DONG });
  expect(res.status, await res.clone().text()).toBe(200);
});

describe("a month-end snapshot collection defined through the admin API", () => {
  it("is listed by /api/v1/forms for its months, with its period type", async () => {
    const body = await json(await api("GET", "/api/v1/forms?period=2025-11", { token: "demo-unit-52-01" }));
    const listed = body.forms.find((f: { id: string }) => f.id === "TON-DONG");
    expect(listed).toMatchObject({ code: "Biểu TĐ-01", period: { kind: "snapshot_month", deadlineDay: 5 } });
    const weeks = await json(await api("GET", "/api/v1/forms?period=2025-W48", { token: "demo-unit-52-01" }));
    expect(weeks.forms.map((f: { id: string }) => f.id)).not.toContain("TON-DONG");
  });

  it("accepts a month on time through the 5th of the next month, and marks the 6th late", async () => {
    setNow("2025-12-05T16:00:00Z"); // 23:00 on the 5th in Hà Nội
    const onTime = await send("52-01", "2025-11", { tong_ton: 900, chua_chi_tra: 600, cho_xu_ly: 300, da_chi_tra: 100 });
    expect(onTime.status, JSON.stringify(onTime.body)).toBe(201);
    expect(onTime.body).toMatchObject({ form: "TON-DONG", late: false, deadline: "2025-12-05T16:59:59.999Z" });
    setNow("2025-12-05T17:30:00Z"); // 00:30 on the 6th
    const late = await send("52-02", "2025-11", { tong_ton: 100, chua_chi_tra: 100, cho_xu_ly: 0, da_chi_tra: 300 });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.body.late).toBe(true);
  });

  it("validates with its own rules and writes nothing on an error", async () => {
    const before = await tableCounts();
    const bad = await send("52-00", "2025-11", { tong_ton: 10, chua_chi_tra: 4, cho_xu_ly: 5, da_chi_tra: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.findings.map((f: { ruleId?: string }) => f.ruleId)).toContain("TD.R1");
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses a week for a monthly collection with a 400 naming the period field, writing nothing", async () => {
    const before = await tableCounts();
    const wrong = await send("52-00", "2025-W47", { tong_ton: 1, chua_chi_tra: 1, cho_xu_ly: 0, da_chi_tra: 0 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0]).toMatchObject({ path: "period" });
    expect(wrong.body.error.message.vi).toContain("tháng dạng YYYY-MM");
    expect(await tableCounts()).toEqual(before);
  });

  it("is in the province and national roll-ups at once", async () => {
    const province = await json(await api("GET", "/api/v1/rollups?unit=52&form=TON-DONG&period=2025-11", { token: "demo-province-52" }));
    expect(province.values).toMatchObject({ tong_ton: 1000, chua_chi_tra: 700, cho_xu_ly: 300, da_chi_tra: 400 });
    const national = await json(await api("GET", "/api/v1/rollups?unit=VN&form=TON-DONG&period=2025-11", { token: "demo-national" }));
    expect(national.values).toMatchObject({ tong_ton: 1000, da_chi_tra: 400 });
  });

  it("is compared on every indicator it defines, ranked per line, in JSON, CSV and .xlsx", async () => {
    const c = await json(await api("GET", "/api/v1/comparisons?parent=52&form=TON-DONG&period=2025-11", { token: "demo-province-52" }));
    expect(c.periodLabel).toBe("Tháng 11/2025");
    expect(c.definition.periodKind).toBe("snapshot_month");
    expect(c.indicators[0]).toMatchObject({ id: "ty_le_chi_tra", form: "TON-DONG" });
    const row = (u: string) => c.rows.find((r: { unit: string }) => r.unit === u);
    // 100 / (100 + 900) = 10,00%; 300 / (300 + 100) = 75,00%
    expect(row("52-01").indicators.ty_le_chi_tra).toMatchObject({ printed: 10, rank: 2 });
    expect(row("52-02").indicators.ty_le_chi_tra).toMatchObject({ printed: 75, rank: 1 });
    expect(row("52").indicators.ty_le_chi_tra).toMatchObject({ printed: 28.57 });
    expect(row("52-02").late).toBe(1);
    expect(c.bases.prevMonth).toMatchObject({ period: "2025-10", label: "Tháng trước (Tháng 10/2025)" });

    const csv = await api("GET", "/api/v1/comparisons?parent=52&form=TON-DONG&period=2025-11", { token: "demo-province-52", accept: "text/csv" });
    expect(csv.status).toBe(200);
    const table = parseCsv(await csv.text(), ",");
    const line = table.find((r) => r[1] === "52-02");
    expect(line?.slice(2, 6)).toEqual(["Phòng THADS khu vực 2 - Gia Lai", "300", "400", "75"]);
    expect(table[0]?.join(",")).toContain("Tỷ lệ tiền đã chi trả");

    const xlsx = await api("GET", "/api/v1/comparisons?parent=52&form=TON-DONG&period=2025-11", { token: "demo-province-52", accept: XLSX });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("So sánh 52 TON-DONG 2025-11");
    expect(String(ws.getCell("A2").value)).toContain("Tháng 11/2025");
  });

  it("is tracked for completeness against its own deadline", async () => {
    const body = await json(await api("GET", "/api/v1/completeness?parent=52&period=2025-11", { token: "demo-province-52" }));
    const rows = body.rows.filter((r: { form: string }) => r.form === "TON-DONG");
    expect(rows.length).toBeGreaterThan(2);
    const of = (u: string) => rows.find((r: { unit: string }) => r.unit === u);
    expect(of("52-01")).toMatchObject({ status: "on_time", deadline: "2025-12-05T16:59:59.999Z" });
    expect(of("52-02")).toMatchObject({ status: "late" });
    expect(of("52-00")).toMatchObject({ status: "missing", deadline: "2025-12-05T16:59:59.999Z" });
    const xlsx = await api("GET", "/api/v1/completeness?parent=52&period=2025-11", { token: "demo-province-52", accept: XLSX });
    expect(xlsx.status).toBe(200);
  });
});

describe("versions of a collection", () => {
  const withField = (validFrom: string): typeof TON_DONG => ({
    ...TON_DONG,
    validFrom,
    fields: TON_DONG.fields.concat([{ key: "so_tai_khoan", label: { vi: "Số tài khoản tạm giữ", en: "Holding accounts" }, column: 5, valueType: "count", kind: "input" }]),
  });

  it("refuses a change to the version reported periods were sent under, listing each period, storing nothing", async () => {
    const before = await tableCounts();
    const defsBefore = await json(await api("GET", "/api/v1/forms", { token: "demo-admin" }));
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: withField("2025-10-01") });
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.error.code).toBe("definition_changes_reported_periods");
    expect(body.error.issues.map((i: { vi: string }) => i.vi)).toEqual([expect.stringContaining("kỳ 2025-11 (Tháng 11/2025) đã có báo cáo theo phiên bản từ 2025-10-01")]);
    expect(await tableCounts()).toEqual(before);
    expect(await json(await api("GET", "/api/v1/forms", { token: "demo-admin" }))).toEqual(defsBefore);
  });

  it("publishes a new version from a later date: old periods keep theirs, new ones take it", async () => {
    setNow("2026-01-02T03:00:00Z");
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: withField("2025-12-01") });
    expect(res.status, await res.clone().text()).toBe(200);
    const old = await send("52-00", "2025-11", { tong_ton: 5, chua_chi_tra: 5, cho_xu_ly: 0, da_chi_tra: 1 });
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    const missing = await send("52-00", "2025-12", { tong_ton: 5, chua_chi_tra: 5, cho_xu_ly: 0, da_chi_tra: 1 });
    expect(missing.status).toBe(422);
    expect(missing.body.error.findings.map((f: { code: string; fields: string[] }) => f.code + ":" + f.fields[0])).toContain("missing_value:so_tai_khoan");
    const fresh = await send("52-00", "2025-12", { tong_ton: 5, chua_chi_tra: 5, cho_xu_ly: 0, da_chi_tra: 1, so_tai_khoan: 2 });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
  });

  it("refuses a definition with every problem listed in Vietnamese and English, storing nothing", async () => {
    const before = await json(await api("GET", "/api/v1/forms", { token: "demo-admin" }));
    const bad = {
      ...TON_DONG,
      id: "MOI",
      fields: TON_DONG.fields.map((f, i) => (i === 3 ? { ...f, column: 2 } : f)),
      rules: [{ id: "M1", expression: "{tong_ton} ≥ {khong_co}", severity: "error" }],
      indicators: [{ ...TON_DONG.indicators[0], denominator: ["khong_co_ca"] }],
    };
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: bad });
    expect(res.status).toBe(422);
    const issues = (await json(res)).error.issues as { path: string; vi: string; en: string }[];
    expect(issues.map((i) => i.path)).toEqual(["fields.3.column", "rules.0.expression", "indicators.0.denominator.0"]);
    expect(issues[0]).toMatchObject({ vi: "fields.3.column: Trùng số cột 2.", en: "fields.3.column: duplicate column 2" });
    expect(await json(await api("GET", "/api/v1/forms", { token: "demo-admin" }))).toEqual(before);
  });

  it("lets only an administrator publish", async () => {
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-national", body: { ...TON_DONG, id: "KHAC" } });
    expect(res.status).toBe(403);
    const forms = await json(await api("GET", "/api/v1/forms", { token: "demo-admin" }));
    expect(forms.forms.map((f: { id: string }) => f.id)).not.toContain("KHAC");
  });
});

describe("a weekly collection", () => {
  beforeAll(async () => {
    setNow("2026-03-23T01:00:00Z");
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: TUAN_KQ });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it("takes ISO weeks only, each due the first working day after its Sunday", async () => {
    const month = await send("52-01", "2026-03", { viec_giao: 10, viec_xong: 2, tien_thu: 5 }, TUAN_KQ.id);
    expect(month.status).toBe(400);
    expect(month.body.error.issues[0].vi).toContain("tuần dạng YYYY-Www");
    const previous = await send("52-01", "2026-W11", { viec_giao: 10, viec_xong: 2, tien_thu: 5 }, TUAN_KQ.id);
    expect(previous.status, JSON.stringify(previous.body)).toBe(201);
    const week = await send("52-01", "2026-W12", { viec_giao: 10, viec_xong: 5, tien_thu: 40 }, TUAN_KQ.id);
    expect(week.status, JSON.stringify(week.body)).toBe(201);
    expect(week.body).toMatchObject({ period: "2026-W12", late: false, deadline: "2026-03-23T16:59:59.999Z" });
    const notEnded = await send("52-01", "2026-W13", { viec_giao: 10, viec_xong: 5, tien_thu: 40 }, TUAN_KQ.id);
    expect(notEnded.status).toBe(422);
    expect(notEnded.body.error.code).toBe("period_not_ended");
    const noSuchWeek = await api("GET", "/api/v1/rollups?unit=52&form=TUAN-KQ&period=2025-W53", { token: "demo-province-52" });
    expect(noSuchWeek.status).toBe(400);
  });

  it("rolls up, compares with the previous week and is tracked for its week", async () => {
    const rollup = await json(await api("GET", "/api/v1/rollups?unit=VN&form=TUAN-KQ&period=2026-W12", { token: "demo-national" }));
    expect(rollup.values).toEqual({ viec_giao: 10, viec_xong: 5, tien_thu: 40 });
    const c = await json(await api("GET", "/api/v1/comparisons?parent=52&form=TUAN-KQ&period=2026-W12", { token: "demo-province-52" }));
    expect(c.periodLabel).toBe("Tuần 12/2026 (16/3–22/3)");
    expect(c.bases.prevMonth).toEqual({ period: "2026-W11", label: "Tuần trước (Tuần 11/2026 (9/3–15/3))" });
    expect(c.bases.samePeriod.period).toBe("2025-W12");
    // Only weekly collections are in a week's comparison: 50,00% this week against 20,00%.
    expect(c.indicators.map((i: { id: string }) => i.id)).toEqual(["ty_le_xong_tuan"]);
    const office = c.rows.find((r: { unit: string }) => r.unit === "52-01");
    expect(office.indicators.ty_le_xong_tuan).toMatchObject({ printed: 50, vs: { prevMonth: { printed: 20, change: 30 } } });
    const done = await json(await api("GET", "/api/v1/completeness?parent=52&period=2026-W12", { token: "demo-province-52" }));
    expect(new Set(done.rows.map((r: { form: string }) => r.form))).toEqual(new Set(["TUAN-KQ"]));
    expect(done.rows.find((r: { unit: string }) => r.unit === "52-01")).toMatchObject({ status: "on_time", deadline: "2026-03-23T16:59:59.999Z" });
    const sheet = await api("GET", "/api/v1/completeness?parent=52&period=2026-W12", { token: "demo-province-52", accept: XLSX });
    expect(sheet.status).toBe(200);
  });
  it("is closed and reopened by its province for a week, as a month is", async () => {
    const close = await api("POST", "/api/v1/periods/close", { token: "demo-province-52", body: { province: "52", period: "2026-W12", reason: "Đã chốt số liệu tuần." } });
    expect(close.status, await close.clone().text()).toBe(200);
    expect(await json(close)).toEqual({ province: "52", period: "2026-W12", closed: true });
    const refused = await send("52-02", "2026-W12", { viec_giao: 4, viec_xong: 1, tien_thu: 3 }, TUAN_KQ.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("period_closed");
    const locks = await json(await api("GET", "/api/v1/periods", { token: "demo-province-52" }));
    expect(locks.locks).toEqual([expect.objectContaining({ province: "52", period: "2026-W12", closed: true })]);
    const reopen = await api("POST", "/api/v1/periods/reopen", { token: "demo-province-52", body: { province: "52", period: "2026-W12" } });
    expect(reopen.status).toBe(200);
    const accepted = await send("52-02", "2026-W12", { viec_giao: 4, viec_xong: 1, tien_thu: 3 }, TUAN_KQ.id);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    // Another week of 2026 still reads as such; a key that is no week is refused before anything is written.
    const bad = await api("POST", "/api/v1/periods/close", { token: "demo-province-52", body: { province: "52", period: "2025-W53" } });
    expect(bad.status).toBe(400);
  });
});

describe("a list collection: one row per case", () => {
  const caseA = { key: "V01", label: "Công ty A", values: { ban_an: "12/2019/HS-ST", ngay_thu_ly: "2021-06-01", so_tien: 25_000_000, da_thu: 1_000_000 } };
  const caseB = { key: "V02", label: "Nguyễn Văn B", values: { ban_an: "7/2024/KDTM-PT", ngay_thu_ly: "2024-03-15", so_tien: 40_000_000, da_thu: null } };
  const rows = [caseA, caseB];
  const sendRows = async (unit: string, period: string, list: unknown[]) => {
    const res = await api("POST", "/api/v1/submissions", { token: `demo-unit-${unit}`, body: { id: crypto.randomUUID(), unit, form: VIEC_LON.id, period, values: {}, rows: list } });
    return { status: res.status, body: await json(res) };
  };

  beforeAll(async () => {
    setNow("2026-01-03T03:00:00Z");
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: VIEC_LON });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it("checks every cell by its column's type and names the row and column, storing nothing", async () => {
    const before = await tableCounts();
    const bad = await sendRows("79-01", "2025-12", [
      { ...caseA, values: { ...caseA.values, ngay_thu_ly: "31/02/2021", so_tien: 1.5 } },
      { ...caseB, values: { ...caseB.values, ban_an: "" } },
    ]);
    expect(bad.status).toBe(422);
    const found = bad.body.error.findings.map((f: { code: string; fields: string[]; message: { vi: string } }) => [f.code, f.fields[0], f.message.vi]);
    expect(found).toEqual(expect.arrayContaining([
      ["not_a_date", "ngay_thu_ly", "Dòng “Công ty A” (V01): “Ngày thụ lý” phải là một ngày (năm-tháng-ngày); ô đang chứa “31/02/2021”."],
      ["not_integer", "so_tien", expect.stringContaining("Dòng “Công ty A” (V01): “Số tiền phải thi hành” phải là số nguyên")],
      ["missing_value", "ban_an", "Dòng “Nguyễn Văn B” (V02): Chưa nhập “Bản án, quyết định”: đây là chỉ tiêu bắt buộc."],
    ]));
    expect(await tableCounts()).toEqual(before);
  });

  it("computes the unit's counts and sums from its rows, keeps the rows with the revision, and rolls them up", async () => {
    const a = await sendRows("79-01", "2025-12", rows);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const b = await sendRows("79-02", "2025-12", [{ key: "V01", label: "Trần C", values: { ban_an: "3/2022/DS-ST", ngay_thu_ly: "2022-12-31", so_tien: 20_000_000, da_thu: 20_000_000 } }]);
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    const history = await json(await api("GET", "/api/v1/submissions?unit=79-01&form=VIEC-LON&period=2025-12", { token: "demo-unit-79-01" }));
    // Only the first case was accepted on or before 31/12/2022, 3 years before the period's end.
    expect(history.revisions[0].values).toEqual({ so_viec: 2, tong_tien: 65_000_000, tong_da_thu: 1_000_000, viec_tren_3_nam: 1 });
    expect(history.revisions[0].rows).toEqual(rows);
    const province = await json(await api("GET", "/api/v1/rollups?unit=79&form=VIEC-LON&period=2025-12", { token: "demo-province-79" }));
    expect(province.values).toEqual({ so_viec: 3, tong_tien: 85_000_000, tong_da_thu: 21_000_000, viec_tren_3_nam: 2 });
    const c = await json(await api("GET", "/api/v1/comparisons?parent=79&form=VIEC-LON&period=2025-12", { token: "demo-province-79" }));
    expect(c.rows.find((r: { unit: string }) => r.unit === "79-02").indicators.ty_le_thu_viec_lon).toMatchObject({ printed: 100, rank: 1 });
  });

  it("shows the province reviewing the report every case sent, as a reviewer reads it", async () => {
    const history = await json(await api("GET", "/api/v1/submissions?unit=79-01&form=VIEC-LON&period=2025-12", { token: "demo-unit-79-01" }));
    const detail = await json(await api("GET", "/api/v1/submissions/" + history.revisions[0].id, { token: "demo-province-79" }));
    // Dates as dd/mm/yyyy, money in Vietnamese number style, an empty optional cell empty (not 0).
    expect(detail.printed.rows).toEqual({
      caption: "Danh sách: mỗi việc một dòng (2 dòng)",
      headers: ["Việc", "Bản án, quyết định", "Ngày thụ lý", "Số tiền phải thi hành", "Số tiền đã thu"],
      numeric: [false, false, false, true, true],
      rows: [
        ["Công ty A", "12/2019/HS-ST", "01/06/2021", "25.000.000", "1.000.000"],
        ["Nguyễn Văn B", "7/2024/KDTM-PT", "15/03/2024", "40.000.000", ""],
      ],
    });
    // A form without rows prints none.
    const units = await json(await api("GET", "/api/v1/submissions?unit=52-01&form=TON-DONG&period=2025-11", { token: "demo-unit-52-01" }));
    const plain = await json(await api("GET", "/api/v1/submissions/" + units.revisions[0].id, { token: "demo-province-52" }));
    expect(plain.printed.values.length).toBeGreaterThan(0);
    expect(plain.printed.rows).toBeNull();
  });

  it("takes an empty list from an office with no such case: its figures are zeros, and it has reported", async () => {
    const none = await sendRows("52-01", "2025-12", []);
    expect(none.status, JSON.stringify(none.body)).toBe(201);
    const history = await json(await api("GET", "/api/v1/submissions?unit=52-01&form=VIEC-LON&period=2025-12", { token: "demo-unit-52-01" }));
    expect(history.revisions[0].values).toEqual({ so_viec: 0, tong_tien: 0, tong_da_thu: 0, viec_tren_3_nam: 0 });
    const done = await json(await api("GET", "/api/v1/completeness?parent=52&period=2025-12", { token: "demo-province-52" }));
    expect(done.rows.find((r: { unit: string; form: string }) => r.unit === "52-01" && r.form === "VIEC-LON").status).toBe("on_time");
  });
});

describe("a collection defined from an Excel design sheet", () => {
  it("is published as the sheet reads and takes its first week's reports", async () => {
    const reading = readDesignSheet(DESIGN_GRID);
    expect(reading.problems).toEqual([]);
    setNow("2026-01-12T03:00:00Z");
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: reading.definition });
    expect(res.status, await res.clone().text()).toBe(200);
    // More collected than due: the warning asks for an explanation, then the report is accepted.
    const values = { tong_thu: 120, thu_ban_tai_san: 100, thu_tu_nguyen: 20, phai_thu: 100 };
    const warned = await send("52-02", "2026-W02", values, "TUAN-TIEN");
    expect(warned.status).toBe(422);
    expect(warned.body.error.code).toBe("explanation_required");
    const sent = await api("POST", "/api/v1/submissions", {
      token: "demo-unit-52-02",
      body: { id: crypto.randomUUID(), unit: "52-02", form: "TUAN-TIEN", period: "2026-W02", values, explanations: { "TT.R2": "Thu thêm khoản của đợt trước." } },
    });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const rollup = await json(await api("GET", "/api/v1/rollups?unit=52&form=TUAN-TIEN&period=2026-W02", { token: "demo-province-52" }));
    expect(rollup.values.tong_thu).toBe(120);
  });
});

describe("a list collection defined from an Excel design sheet", () => {
  it("is published as the sheet reads, takes a clerk's cases and rolls up their counts and sums", async () => {
    const reading = readDesignSheet(DESIGN_LIST_GRID);
    expect(reading.problems).toEqual([]);
    setNow("2026-01-03T03:00:00Z");
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: reading.definition });
    expect(res.status, await res.clone().text()).toBe(200);
    const listed = await json(await api("GET", "/api/v1/forms?period=2025-12", { token: "demo-unit-52-02" }));
    expect(listed.forms.find((f: { id: string }) => f.id === "VIEC-CU").rows.kind).toBe("list");
    const rows = [
      { key: "1", label: "Công ty A", values: { ban_an: "1/2018/KDTM", ngay_thu_ly: "2019-05-02", so_tien: 25_000_000, da_thu: 1_000, lan_xac_minh: 3 } },
      { key: "2", label: "Ông B", values: { ban_an: "9/2022/DS", ngay_thu_ly: "2022-06-30", so_tien: 800_000, da_thu: null, lan_xac_minh: null } },
    ];
    const sent = await api("POST", "/api/v1/submissions", {
      token: "demo-unit-52-02",
      body: { id: crypto.randomUUID(), unit: "52-02", form: "VIEC-CU", period: "2025-12", values: {}, rows },
    });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const province = await json(await api("GET", "/api/v1/rollups?unit=52&form=VIEC-CU&period=2025-12", { token: "demo-province-52" }));
    expect(province.values).toEqual({ so_viec: 2, viec_tren_5_nam: 1, viec_tu_20_ty: 1, tong_tien: 25_800_000, tong_da_thu: 1_000, tong_xac_minh: 3 });
  });
});
