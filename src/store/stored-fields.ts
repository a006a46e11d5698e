import type { z } from 'zod';
import type { NewRowColumns } from './account-scoped.js';

/** A resource spec (`domain/resource-fields/resource-spec.ts`): a zod object of its writable fields. */
type Spec = z.ZodObject<Record<string, z.ZodType>>;

/** Values a field's column mapping writes: `null` only for a field that may be unset. */
type Written<Value> = Exclude<Value, undefined> | (undefined extends Value ? null : never);

/** How one field with a column (or columns) of its own is written and read. */
export interface ColumnMapping<Value, Row> {
  /** The columns for a value; `null` when an optional field is unset or cleared. */
  write(value: Written<Value>): Partial<Row>;
  /** The field's value; undefined when unset. */
  read(row: Row): Exclude<Value, undefined> | undefined;
}

/** The fields of a spec that have columns of their own; the others live in `attributes_json`. */
export type ColumnMap<Fields, Row> = { [Name in keyof Fields]?: ColumnMapping<Fields[Name], Row> };

/** A PATCH as the spec's PATCH body parses one: undefined leaves a field alone, `null` clears it. */
export type FieldChanges<Fields> = {
  [Name in keyof Fields]?: Written<Fields[Name]> | undefined;
};

type AttributedRow = { attributes_json: string };
type Attributes = Record<string, unknown>;

/**
 * A resource's spec fields as its table keeps them: those in the column map in their columns,
 * every other one in the row's `attributes_json` object. A field added to the spec without a
 * column is therefore stored, read back and cleared with no column, migration or mapping.
 */
export class StoredFields<S extends Spec, Row extends AttributedRow> {
  constructor(
    private readonly spec: S,
    private readonly columns: ColumnMap<z.output<S>, Row>,
  ) {}

  /**
   * The columns of a new row but its id, account and audit ones. The map covers every other
   * column; one it missed fails the insert (NOT NULL), which each resource's create test runs.
   */
  insertColumns(fields: z.output<S>): Omit<Row, NewRowColumns> {
    const columns: Partial<Row> = {};
    const attributes: Attributes = {};
    for (const name of this.names()) {
      const value = fields[name];
      const mapping = this.mappingOf(name);
      if (mapping) Object.assign(columns, mapping.write(value ?? null));
      else if (value !== undefined) attributes[name] = value;
    }
    return { ...columns, attributes_json: JSON.stringify(attributes) } as Omit<Row, NewRowColumns>;
  }

  /** The columns a PATCH changes, its attributes merged into those `stored` holds. */
  updateColumns(changes: FieldChanges<z.output<S>>, stored: Row): Partial<Row> {
    const columns: Partial<Row> = {};
    let attributes: Attributes | undefined;
    for (const name of this.names()) {
      const value: unknown = changes[name];
      if (value === undefined) continue;
      const mapping = this.mappingOf(name);
      if (mapping) {
        Object.assign(columns, mapping.write(value));
        continue;
      }
      attributes ??= storedAttributes(stored);
      if (value === null) delete attributes[name];
      else attributes[name] = value;
    }
    if (attributes !== undefined) Object.assign(columns, { attributes_json: JSON.stringify(attributes) });
    return columns;
  }

  /**
   * The spec's fields of a row, unset ones left out. Attributes are read back through their
   * field's schema, as they were validated on write: a value edited by hand into something the
   * field refuses reads as unset, and a field with a default reads its default until written.
   */
  read(row: Row): z.output<S> {
    const attributes = storedAttributes(row);
    const fields: Attributes = {};
    for (const name of this.names()) {
      const mapping = this.mappingOf(name);
      const parsed = mapping ? undefined : this.spec.shape[name]?.safeParse(attributes[name]);
      const value = mapping ? mapping.read(row) : parsed?.success ? parsed.data : undefined;
      if (value !== undefined) fields[name] = value;
    }
    return fields as z.output<S>;
  }

  private names(): Array<keyof z.output<S> & string> {
    return Object.keys(this.spec.shape) as Array<keyof z.output<S> & string>;
  }

  private mappingOf(name: string): ColumnMapping<unknown, Row> | undefined {
    return (this.columns as Record<string, ColumnMapping<unknown, Row> | undefined>)[name];
  }
}

/** A nullable text column holding the field as it is. */
export function textColumn<Row, Column extends keyof Row & string>(
  column: Column,
): ColumnMapping<string | undefined, Row> {
  return {
    write: (value) => ({ [column]: value }) as Partial<Row>,
    read: (row) => (row[column] as string | null) ?? undefined,
  };
}

/** A JSON text column holding the field; `read` parses it (and decides what a bad value reads as). */
export function jsonColumn<Row, Value>(
  column: keyof Row & string,
  read: (row: Row) => Exclude<Value, undefined>,
): ColumnMapping<Value, Row> {
  return { write: (value) => ({ [column]: JSON.stringify(value) }) as Partial<Row>, read };
}

function storedAttributes(row: AttributedRow): Attributes {
  const parsed: unknown = JSON.parse(row.attributes_json);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
}
