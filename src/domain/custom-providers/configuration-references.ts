import { parseModelAddress } from '../routing/model-address.js';

/**
 * Whether an access key configuration names a provider, so that deleting the provider can be
 * refused (409) instead of leaving a configuration that points at nothing. Reads the stored
 * JSON structurally: a substring match would also hit `my-provider-2` when deleting `my-provider`.
 *
 * Places a provider id can appear:
 * - `access.providers.allow[]`: the id itself;
 * - `access.models.allow[]` and `router.rules[].model`: `provider:model` (stored normalised, see
 *   configurations/model-reference.ts; a bare id, slashes included, names no provider);
 * - `router.rules[].provider`: the id itself.
 * Provider keys named in router steps are checked separately (through `provider_keys`).
 */
export function configurationReferences(
  config: { access_json: string | null; router_json: string | null },
  providerId: string,
): boolean {
  return accessReferences(config.access_json, providerId) || routerReferences(config.router_json, providerId);
}

function accessReferences(text: string | null, providerId: string): boolean {
  const parsed = parse(text, providerId);
  if ('verdict' in parsed) return parsed.verdict;
  const access = parsed.json;
  const providers = stringsAt(field(field(access, 'providers'), 'allow'));
  const models = stringsAt(field(field(access, 'models'), 'allow'));
  return providers.includes(providerId) || models.some((model) => modelNamesProvider(model, providerId));
}

function routerReferences(text: string | null, providerId: string): boolean {
  const parsed = parse(text, providerId);
  if ('verdict' in parsed) return parsed.verdict;
  const rules = field(parsed.json, 'rules');
  if (!Array.isArray(rules)) return false;
  return rules.some((rule: unknown) => {
    const provider = field(rule, 'provider');
    const model = field(rule, 'model');
    return provider === providerId || (typeof model === 'string' && modelNamesProvider(model, providerId));
  });
}

function modelNamesProvider(entry: string, providerId: string): boolean {
  return parseModelAddress(entry).providerId === providerId;
}

/**
 * The parsed JSON, or a verdict when there is nothing to walk: `false` for no column, and for
 * unparseable text a plain substring check, erring on the side of "still referenced".
 */
function parse(text: string | null, providerId: string): { json: unknown } | { verdict: boolean } {
  if (text === null) return { verdict: false };
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { verdict: text.includes(providerId) };
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function stringsAt(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}
