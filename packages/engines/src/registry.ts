import { addressBasics } from "./address/addressBasics.ts";
import type { Engine } from "./engine.ts";
import { UnknownEngineError } from "./errors.ts";

/** The engines a node runs, by id. */
export interface EngineRegistry {
  /** The engine `id`, or UnknownEngineError. */
  get(id: string): Engine;
  list(): readonly Engine[];
}

/** A registry over `engines` (ids must be unique). */
export function createEngineRegistry(engines: readonly Engine[]): EngineRegistry {
  const byId = new Map<string, Engine>();
  for (const engine of engines) {
    if (byId.has(engine.id)) throw new Error(`engine ${engine.id} registered twice`);
    byId.set(engine.id, engine);
  }
  return {
    get(id) {
      const engine = byId.get(id);
      if (!engine) throw new UnknownEngineError(id, [...byId.keys()]);
      return engine;
    },
    list: () => [...byId.values()],
  };
}

/**
 * The engines this build ships that need no configuration. A new such engine is one file in this folder
 * and one entry here. The security engines in attested mode depend on lists, a DEX and a chain: build
 * them with createSecurityEngines / loadSecurityEngines (attested/) and register them beside these.
 */
export const builtInEngines: readonly Engine[] = [addressBasics];
