// @vitest-environment happy-dom
import { expect, test } from "vitest";
import { insertAtCaret } from "./insert-at-caret";

test.each([
  { name: "no remembered caret: appends at the end", html: "<div>Hi</div>", at: null, want: "<div>Hi</div><p>T</p>" },
  { name: "caret in the middle of text", html: "Hello world", at: 5, want: "Hello<p>T</p> world" },
  { name: "caret at the start", html: "Hello", at: 0, want: "<p>T</p>Hello" },
])("$name", ({ html, at, want }) => {
  document.body.innerHTML = `<div id="b" contenteditable="true">${html}</div><div id="other">x</div>`;
  const body = document.getElementById("b")!;
  let range: Range | null = null;
  if (at !== null) {
    range = document.createRange();
    range.setStart(body.firstChild!, at);
    range.collapse(true);
  }
  let inputs = 0;
  body.addEventListener("input", () => inputs++);
  insertAtCaret(body, range, "<p>T</p>");
  expect(body.innerHTML).toBe(want);
  expect(inputs).toBe(1);
});

test("a remembered caret outside the body is ignored", () => {
  document.body.innerHTML = `<div id="b" contenteditable="true">Body</div><div id="other">x</div>`;
  const range = document.createRange();
  range.setStart(document.getElementById("other")!.firstChild!, 0);
  insertAtCaret(document.getElementById("b")!, range, "<i>T</i>");
  expect(document.getElementById("b")!.innerHTML).toBe("Body<i>T</i>");
  expect(document.getElementById("other")!.innerHTML).toBe("x");
});
