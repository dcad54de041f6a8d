import { useMemo } from "react";
import { formatAmount, formatDuration, formatTime, shortHash } from "../../../src/lib/format.ts";
import { nextStep, shortProposalId, type Tally, tally } from "../../../src/lib/governance.ts";
import {
  type DecodedCall,
  decodeCall,
  formatArgument,
  knownContracts,
} from "../../../src/lib/proposalCalls.ts";
import type { Proposal } from "../../chain/sdk.ts";
import { Addr, usePaged } from "../../components/ui.tsx";
import { useApp, useHead } from "../../context.tsx";
import type { CastVote } from "../../data/governance.ts";
import { useNames } from "../../names.ts";
import { VoteForm } from "./VoteForm.tsx";

const stateClass: Record<Proposal["state"], string> = {
  Pending: "state-pending",
  Active: "state-active",
  Succeeded: "state-good",
  Queued: "state-good",
  Executed: "state-done",
  Defeated: "state-bad",
  Canceled: "state-bad",
  Expired: "state-bad",
};

/** One proposal: state and the time to its next step, its calls decoded, the tally against the quorum, the votes. */
export function ProposalCard({
  proposal,
  votes,
  vetoed,
}: {
  proposal: Proposal;
  votes: CastVote[];
  vetoed: boolean;
}) {
  const { config } = useApp();
  const { head } = useHead();
  const names = useNames();
  const now = head?.timestamp ?? 0;
  const known = useMemo(() => knownContracts(config.deployment), [config.deployment]);
  const calls = proposal.calls.map((call) => decodeCall(known, call));
  const step = nextStep(proposal, now);
  const counted = tally(proposal.votes, proposal.quorum);
  const [title = "", ...body] = proposal.description.split("\n");
  const id = proposal.proposalId.toString();
  const prefix = id.slice(0, 10);
  return (
    <article
      className="card wide proposal"
      data-testid="proposal"
      data-proposal-id={id}
      data-state={proposal.state}
    >
      <header className="proposal-head">
        <div>
          <h3>{title || "(no description)"}</h3>
          <div className="muted small">
            <span title={id}>#{shortProposalId(proposal.proposalId)}</span> by{" "}
            <Addr address={proposal.proposer} names={names} /> in block {proposal.createdAtBlock.toString()}
          </div>
        </div>
        <div className="proposal-state">
          <span className={`state ${stateClass[proposal.state]}`} data-testid="proposal-state">
            {vetoed ? "Vetoed" : proposal.state}
          </span>
          {step.label ? (
            <div className="small" data-testid="proposal-next">
              {step.label}
              {step.secondsLeft !== undefined && step.secondsLeft > 0 ? (
                <>
                  {" "}
                  in <strong>{formatDuration(step.secondsLeft)}</strong>
                </>
              ) : null}
              {step.at !== undefined ? <div className="muted">{formatTime(step.at)}</div> : null}
            </div>
          ) : null}
        </div>
      </header>
      {body.join("\n").trim() ? <p className="proposal-body">{body.join("\n").trim()}</p> : null}
      {step.needsAction ? (
        <p className="small">
          Anyone may {proposal.state === "Succeeded" ? "queue" : "execute"} it:{" "}
          <code>
            npx palisade gov {proposal.state === "Succeeded" ? "queue" : "execute"} --proposal {prefix}
          </code>
        </p>
      ) : null}
      <h4>Calls (run by the Timelock if it passes)</h4>
      <ol className="calls" data-testid="proposal-calls">
        {calls.map((call, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a proposal's calls never change or reorder, and may repeat.
          <li key={index}>
            <CallLine call={call} />
          </li>
        ))}
      </ol>
      {proposal.disciplinary ? (
        <p className="small warn-note" data-testid="proposal-disciplinary">
          Disciplinary slashing: the veto committee may veto it while it is queued, until its ETA
          {proposal.eta > 0n ? ` (${formatTime(Number(proposal.eta))})` : ""}.
          {vetoed ? " It was vetoed." : ""}
        </p>
      ) : null}
      <TallyView counted={counted} snapshotPast={proposal.snapshot < BigInt(now)} />
      <VoteForm proposal={proposal} />
      <VotesList votes={votes} />
    </article>
  );
}

