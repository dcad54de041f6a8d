import { getService, setServiceActive, updateServiceFee } from "@palisade/sdk";
import type { Hash } from "viem";
import { formatPal } from "../../amounts.ts";
import { booleanWordSchema, palSchema, smallIdSchema } from "../../options.ts";
import { transactionLines, yesNo } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const providerServiceUpdate = defineCommand({
  summary: "change a service's price (for later purchases) or list/delist it",
  description:
    "Give --price, --active or both. Purchases already made keep their price and stay usable when delisted.",
  example: "npx palisade provider service update --account provider1 --service 2 --price 0.006",
  options: {
    service: {
      type: "string",
      placeholder: "id",
      description: "the service",
      schema: smallIdSchema("--service"),
      required: true,
    },
    price: {
      type: "string",
      placeholder: "PAL",
      description: "new fee per call",
      schema: palSchema({ positive: true }).optional(),
    },
    active: {
      type: "string",
      placeholder: "true|false",
      description: "false delists the service (it can no longer be bought), true lists it again",
      schema: booleanWordSchema("--active").optional(),
    },
  },
  requireOneOf: [["price", "active"]],
  async run(context, args) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    let feeHash: Hash | undefined;
    let activeHash: Hash | undefined;
    if (args.price !== undefined) {
      ({ hash: feeHash } = await updateServiceFee(wallet, {
        contracts,
        serviceId: args.service,
        pricePerCall: args.price,
      }));
    }
    if (args.active !== undefined) {
      ({ hash: activeHash } = await setServiceActive(wallet, {
        contracts,
        serviceId: args.service,
        active: args.active,
      }));
    }
    const service = await getService(await context.publicClient(), { contracts, serviceId: args.service });
    return {
      data: { service, feeTransaction: feeHash ?? null, activeTransaction: activeHash ?? null },
      text: [
        `service ${service.serviceId}: ${formatPal(service.pricePerCall)} per call, active ${yesNo(service.active)}`,
        transactionLines([
          ["updateServiceFee", feeHash],
          ["setServiceActive", activeHash],
        ]),
      ].join("\n"),
    };
  },
});
