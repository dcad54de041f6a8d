import { accounts } from "@palisade/testkit";
import type { HDAccount } from "viem/accounts";

/** The devnet's chain id (anvil's default): `--account` and the `dev` commands refuse any other. */
export const DEVNET_CHAIN_ID = 31_337;

export interface DevAccount {
  name: string;
  role: string;
  account: HDAccount;
}

/**
 * The devnet's named accounts (the testkit's, derived from anvil's public test mnemonic) under the
 * names `--account` takes: deployer, provider0, consumer1 …
 */
export function devAccounts(): DevAccount[] {
  const named = accounts();
  return [
    {
      name: "deployer",
      role: "deployed the contracts (governance owns them); PAL treasury, mints the test LSTs",
      account: named.deployer,
    },
    { name: "pauser", role: "pauses contracts", account: named.pauser },
    { name: "avs", role: "AVS of the seeded operator set 0 (not Palisade's)", account: named.avs },
    { name: "slasher", role: "slasher of the seeded operator set", account: named.slasher },
    ...named.operators.map((account, index) => ({ name: `operator${index}`, role: "AVS operator", account })),
    { name: "operator3", role: "AVS operator", account: named.avsOperators[3] },
    ...named.stakers.map((account, index) => ({ name: `staker${index}`, role: "restaker", account })),
    { name: "submitter", role: "pays for the aggregator's batches", account: named.submitter },
    ...named.providers.map((account, index) => ({
      name: `provider${index}`,
      role: `marketplace provider (owns provider ${index + 1} once seeded)`,
      account,
    })),
    ...named.consumers.map((account, index) => ({
      name: `consumer${index}`,
      role: "marketplace consumer",
      account,
    })),
    {
      name: "committee",
      role: "governance's veto committee (disciplinary slashing proposals and requests)",
      account: named.vetoCommittee,
    },
  ];
}

/** The named account, or undefined. */
export function devAccount(name: string): DevAccount | undefined {
  return devAccounts().find((entry) => entry.name === name);
}
