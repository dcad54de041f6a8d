import { marketplaceAbi } from "@palisade/abis";
import { revokeSessionKey } from "@palisade/sdk";
import { readContract } from "viem/actions";
import { addressSchema } from "../../options.ts";
import { when } from "../../output/format.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const consumerSessionKeyRevoke = defineCommand({
  summary: "end a session key's authority (after the marketplace's revocation delay)",
  description:
    "Tokens the key signed stay valid for the revocation delay, so providers can claim calls they served.\n" +
    "Here --key is the session key's ADDRESS; sign with PALISADE_KEY, --private-key, --keystore or --account.",
  example:
    "npx palisade consumer session-key revoke --account consumer0 --key 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  options: {
    key: {
      type: "string",
      placeholder: "address",
      description: "the session key's address",
      schema: addressSchema("--key"),
      required: true,
    },
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    const { hash } = await revokeSessionKey(wallet, { contracts, key: args.key });
    const client = await context.publicClient();
    const [validUntil, now] = await Promise.all([
      readContract(client, {
        address: contracts.marketplace,
        abi: marketplaceAbi,
        functionName: "sessionKeyValidUntil",
        args: [wallet.account.address, args.key],
      }) as Promise<number>,
      context.now(),
    ]);
    return {
      data: { consumer: wallet.account.address, key: args.key, validUntil, transaction: hash },
      text: [
        `${args.key} stops signing for ${wallet.account.address} at ${when(validUntil, now)}`,
        transactionLines([["revokeSessionKey", hash]]),
      ].join("\n"),
    };
  },
});
