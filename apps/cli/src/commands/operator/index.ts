import type { CommandGroup } from "../types.ts";
import { operatorAllocate } from "./allocate.ts";
import { operatorRegister } from "./register.ts";
import { operatorStatus } from "./status.ts";
import { operatorUpdateStake } from "./updateStake.ts";

/** `palisade operator …`: register with the AVS, allocate stake to the operator set, show status. */
export const operatorGroup: CommandGroup = {
  summary: "run an operator: register with the AVS, allocate stake to the operator set, status",
  commands: {
    register: operatorRegister,
    allocate: operatorAllocate,
    status: operatorStatus,
    "update-stake": operatorUpdateStake,
  },
};
