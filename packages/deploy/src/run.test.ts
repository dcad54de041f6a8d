import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import {
  allocationManagerAbi,
  delegationManagerAbi,
  marketplaceAbi,
  strategyAbi,
  strategyManagerAbi,
  utilityTokenAbi,
} from "@palisade/abis";
import { loadDeployment } from "@palisade/sdk";
import {
  type Anvil,
  accounts,
  type Clients,
  createClients,
  deployMockLst,
  freePort,
  repoRoot,
  sendAndWait,
  startAnvil,
} from "@palisade/testkit";
import { type Address, encodeFunctionData, type Hex, parseEther, parseUnits } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { getTransactionCount, readContract } from "viem/actions";
import { avsDefaults } from "./avsSettings.ts";
import { parseConfig } from "./config.ts";
import { mainnetDelays, maxDelayBlocks } from "./delays.ts";
import {
  ChainIdMismatchError,
  DeploymentFileExistsError,
  DuplicateSymbolError,
  InsufficientDeployerBalanceError,
  InvalidCapError,
  NotAnErc20Error,
  RpcUnreachableError,
  TokenWithoutCodeError,
} from "./errors.ts";
import { marketplaceDefaults } from "./marketplaceSettings.ts";
import { runDeploy } from "./run.ts";
import { verifyAvs } from "./verifyAvs.ts";

let anvil: Anvil;
let clients: Clients;
let dir: string;
let stEth: Address;
let rEth: Address;
let stEthTwin: Address;
const named = accounts();
const lines: string[] = [];
const options = () => ({ print: (line: string) => lines.push(line), cwd: dir, pollingIntervalMs: 50 });

/** A fresh deployer key holding `balance`. */
async function fundedKey(balance = parseEther("10")): Promise<Hex> {
  const key = generatePrivateKey();
  await clients.test.setBalance({ address: privateKeyToAccount(key).address, value: balance });
  return key;
}

const nonceOf = (key: Hex) =>
  getTransactionCount(clients.public, { address: privateKeyToAccount(key).address, blockTag: "pending" });

