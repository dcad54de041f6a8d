// Browser tests: Debian's chromium, driven by playwright-core, against the dashboard that `npm start`'s
// devnet runs (one devnet for the whole file, started here on a free port and a temporary state dir).
// PALISADE_SCREENSHOTS=1 also writes docs/screenshots/*.png (`npm run screenshots -w apps/dashboard`).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { marketplaceAbi, palisadeGovernorAbi, threatResponseAbi } from "@palisade/abis";
import {
  castVote,
  createProposal,
  type Deployment,
  governanceOf,
  loadDeployment,
  marketplaceOf,
  slashOperator,
} from "@palisade/sdk";
import { accounts, createClients, mine, repoRoot } from "@palisade/testkit";
import type { Browser, Page } from "playwright-core";
import { type Address, encodeFunctionData, type Hex } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { formatAmount, formatBps, formatDuration } from "./lib/format.ts";
import { launchChromium } from "./testing/browser.ts";
import { startTestDevnet, type TestDevnet } from "./testing/devnet.ts";

// "1": every page; or a comma-separated list of the screenshots to write (e.g. "governance,provider-console").
const screenshots = Boolean(process.env.PALISADE_SCREENSHOTS) && process.env.PALISADE_SCREENSHOTS !== "0";
const wanted = (name: string) =>
  process.env.PALISADE_SCREENSHOTS === "1" ||
  (process.env.PALISADE_SCREENSHOTS ?? "").split(",").includes(name);
const screenshotDir = join(repoRoot, "docs/screenshots");

let devnet: TestDevnet;
let browser: Browser;
let page: Page;
let deployment: Deployment;
/** Browser errors: a page that throws fails the test that saw it. */
const pageErrors: string[] = [];

before(async () => {
  // Both at once (the devnet takes a minute); whichever started is stopped if the other failed, or
  // the file's process would wait on it forever.
  const [started, launched] = await Promise.allSettled([startTestDevnet(), launchChromium()]);
  if (started.status === "rejected" || launched.status === "rejected") {
    if (launched.status === "fulfilled") await launched.value.close();
    if (started.status === "fulfilled") await started.value.stop();
    throw started.status === "rejected" ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  devnet = started.value;
  browser = launched.value;
  deployment = await loadDeployment(join(devnet.stateDir, "deployment.json"));
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("pageerror", (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await devnet?.stop();
});

/** `fullPage`: the whole page rather than the 1280×800 viewport (the governance page tells its story below the fold). */
async function shot(name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!wanted(name)) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: options.fullPage ?? false });
}

let purchaseId: bigint | undefined;
/** The demo attack's flash-loan alert (its id is the monitor-alert@1 verdict's alertId). */
let attackAlertId: string | undefined;

test("a consumer buys calls, calls the service and reviews it from the page", async () => {
  await page.goto(`${devnet.dashboardUrl}/#/marketplace`);
  await page.locator('[data-testid="service-2"]').waitFor();
  await page.selectOption('[data-testid="account-picker"]', "consumer1");
  await page.locator('[data-testid="service-2"] button', { hasText: "Buy calls" }).click();
  const panel = page.locator('[data-testid="buy-panel"]');
  await panel.locator('input[aria-label="calls"]').fill("20");
  await panel.locator('[data-testid="buy"]').click();
  const bought = panel.locator('[data-testid="bought"]');
  await bought.waitFor({ timeout: 60_000 });
  const id = /Purchase #(\d+)/.exec((await bought.textContent()) ?? "")?.[1];
  assert.ok(id, "the page names the purchase");
  purchaseId = BigInt(id);

  await panel.locator('[data-testid="call"]').click();
  const result = panel.locator('[data-testid="call-result"]');
  await result.waitFor({ timeout: 60_000 });
  const text = (await result.textContent()) ?? "";
  assert.match(text, /^Call 1: (safe|suspicious|malicious)/);
  assert.match(text, /address-risk@1 at block \d+/);
  assert.match(text, /19 calls left/);
  await shot("marketplace-try");
  // The gateway recorded the call: the page signed a real access token for call 1.
  const usage = (await (await fetch(`${devnet.dashboardUrl}/api/gateways/2/v1/usage/${id}`)).json()) as {
    callsRecorded: number;
  };
  assert.equal(usage.callsRecorded, 1);

  const row = page.locator(`[data-testid="purchase-${id}"]`);
  await row.locator("button", { hasText: "Review" }).click();
  const form = page.locator('[data-testid="review-form"]');
  await form.locator('select[aria-label="rating"]').selectOption("2");
  await form.locator('textarea[aria-label="review text"]').fill("slow answers at peak hours");
  await form.locator("button", { hasText: "Pay the fee and post" }).click();
  await form.locator(".tx.done").waitFor({ timeout: 60_000 });
  assert.deepEqual(pageErrors, []);
});

