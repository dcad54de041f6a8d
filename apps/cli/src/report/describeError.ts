import { BaseError } from "@palisade/errors";
import { NothingToClaimError } from "@palisade/provider";
import {
  ContractRevertError,
  DeploymentFileError,
  InsufficientAllowanceError,
  InsufficientBalanceError,
  MarketplaceNotDeployedError,
  ServiceCallError,
} from "@palisade/sdk";
import { HttpRequestError, InsufficientFundsError, TimeoutError, BaseError as ViemBaseError } from "viem";
import { formatPal } from "../amounts.ts";
import {
  CallsExhaustedError,
  ChainMismatchError,
  DevnetOnlyError,
  KeystoreV3Error,
  KeystoreV3PasswordError,
  MeteringStoreNotFoundError,
  NoFaucetError,
  NonceRetriesExhaustedError,
  NonceStateError,
  NotAuthorizedSignerError,
  ProviderUnreachableError,
  PurchaseClosedError,
  SignerRequiredError,
  UsageError,
} from "../errors.ts";
import { coreRevertFixes } from "./coreRevertFixes.ts";
import { commandLine, type FixContext } from "./fixContext.ts";
import { governanceFix } from "./governanceFixes.ts";
import { restakingFix } from "./restakingFixes.ts";
import { revertFixes } from "./revertFixes.ts";

export interface ErrorReport {
  name: string;
  message: string;
  details: string | undefined;
  /** What to do about it, when the CLI knows. */
  fix: string | undefined;
  /** 2 for usage errors, 1 otherwise. */
  exitCode: 1 | 2;
}

const cli = "npx palisade";

