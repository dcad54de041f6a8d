/**
 * What a simulated transaction did, in a JSON-safe form: addresses lower-case, amounts and token ids
 * as decimal strings (wei / base units; signed for net changes), everything sorted or in execution
 * order. The simulation backends produce it (createTxFirewall), the policy judges it (evaluatePolicy),
 * and a gateway may store or send it as is: `JSON.stringify` works, `JSON.parse` gives it back.
 */
import type { Address, Hex } from "viem";

/** The node methods a transaction can be simulated with. */
export type SimulationBackend = "debug_traceCall" | "eth_simulateV1";

/** The transaction as simulated. */
export interface SimulatedTx {
  from: Address;
  /** null for a contract creation. */
  to: Address | null;
  /** Wei, decimal. */
  value: string;
  data: Hex;
  /** The gas limit given, decimal; null to let the node pick (its call gas cap). */
  gas: string | null;
}

export type AssetKind = "native" | "erc20" | "erc721" | "erc1155";

/** One asset: native ETH (token null), an ERC20, one ERC721 token, or one ERC1155 id. */
export interface Asset {
  kind: AssetKind;
  /** The token contract; null for native ETH. */
  token: Address | null;
  /** Decimal token id for ERC721 / ERC1155; null otherwise. */
  tokenId: string | null;
}

/** One movement of an asset, in execution order. Mints come from, burns go to, the zero address. */
export interface AssetTransfer extends Asset {
  from: Address;
  to: Address;
  /** Decimal; "1" for an ERC721 token. */
  amount: string;
}

/** The net effect of a transaction on one address's holding of one asset. */
export interface AssetChange extends Asset {
  address: Address;
  /** Decimal sums of what came in and went out. */
  in: string;
  out: string;
  /** Decimal, signed: in − out. */
  net: string;
}

/**
 * An approval event: `erc20` (Approval with an amount), `erc721` (one token), `approval-for-all`
 * (ERC721/ERC1155 ApprovalForAll), `permit2` (Permit2's Approval or Permit: `token` is the ERC20,
 * `contract` is Permit2).
 */
export type ApprovalKind = "erc20" | "erc721" | "approval-for-all" | "permit2";

/** The code at a spender's address at the pinned block (before the transaction). */
export type SpenderKind = "eoa" | "eip7702" | "contract";

export interface Approval {
  kind: ApprovalKind;
  /** The contract that emitted the event (the token, or Permit2). */
  contract: Address;
  /** The token the approval is for. */
  token: Address;
  owner: Address;
  /** The spender, the approved address, or the operator. */
  spender: Address;
  /** Decimal allowance for erc20 / permit2; null for the others. */
  amount: string | null;
  /** Decimal token id for erc721; null for the others. */
  tokenId: string | null;
  /** false for a revocation (amount 0, approved address 0, ApprovalForAll false). */
  granted: boolean;
  /** An allowance at or above the unlimited threshold (erc20 ≥ 2^255, permit2 ≥ 2^159). */
  unlimited: boolean;
  /** Permit2's expiration (unix seconds); null for the others. */
  expiration: number | null;
  /**
   * What the spender is at the pinned block (see SpenderKind); read for the approvals the sender
   * grants, null for other owners' approvals (no rule judges them).
   */
  spenderKind: SpenderKind | null;
}

export interface OwnershipChange {
  contract: Address;
  /** `transferred`: OwnershipTransferred; `transfer-started`: Ownable2Step's OwnershipTransferStarted. */
  kind: "transferred" | "transfer-started";
  previousOwner: Address;
  newOwner: Address;
}

export type ProxySlotKind = "implementation" | "admin" | "beacon";

export interface ProxyChange {
  proxy: Address;
  kind: ProxySlotKind;
  /** The value the EIP-1967 slot held at the pinned block; null when it was empty. */
  previous: Address | null;
  /** The new implementation, admin or beacon (the last one when the transaction sets it twice). */
  current: Address;
  /** How it was seen: the EIP-1967 event, a write to the EIP-1967 slot (storage-diff backends only), or both. */
  evidence: ("event" | "storage")[];
}

/** Why an address of the transaction was matched against the label lists. */
export type AddressRole = "sender" | "call" | "recipient" | "spender" | "new-owner" | "implementation";

export interface FlaggedAddress {
  address: Address;
  /** Every role the address plays in the transaction, sorted. */
  roles: AddressRole[];
  /** What the lists say, sorted by label: e.g. `{ label: "sanctioned", sources: ["ofac/ETH"] }`. */
  labels: { label: string; sources: string[] }[];
}

/**
 * The transaction would not succeed: `revert` (it executes and reverts: the reason is decoded from
 * the revert data) or `invalid` (the node refuses to execute it: insufficient funds, bad nonce, gas …).
 */
export interface TxFailure {
  kind: "revert" | "invalid";
  /** Human-readable: `Error("…")`, `Panic(0x11): arithmetic overflow`, `ERC20InsufficientBalance(…)`, the node's message … */
  reason: string;
  /** The raw revert data; null for `invalid`. */
  data: Hex | null;
}

/** The sender's net outflow of one fungible asset, against its balance at the pinned block. */
export interface Outflow extends Asset {
  /** Decimal net amount that leaves the sender. */
  amount: string;
  /** Decimal balance at the pinned block; null when it could not be read (not a standard token). */
  balanceBefore: string | null;
  /** amount / balanceBefore × 100, two decimals; null when the balance is unknown or zero. */
  percent: number | null;
}

/** Everything the policy needs: the simulation's facts. Deterministic for the same tx, block and lists. */
export interface TxChanges {
  chainId: number;
  /** The pinned block: the state the transaction runs on is the state after this block. */
  block: number;
  backend: SimulationBackend;
  /**
   * What the backend can see: every call frame (debug_traceCall) or only the transaction's target
   * and the contracts that emitted logs (eth_simulateV1); storage writes (debug_traceCall's
   * prestate diff) or only events.
   */
  coverage: { callFrames: boolean; storageWrites: boolean };
  tx: SimulatedTx;
  status: "success" | "reverted" | "invalid";
  failure: TxFailure | null;
  /** Gas the execution used; null when the node refused the transaction. */
  gasUsed: number | null;
  /** Asset movements in execution order. */
  transfers: AssetTransfer[];
  /** Net per (address, asset), sorted by address, kind, token, token id. */
  assetChanges: AssetChange[];
  /** The sender's net outflows of fungible assets (native, ERC20, ERC1155), sorted like assetChanges. */
  outflows: Outflow[];
  /** In execution order. */
  approvals: Approval[];
  ownershipChanges: OwnershipChange[];
  /** Sorted by proxy, then kind. */
  proxyChanges: ProxyChange[];
  /** Addresses of the transaction that the lists label, sorted by address. */
  flagged: FlaggedAddress[];
  /** Whether label lists were consulted (false: `flagged` is empty because nothing was checked). */
  listsChecked: boolean;
  /** Digest of the label lists used (LabelIndex.digest), when they have one. */
  labelsDigest: string | null;
}
