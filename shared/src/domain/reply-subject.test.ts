import { expect, test } from "vitest";
import { replySubject } from "./reply-subject";

test.each([
  ["Quote for Acme", "Re: Quote for Acme"],
  ["Re: Quote", "Re: Quote"],
  ["RE: Quote", "RE: Quote"],
  ["AW: Angebot", "AW: Angebot"],
  ["  Spaced  ", "Re: Spaced"],
  ["Regarding the quote", "Re: Regarding the quote"],
])("replySubject(%j)", (input, out) => expect(replySubject(input)).toBe(out));
