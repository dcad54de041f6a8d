import type { AddressRiskEngine, PhishingEngine, TokenRiskEngine, TxFirewall } from "@palisade/engines";
import { addressRoute } from "./address.ts";
import { phishingRoute } from "./phishing.ts";
import type { EngineRoute } from "./route.ts";
import { tokenRoute } from "./token.ts";
import { transactionRoute } from "./transaction.ts";

/** The engines the gateway serves, one route each. */
export interface GatewayEngines {
  addressRisk: AddressRiskEngine;
  tokenRisk: TokenRiskEngine;
  phishing: PhishingEngine;
  txFirewall: TxFirewall;
}

/**
 * The gateway's route table: one entry per engine (routes/<engine>.ts). A new route, or another way
 * of answering an existing one, is an entry here — the server, the OpenAPI document and the service
 * mapping read the table.
 *
 * @example
 * const routes = engineRoutes({ addressRisk, tokenRisk, phishing, txFirewall });
 * createGatewayServer({ routes, … });
 */
export function engineRoutes(engines: GatewayEngines): EngineRoute[] {
  return [
    addressRoute(engines.addressRisk),
    tokenRoute(engines.tokenRisk),
    phishingRoute(engines.phishing),
    transactionRoute(engines.txFirewall),
  ];
}
