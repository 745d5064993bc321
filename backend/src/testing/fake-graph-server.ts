// A local HTTP server speaking the Microsoft Graph endpoints Threadline uses (draft, createReply, PATCH, send,
// sent items) and the identity platform's token endpoint. The real @microsoft/microsoft-graph-client points at it.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeGraphMessage {
  id: string;
  subject: string;
  body: { contentType: string; content: string };
  toRecipients: { emailAddress: { address: string } }[];
  internetMessageId: string;
  conversationId: string;
  internetMessageHeaders: { name: string; value: string }[];
  replyTo: string | null;
  sent: boolean;
  sentDateTime: string | null;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

export async function startFakeGraph(opts: { email?: string } = {}) {
  const messages: FakeGraphMessage[] = [];
  const requests: { method: string; path: string; prefer: string | undefined }[] = [];
  let throttleNext = 0;
  let n = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const text = await read(req);
      requests.push({ method: req.method ?? "", path: url.pathname, prefer: req.headers.prefer as string | undefined });
      const json = (status: number, data?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(data === undefined ? "" : JSON.stringify(data));
      };
      if (/\/oauth2\/v2\.0\/token$/.test(url.pathname)) {
        const p = new URLSearchParams(text);
        return json(200, {
          access_token: "eyJ.fake",
          ...(p.get("grant_type") === "authorization_code" ? { refresh_token: "M.fake-refresh" } : {}),
          expires_in: 3600,
          token_type: "Bearer",
        });
      }
      if (url.pathname === "/v1.0/me")
        return json(200, { mail: opts.email ?? "rep@contoso.example", displayName: "Rep Contoso" });
      const b = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const make = (over: Partial<FakeGraphMessage>): FakeGraphMessage => {
        n++;
        const m: FakeGraphMessage = {
          id: `AAMk${n}`,
          subject: "",
          body: { contentType: "HTML", content: "" },
          toRecipients: [],
          internetMessageId: `<fake${n}@contoso.example>`,
          conversationId: `conv${n}`,
          internetMessageHeaders: [],
          replyTo: null,
          sent: false,
          sentDateTime: null,
          ...over,
        };
        messages.push(m);
        return m;
      };
      if (url.pathname === "/v1.0/me/messages" && req.method === "POST") {
        if (throttleNext > 0) {
          throttleNext--;
          return json(429, { error: { code: "TooManyRequests", message: "throttled" } }, { "retry-after": "30" });
        }
        return json(201, make(b as Partial<FakeGraphMessage>));
      }
      const reply = /^\/v1\.0\/me\/messages\/([^/]+)\/createReply$/.exec(url.pathname);
      if (reply && req.method === "POST") {
        const orig = messages.find((m) => m.id === decodeURIComponent(reply[1]!));
        if (!orig) return json(404, { error: { code: "ErrorItemNotFound", message: "not found" } });
        const msg = (b.message ?? {}) as Partial<FakeGraphMessage>;
        return json(
          201,
          make({ ...msg, subject: `RE: ${orig.subject}`, conversationId: orig.conversationId, replyTo: orig.internetMessageId }),
        );
      }
      const one = /^\/v1\.0\/me\/messages\/([^/]+)$/.exec(url.pathname);
      if (one && req.method === "PATCH") {
        const m = messages.find((x) => x.id === decodeURIComponent(one[1]!));
        if (!m) return json(404, { error: { code: "ErrorItemNotFound", message: "not found" } });
        Object.assign(m, b);
        return json(200, m);
      }
      const send = /^\/v1\.0\/me\/messages\/([^/]+)\/send$/.exec(url.pathname);
      if (send && req.method === "POST") {
        const m = messages.find((x) => x.id === decodeURIComponent(send[1]!));
        if (!m) return json(404, { error: { code: "ErrorItemNotFound", message: "not found" } });
        m.sent = true;
        m.sentDateTime = new Date().toISOString();
        res.writeHead(202, { "content-length": "0" });
        return res.end();
      }
      if (url.pathname === "/v1.0/me/mailFolders/sentitems/messages") return json(200, { value: messages.filter((m) => m.sent) });
      json(404, { error: { code: "NotFound", message: `fake graph: no route ${req.method} ${url.pathname}` } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    messages,
    requests,
    throttleNext: (k: number) => {
      throttleNext = k;
    },
    providers: {
      microsoft: { clientId: "ms-client", clientSecret: "ms-secret", tenant: "common", loginUrl: base, graphUrl: base },
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
