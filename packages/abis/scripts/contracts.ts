/**
 * The deployable contracts whose ABIs are generated — the one list to edit when a contract is added.
 * `artifact` is the forge output path under contracts/out; `id` names the generated file
 * (`src/generated/<id>.ts`) and its export (`<id>Abi`).
 */
export interface AbiSource {
  readonly contract: string;
  readonly id: string;
  readonly artifact: string;
}

// QuorumVerifier and SlashingCoordinator are abstract bases of OperatorRegistry and ServiceManager:
// their functions are in those two ABIs, so they get no file of their own.
export const abiSources: readonly AbiSource[] = [
  {
    contract: "StrategyManager",
    id: "strategyManager",
    artifact: "StrategyManager.sol/StrategyManager.json",
  },
  { contract: "Strategy", id: "strategy", artifact: "Strategy.sol/Strategy.json" },
  {
    contract: "DelegationManager",
    id: "delegationManager",
    artifact: "DelegationManager.sol/DelegationManager.json",
  },
  {
    contract: "AllocationManager",
    id: "allocationManager",
    artifact: "AllocationManager.sol/AllocationManager.json",
  },
  {
    contract: "RewardsCoordinator",
    id: "rewardsCoordinator",
    artifact: "RewardsCoordinator.sol/RewardsCoordinator.json",
  },
  { contract: "MockLST", id: "mockLst", artifact: "MockLST.sol/MockLST.json" },
  {
    contract: "ServiceManager",
    id: "serviceManager",
    artifact: "ServiceManager.sol/ServiceManager.json",
  },
  {
    contract: "OperatorRegistry",
    id: "operatorRegistry",
    artifact: "OperatorRegistry.sol/OperatorRegistry.json",
  },
  { contract: "UtilityToken", id: "utilityToken", artifact: "UtilityToken.sol/UtilityToken.json" },
  { contract: "DevnetFaucet", id: "devnetFaucet", artifact: "DevnetFaucet.sol/DevnetFaucet.json" },
  { contract: "Marketplace", id: "marketplace", artifact: "Marketplace.sol/Marketplace.json" },
  { contract: "ReviewBoard", id: "reviewBoard", artifact: "ReviewBoard.sol/ReviewBoard.json" },
  {
    contract: "ProviderSlashing",
    id: "providerSlashing",
    artifact: "ProviderSlashing.sol/ProviderSlashing.json",
  },
  // The example protocol guarded by PalisadeGuard (decision 0005): its ABI carries every error of the
  // guard's checks, so clients can decode a refused withdrawal.
  { contract: "GuardedVault", id: "guardedVault", artifact: "GuardedVault.sol/GuardedVault.json" },
  {
    contract: "GovernanceToken",
    id: "governanceToken",
    artifact: "GovernanceToken.sol/GovernanceToken.json",
  },
  {
    contract: "PalisadeGovernor",
    id: "palisadeGovernor",
    artifact: "PalisadeGovernor.sol/PalisadeGovernor.json",
  },
  { contract: "Timelock", id: "timelock", artifact: "Timelock.sol/Timelock.json" },
  {
    contract: "RevenueDistributor",
    id: "revenueDistributor",
    artifact: "RevenueDistributor.sol/RevenueDistributor.json",
  },
  // Decision 0008: the threat response, and the mixin a protocol inherits to obey it (its ABI carries
  // ProtocolPausedByThreatResponse, so clients can decode a paused protocol's revert).
  {
    contract: "ThreatResponse",
    id: "threatResponse",
    artifact: "ThreatResponse.sol/ThreatResponse.json",
  },
  {
    contract: "ThreatPausable",
    id: "threatPausable",
    artifact: "ThreatPausable.sol/ThreatPausable.json",
  },
  // Demo tokens the devnet trades on its Uniswap V2 (packages/testkit/src/dex.ts).
  { contract: "DemoCleanToken", id: "demoCleanToken", artifact: "DemoCleanToken.sol/DemoCleanToken.json" },
  { contract: "DemoTaxToken", id: "demoTaxToken", artifact: "DemoTaxToken.sol/DemoTaxToken.json" },
  {
    contract: "DemoHoneypotToken",
    id: "demoHoneypotToken",
    artifact: "DemoHoneypotToken.sol/DemoHoneypotToken.json",
  },
  {
    contract: "DemoPrivilegedToken",
    id: "demoPrivilegedToken",
    artifact: "DemoPrivilegedToken.sol/DemoPrivilegedToken.json",
  },
  {
    contract: "DemoCooldownToken",
    id: "demoCooldownToken",
    artifact: "DemoCooldownToken.sol/DemoCooldownToken.json",
  },
  {
    contract: "DemoReclaimableToken",
    id: "demoReclaimableToken",
    artifact: "DemoReclaimableToken.sol/DemoReclaimableToken.json",
  },
];
