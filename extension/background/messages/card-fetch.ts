import { cardSchema, type Card } from "@threadline/shared/schemas";
import type { CardQuery } from "@threadline/shared/ui";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { rememberCard } from "../sidebar-cache";

export default handleMessage<CardQuery, Card>(async ({ email, name }) => {
  const card = await backendRequest({ path: "/api/v1/card", query: { email, name }, schema: cardSchema });
  await rememberCard(card);
  return card;
});
