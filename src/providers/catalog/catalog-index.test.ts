import { describe, expect, it } from 'vitest';
import { CatalogIndex } from './catalog-index.js';
import type { CatalogInput } from './catalog-schema.js';
import { loadCatalog, parseCatalog } from './load-catalog.js';

function provider(id: string): CatalogInput['providers'][number] {
  return {
    id,
    name: id,
    baseUrl: `https://${id}.example.com/v1`,
    format: 'openai',
    surfaces: ['chat-completions'],
    managedInference: false,
  };
}

function model(providerId: string, id: string): CatalogInput['models'][number] {
  return { id, provider: providerId, name: id, contextWindow: 1000, maxOutputTokens: 100 };
}

// Providers in file order: beta before alpha; models listed in the opposite order.
const index = new CatalogIndex(
  parseCatalog({
    version: '2026-11-27',
    providers: [provider('beta'), provider('alpha'), provider('empty')],
    models: [model('alpha', 'Shared-Model'), model('alpha', 'only-alpha'), model('beta', 'shared-model')],
  }),
);

describe('CatalogIndex', () => {
  it('finds providers by exact id only', () => {
    expect(index.provider('alpha')?.id).toBe('alpha');
    expect(index.provider('Alpha')).toBeUndefined();
    expect(index.provider('ALPHA')).toBeUndefined();
    expect(index.provider('missing')).toBeUndefined();
    expect(index.provider('constructor')).toBeUndefined();
    expect(index.provider('__proto__')).toBeUndefined();
  });

  it('finds models case-insensitively within an exactly named provider', () => {
    expect(index.model('alpha', 'shared-model')?.id).toBe('Shared-Model');
    expect(index.model('alpha', 'SHARED-MODEL')?.provider).toBe('alpha');
    expect(index.model('beta', 'Shared-Model')?.provider).toBe('beta');
    expect(index.model('alpha', 'Only-Alpha')?.id).toBe('only-alpha');
    expect(index.model('Alpha', 'only-alpha')).toBeUndefined();
    expect(index.model('beta', 'only-alpha')).toBeUndefined();
    expect(index.model('missing', 'only-alpha')).toBeUndefined();
  });

  it('picks the default provider of a bare model id by provider order in the file', () => {
    expect(index.defaultProviderFor('shared-model')?.id).toBe('beta');
    expect(index.defaultProviderFor('SHARED-model')?.id).toBe('beta');
    expect(index.defaultModelFor('Shared-Model')?.provider).toBe('beta');
    expect(index.defaultProviderFor('ONLY-ALPHA')?.id).toBe('alpha');
    expect(index.defaultProviderFor('unknown-model')).toBeUndefined();
    expect(index.defaultModelFor('unknown-model')).toBeUndefined();
  });

  it('lists providers in file order and models per provider', () => {
    expect(index.providers().map((p) => p.id)).toEqual(['beta', 'alpha', 'empty']);
    expect(index.modelsOf('alpha')?.map((m) => m.id)).toEqual(['Shared-Model', 'only-alpha']);
    expect(index.modelsOf('empty')).toEqual([]);
    expect(index.modelsOf('missing')).toBeUndefined();
    expect(index.version).toBe('2026-11-27');
  });

  it('indexes the shipped catalog', () => {
    const shipped = new CatalogIndex(loadCatalog());
    expect(shipped.defaultProviderFor('GPT-4o')?.id).toBe('openai');
    expect(shipped.defaultProviderFor('claude-sonnet-4-5')?.id).toBe('anthropic');
    expect(shipped.defaultProviderFor('gemini-2.5-flash')?.baseUrl).toBe(
      'https://generativelanguage.googleapis.com/v1beta/openai',
    );
    expect(shipped.defaultProviderFor('OpenAI/GPT-OSS-120B')?.id).toBe('groq');
    expect(shipped.model('openai', 'TEXT-EMBEDDING-3-SMALL')?.surfaces).toEqual(['embeddings']);
    expect(shipped.modelsOf('openrouter')).toEqual([]);
    expect(shipped.providers()).toHaveLength(10);
  });
});
