// The firewall tests' chain (not exported from the package): anvil with the contracts of
// contracts/src/devnet/firewall and the repo's MockLST, deployed from their forge artifacts
// (contracts/out, written by `npm run build`), and label lists naming a few addresses.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Anvil, accounts, type Clients, createClients, repoRoot, startAnvil } from "@palisade/testkit";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  type Hex,
  type PublicClient,
  parseAbi,
  parseEther,
} from "viem";
import type { HDAccount } from "viem/accounts";
import { createLabelIndex, type LabelIndex } from "../labels/labelIndex.ts";
import { parseLabelCsv } from "../labels/parseLabelCsv.ts";

export const erc20Abi = parseAbi([
  "function transfer(address to, uint256 amount) returns (bool)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function transferFrom(address from, address to, uint256 amount) returns (bool)",
  "function mint(address to, uint256 amount)",
]);
export const nftAbi = parseAbi([
  "function mint(address to, uint256 tokenId)",
  "function transferFrom(address from, address to, uint256 tokenId)",
  "function safeTransferFrom(address from, address to, uint256 tokenId)",
  "function setApprovalForAll(address operator, bool approved)",
  "function approve(address to, uint256 tokenId)",
  "function transferOwnership(address newOwner)",
]);
export const multiTokenAbi = parseAbi([
  "function mint(address to, uint256 id, uint256 amount)",
  "function safeBatchTransferFrom(address from, address to, uint256[] ids, uint256[] values, bytes data)",
  "function setApprovalForAll(address operator, bool approved)",
]);
export const forwarderAbi = parseAbi([
  "function forward(address target, bytes data) payable returns (bytes)",
  "function tryForward(address target, bytes data) payable returns (bool)",
]);
export const boxAbi = parseAbi([
  "function initialize(address owner)",
  "function upgradeToAndCall(address newImplementation, bytes data) payable",
]);
export const slotWriterAbi = parseAbi(["function setImplementation(address implementation)"]);

/** An EOA the lists label `phishing` on every chain (list test/phishing). */
export const PHISHING_EOA: Address = "0x00000000000000000000000000000000000bad01";
/** An EOA the lists label `sanctioned` on chain 31337 only (list test/ofac). */
export const SANCTIONED_EOA: Address = "0x00000000000000000000000000000000000bad02";
/** An EOA nobody knows: the spender a drainer asks an approval for. */
export const STRANGER_EOA: Address = "0x0000000000000000000000000000000000c0ffee";
/** A plain recipient. */
export const FRIEND_EOA: Address = "0x0000000000000000000000000000000000f00d01";

/** The user holds 1 000 LST, NFT #1 and #2, 10 of multi-token ids 1 and 2; it owns the NFT contract and the box. */
export const USER_LST = parseEther("1000");

export interface FirewallFixture {
  anvil: Anvil;
  clients: Clients;
  client: PublicClient;
  user: HDAccount;
  lst: Address;
  nft: Address;
  multi: Address;
  forwarder: Address;
  /** A second forwarder the lists label `malicious_contract`. */
  flaggedContract: Address;
  /** FirewallBoxProxy over boxV1; the user may upgrade it to boxV2. */
  proxy: Address;
  boxV1: Address;
  boxV2: Address;
  slotWriter: Address;
  labels: LabelIndex;
}

function artifact(name: string): { abi: Abi; bytecode: Hex } {
  const path = join(repoRoot, `contracts/out/${name}.sol/${name}.json`);
  let json: { abi: Abi; bytecode: { object: Hex } };
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path} is missing: run \`npm run build:contracts\` first`, { cause: error });
  }
  return { abi: json.abi, bytecode: json.bytecode.object };
}

export async function startFirewallFixture(): Promise<FirewallFixture> {
  const anvil = await startAnvil();
  const clients = createClients(anvil.rpcUrl);
  const client = clients.public as PublicClient;
  const { deployer, stakers } = accounts();
  const user = stakers[0];
  const send = async (account: HDAccount, to: Address, data: Hex) => {
    const hash = await clients.wallet(account).sendTransaction({ to, data });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`fixture transaction to ${to} reverted`);
  };
  const deploy = async (name: string, args: readonly unknown[] = []) => {
    const { abi, bytecode } = artifact(name);
    const hash = await clients.wallet(deployer).deployContract({ abi, bytecode, args: args as unknown[] });
    const { contractAddress } = await client.waitForTransactionReceipt({ hash });
    if (!contractAddress) throw new Error(`${name} was not deployed`);
    return contractAddress.toLowerCase() as Address;
  };

  const lst = await deploy("MockLST", ["Test LST", "tLST", deployer.address]);
  const nft = await deploy("FirewallTestNft", [user.address]);
  const multi = await deploy("FirewallTestMultiToken", [deployer.address]);
  const forwarder = await deploy("FirewallForwarder");
  const flaggedContract = await deploy("FirewallForwarder");
  const boxV1 = await deploy("FirewallBox");
  const boxV2 = await deploy("FirewallBox");
  const initialize = encodeFunctionData({ abi: boxAbi, functionName: "initialize", args: [user.address] });
  const proxy = await deploy("FirewallBoxProxy", [boxV1, initialize]);
  const slotWriter = await deploy("FirewallSlotWriter");

  await send(
    deployer,
    lst,
    encodeFunctionData({ abi: erc20Abi, functionName: "mint", args: [user.address, USER_LST] }),
  );
  for (const id of [1n, 2n]) {
    await send(
      user,
      nft,
      encodeFunctionData({ abi: nftAbi, functionName: "mint", args: [user.address, id] }),
    );
    await send(
      deployer,
      multi,
      encodeFunctionData({ abi: multiTokenAbi, functionName: "mint", args: [user.address, id, 10n] }),
    );
  }

  const labels = createLabelIndex(
    parseLabelCsv(
      [
        "address,chain_id,label,source",
        `${PHISHING_EOA},,phishing,test/phishing`,
        `${SANCTIONED_EOA},31337,sanctioned,test/ofac`,
        `${flaggedContract},,malicious_contract,test/contracts`,
        "",
      ].join("\n"),
      "firewall-test-labels",
    ),
  );
  return {
    anvil,
    clients,
    client,
    user,
    lst,
    nft,
    multi,
    forwarder,
    flaggedContract,
    proxy,
    boxV1,
    boxV2,
    slotWriter,
    labels,
  };
}
