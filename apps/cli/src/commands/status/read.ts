import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  allocationManagerAbi,
  delegationManagerAbi,
  governanceTokenAbi,
  marketplaceAbi,
  palisadeGovernorAbi,
  revenueDistributorAbi,
  threatResponseAbi,
} from "@palisade/abis";
import type { Deployment, OperatorSet, ReadClient } from "@palisade/sdk";
import {
  type AvsView,
  type OperatorSetView,
  type OperatorView,
  readAvs,
  readOperatorSet,
  readOperators,
  readStrategies,
  type StrategyView,
  securityMargin,
} from "@palisade/views";
import { type Address, type Hex, isAddressEqual } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { z } from "zod";

/** An operator set with its economic security and the margin α·U − (1+γ)·π (undefined without a config). */
export interface SetStatus extends OperatorSetView {
  /** "Palisade" for the AVS's set, "seeded" for the deployment file's other set. */
  label: string;
  /** null when the AVS declared no config (the check is vacuous). */
  margin: { margin: bigint; ratioWad: bigint | undefined } | null;
}

/** One operator: its delegated stake and its standing in Palisade's set. */
export interface OperatorStatus {
  address: Address;
  /** Per strategy, in underlying tokens, with the allocation to Palisade's set. */
  stake: OperatorView["strategies"];
  palisade: {
    member: boolean;
    registered: boolean;
    /** The registry's stake (value units) and what is allocated now. */
    registryStake: bigint;
    allocatedValue: bigint;
  };
}

/** What the ThreatResponse has done and what is in force now (every action expires by itself). */
export interface AlertsStatus {
  threatResponse: Address;
  /** Certified alerts it acted on (AlertHandled), and the last one. */
  handled: number;
  last: { alertId: Hex; severity: string; actions: number; block: bigint } | null;
  /** In force now (until: unix seconds). */
  frozenOperators: { operator: Address; until: bigint }[];
  pausedServices: { serviceId: bigint; until: bigint }[];
  pausedProtocols: { protocol: Address; until: bigint }[];
  thresholdFloor: { bps: number; until: bigint } | null;
}

const severities = ["info", "low", "medium", "high", "critical"] as const;

/** The ThreatResponse's handled alerts and its actions still in force at `block`. */
async function readAlerts(
  client: ReadClient,
  threatResponse: Address,
  parameters: {
    fromBlock: bigint;
    block: { number: bigint; timestamp: bigint };
    operators: readonly Address[];
  },
): Promise<AlertsStatus> {
  const { fromBlock, block, operators } = parameters;
  const tr = { address: threatResponse, abi: threatResponseAbi, blockNumber: block.number } as const;
  const range = {
    address: threatResponse,
    abi: threatResponseAbi,
    fromBlock,
    toBlock: block.number,
    strict: true,
  } as const;
  const [handled, services, protocols, floorBps, floorUntil] = await Promise.all([
    getContractEvents(client, { ...range, eventName: "AlertHandled" }),
    getContractEvents(client, { ...range, eventName: "ServicePaused" }),
    getContractEvents(client, { ...range, eventName: "ProtocolPaused" }),
    readContract(client, { ...tr, functionName: "thresholdFloorBps" }),
    readContract(client, { ...tr, functionName: "thresholdFloorUntil" }),
  ]);
  const now = block.timestamp;
  const inForce = <T>(entries: { key: T; until: bigint }[]) => entries.filter((entry) => entry.until > now);
  const serviceIds = [...new Set(services.map((event) => event.args.serviceId))];
  const protocolIds = [...new Set(protocols.map((event) => event.args.protocol))];
  const [frozen, pausedServices, pausedProtocols] = await Promise.all([
    Promise.all(
      operators.map(async (operator) => ({
        key: operator,
        until: BigInt(await readContract(client, { ...tr, functionName: "frozenUntil", args: [operator] })),
      })),
    ),
    Promise.all(
      serviceIds.map(async (serviceId) => ({
        key: serviceId,
        until: BigInt(
          await readContract(client, { ...tr, functionName: "servicePausedUntil", args: [serviceId] }),
        ),
      })),
    ),
    Promise.all(
      protocolIds.map(async (protocol) => ({
        key: protocol,
        until: BigInt(await readContract(client, { ...tr, functionName: "pausedUntil", args: [protocol] })),
      })),
    ),
  ]);
  const last = handled.at(-1);
  return {
    threatResponse,
    handled: handled.length,
    last: last
      ? {
          alertId: last.args.alertId,
          severity: severities[last.args.severity] ?? String(last.args.severity),
          actions: last.args.actions,
          block: last.blockNumber,
        }
      : null,
    frozenOperators: inForce(frozen).map(({ key, until }) => ({ operator: key, until })),
    pausedServices: inForce(pausedServices).map(({ key, until }) => ({ serviceId: key, until })),
    pausedProtocols: inForce(pausedProtocols).map(({ key, until }) => ({ protocol: key, until })),
    thresholdFloor: BigInt(floorUntil) > now ? { bps: floorBps, until: BigInt(floorUntil) } : null,
  };
}

