/**
 * Decodes a transaction's logs into what it moves and grants. Events are recognised by their
 * topic0 and their shape (ERC20 and ERC721 share Transfer and Approval: 3 indexed topics and a
 * 32-byte amount for ERC20, 4 topics and no data for ERC721); a log that matches no shape is
 * ignored. Any contract may emit any event, so each record keeps the emitting contract.
 */
import { type Address, decodeAbiParameters, type Hex, hexToBigInt, size, slice, toEventSelector } from "viem";
import { type ExecutionLog, NATIVE_TOKEN_ADDRESS, TRANSFER_TOPIC } from "./execution.ts";
import type { Approval, AssetTransfer, OwnershipChange, ProxySlotKind } from "./types.ts";

const topics = {
  approval: toEventSelector("Approval(address,address,uint256)"),
  approvalForAll: toEventSelector("ApprovalForAll(address,address,bool)"),
  transferSingle: toEventSelector("TransferSingle(address,address,address,uint256,uint256)"),
  transferBatch: toEventSelector("TransferBatch(address,address,address,uint256[],uint256[])"),
  permit2Approval: toEventSelector("Approval(address,address,address,uint160,uint48)"),
  permit2Permit: toEventSelector("Permit(address,address,address,uint160,uint48,uint48)"),
  ownershipTransferred: toEventSelector("OwnershipTransferred(address,address)"),
  ownershipTransferStarted: toEventSelector("OwnershipTransferStarted(address,address)"),
  upgraded: toEventSelector("Upgraded(address)"),
  adminChanged: toEventSelector("AdminChanged(address,address)"),
  beaconUpgraded: toEventSelector("BeaconUpgraded(address)"),
} as const;

/** ERC20 allowances from 2^255 up are "unlimited" (max uint256 and the usual near-max values). */
export const UNLIMITED_ERC20 = 1n << 255n;
/** Permit2 allowances are uint160: from 2^159 up they are "unlimited". */
export const UNLIMITED_PERMIT2 = 1n << 159n;

/** A proxy event: the proxy (the emitter) now points at `value`. */
export interface ProxyEvent {
  proxy: Address;
  kind: ProxySlotKind;
  value: Address;
}

export interface DecodedLogs {
  transfers: AssetTransfer[];
  /** Without `spenderKind`, which needs a chain read. */
  approvals: Omit<Approval, "spenderKind">[];
  ownershipChanges: OwnershipChange[];
  proxyEvents: ProxyEvent[];
}

/** Decodes `logs` (lower-case, execution order); the output keeps their order. */
export function decodeLogs(logs: readonly ExecutionLog[]): DecodedLogs {
  const out: DecodedLogs = { transfers: [], approvals: [], ownershipChanges: [], proxyEvents: [] };
  for (const log of logs) decodeLog(log, out);
  return out;
}

