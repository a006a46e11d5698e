import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { insertTestAccount } from '../../../test/helpers/accounts.js';
import { dialects, migratedTestStore } from '../../../test/helpers/databases.js';
import { resourceSchemaOf } from '../../admin/schemas/resource-schema.js';
import { AttributedScoped } from '../../store/attributed-scoped.js';
import { StoredFields } from '../../store/stored-fields.js';
import { newId } from '../ids.js';
import { virtualModelColumns } from '../virtual-models/virtual-model-columns.js';
import { virtualModelSpec } from '../virtual-models/virtual-model-input.js';
import { patchSchemaOf } from './resource-spec.js';

/**
 * Issue 18's promise: a new optional field is one edit to a resource's spec. Here the edit is
 * made to a copy of the virtual model spec (`notes`), and everything else is what the product
 * uses, unchanged: the derivations, the column map and the table.
 */
const spec = virtualModelSpec.extend({
  notes: z.string().max(500).optional().describe('Free-form notes for operators.'),
});
const patch = patchSchemaOf(spec);
const fields = new StoredFields(spec, virtualModelColumns);
const openApi = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' });

describe('a field written only in the spec', () => {
  it('is documented in the create body, the PATCH body (nullable) and the response', () => {
    const response = resourceSchemaOf(spec, { id: 'Id.', uri: 'URI.', noun: 'virtual model' });
    const notes = { type: 'string', maxLength: 500, description: 'Free-form notes for operators.' };
    expect(openApi(spec).properties?.notes).toEqual(notes);
    expect(openApi(patch).properties?.notes).toEqual({ ...notes, nullable: true });
    expect(openApi(response).properties?.notes).toEqual(notes);
    expect(openApi(response).required).not.toContain('notes');
  });

  it('is validated as the spec says', () => {
    const targets = [{ model: 'openai:gpt-4o' }];
    expect(spec.safeParse({ name: 'm', targets, notes: 'x'.repeat(501) }).success).toBe(false);
    expect(patch.parse({ notes: null })).toEqual({ notes: null });
  });
});

describe.each(dialects)('a field written only in the spec, stored (%s)', (dialect) => {
  const store = migratedTestStore(dialect);

  async function created(notes: string | undefined) {
    const scoped = new AttributedScoped(store().db, 'virtual_models');
    const accountId = await insertTestAccount(store().db);
    const input = spec.parse({ name: randomUUID(), targets: [{ model: 'openai:gpt-4o' }], notes });
    const row = await scoped.insert(newId('aigvm'), accountId, 'key', fields.insertColumns(input));
    const read = async () => fields.read((await scoped.get(accountId, row.id)) ?? row);
    const update = (body: unknown) =>
      scoped.updateFrom(accountId, row.id, 'key', (stored) =>
        fields.updateColumns(patch.parse(body), stored),
      );
    return { row, read, update };
  }

  it('is created, read, patched and cleared in attributes_json, beside the columns', async () => {
    const model = await created('first');
    expect(model.row.attributes_json).toBe('{"notes":"first"}');
    expect(await model.read()).toMatchObject({ notes: 'first', targets: [{ model: 'openai:gpt-4o' }] });

    await model.update({ notes: 'second', description: 'described' });
    expect(await model.read()).toMatchObject({ notes: 'second', description: 'described' });

    await model.update({ description: null });
    const kept = await model.read();
    expect(kept.notes).toBe('second');
    expect(kept).not.toHaveProperty('description');

    await model.update({ notes: null });
    expect(await model.read()).not.toHaveProperty('notes');
  });

  it('is left out of a read while unset', async () => {
    const model = await created(undefined);
    expect(model.row.attributes_json).toBe('{}');
    expect(await model.read()).not.toHaveProperty('notes');
  });

  it.runIf(dialect === 'sqlite')('survives a concurrent PATCH of another attribute', async () => {
    const model = await created('first');
    const sqlite = store().sqlite;
    if (!sqlite) throw new Error('a SQLite store has its handle');
    const scoped = new AttributedScoped(store().db, 'virtual_models');
    let calls = 0;
    // Between this PATCH's read and its write, another one stores an attribute of its own.
    await scoped.updateFrom(model.row.account_id, model.row.id, 'key', (stored) => {
      calls += 1;
      if (calls === 1) {
        sqlite
          .prepare('UPDATE virtual_models SET attributes_json = ? WHERE id = ?')
          .run('{"notes":"first","other":"kept"}', model.row.id);
      }
      return fields.updateColumns(patch.parse({ notes: 'second' }), stored);
    });
    expect(calls).toBe(2);
    const row = await scoped.get(model.row.account_id, model.row.id);
    expect(JSON.parse(row?.attributes_json ?? '{}')).toEqual({ notes: 'second', other: 'kept' });
  });
});
