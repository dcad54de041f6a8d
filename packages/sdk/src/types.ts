import type { Address } from "viem";

/** An operator set: the AVS that owns it and the id it chose. */
export interface OperatorSet {
  avs: Address;
  id: number;
}

/** 1e18: magnitudes and slashing fractions are WAD fixed-point. */
export const WAD = 10n ** 18n;
