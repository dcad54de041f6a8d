import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { delegationManagerAbi } from "@palisade/abis";
import {
  decodeG1,
  decodeG2,
  g1FromStruct,
  g2FromStruct,
  secretKeyFromIkm,
  verifyProofOfPossession,
} from "@palisade/crypto";
import { AvsNotDeployedError } from "@palisade/sdk";
import { type AvsFixture, avsFixture, type Fixture, fixture } from "@palisade/testkit";
import { pino } from "pino";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import { avsAddressesOf, buildRegistrationPayload, isRegisteredWithAvs } from "./avsContracts.ts";
import { registerOperator } from "./registerOperator.ts";

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
