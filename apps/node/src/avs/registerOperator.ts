import { allocationManagerAbi, delegationManagerAbi } from "@palisade/abis";
import type { SecretKey } from "@palisade/crypto";
import {
  avsOf,
  type Deployment,
  getAllocatableMagnitude,
  getAllocation,
  modifyAllocations,
  registerAsOperator,
  registerForOperatorSets,
  type TransactionResult,
  type WriteClient,
} from "@palisade/sdk";
import type { Logger } from "pino";
import { type Address, type Hash, parseUnits } from "viem";
import { readContract } from "viem/actions";
import { z } from "zod";
import { InsufficientAllocatableMagnitudeError } from "../errors.ts";
import {
  avsAddressesOf,
  buildRegistrationPayload,
  encodeRegistrationData,
  isRegisteredWithAvs,
} from "./avsContracts.ts";

export interface RegisterOperatorParameters {
  deployment: Deployment;
  secretKey: SecretKey;
  /** The URL the aggregator reaches this node at (published on-chain with the key). */
  nodeUrl: string;
  /** Operator sets of the Palisade AVS to join; default the deployment's operator set. */
  operatorSetIds?: readonly number[];
  metadataURI?: string;
  /**
   * Share of the operator's stake (0 < f ≤ 1) to allocate to Palisade's operator set in each of its
   * strategies; undefined leaves allocations alone.
   */
  allocate?: number;
  logger: Logger;
}

/** An allocation fraction: 0 < f ≤ 1 (from the command line as a string, or a number). */
export const allocationFractionSchema = z.coerce
  .number({ message: "a number, the share of the stake to allocate, e.g. 0.5" })
  .gt(0, { message: "must be greater than 0" })
  .lte(1, { message: "must be at most 1 (the whole stake)" });

/** The WAD magnitude (1e18 = all of the stake) of an allocation fraction. */
export function fractionToMagnitude(fraction: number): bigint {
  const f = allocationFractionSchema.parse(fraction);
  // String() is the shortest decimal that round-trips (0.1 → "0.1"); tiny values print as 1e-7.
  const text = String(f);
  return parseUnits(text.includes("e") ? f.toFixed(18) : text, 18);
}

export interface AllocationResult {
  /** The target WAD magnitude per strategy. */
  magnitude: bigint;
  /** The strategies the transaction changed (empty when nothing was sent). */
  strategies: Address[];
  /** The `modifyAllocations` transaction, or undefined when every strategy was at the target or pending. */
  transaction: TransactionResult | undefined;
}

export interface RegisterOperatorReturnType {
  /** The core `registerAsOperator` transaction, or undefined when the account already was one. */
  coreRegistration: Hash | undefined;
  /** The operator-set registration, or undefined when the key was already registered with the AVS. */
  avsRegistration: TransactionResult | undefined;
  /** Present when `allocate` was given. */
  allocation?: AllocationResult;
}

/**
 * Registers the client's account with Palisade: core `registerAsOperator` when it is not an operator
 * yet, then `AllocationManager.registerForOperatorSets` with the BLS key, its proof of possession and
 * the node URL as the registrar hook's data.
 *
 * With `allocate`, it then sets the operator's magnitude in every strategy of Palisade's operator set
 * to that share (`AllocationManager.modifyAllocations`, one transaction). Strategies already at the
 * target, or with a change still pending, are left alone; an increase beyond the free magnitude
 * fails with InsufficientAllocatableMagnitudeError before anything is sent.
 *
 * Each step is skipped when it has already happened, so running it again sends nothing. A deployment
 * without the AVS fails at the second step with AvsNotDeployedError (the core step is done by then).
 */
