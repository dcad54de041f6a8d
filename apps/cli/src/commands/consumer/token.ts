import { mintAccessToken } from "@palisade/sdk";
import { bigIdSchema } from "../../options.ts";
import { when } from "../../output/format.ts";
import { defineCommand } from "../types.ts";
import { accessOptions, prepareAccess } from "./access.ts";

export const consumerToken = defineCommand({
  summary: "sign an access token for the next call of a purchase and print the Authorization header value",
  description:
    "Prints `Palisade <token>` on stdout, for any HTTP client. The nonce is recorded as used in the state\n" +
    "dir, so `consumer call` and the next `consumer token` move past it. Sign as the purchase's consumer or\n" +
    "as a session key it authorised.",
  example:
    'curl -H "Authorization: $(npx palisade consumer token --account consumer0 --purchase 1)" "http://127.0.0.1:8700/v1/address?address=0x…"',
  options: {
    purchase: {
      type: "string",
      placeholder: "id",
      description: "the purchase",
      schema: bigIdSchema("--purchase"),
      required: true,
    },
    ...accessOptions,
  },
  async run(context, args) {
    const access = await prepareAccess(context, {
      purchaseId: args.purchase,
      nonce: args.nonce,
      expirySeconds: args.expiry,
      stateDir: args.stateDir,
    });
    const { token, authorization } = await mintAccessToken(access.wallet, {
      contracts: access.contracts,
      purchaseId: access.purchase.purchaseId,
      providerId: access.purchase.providerId,
      consumer: access.consumer,
      nonce: access.nonce,
      expiry: access.expiry,
    });
    await access.store.record(access.nonceKey, access.nonce);
    context.progress(
      `token for call ${access.nonce} of ${access.purchase.calls} of purchase ${access.purchase.purchaseId}, expires ${when(access.expiry, BigInt(Math.floor(context.clock() / 1000)))}`,
    );
    const url = `${access.provider.endpoint.replace(/\/+$/, "")}${access.service.endpointPath}`;
    return { data: { authorization, token, url }, text: authorization };
  },
});
