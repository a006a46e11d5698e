import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { lookup as dnsLookupAll } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { TollgateError } from '../errors/tollgate-error.js';

/**
 * SSRF defence for custom providers (SPEC §5): a base URL must be https and must not reach
 * loopback, private, link-local, CGNAT or cloud-metadata addresses, unless the operator
 * allow-listed the host (by name) or its range (`TOLLGATE_UPSTREAM_ALLOWLIST`).
 * Checked twice: when the URL is saved (`checkBaseUrl`) and again when a socket is opened
 * (`guardedLookup`), because DNS may answer differently the second time (rebinding).
 */

/**
 * Which addresses are public comes from ipaddr.js's range table (maintained with the IANA
 * special-purpose registries): only its `unicast` space may be reached. That refuses loopback,
 * private, link-local, CGNAT (Alibaba's metadata 100.100.100.200), unique-local (AWS's
 * fd00:ec2::254), multicast, broadcast, benchmarking, documentation (192.0.2.0/24,
 * 2001:db8::/32, 3fff::/20) and reserved space, among others.
 *
 * IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped, IPv4-translated
 * and NAT64 (`64:ff9b::/96`, `64:ff9b:1::/48`: a DNS64 resolver may answer a public host with
 * one). 6to4 (`2002::/16`) and Teredo (`2001::/32`) embed IPv4 addresses too and reach them
 * through relays; no provider is served from them, so they are refused whole.
 */
const embeddingRanges = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);

/**
 * `::/8` beyond what the table names: IPv4-compatible addresses (`::7f00:1`, deprecated) read
 * as `unicast` in it, yet reach the IPv4 address on some stacks.
 */
const ipv6ReservedPrefix = ipaddr.IPv6.parse('::');

/** True for an address a custom provider must not reach. Unparseable input is refused (fail closed). */
export function isForbiddenAddress(ip: string): boolean {
  const address = stripZone(ip);
  const family = isIP(address);
  if (family === 4) return ipaddr.IPv4.parse(address).range() !== 'unicast';
  if (family !== 6) return true;
  const parsed = ipaddr.IPv6.parse(address);
  const range = parsed.range();
  if (embeddingRanges.has(range)) return isForbiddenAddress(lastIpv4Of(parsed));
  if (range !== 'unicast') return true;
  return parsed.match(ipv6ReservedPrefix, 8);
}

/** The IPv4 address in the low 32 bits of an IPv6 one (mapped, translated, NAT64). */
function lastIpv4Of(address: ipaddr.IPv6): string {
  const bytes = address.toByteArray();
  return bytes.slice(12).join('.');
}

/** The operator's allow-list: exact host names (case-insensitive) and address ranges. */
export interface UpstreamAllowlist {
  allowsHostName(hostname: string): boolean;
  allowsAddress(ip: string): boolean;
  /** The host is listed by name, or it is an IP literal inside a listed range. */
  allowsHost(hostname: string): boolean;
}

/**
 * Entries are `host.name`, `10.0.0.0/8`, `fd00::/8` or a single address. A malformed range
 * throws at start-up: a typo in the allow-list must not silently allow or refuse traffic.
 */
export function parseAllowlist(entries: readonly string[]): UpstreamAllowlist {
  const ranges = new BlockList();
  const names = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const slash = entry.indexOf('/');
    const network = slash === -1 ? entry : entry.slice(0, slash);
    const family = isIP(network);
    if (family === 0) {
      if (slash !== -1) throw new Error(`TOLLGATE_UPSTREAM_ALLOWLIST: "${entry}" is not a valid CIDR range`);
      names.add(normalizeHostName(entry));
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixText = slash === -1 ? String(maxPrefix) : entry.slice(slash + 1);
    const prefix = Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText) || prefix > maxPrefix) {
      throw new Error(`TOLLGATE_UPSTREAM_ALLOWLIST: "${entry}" has an invalid prefix length`);
    }
    ranges.addSubnet(network, prefix, type);
  }
  const allowsAddress = (ip: string): boolean => {
    const address = stripZone(ip);
    const family = isIP(address);
    if (family === 0) return false;
    // An IPv4-mapped IPv6 address matches IPv4 ranges too (BlockList does this itself, but explicitly).
    const embedded = family === 6 ? embeddedIpv4(address) : undefined;
    if (embedded !== undefined && ranges.check(embedded, 'ipv4')) return true;
    return ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  const allowsHostName = (hostname: string): boolean => names.has(normalizeHostName(hostname));
  return {
    allowsHostName,
    allowsAddress,
    allowsHost: (hostname) => {
      const host = unbracket(hostname);
      return isIP(stripZone(host)) !== 0 ? allowsAddress(host) : allowsHostName(host);
    },
  };
}

/** Resolves a host name to every address it has (both families). */
export type HostResolver = (hostname: string) => Promise<string[]>;

