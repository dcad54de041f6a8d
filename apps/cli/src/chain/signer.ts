import { resolve } from "node:path";
import type { LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DevnetOnlyError, SignerRequiredError, UsageError } from "../errors.ts";
import type { SignerChoice } from "../globalOptions.ts";
import type { Io } from "../io.ts";
import { DEVNET_CHAIN_ID, devAccount, devAccounts } from "./devAccounts.ts";
import { loadKeystoreV3 } from "./keystoreV3.ts";

/**
 * The account a command signs with: a private key (--key or PALISADE_KEY), a V3 keystore
 * (--keystore, password in PALISADE_KEYSTORE_PASSWORD) or a named devnet account (--account, only
 * on chain 31337: those keys are public).
 */
export async function resolveSigner(
  choice: SignerChoice,
  io: Io,
  chainId: () => Promise<number>,
): Promise<LocalAccount> {
  switch (choice.kind) {
    case "key":
      return privateKeyToAccount(choice.key.reveal());
    case "keystore": {
      const password = io.env.PALISADE_KEYSTORE_PASSWORD;
      if (password === undefined)
        throw new UsageError("--keystore needs its password in env PALISADE_KEYSTORE_PASSWORD", undefined);
      const { privateKey } = await loadKeystoreV3(resolve(io.cwd, choice.path), password);
      return privateKeyToAccount(privateKey);
    }
    case "account": {
      const entry = devAccount(choice.name);
      if (!entry)
        throw new UsageError(`--account ${choice.name}: no such devnet account`, undefined, {
          details: `known: ${devAccounts()
            .map((known) => known.name)
            .join(", ")}`,
        });
      const id = await chainId();
      if (id !== DEVNET_CHAIN_ID) throw new DevnetOnlyError(`--account ${choice.name}`, id);
      return entry.account;
    }
    case "none":
      throw new SignerRequiredError();
  }
}
