import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILT_IN_FORMS, fieldByKey, formInForce, formsInForce, inputFields, derivedFields } from "../../shared/forms";
import { loadFormDefinition } from "../../shared/forms/loader";
import { compileRule, referencedFields } from "../../shared/rules";
import { validateForm } from "../../shared/validate";
import { demoUnitMonths, type DemoUnitProfile } from "../../shared/demo/generate";
import type { FormDefinition } from "../../shared/forms/types";
import { periodEnd } from "../../shared/periods";

const form = (id: string, date: string): FormDefinition => {
  const f = formInForce(BUILT_IN_FORMS, id, date);
  if (!f) throw new Error(`no form ${id} on ${date}`);
  return f;
};

describe("shipped form definitions", () => {
  it.each(BUILT_IN_FORMS.map((f) => [`${f.id} ${f.regime}`, f] as const))("%s passes the definition schema", (_n, f) => {
    const loaded = loadFormDefinition(JSON.stringify(f));
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });

  it("names only fields that exist in every rule", () => {
    for (const f of BUILT_IN_FORMS) {
      const keys = new Set(f.fields.map((x) => x.key));
      for (const r of f.rules) {
        const unknown = referencedFields(compileRule(r)).filter((ref) => !keys.has(ref.key));
        expect(unknown, `${f.id}/${f.regime} ${r.id}`).toEqual([]);
      }
    }
  });

  it("states each derived field's formula as an identity rule, so Excel and the Worker agree", () => {
    for (const f of BUILT_IN_FORMS) {
      const ruleTexts = f.rules.map((r) => r.expression.replace(/\s+/g, ""));
      for (const d of derivedFields(f)) {
        expect(ruleTexts, `${f.id} ${d.key}`).toContain(`{${d.key}}=${d.formula}`.replace(/\s+/g, ""));
      }
    }
  });

  it("marks the reconstructed layout as such", () => {
    for (const f of BUILT_IN_FORMS) {
      expect(f.fields.every((x) => x.reconstructed === true)).toBe(true);
      expect(f.notes?.join(" ")).toMatch(/dựng lại/);
    }
  });

  it("uses the definition in force on the period's last day, regime by regime", () => {
    expect(form("01", "2024-07-25").regime).toBe("TT06_2019");
    expect(form("01", "2024-07-26").regime).toBe("TT05_2024");
    expect(form("02", "2026-06-30").regime).toBe("TT05_2024");
    expect(form("02", "2026-07-31").regime).toBe("TT05_2026");
    expect(formInForce(BUILT_IN_FORMS, "01", "2019-12-31")).toBeNull();
    expect(formsInForce(BUILT_IN_FORMS, "2025-12-31").map((f) => f.id)).toEqual(["01", "02", "03", "04", "05", "06", "08", "12"]);
    // Before Circular 05/2024 only forms 01 and 02 are reconstructed.
    expect(formsInForce(BUILT_IN_FORMS, "2024-06-30").map((f) => f.id)).toEqual(["01", "02"]);
  });

  it("counts money in nghìn đồng and adds 'giảm' only to form 02", () => {
    const tien = form("02", "2025-12-31");
    const viec = form("01", "2025-12-31");
    expect(tien.unit).toBe("nghin_dong");
    expect(fieldByKey(tien, "giam")?.valueType).toBe("money");
    expect(fieldByKey(viec, "giam")).toBeUndefined();
    expect(inputFields(viec).map((f) => f.key)).toEqual([
      "nam_truoc_chuyen_sang", "thu_ly_moi", "uy_thac", "thu_hoi_huy", "thi_hanh_xong", "dinh_chi", "dang_thi_hanh",
      "chua_co_dieu_kien", "hoan_tam_dinh_chi", "so_theo_doi_rieng",
    ]);
  });
});

