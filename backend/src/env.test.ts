import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("PUBLIC_URL", () => {
  it("defaults to the address and port the server listens on", () => {
    expect(parseEnv({}).PUBLIC_URL).toBe("http://127.0.0.1:8787");
    expect(parseEnv({ PORT: "8799" }).PUBLIC_URL).toBe("http://127.0.0.1:8799");
    expect(parseEnv({ HOST: "192.168.1.20", PORT: "9000" }).PUBLIC_URL).toBe("http://192.168.1.20:9000");
    expect(parseEnv({ HOST: "::1", PORT: "9000" }).PUBLIC_URL).toBe("http://[::1]:9000");
  });

  it("uses 127.0.0.1 when the server listens on every address, and 8787 for an ephemeral port", () => {
    expect(parseEnv({ HOST: "0.0.0.0", PORT: "9000" }).PUBLIC_URL).toBe("http://127.0.0.1:9000");
    expect(parseEnv({ HOST: "::", PORT: "9000" }).PUBLIC_URL).toBe("http://127.0.0.1:9000");
    expect(parseEnv({ PORT: "0" }).PUBLIC_URL).toBe("http://127.0.0.1:8787");
  });

  it("is taken as given when set, and rejected with the variable's name when not a URL", () => {
    expect(parseEnv({ PORT: "8799", PUBLIC_URL: "https://t.example.com" }).PUBLIC_URL).toBe("https://t.example.com");
    expect(parseEnv({ PUBLIC_URL: "" }).PUBLIC_URL).toBe("http://127.0.0.1:8787");
    expect(() => parseEnv({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
  });
});
