// TEMPORARY copy of shared/src/ui/mail-host.ts (gmail branch) until it is merged into main; then deleted.
export interface MailPerson {
  email: string;
  name: string | null;
}
export interface ThreadMessage {
  id: string;
  legacyId: string | null;
  from: MailPerson | null;
}
export interface OpenThread {
  threadId: string;
  legacyThreadId: string | null;
  subject: string;
  sender: MailPerson | null;
  recipients: MailPerson[];
  messages: ThreadMessage[];
}
export type ComposeKind = "new" | "reply" | "popout";
export type ComposeState = { open: false } | { open: true; kind: ComposeKind; recipients: MailPerson[]; subject: string };
export interface InsertOptions {
  subject?: string;
}
export interface MailHost {
  readonly kind: "gmail" | "outlook" | "test";
  getOpenThread(): OpenThread | null;
  getComposeState(): ComposeState;
  subscribe(listener: () => void): () => void;
  insertIntoCompose(html: string, options?: InsertOptions): Promise<void>;
  onTemplateShortcut?(listener: () => void): () => void;
}
