import { serviceManagerAbi, threatResponseAbi } from "@palisade/abis";
import type { Abi, Address } from "viem";
import { readContract } from "viem/actions";
import type { EventLog, EventQuery } from "../chain/events.ts";
import type { AppContextValue } from "../context.tsx";

/** A ThreatResponse event since the governance deployment (undefined when the deployment has none). */
export function threatEvent(app: AppContextValue, eventName: string): EventQuery | undefined {
  const governance = app.config.deployment.governance;
  if (!governance?.threatResponse) return undefined;
  return {
    address: governance.threatResponse,
    abi: threatResponseAbi as Abi,
    eventName,
    fromBlock: BigInt(governance.deployedAtBlock),
  };
}

export interface ThreatPolicy {
  maxAlertAge: number;
  minSeverity: number;
  pauseSeconds: number;
  servicePauseSeconds: number;
  freezeSeconds: number;
  thresholdSeconds: number;
  thresholdFloorBps: number;
}

export interface ThreatState {
  policy: ThreatPolicy;
  /** The stored end of each action by subject (unix seconds; 0 when lifted): lower-case addresses, service ids. */
  protocolsUntil: Map<string, number>;
  servicesUntil: Map<string, number>;
  operatorsUntil: Map<string, number>;
  /** The floor in force (0 once expired or lifted) and its end. */
  floorBps: number;
  floorUntil: number;
  /** The ServiceManager's own certification threshold, which the floor raises. */
  quorumThresholdBps: number | undefined;
}

/** The ends the contract stores now for every subject its events ever named, its policy and the floor. */
export async function loadThreatState(
  app: AppContextValue,
  subjects: { protocols: readonly Address[]; services: readonly bigint[]; operators: readonly Address[] },
): Promise<ThreatState | undefined> {
  const address = app.config.deployment.governance?.threatResponse;
  if (!address) return undefined;
  const { client } = app;
  const contract = { address, abi: threatResponseAbi } as const;
  const serviceManager = app.config.deployment.avs?.serviceManager;
  const ends = <K>(keys: readonly K[], read: (key: K) => Promise<bigint>, name: (key: K) => string) =>
    Promise.all(keys.map(async (key) => [name(key), Number(await read(key))] as const)).then(
      (entries) => new Map(entries),
    );
  const [policy, protocolsUntil, servicesUntil, operatorsUntil, floorBps, floorUntil, quorumThresholdBps] =
    await Promise.all([
      readContract(client, { ...contract, functionName: "policy" }),
      ends(
        subjects.protocols,
        (protocol) => readContract(client, { ...contract, functionName: "pausedUntil", args: [protocol] }),
        (protocol) => protocol.toLowerCase(),
      ),
      ends(
        subjects.services,
        (serviceId) =>
          readContract(client, { ...contract, functionName: "servicePausedUntil", args: [serviceId] }),
        (serviceId) => serviceId.toString(),
      ),
      ends(
        subjects.operators,
        (operator) => readContract(client, { ...contract, functionName: "frozenUntil", args: [operator] }),
        (operator) => operator.toLowerCase(),
      ),
      readContract(client, { ...contract, functionName: "thresholdFloorBps" }),
      readContract(client, { ...contract, functionName: "thresholdFloorUntil" }),
      serviceManager
        ? readContract(client, {
            address: serviceManager,
            abi: serviceManagerAbi,
            functionName: "quorumThresholdBps",
          })
        : Promise.resolve(undefined),
    ]);
  return {
    policy: {
      maxAlertAge: Number(policy.maxAlertAge),
      minSeverity: Number(policy.minSeverity),
      pauseSeconds: Number(policy.pauseSeconds),
      servicePauseSeconds: Number(policy.servicePauseSeconds),
      freezeSeconds: Number(policy.freezeSeconds),
      thresholdSeconds: Number(policy.thresholdSeconds),
      thresholdFloorBps: Number(policy.thresholdFloorBps),
    },
    protocolsUntil,
    servicesUntil,
    operatorsUntil,
    floorBps: Number(floorBps),
    floorUntil: Number(floorUntil),
    quorumThresholdBps: quorumThresholdBps === undefined ? undefined : Number(quorumThresholdBps),
  };
}

/** An `AlertHandled` event: what the contract did with one certified alert. */
export interface HandledAlert {
  alertId: string;
  protocol: Address;
  serviceId: bigint;
  alertType: number;
  severity: number;
  actions: number;
  blockNumber: bigint;
  transactionHash: string;
}

export function handledAlerts(logs: readonly EventLog[]): HandledAlert[] {
  return logs
    .map((log) => ({
      alertId: log.args.alertId as string,
      protocol: log.args.protocol as Address,
      serviceId: log.args.serviceId as bigint,
      alertType: Number(log.args.alertType),
      severity: Number(log.args.severity),
      actions: Number(log.args.actions),
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
    }))
    .reverse();
}
