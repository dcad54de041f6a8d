import type { Server } from "node:http";
import { join } from "node:path";
import { createAccessGuard, type PurchaseSource } from "@palisade/provider";
import { loadDeployment, marketplaceOf } from "@palisade/sdk";
import { openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import type { Logger } from "pino";
import { createPublicClient, http, type PublicClient } from "viem";
import type { GatewayConfig } from "./config.ts";
import { createGatewayServer } from "./server.ts";

export interface RunningGateway {
  url: string;
  server: Server;
  metering: SqliteMeteringStore;
  /** Stops accepting, lets in-flight requests finish, closes the purchase source and the store. */
  stop(): Promise<void>;
}

/** A purchase source that can be closed (the chain source watches events). */
export type ClosablePurchaseSource = PurchaseSource & { close?: () => void | Promise<void> };

/**
 * Starts the gateway: loads the deployment, opens the metering store, builds the access guard over
 * the chain's purchases and listens.
 */
export async function runGateway(
  config: GatewayConfig,
  logger: Logger,
  createPurchaseSource: (
    client: PublicClient,
    marketplace: `0x${string}`,
  ) => ClosablePurchaseSource | Promise<ClosablePurchaseSource>,
): Promise<RunningGateway> {
  const deployment = await loadDeployment(config.deployment);
  const { marketplace } = marketplaceOf(deployment);
  const client = createPublicClient({ transport: http(config.rpcUrl ?? deployment.rpcUrl) }) as PublicClient;
  const metering = openMeteringStore(join(config.dataDir, "metering.sqlite"));
  const purchases = await createPurchaseSource(client, marketplace);
  const guard = createAccessGuard({
    providerId: config.providerId,
    marketplace,
    chainId: deployment.chainId,
    purchases,
    metering,
    maxTokenLifetimeSeconds: config.maxTokenLifetime,
    onInternalError: (error) => logger.error({ err: error }, "access guard failed"),
  });
  const server = createGatewayServer({ providerId: config.providerId, guard, metering, client, logger });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, providerId: config.providerId, store: metering.path }, "gateway listening");
  return {
    url,
    server,
    metering,
    async stop() {
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await purchases.close?.();
      await metering.close();
    },
  };
}
