import { type GovernanceDeployment, governanceOf, listProposals, type Proposal } from "@palisade/sdk";
import { formatEther } from "viem";
import { z } from "zod";
import { DEVNET_CHAIN_ID } from "../../chain/devAccounts.ts";
import { duration } from "../../output/format.ts";
import type { CommandContext } from "../types.ts";
import { UnknownProposalError } from "./errors.ts";

export const cli = "npx palisade";

/** The deployment's governance section (GovernanceNotDeployedError without one). */
export async function governanceOfContext(context: CommandContext): Promise<GovernanceDeployment> {
  return governanceOf(await context.deployment());
}

/** Whether the deployment is the devnet's (where `dev warp` moves the clock). */
export async function onDevnet(context: CommandContext): Promise<boolean> {
  return (await context.deployment()).chainId === DEVNET_CHAIN_ID;
}

/** Proposal ids are 256-bit hashes: the first 10 digits name one in practice (`--proposal` takes a prefix). */
export function shortId(proposalId: bigint): string {
  const digits = proposalId.toString();
  return digits.length > 10 ? `${digits.slice(0, 10)}…` : digits;
}

/** `--proposal`: a proposal id, or a prefix of at least 4 of its digits (as `gov list` prints them). */
export const proposalOption = {
  type: "string",
  placeholder: "id",
  description: "the proposal: its id, or the first digits of it (at least 4) as `gov list` shows",
  schema: z
    .string({ error: "required: a proposal id (`palisade gov list` shows them)" })
    .transform((text) => text.replace(/…$/, ""))
    .refine((text) => /^\d{4,78}$/.test(text), {
      message: "--proposal must be a proposal id or at least its first 4 digits",
    }),
  required: true,
} as const;

/** The proposal whose id is `given` or starts with it (UnknownProposalError otherwise). */
export async function resolveProposal(context: CommandContext, given: string): Promise<Proposal> {
  const [client, governance] = await Promise.all([context.publicClient(), governanceOfContext(context)]);
  const proposals = await listProposals(client, { governance });
  const exact = proposals.find((proposal) => proposal.proposalId.toString() === given);
  if (exact) return exact;
  const matches = proposals.filter((proposal) => proposal.proposalId.toString().startsWith(given));
  const [only] = matches;
  if (matches.length !== 1 || !only) throw new UnknownProposalError(given, matches.length);
  return only;
}

/** `14:02:10 UTC (in 25 s)`: a chain time of day with how far it is from the chain's now. */
export function chainTime(at: bigint, now: bigint): string {
  const clock = `${new Date(Number(at) * 1000).toISOString().slice(11, 19)} UTC`;
  if (at === now) return `${clock} (now)`;
  return at > now ? `${clock} (in ${duration(at - now)})` : `${clock} (${duration(now - at)} ago)`;
}

/** What to do to reach chain time `at`: on the devnet, the warp that gets there; elsewhere, wait. */
export function waitFor(at: bigint, now: bigint, devnet: boolean, then: string): string {
  const seconds = at > now ? at - now : 0n;
  return devnet
    ? `${then} in ${duration(seconds)}; on the devnet move its clock there now: \`${cli} dev warp --seconds ${seconds}\``
    : `${then} in ${duration(seconds)} (at ${new Date(Number(at) * 1000).toISOString()})`;
}

/**
 * Votes have 18 decimals like gPAL and grow with holding time (45 gPAL held an hour weigh
 * 45.0000428…): shown to 4 decimals, rounded down ("45", "12.5", "45.0000"); --json has them exact.
 */
export function votes(value: bigint): string {
  const [whole, fraction = ""] = formatEther(value).split(".");
  return fraction === "" ? (whole ?? "0") : `${whole}.${fraction.slice(0, 4)}`;
}

/** The tally in one line: `for 45, against 0, abstain 0; quorum 12 (reached)`. */
export function tally(proposal: Proposal): string {
  const { votes: v, quorum } = proposal;
  const quorumText =
    quorum === 0n
      ? "quorum fixed at the snapshot"
      : `quorum ${votes(quorum)} (${v.for + v.abstain >= quorum ? "reached" : `${votes(quorum - v.for - v.abstain)} more needed`})`;
  return `for ${votes(v.for)}, against ${votes(v.against)}, abstain ${votes(v.abstain)}; ${quorumText}`;
}
