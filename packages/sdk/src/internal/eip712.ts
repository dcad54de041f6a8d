import type { Abi, Address, Hex, TypedDataDomain } from "viem";
import { read } from "./read.ts";
import type { ReadClient } from "./types.ts";

/**
 * The EIP-712 domain a contract reports through EIP-5267 `eip712Domain()`. Only the fields its
 * bitmap marks as used are returned: a domain type with an unused field (say a zero `salt`) would
 * hash differently from the contract's.
 */
export async function readEip712Domain(
  client: ReadClient,
  contract: { address: Address; abi: Abi | readonly unknown[] },
): Promise<TypedDataDomain> {
  const [fields, name, version, chainId, verifyingContract, salt] = await read<
    readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]]
  >(client, { ...contract, functionName: "eip712Domain" });
  // ERC-5267 bitmap: bit 0 name, 1 version, 2 chainId, 3 verifyingContract, 4 salt.
  const used = (bit: number) => (Number.parseInt(fields, 16) & (1 << bit)) !== 0;
  const domain: TypedDataDomain = {};
  if (used(0)) domain.name = name;
  if (used(1)) domain.version = version;
  if (used(2)) domain.chainId = chainId;
  if (used(3)) domain.verifyingContract = verifyingContract;
  if (used(4)) domain.salt = salt;
  return domain;
}
