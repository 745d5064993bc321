import { TRACKING_SECURITY_HEADERS } from "../http/security-headers";

/** The 43-byte transparent GIF89a every open pixel answers with, and the headers that keep it uncached. */
export const pixelGif: Uint8Array<ArrayBuffer> = Uint8Array.from(
  Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64"),
);

export const pixelHeaders: Record<string, string> = {
  ...TRACKING_SECURITY_HEADERS,
  "Content-Type": "image/gif",
  "Content-Length": String(pixelGif.byteLength),
  "Cache-Control": "no-cache, no-store, must-revalidate",
  Pragma: "no-cache",
  Expires: "0",
};
