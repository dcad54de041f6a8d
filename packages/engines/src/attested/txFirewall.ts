import {
  type Address,
  encodeAbiParameters,
  type Hex,
  keccak256,
  type PublicClient,
  stringToBytes,
  zeroAddress,
} from "viem";
import { z } from "zod";
import { type Engine, type EngineRequest, type EngineResult, engineVersionOf } from "../engine.ts";
import type { LabelIndex } from "../labels/labelIndex.ts";
import { TX_FIREWALL_ENGINE_ID } from "../tx/constants.ts";
import { createTxFirewall } from "../tx/createTxFirewall.ts";
import {
  resolveTxFirewallPolicy,
  type TxFirewallPolicy,
  type TxFirewallPolicyInput,
  txPolicyRules,
} from "../tx/policy.ts";
import { TX_FIREWALL_FIELD_ORDER } from "./fieldOrders.ts";
import {
  addressSchema,
  bytes32Schema,
  chainIdSchema,
  MAX_UINT64,
  parseWith,
  referenceBlockSchema,
  sameAsNode,
} from "./requestSchemas.ts";
import { securityResult } from "./response.ts";

const id = TX_FIREWALL_ENGINE_ID;
const engineVersion = engineVersionOf(id);

/** Wei or gas as JSON carries it: a safe integer, or a decimal or 0x string. */
const quantity = z
  .union([
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    z.string().regex(/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/, { message: "not a decimal or 0x quantity" }),
  ])
  .transform((value) => BigInt(value));

const requestSchema = z.strictObject({
  from: addressSchema,
  /** Omitted, null or the zero address: a contract creation. */
  to: addressSchema.nullable().optional(),
  value: quantity.refine((value) => value < 1n << 256n, { message: "above 2^256 - 1" }).optional(),
  data: z
    .string()
    .regex(/^0x([0-9a-fA-F]{2})*$/, { message: "not 0x-hex bytes" })
    .transform((value) => value.toLowerCase() as Hex)
    .optional(),
  /** Omitted or 0: the node's call gas cap. */
  gas: quantity.refine((value) => value <= MAX_UINT64, { message: "above 2^64 - 1" }).optional(),
  chainId: chainIdSchema.optional(),
  listsVersion: bytes32Schema.optional(),
  policyHash: bytes32Schema.optional(),
  referenceBlock: referenceBlockSchema,
});

/** A tx-firewall@1 request after parsing, with every default filled in. */
export interface TxFirewallAttestedRequest {
  from: Address;
  /** The zero address: a contract creation. */
  to: Address;
  value: bigint;
  data: Hex;
  /** 0: the node's call gas cap. */
  gas: bigint;
  chainId: number;
  listsVersion: Hex;
  policyHash: Hex;
  referenceBlock: number;
}

const requestAbi = [
  { type: "bytes32" },
  { type: "address" },
  { type: "address" },
  { type: "uint256" },
  { type: "bytes" },
  { type: "uint64" },
  { type: "uint64" },
  { type: "bytes32" },
  { type: "bytes32" },
  { type: "uint32" },
] as const;

/**
 * `keccak256(abi.encode(engineVersion, address from, address to, uint256 value, bytes data, uint64 gas,
 * uint64 chainId, bytes32 listsVersion, bytes32 policyHash, uint32 referenceBlock))`.
 */
export function txFirewallRequestHash(request: TxFirewallAttestedRequest): Hex {
  return keccak256(
    encodeAbiParameters(requestAbi, [
      engineVersion,
      request.from,
      request.to,
      request.value,
      request.data,
      request.gas,
      BigInt(request.chainId),
      request.listsVersion,
      request.policyHash,
      request.referenceBlock,
    ]),
  );
}

/**
 * keccak256 of the resolved policy's canonical JSON: `{"largeOutflowPercent":…,"rules":{…},
 * "trustedSpenders":[…]}` with the keys in that order, rules sorted by name and trusted spenders
 * (lower-case) sorted — the same policy however it was written. The attested firewall's `policyHash`.
 *
 * @example
 * txPolicyHash(defaultTxFirewallPolicy); // what a gateway puts in its requests' policyHash
 */
