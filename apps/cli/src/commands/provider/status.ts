import { smallIdSchema } from "../../options.ts";
import { loadProviderView, renderProviderView } from "../providerView.ts";
import { defineCommand } from "../types.ts";

export const providerStatus = defineCommand({
  summary: "a provider's stake, in-flight value against its cap, score, unstaking, fees and services",
  example: "npx palisade provider status --provider 1",
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
    return renderProviderView(await loadProviderView(context, args.provider, { fees: true }));
  },
});
