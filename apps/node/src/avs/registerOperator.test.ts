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
import { type Fixture, fixture } from "@palisade/testkit";
import { pino } from "pino";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import { NotAvailableError } from "../errors.ts";
import { avsAddressesOf, buildRegistrationPayload, isRegisteredWithAvs } from "./avsContracts.ts";
import { registerOperator } from "./registerOperator.ts";

const secretKey = secretKeyFromIkm(new Uint8Array(32).fill(3));
const logger = pino({ level: "silent" });
let f: Fixture;
before(async () => {
  f = await fixture({ seed: false });
});
after(() => f?.stop());

test("registerOperator makes a fresh account a core operator once, then stops at the AVS step (NotAvailableError)", async () => {
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
  await assert.rejects(registerOperator(wallet, parameters), NotAvailableError);
  assert.equal(await isOperator(), true);

  // A second run does not register again (no transaction sent), and stops at the same step.
  const nonce = await f.clients.public.getTransactionCount({ address: account.address });
  await assert.rejects(registerOperator(wallet, parameters), NotAvailableError);
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

test("the calls that need the AVS contracts throw NotAvailableError naming what is missing", async () => {
  assert.throws(
    () => avsAddressesOf(f.deployment),
    (error: unknown) => error instanceof NotAvailableError && /deployment file/.test(error.shortMessage),
  );
  await assert.rejects(isRegisteredWithAvs(f.accounts.operators[0].address), NotAvailableError);
});
