import { DateTime, FixedOffsetZone } from "luxon";

export interface NextSendTimeInput {
  /** When the previous step completed (or the enrollment started), epoch ms. */
  from: number;
  delay: { amount: number; unit: "business_days" | "hours" };
  /** Recipient's IANA zone: the window, send days and holidays are evaluated there. */
  zone: string;
  /** Local "HH:MM"; end <= start means the window runs past midnight into the next day. */
  window: { start: string; end: string };
  /** ISO weekdays on which a window opens (1 = Monday … 7 = Sunday). */
  sendDays: number[];
  /** Local dates YYYY-MM-DD with no window. */
  holidays?: string[];
  /** Daily cap: sends already counted per local window date; a full day moves the send to the next window. */
  cap?: { limit: number; used: Record<string, number> };
  now: number;
}

export interface NextSendTimeResult {
  /** Epoch ms (UTC). */
  at: number;
  /** The same instant in the recipient's zone, ISO with offset. */
  local: string;
  /** Why the time was moved past the earliest allowed moment, if it was. */
  movedBy: "window" | "day" | "holiday" | "cap" | null;
}

const parseHhmm = (s: string) => {
  const [h, m] = s.split(":").map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
};

/**
 * Local wall-clock time on a date. A time inside a DST gap moves forward (luxon's rule); a time that happens
 * twice (DST overlap) resolves to its first occurrence.
 */
function at(date: DateTime, hhmm: string): DateTime {
  const { hour, minute } = parseHhmm(hhmm);
  if (hour === 24) return date.plus({ days: 1 }).startOf("day");
  const wall = { year: date.year, month: date.month, day: date.day, hour, minute };
  const dt = DateTime.fromObject(wall, { zone: date.zone });
  let first = dt;
  for (const probe of [dt.minus({ hours: 3 }), dt.plus({ hours: 3 })]) {
    if (probe.offset === dt.offset) continue;
    const alt = DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(probe.offset) }).setZone(date.zone);
    if (alt.hour === hour && alt.minute === minute && alt.day === date.day && alt < first) first = alt;
  }
  return first;
}

/**
 * When a step may be sent: `from` + delay (business days count only send days that are not holidays, keeping
 * the local time of day), then the first moment inside the recipient's window on an allowed, non-holiday,
 * non-full day, never before `now`. DST-correct (luxon, IANA zones).
 */
export function nextSendTime(input: NextSendTimeInput): NextSendTimeResult {
  const { zone, window, sendDays, now } = input;
  const holidays = new Set(input.holidays ?? []);
  const isBusinessDay = (d: DateTime) => sendDays.includes(d.weekday) && !holidays.has(d.toISODate()!);

  let earliest = DateTime.fromMillis(input.from, { zone });
  if (!earliest.isValid) throw new Error(`invalid time zone ${zone}`);
  if (input.delay.unit === "hours") {
    earliest = earliest.plus({ hours: input.delay.amount });
  } else {
    let left = input.delay.amount;
    let guard = 0;
    while (left > 0 && guard++ < 3660) {
      earliest = earliest.plus({ days: 1 });
      if (isBusinessDay(earliest)) left--;
    }
  }
  if (earliest.toMillis() < now) earliest = DateTime.fromMillis(now, { zone });

  const crossesMidnight =
    parseHhmm(window.end).hour * 60 + parseHhmm(window.end).minute <=
    parseHhmm(window.start).hour * 60 + parseHhmm(window.start).minute;
  let movedBy: NextSendTimeResult["movedBy"] = null;
  // A window that crosses midnight may have opened on the previous local date.
  let day = earliest.startOf("day").minus({ days: crossesMidnight ? 1 : 0 });
  for (let i = 0; i < 800; i++, day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const start = at(day, window.start);
    const end = crossesMidnight ? at(day.plus({ days: 1 }), window.end) : at(day, window.end);
    if (end <= earliest) {
      if (day.toISODate() === earliest.toISODate()) movedBy ??= "window";
      continue;
    }
    if (!sendDays.includes(day.weekday)) {
      movedBy ??= "day";
      continue;
    }
    if (holidays.has(date)) {
      movedBy ??= "holiday";
      continue;
    }
    if (input.cap && (input.cap.used[date] ?? 0) >= input.cap.limit) {
      movedBy ??= "cap";
      continue;
    }
    const chosen = start > earliest ? start : earliest;
    if (start > earliest) movedBy ??= "window";
    return { at: chosen.toMillis(), local: chosen.toISO()!, movedBy };
  }
  throw new Error("no send window in the next 800 days: check the window days, holidays and cap");
}
