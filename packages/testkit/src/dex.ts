import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  demoCleanTokenAbi,
  demoCooldownTokenAbi,
  demoHoneypotTokenAbi,
  demoPrivilegedTokenAbi,
  demoReclaimableTokenAbi,
  demoTaxTokenAbi,
} from "@palisade/abis";
import { bytecodeOf, DeployTransactionError } from "@palisade/deploy";
import { BaseError } from "@palisade/sdk";
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  encodeDeployData,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  type Hex,
  keccak256,
  maxUint256,
  parseEther,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
  zeroAddress,
} from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import { accounts } from "./accounts.ts";
import type { Clients } from "./clients.ts";

/** The demo tokens, each showing one kind of risk (or none). */
export type DemoTokenName = "clean" | "tax" | "honeypot" | "privileged" | "cooldown" | "reclaimable";

export interface DemoDexToken {
  readonly name: DemoTokenName;
  readonly symbol: string;
  readonly address: Address;
  /** Its WETH pair on the demo factory, with liquidity. */
  readonly pair: Address;
  /** What the token does, in a sentence. */
  readonly behaviour: string;
}

/** A Uniswap V2 deployment with the demo tokens listed against WETH. JSON-serialisable. */
export interface DemoDex {
  readonly factory: Address;
  readonly router: Address;
  readonly weth: Address;
  /** keccak256 of UniswapV2Pair's creation code: the init-code hash pairs are created with. */
  readonly pairInitCodeHash: Hex;
  readonly tokens: Readonly<Record<DemoTokenName, DemoDexToken>>;
}

export interface DeployDemoDexOptions {
  /** Deploys, owns the risky tokens and provides the liquidity. Default: the deployer account. */
  deployer?: Account;
  /** Ether per pair. Default 10 ETH. */
  liquidityEth?: bigint;
  /** Tokens per pair (out of a supply of 1 000 000 each). Default 500 000. */
  liquidityTokens?: bigint;
  /** The tax token's fee recipient. Default demoFeeRecipient. */
  feeRecipient?: Address;
  /** The reclaimable token's hidden operator. Default: the deployer. */
  hiddenOperator?: Address;
}

/** The demo tokens' generated ABIs by name (so test suites need no other import for them). */
export const demoTokenAbis = {
  clean: demoCleanTokenAbi,
  tax: demoTaxTokenAbi,
  honeypot: demoHoneypotTokenAbi,
  privileged: demoPrivilegedTokenAbi,
  cooldown: demoCooldownTokenAbi,
  reclaimable: demoReclaimableTokenAbi,
} as const;

/** Where the tax token's fees go unless told otherwise (an account nobody holds the key of). */
export const demoFeeRecipient: Address = "0x5a15ade0000000000000000000000000000fee05";
/** Seconds between two sells of one account on the cooldown token. */
export const demoSellCooldown = 60n;
/** How long the reclaimable token's owner "renounces" (locks) for after listing. */
export const demoLockSeconds = 86_400n;
/** Supply of every demo token (18 decimals). */
export const demoTokenSupply = parseEther("1000000");

/**
 * The router in @uniswap/v2-periphery hard-codes the pair init-code hash of mainnet; it only finds
 * pairs created by the factory if the shipped UniswapV2Pair bytecode hashes to the same value.
 */
export const uniswapV2RouterInitCodeHash: Hex =
  "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f";

/** The npm artifacts of @uniswap/v2-core and v2-periphery (solc 0.5.16 / 0.6.6 builds, used as shipped). */
export type UniswapArtifactName = "UniswapV2Factory" | "UniswapV2Pair" | "UniswapV2Router02" | "WETH9";

const artifactPackages: Record<UniswapArtifactName, string> = {
  UniswapV2Factory: "@uniswap/v2-core",
  UniswapV2Pair: "@uniswap/v2-core",
  UniswapV2Router02: "@uniswap/v2-periphery",
  WETH9: "@uniswap/v2-periphery",
};

