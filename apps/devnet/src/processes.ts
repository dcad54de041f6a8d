import { existsSync } from "node:fs";
import { join } from "node:path";
import { avsOf } from "@palisade/sdk";
import { accounts, freePort, isPortBusy, repoRoot } from "@palisade/testkit";
import { toHex } from "viem";
import type { HDAccount } from "viem/accounts";
import type { NodeEndpoint } from "./avs.ts";
import type { MonitorServiceView } from "./avsSummary.ts";
import type { RunningDevnet } from "./devnet.ts";
import { writeDevnetLabels } from "./labels.ts";
import type { GatewayEndpoint } from "./marketplace.ts";
import type { DevnetMonitor } from "./monitor.ts";
import type { Progress } from "./progress.ts";
import { type Service, ServiceStartError, startService } from "./services.ts";
import type { ServiceView } from "./snapshot.ts";

export const nodeScript = join(repoRoot, "apps/node/src/main.ts");
export const aggregatorScript = join(repoRoot, "apps/aggregator/src/main.ts");
export const gatewayScript = join(repoRoot, "apps/gateway/src/main.ts");
export const dashboardScript = join(repoRoot, "apps/dashboard/src/server/main.ts");
export const monitorScript = join(repoRoot, "apps/monitor/src/main.ts");
/** The gateway the monitor posts its alerts to (`POST /v1/alerts`): the reference provider's. */
export const alertsProviderId = 1;
/** The dashboard's port when it is free (else any free port, printed in the summary). */
export const dashboardPort = 3000;

/** A named devnet account's private key, hex (public test keys: anvil's mnemonic). */
function keyOf(account: HDAccount): string {
  const key = account.getHdKey().privateKey;
  if (!key) throw new Error("unreachable: an HD account has a private key");
  return toHex(key);
}

function submitterKey(): string {
  return keyOf(accounts().submitter);
}

export interface RunningServices {
  services: Service[];
  views: ServiceView[];
}

/**
 * Starts the aggregator (only when apps/aggregator/src/main.ts exists; a failure to start is
 * reported and the devnet goes on without it), one operator node per endpoint, each a child
 * process on its own port with its keystore, the password file and a data dir under the state dir,
 * one gateway per seeded provider (its metering store under the state dir; provider 1's takes the
 * monitor's alerts with the secret of `monitor.files.tokenFile`), the attack monitor when `monitor` is
 * given (its demo's watch file, its JSONL log, posting to provider 1's gateway) and the dashboard
 * (port 3000, or a free one when 3000 is taken). Like the aggregator, a monitor or dashboard that fails
 * to start is reported and the devnet goes on.
 */
