// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Views answered by a second contract, run in this contract's storage
/// @notice The split-contract pattern of EigenLayer's AllocationManager (`SplitContractMixin`): a
///         contract that would exceed the 24,576-byte code limit keeps its state-changing functions and
///         declares its views as one-line stubs that delegatecall the same calldata to a views contract
///         sharing its storage layout (an ERC-7201 namespace). The answer is returned as is, so callers
///         see one contract with one ABI.
///
///         The views contract is created by the constructor of the inheritor and kept in an immutable,
///         so it cannot be replaced, and it has only view functions: a delegated call cannot write.
abstract contract ViewDelegation {
    /// @dev The contract whose code answers the delegated views.
    address internal immutable _views;

    constructor(address views) {
        _views = views;
    }

    /// @dev Delegates the current calldata to `_views` and returns (or reverts) with its answer; never
    ///      returns to the caller's Solidity code.
    ///
    ///      Solidity refuses a delegatecall in a view function, though the EVM allows it (a
    ///      delegatecall under STATICCALL still cannot write). The function pointer of the non-view
    ///      `_delegate` is therefore re-typed as a view pointer; this is sound because the target's
    ///      functions are all views.
    function _delegateView() internal view {
        function() internal nonViewFn = _delegate;
        function() internal view viewFn;
        assembly ("memory-safe") {
            viewFn := nonViewFn
        }
        viewFn();
    }

    function _delegate() private {
        address target = _views;
        // Takes over memory from 0: control never comes back to Solidity code.
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }
}
