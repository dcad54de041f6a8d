/**
 * The `monitor-alert@1` encodings of decision 0008 — the request hash and the `AlertVerdict` response
 * the ThreatResponse contract decodes. Field order and types here are the contract's: changing either
 * is a new engine version.
 */
import {
  type Address,
  decodeAbiParameters,
  encodeAbiParameters,
  getAddress,
  type Hex,
  keccak256,
  zeroAddress,
} from "viem";
import { type AlertType, alertTypes, type Severity, severities } from "../alert.ts";

/** "name@version" of the engine operators run on alerts. */
export const MONITOR_ALERT_ENGINE_ID = "monitor-alert@1";

/** `uint8 source` in the request hash. */
export const ALERT_SOURCE_CODES = { block: 0, mempool: 1 } as const;

/** What the request hash binds (decision 0008). */
export interface MonitorAlertRequestFields {
  engineVersion: Hex;
  chainId: number;
  alertId: Hex;
  txHash: Hex;
  source: "block" | "mempool";
  stateBlock: number;
  /** The including block; 0 while pending. */
  block: number;
  watchDigest: Hex;
}

const requestAbi = [
  { type: "bytes32" },
  { type: "uint64" },
  { type: "bytes32" },
  { type: "bytes32" },
  { type: "uint8" },
  { type: "uint64" },
  { type: "uint64" },
  { type: "bytes32" },
] as const;

/**
 * `keccak256(abi.encode(engineVersion, uint64 chainId, bytes32 alertId, bytes32 txHash, uint8 source,
 * uint64 stateBlock, uint64 block, bytes32 watchDigest))`.
 */
export function monitorAlertRequestHash(fields: MonitorAlertRequestFields): Hex {
  return keccak256(
    encodeAbiParameters(requestAbi, [
      fields.engineVersion,
      BigInt(fields.chainId),
      fields.alertId,
      fields.txHash,
      ALERT_SOURCE_CODES[fields.source],
      BigInt(fields.stateBlock),
      BigInt(fields.block),
      fields.watchDigest,
    ]),
  );
}

/** `abi.encode(AlertVerdict)`: one tuple, as Solidity's `abi.decode(response, (AlertVerdict))` reads it. */
export const alertVerdictAbi = [
  {
    type: "tuple",
    name: "verdict",
    components: [
      { type: "bytes32", name: "alertId" },
      { type: "uint64", name: "chainId" },
      { type: "bool", name: "reproduced" },
      { type: "uint8", name: "alertType" },
      { type: "uint8", name: "severity" },
      { type: "address", name: "protocol" },
      { type: "uint64", name: "serviceId" },
      { type: "address[]", name: "implicatedOperators" },
    ],
  },
] as const;

/** The decoded response. `alertType` indexes `alertTypes`, `severity` indexes `severities`. */
export interface AlertVerdict {
  alertId: Hex;
  chainId: bigint;
  reproduced: boolean;
  alertType: number;
  severity: number;
  protocol: Address;
  serviceId: bigint;
  implicatedOperators: readonly Address[];
}

export function encodeAlertVerdict(verdict: AlertVerdict): Hex {
  return encodeAbiParameters(alertVerdictAbi, [verdict]);
}

/** Decodes a `monitor-alert@1` response (a contract's view of it, e.g. to check an attestation). */
export function decodeAlertVerdict(response: Hex): AlertVerdict {
  const [verdict] = decodeAbiParameters(alertVerdictAbi, response);
  return verdict;
}

/** The verdict of an alert the detectors did not find: zeros but the id, the chain and `reproduced`. */
export function notReproduced(alertId: Hex, chainId: number): AlertVerdict {
  return {
    alertId,
    chainId: BigInt(chainId),
    reproduced: false,
    alertType: 0,
    severity: 0,
    protocol: zeroAddress,
    serviceId: 0n,
    implicatedOperators: [],
  };
}

/** The verdict's JSON view (names instead of indexes, decimal strings for uint64). */
export interface AlertVerdictJson {
  alertId: Hex;
  chainId: number;
  reproduced: boolean;
  /** null when not reproduced. */
  alertType: AlertType | null;
  severity: Severity | null;
  protocol: Address;
  serviceId: string;
  implicatedOperators: Address[];
}

export function alertVerdictJson(verdict: AlertVerdict): AlertVerdictJson {
  return {
    alertId: verdict.alertId,
    chainId: Number(verdict.chainId),
    reproduced: verdict.reproduced,
    alertType: verdict.reproduced ? (alertTypes[verdict.alertType] ?? null) : null,
    severity: verdict.reproduced ? (severities[verdict.severity] ?? null) : null,
    protocol: getAddress(verdict.protocol),
    serviceId: verdict.serviceId.toString(),
    implicatedOperators: verdict.implicatedOperators.map((operator) => getAddress(operator)),
  };
}
