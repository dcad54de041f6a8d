import type { Purchase, PurchaseSource } from "@palisade/provider";
import { listServices, type ReadClient } from "@palisade/sdk";
import type { Address } from "viem";

/**
 * This provider's services by the route that serves them: a service is served by the route whose path
 * equals its on-chain `endpointPath` (a service registered with "/v1/token" is served by GET /v1/token).
 * A service's provider and endpoint path never change on-chain (only its fee and whether it is listed),
 * so what was read stays true; new services are found by `refresh`.
 */
export interface ServiceDirectory {
  /**
   * The ids of this provider's services whose endpoint path is `path` — a live set, updated in place
   * by `refresh`, handed to `guard.authorize(…, { serviceIds })`.
   */
  serviceIdsFor(path: string): ReadonlySet<number>;
  /** Every service of this provider read so far: id → endpoint path. */
  readonly services: ReadonlyMap<number, string>;
  /** Whether `serviceId` was already looked at (if it is not in `services`, it is another provider's). */
  knows(serviceId: number): boolean;
  /** Reads the services registered since the last read (concurrent calls share one read). */
  refresh(): Promise<void>;
}

export interface CreateChainServiceDirectoryParameters {
  client: ReadClient;
  marketplace: Address;
  providerId: number;
  /** Service ids read per RPC batch (default 50). */
  pageSize?: number;
}

/**
 * A directory read from the Marketplace: every service id 1 … serviceCount once (at start), then only
 * the ids registered since (`refresh`), keeping this provider's, listed or not — a purchase made
 * before its service was delisted is still served.
 *
 * @example
 * const services = await createChainServiceDirectory({ client, marketplace, providerId: 1 });
 * services.serviceIdsFor("/v1/token"); // Set { 3 }
 */
export async function createChainServiceDirectory(
  parameters: CreateChainServiceDirectoryParameters,
): Promise<ServiceDirectory> {
  const { client, marketplace, providerId } = parameters;
  const pageSize = parameters.pageSize ?? 50;
  const directory = createServiceIndex();
  let scannedUpTo = 0;
  let reading: Promise<void> | undefined;

  async function readNew(): Promise<void> {
    let fromId: number | undefined = scannedUpTo + 1;
    while (fromId !== undefined) {
      const page = await listServices(client, {
        contracts: { marketplace },
        providerId,
        includeInactive: true,
        fromId,
        limit: pageSize,
      });
      for (const service of page.services) directory.add(service.serviceId, service.endpointPath);
      scannedUpTo = page.nextFromId === undefined ? Math.max(scannedUpTo, page.total) : page.nextFromId - 1;
      fromId = page.nextFromId;
    }
  }

  const refresh = () => {
    reading ??= readNew().finally(() => {
      reading = undefined;
    });
    return reading;
  };
  await refresh();
  return {
    serviceIdsFor: directory.serviceIdsFor,
    services: directory.services,
    knows: (serviceId) => serviceId <= scannedUpTo,
    refresh,
  };
}

/**
 * A fixed directory: tests and benches without a marketplace. Knows every id (an id it was not
 * given is another provider's).
 *
 * @example
 * const services = createStaticServiceDirectory([[1, "/v1/address"], [4, "/v1/phishing"]]);
 */
export function createStaticServiceDirectory(
  services: Iterable<readonly [serviceId: number, endpointPath: string]>,
): ServiceDirectory {
  const directory = createServiceIndex();
  for (const [serviceId, path] of services) directory.add(serviceId, path);
  return {
    serviceIdsFor: directory.serviceIdsFor,
    services: directory.services,
    knows: () => true,
    refresh: async () => {},
  };
}

/**
 * The purchase source the guard reads through, made to refresh the directory when one of this
 * provider's purchases names a service it has not read yet (registered after the gateway started):
 * the guard checks `serviceIds` after `getPurchase` resolves, so the live set already holds it. A
 * failed refresh fails the lookup (503 purchase_source_unavailable, nothing recorded).
 */
export function refreshingPurchaseSource(
  purchases: PurchaseSource,
  services: ServiceDirectory,
  providerId: number,
): PurchaseSource {
  return {
    async getPurchase(purchaseId): Promise<Purchase | undefined> {
      const purchase = await purchases.getPurchase(purchaseId);
      if (purchase !== undefined && purchase.providerId === providerId && !services.knows(purchase.serviceId))
        await services.refresh();
      return purchase;
    },
    sessionKeyValidUntil: (consumer, key) => purchases.sessionKeyValidUntil(consumer, key),
  };
}

function createServiceIndex() {
  const services = new Map<number, string>();
  const byPath = new Map<string, Set<number>>();
  const idsOf = (path: string): Set<number> => {
    let ids = byPath.get(path);
    if (ids === undefined) {
      ids = new Set();
      byPath.set(path, ids);
    }
    return ids;
  };
  return {
    services: services as ReadonlyMap<number, string>,
    add(serviceId: number, path: string): void {
      services.set(serviceId, path);
      idsOf(path).add(serviceId);
    },
    serviceIdsFor: (path: string): ReadonlySet<number> => idsOf(path),
  };
}
