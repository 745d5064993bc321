/** "Re: " + subject for a real reply (never doubled: "RE: x", "Re: x", "AW: x" stay as they are). */
export function replySubject(subject: string): string {
  const s = subject.trim();
  if (/^(re|aw|sv|antw|réf|rif|回复|答复)\s*:/i.test(s)) return s;
  return `Re: ${s}`;
}
