import type { Hex, Transport } from "viem";
import { parseTransaction } from "viem";

export interface ProgressOptions {
  report(line: string): void;
  /** A phrase for a transaction about to be sent ("approving 1 PAL for the Marketplace"). */
  describe(to: Hex | null | undefined, data: Hex | undefined): string;
}

/**
 * Wraps a transport so every transaction the wallet sends is announced on the progress channel:
 * what it does before it is sent, its hash once sent, its block once mined. The SDK's actions send
 * approvals and calls themselves, so watching the transport is the one place that sees them all.
 */
export function withProgress(base: Transport, options: ProgressOptions): Transport {
  return (parameters) => {
    const transport = base(parameters);
    const pending = new Set<string>();
    const request = (async (args: { method: string; params?: unknown }, requestOptions?: unknown) => {
      const call = transport.request as (args: unknown, options?: unknown) => Promise<unknown>;
      if (args.method === "eth_sendRawTransaction" && Array.isArray(args.params)) {
        const transaction = parseTransaction(args.params[0] as Hex);
        options.report(`${options.describe(transaction.to, transaction.data)}…`);
        const hash = (await call(args, requestOptions)) as Hex;
        pending.add(hash.toLowerCase());
        options.report(`sent ${hash}, waiting…`);
        return hash;
      }
      const result = await call(args, requestOptions);
      if (args.method === "eth_getTransactionReceipt" && result !== null && typeof result === "object") {
        const receipt = result as { transactionHash?: string; blockNumber?: Hex; status?: Hex };
        const hash = receipt.transactionHash?.toLowerCase();
        if (hash !== undefined && pending.delete(hash) && receipt.blockNumber !== undefined) {
          const outcome = receipt.status === "0x1" ? "mined" : "reverted";
          options.report(`${outcome} in block ${BigInt(receipt.blockNumber)}`);
        }
      }
      return result;
    }) as typeof transport.request;
    return { ...transport, request };
  };
}
