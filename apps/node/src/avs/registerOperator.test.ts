import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { allocationManagerAbi, delegationManagerAbi } from "@palisade/abis";
import {
  decodeG1,
  decodeG2,
  g1FromStruct,
  g2FromStruct,
  secretKeyFromIkm,
  verifyProofOfPossession,
} from "@palisade/crypto";
import {
  AvsNotDeployedError,
  getAllocation,
  modifyAllocations,
  registerForOperatorSets,
} from "@palisade/sdk";
import { type AvsFixture, avsFixture, type Fixture, fixture, mine } from "@palisade/testkit";
import { pino } from "pino";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import { InsufficientAllocatableMagnitudeError } from "../errors.ts";
import { avsAddressesOf, buildRegistrationPayload, isRegisteredWithAvs } from "./avsContracts.ts";
import { fractionToMagnitude, registerOperator } from "./registerOperator.ts";

const secretKey = secretKeyFromIkm(new Uint8Array(32).fill(3));
const logger = pino({ level: "silent" });
let f: Fixture;
let withAvs: AvsFixture;
before(async () => {
  [f, withAvs] = await Promise.all([fixture({ seed: false }), avsFixture()]);
});
after(async () => {
  await Promise.all([f?.stop(), withAvs?.stop()]);
});

test("without the AVS, registerOperator makes a fresh account a core operator once, then stops (AvsNotDeployedError)", async () => {
  const account = privateKeyToAccount(generatePrivateKey());
  await f.clients.test.setBalance({ address: account.address, value: parseEther("10") });
  const wallet = f.clients.wallet(account);
  const isOperator = () =>
    readContract(f.clients.public, {
      address: f.deployment.contracts.delegationManager,
      abi: delegationManagerAbi,
      functionName: "isOperator",
      args: [account.address],
    });
  assert.equal(await isOperator(), false);
  const parameters = { deployment: f.deployment, secretKey, nodeUrl: "http://127.0.0.1:9010", logger };
  await assert.rejects(registerOperator(wallet, parameters), AvsNotDeployedError);
  assert.equal(await isOperator(), true);

  // A second run does not register again (no transaction sent), and stops at the same step.
  const nonce = await f.clients.public.getTransactionCount({ address: account.address });
  await assert.rejects(registerOperator(wallet, parameters), AvsNotDeployedError);
  assert.equal(await f.clients.public.getTransactionCount({ address: account.address }), nonce);
});

test("the registration payload carries the key and a proof of possession bound to chain, registry and operator", () => {
  const operator = f.accounts.operators[0].address;
  const registry = "0x000000000000000000000000000000000000beef";
  const payload = buildRegistrationPayload({
    secretKey,
    chainId: 31_337,
    registry,
    operator,
    nodeUrl: "http://n",
  });
  const publicKey = decodeG1(g1FromStruct(payload.pubkey));
  const pop = decodeG2(g2FromStruct(payload.proofOfPossession));
  assert.ok(verifyProofOfPossession(publicKey, pop, { chainId: 31_337, registry, operator }));
  assert.ok(!verifyProofOfPossession(publicKey, pop, { chainId: 1, registry, operator }), "other chain");
  assert.ok(
    !verifyProofOfPossession(publicKey, pop, {
      chainId: 31_337,
      registry,
      operator: f.accounts.operators[1].address,
    }),
  );
});

test("with the AVS, registerOperator registers the key with its PoP once; a second run sends nothing", async () => {
  const account = privateKeyToAccount(generatePrivateKey());
  await withAvs.clients.test.setBalance({ address: account.address, value: parseEther("10") });
  const wallet = withAvs.clients.wallet(account);
  const avs = avsAddressesOf(withAvs.deployment);
  const registered = () =>
    isRegisteredWithAvs(withAvs.clients.public, { registry: avs.registry, operator: account.address });
  assert.equal(await registered(), false);

  const parameters = { deployment: withAvs.deployment, secretKey, nodeUrl: "http://127.0.0.1:9099", logger };
  const first = await registerOperator(wallet, parameters);
  assert.ok(first.coreRegistration, "core registration sent");
  assert.equal(first.avsRegistration?.receipt.status, "success");
  assert.equal(await registered(), true);

  const nonce = await withAvs.clients.public.getTransactionCount({ address: account.address });
  const second = await registerOperator(wallet, parameters);
  assert.equal(second.coreRegistration, undefined);
  assert.equal(second.avsRegistration, undefined);
  assert.equal(await withAvs.clients.public.getTransactionCount({ address: account.address }), nonce);
});

