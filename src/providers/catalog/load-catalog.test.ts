import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogInput } from './catalog-schema.js';
import { CatalogError, loadCatalog, parseCatalog, shippedCatalogPath } from './load-catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'tollgate-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function writeTemp(content: string): string {
  fileCount += 1;
  const file = join(dir, `catalog-${fileCount}.json`);
  writeFileSync(file, content);
  return file;
}

function minimal(): CatalogInput {
  return {
    version: '2026-11-27',
    providers: [
      {
        id: 'openai',
        name: 'OpenAI',
        baseUrl: 'https://api.openai.com/v1',
        format: 'openai',
        surfaces: ['chat-completions', 'embeddings'],
        managedInference: true,
      },
    ],
    models: [
      {
        id: 'gpt-4o',
        provider: 'openai',
        name: 'GPT-4o',
        contextWindow: 128000,
        maxOutputTokens: 16384,
        pricing: {
          effectiveFrom: '2026-11-27',
          inputPerMTok: 2.5,
          outputPerMTok: 10,
          cachedInputPerMTok: 1.25,
        },
        unsupportedParams: [],
      },
    ],
  };
}

/** Loads `doc` from a temp file and returns the thrown CatalogError. */
function loadError(doc: unknown): CatalogError {
  const file = writeTemp(JSON.stringify(doc));
  try {
    loadCatalog(file);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    const error = err as CatalogError;
    expect(error.message).toContain(file);
    expect(error.file).toBe(file);
    return error;
  }
  throw new Error('expected loadCatalog to throw');
}

