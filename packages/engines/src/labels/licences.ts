/** Who publishes a label list and on which terms. */
export interface LabelSourceLicence {
  /** Matches every `source` that starts with it, e.g. `ofac/` for `ofac/ETH`. */
  prefix: string;
  /** SPDX identifier (or the licence's own name). */
  licence: string;
  /** May its rows be committed into this repository and shipped with the package? */
  redistributable: boolean;
  /** Upstream repository and copyright line, for credits. */
  upstream: string;
}

/**
 * The lists of ../shared/data (see its README for commits and dates). MIT rows are committed into
 * packages/engines/data/labels; GPL-3.0 (ScamSniffer) and DBAD (MetaMask) rows carry conditions on
 * redistribution, so they are only ever loaded at run time from a folder the operator configures.
 */
export const labelSourceLicences: readonly LabelSourceLicence[] = [
  {
    prefix: "forta/",
    licence: "MIT",
    redistributable: true,
    upstream: "github.com/forta-network/labelled-datasets (© 2022 Forta Foundation)",
  },
  {
    prefix: "ofac/",
    licence: "MIT",
    redistributable: true,
    upstream:
      "github.com/brave-intl/ofac-sanctioned-digital-currency-addresses, fork of 0xB10C's tool (© 2021 0xB10C); the SDN list is a US-government publication",
  },
  {
    prefix: "etherscan-labels/",
    licence: "MIT",
    redistributable: true,
    upstream: "github.com/brianleect/etherscan-labels (© 2022 Brian Lee Cheow Teng)",
  },
  {
    prefix: "mew/",
    licence: "MIT",
    redistributable: true,
    upstream: "github.com/MyEtherWallet/ethereum-lists (© 2017 MyEtherWallet)",
  },
  {
    prefix: "scamsniffer/",
    licence: "GPL-3.0",
    redistributable: false,
    upstream: "github.com/scamsniffer/scam-database",
  },
  {
    prefix: "metamask/",
    licence: "DBAD-1.1",
    redistributable: false,
    upstream: "github.com/MetaMask/eth-phishing-detect",
  },
];

/** The licence entry of a list name; undefined for lists this table does not know. */
export function licenceOf(source: string): LabelSourceLicence | undefined {
  return labelSourceLicences.find((entry) => source.startsWith(entry.prefix));
}

/** Whether rows of `source` may be committed and shipped. Unknown lists are not (ask first). */
export function isRedistributable(source: string): boolean {
  return licenceOf(source)?.redistributable ?? false;
}
