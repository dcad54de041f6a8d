import { timelockAbi } from "@palisade/abis";
import type { GovernanceDeployment } from "@palisade/sdk";
import { encodeFunctionData, type Hex, keccak256, toBytes } from "viem";
import { getBlock, readContract } from "viem/actions";
import { HandOverNotReadyError } from "../errors.ts";
import { type GovernedDeployment, handOverBatch } from "../handOver.ts";
import { type DeployWallet, sendAndWait } from "../send.ts";
import { verifyGovernance } from "../verifyGovernance.ts";

export interface CompleteHandOverParameters {
  deployment: GovernedDeployment;
  governance: GovernanceDeployment;
  onStep?: ((message: string) => void) | undefined;
}

/** OpenZeppelin's AccessControl role ids (`keccak256("PROPOSER_ROLE")` …; the admin role is 0). */
const role = (name: string): Hex => keccak256(toBytes(name));
const PROPOSER_ROLE = role("PROPOSER_ROLE");
const CANCELLER_ROLE = role("CANCELLER_ROLE");
const EXECUTOR_ROLE = role("EXECUTOR_ROLE");
const DEFAULT_ADMIN_ROLE: Hex = `0x${"00".repeat(32)}`;

/**
 * Second half of the hand-over (after scheduleHandOver and the Timelock's delay), signed by the same
 * deployer: executes the batch in which the Timelock accepts every governed contract, makes the
 * governor the Timelock's only proposer, canceller and executor, renounces the deployer's roles (the
 * Timelock then administers itself), and reads everything back (verifyGovernance). From here on only
 * a passed proposal changes a governed contract. HandOverNotReadyError before the delay has passed.
 *
 * @example
 * await completeHandOver(wallet, { deployment, governance });
 */
export async function completeHandOver(
  wallet: DeployWallet,
  parameters: CompleteHandOverParameters,
): Promise<void> {
  const { deployment, governance } = parameters;
  const step = parameters.onStep ?? (() => {});
  const timelock = { address: governance.timelock, abi: timelockAbi } as const;
  const batch = handOverBatch(deployment);
  const operationId = await readContract(wallet, {
    ...timelock,
    functionName: "hashOperationBatch",
    args: [batch.targets, batch.values, batch.payloads, batch.predecessor, batch.salt],
  });
  const readyAt = await readContract(wallet, {
    ...timelock,
    functionName: "getTimestamp",
    args: [operationId],
  });
  const { timestamp: now } = await getBlock(wallet, { blockTag: "latest" });
  // getTimestamp is 1 once executed: a rerun after a crash goes straight to the roles.
  if (readyAt !== 1n) {
    if (readyAt === 0n || now < readyAt) throw new HandOverNotReadyError(readyAt, now);
    await sendAndWait(
      wallet,
      {
        to: governance.timelock,
        data: encodeFunctionData({
          ...timelock,
          functionName: "executeBatch",
          args: [batch.targets, batch.values, batch.payloads, batch.predecessor, batch.salt],
        }),
      },
      "Timelock.executeBatch",
    );
    step(`Timelock: accepted the ownership of ${batch.targets.length} contracts`);
  }

  const deployer = wallet.account.address;
  const roles = [
    ["grantRole", PROPOSER_ROLE, governance.governor, "governor: proposer"],
    ["grantRole", CANCELLER_ROLE, governance.governor, "governor: canceller"],
    ["grantRole", EXECUTOR_ROLE, governance.governor, "governor: executor"],
    ["renounceRole", PROPOSER_ROLE, deployer, "deployer: proposer renounced"],
    ["renounceRole", CANCELLER_ROLE, deployer, "deployer: canceller renounced"],
    ["renounceRole", EXECUTOR_ROLE, deployer, "deployer: executor renounced"],
    // Last: the admin role is what allows the grants above.
    [
      "renounceRole",
      DEFAULT_ADMIN_ROLE,
      deployer,
      "deployer: admin renounced, the Timelock administers itself",
    ],
  ] as const;
  for (const [functionName, id, account, what] of roles) {
    const holds = await readContract(wallet, { ...timelock, functionName: "hasRole", args: [id, account] });
    if (holds === (functionName === "grantRole")) continue;
    await sendAndWait(
      wallet,
      {
        to: governance.timelock,
        data: encodeFunctionData({ ...timelock, functionName, args: [id, account] }),
      },
      `Timelock.${functionName}`,
    );
    step(`Timelock: ${what}`);
  }
  await verifyGovernance(wallet, { deployment, governance, deployer });
  step("governance wiring verified: the Timelock owns the core, the AVS and the marketplace");
}
