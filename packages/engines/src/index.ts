export {
  type AddressBasicsRequest,
  type AddressBasicsResponse,
  addressBasics,
  addressBasicsRequestHash,
  encodeAddressBasicsResponse,
  runAddressBasics,
} from "./address/addressBasics.ts";
export { type Engine, type EngineRequest, type EngineResult, engineVersionOf, issuesOf } from "./engine.ts";
export { EngineError, EngineRpcError, InvalidInputError, UnknownEngineError } from "./errors.ts";
export { builtInEngines, createEngineRegistry, type EngineRegistry } from "./registry.ts";
