import { resolve } from "node:path";
import { DEVNET_CHAIN_ID, devAccounts } from "../../chain/devAccounts.ts";
import type { CommandGroup } from "../types.ts";
import { defineCommand } from "../types.ts";
import { readNetworkStatus } from "./read.ts";
import { renderNetworkStatus } from "./render.ts";

export const networkStatus = defineCommand({
  summary: "the network on one screen: chain, contracts, operators, security margin, market, governance",
  description:
    "Reads the deployment's chain at the latest block: the contracts, the strategies, every operator (from\n" +
    "the DelegationManager's registrations) with its delegated stake and its standing in Palisade's operator\n" +
    "set, each operator set's economic security (U, α·U against (1+γ)·π, the margin, critical members),\n" +
    "the AVS's quorum, marketplace counts, and governance and alerts when the deployment has them. On\n" +
    "the devnet it names the seeded accounts and lists the running services (services.json).",
  example: "npx palisade status",
  options: {},
  async run(context) {
    const [client, deployment] = await Promise.all([context.publicClient(), context.deployment()]);
    const status = await readNetworkStatus(client, deployment, {
      rpcUrl: context.globals.rpcUrl ?? deployment.rpcUrl,
      deploymentFile: resolve(context.io.cwd, context.globals.deploymentPath),
    });
    const names =
      deployment.chainId === DEVNET_CHAIN_ID
        ? new Map(devAccounts().map((entry) => [entry.account.address, entry.name]))
        : new Map();
    return {
      data: { ...status },
      text: renderNetworkStatus(status, (address) => names.get(address)),
    };
  },
});

/** `palisade status`: a one-screen summary of the network. */
export const statusGroup: CommandGroup = {
  summary: "a one-screen summary of the network: contracts, operators, providers, governance, alerts",
  commands: { "": networkStatus },
};
