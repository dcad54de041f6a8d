import { useEffect, useState } from "react";
import { type Address, isAddress } from "viem";
import { formatAmount, formatBps, formatDuration, formatTime } from "../../../src/lib/format.ts";
import { lotMultiplier } from "../../../src/lib/governance.ts";
import { syncGovernanceToken } from "../../chain/sdk.ts";
import {
  Addr,
  Empty,
  ErrorNote,
  Loading,
  Section,
  Stat,
  TxStatus,
  usePaged,
  useTx,
} from "../../components/ui.tsx";
import { useApp, useChainQuery, useEvents, useHead } from "../../context.tsx";
import {
  type GovernanceOverview,
  governanceEvent,
  governanceOf,
  loadHolderDetail,
  loadHolders,
} from "../../data/governance.ts";
import { useNames } from "../../names.ts";
import { useWallet } from "../../wallet.tsx";

const ZERO = "0x0000000000000000000000000000000000000000";

/** `1.23×`: a weight per token. */
const times = (value: number) => `${value.toFixed(2)}×`;

/** gPAL (decision 0006): supply and backing, the governor's parameters, the revenue epoch. */
export function GovernanceStats({ overview }: { overview: GovernanceOverview }) {
  const { head } = useHead();
  const names = useNames();
  const now = head?.timestamp ?? 0;
  const { revenue } = overview;
  return (
    <div className="stats" data-testid="governance-stats">
      <Stat
        label="gPAL supply"
        value={formatAmount(overview.totalSupply)}
        note={`backed ${formatAmount(overview.totalBacking)}, debt ${formatAmount(overview.totalDebt)}, granted ${formatAmount(overview.totalGranted)}`}
        testId="gpal-supply"
      />
      <Stat
        label="Quorum"
        value={formatBps(overview.quorumBps)}
        note="of 2 × supply at the snapshot (for + abstain)"
      />
      <Stat
        label="Proposal threshold"
        value={formatAmount(overview.proposalThreshold)}
        note={`votes (${formatBps(overview.proposalThresholdBps)} of 2 × supply)`}
      />
      <Stat
        label="Voting"
        value={formatDuration(overview.votingPeriod)}
        note={`opens ${formatDuration(overview.votingDelay)} after the proposal`}
      />
      <Stat label="Timelock" value={formatDuration(overview.timelockDelay)} note="from queue to execution" />
      <Stat
        label="Veto committee"
        value={<Addr address={overview.vetoCommittee} names={names} />}
        note="may veto queued disciplinary slashing proposals"
      />
      <Stat
        label="Revenue epoch"
        value={`#${revenue.epochCount}`}
        note={
          now >= revenue.nextDistributionAt
            ? "may be closed now (distribute(): anyone)"
            : `closes in ${formatDuration(revenue.nextDistributionAt - now)} (epochs of ${formatDuration(revenue.epochLength)})`
        }
      />
    </div>
  );
}

/**
 * The holders of gPAL (every address it was sent to) with their weight now, and one account's detail:
 * its lots with each lot's weight per token, its backing against its backed stake (sync), and the
 * investor revenue it can claim.
 */
