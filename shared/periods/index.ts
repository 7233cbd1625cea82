/**
 * Periods, the statistical year, their Vietnamese names, working days and deadlines.
 * Pure functions on strings and numbers: no host APIs, no time-zone dependence.
 */

export * from "./calendar-date";
export * from "./period";
export * from "./labels";
export * from "./holidays";
export * from "./deadlines";
export * from "./vietnam-time";
export * from "./week";
