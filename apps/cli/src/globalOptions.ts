import type { Hex } from "viem";
import { z } from "zod";
import { flagSchema, type OptionTable } from "./options.ts";
import type { Secret } from "./secret.ts";

/** What `npm start` writes (relative to the working directory). */
export const DEFAULT_DEPLOYMENT = ".palisade/devnet/deployment.json";

const privateKey = z
  .string()
  // The message must not echo the value: it is a private key.
  .regex(/^0x[0-9a-fA-F]{64}$/, { message: "must be a 0x-prefixed 32-byte hex private key" })
  .optional();

/** Options every command accepts (a command's own option of the same name takes precedence). */
export const globalOptionTable = {
  rpc: {
    type: "string",
    placeholder: "url",
    description: "JSON-RPC endpoint (env PALISADE_RPC_URL; default: the deployment file's rpcUrl)",
    schema: z.url({ protocol: /^(https?|wss?)$/, error: "must be an http(s) or ws(s) URL" }).optional(),
  },
  deployment: {
    type: "string",
    placeholder: "file",
    description: `deployment file (env PALISADE_DEPLOYMENT; default ${DEFAULT_DEPLOYMENT}, what \`npm start\` writes)`,
    schema: z.string().min(1).optional(),
  },
  key: {
    type: "string",
    placeholder: "0x…",
    description: "sign with this private key (prefer env PALISADE_KEY: flags show in `ps` and shell history)",
    schema: privateKey,
  },
  privateKey: {
    type: "string",
    placeholder: "0x…",
    description: "the same as --key (for commands whose --key names something else)",
    schema: privateKey,
  },
  keystore: {
    type: "string",
    placeholder: "file",
    description: "sign with an Ethereum V3 JSON keystore; password from env PALISADE_KEYSTORE_PASSWORD",
    schema: z.string().min(1).optional(),
  },
  account: {
    type: "string",
    placeholder: "name",
    description:
      "sign with a named devnet account (provider0, consumer0 … `palisade dev accounts`); devnet only",
    schema: z.string().min(1).optional(),
  },
  json: {
    type: "boolean",
    description: "print one JSON object (amounts in base units as decimal strings)",
    schema: flagSchema,
  },
  help: { type: "boolean", description: "this help", schema: flagSchema },
} satisfies OptionTable;

export interface GlobalOptions {
  /** Undefined: the deployment file's. */
  rpcUrl: string | undefined;
  deploymentPath: string;
  signer: SignerChoice;
  json: boolean;
}

/** Which signer the command line asked for (resolved to an account only when a command signs). */
export type SignerChoice =
  | { kind: "key"; key: Secret<Hex>; source: "--key" | "PALISADE_KEY" }
  | { kind: "keystore"; path: string }
  | { kind: "account"; name: string }
  | { kind: "none" };
