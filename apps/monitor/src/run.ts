import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { type Deployment, loadDeployment } from "@palisade/sdk";
import type { Logger } from "pino";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  type PublicClient,
  parseGwei,
  webSocket,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { analyseBlock, analyseTransaction, type DetectorFailure } from "./analyse.ts";
import { type AlertAttester, createAlertAttester } from "./attested/attestAlerts.ts";
import type { AttestationRecord } from "./attested/attestationRecord.ts";
import { createThreatResponder, type ThreatResponder } from "./attested/respond.ts";
import { watchDigest } from "./attested/watchDigest.ts";
import { type ObserveOptions, observeBlock, observePending, pendingTransaction } from "./chain/observe.ts";
import { isUnsupported, rpc } from "./chain/rpc.ts";
import { createRpcStateReader } from "./chain/stateReader.ts";
import type { MonitorConfig } from "./config.ts";
import type { DetectorContext } from "./detectors/detector.ts";
import { createEmitter, type OnAlert } from "./emitter.ts";
import { ChainMismatchError, MonitorConfigError, MonitorError, TracingUnavailableError } from "./errors.ts";
import { createMetrics, type MonitorMetrics } from "./metrics.ts";
import { createHttpSink } from "./sinks/httpSink.ts";
import { openJsonlSink } from "./sinks/jsonlSink.ts";
import type { AlertSink } from "./sinks/sink.ts";
import { type BlockFollower, followBlocks } from "./sources/blocks.ts";
import { type MempoolWatcher, watchMempool } from "./sources/mempool.ts";
import {
  type ExtraContract,
  loadWatchFile,
  resolveWatch,
  type WatchConfig,
  watchedAddresses,
} from "./watch.ts";

export interface RunMonitorOptions {
  /** Called with every alert as it is emitted (before the sinks deliver it). */
  onAlert?: OnAlert;
  /** Called with every attestation record (`--aggregator-url`) as it is emitted. */
  onAttested?: (record: AttestationRecord) => void;
}

export interface RunningMonitor {
  chainId: number;
  watch: WatchConfig;
  /** keccak256 of the resolved watch's canonical JSON: the operators' must be the same. */
  watchDigest: Hex;
  metrics: MonitorMetrics;
  /** The health and metrics URL when `--port` was given. */
  url: string | undefined;
  /** The next block to analyse. */
  cursor(): number;
  /** Stops watching, finishes the block and pending transactions in progress, flushes the sinks. */
  stop(): Promise<void>;
}

const VERSION = "0.1.0";

/** Palisade's own contracts from the deployment file: watched for ownership and proxy changes. */
export function deploymentContracts(deployment: Deployment): ExtraContract[] {
  const named: [string, Address | undefined][] = [
    ...Object.entries(deployment.contracts),
    ...Object.entries(deployment.avs ?? {}).filter(
      ([key]) => key === "serviceManager" || key === "operatorRegistry",
    ),
    ...Object.entries(deployment.marketplace ?? {}).filter(([key]) => key !== "deployedAtBlock"),
  ] as [string, Address | undefined][];
  return named
    .filter((entry): entry is [string, Address] => typeof entry[1] === "string")
    .map(([label, address]) => ({ address, label, outflow: false }));
}

function clientFor(url: string, pollMs: number): PublicClient {
  const transport = /^wss?:/.test(url) ? webSocket(url, { timeout: 30_000 }) : http(url, { timeout: 30_000 });
  return createPublicClient({ transport, pollingInterval: pollMs }) as PublicClient;
}

/** The default priority fee of a threat response: above the attack's, below the certificate's (100). */
export const DEFAULT_RESPOND_PRIORITY_FEE_GWEI = 50;

