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

/** A valid attestation record for `alert` (the shape the monitor logs once the operators certified it). */
export function exampleAttestationRecord(alert: {
  id: string;
  chainId: number;
  tx: string;
  detectedAt: number;
}) {
  const word = (byte: string) => `0x${byte.repeat(32)}`;
  return {
    schema: "palisade.attestation/1",
    kind: "attestation",
    alertId: alert.id,
    chainId: alert.chainId,
    tx: alert.tx,
    source: "mempool",
    engine: "monitor-alert@1",
    engineVersion: word("e1"),
    watchDigest: word("d1"),
    verdict: {
      alertId: alert.id,
      chainId: alert.chainId,
      reproduced: true,
      alertType: "flash-loan-exploit",
      severity: "critical",
      protocol: `0x${"11".repeat(20)}`,
      serviceId: "0",
      implicatedOperators: [],
    },
    attestation: {
      batchRoot: word("b1"),
      requestHash: word("a1"),
      referenceBlock: 41,
      response: "0x00",
      proof: [],
    },
    responseHash: word("c1"),
    submitTx: word("f1"),
    submittedBlock: 42,
    signedStake: "40",
    totalStake: "50",
    detectedAt: alert.detectedAt,
    certifiedAt: alert.detectedAt + 900,
    latencyMs: 900,
  };
}
