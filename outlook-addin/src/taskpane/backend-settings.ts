// Where the pane finds the backend and how it signs in, kept in localStorage (works in every Outlook client;
// Office's roaming settings would need an item context and sync slowly).
export interface BackendSettings {
  /** Base URL of the backend, without a trailing slash. */
  backendUrl: string;
  /** "token": the API token below; "microsoft": an Entra token from nested app authentication. */
  method: "token" | "microsoft";
  token: string | null;
}

const KEY = "threadline.backend";

export function loadBackendSettings(storage: Storage): BackendSettings | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<BackendSettings>;
    if (typeof v.backendUrl !== "string" || (v.method !== "token" && v.method !== "microsoft")) return null;
    if (v.method === "token" && !v.token) return null;
    return { backendUrl: v.backendUrl, method: v.method, token: v.token ?? null };
  } catch {
    return null;
  }
}

export function saveBackendSettings(storage: Storage, settings: BackendSettings): void {
  storage.setItem(KEY, JSON.stringify(settings));
}

export function clearBackendSettings(storage: Storage): void {
  storage.removeItem(KEY);
}

/** Validates what a person typed; returns the normalised URL or throws a message to show next to the field. */
export function normalizeBackendUrl(input: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error("Enter the backend's full address, e.g. https://threadline.example.com.");
  }
  const local = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new Error("The backend must use https (plain http only on this computer: 127.0.0.1 or localhost).");
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
