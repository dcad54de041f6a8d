// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice ERC20 that burns a fee on every transfer (not on mint or burn). Test only.
contract FeeOnTransferToken is ERC20 {
    /// @notice Fee in basis points: 100 = 1 %.
    uint256 public constant FEE_BIPS = 100;

    constructor() ERC20("Fee Token", "FEE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = value * FEE_BIPS / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}

/// @notice Rebasing ERC20: balances are `shares × index / 1e18`; the owner moves the index up or down
///         (a staking reward or a slash of the underlying). Transfers move `ceil(amount × 1e18 / index)`
///         shares, as stETH does, so a transfer can deliver a wei more than asked at awkward indices.
///         Test only.
contract RebasingToken is IERC20, Ownable {
    /// @dev 1e18 = one token per share
    uint256 public index = 1e18;
    uint256 public totalShares;
    mapping(address => uint256) public sharesOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Rebased(uint256 previousIndex, uint256 newIndex);

    constructor(address owner_) Ownable(owner_) {}

    function name() external pure returns (string memory) {
        return "Rebasing Token";
    }

    function symbol() external pure returns (string memory) {
        return "REB";
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @notice Owner only: sets the index (up = positive rebase, down = negative rebase).
    function rebase(uint256 newIndex) external onlyOwner {
        emit Rebased(index, newIndex);
        index = newIndex;
    }

    /// @notice Owner only: mints `amount` tokens at the current index.
    function mint(address to, uint256 amount) external onlyOwner {
        uint256 shares = _toShares(amount);
        sharesOf[to] += shares;
        totalShares += shares;
        emit Transfer(address(0), to, amount);
    }

    function totalSupply() external view returns (uint256) {
        return totalShares * index / 1e18;
    }

    function balanceOf(address account) external view returns (uint256) {
        return sharesOf[account] * index / 1e18;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) internal {
        uint256 shares = _toShares(amount);
        sharesOf[from] -= shares;
        sharesOf[to] += shares;
        emit Transfer(from, to, amount);
    }

    function _toShares(uint256 amount) internal view returns (uint256) {
        // rounded up so the recipient always gets at least `amount` (the sender pays the rounding)
        return (amount * 1e18 + index - 1) / index;
    }
}
