import { marketplaceAbi, palisadeGovernorAbi, providerSlashingAbi } from "@palisade/abis";
import {
  ContractRevertError,
  createProposal,
  getGovernanceAccount,
  getProvider,
  getService,
  marketplaceOf,
  type ProposalCall,
  toContractError,
} from "@palisade/sdk";
import {
  type Address,
  encodeFunctionData,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  keccak256,
  RawContractError,
  toBytes,
  BaseError as ViemBaseError,
} from "viem";
import { call, readContract } from "viem/actions";
import { z } from "zod";
import { formatPal, parsePal } from "../../amounts.ts";
import { devAccount } from "../../chain/devAccounts.ts";
import { UsageError } from "../../errors.ts";
import { addressSchema, palSchema, smallIdSchema, textSchema } from "../../options.ts";
import { fixContext } from "../../report/fixContext.ts";
import { governanceRevertFixes } from "../../report/governanceFixes.ts";
import { revertFixes } from "../../report/revertFixes.ts";
import { transactionLines } from "../shared.ts";
import { type CommandContext, defineCommand } from "../types.ts";
import { describeCalls } from "./describeCall.ts";
import { GovernanceStepError } from "./errors.ts";
import { explainGovernorRevert } from "./explain.ts";
import { parameterChange, parameterList, parameters, parseParameterValue } from "./parameters.ts";
import { encodeRawCall, RawCallProblem } from "./rawCall.ts";
import { chainTime, cli, governanceOfContext, resolveProposal, shortId, votes } from "./shared.ts";

const PATH = "gov propose";

/** `--compensate consumer0=10`: a harmed account (address or devnet name) and the PAL it gets first. */
const compensationSchema = z
  .array(z.string())
  .optional()
  .transform((entries, context) =>
    (entries ?? []).map((entry) => {
      const [who = "", amount = ""] = entry.split("=");
      const account = isAddress(who, { strict: false }) ? getAddress(who) : devAccount(who)?.account.address;
      const parsed = parsePal(amount);
      if (!account || "problem" in parsed) {
        context.addIssue({
          code: "custom",
          message: `"${entry}" is not <address|devnet name>=<PAL>, e.g. consumer0=10`,
        });
        return { account: "0x0000000000000000000000000000000000000000" as Address, amount: 0n };
      }
      return { account: account as Address, amount: parsed.value };
    }),
  );

interface Built {
  calls: ProposalCall[];
  description: string;
  /** What the proposal does, for the output. */
  summary: string;
  /** Short names of the calls for errors (default: the decoded calls). */
  labels?: string[];
}

