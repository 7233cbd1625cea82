import type { HierarchyProblem, HierarchyProblemCode } from "./hierarchy";

/**
 * The words for each hierarchy problem, Vietnamese first: problems are data (hierarchy.ts),
 * worded once here for the Worker's answers and the scripts that load a unit list.
 */
type Words = (p: HierarchyProblem) => { vi: string; en: string };

const LEVEL_VI: Record<string, string> = { national: "toàn quốc", province: "tỉnh", office: "văn phòng / phòng khu vực" };
const lvl = (v: string | null | undefined) => (v === null || v === undefined ? "(không có)" : LEVEL_VI[v] ?? v);
const lvlEn = (v: string | null | undefined) => (v === null || v === undefined ? "(none)" : v);

const WORDS: Record<HierarchyProblemCode, Words> = {
  duplicate_code: (p) => ({ vi: `Mã đơn vị ${p.unitCode} bị trùng.`, en: `Unit code ${p.unitCode} appears twice.` }),
  unknown_parent: (p) => ({
    vi: `Đơn vị ${p.unitCode}: không có đơn vị cấp trên ${String(p.params.parentCode)}.`,
    en: `Unit ${p.unitCode}: there is no parent unit ${String(p.params.parentCode)}.`,
  }),
  parent_level_mismatch: (p) => ({
    vi: `Đơn vị ${p.unitCode} phải trực thuộc đơn vị cấp ${lvl(p.params.expected)}, không phải ${p.params.parentCode ?? "gốc"} (cấp ${lvl(p.params.actual)}).`,
    en: `Unit ${p.unitCode} must sit under a unit of level ${lvlEn(p.params.expected)}, not ${p.params.parentCode ?? "the root"} (level ${lvlEn(p.params.actual)}).`,
  }),
  path_mismatch: (p) => ({
    vi: `Đơn vị ${p.unitCode}: đường dẫn ${String(p.params.actual)} không khớp với đơn vị cấp trên (cần ${String(p.params.expected)}); hãy chuyển các đơn vị trực thuộc trước.`,
    en: `Unit ${p.unitCode}: path ${String(p.params.actual)} does not follow its parent (expected ${String(p.params.expected)}); move the units below it first.`,
  }),
  level_kind_mismatch: (p) => ({
    vi: `Đơn vị ${p.unitCode}: loại đơn vị không khớp với cấp (${lvl(p.params.expected)} / ${lvl(p.params.actual)}).`,
    en: `Unit ${p.unitCode}: its kind does not match its level (${lvlEn(p.params.expected)} / ${lvlEn(p.params.actual)}).`,
  }),
  reporting_mismatch: (p) => ({
    vi: `Đơn vị ${p.unitCode}: chỉ văn phòng và phòng khu vực gửi báo cáo.`,
    en: `Unit ${p.unitCode}: only offices submit reports.`,
  }),
  reporting_not_leaf: (p) => ({
    vi: `Đơn vị báo cáo ${p.unitCode} không được có đơn vị trực thuộc (${(p.params.codes ?? []).join(", ")}).`,
    en: `Reporting unit ${p.unitCode} cannot have units below it (${(p.params.codes ?? []).join(", ")}).`,
  }),
  unknown_successor: (p) => ({
    vi: `Đơn vị ${p.unitCode}: không có đơn vị kế thừa ${String(p.params.successorCode)}.`,
    en: `Unit ${p.unitCode}: there is no successor unit ${String(p.params.successorCode)}.`,
  }),
  successor_cycle: (p) => ({
    vi: `Các đơn vị kế thừa nhau thành vòng: ${(p.params.codes ?? []).join(" → ")}.`,
    en: `Successors form a loop: ${(p.params.codes ?? []).join(" → ")}.`,
  }),
  invalid_validity: (p) => ({
    vi: `Đơn vị ${p.unitCode}: ngày hết hiệu lực trước ngày bắt đầu (${String(p.params.actual)}).`,
    en: `Unit ${p.unitCode}: validity ends before it starts (${String(p.params.actual)}).`,
  }),
  validity_outside_parent: (p) => ({
    vi: `Đơn vị ${p.unitCode} có hiệu lực (${String(p.params.actual)}) ngoài thời gian của đơn vị cấp trên ${String(p.params.parentCode)} (${String(p.params.expected)}).`,
    en: `Unit ${p.unitCode} is valid (${String(p.params.actual)}) outside the time of its parent ${String(p.params.parentCode)} (${String(p.params.expected)}).`,
  }),
};

export function describeHierarchyProblem(p: HierarchyProblem): { vi: string; en: string } {
  return WORDS[p.code](p);
}
