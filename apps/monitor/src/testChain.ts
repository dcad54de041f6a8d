// The monitor tests' chain (not exported from the package): anvil with the demo DEX and the attack demo
// (demo/attackDemo.ts), the detector context for its watch file, and helpers to observe a transaction
// the way the monitor does.
import {
  type Anvil,
  accounts,
  type Clients,
  createClients,
  type DemoDex,
  deployDemoDex,
  startAnvil,
} from "@palisade/testkit";
import type { Hex, PublicClient } from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import type { BlockObservation, TxObservation } from "./chain/observation.ts";
import { type ObserveOptions, observeBlock, observePending, pendingTransaction } from "./chain/observe.ts";
import { createRpcStateReader } from "./chain/stateReader.ts";
import { deployMonitorDemo, type MonitorDemo, monitorDemoWatchFile } from "./demo/attackDemo.ts";
import type { DetectorContext, StateReader } from "./detectors/detector.ts";
import { parseWatchFile, resolveWatch, type WatchFile, watchedAddresses } from "./watch.ts";

export interface TestChain {
  anvil: Anvil;
  clients: Clients;
  client: PublicClient;
  dex: DemoDex;
  demo: MonitorDemo;
  reader: StateReader;
  watchFile: WatchFile;
  /** The detector context of `watchFile` (or of another watch file). */
  context(file?: WatchFile): DetectorContext;
  /** Observes the mined transaction `hash` as the block pass does (its whole block is observed). */
  observeMined(hash: Hex, file?: WatchFile): Promise<TxObservation>;
  observeBlockOf(hash: Hex, file?: WatchFile): Promise<BlockObservation>;
  /** Simulates the pending transaction `hash` on the latest block, as the mempool pass does. */
  observePendingTx(hash: Hex): Promise<TxObservation | null>;
  stop(): Promise<void>;
}

export async function startTestChain(options: { blockTime?: number } = {}): Promise<TestChain> {
  const anvil = await startAnvil(options.blockTime === undefined ? {} : { blockTime: options.blockTime });
  try {
    const clients = createClients(anvil.rpcUrl);
    const client = clients.public as unknown as PublicClient;
    const dex = await deployDemoDex(clients);
    const named = accounts();
    const demo = await deployMonitorDemo(clients, {
      dex,
      deployer: named.deployer,
      attacker: named.attacker,
      guardian: named.pauser.address,
    });
    const watchFile = monitorDemoWatchFile(demo);
    const chainId = await client.getChainId();
    const context = (file: WatchFile = watchFile): DetectorContext => ({
      chainId,
      watch: resolveWatch(parseWatchFile(file)),
    });
    const observeOptions = (file: WatchFile = watchFile): ObserveOptions => {
      const ctx = context(file);
      return {
        chainId,
        watched: watchedAddresses(ctx.watch),
        drainCandidateOwners: ctx.watch.approvalDrain.minOwners,
      };
    };
    const observeBlockOf = async (hash: Hex, file?: WatchFile) => {
      const receipt = await waitForTransactionReceipt(client, { hash, pollingInterval: 50 });
      return observeBlock(client, Number(receipt.blockNumber), observeOptions(file));
    };
    return {
      anvil,
      clients,
      client,
      dex,
      demo,
      reader: createRpcStateReader(client),
      watchFile,
      context,
      observeBlockOf,
      async observeMined(hash, file) {
        const block = await observeBlockOf(hash, file);
        const obs = block.transactions.find((tx) => tx.tx.hash === hash.toLowerCase());
        if (!obs) throw new Error(`${hash} is not a successful transaction of block ${block.number}`);
        return obs;
      },
      async observePendingTx(hash) {
        const raw = await pendingTransaction(client, hash);
        if (!raw) throw new Error(`${hash} is unknown to the node`);
        return observePending(client, raw, Number(await client.getBlockNumber({ cacheTime: 0 })), {
          chainId,
        });
      },
      stop: () => anvil.stop(),
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
