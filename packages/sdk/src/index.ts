export {
  type ClearDeallocationQueueParameters,
  type ClearDeallocationQueueReturnType,
  clearDeallocationQueue,
} from "./actions/allocation/clearDeallocationQueue.ts";
export {
  type CreateOperatorSetsParameters,
  type CreateOperatorSetsReturnType,
  createOperatorSets,
} from "./actions/allocation/createOperatorSets.ts";
export {
  type DeregisterFromOperatorSetsParameters,
  type DeregisterFromOperatorSetsReturnType,
  deregisterFromOperatorSets,
} from "./actions/allocation/deregisterFromOperatorSets.ts";
export {
  type GetAllocatableMagnitudeParameters,
  type GetAllocatableMagnitudeReturnType,
  getAllocatableMagnitude,
} from "./actions/allocation/getAllocatableMagnitude.ts";
export {
  type GetAllocatedStakeParameters,
  type GetAllocatedStakeReturnType,
  getAllocatedStake,
} from "./actions/allocation/getAllocatedStake.ts";
export {
  type GetAllocationParameters,
  type GetAllocationReturnType,
  getAllocation,
} from "./actions/allocation/getAllocation.ts";
export {
  type GetCriticalOperatorsParameters,
  type GetCriticalOperatorsReturnType,
  getCriticalOperators,
} from "./actions/allocation/getCriticalOperators.ts";
export {
  type GetEconomicSecurityParameters,
  type GetEconomicSecurityReturnType,
  getEconomicSecurity,
} from "./actions/allocation/getEconomicSecurity.ts";
export {
  type GetMaxMagnitudeParameters,
  type GetMaxMagnitudeReturnType,
  getMaxMagnitude,
} from "./actions/allocation/getMaxMagnitude.ts";
export {
  type GetOperatorSetMembersParameters,
  type GetOperatorSetMembersReturnType,
  getOperatorSetMembers,
} from "./actions/allocation/getOperatorSetMembers.ts";
export {
  type ModifyAllocationsParameters,
  type ModifyAllocationsReturnType,
  modifyAllocations,
} from "./actions/allocation/modifyAllocations.ts";
export {
  type RegisterForOperatorSetsParameters,
  type RegisterForOperatorSetsReturnType,
  registerForOperatorSets,
} from "./actions/allocation/registerForOperatorSets.ts";
export {
  type EconomicSecurityConfig,
  type SetEconomicSecurityConfigParameters,
  type SetEconomicSecurityConfigReturnType,
  setEconomicSecurityConfig,
} from "./actions/allocation/setEconomicSecurityConfig.ts";
export {
  type SetStrategyValueWeightsParameters,
  type SetStrategyValueWeightsReturnType,
  setStrategyValueWeights,
} from "./actions/allocation/setStrategyValueWeights.ts";
export {
  type SlashOperatorParameters,
  type SlashOperatorReturnType,
  slashOperator,
} from "./actions/allocation/slashOperator.ts";
export {
  type GetTaskParameters,
  type GetTaskReturnType,
  getTask,
} from "./actions/attestation/getTask.ts";
export {
  decodeTaskRequest,
  type GetTaskRequestsParameters,
  type GetTaskRequestsReturnType,
  getTaskRequests,
  type TaskRequest,
} from "./actions/attestation/getTaskRequests.ts";
export {
  type RequestTaskOnChainParameters,
  type RequestTaskOnChainReturnType,
  requestTaskOnChain,
} from "./actions/attestation/requestTaskOnChain.ts";
export {
  type SubmitTaskParameters,
  type SubmitTaskReturnType,
  submitTask,
} from "./actions/attestation/submitTask.ts";
export {
  type UpdateOperatorStakesParameters,
  type UpdateOperatorStakesReturnType,
  updateOperatorStakes,
} from "./actions/attestation/updateOperatorStakes.ts";
export {
  type AttestationVerdict,
  type VerifyVerdictOnChainParameters,
  type VerifyVerdictOnChainReturnType,
  verifyVerdictOnChain,
} from "./actions/attestation/verifyVerdictOnChain.ts";
export {
  type WaitForBatchSentReturnType,
  type WaitForCertificateParameters,
  type WaitForCertificateReturnType,
  waitForBatchSent,
  waitForCertificate,
} from "./actions/attestation/waitForCertificate.ts";
export {
  type WatchTaskRequestsParameters,
  type WatchTaskRequestsReturnType,
  watchTaskRequests,
} from "./actions/attestation/watchTaskRequests.ts";
export {
  type CompleteQueuedWithdrawalParameters,
  type CompleteQueuedWithdrawalReturnType,
  completeQueuedWithdrawal,
} from "./actions/delegation/completeQueuedWithdrawal.ts";
export {
  type DelegateToParameters,
  type DelegateToReturnType,
  delegateTo,
} from "./actions/delegation/delegateTo.ts";
export {
  type GetOperatorPoolParameters,
  type GetOperatorPoolReturnType,
  getOperatorPool,
} from "./actions/delegation/getOperatorPool.ts";
export {
  type GetQueuedWithdrawalsParameters,
  type GetQueuedWithdrawalsReturnType,
  getQueuedWithdrawals,
  type QueuedWithdrawalView,
} from "./actions/delegation/getQueuedWithdrawals.ts";
export {
  type GetStakerPositionParameters,
  type GetStakerPositionReturnType,
  getStakerPosition,
} from "./actions/delegation/getStakerPosition.ts";
export {
  type QueueWithdrawalParameters,
  type QueueWithdrawalReturnType,
  queueWithdrawal,
} from "./actions/delegation/queueWithdrawal.ts";
export {
  type RegisterAsOperatorParameters,
  type RegisterAsOperatorReturnType,
  registerAsOperator,
} from "./actions/delegation/registerAsOperator.ts";
export {
  type SetDelegationApproverParameters,
  type SetDelegationApproverReturnType,
  setDelegationApprover,
} from "./actions/delegation/setDelegationApprover.ts";
export {
  delegationApprovalTypes,
  type SignDelegationApprovalParameters,
  type SignDelegationApprovalReturnType,
  signDelegationApproval,
} from "./actions/delegation/signDelegationApproval.ts";
export {
  type UndelegateParameters,
  type UndelegateReturnType,
  undelegate,
} from "./actions/delegation/undelegate.ts";
export {
  type CastVoteParameters,
  type CastVoteReturnType,
  castVote,
} from "./actions/governance/castVote.ts";
export {
  type CreateProposalParameters,
  type CreateProposalReturnType,
  createProposal,
} from "./actions/governance/createProposal.ts";
export {
  type ExecuteProposalParameters,
  type ExecuteProposalReturnType,
  executeProposal,
} from "./actions/governance/executeProposal.ts";
export {
  type GetGovernanceAccountParameters,
  type GetGovernanceAccountReturnType,
  getGovernanceAccount,
} from "./actions/governance/getGovernanceAccount.ts";
export {
  type GetProposalParameters,
  type GetProposalReturnType,
  getProposal,
} from "./actions/governance/getProposal.ts";
export {
  type ListProposalsParameters,
  type ListProposalsReturnType,
  listProposals,
} from "./actions/governance/listProposals.ts";
export {
  type QueueProposalParameters,
  type QueueProposalReturnType,
  queueProposal,
} from "./actions/governance/queueProposal.ts";
export {
  type SyncGovernanceTokenParameters,
  type SyncGovernanceTokenReturnType,
  syncGovernanceToken,
} from "./actions/governance/syncGovernanceToken.ts";
export {
  type AddProviderStakeParameters,
  type AddProviderStakeReturnType,
  addProviderStake,
} from "./actions/marketplace/addProviderStake.ts";
export {
  type AuthorizeSessionKeyParameters,
  type AuthorizeSessionKeyReturnType,
  authorizeSessionKey,
} from "./actions/marketplace/authorizeSessionKey.ts";
export {
  type CallServiceParameters,
  type CallServiceReturnType,
  callService,
  ServiceCallError,
} from "./actions/marketplace/callService.ts";
export {
  type ClaimUsageParameters,
  type ClaimUsageReturnType,
  claimUsage,
  type UsageProof,
} from "./actions/marketplace/claimUsage.ts";
export {
  type CompleteUnstakeParameters,
  type CompleteUnstakeReturnType,
  completeUnstake,
} from "./actions/marketplace/completeUnstake.ts";
export {
  type CallSession,
  CallSessionExhaustedError,
  type CreateCallSessionParameters,
  type CreateCallSessionReturnType,
  createCallSession,
  InvalidCallSessionError,
  type SessionCall,
} from "./actions/marketplace/createCallSession.ts";
export {
  type DripFaucetParameters,
  type DripFaucetReturnType,
  dripFaucet,
} from "./actions/marketplace/dripFaucet.ts";
export {
  type GetPendingFeesParameters,
  type GetPendingFeesReturnType,
  getPendingFees,
} from "./actions/marketplace/getPendingFees.ts";
export {
  type GetProviderParameters,
  type GetProviderReturnType,
  getProvider,
} from "./actions/marketplace/getProvider.ts";
export {
  type GetPurchaseParameters,
  type GetPurchaseReturnType,
  getPurchase,
} from "./actions/marketplace/getPurchase.ts";
export {
  type GetServiceParameters,
  type GetServiceReturnType,
  getService,
} from "./actions/marketplace/getService.ts";
export {
  type ListServicesParameters,
  type ListServicesReturnType,
  listServices,
} from "./actions/marketplace/listServices.ts";
export {
  type MintAccessTokenParameters,
  type MintAccessTokenReturnType,
  mintAccessToken,
} from "./actions/marketplace/mintAccessToken.ts";
export {
  type PurchaseCallsParameters,
  type PurchaseCallsReturnType,
  purchaseCalls,
} from "./actions/marketplace/purchaseCalls.ts";
export {
  type PurchaseCallsWithPermitParameters,
  type PurchaseCallsWithPermitReturnType,
  purchaseCallsWithPermit,
} from "./actions/marketplace/purchaseCallsWithPermit.ts";
export {
  type RefundPurchaseParameters,
  type RefundPurchaseReturnType,
  refundPurchase,
} from "./actions/marketplace/refundPurchase.ts";
export {
  type RegisterProviderParameters,
  type RegisterProviderReturnType,
  registerProvider,
} from "./actions/marketplace/registerProvider.ts";
export {
  type RegisterServiceParameters,
  type RegisterServiceReturnType,
  registerService,
} from "./actions/marketplace/registerService.ts";
export {
  type RequestUnstakeParameters,
  type RequestUnstakeReturnType,
  requestUnstake,
} from "./actions/marketplace/requestUnstake.ts";
export {
  type RevokeSessionKeyParameters,
  type RevokeSessionKeyReturnType,
  revokeSessionKey,
} from "./actions/marketplace/revokeSessionKey.ts";
export {
  type SetServiceActiveParameters,
  type SetServiceActiveReturnType,
  setServiceActive,
} from "./actions/marketplace/setServiceActive.ts";
export {
  type UpdateProviderParameters,
  type UpdateProviderReturnType,
  updateProvider,
} from "./actions/marketplace/updateProvider.ts";
export {
  type UpdateServiceFeeParameters,
  type UpdateServiceFeeReturnType,
  updateServiceFee,
} from "./actions/marketplace/updateServiceFee.ts";
export {
  type WithdrawFeesParameters,
  type WithdrawFeesReturnType,
  withdrawFees,
} from "./actions/marketplace/withdrawFees.ts";
export {
  type ExecuteProviderSlashParameters,
  type ExecuteProviderSlashReturnType,
  executeProviderSlash,
} from "./actions/providerSlashing/executeProviderSlash.ts";
export {
  type RequestProviderSlashParameters,
  type RequestProviderSlashReturnType,
  requestProviderSlash,
} from "./actions/providerSlashing/requestProviderSlash.ts";
export {
  type VetoProviderSlashParameters,
  type VetoProviderSlashReturnType,
  vetoProviderSlash,
} from "./actions/providerSlashing/vetoProviderSlash.ts";
export {
  type ClaimInvestorRevenueParameters,
  type ClaimInvestorRevenueReturnType,
  claimInvestorRevenue,
} from "./actions/revenue/claimInvestorRevenue.ts";
export {
  type GetInvestorRevenueParameters,
  type GetInvestorRevenueReturnType,
  getInvestorRevenue,
} from "./actions/revenue/getInvestorRevenue.ts";
export {
  type ChallengeReviewParameters,
  type ChallengeReviewReturnType,
  challengeReview,
} from "./actions/reviews/challengeReview.ts";
export {
  type GetReviewParameters,
  type GetReviewReturnType,
  getReview,
  type ReviewStatus,
  reviewStatuses,
} from "./actions/reviews/getReview.ts";
export {
  type ResolveChallengeParameters,
  type ResolveChallengeReturnType,
  resolveChallenge,
} from "./actions/reviews/resolveChallenge.ts";
export {
  type ReviewProviderParameters,
  type ReviewProviderReturnType,
  reviewProvider,
} from "./actions/reviews/reviewProvider.ts";
export {
  type CheckpointOperatorParameters,
  type CheckpointOperatorReturnType,
  checkpointOperator,
} from "./actions/rewards/checkpointOperator.ts";
export {
  type ClaimRewardsParameters,
  type ClaimRewardsReturnType,
  claimRewards,
} from "./actions/rewards/claimRewards.ts";
export {
  type CreateRewardsSubmissionParameters,
  type CreateRewardsSubmissionReturnType,
  createRewardsSubmission,
} from "./actions/rewards/createRewardsSubmission.ts";
export {
  type GetClaimableParameters,
  type GetClaimableReturnType,
  getClaimable,
} from "./actions/rewards/getClaimable.ts";
export {
  type GetStreamParameters,
  type GetStreamReturnType,
  getStream,
} from "./actions/rewards/getStream.ts";
export {
  type SetOperatorCommissionParameters,
  type SetOperatorCommissionReturnType,
  setOperatorCommission,
} from "./actions/rewards/setOperatorCommission.ts";
export {
  type DepositIntoStrategyParameters,
  type DepositIntoStrategyReturnType,
  depositIntoStrategy,
} from "./actions/strategy/depositIntoStrategy.ts";
export {
  type DepositIntoStrategyWithPermitParameters,
  type DepositIntoStrategyWithPermitReturnType,
  depositIntoStrategyWithPermit,
} from "./actions/strategy/depositIntoStrategyWithPermit.ts";
export {
  type GetStrategiesParameters,
  type GetStrategiesReturnType,
  getStrategies,
  type StrategyView,
} from "./actions/strategy/getStrategies.ts";
export {
  type AvsDeployment,
  avsDeploymentSchema,
  avsOf,
  type CoreContracts,
  type Deployment,
  type DeploymentInput,
  type DexDeployment,
  deploymentSchema,
  dexDeploymentSchema,
  type GovernanceDeployment,
  governanceDeploymentSchema,
  governanceOf,
  loadDeployment,
  type MarketplaceDeployment,
  marketplaceDeploymentSchema,
  marketplaceOf,
  parseDeployment,
  strategyOf,
  writeDeployment,
} from "./deployment.ts";
export {
  AggregatorHttpError,
  AggregatorResponseError,
  AggregatorUnreachableError,
  InvalidTaskRequestError,
  TaskFailedError,
  TaskTimeoutError,
} from "./errors/attestation.ts";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { ContractRevertError, TransactionRevertedError } from "./errors/contractRevert.ts";
export { coreErrorsAbi } from "./errors/coreErrors.ts";
export { toContractError } from "./errors/decodeRevert.ts";
export {
  AvsNotDeployedError,
  DeploymentFileError,
  GovernanceNotDeployedError,
  MarketplaceNotDeployedError,
  UnknownStrategyError,
} from "./errors/deploymentFile.ts";
export { ProposalNotFoundError } from "./errors/governance.ts";
export { InsufficientAllowanceError, InsufficientBalanceError } from "./errors/token.ts";
export {
  expectedProposalStates,
  type Proposal,
  type ProposalCall,
  type ProposalContent,
  type ProposalState,
  proposalStateName,
  proposalStates,
  type VoteSupport,
  voteSupport,
} from "./governanceTypes.ts";
export type { AttestationTask } from "./internal/aggregator.ts";
export { feesWithTip, GAS_HEADROOM_FIXED, GAS_HEADROOM_PERCENT, withGasHeadroom } from "./internal/gas.ts";
export type { ReadClient, TransactionResult, WriteClient } from "./internal/types.ts";
export {
  categoryIndex,
  categoryName,
  type MarketplaceProvider,
  type MarketplacePurchase,
  type MarketplaceService,
  type ServiceCategory,
  serviceCategories,
} from "./marketplaceTypes.ts";
export { type OperatorSet, WAD } from "./types.ts";
