// Worker threads do not inherit tsx's loader hooks on Node 20: register them here, then load the TS entry.
import { register } from "tsx/esm/api";

register();
await import("./tracking-writer-worker.ts");
