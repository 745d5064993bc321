import { expect, test } from "vitest";
import { detectChallengeResponse, type ChallengeResponseInput } from "./detect-challenge-response";

const base: ChallengeResponseInput = {
  from: "buyer@acme.example",
  returnPath: "buyer@acme.example",
  subject: "Re: Offer",
  headers: {},
  ownText: "",
};
const run = (over: Partial<ChallengeResponseInput>) =>
  detectChallengeResponse({ ...base, ...over, headers: { ...over.headers } });

test.each<[string, Partial<ChallengeResponseInput>, string | null | false]>([
  [
    "Boxbe guest-list request from its notifier",
    {
      from: "notifications@boxbe.com",
      subject: "Request to join my Guest List",
      ownText: "Click to confirm and be added to my Guest List.",
    },
    "Boxbe",
  ],
  [
    "a generic filter from a no-reply sender",
    { from: "noreply@filter.example", ownText: "Please confirm that you are a human so your message can be delivered." },
    null,
  ],
  [
    "Auto-Submitted + held-until wording",
    { headers: { "auto-submitted": "auto-replied" }, ownText: "Your message is being held until you verify your address." },
    null,
  ],
  [
    "service named in the text + an ask, sent from the person's own address",
    { ownText: "I am protected by Spam Arrest. Please verify you are a real person by clicking the link below." },
    "Spam Arrest",
  ],
  [
    "French wording (MailInBlack-style), null sender",
    { returnPath: "", ownText: "Un clic pour délivrer votre email ! Votre message est en attente de validation." },
    null,
  ],
  ["German wording, null sender", { returnPath: "", ownText: "Bitte bestätigen Sie, dass Sie ein Mensch sind." }, null],
  // Not challenges:
  ["a person writing from @bluebottle.com", { from: "nanako@bluebottle.com", ownText: "Thanks, the patch looks fine." }, false],
  [
    "a person asking to confirm something",
    { ownText: "Please confirm that you received the samples and that you are a real supplier." },
    false,
  ],
  [
    "an auto-reply of a Boxbe user",
    { from: "ingo@boxbe.com", headers: { "auto-submitted": "auto-replied" }, ownText: "I am out of the office until Monday." },
    false,
  ],
  ["the ask alone, from a person", { ownText: "Our spam filter needs you to verify: reply if this bounced." }, false],
])("%s", (_name, over, service) => {
  const r = run(over);
  if (service === false) expect(r).toBeNull();
  else {
    expect(r?.service).toBe(service);
    expect(r?.evidence.length).toBeGreaterThan(0);
  }
});