describe('loadCatalog: the shipped catalog', () => {
  const catalog = loadCatalog();

  it('is read from next to the module', () => {
    expect(shippedCatalogPath()).toMatch(/catalog\.json$/);
    expect(catalog.version).toBe('2026-12-07');
  });

  it('has the required built-in providers with version-path base URLs', () => {
    const byId = new Map(catalog.providers.map((p) => [p.id, p]));
    const expected: Record<string, string> = {
      openai: 'https://api.openai.com/v1',
      anthropic: 'https://api.anthropic.com/v1',
      google: 'https://generativelanguage.googleapis.com/v1beta/openai',
      deepseek: 'https://api.deepseek.com/v1',
      groq: 'https://api.groq.com/openai/v1',
      mistral: 'https://api.mistral.ai/v1',
      xai: 'https://api.x.ai/v1',
      openrouter: 'https://openrouter.ai/api/v1',
      together: 'https://api.together.xyz/v1',
      fireworks: 'https://api.fireworks.ai/inference/v1',
    };
    for (const [id, baseUrl] of Object.entries(expected)) {
      expect(byId.get(id)?.baseUrl, id).toBe(baseUrl);
    }
    expect(byId.get('anthropic')?.format).toBe('anthropic');
    expect(byId.get('anthropic')?.surfaces).toEqual(['messages']);
    expect(byId.get('openai')?.surfaces).toEqual([
      'chat-completions',
      'completions',
      'embeddings',
      'responses',
    ]);
    expect(byId.get('google')?.surfaces).toEqual(['chat-completions', 'embeddings']);
    expect(byId.get('mistral')?.surfaces).toEqual(['chat-completions', 'embeddings']);
    expect(byId.get('xai')?.surfaces).toEqual(['chat-completions', 'responses']);
  });

  it('lists the required models', () => {
    const ids = new Set(catalog.models.map((m) => `${m.provider}:${m.id}`));
    const required = [
      'openai:gpt-4o',
      'openai:gpt-4o-mini',
      'openai:gpt-4.1',
      'openai:gpt-4.1-mini',
      'openai:gpt-4.1-nano',
      'openai:o3',
      'openai:o4-mini',
      'openai:gpt-5',
      'openai:gpt-5-mini',
      'openai:gpt-5-nano',
      'openai:text-embedding-3-small',
      'openai:text-embedding-3-large',
      'anthropic:claude-opus-4-1',
      'anthropic:claude-opus-4-0',
      'anthropic:claude-sonnet-4-5',
      'anthropic:claude-sonnet-4-0',
      'anthropic:claude-haiku-4-5',
      'anthropic:claude-3-5-haiku-latest',
      'google:gemini-2.5-pro',
      'google:gemini-2.5-flash',
      'google:gemini-2.5-flash-lite',
      'deepseek:deepseek-chat',
      'deepseek:deepseek-reasoner',
      'groq:llama-3.3-70b-versatile',
      'groq:llama-3.1-8b-instant',
      'groq:openai/gpt-oss-120b',
      'mistral:mistral-large-latest',
      'mistral:mistral-medium-latest',
      'mistral:mistral-small-latest',
      'mistral:codestral-latest',
      'xai:grok-4',
      'xai:grok-3',
      'xai:grok-3-mini',
    ];
    for (const id of required) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it("carries the date its prices were reviewed against the providers' pages", () => {
    expect(catalog.reviewedOn).toBe('2026-12-07');
    for (const model of catalog.models) {
      if (model.pricing === undefined) continue;
      expect(model.pricing.effectiveFrom <= (catalog.reviewedOn ?? ''), `${model.provider}:${model.id}`).toBe(
        true,
      );
    }
  });

  it('marks the models Anthropic retired, each with a replacement that is not retired', () => {
    const retired = catalog.models.filter((model) => model.retired !== undefined);
    expect(retired.map((model) => model.id).sort()).toEqual([
      'claude-3-5-haiku-latest',
      'claude-opus-4-0',
      'claude-opus-4-1',
      'claude-sonnet-4-0',
      'claude-sonnet-4-5',
    ]);
    for (const model of retired) {
      const replacement = catalog.models.find((other) => other.id === model.retired?.replacement);
      expect(replacement?.retired, model.id).toBeUndefined();
    }
  });

  it('prices Anthropic cache writes by lifetime at 1.25x and 2x input for every model it still serves', () => {
    for (const model of catalog.models) {
      if (model.provider !== 'anthropic' || model.retired || model.pricing === undefined) continue;
      for (const set of [model.pricing, ...(model.pricing.tiers ?? [])]) {
        expect(set.cacheWritePerMTok, model.id).toEqual({
          '5m': set.inputPerMTok * 1.25,
          '1h': set.inputPerMTok * 2,
        });
      }
    }
  });

  it('keeps its data consistent', () => {
    for (const model of catalog.models) {
      const label = `${model.provider}:${model.id}`;
      expect(model.maxOutputTokens, label).toBeLessThanOrEqual(model.contextWindow);
      const embeddingOnly = model.surfaces?.length === 1 && model.surfaces[0] === 'embeddings';
      if (embeddingOnly) {
        expect(model.maxOutputTokens, label).toBe(0);
      } else {
        expect(model.maxOutputTokens, label).toBeGreaterThan(0);
      }
      const pricing = model.pricing;
      if (pricing?.cachedInputPerMTok !== undefined) {
        expect(pricing.cachedInputPerMTok, label).toBeLessThan(pricing.inputPerMTok);
      }
    }
  });

  it('marks the OpenAI reasoning models as rejecting sampling parameters but keeps max_tokens', () => {
    for (const id of ['o3', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano']) {
      const model = catalog.models.find((m) => m.provider === 'openai' && m.id === id);
      expect(model?.unsupportedParams, id).toEqual(
        expect.arrayContaining(['temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'logprobs']),
      );
      expect(model?.unsupportedParams, id).not.toContain('max_tokens');
    }
    const embedding = catalog.models.find((m) => m.id === 'text-embedding-3-small');
    expect(embedding?.surfaces).toEqual(['embeddings']);
  });
});

describe('loadCatalog: invalid files', () => {
  it('accepts a minimal valid file and applies defaults', () => {
    const doc = minimal();
    const model = doc.models[0];
    if (model !== undefined) {
      delete model.unsupportedParams;
    }
    const catalog = loadCatalog(writeTemp(JSON.stringify(doc)));
    expect(catalog.models[0]?.unsupportedParams).toEqual([]);
  });

  it('names a missing file', () => {
    const file = join(dir, 'does-not-exist.json');
    expect(() => loadCatalog(file)).toThrow(CatalogError);
    expect(() => loadCatalog(file)).toThrow(file);
  });

  it('names a file that is not JSON', () => {
    const file = writeTemp('{ "version": ');
    expect(() => loadCatalog(file)).toThrow(/not valid JSON/);
    expect(() => loadCatalog(file)).toThrow(file);
  });

  it('names the path of a field with the wrong type, and the model it belongs to', () => {
    const doc = minimal() as unknown as { models: { pricing: { inputPerMTok: unknown } }[] };
    const model = doc.models[0];
    if (model !== undefined) {
      model.pricing.inputPerMTok = 'cheap';
    }
    const error = loadError(doc);
    expect(error.message).toContain('models[0].pricing.inputPerMTok');
    expect(error.message).toContain('openai:gpt-4o');
    expect(error.issues[0]?.path).toMatch(/^models\[0\]\.pricing\.inputPerMTok/);
  });

  it('names a missing required field', () => {
    const doc = minimal() as unknown as { providers: Record<string, unknown>[] };
    const provider = doc.providers[0];
    if (provider !== undefined) {
      delete provider.baseUrl;
    }
    expect(loadError(doc).message).toContain('providers[0].baseUrl');
  });

  it('names an unknown field', () => {
    const doc = minimal() as unknown as { models: Record<string, unknown>[] };
    const model = doc.models[0];
    if (model !== undefined) {
      model.contextWindw = 5;
    }
    const error = loadError(doc);
    expect(error.message).toContain('models[0].contextWindw');
    expect(error.message).toContain('unknown field');
  });

  it('rejects an unknown surface, a bad format and a trailing slash', () => {
    const doc = minimal() as unknown as { providers: Record<string, unknown>[] };
    const provider = doc.providers[0];
    if (provider !== undefined) {
      provider.surfaces = ['chat-completions', 'images'];
      provider.format = 'gemini';
      provider.baseUrl = 'https://api.openai.com/v1/';
    }
    const error = loadError(doc);
    expect(error.message).toContain('providers[0].surfaces[1]');
    expect(error.message).toContain('providers[0].format');
    expect(error.message).toContain('providers[0].baseUrl');
    expect(error.issues).toHaveLength(3);
  });

  it('rejects a bad version and a non-lowercase provider id', () => {
    const doc = minimal() as unknown as { version: string; providers: { id: string }[] };
    doc.version = 'latest';
    const provider = doc.providers[0];
    if (provider !== undefined) {
      provider.id = 'OpenAI';
    }
    const error = loadError(doc);
    expect(error.message).toContain('version');
    expect(error.message).toContain('providers[0].id');
  });

  it('rejects duplicate provider ids', () => {
    const doc = minimal();
    const provider = doc.providers[0];
    if (provider !== undefined) {
      doc.providers.push({ ...provider, name: 'Again' });
    }
    const error = loadError(doc);
    expect(error.message).toContain('providers[1].id');
    expect(error.message).toContain('duplicate provider id "openai"');
  });

  it('rejects duplicate (provider, model) pairs, ignoring case', () => {
    const doc = minimal();
    const model = doc.models[0];
    if (model !== undefined) {
      doc.models.push({ ...model, id: 'GPT-4o' });
    }
    const error = loadError(doc);
    expect(error.message).toContain('models[1].id');
    expect(error.message).toContain('duplicate model');
  });

  it('allows the same model id under two providers', () => {
    const doc = minimal();
    const provider = doc.providers[0];
    const model = doc.models[0];
    if (provider !== undefined && model !== undefined) {
      doc.providers.push({ ...provider, id: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1' });
      doc.models.push({ ...model, provider: 'openrouter' });
    }
    expect(loadCatalog(writeTemp(JSON.stringify(doc))).models).toHaveLength(2);
  });

  it('rejects a model whose provider does not exist', () => {
    const doc = minimal();
    const model = doc.models[0];
    if (model !== undefined) {
      model.provider = 'nope';
    }
    const error = loadError(doc);
    expect(error.message).toContain('models[0].provider');
    expect(error.message).toContain('unknown provider "nope"');
  });

  it('rejects a model surface its provider does not offer', () => {
    const doc = minimal();
    const model = doc.models[0];
    if (model !== undefined) {
      model.surfaces = ['chat-completions', 'messages'];
    }
    expect(loadError(doc).message).toContain('models[0].surfaces[1]');
  });

  it('parseCatalog validates an in-memory document', () => {
    expect(parseCatalog(minimal()).providers).toHaveLength(1);
    expect(() => parseCatalog({ version: '2026-11-27' }, 'inline')).toThrow(/inline.*providers/);
  });
});
