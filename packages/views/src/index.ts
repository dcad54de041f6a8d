export {
  type AvsOperatorView,
  type AvsView,
  readAvs,
  readAvsOperators,
  renderAvs,
} from "./avs.ts";
export { formatAmount, formatPercent, formatValue, row, tokenCell, VALUE_DECIMALS } from "./format.ts";
export {
  type OperatorSetView,
  readOperatorSet,
  renderOperatorSet,
  securityMargin,
} from "./operatorSet.ts";
export {
  formatPending,
  type OperatorStrategyView,
  type OperatorView,
  readOperators,
  renderOperatorStakes,
} from "./operators.ts";
export { type RewardStreamView, readRewardStreams } from "./rewards.ts";
export { readStrategies, type StrategyView, toUnderlying } from "./strategies.ts";
