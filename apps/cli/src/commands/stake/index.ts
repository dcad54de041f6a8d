import type { CommandGroup } from "../types.ts";

/** `palisade stake …`: the restaker's (investor's) commands. */
export const stakeGroup: CommandGroup = {
  summary: "restake: deposit into a strategy, delegate, queue and complete withdrawals, claim rewards",
  commands: {},
};