export async function registerOperator(
  client: WriteClient,
  parameters: RegisterOperatorParameters,
): Promise<RegisterOperatorReturnType> {
  const { deployment, logger } = parameters;
  const operator = client.account.address;
  const already = await readContract(client, {
    address: deployment.contracts.delegationManager,
    abi: delegationManagerAbi,
    functionName: "isOperator",
    args: [operator],
  });
  let coreRegistration: Hash | undefined;
  if (already) {
    logger.info({ operator }, "already a core operator");
  } else {
    const metadata = parameters.metadataURI === undefined ? {} : { metadataURI: parameters.metadataURI };
    ({ hash: coreRegistration } = await registerAsOperator(client, {
      contracts: deployment.contracts,
      ...metadata,
    }));
    logger.info({ operator, hash: coreRegistration }, "registered as a core operator");
  }

  const avs = avsAddressesOf(deployment);
  const operatorSetId = avsOf(deployment).operatorSetId;
  // Validate before any transaction, so a bad fraction does not leave a half-done registration.
  const magnitude = parameters.allocate === undefined ? undefined : fractionToMagnitude(parameters.allocate);
  let avsRegistration: TransactionResult | undefined;
  if (await isRegisteredWithAvs(client, { registry: avs.registry, operator })) {
    logger.info({ operator }, "already registered with the Palisade operator set");
  } else {
    avsRegistration = await registerWithAvs(client, parameters, avs, operatorSetId);
  }
  if (magnitude === undefined) return { coreRegistration, avsRegistration };
  const allocation = await allocate(client, {
    deployment,
    operatorSet: { avs: avs.serviceManager, id: operatorSetId },
    magnitude,
    logger,
  });
  return { coreRegistration, avsRegistration, allocation };
}

async function registerWithAvs(
  client: WriteClient,
  parameters: RegisterOperatorParameters,
  avs: ReturnType<typeof avsAddressesOf>,
  operatorSetId: number,
): Promise<TransactionResult> {
  const { deployment, logger } = parameters;
  const operator = client.account.address;
  const data = encodeRegistrationData(
    buildRegistrationPayload({
      secretKey: parameters.secretKey,
      chainId: deployment.chainId,
      registry: avs.registry,
      operator,
      nodeUrl: parameters.nodeUrl,
    }),
  );
  const avsRegistration = await registerForOperatorSets(client, {
    contracts: deployment.contracts,
    avs: avs.serviceManager,
    operatorSetIds: parameters.operatorSetIds ?? [operatorSetId],
    data,
  });
  logger.info({ operator, hash: avsRegistration.hash }, "registered with the Palisade operator set");
  return avsRegistration;
}

/** Brings the operator's magnitude in each strategy of the set to `magnitude` (see registerOperator). */
async function allocate(
  client: WriteClient,
  parameters: {
    deployment: Deployment;
    operatorSet: { avs: Address; id: number };
    magnitude: bigint;
    logger: Logger;
  },
): Promise<AllocationResult> {
  const { deployment, operatorSet, magnitude, logger } = parameters;
  const { contracts } = deployment;
  const operator = client.account.address;
  const strategies = await readContract(client, {
    address: contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "getStrategiesInOperatorSet",
    args: [operatorSet],
  });
  const fraction = Number(magnitude) / 1e18;
  logger.info({ operator, operatorSet, strategies: strategies.length, fraction }, "allocating");

  const toChange: Address[] = [];
  for (const strategy of strategies) {
    const current = await getAllocation(client, { contracts, operator, operatorSet, strategy });
    if (current.pendingDiff !== 0n) {
      const pendingTarget = current.currentMagnitude + current.pendingDiff;
      const log = pendingTarget === magnitude ? logger.info.bind(logger) : logger.warn.bind(logger);
      log(
        { strategy, current: current.currentMagnitude, pendingTarget, effectBlock: current.effectBlock },
        pendingTarget === magnitude
          ? "allocation already pending at the target"
          : "allocation has a pending change; run register again after its effect block",
      );
      continue;
    }
    if (current.currentMagnitude === magnitude) {
      logger.info({ strategy, magnitude }, "allocation already at the target");
      continue;
    }
    if (magnitude > current.currentMagnitude) {
      const free = await getAllocatableMagnitude(client, { contracts, operator, strategy });
      const needed = magnitude - current.currentMagnitude;
      if (needed > free) throw new InsufficientAllocatableMagnitudeError(strategy, needed, free);
    }
    toChange.push(strategy);
  }
  if (toChange.length === 0) {
    logger.info({ operator }, "allocations unchanged");
    return { magnitude, strategies: [], transaction: undefined };
  }
  const transaction = await modifyAllocations(client, {
    contracts,
    allocations: [{ operatorSet, strategies: toChange, newMagnitudes: toChange.map(() => magnitude) }],
  });
  logger.info(
    { operator, hash: transaction.hash, strategies: toChange, magnitude, fraction },
    "allocation set (in force after the allocation delay)",
  );
  return { magnitude, strategies: toChange, transaction };
}
