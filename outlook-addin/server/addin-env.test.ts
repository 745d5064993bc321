import { describe, expect, it } from "vitest";
import { parseAddinEnv } from "./addin-env";

describe("ADDIN_BACKEND_URL", () => {
  it("follows the backend's PORT when not set (pnpm start gives both servers the same environment)", () => {
    expect(parseAddinEnv({}).ADDIN_BACKEND_URL).toBe("http://127.0.0.1:8787");
    expect(parseAddinEnv({ PORT: "8799" }).ADDIN_BACKEND_URL).toBe("http://127.0.0.1:8799");
    expect(parseAddinEnv({ PORT: "0" }).ADDIN_BACKEND_URL).toBe("http://127.0.0.1:8787");
  });

  it("is taken as given when set; a bad value names the variable", () => {
    expect(parseAddinEnv({ PORT: "8799", ADDIN_BACKEND_URL: "http://10.0.0.5:8787" }).ADDIN_BACKEND_URL).toBe(
      "http://10.0.0.5:8787",
    );
    expect(() => parseAddinEnv({ ADDIN_BACKEND_URL: "nope" })).toThrow(/ADDIN_BACKEND_URL/);
    expect(() => parseAddinEnv({ PORT: "http" })).toThrow(/PORT/);
  });
});
