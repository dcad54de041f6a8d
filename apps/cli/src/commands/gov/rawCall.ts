import {
  type AbiFunction,
  type AbiParameter,
  encodeFunctionData,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  parseAbiItem,
} from "viem";

/** What is wrong with a raw call's signature or arguments (the command turns it into a usage error). */
export class RawCallProblem extends Error {}

/** `setX(uint256)` (with or without `function `) → the ABI item; RawCallProblem when it does not parse. */
export function parseSignature(signature: string): AbiFunction {
  const text = signature.trim().replace(/^function\s+/, "");
  let item: unknown;
  try {
    item = parseAbiItem(`function ${text}`);
  } catch (error) {
    throw new RawCallProblem(
      `--signature "${signature}" is not a function signature like "setX(uint256)": ${(error as Error).message.split("\n")[0]}`,
    );
  }
  return item as AbiFunction;
}

/**
 * One argument typed on the command line as the ABI parameter wants it: integers in decimal (or 0x
 * hex), `true`/`false`, addresses, 0x bytes, plain strings; arrays and tuples as JSON whose elements
 * follow the same rules (`[1,2]`, `{"a":1}` or `[1,"0xab…"]` for a tuple).
 */
export function coerceArgument(parameter: AbiParameter, raw: unknown, where: string): unknown {
  const type = parameter.type;
  const fail = (what: string): never => {
    throw new RawCallProblem(`${where} (${type}${parameter.name ? ` ${parameter.name}` : ""}): ${what}`);
  };
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const list = typeof raw === "string" ? parseJson(raw, fail) : raw;
    if (!Array.isArray(list)) return fail("expected a JSON array");
    const inner = { ...parameter, type: array[1] ?? "" } as AbiParameter;
    return list.map((element, index) => coerceArgument(inner, element, `${where}[${index}]`));
  }
  if (type === "tuple") {
    const components = "components" in parameter ? parameter.components : [];
    const value = typeof raw === "string" ? parseJson(raw, fail) : raw;
    if (Array.isArray(value)) {
      if (value.length !== components.length) return fail(`expected ${components.length} fields`);
      return components.map((component, index) =>
        coerceArgument(component, value[index], `${where}.${index}`),
      );
    }
    if (value === null || typeof value !== "object") return fail("expected a JSON object or array");
    return Object.fromEntries(
      components.map((component, index) => [
        component.name ?? String(index),
        coerceArgument(
          component,
          (value as Record<string, unknown>)[component.name ?? ""],
          `${where}.${component.name}`,
        ),
      ]),
    );
  }
  const text = typeof raw === "string" ? raw : raw === undefined ? "" : JSON.stringify(raw);
  if (/^u?int\d*$/.test(type)) {
    if (!/^-?\d+$/.test(text) && !/^0x[0-9a-fA-F]+$/.test(text)) return fail(`"${text}" is not an integer`);
    return BigInt(text);
  }
  if (type === "bool") {
    if (text !== "true" && text !== "false") return fail(`"${text}" is not true or false`);
    return text === "true";
  }
  if (type === "address") {
    if (!isAddress(text, { strict: false })) return fail(`"${text}" is not an address`);
    return getAddress(text);
  }
  if (type.startsWith("bytes")) {
    if (!isHex(text)) return fail(`"${text}" is not 0x-prefixed hex`);
    return text as Hex;
  }
  if (type === "string") return text;
  return fail("this type is not supported on the command line");
}

function parseJson(text: string, fail: (what: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(`"${text}" is not JSON`);
  }
}

/** The calldata of `signature` with `args` (one string per parameter). */
export function encodeRawCall(signature: string, args: readonly string[]): { data: Hex; item: AbiFunction } {
  const item = parseSignature(signature);
  if (item.inputs.length !== args.length)
    throw new RawCallProblem(
      `${item.name} takes ${item.inputs.length} argument${item.inputs.length === 1 ? "" : "s"}; --args was given ${args.length} time${args.length === 1 ? "" : "s"}`,
    );
  const values = item.inputs.map((input, index) => coerceArgument(input, args[index], `--args ${index + 1}`));
  return { data: encodeFunctionData({ abi: [item], functionName: item.name, args: values }), item };
}