/** The ThreatResponse caller (`--respond-key-file` / PALISADE_RESPONDER_KEY), or undefined. */
async function responderFor(
  config: MonitorConfig,
  deployment: Deployment | undefined,
  client: PublicClient,
  rpcUrl: string,
  logger: Logger,
): Promise<ThreatResponder | undefined> {
  if (config.responderKey === undefined) return undefined;
  const threatResponse = config.threatResponse ?? deployment?.governance?.threatResponse;
  if (threatResponse === undefined)
    throw new MonitorConfigError(
      "a responder key but no ThreatResponse: pass --threat-response or a deployment with governance.threatResponse",
    );
  const key =
    "file" in config.responderKey
      ? (await readFile(config.responderKey.file, "utf8")).trim()
      : config.responderKey.reveal();
  if (!/^0x[0-9a-fA-F]{64}$/.test(key))
    throw new MonitorConfigError("the responder key must be a 0x-prefixed 32-byte hex key");
  const account = privateKeyToAccount(key as Hex);
  const wallet = createWalletClient({ account, transport: http(rpcUrl.replace(/^ws/, "http")) });
  logger.info({ responder: account.address, threatResponse }, "threat responder ready");
  return createThreatResponder({
    client,
    wallet,
    threatResponse: threatResponse as Address,
    priorityFeeWei: parseGwei(String(config.respondPriorityFeeGwei ?? DEFAULT_RESPOND_PRIORITY_FEE_GWEI)),
    logger,
  });
}

/** The gateway's alerts secret (`--gateway-token-file`): the file's text, trimmed, not empty. */
async function gatewayToken(path: string): Promise<string> {
  const token = (await readFile(path, "utf8")).trim();
  if (token === "" || /\s/.test(token))
    throw new MonitorConfigError(`--gateway-token-file ${path}: expected one secret without spaces`);
  return token;
}

/** Fails at start on a node without the tracers (the monitor would otherwise see receipts only). */
async function checkTracing(client: PublicClient, block: number): Promise<void> {
  const call = { to: "0x0000000000000000000000000000000000000000", data: "0x" };
  try {
    await rpc(client, "debug_traceCall", [call, `0x${block.toString(16)}`, { tracer: "callTracer" }]);
  } catch (error) {
    if (isUnsupported(error)) throw new TracingUnavailableError("debug_traceCall", error);
    throw error;
  }
}

/**
 * Starts the monitor: loads the deployment and the watch list, checks the chain and its tracers, opens
 * the sinks, then follows blocks from `--from-block` (default: the block after the head) and, unless
 * `--no-mempool`, pending transactions.
 */
