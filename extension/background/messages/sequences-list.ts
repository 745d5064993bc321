import type { SequenceOption } from "@threadline/shared/ui";
import { z } from "zod";
import { backendRequest } from "../backend-request";
import { handleMessage } from "../handle-message";
import { looseList } from "../loose-list";

const sequence = z.object({
  id: z.string(),
  name: z.string(),
  archived: z.boolean().optional(),
  status: z.string().optional(),
  steps: z.array(z.unknown()).optional(),
  stepCount: z.number().optional(),
});

export default handleMessage<Record<string, never>, SequenceOption[]>(async () => {
  const items = await backendRequest({ path: "/api/v1/sequences", schema: looseList(sequence) });
  return items.map((s) => ({
    id: s.id,
    name: s.name,
    stepCount: s.stepCount ?? s.steps?.length ?? null,
    status: s.status ?? (s.archived ? "archived" : "active"),
  }));
});
