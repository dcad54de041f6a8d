export {
  type AddStrategyParameters,
  type AddStrategyReturnType,
  addStrategy,
} from "./actions/addStrategy.ts";
export {
  type CompleteHandOverParameters,
  completeHandOver,
} from "./actions/completeHandOver.ts";
export {
  type DeployAvsParameters,
  type DeployAvsReturnType,
  deployAvs,
} from "./actions/deployAvs.ts";
export {
  type AvsContractName,
  avsContractNames,
  avsCreationCode,
  type DeployAvsContractsParameters,
  type DeployAvsContractsReturnType,
  deployAvsContracts,
} from "./actions/deployAvsContracts.ts";
export {
  type DeployCoreParameters,
  type DeployCoreReturnType,
  deployCore,
  type StrategySpec,
} from "./actions/deployCore.ts";
export {
  type CoreContractName,
  coreContractNames,
  coreCreationCode,
  type DeployCoreContractsParameters,
  type DeployCoreContractsReturnType,
  deployCoreContracts,
} from "./actions/deployCoreContracts.ts";
export {
  type DeployGovernanceParameters,
  type DeployGovernanceReturnType,
  deployGovernance,
} from "./actions/deployGovernance.ts";
export {
  type DeployMarketplaceParameters,
  type DeployMarketplaceReturnType,
  deployContract,
  deployMarketplace,
} from "./actions/deployMarketplace.ts";
export {
  type ScheduleHandOverParameters,
  type ScheduleHandOverReturnType,
  scheduleHandOver,
} from "./actions/scheduleHandOver.ts";
export {
  type TransferCoreOwnershipParameters,
  type TransferCoreOwnershipReturnType,
  transferCoreOwnership,
  transferOwnership,
} from "./actions/transferCoreOwnership.ts";
export { bytecodeOf } from "./artifacts.ts";
export { type AvsSettings, avsBounds, avsDefaults } from "./avsSettings.ts";
export {
  type CheckDeploymentParameters,
  checkDeployment,
  type DeploymentPlan,
  gasBounds,
  type PlannedStrategy,
} from "./checkDeployment.ts";
export { type DeployConfig, parseConfig, type StrategyArgument, usage } from "./config.ts";
export { type CoreDelays, mainnetDelays, maxDelayBlocks } from "./delays.ts";
export {
  AddressPredictionError,
  ArtifactNotFoundError,
  AvsWiringError,
  ChainIdMismatchError,
  DeployConfigError,
  DeployError,
  DeploymentFileExistsError,
  DeployTransactionError,
  DuplicateSymbolError,
  GovernanceWiringError,
  HandOverNotReadyError,
  InsufficientDeployerBalanceError,
  InvalidAvsSettingError,
  InvalidCapError,
  InvalidDeployerKeyError,
  InvalidRpcUrlError,
  MissingDeployerKeyError,
  NotAnErc20Error,
  NotGovernedOwnerError,
  RpcUnreachableError,
  TokenWithoutCodeError,
} from "./errors.ts";
export {
  type GovernanceSettings,
  type GovernorParams,
  governanceDefaults,
  governanceDevnetSettings,
  type RevenueParams,
} from "./governanceSettings.ts";
export {
  type GovernedDeployment,
  governedContracts,
  handOverBatch,
  type TimelockBatch,
} from "./handOver.ts";
export {
  type MarketplaceParams,
  type MarketplaceSettings,
  marketplaceDefaults,
  marketplaceDevnetSettings,
  type ReviewParams,
} from "./marketplaceSettings.ts";
export { redactRpcUrl, renderPlan, renderSummary } from "./report.ts";
export { type RunDeployOptions, type RunDeployResult, runDeploy } from "./run.ts";
export { type DeployWallet, sendAndWait } from "./send.ts";
export { type VerifyAvsParameters, verifyAvs } from "./verifyAvs.ts";
export { type VerifyGovernanceParameters, verifyGovernance } from "./verifyGovernance.ts";
