import { reviewBoardAbi } from "@palisade/abis";
import { useState } from "react";
import { readContract } from "viem/actions";
import { formatToken } from "../../../src/lib/format.ts";
import { reviewProvider } from "../../chain/sdk.ts";
import { TxStatus, useTx } from "../../components/ui.tsx";
import { useApp, useChainQuery } from "../../context.tsx";
import type { MarketplaceState } from "../../data/marketplace.ts";
import { useWallet } from "../../wallet.tsx";

/**
 * A review of the purchase's provider (one per purchase, for the review fee). Only its hash goes
 * into the contract; the text travels in the review's URI as a `data:` URI so every reader sees it.
 */
export function ReviewForm({
  purchaseId,
  providerId,
  market,
}: {
  purchaseId: bigint;
  providerId: number;
  market: MarketplaceState;
}) {
  const app = useApp();
  const { wallet } = useWallet();
  const [rating, setRating] = useState(5);
  const [text, setText] = useState("");
  const tx = useTx();
  const contracts = app.config.deployment.marketplace;
  const existing = useChainQuery(
    (context) =>
      contracts
        ? readContract(context.client, {
            address: contracts.reviewBoard,
            abi: reviewBoardAbi,
            functionName: "reviewOfPurchase",
            args: [purchaseId],
          })
        : Promise.resolve(0n),
    [purchaseId.toString()],
  );
  if (!contracts) return null;
  const negative = rating <= market.reviewParams.negativeRatingMax;
  const submit = () =>
    wallet.kind !== "none" &&
    tx.run(`Reviewing provider ${providerId}`, () =>
      reviewProvider(wallet.signer, {
        contracts,
        purchaseId,
        rating,
        text,
        uri: `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`,
      }),
    );
  return (
    <div className="panel" data-testid="review-form">
      <h4>
        Review provider {providerId} (purchase #{purchaseId.toString()})
      </h4>
      {existing.data !== undefined && existing.data !== 0n ? (
        <p>This purchase has review #{existing.data.toString()} already: one review per purchase.</p>
      ) : (
        <>
          <div className="form-row">
            <label>
              Rating{" "}
              <select
                value={rating}
                onChange={(event) => setRating(Number(event.target.value))}
                aria-label="rating"
              >
                {[5, 4, 3, 2, 1].map((value) => (
                  <option key={value} value={value}>
                    {"★".repeat(value)} {value}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted">
              fee {formatToken(market.reviewParams.reviewFee, "PAL")}
              {negative
                ? " · a negative review lowers the provider's score; the provider may challenge it with a bond"
                : ""}
            </span>
          </div>
          <label className="block">
            Text
            <textarea
              value={text}
              onChange={(event) => setText(event.target.value)}
              rows={3}
              maxLength={2000}
              aria-label="review text"
            />
          </label>
          <button type="button" onClick={submit} disabled={tx.busy || text.trim() === ""}>
            Pay the fee and post
          </button>
        </>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}
