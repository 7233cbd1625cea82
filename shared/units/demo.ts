import { officeCode, unitPath } from "./path";
import { PROVINCES } from "./provinces";
import { NATIONAL_CODE } from "./types";
import type { ProvinceKind, ProvinceRecord, Unit } from "./types";

/**
 * A deterministic demo organisation: the real list of Phòng THADS khu vực is kept by each
 * province and is not public, so demos, tests and the local Worker run on this one.
 * Only the province list comes from data (provinces.json); everything else is formulaic.
 */

/** The day the 34-province structure with regional offices took effect. */
export const REORGANISATION_DATE = "2025-07-01";
/** Last day of the Cục THADS / Chi cục THADS structure. */
export const PRE_REORGANISATION_LAST_DAY = "2025-06-30";
/** Start of the history in the demo: statistical year 2020, the first under TT 06/2019. */
export const DEMO_HISTORY_FROM = "2019-10-01";

const NATIONAL_NAME = "Cục Quản lý thi hành án dân sự";

export interface DemoUnitsOptions {
  /** Also generate the pre-2025 units (63 Cục THADS, their offices, Chi cục of old Gia Lai and Bình Định). */
  includeHistory?: boolean;
  /** Seeds the assignment of old Chi cục to regional offices; the same seed gives the same units. */
  seed?: number;
  /** Defaults to provinces.json; a replaced list yields a matching demo. */
  provinces?: readonly ProvinceRecord[];
}

/**
 * Park–Miller "minimal standard" generator. Chosen over xorshift/mulberry because it
 * needs neither Math.imul nor 32-bit tricks (IE11), and every product stays below
 * 2^53, so it is exact in plain doubles. Returns numbers in [0, 1).
 */
export function createSeededRandom(seed: number): () => number {
  const MODULUS = 2147483647;
  let state = Math.floor(Math.abs(seed)) % MODULUS;
  if (state === 0) state = 1;
  return () => {
    state = (state * 48271) % MODULUS;
    return (state - 1) / (MODULUS - 1);
  };
}

/** "Thi hành án dân sự tỉnh Gia Lai" → "THADS tỉnh Gia Lai", the form used in lists. */
export function provinceUnitName(province: ProvinceRecord): string {
  const LONG = "Thi hành án dân sự ";
  return province.officeName.indexOf(LONG) === 0
    ? "THADS " + province.officeName.slice(LONG.length)
    : province.officeName;
}

export function provinceOfficeName(province: ProvinceRecord): string {
  return "Văn phòng " + provinceUnitName(province);
}

export function regionalOfficeName(province: ProvinceRecord, index: number): string {
  return "Phòng THADS khu vực " + index + " - " + province.name;
}

