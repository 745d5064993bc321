import type { Transporter } from "nodemailer";
import { ProviderError, sendEach, type Transport } from "./transport";

interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
  command?: string;
}

/**
 * SMTP via nodemailer: our own Message-ID, In-Reply-To and References travel in the raw message.
 * SMTP cannot be asked afterwards whether a message went out: a job found `sending` after a crash is not resent
 * (reconcile answers "unknown", the dispatcher fails the job and pauses the enrollment for a person to decide).
 */
export function smtpSend(transporter: Transporter): Transport {
  return {
    kind: "smtp",
    supportsListUnsubscribe: true,
    sendMany: (requests) =>
      sendEach(requests, async (r) => {
        try {
          await transporter.sendMail({ envelope: { from: r.from, to: [r.to] }, raw: r.message.raw });
        } catch (e) {
          const err = e as SmtpError;
          const code = err.responseCode;
          // An SMTP reply code means the server refused before accepting the message: nothing was sent.
          if (code && code >= 400) {
            throw new ProviderError(`SMTP ${code}: ${err.message}`, { definite: true, retryable: code < 500 });
          }
          if (err.code === "EAUTH" || err.code === "ECONNREFUSED" || err.code === "EDNS") {
            throw new ProviderError(`SMTP ${err.code}: ${err.message}`, { definite: true, retryable: true });
          }
          throw new ProviderError(`SMTP: ${err.message}`, { definite: false, retryable: false });
        }
        return { messageId: r.message.messageId, providerMessageId: null, providerThreadId: null };
      }),
    reconcile: async () => ({ unknown: "SMTP cannot tell whether an interrupted send was delivered" }),
  };
}
