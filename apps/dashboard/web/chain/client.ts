import { type Chain, createPublicClient, defineChain, http, type PublicClient } from "viem";

/**
 * The chain as the page sees it: JSON-RPC through the dashboard's same-origin `/rpc` (no CORS, and
 * the proxy refuses node-signing and node-control methods), calls batched into one HTTP request per
 * tick (each view issues dozens of reads per block).
 */
export function chainOf(chainId: number): Chain {
  const rpc = new URL("/rpc", window.location.href).toString();
  return defineChain({
    id: chainId,
    name: chainId === 31_337 ? "Palisade devnet" : `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  });
}

export function createChainClient(chain: Chain): PublicClient {
  return createPublicClient({
    chain,
    transport: http(chain.rpcUrls.default.http[0], { batch: { batchSize: 200, wait: 16 }, retryCount: 1 }),
    // Block-driven refreshes poll themselves (see useBlock); this only paces waitForTransactionReceipt.
    pollingInterval: 500,
  });
}