export const govPropose = defineCommand({
  summary: "propose a change: a parameter by name, a delisting, a provider slash, or any call (raw)",
  description:
    "Give one of:\n" +
    "  --param <contract.name> --value <v>   a governable parameter (the Timelock sets it if the proposal passes)\n" +
    "  --delist <service id>                 Marketplace.setServiceActive(id, false)\n" +
    "  --slash-provider <id> --amount <PAL> --evidence <text> [--evidence-uri <uri>] [--compensate <who>=<PAL> …]\n" +
    "                                        a disciplinary slash (ProviderSlashing.requestSlash): the veto committee\n" +
    "                                        may veto it until its timelock ETA, and again in ProviderSlashing\n" +
    '  --target <address> --signature "setX(uint256)" [--args <v> …]   any call the Timelock may make\n' +
    "Before proposing, each call is simulated as the Timelock: a value out of its bounds is refused now, not\n" +
    "at execution. Proposing needs the threshold in voting weight (gPAL held a second ago; `gov sync`).\n" +
    "Parameters (units: bps = 1/10,000, seconds, blocks, PAL, fraction 0–1):\n" +
    parameterList(),
  example:
    'npx palisade gov propose --account staker2 --param marketplace.protocolFeeBps --value 300 --description "Lower the protocol fee to 3 %"',
  options: {
    param: {
      type: "string",
      placeholder: "contract.name",
      description: "a governable parameter, e.g. marketplace.protocolFeeBps (list above)",
      schema: z
        .string()
        .refine((name) => name in parameters, {
          message:
            "unknown parameter: `palisade gov propose --help` lists them (or use --target/--signature)",
        })
        .optional(),
    },
    value: {
      type: "string",
      placeholder: "value",
      description: "with --param: the new value in the parameter's unit",
      schema: z.string().min(1).optional(),
    },
    delist: {
      type: "string",
      placeholder: "service id",
      description: "delist a service (Marketplace.setServiceActive(id, false))",
      schema: smallIdSchema("--delist").optional(),
    },
    slashProvider: {
      type: "string",
      placeholder: "provider id",
      description: "slash a provider's stake (disciplinary: vetoable)",
      schema: smallIdSchema("--slash-provider").optional(),
    },
    amount: {
      type: "string",
      placeholder: "PAL",
      description: "with --slash-provider: PAL to take from its stake",
      schema: palSchema({ positive: true }).optional(),
    },
    evidence: {
      type: "string",
      placeholder: "text",
      description: "with --slash-provider: the evidence (its keccak256 goes on-chain)",
      schema: textSchema("--evidence").optional(),
    },
    evidenceUri: {
      type: "string",
      placeholder: "uri",
      description: "with --slash-provider: where the evidence is published",
      schema: textSchema("--evidence-uri").optional(),
    },
    compensate: {
      type: "string",
      multiple: true,
      placeholder: "who=PAL",
      description: "with --slash-provider: a harmed account paid first from the slash (repeatable)",
      schema: compensationSchema,
    },
    target: {
      type: "string",
      placeholder: "address",
      description: "raw form: the contract the Timelock calls",
      schema: addressSchema("--target").optional(),
    },
    signature: {
      type: "string",
      placeholder: "fn(types)",
      description: 'raw form: the function, e.g. "setQuorumThreshold(uint16)"',
      schema: z.string().min(3).optional(),
    },
    args: {
      type: "string",
      multiple: true,
      placeholder: "value",
      description: "raw form: one per parameter, in order (arrays and tuples as JSON)",
      schema: z.array(z.string()).optional(),
    },
    description: {
      type: "string",
      placeholder: "text",
      description:
        "what voters read (default: one line describing the calls); with the calls it names the proposal",
      schema: textSchema("--description").optional(),
    },
  },
  requireOneOf: [["param", "delist", "slashProvider", "target"]],
  async run(context, args) {
    const chosen = (["param", "delist", "slashProvider", "target"] as const).filter(
      (key) => args[key] !== undefined,
    );
    if (chosen.length > 1)
      throw new UsageError(
        `give one of --param, --delist, --slash-provider, --target (not ${chosen.length})`,
        PATH,
      );
    const built = await build(context, args);
    const description = args.description ?? built.description;
    const [wallet, client, governance, deployment] = await Promise.all([
      context.wallet(),
      context.publicClient(),
      governanceOfContext(context),
      context.deployment(),
    ]);
    await simulateAsTimelock(context, governance.timelock, built.calls, built.labels);

    let created: Awaited<ReturnType<typeof createProposal>>;
    try {
      created = await createProposal(wallet, { governance, calls: built.calls, description });
    } catch (error) {
      if (error instanceof ContractRevertError && error.errorName === "GovernorInsufficientProposerVotes") {
        const account = await getGovernanceAccount(client, { governance, account: wallet.account.address });
        const [, have, need] = error.args as [Address, bigint, bigint];
        throw new GovernanceStepError(
          account.balance === 0n
            ? `no voting weight: ${wallet.account.address} holds no gPAL (proposing needs ${votes(need)} votes)`
            : `${wallet.account.address} had ${votes(have)} votes a second ago; proposing needs ${votes(need)}`,
          account.balance === 0n && account.backedStake > 0n
            ? `run \`${cli} gov sync\` with the same signer (its stake backs ${votes(account.backedStake)} gPAL), then propose`
            : account.balance === 0n
              ? `restake with an operator of Palisade's set, then \`${cli} gov sync\`; or propose as a holder (\`${cli} gov list\` after syncing)`
              : "tokens count from the second after they arrive: run it again",
          { cause: error },
        );
      }
      if (error instanceof ContractRevertError && error.errorName === "GovernorUnexpectedProposalState") {
        const existing = await resolveProposal(context, String(error.args[0])).catch(() => undefined);
        throw await explainGovernorRevert(context, error, "propose", existing);
      }
      throw error;
    }
    const now = await context.now();
    const id = created.proposalId;
    const disciplinary = await readContract(client, {
      address: governance.governor,
      abi: palisadeGovernorAbi,
      functionName: "isDisciplinaryProposal",
      args: [built.calls.map((c) => c.target), built.calls.map((c) => c.data)],
    });
    return {
      data: {
        proposalId: id,
        proposer: created.proposer,
        state: "Pending",
        description,
        calls: built.calls,
        snapshot: created.snapshot,
        votingOpensAt: created.snapshot + 1n,
        deadline: created.deadline,
        disciplinary,
        transaction: created.hash,
      },
      text: [
        `proposal ${id}`,
        `  short id      ${shortId(id)} (--proposal takes it)`,
        `  proposes      ${built.summary}`,
        ...describeCalls(deployment, built.calls).map(
          (line, index) => `  ${index === 0 ? "call         " : "             "} ${line}`,
        ),
        `  description   ${description}`,
        `  voting        opens ${chainTime(created.snapshot + 1n, now)}, closes ${chainTime(created.deadline, now)}`,
        ...(disciplinary
          ? ["  veto          disciplinary: the veto committee may veto it while queued, until its ETA"]
          : []),
        transactionLines(
          [["propose", created.hash]],
          `gov vote --proposal ${shortId(id)} --support for   (once voting opens)`,
        ),
      ].join("\n"),
    };
  },
});

