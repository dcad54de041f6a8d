// Moved to @palisade/deploy; re-exported so existing imports from the testkit keep working.
export {
  AddressPredictionError,
  ArtifactNotFoundError,
  bytecodeOf,
  DeployTransactionError,
  sendAndWait,
  verifyGovernance,
} from "@palisade/deploy";
export { accounts, anvilMnemonic, type NamedAccounts } from "./accounts.ts";
export {
  type Anvil,
  AnvilPortInUseError,
  AnvilStartError,
  type StartAnvilOptions,
  startAnvil,
} from "./anvil.ts";
export {
  type AvsOperator,
  avsMagnitude,
  avsSelfStake,
  deployTestAvs,
  type RegisterAvsOperatorsOptions,
  registerAvsOperators,
  registrationData,
  testAvsSettings,
} from "./avs.ts";
export {
  type OperatorKeystoreFiles,
  operatorBlsKey,
  operatorPubkeyHash,
  testKeystoreKdf,
  testKeystorePassword,
  writeOperatorKeystores,
} from "./blsKeys.ts";
export { type Clients, type CreateClientsOptions, createClients } from "./clients.ts";
export { type DeployCoreOptions, deployCore } from "./deployCore.ts";
export { defaultLsts, deployMockLst, type MockLstSpec } from "./deployTokens.ts";
export {
  type DemoDex,
  type DemoDexToken,
  type DemoTokenName,
  type DeployDemoDexOptions,
  demoFeeRecipient,
  demoLockSeconds,
  demoSellCooldown,
  demoTokenAbis,
  demoTokenSupply,
  deployDemoDex,
  PairInitCodeHashMismatchError,
  type UniswapArtifactName,
  uniswapArtifact,
  uniswapV2RouterInitCodeHash,
} from "./dex.ts";
export {
  type AvsFixture,
  type AvsFixtureOptions,
  avsFixture,
  type Fixture,
  type FixtureOptions,
  fixture,
  type MarketplaceFixture,
  marketplaceFixture,
  testDelays,
} from "./fixture.ts";
export { freePort, isPortBusy } from "./freePort.ts";
export {
  type DeployTestGovernanceResult,
  deployTestGovernance,
  type GovernanceFixture,
  governanceFixture,
  type SyncedStaker,
} from "./governance.ts";
export {
  defaultProviderEndpoints,
  deployTestMarketplace,
  faucetDrip,
  type SeededService,
  type SeedMarketplaceResult,
  seededProviders,
  seededServices,
  seededUtilityTokens,
  seedMarketplace,
  testMarketplaceRoles,
  transferUtilityTokens,
} from "./marketplace.ts";
export { mine } from "./mine.ts";
export { repoRoot } from "./paths.ts";
export { killProcess, startTsProcess, type TsProcess, waitHealthy } from "./processes.ts";
export {
  type SeedOptions,
  type SeedResult,
  seedDeposit,
  seedDevnet,
  seedMagnitudes,
  seedRewards,
} from "./seed.ts";
