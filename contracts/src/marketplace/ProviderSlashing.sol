// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IProviderSlashing} from "../interfaces/IProviderSlashing.sol";
import {ProviderId, ProviderSlashId} from "../types/MarketplaceIds.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title Provider slashing: request with evidence → veto window → execute
/// @notice This contract is the Marketplace's `slasher`; every provider slash goes out through
///         `execute`, which calls `IMarketplace.slashProvider`.
///
///         Veto window vs unstaking. The Marketplace keeps unstaking tokens slashable until the
///         provider completes the unstake, which it may do `unstakeDelay` seconds after its last
///         `requestUnstake`. A request that only becomes executable after that point could never
///         land on them: the provider would unstake everything the moment a request is filed and
///         withdraw it before the veto window ends. So the window is counted in seconds, like the
///         unstake delay, and kept strictly below it: at setting time and again at each request (the
///         Marketplace's owner may have lowered the delay since). Then whenever the provider starts
///         unstaking (at time u ≥ request time r), the tokens stay in the Marketplace until
///         u + unstakeDelay > r + vetoWindow = deadline, so the request is executable from the
///         deadline for at least `unstakeDelay − vetoWindow` seconds and reaches them. Tokens whose
///         unstaking began before the request may leave earlier (their delay began earlier): like an
///         operator that has already left the operator set, they are not a target for a vetoable
///         request.
///
///         Compensations are fixed at request time, but the provider may hold less than the amount
///         when the request is executed (an earlier slash, an unstake that completed). The Marketplace
///         requires the compensations to fit what it actually takes, so `execute` scales them down
///         pro rata in that case instead of leaving the request unexecutable: harmed consumers still
///         come first and share the shortfall in proportion to their claims.
contract ProviderSlashing is IProviderSlashing, Ownable2Step {
    /// @dev A minute: long enough for a committee transaction to land in a block after the request on
    ///      any chain; the real length is a per-deployment choice. The upper bound is the Marketplace's
    ///      current unstake delay minus one second (see the contract notice).
    uint32 internal constant MIN_VETO_WINDOW = 60;

    /// @inheritdoc IProviderSlashing
    IMarketplace public immutable marketplace;
    /// @inheritdoc IProviderSlashing
    address public requester;
    /// @inheritdoc IProviderSlashing
    address public vetoCommittee;
    /// @inheritdoc IProviderSlashing
    uint32 public vetoWindow;
    /// @inheritdoc IProviderSlashing
    uint64 public requestCount;
    /// @dev requests executed so far, and the slashed stake they sent to the marketplace's treasury
    ///      (after compensations), in one slot: read by the RevenueDistributor per epoch (decision 0007)
    uint64 internal _executedCount;
    uint192 internal _slashedToTreasury;

    mapping(ProviderSlashId id => SlashRequest) internal _requests;

    constructor(
        IMarketplace marketplace_,
        address owner_,
        address requester_,
        address vetoCommittee_,
        uint32 vetoWindow_
    ) Ownable(owner_) {
        require(address(marketplace_) != address(0), ZeroAddress());
        marketplace = marketplace_;
        _setRequester(requester_);
        _setVetoCommittee(vetoCommittee_);
        _setVetoWindow(vetoWindow_);
    }

    /// @inheritdoc IProviderSlashing
    function requestSlash(
        ProviderId providerId,
        uint96 amount,
        bytes32 evidenceHash,
        string calldata evidenceURI,
        IMarketplace.Compensation[] calldata compensations
    ) external returns (ProviderSlashId id) {
        require(msg.sender == requester, NotRequester(msg.sender));
        require(amount != 0, ZeroAmount());
        uint256 total;
        for (uint256 i; i < compensations.length; ++i) {
            // a zero account would make the Marketplace's payout, hence the execution, revert
            require(compensations[i].account != address(0), ZeroAddress());
            total += compensations[i].amount;
        }
        require(total <= amount, CompensationExceedsAmount(total, amount));
        // reverts ProviderNotFound for an unknown provider: a request must name a real target
        marketplace.getProvider(providerId);
        uint32 window = vetoWindow;
        // the Marketplace's owner may have lowered the unstake delay since the window was set
        _checkWindow(window);
        // forge-lint: disable-next-line(unsafe-typecast) seconds fit 40 bits for 34,000 years
        uint40 deadline = uint40(block.timestamp) + window;

        id = ProviderSlashId.wrap(++requestCount);
        SlashRequest storage r = _requests[id];
        r.providerId = providerId;
        r.status = Status.Pending;
        r.vetoDeadline = deadline;
        r.amount = amount;
        r.evidenceHash = evidenceHash;
        r.evidenceURI = evidenceURI;
        for (uint256 i; i < compensations.length; ++i) {
            r.compensations.push(compensations[i]);
        }
        emit SlashRequested(id, providerId, amount, deadline, evidenceHash, evidenceURI, compensations);
    }

    /// @inheritdoc IProviderSlashing
    function veto(ProviderSlashId id) external {
        require(msg.sender == vetoCommittee, NotVetoCommittee(msg.sender));
        SlashRequest storage r = _pending(id);
        // windows are minutes to days long: a validator's few seconds of drift cannot matter
        // forge-lint: disable-next-line(block-timestamp)
        require(block.timestamp < r.vetoDeadline, VetoWindowClosed(id, r.vetoDeadline));
        r.status = Status.Vetoed;
        emit SlashVetoed(id, msg.sender);
    }

    /// @inheritdoc IProviderSlashing
    function cancel(ProviderSlashId id) external {
        require(msg.sender == requester, NotRequester(msg.sender));
        SlashRequest storage r = _pending(id);
        r.status = Status.Cancelled;
        emit SlashCancelled(id);
    }

    /// @inheritdoc IProviderSlashing
    function execute(ProviderSlashId id) external returns (uint96 slashed) {
        SlashRequest storage r = _pending(id);
        // forge-lint: disable-next-line(block-timestamp) a few seconds of drift against a ≥ 60 s window
        require(block.timestamp >= r.vetoDeadline, VetoWindowOpen(id, r.vetoDeadline));
        r.status = Status.Executed;
        ProviderId providerId = r.providerId;
        uint96 amount = r.amount;
        IMarketplace.Compensation[] memory compensations =
            _fitCompensations(providerId, amount, r.compensations);
        slashed = marketplace.slashProvider(providerId, amount, compensations);
        uint256 compensated;
        for (uint256 i; i < compensations.length; ++i) {
            compensated += compensations[i].amount;
        }
        ++_executedCount;
        // forge-lint: disable-next-line(unsafe-typecast) a sum of uint96 amounts of a fixed-supply token
        _slashedToTreasury += uint192(slashed - compensated);
        emit SlashExecuted(id, providerId, slashed);
    }

    // ───────────── owner ─────────────

    /// @inheritdoc IProviderSlashing
    function setRequester(address requester_) external onlyOwner {
        _setRequester(requester_);
    }

    /// @inheritdoc IProviderSlashing
    function setVetoCommittee(address vetoCommittee_) external onlyOwner {
        _setVetoCommittee(vetoCommittee_);
    }

    /// @inheritdoc IProviderSlashing
    function setVetoWindow(uint32 vetoWindow_) external onlyOwner {
        _setVetoWindow(vetoWindow_);
    }

    // ───────────── views ─────────────

    /// @inheritdoc IProviderSlashing
    function executedCount() external view returns (uint64) {
        return _executedCount;
    }

    /// @inheritdoc IProviderSlashing
    function slashedToTreasury() external view returns (uint256) {
        return _slashedToTreasury;
    }

    /// @inheritdoc IProviderSlashing
    function getRequest(ProviderSlashId id) external view returns (SlashRequest memory) {
        return _requests[id];
    }

    // ───────────── internals ─────────────

    function _pending(ProviderSlashId id) internal view returns (SlashRequest storage r) {
        r = _requests[id];
        require(r.status != Status.None, RequestNotFound(id));
        require(r.status == Status.Pending, RequestNotPending(id, r.status));
    }

    /// @dev The compensations as requested when the provider still holds `amount`; otherwise scaled
    ///      down to what the Marketplace will take (`min(amount, stake + unstaking)`), rounding each
    ///      down so their sum never exceeds it.
    function _fitCompensations(
        ProviderId providerId,
        uint96 amount,
        IMarketplace.Compensation[] storage requested
    ) internal view returns (IMarketplace.Compensation[] memory fitted) {
        fitted = requested;
        uint256 total;
        for (uint256 i; i < fitted.length; ++i) {
            total += fitted[i].amount;
        }
        IMarketplace.Provider memory p = marketplace.getProvider(providerId);
        uint256 available = uint256(p.stake) + p.unstaking;
        uint256 taken = available < amount ? available : amount;
        if (total <= taken) return fitted;
        for (uint256 i; i < fitted.length; ++i) {
            // amount_i × taken / total ≤ amount_i, so the cast back to uint96 cannot truncate
            // forge-lint: disable-next-line(unsafe-typecast) see above
            fitted[i].amount = uint96(uint256(fitted[i].amount) * taken / total);
        }
    }

    function _setRequester(address requester_) internal {
        require(requester_ != address(0), ZeroAddress());
        requester = requester_;
        emit RequesterSet(requester_);
    }

    function _setVetoCommittee(address vetoCommittee_) internal {
        // with no committee a request could not be stopped: the veto is the safeguard of the lifecycle
        require(vetoCommittee_ != address(0), ZeroAddress());
        vetoCommittee = vetoCommittee_;
        emit VetoCommitteeSet(vetoCommittee_);
    }

    function _setVetoWindow(uint32 window) internal {
        _checkWindow(window);
        vetoWindow = window;
        emit VetoWindowSet(window);
    }

    /// @dev MIN_VETO_WINDOW ≤ window < marketplace.params().unstakeDelay (see the contract notice).
    function _checkWindow(uint32 window) internal view {
        uint32 delay = marketplace.params().unstakeDelay;
        // the largest window strictly below the delay (0 when there is none)
        uint32 max = delay == 0 ? 0 : delay - 1;
        require(
            window >= MIN_VETO_WINDOW && window <= max, VetoWindowOutOfBounds(window, MIN_VETO_WINDOW, max)
        );
    }
}
