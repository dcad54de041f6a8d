import { listServices, serviceCategories } from "@palisade/sdk";
import { z } from "zod";
import { formatPal } from "../../amounts.ts";
import { flagSchema, integerSchema, palSchema, smallIdSchema } from "../../options.ts";
import { table } from "../../output/format.ts";
import { yesNo } from "../shared.ts";
import { defineCommand } from "../types.ts";

const DEFAULT_PAGE_SIZE = 20;

export const marketServices = defineCommand({
  summary: "the service catalogue, filtered by category, provider and price, a page at a time",
  description:
    "A page covers --page-size service ids; filters apply within the page, so a page may show fewer.\n" +
    `Categories: ${serviceCategories.join(", ")}.`,
  example: "npx palisade market services --category address-risk --max-price 0.02",
  options: {
    category: {
      type: "string",
      placeholder: "name",
      description: "only this category",
      schema: z
        .enum(serviceCategories, { error: `must be one of ${serviceCategories.join(", ")}` })
        .optional(),
    },
    provider: {
      type: "string",
      placeholder: "id",
      description: "only this provider's",
      schema: smallIdSchema("--provider").optional(),
    },
    maxPrice: {
      type: "string",
      placeholder: "PAL",
      description: "only at or below this fee per call",
      schema: palSchema().optional(),
    },
    page: {
      type: "string",
      placeholder: "n",
      description: "page number (default 1)",
      schema: integerSchema("--page", 1, 1_000_000).optional(),
    },
    pageSize: {
      type: "string",
      placeholder: "n",
      description: `service ids per page (default ${DEFAULT_PAGE_SIZE})`,
      schema: integerSchema("--page-size", 1, 1_000).optional(),
    },
    all: { type: "boolean", description: "include delisted services", schema: flagSchema },
  },
  async run(context, args) {
    const [client, contracts] = await Promise.all([context.publicClient(), context.contracts()]);
    const page = args.page ?? 1;
    const pageSize = args.pageSize ?? DEFAULT_PAGE_SIZE;
    const { services, total, nextFromId } = await listServices(client, {
      contracts,
      fromId: (page - 1) * pageSize + 1,
      limit: pageSize,
      includeInactive: args.all,
      ...(args.category === undefined ? {} : { category: args.category }),
      ...(args.provider === undefined ? {} : { providerId: args.provider }),
      ...(args.maxPrice === undefined ? {} : { maxPricePerCall: args.maxPrice }),
    });
    const nextPage = nextFromId === undefined ? null : page + 1;
    const rows = services.map((service) => [
      String(service.serviceId),
      String(service.providerId),
      service.category,
      formatPal(service.pricePerCall),
      ...(args.all ? [yesNo(service.active)] : []),
      service.endpointPath,
    ]);
    const header = ["id", "provider", "category", "price/call", ...(args.all ? ["active"] : []), "path"];
    const first = Math.min((page - 1) * pageSize + 1, total + 1);
    const last = Math.min(page * pageSize, total);
    return {
      data: { services, total, page, pageSize, nextPage },
      text: [
        services.length === 0 ? "no services match" : table(header, rows),
        "",
        total === 0
          ? "the catalogue is empty"
          : first > last
            ? `page ${page} is past the last service id (${total})`
            : `page ${page}: service ids ${first}–${last} of ${total}${nextPage === null ? "" : `; next: --page ${nextPage}`}`,
      ].join("\n"),
    };
  },
});
