import { type Address, isAddress, type PublicClient } from "viem";
import { z } from "zod";
import { issuesOf } from "../engine.ts";
import { BlockAheadOfChainError, InvalidInputError } from "../errors.ts";
import type { LabelEntry, LabelIndex } from "../labels/labelIndex.ts";
import type { FlagSource } from "../security/report.ts";
import { type CreationFindings, findCreation } from "./creation.ts";
import { parseDelegation } from "./delegation.ts";
import { UnknownLabelError } from "./errors.ts";
import type { AddressRiskField, AddressRiskFields, AddressRiskReport } from "./fields.ts";
import { findFirstFunder } from "./firstFunder.ts";
import { coveredFields, describeEntry, matchLists, unknownLabels } from "./labelFields.ts";
import { addressLookalike, type LookalikeThreshold } from "./lookalike.ts";
import { detectProxy, type ProxyFindings } from "./proxy.ts";
import { ADDRESS_RISK_ENGINE_ID, must, orNull } from "./rpc.ts";
import { verdictOf } from "./verdict.ts";

export interface AddressRiskEngineOptions {
  /** The label lists to match (loadLabels / createLabelIndex). An empty index is allowed: list fields are then null. */
  labels: LabelIndex;
  /** Digits a look-alike of the counterparty must share (default 4 leading and 4 trailing). */
  lookalike?: LookalikeThreshold;
}

export interface AddressRiskParameters {
  /** The address to judge (any letter case). */
  address: string;
  /** The chain the lists are matched for; default the node's `eth_chainId`. */
  chainId?: number;
  /** The block the chain is read at; default the node's latest block at call time. Reported back. */
  block?: number;
  /** An address the user trusts (e.g. the usual recipient): flags look-alikes of it. */
  counterparty?: string;
}

export interface AddressRiskEngine {
  /** "address-risk@1". */
  readonly id: string;
  /**
   * Judges an address at a pinned block: label lists, then code, proxy, creation, first funder and
   * look-alike heuristics through `client`. The same parameters, block and lists give the same report.
   * Errors: InvalidInputError (parameters), BlockAheadOfChainError, EngineRpcError (the node did not
   * answer; a node that answers with an error only makes the fields it concerns null).
   */
  check(client: PublicClient, parameters: AddressRiskParameters): Promise<AddressRiskReport>;
}

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value) => value.toLowerCase() as Address);

const parametersSchema = z.strictObject({
  address,
  chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  block: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  counterparty: address.optional(),
});

const UNKNOWN_PROXY: ProxyFindings = { isProxy: null, type: null, implementation: null, admin: null };
const NO_PROXY: ProxyFindings = { isProxy: false, type: null, implementation: null, admin: null };
const NO_CREATION: CreationFindings = { codeFirstBlock: null, deployer: null, sender: null };

/**
 * The address-risk engine over a set of label lists. Fields: see fields.ts; verdict policy: verdict.ts.
 *
 * @example
 * const labels = await loadLabels(bundledLabelsDir);
 * const engine = createAddressRiskEngine({ labels });
 * const report = await engine.check(publicClient, { address: "0x098b…2f96", chainId: 1 });
 * report.verdict; // "malicious"
 * report.sources.sanctioned; // { source: "list:ofac/ETH", detail: "sanctioned on chain 1 (ofac/ETH)", block: null }
 */
