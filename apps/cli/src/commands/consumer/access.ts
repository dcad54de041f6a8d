import { resolve } from "node:path";
import { marketplaceAbi } from "@palisade/abis";
import {
  getProvider,
  getPurchase,
  getService,
  type MarketplaceDeployment,
  type MarketplaceProvider,
  type MarketplacePurchase,
  type MarketplaceService,
} from "@palisade/sdk";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { isAddressEqual } from "viem";
import { readContract } from "viem/actions";
import { z } from "zod";
import { CallsExhaustedError, NotAuthorizedSignerError, PurchaseClosedError } from "../../errors.ts";
import { integerSchema, type OptionSpec } from "../../options.ts";
import { DEFAULT_STATE_DIR, type NonceKey, type NonceStore, nonceStore } from "../../state/nonceStore.ts";
import type { CommandContext } from "../types.ts";

/** A token's longest default lifetime (the SDK's default). */
export const DEFAULT_TOKEN_SECONDS = 300;
/**
 * Seconds taken off the default lifetime for clock skew: providers refuse tokens living longer than
 * their limit by their own clock, and are told to keep that limit at most the marketplace's
 * `sessionRevocationDelay`, which the default lifetime therefore stays under.
 */
const CLOCK_SKEW_SECONDS = 5;

/** The default token lifetime: 300 s, or less than the marketplace's session revocation delay. */
async function defaultLifetime(
  client: PublicClient<Transport, Chain>,
  marketplace: Address,
): Promise<number> {
  const { sessionRevocationDelay } = (await readContract(client, {
    address: marketplace,
    abi: marketplaceAbi,
    functionName: "params",
  })) as { sessionRevocationDelay: number };
  return Math.max(1, Math.min(DEFAULT_TOKEN_SECONDS, sessionRevocationDelay - CLOCK_SKEW_SECONDS));
}

/** The options `consumer token` and `consumer call` share. */
export const accessOptions = {
  nonce: {
    type: "string",
    placeholder: "k",
    description:
      "the call's ordinal within the purchase (default: the one after the last used, kept in the state dir)",
    schema: z
      .string()
      .regex(/^\d+$/, { message: "--nonce must be a whole number" })
      .transform(BigInt)
      .refine((nonce) => nonce >= 1n && nonce < 2n ** 64n, {
        message: "--nonce must be between 1 and 2^64 − 1",
      })
      .optional(),
  },
  expiry: {
    type: "string",
    placeholder: "seconds",
    description: `the token's lifetime in seconds from now (default ${DEFAULT_TOKEN_SECONDS}, or less than the marketplace's session revocation delay, the longest providers are told to accept)`,
    schema: integerSchema("--expiry", 1, 30 * 86_400).optional(),
  },
  stateDir: {
    type: "string",
    placeholder: "dir",
    description: `where the last nonce of each purchase is kept (default ${DEFAULT_STATE_DIR} under the working directory)`,
    schema: z.string().min(1).optional(),
  },
} satisfies Record<string, OptionSpec>;

export interface Access {
  wallet: WalletClient<Transport, Chain, Account>;
  contracts: MarketplaceDeployment;
  purchase: MarketplacePurchase;
  service: MarketplaceService;
  provider: MarketplaceProvider;
  /** The consumer the token is for (the signer, or the consumer a session key signs for). */
  consumer: Address;
  /** Unix seconds. */
  expiry: bigint;
  store: NonceStore;
  nonceKey: NonceKey;
  /** The nonce to use first. */
  nonce: bigint;
}

/**
 * Everything needed to sign access tokens for a purchase: the purchase, its service and provider,
 * a check that the signer may sign for its consumer until the token's expiry (as the consumer or an
 * authorised session key) and that calls are left, and the first nonce to use.
 */
export async function prepareAccess(
  context: CommandContext,
  parameters: {
    purchaseId: bigint;
    nonce: bigint | undefined;
    expirySeconds: number | undefined;
    stateDir: string | undefined;
  },
): Promise<Access> {
  const [wallet, contracts, client] = await Promise.all([
    context.wallet(),
    context.contracts(),
    context.publicClient(),
  ]);
  const purchase = await getPurchase(client, { contracts, purchaseId: parameters.purchaseId });
  const [service, provider, lifetime] = await Promise.all([
    getService(client, { contracts, serviceId: purchase.serviceId }),
    getProvider(client, { contracts, providerId: purchase.providerId }),
    parameters.expirySeconds ?? defaultLifetime(client, contracts.marketplace),
  ]);
  // Providers check tokens and purchases against their wall clock, so this does too.
  const now = BigInt(Math.floor(context.clock() / 1000));
  if (purchase.refunded) throw new PurchaseClosedError(purchase.purchaseId, purchase.serviceId, "refunded");
  if (BigInt(purchase.expiry) <= now)
    throw new PurchaseClosedError(purchase.purchaseId, purchase.serviceId, "expired");
  const expiry = now + BigInt(lifetime);
  const signer = wallet.account.address;
  if (!isAddressEqual(signer, purchase.consumer)) {
    const validUntil = (await readContract(client, {
      address: contracts.marketplace,
      abi: marketplaceAbi,
      functionName: "sessionKeyValidUntil",
      args: [purchase.consumer, signer],
    })) as number;
    if (BigInt(validUntil) < expiry)
      throw new NotAuthorizedSignerError(signer, purchase.consumer, validUntil, expiry);
  }
  const store = nonceStore(resolve(context.io.cwd, parameters.stateDir ?? DEFAULT_STATE_DIR));
  const nonceKey: NonceKey = {
    chainId: client.chain.id,
    marketplace: contracts.marketplace,
    purchaseId: purchase.purchaseId,
  };
  let nonce = parameters.nonce;
  if (nonce === undefined) {
    const last = await store.last(nonceKey);
    const served = BigInt(purchase.served);
    nonce = (last > served ? last : served) + 1n;
  }
  if (nonce > BigInt(purchase.calls))
    throw new CallsExhaustedError(purchase.purchaseId, purchase.serviceId, purchase.calls, nonce);
  return {
    wallet,
    contracts,
    purchase,
    service,
    provider,
    consumer: purchase.consumer,
    expiry,
    store,
    nonceKey,
    nonce,
  };
}
