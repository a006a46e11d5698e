import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TollgateError } from '../errors/tollgate-error.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { createAdminServer } from './admin-server.js';
import { registerResourceRoutes } from './resource-routes.js';

interface NoteRow {
  id: string;
  text: string;
  pinned: boolean;
}

/**
 * The generic CRUD routes on the real admin server (its error bodies, its request ids), through
 * `inject()`, over a resource kept in a Map by the test.
 */
describe('registerResourceRoutes', () => {
  const rows = new Map<string, NoteRow>();
  const logLines: string[] = [];
  let counter = 0;
  const app = createAdminServer({
    logger: createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    ),
    authenticate: async () => ({ accountId: 'acct_test', apiKeyId: 'aigapi_test', isOperator: false }),
    metrics: createMetrics(),
    ready: async () => ({ ready: true, body: { status: 'ok', database: 'ok', redis: 'not configured' } }),
    maxJsonDepth: 64,
    oversizeDrainBytes: 0,
    openApiDocument: () => ({}),
    routes: (instance) =>
      registerResourceRoutes(instance, {
        names: { collection: '/notes', envelope: 'notes', noun: 'Note' },
        schemas: {
          create: z.strictObject({ text: z.string().min(1) }),
          update: z.strictObject({ text: z.string().min(1).optional(), pinned: z.boolean().optional() }),
        },
        list: async (_caller, query) => {
          const sorted = [...rows.values()].sort((a, b) => b.id.localeCompare(a.id));
          const from = query.beforeId ? sorted.filter((row) => row.id < (query.beforeId ?? '')) : sorted;
          const items = from.slice(0, query.limit);
          return { items, nextBeforeId: from.length > query.limit ? items.at(-1)?.id : undefined };
        },
        get: async (_caller, id) => rows.get(id),
        create: async (_caller, input) => {
          if (input.text === 'explode') throw new Error('the store broke', { cause: new Error('disk full') });
          const row = { id: `note_${String(++counter).padStart(3, '0')}`, text: input.text, pinned: false };
          rows.set(row.id, row);
          return input.text === 'secret' ? { row, token: 'shown-once' } : { row };
        },
        update: async (_caller, id, input) => {
          const row = rows.get(id);
          if (!row) return undefined;
          const updated = {
            ...row,
            ...(input.text ? { text: input.text } : {}),
            ...(input.pinned === undefined ? {} : { pinned: input.pinned }),
          };
          rows.set(id, updated);
          return updated;
        },
        delete: async (_caller, id) => {
          if (rows.get(id)?.pinned) throw new TollgateError('resource_in_use', `Note ${id} is pinned.`);
          return rows.delete(id);
        },
        views: (caller) => (row) => ({
          id: row.id,
          uri: `${caller.baseUrl}/notes/${row.id}`,
          text: row.text,
        }),
      }),
  });

  beforeAll(() => app.ready());
  afterAll(() => app.close());

  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('creates with 201, reads, patches and deletes with 204, then answers 404', async () => {
    const created = await send('POST', '/notes', { text: 'first' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect((await send('GET', `/notes/${id}`)).json()).toMatchObject({ id, text: 'first' });
    expect((await send('PATCH', `/notes/${id}`, { text: 'second' })).json()).toMatchObject({
      text: 'second',
    });
    expect((await send('DELETE', `/notes/${id}`)).statusCode).toBe(204);
    const missing = await send('GET', `/notes/${id}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errorCode: 'not_found', msg: `Note ${id} was not found.` });
  });

  it('adds a token to the created view only when the create returns one', async () => {
    expect((await send('POST', '/notes', { text: 'secret' })).json()).toMatchObject({ token: 'shown-once' });
    expect((await send('POST', '/notes', { text: 'plain' })).json()).not.toHaveProperty('token');
  });

  it('refuses a body the schema refuses with 400 validation_failed naming the field', async () => {
    const refused = await send('POST', '/notes', { text: '', extra: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ errorCode: 'validation_failed' });
    expect(Object.keys(refused.json<{ details: object }>().details)).toContain('text');
  });

  it('pages the list in the reference envelope', async () => {
    for (const text of ['a', 'b', 'c']) await send('POST', '/notes', { text });
    const first = (await send('GET', '/notes?limit=2')).json<{ notes: unknown[]; nextPageUri: string }>();
    expect(first.notes).toHaveLength(2);
    expect(first.nextPageUri).toMatch(/\/notes\?beforeId=note_\d+&limit=2$/);
  });

  it("answers a resource's own refusal (409) and 404 for an unknown id on PATCH and DELETE", async () => {
    const { id } = (await send('POST', '/notes', { text: 'keep' })).json<{ id: string }>();
    await send('PATCH', `/notes/${id}`, { pinned: true });
    expect((await send('DELETE', `/notes/${id}`)).json()).toMatchObject({ errorCode: 'resource_in_use' });
    expect((await send('PATCH', '/notes/note_none', { text: 'x' })).statusCode).toBe(404);
    expect((await send('DELETE', '/notes/note_none')).statusCode).toBe(404);
  });

  it('answers a failure with 500 and logs its stack and cause', async () => {
    const failed = await send('POST', '/notes', { text: 'explode' });
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('disk full');
    const line = JSON.parse(logLines.find((text) => text.includes('admin request failed')) ?? '{}');
    expect(line.err.stack).toContain('the store broke');
    expect(line.err.causes[0]).toMatchObject({ type: 'Error', message: 'disk full' });
  });
});
