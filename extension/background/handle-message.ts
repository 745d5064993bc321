import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { MessageReply } from "~messaging/message-reply";
import { BackendFailure } from "./backend-failure";

/** Wraps a handler body so every answer is a MessageReply (thrown BackendFailures become data). */
export function handleMessage<Req, Res>(
  run: (body: Req) => Promise<Res>,
): PlasmoMessaging.MessageHandler<Req, MessageReply<Res>> {
  return async (req, res) => {
    try {
      res.send({ ok: true, data: await run(req.body as Req) });
    } catch (e) {
      res.send({
        ok: false,
        error:
          e instanceof BackendFailure
            ? e.data
            : { kind: "http", message: e instanceof Error ? e.message : "Unexpected error in Threadline.", status: null },
      });
    }
  };
}
