// Bytes → text for the CSV parser, with the checks a person needs an answer to: too large, an Excel
// workbook instead of CSV, UTF-16, or a Chinese-Excel GBK/GB18030 file that is not UTF-8.
import { ApiError } from "../http/api-error";

export class ImportFileError extends ApiError {}

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

function sniffBinary(head: Uint8Array): string | null {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return "This is an Excel workbook (.xlsx) or another zip file, not CSV. In Excel use File → Save As → 'CSV UTF-8'.";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)
    return "This is an old Excel workbook (.xls), not CSV. In Excel use File → Save As → 'CSV UTF-8'.";
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return "The file is UTF-16 ('Unicode text'). Save it as 'CSV UTF-8' and upload again.";
  return null;
}

function describeBadUtf8(chunk: Uint8Array): string {
  let han = 0;
  try {
    const text = new TextDecoder("gb18030", { fatal: true }).decode(chunk.subarray(0, 4096));
    han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  } catch {
    han = 0;
  }
  return han > 0
    ? "The file is not UTF-8: it looks like GBK/GB18030 (the default of Chinese Excel). Save it as 'CSV UTF-8', or upload it again with encoding=gb18030."
    : "The file is not UTF-8 (perhaps Windows-1252/Latin-1). Save it as 'CSV UTF-8' and upload again.";
}

/** Decoded text chunks; throws ImportFileError past `maxBytes` or on bytes that are not the stated encoding. */
export async function* decodeCsvText(
  source: AsyncIterable<Uint8Array>,
  opts: { maxBytes: number; encoding: "utf-8" | "gb18030"; onBytes?: (total: number) => void },
): AsyncGenerator<string> {
  const decoder = new TextDecoder(opts.encoding, { fatal: true });
  let total = 0;
  let first = true;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > opts.maxBytes) {
      throw new ImportFileError(
        "payload_too_large",
        `The file is larger than the import limit of ${mb(opts.maxBytes)}. Split it into smaller files.`,
      );
    }
    if (first && chunk.length > 0) {
      first = false;
      const binary = sniffBinary(chunk);
      if (binary) throw new ImportFileError("bad_request", binary);
    }
    opts.onBytes?.(total);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new ImportFileError("bad_request", describeBadUtf8(chunk));
    }
    if (text) yield text;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new ImportFileError("bad_request", "The file ends in the middle of a character: it is cut off or not UTF-8.");
  }
  if (tail) yield tail;
}
