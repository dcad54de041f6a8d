import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BlockAheadOfChainError,
  DexFactoryNotFoundError,
  EngineRpcError,
  InvalidInputError,
  SimulationUnavailableError,
  TokenNotAContractError,
} from "@palisade/engines";
import { TokenReplayedError, WrongServiceError } from "@palisade/provider";
import { errorResponse } from "./errorResponse.ts";
import { RateLimitedError } from "./errors.ts";

const secret = new Error("connect ECONNREFUSED http://user:secret@10.0.0.7:8545");

test("each engine error has its own status and code; causes never reach the body", () => {
  const cases: [unknown, number, string][] = [
    [
      new InvalidInputError("invalid parameters", [{ path: "address", message: "bad" }]),
      400,
      "invalid_request",
    ],
    [new BlockAheadOfChainError(10, 7), 409, "block_ahead_of_chain"],
    [new TokenNotAContractError("0xabc", 7), 422, "not_a_contract"],
    [new DexFactoryNotFoundError("0xfac", 7), 500, "engine_misconfigured"],
    [new SimulationUnavailableError(["debug_traceCall"], secret), 502, "simulation_unavailable"],
    [new EngineRpcError("address-risk@1", secret), 502, "upstream_error"],
    [secret, 500, "internal_error"],
  ];
  for (const [error, status, code] of cases) {
    const mapped = errorResponse(error);
    assert.equal(mapped.status, status, code);
    assert.equal(mapped.body.error.code, code);
    assert.equal(mapped.internal, status >= 500, code);
    assert.doesNotMatch(JSON.stringify(mapped.body), /secret|ECONNREFUSED/, code);
  }
  assert.deepEqual(errorResponse(cases[0]?.[0]).body.error.issues, [{ path: "address", message: "bad" }]);
  assert.match(errorResponse(new BlockAheadOfChainError(10, 7)).body.error.message, /latest block 7/);
});

test("guard refusals keep theirs; 429 carries Retry-After", () => {
  const wrong = errorResponse(new WrongServiceError(4, [3]));
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.error.code, "wrong_service");
  assert.equal(errorResponse(new TokenReplayedError(1n, 2n)).status, 409);
  const limited = errorResponse(new RateLimitedError(3, "consumer"));
  assert.equal(limited.status, 429);
  assert.equal(limited.headers["retry-after"], "3");
  assert.equal(limited.body.error.code, "rate_limited");
});
