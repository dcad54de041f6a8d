import { operatorRegistryAbi, serviceManagerAbi } from "@palisade/abis";
import { type Abi, type Address, concatHex, decodeFunctionData, type Hex, keccak256 } from "viem";
import { readContract } from "viem/actions";
import { readGauge, sumCounter } from "../../src/lib/prometheus.ts";
import type { EventLog, EventQuery } from "../chain/events.ts";
import type { AppContextValue } from "../context.tsx";

export function avsEvent(
  app: AppContextValue,
  contract: "serviceManager" | "operatorRegistry",
  eventName: string,
): EventQuery | undefined {
  const avs = app.config.deployment.avs;
  if (!avs) return undefined;
  return {
    address: avs[contract],
    abi: (contract === "serviceManager" ? serviceManagerAbi : operatorRegistryAbi) as Abi,
    eventName,
    fromBlock: BigInt(avs.deployedAtBlock),
  };
}

export interface AvsOperator {
  operator: Address;
  registered: boolean;
  stake: bigint;
  pubkeyHash: Hex;
  nodeUrl: string;
}

export interface AvsState {
  operators: AvsOperator[];
  totalStake: bigint;
  quorumThresholdBps: number;
  vetoWindow: number;
}

/** The AVS's operators (every address that ever registered a key) with their stake, key and node URL now. */
export async function loadAvs(app: AppContextValue, operators: Address[]): Promise<AvsState | undefined> {
  const avs = app.config.deployment.avs;
  if (!avs) return undefined;
  const registry = { address: avs.operatorRegistry, abi: operatorRegistryAbi } as const;
  const manager = { address: avs.serviceManager, abi: serviceManagerAbi } as const;
  const { client } = app;
  const [totalStake, quorumThresholdBps, vetoWindow, rows] = await Promise.all([
    readContract(client, { ...registry, functionName: "currentTotalStake" }),
    readContract(client, { ...manager, functionName: "quorumThresholdBps" }),
    readContract(client, { ...manager, functionName: "vetoWindow" }),
    Promise.all(
      operators.map(async (operator) => {
        const [registered, stake, pubkeyHash, nodeUrl] = await Promise.all([
          readContract(client, { ...registry, functionName: "isRegistered", args: [operator] }),
          readContract(client, { ...registry, functionName: "stakeOf", args: [operator] }),
          readContract(client, { ...registry, functionName: "pubkeyHashOf", args: [operator] }),
          readContract(client, { ...registry, functionName: "nodeUrlOf", args: [operator] }),
        ]);
        return { operator, registered, stake, pubkeyHash, nodeUrl };
      }),
    ),
  ]);
  return {
    operators: rows,
    totalStake,
    quorumThresholdBps: Number(quorumThresholdBps),
    vetoWindow: Number(vetoWindow),
  };
}

export interface NodeHealth {
  index: number;
  url: string;
  status: "healthy" | "partially healthy" | "unhealthy" | "unreachable";
  reasons: string[];
  name: string | undefined;
  version: string | undefined;
  /** eigen_performance_score: 100, 50 or 0. */
  score: number | undefined;
  tasksSigned: number | undefined;
}

