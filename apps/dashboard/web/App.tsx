import { lazy, Suspense, useEffect, useState } from "react";
import type { AppConfig } from "../src/lib/appConfig.ts";
import { Empty, ErrorNote, Loading } from "./components/ui.tsx";
import { AppProvider, useApp, useHead } from "./context.tsx";
import { errorMessage, fetchJson } from "./errors.ts";
import { MarketplacePage } from "./pages/Marketplace.tsx";
import { ProviderDetail } from "./pages/marketplace/ProviderDetail.tsx";
import { OperatorsPage } from "./pages/Operators.tsx";
import { ProviderConsole } from "./pages/ProviderConsole.tsx";
import { RestakingRisk } from "./pages/RestakingRisk.tsx";
import { useWallet, WalletProvider } from "./wallet.tsx";

const pages = [
  { path: "marketplace", title: "Marketplace", who: "consumers" },
  { path: "provider", title: "Provider console", who: "providers" },
  { path: "risk", title: "Restaking risk", who: "AVSs and stakers" },
  { path: "operators", title: "Operators & attestations", who: "operators" },
  { path: "governance", title: "Governance & alerts", who: "everyone" },
] as const;

// Its own chunk: the proposal-call decoder brings every contract's ABI, which no other page needs.
const GovernancePage = lazy(() =>
  import("./pages/Governance.tsx").then((m) => ({ default: m.GovernancePage })),
);

const readRoute = () => window.location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);

function useRoute(): string[] {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onChange = () => setRoute(readRoute());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function App() {
  const [config, setConfig] = useState<AppConfig | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Until the devnet has written its deployment file, ask again every 2 s.
    const load = () =>
      fetchJson<AppConfig>("/api/config").then(
        (value) => !stopped && setConfig(value),
        (failure: unknown) => {
          if (stopped) return;
          setError(errorMessage(failure));
          timer = setTimeout(load, 2_000);
        },
      );
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (!config)
    return (
      <div className="shell">
        <header className="top">
          <span className="brand">Palisade</span>
        </header>
        <main>
          {error ? (
            <ErrorNote error={error} hint="Start the devnet with `npm start`; this page retries every 2 s." />
          ) : (
            <Empty>Loading…</Empty>
          )}
        </main>
      </div>
    );
  return (
    <AppProvider config={config}>
      <WalletProvider>
        <Shell />
      </WalletProvider>
    </AppProvider>
  );
}

function Shell() {
  const route = useRoute();
  const [page = "marketplace", ...rest] = route;
  const current = pages.find((entry) => entry.path === page) ?? pages[0];
  return (
    <div className="shell">
      <header className="top">
        <a className="brand" href="#/marketplace">
          Palisade
        </a>
        <nav>
          {pages.map((entry) => (
            <a
              key={entry.path}
              href={`#/${entry.path}`}
              className={entry.path === current.path ? "active" : ""}
              title={`for ${entry.who}`}
            >
              {entry.title}
            </a>
          ))}
        </nav>
        <ChainStatus />
        <AccountPicker />
      </header>
      <main data-page={current.path}>
        {current.path === "marketplace" && rest[0] === "provider" && rest[1] ? (
          <ProviderDetail providerId={Number(rest[1])} />
        ) : current.path === "marketplace" ? (
          <MarketplacePage />
        ) : current.path === "provider" ? (
          <ProviderConsole />
        ) : current.path === "risk" ? (
          <RestakingRisk />
        ) : current.path === "operators" ? (
          <OperatorsPage />
        ) : (
          <Suspense fallback={<Loading what="the governance page" />}>
            <GovernancePage />
          </Suspense>
        )}
      </main>
    </div>
  );
}

function ChainStatus() {
  const { config } = useApp();
  const { head, error } = useHead();
  return (
    <div
      className={`chain ${error ? "bad" : ""}`}
      title={error ?? `RPC ${config.chainRpcUrl}`}
      data-testid="chain-status"
    >
      {config.chainId === 31_337 ? "devnet" : `chain ${config.chainId}`} ·{" "}
      {head ? `block ${head.number}` : error ? "RPC unreachable" : "…"}
    </div>
  );
}

function AccountPicker() {
  const { config } = useApp();
  const { wallet, injectedAvailable, connectInjected, chooseDevAccount, disconnect, error } = useWallet();
  return (
    <div className="account">
      {config.devAccounts.length > 0 ? (
        <label title="anvil's default mnemonic: public test keys, never use them for real funds">
          <span className="sr-only">Devnet account</span>
          <select
            value={wallet.kind === "devnet" ? wallet.name : ""}
            onChange={(event) => void chooseDevAccount(event.target.value)}
            aria-label="devnet account"
            data-testid="account-picker"
          >
            <option value="">
              {wallet.kind === "injected" ? "browser wallet" : "read-only (no account)"}
            </option>
            {config.devAccounts.map((account) => (
              <option key={account.name} value={account.name}>
                {account.name} — {account.role}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {injectedAvailable && wallet.kind !== "injected" ? (
        <button type="button" onClick={() => void connectInjected()}>
          Connect wallet
        </button>
      ) : null}
      {wallet.kind === "injected" ? (
        <button type="button" onClick={disconnect} title={wallet.address}>
          {wallet.address.slice(0, 6)}…{wallet.address.slice(-4)} ✕
        </button>
      ) : null}
      {wallet.kind === "devnet" ? <div className="warning-chip">devnet test key (public)</div> : null}
      {error ? <div className="error-inline">{error}</div> : null}
    </div>
  );
}