export const resolveAllAddresses: HostResolver = async (hostname) =>
  (await dnsLookupAll(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Validates a custom provider's base URL for saving. Throws `base_url_host_not_allowed` for a
 * non-https URL on a host that is not allow-listed, or for a host resolving to any forbidden
 * address outside the allow-listed ranges; `validation_failed` for a URL that is not one.
 * Returns the URL with its trailing slashes removed (the endpoint path is appended to it).
 */
export async function checkBaseUrl(
  value: string,
  allowlist: UpstreamAllowlist,
  resolve: HostResolver = resolveAllAddresses,
): Promise<string> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidBaseUrl('must be an absolute URL');
  }
  if (url.username !== '' || url.password !== '') throw invalidBaseUrl('must not carry credentials');
  if (url.hash !== '') throw invalidBaseUrl('must not carry a fragment');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw hostNotAllowed(url.hostname, 'it must use https://');

  const host = unbracket(url.hostname);
  // Listed by name (or an IP literal inside a listed range): the operator vouched for it, http included.
  if (allowlist.allowsHost(host)) return stripTrailingSlashes(url);
  if (url.protocol !== 'https:') throw hostNotAllowed(host, 'it must use https://');

  const addresses = isIP(stripZone(host)) !== 0 ? [host] : await resolveOrThrow(host, resolve);
  const refused = addresses.find(
    (address) => isForbiddenAddress(address) && !allowlist.allowsAddress(address),
  );
  if (refused !== undefined) {
    throw hostNotAllowed(
      host,
      `it resolves to ${refused}, a loopback, private, link-local or metadata address`,
    );
  }
  return stripTrailingSlashes(url);
}

/** `dns.lookup` with `all: true`; injectable so tests need no DNS. */
export type LookupAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for undici's `connect` option (`new Agent({connect: {lookup}})`): resolves as
 * usual, then refuses the connection when a non-allow-listed host now resolves to a forbidden
 * address. It applies to every origin of the Agent, so give it a dedicated Agent used only for
 * guarded (custom) providers. IP literals never reach a lookup; `checkBaseUrl` covers them.
 */
export function guardedLookup(allowlist: UpstreamAllowlist, lookup: LookupAll = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    const listed = allowlist.allowsHostName(hostname);
    // Always ask for every address, so none of them can slip past the check.
    const allOptions: LookupAllOptions = { ...options, all: true };
    lookup(hostname, allOptions, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const refused = listed
        ? undefined
        : addresses.find(
            (entry) => isForbiddenAddress(entry.address) && !allowlist.allowsAddress(entry.address),
          );
      if (refused !== undefined) {
        const failure: NodeJS.ErrnoException = new Error(
          `connection to "${hostname}" refused: it resolves to ${refused.address}, a forbidden address`,
        );
        failure.code = 'ERR_TOLLGATE_ADDRESS_FORBIDDEN';
        callback(failure, '', 0);
        return;
      }
      if (options.all) {
        callback(null, addresses);
        return;
      }
      const first = addresses[0];
      if (!first) {
        const failure: NodeJS.ErrnoException = new Error(`"${hostname}" has no addresses`);
        failure.code = 'ENOTFOUND';
        callback(failure, '', 0);
        return;
      }
      callback(null, first.address, first.family);
    });
  };
}

async function resolveOrThrow(host: string, resolve: HostResolver): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    addresses = [];
  }
  // A name that does not resolve cannot be vetted now; refusing it is the safe answer, and it
  // tells the user early that the gateway host cannot reach it.
  if (addresses.length === 0) throw invalidBaseUrl(`host "${host}" could not be resolved`);
  return addresses;
}

function hostNotAllowed(host: string, reason: string): TollgateError {
  return new TollgateError(
    'base_url_host_not_allowed',
    `base_url host "${host}" is not allowed: ${reason}. The operator can allow it with TOLLGATE_UPSTREAM_ALLOWLIST.`,
    { details: { baseUrl: `host "${host}" is not allowed` } },
  );
}

function invalidBaseUrl(reason: string): TollgateError {
  return new TollgateError('validation_failed', `Invalid request: baseUrl: ${reason}`, {
    details: { baseUrl: reason },
  });
}

function stripTrailingSlashes(url: URL): string {
  const text = url.toString();
  // Keep a query (Azure's `?api-version=`) intact; only the path loses its trailing slashes.
  if (url.search !== '') return text;
  return text.replace(/\/+$/, '');
}

function normalizeHostName(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/** A URL's host without the brackets of an IPv6 literal. */
export function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** An IPv6 address without its `%zone`. */
export function stripZone(ip: string): string {
  const percent = ip.indexOf('%');
  return percent === -1 ? ip : ip.slice(0, percent);
}

/**
 * The IPv4 address carried inside an IPv6 one, for the forms a resolver or an attacker may use
 * to dress up an IPv4 target: IPv4-mapped `::ffff:a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d`,
 * IPv4-compatible `::a.b.c.d` (deprecated), and NAT64 `64:ff9b::/96`.
 */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (!groups) return undefined;
  const prefix = groups.slice(0, 6);
  const zero = (values: number[]) => values.every((value) => value === 0);
  const mapped = zero(prefix.slice(0, 5)) && prefix[5] === 0xffff;
  const translated = zero(prefix.slice(0, 4)) && prefix[4] === 0xffff && prefix[5] === 0; // ::ffff:0:a.b.c.d
  const compatible = zero(prefix) && (groups[6] ?? 0) !== 0; // `::` and `::1` are not IPv4
  const nat64 = prefix[0] === 0x64 && prefix[1] === 0xff9b && zero(prefix.slice(2));
  if (!mapped && !translated && !compatible && !nat64) return undefined;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Eight 16-bit groups of a valid IPv6 address (dotted IPv4 tail included), or undefined. */
function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const bytes = dotted.slice(1).map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((group) => Number.parseInt(group, 16)) : [];
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...new Array<number>(Math.max(missing, 0)).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff)
    ? groups
    : undefined;
}
