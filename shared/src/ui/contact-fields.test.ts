import { expect, test } from "vitest";
import { stageSchema } from "../schemas/contact";
import { STAGES } from "./contact-fields";

test("the stage picker offers exactly the schema's stages", () => {
  expect([...STAGES]).toEqual(stageSchema.options);
});
