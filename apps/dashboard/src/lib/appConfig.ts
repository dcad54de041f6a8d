/**
 * What `GET /api/config` answers: the deployment file (addresses, chain) and where the services are,
 * as same-origin paths the browser can call. The browser never sees upstream URLs it would need CORS
 * for: the chain is at `/rpc`, node i at `/api/nodes/i/…`, the aggregator at `/api/aggregator/…`, a
 * provider's gateway at `/api/gateways/<providerId>/…`.
 */
import type { Deployment } from "@palisade/sdk";

export interface ServiceLink {
  /** `node-0`, `aggregator`, `gateway-1`, `monitor` … (services.json's name). */
  name: string;
  /** Where the service listens (shown, not fetched by the browser). */
  url: string;
  /** The same-origin prefix the dashboard proxies to it. */
  proxy: string;
}

export interface DevAccountLink {
  name: string;
  role: string;
  /** Address index under anvil's default mnemonic (m/44'/60'/0'/0/<index>). */
  index: number;
  address: `0x${string}`;
}

export interface AppConfig {
  chainId: number;
  /** The chain's RPC as the services use it (shown only; the browser uses `/rpc`). */
  chainRpcUrl: string;
  deployment: Deployment;
  nodes: (ServiceLink & { index: number })[];
  aggregator: ServiceLink | undefined;
  gateways: (ServiceLink & { providerId: number })[];
  /** The attack monitor, when services.json lists one. */
  monitor: ServiceLink | undefined;
  /**
   * Where the monitor's alerts are kept: a gateway's `/v1/alerts` (`url`, shown), read through
   * `proxy` (`/api/alerts`, `/api/alerts/stream`); `log` is the monitor's JSONL file.
   */
  alerts: { url: string; proxy: string; log: string | undefined } | undefined;
  /**
   * The devnet's named accounts (chain 31337 only): anvil's default mnemonic, public test keys the
   * browser derives to sign on the devnet. Empty on any other chain.
   */
  devAccounts: DevAccountLink[];
  devMnemonic: string | undefined;
  /** When services.json was last written (ms), so the page can tell a restarted devnet. */
  servicesUpdatedAt: number | undefined;
}
