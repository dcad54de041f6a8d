import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import {
  type Anvil,
  accounts,
  bytecodeOf,
  type Clients,
  createClients,
  type DemoDex,
  type DemoTokenName,
  demoLockSeconds,
  demoSellCooldown,
  demoTokenAbis,
  deployDemoDex,
  startAnvil,
  uniswapArtifact,
} from "@palisade/testkit";
import {
  type Address,
  encodeDeployData,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  maxUint256,
  parseEther,
  toFunctionSelector,
  zeroAddress,
} from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import { BlockAheadOfChainError, EngineRpcError, InvalidInputError } from "../errors.ts";
import { createTokenRiskEngine, type TokenRiskEngine } from "./createTokenRiskEngine.ts";
import { DexFactoryNotFoundError, TokenNotAContractError } from "./errors.ts";
import type { TokenRiskReport } from "./fields.ts";

let anvil: Anvil;
let clients: Clients;
let dex: DemoDex;
let engine: TokenRiskEngine;
/** The block right after the demo DEX was deployed: every report below is pinned to it. */
let listed: number;
const reports = {} as Record<DemoTokenName, TokenRiskReport>;
const { deployer, stakers } = accounts();
const trader = stakers[0];
const routerAbi = () => uniswapArtifact("UniswapV2Router02").abi;

before(async () => {
  anvil = await startAnvil();
  clients = createClients(anvil.rpcUrl);
  dex = await deployDemoDex(clients);
  engine = createTokenRiskEngine({ dex: { factory: dex.factory, weth: dex.weth } });
  listed = Number(await clients.public.getBlockNumber());
  for (const token of Object.values(dex.tokens))
    reports[token.name] = await engine.check(clients.public, { token: token.address, block: listed });
});
after(() => anvil.stop());

// Real trades change the chain: each test starts from the listed state.
let snapshot: Hex;
beforeEach(async () => {
  snapshot = await clients.test.snapshot();
});
afterEach(async () => {
  await clients.test.revert({ id: snapshot });
});

async function send(from: typeof trader, to: Address, data: Hex, value = 0n): Promise<void> {
  const hash = await clients.wallet(from).sendTransaction({ to, data, value });
  const receipt = await waitForTransactionReceipt(clients.public, { hash });
  assert.equal(receipt.status, "success");
}

/** A transaction that must revert (its gas estimate, a simulation, fails), with `why` in the error. */
async function reverts(
  from: typeof trader,
  to: Address,
  data: Hex,
  what: string,
  why?: RegExp,
): Promise<void> {
  await assert.rejects(
    clients.wallet(from).sendTransaction({ to, data }),
    (error: Error) => why === undefined || why.test(error.message),
    `${what} should revert${why ? ` with ${why}` : ""}`,
  );
}

const balanceOf = (token: Address, owner: Address) =>
  readContract(clients.public, { address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });

/** A real buy through Router02: tokens the pair paid out (the router's quote) and tokens received. */
async function buy(token: Address, ethIn: bigint): Promise<{ quoted: bigint; received: bigint }> {
  const amounts = (await readContract(clients.public, {
    address: dex.router,
    abi: routerAbi(),
    functionName: "getAmountsOut",
    args: [ethIn, [dex.weth, token]],
  })) as readonly bigint[];
  const before = await balanceOf(token, trader.address);
  await send(
    trader,
    dex.router,
    encodeFunctionData({
      abi: routerAbi(),
      functionName: "swapExactETHForTokensSupportingFeeOnTransferTokens",
      args: [0n, [dex.weth, token], trader.address, maxUint256],
    }),
    ethIn,
  );
  return { quoted: amounts[1] ?? 0n, received: (await balanceOf(token, trader.address)) - before };
}

/** Calldata for a real sell of `amount` through Router02 (approve first). */
async function sellData(token: Address, amount: bigint): Promise<Hex> {
  await send(
    trader,
    token,
    encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [dex.router, maxUint256] }),
  );
  return encodeFunctionData({
    abi: routerAbi(),
    functionName: "swapExactTokensForETHSupportingFeeOnTransferTokens",
    args: [amount, 0n, [token, dex.weth], trader.address, maxUint256],
  });
}

