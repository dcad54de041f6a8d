/**
 * Decodes an observation's logs into the facts detectors reason about. Events are recognised by topic0
 * and shape (ERC20 and ERC721 share Transfer and Approval: three topics and a 32-byte amount is ERC20;
 * ERC721's four topics are ignored here, the monitor counts fungible value). Any contract may emit any
 * event, so each fact keeps its emitter.
 */
import { type Address, type Hex, hexToBigInt, size, slice, toEventSelector, toFunctionSelector } from "viem";
import type { ObservedLog, TxObservation } from "./observation.ts";

export const topics = {
  transfer: toEventSelector("Transfer(address,address,uint256)"),
  approval: toEventSelector("Approval(address,address,uint256)"),
  ownershipTransferred: toEventSelector("OwnershipTransferred(address,address)"),
  ownershipTransferStarted: toEventSelector("OwnershipTransferStarted(address,address)"),
  upgraded: toEventSelector("Upgraded(address)"),
  adminChanged: toEventSelector("AdminChanged(address,address)"),
  beaconUpgraded: toEventSelector("BeaconUpgraded(address)"),
  sync: toEventSelector("Sync(uint112,uint112)"),
  swap: toEventSelector("Swap(address,uint256,uint256,uint256,uint256,address)"),
  answerUpdated: toEventSelector("AnswerUpdated(int256,uint256,uint256)"),
} as const;

/** Callbacks a flash lender calls on its borrower, by the kind of loan they mean. */
export const flashCallbacks: Readonly<Record<Hex, "erc3156" | "uniswap-v2" | "aave">> = {
  [toFunctionSelector("onFlashLoan(address,address,uint256,uint256,bytes)")]: "erc3156",
  [toFunctionSelector("uniswapV2Call(address,uint256,uint256,bytes)")]: "uniswap-v2",
  // Aave V2 flashLoan and V3 flashLoan share the array form; V3's flashLoanSimple calls the scalar one.
  [toFunctionSelector("executeOperation(address[],uint256[],uint256[],address,bytes)")]: "aave",
  [toFunctionSelector("executeOperation(address,uint256,uint256,address,bytes)")]: "aave",
};

/** transferFrom(address,address,uint256): a pull by an approved spender. */
export const TRANSFER_FROM_SELECTOR = toFunctionSelector("transferFrom(address,address,uint256)");

/** An ERC20 transfer or a native value transfer, in execution order. */
export interface ValueTransfer {
  seq: number;
  /** The token, or "native" for ether moved by a call. */
  asset: Address | "native";
  from: Address;
  to: Address;
  amount: bigint;
  /** The frame that emitted the log or carried the value (null without a trace). */
  frame: number | null;
}

export interface ApprovalEvent {
  seq: number;
  token: Address;
  owner: Address;
  spender: Address;
  amount: bigint;
}

export interface OwnershipEvent {
  seq: number;
  contract: Address;
  kind: "transferred" | "transfer-started";
  previousOwner: Address;
  newOwner: Address;
}

export interface ProxyEvent {
  seq: number;
  proxy: Address;
  kind: "implementation" | "admin" | "beacon";
  value: Address;
}

export interface SyncEvent {
  seq: number;
  pair: Address;
  reserve0: bigint;
  reserve1: bigint;
}

export interface SwapEvent {
  seq: number;
  pair: Address;
  sender: Address;
  to: Address;
}

export interface AnswerEvent {
  seq: number;
  feed: Address;
  answer: bigint;
  roundId: bigint;
}

/** ERC20 Transfers and native value transfers, merged in execution order. */
export function valueTransfers(obs: TxObservation): ValueTransfer[] {
  const out: ValueTransfer[] = [];
  for (const log of obs.logs) {
    const [topic0, t1, t2] = log.topics;
    if (topic0 !== topics.transfer || log.topics.length !== 3 || size(log.data) !== 32 || !t1 || !t2)
      continue;
    out.push({
      seq: log.seq,
      asset: log.address,
      from: topicAddress(t1),
      to: topicAddress(t2),
      amount: hexToBigInt(log.data),
      frame: log.frame,
    });
  }
  for (const transfer of obs.nativeTransfers)
    out.push({
      seq: transfer.seq,
      asset: "native",
      from: transfer.from,
      to: transfer.to,
      amount: transfer.value,
      frame: transfer.frame,
    });
  return out.sort((a, b) => a.seq - b.seq);
}