export function txPolicyHash(policy: TxFirewallPolicy | TxFirewallPolicyInput = {}): Hex {
  const resolved = resolveTxFirewallPolicy(policy);
  const rules = Object.fromEntries([...txPolicyRules].sort().map((rule) => [rule, resolved.rules[rule]]));
  const canonical = JSON.stringify({
    largeOutflowPercent: resolved.largeOutflowPercent,
    rules,
    trustedSpenders: [...resolved.trustedSpenders].map((spender) => spender.toLowerCase()).sort(),
  });
  return keccak256(stringToBytes(canonical));
}

export interface TxFirewallAttestedOptions {
  /** The label lists (their digest is the listsVersion). */
  labels: LabelIndex;
  /** The verdict policy; default defaultTxFirewallPolicy. Its hash is in every request hash. */
  policy?: TxFirewallPolicyInput | TxFirewallPolicy | undefined;
  /** The chain this node judges (the deployment's). */
  chainId: number;
}

/**
 * `tx-firewall@1` in attested mode: simulates with `debug_traceCall` only (every honest node the same
 * method, so the same state diff). Request: `{ from, to?, value?, data?, gas?, chainId?, listsVersion?,
 * policyHash?, referenceBlock }`; chainId, listsVersion and policyHash default to this node's and must
 * equal them when given. `to` omitted, null or zero is a creation; `gas` omitted or 0 is the node's cap.
 *
 * @example
 * const engine = createTxFirewallAttestedEngine({ labels, chainId: 1 });
 * const request = engine.parseRequest({ from, to: token, data: approveCalldata, referenceBlock: 21_000_000 });
 */
export function createTxFirewallAttestedEngine(options: TxFirewallAttestedOptions): Engine {
  const policy = resolveTxFirewallPolicy(options.policy);
  const policyHash = txPolicyHash(policy);
  const listsVersion = `0x${options.labels.digest}` as Hex;
  const chainId = parseWith(chainIdSchema, options.chainId, `${id} options`);
  const firewall = createTxFirewall({ labels: options.labels, policy, backends: ["debug_traceCall"] });
  return {
    id,
    engineVersion,
    description:
      "Transaction firewall (debug_traceCall simulation judged by this node's policy) at a pinned block, attested",
    parseRequest(input: unknown): EngineRequest {
      const parsed = parseWith(requestSchema, input, `${id} request`);
      const value: TxFirewallAttestedRequest = {
        from: parsed.from,
        to: parsed.to ?? zeroAddress,
        value: parsed.value ?? 0n,
        data: parsed.data ?? "0x",
        gas: parsed.gas ?? 0n,
        chainId: sameAsNode(id, "chainId", "chain id", parsed.chainId, chainId),
        listsVersion: sameAsNode(id, "listsVersion", "lists version", parsed.listsVersion, listsVersion),
        policyHash: sameAsNode(id, "policyHash", "policy", parsed.policyHash, policyHash),
        referenceBlock: parsed.referenceBlock,
      };
      return { requestHash: txFirewallRequestHash(value), referenceBlock: value.referenceBlock, value };
    },
    async run(client: PublicClient, request: EngineRequest): Promise<EngineResult> {
      const value = request.value as TxFirewallAttestedRequest;
      const report = await firewall.simulate(client, {
        from: value.from,
        // The hash cannot tell a creation from a call to the zero address: both are a creation.
        to: value.to === zeroAddress ? null : value.to,
        value: value.value,
        data: value.data,
        ...(value.gas === 0n ? {} : { gas: value.gas }),
        block: value.referenceBlock,
        chainId: value.chainId,
      });
      const subject = keccak256(
        encodeAbiParameters(
          [{ type: "address" }, { type: "address" }, { type: "uint256" }, { type: "bytes32" }],
          [value.from, value.to, value.value, keccak256(value.data)],
        ),
      );
      return securityResult(report, subject, TX_FIREWALL_FIELD_ORDER);
    },
  };
}
