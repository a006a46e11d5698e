import { describe, expect, it } from 'vitest';
import { migratedTestStore } from '../../test/helpers/databases.js';
import type { GatewayConfig } from '../domain/gateway-config/gateway-config-store.js';
import { LimitAdmission } from '../domain/limits/limit-admission.js';
import { DatabaseWindowCounter } from '../domain/limits/window-counter.js';
import { createLogger } from '../observability/logger.js';
import { admitRequest } from './admission.js';

/** The admission step called directly, its rate counter on a real (SQLite) store. */
describe('admitRequest', () => {
  const store = migratedTestStore('sqlite');
  const limits = () =>
    new LimitAdmission(
      new DatabaseWindowCounter(store().db, (error) => {
        throw error;
      }),
      store().db,
      { mode: 'open', logger: createLogger('silent'), counted: () => {} },
    );
  const config = (overrides: Partial<GatewayConfig>): GatewayConfig => ({
    accountId: 'acct_1',
    perRequestTimeoutMs: 60_000,
    totalTimeoutMs: 120_000,
    maxInputTokens: null,
    maxOutputTokens: null,
    metadata: null,
    capture: { enabled: false, retentionSeconds: 3_600, maxBodyBytes: 65_536 },
    ...overrides,
  });

  it('refuses input above the account cap with 413 input_too_large', async () => {
    const admit = admitRequest(
      { model: 'm' },
      () => 500,
      'chat-completions',
      config({ maxInputTokens: 100 }),
      undefined,
      'aigk_1',
      limits(),
    );
    await expect(admit).rejects.toMatchObject({ code: 'input_too_large', status: 413 });
  });

  it("caps the output field the client sent, or adds the surface's own", async () => {
    const capped = config({ maxOutputTokens: 50 });
    expect(
      await admitRequest(
        { model: 'm', max_tokens: 900 },
        () => 1,
        'messages',
        capped,
        undefined,
        'k',
        limits(),
      ),
    ).toMatchObject({ max_tokens: 50 });
    expect(
      await admitRequest({ model: 'm' }, () => 1, 'chat-completions', capped, undefined, 'k', limits()),
    ).toMatchObject({ max_completion_tokens: 50 });
    expect(
      await admitRequest({ model: 'm' }, () => 1, 'responses', capped, undefined, 'k', limits()),
    ).toMatchObject({ max_output_tokens: 50 });
  });

  it('leaves a body under the caps as it is, and never caps embeddings', async () => {
    const body = { model: 'm', max_tokens: 10 };
    expect(
      await admitRequest(
        body,
        () => 1,
        'messages',
        config({ maxOutputTokens: 50 }),
        undefined,
        'k',
        limits(),
      ),
    ).toBe(body);
    const embedding = { model: 'm', input: 'x' };
    expect(
      await admitRequest(
        embedding,
        () => 1,
        'embeddings',
        config({ maxOutputTokens: 50 }),
        undefined,
        'k',
        limits(),
      ),
    ).toBe(embedding);
  });
});
