import assert from "node:assert/strict";
import { test } from "node:test";
import { secretKeyFromIkm } from "@palisade/crypto";
import { decodeAbiParameters, sliceHex } from "viem";
import { buildRegistrationPayload, encodeRegistrationData, registrationParamsAbi } from "./avsContracts.ts";

test("registration data is abi.encode(RegistrationParams): one dynamic tuple that decodes back to the payload", () => {
  const payload = buildRegistrationPayload({
    secretKey: secretKeyFromIkm(new Uint8Array(32).fill(9)),
    chainId: 31_337,
    registry: "0x000000000000000000000000000000000000bEEF",
    operator: "0x00000000000000000000000000000000000000aa",
    nodeUrl: "https://operator.example:9010",
  });
  const data = encodeRegistrationData(payload);
  // A struct with a string is dynamic: abi.encode starts with the offset of the tuple (0x20).
  assert.equal(BigInt(sliceHex(data, 0, 32)), 32n);
  const [decoded] = decodeAbiParameters(registrationParamsAbi, data);
  assert.deepEqual(decoded, payload);
});
