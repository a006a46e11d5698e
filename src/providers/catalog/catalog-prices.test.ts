import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogInput } from './catalog-schema.js';
import { loadConfiguredCatalog } from './configured-catalog.js';
import { CatalogError, loadCatalog, parseCatalog } from './load-catalog.js';
import { pricesFor, priceTableOf } from './price-table.js';

const dir = mkdtempSync(join(tmpdir(), 'tollgate-catalog-prices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const sonnet = {
  id: 'claude-test',
  provider: 'anthropic',
  name: 'Claude Test',
  contextWindow: 1_000_000,
  maxOutputTokens: 64_000,
  pricing: {
    effectiveFrom: '2026-01-01',
    inputPerMTok: 3,
    outputPerMTok: 15,
    cachedInputPerMTok: 0.3,
    cacheWritePerMTok: { '5m': 3.75, '1h': 6 },
    tiers: [
      {
        aboveInputTokens: 200_000,
        inputPerMTok: 6,
        outputPerMTok: 22.5,
        cachedInputPerMTok: 0.6,
        cacheWritePerMTok: { '5m': 7.5, '1h': 12 },
      },
    ],
  },
};

function catalogWith(model: unknown): CatalogInput {
  return {
    version: '2026-12-07',
    providers: [
      {
        id: 'anthropic',
        name: 'Anthropic',
        baseUrl: 'https://api.anthropic.com/v1',
        format: 'anthropic',
        surfaces: ['messages'],
        managedInference: true,
      },
    ],
    models: [model as CatalogInput['models'][number]],
  };
}

function issuesOf(doc: unknown): string[] {
  try {
    parseCatalog(doc, 'inline');
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as CatalogError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected parseCatalog to throw');
}

describe('catalog prices', () => {
  it('converts every price to integer nano-dollars per 1M tokens once, with its tiers', () => {
    const pricing = parseCatalog(catalogWith(sonnet)).models[0]?.pricing;
    if (pricing === undefined) throw new Error('priced');
    const table = priceTableOf(pricing);
    expect(priceTableOf(pricing)).toBe(table);
    expect(table.base).toEqual({
      input: 3_000_000_000,
      cachedInput: 300_000_000,
      cacheWrite5m: 3_750_000_000,
      cacheWrite1h: 6_000_000_000,
      output: 15_000_000_000,
    });
    expect(pricesFor(table, 200_000).tier).toBeNull();
    const long = pricesFor(table, 200_001);
    expect(long.tier?.aboveInputTokens).toBe(200_000);
    expect(long.prices.output).toBe(22_500_000_000);
    expect(long.prices.cacheWrite1h).toBe(12_000_000_000);
  });

  it('prices cache reads and writes as input when the model names no price for them', () => {
    const model = { ...sonnet, pricing: { effectiveFrom: '2026-01-01', inputPerMTok: 1, outputPerMTok: 2 } };
    const pricing = parseCatalog(catalogWith(model)).models[0]?.pricing;
    if (pricing === undefined) throw new Error('priced');
    expect(priceTableOf(pricing).base).toEqual({
      input: 1e9,
      cachedInput: 1e9,
      cacheWrite5m: 1e9,
      cacheWrite1h: 1e9,
      output: 2e9,
    });
  });

  it('requires an effectiveFrom date on every price', () => {
    const { effectiveFrom: _dropped, ...pricing } = sonnet.pricing;
    expect(issuesOf(catalogWith({ ...sonnet, pricing }))).toEqual([
      expect.stringMatching(/^models\[0\]\.pricing\.effectiveFrom \(model anthropic:claude-test\): /),
    ]);
    const badDay = { ...sonnet, pricing: { ...sonnet.pricing, effectiveFrom: '2026-02-31x' } };
    expect(issuesOf(catalogWith(badDay))[0]).toContain('models[0].pricing.effectiveFrom');
  });

  it('names both cache-write durations and refuses an unknown one', () => {
    const model = { ...sonnet, pricing: { ...sonnet.pricing, cacheWritePerMTok: { '5m': 3.75, '24h': 9 } } };
    const issues = issuesOf(catalogWith(model));
    expect(issues.join('\n')).toContain('models[0].pricing.cacheWritePerMTok.24h');
    expect(issues.join('\n')).toContain('models[0].pricing.cacheWritePerMTok.1h');
  });

  it('refuses tiers out of order, and a tier that leaves out a price the base names', () => {
    const [tier] = sonnet.pricing.tiers;
    const { cacheWritePerMTok: _dropped, ...partial } = tier!;
    const model = {
      ...sonnet,
      pricing: { ...sonnet.pricing, tiers: [tier, { ...partial, aboveInputTokens: 100_000 }] },
    };
    expect(issuesOf(catalogWith(model))).toEqual([
      'models[0].pricing.tiers[1].aboveInputTokens: thresholds must ascend, each above the one before',
      'models[0].pricing.tiers[1].cacheWritePerMTok: required: the base price names one',
    ]);
  });

  it('refuses a retirement whose replacement is not a model of the provider', () => {
    const model = { ...sonnet, retired: { on: '2026-06-15', replacement: 'claude-nope' } };
    expect(issuesOf(catalogWith(model))).toEqual([
      'models[0].retired.replacement: "claude-nope" is not a model of provider "anthropic"',
    ]);
  });
});

describe('TOLLGATE_CATALOG_FILE', () => {
  const shipped = loadCatalog();

  it('is the shipped catalog when no file is set', () => {
    expect(loadConfiguredCatalog(undefined)).toMatchObject({
      origin: 'shipped',
      catalog: { version: shipped.version },
    });
  });

  it('replaces the shipped catalog with a file that is not an overlay', () => {
    const file = writeJson('replace.json', { ...catalogWith(sonnet) });
    const configured = loadConfiguredCatalog(file);
    expect(configured.origin).toBe('replaced');
    expect(configured.catalog.models.map((model) => model.id)).toEqual(['claude-test']);
  });

  it('overlays the shipped catalog: same ids replaced, new ones added, the rest kept', () => {
    const haiku = shipped.models.find((model) => model.id === 'claude-haiku-4-5');
    if (haiku?.pricing === undefined) throw new Error('the shipped catalog prices claude-haiku-4-5');
    const cheaper = {
      ...haiku,
      id: 'CLAUDE-HAIKU-4-5',
      pricing: { ...haiku.pricing, effectiveFrom: '2026-12-24', inputPerMTok: 0.5 },
    };
    const file = writeJson('overlay.json', {
      version: '2026-12-24',
      overlay: true,
      providers: [],
      models: [cheaper, sonnet],
    });
    const configured = loadConfiguredCatalog(file);
    expect(configured.origin).toBe('overlaid');
    expect(configured.catalog.version).toBe('2026-12-24');
    expect(configured.catalog.reviewedOn).toBe(shipped.reviewedOn);
    expect(configured.catalog.models).toHaveLength(shipped.models.length + 1);
    const haikus = configured.catalog.models.filter((model) => model.id.toLowerCase() === 'claude-haiku-4-5');
    expect(haikus.map((model) => model.pricing?.inputPerMTok)).toEqual([0.5]);
    expect(configured.catalog.providers).toHaveLength(shipped.providers.length);
  });

  it('refuses an overlay model whose provider neither file defines, naming the overlay file', () => {
    const file = writeJson('orphan.json', {
      version: '2026-12-24',
      overlay: true,
      providers: [],
      models: [{ ...sonnet, provider: 'nobody' }],
    });
    expect(() => loadConfiguredCatalog(file)).toThrow(/orphan\.json.*unknown provider "nobody"/);
  });
});
