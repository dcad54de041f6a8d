export type { PublicKey, SecretKey, Signature } from "@chainsafe/blst";
export {
  ACCESS_TOKEN_DOMAIN_NAME,
  ACCESS_TOKEN_DOMAIN_VERSION,
  type AccessToken,
  type AccessTokenDomainParameters,
  accessTokenDomain,
  accessTokenTypes,
  type SignedAccessToken,
} from "./accessToken/accessToken.ts";
export {
  ACCESS_TOKEN_ENCODED_LENGTH,
  ACCESS_TOKEN_WIRE_BYTES,
  ACCESS_TOKEN_WIRE_VERSION,
  decodeAccessToken,
  encodeAccessToken,
} from "./accessToken/encoding.ts";
export {
  AccessTokenEncodingError,
  AccessTokenLengthError,
  AccessTokenSignatureError,
  AccessTokenVersionError,
  HighSSignatureError,
  InvalidAccessTokenFieldError,
  MalformedAccessTokenError,
  MalformedSignatureError,
  type MalformedSignatureReason,
} from "./accessToken/errors.ts";
export {
  ACCESS_TOKEN_TYPEHASH,
  type HashAccessTokenParameters,
  type HashAccessTokenReturnType,
  hashAccessToken,
} from "./accessToken/hashAccessToken.ts";
export { nativeCrypto } from "./accessToken/native.ts";
export {
  type RecoverAccessTokenSignerParameters,
  type RecoverAccessTokenSignerReturnType,
  recoverAccessTokenSigner,
} from "./accessToken/recoverAccessTokenSigner.ts";
export {
  type SignAccessTokenParameters,
  type SignAccessTokenReturnType,
  signAccessToken,
} from "./accessToken/signAccessToken.ts";
export {
  type DecodeOptions,
  decodeG1,
  decodeG2,
  eip2537ToZcashG1,
  eip2537ToZcashG2,
  encodeG1,
  encodeG2,
  G1_EIP2537_LENGTH,
  type G1Point,
  G2_EIP2537_LENGTH,
  type G2Point,
  g1FromStruct,
  g1ToStruct,
  g2FromStruct,
  g2ToStruct,
  pubkeyHash,
  zcashG1ToEip2537,
  zcashG2ToEip2537,
} from "./bls/encoding.ts";
export { publicKeyOf, randomSecretKey, secretKeyFromBytes, secretKeyFromIkm } from "./bls/keys.ts";
export {
  ATTESTATION_TAG,
  type AttestationDigestParameters,
  attestationDigest,
  POP_TAG,
  type PopMessageParameters,
  popMessage,
  proofOfPossession,
  verifyProofOfPossession,
} from "./bls/messages.ts";
export { publicKeyFromBytes, signatureFromBytes } from "./bls/points.ts";
export {
  type BuildRegistrationPayloadParameters,
  buildRegistrationPayload,
  encodeRegistrationData,
  type RegistrationPayload,
  registrationParamsAbi,
} from "./bls/registration.ts";
export {
  aggregatePublicKeys,
  aggregateSignatures,
  type Digest,
  fastAggregateVerify,
  sign,
  verify,
} from "./bls/sign.ts";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export {
  EmptyAggregateError,
  type Group,
  InvalidDigestError,
  InvalidPointEncodingError,
  InvalidSecretKeyError,
  PointAtInfinityError,
  PointNotInSubgroupError,
  PointNotOnCurveError,
} from "./errors/bls.ts";
export { KeystoreFileError, KeystoreFormatError, KeystorePasswordError } from "./errors/keystore.ts";
export { EmptyMerkleTreeError, InvalidMerkleNodeError, LeafIndexOutOfRangeError } from "./errors/merkle.ts";
export {
  type CreateKeystoreParameters,
  createKeystore,
  decryptKeystore,
  type Keystore,
  type KeystoreKdf,
  type LoadKeystoreOptions,
  loadKeystore,
  parseKeystore,
  saveKeystore,
} from "./keystore.ts";
export {
  buildMerkleTree,
  getMerkleProof,
  type MerkleTree,
  processMerkleProof,
  type Verdict,
  verdictLeaf,
  verifyMerkleProof,
} from "./merkle.ts";
