import { describe, expect, test } from "vitest";
import { detectColumnMapping } from "./detect-column-mapping";

describe("detectColumnMapping", () => {
  test.each([
    [
      ["Email", "First name", "Last name", "Company", "Country"],
      ["email", "firstName", "lastName", "company", "country"],
    ],
    [
      ["E-mail", "Full Name", "Job Title", "Phone Number"],
      ["email", "displayName", "title", "phone"],
    ],
    [
      ["\uFEFFemail_address", "first_name", "last_name"],
      ["email", "firstName", "lastName"],
    ],
    [
      ["邮箱", "姓名", "公司", "国家", "电话", "职位"],
      ["email", "displayName", "company", "country", "phone", "title"],
    ],
    [
      ["电子邮件", "名", "姓", "手机", "国家/地区"],
      ["email", "firstName", "lastName", "phone", "country"],
    ],
    [
      ["Email (required)", "Notes"],
      ["email", "ignore"],
    ],
    [
      ["Email", "E-mail"],
      ["email", "ignore"],
    ],
    [
      ["Booth", "Interest"],
      ["ignore", "ignore"],
    ],
  ])("%j", (headers, fields) => {
    const mapping = detectColumnMapping({ headers });
    expect(headers.map((h) => mapping[h])).toEqual(fields);
  });

  test("overrides win and take the field away from detection", () => {
    const mapping = detectColumnMapping({
      headers: ["Email", "Work mail", "备注"],
      overrides: { "Work mail": "email", 备注: "ignore" },
    });
    expect(mapping).toEqual({ Email: "ignore", "Work mail": "email", 备注: "ignore" });
  });
});
