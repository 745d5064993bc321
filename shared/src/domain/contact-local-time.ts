import { DateTime, IANAZone } from "luxon";
import { guessTimeZone } from "./guess-time-zone";

export interface ContactLocalTime {
  zone: string;
  /** true when the zone was not set on the contact but guessed from the country or the fallback. */
  guessed: boolean;
  /** Wall-clock time in `zone` with its offset, e.g. 2026-11-23T17:04:00+08:00. */
  iso: string;
  offsetMinutes: number;
}

/**
 * The contact's current local time: their own zone when it is a valid IANA name, else the most populous zone of
 * their country, else `fallbackZone` (both marked as guessed). Null when none of the three gives a zone.
 */
export function contactLocalTime(input: {
  timeZone: string | null;
  country: string | null;
  fallbackZone: string | null;
  now: Date;
}): ContactLocalTime | null {
  const own = input.timeZone && isValid(input.timeZone) ? input.timeZone : null;
  const zone = own ?? guessTimeZone(input.country) ?? validOrNull(input.fallbackZone);
  if (!zone) return null;
  const local = DateTime.fromJSDate(input.now, { zone });
  return {
    zone,
    guessed: own === null,
    iso: local.toISO({ suppressMilliseconds: true, includeOffset: true })!,
    offsetMinutes: local.offset,
  };
}

// IANAZone.create caches one instance per name; isValidZone would build an Intl formatter on every call.
const isValid = (zone: string) => IANAZone.create(zone).isValid;
const validOrNull = (zone: string | null) => (zone && isValid(zone) ? zone : null);
