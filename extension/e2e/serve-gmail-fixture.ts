// Serves a Gmail-like page as https://mail.google.com (self-signed certificate made with openssl at test time,
// Gmail's Trusted Types header). Threads switch on hashchange like Gmail's single-page app.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FixturePerson, type FixtureThread, gmailNewComposeHtml, gmailPageHtml, gmailThreadHtml } from "./gmail-fixture";

export interface GmailFixture {
  port: number;
  close(): Promise<void>;
}

/** The page's own script: runs under Trusted Types like Gmail's, so it uses a named policy. */
const PAGE_SCRIPT = `
const policy = trustedTypes.createPolicy("gmail-fixture", { createHTML: (s) => s });
const data = JSON.parse(document.getElementById("fixture-data").textContent);
const main = document.querySelector('div[role="main"]');
window.fixture = { shortcuts: 0, renderedAt: 0 };
function token() { return (location.hash.split("/")[1] || "").split("?")[0]; }
function render(reply) {
  const t = data.threads[token()];
  window.fixture.renderedAt = performance.now();
  main.innerHTML = policy.createHTML(t ? (reply ? t.reply : t.html) : data.inbox);
}
window.addEventListener("hashchange", () => render(false));
window.fixture.openReply = () => render(true);
window.fixture.openCompose = () => {
  document.getElementById("compose-root").innerHTML = policy.createHTML(data.compose);
};
// Gmail-style single-key shortcuts on the document: "c" opens compose unless typing in Gmail's own fields.
document.addEventListener("keydown", (e) => {
  const t = e.target;
  const typing = t instanceof HTMLElement && (t.isContentEditable || t.tagName === "INPUT" || t.tagName === "TEXTAREA");
  if (!typing && e.key === "c") window.fixture.shortcuts++;
});
render(false);
`;

export async function serveGmailFixture(opts: {
  user: string;
  threads: Record<string, FixtureThread>;
  composeTo?: FixturePerson[];
}): Promise<GmailFixture> {
  const dir = mkdtempSync(join(tmpdir(), "threadline-cert-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
      "-subj",
      "/CN=mail.google.com",
      "-addext",
      "subjectAltName=DNS:mail.google.com",
    ],
    { stdio: "ignore" },
  );
  const data = {
    inbox: '<table role="grid"><tr><td>Inbox</td></tr></table>',
    compose: gmailNewComposeHtml({ to: opts.composeTo ?? [] }),
    threads: Object.fromEntries(
      Object.entries(opts.threads).map(([tok, t]) => [
        tok,
        { html: gmailThreadHtml(t), reply: gmailThreadHtml(t, { reply: true, replyTo: [t.messages[0]!.from] }) },
      ]),
    ),
  };
  const page = gmailPageHtml({ user: opts.user, main: "" }).replace(
    "</body>",
    `<script type="application/json" id="fixture-data">${JSON.stringify(data).replace(/</g, "\\u003c")}</script><script>${PAGE_SCRIPT}</script></body>`,
  );
  const server = createServer(
    { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
    (req, res) => {
      if (!req.url?.startsWith("/mail/")) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        // What Gmail sends: DOM sinks need Trusted Types in the page's own world.
        "content-security-policy": "require-trusted-types-for 'script'; trusted-types gmail-fixture",
      });
      res.end(page);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}
