import { readFile, stat } from "node:fs/promises";
import { type Deployment, parseDeployment } from "@palisade/sdk";
import { accounts, anvilMnemonic } from "@palisade/testkit";
import { z } from "zod";
import type { AppConfig, DevAccountLink, ServiceLink } from "../lib/appConfig.ts";
import { DeploymentUnavailableError } from "./errors.ts";

/** anvil's chain id: only there are the named mnemonic accounts offered for signing. */
export const DEVNET_CHAIN_ID = 31_337;

const servicesSchema = z.object({
  services: z.array(
    z.object({
      name: z.string().min(1),
      pid: z.number().optional(),
      url: z.url(),
      /** The attack monitor's entry: its JSONL log and the gateway's `GET /v1/alerts` it posts to. */
      alerts: z.object({ log: z.string().optional(), url: z.url().nullable() }).optional(),
    }),
  ),
});

export interface DashboardState {
  config: AppConfig;
  /** Where each proxy prefix forwards to (upstream base URLs, never sent to the browser as such). */
  upstreams: {
    rpc: string;
    nodes: Map<number, string>;
    aggregator: string | undefined;
    gateways: Map<number, string>;
    monitor: string | undefined;
    /** The gateway's `/v1/alerts` the monitor posts to (services.json's monitor entry). */
    alerts: string | undefined;
  };
}

export interface StateFiles {
  deploymentFile: string;
  servicesFile: string;
  /** Overrides the deployment's rpcUrl. */
  rpcUrl?: string | undefined;
}

/** The devnet's named accounts, as the CLI names them (`--account consumer0` …). */
function devAccounts(): DevAccountLink[] {
  const named = accounts();
  const entry = (name: string, role: string, account: ReturnType<typeof accounts>["deployer"]) => ({
    name,
    role,
    index: account.getHdKey().index,
    address: account.address,
  });
  return [
    ...named.consumers.map((account, i) => entry(`consumer${i}`, "marketplace consumer", account)),
    ...named.providers.map((account, i) =>
      entry(`provider${i}`, `marketplace provider (owns provider ${i + 1} once seeded)`, account),
    ),
    ...named.avsOperators.map((account, i) => entry(`operator${i}`, "AVS operator", account)),
    ...named.stakers.map((account, i) => entry(`staker${i}`, "restaker", account)),
    entry("deployer", "owns the contracts; PAL treasury on the devnet", named.deployer),
    entry("avs", "owns the seeded operator set 0 (not Palisade's)", named.avs),
    entry("slasher", "slasher of the seeded operator set 0", named.slasher),
    entry("committee", "governance's veto committee (disciplinary slashing)", named.vetoCommittee),
  ];
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new DeploymentUnavailableError(`${what} ${path} ${missing ? "does not exist" : "cannot be read"}`, {
      details: missing ? "start the devnet with `npm start` (it writes it), or pass --deployment" : undefined,
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DeploymentUnavailableError(`${what} ${path} is not valid JSON`, { cause: error });
  }
}

function link(name: string, url: string, proxy: string): ServiceLink {
  return { name, url, proxy };
}

/** Builds the state from the two files' contents. Pure apart from deriving the dev accounts. */
export function buildState(
  deploymentJson: unknown,
  servicesJson: unknown,
  files: StateFiles,
  servicesUpdatedAt: number | undefined,
): DashboardState {
  let deployment: Deployment;
  try {
    deployment = parseDeployment(deploymentJson, files.deploymentFile);
  } catch (error) {
    throw new DeploymentUnavailableError(`deployment file ${files.deploymentFile} is invalid`, {
      cause: error,
    });
  }
  let services: z.output<typeof servicesSchema> = { services: [] };
  if (servicesJson !== undefined) {
    const parsed = servicesSchema.safeParse(servicesJson);
    if (!parsed.success)
      throw new DeploymentUnavailableError(`services file ${files.servicesFile} is invalid`, {
        details: z.prettifyError(parsed.error),
      });
    services = parsed.data;
  }
  const nodes: AppConfig["nodes"] = [];
  const gateways: AppConfig["gateways"] = [];
  const upstreams: DashboardState["upstreams"] = {
    rpc: files.rpcUrl ?? deployment.rpcUrl,
    nodes: new Map(),
    aggregator: undefined,
    gateways: new Map(),
    monitor: undefined,
    alerts: undefined,
  };
  let aggregator: ServiceLink | undefined;
  let monitor: ServiceLink | undefined;
  let alerts: AppConfig["alerts"];
  for (const service of services.services) {
    const url = service.url.replace(/\/+$/, "");
    const node = /^node-(\d+)$/.exec(service.name);
    const gateway = /^gateway-(\d+)$/.exec(service.name);
    if (node?.[1] !== undefined) {
      const index = Number(node[1]);
      nodes.push({ ...link(service.name, url, `/api/nodes/${index}`), index });
      upstreams.nodes.set(index, url);
    } else if (gateway?.[1] !== undefined) {
      const providerId = Number(gateway[1]);
      gateways.push({ ...link(service.name, url, `/api/gateways/${providerId}`), providerId });
      upstreams.gateways.set(providerId, url);
    } else if (service.name === "aggregator") {
      aggregator = link(service.name, url, "/api/aggregator");
      upstreams.aggregator = url;
    } else if (/^monitor(-\d+)?$/.test(service.name) && !monitor) {
      monitor = link(service.name, url, "/api/monitor");
      upstreams.monitor = url;
      if (service.alerts?.url) {
        const alertsUrl = service.alerts.url.replace(/\/+$/, "");
        alerts = { url: alertsUrl, proxy: "/api/alerts", log: service.alerts.log };
        upstreams.alerts = alertsUrl;
      }
    }
  }
  const devnet = deployment.chainId === DEVNET_CHAIN_ID;
  return {
    config: {
      chainId: deployment.chainId,
      chainRpcUrl: upstreams.rpc,
      deployment,
      nodes: nodes.sort((a, b) => a.index - b.index),
      aggregator,
      gateways: gateways.sort((a, b) => a.providerId - b.providerId),
      monitor,
      alerts,
      devAccounts: devnet ? devAccounts() : [],
      devMnemonic: devnet ? anvilMnemonic : undefined,
      servicesUpdatedAt,
    },
    upstreams,
  };
}

/**
 * Reads deployment.json and services.json when they change (by mtime), so a devnet that restarts
 * (new ports, a redeployed chain) is picked up without restarting the dashboard.
 */
export function createStateReader(files: StateFiles): () => Promise<DashboardState> {
  let cached: { key: string; state: DashboardState } | undefined;
  return async () => {
    const [deploymentStat, servicesStat] = await Promise.all([
      stat(files.deploymentFile).catch(() => undefined),
      stat(files.servicesFile).catch(() => undefined),
    ]);
    const key = `${deploymentStat?.mtimeMs}:${servicesStat?.mtimeMs}`;
    if (cached && cached.key === key) return cached.state;
    const deploymentJson = await readJson(files.deploymentFile, "deployment file");
    const servicesJson = servicesStat ? await readJson(files.servicesFile, "services file") : undefined;
    const state = buildState(deploymentJson, servicesJson, files, servicesStat?.mtimeMs);
    cached = { key, state };
    return state;
  };
}
