import { EngineError } from "../errors.ts";

/** The token address holds no code at the block: nothing to judge (an EOA, or not deployed yet). */
export class TokenNotAContractError extends EngineError {
  override name = "TokenNotAContractError";
  constructor(
    readonly token: string,
    readonly block: number,
  ) {
    super(`${token} has no code at block ${block}`, {
      details:
        "a token is a contract: check the address and the chain (and that the block is after its deployment)",
    });
  }
}

/** The configured DEX factory holds no code at the block: the engine is pointed at the wrong chain or address. */
export class DexFactoryNotFoundError extends EngineError {
  override name = "DexFactoryNotFoundError";
  constructor(
    readonly factory: string,
    readonly block: number,
  ) {
    super(`the DEX factory ${factory} has no code at block ${block}`, {
      details:
        "createTokenRiskEngine({ dex: { factory, weth } }) must name a Uniswap V2 factory on this chain",
    });
  }
}
