import { expect, test } from "vitest";
import { clearBackendSettings, loadBackendSettings, normalizeBackendUrl, saveBackendSettings } from "./backend-settings";

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

test("settings round-trip and clear; garbage reads as signed out", () => {
  const s = new MemoryStorage();
  expect(loadBackendSettings(s)).toBeNull();
  saveBackendSettings(s, { backendUrl: "https://b.example", method: "token", token: "tl_x" });
  expect(loadBackendSettings(s)).toEqual({ backendUrl: "https://b.example", method: "token", token: "tl_x" });
  clearBackendSettings(s);
  expect(loadBackendSettings(s)).toBeNull();
  s.setItem("threadline.backend", "{not json");
  expect(loadBackendSettings(s)).toBeNull();
  s.setItem("threadline.backend", JSON.stringify({ backendUrl: "https://b.example", method: "token", token: "" }));
  expect(loadBackendSettings(s)).toBeNull();
});

test.each([
  ["https://threadline.example.com/", "https://threadline.example.com"],
  ["  https://threadline.example.com/tl/  ", "https://threadline.example.com/tl"],
  ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
  ["http://localhost:8787/", "http://localhost:8787"],
])("accepts %s", (input, out) => {
  expect(normalizeBackendUrl(input)).toBe(out);
});

test.each([
  ["threadline.example.com", /full address/],
  ["http://threadline.example.com", /must use https/],
  ["ftp://x.example", /must use https/],
])("refuses %s", (input, message) => {
  expect(() => normalizeBackendUrl(input)).toThrow(message);
});
