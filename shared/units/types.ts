/**
 * The organisation of civil judgment enforcement as data: one tree of units with a
 * materialised path, so that a roll-up is a group-by on path prefix and history (units
 * closed or merged in the 2025 re-organisation) lives beside the current units.
 */

export type UnitLevel = "national" | "province" | "office";

export type UnitKind = "national" | "province" | "province_office" | "regional_office";

export interface Unit {
  /**
   * "VN" national; "52" province (aggregate node); "52-00" the province's own office;
   * "52-01".."52-14" its regional offices. Codes are data, never parsed for meaning
   * beyond `provinceCodeOf`.
   */
  code: string;
  /**
   * "Cục Quản lý thi hành án dân sự"; "THADS tỉnh Gia Lai"; "Văn phòng THADS tỉnh Gia Lai";
   * "Phòng THADS khu vực 1 - Gia Lai".
   */
  name: string;
  kind: UnitKind;
  /** The own office and the regional offices are both "office": both submit forms. */
  level: UnitLevel;
  parentCode: string | null;
  /** Materialised path with a trailing slash: "/VN/", "/VN/52/", "/VN/52/52-01/". */
  path: string;
  /** Offices submit forms; province and national nodes only aggregate. */
  reporting: boolean;
  /** ISO date (YYYY-MM-DD), inclusive. */
  validFrom: string;
  /** ISO date, inclusive; null while the unit exists. */
  validTo: string | null;
  /**
   * A merged or renamed unit points to the unit that took over its caseload, so that
   * "cùng kỳ" (same period last year) can be compared across the re-organisation.
   */
  successorCode: string | null;
}

export const NATIONAL_CODE = "VN";

/** The level each kind must have; a mismatch is a data error, not a variant. */
export const LEVEL_OF_KIND: Readonly<Record<UnitKind, UnitLevel>> = {
  national: "national",
  province: "province",
  province_office: "office",
  regional_office: "office",
};

/** The level of the unit a token of each role is bound to: a clerk to an office, a province user to a province. */
export const LEVEL_OF_ROLE: Readonly<Record<"clerk" | "head" | "province" | "national" | "admin", UnitLevel>> = {
  clerk: "office",
  // The office's head (Thủ trưởng), who confirms its reports (issue 13).
  head: "office",
  province: "province",
  national: "national",
  admin: "national",
};

/** The level a unit's parent must have (the tree is exactly three levels deep). */
export const PARENT_LEVEL_OF: Readonly<Record<UnitLevel, UnitLevel | null>> = {
  national: null,
  province: "national",
  office: "province",
};

export type ProvinceKind = "tỉnh" | "thành phố";

/** One row of provinces.json: data a national administrator can replace. */
export interface ProvinceRecord {
  /** Administrative code after the 2025 merger [unconfirmed], e.g. "52". */
  code: string;
  /** Short name as used in lists: "Gia Lai", "TP Hồ Chí Minh", "Huế". */
  name: string;
  /** Full name of the provincial body: "Thi hành án dân sự tỉnh Gia Lai". */
  officeName: string;
  kind: ProvinceKind;
  /** Demo count of Phòng THADS khu vực; the real list is kept by each province. */
  demoRegionalOffices: number;
}
