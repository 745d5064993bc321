// CLI: classify raw messages from files or folders, one JSON line per file.
//   pnpm --filter @threadline/backend classify-mail <file.eml | folder>...
import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { classifyInbound } from "@threadline/shared/domain/classify-inbound";
import { parseRawMessage } from "./parse-raw-message";

export interface ClassifiedFile {
  file: string;
  kind: string;
  status: string | null;
  returnDate: string | null;
  evidence: string[];
  error?: string;
}

async function* expand(path: string): AsyncGenerator<string> {
  const s = await stat(path);
  if (!s.isDirectory()) {
    yield path;
    return;
  }
  for (const entry of (await readdir(path)).sort()) {
    const full = join(path, entry);
    const st = await stat(full);
    if (st.isDirectory()) yield* expand(full);
    else if (/\.(eml|msg|txt)$/i.test(entry) || !entry.includes(".")) yield full;
  }
}

/** Classifies every file (folders are walked: *.eml and extension-less maildir files). */
export async function* classifyMail(paths: string[], cwd: string): AsyncGenerator<ClassifiedFile> {
  for (const p of paths) {
    let files: string[];
    try {
      files = [];
      for await (const f of expand(resolve(cwd, p))) files.push(f);
    } catch (e) {
      yield { file: p, kind: "error", status: null, returnDate: null, evidence: [], error: (e as Error).message };
      continue;
    }
    for (const file of files) {
      try {
        const { parsed } = await parseRawMessage(await readFile(file));
        const r = classifyInbound(parsed);
        yield { file, kind: r.kind, status: r.status, returnDate: r.returnDate, evidence: r.evidence };
      } catch (e) {
        yield { file, kind: "error", status: null, returnDate: null, evidence: [], error: (e as Error).message };
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { env } = await import("../env");
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error("usage: pnpm --filter @threadline/backend classify-mail <file.eml | folder>...");
    process.exit(2);
  }
  let failed = false;
  for await (const line of classifyMail(args, env.INIT_CWD ?? process.cwd())) {
    if (line.kind === "error") failed = true;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  process.exit(failed ? 1 : 0);
}
