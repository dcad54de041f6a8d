import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { allocationManagerAbi, serviceManagerAbi } from "@palisade/abis";
import { type Fixture, fixture } from "@palisade/testkit";
import { readContract } from "viem/actions";
import { avsBounds, avsDefaults } from "../avsSettings.ts";
import { AvsWiringError } from "../errors.ts";
import { verifyAvs } from "../verifyAvs.ts";
import { deployAvs } from "./deployAvs.ts";

let f: Fixture;
before(async () => {
  f = await fixture({ seed: false });
});
after(() => f?.stop());

const strategiesOf = (fx: Fixture) => Object.values(fx.deployment.strategies).map((entry) => entry.strategy);

test("deployAvs wires the ServiceManager as registrar and slasher of set 0, applies the settings and starts the ownership transfer", async () => {
  const { deployer, pauser, slasher, avs: committee, stakers } = f.accounts;
  const strategies = strategiesOf(f);
  const steps: string[] = [];
  const avs = await deployAvs(f.clients.wallet(deployer), {
    allocationManager: f.deployment.contracts.allocationManager,
    strategies,
    owner: stakers[0].address,
    pauser: pauser.address,
    quorumThresholdBps: 7_500,
    vetoWindowBlocks: 3,
    vetoCommittee: committee.address,
    slashRequester: slasher.address,
    onStep: (line) => steps.push(line),
  });
  assert.equal(avs.quorumVerifier, avs.operatorRegistry);
  assert.equal(avs.slashingCoordinator, avs.serviceManager);
  assert.equal(avs.operatorSetId, 0);
  assert.ok(avs.deployedAtBlock > 0);
  assert.match(steps.join("\n"), /deployed OperatorRegistry at 0x/);
  assert.match(steps.join("\n"), /ownership transfer to .* started/);
  assert.match(steps.at(-1) ?? "", /wiring verified/);

  const am = { address: f.deployment.contracts.allocationManager, abi: allocationManagerAbi } as const;
  const set = { avs: avs.serviceManager, id: 0 };
  assert.equal(
    await readContract(f.clients.public, { ...am, functionName: "getSlasher", args: [set] }),
    avs.serviceManager,
  );
  const sm = { address: avs.serviceManager, abi: serviceManagerAbi } as const;
  assert.equal(await readContract(f.clients.public, { ...sm, functionName: "quorumThresholdBps" }), 7_500);
  assert.equal(await readContract(f.clients.public, { ...sm, functionName: "owner" }), deployer.address);
  assert.equal(
    await readContract(f.clients.public, { ...sm, functionName: "pendingOwner" }),
    stakers[0].address,
  );

  // verifyAvs reads the same deployment back, and names what does not match.
  await verifyAvs(f.clients.public, { avs, allocationManager: am.address, strategies });
  await assert.rejects(
    verifyAvs(f.clients.public, { avs, allocationManager: am.address, strategies: strategies.slice(1) }),
    (error: unknown) => error instanceof AvsWiringError && /strategies of operator set 0/.test(error.message),
  );
  await assert.rejects(
    verifyAvs(f.clients.public, {
      avs: { ...avs, operatorRegistry: avs.serviceManager },
      allocationManager: am.address,
      strategies,
    }),
    AvsWiringError,
  );
});

test("the defaults and bounds match the ServiceManager's constants", async () => {
  // A second AVS on the same core is a second AVS address: nothing collides with the first.
  const { deployer, pauser } = f.accounts;
  const avs = await deployAvs(f.clients.wallet(deployer), {
    allocationManager: f.deployment.contracts.allocationManager,
    strategies: strategiesOf(f),
    owner: deployer.address,
    pauser: pauser.address,
    ...avsDefaults,
    vetoWindowBlocks: undefined,
    vetoCommittee: deployer.address,
    slashRequester: deployer.address,
  });
  const read = <
    N extends
      | "DEFAULT_QUORUM_THRESHOLD_BPS"
      | "MIN_QUORUM_THRESHOLD_BPS"
      | "MIN_VETO_WINDOW"
      | "MAX_VETO_WINDOW"
      | "vetoWindow",
  >(
    functionName: N,
  ) => readContract(f.clients.public, { address: avs.serviceManager, abi: serviceManagerAbi, functionName });
  assert.equal(await read("DEFAULT_QUORUM_THRESHOLD_BPS"), avsDefaults.quorumThresholdBps);
  // Half the core's deallocation delay (the fixture's: 5 blocks).
  assert.equal(
    await read("vetoWindow"),
    BigInt(avsDefaults.vetoWindowBlocks(f.deployment.delays.deallocationBlocks)),
  );
  assert.equal(await read("MIN_QUORUM_THRESHOLD_BPS"), avsBounds.minQuorumThresholdBps);
  assert.equal(await read("MIN_VETO_WINDOW"), BigInt(avsBounds.minVetoWindowBlocks));
  assert.equal(await read("MAX_VETO_WINDOW"), BigInt(avsBounds.maxVetoWindowBlocks));
});
