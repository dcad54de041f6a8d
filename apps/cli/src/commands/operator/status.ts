import { allocationManagerAbi, delegationManagerAbi, serviceManagerAbi } from "@palisade/abis";
import { avsOf, getOperatorPool } from "@palisade/sdk";
import {
  formatPending,
  formatValue,
  readAvsOperators,
  readOperators,
  readStrategies,
  toUnderlying,
} from "@palisade/views";
import { formatUnits, zeroAddress, zeroHash } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { NotOperatorError, UsageError } from "../../errors.ts";
import { addressOrAccountSchema } from "../../options.ts";
import { fields, sharePercent, table } from "../../output/format.ts";
import { blocksUntil, palisadeSet, strategySymbol } from "../restaking.ts";
import { defineCommand } from "../types.ts";

const slashStatuses = ["none", "pending", "vetoed", "executed"] as const;

export const operatorStatus = defineCommand({
  summary: "an operator's stake, allocations, pending changes, registration, BLS key, node URL, slashes",
  description:
    "Per strategy: the stake delegated to the operator (and queued for withdrawal, still slashable), the share\n" +
    "allocated to Palisade's operator set and any pending change with its effect block. Then its registration:\n" +
    "in the set, its BLS key hash, node URL and the stake the OperatorRegistry counts (certificates weigh\n" +
    "signers by it) against its allocated value now; its other operator sets; the slashes it suffered in any\n" +
    "set, and Palisade's slash requests against it. Without --operator: the signer's.",
  example: "npx palisade operator status --operator operator0",
  options: {
    operator: {
      type: "string",
      placeholder: "address|name",
      description: "the operator (default: the signer's address)",
      schema: addressOrAccountSchema("--operator").optional(),
    },
  },
  async run(context, args) {
    const [client, deployment] = await Promise.all([context.publicClient(), context.deployment()]);
    if (args.operator === undefined && context.globals.signer.kind === "none")
      throw new UsageError(
        "give --operator <address>, or a signer (--account, --key, --keystore)",
        "operator status",
      );
    const operator = args.operator ?? (await context.wallet()).account.address;
    const { contracts } = deployment;
    const block = await getBlock(client, { blockTag: "latest" });
    const blockNumber = block.number;
    const isOperator = await readContract(client, {
      address: contracts.delegationManager,
      abi: delegationManagerAbi,
      functionName: "isOperator",
      args: [operator],
      blockNumber,
    });
    if (!isOperator) throw new NotOperatorError(operator);
    const avs = avsOf(deployment);
    const operatorSet = palisadeSet(deployment);
    const am = { address: contracts.allocationManager, abi: allocationManagerAbi, blockNumber } as const;
    const strategies = await readStrategies(client, deployment, blockNumber);
    const [[view], [registry], member, allocatedValue, sets, queued, slashes, requests, approver] =
      await Promise.all([
        readOperators(client, deployment, { operatorSet, operators: [operator], strategies, blockNumber }),
        readAvsOperators(client, avs, [operator], blockNumber),
        readContract(client, { ...am, functionName: "isMemberOfOperatorSet", args: [operator, operatorSet] }),
        readContract(client, {
          ...am,
          functionName: "getOperatorAllocatedValue",
          args: [operatorSet, operator],
        }),
        readContract(client, { ...am, functionName: "getRegisteredSets", args: [operator] }),
        Promise.all(
          strategies.map(async ({ strategy }) =>
            toUnderlying(
              client,
              strategy,
              (await getOperatorPool(client, { contracts, operator, strategy })).queuedShares,
              blockNumber,
            ),
          ),
        ),
        getContractEvents(client, {
          address: contracts.allocationManager,
          abi: allocationManagerAbi,
          eventName: "OperatorSlashed",
          args: { operator },
          fromBlock: BigInt(deployment.deployedAtBlock),
          toBlock: blockNumber,
          strict: true,
        }),
        getContractEvents(client, {
          address: avs.serviceManager,
          abi: serviceManagerAbi,
          eventName: "SlashRequested",
          args: { operator },
          fromBlock: BigInt(avs.deployedAtBlock),
          toBlock: blockNumber,
          strict: true,
        }),
        readContract(client, {
          address: contracts.delegationManager,
          abi: delegationManagerAbi,
          functionName: "delegationApprover",
          args: [operator],
          blockNumber,
        }),
      ]);
    if (!view || !registry) throw new Error("unreachable: one operator was read");
    const requestViews = await Promise.all(
      requests.map(async (event) => {
        const request = await readContract(client, {
          address: avs.serviceManager,
          abi: serviceManagerAbi,
          functionName: "getSlashRequest",
          args: [event.args.id],
          blockNumber,
        });
        return {
          id: event.args.id,
          wadToSlash: event.args.wadToSlash,
          evidenceURI: event.args.evidenceURI,
          vetoDeadline: Number(event.args.vetoDeadline),
          status: slashStatuses[request.status] ?? String(request.status),
          block: Number(event.blockNumber),
        };
      }),
    );
    const slashViews = slashes.map((event) => ({
      slashId: event.args.slashId,
      operatorSet: { avs: event.args.operatorSet.avs, id: Number(event.args.operatorSet.id) },
      strategies: event.args.strategies.map((strategy, index) => ({
        symbol: strategySymbol(deployment, strategy),
        wadSlashed: event.args.wadSlashed[index] ?? 0n,
        sharesSlashed: event.args.sharesSlashed[index] ?? 0n,
      })),
      description: event.args.description,
      block: Number(event.blockNumber),
    }));
    const stakeRows = strategies.map((strategy, index) => {
      const position = view.strategies[index];
      return {
        symbol: strategy.symbol,
        strategy: strategy.strategy,
        decimals: strategy.decimals,
        delegated: position?.delegated ?? 0n,
        queued: queued[index] ?? 0n,
        allocatedShare: position?.allocatedShareWad ?? 0n,
        allocated: position?.allocated ?? 0n,
        pending: position?.pending
          ? {
              ...position.pending,
              blocksLeft: blocksUntil(position.pending.effectBlock, blockNumber),
            }
          : null,
      };
    });
    const stale = registry.registered && registry.stake !== allocatedValue;
    const tokens = (value: bigint, decimals: number, symbol: string) =>
      `${formatUnits(value, decimals)} ${symbol}`;
    const text = [
      `operator ${operator} at block ${blockNumber}`,
      "",
      `Stake (underlying tokens) and allocation to Palisade's operator set ${operatorSet.id}`,
      table(
        ["strategy", "delegated", "queued", "allocated", "share", "pending change"],
        stakeRows.map((row) => [
          row.symbol,
          tokens(row.delegated, row.decimals, row.symbol),
          tokens(row.queued, row.decimals, row.symbol),
          tokens(row.allocated, row.decimals, row.symbol),
          sharePercent(row.allocatedShare),
          row.pending ? `${formatPending(row.pending)} (${row.pending.blocksLeft} blocks)` : "none",
        ]),
      ),
      "",
      "Registration",
      fields(
        [
          ["in the set", member ? "yes" : "no (`npx palisade operator register`)"],
          ["BLS pubkeyHash", registry.pubkeyHash === zeroHash ? "none" : registry.pubkeyHash],
          ["node URL", registry.nodeUrl === "" ? "none" : registry.nodeUrl],
          [
            "registry stake",
            registry.registered
              ? `${formatValue(registry.stake)} (value units; allocated value now ${formatValue(allocatedValue)}${stale ? ": stale, `npx palisade operator update-stake` records it" : ""})`
              : "not registered",
          ],
          [
            "operator sets",
            sets.length === 0
              ? "none"
              : sets
                  .map((set) =>
                    set.avs === operatorSet.avs && set.id === operatorSet.id
                      ? `Palisade (${set.id})`
                      : `${set.avs}/${set.id}`,
                  )
                  .join(", "),
          ],
          ["delegations", approver === zeroAddress ? "open to every staker" : `approved by ${approver}`],
        ],
        "  ",
      ),
      "",
      `Slashes (${slashViews.length})`,
      ...(slashViews.length === 0
        ? ["  none"]
        : slashViews.map(
            (slash) =>
              `  #${slash.slashId} block ${slash.block} set ${slash.operatorSet.avs}/${slash.operatorSet.id}: ${slash.strategies
                .map((entry) => `${entry.symbol} ${sharePercent(entry.wadSlashed)}`)
                .join(", ")}${slash.description ? ` (${slash.description})` : ""}`,
          )),
      `Palisade slash requests (${requestViews.length})`,
      ...(requestViews.length === 0
        ? ["  none"]
        : requestViews.map(
            (request) =>
              `  ${request.id} ${request.status}: ${sharePercent(request.wadToSlash)} requested in block ${request.block}, veto window until block ${request.vetoDeadline}${request.evidenceURI ? `, evidence ${request.evidenceURI}` : ""}`,
          )),
    ].join("\n");
    return {
      data: {
        operator,
        block: blockNumber,
        operatorSet,
        stake: stakeRows.map(({ decimals: _decimals, ...row }) => row),
        registration: {
          member,
          registered: registry.registered,
          pubkeyHash: registry.pubkeyHash === zeroHash ? null : registry.pubkeyHash,
          nodeUrl: registry.nodeUrl === "" ? null : registry.nodeUrl,
          registryStake: registry.stake,
          allocatedValue,
          stale,
        },
        operatorSets: sets.map((set) => ({ avs: set.avs, id: Number(set.id) })),
        slashes: slashViews,
        slashRequests: requestViews,
        delegationApprover: approver === zeroAddress ? null : approver,
      },
      text,
    };
  },
});
