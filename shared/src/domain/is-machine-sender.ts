const DAEMON_SENDER = /^(mailer-daemon|mailer_daemon|mail-daemon|mailerdaemon|postmaster)@/i;

/** Mail from a mail system rather than a person: a mailer-daemon/postmaster sender or the null Return-Path `<>`. */
export function isMachineSender(input: { from: string | null; returnPath?: string | null }): boolean {
  return input.returnPath === "" || (input.from !== null && DAEMON_SENDER.test(input.from));
}
