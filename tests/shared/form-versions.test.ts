import { describe, expect, it } from "vitest";
import { BUILT_IN_FORMS, formInForce } from "../../shared/forms";
import type { FormDefinition } from "../../shared/forms/types";
import { loadFormDefinition } from "../../shared/forms/loader";
import { revalidateStored } from "../../shared/forms/revalidate";
import { validateForm } from "../../shared/validate";
import { computeIndicator, printedRate } from "../../shared/rollup";
import { formatPercent } from "../../shared/format";
import { periodEnd } from "../../shared/periods";

/**
 * Forms 01/02 as the published figures show them, version by version (docs/domain.md
 * "Forms and regimes"): what changed on 26/7/2024, on 1/7/2025 and on 1/7/2026, and that a
 * report stored under an older version still passes under it.
 */

const form = (id: string, period: string): FormDefinition => {
  const f = formInForce(BUILT_IN_FORMS, id, periodEnd(period));
  if (!f) throw new Error(`no form ${id} for ${period}`);
  return f;
};

const indicatorOf = (f: FormDefinition, id: string) => {
  const ind = f.indicators.find((i) => i.id === id);
  if (!ind) throw new Error(`no indicator ${id} in ${f.id}/${f.validFrom}`);
  return ind;
};

/**
 * Đồng Tháp, 9 months of 2025 (published): 53.640 handled − 368 entrusted − 6 withdrawn or
 * annulled = 53.266 to enforce; 34.110 enforceable, 17.034 not enforceable, 2.122 in the third
 * bucket; 12.458 in the separate book. The split of 53.640 into carried over and new, and of
 * 34.110 into its parts, were not published: illustrative, and they do not change the rates.
 */
const DONG_THAP_9_2025 = {
  tong_thu_ly: 53_640, nam_truoc_chuyen_sang: 21_315, thu_ly_moi: 32_325, uy_thac: 368, thu_hoi_huy: 6, phai_thi_hanh: 53_266,
  co_dieu_kien: 34_110, thi_hanh_xong: 24_860, dinh_chi: 412, dang_thi_hanh: 8_838,
  chua_co_dieu_kien: 17_034, hoan_tam_dinh_chi: 2_122, so_theo_doi_rieng: 12_458,
};

describe("Đồng Tháp, 9 months of 2025, through the rules and the indicators of the definition in force for 2025-06", () => {
  const f01 = form("01", "2025-06");

  it("is the TT 05/2024 version in force from 26/7/2024", () => {
    expect([f01.regime, f01.validFrom, f01.validTo]).toEqual(["TT05_2024", "2024-07-26", "2025-06-30"]);
  });

  it("passes every rule: 53.640 − 368 − 6 = 53.266 = 34.110 + 17.034 + 2.122, the separate book outside", () => {
    expect(validateForm(f01, DONG_THAP_9_2025).findings).toEqual([]);
  });

  it("prints the published shares of phải thi hành: 64,04%, 31,98%, 3,98%", () => {
    const shares = ["share_co_dk_viec", "share_chua_co_dk_viec", "share_hoan_viec"].map((id) => {
      const ind = indicatorOf(f01, id);
      const v = computeIndicator(ind, DONG_THAP_9_2025);
      return [v.numerator, v.denominator, formatPercent(printedRate(v.rate, ind.decimals) as number)];
    });
    expect(shares).toEqual([
      [34_110, 53_266, "64,04%"],
      [17_034, 53_266, "31,98%"],
      [2_122, 53_266, "3,98%"],
    ]);
  });

  it("keeps the separate book out of phải thi hành: adding it anywhere breaks an identity", () => {
    const wrong = { ...DONG_THAP_9_2025, chua_co_dieu_kien: 17_034 + 12_458 };
    expect(validateForm(f01, wrong).findings.map((x) => x.ruleId)).toEqual(["01.R5"]);
  });

  it("could not be reported in the first reconstruction: it has no place for thu hồi, hủy, the third bucket or the separate book", () => {
    const first = form("01", "2024-06");
    const unknown = validateForm(first, DONG_THAP_9_2025).findings.filter((x) => x.code === "unknown_field").map((x) => x.fields[0]);
    expect(unknown).toEqual(["thu_hoi_huy", "hoan_tam_dinh_chi", "so_theo_doi_rieng"]);
  });
});

