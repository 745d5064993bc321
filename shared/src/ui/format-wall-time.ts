const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * "Tue, Nov 24, 09:00 (UTC+8)" from an ISO timestamp carrying the wall-clock offset, such as the backend's
 * next-send times in the rep's and the contact's zones. Anything else is returned unchanged.
 */
export function formatWallTime(iso: string, locale?: string): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi, off] = m;
  // The wall-clock parts as if in UTC, printed in UTC: the offset's own local time, whatever the viewer's zone.
  const wall = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
  const text = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
  }).format(wall);
  const offset = off === "Z" || off === "+00:00" ? "UTC" : `UTC${off!.replace(/:00$/, "").replace(/^([+-])0/, "$1")}`;
  return `${text} (${offset})`;
}
