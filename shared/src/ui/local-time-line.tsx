import { useEffect, useState } from "react";
import type { LocalTime } from "../schemas/card";

/** "Tue 14:05 · Asia/Shanghai (UTC+8), guessed" — ticks every minute. */
export function LocalTimeLine({ localTime }: { localTime: LocalTime }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  let time: string;
  try {
    time = new Intl.DateTimeFormat(undefined, {
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: localTime.zone,
    }).format(now);
  } catch {
    time = "unknown";
  }
  const h = localTime.offsetMinutes / 60;
  const offset = `UTC${h >= 0 ? "+" : "−"}${Math.abs(h)}`;
  return (
    <p className="text-xs text-slate-600" data-testid="local-time">
      <span className="text-slate-500">Local time </span>
      {time} · {localTime.zone} ({offset})
      {localTime.guessed && (
        <span
          className="ml-1 rounded bg-slate-100 px-1 text-[10px] text-slate-500"
          title="Guessed from the country; not set on the contact"
        >
          guessed
        </span>
      )}
    </p>
  );
}
