import { smallIdSchema } from "../../options.ts";
import { loadProviderView, renderProviderView } from "../providerView.ts";
import { defineCommand } from "../types.ts";

export const marketProvider = defineCommand({
  summary: "a provider's public profile: owner, endpoint, stake, score and services",
  example: "npx palisade market provider --provider 2",
  options: {
    provider: {
      type: "string",
      placeholder: "id",
      description: "the provider",
      schema: smallIdSchema("--provider"),
      required: true,
    },
  },
  async run(context, args) {
    return renderProviderView(await loadProviderView(context, args.provider, { fees: false }));
  },
});
