// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ProviderId, ProviderSlashId} from "../types/MarketplaceIds.sol";
import {IMarketplace} from "./IMarketplace.sol";

/// @title Provider slashing: request with evidence → veto window → execute
/// @notice The same lifecycle as operator slashing in the ServiceManager, in seconds (providers'
///         unstake delay is in seconds too). The requester (governance; until it exists a configured
///         account) files a request naming the provider, the amount, the evidence (hash + URI) and who
///         is compensated for how much; the veto committee may veto it before its deadline; from the
///         deadline on anyone executes it, which calls `IMarketplace.slashProvider`: harmed consumers
///         are paid first, the rest goes to the treasury. The veto window is kept strictly below the
///         marketplace's unstake delay, so a provider that starts unstaking when a request is filed is
///         still slashable at the deadline.
interface IProviderSlashing {
    enum Status {
        None,
        Pending,
        Vetoed,
        Cancelled,
        Executed
    }

    struct SlashRequest {
        ProviderId providerId;
        Status status;
        uint40 vetoDeadline;
        uint96 amount;
        bytes32 evidenceHash;
        string evidenceURI;
        IMarketplace.Compensation[] compensations;
    }

    error NotRequester(address caller);
    error NotVetoCommittee(address caller);
    error RequestNotFound(ProviderSlashId id);
    error RequestNotPending(ProviderSlashId id, Status status);
    error VetoWindowOpen(ProviderSlashId id, uint40 deadline);
    error VetoWindowClosed(ProviderSlashId id, uint40 deadline);
    error ZeroAmount();
    error CompensationExceedsAmount(uint256 compensation, uint256 amount);
    error VetoWindowOutOfBounds(uint32 window, uint32 min, uint32 max);
    error ZeroAddress();

    event SlashRequested(
        ProviderSlashId indexed id,
        ProviderId indexed providerId,
        uint96 amount,
        uint40 vetoDeadline,
        bytes32 evidenceHash,
        string evidenceURI,
        IMarketplace.Compensation[] compensations
    );
    event SlashVetoed(ProviderSlashId indexed id, address committee);
    event SlashCancelled(ProviderSlashId indexed id);
    event SlashExecuted(ProviderSlashId indexed id, ProviderId indexed providerId, uint96 slashed);
    event RequesterSet(address requester);
    event VetoCommitteeSet(address vetoCommittee);
    event VetoWindowSet(uint32 vetoWindow);

    function requestSlash(
        ProviderId providerId,
        uint96 amount,
        bytes32 evidenceHash,
        string calldata evidenceURI,
        IMarketplace.Compensation[] calldata compensations
    ) external returns (ProviderSlashId id);

    /// @notice Veto committee only, before the deadline.
    function veto(ProviderSlashId id) external;
    /// @notice Requester only, while pending.
    function cancel(ProviderSlashId id) external;
    /// @notice Anyone, from the deadline on.
    function execute(ProviderSlashId id) external returns (uint96 slashed);

    function setRequester(address requester) external;
    function setVetoCommittee(address vetoCommittee) external;
    function setVetoWindow(uint32 vetoWindow) external;

    function marketplace() external view returns (IMarketplace);
    function requester() external view returns (address);
    function vetoCommittee() external view returns (address);
    function vetoWindow() external view returns (uint32);
    function requestCount() external view returns (uint64);
    /// @notice Requests executed so far.
    function executedCount() external view returns (uint64);
    /// @notice Slashed stake sent to the marketplace's treasury so far (slashed − compensations).
    function slashedToTreasury() external view returns (uint256);
    function getRequest(ProviderSlashId id) external view returns (SlashRequest memory);
}
