import {
  devnetFaucetAbi,
  marketplaceAbi,
  providerSlashingAbi,
  reviewBoardAbi,
  utilityTokenAbi,
} from "@palisade/abis";
import type { MarketplaceDeployment } from "@palisade/sdk";
import { type Abi, type Address, decodeFunctionData, getAddress, type Hex } from "viem";
import { formatPal } from "../amounts.ts";

/**
 * Describes a transaction to one of the marketplace's contracts for a progress line:
 * "approving 1.5 PAL for the Marketplace", "calling purchase on the Marketplace".
 */
export function transactionDescriber(
  contracts: MarketplaceDeployment | undefined,
): (to: Hex | null | undefined, data: Hex | undefined) => string {
  const known = new Map<Address, { label: string; abi: Abi }>();
  if (contracts) {
    known.set(contracts.utilityToken, { label: "the utility token", abi: utilityTokenAbi as Abi });
    known.set(contracts.marketplace, { label: "the Marketplace", abi: marketplaceAbi as Abi });
    known.set(contracts.reviewBoard, { label: "the ReviewBoard", abi: reviewBoardAbi as Abi });
    known.set(contracts.providerSlashing, { label: "ProviderSlashing", abi: providerSlashingAbi as Abi });
    if (contracts.faucet)
      known.set(contracts.faucet, { label: "the devnet faucet", abi: devnetFaucetAbi as Abi });
  }
  const labelOf = (address: Address) => known.get(getAddress(address))?.label ?? address;
  return (to, data) => {
    if (!to) return "deploying a contract";
    const target = known.get(getAddress(to));
    if (!target || data === undefined || data === "0x") return `sending a transaction to ${labelOf(to)}`;
    try {
      const { functionName, args } = decodeFunctionData({ abi: target.abi, data });
      if (target.abi === (utilityTokenAbi as Abi)) {
        const [party, amount] = (args ?? []) as readonly [Address, bigint];
        if (functionName === "approve") return `approving ${formatPal(amount)} for ${labelOf(party)}`;
        if (functionName === "transfer") return `transferring ${formatPal(amount)} to ${labelOf(party)}`;
      }
      return `calling ${functionName} on ${target.label}`;
    } catch {
      return `sending a transaction to ${target.label}`;
    }
  };
}
