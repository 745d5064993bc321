// The real server as a process (tsx src/server.ts) on a free port with a temp DATA_DIR, over real HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const backendDir = new URL("..", import.meta.url).pathname;
const token = "tl_test_demo_token_0123456789abcdef";
let child: ChildProcess;
let dataDir: string;
let base: string;
let output = "";

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "threadline-server-test-"));
  child = spawn(join(backendDir, "node_modules/.bin/tsx"), ["src/server.ts"], {
    cwd: backendDir,
    // PORT=0: the OS picks a free port; the server prints the one it got.
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, THREADLINE_DEMO_TOKEN: token, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  // Listening is printed by the listen callback; /health confirms requests are served.
  for (let i = 0; i < 50; i++) {
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server never answered /health:\n${output}`);
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("real server", () => {
  test("GET /health", async () => {
    const r = await fetch(`${base}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
  });

  test("GET /api/v1/card for a demo contact with THREADLINE_DEMO_TOKEN", async () => {
    const r = await fetch(`${base}/api/v1/card?email=li.wei@shenzhen-bright.cn`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(200);
    const card = (await r.json()) as any;
    expect(card.contact).toMatchObject({ email: "li.wei@shenzhen-bright.cn", firstName: "Wei", lastName: "Li" });
    expect(card.company).toMatchObject({ domain: "shenzhen-bright.cn" });
    expect(card.localTime).toMatchObject({ zone: "Asia/Shanghai", guessed: false, offsetMinutes: 480 });
    expect(card.timeline.map((e: { type: string }) => e.type)).toContain("contact_created");
    expect(output).toContain("demo workspace seeded");
  });

  test("the demo owner's console password is printed once, next to the token, and signs in over HTTP", async () => {
    const m = /demo console sign-in \(shown once\): (\S+) \/ (\S+)/.exec(output);
    expect(m?.[1]).toBe("demo.owner@threadline.example");
    const signIn = await fetch(`${base}/api/v1/session`, {
      method: "POST",
      // No Origin, as from a script (PORT=0 leaves PUBLIC_URL on 8787, so this port's origin is not the console's).
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: m![1], password: m![2] }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const me = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
    expect(((await me.json()) as any).user.email).toBe("demo.owner@threadline.example");
  });

  test("401 without the token, over HTTP", async () => {
    const r = await fetch(`${base}/api/v1/card?email=li.wei@shenzhen-bright.cn`);
    expect(r.status).toBe(401);
    expect(((await r.json()) as any).error.code).toBe("unauthorized");
  });
});
