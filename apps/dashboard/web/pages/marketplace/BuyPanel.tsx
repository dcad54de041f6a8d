import { useState } from "react";
import { formatToken } from "../../../src/lib/format.ts";
import { purchaseCalls } from "../../chain/sdk.ts";
import { ErrorNote, TxStatus, useTx } from "../../components/ui.tsx";
import { useApp, useChainQuery } from "../../context.tsx";
import { type MarketplaceState, palBalance } from "../../data/marketplace.ts";
import { useWallet } from "../../wallet.tsx";
import { TryPanel } from "./TryPanel.tsx";

/** Buy calls of one service: approve PAL if needed, purchase (fees to escrow), then try it. */
export function BuyPanel({
  market,
  serviceId,
  onClose,
}: {
  market: MarketplaceState;
  serviceId: number;
  onClose: () => void;
}) {
  const app = useApp();
  const { wallet } = useWallet();
  const [calls, setCalls] = useState("10");
  const tx = useTx();
  const [bought, setBought] = useState<bigint | undefined>();
  const service = market.services.find((entry) => entry.serviceId === serviceId);
  const provider = market.providers.find((entry) => entry.providerId === service?.providerId);
  const address = wallet.kind === "none" ? undefined : wallet.address;
  const balance = useChainQuery(
    (context) => (address ? palBalance(context, address) : Promise.resolve(undefined)),
    [address],
  );
  const contracts = app.config.deployment.marketplace;
  if (!service || !provider || !contracts) return null;
  const count = /^\d{1,9}$/.test(calls.trim()) ? Number(calls.trim()) : undefined;
  const total = count === undefined ? undefined : service.pricePerCall * BigInt(count);
  const room = provider.inFlightCap - provider.inFlight;
  const overCap = total !== undefined && total > room;
  const buy = async () => {
    if (wallet.kind === "none" || count === undefined) return;
    const result = await tx.run(`Buying ${count} calls of service ${serviceId}`, () =>
      purchaseCalls(wallet.signer, { contracts, serviceId, calls: count }),
    );
    if (result) setBought(result.purchase.purchaseId);
  };
  return (
    <div className="panel" data-testid="buy-panel">
      <header className="panel-head">
        <h3>
          Buy calls of service #{serviceId} ({service.endpointPath}) from provider {service.providerId}
        </h3>
        <button type="button" className="link" onClick={onClose} aria-label="close">
          ✕
        </button>
      </header>
      <div className="form-row">
        <label>
          Calls{" "}
          <input
            value={calls}
            onChange={(event) => setCalls(event.target.value)}
            size={6}
            inputMode="numeric"
            aria-label="calls"
          />
        </label>
        <span>
          × {formatToken(service.pricePerCall, "PAL")} ={" "}
          <strong>{total === undefined ? "?" : formatToken(total, "PAL")}</strong>
        </span>
        <span className="muted">
          your balance: {balance.data === undefined ? "…" : formatToken(balance.data, "PAL")}
        </span>
        <button
          type="button"
          onClick={buy}
          disabled={tx.busy || count === undefined || count === 0 || overCap}
          data-testid="buy"
        >
          Approve and buy
        </button>
      </div>
      {overCap ? (
        <ErrorNote
          error={`Provider ${provider.providerId}'s stake caps its unserved sales: ${formatToken(room, "PAL")} of room left.`}
          hint="Buy fewer calls, or wait until it serves and claims what is in flight."
        />
      ) : null}
      {balance.data !== undefined && total !== undefined && balance.data < total ? (
        <ErrorNote
          error="Your PAL balance is short of the price."
          hint={
            app.config.devAccounts.length > 0
              ? "On the devnet, consumer0 and consumer1 hold PAL; the deployer holds the treasury."
              : "Get PAL first."
          }
        />
      ) : null}
      <TxStatus state={tx.state} />
      {bought !== undefined ? (
        <>
          <p data-testid="bought">
            Purchase <strong>#{bought.toString()}</strong> confirmed: {count} calls in escrow until served or
            refunded.
          </p>
          <TryPanel
            purchaseId={bought}
            providerId={service.providerId}
            serviceId={serviceId}
            market={market}
          />
        </>
      ) : null}
    </div>
  );
}