async function text(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

/** Each node's health, identity and metrics through the dashboard's proxy (`/api/nodes/i/…`). */
export async function loadNodeHealth(app: AppContextValue): Promise<NodeHealth[]> {
  return Promise.all(
    app.config.nodes.map(async (node): Promise<NodeHealth> => {
      try {
        const [health, identity, metrics] = await Promise.all([
          text(`${node.proxy}/eigen/node/health`),
          text(`${node.proxy}/eigen/node`),
          text(`${node.proxy}/metrics`),
        ]);
        if (health.status === 502) throw new Error("unreachable");
        const parsed = JSON.parse(health.body) as { status?: NodeHealth["status"]; reasons?: string[] };
        const id =
          identity.status === 200
            ? (JSON.parse(identity.body) as { node_name?: string; node_version?: string })
            : {};
        return {
          index: node.index,
          url: node.url,
          status: parsed.status ?? "unhealthy",
          reasons: parsed.reasons ?? [],
          name: id.node_name,
          version: id.node_version,
          score: metrics.status === 200 ? readGauge(metrics.body, "eigen_performance_score") : undefined,
          tasksSigned:
            metrics.status === 200 ? sumCounter(metrics.body, "palisade_node_tasks_signed_total") : undefined,
        };
      } catch {
        return {
          index: node.index,
          url: node.url,
          status: "unreachable",
          reasons: ["the node did not answer"],
          name: undefined,
          version: undefined,
          score: undefined,
          tasksSigned: undefined,
        };
      }
    }),
  );
}

/** The on-chain id of a BLS key: keccak256(abi.encode(G1Point)) = keccak256 of its four words. */
export const pubkeyHashOf = (point: { xA: Hex; xB: Hex; yA: Hex; yB: Hex }): Hex =>
  keccak256(concatHex([point.xA, point.xB, point.yA, point.yB]));

export interface CertificateView {
  batchRoot: Hex;
  block: bigint;
  referenceBlock: number;
  verdictCount: number;
  signedStake: bigint;
  totalStake: bigint;
  transactionHash: Hex;
  /** pubkeyHashes of the non-signers, from the submitBatch call's calldata. */
  nonSigners: Hex[] | undefined;
}

/** Certificates (BatchAttested), with their non-signers decoded from the submitBatch transaction. */
export async function loadCertificates(app: AppContextValue, logs: EventLog[]): Promise<CertificateView[]> {
  return Promise.all(
    logs.map(async (log) => {
      const transaction = await app.client.getTransaction({ hash: log.transactionHash });
      let nonSigners: Hex[] | undefined;
      try {
        const call = decodeFunctionData({ abi: serviceManagerAbi, data: transaction.input });
        if (call.functionName === "submitBatch") {
          const params = call.args[3] as {
            nonSignerPubkeys: readonly { xA: Hex; xB: Hex; yA: Hex; yB: Hex }[];
          };
          nonSigners = params.nonSignerPubkeys.map(pubkeyHashOf);
        }
      } catch {
        // Submitted through another contract (not a direct submitBatch call): the calldata is not
        // the ServiceManager's, so the non-signers are not known here and show as "unknown".
        nonSigners = undefined;
      }
      return {
        batchRoot: log.args.batchRoot as Hex,
        block: log.blockNumber,
        referenceBlock: Number(log.args.referenceBlock),
        verdictCount: Number(log.args.verdictCount),
        signedStake: log.args.signedStake as bigint,
        totalStake: log.args.totalStake as bigint,
        transactionHash: log.transactionHash,
        nonSigners,
      };
    }),
  );
}

export const slashStatuses = ["none", "pending", "vetoed", "executed"] as const;

export interface SlashRequestView {
  id: bigint;
  operator: Address;
  wadToSlash: bigint;
  evidenceURI: string;
  vetoDeadline: number;
  status: (typeof slashStatuses)[number];
  block: bigint;
}

/** The ServiceManager's slashing requests with their status now (pending, vetoed, executed). */
export async function loadSlashRequests(app: AppContextValue, logs: EventLog[]): Promise<SlashRequestView[]> {
  const avs = app.config.deployment.avs;
  if (!avs) return [];
  return Promise.all(
    logs.map(async (log) => {
      const id = log.args.id as bigint;
      const request = await readContract(app.client, {
        address: avs.serviceManager,
        abi: serviceManagerAbi,
        functionName: "getSlashRequest",
        args: [id],
      });
      return {
        id,
        operator: log.args.operator as Address,
        wadToSlash: log.args.wadToSlash as bigint,
        evidenceURI: String(log.args.evidenceURI),
        vetoDeadline: Number(request.vetoDeadline),
        status: slashStatuses[Number(request.status)] ?? "none",
        block: log.blockNumber,
      };
    }),
  );
}
