// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {OperatorSet, OperatorSetKey} from "../../src/types/OperatorSet.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Settable stand-in for the AllocationManager views the RewardsCoordinator reads:
///         operatorSetExists, getStrategiesInOperatorSet, getRegisteredSets, getAllocatedStake,
///         isMemberOfOperatorSet. Nothing else; cast its address to IAllocationManager.
contract AllocationManagerRewardsDouble {
    mapping(OperatorSetKey => bool) internal _exists;
    mapping(OperatorSetKey => IStrategy[]) internal _strategies;
    mapping(address => OperatorSet[]) internal _registered;
    mapping(OperatorSetKey => mapping(address => mapping(IStrategy => uint256))) internal _stake;
    mapping(OperatorSetKey => address[]) internal _members;

    function createSet(OperatorSet memory set, IStrategy[] memory strategies) external {
        OperatorSetKey key = set.key();
        _exists[key] = true;
        delete _strategies[key];
        for (uint256 i; i < strategies.length; ++i) {
            _strategies[key].push(strategies[i]);
        }
    }

    /// @dev Allocated stake as the real contract reports it (the double does not zero it for
    ///      non-members; the coordinator must not rely on that).
    function setAllocatedStake(OperatorSet memory set, address operator, IStrategy strategy, uint256 stake)
        external
    {
        _stake[set.key()][operator][strategy] = stake;
    }

    function setMember(address operator, OperatorSet memory set, bool member) external {
        _setMemberList(operator, set.key(), member);
        OperatorSet[] storage sets = _registered[operator];
        OperatorSetKey key = set.key();
        for (uint256 i; i < sets.length; ++i) {
            if (OperatorSetKey.unwrap(sets[i].key()) == OperatorSetKey.unwrap(key)) {
                if (!member) {
                    sets[i] = sets[sets.length - 1];
                    sets.pop();
                }
                return;
            }
        }
        if (member) sets.push(set);
    }

    function _setMemberList(address operator, OperatorSetKey key, bool member) internal {
        address[] storage members = _members[key];
        for (uint256 i; i < members.length; ++i) {
            if (members[i] == operator) {
                if (!member) {
                    members[i] = members[members.length - 1];
                    members.pop();
                }
                return;
            }
        }
        if (member) members.push(operator);
    }

    function getMembers(OperatorSet calldata set) external view returns (address[] memory) {
        return _members[set.key()];
    }

    function operatorSetExists(OperatorSet calldata set) external view returns (bool) {
        return _exists[set.key()];
    }

    function getStrategiesInOperatorSet(OperatorSet calldata set) external view returns (IStrategy[] memory) {
        return _strategies[set.key()];
    }

    function getRegisteredSets(address operator) external view returns (OperatorSet[] memory) {
        return _registered[operator];
    }

    function isMemberOfOperatorSet(address operator, OperatorSet calldata set) public view returns (bool) {
        OperatorSet[] storage sets = _registered[operator];
        for (uint256 i; i < sets.length; ++i) {
            if (OperatorSetKey.unwrap(sets[i].key()) == OperatorSetKey.unwrap(set.key())) return true;
        }
        return false;
    }

    function getAllocatedStake(
        OperatorSet calldata set,
        address[] calldata operators,
        IStrategy[] calldata strategies
    ) external view returns (uint256[][] memory stakes) {
        stakes = new uint256[][](operators.length);
        for (uint256 i; i < operators.length; ++i) {
            stakes[i] = new uint256[](strategies.length);
            for (uint256 j; j < strategies.length; ++j) {
                stakes[i][j] = _stake[set.key()][operators[i]][strategies[j]];
            }
        }
    }
}

/// @notice Settable stand-in for the DelegationManager views the RewardsCoordinator reads:
///         isOperator, stakerUnits, getOperatorPool. Cast its address to IDelegationManager.
contract DelegationManagerRewardsDouble {
    struct Position {
        address operator;
        uint256 units;
    }

    mapping(address => bool) public isOperator;
    mapping(address => mapping(IStrategy => Position)) internal _positions;
    mapping(address => mapping(IStrategy => uint256)) internal _activeUnits;

    function setOperator(address account, bool value) external {
        isOperator[account] = value;
    }

    /// @dev Moves `staker`'s position in `strategy` to (`operator`, `units`), keeping pool totals.
    function setStakerUnits(address staker, IStrategy strategy, address operator, uint256 units) external {
        Position storage p = _positions[staker][strategy];
        if (p.operator != address(0)) _activeUnits[p.operator][strategy] -= p.units;
        if (operator != address(0)) _activeUnits[operator][strategy] += units;
        p.operator = operator;
        p.units = units;
    }

    function stakerUnits(address staker, IStrategy strategy) external view returns (address, uint256) {
        Position storage p = _positions[staker][strategy];
        return (p.operator, p.units);
    }

    /// @dev Active pool only; shares are reported 1:1 with units.
    function getOperatorPool(address operator, IStrategy strategy)
        external
        view
        returns (uint256 activeShares, uint256 activeUnits, uint256 queuedShares, uint256 queuedUnits)
    {
        activeUnits = _activeUnits[operator][strategy];
        return (activeUnits, activeUnits, 0, 0);
    }
}

/// @notice An ERC20 that burns 1 % of every transfer, to exercise fee-on-transfer rejection.
contract FeeOnTransferRewardsToken is ERC20 {
    constructor() ERC20("Fee", "FEE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 fee = value / 100; // 1 %
            super._update(from, address(0), fee);
            value -= fee;
        }
        super._update(from, to, value);
    }
}
