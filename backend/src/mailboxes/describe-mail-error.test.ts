import { describe, expect, test } from "vitest";
import { describeMailError, type MailEndpoint } from "./describe-mail-error";

const smtp: MailEndpoint = { protocol: "SMTP", host: "smtp.example.com", port: 587, secure: false, username: "rep@example.com" };
const imap: MailEndpoint = { protocol: "IMAP", host: "imap.example.com", port: 993, secure: true, username: "rep@example.com" };

// Error objects as nodemailer 10 and imapflow 2 throw them (shapes recorded against smtp-server and dovecot).
describe("describeMailError", () => {
  test.each([
    [
      "SMTP wrong password",
      smtp,
      { code: "EAUTH", responseCode: 535, response: "535 5.7.8 Username and Password not accepted", message: "Invalid login" },
      "SMTP: authentication failed (535) for user rep@example.com — the server said: Username and Password not accepted",
    ],
    [
      "IMAP wrong password",
      imap,
      {
        authenticationFailed: true,
        serverResponseCode: "AUTHENTICATIONFAILED",
        response: "2 NO [AUTHENTICATIONFAILED] Authentication failed.",
        responseText: "Authentication failed.",
        message: "Command failed",
      },
      "IMAP: authentication failed (AUTHENTICATIONFAILED) for user rep@example.com — the server said: Authentication failed.",
    ],
    [
      "IMAP wrong password, no server text",
      imap,
      { authenticationFailed: true, message: "Command failed" },
      "IMAP: authentication failed (rejected) for user rep@example.com",
    ],
    [
      "SMTP refused (nodemailer wraps it as ESOCKET)",
      smtp,
      { code: "ESOCKET", command: "CONN", message: "connect ECONNREFUSED 10.0.0.1:587" },
      "SMTP: connection refused at smtp.example.com:587 (nothing is listening there; check host and port)",
    ],
    [
      "IMAP refused",
      imap,
      { code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.1:993" },
      "IMAP: connection refused at imap.example.com:993 (nothing is listening there; check host and port)",
    ],
    [
      "expired certificate (nodemailer keeps the TLS code as originalCode)",
      smtp,
      { code: "ESOCKET", originalCode: "CERT_HAS_EXPIRED", message: "certificate has expired" },
      "SMTP: TLS certificate not trusted at smtp.example.com:587: the certificate has expired",
    ],
    [
      "self-signed certificate",
      imap,
      { code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self-signed certificate" },
      "IMAP: TLS certificate not trusted at imap.example.com:993: the certificate is self-signed",
    ],
    [
      "certificate for another name",
      imap,
      { code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "Hostname/IP does not match certificate's altnames" },
      "IMAP: TLS certificate not trusted at imap.example.com:993: the certificate is issued for another host name",
    ],
    [
      "TLS on a plain port",
      { ...smtp, port: 25, secure: true },
      { code: "ESOCKET", reason: "wrong version number", message: "error:0A00010B:SSL routines::wrong version number" },
      "SMTP: TLS handshake failed at smtp.example.com:25: the server does not start TLS on this port. Choose STARTTLS (usually port 587) or the TLS port (465).",
    ],
    [
      "plain on a TLS port (SMTP)",
      { ...smtp, port: 465 },
      { code: "ETIMEDOUT", command: "CONN", message: "Greeting never received" },
      "SMTP: smtp.example.com:465 accepted the connection but never greeted: the port may expect TLS from the start (choose TLS, usually port 465)",
    ],
    [
      "plain on a TLS port (IMAP)",
      { ...imap, secure: false },
      { code: "GREETING_TIMEOUT", message: "Failed to receive greeting from server in required time. Maybe should use TLS?" },
      "IMAP: imap.example.com:993 accepted the connection but never greeted: the port may expect TLS from the start (choose TLS, usually port 993)",
    ],
    [
      "unknown host",
      smtp,
      { code: "EDNS", message: "getaddrinfo ENOTFOUND smtp.example.com" },
      "SMTP: the host smtp.example.com was not found (DNS); check the server name",
    ],
    [
      "no answer",
      imap,
      { code: "CONNECT_TIMEOUT", message: "Failed to establish connection in required time" },
      "IMAP: no answer from imap.example.com:993 in time (a firewall, or the wrong host or port)",
    ],
    [
      "connection dropped",
      smtp,
      { code: "ECONNRESET", message: "read ECONNRESET" },
      "SMTP: the server at smtp.example.com:587 closed the connection during sign-in",
    ],
    [
      "another SMTP refusal",
      smtp,
      { code: "EENVELOPE", responseCode: 554, response: "554 5.7.1 Relay access denied", message: "x" },
      "SMTP: the server at smtp.example.com:587 refused (554): Relay access denied",
    ],
    ["anything else keeps its message", imap, new Error("Unexpected close"), "IMAP: Unexpected close (at imap.example.com:993)"],
    ["not even an Error", smtp, "boom", "SMTP: boom (at smtp.example.com:587)"],
  ])("%s", (_name, at, error, words) => {
    expect(describeMailError(error, at)).toBe(words);
  });
});
