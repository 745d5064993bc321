// Which passwords the console refuses (setup, invitation accept): long enough, and not a guessable pattern.
// Pure: the shared zod schemas use it on both sides (the console's forms and the API).

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// Fragments at the top of every breached-password list; a password containing one is refused whatever else it has.
const guessable = ["password", "passwort", "qwerty", "123456", "letmein", "threadline"];

/** Why `password` is refused for the account `email`, as a sentence ending the field name; null when it is fine. */
export function checkPassword({ password, email }: { password: string; email?: string }): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  const hit = guessable.find((g) => lower.includes(g));
  if (hit) return `must not contain '${hit}' (it is among the first guesses of every attacker)`;
  if (/^(.)\1*$/.test(password)) return "must not be one character repeated";
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split("@")[0] ?? "";
    if (lower === address || lower.includes(address) || (local.length >= 4 && lower === local)) {
      return "must not be your email address";
    }
  }
  return null;
}