function CallLine({ call }: { call: DecodedCall }) {
  const names = useNames();
  const value = call.value === 0n ? null : <span className="muted"> with {call.value.toString()} wei</span>;
  if (!call.functionName)
    return (
      <>
        {call.contract ? <strong>{call.contract}</strong> : <Addr address={call.target} names={names} />}{" "}
        <span className="muted">calldata</span> <code title={call.data}>{shortHash(call.data)}</code>
        {value}
      </>
    );
  return (
    <span className="call">
      <strong>{call.contract}</strong>.{call.functionName}(
      {call.args.map((arg, index) => (
        <span key={arg.name}>
          {index > 0 ? ", " : ""}
          <span className="muted">{arg.name}: </span>
          {arg.type === "address" ? (
            <Addr address={String(arg.value)} names={names} />
          ) : (
            formatArgument(arg.value)
          )}
        </span>
      ))}
      ){value}
    </span>
  );
}

function TallyView({ counted, snapshotPast }: { counted: Tally; snapshotPast: boolean }) {
  // The bar's scale: the quorum or the votes cast, whichever is larger, so the quorum mark stays on it.
  // biome-ignore lint/complexity/useMathMinMax: bigints (Math.max takes numbers).
  const scale = counted.quorum > counted.total ? counted.quorum : counted.total;
  const width = (part: bigint) => (scale === 0n ? 0 : Number((part * 10_000n) / scale) / 100);
  const quorumAt = width(counted.quorum);
  const { votes } = counted;
  return (
    <div className="tally" data-testid="proposal-tally">
      <div className="tally-numbers">
        <span className="vote-for" data-testid="votes-for">
          For {formatAmount(votes.for)}
        </span>
        <span className="vote-against" data-testid="votes-against">
          Against {formatAmount(votes.against)}
        </span>
        <span className="vote-abstain" data-testid="votes-abstain">
          Abstain {formatAmount(votes.abstain)}
        </span>
      </div>
      <div
        className="tally-bar"
        role="img"
        aria-label={`for ${formatAmount(votes.for)}, against ${formatAmount(votes.against)}, abstain ${formatAmount(votes.abstain)}, quorum ${formatAmount(counted.quorum)}`}
      >
        <div className="tally-for" style={{ width: `${width(votes.for)}%` }} />
        <div className="tally-abstain" style={{ width: `${width(votes.abstain)}%` }} />
        <div className="tally-against" style={{ width: `${width(votes.against)}%` }} />
        {counted.quorum > 0n ? <div className="tally-quorum" style={{ left: `${quorumAt}%` }} /> : null}
      </div>
      <div className="small" data-testid="proposal-quorum">
        {snapshotPast ? (
          <>
            Quorum (for + abstain): {formatAmount(counted.towardQuorum)} of {formatAmount(counted.quorum)} —{" "}
            <strong className={counted.quorumReached ? "ok" : "pending"}>
              {counted.quorumReached ? "reached" : `${Math.floor(counted.quorumFraction * 100)} %`}
            </strong>
            {counted.total > 0n ? (
              <span className="muted">
                {" "}
                · {counted.majorityFor ? "more for than against" : "not more for than against"}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">The quorum is fixed at the snapshot, when voting opens.</span>
        )}
      </div>
    </div>
  );
}

function VotesList({ votes }: { votes: CastVote[] }) {
  const names = useNames();
  const paged = usePaged(votes, 10);
  if (votes.length === 0) return <p className="muted small">No vote cast yet.</p>;
  return (
    <>
      <h4>Votes ({votes.length})</h4>
      <table data-testid="proposal-votes">
        <thead>
          <tr>
            <th>Voter</th>
            <th>Support</th>
            <th className="num">Weight</th>
            <th>Reason</th>
            <th>Block</th>
          </tr>
        </thead>
        <tbody>
          {paged.items.map((vote) => (
            <tr key={vote.transactionHash} data-testid="vote-row" data-voter={vote.voter}>
              <td>
                <Addr address={vote.voter} names={names} />
              </td>
              <td>
                <span className={`vote-${vote.support}`}>{vote.support}</span>
              </td>
              <td className="num" data-testid="vote-weight">
                {formatAmount(vote.weight)}
              </td>
              <td>{vote.reason || <span className="muted">—</span>}</td>
              <td>{vote.blockNumber.toString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {paged.pager}
    </>
  );
}
