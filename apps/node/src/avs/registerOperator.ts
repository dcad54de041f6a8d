import { delegationManagerAbi } from "@palisade/abis";
import type { SecretKey } from "@palisade/crypto";
import {
  type Deployment,
  registerAsOperator,
  registerForOperatorSets,
  type TransactionResult,
  type WriteClient,
} from "@palisade/sdk";
import type { Logger } from "pino";
import type { Hash } from "viem";
import { readContract } from "viem/actions";
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
  logger: Logger;
}

export interface RegisterOperatorReturnType {
  /** The core `registerAsOperator` transaction, or undefined when the account already was one. */
  coreRegistration: Hash | undefined;
  /** The operator-set registration, or undefined when the key was already registered with the AVS. */
  avsRegistration: TransactionResult | undefined;
}

/**
 * Registers the client's account with Palisade: core `registerAsOperator` when it is not an operator
 * yet, then `AllocationManager.registerForOperatorSets` with the BLS key, its proof of possession and
 * the node URL as the registrar hook's data.
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
  if (await isRegisteredWithAvs(client, { registry: avs.registry, operator })) {
    logger.info({ operator }, "already registered with the Palisade operator set");
    return { coreRegistration, avsRegistration: undefined };
  }
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
    operatorSetIds: parameters.operatorSetIds ?? [deployment.operatorSet?.id ?? 0],
    data,
  });
  logger.info({ operator, hash: avsRegistration.hash }, "registered with the Palisade operator set");
  return { coreRegistration, avsRegistration };
}