export async function startServices(
  devnet: RunningDevnet,
  endpoints: readonly NodeEndpoint[],
  gateways: readonly GatewayEndpoint[],
  stateDir: string,
  progress: Progress,
  print: (line: string) => void,
  monitor?: DevnetMonitor,
): Promise<RunningServices> {
  const avs = avsOf(devnet.deployment);
  const labelsDir = writeDevnetLabels(stateDir, devnet.deployment.chainId, process.env.PALISADE_LABELS_DIR);
  const services: Service[] = [];
  const views: ServiceView[] = [];
  let aggregatorUrl: string | undefined;
  try {
    if (existsSync(aggregatorScript)) {
      // The gateways' and nodes' ports are chosen already but not yet bound: never hand one out twice.
      const reserved = new Set([...gateways.map((gateway) => gateway.port), ...endpoints.map((e) => e.port)]);
      let port = await freePort();
      while (reserved.has(port)) port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      progress.note("services", `starting the aggregator on ${url}`);
      try {
        const aggregator = await startService({
          name: "aggregator",
          script: aggregatorScript,
          args: [
            "--deployment",
            devnet.deploymentFile,
            "--port",
            String(port),
            "--data-dir",
            join(stateDir, "aggregator"),
            "--labels-dir",
            labelsDir,
            // The nodes, the aggregator and the monitor load one watch file: alerts are certified.
            ...(monitor ? ["--watch-file", monitor.files.watchFile] : []),
          ],
          // The devnet's submitter: an anvil mnemonic account (public test key), funded by ensureAvs.
          env: { PALISADE_SUBMITTER_KEY: submitterKey() },
          cwd: repoRoot,
          readyLine: /"msg":"aggregator (ready|listening)"/,
          print,
        });
        services.push(aggregator);
        views.push({ name: "aggregator", pid: aggregator.pid, url });
        aggregatorUrl = url;
        progress.step("services", `aggregator ready (pid ${aggregator.pid})`);
      } catch (error) {
        if (!(error instanceof ServiceStartError)) throw error;
        progress.note("services", `the aggregator did not start (${error.message}); continuing without it`);
      }
    } else {
      progress.note("services", "no apps/aggregator/src/main.ts yet: the aggregator is not started");
    }

    progress.note("services", `starting ${endpoints.length} operator nodes`);
    const nodes = await Promise.allSettled(
      endpoints.map((endpoint) => {
        const name = `node-${endpoint.index}`;
        const keystore = devnet.keys.keystores[endpoint.index];
        if (!keystore) throw new Error(`no keystore for operator ${endpoint.index}`);
        const args = [
          "--deployment",
          devnet.deploymentFile,
          "--bls-keystore",
          keystore,
          "--bls-password-file",
          devnet.keys.passwordFile,
          "--service-manager",
          avs.serviceManager,
          "--data-dir",
          join(stateDir, "nodes", `operator-${endpoint.index}`),
          "--host",
          "127.0.0.1",
          "--port",
          String(endpoint.port),
          "--node-url",
          endpoint.url,
          "--name",
          `palisade-devnet-operator-${endpoint.index}`,
          "--labels-dir",
          labelsDir,
          ...(aggregatorUrl ? ["--aggregator-url", aggregatorUrl] : []),
          ...(monitor ? ["--watch-file", monitor.files.watchFile] : []),
        ];
        return startService({
          name,
          script: nodeScript,
          args,
          cwd: repoRoot,
          readyLine: /"msg":"node listening"/,
          print,
        }).then((service) => ({ service, endpoint }));
      }),
    );
    const failed = nodes.find((result) => result.status === "rejected");
    for (const result of nodes) {
      if (result.status !== "fulfilled") continue;
      services.push(result.value.service);
      views.push({
        name: result.value.service.name,
        pid: result.value.service.pid,
        url: result.value.endpoint.url,
      });
    }
    if (failed) throw failed.reason;
    progress.step("services", `${endpoints.length} operator nodes ready`);

    progress.note("services", `starting ${gateways.length} provider gateways`);
    for (const gateway of gateways) {
      const name = `gateway-${gateway.providerId}`;
      const takesAlerts = monitor !== undefined && gateway.providerId === alertsProviderId;
      const service = await startService({
        name,
        script: gatewayScript,
        args: [
          "--deployment",
          devnet.deploymentFile,
          "--provider-id",
          String(gateway.providerId),
          "--port",
          String(gateway.port),
          "--data-dir",
          join(stateDir, "gateways", `provider-${gateway.providerId}`),
          "--labels-dir",
          labelsDir,
          ...(aggregatorUrl ? ["--aggregator-url", aggregatorUrl] : []),
          ...(takesAlerts ? ["--alerts-token-file", monitor.files.tokenFile] : []),
        ],
        cwd: repoRoot,
        readyLine: /"msg":"gateway listening"/,
        print,
      });
      services.push(service);
      views.push({ name, pid: service.pid, url: gateway.url });
    }
    progress.step("services", `${gateways.length} provider gateways ready`);

    if (monitor !== undefined) {
      const taken = new Set([
        ...gateways.map((gateway) => gateway.port),
        ...endpoints.map((endpoint) => endpoint.port),
        ...views.map((view) => Number(new URL(view.url).port)),
      ]);
      let port = await freePort();
      while (taken.has(port)) port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const gateway = gateways.find((entry) => entry.providerId === alertsProviderId);
      progress.note("services", `starting the attack monitor (health on ${url})`);
      try {
        const service = await startService({
          name: "monitor",
          script: monitorScript,
          args: [
            "--deployment",
            devnet.deploymentFile,
            // anvil serves WebSocket on its RPC port: new heads and pending transactions as they come.
            "--ws-url",
            devnet.anvil.rpcUrl.replace(/^http/, "ws"),
            "--watch-file",
            monitor.files.watchFile,
            "--log",
            monitor.files.logFile,
            "--port",
            String(port),
            ...(gateway
              ? ["--gateway-url", gateway.url, "--gateway-token-file", monitor.files.tokenFile]
              : []),
            // Alerts go to the operators; certified ones to the ThreatResponse (the responder pays).
            ...(aggregatorUrl ? ["--aggregator-url", aggregatorUrl, "--poll-ms", "20"] : []),
          ],
          ...(aggregatorUrl && devnet.deployment.governance?.threatResponse
            ? { env: { PALISADE_RESPONDER_KEY: keyOf(accounts().responder) } }
            : {}),
          cwd: repoRoot,
          readyLine: /"msg":"monitor ready"/,
          print,
        });
        services.push(service);
        const view: MonitorServiceView = {
          name: "monitor",
          pid: service.pid,
          url,
          alerts: { log: monitor.files.logFile, url: gateway ? `${gateway.url}/v1/alerts` : null },
        };
        views.push(view);
        progress.step(
          "services",
          `attack monitor ready (pid ${service.pid}); alerts in ${monitor.files.logFile}`,
        );
      } catch (error) {
        if (!(error instanceof ServiceStartError)) throw error;
        progress.note(
          "services",
          `the attack monitor did not start (${error.message}); continuing without it`,
        );
      }
    }

    if (existsSync(dashboardScript)) {
      const port = (await isPortBusy(dashboardPort)) ? await freePort() : dashboardPort;
      const url = `http://127.0.0.1:${port}`;
      try {
        // Reads deployment.json and services.json from the state dir as they change.
        const dashboard = await startService({
          name: "dashboard",
          script: dashboardScript,
          args: ["--state-dir", stateDir, "--port", String(port)],
          cwd: repoRoot,
          readyLine: /"msg":"dashboard listening"/,
          print,
        });
        services.push(dashboard);
        views.push({ name: "dashboard", pid: dashboard.pid, url });
        progress.step("services", `dashboard on ${url}`);
      } catch (error) {
        if (!(error instanceof ServiceStartError)) throw error;
        progress.note("services", `the dashboard did not start (${error.message}); continuing without it`);
      }
    }
    return { services, views };
  } catch (error) {
    await stopServices(services);
    throw error;
  }
}

/** Stops every service (each gets one SIGTERM to its process group, SIGKILL after 10 s). */
export async function stopServices(services: readonly Service[]): Promise<void> {
  await Promise.all(services.map((service) => service.stop()));
}
