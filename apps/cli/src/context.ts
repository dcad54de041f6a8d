import { resolve } from "node:path";
import { type Deployment, loadDeployment, marketplaceOf } from "@palisade/sdk";
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type LocalAccount,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { getBlock, getChainId } from "viem/actions";
import { transactionDescriber } from "./chain/describeTransaction.ts";
import { withProgress } from "./chain/progressTransport.ts";
import { resolveSigner } from "./chain/signer.ts";
import type { CommandContext } from "./commands/types.ts";
import { ChainMismatchError } from "./errors.ts";
import type { GlobalOptions } from "./globalOptions.ts";
import type { Io } from "./io.ts";

/** Receipt polling: the devnet mines every second; a real chain's blocks are slower still. */
const POLLING_INTERVAL_MS = 250;
/** Long enough for a loaded machine; a timed-out send retried by viem fails as "already known". */
const RPC_TIMEOUT_MS = 60_000;

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/**
 * The context a command runs in. Nothing is read or connected until a command asks: `palisade dev
 * accounts` needs no chain, `market services` no signer.
 */
export function createContext(io: Io, globals: GlobalOptions): CommandContext {
  const progress = (line: string) => {
    io.stderr.write(`${line}\n`);
  };
  const deployment = once(() => loadDeployment(resolve(io.cwd, globals.deploymentPath)));
  const chain = once(async (): Promise<{ chain: Chain; rpcUrl: string; deployment: Deployment }> => {
    const loaded = await deployment();
    const rpcUrl = globals.rpcUrl ?? loaded.rpcUrl;
    return {
      rpcUrl,
      deployment: loaded,
      chain: defineChain({
        id: loaded.chainId,
        name: loaded.chainId === 31_337 ? "Palisade devnet" : `chain ${loaded.chainId}`,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [rpcUrl] } },
      }),
    };
  });
  const publicClient = once(async (): Promise<PublicClient<Transport, Chain>> => {
    const { chain: target, rpcUrl, deployment: loaded } = await chain();
    const client = createPublicClient({
      chain: target,
      transport: http(rpcUrl, { timeout: RPC_TIMEOUT_MS }),
      pollingInterval: POLLING_INTERVAL_MS,
    });
    const rpcChainId = await getChainId(client);
    if (rpcChainId !== loaded.chainId) throw new ChainMismatchError(rpcUrl, rpcChainId, loaded.chainId);
    return client;
  });
  const rpcClient = once(async (): Promise<PublicClient<Transport, Chain>> => {
    if (globals.rpcUrl === undefined) return publicClient();
    const rpcUrl = globals.rpcUrl;
    const probe = createPublicClient({ transport: http(rpcUrl, { timeout: RPC_TIMEOUT_MS }) });
    const id = await getChainId(probe);
    return createPublicClient({
      chain: defineChain({
        id,
        name: `chain ${id}`,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [rpcUrl] } },
      }),
      transport: http(rpcUrl, { timeout: RPC_TIMEOUT_MS }),
      pollingInterval: POLLING_INTERVAL_MS,
    });
  });
  const walletFor = async (account: LocalAccount): Promise<WalletClient<Transport, Chain, Account>> => {
    const { chain: target, rpcUrl, deployment: loaded } = await chain();
    await publicClient();
    return createWalletClient({
      chain: target,
      account,
      transport: withProgress(http(rpcUrl, { timeout: RPC_TIMEOUT_MS }), {
        report: progress,
        describe: transactionDescriber(loaded.marketplace, loaded),
      }),
      pollingInterval: POLLING_INTERVAL_MS,
    });
  };
  const wallet = once(async (): Promise<WalletClient<Transport, Chain, Account>> => {
    // The chain id is checked (publicClient) before the signer is resolved: --account needs it.
    const { deployment: loaded } = await chain();
    await publicClient();
    return walletFor(await resolveSigner(globals.signer, io, async () => loaded.chainId));
  });
  return {
    io,
    globals,
    progress,
    deployment,
    contracts: async () => marketplaceOf(await deployment()),
    publicClient,
    rpcClient,
    wallet,
    walletFor,
    clock: () => Date.now(),
    now: async () => (await getBlock(await publicClient(), { blockTag: "latest" })).timestamp,
  };
}
