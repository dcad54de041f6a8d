import { type Address, getAddress, isAddress } from "viem";
import { z } from "zod";
import { parsePal } from "./amounts.ts";
import { devAccount } from "./chain/devAccounts.ts";

/**
 * One command-line option. The key in a command's option table is camelCase (`maxPrice`) and the
 * flag is its kebab-case (`--max-price`); `schema` validates and converts parseArgs's raw value
 * (a string, `true`, an array with `multiple`, or undefined when absent).
 */
export interface OptionSpec<Schema extends z.ZodType = z.ZodType> {
  type: "string" | "boolean";
  multiple?: boolean;
  /** Shown in usage: `--stake <PAL>`. */
  placeholder?: string;
  description: string;
  schema: Schema;
  /** Shown in usage without brackets. */
  required?: boolean;
}

export type OptionTable = Record<string, OptionSpec>;

/** The typed values of an option table after validation. */
export type OptionValues<Options extends OptionTable> = {
  [Key in keyof Options]: z.output<Options[Key]["schema"]>;
};

/** `maxPrice` → `max-price`. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? `required: ${what}` : undefined),
});

/** A PAL amount ("0.01") → base units; `positive` refuses 0. */
export function palSchema(options: { positive?: boolean; unit?: string } = {}) {
  const unit = options.unit ?? "PAL";
  return z.string(required(`an amount of ${unit}`)).transform((text, context) => {
    const parsed = parsePal(text, unit);
    if ("problem" in parsed) {
      context.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    }
    if (options.positive && parsed.value === 0n) {
      context.addIssue({ code: "custom", message: `must be more than 0 ${unit}` });
      return z.NEVER;
    }
    return parsed.value;
  });
}

const digits = (what: string) =>
  z.string(required(what)).regex(/^\d+$/, { message: `${what} must be a whole number` });

/** A provider or service id: uint32, from 1. */
export function smallIdSchema(what: string) {
  return digits(what)
    .transform(Number)
    .refine((id) => id >= 1 && id <= 0xffff_ffff, { message: `${what} must be between 1 and 4294967295` });
}

/** A purchase or review id: uint64, from 1. */
export function bigIdSchema(what: string) {
  return digits(what)
    .transform(BigInt)
    .refine((id) => id >= 1n && id < 2n ** 64n, { message: `${what} must be between 1 and 2^64 − 1` });
}

/** A whole number in [min, max]. */
export function integerSchema(what: string, min: number, max: number) {
  return digits(what)
    .transform(Number)
    .refine((value) => value >= min && value <= max, {
      message: `${what} must be between ${min} and ${max}`,
    });
}

export function addressSchema(what: string) {
  return z
    .string(required(what))
    .refine((value) => isAddress(value, { strict: false }), {
      message: `${what} must be a 20-byte hex address (0x…)`,
    })
    .transform((value): Address => getAddress(value));
}

/** `true` / `false` spelled out, for options that set a state (`--active false`). */
export function booleanWordSchema(what: string) {
  return z
    .enum(["true", "false"], { error: `${what} must be true or false` })
    .transform((value) => value === "true");
}

/** A flag: present → true. */
export const flagSchema = z
  .boolean()
  .optional()
  .transform((value) => value === true);

/** `--no-approve` (parseArgs's negation of `approve`): approve automatically unless it is given. */
export const approveOption = {
  type: "boolean",
  description: "fail with InsufficientAllowanceError instead of approving PAL first (--no-approve)",
  schema: z
    .boolean()
    .optional()
    .transform((value) => value !== false),
} as const satisfies OptionSpec;

/** A help line's flag part: `--max-price <PAL>`, `--no-approve`. */
export function flagLabel(key: string, spec: OptionSpec): string {
  if (key === "approve") return "--no-approve";
  const flag = `--${flagName(key)}`;
  return spec.type === "boolean" ? flag : `${flag} <${spec.placeholder ?? "value"}>`;
}

/** A non-empty string (URIs, paths, review text). */
export function textSchema(what: string) {
  return z.string(required(what)).min(1, { message: `${what} must not be empty` });
}

/** An http(s) URL. */
export function httpUrlSchema(what: string) {
  return z.url({
    protocol: /^https?$/,
    error: (issue) => (issue.input === undefined ? `required: ${what}` : `${what} must be an http(s) URL`),
  });
}

/** A token amount as typed ("10", "0.5"): checked here, converted with the token's decimals by the command. */
export function tokenAmountSchema(what: string) {
  return z
    .string(required(what))
    .regex(/^\d+(\.\d+)?$/, { message: `${what} must be an amount such as 10 or 0.5` })
    .refine((text) => /[1-9]/.test(text), { message: `${what} must be more than 0` });
}

const WAD = 10n ** 18n;

/** `0.5`, `50%`, `50 %` → a WAD fraction in [0, 1] (1e18 = all), or a reason. */
export function parseFraction(text: string): { wad: bigint } | { problem: string } {
  const match = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(text.trim());
  if (!match?.[1]) return { problem: `"${text}" is not a share such as 0.5 or 50%` };
  const [whole = "0", fraction = ""] = match[1].split(".");
  const percent = match[2] === "%";
  const decimals = percent ? 16 : 18;
  if (fraction.length > decimals) return { problem: `"${text}" has too many decimals` };
  const wad = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
  if (wad > WAD) return { problem: `"${text}" is more than the whole stake (1 or 100%)` };
  return { wad };
}

/** A share of the stake: `0.5` or `50%` → WAD. */
export function fractionSchema(what: string) {
  return z.string(required(what)).transform((text, context) => {
    const parsed = parseFraction(text);
    if ("problem" in parsed) {
      context.addIssue({ code: "custom", message: `${what}: ${parsed.problem}` });
      return z.NEVER;
    }
    return parsed.wad;
  });
}

/** Repeated `<symbol>=<share>` (`--strategy stETH=0.5`) → [{ symbol, wad }]. */
export function strategySharesSchema(what: string) {
  return z
    .array(z.string())
    .optional()
    .transform((entries, context) => {
      const out: { symbol: string; wad: bigint }[] = [];
      for (const entry of entries ?? []) {
        const [symbol, share, ...rest] = entry.split("=");
        const parsed = share === undefined || rest.length > 0 ? undefined : parseFraction(share);
        if (!symbol || !parsed || "problem" in parsed) {
          context.addIssue({
            code: "custom",
            message: `${what} takes <symbol>=<share>, e.g. stETH=0.5 or stETH=50%${parsed && "problem" in parsed ? `: ${parsed.problem}` : ""}`,
          });
          return z.NEVER;
        }
        if (out.some((known) => known.symbol === symbol)) {
          context.addIssue({ code: "custom", message: `${what} names ${symbol} twice` });
          return z.NEVER;
        }
        out.push({ symbol, wad: parsed.wad });
      }
      return out;
    });
}

/** An address, or a devnet account name (`operator0`) resolved to its address. */
export function addressOrAccountSchema(what: string) {
  return z
    .string({ error: `required: ${what}: an address or a devnet account name` })
    .refine((value) => isAddress(value, { strict: false }) || devAccount(value) !== undefined, {
      message: `${what} must be an address or a devnet account name (\`palisade dev accounts\`)`,
    })
    .transform(
      (value): Address =>
        isAddress(value, { strict: false })
          ? getAddress(value)
          : (devAccount(value)?.account.address as Address),
    );
}