export function approvals(obs: TxObservation): ApprovalEvent[] {
  return decodeEach(obs.logs, (log) => {
    const [topic0, t1, t2] = log.topics;
    if (topic0 !== topics.approval || log.topics.length !== 3 || size(log.data) !== 32 || !t1 || !t2)
      return undefined;
    return {
      seq: log.seq,
      token: log.address,
      owner: topicAddress(t1),
      spender: topicAddress(t2),
      amount: hexToBigInt(log.data),
    };
  });
}

export function ownershipEvents(obs: TxObservation): OwnershipEvent[] {
  return decodeEach(obs.logs, (log) => {
    const [topic0, t1, t2] = log.topics;
    const transferred = topic0 === topics.ownershipTransferred;
    if ((!transferred && topic0 !== topics.ownershipTransferStarted) || log.topics.length !== 3 || !t1 || !t2)
      return undefined;
    return {
      seq: log.seq,
      contract: log.address,
      kind: transferred ? "transferred" : "transfer-started",
      previousOwner: topicAddress(t1),
      newOwner: topicAddress(t2),
    };
  });
}

export function proxyEvents(obs: TxObservation): ProxyEvent[] {
  return decodeEach(obs.logs, (log): ProxyEvent | undefined => {
    const [topic0, t1] = log.topics;
    if ((topic0 === topics.upgraded || topic0 === topics.beaconUpgraded) && log.topics.length === 2 && t1)
      return {
        seq: log.seq,
        proxy: log.address,
        kind: topic0 === topics.upgraded ? "implementation" : "beacon",
        value: topicAddress(t1),
      };
    // OpenZeppelin's AdminChanged(address previousAdmin, address newAdmin): nothing indexed.
    if (topic0 === topics.adminChanged && log.topics.length === 1 && size(log.data) === 64)
      return {
        seq: log.seq,
        proxy: log.address,
        kind: "admin",
        value: topicAddress(slice(log.data, 32, 64)),
      };
    return undefined;
  });
}

export function syncEvents(obs: TxObservation): SyncEvent[] {
  return decodeEach(obs.logs, (log) => {
    if (log.topics[0] !== topics.sync || log.topics.length !== 1 || size(log.data) !== 64) return undefined;
    return {
      seq: log.seq,
      pair: log.address,
      reserve0: hexToBigInt(slice(log.data, 0, 32)),
      reserve1: hexToBigInt(slice(log.data, 32, 64)),
    };
  });
}

export function swapEvents(obs: TxObservation): SwapEvent[] {
  return decodeEach(obs.logs, (log) => {
    const [topic0, t1, t2] = log.topics;
    if (topic0 !== topics.swap || log.topics.length !== 3 || size(log.data) !== 128 || !t1 || !t2)
      return undefined;
    return { seq: log.seq, pair: log.address, sender: topicAddress(t1), to: topicAddress(t2) };
  });
}

export function answerEvents(obs: TxObservation): AnswerEvent[] {
  return decodeEach(obs.logs, (log) => {
    const [topic0, t1, t2] = log.topics;
    if (topic0 !== topics.answerUpdated || log.topics.length !== 3 || !t1 || !t2) return undefined;
    return {
      seq: log.seq,
      feed: log.address,
      answer: hexToBigInt(t1, { signed: true }),
      roundId: hexToBigInt(t2),
    };
  });
}

function decodeEach<T>(logs: readonly ObservedLog[], decode: (log: ObservedLog) => T | undefined): T[] {
  const out: T[] = [];
  for (const log of logs) {
    const fact = decode(log);
    if (fact !== undefined) out.push(fact);
  }
  return out;
}

/** The address in the low 20 bytes of a 32-byte topic or word. */
export function topicAddress(topic: Hex): Address {
  return `0x${topic.slice(-40)}`.toLowerCase() as Address;
}
