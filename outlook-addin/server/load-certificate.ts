// The TLS certificate for the local HTTPS server: given PEM files (mkcert), or a self-signed one generated on first
// start and kept in the data dir (valid for 127.0.0.1, ::1 and localhost).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface Certificate {
  cert: string;
  key: string;
  /** Where the certificate file is, so a person can trust it. */
  certPath: string;
  generated: boolean;
}

export async function loadCertificate(opts: { dataDir: string; certFile?: string; keyFile?: string }): Promise<Certificate> {
  if (opts.certFile || opts.keyFile) {
    if (!opts.certFile || !opts.keyFile) throw new Error("Set both ADDIN_TLS_CERT and ADDIN_TLS_KEY (PEM files), or neither.");
    return {
      cert: readFileSync(opts.certFile, "utf8"),
      key: readFileSync(opts.keyFile, "utf8"),
      certPath: opts.certFile,
      generated: false,
    };
  }
  const certPath = join(opts.dataDir, "addin-cert.pem");
  const keyPath = join(opts.dataDir, "addin-key.pem");
  if (existsSync(certPath) && existsSync(keyPath)) {
    return { cert: readFileSync(certPath, "utf8"), key: readFileSync(keyPath, "utf8"), certPath, generated: false };
  }
  const notAfterDate = new Date();
  notAfterDate.setDate(notAfterDate.getDate() + 365);
  const pems = await generate([{ name: "commonName", value: "Threadline add-in (localhost)" }], {
    keySize: 2048,
    algorithm: "sha256",
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  mkdirSync(opts.dataDir, { recursive: true });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  writeFileSync(certPath, pems.cert);
  return { cert: pems.cert, key: pems.private, certPath, generated: true };
}
