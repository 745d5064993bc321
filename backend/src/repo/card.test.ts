import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type Database } from "../db/client";
import { cardStatements } from "./card";

// The card is the hot path (≤ 1 ms at 1M contacts): every statement must reach its rows through an index.
// A full scan of a table (SQLite's "SCAN <table>") would grow with the workspace; this catches it without timing.
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ url: ":memory:" });
});
afterAll(() => database.close());

describe("card query plans", () => {
  test.each(cardStatements("ws_a", "li.wei@shenzhen-bright.cn", "shenzhen-bright.cn", "us_a").map((s, i) => [i, s] as const))(
    "statement %i uses indexes only",
    async (_i, s) => {
      const plan = await database.client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args });
      const details = plan.rows.map((r) => String(r.detail));
      // "SCAN (subquery-N)" reads a subquery's own result (the timeline's two LIMITed sides), not a table.
      const scans = details.filter((d) => /^SCAN (?!o$|\(subquery-\d+\)$)/.test(d) || /AUTOMATIC/.test(d));
      expect(scans).toEqual([]);
      const searches = details.filter((d) => d.startsWith("SEARCH"));
      expect(searches.length).toBeGreaterThan(0);
      // An index on workspace_id alone would read the whole workspace.
      expect(details.filter((d) => /\(workspace_id=\?\)$/.test(d))).toEqual([]);
      expect(details.filter((d) => /send_jobs_due|contacts_ws_owner|enrollments_ws_seq/.test(d))).toEqual([]);
    },
  );
});
