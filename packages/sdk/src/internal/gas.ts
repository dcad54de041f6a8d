/**
 * Headroom added to `eth_estimateGas`, in percent. The estimate runs against the latest block; the
 * transaction runs in the next one, where reward streams have accrued for a later timestamp and due
 * allocation changes apply, so the same call can need more gas than estimated (a
 * deregistration that checkpoints rewards was seen to run out of gas without it). Unused gas is
 * refunded, so the headroom costs nothing.
 */
export const GAS_HEADROOM_PERCENT = 30n;

/** `estimate` plus GAS_HEADROOM_PERCENT. */
export function withGasHeadroom(estimate: bigint): bigint {
  return estimate + (estimate * GAS_HEADROOM_PERCENT) / 100n;
}
