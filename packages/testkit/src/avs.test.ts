import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { operatorRegistryAbi } from "@palisade/abis";
import { decryptKeystore, loadKeystore } from "@palisade/crypto";
import { getOperatorSetMembers } from "@palisade/sdk";
import { parseEther } from "viem";
import { readContract } from "viem/actions";
import { avsMagnitude, avsSelfStake } from "./avs.ts";
import {
  operatorBlsKey,
  operatorPubkeyHash,
  testKeystorePassword,
  writeOperatorKeystores,
} from "./blsKeys.ts";
import { type AvsFixture, avsFixture } from "./fixture.ts";
import { seedDeposit } from "./seed.ts";

let f: AvsFixture;
const nodeUrls = [0, 1, 2, 3].map((i) => `http://127.0.0.1:${19_000 + i}`);
before(async () => {
  f = await avsFixture({ nodeUrls });
});
after(() => f?.stop());

test("avsFixture registers four operators with their BLS keys, node URLs and landed stakes", async () => {
  const { avs } = f.deployment;
  const registry = { address: avs.operatorRegistry, abi: operatorRegistryAbi } as const;
  const read = f.clients.public;
  assert.equal(f.operators.length, 4);
  const members = await getOperatorSetMembers(read, {
    contracts: f.deployment.contracts,
    operatorSet: { avs: avs.serviceManager, id: avs.operatorSetId },
  });
  assert.deepEqual([...members].sort(), f.accounts.avsOperators.map((account) => account.address).sort());
  const lsts = BigInt(Object.keys(f.deployment.strategies).length);
  let total = 0n;
  for (const [i, operator] of f.operators.entries()) {
    assert.equal(operator.address, f.accounts.avsOperators[i]?.address);
    assert.equal(operator.pubkeyHash, operatorPubkeyHash(i));
    assert.equal(
      await readContract(read, { ...registry, functionName: "isRegistered", args: [operator.address] }),
      true,
    );
    assert.equal(
      await readContract(read, { ...registry, functionName: "pubkeyHashOf", args: [operator.address] }),
      operator.pubkeyHash,
    );
    assert.equal(
      await readContract(read, { ...registry, functionName: "nodeUrlOf", args: [operator.address] }),
      nodeUrls[i],
    );
    // Seeded operators hold their staker's deposit; the fourth its own. Half is allocated to Palisade.
    const perLst = i < 3 ? seedDeposit(i) : avsSelfStake;
    const expected = (lsts * perLst * avsMagnitude) / parseEther("1");
    assert.equal(operator.stake, expected, `operator ${i}`);
    total += expected;
  }
  assert.equal(await readContract(read, { ...registry, functionName: "currentTotalStake" }), total);
});

test("operatorBlsKey is deterministic, and writeOperatorKeystores writes 0600 keystores that decrypt to it", async () => {
  assert.equal(operatorBlsKey(2).toHex(), operatorBlsKey(2).toHex());
  assert.notEqual(operatorBlsKey(0).toHex(), operatorBlsKey(1).toHex());
  const dir = await mkdtemp(join(tmpdir(), "palisade-keys-"));
  try {
    const files = await writeOperatorKeystores(dir, 2);
    assert.equal(files.keystores.length, 2);
    assert.equal((await readFile(files.passwordFile, "utf8")).trim(), testKeystorePassword);
    for (const [i, path] of files.keystores.entries()) {
      assert.equal(statSync(path).mode & 0o777, 0o600);
      const secretKey = await decryptKeystore(await loadKeystore(path), testKeystorePassword);
      assert.equal(secretKey.toHex(), operatorBlsKey(i).toHex());
    }
    assert.equal(statSync(files.passwordFile).mode & 0o777, 0o600);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
