import {
  type Address,
  decodeErrorResult,
  decodeFunctionResult,
  encodeFunctionData,
  type Hex,
  type PublicClient,
  size,
  slice,
} from "viem";
import { tokenSimulatorAbi, tokenSimulatorRuntimeCode } from "./generated/tokenSimulator.ts";
import { orNull } from "./rpc.ts";

/**
 * Where the simulator's code is placed by the state override: an address nobody holds a key for
 * (the last 20 bytes of keccak256("palisade.token-simulator"), as an address is derived from a key
 * hash), fixed so the same token at the same block gives the same answer everywhere.
 */
export const SIMULATOR_ADDRESS: Address = "0x2ad2f88460be8d924df06f9eafeed114ef973a96";
/** The eth_call's sender (tx.origin): keccak256("palisade.token-simulator.sender"), likewise keyless. */
export const SIMULATION_SENDER: Address = "0xc928e7512b7122630d5527ab5746032942b3df12";
/** Each buy spends this fraction of the pair's WETH reserve: 0.1 %, small enough for anti-whale limits. */
export const BUY_FRACTION_DENOMINATOR = 1000n;
/** eth_call gas: five steps of 2.5 M (TokenSimulator.STEP_GAS) and the bookkeeping around them. */
export const SIMULATION_GAS = 20_000_000n;
/** A sell that loses this much (or more) of its value to the token counts as a honeypot. */
export const HONEYPOT_SELL_TAX = 0.9;

/** One step as TokenSimulator reports it. */
export interface SimulatedStep {
  ok: boolean;
  sent: bigint;
  delivered: bigint;
  quoted: bigint;
  received: bigint;
  revertData: Hex;
}

/** The raw observation: reserves before, and the five steps (see ITokenSimulator.sol). */
export interface Simulation {
  reserveToken: bigint;
  reserveWeth: bigint;
  buy: SimulatedStep;
  sell: SimulatedStep;
  sellAgain: SimulatedStep;
  sellRest: SimulatedStep;
  buyAgain: SimulatedStep;
}

export interface SimulationParameters {
  token: Address;
  pair: Address;
  weth: Address;
  reserveWeth: bigint;
  feeBps: number;
  blockNumber: bigint;
}

/**
 * Runs TokenSimulator in ONE eth_call at the block: its runtime code is placed at SIMULATOR_ADDRESS
 * by a state override, with 2 × amountIn ether, and `simulate` buys and sells through the pair.
 * Nothing is sent: the node executes the call on a copy of the state and discards it. Returns null
 * when the node refuses the call (no state override support, for instance).
 */
export async function runSimulation(
  client: PublicClient,
  parameters: SimulationParameters,
): Promise<{ amountIn: bigint; simulation: Simulation } | null> {
  const amountIn = parameters.reserveWeth / BUY_FRACTION_DENOMINATOR;
  const data = encodeFunctionData({
    abi: tokenSimulatorAbi,
    functionName: "simulate",
    args: [parameters.token, parameters.pair, parameters.weth, amountIn, BigInt(parameters.feeBps)],
  });
  const answer = await orNull(
    client.call({
      account: SIMULATION_SENDER,
      to: SIMULATOR_ADDRESS,
      data,
      gas: SIMULATION_GAS,
      blockNumber: parameters.blockNumber,
      stateOverride: [
        { address: SIMULATOR_ADDRESS, code: tokenSimulatorRuntimeCode, balance: amountIn * 2n },
      ],
    }),
  );
  if (!answer?.data) return null;
  const simulation = decodeFunctionResult({
    abi: tokenSimulatorAbi,
    functionName: "simulate",
    data: answer.data,
  });
  return { amountIn, simulation };
}

/** The simulation fields and a sentence for each risky (or unknown) outcome. */
export interface SimulationFindings {
  buy_tax: number | null;
  sell_tax: number | null;
  cannot_buy: boolean | null;
  cannot_sell_all: boolean | null;
  is_honeypot: boolean | null;
  trading_cooldown: boolean | null;
  details: Partial<
    Record<
      "buy_tax" | "sell_tax" | "cannot_buy" | "cannot_sell_all" | "is_honeypot" | "trading_cooldown",
      string
    >
  >;
}

