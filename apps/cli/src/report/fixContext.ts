import type { Deployment } from "@palisade/sdk";

/** What the fix lines may refer to: the command line as typed and the chain, when known. */
export interface FixContext {
  /** argv as typed (without the program name). */
  argv: readonly string[];
  /** The command path ("provider register"), when the command line resolved to one. */
  path: string | undefined;
  /** True on chain 31337, false elsewhere, undefined when the deployment was not read. */
  devnet: boolean | undefined;
  /** The deployment, when it was read (names contracts in fixes: gPAL, the strategies' tokens). */
  deployment: Deployment | undefined;
  /** The value of a string option as typed (`--provider 3` → "3"). */
  option(name: string): string | undefined;
}

/** A FixContext from argv. */
export function fixContext(
  argv: readonly string[],
  path: string | undefined,
  devnet: boolean | undefined,
  deployment?: Deployment,
): FixContext {
  return {
    argv,
    path,
    devnet,
    deployment,
    option(name) {
      const index = argv.indexOf(`--${name}`);
      if (index !== -1) return argv[index + 1];
      const inline = argv.find((token) => token.startsWith(`--${name}=`));
      return inline?.slice(name.length + 3);
    },
  };
}

const SECRET_FLAGS = new Set(["--key", "--private-key"]);
// `--key` of `consumer session-key` names an address, which is shown.
const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;

/**
 * The command line again, for "run this instead" lines: quoted where a shell needs it, a private
 * key given as a flag replaced by `<key>`, and `drop` flags left out.
 */
export function commandLine(argv: readonly string[], drop: ReadonlySet<string> = new Set()): string {
  const quote = (token: string) =>
    /^[\w@%+=:,./-]+$/.test(token) ? token : `'${token.replaceAll("'", "'\\''")}'`;
  const shown: string[] = [];
  argv.forEach((token, index) => {
    if (drop.has(token)) return;
    const flag = token.split("=")[0] ?? token;
    if (SECRET_FLAGS.has(flag) && PRIVATE_KEY.test(token.slice(flag.length + 1))) shown.push(`${flag}=<key>`);
    else if (index > 0 && SECRET_FLAGS.has(argv[index - 1] ?? "") && PRIVATE_KEY.test(token))
      shown.push("<key>");
    else shown.push(quote(token));
  });
  return ["npx palisade", ...shown].join(" ");
}
