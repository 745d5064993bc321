// The real @microsoft/microsoft-graph-client against a local fake of Graph (baseUrl + customHosts → 127.0.0.1).
import { Client } from "@microsoft/microsoft-graph-client";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test } from "vitest";
import { enrollments, inboundMessages } from "../db/schema";
import { startFakeGraphInbox, type FakeGraphInbox } from "../testing/fake-graph-inbox";
import { seedOutreach } from "../testing/seed-outreach";
import { createTestApp, type TestApp } from "../testing/test-app";
import { loadSyncCursor } from "./sync-cursor";
import { syncGraph } from "./sync-graph";

let t: TestApp;
let fake: FakeGraphInbox;
beforeEach(async () => {
  t = await createTestApp();
  fake = await startFakeGraphInbox();
});
afterEach(async () => {
  t.close();
  await fake.close();
});

const graphFor = (f: FakeGraphInbox) =>
  Client.init({
    baseUrl: f.baseUrl,
    defaultVersion: "v1.0",
    customHosts: new Set([f.host]),
    authProvider: (done) => done(null, "test-token"),
  });

const oof = (inReplyTo: string) =>
  `From: Klaus <k.vogel@example-tools.de>\r\nTo: anna@threadline-demo.com\r\nSubject: Automatische Antwort: Hello\r\nDate: Tue, 4 Mar 2025 10:20:00 +0100\r\nMessage-ID: <oof-${Math.random()}@x>\r\nIn-Reply-To: ${inReplyTo}\r\nAuto-Submitted: auto-generated\r\n\r\nIch bin bis zum 14.03.2025 nicht im Buero.\r\n`;

test("delta pages are followed to the deltaLink, which is the cursor for the next pass", async () => {
  const s = await seedOutreach(t.db, {
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    emails: ["k.vogel@example-tools.de", "emma@northwind.example"],
    mailboxKind: "microsoft",
  });
  const [klaus, emma] = s.people;
  const ref = { id: s.mailboxId, workspaceId: t.a.workspaceId };
  fake.deliver(oof(klaus!.messageId));
  fake.deliver("From: a@b.example\r\nSubject: x\r\n\r\none\r\n");
  fake.deliver("From: c@d.example\r\nSubject: y\r\n\r\ntwo\r\n");
  expect(await syncGraph(t.db, graphFor(fake), ref)).toEqual({ processed: 3, fullSync: true });
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, klaus!.enrollmentId)))[0]!.state).toBe("paused");
  const cursor = await loadSyncCursor(t.db, s.mailboxId);
  expect(cursor.graphDeltaLink).toMatch(/\$deltatoken=3$/);

  // Reply matched by conversation id only; a fresh client (restart) continues from the stored deltaLink.
  fake.deliver("From: Emma <emma@northwind.example>\r\nSubject: RE: Hello\r\n\r\nYes please.\r\n", emma!.threadId);
  expect(await syncGraph(t.db, graphFor(fake), ref)).toEqual({ processed: 1, fullSync: false });
  expect(fake.requests.at(-2)).toContain("$deltatoken=3");
  expect((await t.db.select().from(enrollments).where(eq(enrollments.id, emma!.enrollmentId)))[0]!.state).toBe("replied");
});

test("410 Gone on the deltaLink: resync from scratch, nothing ingested twice", async () => {
  const s = await seedOutreach(t.db, {
    workspaceId: t.a.workspaceId,
    userId: t.a.userId,
    emails: ["k.vogel@example-tools.de"],
    mailboxKind: "microsoft",
  });
  const ref = { id: s.mailboxId, workspaceId: t.a.workspaceId };
  fake.deliver(oof(s.people[0]!.messageId));
  await syncGraph(t.db, graphFor(fake), ref);
  fake.deliver("From: a@b.example\r\nSubject: x\r\n\r\nafter\r\n");
  fake.expireDeltaTokens();
  expect(await syncGraph(t.db, graphFor(fake), ref)).toEqual({ processed: 1, fullSync: true });
  expect(await t.db.select().from(inboundMessages)).toHaveLength(2);
  expect((await loadSyncCursor(t.db, s.mailboxId)).graphDeltaLink).toMatch(/\$deltatoken=2$/);
});
