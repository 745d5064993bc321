// A local HTTP server speaking the Gmail REST endpoints Threadline uses (send, get metadata, list, profile) and
// Google's OAuth token endpoint. Real googleapis clients point at it with rootUrl / oauth2TokenUrl.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";

export interface FakeGmailMessage {
  id: string;
  threadId: string;
  raw: string;
  parsed: ParsedMail;
  /** The Message-ID Gmail "assigned" (replacing the one in the raw message). */
  gmailMessageId: string;
  requestedThreadId: string | null;
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

export async function startFakeGmail(opts: { email?: string } = {}) {
  const sent: FakeGmailMessage[] = [];
  const tokenRequests: URLSearchParams[] = [];
  let rateLimitNext = 0;
  let n = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(data));
      };
      const text = await body(req);
      if (url.pathname === "/token" && req.method === "POST") {
        const p = new URLSearchParams(text);
        tokenRequests.push(p);
        if (p.get("grant_type") === "authorization_code") {
          return json(200, {
            access_token: "ya29.fake",
            refresh_token: "1//fake-refresh",
            expires_in: 3600,
            token_type: "Bearer",
            scope: "gmail.send",
          });
        }
        return json(200, { access_token: "ya29.fake", expires_in: 3600, token_type: "Bearer" });
      }
      const base = "/gmail/v1/users/me";
      if (url.pathname === `${base}/profile`)
        return json(200, { emailAddress: opts.email ?? "rep@gmail.example", historyId: "1" });
      if (url.pathname === `${base}/messages/send` && req.method === "POST") {
        if (rateLimitNext > 0) {
          rateLimitNext--;
          return json(
            429,
            { error: { code: 429, message: "User-rate limit exceeded", errors: [{ reason: "userRateLimitExceeded" }] } },
            { "retry-after": "120" },
          );
        }
        const b = JSON.parse(text) as { raw: string; threadId?: string };
        const raw = Buffer.from(b.raw, "base64url").toString("utf8");
        const id = `gm${++n}`;
        sent.push({
          id,
          threadId: b.threadId ?? `th${n}`,
          raw,
          parsed: await simpleParser(raw),
          gmailMessageId: `<CAFake${n}@mail.gmail.com>`,
          requestedThreadId: b.threadId ?? null,
        });
        return json(200, { id, threadId: b.threadId ?? `th${n}`, labelIds: ["SENT"] });
      }
      if (url.pathname === `${base}/messages` && req.method === "GET") {
        return json(200, { messages: sent.map((m) => ({ id: m.id, threadId: m.threadId })), resultSizeEstimate: sent.length });
      }
      const get = new RegExp(`^${base}/messages/([^/]+)$`).exec(url.pathname);
      if (get && req.method === "GET") {
        const m = sent.find((s) => s.id === get[1]);
        if (!m) return json(404, { error: { code: 404, message: "Not Found" } });
        const wanted = url.searchParams.getAll("metadataHeaders").map((h) => h.toLowerCase());
        const headers = [...m.parsed.headerLines]
          .map((h) => ({ name: h.line.slice(0, h.line.indexOf(":")), value: h.line.slice(h.line.indexOf(":") + 1).trim() }))
          .map((h) => (h.name.toLowerCase() === "message-id" ? { name: "Message-ID", value: m.gmailMessageId } : h))
          .filter((h) => wanted.length === 0 || wanted.includes(h.name.toLowerCase()));
        return json(200, { id: m.id, threadId: m.threadId, payload: { headers } });
      }
      json(404, { error: { code: 404, message: `fake gmail: no route ${req.method} ${url.pathname}` } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}/`;
  return {
    sent,
    tokenRequests,
    rateLimitNextSends: (k: number) => {
      rateLimitNext = k;
    },
    providers: {
      google: {
        clientId: "cid.apps.googleusercontent.com",
        clientSecret: "csecret",
        authUrl: `${base}auth`,
        tokenUrl: `${base}token`,
        apiRoot: base,
      },
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
