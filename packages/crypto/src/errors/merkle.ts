import { BaseError } from "./base.ts";

/** A batch needs at least one verdict. */
export class EmptyMerkleTreeError extends BaseError {
  override name = "EmptyMerkleTreeError";
  constructor() {
    super("cannot build a Merkle tree without leaves");
  }
}

/** A proof was asked for a leaf the tree does not have. */
export class LeafIndexOutOfRangeError extends BaseError {
  override name = "LeafIndexOutOfRangeError";
  constructor(
    readonly index: number,
    readonly leafCount: number,
  ) {
    super(`leaf index ${index} is out of range for a tree of ${leafCount} leaves`);
  }
}

/** A leaf or proof element is not a 32-byte hash. */
export class InvalidMerkleNodeError extends BaseError {
  override name = "InvalidMerkleNodeError";
  constructor(readonly value: string) {
    super(
      `a Merkle node must be 32 bytes of hex, got ${value.length > 80 ? `${value.slice(0, 80)}…` : value}`,
    );
  }
}
