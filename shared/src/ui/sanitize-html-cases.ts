// The table both sanitisers are tested against — the sidebar's DOMPurify (ui/sanitize-html.test.ts) and the server's
// DOMPurify over jsdom (backend security/sanitize-template-html.test.ts) — so the two cannot drift apart.
export const sanitizeHtmlCases: { name: string; html: string; want: string }[] = [
  {
    name: "keeps formatting and links",
    html: '<p>Hi <b>Li</b>, <a href="https://x.test/a">see</a></p>',
    want: '<p>Hi <b>Li</b>, <a href="https://x.test/a">see</a></p>',
  },
  {
    name: "keeps placeholders, tracking attributes, mailto links and inline styles",
    html: '<p style="color:#333">{{first_name | there}}</p><a data-buying-signal="" href="{{website}}">w</a><a href="mailto:a@b.test">m</a>',
    want: '<p style="color:#333">{{first_name | there}}</p><a data-buying-signal="" href="{{website}}">w</a><a href="mailto:a@b.test">m</a>',
  },
  { name: "drops script", html: "<p>a</p><script>alert(1)</script>", want: "<p>a</p>" },
  {
    name: "drops event handlers",
    html: '<img src="https://x.test/i.png" onerror="alert(1)">',
    want: '<img src="https://x.test/i.png">',
  },
  { name: "drops javascript: links", html: '<a href="javascript:alert(1)">x</a>', want: "<a>x</a>" },
  { name: "drops obfuscated javascript: links", html: '<a href=" jav&#x09;ascript:alert(1)">x</a>', want: "<a>x</a>" },
  { name: "drops data: links", html: '<a href="data:text/html,<script>alert(1)</script>">x</a>', want: "<a>x</a>" },
  { name: "drops forms and frames", html: '<form><input name="q"></form><iframe src="https://x.test"></iframe>ok', want: "ok" },
  { name: "drops meta refresh", html: '<meta http-equiv="refresh" content="0;url=https://evil.test">ok', want: "ok" },
  { name: "drops base", html: '<base href="https://evil.test/"><a href="/x">x</a>', want: '<a href="/x">x</a>' },
  { name: "drops object and embed", html: '<object data="x.swf"></object><embed src="x.swf">ok', want: "ok" },
  { name: "drops svg script", html: "<svg><script>alert(1)</script></svg>ok", want: "ok" },
  { name: "drops style elements", html: "<style>body{display:none}</style><p>a</p>", want: "<p>a</p>" },
  { name: "drops id and name (DOM clobbering)", html: '<p id="x" name="y">a</p>', want: "<p>a</p>" },
];
