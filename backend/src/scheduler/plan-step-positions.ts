/**
 * Positions for a sequence's steps after a full edit (the builder's PUT). `current` is every step row, deleted
 * ones too, in the order the engine reads them; `next` is the live steps as the builder wants them (existing ids,
 * or `null` for a new step, by index). Deleted steps, old and new, keep their place right after the live step that
 * preceded them, so an enrollment whose last step is deleted continues with the step that followed it, as
 * `nextStepAfter` reads positions. Returns one position per `next` entry and per deleted step, spaced by 10.
 */
export function planStepPositions(input: { current: { id: string; deleted: boolean }[]; next: (string | null)[] }): {
  next: number[];
  deleted: Map<string, number>;
} {
  const kept = new Set(input.next.filter((id): id is string => id !== null));
  type Slot = { kind: "next"; index: number } | { kind: "deleted"; id: string };
  const slots: Slot[] = input.next.map((_, index) => ({ kind: "next", index }));
  const slotOfKept = new Map<string, Slot>();
  input.next.forEach((id, index) => {
    if (id !== null) slotOfKept.set(id, slots[index]!);
  });
  const isNew = (slot: Slot) => slot.kind === "next" && input.next[slot.index] === null;
  let after: Slot | null = null;
  let front = 0;
  for (const step of input.current) {
    if (kept.has(step.id) && !step.deleted) {
      after = slotOfKept.get(step.id)!;
      continue;
    }
    const slot: Slot = { kind: "deleted", id: step.id };
    // New steps right after the anchor come before the deleted step: an enrollment that already went through
    // the deleted step skips them (they take its place), one that had not reached it gets them.
    let at = after === null ? front : slots.indexOf(after) + 1;
    while (at < slots.length && isNew(slots[at]!)) at++;
    slots.splice(at, 0, slot);
    if (after === null) front = at + 1;
    else after = slot;
  }
  const next: number[] = new Array<number>(input.next.length);
  const deleted = new Map<string, number>();
  slots.forEach((slot, i) => {
    if (slot.kind === "next") next[slot.index] = (i + 1) * 10;
    else deleted.set(slot.id, (i + 1) * 10);
  });
  return { next, deleted };
}
