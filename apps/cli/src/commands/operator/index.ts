import type { CommandGroup } from "../types.ts";

/** `palisade operator …`: register with the AVS, allocate stake to the operator set, show status. */
export const operatorGroup: CommandGroup = {
  summary: "run an operator: register with the AVS, allocate stake to the operator set, status",
  commands: {},
};