/** A real sell: tokens sent and tokens the pair received. */
async function sell(
  token: Address,
  pair: Address,
  amount: bigint,
): Promise<{ sent: bigint; delivered: bigint }> {
  const data = await sellData(token, amount);
  const before = await balanceOf(token, pair);
  await send(trader, dex.router, data);
  return { sent: amount, delivered: (await balanceOf(token, pair)) - before };
}

const realTax = (got: bigint, expected: bigint) => Number(expected - got) / Number(expected);

describe("clean token", () => {
  test("is safe, with no tax measured; a real buy and sell lose nothing", async () => {
    const report = reports.clean;
    assert.equal(report.verdict, "safe");
    assert.deepEqual(report.flags, []);
    assert.deepEqual(report.sources, {});
    assert.equal(report.fields.buy_tax, 0);
    assert.equal(report.fields.sell_tax, 0);
    assert.equal(report.fields.is_honeypot, false);
    assert.equal(report.fields.external_call, false);
    assert.equal(report.fields.owner_address, null);
    assert.equal(report.fields.is_in_dex, true);
    assert.equal(report.fields.dex_pair, dex.tokens.clean.pair.toLowerCase());
    const bought = await buy(dex.tokens.clean.address, parseEther("0.1"));
    assert.equal(bought.received, bought.quoted);
    const sold = await sell(dex.tokens.clean.address, dex.tokens.clean.pair, bought.received);
    assert.equal(sold.delivered, sold.sent);
  });
});

describe("tax token", () => {
  test("the simulated taxes equal a real swap's, within rounding", async () => {
    const report = reports.tax;
    assert.equal(report.verdict, "suspicious");
    assert.deepEqual(report.flags, ["buy_tax", "sell_tax", "slippage_modifiable"]);
    assert.equal(report.sources.buy_tax?.source, "simulation:buy-sell");
    const bought = await buy(dex.tokens.tax.address, parseEther("0.1"));
    const sold = await sell(dex.tokens.tax.address, dex.tokens.tax.pair, bought.received / 3n);
    assert.ok(Math.abs(realTax(bought.received, bought.quoted) - (report.fields.buy_tax ?? -1)) < 1e-4);
    assert.ok(Math.abs(realTax(sold.delivered, sold.sent) - (report.fields.sell_tax ?? -1)) < 1e-4);
    assert.ok(Math.abs(realTax(bought.received, bought.quoted) - 0.1) < 1e-4);
  });

  test("the owner really can change the tax (slippage_modifiable), and a new check at a later block sees it", async () => {
    assert.equal(reports.tax.fields.owner_address, deployer.address.toLowerCase());
    assert.match(reports.tax.sources.slippage_modifiable?.detail ?? "", /setTaxes\(uint256,uint256\)/);
    await send(
      deployer,
      dex.tokens.tax.address,
      encodeFunctionData({ abi: demoTokenAbis.tax, functionName: "setTaxes", args: [2000n, 2500n] }),
    );
    const later = await engine.check(clients.public, { token: dex.tokens.tax.address });
    assert.equal(later.fields.buy_tax, 0.2);
    assert.equal(later.fields.sell_tax, 0.25);
  });
});

