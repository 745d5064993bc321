export * from "./common";
export * from "./contact";
export * from "./company";
export * from "./note";
export * from "./timeline";
export * from "./template";
export * from "./card";
export * from "./user";
