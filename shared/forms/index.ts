// The zod-based loader is imported from "./loader" directly, so that code which only
// reads definitions (the IE11 task pane) does not pull zod into its bundle.
export * from "./types";
export { BUILT_IN_FORMS } from "./definitions";
export * from "./registry";
