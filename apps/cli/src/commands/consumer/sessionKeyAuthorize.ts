import { authorizeSessionKey } from "@palisade/sdk";
import { addressSchema, integerSchema } from "../../options.ts";
import { when } from "../../output/format.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const consumerSessionKeyAuthorize = defineCommand({
  summary: "let a session key (e.g. a node gateway's signer) sign access tokens for your purchases",
  description:
    "Here --key is the session key's ADDRESS; sign with PALISADE_KEY, --private-key, --keystore or --account.",
  example:
    "npx palisade consumer session-key authorize --account consumer0 --key 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --valid-for 86400",
  options: {
    key: {
      type: "string",
      placeholder: "address",
      description: "the session key's address",
      schema: addressSchema("--key"),
      required: true,
    },
    validFor: {
      type: "string",
      placeholder: "seconds",
      description: "how long from now the key may sign (tokens expiring after that are refused)",
      schema: integerSchema("--valid-for", 1, 10 * 365 * 86_400),
      required: true,
    },
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    const now = await context.now();
    const validUntil = Number(now) + args.validFor;
    const { hash } = await authorizeSessionKey(wallet, { contracts, key: args.key, validUntil });
    return {
      data: { consumer: wallet.account.address, key: args.key, validUntil, transaction: hash },
      text: [
        `${args.key} may sign access tokens for ${wallet.account.address} until ${when(validUntil, now)}`,
        transactionLines([["authorizeSessionKey", hash]]),
      ].join("\n"),
    };
  },
});
