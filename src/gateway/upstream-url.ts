import type { UpstreamTarget } from '../upstream/upstream-client.js';

/**
 * Targets already worked out, by base URL then path. Parsing a URL and reading its parts back
 * cost several µs, on every attempt, for the same few providers; base URLs are few (built-ins and
 * the accounts' custom providers), and the map starts over if it ever holds very many.
 */
const targets = new Map<string, Map<string, UpstreamTarget>>();
const maxBaseUrls = 1_000;

/** The endpoint path goes after the base URL's path and before its query (Azure's `?api-version=`). */
export function upstreamTarget(baseUrl: string, path: string): UpstreamTarget {
  let byPath = targets.get(baseUrl);
  const known = byPath?.get(path);
  if (known) return known;
  // Throws on an unusable base URL, as before: nothing is cached then.
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  const target: UpstreamTarget = { origin: url.origin, path: `${url.pathname}${url.search}` };
  if (!byPath) {
    if (targets.size >= maxBaseUrls) targets.clear();
    byPath = new Map();
    targets.set(baseUrl, byPath);
  }
  byPath.set(path, target);
  return target;
}