describe("the versions of forms 01/02", () => {
  it("are, for each form, TT 06/2019, TT 05/2024 until 30/6/2025, TT 05/2024 from 1/7/2025, TT 05/2026 from 1/7/2026", () => {
    for (const id of ["01", "02"]) {
      const versions = BUILT_IN_FORMS.filter((f) => f.id === id).map((f) => [f.regime, f.validFrom, f.validTo]);
      expect(versions).toEqual([
        ["TT06_2019", "2020-01-05", "2024-07-25"],
        ["TT05_2024", "2024-07-26", "2025-06-30"],
        ["TT05_2024", "2025-07-01", "2026-06-30"],
        ["TT05_2026", "2026-07-01", null],
      ]);
    }
  });

  it("split at 1/7/2025 on ủy thác: same fields and rules, so one statistical year validates across the split; the notes say why", () => {
    const june = form("01", "2025-06");
    const july = form("01", "2025-07");
    expect(july.validFrom).toBe("2025-07-01");
    expect(july.fields.map((f) => f.key)).toEqual(june.fields.map((f) => f.key));
    expect(july.rules).toEqual(june.rules);
    expect(june.fields.find((f) => f.key === "uy_thac")?.label.en).toBe("Entrusted to another office");
    expect(july.fields.find((f) => f.key === "uy_thac")?.label.en).toBe("Entrusted to another province");
    expect(june.notes?.join(" ")).not.toMatch(/01\/7\/2025/);
    expect(july.notes?.join(" ")).toMatch(/Từ 01\/7\/2025 các Phòng THADS khu vực .* không ủy thác cho nhau/);
    // No rule can check it: the form holds the unit's total entrusted, not where each case went.
    expect(july.notes?.join(" ")).toMatch(/No rule can check it on the form/);
    // July's report is checked against June's (same year, across the split) without a finding.
    const julyValues = { ...DONG_THAP_9_2025, thu_ly_moi: 33_000, tong_thu_ly: 54_315, phai_thi_hanh: 53_941, chua_co_dieu_kien: 17_709 };
    expect(validateForm(july, julyValues, { prevMonth: DONG_THAP_9_2025 }).findings).toEqual([]);
  });

  it("from 1/7/2026 says the separate book takes a case after two years without conditions", () => {
    expect(form("01", "2026-07").notes?.join(" ")).toMatch(/Nghị định 152\/2026\/NĐ-CP, Điều 22\) việc chưa có điều kiện chuyển sổ theo dõi riêng sau 02 năm/);
    expect(form("01", "2026-06").notes?.join(" ")).not.toMatch(/152\/2026/);
  });

  it("do not count giảm as done for money by default, still take it out of chuyển kỳ sau, and say why", () => {
    for (const period of ["2024-06", "2025-06", "2026-09"]) {
      const f02 = form("02", period);
      const rate = indicatorOf(f02, "rate_tien");
      expect(rate.numerator).toEqual(["thi_hanh_xong", "dinh_chi"]);
      expect(rate.remainderLess).toEqual(["giam"]);
      expect(f02.notes?.join(" ")).toMatch(/mặc định không tính vào tỷ lệ \(số tiền xong bắt đầu từ số 'đã thu được'\)/);
    }
    // As data: an administrator counts it by loading an amended definition, no code change.
    const f02 = form("02", "2026-09");
    const amended = { ...f02, indicators: f02.indicators.map((i) => (i.id === "rate_tien" ? { ...i, numerator: [...i.numerator, "giam"] } : i)) };
    const loaded = loadFormDefinition(JSON.stringify(amended));
    expect(loaded.ok).toBe(true);
  });

  it("keep the first reconstruction (until 25/7/2024) exactly as reports were validated against it", () => {
    const first = form("01", "2024-06");
    expect(first.fields.map((f) => [f.key, f.kind, f.formula ?? null])).toEqual([
      ["tong_thu_ly", "derived", "{nam_truoc_chuyen_sang} + {thu_ly_moi}"],
      ["nam_truoc_chuyen_sang", "input", null],
      ["thu_ly_moi", "input", null],
      ["uy_thac", "input", null],
      ["phai_thi_hanh", "derived", "{tong_thu_ly} - {uy_thac}"],
      ["co_dieu_kien", "derived", "sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh}, {hoan_co_dk})"],
      ["thi_hanh_xong", "input", null],
      ["dinh_chi", "input", null],
      ["dang_thi_hanh", "input", null],
      ["hoan_co_dk", "input", null],
      ["chua_co_dieu_kien", "derived", "{phai_thi_hanh} - {co_dieu_kien}"],
    ]);
    expect(first.rules.map((r) => [r.id, r.expression, r.severity])).toEqual([
      ["01.R1", "{tong_thu_ly} = {nam_truoc_chuyen_sang} + {thu_ly_moi}", "error"],
      ["01.R2", "{uy_thac} ≤ {tong_thu_ly}", "error"],
      ["01.R3", "{phai_thi_hanh} = {tong_thu_ly} - {uy_thac}", "error"],
      ["01.R4", "{co_dieu_kien} = sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh}, {hoan_co_dk})", "error"],
      ["01.R5", "{chua_co_dieu_kien} = {phai_thi_hanh} - {co_dieu_kien}", "error"],
      ["01.R6", "{co_dieu_kien} ≤ {phai_thi_hanh}", "error"],
      ["01.X1", "{thu_ly_moi} ≥ prev_month{thu_ly_moi}", "error"],
      ["01.X2", "{thi_hanh_xong} ≥ prev_month{thi_hanh_xong}", "error"],
      ["01.X3", "{dinh_chi} ≥ prev_month{dinh_chi}", "error"],
      ["01.X4", "{nam_truoc_chuyen_sang} = prev_month{nam_truoc_chuyen_sang}", "error"],
      ["01.X5", "{nam_truoc_chuyen_sang} = prev_year_final{phai_thi_hanh} - prev_year_final{thi_hanh_xong} - prev_year_final{dinh_chi}", "warning"],
      ["01.X6", "{chua_co_dieu_kien} - prev_month{chua_co_dieu_kien} ≤ {phai_thi_hanh} - prev_month{phai_thi_hanh} + 0.1 * prev_month{co_dieu_kien}", "warning"],
    ]);
  });
});

