export {
  type AddressBasicsRequest,
  type AddressBasicsResponse,
  addressBasics,
  addressBasicsRequestHash,
  encodeAddressBasicsResponse,
  runAddressBasics,
} from "./address/addressBasics.ts";
export {
  type AddressRiskEngine,
  type AddressRiskEngineOptions,
  type AddressRiskParameters,
  createAddressRiskEngine,
} from "./addressRisk/createAddressRiskEngine.ts";
export { UnknownLabelError } from "./addressRisk/errors.ts";
export type { AddressRiskField, AddressRiskFields, AddressRiskReport } from "./addressRisk/fields.ts";
export { addressLookalike, type Lookalike, type LookalikeThreshold } from "./addressRisk/lookalike.ts";
export { proxySlots } from "./addressRisk/proxy.ts";
export { maliciousFields, suspiciousFields } from "./addressRisk/verdict.ts";
export {
  type AddressRiskAttestedOptions,
  type AddressRiskAttestedRequest,
  addressRiskRequestHash,
  createAddressRiskAttestedEngine,
} from "./attested/addressRisk.ts";
export { createSecurityEngines, type SecurityEnginesOptions } from "./attested/createSecurityEngines.ts";
export {
  ADDRESS_RISK_FIELD_ORDER,
  fieldsOfMask,
  flagBit,
  flagMask,
  PHISHING_FIELD_ORDER,
  type SecurityEngineId,
  securityFieldOrders,
  TOKEN_RISK_FIELD_ORDER,
  TX_FIREWALL_FIELD_ORDER,
} from "./attested/fieldOrders.ts";
export {
  type LoadedSecurityEngines,
  type LoadSecurityEnginesOptions,
  loadSecurityEngines,
} from "./attested/loadSecurityEngines.ts";
export {
  createPhishingAttestedEngine,
  type PhishingAttestedRequest,
  phishingRequestHash,
} from "./attested/phishing.ts";
export {
  decodeSecurityResponse,
  encodeSecurityResponse,
  type SecurityResponse,
  type SecurityVerdictCode,
  securityResponseAbi,
} from "./attested/response.ts";
export {
  createTokenRiskAttestedEngine,
  type TokenRiskAttestedRequest,
  tokenRiskRequestHash,
} from "./attested/tokenRisk.ts";
export {
  createTxFirewallAttestedEngine,
  type TxFirewallAttestedOptions,
  type TxFirewallAttestedRequest,
  txFirewallRequestHash,
  txPolicyHash,
} from "./attested/txFirewall.ts";
export { type Engine, type EngineRequest, type EngineResult, engineVersionOf, issuesOf } from "./engine.ts";
export {
  BlockAheadOfChainError,
  EngineError,
  EngineRpcError,
  InvalidInputError,
  UnknownEngineError,
} from "./errors.ts";
export { LabelFileError } from "./labels/errors.ts";
export { createLabelIndex, type LabelEntry, type LabelIndex } from "./labels/labelIndex.ts";
export { LABEL_CSV_HEADER, type LabelRow } from "./labels/labelRow.ts";
export {
  isRedistributable,
  type LabelSourceLicence,
  labelSourceLicences,
  licenceOf,
} from "./labels/licences.ts";
export { type EngineLists, loadEngineLists } from "./labels/loadEngineLists.ts";
export { bundledLabelsDir, findLabelFiles, type LoadedLabels, loadLabels } from "./labels/loadLabels.ts";
export { parseLabelCsv } from "./labels/parseLabelCsv.ts";
export {
  createPhishingEngine,
  type PhishingEngine,
  type PhishingEngineOptions,
} from "./phishing/createPhishingEngine.ts";
export { PhishingListError } from "./phishing/errors.ts";
export { ethPhishingDetectLists, type PhishingList } from "./phishing/lists.ts";
export { phishingListsDigest } from "./phishing/listsDigest.ts";
export { type LoadPhishingListsOptions, loadPhishingLists } from "./phishing/loadPhishingLists.ts";
export { hostOf, type ParsedTarget, parseTarget } from "./phishing/parseTarget.ts";
export {
  PHISHING_ENGINE_ID,
  PHISHING_RISK_FIELDS,
  type PhishingFields,
  type PhishingReport,
  type PhishingVerdict,
} from "./phishing/phishingReport.ts";
export { builtInEngines, createEngineRegistry, type EngineRegistry } from "./registry.ts";
export type { FieldValue, FlagSource, SecurityReport } from "./security/report.ts";
export {
  createTokenRiskEngine,
  type TokenRiskEngine,
  type TokenRiskEngineOptions,
  type TokenRiskParameters,
} from "./token/createTokenRiskEngine.ts";
export { DexFactoryNotFoundError, TokenNotAContractError } from "./token/errors.ts";
export type { TokenRiskField, TokenRiskFields, TokenRiskReport } from "./token/fields.ts";
export type { DexConfig } from "./token/pair.ts";
export { TOKEN_RISK_FIELDS } from "./token/verdict.ts";
export {
  type AddressRole,
  type Approval,
  type ApprovalKind,
  type Asset,
  type AssetChange,
  type AssetKind,
  type AssetTransfer,
  BackendUnsupportedError,
  buildTxFirewallReport,
  createTxFirewall,
  defaultTxFirewallPolicy,
  evaluatePolicy,
  type FlaggedAddress,
  type Outflow,
  type OwnershipChange,
  PERMIT2_ADDRESS,
  type ProxyChange,
  type ProxySlotKind,
  resolveTxFirewallPolicy,
  type SimulatedTx,
  type SimulationBackend,
  SimulationUnavailableError,
  type SpenderKind,
  TX_FIREWALL_ENGINE_ID,
  TX_RISK_FIELDS,
  type TxChanges,
  type TxFailure,
  type TxFirewall,
  type TxFirewallField,
  type TxFirewallFields,
  type TxFirewallOptions,
  type TxFirewallParameters,
  type TxFirewallPolicy,
  type TxFirewallPolicyInput,
  type TxFirewallReport,
  type TxLabels,
  type TxPolicyMatch,
  type TxPolicyResult,
  type TxPolicyRule,
  type TxVerdict,
  txPolicyRules,
  txTarget,
} from "./tx/index.ts";
