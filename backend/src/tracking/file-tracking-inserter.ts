// Tracking rows into a local database file through a connection of the writer thread's own, with the INSERT
// prepared once: @libsql/client prepares every statement anew (a 400-row INSERT of 4,400 parameters per call),
// which cost more than the rows themselves. One transaction per batch, as with the client.
import Database from "libsql";
import { SPOOL_MARK_SQL, TRACKING_COLUMNS, type TrackingRowInserter } from "./tracking-batch-writer";

export function fileTrackingInserter(path: string): TrackingRowInserter & { close(): void } {
  // timeout = busy timeout: wait for another connection's write lock instead of failing.
  const conn = new Database(path, { timeout: 5000 });
  conn.exec("PRAGMA foreign_keys = ON");
  const insert = conn.prepare(`INSERT INTO tracking_events (${TRACKING_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  const markSpool = conn.prepare(SPOOL_MARK_SQL);
  const begin = conn.prepare("BEGIN IMMEDIATE");
  const commit = conn.prepare("COMMIT");
  const rollback = conn.prepare("ROLLBACK");
  const write: TrackingRowInserter = (rows, mark) => {
    begin.run();
    try {
      for (const row of rows) insert.run(row);
      if (mark) markSpool.run([mark.spoolId, mark.seq]);
      commit.run();
    } catch (err) {
      rollback.run();
      throw err;
    }
  };
  return Object.assign(write, { close: () => conn.close() });
}