/** Shapes any error for the terminal: the SDK's shortMessage and details, and a FIX line. */
export function describeError(error: unknown, context: FixContext): ErrorReport {
  if (error instanceof BaseError) {
    return {
      name: error.name,
      message: error.shortMessage,
      details: usefulDetails(error),
      fix: fixFor(error, context),
      exitCode: error instanceof UsageError ? 2 : 1,
    };
  }
  if (error instanceof ViemBaseError) {
    return {
      name: error.name,
      message: error.shortMessage,
      details: error.details,
      fix: viemFix(error, context),
      exitCode: 1,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    name: error instanceof Error ? error.name : "Error",
    message,
    details: error instanceof Error ? error.stack : undefined,
    fix: "this is unexpected: please report it with the command line (without keys) and this output",
    exitCode: 1,
  };
}

/**
 * The details worth printing: not the message again, and not viem's "The contract function "x"
 * reverted." under a ContractRevertError, whose message already names the function and the error.
 */
function usefulDetails(error: BaseError): string | undefined {
  if (error.details === undefined || error.details === error.shortMessage) return undefined;
  if (error instanceof ContractRevertError && /^The contract function "\w+" reverted\.?$/.test(error.details))
    return undefined;
  // viem's "reverted with the following signature: 0x…" when its ABI lacked an error the SDK decoded.
  if (
    error instanceof ContractRevertError &&
    error.errorName !== undefined &&
    /^The contract function "\w+" reverted with the following signature:\s*0x[0-9a-f]{8}$/.test(error.details)
  )
    return undefined;
  return error.details;
}

function fixFor(error: BaseError, context: FixContext): string | undefined {
  if (error instanceof UsageError)
    return `see \`${cli}${error.commandPath ? ` ${error.commandPath}` : ""} --help\``;
  const governance = governanceFix(error, context);
  if (governance !== undefined) return governance;
  if (error instanceof ContractRevertError) {
    const fix =
      error.errorName === undefined
        ? undefined
        : (revertFixes[error.errorName] ?? coreRevertFixes[error.errorName]);
    if (fix) return fix(error.args, error, context);
    return error.errorName === undefined
      ? "the revert is not one of Palisade's errors: check that --deployment names this chain's contracts"
      : `${error.errorName} is documented in the interface of ${error.declaredBy.join(", ") || "the contract"} (contracts/src/interfaces)`;
  }
  if (error instanceof DeploymentFileError || error instanceof MarketplaceNotDeployedError)
    return "start the devnet with `npm start` (it writes .palisade/devnet/deployment.json), or pass --deployment <file>";
  const restaking = restakingFix(error, context);
  if (restaking !== undefined) return restaking;
  if (error instanceof InsufficientAllowanceError)
    return `the CLI approves what a command needs unless --no-approve is given: \`${commandLine(context.argv, new Set(["--no-approve"]))}\``;
  if (error instanceof InsufficientBalanceError) {
    const short = error.needed - error.balance;
    return context.devnet
      ? `get PAL on the devnet from the deployer: \`${cli} dev fund --to ${error.account} --pal ${formatPal(short).replace(" PAL", "")}\` (a seeded account may also take the faucet's drip: \`${cli} dev faucet --account <name>\`)`
      : `${error.account} needs ${formatPal(short)} more: transfer PAL to it first`;
  }
  if (error instanceof SignerRequiredError)
    return "on the devnet pass --account <name> (`npx palisade dev accounts` lists them); elsewhere set PALISADE_KEY=0x… or pass --keystore <file>";
  if (error instanceof DevnetOnlyError)
    return "devnet accounts' keys are public: on other chains sign with PALISADE_KEY or --keystore <file>";
  if (error instanceof ChainMismatchError)
    return `point --rpc at chain ${error.deploymentChainId}, or --deployment at chain ${error.rpcChainId}'s deployment file`;
  if (error instanceof KeystoreV3PasswordError)
    return "set PALISADE_KEYSTORE_PASSWORD to the keystore's password";
  if (error instanceof KeystoreV3Error)
    return "pass an Ethereum V3 JSON keystore (geth account new, cast wallet new, a wallet's JSON export)";
  if (error instanceof NonceStateError)
    return `move ${error.path} aside (the CLI then starts after the calls claimed on-chain and skips nonces the provider refuses), or pass --nonce`;
  if (error instanceof CallsExhaustedError)
    return `buy more calls: \`${cli} consumer buy --service ${error.serviceId} --calls <n>\``;
  if (error instanceof NonceRetriesExhaustedError)
    return `pass --nonce above ${error.last} (each call needs a nonce the provider has not served)`;
  if (error instanceof NotAuthorizedSignerError)
    return `sign as the consumer ${error.consumer}, or let this key sign for it: as the consumer run \`${cli} consumer session-key authorize --key ${error.signer} --valid-for 86400\``;
  if (error instanceof ProviderUnreachableError)
    return "the provider's server is down or its endpoint is wrong (`npx palisade market provider --provider <id>` shows it)";
  if (error instanceof PurchaseClosedError)
    return error.reason === "refunded"
      ? `buy again: \`${cli} consumer buy --service ${error.serviceId} --calls <n>\``
      : `buy again (\`${cli} consumer buy --service ${error.serviceId} --calls <n>\`); unused calls come back with \`${cli} consumer refund --purchase ${error.purchaseId}\` after the claim grace`;
  if (error instanceof NoFaucetError)
    return "real chains have no faucet: transfer PAL to the account; on the devnet `npx palisade dev fund` sends it from the deployer";
  if (error instanceof MeteringStoreNotFoundError)
    return "pass --store the SQLite file the provider's access guard records calls in";
  if (error instanceof NothingToClaimError)
    return `the store holds no call of purchase ${error.purchaseId} beyond the ${error.claimedUpTo} claimed: claim after serving more`;
  if (error instanceof ServiceCallError) return serviceCallFix(error, context);
  const viem = error.cause instanceof ViemBaseError ? viemFix(error.cause, context) : undefined;
  return viem;
}

function serviceCallFix(error: ServiceCallError, context: FixContext): string {
  const purchase = context.option("purchase") ?? "<id>";
  switch (error.code) {
    case "quota_exhausted":
      return `every call of purchase ${purchase} is used: buy more with \`${cli} consumer buy --service <id> --calls <n>\``;
    case "purchase_expired":
      return `purchase ${purchase} has expired: buy again (\`${cli} consumer buy …\`); unused calls are refundable with \`${cli} consumer refund --purchase ${purchase}\``;
    case "token_expired":
      return "the token expired before the provider checked it: pass a longer --expiry, or check the clock";
    case "token_lifetime_too_long":
      return "the provider accepts shorter-lived tokens: pass a smaller --expiry (seconds), or leave it out";
    case "invalid_signature":
      return "sign as the purchase's consumer, or as a session key it authorised until the token's expiry (`consumer session-key authorize`)";
    case "purchase_not_found":
      return "the provider does not see the purchase yet (it may be a block behind): retry in a few seconds";
    case "purchase_refunded":
      return `purchase ${purchase} was refunded: buy again`;
    case "wrong_provider":
      return "the purchase is for another provider: check --path and the provider's endpoint";
    case "purchase_source_unavailable":
    case "metering_unavailable":
      return "the provider could not check or record the call and did not serve it: retry";
    case "token_replayed":
      return "the provider has served this nonce: leave --nonce out and the CLI picks the next one";
    default:
      return `the provider refused the call (${error.status} ${error.code}): its message says why`;
  }
}

function viemFix(error: ViemBaseError, context: FixContext): string | undefined {
  if (error.walk((inner) => inner instanceof InsufficientFundsError) instanceof InsufficientFundsError)
    return context.devnet
      ? `the signer has too little ETH for gas: \`${cli} dev fund --to <signer address> --eth 1\``
      : "the signer has too little ETH for gas: send it some";
  const http = error.walk((inner) => inner instanceof HttpRequestError || inner instanceof TimeoutError);
  if (http)
    return "the RPC did not answer: is the devnet running (`npm start`)? Elsewhere pass --rpc <url> or set PALISADE_RPC_URL";
  return undefined;
}
