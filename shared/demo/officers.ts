import { createSeededRandom } from "../units/demo";

/**
 * The Chấp hành viên of a demo unit and their share of its figures (forms 04/05: one row per
 * officer). Invented names, the same officers every period: each unit's seed decides them.
 */

export interface OfficerRow {
  /** Stable key of the row within the unit's report. */
  key: string;
  /** The officer's name. */
  label: string;
  values: Record<string, number>;
}

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang", "Thu", "Xuân"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"];

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

/**
 * `count` officers splitting `totals` field by field: each officer's share of every field is
 * their weight (a busier officer has more of everything), rounded down, and the last officer
 * takes what rounding left, so the rows add up to the unit's figures exactly.
 */
export function officerRows(seed: number, count: number, totals: Readonly<Record<string, number>>): OfficerRow[] {
  const rnd = createSeededRandom((seed % 2147483000) + 7919);
  const weights: number[] = [];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    weights.push(0.5 + rnd());
    names.push(pick(FAMILY, rnd) + " " + pick(MIDDLE, rnd) + " " + pick(GIVEN, rnd));
  }
  const sum = weights.reduce((t, w) => t + w, 0);
  const rows: OfficerRow[] = names.map((label, i) => ({ key: "CHV" + (i < 9 ? "0" : "") + (i + 1), label, values: {} }));
  for (const k of Object.keys(totals)) {
    const total = totals[k] as number;
    let left = total;
    for (let i = 0; i < count - 1; i++) {
      const part = Math.floor((total * (weights[i] as number)) / sum);
      (rows[i] as OfficerRow).values[k] = part;
      left -= part;
    }
    (rows[count - 1] as OfficerRow).values[k] = left;
  }
  return rows;
}
