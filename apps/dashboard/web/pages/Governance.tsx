import { useState } from "react";
import type { Address } from "viem";
import { Empty, ErrorNote, Loading, Section } from "../components/ui.tsx";
import { useApp, useChainQuery } from "../context.tsx";
import { loadOverview } from "../data/governance.ts";
import { useWallet } from "../wallet.tsx";
import { AlertsSection } from "./governance/Alerts.tsx";
import { Proposals } from "./governance/Proposals.tsx";
import { ThreatResponseSection } from "./governance/ThreatResponse.tsx";
import { GovernanceStats, TokenPanel } from "./governance/TokenPanel.tsx";

/**
 * Governance and alerts: gPAL and the governor's parameters, the proposals with their votes (vote from
 * here), the holders and one account's lots; then the attack monitor's alerts, live
 * (governance/Alerts.tsx), and the threat response's actions in force (governance/ThreatResponse.tsx). Loaded on demand (App.tsx): the call decoder brings every contract's ABI.
 */
export function GovernancePage() {
  const { config } = useApp();
  return (
    <>
      {config.deployment.governance ? (
        <Governance />
      ) : (
        <Section title="Governance" testId="governance">
          <Empty>
            This deployment has no governance section: start the devnet with <code>npm start</code> (it
            deploys gPAL, the governor, the Timelock and the revenue distributor and hands the contracts to
            the Timelock), or deploy governance on this chain and add its section to the deployment file.
          </Empty>
        </Section>
      )}
      <AlertsSection />
      <ThreatResponseSection />
    </>
  );
}

function Governance() {
  const { wallet } = useWallet();
  const signer = wallet.kind === "none" ? undefined : wallet.address;
  // The account picked on this page, for the signer it was picked under: choosing another signer
  // shows that signer's gPAL again.
  const [chosen, setChosen] = useState<{ under: Address | undefined; account: Address | undefined }>();
  const overview = useChainQuery((context) => loadOverview(context), []);
  return (
    <>
      <Section title="Governance" testId="governance">
        <ErrorNote error={overview.error} />
        {overview.data ? <GovernanceStats overview={overview.data} /> : <Loading what="governance" />}
      </Section>
      <Proposals />
      <TokenPanel
        selected={(chosen?.under === signer ? chosen?.account : undefined) ?? signer}
        onSelect={(account) => setChosen({ under: signer, account })}
      />
    </>
  );
}
