import { domainToUnicode } from "node:url";
import { parse as parseDomain } from "tldts";
import { InvalidInputError } from "../errors.ts";

/** A URL or host reduced to the host a browser would visit, split along the Public Suffix List. */
export interface ParsedTarget {
  /** ASCII (punycode) host, lower case, without a trailing dot: `xn--mtamask-5fg.io`. */
  host: string;
  /** The same host in Unicode, label for label: `mеtamask.io`. Equal to `host` when it has no IDN label. */
  unicodeHost: string;
  /** True for an IPv4 or IPv6 literal (no registrable domain, no brand heuristics). */
  isIp: boolean;
  /** Registrable domain (eTLD+1, private suffixes such as `github.io` included), null for IPs and bare suffixes. */
  domain: string | null;
  /** The public suffix: `co.uk`, `io`, `vercel.app`; null for IPs. */
  publicSuffix: string | null;
  /** True when the public suffix comes from the PSL's private section (a hosting platform: `vercel.app`). */
  privateSuffix: boolean;
}

/** Schemes whose URLs carry a host the browser resolves (WHATWG "special" schemes but file:). */
const HOST_SCHEMES = new Set(["http:", "https:", "ws:", "wss:", "ftp:"]);

/** A bare ASCII host (upper case allowed, one trailing dot allowed) that needs no URL parsing. */
const PLAIN_HOST = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?$/i;

/** A last label WHATWG would read as a number, making the host an IPv4 address (`0x7f.1`, `10.0.0.1`). */
const NUMERIC_LAST_LABEL = /(?:^|\.)(?:\d+|0x[0-9a-f]*)\.?$/i;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Longest target accepted: bounds the work of one check on untrusted input. 64 KiB is far above any
 * URL a browser address bar or a server's request line (commonly capped at 8 KiB) will carry.
 */
const MAX_TARGET_LENGTH = 65_536;

/** tldts: private (hosting) suffixes count as public suffixes; the input is already a host name. */
export const PSL_OPTIONS = { allowPrivateDomains: true, extractHostname: false, mixedInputs: false } as const;

function invalid(target: string, message: string): never {
  throw new InvalidInputError(`not a URL or host name: ${JSON.stringify(target.slice(0, 200))}`, [
    { path: "target", message },
  ]);
}

/**
 * The host of `target` as a browser resolves it: a full URL (`https://user@Host.io:8443/path`), a host
 * with a port, upper case, a trailing dot, an IDN in Unicode or punycode. Hosts go through WHATWG URL
 * parsing (IDNA/UTS #46 mapping, IPv4 forms) unless they are plain ASCII names, which are only lower-cased.
 * Throws InvalidInputError for anything without a valid host.
 */
export function hostOf(target: string): string {
  if (target.length > MAX_TARGET_LENGTH) invalid(target, `longer than ${MAX_TARGET_LENGTH} characters`);
  const trimmed = target.trim();
  if (trimmed === "") invalid(target, "empty");
  let host: string;
  // Plain ASCII names skip URL parsing (and its punycode validation: a blocklisted `xn--` name that
  // does not decode under IDNA 2008 still resolves in DNS, so it must still be found on the list).
  if (PLAIN_HOST.test(trimmed) && !NUMERIC_LAST_LABEL.test(trimmed)) {
    host = trimmed.toLowerCase();
  } else {
    // "localhost:8080" and "metamask.io:443" look like a scheme; a known scheme must be followed by "//".
    const hasScheme = SCHEME.test(trimmed) && /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
    let url: URL;
    try {
      url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
    } catch {
      return invalid(target, "the host is not a valid (internationalised) domain name or IP address");
    }
    if (!HOST_SCHEMES.has(url.protocol)) invalid(target, `unsupported scheme ${url.protocol}`);
    host = url.hostname;
  }
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host === "" || host.startsWith(".") || host.includes("..")) invalid(target, "empty label in the host");
  return host;
}

/** A label in Unicode; a label that is not valid punycode stays as it is. */
function toUnicode(label: string): string {
  return label.startsWith("xn--") ? domainToUnicode(label) || label : label;
}

/** Parses `target` (URL or host, see hostOf) and splits its host along the Public Suffix List. */
export function parseTarget(target: string): ParsedTarget {
  const host = hostOf(target);
  const unicodeHost = host.includes("xn--") ? host.split(".").map(toUnicode).join(".") : host;
  const parts = parseDomain(host, PSL_OPTIONS);
  const isIp = host.startsWith("[") || parts.isIp === true;
  return {
    host,
    unicodeHost,
    isIp,
    domain: isIp ? null : parts.domain,
    publicSuffix: isIp ? null : parts.publicSuffix,
    privateSuffix: !isIp && parts.isPrivate === true,
  };
}