describe("stored revisions re-validate under the version in force for their periods", () => {
  // A unit's June 2024 report in the first reconstruction, and its 2025 reports in the published layout.
  const june2024 = {
    tong_thu_ly: 205, nam_truoc_chuyen_sang: 120, thu_ly_moi: 85, uy_thac: 4, phai_thi_hanh: 201, co_dieu_kien: 170,
    thi_hanh_xong: 140, dinh_chi: 6, dang_thi_hanh: 20, hoan_co_dk: 4, chua_co_dieu_kien: 31,
  };
  const stored = [
    { unitCode: "52-01", formId: "01", period: "2024-06", regime: "TT06_2019", values: june2024 },
    { unitCode: "52-01", formId: "01", period: "2025-06", regime: "TT05_2024", values: DONG_THAP_9_2025 },
  ];

  it("find nothing to report when each period keeps its version", () => {
    expect(revalidateStored(BUILT_IN_FORMS, stored)).toEqual([]);
  });

  it("name the revisions a rewritten version would break, instead of re-judging them silently", () => {
    // What introducing the correction by rewriting the 2020 version (rather than adding versions from a date) would do.
    const published = form("01", "2025-06");
    const rewritten = BUILT_IN_FORMS.map((f) => (f.id === "01" && f.regime === "TT06_2019" ? { ...published, regime: f.regime, validFrom: f.validFrom, validTo: f.validTo } : f));
    const problems = revalidateStored(rewritten, stored);
    expect(problems.map((p) => [p.period, p.kind])).toEqual([["2024-06", "errors"]]);
    expect(problems[0]!.detail).toContain("unknown_field[hoan_co_dk]");
  });
});
