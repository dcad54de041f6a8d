export { accounts, anvilMnemonic, type NamedAccounts } from "./accounts.ts";
export {
  type Anvil,
  AnvilPortInUseError,
  AnvilStartError,
  type StartAnvilOptions,
  startAnvil,
} from "./anvil.ts";
export { ArtifactNotFoundError, bytecodeOf } from "./artifacts.ts";
export { type Clients, type CreateClientsOptions, createClients } from "./clients.ts";
export { AddressPredictionError, type DeployCoreOptions, deployCore } from "./deployCore.ts";
export { defaultLsts, deployMockLst, type MockLstSpec } from "./deployTokens.ts";
export { type Fixture, type FixtureOptions, fixture, testDelays } from "./fixture.ts";
export { freePort, isPortBusy } from "./freePort.ts";
export { mine } from "./mine.ts";
export { repoRoot } from "./paths.ts";
export {
  type SeedOptions,
  type SeedResult,
  seedDeposit,
  seedDevnet,
  seedMagnitudes,
  seedRewards,
} from "./seed.ts";
export { DeployTransactionError, sendAndWait } from "./send.ts";
