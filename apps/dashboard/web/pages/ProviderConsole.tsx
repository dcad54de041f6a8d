import { useState } from "react";
import { formatDuration, formatTime, formatToken, parseAmount } from "../../src/lib/format.ts";
import { liveTranches } from "../../src/lib/tranches.ts";
import {
  challengeReview,
  claimUsage,
  getPendingFees,
  getPurchase,
  registerProvider,
  registerService,
  type ServiceCategory,
  serviceCategories,
  updateServiceFee,
  withdrawFees,
} from "../chain/sdk.ts";
import {
  Addr,
  Empty,
  ErrorNote,
  Loading,
  Section,
  Stat,
  TxStatus,
  usePaged,
  useTx,
} from "../components/ui.tsx";
import { useApp, useChainQuery, useEvents, useHead } from "../context.tsx";
import { fetchUsage, fetchUsageProof, gatewayBase } from "../data/gateway.ts";
import {
  categoryLabel,
  loadMarketplace,
  type MarketplaceState,
  marketEvent,
  providerName,
  reviewEvent,
} from "../data/marketplace.ts";
import { useNames } from "../names.ts";
import { useWallet } from "../wallet.tsx";
import { reviewRows, reviewState } from "./marketplace/reviews.ts";

/** The provider's side: register, list and price services, see purchases and calls, withdraw fees, answer reviews. */
export function ProviderConsole() {
  const app = useApp();
  const { wallet } = useWallet();
  const address = wallet.kind === "none" ? undefined : wallet.address;
  const market = useChainQuery((context) => loadMarketplace(context), []);
  const owned = useEvents(address ? marketEvent(app, "ProviderRegistered", { owner: address }) : undefined);
  const [chosen, setChosen] = useState<number | undefined>();
  if (!app.config.deployment.marketplace)
    return (
      <Empty>
        This deployment has no marketplace section: start the devnet with <code>npm start</code>.
      </Empty>
    );
  if (!address)
    return (
      <Empty>
        Choose the provider's account first (top right): a browser wallet, or on the devnet{" "}
        <strong>provider0</strong> (owns provider 1) or <strong>provider1</strong> (provider 2). Every
        provider's public record is on the <a href="#/marketplace">marketplace</a>.
      </Empty>
    );
  if (!market.data)
    return market.error ? <ErrorNote error={market.error} /> : <Loading what="the marketplace" />;
  const ids = owned.logs.map((log) => Number(log.args.providerId));
  const providerId = chosen !== undefined && ids.includes(chosen) ? chosen : ids[0];
  return (
    <>
      <ErrorNote error={owned.error} />
      {ids.length > 1 ? (
        <div className="filters">
          <label>
            Provider{" "}
            <select
              value={providerId}
              onChange={(event) => setChosen(Number(event.target.value))}
              aria-label="provider"
            >
              {ids.map((id) => (
                <option key={id} value={id}>
                  provider {id}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {providerId === undefined ? (
        owned.synced ? (
          <Register market={market.data} />
        ) : (
          <Loading what="your providers" />
        )
      ) : (
        <Console providerId={providerId} market={market.data} />
      )}
    </>
  );
}

function Register({ market }: { market: MarketplaceState }) {
  const app = useApp();
  const { wallet } = useWallet();
  const [stake, setStake] = useState(formatToken(market.params.minStake, "").trim().replaceAll(",", ""));
  const [endpoint, setEndpoint] = useState("https://api.example.com");
  const [metadata, setMetadata] = useState("https://example.com/provider.json");
  const tx = useTx();
  const contracts = app.config.deployment.marketplace;
  const amount = parseAmount(stake);
  if (!contracts || wallet.kind === "none") return null;
  return (
    <Section title="Register as a provider" testId="register-provider">
      <p>
        This account has no provider yet. Stake at least {formatToken(market.params.minStake, "PAL")}: the
        stake is slashable, and it caps the value of calls you may have sold and not yet served at{" "}
        {(market.params.inFlightMultipleBps / 10_000).toFixed(2)}× the stake.
      </p>
      <div className="form-grid">
        <label>
          Stake (PAL){" "}
          <input value={stake} onChange={(event) => setStake(event.target.value)} aria-label="stake" />
        </label>
        <label>
          Endpoint{" "}
          <input
            value={endpoint}
            onChange={(event) => setEndpoint(event.target.value)}
            size={40}
            aria-label="endpoint"
          />
        </label>
        <label>
          Metadata URI{" "}
          <input
            value={metadata}
            onChange={(event) => setMetadata(event.target.value)}
            size={40}
            aria-label="metadata URI"
          />
        </label>
      </div>
      <button
        type="button"
        disabled={tx.busy || amount === undefined}
        onClick={() =>
          amount !== undefined &&
          tx.run("Registering", () =>
            registerProvider(wallet.signer, { contracts, stake: amount, endpoint, metadataURI: metadata }),
          )
        }
      >
        Approve PAL and register
      </button>
      <TxStatus state={tx.state} />
    </Section>
  );
}

function Console({ providerId, market }: { providerId: number; market: MarketplaceState }) {
  const provider = market.providers.find((entry) => entry.providerId === providerId);
  if (!provider) return <Loading what={`provider ${providerId}`} />;
  return (
    <>
      <Section title={`Provider ${providerId}${providerName(provider.metadataURI)}`} testId="console-summary">
        <div className="stats">
          <Stat
            label="Stake"
            value={formatToken(provider.stake, "PAL")}
            note={provider.unstaking > 0n ? `${formatToken(provider.unstaking, "PAL")} unstaking` : undefined}
          />
          <Stat
            label="In flight"
            value={formatToken(provider.inFlight, "PAL")}
            note={`cap ${formatToken(provider.inFlightCap, "PAL")}`}
          />
          <Stat label="Score" value={provider.score.toString()} />
          <Stat label="Endpoint" value={<code>{provider.endpoint}</code>} />
        </div>
      </Section>
      <Fees providerId={providerId} />
      <Reviews providerId={providerId} market={market} />
      <Purchases providerId={providerId} market={market} endpoint={provider.endpoint} />
      <Services providerId={providerId} market={market} />
    </>
  );
}

function Fees({ providerId }: { providerId: number }) {
  const app = useApp();
  const { head } = useHead();
  const { wallet } = useWallet();
  const contracts = app.config.deployment.marketplace;
  const claims = useEvents(marketEvent(app, "UsageClaimed", { providerId }));
  const withdrawals = useEvents(marketEvent(app, "FeesWithdrawn", { providerId }));
  const fees = useChainQuery(
    (context) =>
      contracts ? getPendingFees(context.client, { contracts, providerId }) : Promise.resolve(undefined),
    [providerId],
  );
  const tx = useTx();
  const withdrawn = withdrawals.logs.reduce((sum, log) => sum + (log.args.amount as bigint), 0n);
  const tranches = liveTranches(
    claims.logs.map((log) => ({
      providerAmount: log.args.providerAmount as bigint,
      releaseAt: Number(log.args.releaseAt),
    })),
    withdrawn,
    head?.timestamp ?? 0,
  );
  const paged = usePaged(tranches, 8);
  if (!contracts || wallet.kind === "none") return null;
  return (
    <Section title="Fees" testId="fees">
      <ErrorNote error={fees.error ?? claims.error} />
      <div className="stats">
        <Stat
          label="Pending"
          value={fees.data ? formatToken(fees.data.pending, "PAL") : "…"}
          note="claimed, not yet withdrawn"
        />
        <Stat
          label="Released"
          value={fees.data ? formatToken(fees.data.releasable, "PAL") : "…"}
          note="withdrawable now"
        />
        <Stat
          label="Release delay"
          value={fees.data ? formatDuration(fees.data.releaseDelay) : "…"}
          note="for a claim made now; shrinks as the score grows"
        />
        <Stat label="Withdrawn so far" value={formatToken(withdrawn, "PAL")} />
      </div>
      <button
        type="button"
        disabled={tx.busy || !fees.data || fees.data.releasable === 0n}
        onClick={() =>
          tx.run("Withdrawing released fees", () => withdrawFees(wallet.signer, { contracts, providerId }))
        }
        data-testid="withdraw"
      >
        Withdraw released fees
      </button>
      <TxStatus state={tx.state} />
      {tranches.length === 0 ? (
        <Empty>
          No fee waiting. Claim served calls first (below): each claim queues its fee for release after the
          delay.
        </Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th className="num">Tranche</th>
              <th>Releases at</th>
              <th>Time left</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((tranche) => (
              <tr key={tranche.releaseAt}>
                <td className="num">{formatToken(tranche.amount, "PAL")}</td>
                <td>{formatTime(tranche.releaseAt)}</td>
                <td>{tranche.released ? <strong>released</strong> : formatDuration(tranche.secondsLeft)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {paged.pager}
    </Section>
  );
}

function Services({ providerId, market }: { providerId: number; market: MarketplaceState }) {
  const app = useApp();
  const { wallet } = useWallet();
  const contracts = app.config.deployment.marketplace;
  const services = market.services.filter((service) => service.providerId === providerId);
  const [fees, setFees] = useState<Record<number, string>>({});
  const [category, setCategory] = useState<ServiceCategory>("address-risk");
  const [price, setPrice] = useState("0.01");
  const [path, setPath] = useState("/v1/address");
  const [schema, setSchema] = useState("/v1/openapi.json#/paths/~1v1~1address");
  const tx = useTx();
  if (!contracts || wallet.kind === "none") return null;
  const newPrice = parseAmount(price);
  return (
    <Section title="Services and fees" testId="console-services">
      <table>
        <thead>
          <tr>
            <th>Service</th>
            <th>Category</th>
            <th>Path</th>
            <th className="num">Fee per call</th>
            <th>New fee (later purchases)</th>
          </tr>
        </thead>
        <tbody>
          {services.map((service) => {
            const value = fees[service.serviceId] ?? "";
            const parsed = parseAmount(value);
            return (
              <tr key={service.serviceId} className={service.active ? "" : "muted"}>
                <td>#{service.serviceId}</td>
                <td>{categoryLabel(service.category)}</td>
                <td>
                  <code>{service.endpointPath}</code>
                </td>
                <td className="num">{formatToken(service.pricePerCall, "PAL")}</td>
                <td className="actions">
                  <input
                    value={value}
                    onChange={(event) => setFees({ ...fees, [service.serviceId]: event.target.value })}
                    size={8}
                    placeholder="PAL"
                    aria-label={`new fee of service ${service.serviceId}`}
                  />
                  <button
                    type="button"
                    disabled={tx.busy || parsed === undefined || parsed === 0n}
                    onClick={() =>
                      parsed !== undefined &&
                      tx.run(`Updating the fee of service ${service.serviceId}`, () =>
                        updateServiceFee(wallet.signer, {
                          contracts,
                          serviceId: service.serviceId,
                          pricePerCall: parsed,
                        }),
                      )
                    }
                  >
                    Set
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {services.length === 0 ? <Empty>No service yet: add one below.</Empty> : null}
      <h4>Add a service</h4>
      <div className="form-grid">
        <label>
          Category{" "}
          <select
            value={category}
            onChange={(event) => setCategory(event.target.value as ServiceCategory)}
            aria-label="new service category"
          >
            {serviceCategories.map((name) => (
              <option key={name} value={name}>
                {categoryLabel(name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Fee per call (PAL){" "}
          <input
            value={price}
            onChange={(event) => setPrice(event.target.value)}
            size={8}
            aria-label="new service fee"
          />
        </label>
        <label>
          Path{" "}
          <input
            value={path}
            onChange={(event) => setPath(event.target.value)}
            aria-label="new service path"
          />
        </label>
        <label>
          Schema{" "}
          <input
            value={schema}
            onChange={(event) => setSchema(event.target.value)}
            size={36}
            aria-label="new service schema"
          />
        </label>
      </div>
      <button
        type="button"
        disabled={tx.busy || newPrice === undefined || newPrice === 0n || path.trim() === ""}
        onClick={() =>
          newPrice !== undefined &&
          tx.run("Registering the service", () =>
            registerService(wallet.signer, {
              contracts,
              providerId,
              category,
              pricePerCall: newPrice,
              endpointPath: path,
              schemaRef: schema,
            }),
          )
        }
      >
        Add service
      </button>
      <TxStatus state={tx.state} />
    </Section>
  );
}

function Purchases({
  providerId,
  market,
  endpoint,
}: {
  providerId: number;
  market: MarketplaceState;
  endpoint: string;
}) {
  const app = useApp();
  const names = useNames();
  const { wallet } = useWallet();
  const contracts = app.config.deployment.marketplace;
  const logs = useEvents(marketEvent(app, "PurchaseConfirmed", { providerId }));
  const ids = [...logs.logs].reverse().map((log) => log.args.purchaseId as bigint);
  const paged = usePaged(ids, 10);
  const rows = useChainQuery(
    async (context) => {
      if (!contracts) return [];
      const { base } = gatewayBase(context, providerId, endpoint);
      return Promise.all(
        paged.items.map(async (purchaseId) => {
          const [purchase, usage] = await Promise.all([
            getPurchase(context.client, { contracts, purchaseId }),
            fetchUsage(base, purchaseId).catch(() => undefined),
          ]);
          return {
            ...purchase,
            recorded: usage?.callsRecorded,
            highest: usage ? Number(usage.highestNonce) : undefined,
          };
        }),
      );
    },
    [paged.items.map(String), providerId],
  );
  const store = app.config.gateways.some((gateway) => gateway.providerId === providerId)
    ? `.palisade/devnet/gateways/provider-${providerId}/metering.sqlite`
    : "<your gateway's metering.sqlite>";
  const account = wallet.kind === "devnet" ? wallet.name : "<your account>";
  const tx = useTx();
  const claim = (purchaseId: bigint) =>
    tx.run(`Claiming the served calls of purchase ${purchaseId}`, async () => {
      if (!contracts || wallet.kind === "none") throw new Error("choose the provider's account first");
      const { base } = gatewayBase(app, providerId, endpoint);
      const { proof } = await fetchUsageProof(base, purchaseId);
      if (proof === null) throw new Error(`the gateway recorded no call of purchase ${purchaseId}`);
      return claimUsage(wallet.signer, {
        contracts,
        purchaseId,
        proof: { nonce: BigInt(proof.nonce), expiry: BigInt(proof.expiry), signature: proof.signature },
      });
    });
  return (
    <Section title="Purchases and served calls" testId="console-purchases">
      <ErrorNote error={logs.error ?? rows.error} />
      {ids.length === 0 ? (
        <Empty>No purchase of your services yet.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Purchase</th>
              <th>Consumer</th>
              <th>Service</th>
              <th className="num">Bought</th>
              <th className="num">Served (gateway)</th>
              <th className="num">Claimed (chain)</th>
              <th className="num">Unclaimed value</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(rows.data ?? []).map((purchase) => {
              const served = purchase.highest ?? 0;
              const unclaimed = BigInt(Math.max(0, served - purchase.served)) * purchase.pricePerCall;
              const service = market.services.find((entry) => entry.serviceId === purchase.serviceId);
              return (
                <tr
                  key={purchase.purchaseId.toString()}
                  data-testid={`console-purchase-${purchase.purchaseId}`}
                >
                  <td>#{purchase.purchaseId.toString()}</td>
                  <td>
                    <Addr address={purchase.consumer} names={names} />
                  </td>
                  <td>
                    #{purchase.serviceId} <code>{service?.endpointPath}</code>
                  </td>
                  <td className="num">{purchase.calls}</td>
                  <td className="num">{purchase.highest ?? "?"}</td>
                  <td className="num" data-testid="claimed">
                    {purchase.served}
                  </td>
                  <td className="num">{formatToken(unclaimed, "PAL")}</td>
                  <td>
                    {served > purchase.served && !purchase.refunded ? (
                      <button
                        type="button"
                        disabled={tx.busy}
                        onClick={() => void claim(purchase.purchaseId)}
                        title="sends the consumer's token of the highest call served (the gateway's usage proof) to Marketplace.claim"
                      >
                        Claim {served - purchase.served} calls
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {paged.pager}
      <TxStatus state={tx.state} />
      <p className="muted">
        Claim sends the consumer's signed token of the highest call served — your gateway's usage proof (
        <code>GET /v1/purchases/&lt;id&gt;/usage-proof</code>) — to <code>Marketplace.claim</code> with this
        account: the fee of the newly served calls is queued for release. From a shell, with the metering
        store:{" "}
        <code>
          npx palisade provider claim --account {account} --purchase &lt;id&gt; --store {store}
        </code>
      </p>
    </Section>
  );
}

function Reviews({ providerId, market }: { providerId: number; market: MarketplaceState }) {
  const app = useApp();
  const names = useNames();
  const { head } = useHead();
  const { wallet } = useWallet();
  const contracts = app.config.deployment.marketplace;
  const reviewed = useEvents(reviewEvent(app, "Reviewed", { providerId }));
  const challenged = useEvents(reviewEvent(app, "ReviewChallenged", { providerId }));
  const resolved = useEvents(reviewEvent(app, "ChallengeResolved"));
  const finalized = useEvents(reviewEvent(app, "ReviewFinalized"));
  const blockTimes = useChainQuery(
    async (context) => {
      const blocks = [...new Set(reviewed.logs.map((log) => log.blockNumber))];
      const entries = await Promise.all(
        blocks.map(
          async (block) =>
            [block, Number((await context.client.getBlock({ blockNumber: block })).timestamp)] as const,
        ),
      );
      return new Map(entries);
    },
    [reviewed.logs.length],
  );
  const rows = reviewRows(reviewed.logs, challenged.logs, resolved.logs, finalized.logs);
  const paged = usePaged(rows, 10);
  const tx = useTx();
  if (!contracts || wallet.kind === "none") return null;
  const { challengeWindow, challengeBond, negativeRatingMax } = market.reviewParams;
  return (
    <Section title="Reviews" testId="console-reviews">
      <ErrorNote error={reviewed.error} />
      {rows.length === 0 ? (
        <Empty>No review of this provider yet.</Empty>
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
              <th />
            </tr>
          </thead>
          <tbody>
            {paged.items.map((row) => {
              const at = blockTimes.data?.get(row.block);
              const closesIn = at !== undefined && head ? at + challengeWindow - head.timestamp : undefined;
              const canChallenge =
                !row.challenged &&
                !row.finalized &&
                row.rating <= negativeRatingMax &&
                closesIn !== undefined &&
                closesIn > 0;
              return (
                <tr key={row.reviewId.toString()}>
                  <td>#{row.reviewId.toString()}</td>
                  <td>{"★".repeat(row.rating)}</td>
                  <td>{row.text ?? <span className="muted">off-chain</span>}</td>
                  <td>
                    <Addr address={row.reviewer} names={names} />
                  </td>
                  <td className="num">{row.scoreDelta.toString()}</td>
                  <td>{reviewState(row)}</td>
                  <td>
                    {canChallenge ? (
                      <button
                        type="button"
                        disabled={tx.busy}
                        onClick={() =>
                          tx.run(`Challenging review ${row.reviewId}`, () =>
                            challengeReview(wallet.signer, { contracts, reviewId: row.reviewId }),
                          )
                        }
                        title={`bond ${formatToken(challengeBond, "PAL")}; window closes in ${formatDuration(closesIn ?? 0)}`}
                      >
                        Challenge ({formatDuration(closesIn ?? 0)} left)
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {paged.pager}
      <p className="muted">
        A negative review (rating ≤ {negativeRatingMax}) lowers the score; you may challenge it within{" "}
        {formatDuration(challengeWindow)} by posting a bond of {formatToken(challengeBond, "PAL")}. The
        resolver, or an operator quorum certificate, settles it: the loser forfeits its deposit.
      </p>
      <TxStatus state={tx.state} />
    </Section>
  );
}
