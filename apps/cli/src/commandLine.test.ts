import assert from "node:assert/strict";
import { test } from "node:test";
import { type CommandLine, type CommandTable, parseCommandLine } from "./commandLine.ts";
import { commandTable } from "./commands/index.ts";
import { type Command, defineCommand } from "./commands/types.ts";
import { UsageError } from "./errors.ts";
import { renderHelp } from "./help.ts";
import { flagSchema } from "./options.ts";

const key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const parse = (argv: string[], env: Record<string, string> = {}) => parseCommandLine(argv, commandTable, env);
const run = (argv: string[], env: Record<string, string> = {}) => {
  const line = parse(argv, env);
  assert.equal(line.kind, "run");
  return line as Extract<CommandLine, { kind: "run" }>;
};
const usage = (argv: string[], pattern: RegExp, env: Record<string, string> = {}) =>
  assert.throws(
    () => parse(argv, env),
    (error: unknown) =>
      error instanceof UsageError && pattern.test(`${error.shortMessage}\n${error.details ?? ""}`),
  );

test("command words resolve to the longest matching command", () => {
  assert.equal(run(["provider", "unstake", "--provider", "1", "--amount", "5"]).path, "provider unstake");
  assert.equal(run(["provider", "unstake", "complete", "--provider", "1"]).path, "provider unstake complete");
  assert.equal(
    run(["consumer", "session-key", "revoke", "--key", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]).path,
    "consumer session-key revoke",
  );
  assert.equal(run(["dev", "accounts"]).path, "dev accounts");
});

test("options are validated and converted: PAL to base units, ids, booleans, repeats", () => {
  const buy = run(["consumer", "buy", "--service", "3", "--calls", "10", "--max-price", "0.02", "--permit"]);
  assert.deepEqual(buy.args, {
    service: 3,
    calls: 10,
    maxPrice: 2n * 10n ** 16n,
    expiry: undefined,
    permit: true,
    approve: true,
  });
  const noApprove = run(["provider", "stake", "add", "--provider", "1", "--amount", "1", "--no-approve"]);
  assert.equal(noApprove.args.approve, false);
  const update = run(["provider", "service", "update", "--service", "2", "--active", "false"]);
  assert.deepEqual(update.args, { service: 2, price: undefined, active: false });
  const call = run([
    "consumer",
    "call",
    "--purchase",
    "7",
    "--query",
    "a=1",
    "--query",
    "b=x=y",
    "--nonce",
    "4",
  ]);
  assert.equal(call.args.purchase, 7n);
  assert.deepEqual(call.args.query, ["a=1", "b=x=y"]);
  assert.equal(call.args.nonce, 4n);
  const inline = run(["market", "services", "--max-price=0.5", "--page", "2"]);
  assert.equal(inline.args.maxPrice, 5n * 10n ** 17n);
  assert.equal(inline.args.page, 2);
});

test("every problem with the options is reported, naming the flag", () => {
  usage(
    ["consumer", "buy", "--service", "x", "--calls", "0"],
    /--service: --service must be a whole number\n--calls: --calls must be between 1/,
  );
  usage(["provider", "register", "--stake", "1"], /--metadata: required: --metadata/);
  usage(
    ["provider", "register", "--stake", "0", "--metadata", "m", "--endpoint", "ftp://x"],
    /must be more than 0 PAL[\s\S]*--endpoint must be an http\(s\) URL/,
  );
  usage(
    [
      "provider",
      "service",
      "add",
      "--provider",
      "1",
      "--category",
      "magic",
      "--price",
      "1",
      "--path",
      "v1",
      "--schema",
      "s",
    ],
    /--category: must be one of reconnaissance[\s\S]*--path must start with \//,
  );
  usage(["provider", "service", "update", "--service", "2"], /give --price or --active/);
  usage(
    ["provider", "service", "update", "--service", "2", "--active", "yes"],
    /--active must be true or false/,
  );
  usage(
    ["consumer", "review", "--purchase", "1", "--rating", "6", "--text", "t"],
    /--rating must be between 1 and 5/,
  );
  usage(["consumer", "call", "--purchase", "1", "--query", "novalue"], /--query takes key=value/);
  usage(["dev", "fund", "--to", "nobody", "--pal", "1"], /--to must be an address or a devnet account name/);
});

