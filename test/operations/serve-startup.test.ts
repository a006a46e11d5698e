/** `tollgate serve` (the compiled build, as its own process) gets its slow one-time work done before it listens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { bootstrapToken } from '../helpers/tollgate-harness.js';
import { startTollgateProcess, type TollgateProcess } from '../helpers/tollgate-process.js';

describe('tollgate serve start-up', () => {
  let database: TestDatabase;
  let tollgate: TollgateProcess;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    tollgate = await startTollgateProcess({
      TOLLGATE_DATABASE_URL: database.url,
      TOLLGATE_BOOTSTRAP_API_KEY: bootstrapToken,
    });
  });

  afterAll(async () => {
    await tollgate?.stop();
    await database?.drop();
  });

  it('loads the tokenizer before it listens, so no request waits for it', () => {
    const position = (message: string) =>
      tollgate.output.findIndex((line) => line.includes(`"msg":"${message}"`));
    const loaded = position('tokenizer loaded');
    expect(loaded).toBeGreaterThanOrEqual(0);
    expect(loaded).toBeLessThan(position('tollgate is listening'));
  });
});