async function build(context: CommandContext, args: Record<string, unknown>): Promise<Built> {
  const a = args as {
    param?: string;
    value?: string;
    delist?: number;
    slashProvider?: number;
    amount?: bigint;
    evidence?: string;
    evidenceUri?: string;
    compensate: { account: Address; amount: bigint }[];
    target?: Address;
    signature?: string;
    args?: string[];
  };
  if (a.param !== undefined) {
    const parameter = parameters[a.param];
    if (!parameter) throw new UsageError(`unknown parameter ${a.param}`, PATH);
    if (a.value === undefined) throw new UsageError("--param needs --value", PATH);
    const parsed = parseParameterValue(parameter.unit, a.value);
    if ("problem" in parsed) throw new UsageError(`--value: ${parsed.problem}`, PATH);
    const change = await parameterChange(context, a.param, parsed.value);
    return {
      calls: [change.call],
      description: `Set ${a.param} to ${change.proposed} (now ${change.current})`,
      summary: `${change.label}: ${change.current} → ${change.proposed}`,
      labels: [`${change.label} = ${change.proposed}`],
    };
  }
  const [client, deployment] = await Promise.all([context.publicClient(), context.deployment()]);
  if (a.delist !== undefined) {
    const contracts = marketplaceOf(deployment);
    const service = await getService(client, { contracts, serviceId: a.delist });
    return {
      calls: [
        {
          target: contracts.marketplace,
          value: 0n,
          data: encodeFunctionData({
            abi: marketplaceAbi,
            functionName: "setServiceActive",
            args: [a.delist, false],
          }),
        },
      ],
      description: `Delist service ${a.delist} (${service.category} of provider ${service.providerId})`,
      summary: `delist service ${a.delist} (${service.category} ${service.endpointPath} of provider ${service.providerId})`,
    };
  }
  if (a.slashProvider !== undefined) {
    if (a.amount === undefined || a.evidence === undefined)
      throw new UsageError("--slash-provider needs --amount and --evidence", PATH);
    const contracts = marketplaceOf(deployment);
    const provider = await getProvider(client, { contracts, providerId: a.slashProvider });
    const compensations = a.compensate.map(({ account, amount }) => ({ account, amount }));
    const evidenceUri = a.evidenceUri ?? `data:text/plain,${encodeURIComponent(a.evidence)}`;
    return {
      calls: [
        {
          target: contracts.providerSlashing,
          value: 0n,
          data: encodeFunctionData({
            abi: providerSlashingAbi,
            functionName: "requestSlash",
            args: [a.slashProvider, a.amount, keccak256(toBytes(a.evidence)), evidenceUri, compensations],
          }),
        },
      ],
      description: `Slash provider ${a.slashProvider} by ${formatPal(a.amount)}: ${a.evidence}`,
      summary: `slash provider ${a.slashProvider} (stake ${formatPal(provider.stake)}) by ${formatPal(a.amount)}${
        compensations.length > 0
          ? `, paying ${compensations.map((c) => `${c.account} ${formatPal(c.amount)}`).join(", ")} first`
          : ""
      }`,
    };
  }
  if (a.target !== undefined) {
    if (a.signature === undefined) throw new UsageError("--target needs --signature", PATH);
    try {
      const { data, item } = encodeRawCall(a.signature, a.args ?? []);
      const shown = `${item.name}(${(a.args ?? []).join(", ")})`;
      return {
        calls: [{ target: a.target, value: 0n, data }],
        description: `Call ${shown} on ${a.target}`,
        summary: `call ${shown} on ${a.target}`,
      };
    } catch (error) {
      if (error instanceof RawCallProblem) throw new UsageError(error.message, PATH);
      throw error;
    }
  }
  throw new UsageError("give --param, --delist, --slash-provider or --target", PATH);
}

