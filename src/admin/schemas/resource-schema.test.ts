import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resourceSchemaOf } from './resource-schema.js';

const spec = z.strictObject({
  name: z.string().describe('The name.'),
  note: z.string().optional(),
  mode: z.enum(['on', 'off']).default('on').describe('The mode.'),
  items: z.array(z.object({ key: z.string() })),
});

describe('resourceSchemaOf', () => {
  const words = { id: 'Id of this thing.', uri: 'URI of this thing.', noun: 'thing' };

  it('shows every spec field, a field with a default always, beside id, uri, timestamps and audit', () => {
    const document = z.toJSONSchema(resourceSchemaOf(spec, words), { target: 'openapi-3.0', io: 'input' });
    expect(document.required).toEqual([
      'id',
      'uri',
      'name',
      'mode',
      'items',
      'createdAt',
      'updatedAt',
      'createdBy',
      'lastUpdatedBy',
    ]);
    expect(document.properties).toMatchObject({
      mode: { description: 'The mode.', enum: ['on', 'off'] },
      createdAt: { description: 'Timestamp when the thing was created.', format: 'date-time' },
    });
    expect(document.properties?.mode).not.toHaveProperty('default');
  });

  it('takes an override for a field that reads back in another shape', () => {
    const read = z.array(z.object({ id: z.string(), key: z.string() }));
    const schema = resourceSchemaOf(spec, words, { items: read });
    expect(schema.shape.items).toBe(read);
  });
});
