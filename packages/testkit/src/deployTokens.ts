import { mockLstAbi } from "@palisade/abis";
import { bytecodeOf, sendAndWait } from "@palisade/deploy";
import {
  type Account,
  type Address,
  type Chain,
  encodeDeployData,
  getAddress,
  type Transport,
  type WalletClient,
} from "viem";

export interface MockLstSpec {
  name: string;
  symbol: string;
}

/** The stand-in LSTs the devnet and the fixture deploy, one strategy each. */
/** Names stay ≤ 31 bytes: ERC20Permit stores its EIP-712 name as a ShortString. */
export const defaultLsts: readonly MockLstSpec[] = [
  { name: "Mock Lido Staked Ether", symbol: "stETH" },
  { name: "Mock Rocket Pool Ether", symbol: "rETH" },
  { name: "Mock Coinbase Staked ETH", symbol: "cbETH" },
];

/** Deploys a MockLST owned (so minted) by `owner`. */
export async function deployMockLst(
  wallet: WalletClient<Transport, Chain, Account>,
  spec: MockLstSpec,
  owner: Address,
): Promise<Address> {
  const data = encodeDeployData({
    abi: mockLstAbi,
    bytecode: bytecodeOf("MockLST"),
    args: [spec.name, spec.symbol, owner],
  });
  const receipt = await sendAndWait(wallet, { data }, `deploy MockLST ${spec.symbol}`);
  if (!receipt.contractAddress)
    throw new Error(`deploy MockLST ${spec.symbol}: no contract address in the receipt`);
  return getAddress(receipt.contractAddress);
}