/**
 * Runs each call as the Timelock would (an eth_call from its address): a call that would revert at
 * execution (a value outside the setter's bounds, an unknown id) is refused before anyone votes on it.
 */
async function simulateAsTimelock(
  context: CommandContext,
  timelock: Address,
  calls: readonly ProposalCall[],
  labels?: readonly string[],
) {
  const client = await context.publicClient();
  const deployment = await context.deployment();
  const decoded = describeCalls(deployment, calls);
  const shown = labels ?? decoded;
  for (const [index, proposed] of calls.entries()) {
    try {
      await call(client, {
        account: timelock,
        to: proposed.target,
        data: proposed.data,
        value: proposed.value,
      });
    } catch (error) {
      const label = shown[index] ?? proposed.target;
      // eth_call reverts come back as an RPC error carrying the revert data: decode it like a contract call's.
      const withData =
        error instanceof ViemBaseError
          ? error.walk((inner) => isHex((inner as { data?: unknown }).data))
          : null;
      const data = (withData as { data?: Hex } | null)?.data;
      const mapped = toContractError(data ? new RawContractError({ data }) : error, {
        functionName: decoded[index]?.split("(")[0] ?? "call",
        address: proposed.target,
      });
      if (!(mapped instanceof ContractRevertError)) throw mapped;
      const name = mapped.errorName ?? "an unknown error";
      const fix = mapped.errorName
        ? (governanceRevertFixes[mapped.errorName] ?? revertFixes[mapped.errorName])
        : undefined;
      throw new GovernanceStepError(
        `the proposal's call ${label} would revert when the Timelock executes it: ${name}(${mapped.args.map(String).join(", ")})`,
        fix
          ? fix(mapped.args, mapped, fixContext([], PATH, undefined))
          : "check the value against the setter's bounds (docs/contracts/PalisadeGovernor.md lists them)",
        { cause: mapped },
      );
    }
  }
}
