import type { ContractRevertError } from "@palisade/sdk";
import { formatPal } from "../amounts.ts";
import type { FixContext } from "./fixContext.ts";

type RevertFix = (args: readonly unknown[], error: ContractRevertError, context: FixContext) => string;

const pal = (value: unknown) => (typeof value === "bigint" ? formatPal(value) : String(value));
const date = (value: unknown) => new Date(Number(value) * 1000).toISOString().replace(".000Z", "Z");
const cli = "npx palisade";

/**
 * What to do about each custom error of the marketplace contracts (IMarketplace, IReviewBoard and
 * the tokens' OpenZeppelin errors), by name, worded for the command that hit it.
 */
export const revertFixes: Readonly<Record<string, RevertFix>> = {
  InFlightCapExceeded: ([providerId, inFlightAfter, cap], error) =>
    error.functionName === "requestUnstake"
      ? `provider ${providerId} has ${pal(inFlightAfter)} in flight and the remaining stake would cap it at ${pal(cap)}: unstake less, or wait until purchases are claimed or refunded`
      : `provider ${providerId}'s stake caps its unclaimed sales at ${pal(cap)} (this purchase would make ${pal(inFlightAfter)}). Its owner can add stake with \`${cli} provider stake add --provider ${providerId} --amount <PAL>\`; a consumer can buy fewer calls`,
  StakeTooLow: ([have, need], error) =>
    error.functionName === "requestUnstake"
      ? `the stake left (${pal(have)}) must be 0 or at least ${pal(need)}: unstake less, or unstake everything`
      : `stake at least ${pal(need)} (--stake ${pal(need).replace(" PAL", "")})`,
  InsufficientStake: ([have]) => `the active stake is ${pal(have)}: pass an --amount of at most that`,
  UnstakeNotReady: ([availableAt], _error, context) =>
    `the unstake delay ends at ${date(availableAt)}: run \`${cli} provider unstake complete --provider ${context.option("provider") ?? "<id>"}\` then`,
  NothingToUnstake: ([providerId]) =>
    `request an unstake first: \`${cli} provider unstake --provider ${providerId} --amount <PAL>\``,
  NotProviderOwner: ([providerId, caller]) =>
    `${caller} does not own provider ${providerId}: sign as its owner (\`${cli} market provider --provider ${providerId}\` shows it)`,
  ProviderNotFound: ([providerId]) =>
    `no provider ${providerId} on this marketplace: \`${cli} market services\` lists the providers' services`,
  ServiceNotFound: ([serviceId]) =>
    `no service ${serviceId} on this marketplace: \`${cli} market services\` lists them`,
  PurchaseNotFound: ([purchaseId]) =>
    `no purchase ${purchaseId} on this marketplace: use the id \`${cli} consumer buy\` printed`,
  ServiceInactive: ([serviceId]) =>
    `service ${serviceId} is delisted: pick an active one from \`${cli} market services\` (its owner relists it with \`${cli} provider service update --service ${serviceId} --active true\`)`,
  PriceAboveMax: ([price, maxPrice]) =>
    `the service costs ${pal(price)} per call, above --max-price ${pal(maxPrice)}: raise --max-price or leave it out to pay the current price`,
  ZeroCalls: () => "buy at least one call (--calls 1)",
  InvalidExpiry: ([expiry, latest]) =>
    `the expiry ${date(expiry)} must be in the future and no later than ${date(latest)}: pass a smaller --expiry (seconds from now)`,
  EmptyString: () => "metadata URI, endpoint, service path and schema must not be empty",
  PriceZero: () => "a service's price must be above 0 PAL",
  PurchaseRefunded: ([purchaseId]) => `purchase ${purchaseId} was refunded and is closed: buy again`,
  RefundNotYetAvailable: ([purchaseId, availableAt]) =>
    `purchase ${purchaseId} is refundable from ${date(availableAt)} (its expiry plus the providers' claim grace): run \`${cli} consumer refund --purchase ${purchaseId}\` then`,
  NothingToRefund: ([purchaseId]) =>
    `every call of purchase ${purchaseId} was claimed or refunded: nothing is left`,
  NonceNotAboveServed: ([nonce, served]) =>
    `the provider already claimed ${served} calls; the metering store's highest proof (call ${nonce}) adds none: claim after serving more calls`,
  NonceAboveCalls: ([nonce, calls]) =>
    `the proof is for call ${nonce}, but the purchase has ${calls} calls: the metering store holds a token the consumer should not have signed`,
  InvalidUsageSignature: ([purchaseId]) =>
    `the proof for purchase ${purchaseId} is not signed by its consumer or an authorised session key: check --store is this provider's metering store for this chain`,
  InvalidSessionKey: ([key]) => `${key} cannot be a session key (the zero address, or the consumer itself)`,
  NothingToWithdraw: ([providerId]) =>
    `no fees are released yet: \`${cli} provider status --provider ${providerId}\` shows what is pending and the release delay`,
  PurchaseNotOwned: ([purchaseId, caller]) =>
    `${caller} did not make purchase ${purchaseId}: only its consumer may review (sign as the consumer)`,
  AlreadyReviewed: ([purchaseId, reviewId]) =>
    `purchase ${purchaseId} already has review ${reviewId}: one review per purchase`,
  InvalidRating: ([rating]) => `rating ${rating} is not 1 … 5`,
  ReviewNotFound: ([reviewId]) => `no review ${reviewId}: use the id \`${cli} consumer review\` printed`,
  NotReviewedProvider: ([reviewId, caller]) =>
    `${caller} does not own the provider review ${reviewId} is about: sign as the provider's owner`,
  ReviewNotOpen: ([reviewId]) => `review ${reviewId} is already challenged or settled`,
  ChallengeWindowClosed: ([reviewId, closedAt]) =>
    `the challenge window of review ${reviewId} closed at ${date(closedAt)}`,
  // The devnet faucet's errors (their names are generic: worded only when the faucet raised them).
  NotAllowed: ([caller], error) =>
    error.declaredBy.includes("DevnetFaucet")
      ? `the faucet drips to the seeded accounts only: send PAL to ${caller} with \`${cli} dev fund --to ${caller} --pal <PAL>\``
      : `${caller} may not do this`,
  CoolingDown: ([nextAt]) =>
    `the faucet drips again at ${date(nextAt)}; meanwhile \`${cli} dev fund --to <address> --pal <PAL>\` sends PAL from the deployer`,
  FaucetEmpty: () =>
    `the faucet is empty: \`${cli} dev fund --to <address> --pal <PAL>\` sends PAL from the deployer`,
  EnforcedPause: () =>
    "this part of the contract is paused (by the pauser or governance): retry once it is unpaused",
  ERC20InsufficientBalance: ([account, balance, needed], _error, context) =>
    context.devnet
      ? `${account} holds ${pal(balance)}: get PAL on the devnet with \`${cli} dev fund --to ${account} --pal ${pal(
          typeof needed === "bigint" && typeof balance === "bigint" ? needed - balance : needed,
        ).replace(" PAL", "")}\``
      : `${account} holds ${pal(balance)} and needs ${pal(needed)}: transfer PAL to it first`,
  ERC20InsufficientAllowance: () =>
    "the allowance is short: rerun without --no-approve (the CLI approves what it needs)",
  ERC2612ExpiredSignature: () => "the permit expired before it was mined: rerun (or rerun without --permit)",
  ERC2612InvalidSigner: () =>
    "the token refused the permit signature: rerun without --permit (approve + purchase)",
};
