import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../credits/credit-helpers.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { bootstrapToken } from '../helpers/tollgate-harness.js';
import { startTollgateProcess, type TollgateProcess } from '../helpers/tollgate-process.js';

const dir = mkdtempSync(join(tmpdir(), 'tollgate-catalog-reload-'));
const catalogFile = join(dir, 'prices.json');

/** An overlay that reprices one shipped model. */
function overlayPricing(inputPerMTok: number): string {
  return JSON.stringify({
    version: '2026-12-24',
    overlay: true,
    providers: [],
    models: [
      {
        id: 'gpt-4o-mini',
        provider: 'openai',
        name: 'GPT-4o mini',
        contextWindow: 128000,
        maxOutputTokens: 16384,
        pricing: { effectiveFrom: '2026-12-24', inputPerMTok, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 },
      },
    ],
  });
}

interface CatalogBody {
  origin: string;
  version: string;
  loadedAt: string;
  models: Array<{ id: string; pricing: { inputPerMTok: number } | null }>;
}

async function getCatalog(process: TollgateProcess, token = bootstrapToken) {
  const response = await fetch(`${process.adminUrl}/catalog`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as CatalogBody };
}

function runCli(...args: string[]) {
  return spawnSync(process.execPath, ['bin/tollgate.js', ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
    encoding: 'utf8',
  });
}

describe('prices changed without a release', () => {
  let database: TestDatabase;
  let tollgate: TollgateProcess;

  beforeAll(async () => {
    writeFileSync(catalogFile, overlayPricing(0.15));
    database = await createTestDatabase('sqlite');
    tollgate = await startTollgateProcess({
      TOLLGATE_DATABASE_URL: database.url,
      TOLLGATE_BOOTSTRAP_API_KEY: bootstrapToken,
      TOLLGATE_CATALOG_FILE: catalogFile,
    });
  });
  afterAll(async () => {
    await tollgate?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const miniInput = (body: CatalogBody) =>
    body.models.find((model) => model.id === 'gpt-4o-mini')?.pricing?.inputPerMTok;

  it('shows the operator the prices in force, and reads as missing for any other key', async () => {
    const { status, body } = await getCatalog(tollgate);
    expect(status).toBe(200);
    expect(body).toMatchObject({ origin: 'overlaid', version: '2026-12-24' });
    expect(miniInput(body)).toBe(0.15);
    // Shipped models the overlay does not name are still there.
    expect(body.models.some((model) => model.id === 'gpt-4o')).toBe(true);

    const account = await fetch(`${tollgate.adminUrl}/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bootstrapToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'tenant' }),
    }).then((response) => response.json() as Promise<{ id: string }>);
    const key = await fetch(`${tollgate.adminUrl}/accounts/${account.id}/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bootstrapToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'tenant' }),
    }).then((response) => response.json() as Promise<{ token: string }>);
    expect((await getCatalog(tollgate, key.token)).status).toBe(404);
  });

  it('reloads the file on SIGHUP, and keeps the catalog in force when the new file is invalid', async () => {
    writeFileSync(catalogFile, overlayPricing(0.2));
    tollgate.child.kill('SIGHUP');
    await eventually(10_000, async () => miniInput((await getCatalog(tollgate)).body) === 0.2);

    const before = (await getCatalog(tollgate)).body.loadedAt;
    writeFileSync(catalogFile, overlayPricing(-1));
    tollgate.child.kill('SIGHUP');
    await eventually(10_000, async () => tollgate.output.join('').includes('catalog reload refused'));
    const after = (await getCatalog(tollgate)).body;
    expect(miniInput(after)).toBe(0.2);
    expect(after.loadedAt).toBe(before);
    expect(tollgate.output.join('')).toContain('models[0].pricing.inputPerMTok');
  });

  it('tollgate catalog check validates a file before it is reloaded', () => {
    writeFileSync(catalogFile, overlayPricing(0.25));
    const good = runCli('catalog', 'check', catalogFile);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('valid (an overlay of the shipped catalog), version 2026-12-24');

    writeFileSync(catalogFile, overlayPricing(-1));
    const bad = runCli('catalog', 'check', catalogFile);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('models[0].pricing.inputPerMTok (model openai:gpt-4o-mini)');
  });
});
