import type { CommandGroup } from "../types.ts";

/** `palisade status`: a one-screen summary of the network. */
export const statusGroup: CommandGroup = {
  summary: "a one-screen summary of the network: contracts, operators, providers, governance, alerts",
  commands: {},
};
