/**
 * The alert: what the monitor emits, versioned (`schema: "palisade.alert/1"`), validated with zod and
 * typed per detector. Everything but `detectedAt` is a deterministic function of the transaction and
 * the chain state the detector read (`evidence.stateBlock`): an operator re-running the detector gets
 * the same draft, and the `id` (keccak256 of type, tx hash and a detector key) is the same whether the
 * attack was seen pending or mined, so re-detection is idempotent for every receiver.
 */
import { type Hex, keccak256, stringToHex } from "viem";
import { z } from "zod";

export const ALERT_SCHEMA = "palisade.alert/1";

export const alertTypes = [
  "large-outflow",
  "flash-loan-exploit",
  "ownership-change",
  "proxy-upgrade",
  "oracle-deviation",
  "approval-drain",
] as const;
export type AlertType = (typeof alertTypes)[number];

export const severities = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof severities)[number];

/** Lower-case 20-byte hex: every address in an alert is written this way. */
const address = z.string().regex(/^0x[0-9a-f]{40}$/, { message: "a lower-case 20-byte hex address" });
const hash = z.string().regex(/^0x[0-9a-f]{64}$/, { message: "a lower-case 32-byte hex hash" });
const word = hash;
const hex = z.string().regex(/^0x([0-9a-f]{2})*$/, { message: "lower-case hex bytes" });
/** A non-negative integer in decimal (token amounts, wei, prices): JSON numbers lose precision. */
const amount = z.string().regex(/^(0|[1-9][0-9]*)$/, { message: "a decimal integer" });
/** A signed integer in decimal (a Chainlink answer). */
const signedAmount = z.string().regex(/^-?(0|[1-9][0-9]*)$/, { message: "a signed decimal integer" });
const blockNumber = z.number().int().nonnegative();
/** A native-ether asset is written "native"; tokens by their contract. */
const asset = z.union([z.literal("native"), address]);

/**
 * The transaction as it was sent (or is pending): with `stateBlock`, enough to simulate it again
 * (`debug_traceCall` at `stateBlock`) when it never lands.
 */
export const transactionEvidenceSchema = z.object({
  from: address,
  to: address.nullable(),
  value: amount,
  input: hex,
  gas: amount,
  nonce: z.number().int().nonnegative(),
});
export type TransactionEvidence = z.output<typeof transactionEvidenceSchema>;

/** What every detector's evidence starts with. */
const evidenceBase = {
  /**
   * The block whose state the detector read: the parent of the transaction's block (mined), or the
   * latest block the pending transaction was simulated on (mempool).
   */
  stateBlock: blockNumber,
  transaction: transactionEvidenceSchema,
};

export const largeOutflowEvidenceSchema = z.object({
  ...evidenceBase,
  contract: address,
  label: z.string().nullable(),
  flows: z
    .array(
      z.object({
        asset,
        /** Sum of what left the contract in the transaction. */
        outflow: amount,
        /** Sum of what came in (the net is what counts). */
        inflow: amount,
        net: amount,
        /** The contract's balance of the asset at `stateBlock`. */
        balanceBefore: amount,
        /** net / balanceBefore in basis points (null when the balance was 0). */
        shareBps: z.number().int().nonnegative().nullable(),
        /** Which threshold the net crossed. */
        rule: z.enum(["percent", "amount"]),
        recipients: z.array(address),
      }),
    )
    .min(1),
  thresholds: z.object({
    minPercent: z.number().nonnegative(),
    minAmount: z.record(z.string(), amount),
  }),
});

export const flashLoanEvidenceSchema = z.object({
  ...evidenceBase,
  loan: z.object({
    /** How the loan was recognised: the ERC-3156 callback, a Uniswap V2 flash swap, an Aave flash loan. */
    kind: z.enum(["erc3156", "uniswap-v2", "aave"]),
    lender: address,
    receiver: address,
    asset: address,
    amount: amount,
    /** What the receiver paid back to the lender after borrowing (fee included), in `repaidAsset`. */
    repaid: amount,
    /** The borrowed asset, or the pair's other token when a Uniswap V2 flash swap was repaid in it. */
    repaidAsset: address,
    /** The callback frame's selector (onFlashLoan, uniswapV2Call, executeOperation). */
    callback: hex,
  }),
  /** Swaps through Uniswap V2 pairs inside the callback: the price the protocol then read had moved. */
  manipulations: z.array(
    z.object({
      pair: address,
      /** Reserves at `stateBlock` (before the transaction). */
      reservesBefore: z.tuple([amount, amount]).nullable(),
      /** Reserves right after the swap (its Sync). */
      reservesAfter: z.tuple([amount, amount]),
      /** Move of the spot price token1/token0 from `reservesBefore` to `reservesAfter`, in signed basis points. */
      priceMoveBps: z.number().int().nullable(),
    }),
  ),
  /** Value that left watched contracts inside the callback. */
  outflows: z.array(z.object({ contract: address, asset, amount: amount, to: address })).min(1),
});

export const ownershipChangeEvidenceSchema = z.object({
  ...evidenceBase,
  contract: address,
  label: z.string().nullable(),
  previousOwner: address.nullable(),
  newOwner: address,
  /** `transfer-started`: a two-step transfer was only proposed. */
  kind: z.enum(["transferred", "transfer-started"]),
  /** Seen as an OwnershipTransferred/Started event, as a write to a known owner slot, or both. */
  via: z.array(z.enum(["event", "storage"])).min(1),
  /** The owner slot written (storage only). */
  slot: word.nullable(),
});

