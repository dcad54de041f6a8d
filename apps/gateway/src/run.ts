import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import { join } from "node:path";
import type { DexConfig } from "@palisade/engines";
import { createAccessGuard, type PurchaseSource } from "@palisade/provider";
import { avsOf, loadDeployment, marketplaceOf } from "@palisade/sdk";
import {
  openAlertStore,
  openMeteringStore,
  type SqliteAlertStore,
  type SqliteMeteringStore,
} from "@palisade/store";
import type { Logger } from "pino";
import { createPublicClient, http, type PublicClient } from "viem";
import { getCode } from "viem/actions";
import { createAlertRoutes } from "./alerts/routes.ts";
import { loadAlertsToken } from "./alerts/token.ts";
import { type Attestor, createAttestor } from "./attest.ts";
import type { GatewayConfig } from "./config.ts";
import { loadGatewayEngines } from "./engines.ts";
import { GatewayStartError } from "./errors.ts";
import { createRateLimiter } from "./rateLimit.ts";
import { engineRoutes } from "./routes/index.ts";
import { createRpcFirewall, type RpcFirewall } from "./rpcFirewall/index.ts";
import { createGatewayServer } from "./server.ts";
import { createChainServiceDirectory, refreshingPurchaseSource } from "./services.ts";

export interface RunningGateway {
  url: string;
  server: Server;
  metering: SqliteMeteringStore;
  /** The attack-monitor alerts received at POST /v1/alerts (`<data-dir>/alerts.sqlite`). */
  alerts: SqliteAlertStore;
  /** Stops accepting, ends the alert streams, lets in-flight requests finish, closes the purchase source and the stores. */
  stop(): Promise<void>;
}

/** A purchase source that can be closed (the chain source watches events). */
export type ClosablePurchaseSource = PurchaseSource & { close?: () => void | Promise<void> };

export interface RunGatewayOptions {
  /** The rate limiter's clock, Unix ms (default `Date.now`): tests drive it by hand. */
  now?: () => number;
  /** Between heartbeat comments on an open alert stream (default 15 s). */
  alertHeartbeatMs?: number;
}