export interface NetworkStatus {
  chainId: number;
  rpcUrl: string;
  block: bigint;
  timestamp: bigint;
  deploymentFile: string;
  delays: Deployment["delays"];
  contracts: {
    core: Deployment["contracts"];
    avs: { serviceManager: Address; operatorRegistry: Address } | null;
    marketplace: Record<string, Address> | null;
    governance: Record<string, Address> | null;
  };
  strategies: StrategyView[];
  operators: OperatorStatus[];
  operatorSets: SetStatus[];
  avs: Omit<AvsView, "operators"> | null;
  marketplace: { providers: number; services: number; purchases: bigint } | null;
  governance: {
    supply: bigint;
    backing: bigint;
    debt: bigint;
    proposals: number;
    revenue: { epochs: number; reserved: bigint; nextDistributionAt: bigint };
  } | null;
  /** The threat response that acts on operator-attested alerts (decision 0008), when deployed. */
  alerts: AlertsStatus | null;
  /** The devnet's running services (services.json beside the deployment file), when there is one. */
  services: { name: string; url: string }[] | null;
}

const servicesFileSchema = z.object({
  services: z.array(z.object({ name: z.string(), url: z.string() }).loose()),
});

/** The devnet's services.json beside the deployment file, or null (any other chain, or not running). */
async function readServices(deploymentFile: string): Promise<NetworkStatus["services"]> {
  let text: string;
  try {
    text = await readFile(join(dirname(deploymentFile), "services.json"), "utf8");
  } catch (error) {
    // No file: a deployment without the devnet's supervised services; nothing to show.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A file the devnet is rewriting at this moment: the summary goes on without it.
    return null;
  }
  const parsed = servicesFileSchema.safeParse(json);
  return parsed.success ? parsed.data.services.map(({ name, url }) => ({ name, url })) : null;
}

