import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { patchSchemaOf, specFieldsOf } from './resource-spec.js';

const spec = z.strictObject({
  name: z.string().min(1).describe('The name.'),
  note: z.string().max(10).optional().describe('A note.'),
  tags: z.array(z.string()).default([]).describe('Tags.'),
  level: z.enum(['low', 'high']).default('low'),
});

describe('patchSchemaOf', () => {
  const patch = patchSchemaOf(spec);

  it('leaves every field out of an empty PATCH, defaults included', () => {
    expect(patch.parse({})).toEqual({});
  });

  it('takes null for an optional field (clear) and refuses it for a required one', () => {
    expect(patch.parse({ note: null })).toEqual({ note: null });
    expect(patch.safeParse({ name: null }).success).toBe(false);
  });

  it('reads null on a field with a default as the default, so the domain never sees it', () => {
    expect(patch.parse({ tags: null, level: null })).toEqual({ tags: [], level: 'low' });
    expect(patch.parse({ level: 'high' })).toEqual({ level: 'high' });
  });

  it("keeps the spec's limits, strictness and descriptions", () => {
    expect(patch.safeParse({ note: 'x'.repeat(11) }).success).toBe(false);
    expect(patch.safeParse({ unknown: 1 }).success).toBe(false);
    const document = z.toJSONSchema(patch, { target: 'openapi-3.0', io: 'input' });
    expect(document.properties).toMatchObject({
      name: { description: 'The name.' },
      note: { description: 'A note.', nullable: true },
      tags: { description: 'Tags.', nullable: true },
    });
    expect(document.required).toBeUndefined();
  });

  it('puts an override in place of the derived field, and a description on the body', () => {
    const immutable = patchSchemaOf(spec, {
      overrides: { name: z.literal('fixed').optional() },
      description: 'Partial update.',
    });
    expect(immutable.safeParse({ name: 'other' }).success).toBe(false);
    expect(immutable.parse({ name: 'fixed', note: 'n' })).toEqual({ name: 'fixed', note: 'n' });
    expect(immutable.description).toBe('Partial update.');
  });
});

describe('specFieldsOf', () => {
  it("keeps a record's spec fields that are set, and nothing else", () => {
    const record = { id: 'r1', accountId: 'a1', name: 'n', tags: [], level: 'low' as const };
    expect(specFieldsOf(spec, record)).toEqual({ name: 'n', tags: [], level: 'low' });
  });
});
