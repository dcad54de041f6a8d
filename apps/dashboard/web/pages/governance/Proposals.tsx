import { useMemo } from "react";
import { Empty, ErrorNote, Loading, Section, usePaged } from "../../components/ui.tsx";
import { useApp, useChainQuery, useEvents } from "../../context.tsx";
import { castVotes, createdProposal, governanceEvent, loadProposals } from "../../data/governance.ts";
import { ProposalCard } from "./ProposalCard.tsx";

/** Proposals per page: each is a card with its calls, tally and votes. */
const PAGE_SIZE = 5;

/**
 * The governor's proposals, newest first, a page at a time: the `ProposalCreated` events (followed
 * block by block) give the calls and descriptions; only the page's proposals are read from the
 * governor (state, votes, quorum, timing) at each block.
 */
export function Proposals() {
  const app = useApp();
  const created = useEvents(governanceEvent(app, "governor", "ProposalCreated"));
  const voteCast = useEvents(governanceEvent(app, "governor", "VoteCast"));
  const voteCastWithParams = useEvents(governanceEvent(app, "governor", "VoteCastWithParams"));
  const vetoed = useEvents(governanceEvent(app, "governor", "ProposalVetoed"));
  const newestFirst = useMemo(() => created.logs.map(createdProposal).reverse(), [created.logs]);
  const paged = usePaged(newestFirst, PAGE_SIZE);
  const ids = paged.items.map((entry) => entry.proposalId);
  const proposals = useChainQuery(
    (context) => loadProposals(context, paged.items),
    // The page's ids stand for the page's items.
    [ids],
  );
  const votes = useMemo(
    () => castVotes([...voteCast.logs, ...voteCastWithParams.logs]),
    [voteCast.logs, voteCastWithParams.logs],
  );
  const vetoedIds = new Set(vetoed.logs.map((log) => log.args.proposalId as bigint));
  const error =
    created.error ?? voteCast.error ?? voteCastWithParams.error ?? vetoed.error ?? proposals.error;
  const byId = new Map((proposals.data ?? []).map((proposal) => [proposal.proposalId, proposal]));
  return (
    <Section title="Proposals" testId="proposals">
      <ErrorNote error={error} />
      {!created.synced ? (
        <Loading what="the proposals" />
      ) : newestFirst.length === 0 ? (
        <Empty>
          <span data-testid="proposals-empty">
            No proposal yet. Holders of gPAL propose from the CLI:{" "}
            <code>npx palisade gov propose --help</code> lists the governable parameters, e.g.{" "}
            <code>
              npx palisade gov propose --account staker2 --param marketplace.protocolFeeBps --value 300
              --description "Lower the protocol fee to 3 %"
            </code>{" "}
            on the devnet. It appears here at the next block; vote on it from this page once voting opens.
          </span>
        </Empty>
      ) : (
        <>
          <p className="muted">
            New proposals come from the CLI (<code>npx palisade gov propose --help</code>); vote here with the
            account chosen at the top right.
          </p>
          {paged.items.map((entry) => {
            const proposal = byId.get(entry.proposalId);
            return proposal ? (
              <ProposalCard
                key={entry.proposalId.toString()}
                proposal={proposal}
                votes={votes.filter((vote) => vote.proposalId === entry.proposalId)}
                vetoed={vetoedIds.has(entry.proposalId)}
              />
            ) : (
              <div key={entry.proposalId.toString()} className="card wide">
                <Loading what={`proposal ${entry.description.split("\n")[0]}`} />
              </div>
            );
          })}
          {paged.pager}
        </>
      )}
    </Section>
  );
}
