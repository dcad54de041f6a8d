import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SecretKey } from "@palisade/crypto";
import { builtInEngines, createEngineRegistry, type EngineRegistry } from "@palisade/engines";
import type { SlashingProtectionStore } from "@palisade/store";
import type { Logger } from "pino";
import type { PublicClient } from "viem";
import { type ChainTaskSettings, watchChainTasks } from "./chainTasks.ts";
import { createHttpServer } from "./http/server.ts";
import { createMetrics, type NodeMetrics } from "./metrics.ts";
import { type AttestationDomain, createSigner, type Signer } from "./signer.ts";

export interface StartNodeParameters {
  client: PublicClient;
  store: SlashingProtectionStore;
  secretKey: SecretKey;
  domain: AttestationDomain;
  logger: Logger;
  nodeName: string;
  nodeVersion: string;
  aggregatorUrl?: string | undefined;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 asks the OS for a free port. */
  port: number;
  engines?: EngineRegistry;
  /** Also sign the tasks requested on-chain (`TaskRequested`) and push them to `aggregatorUrl`. */
  chainTasks?: ChainTaskSettings | undefined;
}

export interface RunningNode {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  readonly signer: Signer;
  readonly metrics: NodeMetrics;
  /** Stops accepting connections and waits for in-flight requests (the store stays open: the caller owns it). */
  close(): Promise<void>;
}

/** Wires engines, signer, metrics and the HTTP API, and listens. */
export async function startNode(parameters: StartNodeParameters): Promise<RunningNode> {
  const { client, store, logger } = parameters;
  const engines = parameters.engines ?? createEngineRegistry(builtInEngines);
  const metrics = createMetrics();
  const signer = createSigner({
    client,
    store,
    engines,
    secretKey: parameters.secretKey,
    domain: parameters.domain,
    metrics,
    logger,
  });
  const server = createHttpServer({
    nodeName: parameters.nodeName,
    nodeVersion: parameters.nodeVersion,
    signer,
    metrics,
    health: { client, store, engines, aggregatorUrl: parameters.aggregatorUrl },
    logger,
  });
  const host = parameters.host ?? "127.0.0.1";
  await listen(server, parameters.port, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  logger.info(
    { url, pubkeyHash: signer.pubkeyHash, engines: engines.list().map((e) => e.id) },
    "node listening",
  );
  if (parameters.chainTasks && parameters.aggregatorUrl === undefined)
    logger.warn("on-chain tasks need the aggregator URL to push answers to; not watching TaskRequested");
  const chainTasks =
    parameters.chainTasks && parameters.aggregatorUrl !== undefined
      ? watchChainTasks({
          client,
          serviceManager: parameters.domain.serviceManager,
          aggregatorUrl: parameters.aggregatorUrl,
          signer,
          engines,
          metrics,
          logger,
          settings: parameters.chainTasks,
        })
      : undefined;
  return {
    url,
    port,
    signer,
    metrics,
    async close() {
      await chainTasks?.stop();
      await new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeIdleConnections();
      });
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
}
