import type { Cached, CardQuery } from "@threadline/shared/ui";
import type { Card } from "@threadline/shared/schemas";
import { handleMessage } from "../handle-message";
import { sidebarCache } from "../sidebar-cache";

export default handleMessage<CardQuery, Cached<Card> | null>(async ({ email }) => {
  const row = await sidebarCache.cards.get(email.toLowerCase());
  return row ? { value: row.card, fetchedAt: row.fetchedAt } : null;
});