before(async () => {
  anvil = await startAnvil();
  clients = createClients(anvil.rpcUrl);
  dir = mkdtempSync(join(tmpdir(), "palisade-deploy-"));
  // The tokens come from another account: the deployer starts at nonce 0, as on a real chain.
  const tokenOwner = clients.wallet(named.avs);
  stEth = await deployMockLst(
    tokenOwner,
    { name: "Mock Lido Staked Ether", symbol: "stETH" },
    named.avs.address,
  );
  rEth = await deployMockLst(
    tokenOwner,
    { name: "Mock Rocket Pool Ether", symbol: "rETH" },
    named.avs.address,
  );
  stEthTwin = await deployMockLst(tokenOwner, { name: "Another stETH", symbol: "stETH" }, named.avs.address);
});
after(async () => {
  await anvil?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("deploys with mainnet delays, capped strategies, the given owner (two-step) and pauser", async () => {
  const key = await fundedKey();
  const deployer = privateKeyToAccount(key).address;
  const owner = named.slasher.address;
  const pauser = named.pauser.address;
  const out = join(dir, "mainnet-like.json");
  const config = parseConfig(
    [
      "--rpc-url",
      anvil.rpcUrl,
      "--strategy",
      `${stEth}:100000`,
      "--strategy",
      `${rEth}:2.5`,
      "--owner",
      owner,
      "--pauser",
      pauser,
      "--out",
      out,
    ],
    { PALISADE_DEPLOYER_KEY: key },
    dir,
  );
  const { deployment } = await runDeploy(config, options());
  assert.ok(deployment);

  const loaded = await loadDeployment(out);
  assert.deepEqual(loaded, deployment);
  assert.equal(loaded.operatorSet, undefined);
  assert.equal("operatorSet" in loaded, false);
  assert.equal(loaded.deployer, deployer);
  assert.equal(loaded.chainId, 31_337);
  assert.deepEqual(loaded.delays, {
    withdrawalBlocks: mainnetDelays.withdrawalDelayBlocks,
    allocationBlocks: mainnetDelays.allocationDelayBlocks,
    deallocationBlocks: mainnetDelays.deallocationDelayBlocks,
  });

  const { strategyManager, delegationManager, allocationManager } = loaded.contracts;
  const read = clients.public;
  assert.equal(
    await readContract(read, {
      address: delegationManager,
      abi: delegationManagerAbi,
      functionName: "withdrawalDelayBlocks",
    }),
    mainnetDelays.withdrawalDelayBlocks,
  );
  assert.equal(
    await readContract(read, {
      address: allocationManager,
      abi: allocationManagerAbi,
      functionName: "allocationDelay",
    }),
    mainnetDelays.allocationDelayBlocks,
  );
  assert.equal(
    await readContract(read, {
      address: allocationManager,
      abi: allocationManagerAbi,
      functionName: "deallocationDelay",
    }),
    mainnetDelays.deallocationDelayBlocks,
  );
  // maxDelayBlocks (checked in the config) mirrors the contracts' own limits.
  assert.equal(
    await readContract(read, {
      address: allocationManager,
      abi: allocationManagerAbi,
      functionName: "MAX_DELAY",
    }),
    maxDelayBlocks,
  );
  assert.equal(
    await readContract(read, {
      address: delegationManager,
      abi: delegationManagerAbi,
      functionName: "MAX_WITHDRAWAL_DELAY_BLOCKS",
    }),
    maxDelayBlocks,
  );

  assert.deepEqual(Object.keys(loaded.strategies), ["stETH", "rETH"]);
  for (const [symbol, token, cap] of [
    ["stETH", stEth, parseUnits("100000", 18)],
    ["rETH", rEth, parseUnits("2.5", 18)],
  ] as const) {
    const entry = loaded.strategies[symbol];
    assert.ok(entry);
    assert.equal(entry.token, token);
    const strategy = await readContract(read, {
      address: strategyManager,
      abi: strategyManagerAbi,
      functionName: "strategyFor",
      args: [token],
    });
    assert.equal(strategy, entry.strategy);
    assert.equal(
      await readContract(read, { address: strategy, abi: strategyAbi, functionName: "depositCap" }),
      cap,
    );
    assert.equal(
      await readContract(read, { address: strategy, abi: strategyAbi, functionName: "underlyingToken" }),
      token,
    );
  }

  // Every contract: pauser as given; the deployer still owns it until the owner accepts.
  const ownerWallet = clients.wallet(named.slasher);
  const accept = encodeFunctionData({ abi: strategyManagerAbi, functionName: "acceptOwnership" });
  for (const [name, address] of Object.entries(loaded.contracts)) {
    const get = (functionName: "owner" | "pendingOwner" | "pauser") =>
      readContract(read, { address, abi: strategyManagerAbi, functionName });
    assert.equal(await get("pauser"), pauser, `${name} pauser`);
    assert.equal(await get("owner"), deployer, `${name} owner before acceptance`);
    assert.equal(await get("pendingOwner"), owner, `${name} pending owner`);
    await sendAndWait(ownerWallet, { to: address, data: accept }, `${name}.acceptOwnership`);
    assert.equal(await get("owner"), owner, `${name} owner after acceptance`);
  }
  assert.ok(lines.some((line) => line.includes("acceptOwnership")));
  assert.ok(!lines.join("\n").includes(key.slice(2)), "the key is never printed");
});

test("without --owner and --pauser the deployer is both and keeps ownership", async () => {
  const key = await fundedKey();
  const deployer = privateKeyToAccount(key).address;
  const config = parseConfig(
    ["--rpc-url", anvil.rpcUrl, "--strategy", stEth, "--withdrawal-delay-blocks", "50"],
    { PALISADE_DEPLOYER_KEY: key },
    dir,
  );
  const { deployment, plan } = await runDeploy(config, options());
  assert.ok(deployment);
  assert.equal(plan.out, join(dir, "deployments", "31337.json"));
  assert.equal(deployment.delays.withdrawalBlocks, 50);
  const { strategyManager } = deployment.contracts;
  for (const functionName of ["owner", "pauser"] as const) {
    assert.equal(
      await readContract(clients.public, { address: strategyManager, abi: strategyManagerAbi, functionName }),
      deployer,
    );
  }
  const strategy = deployment.strategies.stETH?.strategy;
  assert.ok(strategy);
  assert.equal(
    await readContract(clients.public, { address: strategy, abi: strategyAbi, functionName: "depositCap" }),
    2n ** 256n - 1n,
  );
});

test("--avs deploys the AVS on the new core, records it in the file and hands it to the owner too", async () => {
  const key = await fundedKey();
  const deployer = privateKeyToAccount(key).address;
  const owner = named.slasher.address;
  const out = join(dir, "with-avs.json");
  lines.length = 0;
  const config = parseConfig(
    [
      "--rpc-url",
      anvil.rpcUrl,
      "--strategy",
      stEth,
      "--strategy",
      rEth,
      "--owner",
      owner,
      "--avs",
      "--veto-committee",
      named.pauser.address,
      "--out",
      out,
    ],
    { PALISADE_DEPLOYER_KEY: key },
    dir,
  );
  const { deployment } = await runDeploy(config, options());
  assert.ok(deployment?.avs);
  const loaded = await loadDeployment(out);
  assert.deepEqual(loaded.avs, deployment.avs);
  assert.ok(loaded.avs && loaded.avs.deployedAtBlock > loaded.deployedAtBlock);
  await verifyAvs(clients.public, {
    avs: loaded.avs,
    allocationManager: loaded.contracts.allocationManager,
    strategies: Object.values(loaded.strategies).map((entry) => entry.strategy),
    settings: {
      ...avsDefaults,
      vetoWindowBlocks: avsDefaults.vetoWindowBlocks(mainnetDelays.deallocationDelayBlocks),
      vetoCommittee: named.pauser.address,
      // Without --slash-requester: the final owner.
      slashRequester: owner,
    },
    owner: deployer,
    pendingOwner: owner,
  });
  const output = lines.join("\n");
  assert.match(output, /avs {10}ServiceManager \+ OperatorRegistry/);
  assert.match(output, /serviceManager +0x\w{40} \(AVS; operator set 0/);
  assert.match(output, /acceptOwnership\(\) on each of the six contracts/);
});

test("--marketplace deploys the token and the marketplace, wired, supply to the treasury, owner pending", async () => {
  const key = await fundedKey();
  const owner = named.slasher.address;
  const treasury = named.stakers[0].address;
  const out = join(dir, "with-marketplace.json");
  const config = parseConfig(
    [
      "--rpc-url",
      anvil.rpcUrl,
      "--strategy",
      stEth,
      "--owner",
      owner,
      "--marketplace",
      "--treasury",
      treasury,
      "--out",
      out,
    ],
    { PALISADE_DEPLOYER_KEY: key },
    dir,
  );
  const { deployment } = await runDeploy(config, options());
  const market = (await loadDeployment(out)).marketplace;
  assert.ok(market && deployment?.marketplace);
  assert.deepEqual(market, deployment.marketplace);
  const read = (
    address: Address,
    abi: readonly unknown[],
    functionName: string,
    args: readonly unknown[] = [],
  ) =>
    readContract(clients.public, {
      address,
      abi: abi as never,
      functionName,
      args,
    } as never) as Promise<unknown>;
  assert.equal(
    await read(market.utilityToken, utilityTokenAbi, "balanceOf", [treasury]),
    marketplaceDefaults.supply,
  );
  assert.equal(await read(market.marketplace, marketplaceAbi, "slasher"), market.providerSlashing);
  assert.equal(await read(market.marketplace, marketplaceAbi, "reviewBoard"), market.reviewBoard);
  assert.equal(await read(market.marketplace, marketplaceAbi, "treasury"), treasury);
  assert.equal(await read(market.marketplace, marketplaceAbi, "pendingOwner"), owner);
  const params = (await read(market.marketplace, marketplaceAbi, "params")) as { unstakeDelay: number };
  assert.equal(params.unstakeDelay, marketplaceDefaults.marketplace.unstakeDelay);
  assert.throws(
    () =>
      parseConfig(
        ["--rpc-url", anvil.rpcUrl, "--strategy", stEth, "--treasury", treasury],
        { PALISADE_DEPLOYER_KEY: key },
        dir,
      ),
    /--treasury needs --marketplace/,
  );
});

test("--dry-run checks and prints the plan but sends nothing", async () => {
  const key = await fundedKey();
  const config = parseConfig(
    ["--rpc-url", anvil.rpcUrl, "--strategy", stEth, "--dry-run", "--out", join(dir, "dry.json")],
    { PALISADE_DEPLOYER_KEY: key },
    dir,
  );
  const { deployment, plan } = await runDeploy(config, options());
  assert.equal(deployment, undefined);
  assert.equal(plan.strategies[0]?.symbol, "stETH");
  assert.equal(await nonceOf(key), 0);
});

/** Runs the deploy with `argv` (after --rpc-url) and expects `error` with no transaction sent. */
async function rejectsWithoutSending(
  argv: string[],
  error: new (...args: never[]) => Error,
  rpcUrl = anvil.rpcUrl,
  balance?: bigint,
): Promise<void> {
  const key = await fundedKey(balance);
  const out = argv.includes("--out") ? [] : ["--out", join(dir, `${error.name}.json`)];
  const config = parseConfig(["--rpc-url", rpcUrl, ...argv, ...out], { PALISADE_DEPLOYER_KEY: key }, dir);
  await assert.rejects(runDeploy(config, options()), (thrown: unknown) => {
    assert.ok(thrown instanceof error, `expected ${error.name}, got ${String(thrown)}`);
    assert.ok(!thrown.message.includes(key.slice(2)), "the key is not in the message");
    return true;
  });
  assert.equal(await nonceOf(key), 0, "no transaction sent");
}

test("an unreachable RPC is RpcUnreachableError", async () => {
  const port = await freePort();
  await rejectsWithoutSending(["--strategy", stEth], RpcUnreachableError, `http://127.0.0.1:${port}`);
});

test("another chain than --chain-id is ChainIdMismatchError", async () => {
  await rejectsWithoutSending(["--strategy", stEth, "--chain-id", "1"], ChainIdMismatchError);
});

test("a token without code is TokenWithoutCodeError", async () => {
  await rejectsWithoutSending(
    ["--strategy", stEth, "--strategy", "0x000000000000000000000000000000000000bEEF"],
    TokenWithoutCodeError,
  );
});

test("a contract that is not an ERC-20 is NotAnErc20Error", async () => {
  const address = "0x00000000000000000000000000000000000c0DE0";
  // STOP: answers every call with empty return data.
  await clients.test.setCode({ address, bytecode: "0x00" });
  await rejectsWithoutSending(["--strategy", address], NotAnErc20Error);
});

test("two tokens with one symbol are DuplicateSymbolError", async () => {
  await rejectsWithoutSending(["--strategy", stEth, "--strategy", stEthTwin], DuplicateSymbolError);
});

test("a cap finer than the token's decimals is InvalidCapError", async () => {
  await rejectsWithoutSending(["--strategy", `${stEth}:1.0000000000000000001`], InvalidCapError);
});

test("a deployer that cannot pay is InsufficientDeployerBalanceError", async () => {
  await rejectsWithoutSending(
    ["--strategy", stEth, "--strategy", rEth],
    InsufficientDeployerBalanceError,
    anvil.rpcUrl,
    parseEther("0.0001"),
  );
});

test("an existing deployment file is DeploymentFileExistsError", async () => {
  const out = join(dir, "existing.json");
  writeFileSync(out, "{}\n");
  await rejectsWithoutSending(["--strategy", stEth, "--out", out], DeploymentFileExistsError);
});

function runCli(args: string[], key: Hex): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", resolve(import.meta.dirname, "main.ts"), "--rpc-url", anvil.rpcUrl, ...args],
    { cwd: repoRoot, env: { ...process.env, PALISADE_DEPLOYER_KEY: key }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((done) => child.once("close", (code) => done({ code, output })));
}

test("the CLI exits 0 on success and 1 with a named error and no stack, never printing the key", async () => {
  const key = await fundedKey();
  const out = join(dir, "cli.json");
  const ok = await runCli(["--strategy", `${stEth}:10`, "--out", out], key);
  assert.equal(ok.code, 0, ok.output);
  assert.match(ok.output, /plan:/);
  assert.match(ok.output, /wrote /);
  assert.equal((await loadDeployment(out)).strategies.stETH?.token, stEth);

  const failed = await runCli(["--strategy", "0x000000000000000000000000000000000000bEEF"], key);
  assert.equal(failed.code, 1, failed.output);
  assert.match(
    failed.output,
    /TokenWithoutCodeError: token 0x000000000000000000000000000000000000bEEF has no code/,
  );
  assert.doesNotMatch(failed.output, /\n\s+at /, "no stack trace");

  for (const output of [ok.output, failed.output]) {
    assert.ok(!output.toLowerCase().includes(key.slice(2).toLowerCase()), "the key is not in the output");
  }
});
