// Live counters of running imports, so GET /imports/:id answers while the write transaction is still open
// (its own row is only visible to other connections once it commits). One process, one map.
export interface ImportProgress {
  status: "validating" | "writing";
  bytesRead: number;
  rowsRead: number;
  rowsWritten: number;
  totalRows: number | null;
}

export const importProgress = new Map<string, ImportProgress>();
