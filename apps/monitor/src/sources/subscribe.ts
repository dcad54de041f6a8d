import type { PublicClient } from "viem";

interface SubscribingTransport {
  subscribe(args: {
    params: ["newHeads"] | ["newPendingTransactions"];
    onData: (data: { result: unknown }) => void;
    onError?: (error: Error) => void;
  }): Promise<{ unsubscribe: () => Promise<unknown> }>;
}

/**
 * `eth_subscribe` over a WebSocket client's transport, resolved once the node has confirmed the
 * subscription (viem's watch actions subscribe in the background; a caller that must not miss anything
 * sent right after start needs to know when it is live).
 */
export async function subscribe(
  client: PublicClient,
  kind: "newHeads" | "newPendingTransactions",
  onData: (result: unknown) => void,
  onError: (error: Error) => void,
): Promise<() => Promise<void>> {
  const transport = client.transport as unknown as Partial<SubscribingTransport>;
  if (typeof transport.subscribe !== "function")
    throw new Error("the client's transport cannot subscribe (not a WebSocket)");
  const { unsubscribe } = await transport.subscribe({
    params: [kind] as ["newHeads"] | ["newPendingTransactions"],
    onData: (data) => onData(data.result),
    onError,
  });
  return async () => {
    await unsubscribe().catch(() => undefined);
  };
}
