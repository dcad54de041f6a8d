/**
 * The attack demo on a chain with the demo DEX (testkit `deployDemoDex`): the contracts of
 * contracts/src/devnet/monitor deployed from their forge artifacts (contracts/out, `npm run build`),
 * wired and funded, and the watch file that points the monitor at them. Used by the monitor's tests and
 * bench, and meant for the devnet's front-run demo:
 *
 * - an ERC-3156 lender holding 1 000 WETH (9 bps fee);
 * - a lending vault with 100 WETH that values CLEAN collateral at the CLEAN/WETH pair's spot price,
 *   pausable by `guardian` (the threat-response contract, later);
 * - the attacker's exploit contract (flash-borrow → buy CLEAN → borrow everything → sell → repay);
 * - an ownable UUPS box (v1) and its backdoored v2, a Chainlink-style feed, an approval drainer.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type Account,
  type Address,
  type Chain,
  encodeDeployData,
  encodeFunctionData,
  getAddress,
  type Hex,
  maxUint256,
  type PublicClient,
  parseAbi,
  parseEther,
  type Transport,
  type WalletClient,
} from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import type { WatchFile } from "../watch.ts";

const forgeOut = resolve(import.meta.dirname, "../../../../contracts/out");

/** The demo contracts' functions the demo and the tests call (their full ABIs are in the artifacts). */
export const monitorDemoAbis = {
  weth: parseAbi([
    "function deposit() payable",
    "function withdraw(uint256 amount)",
    "function approve(address spender, uint256 amount) returns (bool)",
    "function transfer(address to, uint256 amount) returns (bool)",
    "function balanceOf(address owner) view returns (uint256)",
  ]),
  erc20: parseAbi([
    "function approve(address spender, uint256 amount) returns (bool)",
    "function transfer(address to, uint256 amount) returns (bool)",
    "function transferFrom(address from, address to, uint256 amount) returns (bool)",
    "function balanceOf(address owner) view returns (uint256)",
  ]),
  vault: parseAbi([
    "function supply(uint256 amount)",
    "function withdraw(uint256 amount)",
    "function depositCollateral(uint256 amount)",
    "function borrow(uint256 amount)",
    "function repay(uint256 amount)",
    "function pause()",
    "function unpause()",
    "function paused() view returns (bool)",
    "function price() view returns (uint256)",
    "function availableLiquidity() view returns (uint256)",
    "function maxDebt(address account) view returns (uint256)",
    "error EnforcedPause()",
  ]),
  exploit: parseAbi(["function attack(uint256 flashAmount) returns (uint256 profit)"]),
  box: parseAbi([
    "function initialize(address owner)",
    "function transferOwnership(address newOwner)",
    "function setValue(uint256 value)",
    "function owner() view returns (address)",
    "function version() view returns (uint256)",
    "function upgradeToAndCall(address newImplementation, bytes data) payable",
    "function backdoorSetOwner(address newOwner)",
    "function backdoorSetImplementation(address implementation)",
  ]),
  feed: parseAbi(["function updateAnswer(int256 answer)"]),
  drainer: parseAbi(["function drain(address token, address[] owners, address to) returns (uint256)"]),
} as const;

type Wallet = WalletClient<Transport, Chain, Account>;

/** The clients the demo needs (testkit's `createClients` answer fits). */
export interface DemoClients {
  public: PublicClient<Transport, Chain>;
  wallet(account: Account): Wallet;
}

/** The demo DEX's parts the demo uses (testkit's `DemoDex` fits). */
export interface DemoDexParts {
  weth: Address;
  tokens: { clean: { address: Address; pair: Address } };
}

export interface MonitorDemo {
  weth: Address;
  /** The collateral token (the DEX's CLEAN). */
  token: Address;
  /** CLEAN/WETH: the vault's price source. */
  pair: Address;
  lender: Address;
  vault: Address;
  exploit: Address;
  drainer: Address;
  box: Address;
  boxV1: Address;
  boxV2: Address;
  feed: Address;
  owner: Address;
  guardian: Address;
  attacker: Address;
}

export interface DeployMonitorDemoOptions {
  dex: DemoDexParts;
  /** Deploys, owns the vault, the box and the feed, funds the lender and the vault. */
  deployer: Account;
  /** Deploys and owns the exploit and the drainer (funded with 10 ETH by the deployer). */
  attacker: Account;
  /** May pause the vault. Default: the deployer. */
  guardian?: Address;
  /** WETH the lender holds. Default 1 000. */
  lenderWeth?: bigint;
  /** WETH supplied to the vault. Default 100. */
  vaultWeth?: bigint;
}

/** The flash loan that drains the default vault: 90 WETH into the 10 WETH pair moves its price ~100×. */
export const DEMO_FLASH_AMOUNT = parseEther("90");
/** The Chainlink-style feed's first answer (8 decimals). */
export const DEMO_FEED_ANSWER = 2_000n * 10n ** 8n;

/** The creation code in a forge artifact. */
function artifact(contract: string): Hex {
  const path = join(forgeOut, `${contract}.sol`, `${contract}.json`);
  const json = JSON.parse(readFileSync(path, "utf8")) as { bytecode: { object: string } };
  const object = json.bytecode.object;
  return (object.startsWith("0x") ? object : `0x${object}`) as Hex;
}

/** Deploys `contract` with constructor `args` (encoded by the constructor's `parameters`). */
async function deploy(wallet: Wallet, contract: string, parameters: string, args: readonly unknown[]) {
  const abi = parseAbi([`constructor(${parameters})`]);
  const data = encodeDeployData({ abi, bytecode: artifact(contract), args: args as never });
  const receipt = await send(wallet, null, data, 0n, `deploy ${contract}`);
  if (!receipt.contractAddress) throw new Error(`deploy ${contract}: no contract address`);
  return getAddress(receipt.contractAddress);
}

