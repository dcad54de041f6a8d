import type { Deployment, MarketplaceDeployment } from "@palisade/sdk";
import type { Account, Chain, LocalAccount, PublicClient, Transport, WalletClient } from "viem";
import type { GlobalOptions } from "../globalOptions.ts";
import type { Io } from "../io.ts";
import type { OptionTable, OptionValues } from "../options.ts";

/** What a command prints: `data` with --json (bigints as decimal strings), `text` otherwise. */
export interface CommandOutput {
  data: Record<string, unknown>;
  text: string;
}

/** Everything a command may use; the chain, the deployment and the signer are resolved on first use. */
export interface CommandContext {
  io: Io;
  globals: GlobalOptions;
  /** A progress line on stderr (multi-transaction operations, retries). */
  progress(line: string): void;
  deployment(): Promise<Deployment>;
  /** The deployment's marketplace section (MarketplaceNotDeployedError without one). */
  contracts(): Promise<MarketplaceDeployment>;
  /** A public client on --rpc (or the deployment's rpcUrl), checked to serve the deployment's chain. */
  publicClient(): Promise<PublicClient<Transport, Chain>>;
  /** A public client on --rpc when given (any chain, no deployment needed), else the deployment's. */
  rpcClient(): Promise<PublicClient<Transport, Chain>>;
  /** A wallet client with the signer (--key, PALISADE_KEY, --keystore or --account). */
  wallet(): Promise<WalletClient<Transport, Chain, Account>>;
  /** A wallet client with a given account (the devnet's deployer for `dev fund`). */
  walletFor(account: LocalAccount): Promise<WalletClient<Transport, Chain, Account>>;
  /** The latest block's timestamp: "now" as the contracts see it. */
  now(): Promise<bigint>;
  /** Wall-clock Unix milliseconds: "now" as providers see it (token expiries). */
  clock(): number;
}

export interface CommandSpec<Options extends OptionTable> {
  /** One line, shown in the group's list and atop the command's help. */
  summary: string;
  /** More explanation for --help (optional). */
  description?: string;
  /** Runnable against the devnet started by `npm start`. */
  example: string;
  options: Options;
  /** Each group needs at least one of its options (`[["price", "active"]]`: --price, --active or both). */
  requireOneOf?: readonly (readonly (keyof Options & string)[])[];
  /** The option a single bare word after the command fills (`check url <url>` → --url). */
  positional?: keyof Options & string;
  run(context: CommandContext, args: OptionValues<Options>): Promise<CommandOutput>;
}

/** A command with its option types erased, as the command table holds it. */
export interface Command {
  summary: string;
  description?: string;
  example: string;
  options: OptionTable;
  requireOneOf?: readonly (readonly string[])[];
  positional?: string;
  run(context: CommandContext, args: Record<string, unknown>): Promise<CommandOutput>;
}

/** Keeps a command's option types for its `run` and erases them for the table. */
export function defineCommand<Options extends OptionTable>(spec: CommandSpec<Options>): Command {
  return spec as unknown as Command;
}

/** A command group: `palisade <name> <command words…>`. */
export interface CommandGroup {
  summary: string;
  /** Keyed by the words after the group name: "register", "service add", "unstake complete". */
  commands: Readonly<Record<string, Command>>;
}
