import { useState } from "react";
import { formatDuration, formatToken } from "../../../src/lib/format.ts";
import { getPurchase } from "../../chain/sdk.ts";
import { Empty, ErrorNote, Section, usePaged } from "../../components/ui.tsx";
import { useApp, useChainQuery, useEvents, useHead } from "../../context.tsx";
import { fetchUsage, gatewayBase } from "../../data/gateway.ts";
import { type MarketplaceState, marketEvent } from "../../data/marketplace.ts";
import { useWallet } from "../../wallet.tsx";
import { ReviewForm } from "./ReviewForm.tsx";
import { TryPanel } from "./TryPanel.tsx";

/** The connected account's purchases: calls used and claimed, expiry; try, review. */
export function MyPurchases({ market }: { market: MarketplaceState }) {
  const app = useApp();
  const { head } = useHead();
  const { wallet } = useWallet();
  const address = wallet.kind === "none" ? undefined : wallet.address;
  const logs = useEvents(address ? marketEvent(app, "PurchaseConfirmed", { consumer: address }) : undefined);
  const ids = [...logs.logs].reverse().map((log) => log.args.purchaseId as bigint);
  const paged = usePaged(ids, 8);
  const [open, setOpen] = useState<{ id: bigint; what: "try" | "review" } | undefined>();
  const contracts = app.config.deployment.marketplace;
  const rows = useChainQuery(
    async (context) => {
      if (!contracts) return [];
      return Promise.all(
        paged.items.map(async (purchaseId) => {
          const purchase = await getPurchase(context.client, { contracts, purchaseId });
          const provider = market.providers.find((entry) => entry.providerId === purchase.providerId);
          const { base } = gatewayBase(context, purchase.providerId, provider?.endpoint ?? "");
          const usage = await fetchUsage(base, purchaseId).catch(() => undefined);
          return { ...purchase, used: usage ? Number(usage.highestNonce) : undefined };
        }),
      );
    },
    [paged.items.map(String), address],
  );
  if (!address) return null;
  return (
    <Section
      title={`Your purchases (${wallet.kind === "devnet" ? wallet.name : "wallet"})`}
      testId="my-purchases"
    >
      <ErrorNote error={logs.error ?? rows.error} />
      {ids.length === 0 ? (
        <Empty>No purchase from this account yet: pick a service above and buy calls.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Purchase</th>
              <th>Service</th>
              <th className="num">Calls</th>
              <th className="num">Used</th>
              <th className="num">Claimed</th>
              <th className="num">Price</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(rows.data ?? []).map((purchase) => {
              const service = market.services.find((entry) => entry.serviceId === purchase.serviceId);
              const left = head ? purchase.expiry - head.timestamp : 0;
              return (
                <tr key={purchase.purchaseId.toString()} data-testid={`purchase-${purchase.purchaseId}`}>
                  <td>#{purchase.purchaseId.toString()}</td>
                  <td>
                    #{purchase.serviceId} <code>{service?.endpointPath}</code> · provider{" "}
                    {purchase.providerId}
                  </td>
                  <td className="num">{purchase.calls}</td>
                  <td className="num">{purchase.used ?? "?"}</td>
                  <td className="num">{purchase.served}</td>
                  <td className="num">{formatToken(purchase.pricePerCall, "PAL")}</td>
                  <td>
                    {purchase.refunded ? "refunded" : left > 0 ? `in ${formatDuration(left)}` : "expired"}
                  </td>
                  <td className="actions">
                    <button type="button" onClick={() => setOpen({ id: purchase.purchaseId, what: "try" })}>
                      Try
                    </button>
                    <button
                      type="button"
                      onClick={() => setOpen({ id: purchase.purchaseId, what: "review" })}
                    >
                      Review
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {paged.pager}
      {open
        ? (() => {
            const purchase = rows.data?.find((entry) => entry.purchaseId === open.id);
            if (!purchase) return null;
            return open.what === "try" ? (
              <TryPanel
                key={`try-${open.id}`}
                purchaseId={open.id}
                providerId={purchase.providerId}
                serviceId={purchase.serviceId}
                market={market}
              />
            ) : (
              <ReviewForm
                key={`review-${open.id}`}
                purchaseId={open.id}
                providerId={purchase.providerId}
                market={market}
              />
            );
          })()
        : null}
    </Section>
  );
}
