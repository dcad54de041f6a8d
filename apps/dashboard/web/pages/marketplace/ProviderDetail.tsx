import { formatToken } from "../../../src/lib/format.ts";
import { getPurchase } from "../../chain/sdk.ts";
import { ScoreChart } from "../../components/lazyCharts.tsx";
import { Addr, Empty, ErrorNote, Loading, Meter, Section, Stat, usePaged } from "../../components/ui.tsx";
import { useApp, useChainQuery, useEvents, useHead } from "../../context.tsx";
import {
  categoryLabel,
  loadMarketplace,
  marketEvent,
  providerName,
  reviewEvent,
} from "../../data/marketplace.ts";
import { useNames } from "../../names.ts";
import { reviewRows, reviewState } from "./reviews.ts";

/** One provider as a consumer weighs it: stake, cap, score over time, services, purchases, reviews. */
export function ProviderDetail({ providerId }: { providerId: number }) {
  const app = useApp();
  const names = useNames();
  const { head } = useHead();
  const market = useChainQuery((context) => loadMarketplace(context), []);
  const scores = useEvents(marketEvent(app, "ScoreChanged", { providerId }));
  const purchases = useEvents(marketEvent(app, "PurchaseConfirmed", { providerId }));
  const reviewed = useEvents(reviewEvent(app, "Reviewed", { providerId }));
  const challenged = useEvents(reviewEvent(app, "ReviewChallenged", { providerId }));
  const resolved = useEvents(reviewEvent(app, "ChallengeResolved"));
  const finalized = useEvents(reviewEvent(app, "ReviewFinalized"));
  const purchaseIds = [...purchases.logs].reverse().map((log) => log.args.purchaseId as bigint);
  const pagedPurchases = usePaged(purchaseIds, 10);
  const contracts = app.config.deployment.marketplace;
  const purchaseRows = useChainQuery(
    (context) =>
      contracts
        ? Promise.all(
            pagedPurchases.items.map((purchaseId) => getPurchase(context.client, { contracts, purchaseId })),
          )
        : Promise.resolve([]),
    [pagedPurchases.items.map(String)],
  );
  const reviews = reviewRows(reviewed.logs, challenged.logs, resolved.logs, finalized.logs);
  const pagedReviews = usePaged(reviews, 10);

  if (!market.data)
    return market.error ? <ErrorNote error={market.error} /> : <Loading what={`provider ${providerId}`} />;
  const provider = market.data.providers.find((entry) => entry.providerId === providerId);
  if (!provider)
    return (
      <Empty>
        No provider {providerId} on this marketplace. Back to the <a href="#/marketplace">marketplace</a>.
      </Empty>
    );
  const services = market.data.services.filter((service) => service.providerId === providerId);
  const points = scores.logs.map((log) => ({
    block: Number(log.blockNumber),
    score: Number(log.args.current),
  }));
  if (points.length > 0) {
    // From the score before the first change to the score now, at the head.
    points.unshift({
      block: Number(points[0]?.block ?? 0) - 1,
      score: Number(scores.logs[0]?.args.previous ?? 0),
    });
    const last = points.at(-1)?.block ?? 0;
    if (head && Number(head.number) > last)
      points.push({ block: Number(head.number), score: Number(provider.score) });
  }
  return (
    <>
      <p>
        <a href="#/marketplace">← Marketplace</a>
      </p>
      <Section title={`Provider ${providerId}${providerName(provider.metadataURI)}`} testId="provider-detail">
        <div className="muted">
          owner <Addr address={provider.owner} names={names} /> · endpoint <code>{provider.endpoint}</code>
          {provider.metadataURI ? (
            <>
              {" "}
              · metadata <code>{provider.metadataURI}</code>
            </>
          ) : null}
        </div>
        <div className="stats">
          <Stat
            label="Stake"
            value={formatToken(provider.stake, "PAL")}
            note={
              provider.unstaking > 0n
                ? `${formatToken(provider.unstaking, "PAL")} unstaking (still slashable)`
                : "slashable"
            }
          />
          <Stat
            label="In flight"
            value={formatToken(provider.inFlight, "PAL")}
            note={`cap ${formatToken(provider.inFlightCap, "PAL")}`}
          />
          <Stat
            label="Performance score"
            value={provider.score.toString()}
            note="raised by purchases, lowered by negative reviews"
          />
          <Stat label="Purchases" value={String(purchaseIds.length)} />
          <Stat
            label="Reviews"
            value={String(reviews.length)}
            note={`${reviews.filter((row) => row.challenged).length} challenged`}
          />
        </div>
        <Meter value={provider.inFlight} max={provider.inFlightCap} label="in-flight value against the cap" />
      </Section>
      <Section title="Performance score over time">
        {points.length === 0 ? (
          <Empty>
            No score change yet: the score rises when the provider claims a purchase's first calls.
          </Empty>
        ) : (
          <ScoreChart points={points} />
        )}
      </Section>
      <Section title="Services">
        <table>
          <thead>
            <tr>
              <th>Service</th>
              <th>Category</th>
              <th className="num">Price per call</th>
              <th>Path</th>
              <th>Schema</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr key={service.serviceId}>
                <td>#{service.serviceId}</td>
                <td>{categoryLabel(service.category)}</td>
                <td className="num">{formatToken(service.pricePerCall, "PAL")}</td>
                <td>
                  <code>{service.endpointPath}</code>
                </td>
                <td>
                  <code>{service.schemaRef}</code>
                </td>
                <td>{service.active ? "listed" : "delisted"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Purchases">
        <ErrorNote error={purchases.error ?? purchaseRows.error} />
        {purchaseIds.length === 0 ? (
          <Empty>No purchase yet.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Purchase</th>
                <th>Consumer</th>
                <th>Service</th>
                <th className="num">Calls</th>
                <th className="num">Claimed</th>
                <th className="num">Price</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {(purchaseRows.data ?? []).map((purchase) => (
                <tr key={purchase.purchaseId.toString()}>
                  <td>#{purchase.purchaseId.toString()}</td>
                  <td>
                    <Addr address={purchase.consumer} names={names} />
                  </td>
                  <td>#{purchase.serviceId}</td>
                  <td className="num">{purchase.calls}</td>
                  <td className="num">{purchase.served}</td>
                  <td className="num">{formatToken(purchase.pricePerCall, "PAL")}</td>
                  <td>
                    {purchase.refunded
                      ? "refunded"
                      : purchase.served === purchase.calls
                        ? "fully claimed"
                        : "in escrow"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pagedPurchases.pager}
      </Section>
      <Section title="Reviews and challenges">
        <ErrorNote error={reviewed.error} />
        {reviews.length === 0 ? (
          <Empty>
            No review yet. A consumer reviews from "Your purchases" on the marketplace (one per purchase, for
            a fee).
          </Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Review</th>
                <th>Rating</th>
                <th>Text</th>
                <th>By</th>
                <th className="num">Score Δ</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {pagedReviews.items.map((row) => (
                <tr key={row.reviewId.toString()}>
                  <td>
                    #{row.reviewId.toString()} (purchase #{row.purchaseId.toString()})
                  </td>
                  <td>{"★".repeat(row.rating)}</td>
                  <td>{row.text ?? <span className="muted">off-chain</span>}</td>
                  <td>
                    <Addr address={row.reviewer} names={names} />
                  </td>
                  <td className="num">{row.scoreDelta.toString()}</td>
                  <td>{reviewState(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pagedReviews.pager}
      </Section>
    </>
  );
}