describe("loading a definition from JSON", () => {
  const base = form("01", "2025-12-31");
  const withRule = (expression: string) => ({ ...base, rules: [...base.rules, { id: "01.T", expression, severity: "error" }] });

  it("rejects a rule that names a field the form lacks, saying where", () => {
    const r = loadFormDefinition(withRule("{thu_ly_moi} ≤ {khong_co}"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ path: `rules.${base.rules.length}.expression`, message: 'unknown field "khong_co"', vi: 'Không có trường "khong_co".' });
  });

  it("rejects a rule with a syntax error and gives its position", () => {
    const r = loadFormDefinition(withRule("{thu_ly_moi} ≤ {uy_thac"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/position \d+/);
  });

  it("rejects duplicate field keys and text that is not JSON", () => {
    const dup = loadFormDefinition({ ...base, fields: [...base.fields, base.fields[0]] });
    expect(dup.ok).toBe(false);
    const garbage = loadFormDefinition("{ not json");
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.problems[0]?.message).toMatch(/not valid JSON/);
  });

  it("accepts an amended official layout without code changes", () => {
    const amended = { ...base, regime: "TT05_2026", fields: base.fields.map((f) => ({ ...f, reconstructed: false })) };
    const r = loadFormDefinition(JSON.stringify(amended));
    expect(r.ok).toBe(true);
  });
});

const profileArb: fc.Arbitrary<Omit<DemoUnitProfile, "seed" | "code">> = fc.record({
  size: fc.integer({ min: 1, max: 400 }),
  amountPerCase: fc.integer({ min: 1_000, max: 5_000_000 }),
  weak: fc.boolean(),
});

type Months = ReturnType<typeof demoUnitMonths>;

function generated(seed: number, profile: Omit<DemoUnitProfile, "seed" | "code">, years: { statYear: number; months: number }[]): Months {
  return demoUnitMonths(BUILT_IN_FORMS, { ...profile, seed, code: "x" }, years);
}

describe("identities on generated forms", () => {
  it("hold on every generated form, month by month and across the year boundary", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 2 }), profileArb, (seed, profile) => {
        const months = generated(seed, profile, [{ statYear: 2025, months: 12 }, { statYear: 2026, months: 3 }]);
        for (const [i, m] of months.entries()) {
          for (const formId of Object.keys(m.forms)) {
            const f = form(formId, periodEndOf(m.period));
            const prevMonth = i % 12 === 0 ? null : months[i - 1]!.forms[formId]!;
            const prevYearFinal = i >= 12 ? months[11]!.forms[formId]! : null;
            expect(validateForm(f, m.forms[formId]!, { prevMonth, prevYearFinal }, m.rows[formId]).findings, `${formId} ${m.period}`).toEqual([]);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("fail on a perturbed form, naming the perturbed field", () => {
    const f01 = form("01", "2025-12-31");
    // The separate book is a memo line outside phải thi hành: no identity involves it.
    const checked = f01.fields.map((f) => f.key).filter((k) => k !== "so_theo_doi_rieng");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        profileArb,
        fc.constantFrom(...checked),
        fc.integer({ min: 1, max: 1000 }),
        (seed, profile, key, delta) => {
          const [month] = generated(seed, profile, [{ statYear: 2026, months: 1 }]);
          const values = { ...month!.forms["01"]! };
          values[key] = (values[key] ?? 0) + delta;
          const errors = validateForm(f01, values).findings.filter((f) => f.severity === "error");
          expect(errors.length).toBeGreaterThan(0);
          expect(errors.some((e) => e.fields.includes(key))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("flags a cumulative figure that falls below last month's", () => {
    const f01 = form("01", "2025-12-31");
    const [oct, nov] = generated(7, { size: 30, amountPerCase: 50_000, weak: false }, [{ statYear: 2026, months: 2 }]);
    const o = oct!.forms["01"]!;
    const tampered: Record<string, number> = { ...nov!.forms["01"]!, thi_hanh_xong: o.thi_hanh_xong! - 1 };
    // keep the identities true so only the cross-period rule can complain
    tampered.dang_thi_hanh = tampered.co_dieu_kien! - tampered.thi_hanh_xong! - tampered.dinh_chi!;
    const findings = validateForm(f01, tampered, { prevMonth: o }).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(["01.X2"]);
    expect(findings[0]?.params).toMatchObject({ left: o.thi_hanh_xong! - 1, right: o.thi_hanh_xong, difference: -1 });
  });
});

function periodEndOf(period: string): string {
  return periodEnd(period);
}
