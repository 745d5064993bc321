// The variables a template can use, as the server's contactVariables() fills them (shared/domain/contact-variables),
// grouped for the "Insert variable" menu, and the token the renderer reads: `{{first_name | there}}`.
export const templateVariableGroups: { group: string; items: { key: string; label: string; fallback: string }[] }[] = [
  {
    group: "Contact",
    items: [
      { key: "first_name", label: "First name", fallback: "there" },
      { key: "last_name", label: "Last name", fallback: "" },
      { key: "full_name", label: "Full name", fallback: "" },
      { key: "title", label: "Job title", fallback: "" },
      { key: "email", label: "Email", fallback: "" },
      { key: "phone", label: "Phone", fallback: "" },
      { key: "country", label: "Country", fallback: "" },
    ],
  },
  {
    group: "Company",
    items: [
      { key: "company.name", label: "Company name", fallback: "your team" },
      { key: "company.domain", label: "Company domain", fallback: "" },
    ],
  },
  {
    group: "Sender (you)",
    items: [
      { key: "sender.name", label: "Your name", fallback: "" },
      { key: "sender.email", label: "Your email", fallback: "" },
    ],
  },
];

/** A custom field key as the renderer accepts it: letters, digits, `_` and `-`. */
export const customFieldKey = /^[\p{L}\p{N}_-]+$/u;

export const variableToken = (key: string, fallback: string) =>
  fallback.trim() ? `{{${key} | ${fallback.trim()}}}` : `{{${key}}}`;

/** A fallback to suggest for a missing variable: the menu's own, else a neutral placeholder to replace. */
export const suggestedFallback = (key: string) =>
  templateVariableGroups.flatMap((g) => g.items).find((v) => v.key === key)?.fallback || "…";
