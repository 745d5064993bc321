import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
let contactId: string;
beforeEach(async () => {
  t = await createTestApp();
  contactId = (await t.call("POST", "/api/v1/contacts", { body: { email: "li.wei@shenzhen-bright.cn" } })).json.id;
});
afterEach(() => t.close());

const timelineTypes = async () =>
  (
    await t.client.execute({
      sql: "SELECT type, payload FROM timeline_events WHERE contact_id = ? ORDER BY occurred_at",
      args: [contactId],
    })
  ).rows.map((r) => ({ type: r.type, payload: JSON.parse(String(r.payload)) }));

describe("notes", () => {
  test("add → list → delete, with a note timeline event that goes with it", async () => {
    const added = await t.call("POST", `/api/v1/contacts/${contactId}/notes`, {
      body: { body: "Met at Canton Fair, booth 12.3" },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ contactId, authorId: t.a.userId, body: "Met at Canton Fair, booth 12.3" });
    const events = await timelineTypes();
    expect(events.map((e) => e.type)).toEqual(["contact_created", "note"]);
    expect(events[1]!.payload).toMatchObject({ noteId: added.json.id, excerpt: "Met at Canton Fair, booth 12.3" });

    const list = await t.call("GET", `/api/v1/contacts/${contactId}/notes`);
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ items: [added.json], nextCursor: null });

    const del = await t.call("DELETE", `/api/v1/notes/${added.json.id}`);
    expect(del).toMatchObject({ status: 200, json: { deleted: true } });
    expect((await t.call("GET", `/api/v1/contacts/${contactId}/notes`)).json.items).toEqual([]);
    expect((await timelineTypes()).map((e) => e.type)).toEqual(["contact_created"]);
    expect((await t.call("DELETE", `/api/v1/notes/${added.json.id}`)).status).toBe(404);
  });

  test("cursor pagination, newest first", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await t.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: { body: `n${i}` } })).json.id);
    }
    // Ids sort by creation time (to the millisecond; a random tail orders notes made within the same one).
    const newestFirst = [...ids].sort().reverse();
    const first = await t.call("GET", `/api/v1/contacts/${contactId}/notes?limit=3`);
    expect(first.json.items.map((n: { id: string }) => n.id)).toEqual(newestFirst.slice(0, 3));
    const second = await t.call("GET", `/api/v1/contacts/${contactId}/notes?limit=3&cursor=${first.json.nextCursor}`);
    expect(second.json.items.map((n: { id: string }) => n.id)).toEqual(newestFirst.slice(3));
    expect(second.json.nextCursor).toBeNull();
  });

  test.each([
    ["empty body", { body: "   " }, "body"],
    ["missing body", {}, "body"],
    ["wrong type", { body: 5 }, "body"],
    ["oversized", { body: "x".repeat(20001) }, "body"],
    ["unknown field", { body: "ok", pinned: true }, "pinned"],
  ])("400 on %s, nothing written", async (_n, body, field) => {
    const r = await t.call("POST", `/api/v1/contacts/${contactId}/notes`, { body });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain(field);
    expect((await timelineTypes()).map((e) => e.type)).toEqual(["contact_created"]);
  });

  test("404 for an unknown contact, 400 for a malformed id", async () => {
    expect((await t.call("POST", "/api/v1/contacts/ct_nope/notes", { body: { body: "x" } })).status).toBe(404);
    const bad = await t.call("GET", "/api/v1/contacts/NOT AN ID/notes");
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("id");
  });

  test("viewer reads but cannot write; a rep cannot delete someone else's note, an admin-level owner can", async () => {
    const note = await t.call("POST", `/api/v1/contacts/${contactId}/notes`, { token: t.aRep.token, body: { body: "rep's" } });
    expect(note.status).toBe(201);
    expect((await t.call("GET", `/api/v1/contacts/${contactId}/notes`, { token: t.aViewer.token })).json.items).toHaveLength(1);
    expect(
      (await t.call("POST", `/api/v1/contacts/${contactId}/notes`, { token: t.aViewer.token, body: { body: "v" } })).status,
    ).toBe(403);
    expect((await t.call("DELETE", `/api/v1/notes/${note.json.id}`, { token: t.aViewer.token })).status).toBe(403);
    const mine = await t.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: { body: "owner's" } });
    expect((await t.call("DELETE", `/api/v1/notes/${mine.json.id}`, { token: t.aRep.token })).status).toBe(403);
    expect((await t.call("DELETE", `/api/v1/notes/${note.json.id}`)).status).toBe(200);
  });
});