async function gatewayVersion(): Promise<string> {
  const text = await readFile(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** The deployment's DEX for token risk, checked to exist on the chain (a wrong chain fails at start). */
async function dexOf(
  client: PublicClient,
  dex: { factory: `0x${string}`; weth: `0x${string}` } | undefined,
): Promise<DexConfig | undefined> {
  if (dex === undefined) return undefined;
  const code = await getCode(client, { address: dex.factory });
  if (code === undefined || code === "0x")
    throw new GatewayStartError(`the deployment's DEX factory ${dex.factory} has no code on this chain`);
  return { factory: dex.factory, weth: dex.weth };
}

/** The attestor of `--aggregator-url`, proving verdicts against the deployment's ServiceManager. */
function attestorOf(
  config: GatewayConfig,
  deployment: Awaited<ReturnType<typeof loadDeployment>>,
): Attestor | undefined {
  if (config.aggregatorUrl === undefined) return undefined;
  if (!deployment.avs)
    throw new GatewayStartError(
      "--aggregator-url needs a deployment with the AVS (its ServiceManager proves verdicts)",
    );
  return createAttestor({
    aggregatorUrl: config.aggregatorUrl,
    serviceManager: avsOf(deployment).serviceManager,
    timeoutMs: config.attestTimeout * 1000,
  });
}

/**
 * Starts the gateway: loads the deployment, builds the engines (the bundled label lists plus
 * `--labels-dir`, the deployment's DEX for token risk), reads this provider's services from the
 * Marketplace (which route serves which), opens the metering store, builds the access guard over the
 * chain's purchases, the JSON-RPC firewall (`/rpc`) over the same node and, with `--aggregator-url`,
 * the attestor of `attest=true`, and listens.
 */
export async function runGateway(
  config: GatewayConfig,
  logger: Logger,
  createPurchaseSource: (
    client: PublicClient,
    marketplace: `0x${string}`,
  ) => ClosablePurchaseSource | Promise<ClosablePurchaseSource>,
  options: RunGatewayOptions = {},
): Promise<RunningGateway> {
  const deployment = await loadDeployment(config.deployment);
  const { marketplace } = marketplaceOf(deployment);
  const client = createPublicClient({ transport: http(config.rpcUrl ?? deployment.rpcUrl) }) as PublicClient;

  const dex = await dexOf(client, deployment.dex);
  const engines = await loadGatewayEngines({
    ...(config.labelsDir === undefined ? {} : { labelsDir: config.labelsDir }),
    ...(dex === undefined ? {} : { dex }),
  });
  logger.info(engines.summary, "engines loaded");
  const routes = engineRoutes(engines);
  const services = await createChainServiceDirectory({ client, marketplace, providerId: config.providerId });
  const served = new Set(routes.map((route) => route.servicePath));
  for (const [serviceId, path] of services.services)
    if (!served.has(path))
      logger.warn({ serviceId, endpointPath: path }, "no route serves this service's endpoint path");
  logger.info(
    Object.fromEntries(routes.map((route) => [route.path, [...services.serviceIdsFor(route.servicePath)]])),
    "services by route",
  );

  const attestor = attestorOf(config, deployment);
  const rpcUrl = config.rpcUrl ?? deployment.rpcUrl;
  if (!/^https?:/.test(rpcUrl))
    throw new GatewayStartError(
      `the JSON-RPC firewall forwards over HTTP: --rpc-url ${rpcUrl} is not http(s)`,
    );

  const alertsToken =
    config.alertsTokenFile === undefined ? undefined : await loadAlertsToken(config.alertsTokenFile);
  const metering = openMeteringStore(join(config.dataDir, "metering.sqlite"));
  const alerts = openAlertStore(join(config.dataDir, "alerts.sqlite"));
  const alertRoutes = createAlertRoutes({
    store: alerts,
    token: alertsToken,
    logger: logger.child({ component: "alerts" }),
    ...(options.alertHeartbeatMs === undefined ? {} : { heartbeatMs: options.alertHeartbeatMs }),
  });
  let purchases: ClosablePurchaseSource | undefined;
  let rpcFirewall: RpcFirewall | undefined;
  try {
    rpcFirewall = createRpcFirewall({
      upstreamUrl: rpcUrl,
      ...(config.rpcUpstreamWsUrl === undefined ? {} : { upstreamWsUrl: config.rpcUpstreamWsUrl }),
      firewall: engines.txFirewall,
      client,
      logger: logger.child({ component: "rpc-firewall" }),
      rejectVerdicts: config.rpcReject,
      failOpen: config.rpcFailOpen,
    });
    purchases = await createPurchaseSource(client, marketplace);
    const guard = createAccessGuard({
      providerId: config.providerId,
      marketplace,
      chainId: deployment.chainId,
      purchases: refreshingPurchaseSource(purchases, services, config.providerId),
      metering,
      maxTokenLifetimeSeconds: config.maxTokenLifetime,
      onInternalError: (error) => logger.error({ err: error }, "access guard failed"),
    });
    const server = createGatewayServer({
      providerId: config.providerId,
      marketplace,
      guard,
      metering,
      client,
      routes,
      services,
      rateLimiter: createRateLimiter({
        rate: config.rateLimit,
        burst: config.rateBurst,
        ...(options.now === undefined ? {} : { now: options.now }),
      }),
      logger,
      version: await gatewayVersion(),
      ...(attestor === undefined ? {} : { attestor }),
      rpcFirewall,
      alerts: alertRoutes,
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => resolveListen());
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    logger.info(
      {
        url,
        providerId: config.providerId,
        store: metering.path,
        rateLimit: config.rateLimit === 0 ? "off" : { perSecond: config.rateLimit, burst: config.rateBurst },
        attested: config.aggregatorUrl ?? "off",
        alerts: {
          store: alerts.path,
          intake: alertsToken === undefined ? "off (no --alerts-token-file)" : "on",
        },
        rpcFirewall: {
          url: `${url}/rpc`,
          upstream: rpcUrl,
          reject: config.rpcReject,
          failOpen: config.rpcFailOpen,
        },
      },
      "gateway listening",
    );
    const source = purchases;
    const firewall = rpcFirewall;
    return {
      url,
      server,
      metering,
      alerts,
      async stop() {
        // Open WebSockets and alert streams would keep server.close() waiting: they are closed first.
        await firewall.close();
        alertRoutes.closeStreams();
        await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
        await source.close?.();
        await metering.close();
        alerts.close();
      },
    };
  } catch (error) {
    // Not started: release what was opened, then report the failure.
    await purchases?.close?.();
    await metering.close();
    alerts.close();
    throw error;
  }
}
