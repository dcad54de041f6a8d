// A valid alert of each shape the tests need (not exported from the package).
import { ALERT_SCHEMA, alertId } from "./alert.ts";

const tx = `0x${"ab".repeat(32)}` as const;
const vault = `0x${"11".repeat(20)}`;
const exploit = `0x${"22".repeat(20)}`;

/** A valid alert as the README shows it (flash-loan-exploit). */
export const exampleAlert = {
  schema: ALERT_SCHEMA,
  id: alertId("flash-loan-exploit", tx, `${vault}:${exploit}`),
  chainId: 31_337,
  type: "flash-loan-exploit",
  severity: "critical",
  title: "Flash-loan-funded exploit of DemoLendingVault",
  addresses: [vault, exploit],
  evidence: {
    stateBlock: 41,
    transaction: { from: exploit, to: exploit, value: "0", input: "0x", gas: "1000000", nonce: 2 },
    loan: {
      kind: "erc3156",
      lender: exploit,
      receiver: exploit,
      asset: vault,
      amount: "90",
      repaid: "91",
      repaidAsset: vault,
      callback: "0x23e30c8b",
    },
    manipulations: [],
    outflows: [{ contract: vault, asset: vault, amount: "100", to: exploit }],
  },
  source: "mempool",
  block: null,
  tx,
  detectedAt: 1_795_000_000_000,
  detector: "flash-loan-exploit@1",
} as const;
