// The envelope every background message handler answers with: errors cross the message boundary as data.
import type { ApiFailureKind } from "@threadline/shared/ui";

export interface FailureData {
  kind: ApiFailureKind;
  message: string;
  status: number | null;
}

export type MessageReply<T> = { ok: true; data: T } | { ok: false; error: FailureData };
