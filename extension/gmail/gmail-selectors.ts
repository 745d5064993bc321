// Every Gmail selector in one place. Obfuscated class names (gD, hP, adn, M9) change now and then, so each
// need lists the stable attribute first (email=, data-*, g_editable, role=) and the class only as a fallback.
export const gmailSelectors = {
  main: 'div[role="main"]',
  /** The open conversation's heading carries both thread ids. */
  threadHeading: "h2[data-thread-perm-id]",
  threadPermIdAttr: "data-thread-perm-id",
  threadLegacyIdAttr: "data-legacy-thread-id",
  subject: "h2.hP",
  /** One per message; `#msg-f:<decimal>` and the hex id the REST API uses. */
  message: "div[data-message-id][data-legacy-message-id], div.adn[data-message-id]",
  messageIdAttr: "data-message-id",
  messageLegacyIdAttr: "data-legacy-message-id",
  messageSender: "span.gD[email], span.zF[email]",
  messageRecipients: "span.g2[email]",
  /** Compose bodies: g_editable is Gmail's own marker; role=textbox only as a fallback (the aria-label is localised). */
  composeBody: 'div[contenteditable="true"][g_editable="true"], div[contenteditable="true"][role="textbox"]',
  composeDialog: 'div[role="dialog"]',
  composeInline: "div.M9",
  composeSubject: 'input[name="subjectbox"]',
  /** Recipient chips inside a compose (the `[email]` chip attribute, or hidden inputs of older layouts). */
  composeRecipientChip: "[data-hovercard-id][email], [email][data-name], span[email]",
  composeRecipientInput: 'input[name="to"], input[name="cc"]',
  /** The pop-out compose window is its own page: /mail/u/0/?view=cm or #…?compose=new in a popup. */
  popoutSearch: /(?:^|[?&])view=cm(?:&|$)/,
  /** Gmail's title reads "Inbox (3) - ana@example.com - Gmail" in every UI language. */
  titleEmail: /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/,
  /** The element whose width shrinks so the sidebar does not cover Gmail. */
  layoutRoot: "body",
} as const;
