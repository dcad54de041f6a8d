import { type Hex, hexToBigInt, numberToHex, type PublicClient } from "viem";
import { EngineRpcError } from "../errors.ts";
import { TX_FIREWALL_ENGINE_ID } from "./constants.ts";
import { BackendUnsupportedError } from "./errors.ts";
import {
  type Execution,
  type ExecutionLog,
  lower,
  NATIVE_TOKEN_ADDRESS,
  sortedDistinct,
} from "./execution.ts";
import { decodeRevertReason } from "./revertReason.ts";
import { classifyRpcError, rpcRequest } from "./rpc.ts";
import type { SimulatedTx } from "./types.ts";

interface SimulatedCall {
  status: Hex;
  returnData: Hex;
  gasUsed: Hex;
  logs?: { address: Hex; topics: Hex[]; data: Hex }[];
  error?: { code?: number; message?: string; data?: Hex };
}

/** Messages that only say "it reverted" (anvil: "execution failed"; geth: "execution reverted"). */
const PLAIN_REVERT = /^execution (reverted|failed)/i;

/**
 * Simulates `tx` on the state after `block` with eth_simulateV1 (`traceTransfers`, no validation:
 * fees and nonce are not checked, gas is free — as eth_call), as one call in one simulated block.
 * Sees the logs and native transfers; not the call frames nor storage.
 *
 * Known node difference: anvil (1.7) also logs the value of inner calls that revert inside a
 * successful transaction; geth drops them with the reverted frame. debug_traceCall is exact there.
 */
export async function simulateWithSimulateV1(
  client: PublicClient,
  tx: SimulatedTx,
  block: number,
): Promise<Execution> {
  const call: Record<string, string> = { from: tx.from, value: numberToHex(BigInt(tx.value)), data: tx.data };
  if (tx.to !== null) call.to = tx.to;
  if (tx.gas !== null) call.gas = numberToHex(BigInt(tx.gas));
  let answer: { calls?: SimulatedCall[] }[];
  try {
    answer = await rpcRequest(client, "eth_simulateV1", [
      { blockStateCalls: [{ calls: [call] }], traceTransfers: true, validation: false },
      numberToHex(block),
    ]);
  } catch (error) {
    const failure = classifyRpcError(error);
    if (failure.kind === "unsupported")
      throw new BackendUnsupportedError("eth_simulateV1", failure.message, error);
    if (failure.kind === "invalid")
      return failed({ kind: "invalid", reason: failure.message, data: null }, null, tx);
    if (failure.kind === "revert")
      return failed(
        { kind: "revert", reason: decodeRevertReason(failure.data), data: failure.data },
        null,
        tx,
      );
    throw new EngineRpcError(TX_FIREWALL_ENGINE_ID, error);
  }
  const result = answer[0]?.calls?.[0];
  if (result === undefined)
    throw new EngineRpcError(
      TX_FIREWALL_ENGINE_ID,
      new Error("eth_simulateV1 answered without the call's result"),
    );
  const gasUsed = Number(hexToBigInt(result.gasUsed));
  if (hexToBigInt(result.status) !== 1n) {
    // Geth puts the revert data in error.data, anvil in returnData.
    const data = lower(result.error?.data ?? result.returnData ?? "0x");
    const message = result.error?.message ?? "";
    const reason =
      data !== "0x" || message === "" || PLAIN_REVERT.test(message) ? decodeRevertReason(data) : message;
    return failed({ kind: "revert", reason, data }, gasUsed, tx);
  }
  const logs: ExecutionLog[] = (result.logs ?? []).map((log) => ({
    address: lower(log.address),
    topics: log.topics.map(lower),
    data: lower(log.data),
  }));
  const targets = logs.map((log) => log.address).filter((address) => address !== NATIVE_TOKEN_ADDRESS);
  if (tx.to !== null) targets.push(tx.to);
  return {
    backend: "eth_simulateV1",
    status: "success",
    failure: null,
    gasUsed,
    logs,
    callTargets: sortedDistinct(targets),
    slotWrites: null,
  };
}

function failed(failure: Execution["failure"] & {}, gasUsed: number | null, tx: SimulatedTx): Execution {
  return {
    backend: "eth_simulateV1",
    status: failure.kind === "invalid" ? "invalid" : "reverted",
    failure,
    gasUsed,
    logs: [],
    callTargets: tx.to === null ? [] : [tx.to],
    slotWrites: null,
  };
}
