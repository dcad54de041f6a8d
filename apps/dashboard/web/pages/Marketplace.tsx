import { useState } from "react";
import { formatToken, parseAmount } from "../../src/lib/format.ts";
import { serviceCategories } from "../chain/sdk.ts";
import { Addr, Empty, ErrorNote, Loading, Meter, Section, Stat, usePaged } from "../components/ui.tsx";
import { useApp, useChainQuery, useEvents } from "../context.tsx";
import {
  categoryLabel,
  loadMarketplace,
  type MarketplaceState,
  marketEvent,
  providerName,
} from "../data/marketplace.ts";
import { useNames } from "../names.ts";
import { useWallet } from "../wallet.tsx";
import { BuyPanel } from "./marketplace/BuyPanel.tsx";
import { MyPurchases } from "./marketplace/MyPurchases.tsx";

/** The consumer's view: the catalogue by category and price, the providers, and your purchases. */
export function MarketplacePage() {
  const app = useApp();
  const state = useChainQuery((context) => loadMarketplace(context), []);
  if (!app.config.deployment.marketplace)
    return (
      <Empty>
        This deployment has no marketplace section. Start the devnet with <code>npm start</code>, or deploy
        one with <code>npm run deploy -- --marketplace</code>.
      </Empty>
    );
  if (!state.data)
    return state.error ? (
      <ErrorNote error={state.error} hint="Is the chain running? `npm start`" />
    ) : (
      <Loading what="the marketplace" />
    );
  return (
    <>
      <ErrorNote error={state.error} />
      <Catalogue market={state.data} />
      <Providers market={state.data} />
      <MyPurchases market={state.data} />
    </>
  );
}

function Catalogue({ market }: { market: MarketplaceState }) {
  const [category, setCategory] = useState("");
  const [maxPrice, setMaxPrice] = useState("");
  const [showInactive, setShowInactive] = useState(false);
  const [buying, setBuying] = useState<number | undefined>();
  const { wallet } = useWallet();
  const max = maxPrice.trim() === "" ? undefined : parseAmount(maxPrice);
  const services = market.services.filter(
    (service) =>
      (showInactive || service.active) &&
      (category === "" || service.category === category) &&
      (max === undefined || service.pricePerCall <= max),
  );
  const paged = usePaged(services, 10);
  const present = new Set(market.services.map((service) => service.category));
  return (
    <Section title="Services" testId="catalogue">
      <div className="filters">
        <label>
          Category{" "}
          <select
            value={category}
            onChange={(event) => setCategory(event.target.value)}
            aria-label="category"
          >
            <option value="">all</option>
            {serviceCategories.map((name) => (
              <option key={name} value={name}>
                {categoryLabel(name)}
                {present.has(name) ? "" : " (none yet)"}
              </option>
            ))}
          </select>
        </label>
        <label>
          Max price per call (PAL){" "}
          <input
            value={maxPrice}
            onChange={(event) => setMaxPrice(event.target.value)}
            placeholder="any"
            size={8}
            inputMode="decimal"
            aria-label="max price per call"
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={showInactive}
            onChange={(event) => setShowInactive(event.target.checked)}
          />{" "}
          delisted too
        </label>
        {maxPrice.trim() !== "" && max === undefined ? (
          <span className="error-inline">not a number of PAL</span>
        ) : null}
      </div>
      {services.length === 0 ? (
        <Empty>No service matches: widen the category or the price.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Service</th>
              <th>Provider</th>
              <th>Category</th>
              <th className="num">Price per call</th>
              <th>Path</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {paged.items.map((service) => (
              <tr
                key={service.serviceId}
                data-testid={`service-${service.serviceId}`}
                className={service.active ? "" : "muted"}
              >
                <td>#{service.serviceId}</td>
                <td>
                  <a href={`#/marketplace/provider/${service.providerId}`}>provider {service.providerId}</a>
                </td>
                <td>{categoryLabel(service.category)}</td>
                <td className="num">{formatToken(service.pricePerCall, "PAL")}</td>
                <td>
                  <code>{service.endpointPath}</code>
                </td>
                <td>
                  {service.active ? (
                    <button
                      type="button"
                      onClick={() => setBuying(buying === service.serviceId ? undefined : service.serviceId)}
                      disabled={wallet.kind === "none"}
                      title={wallet.kind === "none" ? "choose an account first (top right)" : ""}
                    >
                      Buy calls
                    </button>
                  ) : (
                    "delisted"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {paged.pager}
      {wallet.kind === "none" ? (
        <p className="muted">To buy, connect a wallet or pick a devnet account (top right).</p>
      ) : null}
      {buying !== undefined ? (
        <BuyPanel market={market} serviceId={buying} onClose={() => setBuying(undefined)} />
      ) : null}
    </Section>
  );
}

function Providers({ market }: { market: MarketplaceState }) {
  const names = useNames();
  const app = useApp();
  const scoreLogs = useEvents(marketEvent(app, "ScoreChanged"));
  const paged = usePaged(market.providers, 12);
  if (market.providers.length === 0)
    return (
      <Section title="Providers">
        <Empty>
          No provider yet. A vendor registers in the Provider console (stake PAL, then list services).
        </Empty>
      </Section>
    );
  return (
    <Section title="Providers" testId="providers">
      <div className="cards">
        {paged.items.map((provider) => {
          const services = market.services.filter((service) => service.providerId === provider.providerId);
          const changes = scoreLogs.logs.filter(
            (log) => Number(log.args.providerId) === provider.providerId,
          ).length;
          return (
            <article
              key={provider.providerId}
              className="card"
              data-testid={`provider-${provider.providerId}`}
            >
              <h3>
                <a href={`#/marketplace/provider/${provider.providerId}`}>
                  Provider {provider.providerId}
                  {providerName(provider.metadataURI)}
                </a>
              </h3>
              <div className="muted">
                <Addr address={provider.owner} names={names} /> · <code>{provider.endpoint}</code>
              </div>
              <div className="stats">
                <Stat label="Stake" value={formatToken(provider.stake, "PAL")} />
                <Stat
                  label="Score"
                  value={provider.score.toString()}
                  note={`${changes} change${changes === 1 ? "" : "s"}`}
                />
                <Stat label="Services" value={String(services.filter((service) => service.active).length)} />
              </div>
              <div className="meter-row">
                <span>
                  In flight {formatToken(provider.inFlight, "PAL")} of{" "}
                  {formatToken(provider.inFlightCap, "PAL")} cap
                </span>
                <Meter
                  value={provider.inFlight}
                  max={provider.inFlightCap}
                  label="in-flight value against the cap"
                />
              </div>
            </article>
          );
        })}
      </div>
      {paged.pager}
    </Section>
  );
}
