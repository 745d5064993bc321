// Dexie cache of cards and templates in the service worker: a cached card paints at once and is refreshed
// in the background. Reads only; nothing is ever queued here.
import Dexie, { type EntityTable } from "dexie";
import type { Card, Template } from "@threadline/shared/schemas";

interface CardRow {
  email: string;
  card: Card;
  fetchedAt: number;
}
interface TemplatesRow {
  key: "all";
  templates: Template[];
  fetchedAt: number;
}

class SidebarCache extends Dexie {
  cards!: EntityTable<CardRow, "email">;
  templates!: EntityTable<TemplatesRow, "key">;
  constructor() {
    super("threadline-cache");
    this.version(1).stores({ cards: "email, fetchedAt", templates: "key" });
  }
}

export const sidebarCache = new SidebarCache();

const MAX_CARDS = 500;

export async function rememberCard(card: Card): Promise<void> {
  await sidebarCache.cards.put({ email: card.email.toLowerCase(), card, fetchedAt: Date.now() });
  const count = await sidebarCache.cards.count();
  if (count > MAX_CARDS) {
    const oldest = await sidebarCache.cards
      .orderBy("fetchedAt")
      .limit(count - MAX_CARDS)
      .primaryKeys();
    await sidebarCache.cards.bulkDelete(oldest);
  }
}