export function generateDemoUnits(options: DemoUnitsOptions = {}): Unit[] {
  const provinces = options.provinces ?? PROVINCES;
  const includeHistory = options.includeHistory === true;
  const random = createSeededRandom(options.seed ?? 2025);

  const nationalPath = unitPath(null, NATIONAL_CODE);
  const units: Unit[] = [
    {
      code: NATIONAL_CODE,
      name: NATIONAL_NAME,
      kind: "national",
      level: "national",
      parentCode: null,
      path: nationalPath,
      reporting: false,
      // The national node outlives every re-organisation (Tổng cục → Cục Quản lý THADS),
      // so its validity starts with the earliest unit generated below it.
      validFrom: includeHistory ? DEMO_HISTORY_FROM : REORGANISATION_DATE,
      validTo: null,
      successorCode: null,
    },
  ];

  for (const p of provinces) {
    const path = unitPath(nationalPath, p.code);
    units.push(current(p.code, provinceUnitName(p), "province", "province", NATIONAL_CODE, path, false));
    const own = officeCode(p.code, 0);
    units.push(current(own, provinceOfficeName(p), "province_office", "office", p.code, unitPath(path, own), true));
    for (let i = 1; i <= p.demoRegionalOffices; i++) {
      const code = officeCode(p.code, i);
      units.push(current(code, regionalOfficeName(p, i), "regional_office", "office", p.code, unitPath(path, code), true));
    }
  }

  if (includeHistory) {
    const byNewCode = new Map<string, ProvinceRecord>();
    for (const p of provinces) byNewCode.set(p.code, p);
    for (const u of historicUnits(nationalPath, byNewCode, random)) units.push(u);
  }
  // Path order: a parent before its children, offices in code order, history ("/VN/C…")
  // after the current provinces.
  return units.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function current(
  code: string,
  name: string,
  kind: Unit["kind"],
  level: Unit["level"],
  parentCode: string,
  path: string,
  reporting: boolean,
): Unit {
  return {
    code,
    name,
    kind,
    level,
    parentCode,
    path,
    reporting,
    validFrom: REORGANISATION_DATE,
    validTo: null,
    successorCode: null,
  };
}

// ---------------------------------------------------------------------------
// Pre-2025 structure
// ---------------------------------------------------------------------------

interface OldProvince {
  /** Administrative code before the merger; several were re-used by the merged province. */
  code: string;
  name: string;
  kind: ProvinceKind;
  /** Code of the province it was merged into on 1/7/2025. */
  mergedInto: string;
}

/**
 * The 63 provinces before the 2025 merger and where each went. Historic units get a "C"
 * prefix ("C64" = Cục THADS tỉnh Gia Lai cũ) because new codes re-use old ones: new
 * Gia Lai carries 52, which was Bình Định's.
 */
const OLD_PROVINCES: readonly OldProvince[] = [
  { code: "01", name: "Hà Nội", kind: "thành phố", mergedInto: "01" },
  { code: "02", name: "Hà Giang", kind: "tỉnh", mergedInto: "08" },
  { code: "04", name: "Cao Bằng", kind: "tỉnh", mergedInto: "04" },
  { code: "06", name: "Bắc Kạn", kind: "tỉnh", mergedInto: "19" },
  { code: "08", name: "Tuyên Quang", kind: "tỉnh", mergedInto: "08" },
  { code: "10", name: "Lào Cai", kind: "tỉnh", mergedInto: "15" },
  { code: "11", name: "Điện Biên", kind: "tỉnh", mergedInto: "11" },
  { code: "12", name: "Lai Châu", kind: "tỉnh", mergedInto: "12" },
  { code: "14", name: "Sơn La", kind: "tỉnh", mergedInto: "14" },
  { code: "15", name: "Yên Bái", kind: "tỉnh", mergedInto: "15" },
  { code: "17", name: "Hòa Bình", kind: "tỉnh", mergedInto: "25" },
  { code: "19", name: "Thái Nguyên", kind: "tỉnh", mergedInto: "19" },
  { code: "20", name: "Lạng Sơn", kind: "tỉnh", mergedInto: "20" },
  { code: "22", name: "Quảng Ninh", kind: "tỉnh", mergedInto: "22" },
  { code: "24", name: "Bắc Giang", kind: "tỉnh", mergedInto: "24" },
  { code: "25", name: "Phú Thọ", kind: "tỉnh", mergedInto: "25" },
  { code: "26", name: "Vĩnh Phúc", kind: "tỉnh", mergedInto: "25" },
  { code: "27", name: "Bắc Ninh", kind: "tỉnh", mergedInto: "24" },
  { code: "30", name: "Hải Dương", kind: "tỉnh", mergedInto: "31" },
  { code: "31", name: "Hải Phòng", kind: "thành phố", mergedInto: "31" },
  { code: "33", name: "Hưng Yên", kind: "tỉnh", mergedInto: "33" },
  { code: "34", name: "Thái Bình", kind: "tỉnh", mergedInto: "33" },
  { code: "35", name: "Hà Nam", kind: "tỉnh", mergedInto: "37" },
  { code: "36", name: "Nam Định", kind: "tỉnh", mergedInto: "37" },
  { code: "37", name: "Ninh Bình", kind: "tỉnh", mergedInto: "37" },
  { code: "38", name: "Thanh Hóa", kind: "tỉnh", mergedInto: "38" },
  { code: "40", name: "Nghệ An", kind: "tỉnh", mergedInto: "40" },
  { code: "42", name: "Hà Tĩnh", kind: "tỉnh", mergedInto: "42" },
  { code: "44", name: "Quảng Bình", kind: "tỉnh", mergedInto: "44" },
  { code: "45", name: "Quảng Trị", kind: "tỉnh", mergedInto: "44" },
  // A city since 1/1/2025; the demo keeps one unit under its last name.
  { code: "46", name: "Huế", kind: "thành phố", mergedInto: "46" },
  { code: "48", name: "Đà Nẵng", kind: "thành phố", mergedInto: "48" },
  { code: "49", name: "Quảng Nam", kind: "tỉnh", mergedInto: "48" },
  { code: "51", name: "Quảng Ngãi", kind: "tỉnh", mergedInto: "51" },
  { code: "52", name: "Bình Định", kind: "tỉnh", mergedInto: "52" },
  { code: "54", name: "Phú Yên", kind: "tỉnh", mergedInto: "66" },
  { code: "56", name: "Khánh Hòa", kind: "tỉnh", mergedInto: "56" },
  { code: "58", name: "Ninh Thuận", kind: "tỉnh", mergedInto: "56" },
  { code: "60", name: "Bình Thuận", kind: "tỉnh", mergedInto: "68" },
  { code: "62", name: "Kon Tum", kind: "tỉnh", mergedInto: "51" },
  { code: "64", name: "Gia Lai", kind: "tỉnh", mergedInto: "52" },
  { code: "66", name: "Đắk Lắk", kind: "tỉnh", mergedInto: "66" },
  { code: "67", name: "Đắk Nông", kind: "tỉnh", mergedInto: "68" },
  { code: "68", name: "Lâm Đồng", kind: "tỉnh", mergedInto: "68" },
  { code: "70", name: "Bình Phước", kind: "tỉnh", mergedInto: "75" },
  { code: "72", name: "Tây Ninh", kind: "tỉnh", mergedInto: "80" },
  { code: "74", name: "Bình Dương", kind: "tỉnh", mergedInto: "79" },
  { code: "75", name: "Đồng Nai", kind: "tỉnh", mergedInto: "75" },
  { code: "77", name: "Bà Rịa - Vũng Tàu", kind: "tỉnh", mergedInto: "79" },
  { code: "79", name: "Hồ Chí Minh", kind: "thành phố", mergedInto: "79" },
  { code: "80", name: "Long An", kind: "tỉnh", mergedInto: "80" },
  { code: "82", name: "Tiền Giang", kind: "tỉnh", mergedInto: "82" },
  { code: "83", name: "Bến Tre", kind: "tỉnh", mergedInto: "86" },
  { code: "84", name: "Trà Vinh", kind: "tỉnh", mergedInto: "86" },
  { code: "86", name: "Vĩnh Long", kind: "tỉnh", mergedInto: "86" },
  { code: "87", name: "Đồng Tháp", kind: "tỉnh", mergedInto: "82" },
  { code: "89", name: "An Giang", kind: "tỉnh", mergedInto: "91" },
  { code: "91", name: "Kiên Giang", kind: "tỉnh", mergedInto: "91" },
  { code: "92", name: "Cần Thơ", kind: "thành phố", mergedInto: "92" },
  { code: "93", name: "Hậu Giang", kind: "tỉnh", mergedInto: "92" },
  { code: "94", name: "Sóc Trăng", kind: "tỉnh", mergedInto: "92" },
  { code: "95", name: "Bạc Liêu", kind: "tỉnh", mergedInto: "96" },
  { code: "96", name: "Cà Mau", kind: "tỉnh", mergedInto: "96" },
];

interface OldDistrictOffice {
  /** The district as named on 30/6/2025: "thành phố Pleiku", "huyện Chư Păh". */
  name: string;
  /** When the district was upgraded during the history, its previous name and start. */
  upgradedOn?: string;
  formerName?: string;
}

/**
 * A Chi cục is modelled with kind "regional_office": like today's Phòng THADS khu vực,
 * it is an office below the province that submits its own forms.
 *
 * Chi cục THADS of the two provinces merged into new Gia Lai (52): 28 offices for 14
 * regional offices. Only these are detailed: enough to exercise the successor mapping
 * without inventing district lists for the whole country.
 */
const OLD_DISTRICT_OFFICES: Readonly<Record<string, readonly OldDistrictOffice[]>> = {
  // Bình Định first: its capital, Quy Nhơn, is the seat of the merged province.
  "52": [
    { name: "thành phố Quy Nhơn" },
    { name: "thị xã An Nhơn" },
    // Nghị quyết 932/NQ-UBTVQH14, in force 1/6/2020: a renamed unit inside the history,
    // so the demo has a successor chain two steps long.
    { name: "thị xã Hoài Nhơn", upgradedOn: "2020-06-01", formerName: "huyện Hoài Nhơn" },
    { name: "huyện An Lão" },
    { name: "huyện Hoài Ân" },
    { name: "huyện Phù Cát" },
    { name: "huyện Phù Mỹ" },
    { name: "huyện Tây Sơn" },
    { name: "huyện Tuy Phước" },
    { name: "huyện Vân Canh" },
    { name: "huyện Vĩnh Thạnh" },
  ],
  "64": [
    { name: "thành phố Pleiku" },
    { name: "thị xã An Khê" },
    { name: "thị xã Ayun Pa" },
    { name: "huyện Chư Păh" },
    { name: "huyện Chư Prông" },
    { name: "huyện Chư Pưh" },
    { name: "huyện Chư Sê" },
    { name: "huyện Đak Đoa" },
    { name: "huyện Đak Pơ" },
    { name: "huyện Đức Cơ" },
    { name: "huyện Ia Grai" },
    { name: "huyện Ia Pa" },
    { name: "huyện Kbang" },
    { name: "huyện Kông Chro" },
    { name: "huyện Krông Pa" },
    { name: "huyện Mang Yang" },
    { name: "huyện Phú Thiện" },
  ],
};

function oldCucName(p: OldProvince): string {
  if (p.code === "79") return "Cục THADS Thành phố Hồ Chí Minh";
  return "Cục THADS " + p.kind + " " + p.name;
}

function historic(
  code: string,
  name: string,
  kind: Unit["kind"],
  parentCode: string,
  path: string,
  successorCode: string,
  validFrom = DEMO_HISTORY_FROM,
  validTo = PRE_REORGANISATION_LAST_DAY,
): Unit {
  const level = kind === "province" ? "province" : "office";
  return {
    code,
    name,
    kind,
    level,
    parentCode,
    path,
    reporting: level === "office",
    validFrom,
    validTo,
    successorCode,
  };
}

function dayBefore(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const t = new Date(Date.UTC(y as number, (m as number) - 1, (d as number) - 1));
  const pad = (n: number) => (n < 10 ? "0" : "") + n;
  return t.getUTCFullYear() + "-" + pad(t.getUTCMonth() + 1) + "-" + pad(t.getUTCDate());
}

/**
 * Splits `total` regional offices between old provinces in proportion to their number of
 * Chi cục (largest remainder, at least one each), so that no new regional office spans
 * two old provinces, which is how the 2025 offices were drawn.
 */
function splitOffices(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total < weights.length || sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const shares = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = total - shares.reduce((a, b) => a + b, 0);
  // The "at least one each" floor can overshoot: take back from the largest shares.
  while (left < 0) {
    let largest = 0;
    for (let i = 1; i < shares.length; i++) if ((shares[i] as number) > (shares[largest] as number)) largest = i;
    shares[largest] = (shares[largest] as number) - 1;
    left++;
  }
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const at = (order[k] as { i: number }).i;
    shares[at] = (shares[at] as number) + 1;
  }
  return shares;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

function historicUnits(
  nationalPath: string,
  provinces: ReadonlyMap<string, ProvinceRecord>,
  random: () => number,
): Unit[] {
  const units: Unit[] = [];
  const kept = OLD_PROVINCES.filter((o) => provinces.has(o.mergedInto));

  for (const old of kept) {
    const code = "C" + old.code;
    const path = unitPath(nationalPath, code);
    const cuc = oldCucName(old);
    units.push(historic(code, cuc, "province", NATIONAL_CODE, path, old.mergedInto));
    const own = officeCode(code, 0);
    // The caseload of a Cục's own office went to the new province's own office; where
    // it went in reality is not public.
    units.push(historic(own, "Văn phòng " + cuc, "province_office", code, unitPath(path, own), officeCode(old.mergedInto, 0)));
  }

  // Chi cục, grouped by the new province they ended in.
  const newCodes: string[] = [];
  for (const old of kept) {
    if (OLD_DISTRICT_OFFICES[old.code] !== undefined && newCodes.indexOf(old.mergedInto) === -1) {
      newCodes.push(old.mergedInto);
    }
  }
  for (const newCode of newCodes) {
    const target = provinces.get(newCode) as ProvinceRecord;
    const olds = kept.filter((o) => o.mergedInto === newCode && OLD_DISTRICT_OFFICES[o.code] !== undefined);
    const shares = splitOffices(
      target.demoRegionalOffices,
      olds.map((o) => (OLD_DISTRICT_OFFICES[o.code] ?? []).length),
    );
    let nextOffice = 1;
    olds.forEach((old, k) => {
      const districts = OLD_DISTRICT_OFFICES[old.code] ?? [];
      const share = shares[k] ?? 0;
      const parentCode = "C" + old.code;
      const parentPath = unitPath(nationalPath, parentCode);
      // Which districts went to which khu vực is not public: a seeded shuffle dealt
      // round-robin gives every office at least one predecessor without pretending to
      // be geography.
      const successors: Record<number, string> = {};
      shuffled(
        districts.map((_, i) => i),
        random,
      ).forEach((districtIndex, n) => {
        successors[districtIndex] =
          share === 0 ? officeCode(newCode, 0) : officeCode(newCode, nextOffice + (n % share));
      });
      let extra = districts.length;
      districts.forEach((d, i) => {
        const code = officeCode(parentCode, i + 1);
        const name = "Chi cục THADS " + d.name;
        const path = unitPath(parentPath, code);
        const successor = successors[i] as string;
        if (d.upgradedOn !== undefined && d.formerName !== undefined) {
          units.push(historic(code, name, "regional_office", parentCode, path, successor, d.upgradedOn));
          extra += 1;
          const formerCode = officeCode(parentCode, extra);
          units.push(
            historic(
              formerCode,
              "Chi cục THADS " + d.formerName,
              "regional_office",
              parentCode,
              unitPath(parentPath, formerCode),
              code,
              DEMO_HISTORY_FROM,
              dayBefore(d.upgradedOn),
            ),
          );
        } else {
          units.push(historic(code, name, "regional_office", parentCode, path, successor));
        }
      });
      nextOffice += share;
    });
  }
  return units;
}
