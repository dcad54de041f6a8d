/** The engine's id in reports and errors. */
export const TX_FIREWALL_ENGINE_ID = "tx-firewall@1";