export function TokenPanel({
  selected,
  onSelect,
}: {
  selected: Address | undefined;
  onSelect: (account: Address | undefined) => void;
}) {
  const app = useApp();
  const names = useNames();
  const transfers = useEvents(governanceEvent(app, "governanceToken", "Transfer"));
  const recipients = [
    ...new Set(transfers.logs.map((log) => log.args.to as Address).filter((to) => to !== ZERO)),
  ];
  const holders = useChainQuery((context) => loadHolders(context, recipients), [recipients]);
  // The typed text, kept apart from `selected` so a half-typed address is not overwritten.
  const [text, setText] = useState(selected ?? "");
  useEffect(() => setText(selected ?? ""), [selected]);
  const paged = usePaged(holders.data ?? [], 8);
  const detail = useChainQuery(
    (context) => (selected ? loadHolderDetail(context, selected) : Promise.resolve(undefined)),
    [selected],
  );
  return (
    <Section title="gPAL holders and voting weight" testId="gpal">
      <div className="form-row">
        <label>
          Account{" "}
          <input
            size={44}
            placeholder="0x… (or pick a holder below)"
            aria-label="gPAL account"
            value={text}
            onChange={(event) => {
              const value = event.target.value.trim();
              setText(value);
              if (value === "") onSelect(undefined);
              else if (isAddress(value, { strict: false })) onSelect(value);
            }}
          />
        </label>
      </div>
      <div className="cards">
        <div className="card">
          <h3>Holders</h3>
          <ErrorNote error={transfers.error ?? holders.error} />
          {holders.data === undefined ? (
            <Loading what="the holders" />
          ) : holders.data.length === 0 ? (
            <Empty>
              No gPAL yet. Restake with an operator of Palisade's set, then sync (below, or{" "}
              <code>npx palisade gov sync</code>).
            </Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Holder</th>
                  <th className="num">gPAL</th>
                  <th className="num">Weight now</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {paged.items.map((holder) => (
                  <tr key={holder.address} data-testid="gpal-holder">
                    <td>
                      <Addr address={holder.address} names={names} />
                    </td>
                    <td className="num">{formatAmount(holder.balance)}</td>
                    <td className="num">
                      {formatAmount(holder.weight)}
                      <div className="muted small">
                        {times(Number((holder.weight * 10_000n) / holder.balance) / 10_000)}
                      </div>
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="link"
                        onClick={() => onSelect(holder.address)}
                        disabled={holder.address === selected}
                      >
                        details
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {paged.pager}
        </div>
        <div className="card" data-testid="gpal-account">
          {!selected ? (
            <Empty>
              Choose an account (top right) or a holder to see its gPAL, voting weight, lots and revenue.
            </Empty>
          ) : (
            <>
              <h3>
                <Addr address={selected} names={names} />
              </h3>
              <ErrorNote error={detail.error} />
              {detail.data ? (
                <AccountDetail account={selected} detail={detail.data} />
              ) : (
                <Loading what="gPAL" />
              )}
            </>
          )}
        </div>
      </div>
    </Section>
  );
}

function AccountDetail({
  account,
  detail,
}: {
  account: Address;
  detail: NonNullable<Awaited<ReturnType<typeof loadHolderDetail>>>;
}) {
  const app = useApp();
  const { head } = useHead();
  const { wallet } = useWallet();
  const tx = useTx();
  const governance = governanceOf(app);
  const now = head?.timestamp ?? 0;
  const { balance, weight, backedStake, backing, debt, lots } = detail.account;
  const change = backedStake - backing;
  // A rise repays the debt first (decision 0006): what a sync would mint.
  const minted = change > debt ? change - debt : 0n;
  // A fall is burned from the balance, what the balance cannot cover becomes debt.
  // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers).
  const burned = -change < balance ? -change : balance;
  const own = wallet.kind !== "none" && wallet.address.toLowerCase() === account.toLowerCase();
  return (
    <>
      <div className="stats">
        <Stat label="Balance" value={formatAmount(balance)} note="gPAL" testId="gpal-balance" />
        <Stat
          label="Voting weight now"
          value={formatAmount(weight)}
          note={
            balance > 0n
              ? `${times(Number((weight * 10_000n) / balance) / 10_000)} the balance (1× on arrival, 2× after a year held)`
              : "no gPAL: no votes"
          }
          testId="gpal-weight"
        />
        <Stat
          label="Backed stake"
          value={formatAmount(backedStake)}
          note={
            change === 0n
              ? "in line with its gPAL"
              : change > 0n
                ? `a sync would mint ${formatAmount(minted)}${debt > 0n ? " after repaying debt" : ""}`
                : `a sync would burn ${formatAmount(burned)}${burned < -change ? ` and owe ${formatAmount(-change - burned)}` : ""}`
          }
        />
        {debt > 0n ? (
          <Stat label="Debt" value={formatAmount(debt)} note="repaid by later rises or at exit" />
        ) : null}
        <Stat
          label="Investor revenue"
          value={`${formatAmount(detail.revenue.total)} PAL`}
          note={
            detail.revenue.claimable.length > 0
              ? `claimable from epochs ${detail.revenue.claimable.map((entry) => entry.epoch).join(", ")} (SDK claimInvestorRevenue)`
              : `nothing to claim of ${detail.revenue.epochCount} settled epochs`
          }
        />
      </div>
      {lots.length > 0 ? (
        <table data-testid="gpal-lots">
          <thead>
            <tr>
              <th>Lot</th>
              <th className="num">Amount</th>
              <th>Acquired</th>
              <th className="num">Held</th>
              <th className="num">Weight per token</th>
            </tr>
          </thead>
          <tbody>
            {lots.map((lot, index) => (
              // Lots have distinct times: an arrival in the same second joins the youngest lot.
              <tr key={lot.acquiredAt}>
                <td>{index + 1}</td>
                <td className="num">{formatAmount(lot.amount)}</td>
                <td>{formatTime(lot.acquiredAt)}</td>
                <td className="num">{formatDuration(now - lot.acquiredAt)}</td>
                <td className="num">{times(lotMultiplier(lot.acquiredAt, now))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted small">
        At most 8 lots per account; tokens leave from the youngest lot, arrivals start at 1×. Votes on a
        proposal count the lots held at its snapshot.
      </p>
      {governance && wallet.kind !== "none" ? (
        <div className="form-row">
          <button
            type="button"
            data-testid="gpal-sync"
            disabled={tx.busy}
            onClick={() =>
              void tx.run(own ? "Syncing your gPAL" : "Syncing this account's gPAL", () =>
                syncGovernanceToken(wallet.signer, { governance, staker: account }),
              )
            }
          >
            Sync gPAL{own ? "" : " (for this account: anyone may)"}
          </button>
          <span className="muted small">
            mints the rise of the stake allocated to Palisade's set, burns its fall
          </span>
        </div>
      ) : null}
      <TxStatus state={tx.state} />
    </>
  );
}
