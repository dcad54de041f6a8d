export { BaseError, type BaseErrorParameters } from "./baseError.ts";
