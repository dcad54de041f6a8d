import { operatorRegistryAbi, serviceManagerAbi } from "@palisade/abis";
import { decodeG1, type G1Point, type PublicKey } from "@palisade/crypto";
import type { Address, Hex, PublicClient } from "viem";
import { NoOperatorsError } from "../errors.ts";

/** An operator registered at some block, with what the aggregator needs to check its signatures. */
export interface RegisteredOperator {
  operator: Address;
  /** keccak256(abi.encode(G1Point)): the key's id on-chain, lower-case. */
  pubkeyHash: Hex;
  pubkey: G1Point;
  /** The decoded key (subgroup-checked once, cached). */
  publicKey: PublicKey;
  /** Stake at the snapshot's block. */
  stake: bigint;
  /** The node URL the operator registered (current, not historical: nodes move). */
  nodeUrl: string;
}

/** Who could sign at `block`, and what their signatures weigh. */
export interface OperatorSnapshot {
  block: number;
  operators: readonly RegisteredOperator[];
  byPubkeyHash: ReadonlyMap<Hex, RegisteredOperator>;
  totalStake: bigint;
  /** Index into the registry's aggregate-key history at `block` (the certificate's apkHint). */
  apkIndex: number;
}

export interface OperatorView {
  readonly registry: Address;
  readonly serviceManager: Address;
  /** Operators registered at the end of `block` (throws NoOperatorsError when there are none). */
  snapshotAt(block: number): Promise<OperatorSnapshot>;
  /** The ServiceManager's current quorum threshold (what submitBatch checks). */
  thresholdBps(): Promise<number>;
  /** The stake-history index of `pubkeyHash` at `block` (a non-signer's hint). */
  stakeIndexAt(pubkeyHash: Hex, block: number): Promise<number>;
}

export interface CreateOperatorViewParameters {
  client: PublicClient;
  serviceManager: Address;
  registry: Address;
  /** Where to start reading PubkeyRegistered events (the AVS deployment block). */
  fromBlock: number;
}

/** How many snapshots to keep: tasks of one interval share a handful of reference blocks. */
const SNAPSHOT_CACHE = 64;

/**
 * Reads the OperatorRegistry at a block. The registry has no list view, so operators are found from
 * its PubkeyRegistered events (a key is bound once, for life) and filtered by `stakeAt(block)`, the
 * same history the QuorumVerifier reads. Decoded keys are cached by pubkeyHash, snapshots by block.
 */
export function createOperatorView(parameters: CreateOperatorViewParameters): OperatorView {
  const { client, registry, serviceManager } = parameters;
  const keys = new Map<Hex, PublicKey>();
  const snapshots = new Map<number, Promise<OperatorSnapshot>>();

  async function load(block: number): Promise<OperatorSnapshot> {
    const blockNumber = BigInt(block);
    const events = await client.getContractEvents({
      address: registry,
      abi: operatorRegistryAbi,
      eventName: "PubkeyRegistered",
      fromBlock: BigInt(parameters.fromBlock),
      toBlock: blockNumber,
      strict: true,
    });
    const operators = await Promise.all(
      events.map(async (event) => {
        const { operator, pubkeyHash, pubkey } = event.args;
        const id = pubkeyHash.toLowerCase() as Hex;
        const [[registered, stake], nodeUrl] = await Promise.all([
          client.readContract({
            address: registry,
            abi: operatorRegistryAbi,
            functionName: "stakeAt",
            args: [id, block, 0n],
          }),
          client.readContract({
            address: registry,
            abi: operatorRegistryAbi,
            functionName: "nodeUrlOf",
            args: [operator],
          }),
        ]);
        if (!registered) return undefined;
        let publicKey = keys.get(id);
        if (!publicKey) {
          publicKey = decodeG1(pubkey);
          keys.set(id, publicKey);
        }
        return { operator, pubkeyHash: id, pubkey, publicKey, stake, nodeUrl } satisfies RegisteredOperator;
      }),
    );
    const registered = operators.filter((entry): entry is RegisteredOperator => entry !== undefined);
    if (registered.length === 0) throw new NoOperatorsError(block);
    const apkIndex = await client.readContract({
      address: registry,
      abi: operatorRegistryAbi,
      functionName: "apkIndexAt",
      args: [block],
    });
    const [, totalStake] = await client.readContract({
      address: registry,
      abi: operatorRegistryAbi,
      functionName: "apkAt",
      args: [block, BigInt(apkIndex)],
    });
    return {
      block,
      operators: registered,
      byPubkeyHash: new Map(registered.map((entry) => [entry.pubkeyHash, entry])),
      totalStake,
      apkIndex,
    };
  }

  return {
    registry,
    serviceManager,
    snapshotAt(block) {
      let snapshot = snapshots.get(block);
      if (!snapshot) {
        snapshot = load(block);
        // A failed read is not cached: the next task retries.
        snapshot.catch(() => snapshots.delete(block));
        snapshots.set(block, snapshot);
        if (snapshots.size > SNAPSHOT_CACHE) {
          const oldest = snapshots.keys().next().value;
          if (oldest !== undefined) snapshots.delete(oldest);
        }
      }
      return snapshot;
    },
    async thresholdBps() {
      // The threshold submitBatch applies: the configured one, or a ThreatResponse's raised floor.
      return client.readContract({
        address: serviceManager,
        abi: serviceManagerAbi,
        functionName: "effectiveQuorumThresholdBps",
      });
    },
    async stakeIndexAt(pubkeyHash, block) {
      return client.readContract({
        address: registry,
        abi: operatorRegistryAbi,
        functionName: "stakeIndexAt",
        args: [pubkeyHash, block],
      });
    },
  };
}

/** `signed × 10000 ≥ total × bps`: the QuorumVerifier's test, in the same integer arithmetic. */
export function meetsQuorum(signedStake: bigint, totalStake: bigint, thresholdBps: number): boolean {
  return totalStake > 0n && signedStake * 10_000n >= totalStake * BigInt(thresholdBps);
}
