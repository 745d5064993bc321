// Test fixture for sequence tests: a test app, a dispatcher on the same database, and helpers to create
// contacts / sequences / enrollments through the real API.
import { simpleParser, type ParsedMail } from "mailparser";
import { createDispatcher, type DispatcherOptions } from "../scheduler/dispatcher";
import { createTestApp } from "./test-app";

export const allDayWindow = { start: "00:00", end: "24:00", days: [1, 2, 3, 4, 5, 6, 7] };

export async function createSequenceFixture() {
  const t = await createTestApp();
  const config = {
    publicUrl: "http://127.0.0.1:8787",
    signingSecret: "test-signing-secret-0123456789abcdef",
    encryptionKey: Buffer.alloc(32, 7),
  };
  const dispatcher = (extra: Partial<DispatcherOptions> = {}) =>
    createDispatcher({ db: t.db, client: t.client, config, log: () => {}, ...extra });

  async function contact(body: Record<string, unknown>) {
    const r = await t.call("POST", "/api/v1/contacts", { body });
    if (r.status !== 201) throw new Error(`contact: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as { id: string; email: string };
  }
  async function sequence(body: Record<string, unknown>) {
    const r = await t.call("POST", "/api/v1/sequences", { body: { settings: { window: allDayWindow }, ...body } });
    if (r.status !== 201) throw new Error(`sequence: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as { id: string; steps: { id: string }[] };
  }
  async function enroll(body: Record<string, unknown>) {
    return t.call("POST", "/api/v1/enrollments", { body });
  }
  async function outbox(): Promise<{ raw: string; parsed: ParsedMail; sendJobId: string; messageId: string }[]> {
    const r = await t.call("GET", "/api/v1/outbox?limit=200");
    return Promise.all(
      (r.json.items as { raw: string; sendJobId: string; messageId: string }[]).map(async (i) => ({
        ...i,
        parsed: await simpleParser(i.raw),
      })),
    );
  }
  return { ...t, config, dispatcher, contact, sequence, enroll, outbox };
}

/** Every header line of a raw message, unfolded lines kept as they are (to check a header is on ONE line). */
export function headerLines(raw: string): string[] {
  return raw.slice(0, raw.search(/\r?\n\r?\n/)).split(/\r?\n/);
}
