export * from "./types";
export * from "./path";
export * from "./hierarchy";
export * from "./provinces";
export * from "./demo";
export * from "./deadline-level";
export * from "./problem-messages";
