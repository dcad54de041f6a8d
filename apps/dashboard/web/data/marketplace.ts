import { marketplaceAbi, reviewBoardAbi, utilityTokenAbi } from "@palisade/abis";
import type { Abi, Address } from "viem";
import { readContract } from "viem/actions";
import type { EventQuery } from "../chain/events.ts";
import {
  getProvider,
  listServices,
  type MarketplaceProvider,
  type MarketplaceService,
} from "../chain/sdk.ts";
import type { AppContextValue } from "../context.tsx";

export interface ProviderRow extends MarketplaceProvider {
  /** stake × inFlightMultipleBps / 10,000: the escrow of unserved calls it may hold. */
  inFlightCap: bigint;
}

export interface MarketplaceState {
  services: MarketplaceService[];
  providers: ProviderRow[];
  params: { minStake: bigint; protocolFeeBps: number; inFlightMultipleBps: number };
  reviewParams: {
    reviewFee: bigint;
    challengeBond: bigint;
    challengeWindow: number;
    negativeRatingMax: number;
  };
}

export function marketplaceContracts(app: AppContextValue) {
  return app.config.deployment.marketplace;
}

/** The whole catalogue and every provider with its cap: the marketplace is small enough to read per block. */
export async function loadMarketplace(app: AppContextValue): Promise<MarketplaceState | undefined> {
  const contracts = marketplaceContracts(app);
  if (!contracts) return undefined;
  const { client } = app;
  const [{ services }, providerCount, params, reviewParams] = await Promise.all([
    listServices(client, { contracts, includeInactive: true }),
    readContract(client, {
      address: contracts.marketplace,
      abi: marketplaceAbi,
      functionName: "providerCount",
    }),
    readContract(client, { address: contracts.marketplace, abi: marketplaceAbi, functionName: "params" }),
    readContract(client, { address: contracts.reviewBoard, abi: reviewBoardAbi, functionName: "params" }),
  ]);
  const ids = Array.from({ length: Number(providerCount) }, (_, index) => index + 1);
  const providers = await Promise.all(
    ids.map(async (providerId) => {
      const [provider, inFlightCap] = await Promise.all([
        getProvider(client, { contracts, providerId }),
        readContract(client, {
          address: contracts.marketplace,
          abi: marketplaceAbi,
          functionName: "inFlightCap",
          args: [providerId],
        }),
      ]);
      return { ...provider, inFlightCap };
    }),
  );
  return {
    services,
    providers,
    params: {
      minStake: params.minStake,
      protocolFeeBps: params.protocolFeeBps,
      inFlightMultipleBps: params.inFlightMultipleBps,
    },
    reviewParams: {
      reviewFee: reviewParams.reviewFee,
      challengeBond: reviewParams.challengeBond,
      challengeWindow: reviewParams.challengeWindow,
      negativeRatingMax: reviewParams.negativeRatingMax,
    },
  };
}

const from = (app: AppContextValue) => BigInt(marketplaceContracts(app)?.deployedAtBlock ?? 0);

/** An event of the Marketplace, optionally filtered by indexed arguments. */
export function marketEvent(
  app: AppContextValue,
  eventName: string,
  args?: Record<string, unknown>,
): EventQuery | undefined {
  const contracts = marketplaceContracts(app);
  if (!contracts) return undefined;
  return {
    address: contracts.marketplace,
    abi: marketplaceAbi as Abi,
    eventName,
    ...(args ? { args } : {}),
    fromBlock: from(app),
  };
}

/** An event of the ReviewBoard. */
export function reviewEvent(
  app: AppContextValue,
  eventName: string,
  args?: Record<string, unknown>,
): EventQuery | undefined {
  const contracts = marketplaceContracts(app);
  if (!contracts) return undefined;
  return {
    address: contracts.reviewBoard,
    abi: reviewBoardAbi as Abi,
    eventName,
    ...(args ? { args } : {}),
    fromBlock: from(app),
  };
}

/** Utility-token balance (PAL) of an account. */
export async function palBalance(app: AppContextValue, account: Address): Promise<bigint> {
  const contracts = marketplaceContracts(app);
  if (!contracts) return 0n;
  return readContract(app.client, {
    address: contracts.utilityToken,
    abi: utilityTokenAbi,
    functionName: "balanceOf",
    args: [account],
  });
}

/** A kill-chain stage or check type as a label: `command-and-control` → `command and control`. */
export const categoryLabel = (category: string) => category.replaceAll("-", " ");

/**
 * ` — Sentinel Security` from a provider's metadata when it is an inline JSON `data:` URI with a
 * `name` (as the devnet's are); "" otherwise (an https or ipfs URI is not fetched by the page).
 */
export function providerName(metadataURI: string): string {
  const match = /^data:application\/json(?:;charset=utf-8)?,(.*)$/s.exec(metadataURI);
  if (!match?.[1]) return "";
  try {
    const name = (JSON.parse(decodeURIComponent(match[1])) as { name?: unknown }).name;
    return typeof name === "string" && name.trim() ? ` — ${name.trim().slice(0, 80)}` : "";
  } catch {
    return ""; // not JSON: shown as the raw URI elsewhere
  }
}
