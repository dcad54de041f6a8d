import type { Address, Hex } from "viem";
import { formatAmount, formatBps, formatPercent, shortHash } from "../../src/lib/format.ts";
import { CertificateChart } from "../components/lazyCharts.tsx";
import { Addr, Empty, ErrorNote, Loading, Section, Stat, usePaged } from "../components/ui.tsx";
import { useApp, useChainQuery, useEvents, useHead } from "../context.tsx";
import { avsEvent, loadAvs, loadCertificates, loadNodeHealth, loadSlashRequests } from "../data/operators.ts";
import { fetchJson } from "../errors.ts";
import { useNames } from "../names.ts";

/** Operators and what they attest: node health, stake and scores, certificates, slashing requests. */
export function OperatorsPage() {
  const app = useApp();
  if (!app.config.deployment.avs)
    return (
      <Empty>
        This deployment has no AVS section: start the devnet with <code>npm start</code>, or deploy the AVS
        with <code>npm run deploy -- --avs</code>.
      </Empty>
    );
  return (
    <>
      <Nodes />
      <Certificates />
      <SlashRequests />
    </>
  );
}

function useAvsOperators() {
  const app = useApp();
  const registered = useEvents(avsEvent(app, "operatorRegistry", "OperatorRegistered"));
  const operators = [...new Set(registered.logs.map((log) => log.args.operator as Address))];
  const avs = useChainQuery((context) => loadAvs(context, operators), [operators]);
  return { avs, error: registered.error };
}

