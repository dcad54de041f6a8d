export {
  type AddStrategyParameters,
  type AddStrategyReturnType,
  addStrategy,
} from "./actions/addStrategy.ts";
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
  type TransferCoreOwnershipParameters,
  type TransferCoreOwnershipReturnType,
  transferCoreOwnership,
} from "./actions/transferCoreOwnership.ts";
export { bytecodeOf } from "./artifacts.ts";
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
  ChainIdMismatchError,
  DeployConfigError,
  DeployError,
  DeploymentFileExistsError,
  DeployTransactionError,
  DuplicateSymbolError,
  InsufficientDeployerBalanceError,
  InvalidCapError,
  InvalidDeployerKeyError,
  InvalidRpcUrlError,
  MissingDeployerKeyError,
  NotAnErc20Error,
  RpcUnreachableError,
  TokenWithoutCodeError,
} from "./errors.ts";
export { redactRpcUrl, renderPlan, renderSummary } from "./report.ts";
export { type RunDeployOptions, type RunDeployResult, runDeploy } from "./run.ts";
export { type DeployWallet, sendAndWait } from "./send.ts";
