// Parcel 2.9 (inside Plasmo) drops the module behind zod 4's ESM entry (`import * as z …; export { z }`) and the
// service worker dies at start-up with "z.string is not a function". package.json's "alias" points "zod" here for
// the extension build only; zod's CommonJS build is bundled intact. Every import site uses only `z`.
import * as zod from "./node_modules/zod/index.cjs";

export const z = (zod as unknown as { z: typeof import("zod").z }).z;
export default z;
