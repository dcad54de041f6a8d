import { getGovernanceAccount, syncGovernanceToken } from "@palisade/sdk";
import { type Address, formatEther, getAddress, isAddress } from "viem";
import { z } from "zod";
import { devAccount } from "../../chain/devAccounts.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";
import { GovernanceStepError } from "./errors.ts";
import { governanceOfContext, votes } from "./shared.ts";

const gpal = (value: bigint) => `${formatEther(value)} gPAL`;

/** `--staker`: an address or a devnet account name. */
export const accountSchema = (flag: string) =>
  z
    .string()
    .refine((value) => isAddress(value, { strict: false }) || devAccount(value) !== undefined, {
      message: `${flag} must be an address or a devnet account name (\`palisade dev accounts\`)`,
    })
    .transform(
      (value): Address =>
        isAddress(value, { strict: false })
          ? getAddress(value)
          : (devAccount(value)?.account.address as Address),
    );

export const govSync = defineCommand({
  summary: "mint or burn a staker's gPAL to match its stake allocated to Palisade (the signer's by default)",
  description:
    "gPAL is minted against stake allocated to Palisade's operator set: one token per value unit (1 stETH\n" +
    "= 1 gPAL at the default weight). After restaking more, or after a slash or a deallocation, sync brings\n" +
    "the balance in line (a fall the staker no longer holds the tokens for becomes debt). Anyone may sync\n" +
    "anyone (--staker). Tokens vote with their holding time: 1× on arrival, 2× after a year; only tokens\n" +
    "held before a proposal's snapshot count for it. There is no delegation: holders vote themselves.",
  example: "npx palisade gov sync --account staker0",
  options: {
    staker: {
      type: "string",
      placeholder: "address|name",
      description: "whose gPAL to sync (default: the signer)",
      schema: accountSchema("--staker").optional(),
    },
  },
  async run(context, args) {
    const [wallet, client, governance] = await Promise.all([
      context.wallet(),
      context.publicClient(),
      governanceOfContext(context),
    ]);
    const staker = args.staker ?? wallet.account.address;
    const before = await getGovernanceAccount(client, { governance, account: staker });
    if (before.backedStake === 0n && before.backing === 0n && before.debt === 0n)
      throw new GovernanceStepError(
        `${staker} has no stake allocated to Palisade's operator set: there is no gPAL to mint`,
        "restake first: deposit into a strategy and delegate to an operator of Palisade's set (operator0 … operator3 on the devnet), then sync",
      );
    const synced = await syncGovernanceToken(wallet, { governance, staker });
    const after = await getGovernanceAccount(client, { governance, account: staker });
    const change =
      synced.minted > 0n
        ? `minted ${gpal(synced.minted)}`
        : synced.burned > 0n
          ? `burned ${gpal(synced.burned)}`
          : "nothing to mint or burn (already in sync)";
    return {
      data: {
        staker,
        backed: synced.backed,
        minted: synced.minted,
        burned: synced.burned,
        debt: synced.debt,
        balance: after.balance,
        weight: after.weight,
        transaction: synced.hash,
      },
      text: [
        `${staker}: ${change}`,
        `  backed by     ${gpal(synced.backed)} of stake allocated to Palisade`,
        `  balance       ${gpal(after.balance)}${synced.debt > 0n ? `, debt ${gpal(synced.debt)}` : ""}`,
        `  voting weight ${votes(after.weight)} now (counts for proposals made from the next second)`,
        transactionLines([["sync", synced.hash]], "gov list"),
      ].join("\n"),
    };
  },
});