export function createAddressRiskEngine(options: AddressRiskEngineOptions): AddressRiskEngine {
  const { labels } = options;
  const unknown = unknownLabels(labels);
  if (unknown.length > 0) throw new UnknownLabelError(unknown);
  const covered = coveredFields(labels);
  const listsLoaded = labels.entryCount > 0;

  /** The first entry (any chain) labelling `who`, for links to flagged parties. */
  const flaggedEntry = (who: string | null): LabelEntry | undefined =>
    who === null ? undefined : labels.lookup(who)[0];

  async function check(client: PublicClient, parameters: AddressRiskParameters): Promise<AddressRiskReport> {
    const parsed = parametersSchema.safeParse(parameters);
    if (!parsed.success)
      throw new InvalidInputError(`invalid ${ADDRESS_RISK_ENGINE_ID} parameters`, issuesOf(parsed.error));
    const input = parsed.data;
    const target = input.address;

    const [head, chainId] = await must(
      Promise.all([
        client.getBlockNumber({ cacheTime: 0 }),
        input.chainId === undefined ? client.getChainId() : Promise.resolve(input.chainId),
      ]),
    );
    const block = input.block ?? Number(head);
    if (block > Number(head)) throw new BlockAheadOfChainError(block, Number(head));
    const blockNumber = BigInt(block);

    const lists = matchLists(labels, covered, target, chainId);
    const sources: Partial<Record<AddressRiskField, FlagSource>> = { ...lists.sources };

    // --- code, and what depends on it ---------------------------------------------------------------
    const fetched = await orNull(client.getCode({ address: target, blockNumber }));
    const code = fetched === null ? null : (fetched ?? "0x");
    const isContract = code === null ? null : code !== "0x";
    const delegate = code === null ? null : parseDelegation(code);
    const deployed = isContract === true && delegate === null;
    const [proxy, creation, funder] = await Promise.all([
      code === null ? UNKNOWN_PROXY : isContract ? detectProxy(client, target, code, blockNumber) : NO_PROXY,
      deployed ? findCreation(client, target, block) : NO_CREATION,
      isContract === false || delegate !== null ? findFirstFunder(client, target, block) : null,
    ]);

    // --- links to flagged parties -------------------------------------------------------------------
    let deployerFlagged: boolean | null = null;
    if (deployed && (creation.deployer !== null || creation.sender !== null)) {
      const byDeployer = flaggedEntry(creation.deployer);
      const bySender = flaggedEntry(creation.sender);
      deployerFlagged = byDeployer || bySender ? true : listsLoaded ? false : null;
      const [who, entry] = byDeployer
        ? [`deployer ${creation.deployer}`, byDeployer]
        : [`creation transaction sender ${creation.sender}`, bySender];
      if (entry) sources.deployer_flagged = linkSource("heuristic:deployer", who, entry, block);
    }
    let funderFlagged: boolean | null = null;
    if (funder !== null) {
      const entry = flaggedEntry(funder);
      funderFlagged = entry ? true : listsLoaded ? false : null;
      if (entry)
        sources.first_funder_flagged = linkSource(
          "heuristic:first-funder",
          `first funder ${funder}`,
          entry,
          block,
        );
    }

    // --- look-alike of the counterparty -------------------------------------------------------------
    let lookalike: boolean | null = null;
    if (input.counterparty !== undefined) {
      const match = addressLookalike(target, input.counterparty, options.lookalike);
      lookalike = match.isLookalike;
      if (match.isLookalike)
        sources.address_poisoning_lookalike = {
          source: "heuristic:address-poisoning",
          detail: `shares its first ${match.prefix} and last ${match.suffix} hex digits with the counterparty ${input.counterparty}`,
          block: null,
        };
    }

    const codeAge = creation.codeFirstBlock === null ? null : block - creation.codeFirstBlock;
    const fields: AddressRiskFields = {
      cybercrime: lists.fields.cybercrime,
      money_laundering: lists.fields.money_laundering,
      number_of_malicious_contracts_created: null,
      gas_abuse: lists.fields.gas_abuse,
      financial_crime: lists.fields.financial_crime,
      darkweb_transactions: lists.fields.darkweb_transactions,
      reinit: null,
      phishing_activities: lists.fields.phishing_activities,
      contract_address: isContract,
      fake_kyc: lists.fields.fake_kyc,
      blacklist_doubt: lists.fields.blacklist_doubt,
      data_source: lists.fields.data_source,
      fake_standard_interface: lists.fields.fake_standard_interface,
      stealing_attack: lists.fields.stealing_attack,
      blackmail_activities: lists.fields.blackmail_activities,
      sanctioned: lists.fields.sanctioned,
      malicious_mining_activities: lists.fields.malicious_mining_activities,
      mixer: lists.fields.mixer,
      fake_token: lists.fields.fake_token,
      honeypot_related_address: lists.fields.honeypot_related_address,
      malicious_contract: lists.fields.malicious_contract,
      chain_id: chainId,
      labels_digest: labels.digest,
      is_contract: isContract,
      is_eip7702_delegated: code === null ? null : delegate !== null,
      eip7702_delegate: delegate,
      code_first_block: creation.codeFirstBlock,
      code_age_blocks: codeAge,
      is_proxy: proxy.isProxy,
      proxy_type: proxy.type,
      proxy_implementation: proxy.implementation,
      proxy_admin: proxy.admin,
      deployer_address: creation.deployer,
      creation_tx_sender: creation.sender,
      deployer_flagged: deployerFlagged,
      first_funder: funder,
      first_funder_flagged: funderFlagged,
      address_poisoning_lookalike: lookalike,
    };
    const { verdict, flags } = verdictOf(fields);
    const flagSources: AddressRiskReport["sources"] = {};
    for (const flag of flags) {
      const source = sources[flag];
      if (source) flagSources[flag] = source;
    }
    return { engine: ADDRESS_RISK_ENGINE_ID, target, block, verdict, fields, flags, sources: flagSources };
  }

  return { id: ADDRESS_RISK_ENGINE_ID, check };
}

/** A flag raised because a linked party is listed: the heuristic, who, and what the list says. */
function linkSource(source: string, who: string, entry: LabelEntry, block: number): FlagSource {
  return { source, detail: `${who} is labelled ${describeEntry(entry)}`, block };
}
