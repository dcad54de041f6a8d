import { createTestClient, custom } from "viem";
import { getBlock, increaseTime, mine } from "viem/actions";
import { DEVNET_CHAIN_ID } from "../../chain/devAccounts.ts";
import { DevnetOnlyError } from "../../errors.ts";
import { integerSchema } from "../../options.ts";
import { duration } from "../../output/format.ts";
import { defineCommand } from "../types.ts";

export const devWarp = defineCommand({
  summary: "move the devnet's clock forward and mine a block (past a voting period, a timelock, a delay)",
  description:
    "Devnet only (chain id 31337): anvil's evm_increaseTime, then one block is mined at the new time.\n" +
    "Blocks keep coming every second from there; the chain stays that far ahead of wall time (a restart\n" +
    "of the devnet keeps it). Delays counted in blocks (withdrawals, allocations) are not moved.",
  example: "npx palisade dev warp --seconds 3600",
  options: {
    seconds: {
      type: "string",
      placeholder: "n",
      description: "how far to move the clock",
      // A year at most: enough for any delay of the contracts, short of a typo's millennia.
      schema: integerSchema("--seconds", 1, 365 * 86_400),
      required: true,
    },
  },
  async run(context, args) {
    const client = await context.rpcClient();
    if (client.chain.id !== DEVNET_CHAIN_ID) throw new DevnetOnlyError("dev warp", client.chain.id);
    const before = await getBlock(client, { blockTag: "latest" });
    // anvil's own methods, over the same connection (--rpc or the deployment's).
    const test = createTestClient({
      chain: client.chain,
      mode: "anvil",
      transport: custom({ request: (request) => client.request(request as never) }),
    });
    await increaseTime(test, { seconds: args.seconds });
    await mine(test, { blocks: 1 });
    const after = await getBlock(client, { blockTag: "latest" });
    const ahead = Number(after.timestamp) - Math.floor(context.clock() / 1000);
    return {
      data: {
        seconds: args.seconds,
        block: after.number,
        timestamp: after.timestamp,
        previousTimestamp: before.timestamp,
        aheadOfWallClock: ahead,
      },
      text: [
        `moved the clock ${duration(args.seconds)} forward: block ${after.number} at ${new Date(Number(after.timestamp) * 1000).toISOString()}`,
        `  the chain's time is ${ahead > 0 ? `${duration(ahead)} ahead of` : "at"} wall time`,
      ].join("\n"),
    };
  },
});
