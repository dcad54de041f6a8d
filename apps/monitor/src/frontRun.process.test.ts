/**
 * The front-run protection demo (issue 6, decision 0008), as real processes: the vulnerable demo vault
 * opted in to a ThreatResponse; the exploit is sent to anvil's mempool (a block every 2 s, ordered by
 * priority fee); the monitor sees it pending, the operators certify the alert (an urgent task, its
 * submitBatch at the aggregator's urgent fee) and the monitor's response (a lower fee, still above the
 * exploit's) pauses the vault in the exploit's own block, before it: the exploit reverts and no WETH
 * leaves the vault.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { threatResponseAbi } from "@palisade/abis";
import { accounts } from "@palisade/testkit";
import { type Hex, parseAbi, parseEther } from "viem";
import type { Alert } from "./alert.ts";
import type { AttestationRecord } from "./attested/attestationRecord.ts";
import { attackCalldata } from "./demo/attackDemo.ts";
import { type AttestedNetwork, nextBlock, startAttestedNetwork } from "./testing/attestedNetwork.ts";

const erc20 = parseAbi(["function balanceOf(address owner) view returns (uint256)"]);
const wethOfVault = () =>
  net.f.clients.public.readContract({
    address: net.demo.weth,
    abi: erc20,
    functionName: "balanceOf",
    args: [net.demo.vault],
  });

let net: AttestedNetwork;
let exploitTx: Hex;

before(async () => {
  net = await startAttestedNetwork({ blockSeconds: 2, respond: true });
});

after(async () => {
  await net?.stop();
});

test("the exploit seen pending is front-run: the vault is paused in the exploit's block, before it, and the exploit reverts", async () => {
  await net.withDiagnostics(async () => {
    const { f, demo } = net;
    const threatResponse = net.threatResponse as Hex;
    const before = await wethOfVault();
    assert.equal(before, parseEther("100"));

    // Right after a block, so the exploit waits a whole interval in the mempool, at the default fee.
    await nextBlock(f);
    exploitTx = await f.clients.wallet(accounts().attacker).sendTransaction({
      to: demo.exploit,
      data: attackCalldata(),
      gas: 1_000_000n,
    });
    net.mark(`exploit sent (${exploitTx.slice(0, 10)}…)`);
    const alert = await net.until<Alert>("the pending alert", () =>
      net
        .logLines()
        .alerts.find((a) => a.tx === exploitTx && a.type === "flash-loan-exploit" && a.source === "mempool"),
    );
    const record = await net.until<AttestationRecord>(
      "the attestation record with the threat response",
      () => net.logLines().records.find((r) => r.alertId === alert.id && r.threatResponse !== undefined),
      60_000,
    );
    const response = record.threatResponse;
    assert.ok(response);
    net.mark(`response ${response.tx.slice(0, 10)}… in block ${response.block}`);

    const exploit = await f.clients.public.getTransactionReceipt({ hash: exploitTx });
    const pause = await f.clients.public.getTransactionReceipt({ hash: response.tx as Hex });
    const certificate = await f.clients.public.getTransactionReceipt({ hash: record.submitTx as Hex });
    assert.equal(pause.status, "success");
    assert.equal(response.actions & 1, 1, "AlertHandled: the protocol was paused");
    assert.equal(exploit.status, "reverted", "the exploit failed");
    assert.equal(pause.blockNumber, exploit.blockNumber, "the pause landed in the exploit's block");
    assert.equal(certificate.blockNumber, exploit.blockNumber, "and so did its certificate");
    assert.ok(
      certificate.transactionIndex < pause.transactionIndex &&
        pause.transactionIndex < exploit.transactionIndex,
      `order in the block: certificate ${certificate.transactionIndex}, pause ${pause.transactionIndex}, exploit ${exploit.transactionIndex}`,
    );
    assert.equal(await wethOfVault(), before, "no WETH left the vault");
    assert.equal(
      await f.clients.public.readContract({
        address: threatResponse,
        abi: threatResponseAbi,
        functionName: "isPaused",
        args: [demo.vault],
      }),
      true,
    );
    process.stdout.write(
      `# front-run: alert ${record.latencyMs} ms → certificate, ${response.latencyMs} ms → pause receipt; ` +
        `exploit, certificate and pause all in block ${exploit.blockNumber}\n`,
    );
  });
});

test("the reverted exploit raises no mined alert, and each pending alert was responded to once, successfully", async () => {
  await net.withDiagnostics(async () => {
    assert.ok(exploitTx, "needs the previous test's exploit");
    const { f } = net;
    const exploit = await f.clients.public.getTransactionReceipt({ hash: exploitTx });
    // Two blocks later the monitor has analysed the exploit's block (it follows heads every 20 ms).
    await net.until("two more blocks", async () =>
      (await f.clients.public.getBlockNumber({ cacheTime: 0 })) >= exploit.blockNumber + 2n
        ? true
        : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { alerts, records } = net.logLines();
    assert.deepEqual(
      alerts.filter((a) => a.tx === exploitTx && a.source === "block"),
      [],
      "nothing happened on-chain: no mined alert",
    );
    // The exploit's other detections (the outflow it attempted, the price it moved) are alerts of their own.
    const responded = records.filter((r) => r.threatResponse !== undefined);
    assert.ok(responded.length >= 1);
    assert.equal(
      new Set(responded.map((r) => r.alertId)).size,
      responded.length,
      "one response per alert id",
    );
    for (const record of responded) {
      assert.equal(record.threatResponse?.status, "success");
      const handled = await f.clients.public.readContract({
        address: net.threatResponse as Hex,
        abi: threatResponseAbi,
        functionName: "alertHandled",
        args: [record.alertId as Hex],
      });
      assert.equal(handled, true);
    }
  });
});