test("fractionToMagnitude converts a share of the stake to a WAD magnitude and rejects 0 and > 1", () => {
  assert.equal(fractionToMagnitude(0.5), parseEther("0.5"));
  assert.equal(fractionToMagnitude(0.1), parseEther("0.1"));
  assert.equal(fractionToMagnitude(1), parseEther("1"));
  assert.equal(fractionToMagnitude(1e-7), 100_000_000_000n);
  assert.throws(() => fractionToMagnitude(0));
  assert.throws(() => fractionToMagnitude(1.5));
  assert.throws(() => fractionToMagnitude(Number.NaN));
});

/** A funded account with a BLS key of its own (the registry refuses a key already registered). */
let keys = 10;
async function freshOperator() {
  const account = privateKeyToAccount(generatePrivateKey());
  await withAvs.clients.test.setBalance({ address: account.address, value: parseEther("10") });
  const secretKey = secretKeyFromIkm(new Uint8Array(32).fill(keys++));
  return { account, wallet: withAvs.clients.wallet(account), secretKey };
}

test("with allocate: 0.5, registerOperator allocates half the stake per strategy of the set; a second run sends nothing", async () => {
  const { account, wallet, secretKey } = await freshOperator();
  const { deployment } = withAvs;
  const operatorSet = { avs: deployment.avs.serviceManager, id: deployment.avs.operatorSetId };
  const strategies = await readContract(withAvs.clients.public, {
    address: deployment.contracts.allocationManager,
    abi: allocationManagerAbi,
    functionName: "getStrategiesInOperatorSet",
    args: [operatorSet],
  });
  assert.ok(strategies.length > 0, "the set has strategies");
  const allocations = () =>
    Promise.all(
      strategies.map((strategy) =>
        getAllocation(withAvs.clients.public, {
          contracts: deployment.contracts,
          operator: account.address,
          operatorSet,
          strategy,
        }),
      ),
    );

  const parameters = { deployment, secretKey, nodeUrl: "http://127.0.0.1:9098", allocate: 0.5, logger };
  const first = await registerOperator(wallet, parameters);
  assert.equal(first.avsRegistration?.receipt.status, "success");
  assert.equal(first.allocation?.transaction?.receipt.status, "success");
  assert.deepEqual(first.allocation?.strategies, [...strategies]);
  for (const allocation of await allocations())
    assert.equal(
      allocation.currentMagnitude + allocation.pendingDiff,
      parseEther("0.5"),
      "pending or in force",
    );

  // While pending, and once in force, a second run sends nothing.
  const nonce = await withAvs.clients.public.getTransactionCount({ address: account.address });
  const pending = await registerOperator(wallet, parameters);
  assert.equal(pending.allocation?.transaction, undefined);
  await mine(withAvs.clients, deployment.delays.allocationBlocks + 1);
  for (const allocation of await allocations()) {
    assert.equal(allocation.currentMagnitude, parseEther("0.5"), "in force");
    assert.equal(allocation.pendingDiff, 0n);
  }
  const second = await registerOperator(wallet, parameters);
  assert.equal(second.coreRegistration, undefined);
  assert.equal(second.avsRegistration, undefined);
  assert.equal(second.allocation?.transaction, undefined);
  assert.deepEqual(second.allocation?.strategies, []);
  assert.equal(await withAvs.clients.public.getTransactionCount({ address: account.address }), nonce);
});

test("allocating more than the free magnitude fails with InsufficientAllocatableMagnitudeError, saying how much is free", async () => {
  const { account, wallet, secretKey } = await freshOperator();
  const { deployment } = withAvs;
  // Register first, then tie up 70% of the stake in another operator set (the seeded one).
  await registerOperator(wallet, { deployment, secretKey, nodeUrl: "http://127.0.0.1:9097", logger });
  const other = deployment.operatorSet;
  assert.ok(other, "the fixture has a second operator set");
  const strategies = Object.values(deployment.strategies).map((entry) => entry.strategy);
  await registerForOperatorSets(wallet, {
    contracts: deployment.contracts,
    avs: other.avs,
    operatorSetIds: [other.id],
  });
  await modifyAllocations(wallet, {
    contracts: deployment.contracts,
    allocations: [{ operatorSet: other, strategies, newMagnitudes: strategies.map(() => parseEther("0.7")) }],
  });

  const nonce = await withAvs.clients.public.getTransactionCount({ address: account.address });
  await assert.rejects(
    registerOperator(wallet, {
      deployment,
      secretKey,
      nodeUrl: "http://127.0.0.1:9097",
      allocate: 0.5,
      logger,
    }),
    (error: unknown) => {
      assert.ok(error instanceof InsufficientAllocatableMagnitudeError);
      assert.equal(error.requested, parseEther("0.5"));
      assert.equal(error.allocatable, parseEther("0.3"));
      assert.match(error.message, /only 300000000000000000 is free \(0\.3 of the stake\)/);
      return true;
    },
  );
  assert.equal(
    await withAvs.clients.public.getTransactionCount({ address: account.address }),
    nonce,
    "nothing sent",
  );
});