test("the restaking-risk page shows a slash within seconds of it happening on-chain", async (t) => {
  await page.goto(`${devnet.dashboardUrl}/#/risk`);
  await page.locator('[data-testid="sets"]').waitFor({ timeout: 30_000 });
  const operatorSet = deployment.operatorSet;
  const stETH = deployment.strategies.stETH;
  assert.ok(operatorSet && stETH, "the devnet seeds an operator set with stETH");
  const { slasher, operators } = accounts();
  const description = `browser test slash ${Date.now()}`;
  const clients = createClients(devnet.rpcUrl, { pollingIntervalMs: 100 });
  const slashed = await slashOperator(clients.wallet(slasher), {
    contracts: deployment.contracts,
    avs: operatorSet.avs,
    operator: operators[0].address,
    operatorSetId: operatorSet.id,
    strategies: [stETH.strategy],
    wadsToSlash: [10n ** 17n],
    description,
  });
  const mined = Date.now();
  const row = page.locator('[data-testid="slash-row"]', { hasText: description });
  await row.waitFor({ timeout: 30_000 });
  t.diagnostic(
    `slash ${slashed.slashId} in block ${slashed.receipt.blockNumber} shown ${Date.now() - mined} ms after its receipt`,
  );
  assert.match((await row.textContent()) ?? "", /stETH 5\.0 %/);
  // The set's figures refresh with the next block: U = 51 − 0.5 stETH slashed from operator 0's allocation.
  await page
    .locator('[data-testid="sets"] .stat-value', { hasText: /^50\.5$/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await shot("restaking-risk");
  assert.deepEqual(pageErrors, []);
});

test("the provider console's Claim button claims a purchase's served calls with the gateway's usage proof", async () => {
  assert.ok(purchaseId, "the purchase test ran first");
  await page.selectOption('[data-testid="account-picker"]', "provider1");
  await page.goto(`${devnet.dashboardUrl}/#/provider`);
  const row = page.locator(`[data-testid="console-purchase-${purchaseId}"]`);
  await row.waitFor({ timeout: 30_000 });
  // One call served (by the purchase test), none claimed yet.
  assert.equal((await row.locator('[data-testid="claimed"]').textContent())?.trim(), "0");
  const button = row.locator("button", { hasText: "Claim 1 calls" });
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  await page.locator('[data-testid="console-purchases"] .tx.done').waitFor({ timeout: 60_000 });
  // The chain's claimed count updates with the next block, and the button goes.
  await row.locator('[data-testid="claimed"]', { hasText: /^1$/ }).waitFor({ timeout: 30_000 });
  assert.equal(await row.locator("button", { hasText: "Claim" }).count(), 0);
  const proof = (await (
    await fetch(`${devnet.dashboardUrl}/api/gateways/2/v1/purchases/${purchaseId}/usage-proof`)
  ).json()) as { callsClaimed: number; claimable: string };
  assert.deepEqual([proof.callsClaimed, proof.claimable], [1, "0"]);
  assert.deepEqual(pageErrors, []);
});

test("an alert of the demo attack on the devnet appears live on the Governance & alerts page", async () => {
  await page.goto(`${devnet.dashboardUrl}/#/governance`);
  // Before any attack: the empty state says how to produce one.
  const empty = page.locator('[data-testid="alerts-empty"]');
  await empty.waitFor({ timeout: 30_000 });
  assert.match((await empty.textContent()) ?? "", /npm run attack -w apps\/devnet/);
  await page.locator('[data-testid="alerts-stream"]', { hasText: "live" }).waitFor({ timeout: 30_000 });
  const attack = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "apps/devnet/src/attack.ts"), "--state-dir", devnet.stateDir],
    { cwd: repoRoot, timeout: 90_000 },
  );
  const tx = /^attack sent: (0x[0-9a-f]{64}) /m.exec(attack.stdout)?.[1];
  assert.ok(tx, attack.stdout);
  // The devnet's threat response may pause the vault before the exploit's block (a fee-ordered chain):
  // the exploit then reverts and its alerts stay pending (seen in the mempool); else they are seen mined.
  const reverted = /^the attack reverted in block \d+/m.test(attack.stdout);
  // No reload: the page follows the gateway's stream.
  const row = page.locator(`[data-testid="alert-row"][data-status="${reverted ? "pending" : "mined"}"]`, {
    hasText: "flash-loan-exploit",
  });
  await row.waitFor({ timeout: 60_000 });
  const text = (await row.textContent()) ?? "";
  assert.match(text, /critical/);
  assert.match(text, /DemoLendingVault/);
  assert.match(text, new RegExp(`${tx.slice(0, 6)}.*${reverted ? "pending" : "mined in block \\d+"}`));
  attackAlertId = (await row.getAttribute("data-alert-id")) ?? undefined;
  // A function, not a string: the page's CSP (no 'unsafe-eval') refuses an expression evaluated as text.
  // It runs in the page (this file's types have no DOM).
  const rows = (n: number) =>
    page.waitForFunction(
      (count) =>
        (
          globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }
        ).document.querySelectorAll('[data-testid="alert-row"]').length === count,
      n,
    );
  await rows(3); // flash loan, outflow, oracle
  // Filtering by type asks the gateway again.
  await page.selectOption('select[aria-label="alert type"]', "oracle-deviation");
  await page.locator('[data-testid="alert-row"]', { hasText: "oracle-deviation" }).waitFor();
  await rows(1);
  await page.selectOption('select[aria-label="alert type"]', "");
  await rows(3);
  assert.deepEqual(pageErrors, []);
});