describe("honeypot", () => {
  test("is malicious: anyone can buy, a real sell reverts, only the whitelisted owner can sell", async () => {
    const report = reports.honeypot;
    assert.equal(report.verdict, "malicious");
    assert.deepEqual(report.flags, ["is_honeypot", "is_whitelisted"]);
    assert.equal(report.fields.is_honeypot, true);
    assert.equal(report.fields.buy_tax, 0);
    assert.equal(report.fields.sell_tax, null);
    assert.equal(report.sources.is_honeypot?.source, "simulation:buy-sell");
    // The simulation's revert is the token's own SellNotAllowed(address).
    assert.match(
      report.sources.is_honeypot?.detail ?? "",
      new RegExp(toFunctionSelector("SellNotAllowed(address)")),
    );

    const token = dex.tokens.honeypot.address;
    const bought = await buy(token, parseEther("0.1"));
    assert.ok(bought.received > 0n);
    // Through the router the token's refusal surfaces as the router's TRANSFER_FROM_FAILED; sent
    // straight to the pair (a sell's first leg) it is the token's own error.
    await reverts(
      trader,
      dex.router,
      await sellData(token, bought.received),
      "a trader's sell",
      /TRANSFER_FROM_FAILED/,
    );
    const toPair = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [dex.tokens.honeypot.pair, bought.received],
    });
    await reverts(
      trader,
      token,
      toPair,
      "a transfer into the pair",
      new RegExp(toFunctionSelector("SellNotAllowed(address)")),
    );
    const whitelisted = await readContract(clients.public, {
      address: token,
      abi: demoTokenAbis.honeypot,
      functionName: "isWhitelisted",
      args: [deployer.address],
    });
    assert.equal(whitelisted, true);
  });
});

describe("privileged token", () => {
  test("mint, pause and blacklist are flagged, and the owner really has each power", async () => {
    const report = reports.privileged;
    assert.equal(report.verdict, "suspicious");
    assert.deepEqual(report.flags, ["is_blacklisted", "is_mintable", "transfer_pausable"]);
    assert.equal(report.fields.owner_address, deployer.address.toLowerCase());
    assert.equal(report.fields.owner_percent, 0.5);
    assert.equal(report.fields.hidden_owner, false);
    assert.equal(report.fields.is_honeypot, false);
    const token = dex.tokens.privileged.address;
    const call = (functionName: "mint" | "pause" | "unpause" | "blacklist", args: readonly unknown[] = []) =>
      encodeFunctionData({ abi: demoTokenAbis.privileged, functionName, args } as never);
    await send(deployer, token, call("mint", [trader.address, parseEther("5")]));
    assert.equal(await balanceOf(token, trader.address), parseEther("5"));
    await reverts(trader, token, call("mint", [trader.address, 1n]), "a non-owner's mint");
    const transfer = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [deployer.address, 1n],
    });
    await send(deployer, token, call("pause"));
    await reverts(trader, token, transfer, "a transfer while paused");
    await send(deployer, token, call("unpause"));
    await send(trader, token, transfer);
    await send(deployer, token, call("blacklist", [trader.address]));
    await reverts(trader, token, transfer, "a blacklisted account's transfer");
  });
});

describe("cooldown token", () => {
  test("the simulation finds the sell cooldown; a real second sell reverts until the cooldown has passed", async () => {
    const report = reports.cooldown;
    assert.equal(report.verdict, "suspicious");
    assert.deepEqual(report.flags, ["trading_cooldown"]);
    assert.equal(report.sources.trading_cooldown?.source, "simulation:buy-sell");
    assert.equal(report.fields.is_honeypot, false);
    assert.equal(report.fields.sell_tax, 0);
    assert.equal(report.fields.cannot_sell_all, null);

    const { token, pair } = { token: dex.tokens.cooldown.address, pair: dex.tokens.cooldown.pair };
    const bought = await buy(token, parseEther("0.1"));
    await sell(token, pair, bought.received / 2n);
    await reverts(
      trader,
      dex.router,
      await sellData(token, bought.received / 4n),
      "a second sell",
      /TRANSFER_FROM_FAILED/,
    );
    await clients.test.increaseTime({ seconds: Number(demoSellCooldown) + 1 });
    await clients.test.mine({ blocks: 1 });
    const again = await sell(token, pair, bought.received / 4n);
    assert.equal(again.delivered, again.sent);
  });
});

