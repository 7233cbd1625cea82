import { BUILT_IN_FORMS, formInForce } from "../../shared/forms";
import type { FormDefinition } from "../../shared/forms/types";
import type { FormHeader } from "../../addin/src/excel/types";

/** The forms in force in December 2025 and the header of a regional office's sheet. */
export const form01 = formInForce(BUILT_IN_FORMS, "01", "2025-12-31") as FormDefinition;
export const form02 = formInForce(BUILT_IN_FORMS, "02", "2025-12-31") as FormDefinition;
export const header: FormHeader = {
  unitCode: "52-01",
  unitName: "Phòng Thi hành án dân sự khu vực 1 - Gia Lai",
  receivingUnitName: "Thi hành án dân sự tỉnh Gia Lai",
  period: "2025-12",
};
