import { delegationManagerAbi, mockLstAbi, operatorRegistryAbi } from "@palisade/abis";
import {
  type BuildRegistrationPayloadParameters,
  buildRegistrationPayload,
  encodeRegistrationData,
  type SecretKey,
} from "@palisade/crypto";
import { type AvsSettings, avsDefaults, deployAvs, sendAndWait } from "@palisade/deploy";
import {
  type AvsDeployment,
  avsOf,
  type Deployment,
  depositIntoStrategy,
  modifyAllocations,
  registerAsOperator,
  registerForOperatorSets,
} from "@palisade/sdk";
import { type Address, encodeFunctionData, type Hex, parseEther } from "viem";
import { getBalance, readContract, waitForTransactionReceipt } from "viem/actions";
import { accounts } from "./accounts.ts";
import { operatorBlsKey, operatorPubkeyHash } from "./blsKeys.ts";
import type { Clients } from "./clients.ts";
import { mine } from "./mine.ts";

/**
 * The test and devnet AVS settings: the deployer owns the AVS, the named slasher files slash
 * requests, the named avs account is the veto committee, the veto window is the contract's default
 * (half the deallocation delay: 2 blocks with testDelays) and the quorum is the mainnet default (2/3).
 */
export function testAvsSettings(): AvsSettings {
  const named = accounts();
  return {
    quorumThresholdBps: avsDefaults.quorumThresholdBps,
    vetoWindowBlocks: undefined,
    vetoCommittee: named.avs.address,
    slashRequester: named.slasher.address,
  };
}

/**
 * Deploys Palisade's AVS on a test core with @palisade/deploy's deployAvs (operator set 0 over every
 * strategy, testAvsSettings, owner the deployer, pauser the named pauser) and returns the deployment
 * with its `avs` section.
 */
export async function deployTestAvs(
  clients: Clients,
  deployment: Deployment,
  options: { settings?: Partial<AvsSettings>; onStep?: (message: string) => void } = {},
): Promise<Deployment> {
  const named = accounts();
  const avs = await deployAvs(clients.wallet(named.deployer), {
    ...testAvsSettings(),
    ...options.settings,
    allocationManager: deployment.contracts.allocationManager,
    strategies: Object.values(deployment.strategies).map((entry) => entry.strategy),
    owner: named.deployer.address,
    pauser: named.pauser.address,
    onStep: options.onStep,
  });
  return { ...deployment, avs };
}

/** `abi.encode(RegistrationParams)` with a proof of possession bound to (chain, registry, operator). */
export function registrationData(parameters: BuildRegistrationPayloadParameters): Hex {
  return encodeRegistrationData(buildRegistrationPayload(parameters));
}

/** The share of its stake (WAD) each AVS operator allocates to Palisade's set in every strategy. */
export const avsMagnitude = parseEther("0.5");
/** Tokens of each LST the fourth operator (not seeded, no staker) deposits for itself. */
export const avsSelfStake = parseEther("40");

export interface AvsOperator {
  index: number;
  address: Address;
  secretKey: SecretKey;
  pubkeyHash: Hex;
  nodeUrl: string;
  /** Its stake in the registry after updateStakes (allocated value, WAD value units). */
  stake: bigint;
}

export interface RegisterAvsOperatorsOptions {
  /** One URL per operator, published on-chain with its key (e.g. `http://127.0.0.1:<port>`). */
  nodeUrls: readonly string[];
  onStep?: (message: string) => void;
}

/**
 * Registers accounts().avsOperators[0 … nodeUrls.length-1] with Palisade's AVS: each becomes a core
 * operator if it is not one yet (the fourth is funded from the deployer and self-deposits
 * `avsSelfStake` of every LST), joins operator set 0 with operatorBlsKey(i), its proof of possession
 * and its node URL, and allocates `avsMagnitude` of every strategy; then blocks are mined past the
 * allocation delay and `updateStakes` records the landed stakes. Runs on a seeded deployment (the
 * first three operators already hold delegated stake) or a bare one.
 */
export async function registerAvsOperators(
  clients: Clients,
  deployment: Deployment,
  options: RegisterAvsOperatorsOptions,
): Promise<AvsOperator[]> {
  const named = accounts();
  const avs: AvsDeployment = avsOf(deployment);
  const { contracts } = deployment;
  const step = options.onStep ?? (() => {});
  if (options.nodeUrls.length > named.avsOperators.length)
    throw new Error(`registerAvsOperators: at most ${named.avsOperators.length} operators`);
  const strategies = Object.values(deployment.strategies);
  const operatorSet = { avs: avs.serviceManager, id: avs.operatorSetId };
  const deployer = clients.wallet(named.deployer);

  const registered: Omit<AvsOperator, "stake">[] = [];
  for (const [index, nodeUrl] of options.nodeUrls.entries()) {
    const account = named.avsOperators[index];
    if (!account) throw new Error("unreachable: checked above");
    const wallet = clients.wallet(account);
    if ((await getBalance(clients.public, { address: account.address })) < parseEther("1")) {
      const hash = await deployer.sendTransaction({ to: account.address, value: parseEther("10") });
      await waitForTransactionReceipt(clients.public, { hash });
    }
    const isOperator = await readContract(clients.public, {
      address: contracts.delegationManager,
      abi: delegationManagerAbi,
      functionName: "isOperator",
      args: [account.address],
    });
    if (!isOperator) {
      await registerAsOperator(wallet, {
        contracts,
        metadataURI: `https://operators.palisade.invalid/${index}.json`,
      });
      for (const { token, strategy } of strategies) {
        const mint = encodeFunctionData({
          abi: mockLstAbi,
          functionName: "mint",
          args: [account.address, avsSelfStake],
        });
        await sendAndWait(deployer, { to: token, data: mint }, "mint");
        await depositIntoStrategy(wallet, { contracts, strategy, amount: avsSelfStake });
      }
    }
    const secretKey = operatorBlsKey(index);
    await registerForOperatorSets(wallet, {
      contracts,
      avs: avs.serviceManager,
      operatorSetIds: [avs.operatorSetId],
      data: registrationData({
        secretKey,
        chainId: deployment.chainId,
        registry: avs.operatorRegistry,
        operator: account.address,
        nodeUrl,
      }),
    });
    await modifyAllocations(wallet, {
      contracts,
      allocations: [
        {
          operatorSet,
          strategies: strategies.map((entry) => entry.strategy),
          newMagnitudes: strategies.map(() => avsMagnitude),
        },
      ],
    });
    registered.push({
      index,
      address: account.address,
      secretKey,
      pubkeyHash: operatorPubkeyHash(index),
      nodeUrl,
    });
    step(`operator ${index} ${account.address} joined the AVS with its BLS key (node ${nodeUrl})`);
  }
  await mine(clients, deployment.delays.allocationBlocks + 1);
  const addresses = registered.map((operator) => operator.address);
  await sendAndWait(
    deployer,
    {
      to: avs.operatorRegistry,
      data: encodeFunctionData({ abi: operatorRegistryAbi, functionName: "updateStakes", args: [addresses] }),
    },
    "OperatorRegistry.updateStakes",
  );
  step("allocation delay passed; stakes recorded in the registry (updateStakes)");
  return Promise.all(
    registered.map(async (operator) => ({
      ...operator,
      stake: await readContract(clients.public, {
        address: avs.operatorRegistry,
        abi: operatorRegistryAbi,
        functionName: "stakeOf",
        args: [operator.address],
      }),
    })),
  );
}
