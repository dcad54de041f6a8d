import { registerService, serviceCategories } from "@palisade/sdk";
import { z } from "zod";
import { formatPal } from "../../amounts.ts";
import { palSchema, smallIdSchema, textSchema } from "../../options.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerServiceAdd = defineCommand({
  summary: "list a new service of a provider you own",
  description: `Categories: ${serviceCategories.join(", ")}.`,
  example:
    "npx palisade provider service add --account provider0 --provider 1 --category token-risk --price 0.02 --path /v1/token --schema http://127.0.0.1:8700/v1/openapi.json#/v1/token",
  options: {
    provider: {
      type: "string",
      placeholder: "id",
      description: "your provider's id",
      schema: smallIdSchema("--provider"),
      required: true,
    },
    category: {
      type: "string",
      placeholder: "name",
      description: "kill-chain stage or check type (see above)",
      schema: z.enum(serviceCategories, { error: `must be one of ${serviceCategories.join(", ")}` }),
      required: true,
    },
    price: {
      type: "string",
      placeholder: "PAL",
      description: "fee per call",
      schema: palSchema({ positive: true }),
      required: true,
    },
    path: {
      type: "string",
      placeholder: "/v1/…",
      description: "path under the provider's endpoint",
      schema: textSchema("--path").regex(/^\//, { message: "--path must start with /" }),
      required: true,
    },
    schema: {
      type: "string",
      placeholder: "ref",
      description: "where the request/response schema is described (an OpenAPI URL with a fragment)",
      schema: textSchema("--schema"),
      required: true,
    },
  },
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    const { serviceId, hash } = await registerService(wallet, {
      contracts,
      providerId: args.provider,
      category: args.category,
      pricePerCall: args.price,
      endpointPath: args.path,
      schemaRef: args.schema,
    });
    return {
      data: {
        serviceId,
        providerId: args.provider,
        category: args.category,
        pricePerCall: args.price,
        endpointPath: args.path,
        schemaRef: args.schema,
        transaction: hash,
      },
      text: [
        `service ${serviceId} (${args.category}, ${formatPal(args.price)} per call, ${args.path}) listed for provider ${args.provider}`,
        transactionLines([["registerService", hash]], `market services --provider ${args.provider}`),
      ].join("\n"),
    };
  },
});
