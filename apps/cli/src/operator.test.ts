import assert from "node:assert/strict";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { allocationManagerAbi, delegationManagerAbi, operatorRegistryAbi } from "@palisade/abis";
import { decryptKeystore, loadKeystore, pubkeyHash } from "@palisade/crypto";
import { getAllocation, registerAsOperator, slashOperator } from "@palisade/sdk";
import { operatorPubkeyHash, testKeystorePassword, writeOperatorKeystores } from "@palisade/testkit";
import { type Address, parseEther } from "viem";
import { getBlockNumber, readContract } from "viem/actions";
import { type RestakingCliFixture, restakingCliFixture } from "./testing/restakingFixture.ts";

let f: RestakingCliFixture;
before(async () => {
  f = await restakingCliFixture();
});
after(() => f?.stop());

const password = { PALISADE_BLS_PASSWORD: "operator test password" };
const registry = () => ({ address: f.deployment.avs.operatorRegistry, abi: operatorRegistryAbi }) as const;
const palisadeSet = () => ({ avs: f.deployment.avs.serviceManager, id: f.deployment.avs.operatorSetId });
const isOperator = (account: Address) =>
  readContract(f.clients.public, {
    address: f.deployment.contracts.delegationManager,
    abi: delegationManagerAbi,
    functionName: "isOperator",
    args: [account],
  });
const block = () => getBlockNumber(f.clients.public, { cacheTime: 0 });

