import { utilityTokenAbi } from "@palisade/abis";
import { type Address, type Hex, parseSignature } from "viem";
import { getBlock, signTypedData } from "viem/actions";
import { InsufficientBalanceError } from "../errors/token.ts";
import { readEip712Domain } from "./eip712.ts";
import { read } from "./read.ts";
import type { WriteClient } from "./types.ts";

/** Default validity of a permit: one hour past the latest block. */
const DEFAULT_PERMIT_SECONDS = 3_600n;

export interface SignedPermit {
  deadline: bigint;
  /** 27/28: the v the token's ecrecover expects (a 65-byte signature always carries it). */
  v: number;
  r: Hex;
  s: Hex;
}

/**
 * Checks the client's balance of `token` and signs an EIP-2612 permit letting `spender` pull `value`
 * (domain from the token's EIP-5267 `eip712Domain()`, nonce from `nonces()`); the deadline defaults
 * to the latest block + 1 hour. Any OpenZeppelin ERC20Permit token (PAL, the mock LSTs) qualifies.
 */
export async function signPermit(
  client: WriteClient,
  parameters: { token: Address; spender: Address; value: bigint; deadline?: bigint | undefined },
): Promise<SignedPermit> {
  const { token, spender, value } = parameters;
  const owner = client.account.address;
  const contract = { address: token, abi: utilityTokenAbi };
  const [balance, nonce, domain, deadline] = await Promise.all([
    read<bigint>(client, { ...contract, functionName: "balanceOf", args: [owner] }),
    read<bigint>(client, { ...contract, functionName: "nonces", args: [owner] }),
    readEip712Domain(client, contract),
    parameters.deadline ??
      getBlock(client, { blockTag: "latest" }).then((block) => block.timestamp + DEFAULT_PERMIT_SECONDS),
  ]);
  if (balance < value) throw new InsufficientBalanceError(token, owner, balance, value);
  const signature = await signTypedData(client, {
    account: client.account,
    domain,
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner, spender, value, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}
