import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import {
  guardedLookup,
  isForbiddenAddress,
  type LookupAll,
  stripZone,
  type UpstreamAllowlist,
  unbracket,
} from './address-guard.js';

/**
 * undici's connector for custom providers, checking every address it connects to: a host name
 * goes through {@link guardedLookup} (every address it resolves to, on every connect), and an IP
 * literal, which undici connects to without any lookup, is checked here. A base URL was
 * checked when it was saved; this check is the one that holds if the table, the allow-list or
 * DNS changed since.
 */
export function guardedConnector(
  allowlist: UpstreamAllowlist,
  lookup: LookupAll = dnsLookup,
): buildConnector.connector {
  const connect = buildConnector({ lookup: guardedLookup(allowlist, lookup) });
  return (options, callback) => {
    const host = unbracket(options.hostname);
    const literal = isIP(stripZone(host)) !== 0;
    if (literal && isForbiddenAddress(host) && !allowlist.allowsAddress(host)) {
      const failure: NodeJS.ErrnoException = new Error(
        `connection to ${host} refused: a loopback, private, link-local or metadata address`,
      );
      failure.code = 'ERR_TOLLGATE_ADDRESS_FORBIDDEN';
      callback(failure, null);
      return;
    }
    connect(options, callback);
  };
}
