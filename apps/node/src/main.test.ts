import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { createKeystore, saveKeystore, secretKeyFromIkm } from "@palisade/crypto";
import { addressBasics } from "@palisade/engines";
import { writeDeployment } from "@palisade/sdk";
import { type Anvil, accounts, createClients, freePort, startAnvil } from "@palisade/testkit";
import { bytesToHex, parseEther } from "viem";
import { generatePrivateKey } from "viem/accounts";

const repoRoot = resolve(import.meta.dirname, "../../..");
const mainPath = join(import.meta.dirname, "main.ts");
const dummy = "0x00000000000000000000000000000000000000d1";

const operatorKey = generatePrivateKey();
const blsSecret = secretKeyFromIkm(new Uint8Array(32).fill(42));
const password = "correct horse battery staple";

let dir: string;
let anvilA: Anvil;
let anvilB: Anvil;
const children = new Set<ChildProcess>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "palisade-node-main-"));
  [anvilA, anvilB] = await Promise.all([startAnvil(), startAnvil()]);
  // Chain B tells a different story about staker 0 from block 1 on (a lying or forked RPC).
  await createClients(anvilB.rpcUrl).test.setBalance({
    address: accounts().stakers[0].address,
    value: parseEther("1"),
  });
  await Promise.all([anvilA, anvilB].map((anvil) => createClients(anvil.rpcUrl).test.mine({ blocks: 5 })));
  // `run` needs the chain id and RPC URL from the deployment file; the core addresses are not read.
  await writeDeployment(join(dir, "deployment.json"), {
    version: 1,
    chainId: 31_337,
    rpcUrl: anvilA.rpcUrl,
    deployer: dummy,
    deployedAtBlock: 0,
    contracts: {
      strategyManager: dummy,
      delegationManager: dummy,
      allocationManager: dummy,
      rewardsCoordinator: dummy,
    },
    strategies: {},
    delays: { withdrawalBlocks: 1, allocationBlocks: 1, deallocationBlocks: 1 },
  });
  await saveKeystore(
    join(dir, "bls.keystore.json"),
    // Few PBKDF2 rounds: the test is about the node, not the KDF.
    await createKeystore({ secretKey: blsSecret, password, kdf: { function: "pbkdf2", c: 16 } }),
  );
  writeFileSync(join(dir, "bls.password"), `${password}\n`, { mode: 0o600 });
});
after(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all([anvilA?.stop(), anvilB?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface MainProcess {
  url: string;
  output: () => string;
  /** SIGTERM and wait: resolves with the exit code. */
  stop(): Promise<number | null>;
}

async function startMain(extraArgs: string[]): Promise<MainProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      mainPath,
      "--deployment",
      join(dir, "deployment.json"),
      "--bls-keystore",
      join(dir, "bls.keystore.json"),
      "--bls-password-file",
      join(dir, "bls.password"),
      "--service-manager",
      dummy,
      "--data-dir",
      join(dir, "data"),
      "--port",
      String(port),
      "--log-level",
      "trace",
      ...extraArgs,
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, PALISADE_OPERATOR_KEY: operatorKey },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(child);
  let output = "";
  const exited = new Promise<number | null>((resolveExit) =>
    child.once("exit", (code) => {
      children.delete(child);
      resolveExit(code);
    }),
  );
  const ready = new Promise<void>((resolveReady, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"node listening"')) resolveReady();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    exited.then((code) => reject(new Error(`node exited (${code}) before listening:\n${output}`)));
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

const taskFor = (address: string, referenceBlock: number) => {
  const request = { address, referenceBlock };
  return {
    engine: addressBasics.id,
    requestHash: addressBasics.parseRequest(request).requestHash,
    referenceBlock,
    request,
  };
};
const post = (url: string, body: unknown) =>
  fetch(`${url}/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

test("the node process serves, signs, stops cleanly on SIGTERM, and never logs its keys", async () => {
  const node = await startMain([]);
  const response = await post(node.url, taskFor(accounts().stakers[0].address, 3));
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal((await post(node.url, { nonsense: true })).status, 400);
  assert.equal((await fetch(`${node.url}/eigen/node/health`)).status, 200);
  assert.equal(await node.stop(), 0);
  const output = node.output();
  assert.match(output, /"msg":"stopped"/);
  assert.match(output, /"operatorKeyConfigured":true/);

  const haystack = output.toLowerCase();
  const secrets = {
    "operator key": operatorKey.slice(2).toLowerCase(),
    "BLS secret key": bytesToHex(blsSecret.toBytes()).slice(2),
    "keystore password": password.toLowerCase(),
  };
  for (const [name, secret] of Object.entries(secrets))
    assert.ok(!haystack.includes(secret), `the ${name} appears in the node's output`);
  // Every line is structured JSON (pino), so a log pipeline can parse it.
  for (const line of output.trim().split("\n")) JSON.parse(line);
});

test("a restarted node (new process, same data dir) refuses to sign a conflicting response", async () => {
  const staker = accounts().stakers[0].address;
  const first = await startMain([]);
  const signed = await post(first.url, taskFor(staker, 4));
  assert.equal(signed.status, 200);
  assert.equal(await first.stop(), 0);

  // Same data dir, but the RPC now says something else about the same block.
  const second = await startMain(["--rpc-url", anvilB.rpcUrl]);
  try {
    const conflicting = await post(second.url, taskFor(staker, 4));
    assert.equal(conflicting.status, 409);
    assert.equal(
      ((await conflicting.json()) as { error: { code: string } }).error.code,
      "ConflictingSignatureError",
    );
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    assert.match(metrics, /^palisade_node_tasks_refused_total\{reason="conflict"\} 1$/m);
    assert.doesNotMatch(metrics, /^palisade_node_tasks_signed_total\{/m, "nothing signed by this process");
    // It still signs what does not conflict.
    assert.equal((await post(second.url, taskFor(accounts().stakers[1].address, 4))).status, 200);
  } finally {
    assert.equal(await second.stop(), 0);
  }
});

test("bad configuration exits with code 2 and says what is missing", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", mainPath, "--port", "nope"], {
    cwd: repoRoot,
    env: { ...process.env, PALISADE_OPERATOR_KEY: operatorKey },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolveExit) => child.once("exit", resolveExit));
  assert.equal(code, 2);
  assert.match(stderr, /deployment/);
  assert.match(stderr, /port/);
  assert.ok(!stderr.toLowerCase().includes(operatorKey.slice(2).toLowerCase()));
});
