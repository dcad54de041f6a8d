import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { avsOf, type DeploymentInput, loadDeployment, strategyOf, writeDeployment } from "./deployment.ts";
import { AvsNotDeployedError, DeploymentFileError, UnknownStrategyError } from "./errors/deploymentFile.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-deployment-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const sample: DeploymentInput = {
  version: 1,
  chainId: 31_337,
  rpcUrl: "http://127.0.0.1:8545",
  deployer: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
  deployedAtBlock: 1,
  contracts: {
    strategyManager: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    delegationManager: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    allocationManager: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
    rewardsCoordinator: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
  },
  strategies: {
    stETH: {
      token: "0xdc64a140aa3e981100a9beca4e685f962f0cf6c9",
      strategy: "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be",
    },
  },
  delays: { withdrawalBlocks: 5, allocationBlocks: 2, deallocationBlocks: 5 },
  operatorSet: { avs: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", id: 0 },
};

const rejectsWith = async (path: string, pattern: RegExp) =>
  assert.rejects(loadDeployment(path), (error: unknown) => {
    assert.ok(error instanceof DeploymentFileError, String(error));
    assert.equal(error.path, path);
    assert.match(error.message, pattern);
    return true;
  });

test("write then load round-trips, with addresses checksummed", async () => {
  const path = join(dir, "nested/deployment.json");
  const written = await writeDeployment(path, sample);
  const loaded = await loadDeployment(path);
  assert.deepEqual(loaded, written);
  assert.equal(loaded.deployer, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  assert.equal(strategyOf(loaded, "stETH").token, "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9");
  assert.equal(JSON.parse(readFileSync(path, "utf8")).chainId, 31_337);
});

test("a missing file says so and how to get one", async () => {
  await rejectsWith(join(dir, "absent.json"), /not found .*npm start/);
});

test("a file that is not JSON is reported as such", async () => {
  const path = join(dir, "broken.json");
  writeFileSync(path, "{ not json");
  await rejectsWith(path, /is not valid JSON/);
});

test("schema violations name the offending fields", async () => {
  const path = join(dir, "invalid.json");
  const bad = {
    ...sample,
    chainId: -1,
    contracts: { ...sample.contracts, delegationManager: "0x1234" },
  };
  writeFileSync(path, JSON.stringify(bad));
  await assert.rejects(loadDeployment(path), (error: unknown) => {
    assert.ok(error instanceof DeploymentFileError);
    assert.match(error.shortMessage, /does not match the deployment schema/);
    assert.match(error.details ?? "", /chainId/);
    assert.match(error.details ?? "", /contracts\.delegationManager/);
    return true;
  });
});

test("writeDeployment refuses an invalid deployment and writes nothing", async () => {
  const path = join(dir, "refused.json");
  await assert.rejects(writeDeployment(path, { ...sample, rpcUrl: "not a url" }), DeploymentFileError);
  await rejectsWith(path, /not found/);
});

test("strategyOf names the known symbols when one is missing", async () => {
  const loaded = await loadDeployment(
    await writeDeployment(join(dir, "d.json"), sample).then(() => join(dir, "d.json")),
  );
  assert.throws(
    () => strategyOf(loaded, "wstETH"),
    (error: unknown) => error instanceof UnknownStrategyError && /known: stETH/.test(error.message),
  );
});

const avs = {
  serviceManager: "0x0165878a594ca255338adfa4d48449f69242eb8f",
  operatorRegistry: "0xa513e6e4b8f2a923d98304ec87f64353c4d5c853",
  quorumVerifier: "0xa513e6e4b8f2a923d98304ec87f64353c4d5c853",
  slashingCoordinator: "0x0165878a594ca255338adfa4d48449f69242eb8f",
  operatorSetId: 0,
  deployedAtBlock: 40,
} as const;

test("a file with an avs section round-trips it with checksummed addresses", async () => {
  const path = join(dir, "with-avs.json");
  await writeDeployment(path, { ...sample, avs });
  const loaded = await loadDeployment(path);
  assert.deepEqual(avsOf(loaded), {
    ...avs,
    serviceManager: "0x0165878A594ca255338adfa4d48449f69242Eb8F",
    operatorRegistry: "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853",
    quorumVerifier: "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853",
    slashingCoordinator: "0x0165878A594ca255338adfa4d48449f69242Eb8F",
  });
});

test("an older file without an avs section stays valid; avsOf says the AVS is not deployed", async () => {
  const path = join(dir, "core-only.json");
  writeFileSync(path, JSON.stringify(sample));
  const loaded = await loadDeployment(path);
  assert.equal(loaded.avs, undefined);
  assert.equal("avs" in loaded, false);
  assert.throws(() => avsOf(loaded), AvsNotDeployedError);
});

test("an avs section with a bad address or a missing field is refused, naming the field", async () => {
  const path = join(dir, "bad-avs.json");
  const { operatorSetId: _omitted, ...withoutSetId } = avs;
  writeFileSync(path, JSON.stringify({ ...sample, avs: { ...withoutSetId, operatorRegistry: "0x12" } }));
  await assert.rejects(loadDeployment(path), (error: unknown) => {
    assert.ok(error instanceof DeploymentFileError);
    assert.match(error.details ?? "", /avs\.operatorRegistry/);
    assert.match(error.details ?? "", /avs\.operatorSetId/);
    return true;
  });
});
