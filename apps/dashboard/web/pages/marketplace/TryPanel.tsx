import { useState } from "react";
import { getPurchase } from "../../chain/sdk.ts";
import { ErrorNote } from "../../components/ui.tsx";
import { useApp } from "../../context.tsx";
import {
  type CallResult,
  callGateway,
  fetchUsage,
  gatewayBase,
  mintAuthorization,
} from "../../data/gateway.ts";
import type { MarketplaceState } from "../../data/marketplace.ts";
import { errorMessage } from "../../errors.ts";
import { useWallet } from "../../wallet.tsx";

interface Field {
  name: string;
  label: string;
  initial: string;
}

/** What each engine route asks, with an example the devnet answers with a risky verdict. */
function fieldsOf(path: string, honeypot: string | undefined): Field[] | "json" {
  if (path === "/v1/address")
    return [{ name: "address", label: "Address", initial: "0x983a81ca6fb1e441266d2fbcb7d8e530ac2e05a2" }];
  if (path === "/v1/token") return [{ name: "token", label: "Token", initial: honeypot ?? "" }];
  if (path === "/v1/phishing")
    return [{ name: "url", label: "URL", initial: "https://xn--mtamask-7gg.io/connect" }];
  return "json";
}

/**
 * Try a purchased service from the page: sign the access token for the next call (nonce = the
 * gateway's highest recorded call + 1), call the provider's gateway, show the verdict.
 */
export function TryPanel({
  purchaseId,
  providerId,
  serviceId,
  market,
}: {
  purchaseId: bigint;
  providerId: number;
  serviceId: number;
  market: MarketplaceState;
}) {
  const app = useApp();
  const { wallet } = useWallet();
  const service = market.services.find((entry) => entry.serviceId === serviceId);
  const provider = market.providers.find((entry) => entry.providerId === providerId);
  const honeypot = Object.values(app.config.deployment.dex?.tokens ?? {}).find((token) =>
    token.symbol.toLowerCase().includes("honey"),
  )?.address;
  const path = service?.endpointPath ?? "";
  const fields = fieldsOf(path, honeypot);
  const [values, setValues] = useState<Record<string, string>>(() =>
    fields === "json" ? {} : Object.fromEntries(fields.map((field) => [field.name, field.initial])),
  );
  const [body, setBody] = useState(() => {
    const clean = app.config.deployment.dex?.tokens.clean?.address;
    const from = wallet.kind === "none" ? "0x0000000000000000000000000000000000000000" : wallet.address;
    // An unlimited approval to an EOA: what the transaction firewall blocks.
    const data = `0x095ea7b3${"000000000000000000000000000000000000dEaD".padStart(64, "0")}${"f".repeat(64)}`;
    return JSON.stringify({ from, to: clean ?? from, data }, null, 2);
  });
  const [result, setResult] = useState<{ call: bigint; answer: CallResult } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const contracts = app.config.deployment.marketplace;
  if (!service || !provider || !contracts) return null;

  const call = async () => {
    if (wallet.kind === "none") return;
    setBusy(true);
    setError(undefined);
    try {
      const { base } = gatewayBase(app, providerId, provider.endpoint);
      // The next unused call: above what the gateway recorded and what was claimed on-chain.
      const [usage, purchase] = await Promise.all([
        fetchUsage(base, purchaseId).catch(() => undefined),
        getPurchase(app.client, { contracts, purchaseId }),
      ]);
      const recorded = usage ? BigInt(usage.highestNonce) : 0n;
      const nonce = (recorded > BigInt(purchase.served) ? recorded : BigInt(purchase.served)) + 1n;
      if (nonce > BigInt(purchase.calls))
        throw new Error(`all ${purchase.calls} calls of purchase #${purchaseId} are used: buy more`);
      const { authorization } = await mintAuthorization(wallet.signer, {
        marketplace: contracts.marketplace,
        purchaseId,
        providerId,
        nonce,
      });
      let url = `${base}${path}`;
      let payload: unknown;
      if (fields === "json") {
        try {
          payload = JSON.parse(body);
        } catch {
          throw new Error("the transaction is not valid JSON");
        }
      } else {
        url += `?${new URLSearchParams(values).toString()}`;
      }
      setResult({ call: nonce, answer: await callGateway(url, authorization, payload) });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const report = (
    result?.answer.body as
      | { report?: { verdict?: string; flags?: string[]; engine?: string; block?: number } }
      | undefined
  )?.report;
  return (
    <div className="try" data-testid="try-panel">
      <h4>
        Try it: purchase #{purchaseId.toString()} → <code>{path}</code> of provider {providerId}
      </h4>
      {fields === "json" ? (
        <label className="block">
          Transaction (JSON)
          <textarea
            value={body}
            onChange={(event) => setBody(event.target.value)}
            rows={6}
            spellCheck={false}
            aria-label="transaction"
          />
        </label>
      ) : (
        fields.map((field) => (
          <label key={field.name} className="block">
            {field.label}{" "}
            <input
              value={values[field.name] ?? ""}
              onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
              size={48}
              aria-label={field.label}
            />
          </label>
        ))
      )}
      <button type="button" onClick={call} disabled={busy || wallet.kind === "none"} data-testid="call">
        {busy ? "Signing and calling…" : "Sign an access token and call"}
      </button>
      <ErrorNote error={error} />
      {result ? (
        <div className="result" data-testid="call-result">
          <p>
            Call {result.call.toString()}:{" "}
            <strong className={`verdict verdict-${report?.verdict ?? "unknown"}`}>
              {report?.verdict ?? "answered"}
            </strong>
            {report?.flags && report.flags.length > 0 ? (
              <> — flags: {report.flags.join(", ")}</>
            ) : (
              " — no flags"
            )}
            {report?.engine ? (
              <span className="muted">
                {" "}
                ({report.engine} at block {report.block})
              </span>
            ) : null}
            {result.answer.callsRemaining !== undefined ? (
              <span className="muted"> · {result.answer.callsRemaining} calls left</span>
            ) : null}
          </p>
          <details>
            <summary>Full answer</summary>
            <pre>{JSON.stringify(result.answer.body, null, 2)}</pre>
          </details>
        </div>
      ) : null}
    </div>
  );
}