function decodeLog(log: ExecutionLog, out: DecodedLogs): void {
  const [topic0, t1, t2, t3] = log.topics;
  const n = log.topics.length;
  const bytes = size(log.data);
  const contract = log.address;
  switch (topic0) {
    case TRANSFER_TOPIC:
      if (n === 3 && bytes === 32 && t1 && t2) {
        const native = contract === NATIVE_TOKEN_ADDRESS;
        out.transfers.push({
          kind: native ? "native" : "erc20",
          token: native ? null : contract,
          tokenId: null,
          from: topicAddress(t1),
          to: topicAddress(t2),
          amount: hexToBigInt(log.data).toString(),
        });
      } else if (n === 4 && bytes === 0 && t1 && t2 && t3)
        out.transfers.push({
          kind: "erc721",
          token: contract,
          tokenId: hexToBigInt(t3).toString(),
          from: topicAddress(t1),
          to: topicAddress(t2),
          amount: "1",
        });
      return;
    case topics.transferSingle:
      if (n === 4 && bytes === 64 && t2 && t3)
        out.transfers.push({
          kind: "erc1155",
          token: contract,
          tokenId: hexToBigInt(slice(log.data, 0, 32)).toString(),
          from: topicAddress(t2),
          to: topicAddress(t3),
          amount: hexToBigInt(slice(log.data, 32, 64)).toString(),
        });
      return;
    case topics.transferBatch: {
      if (n !== 4 || !t2 || !t3) return;
      const decoded = tryDecode(["uint256[]", "uint256[]"], log.data);
      if (!decoded) return;
      const [ids, values] = decoded as [readonly bigint[], readonly bigint[]];
      if (ids.length !== values.length) return;
      for (const [index, id] of ids.entries())
        out.transfers.push({
          kind: "erc1155",
          token: contract,
          tokenId: id.toString(),
          from: topicAddress(t2),
          to: topicAddress(t3),
          amount: (values[index] as bigint).toString(),
        });
      return;
    }
    case topics.approval:
      if (n === 3 && bytes === 32 && t1 && t2) {
        const amount = hexToBigInt(log.data);
        out.approvals.push({
          kind: "erc20",
          contract,
          token: contract,
          owner: topicAddress(t1),
          spender: topicAddress(t2),
          amount: amount.toString(),
          tokenId: null,
          granted: amount > 0n,
          unlimited: amount >= UNLIMITED_ERC20,
          expiration: null,
        });
      } else if (n === 4 && bytes === 0 && t1 && t2 && t3) {
        const spender = topicAddress(t2);
        out.approvals.push({
          kind: "erc721",
          contract,
          token: contract,
          owner: topicAddress(t1),
          spender,
          amount: null,
          tokenId: hexToBigInt(t3).toString(),
          granted: hexToBigInt(t2) !== 0n,
          unlimited: false,
          expiration: null,
        });
      }
      return;
    case topics.approvalForAll:
      if (n === 3 && bytes === 32 && t1 && t2)
        out.approvals.push({
          kind: "approval-for-all",
          contract,
          token: contract,
          owner: topicAddress(t1),
          spender: topicAddress(t2),
          amount: null,
          tokenId: null,
          granted: hexToBigInt(log.data) !== 0n,
          unlimited: hexToBigInt(log.data) !== 0n,
          expiration: null,
        });
      return;
    case topics.permit2Approval:
    case topics.permit2Permit: {
      // Approval(owner, token, spender, uint160 amount, uint48 expiration); Permit adds a uint48 nonce.
      if (n !== 4 || !t1 || !t2 || !t3 || bytes < 64) return;
      const amount = hexToBigInt(slice(log.data, 0, 32));
      out.approvals.push({
        kind: "permit2",
        contract,
        token: topicAddress(t2),
        owner: topicAddress(t1),
        spender: topicAddress(t3),
        amount: amount.toString(),
        tokenId: null,
        granted: amount > 0n,
        unlimited: amount >= UNLIMITED_PERMIT2,
        expiration: Number(hexToBigInt(slice(log.data, 32, 64))),
      });
      return;
    }
    case topics.ownershipTransferred:
    case topics.ownershipTransferStarted:
      if (n === 3 && t1 && t2)
        out.ownershipChanges.push({
          contract,
          kind: topic0 === topics.ownershipTransferred ? "transferred" : "transfer-started",
          previousOwner: topicAddress(t1),
          newOwner: topicAddress(t2),
        });
      return;
    case topics.upgraded:
    case topics.beaconUpgraded:
      if (n === 2 && t1)
        out.proxyEvents.push({
          proxy: contract,
          kind: topic0 === topics.upgraded ? "implementation" : "beacon",
          value: topicAddress(t1),
        });
      return;
    case topics.adminChanged:
      // OpenZeppelin's AdminChanged(address previousAdmin, address newAdmin): nothing indexed.
      if (n === 1 && bytes === 64)
        out.proxyEvents.push({ proxy: contract, kind: "admin", value: wordAddress(slice(log.data, 32, 64)) });
      return;
  }
}

/** The address in the low 20 bytes of a 32-byte topic or word. */
function topicAddress(topic: Hex): Address {
  return `0x${topic.slice(-40)}` as Address;
}

const wordAddress = topicAddress;

function tryDecode(types: readonly string[], data: Hex): readonly unknown[] | undefined {
  try {
    return decodeAbiParameters(
      types.map((type) => ({ type })),
      data,
    );
  } catch {
    return undefined; // malformed batch: not a standard TransferBatch, ignored like any unknown log
  }
}
