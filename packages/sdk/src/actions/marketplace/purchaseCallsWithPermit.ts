import { marketplaceAbi, utilityTokenAbi } from "@palisade/abis";
import { parseSignature } from "viem";
import { getBlock, signTypedData } from "viem/actions";
import type { MarketplaceDeployment } from "../../deployment.ts";
import { InsufficientBalanceError } from "../../errors/token.ts";
import { readEip712Domain } from "../../internal/eip712.ts";
import { execute } from "../../internal/execute.ts";
import { confirmedPurchase, purchaseTerms } from "../../internal/purchaseTerms.ts";
import { read } from "../../internal/read.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";
import type { MarketplacePurchase } from "../../marketplaceTypes.ts";

/** Default validity of the permit: one hour past the latest block. */
const DEFAULT_PERMIT_SECONDS = 3_600n;

export interface PurchaseCallsWithPermitParameters {
  contracts: Pick<MarketplaceDeployment, "marketplace" | "utilityToken">;
  serviceId: number;
  calls: number;
  /** Highest fee per call accepted (default: the service's current fee). */
  maxPricePerCall?: bigint;
  /** Unix seconds until which the calls may be used (default: latest block + 1 day). */
  expiry?: number;
  /** Unix seconds after which the permit is void (default: latest block + 1 hour). */
  deadline?: bigint;
}

export interface PurchaseCallsWithPermitReturnType extends TransactionResult {
  purchase: MarketplacePurchase;
}

/**
 * Buys calls in one transaction: the client's account signs an EIP-2612 permit for
 * `calls × maxPricePerCall` off-chain and the marketplace uses it before pulling the fee. A permit
 * that was front-run still works when the allowance it set is there.
 *
 * @example
 * const { purchase } = await purchaseCallsWithPermit(walletClient, { contracts, serviceId: 1, calls: 100 });
 */
export async function purchaseCallsWithPermit(
  client: WriteClient,
  parameters: PurchaseCallsWithPermitParameters,
): Promise<PurchaseCallsWithPermitReturnType> {
  const { contracts, serviceId, calls } = parameters;
  const owner = client.account.address;
  const { maxPricePerCall, expiry } = await purchaseTerms(client, { ...parameters, ...contracts });
  const value = BigInt(calls) * maxPricePerCall;
  const token = { address: contracts.utilityToken, abi: utilityTokenAbi };
  const [balance, nonce, domain, deadline] = await Promise.all([
    read<bigint>(client, { ...token, functionName: "balanceOf", args: [owner] }),
    read<bigint>(client, { ...token, functionName: "nonces", args: [owner] }),
    readEip712Domain(client, token),
    parameters.deadline ??
      getBlock(client, { blockTag: "latest" }).then((block) => block.timestamp + DEFAULT_PERMIT_SECONDS),
  ]);
  if (balance < value) throw new InsufficientBalanceError(contracts.utilityToken, owner, balance, value);
  const signature = await signTypedData(client, {
    account: client.account,
    domain,
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner, spender: contracts.marketplace, value, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  const { hash, receipt } = await execute(client, {
    address: contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "purchaseWithPermit",
    // 27/28: the v the token's ecrecover expects.
    args: [serviceId, calls, maxPricePerCall, expiry, deadline, Number(v ?? BigInt(yParity + 27)), r, s],
  });
  return { hash, receipt, purchase: confirmedPurchase(receipt, contracts.marketplace) };
}
