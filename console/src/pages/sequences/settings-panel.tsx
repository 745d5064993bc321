import type { SequenceSettings } from "@threadline/shared/schemas/sequence-settings";
import type { ReactNode } from "react";
import { TextField } from "../../ui/text-field";
import { SelectField } from "../../ui/select-field";

const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function Check(props: { label: string; checked: boolean; onChange: (v: boolean) => void; children?: ReactNode }) {
  return (
    <label className="flex items-start gap-2 text-sm text-slate-800">
      <input
        type="checkbox"
        className="mt-0.5 h-4 w-4 accent-teal-700"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span>
        {props.label}
        {props.children && <span className="block text-xs text-slate-500">{props.children}</span>}
      </span>
    </label>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{props.title}</legend>
      <div className="flex flex-col gap-3">{props.children}</div>
    </fieldset>
  );
}

const num = (v: number) => (Number.isNaN(v) ? "" : v);

/** Every setting the engine reads (sequenceSettingsSchema), each with a line on what the engine will do. */
export function SettingsPanel(props: {
  value: SequenceSettings;
  errors: Record<string, string>;
  onChange: (s: SequenceSettings) => void;
}) {
  const s = props.value;
  const set = (patch: Partial<SequenceSettings>) => props.onChange({ ...s, ...patch });
  const err = (p: string) => props.errors[`settings.${p}`];
  return (
    <div className="flex flex-col gap-4">
      <Section title="Sending window">
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label="From"
            type="time"
            value={s.window.start}
            error={err("window.start")}
            onChange={(e) => set({ window: { ...s.window, start: e.target.value } })}
          />
          <TextField
            label="Until"
            type="time"
            value={s.window.end}
            error={err("window.end")}
            onChange={(e) => set({ window: { ...s.window, end: e.target.value } })}
          />
        </div>
        <div role="group" aria-label="Sending days" className="flex flex-wrap gap-3">
          {days.map((d, i) => (
            <Check
              key={d}
              label={d}
              checked={s.window.days.includes(i + 1)}
              onChange={(on) =>
                set({
                  window: { ...s.window, days: on ? [...s.window.days, i + 1].sort() : s.window.days.filter((x) => x !== i + 1) },
                })
              }
            />
          ))}
        </div>
        {err("window.days") && <p className="text-xs text-red-700">{err("window.days")}</p>}
        <SelectField
          label="Whose clock"
          value={s.clock}
          onChange={(e) => set({ clock: e.target.value as SequenceSettings["clock"] })}
        >
          <option value="recipient">
            The recipient's: their time zone, else a guess from their country, else the sequence's zone
          </option>
          <option value="sequence">The sequence's time zone, for everyone</option>
        </SelectField>
        <Check
          label="Use the recipient's country weekend"
          checked={s.weekendByCountry}
          onChange={(v) => set({ weekendByCountry: v })}
        >
          A buyer in Saudi Arabia gets nothing on Friday or Saturday.
        </Check>
      </Section>
      <Section title="Stop rules">
        <p className="text-xs text-slate-500">A reply always stops the enrollment.</p>
        <Check
          label="Stop everyone at the company when anyone there replies"
          checked={s.stopRules.stopCompanyOnReply}
          onChange={(v) => set({ stopRules: { ...s.stopRules, stopCompanyOnReply: v } })}
        >
          Every active enrollment at the replier's company domain stops.
        </Check>
        <Check
          label="Stop on a link click"
          checked={s.stopRules.stopOnLinkClick}
          onChange={(v) => set({ stopRules: { ...s.stopRules, stopOnLinkClick: v } })}
        >
          A person's click on a tracked link stops it; you follow up by hand.
        </Check>
        <Check
          label="Stop when the contact's stage changes"
          checked={s.stopRules.stopOnStageChange}
          onChange={(v) => set({ stopRules: { ...s.stopRules, stopOnStageChange: v } })}
        />
        <TextField
          label="Out of office without a return date: pause for (business days)"
          type="number"
          min={1}
          value={num(s.stopRules.autoReplyDefaultPauseDays)}
          error={err("stopRules.autoReplyDefaultPauseDays")}
          onChange={(e) => set({ stopRules: { ...s.stopRules, autoReplyDefaultPauseDays: e.target.valueAsNumber } })}
          hint="With a readable return date it resumes on the business day after it."
        />
      </Section>
      <Section title="Hand-off to a person">
        <TextField
          label="Hand off after this many human opens (empty: never)"
          type="number"
          min={1}
          value={s.handoff.humanOpensAtLeast ?? ""}
          error={err("handoff.humanOpensAtLeast")}
          onChange={(e) =>
            set({ handoff: { ...s.handoff, humanOpensAtLeast: e.target.value === "" ? null : e.target.valueAsNumber } })
          }
          hint="Machine opens (Apple, Gmail proxies, scanners) never count."
        />
        <Check
          label="Hand off on a reply"
          checked={s.handoff.onReply}
          onChange={(v) => set({ handoff: { ...s.handoff, onReply: v } })}
        />
        <Check
          label="Hand off on a buying-signal link click"
          checked={s.handoff.onBuyingSignalClick}
          onChange={(v) => set({ handoff: { ...s.handoff, onBuyingSignalClick: v } })}
        />
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Buying-signal links (one per line)
          <textarea
            rows={2}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm font-normal"
            value={s.handoff.buyingSignalUrls.join("\n")}
            onChange={(e) =>
              set({
                handoff: {
                  ...s.handoff,
                  buyingSignalUrls: e.target.value
                    .split("\n")
                    .map((x) => x.trim())
                    .filter(Boolean),
                },
              })
            }
          />
        </label>
        {err("handoff.buyingSignalUrls") && <p className="text-xs text-red-700">{err("handoff.buyingSignalUrls")}</p>}
        <p className="text-xs font-medium text-slate-700">What a hand-off does</p>
        <Check
          label="Create a “Take over” task for the owner"
          checked={s.handoff.actions.createTask}
          onChange={(v) => set({ handoff: { ...s.handoff, actions: { ...s.handoff.actions, createTask: v } } })}
        />
        <Check
          label="Pause the enrollment"
          checked={s.handoff.actions.pauseEnrollment}
          onChange={(v) => set({ handoff: { ...s.handoff, actions: { ...s.handoff.actions, pauseEnrollment: v } } })}
        />
        <Check
          label="Flag the contact hot"
          checked={s.handoff.actions.flagHot}
          onChange={(v) => set({ handoff: { ...s.handoff, actions: { ...s.handoff.actions, flagHot: v } } })}
        />
      </Section>
      <Section title="Caps, spacing and tracking">
        <TextField
          label="Per-mailbox daily cap for this sequence (empty: the mailbox's own cap)"
          type="number"
          min={1}
          value={s.mailboxDailyCap ?? ""}
          error={err("mailboxDailyCap")}
          onChange={(e) => set({ mailboxDailyCap: e.target.value === "" ? null : e.target.valueAsNumber })}
        />
        <TextField
          label="Least seconds between two sends of a mailbox"
          type="number"
          min={0}
          value={num(s.minSpacingSeconds)}
          error={err("minSpacingSeconds")}
          onChange={(e) => set({ minSpacingSeconds: e.target.valueAsNumber })}
        />
        <Check label="Track opens" checked={s.trackOpens} onChange={(v) => set({ trackOpens: v })} />
        <Check label="Track clicks" checked={s.trackClicks} onChange={(v) => set({ trackClicks: v })} />
        <Check
          label="Add UTM parameters to links"
          checked={s.utm.enabled}
          onChange={(v) => set({ utm: { ...s.utm, enabled: v } })}
        >
          utm_source={s.utm.source}, utm_medium={s.utm.medium}, campaign = the sequence's name.
        </Check>
        <Check
          label="Unsubscribe line and List-Unsubscribe header"
          checked={s.includeUnsubscribe}
          onChange={(v) => set({ includeUnsubscribe: v })}
        >
          Keep it on for prospecting; off only for one-to-one follow-ups.
        </Check>
      </Section>
    </div>
  );
}
