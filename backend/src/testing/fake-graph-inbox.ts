// A local HTTP fake of the Microsoft Graph inbox endpoints the inbound sync reads (Inbox delta + MIME $value),
// for the real @microsoft/microsoft-graph-client (baseUrl + customHosts pointed here).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export async function startFakeGraphInbox() {
  const messages: { id: string; conversationId: string; raw: string }[] = [];
  let expiredBefore = 0;
  const requests: string[] = [];
  let base = "";

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${decodeURIComponent(url.pathname)}${decodeURIComponent(url.search)}`);
    const path = decodeURIComponent(url.pathname);
    if (path === "/v1.0/me/mailFolders/inbox/messages/delta") {
      const delta = url.searchParams.get("$deltatoken");
      if (delta !== null && Number(delta) < expiredBefore) {
        return send(res, 410, { error: { code: "SyncStateNotFound", message: "The sync state is no longer valid." } });
      }
      const from = Number(url.searchParams.get("$skiptoken") ?? delta ?? 0);
      const page = messages.slice(from, from + 2);
      const next = from + page.length;
      const link = `${base}/v1.0/me/mailFolders/inbox/messages/delta?`;
      return send(res, 200, {
        value: page.map((m) => ({ id: m.id, conversationId: m.conversationId, isDraft: false })),
        ...(next < messages.length
          ? { "@odata.nextLink": `${link}$skiptoken=${next}` }
          : { "@odata.deltaLink": `${link}$deltatoken=${next}` }),
      });
    }
    const m = /^\/v1\.0\/me\/messages\/([^/]+)\/\$value$/.exec(path);
    if (m) {
      const msg = messages.find((x) => x.id === m[1]);
      if (!msg) return send(res, 404, { error: { code: "ErrorItemNotFound", message: "not found" } });
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(msg.raw);
    }
    send(res, 404, { error: { code: "NotFound", message: `fake graph: no route ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  let seq = 0;

  return {
    baseUrl: base,
    host: `127.0.0.1:${port}`,
    requests,
    deliver(raw: string, conversationId = `conv-${seq + 1}`) {
      const id = `AAMk${++seq}`;
      messages.push({ id, conversationId, raw });
      return id;
    },
    /** Every delta token issued so far becomes invalid (410 Gone). */
    expireDeltaTokens() {
      expiredBefore = messages.length + 1;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeGraphInbox = Awaited<ReturnType<typeof startFakeGraphInbox>>;
