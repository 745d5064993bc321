// "3 minutes ago", "in 29 days", "just now": a time as a person says it, with `now` passed in so it can be tested.
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function formatRelativeTime({ iso, now, locale }: { iso: string; now: number; locale?: string }): string {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return "just now";
  const rtf = new Intl.RelativeTimeFormat(locale ?? "en", { numeric: "auto" });
  const [unit, size] = units.find(([, ms]) => abs >= ms) ?? ["minute", 60_000];
  return rtf.format(Math.trunc(diff / size), unit);
}
