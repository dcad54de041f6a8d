import { allocationManagerAbi, operatorRegistryAbi } from "@palisade/abis";
import { avsOf, updateOperatorStakes } from "@palisade/sdk";
import { formatValue } from "@palisade/views";
import { readContract } from "viem/actions";
import { NotInOperatorSetError } from "../../errors.ts";
import { addressOrAccountSchema } from "../../options.ts";
import { palisadeSet } from "../restaking.ts";
import { transactionLines } from "../shared.ts";
import { defineCommand } from "../types.ts";

export const operatorUpdateStake = defineCommand({
  summary: "record an operator's allocated stake in Palisade's OperatorRegistry (anyone may)",
  description:
    "Certificates weigh each signer by the stake the OperatorRegistry holds for it at their reference block.\n" +
    "An allocation change counts there once it is in force (after its effect block) and recorded: this\n" +
    "records it (OperatorRegistry.updateStakes). Sends nothing when the registry is up to date.",
  example: "npx palisade operator update-stake --account operator3",
  options: {
    operator: {
      type: "string",
      placeholder: "address|name",
      description: "whose stake to record (default: the signer)",
      schema: addressOrAccountSchema("--operator").optional(),
    },
  },
  async run(context, args) {
    const [wallet, deployment] = await Promise.all([context.wallet(), context.deployment()]);
    const avs = avsOf(deployment);
    const operator = args.operator ?? wallet.account.address;
    const operatorSet = palisadeSet(deployment);
    const registry = { address: avs.operatorRegistry, abi: operatorRegistryAbi } as const;
    const read = () =>
      Promise.all([
        readContract(wallet, { ...registry, functionName: "isRegistered", args: [operator] }),
        readContract(wallet, { ...registry, functionName: "stakeOf", args: [operator] }),
        readContract(wallet, {
          address: deployment.contracts.allocationManager,
          abi: allocationManagerAbi,
          functionName: "getOperatorAllocatedValue",
          args: [operatorSet, operator],
        }),
      ]);
    const [registered, before, allocated] = await read();
    if (!registered) throw new NotInOperatorSetError(operator, operatorSet);
    const transaction =
      before === allocated
        ? undefined
        : await updateOperatorStakes(wallet, {
            operatorRegistry: avs.operatorRegistry,
            operators: [operator],
          });
    const [, after] = await read();
    return {
      data: {
        operator,
        previous: before,
        current: after,
        allocatedValue: allocated,
        transaction: transaction?.hash ?? null,
      },
      text: [
        transaction === undefined
          ? `the registry already holds ${operator}'s allocated stake: ${formatValue(after)} (value units)`
          : `registry stake of ${operator}: ${formatValue(before)} → ${formatValue(after)} (value units)`,
        transactionLines([["updateStakes", transaction?.hash]]),
      ]
        .filter((line) => line !== "")
        .join("\n"),
    };
  },
});
