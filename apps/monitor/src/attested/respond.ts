/**
 * The threat response (decision 0008): a certified `monitor-alert@1` verdict is presented to the
 * ThreatResponse contract, which pauses the opted-in protocol, the marketplace service, freezes the
 * implicated operators and raises the attestation threshold. To front-run the attack it answers, the
 * call is sent as soon as the certificate's `submitBatch` is sent (not mined), with a priority fee
 * below the certificate's and above the attack's: a fee-ordered block runs certificate, response,
 * attack in that order. Its gas is given (an estimate would fail until the certificate is mined).
 */
import { threatResponseAbi } from "@palisade/abis";
import { feesWithTip } from "@palisade/sdk";
import type { Logger } from "pino";
import {
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type PublicClient,
  parseEventLogs,
  type Transport,
  type WalletClient,
} from "viem";
import { readContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import type { AlertVerdict } from "./alertVerdict.ts";

/** What `respond` takes: `IPalisadeGuard.Attestation`. */
export interface AlertAttestation {
  batchRoot: Hex;
  requestHash: Hex;
  referenceBlock: number;
  response: Hex;
  proof: readonly Hex[];
}

export interface ThreatResponderOptions {
  client: PublicClient;
  wallet: WalletClient<Transport, Chain | undefined, Account>;
  threatResponse: Address;
  /** Wei per gas: above the attack's, below the certificate's (the aggregator's urgent fee). */
  priorityFeeWei: bigint;
  logger: Logger;
  /** Gas of the call (default 200 000 plus 40 000 per implicated operator). */
  gas?: (verdict: AlertVerdict) => bigint;
}

/** What the response did, from its receipt. */
export interface ThreatResponseOutcome {
  tx: Hash;
  block: number;
  status: "success" | "reverted";
  /** `AlertHandled.actions`: 1 protocol paused, 2 service paused, 4 operators frozen, 8 threshold raised. */
  actions: number;
  /** The protocol's pause end (unix s) when it was paused. */
  pausedUntil?: number;
}

export interface ThreatResponder {
  /** True when the contract would act on this verdict (reproduced, severe enough, not handled yet). */
  wants(verdict: AlertVerdict): Promise<boolean>;
  /** Sends `respond` at once; resolves with the hash (the receipt comes from `outcome`). */
  send(attestation: AlertAttestation, verdict: AlertVerdict): Promise<Hash>;
  /** Waits for the response's receipt. */
  outcome(tx: Hash): Promise<ThreatResponseOutcome>;
}

const defaultGas = (verdict: AlertVerdict) => 200_000n + 40_000n * BigInt(verdict.implicatedOperators.length);

/**
 * @example
 * const responder = createThreatResponder({ client, wallet, threatResponse, priorityFeeWei: parseGwei("50"), logger });
 * if (await responder.wants(verdict)) await responder.outcome(await responder.send(attestation, verdict));
 */
export function createThreatResponder(options: ThreatResponderOptions): ThreatResponder {
  const { client, wallet, threatResponse } = options;
  let minSeverity: number | undefined;
  return {
    async wants(verdict) {
      if (!verdict.reproduced) return false;
      minSeverity ??= (
        await readContract(client, {
          address: threatResponse,
          abi: threatResponseAbi,
          functionName: "policy",
        })
      ).minSeverity;
      if (verdict.severity < minSeverity) return false;
      return !(await readContract(client, {
        address: threatResponse,
        abi: threatResponseAbi,
        functionName: "alertHandled",
        args: [verdict.alertId],
      }));
    },
    async send(attestation, verdict) {
      return writeContract(wallet, {
        address: threatResponse,
        abi: threatResponseAbi,
        functionName: "respond",
        args: [{ ...attestation, proof: [...attestation.proof] }],
        chain: wallet.chain ?? null,
        gas: (options.gas ?? defaultGas)(verdict),
        ...(await feesWithTip(client, options.priorityFeeWei)),
      });
    },
    async outcome(tx) {
      const receipt = await waitForTransactionReceipt(client, { hash: tx, pollingInterval: 50 });
      const logs = parseEventLogs({ abi: threatResponseAbi, logs: receipt.logs });
      const handled = logs.find((log) => log.eventName === "AlertHandled");
      const paused = logs.find((log) => log.eventName === "ProtocolPaused");
      return {
        tx,
        block: Number(receipt.blockNumber),
        status: receipt.status,
        actions: handled?.eventName === "AlertHandled" ? Number(handled.args.actions) : 0,
        ...(paused?.eventName === "ProtocolPaused" ? { pausedUntil: Number(paused.args.until) } : {}),
      };
    },
  };
}
