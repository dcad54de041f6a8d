import {
  type Address,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  keccak256,
  parseTransaction,
  recoverTransactionAddress,
  serializeTransaction,
  type TransactionSerializable,
} from "viem";
import { z } from "zod";
import { InvalidTransactionError } from "./errors.ts";

/** What the firewall simulates: the fields of a transaction that decide what it does. */
export interface TransactionToScreen {
  from: Address;
  /** null for a contract creation. */
  to: Address | null;
  value: bigint;
  data: Hex;
  /** The gas limit it carries; null when the node is to pick it (eth_sendTransaction without gas). */
  gas: bigint | null;
  /** The transaction hash (known for signed transactions only). */
  hash: Hex | null;
  /** EIP-7702 authorizations it carries: the firewall simulates the call, not the delegations. */
  authorizations: number;
}

/** Methods whose first parameter is a signed, serialized transaction. */
export const rawTransactionMethods: ReadonlySet<string> = new Set([
  "eth_sendRawTransaction",
  "eth_sendRawTransactionSync", // EIP-7966: the same, answered with the receipt
  "eth_sendRawTransactionConditional", // ERC-7796 / L2 sequencers: [raw, conditions]
]);

/** Methods whose first parameter is a transaction object the node signs (or, on anvil, sends unsigned). */
export const objectTransactionMethods: ReadonlySet<string> = new Set([
  "eth_sendTransaction",
  "personal_sendTransaction", // geth's personal namespace: [tx, password]
  "eth_sendUnsignedTransaction", // anvil: sends as `from` without a signature
]);

export function isScreenedMethod(method: string): boolean {
  return rawTransactionMethods.has(method) || objectTransactionMethods.has(method);
}

/**
 * Decodes a signed transaction (legacy, EIP-2930, EIP-1559, EIP-4844 with or without its blob
 * sidecars, EIP-7702) and recovers its sender. Errors: InvalidTransactionError.
 */
export async function decodeRawTransaction(raw: unknown): Promise<TransactionToScreen> {
  if (typeof raw !== "string" || !isHex(raw, { strict: true }) || raw.length < 4 || raw.length % 2 !== 0)
    throw new InvalidTransactionError("the raw transaction must be 0x-prefixed hex bytes");
  let parsed: TransactionSerializable;
  try {
    parsed = parseTransaction(raw);
  } catch (error) {
    throw new InvalidTransactionError("the raw transaction cannot be decoded", { cause: error });
  }
  if (parsed.r === undefined || parsed.s === undefined)
    throw new InvalidTransactionError("the raw transaction is not signed");
  let from: Address;
  try {
    from = await recoverTransactionAddress({ serializedTransaction: raw as `0x02${string}` });
  } catch (error) {
    throw new InvalidTransactionError("the sender cannot be recovered from the signature", { cause: error });
  }
  // With blob sidecars (the network form) the hash covers the transaction without them.
  const withSidecars = "sidecars" in parsed && Array.isArray(parsed.sidecars) && parsed.sidecars.length > 0;
  const hash = keccak256(
    withSidecars ? serializeTransaction({ ...parsed, sidecars: false } as TransactionSerializable) : raw,
  );
  return {
    from,
    to: parsed.to ? getAddress(parsed.to) : null,
    value: parsed.value ?? 0n,
    data: parsed.data ?? "0x",
    gas: parsed.gas ?? null,
    hash,
    authorizations: "authorizationList" in parsed ? (parsed.authorizationList?.length ?? 0) : 0,
  };
}

const quantity = z
  .string()
  .regex(/^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/, { message: "not a 0x quantity of at most 256 bits" })
  .transform((value) => BigInt(value));
const bytes = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, { message: "not 0x-hex bytes" });
const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value) => getAddress(value));
/** The members that decide what the transaction does; fees, nonce, access list … are the node's to check. */
const transactionObject = z
  .looseObject({
    // Required: given no `from`, anvil sends from its first unlocked account, unscreened.
    from: address,
    to: address.nullable().optional(),
    value: quantity.optional(),
    gas: quantity.optional(),
    data: bytes.optional(),
    input: bytes.optional(),
    authorizationList: z.array(z.unknown()).optional(),
  })
  .refine((tx) => tx.data === undefined || tx.input === undefined || tx.data === tx.input, {
    message: "both data and input are set and differ",
  });

/** Reads an eth_sendTransaction-style object. Errors: InvalidTransactionError. */
export function readTransactionObject(value: unknown): TransactionToScreen {
  const parsed = transactionObject.safeParse(value);
  if (!parsed.success)
    throw new InvalidTransactionError("the transaction object is invalid", {
      details: parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
        .join("; "),
    });
  const tx = parsed.data;
  return {
    from: tx.from,
    to: tx.to ?? null,
    value: tx.value ?? 0n,
    data: (tx.input ?? tx.data ?? "0x") as Hex,
    gas: tx.gas ?? null,
    hash: null,
    authorizations: tx.authorizationList?.length ?? 0,
  };
}

/** The transaction a screened request carries: its first parameter, raw or as an object. */
export function transactionOf(method: string, params: unknown): Promise<TransactionToScreen> {
  const first = Array.isArray(params) ? params[0] : undefined;
  if (first === undefined)
    return Promise.reject(
      new InvalidTransactionError(`${method} takes the transaction as its first parameter`),
    );
  if (rawTransactionMethods.has(method)) return decodeRawTransaction(first);
  return Promise.resolve().then(() => readTransactionObject(first));
}
