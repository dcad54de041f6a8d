export {
  type ErrorResponse,
  errorResponse,
  sendErrorResponse,
} from "./errorResponse.ts";
export {
  GuardError,
  type GuardErrorCode,
  InvalidGuardConfigError,
  InvalidSignatureError,
  InvalidTokenError,
  MeteringUnavailableError,
  NothingToClaimError,
  ProviderError,
  PurchaseExpiredError,
  PurchaseNotFoundError,
  PurchaseRefundedError,
  PurchaseSourceUnavailableError,
  QuotaExhaustedError,
  TokenExpiredError,
  TokenLifetimeTooLongError,
  TokenReplayedError,
  WrongProviderError,
  WrongServiceError,
} from "./errors.ts";
export {
  type AccessGuard,
  type AuthorizedCall,
  type AuthorizeOptions,
  type CreateAccessGuardParameters,
  createAccessGuard,
  type GuardedRequest,
} from "./guard/createAccessGuard.ts";
export { parseAuthorization } from "./guard/parseAuthorization.ts";
export { CALL_HEADER, parseCallNumber } from "./guard/parseCallNumber.ts";
export {
  type ChainPurchaseSource,
  type CreateChainPurchaseSourceParameters,
  createChainPurchaseSource,
} from "./purchases/createChainPurchaseSource.ts";
export {
  type CreateStaticPurchaseSourceParameters,
  createStaticPurchaseSource,
  type StaticPurchaseSource,
  type StaticSessionKey,
} from "./purchases/createStaticPurchaseSource.ts";
export type { Purchase, PurchaseSource } from "./purchases/purchaseSource.ts";
export { type ServeParameters, type ServeReturnType, serve } from "./serve.ts";
export { type UsageProof, type UsageProofReturnType, usageProof } from "./usageProof.ts";