/** Sends and waits for a successful receipt. */
export async function send(wallet: Wallet, to: Address | null, data: Hex, value: bigint, what: string) {
  const hash = await wallet.sendTransaction({ to, data, value });
  const receipt = await waitForTransactionReceipt(wallet, { hash, pollingInterval: 50 });
  if (receipt.status !== "success") throw new Error(`${what} reverted (${hash})`);
  return receipt;
}

/**
 * Deploys and funds the demo (about 15 transactions).
 *
 * @example
 * const dex = await deployDemoDex(clients);
 * const demo = await deployMonitorDemo(clients, { dex, deployer: accounts().deployer, attacker: accounts().attacker });
 * await writeFile("watch.json", JSON.stringify(monitorDemoWatchFile(demo)));
 */
export async function deployMonitorDemo(
  clients: DemoClients,
  options: DeployMonitorDemoOptions,
): Promise<MonitorDemo> {
  const owner = options.deployer.address;
  const attacker = options.attacker.address;
  const guardian = options.guardian ?? owner;
  const wallet = clients.wallet(options.deployer);
  const attackerWallet = clients.wallet(options.attacker);
  const weth = options.dex.weth;
  const token = options.dex.tokens.clean.address;
  const pair = options.dex.tokens.clean.pair;
  const lenderWeth = options.lenderWeth ?? parseEther("1000");
  const vaultWeth = options.vaultWeth ?? parseEther("100");
  const call = (to: Address, data: Hex, what: string, value = 0n, from: Wallet = wallet) =>
    send(from, to, data, value, what);

  await call(attacker, "0x", "fund the attacker", parseEther("10"));
  const lender = await deploy(wallet, "DemoFlashLender", "uint256 feeBps", [9n]);
  await call(
    weth,
    encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "deposit" }),
    "wrap",
    lenderWeth + vaultWeth,
  );
  await call(
    weth,
    encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "transfer", args: [lender, lenderWeth] }),
    "fund the lender",
  );
  const vault = await deploy(
    wallet,
    "DemoLendingVault",
    "address asset, address collateral, address pair, uint256 ltvBps, address owner, address guardian",
    [weth, token, pair, 7_500n, owner, guardian],
  );
  await call(
    weth,
    encodeFunctionData({ abi: monitorDemoAbis.weth, functionName: "approve", args: [vault, vaultWeth] }),
    "approve the vault",
  );
  await call(
    vault,
    encodeFunctionData({ abi: monitorDemoAbis.vault, functionName: "supply", args: [vaultWeth] }),
    "supply the vault",
  );
  const exploit = await deploy(
    attackerWallet,
    "DemoFlashLoanExploit",
    "address lender, address vault, address owner",
    [lender, vault, attacker],
  );
  const drainer = await deploy(attackerWallet, "DemoApprovalDrainer", "address owner", [attacker]);
  const boxV1 = await deploy(wallet, "DemoUpgradeableBox", "uint256 version", [1n]);
  const boxV2 = await deploy(wallet, "DemoBackdooredBox", "uint256 version", [2n]);
  const box = await deploy(wallet, "DemoBoxProxy", "address implementation, bytes data", [
    boxV1,
    encodeFunctionData({ abi: monitorDemoAbis.box, functionName: "initialize", args: [owner] }),
  ]);
  const feed = await deploy(wallet, "DemoPriceFeed", "address owner, uint8 decimals, int256 initialAnswer", [
    owner,
    8,
    DEMO_FEED_ANSWER,
  ]);
  return {
    weth,
    token,
    pair,
    lender,
    vault,
    exploit,
    drainer,
    box,
    boxV1,
    boxV2,
    feed,
    owner,
    guardian,
    attacker,
  };
}

/**
 * The watch file for the demo: the vault (outflows ≥ 20 %), the box (ownership and upgrades only), the
 * CLEAN/WETH pair and the feed as oracles (10 %), the attacker's addresses labelled.
 */
export function monitorDemoWatchFile(demo: MonitorDemo): WatchFile {
  return {
    version: 1,
    contracts: [
      { address: demo.vault, label: "DemoLendingVault", outflow: { minPercent: 20 } },
      { address: demo.box, label: "DemoBox", outflow: null },
    ],
    oracles: [
      {
        kind: "uniswap-v2-pair",
        address: demo.pair,
        label: "CLEAN/WETH",
        base: clean0(demo) ? "token0" : "token1",
        maxDeviationPercent: 10,
      },
      { kind: "chainlink", address: demo.feed, label: "DemoPriceFeed", maxDeviationPercent: 10 },
    ],
    labels: {
      [demo.attacker]: "demo attacker",
      [demo.exploit]: "demo exploit",
      [demo.drainer]: "demo drainer",
    },
    approvalDrain: { minOwners: 3 },
  };
}

/** Whether CLEAN is the pair's token0 (Uniswap sorts by address): the price watched is WETH per CLEAN. */
function clean0(demo: MonitorDemo): boolean {
  return demo.token.toLowerCase() < demo.weth.toLowerCase();
}

/** The attack transaction's calldata (sent by the attacker to the exploit contract). */
export function attackCalldata(flashAmount: bigint = DEMO_FLASH_AMOUNT): Hex {
  return encodeFunctionData({ abi: monitorDemoAbis.exploit, functionName: "attack", args: [flashAmount] });
}

/** The unlimited approval a drainer's victim gives. */
export function approveAllCalldata(spender: Address): Hex {
  return encodeFunctionData({
    abi: monitorDemoAbis.erc20,
    functionName: "approve",
    args: [spender, maxUint256],
  });
}
