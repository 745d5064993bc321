// Percent done, rate and time left of an import, from what its row stores. Pure: `now` is passed in.
import type { ImportStatus } from "../schemas/import";

export interface ImportEtaInput {
  status: ImportStatus;
  startedAt: number | null;
  finishedAt: number | null;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number | null;
  now: number;
}

export interface ImportEta {
  percent: number;
  rowsPerSecond: number | null;
  secondsLeft: number | null;
}

export function importEta({ status, startedAt, finishedAt, rowsRead, bytesRead, totalBytes, now }: ImportEtaInput): ImportEta {
  const percent =
    status === "done"
      ? 100
      : totalBytes && totalBytes > 0
        ? Math.min(99, Math.floor((100 * Math.min(bytesRead, totalBytes)) / totalBytes))
        : 0;
  if (startedAt === null) return { percent, rowsPerSecond: null, secondsLeft: null };
  const elapsed = ((finishedAt ?? now) - startedAt) / 1000;
  // Under a tenth of a second the rate is noise.
  const rowsPerSecond = elapsed >= 0.1 ? Math.round(rowsRead / elapsed) : null;
  const running = status === "running";
  const secondsLeft =
    running && totalBytes && bytesRead > 0 && elapsed >= 0.1
      ? Math.max(0, Math.ceil(((totalBytes - Math.min(bytesRead, totalBytes)) * elapsed) / bytesRead))
      : null;
  return { percent, rowsPerSecond, secondsLeft };
}