test("unknown commands, options and stray arguments are usage errors", () => {
  usage(
    ["nope"],
    /unknown command group "nope"[\s\S]*groups: status, operator, stake, provider, consumer, market/,
  );
  usage(["provider", "status", "extra", "--provider", "1"], /unexpected argument "extra"/);
  usage(["provider", "status", "--provider", "1", "stray"], /Unexpected argument 'stray'/);
  usage(["provider", "status", "--provider", "1", "--frobnicate"], /Unknown option '--frobnicate'/);
  usage(["market", "services", "--no-json"], /--no-json is not an option/);
  for (const argv of [["provider"], ["provider", "service"], ["provider", "bogus"]]) {
    const line = parse(argv);
    assert.equal(line.kind, "help");
    assert.ok(line.kind === "help" && line.problem instanceof UsageError);
  }
});

test("--help anywhere after the command words asks for that topic's help", () => {
  assert.deepEqual(parse([]), {
    kind: "help",
    topic: { kind: "root" },
    explicit: false,
    problem: (parse([]) as { problem: unknown }).problem,
  });
  assert.deepEqual(parse(["--help"]), { kind: "help", topic: { kind: "root" }, explicit: true });
  assert.deepEqual(parse(["provider", "-h"]), {
    kind: "help",
    topic: { kind: "group", group: "provider", prefix: "" },
    explicit: true,
  });
  assert.deepEqual(parse(["provider", "service", "--help"]), {
    kind: "help",
    topic: { kind: "group", group: "provider", prefix: "service" },
    explicit: true,
  });
  const help = parse(["consumer", "buy", "--calls", "oops", "--help"]);
  assert.ok(help.kind === "help" && help.topic.kind === "command" && help.topic.name === "buy");
});

test("globals: deployment and RPC from flags, then env, then defaults", () => {
  const plain = run(["market", "services"]);
  assert.deepEqual(plain.globals, {
    rpcUrl: undefined,
    deploymentPath: ".palisade/devnet/deployment.json",
    signer: { kind: "none" },
    json: false,
  });
  const env = { PALISADE_DEPLOYMENT: "/d.json", PALISADE_RPC_URL: "http://127.0.0.1:9545" };
  assert.equal(run(["market", "services"], env).globals.deploymentPath, "/d.json");
  assert.equal(run(["market", "services"], env).globals.rpcUrl, "http://127.0.0.1:9545");
  const flags = run(
    ["market", "services", "--deployment", "x.json", "--rpc", "http://h:1", "--json"],
    env,
  ).globals;
  assert.equal(flags.deploymentPath, "x.json");
  assert.equal(flags.rpcUrl, "http://h:1");
  assert.equal(flags.json, true);
  usage(["market", "services"], /PALISADE_RPC_URL must be an http/, { PALISADE_RPC_URL: "nope" });
});

