import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { marketplaceAbi } from "@palisade/abis";
import { createAccessGuard, type GuardedRequest, type PurchaseSource } from "@palisade/provider";
import { ContractRevertError, getPurchase, type MarketplaceDeployment } from "@palisade/sdk";
import { openMeteringStore, type SqliteMeteringStore } from "@palisade/store";
import type { PublicClient } from "viem";
import { readContract } from "viem/actions";

/** The chain as the guard's purchase source (no cache: tests want the latest state). */
function chainPurchases(client: PublicClient, contracts: MarketplaceDeployment): PurchaseSource {
  return {
    async getPurchase(purchaseId) {
      try {
        const { purchaseId: _id, ...purchase } = await getPurchase(client, { contracts, purchaseId });
        return purchase;
      } catch (error) {
        if (error instanceof ContractRevertError && error.errorName === "PurchaseNotFound") return undefined;
        throw error;
      }
    },
    async sessionKeyValidUntil(consumer, key) {
      return (await readContract(client, {
        address: contracts.marketplace,
        abi: marketplaceAbi,
        functionName: "sessionKeyValidUntil",
        args: [consumer, key],
      })) as number;
    },
  };
}

export interface ProviderServer {
  url: string;
  metering: SqliteMeteringStore;
  /** Guards calls for this provider (set once the provider is registered). */
  serve(providerId: number): void;
  close(): Promise<void>;
}

/**
 * A provider's API in a test: the access guard of @palisade/provider (real token verification,
 * purchases read from the chain, calls metered in SQLite at `meteringPath`) in front of a handler
 * that answers `{ verdict, address, path, nonce }` (and a POST's `method` and `body`).
 */
export async function startProviderServer(parameters: {
  client: PublicClient;
  contracts: MarketplaceDeployment;
  chainId: number;
  meteringPath: string;
}): Promise<ProviderServer> {
  const metering = openMeteringStore(parameters.meteringPath);
  let guard: ReturnType<typeof createAccessGuard> | undefined;
  const server = createServer((request, response) => {
    if (!guard) {
      response.statusCode = 503;
      response.end();
      return;
    }
    guard.middleware(request, response, async () => {
      const call = (request as GuardedRequest).palisade;
      const url = new URL(request.url ?? "/", "http://localhost");
      let text = "";
      for await (const chunk of request) text += chunk;
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          verdict: "benign",
          address: url.searchParams.get("address"),
          path: url.pathname,
          nonce: call.nonce.toString(),
          ...(request.method === "POST" ? { method: "POST", body: JSON.parse(text) } : {}),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    metering,
    serve(providerId) {
      guard = createAccessGuard({
        providerId,
        marketplace: parameters.contracts.marketplace,
        chainId: parameters.chainId,
        purchases: chainPurchases(parameters.client, parameters.contracts),
        metering,
        maxTokenLifetimeSeconds: 60,
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await metering.close();
    },
  };
}