/** Everything `palisade status` shows, read at one block where the reads take one. */
export async function readNetworkStatus(
  client: ReadClient,
  deployment: Deployment,
  parameters: { rpcUrl: string; deploymentFile: string },
): Promise<NetworkStatus> {
  const { contracts } = deployment;
  const block = await getBlock(client, { blockTag: "latest" });
  const blockNumber = block.number;
  const strategies = await readStrategies(client, deployment, blockNumber);
  const registered = await getContractEvents(client, {
    address: contracts.delegationManager,
    abi: delegationManagerAbi,
    eventName: "OperatorRegistered",
    fromBlock: BigInt(deployment.deployedAtBlock),
    toBlock: blockNumber,
    strict: true,
  });
  const addresses = [...new Set(registered.map((event) => event.args.operator))];

  const palisade: OperatorSet | undefined = deployment.avs && {
    avs: deployment.avs.serviceManager,
    id: deployment.avs.operatorSetId,
  };
  // The set operators' stake is shown against: Palisade's, else the deployment's seeded one.
  const shownSet = palisade ?? deployment.operatorSet;
  const views = shownSet
    ? await readOperators(client, deployment, {
        operatorSet: shownSet,
        operators: addresses,
        strategies,
        blockNumber,
      })
    : addresses.map((address) => ({ address, strategies: [] }));
  const avs = deployment.avs ? await readAvs(client, deployment.avs, addresses, blockNumber) : undefined;
  const am = { address: contracts.allocationManager, abi: allocationManagerAbi, blockNumber } as const;
  const operators = await Promise.all(
    views.map(async (view, index): Promise<OperatorStatus> => {
      const entry = avs?.operators[index];
      const [member, allocatedValue] = palisade
        ? await Promise.all([
            readContract(client, {
              ...am,
              functionName: "isMemberOfOperatorSet",
              args: [view.address, palisade],
            }),
            readContract(client, {
              ...am,
              functionName: "getOperatorAllocatedValue",
              args: [palisade, view.address],
            }),
          ])
        : [false, 0n];
      return {
        address: view.address,
        stake: view.strategies,
        palisade: {
          member,
          registered: entry?.registered ?? false,
          registryStake: entry?.stake ?? 0n,
          allocatedValue,
        },
      };
    }),
  );

  const sets: { label: string; set: OperatorSet }[] = [];
  if (palisade) sets.push({ label: "Palisade", set: palisade });
  const seeded = deployment.operatorSet;
  if (seeded && !(palisade && isAddressEqual(seeded.avs, palisade.avs) && seeded.id === palisade.id))
    sets.push({ label: "seeded", set: seeded });
  const operatorSets = await Promise.all(
    sets.map(async ({ label, set }) => {
      const view = await readOperatorSet(client, contracts, set);
      return { ...view, label, margin: securityMargin(view) ?? null };
    }),
  );

  const market = deployment.marketplace;
  const marketplace = market
    ? await (async () => {
        const m = { address: market.marketplace, abi: marketplaceAbi, blockNumber } as const;
        const [providers, services, purchases] = await Promise.all([
          readContract(client, { ...m, functionName: "providerCount" }),
          readContract(client, { ...m, functionName: "serviceCount" }),
          readContract(client, { ...m, functionName: "purchaseCount" }),
        ]);
        return { providers, services, purchases: BigInt(purchases) };
      })()
    : null;

  const gov = deployment.governance;
  const governance = gov
    ? await (async () => {
        const token = { address: gov.governanceToken, abi: governanceTokenAbi, blockNumber } as const;
        const distributor = {
          address: gov.revenueDistributor,
          abi: revenueDistributorAbi,
          blockNumber,
        } as const;
        const [supply, backing, debt, proposals, epochs, reserved, lastAt, params] = await Promise.all([
          readContract(client, { ...token, functionName: "totalSupply" }),
          readContract(client, { ...token, functionName: "totalBacking" }),
          readContract(client, { ...token, functionName: "totalDebt" }),
          getContractEvents(client, {
            address: gov.governor,
            abi: palisadeGovernorAbi,
            eventName: "ProposalCreated",
            fromBlock: BigInt(gov.deployedAtBlock),
            toBlock: blockNumber,
          }),
          readContract(client, { ...distributor, functionName: "epochCount" }),
          readContract(client, { ...distributor, functionName: "reserved" }),
          readContract(client, { ...distributor, functionName: "lastDistributionAt" }),
          readContract(client, { ...distributor, functionName: "params" }),
        ]);
        return {
          supply,
          backing,
          debt,
          proposals: proposals.length,
          revenue: {
            epochs: Number(epochs),
            reserved,
            nextDistributionAt: lastAt + BigInt(params.epochLength),
          },
        };
      })()
    : null;

  return {
    chainId: deployment.chainId,
    rpcUrl: parameters.rpcUrl,
    block: blockNumber,
    timestamp: block.timestamp,
    deploymentFile: parameters.deploymentFile,
    delays: deployment.delays,
    contracts: {
      core: contracts,
      avs: deployment.avs
        ? { serviceManager: deployment.avs.serviceManager, operatorRegistry: deployment.avs.operatorRegistry }
        : null,
      marketplace: market
        ? {
            utilityToken: market.utilityToken,
            marketplace: market.marketplace,
            reviewBoard: market.reviewBoard,
            providerSlashing: market.providerSlashing,
            ...(market.faucet ? { faucet: market.faucet } : {}),
          }
        : null,
      governance: gov
        ? {
            governanceToken: gov.governanceToken,
            governor: gov.governor,
            timelock: gov.timelock,
            revenueDistributor: gov.revenueDistributor,
            ...(gov.threatResponse ? { threatResponse: gov.threatResponse } : {}),
          }
        : null,
    },
    strategies,
    operators,
    operatorSets,
    avs: avs ? (({ operators: _operators, ...rest }) => rest)(avs) : null,
    marketplace,
    governance,
    alerts: gov?.threatResponse
      ? await readAlerts(client, gov.threatResponse, {
          fromBlock: BigInt(gov.deployedAtBlock),
          block: { number: blockNumber, timestamp: block.timestamp },
          operators: addresses,
        })
      : null,
    services: await readServices(parameters.deploymentFile),
  };
}
