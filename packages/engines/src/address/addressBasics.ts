import {
  type Address,
  encodeAbiParameters,
  getAddress,
  type Hex,
  isAddress,
  keccak256,
  type PublicClient,
} from "viem";
import { z } from "zod";
import { type Engine, type EngineRequest, type EngineResult, engineVersionOf, issuesOf } from "../engine.ts";
import { EngineRpcError, InvalidInputError } from "../errors.ts";

const id = "address-basics@1";
const engineVersion = engineVersionOf(id);

/** uint32: the on-chain type of a verdict's reference block. */
const MAX_UINT32 = 2 ** 32 - 1;

const requestSchema = z.strictObject({
  address: z
    .string()
    .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
    .transform((value): Address => getAddress(value)),
  referenceBlock: z.number().int().min(0).max(MAX_UINT32),
});

export type AddressBasicsRequest = z.output<typeof requestSchema>;

export interface AddressBasicsResponse {
  /** keccak256 of the account's code (keccak256 of empty bytes when it has none). */
  codeHash: Hex;
  balance: bigint;
  /** The account has code at the block (an EIP-7702 delegation designator counts as code). */
  isContract: boolean;
}

const requestAbi = [{ type: "bytes32" }, { type: "address" }, { type: "uint32" }] as const;
const responseAbi = [{ type: "bytes32" }, { type: "uint256" }, { type: "bool" }] as const;

/** `keccak256(abi.encode(engineVersion, address, uint32 referenceBlock))`. */
export function addressBasicsRequestHash(request: AddressBasicsRequest): Hex {
  return keccak256(encodeAbiParameters(requestAbi, [engineVersion, request.address, request.referenceBlock]));
}

/** `abi.encode(bytes32 codeHash, uint256 balance, bool isContract)`: the bytes responseHash hashes. */
export function encodeAddressBasicsResponse(response: AddressBasicsResponse): Hex {
  return encodeAbiParameters(responseAbi, [response.codeHash, response.balance, response.isContract]);
}

/** Reads code and balance at exactly the reference block (never "latest"). */
export async function runAddressBasics(
  client: PublicClient,
  request: AddressBasicsRequest,
): Promise<AddressBasicsResponse> {
  const blockNumber = BigInt(request.referenceBlock);
  let code: Hex | undefined;
  let balance: bigint;
  try {
    [code, balance] = await Promise.all([
      client.getCode({ address: request.address, blockNumber }),
      client.getBalance({ address: request.address, blockNumber }),
    ]);
  } catch (error) {
    throw new EngineRpcError(id, error);
  }
  const bytecode = code ?? "0x";
  return { codeHash: keccak256(bytecode), balance, isContract: bytecode !== "0x" };
}

/**
 * `address-basics@1`: for `{ address, referenceBlock }`, the account's code hash, balance and whether
 * it has code, read at the pinned block.
 */
export const addressBasics: Engine = {
  id,
  engineVersion,
  description: "Code hash, balance and contract flag of an address at a pinned block",
  parseRequest(input: unknown): EngineRequest {
    const parsed = requestSchema.safeParse(input);
    if (!parsed.success) throw new InvalidInputError(`invalid ${id} request`, issuesOf(parsed.error));
    return {
      requestHash: addressBasicsRequestHash(parsed.data),
      referenceBlock: parsed.data.referenceBlock,
      value: parsed.data,
    };
  },
  async run(client: PublicClient, request: EngineRequest): Promise<EngineResult> {
    const response = await runAddressBasics(client, request.value as AddressBasicsRequest);
    const encoded = encodeAddressBasicsResponse(response);
    return {
      encoded,
      responseHash: keccak256(encoded),
      json: {
        codeHash: response.codeHash,
        balance: response.balance.toString(),
        isContract: response.isContract,
      },
    };
  },
};