describe("reclaimable token", () => {
  test("looks renounced, yet the hidden operator rewrites balances, the old owner reclaims, and a hook can block transfers", async () => {
    const report = reports.reclaimable;
    assert.equal(report.verdict, "malicious");
    assert.deepEqual(report.flags, [
      "can_take_back_ownership",
      "external_call",
      "hidden_owner",
      "owner_change_balance",
    ]);
    assert.equal(report.fields.owner_address, zeroAddress);
    assert.equal(report.sources.hidden_owner?.source, "heuristic:privilege-probe");
    assert.match(report.sources.hidden_owner?.detail ?? "", new RegExp(deployer.address.toLowerCase()));
    assert.equal(report.fields.is_honeypot, false);
    const token = dex.tokens.reclaimable.address;
    const call = (functionName: "setBalance" | "unlock" | "setTransferHook", args: readonly unknown[] = []) =>
      encodeFunctionData({ abi: demoTokenAbis.reclaimable, functionName, args } as never);
    const bought = await buy(token, parseEther("0.1"));
    assert.ok(bought.received > 0n);
    // owner_change_balance + hidden_owner: the operator (not owner()) wipes the trader's balance.
    await reverts(trader, token, call("setBalance", [deployer.address, 1n]), "a stranger's setBalance");
    await send(deployer, token, call("setBalance", [trader.address, 0n]));
    assert.equal(await balanceOf(token, trader.address), 0n);
    // can_take_back_ownership: once the lock runs out the previous owner takes ownership back.
    await reverts(deployer, token, call("unlock"), "an early unlock");
    await clients.test.increaseTime({ seconds: Number(demoLockSeconds) });
    await clients.test.mine({ blocks: 1 });
    await send(deployer, token, call("unlock"));
    const owner = await readContract(clients.public, {
      address: token,
      abi: demoTokenAbis.reclaimable,
      functionName: "owner",
    });
    assert.equal(owner, deployer.address);
    // external_call: a hook (here the pair, which has no beforeTransfer) makes every transfer revert.
    await send(deployer, token, call("setTransferHook", [dex.tokens.reclaimable.pair]));
    const transfer = encodeFunctionData({
      abi: erc20Abi,
      functionName: "transfer",
      args: [trader.address, 1n],
    });
    await reverts(deployer, token, transfer, "a transfer through the hook");
  });
});

describe("determinism and pinning", () => {
  test("the same token and block give the same report after the chain has moved on", async () => {
    await buy(dex.tokens.tax.address, parseEther("1"));
    await clients.test.mine({ blocks: 5 });
    for (const token of Object.values(dex.tokens)) {
      const again = await engine.check(clients.public, { token: token.address, block: listed });
      assert.deepEqual(again, reports[token.name], token.name);
      assert.equal(again.block, listed);
    }
  });

  test("without a block the latest is used and reported", async () => {
    await clients.test.mine({ blocks: 2 });
    const report = await engine.check(clients.public, { token: dex.tokens.clean.address });
    assert.equal(report.block, Number(await clients.public.getBlockNumber()));
  });
});

describe("without a pair", () => {
  test("no DEX configured: simulation fields null, each with the reason; static findings stand", async () => {
    const bare = createTokenRiskEngine();
    const report = await bare.check(clients.public, { token: dex.tokens.honeypot.address, block: listed });
    for (const field of [
      "buy_tax",
      "sell_tax",
      "is_honeypot",
      "cannot_buy",
      "cannot_sell_all",
      "trading_cooldown",
    ] as const) {
      assert.equal(report.fields[field], null, field);
      assert.match(report.sources[field]?.detail ?? "", /no DEX configured/, field);
    }
    assert.equal(report.fields.is_in_dex, null);
    assert.deepEqual(report.flags, ["is_whitelisted"]);
  });

  test("a token without a WETH pair: is_in_dex false and the simulation says there is no pair", async () => {
    const hash = await clients.wallet(deployer).sendTransaction({
      data: encodeDeployData({
        abi: demoTokenAbis.clean,
        bytecode: bytecodeOf("DemoCleanToken"),
        args: ["Unlisted", "UNL", parseEther("1"), deployer.address],
      }),
    });
    const receipt = await waitForTransactionReceipt(clients.public, { hash });
    assert.ok(receipt.contractAddress);
    const report = await engine.check(clients.public, { token: receipt.contractAddress });
    assert.equal(report.fields.is_in_dex, false);
    assert.equal(report.fields.is_honeypot, null);
    assert.match(report.sources.is_honeypot?.detail ?? "", /no token\/WETH pair/);
    assert.equal(report.verdict, "safe");
  });
});