test("register: a fresh account becomes an operator and joins Palisade's set with a fresh BLS key; again sends nothing", async () => {
  const pauser = f.accounts.pauser.address;
  assert.equal(await isOperator(pauser), false);
  const argv = [
    "operator",
    "register",
    "--account",
    "pauser",
    "--bls-keystore",
    "pauser.keystore.json",
    "--node-url",
    "http://127.0.0.1:9020",
  ];
  const run = await f.run([...argv, "--new-bls-key"], password);
  assert.equal(run.code, 0, run.err);
  // The key was written before any transaction, readable by its owner only, and it is the one registered.
  const path = join(f.dir, "pauser.keystore.json");
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const key = await decryptKeystore(await loadKeystore(path), password.PALISADE_BLS_PASSWORD);
  const hash = pubkeyHash(key.toPublicKey());
  assert.equal(await isOperator(pauser), true);
  assert.equal(
    await readContract(f.clients.public, { ...registry(), functionName: "isRegistered", args: [pauser] }),
    true,
  );
  assert.equal(
    await readContract(f.clients.public, { ...registry(), functionName: "pubkeyHashOf", args: [pauser] }),
    hash,
  );
  assert.equal(
    await readContract(f.clients.public, { ...registry(), functionName: "nodeUrlOf", args: [pauser] }),
    "http://127.0.0.1:9020",
  );
  const member = await readContract(f.clients.public, {
    address: f.deployment.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "isMemberOfOperatorSet",
    args: [pauser, palisadeSet()],
  });
  assert.equal(member, true);
  assert.match(run.out, new RegExp(`BLS pubkeyHash {7}${hash} \\(fresh key in `));
  // Progress: the key, then each of the two transactions with its hash and block.
  const lines = run.err.trim().split("\n");
  assert.match(lines[0] ?? "", /^writing a fresh BLS key to .*pauser\.keystore\.json/);
  assert.match(lines[1] ?? "", /^step 1\/2: registering 0x\w{40} as an operator in the DelegationManager$/);
  assert.equal(lines[2], "calling registerAsOperator on the DelegationManager…");
  assert.match(lines[4] ?? "", /^mined in block \d+$/);
  assert.match(lines[5] ?? "", /^step 2\/2: registering with Palisade's operator set 0/);
  assert.equal(lines[6], "calling registerForOperatorSets on the AllocationManager…");

  const start = await block();
  const again = await f.run([...argv, "--json"], password);
  assert.equal(again.code, 0, again.err);
  const data = again.json<Record<string, unknown>>();
  assert.deepEqual(
    { ...data, blsKeystore: undefined },
    {
      operator: pauser,
      operatorSet: palisadeSet(),
      pubkeyHash: hash,
      nodeUrl: "http://127.0.0.1:9020",
      registryStake: "0",
      blsKeystore: undefined,
      newBlsKey: false,
      coreRegistration: null,
      avsRegistration: null,
    },
  );
  assert.equal(await block(), start, "nothing was sent");
  assert.equal(again.err, "");
});

test("register refuses: overwriting a keystore, another operator's key, another key for a registered operator, a wrong or missing password", async () => {
  const keys = await writeOperatorKeystores(join(f.dir, "devnet-keys"), 1);
  const operator0Keystore = keys.keystores[0] ?? "";
  const start = await block();
  const base = ["operator", "register", "--node-url", "http://127.0.0.1:9021"];

  const overwrite = await f.run(
    [...base, "--account", "slasher", "--bls-keystore", operator0Keystore, "--new-bls-key"],
    password,
  );
  assert.equal(overwrite.code, 1);
  assert.match(
    overwrite.err,
    /^error: .*operator-0\.keystore\.json already exists: --new-bls-key never overwrites/m,
  );
  assert.match(overwrite.err, /^FIX: leave out --new-bls-key to register the key it holds/m);

  // operator 0's key for another account: refused before the core registration is sent.
  const taken = await f.run([...base, "--account", "slasher", "--bls-keystore", operator0Keystore], {
    PALISADE_BLS_PASSWORD: testKeystorePassword,
  });
  assert.equal(taken.code, 1);
  assert.match(
    taken.err,
    new RegExp(`^error: BLS key ${operatorPubkeyHash(0)} is registered to ${f.operators[0]?.address}$`, "m"),
  );
  assert.match(taken.err, /^FIX: each operator needs its own BLS key: pass --new-bls-key/m);
  assert.equal(await isOperator(f.accounts.slasher.address), false);

  // operator 0 with a fresh key: the AVS knows another one.
  const mismatch = await f.run(
    [...base, "--account", "operator0", "--bls-keystore", "operator0-new.json", "--new-bls-key"],
    password,
  );
  assert.equal(mismatch.code, 1);
  assert.match(
    mismatch.err,
    new RegExp(`is registered with BLS key ${operatorPubkeyHash(0)}, the keystore holds 0x`),
  );
  assert.match(
    mismatch.err,
    new RegExp(`^FIX: pass --bls-keystore the keystore of ${operatorPubkeyHash(0)}`, "m"),
  );

  const wrong = await f.run(
    [...base, "--account", "operator0", "--bls-keystore", operator0Keystore],
    password,
  );
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /^error: wrong password for the keystore of public key 0x/m);
  assert.match(wrong.err, /^FIX: set PALISADE_BLS_PASSWORD, or --bls-password-file/m);

  const missing = await f.run([...base, "--account", "operator0", "--bls-keystore", operator0Keystore]);
  assert.equal(missing.code, 2);
  assert.match(
    missing.err,
    /^error: the BLS keystore needs a password: set PALISADE_BLS_PASSWORD or pass --bls-password-file$/m,
  );

  // The password file works as the node's does (one trailing newline dropped); operator 0 is known: no-op.
  writeFileSync(join(f.dir, "password.txt"), `${testKeystorePassword}\n`);
  const fromFile = await f.run([
    ...base,
    "--account",
    "operator0",
    "--bls-keystore",
    operator0Keystore,
    "--bls-password-file",
    "password.txt",
  ]);
  assert.equal(fromFile.code, 0, fromFile.err);
  assert.match(
    fromFile.out,
    /node URL {13}http:\/\/127\.0\.0\.1:9010 \(registered earlier; --node-url http:\/\/127\.0\.0\.1:9021 was not applied/,
  );
  assert.equal(await block(), start, "no refusal sent anything");
});

test("allocate: raises and a cut pending with their effect blocks, in force after the delays; the registry records the stake", async () => {
  const operator3 = f.operators[3]?.address as Address;
  const { contracts, strategies, delays } = f.deployment;
  const argv = [
    "operator",
    "allocate",
    "--account",
    "operator3",
    "--share",
    "0.6",
    "--strategy",
    "stETH=40%",
    "--json",
  ];
  const run = await f.run(argv);
  assert.equal(run.code, 0, run.err);
  const data = run.json<{
    block: string;
    transaction: string;
    allocations: {
      symbol: string;
      currentShare: string;
      targetShare: string;
      effectBlock: number;
      blocksLeft: number;
      changed: boolean;
    }[];
  }>();
  const mined = Number(data.block);
  assert.match(data.transaction, /^0x[0-9a-f]{64}$/);
  const bySymbol = Object.fromEntries(data.allocations.map((row) => [row.symbol, row]));
  // stETH falls 50 % → 40 % after the deallocation delay; the others rise to 60 % after the allocation delay.
  assert.deepEqual(bySymbol.stETH, {
    symbol: "stETH",
    strategy: strategies.stETH?.strategy,
    currentShare: parseEther("0.5").toString(),
    targetShare: parseEther("0.4").toString(),
    effectBlock: mined + delays.deallocationBlocks,
    blocksLeft: delays.deallocationBlocks,
    changed: true,
  });
  assert.equal(bySymbol.rETH?.targetShare, parseEther("0.6").toString());
  assert.equal(bySymbol.rETH?.effectBlock, mined + delays.allocationBlocks);
  assert.match(
    run.err,
    /setting 3 allocations to operator set 0 in one transaction\ncalling modifyAllocations on the AllocationManager…/,
  );
  const rETH = strategies.rETH?.strategy as Address;
  const pending = await getAllocation(f.clients.public, {
    contracts,
    operator: operator3,
    operatorSet: palisadeSet(),
    strategy: rETH,
  });
  assert.equal(pending.currentMagnitude, parseEther("0.5"));
  assert.equal(pending.pendingDiff, parseEther("0.1"));

  // The same targets again: already pending, nothing sent.
  const again = await f.run(argv.filter((arg) => arg !== "--json"));
  assert.equal(again.code, 0, again.err);
  assert.match(
    again.out,
    /^nothing to change: every allocation of 0x\w{40} to operator set 0 is at its target or pending/,
  );
  assert.match(again.out, /^stETH +50% +40% +block \d+ \(\d+ blocks\)$/m);

  // Another target while a change is pending: refused with the blocks to wait.
  const conflict = await f.run(["operator", "allocate", "--account", "operator3", "--strategy", "rETH=0.7"]);
  assert.equal(conflict.code, 1);
  assert.match(
    conflict.err,
    /^error: the allocation to rETH has a pending change until block (\d+) \((\d+) blocks from now\)$/m,
  );
  assert.match(conflict.err, /^FIX: wait \d+ blocks \(until block \d+\), then rerun/m);

  await f.mine(delays.deallocationBlocks + 1);
  const landed = await getAllocation(f.clients.public, {
    contracts,
    operator: operator3,
    operatorSet: palisadeSet(),
    strategy: rETH,
  });
  assert.equal(landed.currentMagnitude, parseEther("0.6"));
  assert.equal(landed.pendingDiff, 0n);

  // The registry still counts the old stake until someone records it.
  const stakeOf = () =>
    readContract(f.clients.public, { ...registry(), functionName: "stakeOf", args: [operator3] });
  const before = await stakeOf();
  const status = await f.run(["operator", "status", "--account", "operator3"]);
  assert.match(
    status.out,
    /registry stake +60\.0 \(value units; allocated value now 64\.0: stale, `npx palisade operator update-stake` records it\)/,
  );
  const update = await f.run(["operator", "update-stake", "--account", "operator3", "--json"]);
  assert.equal(update.code, 0, update.err);
  const recorded = await stakeOf();
  // 40 stETH × 40 % + 40 rETH × 60 % + 40 cbETH × 60 % = 64 value units.
  assert.equal(recorded, parseEther("64"));
  assert.notEqual(recorded, before);
  assert.deepEqual(update.json<{ previous: string; current: string }>().previous, before.toString());
});

test("allocate refuses: not an operator, not in the set, an unknown strategy, more than the free stake", async () => {
  const start = await block();
  const staker = await f.run(["operator", "allocate", "--account", "staker0", "--share", "0.5"]);
  assert.equal(staker.code, 1);
  assert.match(staker.err, new RegExp(`^error: ${f.accounts.stakers[0].address} is not an operator$`, "m"));
  assert.match(
    staker.err,
    /^FIX: register 0x\w{40} as an operator and with Palisade's operator set: `npx palisade operator register --bls-keystore <file> \[--new-bls-key\] --node-url <url>`$/m,
  );

  // A core operator that never joined Palisade's set.
  await registerAsOperator(f.clients.wallet(f.accounts.avs), { contracts: f.deployment.contracts });
  const outsider = await f.run(["operator", "allocate", "--account", "avs", "--share", "0.5"]);
  assert.equal(outsider.code, 1);
  assert.match(outsider.err, /^error: 0x\w{40} is not registered for Palisade's operator set 0$/m);
  assert.match(outsider.err, /^FIX: register with Palisade's operator set \(your BLS key and node URL\)/m);

  const unknown = await f.run(["operator", "allocate", "--account", "operator0", "--strategy", "wstETH=0.5"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /^FIX: use one of the deployment's symbols: stETH, rETH, cbETH$/m);

  // Operator 0 gives 50 % to the seeded set and 50 % to Palisade's: nothing is free.
  const full = await f.run(["operator", "allocate", "--account", "operator0", "--share", "0.9"]);
  assert.equal(full.code, 1);
  assert.match(full.err, /^error: raising the allocation to stETH needs 40% more of the stake; 0% is free$/m);
  assert.match(full.err, /^FIX: at most 50% of the stake can go to stETH now/m);
  assert.equal(await block(), start + 1n, "only the outsider's own registration was sent");
});

test("status: stake per strategy, allocations, registration, BLS key hash, node URL and the slashes suffered", async () => {
  const operator0 = f.operators[0]?.address as Address;
  const { contracts, strategies } = f.deployment;
  const stETH = strategies.stETH?.strategy as Address;
  // The seeded set's slasher takes 10 % of operator 0's allocation there.
  await slashOperator(f.clients.wallet(f.accounts.slasher), {
    contracts,
    avs: f.accounts.avs.address,
    operator: operator0,
    operatorSetId: 0,
    strategies: [stETH],
    wadsToSlash: [parseEther("0.1")],
    description: "cli test: equivocation",
  });
  const run = await f.run(["operator", "status", "--operator", "operator0", "--json"]);
  assert.equal(run.code, 0, run.err);
  const data = run.json<{
    stake: { symbol: string; delegated: string; allocatedShare: string; pending: unknown }[];
    registration: Record<string, unknown>;
    slashes: { slashId: string; description: string; strategies: { symbol: string; wadSlashed: string }[] }[];
  }>();
  // 10 stETH delegated; 10 % of its 50 % allocation to the seeded set slashed: 9.5 left.
  assert.equal(data.stake[0]?.symbol, "stETH");
  assert.equal(data.stake[0]?.delegated, parseEther("9.5").toString());
  assert.equal(data.stake[1]?.delegated, parseEther("10").toString());
  assert.equal(data.registration.member, true);
  assert.equal(data.registration.pubkeyHash, operatorPubkeyHash(0));
  assert.equal(data.registration.nodeUrl, "http://127.0.0.1:9010");
  assert.equal(data.slashes.length, 1);
  assert.equal(data.slashes[0]?.description, "cli test: equivocation");
  assert.deepEqual(
    data.slashes[0]?.strategies.map((entry) => entry.symbol),
    ["stETH"],
  );
  assert.equal(data.slashes[0]?.strategies[0]?.wadSlashed, (parseEther("0.5") / 10n).toString());

  const text = await f.run(["operator", "status", "--operator", operator0]);
  // Palisade's allocation keeps its absolute size (unique stake): 5 stETH, now 52.63 % of what is left.
  assert.match(text.out, /^stETH +9\.5 stETH +0 stETH +5 stETH +52\.63% +none$/m);
  assert.match(text.out, new RegExp(`BLS pubkeyHash {2}${operatorPubkeyHash(0)}`));
  assert.match(
    text.out,
    /^Slashes \(1\)\n {2}#1 block \d+ set 0x\w{40}\/0: stETH 5% \(cli test: equivocation\)$/m,
  );

  const none = await f.run(["operator", "status"]);
  assert.equal(none.code, 2);
  assert.match(none.err, /give --operator <address>, or a signer/);
  const stranger = await f.run(["operator", "status", "--operator", "consumer0"]);
  assert.equal(stranger.code, 1);
  assert.match(stranger.err, /^error: 0x\w{40} is not an operator$/m);
});
