import { marketplaceAbi } from "@palisade/abis";
import type { MarketplaceDeployment } from "@palisade/sdk";
import {
  type Address,
  concat,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  type Hex,
  zeroAddress,
} from "viem";
import { getBlockNumber } from "viem/actions";
import { bytecodeOf } from "../artifacts.ts";
import { DeployTransactionError } from "../errors.ts";
import type { MarketplaceParams, MarketplaceSettings, ReviewParams } from "../marketplaceSettings.ts";
import { type DeployWallet, sendAndWait } from "../send.ts";
import { transferOwnership } from "./transferCoreOwnership.ts";

export interface DeployMarketplaceParameters {
  settings: MarketplaceSettings;
  /** Final owner (governance) of the three contracts; another address gets a two-step transfer. */
  owner: Address;
  pauser: Address;
  /** Receives the token supply, protocol fees, unchallenged review fees and slash remainders. */
  treasury: Address;
  /** Settles review challenges until governance does. */
  resolver: Address;
  /** Files provider slash requests. */
  slashRequester: Address;
  /** May veto provider slash requests within the window. */
  vetoCommittee: Address;
  /** The AVS ServiceManager, whose quorum certificates can settle challenges; undefined: resolver only. */
  serviceManager?: Address | undefined;
  /** An existing utility token to use instead of deploying one. */
  utilityToken?: Address | undefined;
  onStep?: ((message: string) => void) | undefined;
}

export type DeployMarketplaceReturnType = MarketplaceDeployment;

const paramsComponents = [
  { name: "minStake", type: "uint96" },
  { name: "inFlightMultipleBps", type: "uint32" },
  { name: "protocolFeeBps", type: "uint16" },
  { name: "unstakeDelay", type: "uint32" },
  { name: "minReleaseDelay", type: "uint32" },
  { name: "maxReleaseDelay", type: "uint32" },
  { name: "scoreForMinDelay", type: "uint64" },
  { name: "refundGrace", type: "uint32" },
  { name: "maxPurchaseDuration", type: "uint32" },
  { name: "sessionRevocationDelay", type: "uint32" },
  { name: "minScoredValue", type: "uint96" },
] as const;

const reviewParamsComponents = [
  { name: "reviewFee", type: "uint96" },
  { name: "challengeBond", type: "uint96" },
  { name: "challengeWindow", type: "uint32" },
  { name: "reviewPenalty", type: "uint64" },
  { name: "negativeRatingMax", type: "uint8" },
] as const;

/** Creation code of each marketplace contract. */
function creationCode(
  contract: string,
  types: readonly { type: string; components?: readonly unknown[] }[],
  values: readonly unknown[],
): Hex {
  return concat([bytecodeOf(contract), encodeAbiParameters(types as never, values as never)]);
}

/** Sends creation code, checks a contract address came back and reports it; returns the address. */
export async function deployContract(
  wallet: DeployWallet,
  contract: string,
  code: Hex,
  step: (m: string) => void = () => {},
): Promise<Address> {
  const receipt = await sendAndWait(wallet, { data: code }, `deploy ${contract}`);
  if (!receipt.contractAddress)
    throw new DeployTransactionError(receipt.transactionHash, `deploy ${contract}`);
  const address = getAddress(receipt.contractAddress);
  step(`deployed ${contract} at ${address}`);
  return address;
}

/**
 * Deploys the marketplace: the utility token (unless one is given; its whole supply goes to the
 * treasury), the Marketplace, the ReviewBoard and ProviderSlashing, wires the board and the slashing
 * contract into the Marketplace (its `reviewBoard` and `slasher`), and hands ownership to `owner`
 * when it is not the deployer (two-step). Returns the deployment file's `marketplace` section.
 *
 * @example
 * const marketplace = await deployMarketplace(wallet, {
 *   settings: marketplaceDefaults, owner, pauser: owner, treasury, resolver: owner,
 *   slashRequester: owner, vetoCommittee, serviceManager: deployment.avs?.serviceManager,
 * });
 * await writeDeployment(path, { ...deployment, marketplace });
 */
export async function deployMarketplace(
  wallet: DeployWallet,
  parameters: DeployMarketplaceParameters,
): Promise<DeployMarketplaceReturnType> {
  const { settings } = parameters;
  const deployer = wallet.account.address;
  const step = parameters.onStep ?? (() => {});
  const deployedAtBlock = Number(await getBlockNumber(wallet, { cacheTime: 0 })) + 1;

  const utilityToken =
    parameters.utilityToken ??
    (await deployContract(
      wallet,
      "UtilityToken",
      creationCode(
        "UtilityToken",
        [{ type: "address" }, { type: "uint256" }],
        [parameters.treasury, settings.supply],
      ),
      step,
    ));
  // The deployer owns everything until it is wired: setSlasher and setReviewBoard are onlyOwner.
  const marketplace = await deployContract(
    wallet,
    "Marketplace",
    creationCode(
      "Marketplace",
      [
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "tuple", components: paramsComponents },
      ],
      [
        utilityToken,
        deployer,
        parameters.pauser,
        parameters.treasury,
        settings.marketplace satisfies MarketplaceParams,
      ],
    ),
    step,
  );
  const reviewBoard = await deployContract(
    wallet,
    "ReviewBoard",
    creationCode(
      "ReviewBoard",
      [
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "tuple", components: reviewParamsComponents },
      ],
      [
        utilityToken,
        marketplace,
        deployer,
        parameters.resolver,
        parameters.treasury,
        parameters.serviceManager ?? zeroAddress,
        settings.reviews satisfies ReviewParams,
      ],
    ),
    step,
  );
  const providerSlashing = await deployContract(
    wallet,
    "ProviderSlashing",
    creationCode(
      "ProviderSlashing",
      [
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "uint32" },
      ],
      [marketplace, deployer, parameters.slashRequester, parameters.vetoCommittee, settings.slashVetoWindow],
    ),
    step,
  );
  for (const [functionName, value] of [
    ["setSlasher", providerSlashing],
    ["setReviewBoard", reviewBoard],
  ] as const) {
    const data = encodeFunctionData({ abi: marketplaceAbi, functionName, args: [value] });
    await sendAndWait(wallet, { to: marketplace, data }, `Marketplace.${functionName}`);
    step(`Marketplace: ${functionName} ${value}`);
  }
  if (parameters.owner.toLowerCase() !== deployer.toLowerCase()) {
    await transferOwnership(wallet, {
      contracts: { marketplace, reviewBoard, providerSlashing },
      newOwner: parameters.owner,
      onStep: step,
    });
  }
  return { utilityToken, marketplace, reviewBoard, providerSlashing, deployedAtBlock };
}