export async function runMonitor(
  config: MonitorConfig,
  logger: Logger,
  options: RunMonitorOptions = {},
): Promise<RunningMonitor> {
  const deployment = config.deployment === undefined ? undefined : await loadDeployment(config.deployment);
  const rpcUrl = config.rpcUrl ?? deployment?.rpcUrl;
  if (rpcUrl === undefined) throw new MonitorError("no RPC URL: pass --rpc-url or --deployment");
  const client = clientFor(rpcUrl, config.pollMs);
  const wsUrl = config.wsUrl ?? (/^wss?:/.test(rpcUrl) ? rpcUrl : undefined);
  const wsClient =
    wsUrl === undefined ? undefined : wsUrl === rpcUrl ? client : clientFor(wsUrl, config.pollMs);

  const chainId = await client.getChainId();
  if (deployment && deployment.chainId !== chainId) throw new ChainMismatchError(deployment.chainId, chainId);
  const head = Number(BigInt(await rpc<Hex>(client, "eth_blockNumber", [])));
  await checkTracing(client, head);

  const watch = resolveWatch(
    config.watchFile === undefined ? undefined : await loadWatchFile(config.watchFile),
    [...config.watch.map((address) => ({ address })), ...(deployment ? deploymentContracts(deployment) : [])],
  );
  const digest = watchDigest(watch);
  const ctx: DetectorContext = { chainId, watch };
  const observeOptions: ObserveOptions = {
    chainId,
    watched: watchedAddresses(watch),
    drainCandidateOwners: watch.approvalDrain.minOwners,
  };
  const reader = createRpcStateReader(client);
  const metrics = createMetrics();

  const sinks: AlertSink[] = [];
  const delivered = (sink: string) => () => metrics.deliveries.inc({ sink, result: "delivered" });
  const failed = (sink: string) => () => metrics.deliveries.inc({ sink, result: "failed" });
  if (config.log !== undefined)
    sinks.push(
      await openJsonlSink({ path: config.log, logger, onWritten: delivered("log"), onFailed: failed("log") }),
    );
  for (const url of config.webhooks)
    sinks.push(
      createHttpSink({
        name: "webhook",
        url,
        logger,
        userAgent: `palisade-monitor/${VERSION}`,
        onDelivered: delivered("webhook"),
        onFailed: failed("webhook"),
      }),
    );
  if (config.gatewayUrl !== undefined)
    sinks.push(
      createHttpSink({
        name: "gateway",
        url: `${config.gatewayUrl}/v1/alerts`,
        logger,
        userAgent: `palisade-monitor/${VERSION}`,
        ...(config.gatewayTokenFile === undefined
          ? {}
          : { headers: { authorization: `Bearer ${await gatewayToken(config.gatewayTokenFile)}` } }),
        onDelivered: delivered("gateway"),
        onFailed: failed("gateway"),
      }),
    );
  // --aggregator-url: each alert at or above the severity goes to the operators; the certificate to
  // the sinks that take records (the log).
  const attester: AlertAttester | undefined =
    config.aggregatorUrl === undefined
      ? undefined
      : createAlertAttester({
          aggregatorUrl: config.aggregatorUrl,
          watchDigest: digest,
          minSeverity: config.attestMinSeverity ?? "high",
          logger,
          metrics,
          responder: await responderFor(config, deployment, client, rpcUrl, logger),
          onRecord(record) {
            for (const sink of sinks) sink.sendRecord?.(record);
            try {
              options.onAttested?.(record);
            } catch (error) {
              logger.error({ err: error, alert: record.alertId }, "onAttested hook failed");
            }
          },
        });
  const emitter = createEmitter({
    sinks,
    logger,
    metrics,
    onAlert: (alert, timing) => {
      attester?.attest(alert);
      try {
        options.onAlert?.(alert, timing);
      } catch (error) {
        logger.error({ err: error, alert: alert.id }, "onAlert hook failed");
      }
    },
  });
  const reportFailures = (failures: readonly DetectorFailure[]) => {
    for (const failure of failures) {
      metrics.detectorErrors.inc({ detector: failure.detector });
      logger.warn({ err: failure.error, detector: failure.detector, tx: failure.tx }, "detector failed");
    }
  };

  let lastBlockError: { at: number; message: string } | undefined;
  const follower: BlockFollower = await followBlocks({
    client,
    ...(wsClient === undefined ? {} : { wsClient }),
    fromBlock: config.fromBlock ?? head + 1,
    pollMs: config.pollMs,
    logger,
    async onBlock(number, arrivedAt) {
      const started = performance.now();
      try {
        const block = await observeBlock(client, number, observeOptions);
        metrics.tracedTransactions.inc(
          { source: "block" },
          block.transactions.filter((tx) => tx.traced).length,
        );
        const analysis = await analyseBlock(ctx, block, reader);
        // Emit what succeeded, then retry the block for the detectors that failed (emitted alerts are
        // not repeated: the emitter remembers them).
        for (const draft of analysis.drafts) emitter.emit(draft, { arrivedAt });
        if (analysis.failures.length > 0) {
          reportFailures(analysis.failures);
          throw new MonitorError(`${analysis.failures.length} detector run(s) failed in block ${number}`);
        }
        metrics.blocks.inc();
        metrics.blockSeconds.observe((performance.now() - started) / 1000);
        logger.debug(
          { block: number, transactions: block.transactions.length, alerts: analysis.drafts.length },
          "block analysed",
        );
        lastBlockError = undefined;
      } catch (error) {
        lastBlockError = { at: Date.now(), message: (error as Error).message };
        throw error;
      }
    },
    onProgress(processed, seenHead) {
      metrics.processed.set(processed);
      metrics.head.set(seenHead);
    },
  });

  let mempool: MempoolWatcher | undefined;
  try {
    if (config.mempool) mempool = await startMempool();
  } catch (error) {
    // Not started: release what was opened, then report the failure.
    await follower.stop();
    await Promise.all(sinks.map((sink) => sink.close(0)));
    throw error;
  }

  function startMempool(): Promise<MempoolWatcher> {
    return watchMempool({
      client,
      ...(wsClient === undefined ? {} : { wsClient }),
      pollMs: config.pollMs,
      logger,
      onDropped: () => metrics.pending.inc({ result: "dropped" }),
      async onPending(hash, arrivedAt) {
        try {
          const raw = await pendingTransaction(client, hash);
          if (raw === null) return void metrics.pending.inc({ result: "unknown" });
          // Mined already: the block pass sees it with its receipt.
          if (raw.blockNumber !== null && raw.blockNumber !== undefined)
            return void metrics.pending.inc({ result: "mined" });
          // Asked, not taken from the block follower: its head may be a poll behind the node's.
          const stateBlock = Number(BigInt(await rpc<Hex>(client, "eth_blockNumber", [])));
          const obs = await observePending(client, raw, stateBlock, { chainId });
          metrics.tracedTransactions.inc({ source: "mempool" });
          if (obs === null) return void metrics.pending.inc({ result: "reverted" });
          const analysis = await analyseTransaction(ctx, obs, reader);
          reportFailures(analysis.failures);
          for (const draft of analysis.drafts) emitter.emit(draft, { arrivedAt });
          metrics.pending.inc({ result: "analysed" });
        } catch (error) {
          metrics.pending.inc({ result: "failed" });
          throw error;
        }
      },
    });
  }

  let server: Server | undefined;
  let url: string | undefined;
  if (config.port !== undefined) {
    server = createServer((request, response) => {
      if (request.method === "GET" && request.url === "/metrics") {
        metrics.registry.metrics().then(
          (text) => response.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
          (error) => response.writeHead(500).end(String(error)),
        );
        return;
      }
      if (request.method === "GET" && request.url === "/health") {
        // Unhealthy while blocks keep failing: the monitor is then blind to what is being mined.
        const ok = lastBlockError === undefined;
        response.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(
          JSON.stringify({
            status: ok ? "ok" : "failing",
            chainId,
            head: follower.head,
            nextBlock: follower.cursor,
            lagBlocks: Math.max(0, follower.head - follower.cursor + 1),
            mempool: config.mempool,
            watched: { contracts: watch.contracts.size, oracles: watch.oracles.size },
            sinks: sinks.map((sink) => sink.name),
            ...(lastBlockError ? { error: lastBlockError } : {}),
          }),
        );
        return;
      }
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not_found"}');
    });
    const listening = server;
    await new Promise<void>((resolveListen, reject) => {
      listening.once("error", reject);
      listening.listen(config.port, "127.0.0.1", () => resolveListen());
    });
    const address = listening.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : config.port}`;
  }

  logger.info(
    {
      chainId,
      rpcUrl,
      wsUrl: wsUrl ?? null,
      fromBlock: follower.cursor,
      mempool: config.mempool,
      watched: {
        contracts: [...watch.contracts.values()].map((c) => c.label ?? c.address),
        oracles: [...watch.oracles.values()].map((o) => o.label ?? o.address),
      },
      sinks: sinks.map((sink) => sink.name),
      url: url ?? null,
      watchDigest: digest,
      aggregator: config.aggregatorUrl ?? null,
      attestMinSeverity: config.aggregatorUrl === undefined ? null : (config.attestMinSeverity ?? "high"),
    },
    "monitor ready",
  );

  return {
    chainId,
    watch,
    watchDigest: digest,
    metrics,
    url,
    cursor: () => follower.cursor,
    async stop() {
      await Promise.all([follower.stop(), mempool?.stop()]);
      // Attestations in flight get 5 s to land their record before the sinks close.
      await attester?.close();
      await Promise.all(sinks.map((sink) => sink.close()));
      if (server) {
        const closing = server;
        await new Promise<void>((resolveClose) => closing.close(() => resolveClose()));
      }
      if (wsClient) {
        const transport = wsClient.transport as { getRpcClient?: () => Promise<{ close(): void }> };
        await transport.getRpcClient?.().then(
          (socket) => socket.close(),
          () => undefined,
        );
      }
      if (client !== wsClient) {
        const transport = client.transport as { getRpcClient?: () => Promise<{ close(): void }> };
        await transport.getRpcClient?.().then(
          (socket) => socket.close(),
          () => undefined,
        );
      }
    },
  };
}
