import { strategyManagerAbi } from "@palisade/abis";
import { type Address, encodeFunctionData, type Hash } from "viem";
import { type DeployWallet, sendAndWait } from "../send.ts";
import type { DeployCoreContractsReturnType } from "./deployCoreContracts.ts";

export interface TransferCoreOwnershipParameters {
  contracts: DeployCoreContractsReturnType["contracts"];
  newOwner: Address;
  onStep?: ((message: string) => void) | undefined;
}

/** The transfer transactions, one per contract. */
export type TransferCoreOwnershipReturnType = Hash[];

/**
 * Starts the two-step ownership transfer (Ownable2Step) of the four core contracts to `newOwner`.
 * The wallet stays owner until `newOwner` calls `acceptOwnership()` on each, so a mistyped owner
 * address cannot lock governance out: the deployer can transfer again.
 *
 * @example
 * await transferCoreOwnership(wallet, { contracts, newOwner: multisig });
 */
export async function transferCoreOwnership(
  wallet: DeployWallet,
  parameters: TransferCoreOwnershipParameters,
): Promise<TransferCoreOwnershipReturnType> {
  return transferOwnership(wallet, parameters);
}

/**
 * Starts the two-step transfer of any Palisade contracts (core or AVS: all inherit Pausable's
 * Ownable2Step) to `newOwner`, one transaction per contract, named by its key in `contracts`.
 */
export async function transferOwnership(
  wallet: DeployWallet,
  parameters: {
    contracts: Readonly<Record<string, Address>>;
    newOwner: Address;
    onStep?: ((message: string) => void) | undefined;
  },
): Promise<Hash[]> {
  const step = parameters.onStep ?? (() => {});
  // Every Palisade contract shares Pausable's Ownable2Step interface; one ABI encodes the call for all.
  const data = encodeFunctionData({
    abi: strategyManagerAbi,
    functionName: "transferOwnership",
    args: [parameters.newOwner],
  });
  const hashes: Hash[] = [];
  for (const [name, address] of Object.entries(parameters.contracts)) {
    const receipt = await sendAndWait(wallet, { to: address, data }, `${name}.transferOwnership`);
    step(`${name}: ownership transfer to ${parameters.newOwner} started (pending acceptOwnership)`);
    hashes.push(receipt.transactionHash);
  }
  return hashes;
}
