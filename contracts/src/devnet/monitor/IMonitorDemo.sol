// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @title Contracts the attack monitor's tests and the devnet's attack demo run against
/// @notice Devnet and test helpers only, never for a real chain: the lending vault prices its collateral
///         by a Uniswap V2 pair's spot reserves ON PURPOSE, so that a flash-loan-funded swap drains it;
///         the backdoored box lets anyone rewrite its owner and implementation slots.

/// @notice An ERC-3156 flash lender of any token it holds, with a fee in basis points.
interface IDemoFlashLender is IERC3156FlashLender {
    /// @notice `amount` of `token` was lent to `receiver` and paid back with `fee` (Aave-style event).
    event FlashLoan(address indexed receiver, address indexed token, uint256 amount, uint256 fee);

    /// @notice More than the lender holds of `token` was asked for.
    error AmountTooLarge(uint256 amount, uint256 available);
    /// @notice The receiver's `onFlashLoan` did not return the ERC-3156 success value.
    error CallbackFailed(bytes32 returned);

    /// @notice The fee, in basis points of the amount lent.
    function feeBps() external view returns (uint256);
}

/// @notice A lending vault that lends `asset` against `collateral`, valued at the pair's SPOT price.
/// @dev The flaw: `price()` reads the pair's current reserves, which one swap moves. A guardian (the
///      threat-response contract) may pause it: borrowing and every withdrawal then revert, deposits
///      and repayments still work. Only the owner unpauses (the governance override).
interface IDemoLendingVault {
    /// @notice `supplier` lent `amount` of the asset to the vault.
    event Supplied(address indexed supplier, uint256 amount);
    /// @notice `supplier` took `amount` of its lent asset back.
    event Withdrawn(address indexed supplier, uint256 amount);
    /// @notice `account` deposited `amount` of collateral.
    event CollateralDeposited(address indexed account, uint256 amount);
    /// @notice `account` took `amount` of its collateral back.
    event CollateralWithdrawn(address indexed account, uint256 amount);
    /// @notice `account` borrowed `amount` of the asset.
    event Borrowed(address indexed account, uint256 amount);
    /// @notice `account` repaid `amount` of its debt.
    event Repaid(address indexed account, uint256 amount);
    /// @notice The guardian changed.
    event GuardianSet(address indexed previousGuardian, address indexed newGuardian);

    /// @notice `caller` is neither the guardian nor the owner.
    error NotGuardian(address caller);
    /// @notice An amount of zero.
    error ZeroAmount();
    /// @notice The pair does not hold the vault's asset and collateral.
    error PairMismatch(address pair);
    /// @notice After the operation the debt would exceed what the collateral allows.
    error Undercollateralised(uint256 debt, uint256 maxDebt);
    /// @notice The vault holds less of the asset than asked for.
    error InsufficientLiquidity(uint256 requested, uint256 available);
    /// @notice More than the account supplied, deposited or owes.
    error ExceedsBalance(uint256 requested, uint256 balance);

    /// @notice Lends `amount` of the asset to the vault (pulled with transferFrom).
    function supply(uint256 amount) external;
    /// @notice Takes back `amount` of what the caller supplied. Reverts while paused.
    function withdraw(uint256 amount) external;
    /// @notice Deposits `amount` of collateral (pulled with transferFrom). Reverts while the threat
    ///         response has the vault paused.
    function depositCollateral(uint256 amount) external;
    /// @notice Takes back `amount` of collateral if the debt stays covered. Reverts while paused.
    function withdrawCollateral(uint256 amount) external;
    /// @notice Borrows `amount` of the asset against the caller's collateral. Reverts while paused (by
    ///         the guardian or by the threat response).
    function borrow(uint256 amount) external;
    /// @notice Repays `amount` of the caller's debt (pulled with transferFrom).
    function repay(uint256 amount) external;

    /// @notice Guardian or owner: stops borrowing and withdrawals.
    function pause() external;
    /// @notice Owner only: resumes borrowing and withdrawals.
    function unpause() external;
    /// @notice Owner only: names who may pause (the threat-response contract).
    function setGuardian(address newGuardian) external;
    /// @notice Guardian only: makes the vault obey Palisade's ThreatResponse `newThreatResponse` and opts
    ///         it in with pauses of at most `maxPauseSeconds` (address(0): no threat-response check, no
    ///         opt-in). Refused while the current ThreatResponse has the vault paused.
    function setThreatResponse(address newThreatResponse, uint32 maxPauseSeconds) external;