function Nodes() {
  const app = useApp();
  const names = useNames();
  const { avs, error } = useAvsOperators();
  const pagedOperators = usePaged(avs.data?.operators ?? [], 20);
  const health = useChainQuery((context) => loadNodeHealth(context), []);
  const aggregator = useChainQuery(
    async (context) =>
      context.config.aggregator
        ? fetchJson<{ status: string; reasons: string[] }>(`${context.config.aggregator.proxy}/health`).catch(
            (failure: unknown) => ({
              status: "unreachable",
              reasons: [String((failure as Error).message)],
            }),
          )
        : undefined,
    [],
  );
  if (!avs.data)
    return avs.error || error ? (
      <ErrorNote error={avs.error ?? error} />
    ) : (
      <Loading what="the AVS operators" />
    );
  const byUrl = new Map((health.data ?? []).map((node) => [node.url.replace(/\/+$/, ""), node]));
  return (
    <Section title="Operators and their nodes" testId="nodes">
      <div className="stats">
        <Stat label="Registered stake" value={formatAmount(avs.data.totalStake)} note="value units, now" />
        <Stat
          label="Quorum threshold"
          value={formatBps(avs.data.quorumThresholdBps)}
          note="of the stake at the reference block"
        />
        <Stat label="Veto window" value={`${avs.data.vetoWindow} blocks`} note="for slashing requests" />
        <Stat
          label="Aggregator"
          value={
            <span className={aggregator.data?.status === "healthy" ? "ok" : "bad"}>
              {aggregator.data?.status ?? (app.config.aggregator ? "…" : "not running")}
            </span>
          }
          note={aggregator.data?.reasons.join("; ") || app.config.aggregator?.url}
        />
      </div>
      {app.config.nodes.length === 0 ? (
        <Empty>
          No node in services.json: node health shows when the devnet runs them (<code>npm start</code>).
        </Empty>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>Operator</th>
            <th className="num">Stake</th>
            <th className="num">Share</th>
            <th>Node</th>
            <th>Health</th>
            <th className="num">Performance score</th>
            <th className="num">Tasks signed</th>
          </tr>
        </thead>
        <tbody>
          {pagedOperators.items.map((operator) => {
            const node = byUrl.get(operator.nodeUrl.replace(/\/+$/, ""));
            const share =
              avs.data && avs.data.totalStake > 0n ? (operator.stake * 10n ** 18n) / avs.data.totalStake : 0n;
            return (
              <tr key={operator.operator} data-testid={`avs-operator-${operator.operator}`}>
                <td>
                  <Addr address={operator.operator} names={names} />
                  <div className="muted small">key {shortHash(operator.pubkeyHash)}</div>
                </td>
                <td className="num">{operator.registered ? formatAmount(operator.stake) : "deregistered"}</td>
                <td className="num">{formatPercent(share)}</td>
                <td>
                  <code>{operator.nodeUrl}</code>
                  {node?.name ? (
                    <div className="muted small">
                      {node.name} {node.version}
                    </div>
                  ) : null}
                </td>
                <td>
                  {node ? (
                    <span
                      className={node.status === "healthy" ? "ok" : "bad"}
                      title={node.reasons.join("; ")}
                    >
                      {node.status}
                    </span>
                  ) : (
                    <span className="muted">not run by this devnet</span>
                  )}
                  {node && node.reasons.length > 0 ? (
                    <div className="muted small">{node.reasons.join("; ")}</div>
                  ) : null}
                </td>
                <td className="num">{node?.score ?? "—"}</td>
                <td className="num">{node?.tasksSigned ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {pagedOperators.pager}
      <ErrorNote error={health.error} />
    </Section>
  );
}

function Certificates() {
  const app = useApp();
  const names = useNames();
  const { avs } = useAvsOperators();
  const attested = useEvents(avsEvent(app, "serviceManager", "BatchAttested"));
  const rows = [...attested.logs].reverse();
  const paged = usePaged(rows, 10);
  const certificates = useChainQuery(
    (context) => loadCertificates(context, paged.items),
    [paged.items.map((log) => log.transactionHash)],
  );
  const byKey = new Map(
    (avs.data?.operators ?? []).map((operator) => [operator.pubkeyHash.toLowerCase(), operator.operator]),
  );
  const threshold = (avs.data?.quorumThresholdBps ?? 0) / 100;
  const recent = rows
    .slice(0, 20)
    .reverse()
    .map((log) => ({
      label: String(log.blockNumber),
      signed:
        (log.args.totalStake as bigint) === 0n
          ? 0
          : Number(((log.args.signedStake as bigint) * 10_000n) / (log.args.totalStake as bigint)) / 100,
    }));
  return (
    <Section title="Certificates (one per batch of verdicts)" testId="certificates">
      <ErrorNote error={attested.error ?? certificates.error} />
      {rows.length === 0 ? (
        <Empty>
          No certificate yet. Ask the operators for an attested verdict:{" "}
          <code>npx tsx packages/sdk/examples/attest.ts</code>, or a gateway call with{" "}
          <code>attest=true</code>.
        </Empty>
      ) : (
        <>
          <CertificateChart rows={recent} threshold={threshold} />
          <table>
            <thead>
              <tr>
                <th>Block</th>
                <th>Batch root</th>
                <th className="num">Verdicts</th>
                <th className="num">Signed stake</th>
                <th>Non-signers</th>
              </tr>
            </thead>
            <tbody>
              {(certificates.data ?? []).map((certificate) => {
                const signedBps =
                  certificate.totalStake === 0n
                    ? 0n
                    : (certificate.signedStake * 10_000n) / certificate.totalStake;
                return (
                  <tr key={certificate.batchRoot}>
                    <td>
                      {certificate.block.toString()}{" "}
                      <span className="muted small">(ref. {certificate.referenceBlock})</span>
                    </td>
                    <td>
                      <code title={certificate.batchRoot}>{shortHash(certificate.batchRoot)}</code>
                    </td>
                    <td className="num">{certificate.verdictCount}</td>
                    <td className="num">
                      {formatAmount(certificate.signedStake)} / {formatAmount(certificate.totalStake)} ={" "}
                      <span
                        className={Number(signedBps) >= (avs.data?.quorumThresholdBps ?? 0) ? "ok" : "bad"}
                      >
                        {formatBps(Number(signedBps))}
                      </span>
                    </td>
                    <td>
                      {certificate.nonSigners === undefined
                        ? "unknown"
                        : certificate.nonSigners.length === 0
                          ? "none"
                          : certificate.nonSigners.map((hash: Hex) => {
                              const operator = byKey.get(hash.toLowerCase());
                              return operator ? (
                                <Addr key={hash} address={operator} names={names} />
                              ) : (
                                <code key={hash}>{shortHash(hash)}</code>
                              );
                            })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {paged.pager}
    </Section>
  );
}

function SlashRequests() {
  const app = useApp();
  const names = useNames();
  const { head } = useHead();
  const requested = useEvents(avsEvent(app, "serviceManager", "SlashRequested"));
  const equivocations = useEvents(avsEvent(app, "serviceManager", "EquivocationSlashed"));
  const pagedEquivocations = usePaged([...equivocations.logs].reverse(), 10);
  const rows = [...requested.logs].reverse();
  const paged = usePaged(rows, 10);
  const requests = useChainQuery(
    (context) => loadSlashRequests(context, paged.items),
    [paged.items.map((log) => String(log.args.id)), head?.number],
  );
  return (
    <Section title="Slashing requests and equivocation" testId="slash-requests">
      <ErrorNote error={requested.error ?? requests.error} />
      {rows.length === 0 ? (
        <Empty>
          No slashing request. The slash requester files one with evidence (requestSlash); the veto committee
          may veto it within the window; then anyone executes it.
        </Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Request</th>
              <th>Operator</th>
              <th className="num">Share to slash</th>
              <th>Evidence</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {(requests.data ?? []).map((request) => {
              const left = head ? request.vetoDeadline - Number(head.number) : 0;
              return (
                <tr key={request.id.toString()}>
                  <td>
                    #{request.id.toString()}{" "}
                    <span className="muted small">block {request.block.toString()}</span>
                  </td>
                  <td>
                    <Addr address={request.operator} names={names} />
                  </td>
                  <td className="num">{formatPercent(request.wadToSlash)}</td>
                  <td>
                    <code>{request.evidenceURI}</code>
                  </td>
                  <td>
                    {request.status === "pending"
                      ? left > 0
                        ? `pending: veto window open for ${left} more blocks (until block ${request.vetoDeadline})`
                        : "pending: veto window closed, anyone may execute it"
                      : request.status}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {paged.pager}
      <h4>Equivocation slashes</h4>
      {equivocations.logs.length === 0 ? (
        <Empty>
          No operator has signed two conflicting verdicts. Anyone holding both signatures slashes it at once
          (proveEquivocation).
        </Empty>
      ) : (
        <ul>
          {pagedEquivocations.items.map((log) => (
            <li key={`${log.transactionHash}-${log.logIndex}`}>
              block {log.blockNumber.toString()}: <Addr address={String(log.args.operator)} names={names} />{" "}
              equivocated on request <code>{shortHash(String(log.args.requestHash))}</code>, proven by{" "}
              <Addr address={String(log.args.prover)} names={names} />
            </li>
          ))}
        </ul>
      )}
      {pagedEquivocations.pager}
    </Section>
  );
}
