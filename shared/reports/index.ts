// One description of each report, rendered by every surface: the pane's sheets, the Worker's
// .xlsx and CSV, the download page. Pure: no Office.js, no D1.
export * from "./grid";
export * from "./words";
export * from "./csv";
export * from "./comparison/data";
export * from "./comparison/build";
export * from "./comparison/sheet";
export * from "./comparison/summary";
export * from "./comparison/trend-sheet";
export * from "./outlook";
export * from "./trend";
export * from "./completeness/build";
export * from "./completeness/sheet";
export * from "./display";
export * from "./text";
export * from "./text-sheet";
