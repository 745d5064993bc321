import { nextSendTime, type NextSendTimeResult } from "@threadline/shared/domain/next-send-time";
import { recipientZone } from "@threadline/shared/domain/recipient-zone";
import { weekendDays } from "@threadline/shared/domain/weekend-days";
import { readSequenceSettings, type SequenceSettings } from "@threadline/shared/schemas";

/** Stored settings as the scheduler reads them (never throws; see readSequenceSettings). */
export const parseSettings = (raw: unknown): SequenceSettings => readSequenceSettings(raw);

/** Send days for a recipient: the country's working days when the sequence follows country weekends, else the window's days. */
export function sendDaysFor(settings: SequenceSettings, country: string | null): number[] {
  if (!settings.weekendByCountry || !country) return settings.window.days;
  const rest = settings.countryWeekends[country.toUpperCase()] ?? weekendDays(country);
  return [1, 2, 3, 4, 5, 6, 7].filter((d) => !rest.includes(d));
}

/**
 * Ties nextSendTime to stored rows: the window's clock (the recipient's zone: contact → country guess → sequence;
 * or, with clock "sequence", always the sequence's zone), days, holidays.
 */
export function planSendTime(input: {
  from: number;
  delay: { amount: number; unit: "business_days" | "hours" };
  contact: { timeZone: string | null; country: string | null };
  sequence: { timeZone: string; settings: SequenceSettings };
  cap?: { limit: number; used: Record<string, number> };
  now: number;
}): NextSendTimeResult & { zone: string; zoneGuessed: boolean } {
  const s = input.sequence.settings;
  const { zone, guessed } = recipientZone({
    contactZone: s.clock === "sequence" ? null : input.contact.timeZone,
    country: s.clock === "sequence" ? null : input.contact.country,
    fallbackZone: input.sequence.timeZone,
  });
  const r = nextSendTime({
    from: input.from,
    delay: input.delay,
    zone,
    window: { start: s.window.start, end: s.window.end },
    sendDays: sendDaysFor(s, input.contact.country),
    holidays: s.holidays,
    ...(input.cap ? { cap: input.cap } : {}),
    now: input.now,
  });
  return { ...r, zone, zoneGuessed: guessed };
}
