import { Empty, ErrorNote, Section } from "../components/ui.tsx";
import { useApp, useChainQuery } from "../context.tsx";
import { fetchJson } from "../errors.ts";

/**
 * Governance and the attack monitor are being built: this page shows what the deployment and the
 * services say exist, and what to run when they do not. Proposals, votes and alerts arrive with
 * their own data layer.
 */
export function GovernancePage() {
  const { config } = useApp();
  const monitor = useChainQuery(
    async (context) =>
      context.config.monitor
        ? fetchJson<Record<string, unknown>>(`${context.config.monitor.proxy}/health`)
        : undefined,
    [],
  );
  return (
    <>
      <Section title="Governance" testId="governance">
        {config.governance ? (
          <>
            <p>The deployment has a governance section:</p>
            <table>
              <tbody>
                {Object.entries(config.governance).map(([name, value]) => (
                  <tr key={name}>
                    <td>{name}</td>
                    <td>
                      <code>
                        {typeof value === "string" || typeof value === "number"
                          ? String(value)
                          : JSON.stringify(value)}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Empty>
              Proposals and votes with their weights will list here once governance publishes its events to
              the dashboard.
            </Empty>
          </>
        ) : (
          <Empty>
            This deployment has no governance section yet: until governance ships, the review resolver, the
            slash requester and the veto committee are configured accounts (see the Provider console and
            Operators pages). When it is deployed, its addresses appear here.
          </Empty>
        )}
      </Section>
      <Section title="Alerts and threat response" testId="alerts">
        {config.monitor ? (
          <>
            <p>
              Monitor <code>{config.monitor.url}</code>:{" "}
              <strong className={monitor.data ? "ok" : "bad"}>
                {monitor.data ? "running" : monitor.error ? "unreachable" : "…"}
              </strong>
            </p>
            <ErrorNote error={monitor.error} />
            {monitor.data ? <pre>{JSON.stringify(monitor.data, null, 2)}</pre> : null}
          </>
        ) : (
          <Empty>
            No attack monitor runs with this devnet (none in services.json). Run one against the chain to
            raise alerts:{" "}
            <code>
              npx tsx apps/monitor/src/main.ts --deployment .palisade/devnet/deployment.json --port 9464
            </code>
          </Empty>
        )}
      </Section>
    </>
  );
}
