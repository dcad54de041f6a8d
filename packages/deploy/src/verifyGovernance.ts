import {
  delegationManagerAbi,
  governanceTokenAbi,
  marketplaceAbi,
  palisadeGovernorAbi,
  providerSlashingAbi,
  revenueDistributorAbi,
  reviewBoardAbi,
  serviceManagerAbi,
  strategyManagerAbi,
  threatResponseAbi,
  timelockAbi,
} from "@palisade/abis";
import type { GovernanceDeployment } from "@palisade/sdk";
import { type Abi, type Address, type Client, type Hex, keccak256, toBytes, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { GovernanceWiringError } from "./errors.ts";
import { type GovernedDeployment, governedContracts } from "./handOver.ts";

export interface VerifyGovernanceParameters {
  deployment: GovernedDeployment;
  governance: GovernanceDeployment;
  /** When given, the deployer that ran the hand-over: it must hold no Timelock role any more. */
  deployer?: Address | undefined;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Reads a handed-over deployment back and throws GovernanceWiringError at the first mismatch: the
 * Timelock owns every governed contract (no transfer pending), gPAL and the RevenueDistributor;
 * gPAL is the withdrawal gate, the RevenueDistributor the Marketplace's treasury; the Timelock is
 * both slash requesters and the review resolver; the veto committee is the governor's and both
 * slashing contracts'; the governor is the Timelock's proposer, canceller and executor, and the
 * deployer (when given) holds no Timelock role. Sends nothing.
 *
 * @example
 * await verifyGovernance(publicClient, { deployment, governance: governanceOf(deployment) });
 */
export async function verifyGovernance(
  client: Client,
  parameters: VerifyGovernanceParameters,
): Promise<void> {
  const { deployment, governance } = parameters;
  const read = (
    address: Address,
    abi: Abi | readonly unknown[],
    functionName: string,
    args: unknown[] = [],
  ) => readContract(client, { address, abi: abi as Abi, functionName, args }) as Promise<unknown>;
  const expect = async (what: string, expected: string, actual: Promise<unknown>) => {
    const value = String(await actual);
    if (!same(expected, value)) throw new GovernanceWiringError(what, expected, value);
  };
  const { timelock } = governance;
  for (const [name, address] of governedContracts(deployment)) {
    await expect(`the owner of the ${name}`, timelock, read(address, strategyManagerAbi, "owner"));
    await expect(
      `the pending owner of the ${name}`,
      zeroAddress,
      read(address, strategyManagerAbi, "pendingOwner"),
    );
  }
  await expect("gPAL's owner", timelock, read(governance.governanceToken, governanceTokenAbi, "owner"));
  await expect(
    "the RevenueDistributor's owner",
    timelock,
    read(governance.revenueDistributor, revenueDistributorAbi, "owner"),
  );
  await expect(
    "the DelegationManager's withdrawal gate",
    governance.governanceToken,
    read(deployment.contracts.delegationManager, delegationManagerAbi, "withdrawalGate"),
  );
  await expect(
    "the Marketplace's treasury",
    governance.revenueDistributor,
    read(deployment.marketplace.marketplace, marketplaceAbi, "treasury"),
  );
  const { serviceManager } = deployment.avs;
  const { providerSlashing, reviewBoard } = deployment.marketplace;
  await expect(
    "the ServiceManager's slash requester",
    timelock,
    read(serviceManager, serviceManagerAbi, "slashRequester"),
  );
  await expect(
    "ProviderSlashing's requester",
    timelock,
    read(providerSlashing, providerSlashingAbi, "requester"),
  );
  await expect("the ReviewBoard's resolver", timelock, read(reviewBoard, reviewBoardAbi, "resolver"));
  for (const [name, address, abi] of [
    ["the governor", governance.governor, palisadeGovernorAbi],
    ["the ServiceManager", serviceManager, serviceManagerAbi],
    ["ProviderSlashing", providerSlashing, providerSlashingAbi],
  ] as const) {
    await expect(`${name}'s veto committee`, governance.vetoCommittee, read(address, abi, "vetoCommittee"));
  }
  await expect(
    "the governor's timelock",
    timelock,
    read(governance.governor, palisadeGovernorAbi, "timelock"),
  );
  await expect(
    "the governor's token",
    governance.governanceToken,
    read(governance.governor, palisadeGovernorAbi, "token"),
  );

  if (governance.threatResponse !== undefined) {
    await expect(
      "the ThreatResponse's owner",
      timelock,
      read(governance.threatResponse, threatResponseAbi, "owner"),
    );
    await expect(
      "the ThreatResponse's ServiceManager",
      serviceManager,
      read(governance.threatResponse, threatResponseAbi, "serviceManager"),
    );
    for (const [name, address, abi] of [
      ["ServiceManager", serviceManager, serviceManagerAbi],
      ["DelegationManager", deployment.contracts.delegationManager, delegationManagerAbi],
      ["Marketplace", deployment.marketplace.marketplace, marketplaceAbi],
    ] as const) {
      await expect(
        `the ${name}'s threat response`,
        governance.threatResponse,
        read(address, abi, "threatResponse"),
      );
    }
  }

  const hasRole = (id: Hex, account: Address) => read(timelock, timelockAbi, "hasRole", [id, account]);
  for (const name of ["PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"]) {
    await expect(
      `the governor's ${name} in the Timelock`,
      "true",
      hasRole(keccak256(toBytes(name)), governance.governor),
    );
  }
  if (parameters.deployer) {
    const ids: [string, Hex][] = [
      ["DEFAULT_ADMIN_ROLE", `0x${"00".repeat(32)}`],
      ...["PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"].map((name): [string, Hex] => [
        name,
        keccak256(toBytes(name)),
      ]),
    ];
    for (const [name, id] of ids) {
      await expect(`the deployer's ${name} in the Timelock`, "false", hasRole(id, parameters.deployer));
    }
  }
}
