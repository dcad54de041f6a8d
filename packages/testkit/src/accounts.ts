import { type HDAccount, mnemonicToAccount } from "viem/accounts";

/** Anvil's default mnemonic: its first accounts are funded with 10 000 ETH each. */
export const anvilMnemonic = "test test test test test test test test test test test junk";

const account = (addressIndex: number): HDAccount => mnemonicToAccount(anvilMnemonic, { addressIndex });

/**
 * The ten funded anvil accounts by role. The deployer owns the core contracts and the mock LSTs
 * (so it mints); the avs account owns operator set 0 and funds its rewards; the slasher is the
 * set's slasher. Tests that need a fresh account can fund one with `anvil_setBalance`.
 *
 * `avsOperators` are the four operators the AVS fixture and the devnet register with Palisade's
 * ServiceManager: the three seeded operators and a fourth at index 10, beyond anvil's ten funded
 * accounts (registerAvsOperators funds it from the deployer).
 */
export interface NamedAccounts {
  readonly deployer: HDAccount;
  readonly pauser: HDAccount;
  readonly avs: HDAccount;
  readonly slasher: HDAccount;
  readonly operators: readonly [HDAccount, HDAccount, HDAccount];
  readonly stakers: readonly [HDAccount, HDAccount, HDAccount];
  readonly avsOperators: readonly [HDAccount, HDAccount, HDAccount, HDAccount];
  /** Pays for the aggregator's submitBatch (index 11, funded by whoever starts an aggregator). */
  readonly submitter: HDAccount;
  /** Marketplace providers (indices 12, 13; funded by deployTestMarketplace). */
  readonly providers: readonly [HDAccount, HDAccount];
  /** Marketplace consumers (indices 14, 15; funded by deployTestMarketplace). */
  readonly consumers: readonly [HDAccount, HDAccount];
  /**
   * A drainer the devnet labels as an exploiter (index 16, never funded): the address the engines and
   * the JSON-RPC firewall demos flag, e.g. an approval to it is blocked.
   */
  readonly attacker: HDAccount;
  /**
   * Governance's veto committee (index 17; a multisig on a real chain, funded by deployTestGovernance):
   * may veto queued disciplinary slashing proposals and, in ProviderSlashing and the ServiceManager,
   * the slash requests governance files.
   */
  readonly vetoCommittee: HDAccount;
  /**
   * Sends the attack monitor's `ThreatResponse.respond` on the devnet (index 18, funded by the devnet):
   * anyone may present a certified alert; this account pays for it.
   */
  readonly responder: HDAccount;
}

let cached: NamedAccounts | undefined;

/** The named anvil accounts (derived once; HD derivation costs a few ms each). */
export function accounts(): NamedAccounts {
  if (!cached) {
    const operators = [account(4), account(5), account(6)] as const;
    cached = {
      deployer: account(0),
      pauser: account(1),
      avs: account(2),
      slasher: account(3),
      operators,
      stakers: [account(7), account(8), account(9)],
      avsOperators: [...operators, account(10)],
      submitter: account(11),
      providers: [account(12), account(13)],
      consumers: [account(14), account(15)],
      attacker: account(16),
      vetoCommittee: account(17),
      responder: account(18),
    };
  }
  return cached;
}