/** ABI and creation code of a Uniswap V2 artifact, read from node_modules. */
export function uniswapArtifact(name: UniswapArtifactName): { abi: Abi; bytecode: Hex } {
  const require = createRequire(import.meta.url);
  const path = require.resolve(`${artifactPackages[name]}/build/${name}.json`);
  const artifact = JSON.parse(readFileSync(path, "utf8")) as { abi: Abi; bytecode: string };
  const bytecode = artifact.bytecode.startsWith("0x") ? artifact.bytecode : `0x${artifact.bytecode}`;
  return { abi: artifact.abi, bytecode: bytecode as Hex };
}

/** The router was built for another pair bytecode: it would send liquidity to addresses with no pair. */
export class PairInitCodeHashMismatchError extends BaseError {
  override name = "PairInitCodeHashMismatchError";
  constructor(
    readonly actual: Hex,
    readonly expected: Hex,
  ) {
    super("UniswapV2Pair's creation code does not hash to the init-code hash Router02 was built with", {
      details: `keccak256(pair creation code) = ${actual}, Router02 expects ${expected}`,
    });
  }
}

type Wallet = WalletClient<Transport, Chain, Account>;

/**
 * Deploys Uniswap V2 (WETH9, factory, Router02) from the npm artifacts and lists six demo tokens
 * against WETH, each with `liquidityEth` and `liquidityTokens` in its pair:
 *
 * | name        | contract             | behaviour                                                    |
 * | ----------- | -------------------- | ------------------------------------------------------------ |
 * | clean       | DemoCleanToken       | plain ERC20, no owner                                        |
 * | tax         | DemoTaxToken         | 10 % tax on buys and sells, owner may change it (≤ 25 %)     |
 * | honeypot    | DemoHoneypotToken    | sells revert unless whitelisted                              |
 * | privileged  | DemoPrivilegedToken  | owner mints, pauses, blacklists                              |
 * | cooldown    | DemoCooldownToken    | one sell per 60 s per account                                |
 * | reclaimable | DemoReclaimableToken | "renounced" (locked), owner can reclaim, hidden operator can rewrite balances |
 *
 * About 25 transactions; on anvil with automine, a second or two.
 *
 * @example
 * const dex = await deployDemoDex(clients);
 * const engine = createTokenRiskEngine({ dex: { factory: dex.factory, weth: dex.weth } });
 * await engine.check(clients.public, { token: dex.tokens.honeypot.address }); // verdict "malicious"
 */
