// Backend URL and API token, kept in chrome.storage.local (never sync: the token must not leave this profile).
export interface Settings {
  baseUrl: string;
  token: string;
}

const KEY = "threadline.settings";

export async function readSettings(): Promise<Settings | null> {
  const got = await chrome.storage.local.get(KEY);
  const value = got[KEY] as Partial<Settings> | undefined;
  return value?.baseUrl && value.token ? { baseUrl: value.baseUrl, token: value.token } : null;
}

export async function writeSettings(settings: Settings | null): Promise<void> {
  if (settings) await chrome.storage.local.set({ [KEY]: settings });
  else await chrome.storage.local.remove(KEY);
}
