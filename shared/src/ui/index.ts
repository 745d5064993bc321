// The shared sidebar: mount <Sidebar host={…} api={…} /> and style it with Tailwind (content: shared/src/ui/**/*.tsx).
export { Sidebar, type SidebarProps } from "./sidebar";
export type * from "./mail-host";
export { ApiFailure, failureKindOf } from "./sidebar-api";
export type * from "./sidebar-api";
export { sanitizeHtml } from "./sanitize-html";