test("one signer: --key, --keystore, --account or PALISADE_KEY; a bad key is never echoed", () => {
  assert.equal(
    run(["consumer", "refund", "--purchase", "1", "--account", "consumer0"]).globals.signer.kind,
    "account",
  );
  assert.equal(
    run(["consumer", "refund", "--purchase", "1", "--keystore", "k.json"]).globals.signer.kind,
    "keystore",
  );
  const fromEnv = run(["consumer", "refund", "--purchase", "1"], { PALISADE_KEY: key }).globals.signer;
  assert.ok(fromEnv.kind === "key" && fromEnv.source === "PALISADE_KEY" && fromEnv.key.reveal() === key);
  // A flag wins over the environment.
  assert.equal(
    run(["consumer", "refund", "--purchase", "1", "--account", "consumer1"], { PALISADE_KEY: key }).globals
      .signer.kind,
    "account",
  );
  usage(
    ["consumer", "refund", "--purchase", "1", "--key", key, "--account", "consumer0"],
    /give one signer, not --key and --account/,
  );
  const bad = `${key.slice(0, -1)}z`;
  assert.throws(
    () => parse(["consumer", "refund", "--purchase", "1", "--key", bad]),
    (error: unknown) => error instanceof UsageError && !error.message.includes(bad.slice(2, 20)),
  );
  assert.throws(
    () => parse(["consumer", "refund", "--purchase", "1"], { PALISADE_KEY: bad }),
    (error: unknown) =>
      error instanceof UsageError &&
      /PALISADE_KEY must be/.test(error.message) &&
      !error.message.includes(bad.slice(2, 20)),
  );
  // The key never prints, whatever serialises the parsed command line.
  const signer = run(["consumer", "refund", "--purchase", "1", "--key", key]).globals.signer;
  assert.doesNotMatch(
    JSON.stringify(signer) + String(signer.kind === "key" && signer.key),
    new RegExp(key.slice(2)),
  );
});

test("in session-key commands --key is the session key's address; --private-key signs", () => {
  const address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  const line = run([
    "consumer",
    "session-key",
    "authorize",
    "--key",
    address.toLowerCase(),
    "--valid-for",
    "60",
    "--private-key",
    key,
  ]);
  assert.equal(line.args.key, address);
  assert.ok(line.globals.signer.kind === "key" && line.globals.signer.key.reveal() === key);
  const unsigned = run(["consumer", "session-key", "authorize", "--key", address, "--valid-for", "60"]);
  assert.equal(unsigned.globals.signer.kind, "none");
});

test('a group\'s own command (key "") runs with no command words; longer names still win', () => {
  const make = (summary: string): Command =>
    defineCommand({
      summary,
      example: "npx palisade net",
      options: { wide: { type: "boolean", description: "wider", schema: flagSchema } },
      async run() {
        return { data: {}, text: summary };
      },
    });
  const own = make("the network at a glance");
  const peers = make("the peers");
  const table: CommandTable = {
    net: { summary: "the network", commands: { "": own, peers } },
    solo: { summary: "only words", commands: { list: peers } },
  };
  const parseIn = (argv: string[]) => parseCommandLine(argv, table, {});
  const bare = parseIn(["net", "--wide", "--json"]);
  assert.ok(bare.kind === "run");
  assert.equal(bare.path, "net");
  assert.equal(bare.command, own);
  assert.deepEqual(bare.args, { wide: true });
  assert.equal(bare.globals.json, true);
  const alone = parseIn(["net"]);
  assert.ok(alone.kind === "run" && alone.command === own);
  const longer = parseIn(["net", "peers"]);
  assert.ok(longer.kind === "run" && longer.path === "net peers" && longer.command === peers);
  assert.throws(
    () => parseIn(["net", "bogus"]),
    (error: unknown) =>
      error instanceof UsageError &&
      /unexpected argument "bogus"/.test(error.shortMessage) &&
      error.commandPath === "net",
  );
  // --help on the bare group explains its own command, with its path and usage.
  const help = parseIn(["net", "--help"]);
  assert.ok(help.kind === "help" && help.topic.kind === "command" && help.topic.name === "");
  const text = renderHelp(help.topic, table);
  assert.match(text, /^palisade net: the network at a glance\n\nUsage: palisade net \[--wide\]\n/);
  // A group without an own command still needs a word.
  const missing = parseIn(["solo"]);
  assert.ok(missing.kind === "help" && missing.problem instanceof UsageError);
  assert.match(missing.problem.shortMessage, /missing command after "solo"/);
  // The group's list names the own command by the bare group name.
  const list = renderHelp({ kind: "group", group: "net", prefix: "" }, table);
  assert.match(list, /Usage: palisade net \[<command>\] \[options\]/);
  assert.match(list, /^ {2}\(net alone\) {2}the network at a glance$/m);
  assert.match(list, /^ {2}peers {8}the peers$/m);
});
