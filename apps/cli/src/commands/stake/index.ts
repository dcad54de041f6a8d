import type { CommandGroup } from "../types.ts";
import { stakeClaim } from "./claim.ts";
import { stakeComplete } from "./complete.ts";
import { stakeDelegate } from "./delegate.ts";
import { stakeDeposit } from "./deposit.ts";
import { stakeWithdraw } from "./withdraw.ts";

/** `palisade stake …`: the restaker's (investor's) commands. */
export const stakeGroup: CommandGroup = {
  summary: "restake: deposit into a strategy, delegate, queue and complete withdrawals, claim rewards",
  commands: {
    deposit: stakeDeposit,
    delegate: stakeDelegate,
    withdraw: stakeWithdraw,
    complete: stakeComplete,
    claim: stakeClaim,
  },
};
