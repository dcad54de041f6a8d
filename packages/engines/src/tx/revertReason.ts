import { decodeErrorResult, type Hex, parseAbi, size, slice } from "viem";

/**
 * Errors worth naming when a transaction reverts: Solidity's own (Error, Panic — viem decodes them
 * without an ABI) and OpenZeppelin 5's token and access errors, which most deployed tokens share.
 */
const knownErrors = parseAbi([
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidReceiver(address receiver)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InvalidApprover(address approver)",
  "error ERC20InvalidSpender(address spender)",
  "error ERC721InvalidOwner(address owner)",
  "error ERC721NonexistentToken(uint256 tokenId)",
  "error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)",
  "error ERC721InvalidSender(address sender)",
  "error ERC721InvalidReceiver(address receiver)",
  "error ERC721InsufficientApproval(address operator, uint256 tokenId)",
  "error ERC721InvalidApprover(address approver)",
  "error ERC721InvalidOperator(address operator)",
  "error ERC1155InsufficientBalance(address sender, uint256 balance, uint256 needed, uint256 tokenId)",
  "error ERC1155InvalidSender(address sender)",
  "error ERC1155InvalidReceiver(address receiver)",
  "error ERC1155MissingApprovalForAll(address operator, address owner)",
  "error ERC1155InvalidApprover(address approver)",
  "error ERC1155InvalidOperator(address operator)",
  "error ERC1155InvalidArrayLength(uint256 idsLength, uint256 valuesLength)",
  "error OwnableUnauthorizedAccount(address account)",
  "error OwnableInvalidOwner(address owner)",
  "error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
  "error EnforcedPause()",
  "error ReentrancyGuardReentrantCall()",
  "error SafeERC20FailedOperation(address token)",
  "error FailedCall()",
  "error InsufficientBalance(uint256 balance, uint256 needed)",
]);

/** Solidity's panic codes (docs: "Panic via assert and Error via require"). */
const panicReasons: Readonly<Record<number, string>> = {
  0: "generic compiler panic",
  1: "assertion failed",
  17: "arithmetic overflow or underflow",
  18: "division or modulo by zero",
  33: "invalid enum value",
  34: "invalid storage byte array",
  49: "pop on an empty array",
  50: "array index out of bounds",
  65: "out of memory",
  81: "call to a zero-initialised function",
};

/**
 * A readable reason for revert data: `Error("…")`, `Panic(0x11): arithmetic overflow or underflow`,
 * `ERC20InsufficientBalance(0xabc…, 1, 2)` for known custom errors, `custom error 0x12345678 (n bytes)`
 * for unknown ones, `reverted without a reason` for empty data.
 */
export function decodeRevertReason(data: Hex): string {
  if (data === "0x" || size(data) === 0) return "reverted without a reason";
  if (size(data) < 4) return `malformed revert data ${data}`;
  try {
    const decoded = decodeErrorResult({ abi: knownErrors, data });
    const args = decoded.args ?? [];
    // viem decodes Error and Panic beyond the ABI's own names.
    const name: string = decoded.errorName;
    if (name === "Error") return `Error(${JSON.stringify(args[0])})`;
    if (name === "Panic") {
      const code = Number(args[0]);
      return `Panic(0x${code.toString(16).padStart(2, "0")}): ${panicReasons[code] ?? "unknown panic code"}`;
    }
    return `${name}(${args.map(formatArgument).join(", ")})`;
  } catch {
    // Not an error this table knows (or malformed arguments): name it by its selector.
    return `custom error ${slice(data, 0, 4)} (${size(data)} bytes)`;
  }
}

function formatArgument(value: unknown): string {
  return typeof value === "string" ? value.toLowerCase() : String(value);
}
