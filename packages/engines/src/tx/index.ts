// The transaction firewall's public API, by name. packages/engines/src/index.ts re-exports these.
export { TX_FIREWALL_ENGINE_ID } from "./constants.ts";
export {
  createTxFirewall,
  type TxFirewall,
  type TxFirewallOptions,
  type TxFirewallParameters,
} from "./createTxFirewall.ts";
export { BackendUnsupportedError, SimulationUnavailableError } from "./errors.ts";
export type { TxLabels } from "./flagged.ts";
export {
  defaultTxFirewallPolicy,
  evaluatePolicy,
  PERMIT2_ADDRESS,
  resolveTxFirewallPolicy,
  type TxFirewallPolicy,
  type TxFirewallPolicyInput,
  type TxPolicyMatch,
  type TxPolicyResult,
  type TxPolicyRule,
  type TxVerdict,
  txPolicyRules,
} from "./policy.ts";
export {
  buildTxFirewallReport,
  TX_RISK_FIELDS,
  type TxFirewallField,
  type TxFirewallFields,
  type TxFirewallReport,
  txTarget,
} from "./txReport.ts";
export type {
  AddressRole,
  Approval,
  ApprovalKind,
  Asset,
  AssetChange,
  AssetKind,
  AssetTransfer,
  FlaggedAddress,
  Outflow,
  OwnershipChange,
  ProxyChange,
  ProxySlotKind,
  SimulatedTx,
  SimulationBackend,
  SpenderKind,
  TxChanges,
  TxFailure,
} from "./types.ts";
