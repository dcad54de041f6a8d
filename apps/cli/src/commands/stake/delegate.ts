import { delegationManagerAbi } from "@palisade/abis";
import { delegateTo, getStakerPosition } from "@palisade/sdk";
import { isAddressEqual, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { formatToken } from "../../amounts.ts";
import {
  AlreadyDelegatedError,
  DelegationApprovalRequiredError,
  UnknownOperatorError,
} from "../../errors.ts";
import { addressOrAccountSchema } from "../../options.ts";
import { stakeToken } from "../restaking.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const stakeDelegate = defineCommand({
  summary: "delegate all your deposited stake to an operator",
  description:
    "Every share you hold (and every later deposit) joins the operator's pool: it is as slashable as the\n" +
    "operator's allocations, and earns a share of its rewards. One operator at a time; an operator whose\n" +
    "delegations need its approver's signature is refused here (the SDK's delegateTo takes one).",
  example: "npx palisade stake delegate --account consumer0 --operator operator3",
  options: {
    operator: {
      type: "string",
      placeholder: "address|name",
      description: "the operator (`npx palisade status` lists them; devnet names work)",
      schema: addressOrAccountSchema("--operator"),
      required: true,
    },
  },
  async run(context, args) {
    const [wallet, deployment] = await Promise.all([context.wallet(), context.deployment()]);
    const dm = { address: deployment.contracts.delegationManager, abi: delegationManagerAbi } as const;
    const staker = wallet.account.address;
    const [isOperator, current, approver] = await Promise.all([
      readContract(wallet, { ...dm, functionName: "isOperator", args: [args.operator] }),
      readContract(wallet, { ...dm, functionName: "delegatedTo", args: [staker] }),
      readContract(wallet, { ...dm, functionName: "delegationApprover", args: [args.operator] }),
    ]);
    if (!isOperator) throw new UnknownOperatorError(args.operator);
    const already = isAddressEqual(current, args.operator);
    if (!already && current !== zeroAddress) throw new AlreadyDelegatedError(staker, current, args.operator);
    if (!already && approver !== zeroAddress)
      throw new DelegationApprovalRequiredError(args.operator, approver);
    const hash = already
      ? undefined
      : (await delegateTo(wallet, { contracts: deployment.contracts, operator: args.operator })).hash;
    const positions = (
      await Promise.all(
        Object.keys(deployment.strategies).map(async (symbol) => {
          const token = await stakeToken(wallet, deployment, symbol);
          const position = await getStakerPosition(wallet, {
            contracts: deployment.contracts,
            staker,
            strategy: token.strategy,
          });
          return { token, position };
        }),
      )
    ).filter(({ position }) => position.withdrawableShares > 0n);
    return {
      data: {
        staker,
        operator: args.operator,
        alreadyDelegated: already,
        delegated: positions.map(({ token, position }) => ({
          token: token.symbol,
          strategy: token.strategy,
          shares: position.withdrawableShares,
          underlying: position.underlying,
        })),
        transaction: hash ?? null,
      },
      text: [
        already
          ? `${staker} was already delegated to ${args.operator}`
          : `${staker} delegated to ${args.operator}`,
        `delegated  ${positions.length === 0 ? "nothing yet (`npx palisade stake deposit` adds to it)" : positions.map(({ token, position }) => formatToken(position.underlying, token.decimals, token.symbol)).join(", ")}`,
        transactionLines([["delegateTo", hash]], `operator status --operator ${args.operator}`),
      ].join("\n"),
    };
  },
});
