import { marketplaceAbi } from "@palisade/abis";
import {
  type GetPendingFeesReturnType,
  getPendingFees,
  getProvider,
  listServices,
  type MarketplaceProvider,
  type MarketplaceService,
} from "@palisade/sdk";
import { readContract } from "viem/actions";
import { formatPal } from "../amounts.ts";
import { duration, fields, table, when } from "../output/format.ts";
import { yesNo } from "./shared.ts";
import type { CommandContext, CommandOutput } from "./types.ts";

export interface ProviderView {
  provider: MarketplaceProvider;
  inFlightCap: bigint;
  services: MarketplaceService[];
  /** Only for `provider status`. */
  fees: GetPendingFeesReturnType | undefined;
  now: bigint;
}

/** A provider, its in-flight cap, its services (delisted ones too) and, when asked, its fees. */
export async function loadProviderView(
  context: CommandContext,
  providerId: number,
  options: { fees: boolean },
): Promise<ProviderView> {
  const [client, contracts] = await Promise.all([context.publicClient(), context.contracts()]);
  // The provider first: an unknown id fails here with ProviderNotFound, not in a parallel read.
  const provider = await getProvider(client, { contracts, providerId });
  const [inFlightCap, { services }, fees, now] = await Promise.all([
    readContract(client, {
      address: contracts.marketplace,
      abi: marketplaceAbi,
      functionName: "inFlightCap",
      args: [providerId],
    }) as Promise<bigint>,
    listServices(client, { contracts, providerId, includeInactive: true }),
    options.fees ? getPendingFees(client, { contracts, providerId }) : Promise.resolve(undefined),
    context.now(),
  ]);
  return { provider, inFlightCap, services, fees, now };
}

/** `part` as a share of the in-flight cap `whole`, for the status line. */
export function capShare(part: bigint, whole: bigint): string {
  if (whole === 0n) return "no cap: no stake";
  // Basis points, printed with two decimals; a sliver of the cap is not "0.00 %".
  const bps = (part * 10_000n) / whole;
  const percent = bps === 0n && part > 0n ? "< 0.01" : (Number(bps) / 100).toFixed(2);
  return `${percent} % of a ${formatPal(whole)} cap`;
}

/** The view as `--json` data and as text. */
export function renderProviderView(view: ProviderView): CommandOutput {
  const { provider, inFlightCap, services, fees, now } = view;
  const rows: [string, string][] = [
    ["owner", provider.owner],
    ["endpoint", provider.endpoint],
    ["metadata", provider.metadataURI],
    ["stake", formatPal(provider.stake)],
    ["in flight", `${formatPal(provider.inFlight)} (${capShare(provider.inFlight, inFlightCap)})`],
    ["score", provider.score.toString()],
    [
      "unstaking",
      provider.unstaking === 0n
        ? "none"
        : `${formatPal(provider.unstaking)}, available ${when(provider.unstakeAvailableAt, now)}`,
    ],
  ];
  if (fees) {
    rows.push([
      "fees",
      `${formatPal(fees.pending)} pending, ${formatPal(fees.releasable)} releasable now; new claims release after ${duration(fees.releaseDelay)}`,
    ]);
  }
  const serviceTable =
    services.length === 0
      ? "no services yet"
      : table(
          ["id", "category", "price/call", "active", "path", "schema"],
          services.map((service) => [
            String(service.serviceId),
            service.category,
            formatPal(service.pricePerCall),
            yesNo(service.active),
            service.endpointPath,
            service.schemaRef,
          ]),
        );
  return {
    data: {
      provider,
      inFlightCap,
      ...(fees ? { fees } : {}),
      services,
    },
    text: [
      `provider ${provider.providerId}`,
      fields(rows, "  "),
      "",
      `services (${services.length})`,
      serviceTable,
    ].join("\n"),
  };
}
