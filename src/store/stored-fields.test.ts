import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ColumnMap, StoredFields, textColumn } from './stored-fields.js';

interface Row {
  title: string;
  summary: string | null;
  attributes_json: string;
}

const spec = z.strictObject({
  title: z.string(),
  summary: z.string().optional(),
  rank: z.number().int().optional(),
  tier: z.enum(['free', 'paid']).default('free'),
});
const columns: ColumnMap<z.output<typeof spec>, Row> = {
  title: textColumn('title'),
  summary: textColumn('summary'),
};
const fields = new StoredFields(spec, columns);

describe('StoredFields', () => {
  it('writes mapped fields to their columns (unset ones as null) and the others to attributes_json', () => {
    expect(fields.insertColumns({ title: 't', rank: 3, tier: 'paid' })).toEqual({
      title: 't',
      summary: null,
      attributes_json: '{"rank":3,"tier":"paid"}',
    });
  });

  it('merges a PATCH into the stored attributes: null removes one, undefined leaves it', () => {
    const stored: Row = { title: 't', summary: 's', attributes_json: '{"rank":3,"tier":"paid","gone":1}' };
    expect(fields.updateColumns({ rank: null, summary: null, tier: undefined }, stored)).toEqual({
      summary: null,
      attributes_json: '{"tier":"paid","gone":1}',
    });
    expect(fields.updateColumns({ title: 'u' }, stored)).toEqual({ title: 'u' });
  });

  it("reads attributes through their field's schema: a refused value as unset, a missing default as the default", () => {
    const row: Row = { title: 't', summary: null, attributes_json: '{"rank":"not a number"}' };
    expect(fields.read(row)).toEqual({ title: 't', tier: 'free' });
  });
});
