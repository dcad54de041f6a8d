/**
 * The SDK actions the browser uses, imported file by file: `@palisade/sdk`'s index also exports the
 * deployment-file helpers (node:fs) and the attestation actions (@palisade/crypto, whose BLS and
 * keccak add-ons are native), which a browser bundle cannot load. Each file below imports only viem,
 * the generated ABIs and the SDK's own error types.
 */

// EIP-712 domain and types of an access token (viem-only file of @palisade/crypto).
export {
  accessTokenDomain,
  accessTokenTypes,
} from "../../../../packages/crypto/src/accessToken/accessToken.ts";
export { getAllocation } from "../../../../packages/sdk/src/actions/allocation/getAllocation.ts";
export { getCriticalOperators } from "../../../../packages/sdk/src/actions/allocation/getCriticalOperators.ts";
export { getEconomicSecurity } from "../../../../packages/sdk/src/actions/allocation/getEconomicSecurity.ts";
export { getOperatorPool } from "../../../../packages/sdk/src/actions/delegation/getOperatorPool.ts";
export { castVote } from "../../../../packages/sdk/src/actions/governance/castVote.ts";
export {
  type GetGovernanceAccountReturnType,
  getGovernanceAccount,
} from "../../../../packages/sdk/src/actions/governance/getGovernanceAccount.ts";
export { syncGovernanceToken } from "../../../../packages/sdk/src/actions/governance/syncGovernanceToken.ts";
export { claimUsage } from "../../../../packages/sdk/src/actions/marketplace/claimUsage.ts";
export { getPendingFees } from "../../../../packages/sdk/src/actions/marketplace/getPendingFees.ts";
export { getProvider } from "../../../../packages/sdk/src/actions/marketplace/getProvider.ts";
export { getPurchase } from "../../../../packages/sdk/src/actions/marketplace/getPurchase.ts";
export { listServices } from "../../../../packages/sdk/src/actions/marketplace/listServices.ts";
export { purchaseCalls } from "../../../../packages/sdk/src/actions/marketplace/purchaseCalls.ts";
export { registerProvider } from "../../../../packages/sdk/src/actions/marketplace/registerProvider.ts";
export { registerService } from "../../../../packages/sdk/src/actions/marketplace/registerService.ts";
export { updateServiceFee } from "../../../../packages/sdk/src/actions/marketplace/updateServiceFee.ts";
export { withdrawFees } from "../../../../packages/sdk/src/actions/marketplace/withdrawFees.ts";
export {
  type GetInvestorRevenueReturnType,
  getInvestorRevenue,
} from "../../../../packages/sdk/src/actions/revenue/getInvestorRevenue.ts";
export { challengeReview } from "../../../../packages/sdk/src/actions/reviews/challengeReview.ts";
export { getReview, type ReviewStatus } from "../../../../packages/sdk/src/actions/reviews/getReview.ts";
export { reviewProvider } from "../../../../packages/sdk/src/actions/reviews/reviewProvider.ts";
export type {
  Deployment,
  GovernanceDeployment,
  MarketplaceDeployment,
} from "../../../../packages/sdk/src/deployment.ts";
export type { Proposal } from "../../../../packages/sdk/src/governanceTypes.ts";
// What getProposal and listProposals do per proposal, fed here from the page's incremental event cache
// (the SDK actions fetch every ProposalCreated again on each call).
export { type CreatedProposal, readProposal } from "../../../../packages/sdk/src/internal/proposals.ts";
export {
  type MarketplaceProvider,
  type MarketplaceService,
  type ServiceCategory,
  serviceCategories,
} from "../../../../packages/sdk/src/marketplaceTypes.ts";
