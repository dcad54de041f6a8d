import type { CommandTable } from "../commandLine.ts";
import { checkAddress } from "./check/address.ts";
import { checkToken } from "./check/token.ts";
import { checkTx } from "./check/tx.ts";
import { checkUrl } from "./check/url.ts";
import { consumerBuy } from "./consumer/buy.ts";
import { consumerCall } from "./consumer/call.ts";
import { consumerRefund } from "./consumer/refund.ts";
import { consumerReview } from "./consumer/review.ts";
import { consumerSessionKeyAuthorize } from "./consumer/sessionKeyAuthorize.ts";
import { consumerSessionKeyRevoke } from "./consumer/sessionKeyRevoke.ts";
import { consumerToken } from "./consumer/token.ts";
import { devAccountsCommand } from "./dev/accounts.ts";
import { devFaucet } from "./dev/faucet.ts";
import { devFund } from "./dev/fund.ts";
import { devMint } from "./dev/mint.ts";
import { devWarp } from "./dev/warp.ts";
import { govGroup } from "./gov/index.ts";
import { marketProvider } from "./market/provider.ts";
import { marketServices } from "./market/services.ts";
import { operatorGroup } from "./operator/index.ts";
import { providerChallenge } from "./provider/challenge.ts";
import { providerClaim } from "./provider/claim.ts";
import { providerRegister } from "./provider/register.ts";
import { providerServiceAdd } from "./provider/serviceAdd.ts";
import { providerServiceUpdate } from "./provider/serviceUpdate.ts";
import { providerStakeAdd } from "./provider/stakeAdd.ts";
import { providerStatus } from "./provider/status.ts";
import { providerUnstake } from "./provider/unstake.ts";
import { providerUnstakeComplete } from "./provider/unstakeComplete.ts";
import { providerWithdraw } from "./provider/withdraw.ts";
import { stakeGroup } from "./stake/index.ts";
import { statusGroup } from "./status/index.ts";

/**
 * Every command: group → command words → command. A new group is one folder of commands and one
 * entry here; `--help`, parsing, validation, --json and error reporting come with the table.
 */
export const commandTable: CommandTable = {
  status: statusGroup,
  operator: operatorGroup,
  stake: stakeGroup,
  provider: {
    summary: "sell a service: stake, list services, claim served calls, withdraw fees",
    commands: {
      register: providerRegister,
      "service add": providerServiceAdd,
      "service update": providerServiceUpdate,
      status: providerStatus,
      claim: providerClaim,
      withdraw: providerWithdraw,
      "stake add": providerStakeAdd,
      unstake: providerUnstake,
      "unstake complete": providerUnstakeComplete,
      challenge: providerChallenge,
    },
  },
  consumer: {
    summary: "buy calls, sign access tokens, call providers, review, refund",
    commands: {
      buy: consumerBuy,
      token: consumerToken,
      call: consumerCall,
      "session-key authorize": consumerSessionKeyAuthorize,
      "session-key revoke": consumerSessionKeyRevoke,
      review: consumerReview,
      refund: consumerRefund,
    },
  },
  market: {
    summary: "browse the catalogue: services and providers",
    commands: {
      services: marketServices,
      provider: marketProvider,
    },
  },
  gov: govGroup,
  check: {
    summary: "security checks in-process: phishing URLs, address risk, token risk, transaction firewall",
    commands: {
      url: checkUrl,
      address: checkAddress,
      token: checkToken,
      tx: checkTx,
    },
  },
  dev: {
    summary: "devnet helpers: named accounts, PAL and ETH from the deployer or the faucet, test LSTs",
    commands: {
      accounts: devAccountsCommand,
      fund: devFund,
      mint: devMint,
      faucet: devFaucet,
      warp: devWarp,
    },
  },
};
