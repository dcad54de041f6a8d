// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../src/interfaces/IDelegationManager.sol";
import {GovernanceToken} from "../../src/token/GovernanceToken.sol";
import {OperatorSet} from "../../src/types/OperatorSet.sol";

/// @notice The GovernanceToken with test-only mint and burn, for the suites about lots and votes that
///         need no stake behind the tokens (the core addresses are placeholders nobody calls).
contract GovernanceTokenHarness is GovernanceToken {
    constructor(address owner_)
        GovernanceToken(
            IDelegationManager(address(0xD1)),
            IAllocationManager(address(0xA1)),
            OperatorSet({avs: address(0xA75), id: 0}),
            owner_,
            GrantCaps({periodCapBps: 50, totalCapBps: 500})
        )
    {}

    function mintForTest(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function burnForTest(address from, uint256 amount) external {
        _burn(from, amount);
    }
}
