import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes, errorRegistry } from './registry.js';

const documentedRows = () =>
  readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => /^\| `([a-z_]+)` \| (\d{3}) \|/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ code: match[1], status: Number(match[2]) }));

describe('error registry', () => {
  it('lists every code in docs/errors.md with its status, and nothing stale', () => {
    const documented = documentedRows();
    expect(documented.map((row) => row.code).sort()).toEqual([...errorCodes].sort());
    for (const row of documented) {
      expect(errorRegistry[row.code as keyof typeof errorRegistry].status, row.code).toBe(row.status);
    }
  });

  it('holds the codes and statuses SPEC §7 fixes', () => {
    expect(errorRegistry.routing_loop.status).toBe(508);
    expect(errorRegistry.encryption_not_configured.status).toBe(503);
    expect(errorRegistry.unknown_model.status).toBe(422);
    expect(errorRegistry.insufficient_credits.status).toBe(403);
  });
});
