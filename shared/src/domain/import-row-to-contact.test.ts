import { describe, expect, test } from "vitest";
import type { ImportField } from "../schemas/import";
import { importRowToContact } from "./import-row-to-contact";

const mapping: Record<string, ImportField> = {
  邮箱: "email",
  姓名: "displayName",
  国家: "country",
  公司: "company",
  Tags: "tags",
  Stage: "stage",
  Notes: "ignore",
};

describe("importRowToContact", () => {
  test("maps, normalises and adds the batch tags and source", () => {
    const r = importRowToContact({
      record: {
        邮箱: " Li.Wei@Factory.CN ",
        姓名: "李伟",
        国家: "中国",
        公司: "Factory Ltd",
        Tags: "vip; pumps",
        Stage: "Qualified",
        Notes: "x",
      },
      mapping,
      tags: ["trade-show:canton-fair-2026", "vip"],
      source: "trade-show:canton-fair-2026",
    });
    expect(r).toEqual({
      ok: true,
      company: "Factory Ltd",
      contact: {
        email: "li.wei@factory.cn",
        displayName: "李伟",
        country: "CN",
        stage: "qualified",
        tags: ["trade-show:canton-fair-2026", "vip", "pumps"],
        source: "trade-show:canton-fair-2026",
        customFields: { company: "Factory Ltd" },
      },
    });
  });

  test.each([
    ["empty email", { 邮箱: "  " }, "email"],
    ["invalid email", { 邮箱: "not-an-email" }, "email"],
    ["unknown country", { 邮箱: "a@b.com", 国家: "Atlantis" }, "country"],
    ["unknown stage", { 邮箱: "a@b.com", Stage: "hot-ish" }, "stage"],
    ["overlong name", { 邮箱: "a@b.com", 姓名: "x".repeat(300) }, "displayName"],
  ])("rejects %s naming the field", (_n, record, field) => {
    const r = importRowToContact({ record, mapping, tags: [], source: null });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });

  test("empty cells are left out, so an update never blanks a field", () => {
    const r = importRowToContact({ record: { 邮箱: "a@b.com", 姓名: "", 国家: "" }, mapping, tags: [], source: null });
    expect(r).toEqual({ ok: true, company: null, contact: { email: "a@b.com", tags: [] } });
  });
});
