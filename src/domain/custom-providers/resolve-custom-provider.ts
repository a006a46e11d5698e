import type { ResolvedProvider } from '../../providers/provider-registry.js';
import type { ApiSurface, WireFormat } from '../../providers/types.js';
import type { CustomProviderRow } from '../../store/schema.js';
import type { UpstreamAllowlist } from '../../upstream/address-guard.js';
import { readModels, readSurfaces } from './custom-provider-columns.js';
import type { SupportedApiSurface } from './custom-provider-input.js';

/** A custom provider as the router uses it, with the model ids it declared. */
export interface CustomProviderEntry {
  provider: ResolvedProvider;
  /** Declared model ids, as written (the gateway matches them case-insensitively). */
  models: readonly string[];
}

export function resolveCustomProvider(
  row: CustomProviderRow,
  allowlist: UpstreamAllowlist,
): CustomProviderEntry {
  const { format, surfaces } = surfacesOf(readSurfaces(row));
  return {
    provider: {
      id: row.provider_id,
      name: row.name,
      baseUrl: row.base_url,
      format,
      surfaces,
      managedKey: undefined,
      builtIn: false,
      // Allow-lists may name a custom provider by its `aigp_…` id as well as by its provider id.
      resourceId: row.id,
      // Hosts the operator vouched for skip the connect-time check; every other one is re-checked.
      guardAddresses: !allowlist.allowsHost(hostOf(row.base_url)),
    },
    models: readModels(row).map((model) => model.modelId),
  };
}

/**
 * One provider has one wire format: the first entry's. Entries of another format are ignored
 * (the router cannot pick a format per request for one provider). With no entries at all the
 * provider is taken to be OpenAI-compatible chat, what almost every self-hosted server speaks.
 * OpenAI format always offers chat completions; responses, completions and embeddings only when
 * listed, since many compatible servers lack them.
 */
export function surfacesOf(entries: readonly SupportedApiSurface[]): {
  format: WireFormat;
  surfaces: ApiSurface[];
} {
  const format = entries[0]?.format ?? 'openai';
  if (format === 'anthropic') return { format, surfaces: ['messages'] };
  const surfaces = new Set<ApiSurface>(['chat-completions']);
  for (const entry of entries) {
    if (entry.format === 'openai' && entry.surface !== undefined && entry.surface !== 'messages') {
      surfaces.add(entry.surface);
    }
  }
  return { format, surfaces: [...surfaces] };
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname;
  } catch {
    return '';
  }
}
