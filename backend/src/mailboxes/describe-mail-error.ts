// Turns what nodemailer (SMTP) and imapflow (IMAP) throw into one sentence a rep can act on: which protocol,
// which server, and what to change. Pure, so every case is a table test.

export interface MailEndpoint {
  protocol: "SMTP" | "IMAP";
  host: string;
  port: number;
  secure: boolean;
  username: string;
}

interface MailLibraryError {
  code?: unknown;
  originalCode?: unknown;
  cause?: { code?: unknown };
  message?: unknown;
  reason?: unknown;
  responseCode?: unknown;
  response?: unknown;
  responseText?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
}

const certificateProblems: Record<string, string> = {
  CERT_HAS_EXPIRED: "the certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "a self-signed certificate is in the chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate's issuer is not known",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is not known",
  ERR_TLS_CERT_ALTNAME_INVALID: "the certificate is issued for another host name",
  CERT_NOT_YET_VALID: "the certificate is not valid yet",
};

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** The server's own words of an SMTP/IMAP reply, without the status code or IMAP tag. */
function serverSaid(e: MailLibraryError): string {
  const raw = text(e.responseText) || text(e.response);
  return raw
    .replace(/^\d{3}[\s-](\d\.\d\.\d+\s)?/, "")
    .replace(/^\S+ (NO|BAD) (\[[^\]]*\] )?/, "")
    .slice(0, 200);
}

export function describeMailError(error: unknown, at: MailEndpoint): string {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as MailLibraryError;
  const codes = [e.code, e.originalCode, e.cause?.code].filter((c): c is string => typeof c === "string");
  const message = text(e.message);
  const where = `${at.host}:${at.port}`;
  const p = at.protocol;
  const has = (...wanted: string[]) => wanted.some((w) => codes.includes(w) || message.includes(w));

  const responseCode = typeof e.responseCode === "number" ? e.responseCode : null;
  if (has("EAUTH") || e.authenticationFailed === true || responseCode === 535 || responseCode === 534) {
    const said = serverSaid(e);
    const code = responseCode ?? (text(e.serverResponseCode) || "rejected");
    return `${p}: authentication failed (${code}) for user ${at.username}${said ? ` — the server said: ${said}` : ""}`;
  }
  const certificate = codes.find((c) => c in certificateProblems);
  if (certificate) return `${p}: TLS certificate not trusted at ${where}: ${certificateProblems[certificate]}`;
  if (/wrong version number|unknown protocol|packet length too long/i.test(`${message} ${text(e.reason)}`)) {
    return `${p}: TLS handshake failed at ${where}: the server does not start TLS on this port. Choose STARTTLS (usually port ${p === "SMTP" ? 587 : 143}) or the TLS port (${p === "SMTP" ? 465 : 993}).`;
  }
  if (has("ECONNREFUSED")) return `${p}: connection refused at ${where} (nothing is listening there; check host and port)`;
  if (has("ENOTFOUND", "EDNS", "EAI_AGAIN")) return `${p}: the host ${at.host} was not found (DNS); check the server name`;
  if (has("EHOSTUNREACH", "ENETUNREACH")) return `${p}: ${where} cannot be reached from this server (no route)`;
  if (has("GREETING_TIMEOUT", "Greeting never received")) {
    return at.secure
      ? `${p}: ${where} accepted the connection but never greeted; check the port`
      : `${p}: ${where} accepted the connection but never greeted: the port may expect TLS from the start (choose TLS, usually port ${p === "SMTP" ? 465 : 993})`;
  }
  if (has("ETIMEDOUT", "ETIMEOUT", "CONNECT_TIMEOUT")) {
    return `${p}: no answer from ${where} in time (a firewall, or the wrong host or port)`;
  }
  if (has("ECONNRESET", "EPIPE") || /socket closed|connection closed/i.test(message)) {
    return `${p}: the server at ${where} closed the connection during sign-in`;
  }
  if (responseCode !== null) {
    return `${p}: the server at ${where} refused (${responseCode})${serverSaid(e) ? `: ${serverSaid(e)}` : ""}`;
  }
  return `${p}: ${message || "the connection failed"} (at ${where})`;
}