test("a proposal made on the devnet shows with its state; a vote from the page updates the tally and lists the voter's weight", async () => {
  const governance = governanceOf(deployment);
  const { stakers } = accounts();
  const clients = createClients(devnet.rpcUrl, { pollingIntervalMs: 100 });
  await page.goto(`${devnet.dashboardUrl}/#/governance`);
  // Before any proposal: the empty state names the CLI command that makes one.
  const empty = page.locator('[data-testid="proposals-empty"]');
  await empty.waitFor({ timeout: 30_000 });
  assert.match((await empty.textContent()) ?? "", /npx palisade gov propose --help/);

  // staker2 (45 gPAL on the devnet) proposes to delist service 6, through the SDK.
  const created = await createProposal(clients.wallet(stakers[2]), {
    governance,
    calls: [
      {
        target: marketplaceOf(deployment).marketplace,
        value: 0n,
        data: encodeFunctionData({ abi: marketplaceAbi, functionName: "setServiceActive", args: [6, false] }),
      },
    ],
    description: "Delist service 6\n\nProvider 2's phishing route keeps timing out.",
  });
  const card = page.locator(`[data-testid="proposal"][data-proposal-id="${created.proposalId}"]`);
  await card.waitFor({ timeout: 30_000 });
  assert.equal(await card.getAttribute("data-state"), "Pending");
  assert.match(
    (await card.locator('[data-testid="proposal-next"]').textContent()) ?? "",
    /^voting opens in \d+ s/,
  );
  assert.match(
    (await card.locator('[data-testid="proposal-calls"]').textContent()) ?? "",
    /Marketplace\.setServiceActive\(serviceId: 6, active: false\)/,
  );
  assert.match((await card.textContent()) ?? "", /by staker2/);

  // Voting opens the second after the snapshot: move the chain's clock there (what `palisade dev warp` does).
  const { timestamp } = await getBlock(clients.public, { blockTag: "latest" });
  const ahead = Number(created.snapshot) + 1 - Number(timestamp);
  if (ahead > 0) {
    await clients.test.increaseTime({ seconds: ahead });
    await mine(clients, 1);
  }
  await page
    .locator(`[data-proposal-id="${created.proposalId}"][data-state="Active"]`)
    .waitFor({ timeout: 30_000 });
  assert.match(
    (await card.locator('[data-testid="proposal-next"]').textContent()) ?? "",
    /^voting closes in/,
  );

  // staker1 votes for, from the page, with the weight of its gPAL at the snapshot.
  const weight = await readContract(clients.public, {
    address: governance.governor,
    abi: palisadeGovernorAbi,
    functionName: "getVotes",
    args: [stakers[1].address, created.snapshot],
  });
  assert.ok(weight > 0n, "staker1 holds gPAL on the devnet");
  await page.selectOption('[data-testid="account-picker"]', "staker1");
  await card
    .locator('[data-testid="ballot-weight"]', { hasText: formatAmount(weight) })
    .waitFor({ timeout: 30_000 });
  await card.locator('input[aria-label="vote reason"]').fill("unreliable at peak hours");
  await card.locator("button", { hasText: "Vote for" }).click();
  await card.locator(".tx.done").waitFor({ timeout: 60_000 });
  const [, votesFor] = await readContract(clients.public, {
    address: governance.governor,
    abi: palisadeGovernorAbi,
    functionName: "proposalVotes",
    args: [created.proposalId],
  });
  assert.equal(votesFor, weight, "the governor counted staker1's weight for");
  // The tally and the votes list follow without a reload.
  await card
    .locator('[data-testid="votes-for"]', { hasText: `For ${formatAmount(weight)}` })
    .waitFor({ timeout: 30_000 });
  const row = card.locator('[data-testid="vote-row"]', { hasText: "staker1" });
  await row.waitFor({ timeout: 30_000 });
  assert.equal(
    (await row.locator('[data-testid="vote-weight"]').textContent())?.trim(),
    formatAmount(weight),
  );
  assert.match((await row.textContent()) ?? "", /for.*unreliable at peak hours/);
  // 4 % of 2 × the supply (150 gPAL on the devnet) is 12 votes: staker1's 30 reach it.
  assert.match((await card.locator('[data-testid="proposal-quorum"]').textContent()) ?? "", /reached/);
  assert.match((await card.locator('[data-testid="vote-form"]').textContent()) ?? "", /has voted/);

  // A vote cast elsewhere (staker0 against, through the SDK) appears too.
  const against = await castVote(clients.wallet(stakers[0]), {
    governance,
    proposalId: created.proposalId,
    support: "against",
  });
  await card
    .locator('[data-testid="vote-row"]', { hasText: "staker0" })
    .locator('[data-testid="vote-weight"]', { hasText: formatAmount(against.weight) })
    .waitFor({ timeout: 30_000 });
  await card
    .locator('[data-testid="votes-against"]', { hasText: `Against ${formatAmount(against.weight)}` })
    .waitFor({ timeout: 30_000 });
  assert.deepEqual(pageErrors, []);
});

