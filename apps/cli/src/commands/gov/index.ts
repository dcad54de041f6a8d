import type { CommandGroup } from "../types.ts";

/** `palisade gov …`: proposals and votes on the governor (decision 0006). */
export const govGroup: CommandGroup = {
  summary: "governance: propose, vote, queue and execute proposals, show them",
  commands: {},
};
