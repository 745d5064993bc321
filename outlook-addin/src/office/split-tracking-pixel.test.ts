import { expect, test } from "vitest";
import { splitTrackingPixel } from "./split-tracking-pixel";

const pixel = '<img data-threadline-pixel src="https://t.example/o/abc.gif" width="1" height="1" alt="">';

test.each([
  ["no pixel", "<p>Hi</p>", "<p>Hi</p>", null],
  ["pixel at the end", `<p>Hi</p>${pixel}`, "<p>Hi</p>", pixel],
  [
    "pixel in the middle, upper-case tag",
    `<p>a</p><IMG alt="" data-threadline-pixel="1" src="https://t.example/p.gif"><p>b</p>`,
    "<p>a</p><p>b</p>",
    '<IMG alt="" data-threadline-pixel="1" src="https://t.example/p.gif">',
  ],
  ["two pixels: one kept, both removed from the body", `${pixel}<p>x</p>${pixel}`, "<p>x</p>", pixel],
  [
    "an ordinary image stays",
    '<p><img src="https://cdn.example/logo.png" alt="Logo"></p>',
    '<p><img src="https://cdn.example/logo.png" alt="Logo"></p>',
    null,
  ],
  ["the words in text are not a pixel", "<p>data-threadline-pixel</p>", "<p>data-threadline-pixel</p>", null],
])("%s", (_name, input, html, found) => {
  expect(splitTrackingPixel(input)).toEqual({ html, pixel: found });
});