export const proxyUpgradeEvidenceSchema = z.object({
  ...evidenceBase,
  proxy: address,
  label: z.string().nullable(),
  /** Which EIP-1967 pointer changed. */
  kind: z.enum(["implementation", "admin", "beacon"]),
  /** Before the transaction (from the storage diff; null when only the event was seen). */
  previous: address.nullable(),
  current: address,
  via: z.array(z.enum(["event", "storage"])).min(1),
  slot: word,
});

const pairPrice = z.object({
  /** token1 per token0 (or the inverse with `base: "token1"`), raw units, scaled by 1e18. */
  price: amount,
  reserve0: amount,
  reserve1: amount,
});

export const oracleDeviationEvidenceSchema = z.object({
  ...evidenceBase,
  oracle: address,
  label: z.string().nullable(),
  kind: z.enum(["uniswap-v2-pair", "chainlink"]),
  /** At `stateBlock`: the pair's reserves, or the feed's latestRoundData answer. */
  reference: z.union([pairPrice, z.object({ answer: signedAmount, roundId: amount })]),
  /** The most deviating price inside the transaction (a Sync, or an AnswerUpdated). */
  observed: z.union([pairPrice, z.object({ answer: signedAmount, roundId: amount })]),
  /** The price when the transaction ended (a flash-loan manipulation often restores it). */
  final: z.union([pairPrice, z.object({ answer: signedAmount, roundId: amount })]),
  deviationBps: z.number().int().nonnegative(),
  thresholdBps: z.number().int().nonnegative(),
  direction: z.enum(["up", "down"]),
});

export const approvalDrainEvidenceSchema = z.object({
  ...evidenceBase,
  spender: address,
  /**
   * `many-owners`: one spender pulled tokens from ≥ minOwners owners (in one transaction, or across
   * the block); `approval-to-eoa`: an externally owned spender (fresh or labelled) pulled with
   * transferFrom what it had been approved for.
   */
  pattern: z.enum(["many-owners", "approval-to-eoa"]),
  window: z.enum(["transaction", "block"]),
  minOwners: z.number().int().positive(),
  owners: z.array(address).min(1),
  pulls: z.array(z.object({ tx: hash, token: address, owner: address, to: address, amount: amount })).min(1),
  /** The approvals found for those pulls (same transaction, or Approval logs of earlier blocks). */
  approvals: z.array(z.object({ tx: hash, block: blockNumber.nullable(), token: address, owner: address })),
  spenderKind: z.enum(["eoa", "contract", "unknown"]),
  spenderLabel: z.string().nullable(),
  /** The spender's nonce at `stateBlock` (EOAs only). */
  spenderNonce: z.number().int().nonnegative().nullable(),
  /** Whether the spender was identified from the call trace or guessed from the receipt (tx.to). */
  spenderFrom: z.enum(["trace", "receipt"]),
});

const base = {
  schema: z.literal(ALERT_SCHEMA),
  id: hash,
  chainId: z.number().int().positive(),
  severity: z.enum(severities),
  title: z.string().min(1).max(300),
  /** The affected protocol first, then the suspects. */
  addresses: z.array(address).min(1),
  source: z.enum(["block", "mempool"]),
  /** The block that included the transaction; null while pending. */
  block: blockNumber.nullable(),
  tx: hash,
  /** Unix ms when this monitor emitted it (the one field that is not deterministic). */
  detectedAt: z.number().int().nonnegative(),
  /** `<type>@<version>`. */
  detector: z.string().regex(/^[a-z0-9-]+@[1-9][0-9]*$/),
};

export const alertSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("large-outflow"), evidence: largeOutflowEvidenceSchema }),
  z.object({ ...base, type: z.literal("flash-loan-exploit"), evidence: flashLoanEvidenceSchema }),
  z.object({ ...base, type: z.literal("ownership-change"), evidence: ownershipChangeEvidenceSchema }),
  z.object({ ...base, type: z.literal("proxy-upgrade"), evidence: proxyUpgradeEvidenceSchema }),
  z.object({ ...base, type: z.literal("oracle-deviation"), evidence: oracleDeviationEvidenceSchema }),
  z.object({ ...base, type: z.literal("approval-drain"), evidence: approvalDrainEvidenceSchema }),
]);

export type Alert = z.output<typeof alertSchema>;
export type AlertOf<T extends AlertType> = Extract<Alert, { type: T }>;
export type EvidenceOf<T extends AlertType> = AlertOf<T>["evidence"];
/** An alert before the monitor stamps `detectedAt`: what a detector returns, reproducible by anyone. */
export type AlertDraft = WithoutDetectedAt<Alert>;
/** Omit distributed over the union (a plain Omit would merge the variants and lose `evidence`'s type). */
type WithoutDetectedAt<A> = A extends unknown ? Omit<A, "detectedAt"> : never;

/**
 * The alert id: keccak256 of the UTF-8 string `<type>:<tx hash>:<key>`, all lower-case. The key is
 * detector-specific and never holds amounts (which differ between the pending simulation and the
 * mined transaction): the watched contract (large outflow), the loan's receiver (flash loan), the
 * contract and new owner (ownership), the proxy, kind and new value (upgrade), the oracle, the
 * spender and window (approval drain).
 *
 * @example
 * alertId("proxy-upgrade", "0xab…", "0xproxy:implementation:0ximpl");
 */
export function alertId(type: AlertType, txHash: Hex, key: string): Hex {
  return keccak256(stringToHex(`${type}:${txHash.toLowerCase()}:${key.toLowerCase()}`));
}

/** Validates an alert (a receiver's check, and the monitor's own before it emits). */
export function parseAlert(value: unknown): Alert {
  return alertSchema.parse(value);
}
