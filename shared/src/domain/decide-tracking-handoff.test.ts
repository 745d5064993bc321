import { expect, test } from "vitest";
import { handoffRulesSchema } from "../schemas/inbound-rules";
import { decideTrackingHandoff } from "./decide-tracking-handoff";

const rules = handoffRulesSchema.parse({});
test.each([
  [
    "human buying-signal click",
    { kind: "click" as const, counted: true, buyingSignal: true },
    0,
    rules,
    "clicked a buying-signal link",
  ],
  [
    "scanner click on a buying-signal link never counts",
    { kind: "click" as const, counted: false, buyingSignal: true },
    0,
    rules,
    null,
  ],
  ["ordinary link click", { kind: "click" as const, counted: true, buyingSignal: false }, 0, rules, null],
  [
    "click rule switched off",
    { kind: "click" as const, counted: true, buyingSignal: true },
    0,
    { ...rules, onBuyingSignalClick: false },
    null,
  ],
  ["2 human opens of 3", { kind: "open" as const, counted: true, buyingSignal: false }, 2, rules, null],
  ["3rd human open", { kind: "open" as const, counted: true, buyingSignal: false }, 3, rules, "opened 3 times"],
  ["Apple MPP open never counts", { kind: "open" as const, counted: false, buyingSignal: false }, 9, rules, null],
  [
    "opens rule off",
    { kind: "open" as const, counted: true, buyingSignal: false },
    9,
    { ...rules, humanOpensAtLeast: null },
    null,
  ],
])("%s", (_name, event, humanOpens, r, expected) => {
  expect(decideTrackingHandoff({ event, humanOpens, rules: r })).toBe(expected);
});