/**
 * Reads the five steps:
 * - buy_tax = 1 − tokens received / tokens the pair paid out (x·y=k); sell_tax = 1 − tokens the pair
 *   received / tokens sent. Both in token units, so the curve does not distort them; rounded to bps.
 * - cannot_buy: the first buy reverted (nothing else can be measured then).
 * - is_honeypot: the first sell reverted, or lost ≥ 90 % to the token. If the second buy reverted too
 *   (a cooldown after trading), a reverting sell may only be that cooldown: is_honeypot is then null.
 * - trading_cooldown: a second sell right after a successful one reverted, or the second buy did.
 * - cannot_sell_all: two partial sells went through and selling the remainder reverted.
 */
export function interpretSimulation(simulation: Simulation): SimulationFindings {
  const { buy, sell, sellAgain, sellRest, buyAgain } = simulation;
  const details: SimulationFindings["details"] = {};
  if (!buy.ok) {
    details.cannot_buy = `buying with ${buy.sent} wei of WETH reverted${reason(buy.revertData)}`;
    return {
      buy_tax: null,
      sell_tax: null,
      cannot_buy: true,
      cannot_sell_all: null,
      is_honeypot: null,
      trading_cooldown: null,
      details,
    };
  }
  const buyTax = lostFraction(buy.received, buy.quoted);
  details.buy_tax = `bought ${buy.received} of the ${buy.quoted} token units the pair paid out`;
  const sellTax = sell.ok ? lostFraction(sell.delivered, sell.sent) : null;
  if (sell.ok) details.sell_tax = `the pair received ${sell.delivered} of the ${sell.sent} token units sold`;

  const sellCooldown = sell.ok && !sellAgain.ok;
  const buyCooldown = !buyAgain.ok;
  const trading_cooldown = sellCooldown || buyCooldown;
  if (sellCooldown)
    details.trading_cooldown = `a second sell right after a successful one reverted${reason(sellAgain.revertData)}`;
  else if (buyCooldown)
    details.trading_cooldown = `a second buy in the same block reverted${reason(buyAgain.revertData)}`;

  let is_honeypot: boolean | null;
  if (!sell.ok) {
    is_honeypot = buyCooldown ? null : true;
    details.is_honeypot = buyCooldown
      ? `selling reverted${reason(sell.revertData)}, but so did a second buy: a trading cooldown may explain both`
      : `selling half of the ${buy.received} tokens bought reverted${reason(sell.revertData)}`;
  } else {
    is_honeypot = (sellTax ?? 0) >= HONEYPOT_SELL_TAX;
    if (is_honeypot)
      details.is_honeypot = `a sell lost ${percent(sellTax ?? 0)} of its tokens to the token contract`;
  }

  let cannot_sell_all: boolean | null = null;
  if (sell.ok && sellAgain.ok) {
    cannot_sell_all = !sellRest.ok;
    if (cannot_sell_all)
      details.cannot_sell_all = `two partial sells went through; selling the remaining ${sellRest.sent} reverted${reason(sellRest.revertData)}`;
  } else {
    details.cannot_sell_all = sell.ok
      ? "not measured: the second sell failed (cooldown)"
      : "not measured: no sell went through";
  }

  return {
    buy_tax: buyTax,
    sell_tax: sellTax,
    cannot_buy: false,
    cannot_sell_all,
    is_honeypot,
    trading_cooldown,
    details,
  };
}

/** 1 − got/expected, in [0, 1], rounded half-up to basis points (bigint arithmetic: exact, deterministic). */
export function lostFraction(got: bigint, expected: bigint): number {
  if (expected === 0n || got >= expected) return 0;
  const bps = ((expected - got) * 10_000n * 2n + expected) / (expected * 2n);
  return Number(bps) / 10_000;
}

const percent = (fraction: number) => `${Math.round(fraction * 10_000) / 100} %`;

/** ": <why>" from revert data: Error(string), Panic(uint256), or the custom error's selector. */
export function reason(data: Hex): string {
  if (size(data) === 0) return " (no revert data: out of gas, or a bare revert)";
  try {
    const decoded = decodeErrorResult({ abi: [], data });
    return `: ${decoded.errorName}(${decoded.args?.map(String).join(", ") ?? ""})`;
  } catch {
    // Not Error(string) or Panic(uint256): a custom error, named by its selector.
    return `: custom error ${size(data) >= 4 ? slice(data, 0, 4) : data}`;
  }
}