    /// @notice The asset lent (WETH on the devnet).
    function asset() external view returns (address);
    /// @notice The collateral token.
    function collateral() external view returns (address);
    /// @notice The Uniswap V2 pair of asset and collateral whose spot price values the collateral.
    function pair() external view returns (address);
    /// @notice The loan-to-value ratio, in basis points.
    function ltvBps() external view returns (uint256);
    /// @notice Who may pause besides the owner.
    function guardian() external view returns (address);
    /// @notice Spot price of one collateral unit in asset units, scaled by 1e18 (the flaw).
    function price() external view returns (uint256);
    /// @notice The most `account` may owe at the current price.
    function maxDebt(address account) external view returns (uint256);
    /// @notice The asset the vault holds (what can be borrowed or withdrawn).
    function availableLiquidity() external view returns (uint256);
    /// @notice What `account` supplied.
    function suppliedOf(address account) external view returns (uint256);
    /// @notice `account`'s collateral.
    function collateralOf(address account) external view returns (uint256);
    /// @notice `account`'s debt.
    function debtOf(address account) external view returns (uint256);
}

/// @notice Drains a DemoLendingVault in one transaction: flash-borrow the asset, buy collateral through
///         the pair (the price jumps), deposit just enough of it to borrow all the vault's liquidity, sell
///         the rest back, repay the loan, keep the difference.
interface IDemoFlashLoanExploit is IERC3156FlashBorrower {
    /// @notice The attack borrowed `borrowed`, drained `drained` from the vault and made `profit`.
    event Exploited(uint256 borrowed, uint256 drained, uint256 profit);

    /// @notice `caller` is not the exploit's owner.
    error NotOwner(address caller);
    /// @notice `onFlashLoan` was called by another lender, or for another initiator.
    error UntrustedCallback(address lender, address initiator);
    /// @notice The collateral bought is less than the collateral needed to borrow the vault's liquidity.
    error NotProfitable(uint256 collateralNeeded, uint256 collateralBought);

    /// @notice Runs the attack with a flash loan of `flashAmount` and sends the profit to the owner.
    function attack(uint256 flashAmount) external returns (uint256 profit);
}

/// @notice A Chainlink-style price feed its owner updates (AggregatorV3Interface's read functions).
interface IDemoPriceFeed {
    /// @notice Chainlink's AggregatorInterface event for a new answer.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    /// @notice `caller` is not the owner.
    error NotOwner(address caller);

    /// @notice Owner only: publishes `answer` as a new round.
    function updateAnswer(int256 answer) external;
    /// @notice Decimals of the answer.
    function decimals() external view returns (uint8);
    /// @notice The latest round (AggregatorV3Interface).
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// @notice A UUPS implementation behind DemoBoxProxy: an owner (in OpenZeppelin's ERC-7201 Ownable slot),
///         a stored value, and a version fixed at deployment.
interface IDemoUpgradeableBox {
    /// @notice OpenZeppelin's Ownable event.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    /// @notice The stored value changed.
    event ValueSet(uint256 value);

    /// @notice `caller` is not the owner.
    error NotOwner(address caller);
    /// @notice The new owner is the zero address.
    error ZeroOwner();

    /// @notice Sets the owner, once, through the proxy.
    function initialize(address owner_) external;
    /// @notice Owner only: hands the box to `newOwner`.
    function transferOwnership(address newOwner) external;
    /// @notice Owner only: stores `newValue`.
    function setValue(uint256 newValue) external;
    /// @notice Who may set the value and upgrade.
    function owner() external view returns (address);
    /// @notice The stored value.
    function value() external view returns (uint256);
    /// @notice The implementation's version.
    function version() external view returns (uint256);
}

/// @notice A malicious box implementation: anyone may rewrite the owner and implementation slots, with no
///         event (only a storage diff shows it).
interface IDemoBackdooredBox is IDemoUpgradeableBox {
    /// @notice Writes `newOwner` into the owner slot silently.
    function backdoorSetOwner(address newOwner) external;
    /// @notice Writes `implementation` into the EIP-1967 implementation slot silently.
    function backdoorSetImplementation(address implementation) external;
}

/// @notice A wallet drainer: pulls, with transferFrom, whatever its victims approved to it.
interface IDemoApprovalDrainer {
    /// @notice `caller` is not the drainer's owner.
    error NotOwner(address caller);

    /// @notice Owner only: pulls each owner's whole allowance (capped by its balance) of `token` to `to`.
    function drain(address token, address[] calldata owners, address to) external returns (uint256 total);
}
