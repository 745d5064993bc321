import type { Engagement } from "../schemas/card";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The card header's counts: opens are people's only; machine opens are counted apart, never added in. */
export function EngagementLine({ engagement }: { engagement: Engagement | undefined }) {
  if (!engagement) return null;
  const { humanOpens, machineOpens, humanClicks, machineClicks } = engagement;
  if (humanOpens + machineOpens + humanClicks + machineClicks === 0) return null;
  return (
    <p data-testid="engagement" className="text-xs text-slate-700">
      <strong data-testid="human-opens">{plural(humanOpens, "open")}</strong>
      {humanClicks > 0 && ` · ${plural(humanClicks, "click")}`}
      <span className="text-slate-500" data-testid="machine-opens">
        {" "}
        (by people; {machineOpens} machine open{machineOpens === 1 ? "" : "s"}
        {machineClicks > 0 ? `, ${plural(machineClicks, "machine click")}` : ""} not counted)
      </span>
    </p>
  );
}
