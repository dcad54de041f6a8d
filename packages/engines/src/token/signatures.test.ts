import assert from "node:assert/strict";
import { test } from "node:test";
import { slice, toFunctionSelector } from "viem";
import { calldataFor } from "./hiddenOwner.ts";
import { knownFunctions, transferSelectors } from "./signatures.ts";

test("every known signature has its own selector (no function counts for two fields)", () => {
  const seen = new Map<string, string>();
  for (const fn of knownFunctions()) {
    assert.equal(fn.selector, toFunctionSelector(fn.signature));
    assert.equal(seen.get(fn.selector), undefined, `${fn.signature} collides with ${seen.get(fn.selector)}`);
    seen.set(fn.selector, fn.signature);
  }
});

test("every privileged action can be probed: dummy arguments encode for its signature", () => {
  for (const fn of knownFunctions().filter((known) => known.action))
    assert.equal(slice(calldataFor(fn.signature), 0, 4), fn.selector, fn.signature);
});

test("the transfer selectors are ERC20's", () => {
  for (const [signature, selector] of Object.entries(transferSelectors))
    assert.equal(toFunctionSelector(signature), selector);
});
