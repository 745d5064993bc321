// A local HTTP fake of the Gmail inbox endpoints the inbound sync reads (history, list, get raw), for the real googleapis client
// (rootUrl pointed here). History expires on demand (404 on an old startHistoryId), pages are small.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: string;
}

export async function startFakeGmailInbox() {
  const messages = new Map<string, StoredMessage>();
  const history: { id: number; messageId: string }[] = [];
  let historyId = 1000;
  let oldestHistoryId = 0;
  const requests: string[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const p = url.pathname.replace(/^\/gmail\/v1\/users\/me/, "");
    if (p === "/profile") return send(res, 200, { emailAddress: "anna@threadline-demo.com", historyId: String(historyId) });
    if (p === "/history") {
      const start = Number(url.searchParams.get("startHistoryId"));
      if (!start || start < oldestHistoryId) {
        return send(res, 404, { error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" } });
      }
      const after = history.filter((h) => h.id > start);
      const offset = Number(url.searchParams.get("pageToken") ?? 0);
      const page = after.slice(offset, offset + 2);
      return send(res, 200, {
        history: page.map((h) => ({
          id: String(h.id),
          messagesAdded: [
            {
              message: {
                id: h.messageId,
                threadId: messages.get(h.messageId)!.threadId,
                labelIds: messages.get(h.messageId)!.labelIds,
              },
            },
          ],
        })),
        historyId: String(historyId),
        ...(offset + 2 < after.length ? { nextPageToken: String(offset + 2) } : {}),
      });
    }
    if (p === "/messages") {
      const all = [...messages.values()].filter((m) => !m.labelIds.includes("SENT")).reverse();
      const offset = Number(url.searchParams.get("pageToken") ?? 0);
      const page = all.slice(offset, offset + 2);
      return send(res, 200, {
        messages: page.map((m) => ({ id: m.id, threadId: m.threadId })),
        ...(offset + 2 < all.length ? { nextPageToken: String(offset + 2) } : {}),
        resultSizeEstimate: all.length,
      });
    }
    const m = /^\/messages\/([^/]+)$/.exec(p);
    if (m) {
      const msg = messages.get(decodeURIComponent(m[1]!));
      if (!msg) return send(res, 404, { error: { code: 404, message: "Not Found" } });
      return send(res, 200, {
        id: msg.id,
        threadId: msg.threadId,
        labelIds: msg.labelIds,
        raw: msg.raw,
        historyId: String(historyId),
      });
    }
    send(res, 404, { error: { code: 404, message: `fake gmail: no route ${p}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  let seq = 0;

  return {
    rootUrl: `http://127.0.0.1:${port}/`,
    requests,
    /** Delivers a message into the mailbox (a new history record). */
    deliver(raw: string, opts: { threadId?: string; labelIds?: string[] } = {}) {
      const id = `m${++seq}`;
      messages.set(id, {
        id,
        threadId: opts.threadId ?? `t${seq}`,
        labelIds: opts.labelIds ?? ["INBOX", "UNREAD"],
        raw: Buffer.from(raw).toString("base64url"),
      });
      history.push({ id: ++historyId, messageId: id });
      return id;
    },
    /** Google keeps history about a week: anything before now is gone (404 for older startHistoryIds). */
    expireHistory() {
      oldestHistoryId = historyId + 1;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeGmailInbox = Awaited<ReturnType<typeof startFakeGmailInbox>>;
