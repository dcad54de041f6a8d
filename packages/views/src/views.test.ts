import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEther, zeroAddress } from "viem";
import { formatAmount, formatPercent, formatValue } from "./format.ts";
import { type OperatorSetView, renderOperatorSet, securityMargin } from "./operatorSet.ts";
import { formatPending } from "./operators.ts";

const set: OperatorSetView = {
  id: 0,
  avs: zeroAddress,
  slasher: zeroAddress,
  members: [],
  config: {
    profitFromCorruption: parseEther("8"),
    corruptionThresholdWad: parseEther("1") / 3n,
    gammaWad: parseEther("0.2"),
    enforceOnDeallocation: false,
  },
  security: {
    allocatedValue: parseEther("51"),
    costOfCorruption: parseEther("17"),
    requiredCost: parseEther("9.6"),
    secure: true,
  },
  critical: [],
};

test("amounts round to four decimals, negative ones keep their sign; percentages to one", () => {
  assert.equal(formatAmount(parseEther("16.99999999999999998"), 18), "17.0");
  assert.equal(formatAmount(-parseEther("2.5"), 18), "-2.5");
  assert.equal(formatAmount(-1n, 18), "0.0");
  assert.equal(formatValue(parseEther("7.4")), "7.4");
  assert.equal(formatPercent(parseEther("1") / 3n), "33.3 %");
});

test("the security margin is α·U − (1+γ)·π, with the ratio; none without a declared config", () => {
  const margin = securityMargin(set);
  assert.equal(margin?.margin, parseEther("7.4"));
  // 17 / 9.6 = 1.7708…
  assert.equal(formatPercent(margin?.ratioWad ?? 0n), "177.1 %");
  const broken = securityMargin({ ...set, security: { ...set.security, costOfCorruption: parseEther("9") } });
  assert.equal(broken?.margin, -parseEther("0.6"));
  const free = securityMargin({
    config: { ...set.config, profitFromCorruption: 0n },
    security: { ...set.security, requiredCost: 0n },
  });
  assert.equal(free?.ratioWad, undefined);
  assert.equal(securityMargin({ ...set, config: { ...set.config, corruptionThresholdWad: 0n } }), undefined);
});

test("the operator set section names the config, the figures and the critical members", () => {
  const text = renderOperatorSet(
    { ...set, critical: [zeroAddress] },
    () => "op",
    (a) => a,
  ).join("\n");
  assert.match(text, /π = 8\.0, α = 33\.3 %, γ = 20\.0 %/);
  assert.match(text, /U = 51\.0 {3}α·U = 17\.0 {3}\(1\+γ\)·π = 9\.6 {3}secure: yes/);
  assert.match(text, /critical {11}op$/m);
  assert.equal(formatPending({ diffWad: parseEther("0.1"), effectBlock: 9 }), "+10.0 % at block 9");
  assert.equal(formatPending(undefined), "none");
});
