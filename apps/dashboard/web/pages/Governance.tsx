import { Empty, Section } from "../components/ui.tsx";
import { useApp } from "../context.tsx";
import { AlertsSection } from "./governance/Alerts.tsx";

/**
 * Governance and alerts: the deployment's governance section (proposals and votes arrive with their
 * own data layer), and the attack monitor's alerts, live (governance/Alerts.tsx).
 */
export function GovernancePage() {
  const { config } = useApp();
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
      <AlertsSection />
    </>
  );
}
