import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { delegationManagerAbi, operatorRegistryAbi } from "@palisade/abis";
import {
  buildRegistrationPayload,
  createKeystore,
  decryptKeystore,
  encodeRegistrationData,
  loadKeystore,
  pubkeyHash,
  randomSecretKey,
  type SecretKey,
  saveKeystore,
} from "@palisade/crypto";
import { avsOf, registerAsOperator, registerForOperatorSets } from "@palisade/sdk";
import { type Hash, type Hex, isAddressEqual, zeroAddress, zeroHash } from "viem";
import { readContract } from "viem/actions";
import { BlsKeyMismatchError, BlsKeystoreExistsError, BlsKeyTakenError, UsageError } from "../../errors.ts";
import type { Io } from "../../io.ts";
import { flagSchema, httpUrlSchema, textSchema } from "../../options.ts";
import { transactionLines, yesNo } from "../shared.ts";
import { defineCommand } from "../types.ts";

const PATH = "operator register";

/** The BLS keystore's password: --bls-password-file (one trailing newline dropped), else PALISADE_BLS_PASSWORD. */
async function blsPassword(io: Io, file: string | undefined): Promise<string> {
  if (file !== undefined) {
    try {
      return (await readFile(resolve(io.cwd, file), "utf8")).replace(/\r?\n$/, "");
    } catch (error) {
      throw new UsageError(`--bls-password-file ${file} is unreadable`, PATH, {
        details: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const password = io.env.PALISADE_BLS_PASSWORD;
  if (password === undefined || password === "")
    throw new UsageError(
      "the BLS keystore needs a password: set PALISADE_BLS_PASSWORD or pass --bls-password-file",
      PATH,
    );
  return password;
}

/** The keystore's key, or (--new-bls-key) a fresh key written to a new keystore first, so it is never lost. */
async function blsKey(
  path: string,
  password: string,
  fresh: boolean,
  progress: (line: string) => void,
): Promise<SecretKey> {
  if (!fresh) return decryptKeystore(await loadKeystore(path), password);
  if (existsSync(path)) throw new BlsKeystoreExistsError(path);
  const secretKey = randomSecretKey();
  progress(`writing a fresh BLS key to ${path} (EIP-2335, scrypt)…`);
  await saveKeystore(
    path,
    await createKeystore({ secretKey, password, description: "Palisade operator BLS key" }),
  );
  return secretKey;
}

export const operatorRegister = defineCommand({
  summary: "register as an operator and with Palisade's operator set (BLS key, node URL)",
  description:
    "Registers the signer in the DelegationManager if it is not an operator yet, then with Palisade's operator\n" +
    "set through the AllocationManager: the AVS's registrar records its BLS key (with a proof of possession\n" +
    "binding it to this chain, registry and operator) and the URL its node serves at. Each step that is done\n" +
    "already is skipped, so running it again sends nothing. The key comes from the EIP-2335 keystore\n" +
    "--bls-keystore; with --new-bls-key a fresh key is written there first (never over an existing file).\n" +
    "The keystore's password: PALISADE_BLS_PASSWORD or --bls-password-file. The node signs with the same\n" +
    "keystore (apps/node: --bls-keystore). Next: `operator allocate` gives the set a share of your stake.",
  example:
    "PALISADE_BLS_PASSWORD=devnet npx palisade operator register --account pauser --bls-keystore pauser-bls.json --new-bls-key --node-url http://127.0.0.1:9020",
  options: {
    blsKeystore: {
      type: "string",
      placeholder: "file",
      description: "the operator's EIP-2335 BLS keystore (what the node signs with)",
      schema: textSchema("--bls-keystore"),
      required: true,
    },
    newBlsKey: {
      type: "boolean",
      description: "write a fresh BLS key to --bls-keystore first (refused if the file exists)",
      schema: flagSchema,
    },
    blsPasswordFile: {
      type: "string",
      placeholder: "file",
      description: "file holding the keystore's password (default: env PALISADE_BLS_PASSWORD)",
      schema: textSchema("--bls-password-file").optional(),
    },
    nodeUrl: {
      type: "string",
      placeholder: "url",
      description: "where the aggregator reaches your node (published on-chain with the key)",
      schema: httpUrlSchema("--node-url"),
      required: true,
    },
    metadata: {
      type: "string",
      placeholder: "uri",
      description: "the operator's metadata URI, for a first registration in the DelegationManager",
      schema: textSchema("--metadata").optional(),
    },
  },
  async run(context, args) {
    const deployment = await context.deployment();
    const avs = avsOf(deployment);
    const keystorePath = resolve(context.io.cwd, args.blsKeystore);
    // Everything that can fail off-chain fails before the first transaction.
    const password = await blsPassword(context.io, args.blsPasswordFile);
    const wallet = await context.wallet();
    const operator = wallet.account.address;
    const secretKey = await blsKey(keystorePath, password, args.newBlsKey, context.progress);
    const keyHash = pubkeyHash(secretKey.toPublicKey());
    const registry = { address: avs.operatorRegistry, abi: operatorRegistryAbi } as const;

    const [isOperator, registered] = await Promise.all([
      readContract(wallet, {
        address: deployment.contracts.delegationManager,
        abi: delegationManagerAbi,
        functionName: "isOperator",
        args: [operator],
      }),
      readContract(wallet, { ...registry, functionName: "isRegistered", args: [operator] }),
    ]);
    if (registered) {
      const known: Hex = await readContract(wallet, {
        ...registry,
        functionName: "pubkeyHashOf",
        args: [operator],
      });
      if (known !== keyHash) throw new BlsKeyMismatchError(operator, known, keyHash);
    } else {
      // A key is one operator's for good: refused here before the core registration is sent.
      const owner = await readContract(wallet, { ...registry, functionName: "operatorOf", args: [keyHash] });
      if (owner !== zeroAddress && !isAddressEqual(owner, operator))
        throw new BlsKeyTakenError(keyHash, owner);
    }

    let coreHash: Hash | undefined;
    if (!isOperator) {
      context.progress(`step 1/2: registering ${operator} as an operator in the DelegationManager`);
      ({ hash: coreHash } = await registerAsOperator(wallet, {
        contracts: deployment.contracts,
        ...(args.metadata === undefined ? {} : { metadataURI: args.metadata }),
      }));
    }
    let avsHash: Hash | undefined;
    if (!registered) {
      context.progress(
        `step 2/2: registering with Palisade's operator set ${avs.operatorSetId} (BLS key ${keyHash})`,
      );
      const data = encodeRegistrationData(
        buildRegistrationPayload({
          secretKey,
          chainId: deployment.chainId,
          registry: avs.operatorRegistry,
          operator,
          nodeUrl: args.nodeUrl,
        }),
      );
      ({ hash: avsHash } = await registerForOperatorSets(wallet, {
        contracts: deployment.contracts,
        avs: avs.serviceManager,
        operatorSetIds: [avs.operatorSetId],
        data,
      }));
    }
    const [nodeUrl, stake] = await Promise.all([
      readContract(wallet, { ...registry, functionName: "nodeUrlOf", args: [operator] }),
      readContract(wallet, { ...registry, functionName: "stakeOf", args: [operator] }),
    ]);
    const nodeUrlMoved = nodeUrl !== args.nodeUrl;
    return {
      data: {
        operator,
        operatorSet: { avs: avs.serviceManager, id: avs.operatorSetId },
        pubkeyHash: keyHash === zeroHash ? null : keyHash,
        nodeUrl,
        registryStake: stake,
        blsKeystore: keystorePath,
        newBlsKey: args.newBlsKey,
        coreRegistration: coreHash ?? null,
        avsRegistration: avsHash ?? null,
      },
      text: [
        `operator ${operator} is registered with Palisade's operator set ${avs.operatorSetId}`,
        `  already an operator  ${yesNo(isOperator)}${isOperator ? "" : " (registered now)"}`,
        `  in the set before    ${yesNo(registered)}${registered ? "" : " (registered now)"}`,
        `  BLS pubkeyHash       ${keyHash}${args.newBlsKey ? ` (fresh key in ${keystorePath})` : ""}`,
        `  node URL             ${nodeUrl}${nodeUrlMoved ? ` (registered earlier; --node-url ${args.nodeUrl} was not applied: the OperatorRegistry's updateNodeUrl changes it)` : ""}`,
        transactionLines(
          [
            ["registerAsOperator", coreHash],
            ["registerForOperatorSets", avsHash],
          ],
          `operator allocate --share 0.5   (then run your node with --bls-keystore ${args.blsKeystore})`,
        ),
      ].join("\n"),
    };
  },
});
