// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {BLS12381} from "../../src/libraries/BLS12381.sol";
import {BLS12381Harness} from "../unit/bls/BLS12381Harness.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Gas of the BLS12-381 library into `snapshots/bls.json` (committed; `forge test` rewrites it).
///         "internal" entries measure the library call alone, as a contract using the library pays it;
///         "call" entries measure a whole external call through the harness (ABI decoding of the
///         points included), each in its own transaction (isolate).
contract BLSGasTest is Test {
    string internal constant GROUP = "bls";

    BLS12381Harness internal bls;
    string internal json;
    BLS12381.G1Point internal pk;
    BLS12381.G2Point internal sig;
    bytes internal message;

    function setUp() public {
        bls = new BLS12381Harness();
        json = vm.readFile("test/fixtures/bls/vectors.json");
        pk = abi.decode(vm.parseJsonBytes(json, ".signatures.signers[0].pk"), (BLS12381.G1Point));
        sig = abi.decode(vm.parseJsonBytes(json, ".signatures.signers[0].sig"), (BLS12381.G2Point));
        message = vm.parseJsonBytes(json, ".signatures.message");
        assertEq(message.length, 32);
    }

    function test_GasInternal() public {
        BLS12381.G1Point memory a = pk;
        BLS12381.G1Point memory g = BLS12381.generatorG1();
        BLS12381.G2Point memory s = sig;
        bytes memory m = message;

        vm.startSnapshotGas(GROUP, "internal addG1");
        BLS12381.addG1(a, g);
        vm.stopSnapshotGas();

        vm.startSnapshotGas(GROUP, "internal negateG1");
        BLS12381.negateG1(a);
        vm.stopSnapshotGas();

        vm.startSnapshotGas(GROUP, "internal addG2");
        BLS12381.addG2(s, s);
        vm.stopSnapshotGas();

        vm.startSnapshotGas(GROUP, "internal mulG1");
        BLS12381.mulG1(a, 0xdeadbeef);
        vm.stopSnapshotGas();

        vm.startSnapshotGas(GROUP, "internal hashG1");
        BLS12381.hashG1(a);
        vm.stopSnapshotGas();

        vm.startSnapshotGas(GROUP, "internal expandMessageXmd (32-byte message, 256 bytes)");
        BLS12381.expandMessageXmd(m, BLS12381.DST, 256);
        vm.stopSnapshotGas();

        vm.startSnapshotGas(GROUP, "internal hashToFp2 (32-byte message)");
        BLS12381.hashToFp2(m, BLS12381.DST);
        vm.stopSnapshotGas();

        vm.startSnapshotGas(GROUP, "internal hashToG2 (32-byte message)");
        BLS12381.G2Point memory h = BLS12381.hashToG2(m, BLS12381.DST);
        vm.stopSnapshotGas();

        BLS12381.G1Point memory negG = BLS12381.negGeneratorG1();
        vm.startSnapshotGas(GROUP, "internal pairing2");
        bool ok = BLS12381.pairing2(a, h, negG, s);
        vm.stopSnapshotGas();
        assertTrue(ok);

        vm.startSnapshotGas(GROUP, "internal verify (32-byte message)");
        ok = BLS12381.verify(a, m, s);
        vm.stopSnapshotGas();
        assertTrue(ok);
    }

    /// forge-config: default.isolate = true
    function test_GasCalls() public {
        BLS12381.G1Point memory a = pk;
        BLS12381.G2Point memory s = sig;

        bls.hashToG2(message, BLS12381.DST);
        vm.snapshotGasLastCall(GROUP, "call hashToG2 (32-byte message)");

        assertTrue(bls.verify(a, message, s));
        vm.snapshotGasLastCall(GROUP, "call verify (32-byte message)");

        bls.addG1(a, BLS12381.generatorG1());
        vm.snapshotGasLastCall(GROUP, "call addG1");

        bls.negateG1(a);
        vm.snapshotGasLastCall(GROUP, "call negateG1");
    }
}
