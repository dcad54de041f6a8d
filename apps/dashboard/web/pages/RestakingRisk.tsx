import type { Address } from "viem";
import { formatAmount, formatPercent, formatToken } from "../../src/lib/format.ts";
import { costAfterExit, securityMargin } from "../../src/lib/security.ts";
import { ExitChart, StakeBars } from "../components/lazyCharts.tsx";
import { Addr, Empty, ErrorNote, Loading, Section, Stat, usePaged } from "../components/ui.tsx";
import { useApp, useChainQuery, useEvents, useHead } from "../context.tsx";
import {
  coreEvent,
  loadQueuedWithdrawals,
  loadRestaking,
  type OperatorSetRef,
  type RestakingState,
  type SetView,
  setKey,
} from "../data/restaking.ts";
import { useNames } from "../names.ts";

const toNumber = (value: bigint, decimals = 18) => Number(formatAmount(value, decimals).replaceAll(",", ""));

function useSetLabel() {
  const { config } = useApp();
  const names = useNames();
  return (set: OperatorSetRef) => {
    const avs =
      config.deployment.avs && set.avs.toLowerCase() === config.deployment.avs.serviceManager.toLowerCase()
        ? "Palisade AVS"
        : (names.get(set.avs.toLowerCase()) ?? `AVS ${set.avs.slice(0, 8)}…`);
    return `${avs} · set ${set.id}`;
  };
}

/**
 * So AVSs and stakers can check operators: stake per strategy, allocations per operator set, pending
 * changes, queued withdrawals and slashes; per set, unique allocated stake against the declared profit
 * from corruption and who could break it by leaving.
 */
export function RestakingRisk() {
  const app = useApp();
  const operatorsLog = useEvents(coreEvent(app, "delegationManager", "OperatorRegistered"));
  const setsLog = useEvents(coreEvent(app, "allocationManager", "OperatorSetCreated"));
  const operators = [...new Set(operatorsLog.logs.map((log) => log.args.operator as Address))];
  const sets = setsLog.logs.map((log) => {
    const set = log.args.operatorSet as { avs: Address; id: number };
    return { avs: set.avs, id: Number(set.id) };
  });
  const state = useChainQuery(
    (context) => loadRestaking(context, operators, sets),
    [operators, sets.map(setKey)],
  );
  return (
    <>
      <ErrorNote
        error={operatorsLog.error ?? setsLog.error ?? state.error}
        hint="Is the chain running? `npm start`"
      />
      <Slashes />
      {!state.data ? (
        <Loading what="operators and operator sets" />
      ) : (
        <>
          <Sets state={state.data} />
          <Operators state={state.data} />
        </>
      )}
      <Withdrawals />
    </>
  );
}

