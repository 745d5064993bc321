import { DateTime } from "luxon";

export interface FirstBusinessDayAfterInput {
  /** A local date (yyyy-MM-dd) in `zone`. */
  date: string;
  zone: string;
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  workDays?: number[];
  /** Local dates (yyyy-MM-dd) that are not working days. */
  holidays?: string[];
}

/** Start (00:00 local, as epoch ms) of the first working day strictly after `date` in `zone`. */
export function firstBusinessDayAfter({
  date,
  zone,
  workDays = [1, 2, 3, 4, 5],
  holidays = [],
}: FirstBusinessDayAfterInput): number {
  const start = DateTime.fromISO(date, { zone });
  if (!start.isValid) throw new Error(`not a date: ${date}`);
  const days = workDays.length > 0 ? workDays : [1, 2, 3, 4, 5];
  let d = start.startOf("day");
  for (let i = 0; i < 400; i++) {
    d = d.plus({ days: 1 });
    if (days.includes(d.weekday) && !holidays.includes(d.toISODate()!)) return d.toMillis();
  }
  return d.toMillis();
}
