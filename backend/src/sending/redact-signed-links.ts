// The signed public links of a stored message (/u/<token> unsubscribe, /t/o/<token>.gif pixel, /t/c/<ticket>
// click), replaced by /u/redacted, … for a reader who may not act on them: each one unsubscribes a recipient or
// records an open or a click. The message is a MIME tree whose text parts may be quoted-printable (a link split by a
// soft line break) or base64 (no link visible at all), so each text part is decoded, redacted and re-encoded with its
// own transfer encoding by mailsplit (nodemailer's splitter/joiner); every other byte stays as stored.
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Joiner, Rewriter, Splitter, type SplitterChunk } from "@zone-eu/mailsplit";

// `<id>.<22-char base64url mac>` right after one of the three public paths (security/sign-token.ts).
const SIGNED = /(\/(?:u|t\/o|t\/c)\/)[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}/g;

/** The text with every signed public link's token replaced by `redacted`. */
export const redactSignedText = (text: string) => text.replace(SIGNED, "$1redacted");

// Byte-preserving string form (the tokens are ASCII in every charset nodemailer writes).
const redactBytes = (bytes: Buffer) => Buffer.from(redactSignedText(bytes.toString("latin1")), "latin1");

/** The root's List-Unsubscribe header carries the unsubscribe link too. */
function redactHeaders() {
  return new Transform({
    objectMode: true,
    transform(chunk: SplitterChunk, _enc, done) {
      const headers = chunk.type === "node" ? chunk.headers : false;
      const value = headers ? headers.getFirst("list-unsubscribe") : "";
      if (headers && value && redactSignedText(value) !== value) headers.update("List-Unsubscribe", redactSignedText(value));
      done(null, chunk);
    },
  });
}

/** The stored RFC 5322 source with every signed link of its headers and text parts redacted. */
export async function redactSignedLinks(raw: string): Promise<string> {
  const rewriter = new Rewriter((node) => typeof node.contentType === "string" && node.contentType.startsWith("text/"));
  rewriter.on("node", ({ decoder, encoder }) => {
    const parts: Buffer[] = [];
    decoder.on("data", (b: Buffer) => parts.push(b));
    decoder.on("end", () => encoder.end(redactBytes(Buffer.concat(parts))));
  });
  const out: Buffer[] = [];
  await pipeline(
    Readable.from([Buffer.from(raw, "utf8")]),
    new Splitter(),
    redactHeaders(),
    rewriter,
    new Joiner(),
    async (joined) => {
      for await (const b of joined as AsyncIterable<Buffer>) out.push(b);
    },
  );
  return Buffer.concat(out).toString("utf8");
}