function Sets({ state }: { state: RestakingState }) {
  if (state.sets.length === 0)
    return (
      <Section title="Operator sets">
        <Empty>No operator set yet: an AVS creates one with createOperatorSets (the devnet seeds two).</Empty>
      </Section>
    );
  return (
    <Section title="Operator sets: economic security" testId="sets">
      <p className="muted">
        A set is secure when α·U ≥ (1+γ)·π: U is the value its members allocate (unique to the set: slashing
        elsewhere never touches it), π the profit from corruption the AVS declares, α the share of stake that
        corrupts it, γ the margin it wants. Values in value units (tokens × the set's weight per strategy).
      </p>
      {state.sets.map((set) => (
        <SetCard key={setKey(set.set)} set={set} />
      ))}
    </Section>
  );
}

function SetCard({ set }: { set: SetView }) {
  const names = useNames();
  const label = useSetLabel();
  const declared = set.config.profitFromCorruption !== 0n;
  const margin = securityMargin(set.security);
  const exits = costAfterExit(set.security, set.config.corruptionThresholdWad, set.memberValues);
  const critical = new Set(set.critical.map((address) => address.toLowerCase()));
  const name = (address: string) => names.get(address.toLowerCase()) ?? `${address.slice(0, 8)}…`;
  return (
    <article className="card wide" data-testid={`set-${set.set.id}-${set.set.avs.slice(2, 8)}`}>
      <h3>{label(set.set)}</h3>
      <div className="muted">
        AVS <Addr address={set.set.avs} names={names} /> · slasher{" "}
        <Addr address={set.slasher} names={names} /> · {set.members.length} members
      </div>
      {!declared ? (
        <Empty>
          No economic-security config declared (setEconomicSecurityConfig): there is nothing to check the
          allocated stake against.
        </Empty>
      ) : (
        <>
          <div className="stats">
            <Stat label="U (allocated)" value={formatAmount(set.security.allocatedValue)} />
            <Stat
              label="α·U (cost to corrupt)"
              value={formatAmount(set.security.costOfCorruption)}
              note={`α = ${formatPercent(set.config.corruptionThresholdWad)}`}
            />
            <Stat
              label="(1+γ)·π (required)"
              value={formatAmount(set.security.requiredCost)}
              note={`π = ${formatAmount(set.config.profitFromCorruption)}, γ = ${formatPercent(set.config.gammaWad)}`}
            />
            <Stat
              label="γ-security margin"
              value={
                <span className={set.security.secure ? "ok" : "bad"}>
                  {margin === undefined ? "n/a" : formatPercent(margin)}
                </span>
              }
              note={set.security.secure ? "secure" : "NOT SECURE: α·U below (1+γ)·π"}
              testId="margin"
            />
          </div>
          <p>
            {set.critical.length === 0 ? (
              <>No single member's exit breaks it.</>
            ) : (
              <>
                <strong className="bad">Critical:</strong> the exit of {set.critical.map(name).join(", ")}{" "}
                alone would break it.
              </>
            )}
            {set.config.enforceOnDeallocation ? " Allocation decreases that would break it are refused." : ""}
          </p>
          <ExitChart
            rows={exits.map((row) => ({
              name: name(row.operator),
              cost: toNumber(row.costAfterExit),
              breaks: critical.has(row.operator.toLowerCase()),
            }))}
            required={toNumber(set.security.requiredCost)}
            current={toNumber(set.security.costOfCorruption)}
          />
        </>
      )}
    </article>
  );
}

function Operators({ state }: { state: RestakingState }) {
  const names = useNames();
  const label = useSetLabel();
  const { head } = useHead();
  const symbolOf = new Map(state.strategies.map((entry) => [entry.strategy.toLowerCase(), entry]));
  const paged = usePaged(state.operators, 6);
  if (state.operators.length === 0)
    return (
      <Section title="Operators">
        <Empty>No operator registered yet (registerAsOperator).</Empty>
      </Section>
    );
  const setNames = [...new Set(state.operators.flatMap((operator) => operator.sets.map(label)))];
  const rows = state.operators.map((operator) => {
    const row: Record<string, number | string> = {
      name: names.get(operator.operator.toLowerCase()) ?? operator.operator.slice(0, 8),
    };
    let allocated = 0;
    for (const set of operator.sets) {
      const value = operator.allocations
        .filter((entry) => setKey(entry.set) === setKey(set))
        .reduce(
          (sum, entry) =>
            sum + toNumber(entry.allocated, symbolOf.get(entry.strategy.toLowerCase())?.decimals),
          0,
        );
      row[label(set)] = value;
      allocated += value;
    }
    const delegated = operator.stake.reduce(
      (sum, entry) => sum + toNumber(entry.delegated, symbolOf.get(entry.strategy.toLowerCase())?.decimals),
      0,
    );
    row["not allocated"] = Math.max(0, delegated - allocated);
    return row;
  });
  return (
    <Section title="Operators: delegated stake and allocations" testId="operators">
      <p className="muted">
        Stake in underlying tokens summed over strategies (the devnet's LSTs are all ETH-like): what each set
        may slash, and what is not allocated to any.
      </p>
      <StakeBars rows={rows} sets={setNames} />
      {paged.items.map((operator) => (
        <article key={operator.operator} className="card wide" data-testid={`operator-${operator.operator}`}>
          <h3>
            <Addr address={operator.operator} names={names} />
          </h3>
          <table>
            <thead>
              <tr>
                <th>Strategy</th>
                <th className="num">Delegated</th>
                <th className="num">Queued to withdraw</th>
                {operator.sets.map((set) => (
                  <th key={setKey(set)} className="num">
                    {label(set)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {operator.stake.map((entry) => {
                const info = symbolOf.get(entry.strategy.toLowerCase());
                const symbol = info?.symbol ?? entry.strategy.slice(0, 8);
                return (
                  <tr key={entry.strategy}>
                    <td>{symbol}</td>
                    <td className="num">{formatToken(entry.delegated, symbol, info?.decimals)}</td>
                    <td className="num">
                      {entry.queued > 0n ? formatToken(entry.queued, symbol, info?.decimals) : "—"}
                    </td>
                    {operator.sets.map((set) => {
                      const allocation = operator.allocations.find(
                        (item) => setKey(item.set) === setKey(set) && item.strategy === entry.strategy,
                      );
                      if (!allocation) return <td key={setKey(set)} />;
                      const blocksLeft =
                        allocation.pending && head
                          ? allocation.pending.effectBlock - Number(head.number)
                          : undefined;
                      return (
                        <td key={setKey(set)} className="num">
                          {formatPercent(allocation.shareWad)} ={" "}
                          {formatToken(allocation.allocated, symbol, info?.decimals)}
                          {allocation.pending ? (
                            <div className="pending">
                              pending {allocation.pending.diffWad > 0n ? "+" : ""}
                              {formatPercent(allocation.pending.diffWad)} at block{" "}
                              {allocation.pending.effectBlock}
                              {blocksLeft !== undefined && blocksLeft > 0 ? ` (${blocksLeft} blocks)` : ""}
                            </div>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {operator.sets.length === 0 ? (
            <p className="muted">Not registered for any operator set: its stake secures nothing yet.</p>
          ) : null}
        </article>
      ))}
      {paged.pager}
    </Section>
  );
}

function Slashes() {
  const app = useApp();
  const names = useNames();
  const label = useSetLabel();
  const slashed = useEvents(coreEvent(app, "allocationManager", "OperatorSlashed"));
  const symbols = new Map(
    Object.entries(app.config.deployment.strategies).map(([symbol, entry]) => [
      entry.strategy.toLowerCase(),
      symbol,
    ]),
  );
  const rows = [...slashed.logs].reverse();
  const paged = usePaged(rows, 8);
  return (
    <Section title="Slashing history" testId="slashes">
      <ErrorNote error={slashed.error} />
      {rows.length === 0 ? (
        <Empty>
          No operator has been slashed. A set's slasher slashes with slashOperator; Palisade's operators
          through the ServiceManager (request, veto window, execute).
        </Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Block</th>
              <th>Slash</th>
              <th>Operator</th>
              <th>Operator set</th>
              <th>Slashed (share of its stake in the strategy)</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((log) => {
              const set = log.args.operatorSet as { avs: Address; id: number };
              const strategies = log.args.strategies as Address[];
              const wads = log.args.wadSlashed as bigint[];
              const shares = log.args.sharesSlashed as bigint[];
              return (
                <tr key={`${log.transactionHash}-${log.logIndex}`} data-testid="slash-row">
                  <td>{log.blockNumber.toString()}</td>
                  <td>#{String(log.args.slashId)}</td>
                  <td>
                    <Addr address={String(log.args.operator)} names={names} />
                  </td>
                  <td>{label({ avs: set.avs, id: Number(set.id) })}</td>
                  <td>
                    {strategies.map((strategy, index) => (
                      <div key={strategy}>
                        {symbols.get(strategy.toLowerCase()) ?? strategy.slice(0, 8)}{" "}
                        {formatPercent(wads[index] ?? 0n)} ({formatAmount(shares[index] ?? 0n)} shares)
                      </div>
                    ))}
                  </td>
                  <td>{String(log.args.description)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {paged.pager}
    </Section>
  );
}

function Withdrawals() {
  const app = useApp();
  const names = useNames();
  const { head } = useHead();
  const queued = useEvents(coreEvent(app, "delegationManager", "WithdrawalQueued"));
  const completed = useEvents(coreEvent(app, "delegationManager", "WithdrawalCompleted"));
  const open = useChainQuery(
    (context) => loadQueuedWithdrawals(context, queued.logs, completed.logs),
    [queued.logs.length, completed.logs.length],
  );
  const symbols = new Map(
    Object.entries(app.config.deployment.strategies).map(([symbol, entry]) => [
      entry.strategy.toLowerCase(),
      symbol,
    ]),
  );
  const rows = [...(open.data ?? [])].reverse();
  const paged = usePaged(rows, 8);
  return (
    <Section title="Queued withdrawals (still slashable until completed)" testId="withdrawals">
      <ErrorNote error={queued.error ?? open.error} />
      {rows.length === 0 ? (
        <Empty>
          No withdrawal in the queue. A staker queues one with queueWithdrawal (or undelegate); it completes
          after the withdrawal delay.
        </Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Staker</th>
              <th>Operator</th>
              <th>Shares</th>
              <th>Queued at</th>
              <th>Completable</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((withdrawal) => {
              const left = head ? withdrawal.completableBlock - Number(head.number) - 1 : 0;
              return (
                <tr key={withdrawal.root}>
                  <td>
                    <Addr address={withdrawal.staker} names={names} />
                  </td>
                  <td>
                    <Addr address={withdrawal.operator} names={names} />
                  </td>
                  <td>
                    {withdrawal.strategies.map((entry) => (
                      <div key={entry.strategy}>
                        {formatAmount(entry.shares)} {symbols.get(entry.strategy.toLowerCase()) ?? ""}
                      </div>
                    ))}
                  </td>
                  <td>block {withdrawal.startBlock}</td>
                  <td>{left > 0 ? `in ${left} blocks (block ${withdrawal.completableBlock})` : "now"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {paged.pager}
    </Section>
  );
}
