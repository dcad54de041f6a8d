// One hierarchy for every package: the root lives in @palisade/errors.
export { BaseError, type BaseErrorParameters } from "@palisade/errors";