describe("proxies and other contracts", () => {
  test("an EIP-1167 minimal proxy and an EIP-1967 slot are recognised; the implementation's code is analysed", async () => {
    const implementation = dex.tokens.privileged.address.slice(2).toLowerCase();
    const runtime = `363d3d373d3d3d363d73${implementation}5af43d82803e903d91602b57fd5bf3`;
    const hash = await clients.wallet(deployer).sendTransaction({ data: `0x3d602d80600a3d3981f3${runtime}` });
    const minimal = (await waitForTransactionReceipt(clients.public, { hash })).contractAddress;
    assert.ok(minimal);
    assert.equal(await clients.public.getCode({ address: minimal }), `0x${runtime}`);
    const report = await engine.check(clients.public, { token: minimal });
    assert.equal(report.fields.is_proxy, true);
    assert.equal(report.fields.proxy_implementation, `0x${implementation}`);
    assert.equal(report.fields.delegatecall, false);
    assert.deepEqual(report.flags, ["is_blacklisted", "is_mintable", "is_proxy", "transfer_pausable"]);
    assert.match(report.sources.is_proxy?.detail ?? "", /eip1167/);

    // Any contract whose EIP-1967 implementation slot names the privileged token reads as its proxy.
    await clients.test.setStorageAt({
      address: dex.tokens.clean.address,
      index: "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc",
      value: `0x${implementation.padStart(64, "0")}`,
    });
    const slotted = await engine.check(clients.public, { token: dex.tokens.clean.address });
    assert.equal(slotted.fields.is_proxy, true);
    assert.equal(slotted.fields.proxy_implementation, `0x${implementation}`);
    assert.equal(slotted.fields.is_mintable, true);
  });

  test("contracts that are not plain tokens (WETH, the router, a pair) get a report, not an error", async () => {
    for (const address of [dex.weth, dex.router, dex.tokens.clean.pair]) {
      const report = await engine.check(clients.public, { token: address, block: listed });
      assert.equal(report.target, address.toLowerCase());
      assert.equal(report.fields.selfdestruct, false);
    }
    const router = await engine.check(clients.public, { token: dex.router, block: listed });
    assert.equal(router.fields.external_call, null); // no transfer function to follow
    assert.match(router.sources.external_call?.detail ?? "", /no transfer entry/);
  });
});

describe("bad input", () => {
  test("a malformed address, unknown parameter or negative block is an InvalidInputError", async () => {
    await assert.rejects(engine.check(clients.public, { token: "0x1234" }), InvalidInputError);
    await assert.rejects(engine.check(clients.public, { token: dex.weth, block: -1 }), InvalidInputError);
    await assert.rejects(
      engine.check(clients.public, { token: dex.weth, extra: 1 } as unknown as { token: string }),
      InvalidInputError,
    );
    assert.throws(
      () => createTokenRiskEngine({ dex: { factory: "0x12", weth: dex.weth } }),
      InvalidInputError,
    );
  });

  test("an EOA, a block ahead of the chain, a factory without code, an unreachable node", async () => {
    await assert.rejects(engine.check(clients.public, { token: trader.address }), TokenNotAContractError);
    const head = Number(await clients.public.getBlockNumber());
    await assert.rejects(
      engine.check(clients.public, { token: dex.weth, block: head + 10 }),
      BlockAheadOfChainError,
    );
    const wrong = createTokenRiskEngine({ dex: { factory: trader.address, weth: dex.weth } });
    await assert.rejects(
      wrong.check(clients.public, { token: dex.tokens.clean.address }),
      DexFactoryNotFoundError,
    );
    const dead = createClients("http://127.0.0.1:1");
    await assert.rejects(engine.check(dead.public, { token: dex.tokens.clean.address }), EngineRpcError);
  });
});
