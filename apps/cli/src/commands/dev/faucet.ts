import { dripFaucet } from "@palisade/sdk";
import { formatPal } from "../../amounts.ts";
import { NoFaucetError } from "../../errors.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const devFaucet = defineCommand({
  summary: "take the devnet faucet's drip of PAL (seeded accounts, once per cooldown)",
  description: "Any other account gets PAL with `palisade dev fund` (from the deployer).",
  example: "npx palisade dev faucet --account consumer1",
  options: {},
  async run(context) {
    const [wallet, contracts] = await Promise.all([context.wallet(), context.contracts()]);
    if (contracts.faucet === undefined) throw new NoFaucetError();
    const { amount, hash } = await dripFaucet(wallet, { contracts });
    return {
      data: { to: wallet.account.address, amount, transaction: hash },
      text: [
        `${formatPal(amount)} dripped to ${wallet.account.address}`,
        transactionLines([["drip", hash]]),
      ].join("\n"),
    };
  },
});