export async function deployDemoDex(clients: Clients, options: DeployDemoDexOptions = {}): Promise<DemoDex> {
  const deployer = options.deployer ?? accounts().deployer;
  const wallet = clients.wallet(deployer);
  const owner = deployer.address;
  const liquidityEth = options.liquidityEth ?? parseEther("10");
  const liquidityTokens = options.liquidityTokens ?? parseEther("500000");

  const pairArtifact = uniswapArtifact("UniswapV2Pair");
  const pairInitCodeHash = keccak256(pairArtifact.bytecode);
  if (pairInitCodeHash !== uniswapV2RouterInitCodeHash)
    throw new PairInitCodeHashMismatchError(pairInitCodeHash, uniswapV2RouterInitCodeHash);

  const deployUniswap = (name: UniswapArtifactName, args: readonly unknown[]) => {
    const { abi, bytecode } = uniswapArtifact(name);
    return deploy(wallet, encodeDeployData({ abi, bytecode, args }), name);
  };
  const weth = await deployUniswap("WETH9", []);
  const factory = await deployUniswap("UniswapV2Factory", [owner]);
  const router = await deployUniswap("UniswapV2Router02", [factory, weth]);

  const deployToken = (contract: string, abi: Abi, args: readonly unknown[]) =>
    deploy(wallet, encodeDeployData({ abi, bytecode: bytecodeOf(contract), args }), contract);
  const supply = demoTokenSupply;
  const specs: { name: DemoTokenName; symbol: string; behaviour: string; address: Address }[] = [
    {
      name: "clean",
      symbol: "CLEAN",
      behaviour: "a plain ERC20: fixed supply, no owner, no fees",
      address: await deployToken("DemoCleanToken", demoCleanTokenAbi, ["Demo Clean", "CLEAN", supply, owner]),
    },
    {
      name: "tax",
      symbol: "TAX",
      behaviour: "10 % tax on buys and sells; the owner may change it up to 25 %",
      address: await deployToken("DemoTaxToken", demoTaxTokenAbi, [
        "Demo Tax",
        "TAX",
        supply,
        owner,
        options.feeRecipient ?? demoFeeRecipient,
        factory,
        weth,
      ]),
    },
    {
      name: "honeypot",
      symbol: "HONEY",
      behaviour: "anyone can buy; only whitelisted accounts can sell",
      address: await deployToken("DemoHoneypotToken", demoHoneypotTokenAbi, [
        "Demo Honeypot",
        "HONEY",
        supply,
        owner,
        factory,
        weth,
      ]),
    },
    {
      name: "privileged",
      symbol: "PRIV",
      behaviour: "the owner mints, pauses every transfer and blacklists accounts",
      address: await deployToken("DemoPrivilegedToken", demoPrivilegedTokenAbi, [
        "Demo Privileged",
        "PRIV",
        supply,
        owner,
      ]),
    },
    {
      name: "cooldown",
      symbol: "COOL",
      behaviour: `an account may sell once per ${demoSellCooldown} s`,
      address: await deployToken("DemoCooldownToken", demoCooldownTokenAbi, [
        "Demo Cooldown",
        "COOL",
        supply,
        owner,
        demoSellCooldown,
        factory,
        weth,
      ]),
    },
    {
      name: "reclaimable",
      symbol: "RECLAIM",
      behaviour:
        "ownership 'renounced' by a lock the owner can undo; a hidden operator rewrites balances and can hook transfers",
      address: await deployToken("DemoReclaimableToken", demoReclaimableTokenAbi, [
        "Demo Reclaimable",
        "RECLAIM",
        supply,
        owner,
        options.hiddenOperator ?? owner,
      ]),
    },
  ];

  const tokens = {} as Record<DemoTokenName, DemoDexToken>;
  for (const spec of specs) {
    await send(
      wallet,
      spec.address,
      encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [router, liquidityTokens] }),
      0n,
      `approve ${spec.symbol} to the router`,
    );
    await send(
      wallet,
      router,
      encodeFunctionData({
        abi: uniswapArtifact("UniswapV2Router02").abi,
        functionName: "addLiquidityETH",
        args: [spec.address, liquidityTokens, 0n, 0n, owner, maxUint256],
      }),
      liquidityEth,
      `add ${spec.symbol}/WETH liquidity`,
    );
    const pair = (await readContract(clients.public, {
      address: factory,
      abi: uniswapArtifact("UniswapV2Factory").abi,
      functionName: "getPair",
      args: [spec.address, weth],
    })) as Address;
    if (pair === zeroAddress) throw new Error(`no ${spec.symbol}/WETH pair after adding liquidity`);
    tokens[spec.name] = {
      name: spec.name,
      symbol: spec.symbol,
      address: spec.address,
      pair: getAddress(pair),
      behaviour: spec.behaviour,
    };
  }
  // Listed: now the owner "renounces" — owner() reads zero, but the lock can be undone.
  await send(
    wallet,
    tokens.reclaimable.address,
    encodeFunctionData({ abi: demoReclaimableTokenAbi, functionName: "lock", args: [demoLockSeconds] }),
    0n,
    "lock RECLAIM ownership",
  );
  return { factory, router, weth, pairInitCodeHash, tokens };
}

async function deploy(wallet: Wallet, data: Hex, what: string): Promise<Address> {
  const receipt = await send(wallet, undefined, data, 0n, `deploy ${what}`);
  if (!receipt.contractAddress) throw new Error(`deploy ${what}: no contract address in the receipt`);
  return getAddress(receipt.contractAddress);
}

/** Sends and waits for a successful receipt (DeployTransactionError on a revert). */
async function send(
  wallet: Wallet,
  to: Address | undefined,
  data: Hex,
  value: bigint,
  what: string,
): Promise<TransactionReceipt> {
  const hash = await wallet.sendTransaction({ to: to ?? null, data, value });
  const receipt = await waitForTransactionReceipt(wallet, { hash });
  if (receipt.status !== "success") throw new DeployTransactionError(hash, what);
  return receipt;
}