test("the threat response's actions caused by the demo attack show with their alert, in the panel and the alerts list", async () => {
  await page.goto(`${devnet.dashboardUrl}/#/governance`);
  const section = page.locator('[data-testid="threat-response"]');
  await section.waitFor({ timeout: 30_000 });
  const threatResponse = deployment.governance?.threatResponse;
  if (!threatResponse) {
    assert.match((await section.textContent()) ?? "", /no ThreatResponse/);
    return;
  }
  assert.ok(attackAlertId, "the attack test ran first");
  const alertId = attackAlertId as Hex;
  const clients = createClients(devnet.rpcUrl, { pollingIntervalMs: 100 });
  const contract = { address: threatResponse, abi: threatResponseAbi } as const;
  const policy = await readContract(clients.public, { ...contract, functionName: "policy" });
  await section.locator("p", { hasText: "Policy:" }).waitFor({ timeout: 30_000 });
  const text = (await section.textContent()) ?? "";
  assert.match(text, new RegExp(`opted in for ${formatDuration(policy.pauseSeconds)}`));
  assert.match(text, new RegExp(`raises the threshold to ${formatBps(policy.thresholdFloorBps)}`));

  // The devnet's monitor has the alert certified by the operators and presents it to the ThreatResponse:
  // wait until the chain has handled it.
  const fromBlock = BigInt(deployment.governance?.deployedAtBlock ?? 0);
  const handledOf = () =>
    getContractEvents(clients.public, {
      ...contract,
      eventName: "AlertHandled",
      args: { alertId },
      fromBlock,
    });
  let handled = await handledOf();
  for (let tries = 0; handled.length === 0 && tries < 600; tries++) {
    await new Promise((wait) => setTimeout(wait, 100));
    handled = await handledOf();
  }
  const actions = handled[0]?.args.actions;
  assert.ok(actions !== undefined, `the ThreatResponse handled alert ${alertId}`);
  assert.ok(actions & 1, "the demo vault opted in: the flash-loan alert paused it");

  // The vault's pause is in force, caused by the first alert that imposed its end.
  const vault = handled[0]?.args.protocol as Address;
  const until = await readContract(clients.public, {
    ...contract,
    functionName: "pausedUntil",
    args: [vault],
  });
  const paused = await getContractEvents(clients.public, {
    ...contract,
    eventName: "ProtocolPaused",
    args: { protocol: vault },
    fromBlock,
  });
  const cause = paused.find((log) => log.args.until === until)?.args.alertId;
  assert.ok(cause);
  const pause = section.locator('[data-testid="threat-action"][data-kind="protocol"]', {
    hasText: vault.slice(0, 6),
  });
  await pause.waitFor({ timeout: 30_000 });
  assert.equal(await pause.locator('[data-testid="threat-alert"]').getAttribute("data-alert-id"), cause);
  assert.match((await pause.textContent()) ?? "", /left/);
  // A critical alert raises the certification threshold while the floor lasts.
  if ((await readContract(clients.public, { ...contract, functionName: "thresholdFloorBps" })) > 0)
    await section.locator('[data-testid="threat-action"][data-kind="floor"]').waitFor({ timeout: 30_000 });
  // Every handled alert is listed, and the alerts list says what was done with the flash-loan alert.
  const all = await getContractEvents(clients.public, { ...contract, eventName: "AlertHandled", fromBlock });
  await section
    .locator('[data-testid="threat-handled"]')
    .nth(Math.min(all.length, 10) - 1)
    .waitFor({ timeout: 30_000 });
  const response = page.locator(
    `[data-testid="alert-row"][data-alert-id="${alertId}"] [data-testid="alert-response"]`,
  );
  await response.first().waitFor({ timeout: 30_000 });
  assert.match((await response.first().textContent()) ?? "", /protocol paused/);
  await shot("governance", { fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test("screenshots of every page", { skip: screenshots ? false : "set PALISADE_SCREENSHOTS=1" }, async () => {
  assert.ok(purchaseId, "the purchase test ran first");
  const run = promisify(execFile);
  const tsx = join(repoRoot, "node_modules/.bin/tsx");
  // Served calls claimed (a fee tranche, a score change) and one attested verdict (a certificate).
  await run(
    process.execPath,
    [
      join(repoRoot, "apps/cli/bin/palisade.js"),
      "provider",
      "claim",
      "--account",
      "provider1",
      "--purchase",
      String(purchaseId),
      "--store",
      join(devnet.stateDir, "gateways/provider-2/metering.sqlite"),
      "--deployment",
      join(devnet.stateDir, "deployment.json"),
    ],
    { cwd: repoRoot, timeout: 60_000 },
  );
  await run(tsx, [join(repoRoot, "packages/sdk/examples/attest.ts"), devnet.stateDir], {
    cwd: repoRoot,
    timeout: 90_000,
  });

  await page.goto(`${devnet.dashboardUrl}/#/marketplace`);
  await page.locator('[data-testid="providers"]').waitFor();
  await shot("marketplace");
  await page.goto(`${devnet.dashboardUrl}/#/marketplace/provider/2`);
  await page.locator(".recharts-surface").first().waitFor({ timeout: 30_000 });
  await shot("provider-detail");
  await page.selectOption('[data-testid="account-picker"]', "provider1");
  await page.goto(`${devnet.dashboardUrl}/#/provider`);
  await page.locator('[data-testid="fees"] table').waitFor({ timeout: 30_000 });
  await page
    .locator('[data-testid="console-reviews"] button', { hasText: "Challenge" })
    .waitFor({ timeout: 30_000 });
  await shot("provider-console");
  await page.goto(`${devnet.dashboardUrl}/#/operators`);
  await page.locator('[data-testid="certificates"] .recharts-surface').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="nodes"] td', { hasText: "healthy" }).first().waitFor({ timeout: 30_000 });
  await shot("operators");
  await page.selectOption('[data-testid="account-picker"]', "staker1");
  await page.goto(`${devnet.dashboardUrl}/#/governance`);
  await page.locator('[data-testid="alert-row"]').first().waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="vote-row"]').first().waitFor({ timeout: 30_000 });
  await shot("governance", { fullPage: true });
  assert.deepEqual(pageErrors, []);
});
