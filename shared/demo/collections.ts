import type { FormDefinition } from "../forms/types";

/**
 * Two collections the Cục defines as data (issue 8 item 4), as an administrator publishes them
 * (PUT /api/v1/admin/forms): the demo carries them with reports from September 2026, so that
 * `npm start` shows a month-end snapshot and a list of cases beside the monthly forms; the
 * tests publish the same definitions from earlier dates. Nothing in worker/ or addin/ names
 * their ids or fields.
 */

/**
 * Seed 003: money held in enforcement and not yet paid out, a stock at the month's end,
 * reported "trước ngày 05 hàng tháng" (read as: on time through the 5th of the next month).
 */
export const DEMO_TON_DONG: FormDefinition = {
  id: "TON-DONG",
  code: "Biểu TĐ-01",
  title: { vi: "Tiền thi hành án tồn đọng chưa chi trả", en: "Enforcement money held and not yet paid out" },
  regime: "TT05_2024",
  validFrom: "2026-09-01",
  validTo: null,
  period: { kind: "snapshot_month", deadlineDay: 5 },
  unit: "nghin_dong",
  fields: [
    { key: "tong_ton", label: { vi: "Tổng số tiền tồn đọng", en: "Total held" }, column: 1, valueType: "money", kind: "derived", formula: "{chua_chi_tra} + {cho_xu_ly}" },
    { key: "chua_chi_tra", label: { vi: "Đã thu, chưa chi trả cho đương sự", en: "Collected, not paid out" }, column: 2, valueType: "money", kind: "input", partOf: "tong_ton" },
    { key: "cho_xu_ly", label: { vi: "Chờ xử lý (tạm giữ, tạm gửi)", en: "Awaiting a decision (held, deposited)" }, column: 3, valueType: "money", kind: "input", partOf: "tong_ton" },
    { key: "da_chi_tra", label: { vi: "Đã chi trả trong tháng", en: "Paid out during the month" }, column: 4, valueType: "money", kind: "input" },
  ],
  rules: [
    { id: "TD.R1", expression: "{tong_ton} = {chua_chi_tra} + {cho_xu_ly}", severity: "error", description: { vi: "Tổng bằng tổng các phần", en: "The total equals its parts" } },
  ],
  indicators: [
    {
      id: "ty_le_chi_tra",
      label: { vi: "Tỷ lệ tiền đã chi trả", en: "Share of the money paid out" },
      short: { vi: "chi trả", en: "paid out" },
      numerator: ["da_chi_tra"],
      denominator: ["da_chi_tra", "tong_ton"],
      direction: "higher",
      decimals: 2,
      targeted: false,
    },
  ],
  notes: ["Seed 003: “trước ngày 05 hàng tháng” is read as on time through the 5th (unconfirmed)."],
};

/**
 * Seed 004: the cases of 20 tỷ đồng or more, one row per case (its key: the row's number on the
 * clerk's sheet; its label: the judgment debtor), with the unit's figures computed from its
 * rows: how many, how much, and how many of them were accepted more than 3 years ago.
 */
export const DEMO_VIEC_LON: FormDefinition = {
  id: "VIEC-LON",
  code: "Biểu VL-01",
  title: { vi: "Danh sách việc có giá trị phải thi hành từ 20 tỷ đồng trở lên", en: "Cases of 20 billion đồng or more" },
  regime: "TT05_2024",
  validFrom: "2026-09-01",
  validTo: null,
  period: { kind: "snapshot_month", deadlineDay: 5 },
  unit: "nghin_dong",
  rows: {
    kind: "list",
    rowLabel: { vi: "Việc", en: "Case" },
    columns: [
      { key: "ban_an", label: { vi: "Bản án, quyết định", en: "Judgment" }, type: "text", required: true },
      { key: "ngay_thu_ly", label: { vi: "Ngày thụ lý", en: "Accepted on" }, type: "date", required: true },
      { key: "so_tien", label: { vi: "Số tiền phải thi hành", en: "Amount to enforce" }, type: "money", required: true },
      { key: "da_thu", label: { vi: "Số tiền đã thu", en: "Amount collected" }, type: "money", required: false },
    ],
  },
  fields: [
    { key: "so_viec", label: { vi: "Số việc", en: "Cases" }, column: 1, valueType: "count", kind: "input", fromRows: { op: "count" } },
    { key: "tong_tien", label: { vi: "Tổng số tiền phải thi hành", en: "Total to enforce" }, column: 2, valueType: "money", kind: "input", fromRows: { op: "sum", column: "so_tien" } },
    { key: "tong_da_thu", label: { vi: "Tổng số tiền đã thu", en: "Total collected" }, column: 3, valueType: "money", kind: "input", fromRows: { op: "sum", column: "da_thu" } },
    { key: "viec_tren_3_nam", label: { vi: "Số việc thụ lý trên 3 năm", en: "Cases accepted more than 3 years ago" }, column: 4, valueType: "count", kind: "input", fromRows: { op: "count", where: { column: "ngay_thu_ly", olderThanYears: 3 } } },
  ],
  rules: [
    { id: "VL.R1", expression: "{tong_da_thu} ≤ {tong_tien}", severity: "error", description: { vi: "Đã thu không vượt số phải thi hành", en: "Collected cannot exceed the amount to enforce" } },
  ],
  indicators: [
    {
      id: "ty_le_thu_viec_lon",
      label: { vi: "Tỷ lệ tiền đã thu của việc lớn", en: "Share collected of large cases" },
      short: { vi: "việc lớn", en: "large cases" },
      numerator: ["tong_da_thu"],
      denominator: ["tong_tien"],
      direction: "higher",
      decimals: 2,
      targeted: false,
    },
  ],
};

export const DEMO_COLLECTIONS: readonly FormDefinition[] = [DEMO_TON_DONG, DEMO_VIEC_LON];
