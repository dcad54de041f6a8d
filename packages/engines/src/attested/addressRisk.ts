import {
  type Address,
  encodeAbiParameters,
  type Hex,
  keccak256,
  type PublicClient,
  pad,
  zeroAddress,
} from "viem";
import { z } from "zod";
import {
  type AddressRiskEngine,
  type AddressRiskEngineOptions,
  createAddressRiskEngine,
} from "../addressRisk/createAddressRiskEngine.ts";
import { ADDRESS_RISK_ENGINE_ID } from "../addressRisk/rpc.ts";
import { type Engine, type EngineRequest, type EngineResult, engineVersionOf } from "../engine.ts";
import { ADDRESS_RISK_FIELD_ORDER } from "./fieldOrders.ts";
import {
  addressSchema,
  bytes32Schema,
  chainIdSchema,
  parseWith,
  referenceBlockSchema,
  sameAsNode,
} from "./requestSchemas.ts";
import { securityResult } from "./response.ts";

const id = ADDRESS_RISK_ENGINE_ID;
const engineVersion = engineVersionOf(id);

const requestSchema = z.strictObject({
  address: addressSchema,
  /** An address the user trusts; its look-alikes are flagged. The zero address means none. */
  counterparty: addressSchema.optional(),
  chainId: chainIdSchema.optional(),
  listsVersion: bytes32Schema.optional(),
  referenceBlock: referenceBlockSchema,
});

/** An address-risk@1 request after parsing, with every default filled in. */
export interface AddressRiskAttestedRequest {
  address: Address;
  chainId: number;
  /** The zero address: none. */
  counterparty: Address;
  listsVersion: Hex;
  referenceBlock: number;
}

const requestAbi = [
  { type: "bytes32" },
  { type: "address" },
  { type: "uint64" },
  { type: "address" },
  { type: "bytes32" },
  { type: "uint32" },
] as const;

/**
 * `keccak256(abi.encode(engineVersion, address target, uint64 chainId, address counterparty,
 * bytes32 listsVersion, uint32 referenceBlock))`.
 */
export function addressRiskRequestHash(request: AddressRiskAttestedRequest): Hex {
  return keccak256(
    encodeAbiParameters(requestAbi, [
      engineVersion,
      request.address,
      BigInt(request.chainId),
      request.counterparty,
      request.listsVersion,
      request.referenceBlock,
    ]),
  );
}

export interface AddressRiskAttestedOptions extends AddressRiskEngineOptions {
  /** The chain this node judges (the deployment's): lists are matched for it, and it is in the request hash. */
  chainId: number;
}

/**
 * `address-risk@1` in attested mode. Request: `{ address, counterparty?, chainId?, listsVersion?,
 * referenceBlock }`; chainId and listsVersion default to this node's and must equal them when given
 * (the lists' digest is the listsVersion).
 *
 * @example
 * const engine = createAddressRiskAttestedEngine({ labels: await loadLabels(bundledLabelsDir), chainId: 1 });
 * const request = engine.parseRequest({ address: "0x983a…05a2", referenceBlock: 21_000_000 });
 * decodeSecurityResponse((await engine.run(client, request)).encoded).verdict; // 2: sanctioned
 */
export function createAddressRiskAttestedEngine(options: AddressRiskAttestedOptions): Engine {
  const engine: AddressRiskEngine = createAddressRiskEngine(options);
  const listsVersion = `0x${options.labels.digest}` as Hex;
  const chainId = parseWith(chainIdSchema, options.chainId, `${id} options`);
  return {
    id,
    engineVersion,
    description: "Address risk (label lists and on-chain heuristics) at a pinned block, attested",
    parseRequest(input: unknown): EngineRequest {
      const parsed = parseWith(requestSchema, input, `${id} request`);
      const value: AddressRiskAttestedRequest = {
        address: parsed.address,
        chainId: sameAsNode(id, "chainId", "chain id", parsed.chainId, chainId),
        counterparty: parsed.counterparty ?? zeroAddress,
        listsVersion: sameAsNode(id, "listsVersion", "lists version", parsed.listsVersion, listsVersion),
        referenceBlock: parsed.referenceBlock,
      };
      return { requestHash: addressRiskRequestHash(value), referenceBlock: value.referenceBlock, value };
    },
    async run(client: PublicClient, request: EngineRequest): Promise<EngineResult> {
      const value = request.value as AddressRiskAttestedRequest;
      const report = await engine.check(client, {
        address: value.address,
        chainId: value.chainId,
        block: value.referenceBlock,
        // The hash cannot tell "no counterparty" from the zero address: both mean none.
        ...(value.counterparty === zeroAddress ? {} : { counterparty: value.counterparty }),
      });
      return securityResult(report, pad(value.address), ADDRESS_RISK_FIELD_ORDER);
    },
  };
}
