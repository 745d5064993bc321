// Pass over a CSV upload: bytes → text (decode-csv-text.ts) → csv-parse, streamed, with the delimiter and the
// column mapping detected from the header; every data row becomes a valid contact or a list of errors. Only the
// current chunk is held in memory.
import { parse } from "csv-parse";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ContactWrite, ImportField, ImportOptions } from "@threadline/shared/schemas";
import { detectColumnMapping } from "@threadline/shared/domain/detect-column-mapping";
import { detectDelimiter } from "@threadline/shared/domain/detect-delimiter";
import { importRowToContact } from "@threadline/shared/domain/import-row-to-contact";
import { decodeCsvText, ImportFileError } from "./decode-csv-text";

export interface RowError {
  line: number;
  email: string;
  field: string;
  message: string;
}

export type CsvRow =
  { ok: true; line: number; contact: ContactWrite; company: string | null } | { ok: false; line: number; errors: RowError[] };

export interface ReadCsvRowsInput {
  source: AsyncIterable<Uint8Array>;
  options: ImportOptions;
  maxBytes: number;
  onBytes?: (total: number) => void;
  /** Called once, with the applied mapping, before the first row. */
  onMapping?: (mapping: Record<string, ImportField>) => void;
}

async function* prependFirstLine(chunks: AsyncGenerator<string>, onFirstLine: (line: string) => void): AsyncGenerator<string> {
  let buffered = "";
  let announced = false;
  for await (const chunk of chunks) {
    if (announced) {
      yield chunk;
      continue;
    }
    buffered += chunk;
    const nl = buffered.search(/\r?\n/);
    if (nl >= 0 || buffered.length > 64 * 1024) {
      onFirstLine(buffered.slice(0, nl >= 0 ? nl : buffered.length).replace(/^\uFEFF/, ""));
      announced = true;
      yield buffered;
    }
  }
  if (!announced) {
    onFirstLine(buffered.replace(/^\uFEFF/, ""));
    if (buffered) yield buffered;
  }
}

/** The data rows of a CSV upload, validated; throws ImportFileError for a file that cannot be read as a whole. */
export async function* readCsvRows(input: ReadCsvRowsInput): AsyncGenerator<CsvRow> {
  const { options } = input;
  const text = decodeCsvText(input.source, { maxBytes: input.maxBytes, encoding: options.encoding, onBytes: input.onBytes });
  let delimiter: string = options.delimiter ?? ",";
  const withFirstLine = prependFirstLine(text, (line) => {
    if (!options.delimiter) delimiter = detectDelimiter({ firstLine: line });
  });
  // The first chunk must be read before the parser is built, so the delimiter is known.
  const firstChunk = await withFirstLine.next();
  if (firstChunk.done || !firstChunk.value.trim()) throw new ImportFileError("bad_request", "The file is empty.");
  async function* all() {
    yield firstChunk.value as string;
    yield* withFirstLine;
  }
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 1_000_000,
  });
  const piped = pipeline(Readable.from(all()), parser);
  piped.catch(() => undefined); // errors surface through the for-await below

  let headers: string[] | null = null;
  let mapping: Record<string, ImportField> = {};
  let emailHeader: string | undefined;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!headers) {
        headers = record.map((h) => h.trim());
        mapping = checkHeaders(headers, options, delimiter);
        emailHeader = Object.keys(mapping).find((h) => mapping[h] === "email");
        input.onMapping?.(mapping);
        continue;
      }
      rows++;
      const line = info.lines;
      if (record.length > headers.length && record.slice(headers.length).some((c) => c.trim() !== "")) {
        yield {
          ok: false,
          line,
          errors: [{ line, email: "", field: "row", message: `has ${record.length} fields, the header has ${headers.length}` }],
        };
        continue;
      }
      const cells: Record<string, string | undefined> = {};
      headers.forEach((h, i) => {
        if (!(h in cells)) cells[h] = record[i];
      });
      const result = importRowToContact({ record: cells, mapping, tags: options.tags, source: options.source ?? null });
      if (result.ok) yield { ok: true, line, contact: result.contact, company: result.company };
      else {
        const email = (emailHeader && cells[emailHeader]) || "";
        yield { ok: false, line, errors: result.errors.map((e) => ({ line, email, field: e.field, message: e.message })) };
      }
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const e = err as { code?: string; message?: string; lines?: number };
    if (e.code?.startsWith("CSV_")) {
      throw new ImportFileError(
        "bad_request",
        `The CSV cannot be read near line ${e.lines ?? "?"}: ${e.message ?? e.code}. Check for an unclosed quote or a wrong delimiter (used ${JSON.stringify(delimiter)}).`,
      );
    }
    throw err;
  }
  if (!headers) throw new ImportFileError("bad_request", "The file is empty.");
  if (rows === 0) throw new ImportFileError("bad_request", "The file has a header row but no data rows.");
}

function checkHeaders(headers: string[], options: ImportOptions, delimiter: string): Record<string, ImportField> {
  const overrides = options.mapping ?? {};
  const missing = Object.keys(overrides).filter((h) => !headers.includes(h));
  if (missing.length > 0) {
    throw new ImportFileError(
      "bad_request",
      `The mapping names column(s) ${missing.map((m) => JSON.stringify(m)).join(", ")} that the file does not have. Its columns are: ${headers.map((h) => JSON.stringify(h)).join(", ")}.`,
    );
  }
  const mapping = detectColumnMapping({ headers, overrides });
  if (!Object.values(mapping).includes("email")) {
    const hint =
      headers.length === 1 && /[,;\t|]/.test(headers[0] ?? "")
        ? ` The header was read as one column with delimiter ${JSON.stringify(delimiter)}: the file probably uses another delimiter (pass delimiter=; or delimiter=, …).`
        : ` Map one with mapping={"<column>":"email"}.`;
    throw new ImportFileError(
      "bad_request",
      `No email column found. The columns are: ${headers.map((h) => JSON.stringify(h)).join(", ")}.${hint}`,
    );
  }
  return mapping;
}
