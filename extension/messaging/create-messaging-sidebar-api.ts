// SidebarApi for the content script: every call is a message to the service worker, which holds the token,
// the Dexie cache and the validation. The content script itself stays small (no zod, no Dexie).
import { sendToBackground } from "@plasmohq/messaging";
import { ApiFailure, type SidebarApi } from "@threadline/shared/ui";
import type { MessageReply } from "./message-reply";

async function call<T>(name: string, body: unknown = {}): Promise<T> {
  let reply: MessageReply<T> | undefined;
  try {
    reply = await sendToBackground<unknown, MessageReply<T>>({ name: name as never, body });
  } catch {
    // The extension was reloaded or updated while Gmail stayed open.
    throw new ApiFailure("http", "Threadline was updated: reload this Gmail tab.");
  }
  if (!reply) throw new ApiFailure("http", "Threadline's background worker did not answer. Reload this Gmail tab.");
  if (!reply.ok) throw new ApiFailure(reply.error.kind, reply.error.message, reply.error.status);
  return reply.data;
}

export function createMessagingSidebarApi(): SidebarApi {
  return {
    getCachedCard: (query) => call("card-cached", query),
    fetchCard: (query) => call("card-fetch", query),
    createContact: (input) => call("contact-create", input),
    updateContact: (id, patch) => call("contact-update", { id, patch }),
    listNotes: (contactId) => call("notes-list", { contactId }),
    addNote: (contactId, body) => call("note-add", { contactId, body }),
    getCachedTemplates: () => call("templates-cached"),
    fetchTemplates: () => call("templates-fetch"),
    renderTemplate: (templateId, input) => call("template-render", { templateId, input }),
    listSequences: () => call("sequences-list"),
    listMailboxes: () => call("mailboxes-list"),
    enroll: (input) => call("enroll", input),
    changeEnrollment: async (id, action) => {
      await call("enrollment-change", { id, action });
    },
    listTasks: (contactId) => call("tasks-list", { contactId }),
    listUsers: () => call("users-list"),
    sequenceAnalytics: (query) => call("sequence-analytics", query),
  };
}

/** For the options page. */
export const extensionMessage = call;
