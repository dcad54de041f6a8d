import { BaseError } from "./base.ts";

/** The deployment file is missing, not JSON, or does not match the schema. */
export class DeploymentFileError extends BaseError {
  override name = "DeploymentFileError";
  constructor(
    readonly path: string,
    problem: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(`deployment file ${path}: ${problem}`, options);
  }
}

/** The deployment names no strategy with this symbol. */
export class UnknownStrategyError extends BaseError {
  override name = "UnknownStrategyError";
  constructor(
    readonly symbol: string,
    readonly known: readonly string[],
  ) {
    super(`no strategy for ${symbol} in the deployment`, { details: `known: ${known.join(", ") || "none"}` });
  }
}

/** The deployment has no `avs` section: the Palisade AVS was not deployed on this chain. */
export class AvsNotDeployedError extends BaseError {
  override name = "AvsNotDeployedError";
  constructor() {
    super("the deployment has no AVS section", {
      details: "deploy it with `npm run deploy -- --avs …` or start the devnet (`npm start`)",
    });
  }
}

/** A marketplace action was given a deployment without a marketplace section. */
export class MarketplaceNotDeployedError extends BaseError {
  override name = "MarketplaceNotDeployedError";
  constructor() {
    super("the deployment has no marketplace section", {
      details: "deploy it with `npm run deploy -- --marketplace …` or start the devnet (`npm start`)",
    });
  }
}

export class GovernanceNotDeployedError extends BaseError {
  override name = "GovernanceNotDeployedError";
  constructor() {
    super("the deployment has no governance section", {
      details:
        "start the devnet (`npm start`), which deploys governance, or use a deployment file that has one",
    });
  }
}
