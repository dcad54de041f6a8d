import { useState } from "react";
import { formatAmount } from "../../../src/lib/format.ts";
import type { SupportName } from "../../../src/lib/governance.ts";
import { castVote, type Proposal } from "../../chain/sdk.ts";
import { TxStatus, useTx } from "../../components/ui.tsx";
import { useApp, useChainQuery } from "../../context.tsx";
import { governanceOf, loadBallot } from "../../data/governance.ts";
import { useWallet } from "../../wallet.tsx";

const buttonOrder: readonly SupportName[] = ["for", "against", "abstain"];

/**
 * Votes on an active proposal with the page's signer (castVoteWithReason): for, against or abstain,
 * with the signer's weight at the proposal's snapshot. Says why it cannot when it cannot.
 */
export function VoteForm({ proposal }: { proposal: Proposal }) {
  const app = useApp();
  const { wallet } = useWallet();
  const tx = useTx();
  const [reason, setReason] = useState("");
  const voter = wallet.kind === "none" ? undefined : wallet.address;
  const active = proposal.state === "Active";
  const ballot = useChainQuery(
    (context, at) =>
      voter && active ? loadBallot(context, proposal, voter, at.timestamp) : Promise.resolve(undefined),
    [proposal.proposalId, voter, active],
  );
  const governance = governanceOf(app);
  if (!active || !governance) return null;
  if (wallet.kind === "none")
    return (
      <p className="muted small" data-testid="vote-form">
        Voting is open: choose an account at the top right (a browser wallet, or a devnet staker) to vote.
      </p>
    );
  const vote = (support: SupportName) =>
    void tx.run(`Voting ${support}`, async () => {
      const result = await castVote(wallet.signer, {
        governance,
        proposalId: proposal.proposalId,
        support,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setReason("");
      return result;
    });
  const weight = ballot.data?.weight;
  const voted = ballot.data?.hasVoted ?? false;
  return (
    <div className="vote-form" data-testid="vote-form">
      <div className="small">
        {ballot.data === undefined ? (
          "Reading your weight at the snapshot…"
        ) : voted ? (
          <strong className="ok">This account has voted on this proposal.</strong>
        ) : weight === 0n ? (
          <span className="bad">
            This account held no gPAL at the snapshot: it cannot vote on this proposal (tokens synced or
            received later count for later proposals).
          </span>
        ) : (
          <>
            Your weight at the snapshot:{" "}
            <strong data-testid="ballot-weight">{formatAmount(weight ?? 0n)}</strong> votes
          </>
        )}
      </div>
      {!voted && weight !== undefined && weight > 0n ? (
        <div className="form-row">
          <input
            aria-label="vote reason"
            placeholder="reason (optional, published with the vote)"
            size={48}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          {buttonOrder.map((support) => (
            <button
              key={support}
              type="button"
              className={`vote-button vote-${support}`}
              disabled={tx.busy}
              onClick={() => vote(support)}
            >
              Vote {support}
            </button>
          ))}
        </div>
      ) : null}
      <TxStatus state={tx.state} />
    </div>
  );
}
