import { type Address, concat, encodeAbiParameters, getAddress, getContractAddress, type Hex } from "viem";
import { getBlockNumber, getCode, getTransactionCount } from "viem/actions";
import { bytecodeOf } from "../artifacts.ts";
import { AddressPredictionError } from "../errors.ts";
import { type DeployWallet, sendAndWait } from "../send.ts";

export interface DeployAvsContractsParameters {
  /** The core AllocationManager the ServiceManager registers with as the AVS. */
  allocationManager: Address;
  /** Strategies of operator set 0 (the ServiceManager's constructor creates the set with them). */
  strategies: readonly Address[];
  /** Initial owner of both contracts (it alone can set the requester, committee, window, threshold). */
  owner: Address;
  /** Pauser of both contracts (can pause, never unpause). */
  pauser: Address;
  onStep?: ((message: string) => void) | undefined;
}

export interface DeployAvsContractsReturnType {
  contracts: { operatorRegistry: Address; serviceManager: Address };
  /** The block the first contract was deployed in (at or after): where AVS indexers start. */
  deployedAtBlock: number;
}

/** The two deployable AVS contracts in deployment order: each at deployer nonce n + index. */
export const avsContractNames = ["OperatorRegistry", "ServiceManager"] as const;
export type AvsContractName = (typeof avsContractNames)[number];

/** Creation code (bytecode + constructor arguments) of each AVS contract, given both addresses. */
export function avsCreationCode(
  contracts: DeployAvsContractsReturnType["contracts"],
  parameters: Omit<DeployAvsContractsParameters, "onStep">,
): Record<AvsContractName, Hex> {
  const { owner, pauser, allocationManager, strategies } = parameters;
  return {
    OperatorRegistry: concat([
      bytecodeOf("OperatorRegistry"),
      encodeAbiParameters(
        [{ type: "address" }, { type: "address" }, { type: "address" }, { type: "address" }],
        [owner, pauser, allocationManager, contracts.serviceManager],
      ),
    ]),
    ServiceManager: concat([
      bytecodeOf("ServiceManager"),
      encodeAbiParameters(
        [
          { type: "address" },
          { type: "address" },
          { type: "address" },
          { type: "address" },
          { type: "address[]" },
        ],
        [owner, pauser, allocationManager, contracts.operatorRegistry, strategies],
      ),
    ]),
  };
}

/**
 * Deploys the OperatorRegistry and the ServiceManager from the wallet's account and checks each
 * landed at its predicted address with code.
 *
 * The registry stores the ServiceManager's address (only it may register operators) and the
 * ServiceManager the registry's, a constructor cycle broken by predicting the ServiceManager at the
 * deployer's nonce n + 1 while the registry is created at n. The ServiceManager's constructor makes
 * itself the AVS in the core: registrar of its own address and operator set 0 with itself as
 * slasher. Nothing else may send from the deployer meanwhile.
 *
 * The QuorumVerifier and the SlashingCoordinator are not deployed on their own: the registry
 * inherits the first, the ServiceManager the second.
 *
 * @example
 * const { contracts } = await deployAvsContracts(wallet, { allocationManager, strategies, owner, pauser });
 */
export async function deployAvsContracts(
  wallet: DeployWallet,
  parameters: DeployAvsContractsParameters,
): Promise<DeployAvsContractsReturnType> {
  const deployer = wallet.account.address;
  const step = parameters.onStep ?? (() => {});
  const [nonce, startBlock] = await Promise.all([
    getTransactionCount(wallet, { address: deployer, blockTag: "pending" }),
    getBlockNumber(wallet, { cacheTime: 0 }),
  ]);
  const at = (offset: number): Address =>
    getContractAddress({ from: deployer, nonce: BigInt(nonce + offset) });
  const contracts = { operatorRegistry: at(0), serviceManager: at(1) };
  const creationCode = avsCreationCode(contracts, parameters);
  for (const [index, contract] of avsContractNames.entries()) {
    const predicted = at(index);
    const receipt = await sendAndWait(wallet, { data: creationCode[contract] }, `deploy ${contract}`);
    const actual = receipt.contractAddress ? getAddress(receipt.contractAddress) : receipt.contractAddress;
    if (actual !== predicted) throw new AddressPredictionError(contract, predicted, actual);
    const code = await getCode(wallet, { address: actual, blockNumber: receipt.blockNumber });
    if (!code || code === "0x") throw new AddressPredictionError(contract, predicted, null);
    step(`deployed ${contract} at ${actual}`);
  }
  return { contracts, deployedAtBlock: Number(startBlock) + 1 };
}
