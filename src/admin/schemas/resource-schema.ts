import { z } from 'zod';
import { describedAs, innerOf, type SpecShape } from '../../domain/resource-fields/resource-spec.js';
import { auditFields, text, timestamp } from './schema-fields.js';

/**
 * A field as a response shows it: a field with a default always has a value, so it is always
 * present; an optional field is omitted while unset (as the reference types them).
 */
type ResponseField<Field> = Field extends z.ZodDefault<infer Inner> ? Inner : Field;

type ResponseShape<Shape extends SpecShape, Overrides> = {
  [Name in keyof Shape]: Name extends keyof Overrides
    ? NonNullable<Overrides[Name]>
    : ResponseField<Shape[Name]>;
};

/** What every resource response says of itself besides its fields. */
export interface ResourceWords {
  /** `Unique identifier for this virtual model (\`aigvm_…\`).` */
  id: string;
  /** `URI of this virtual model resource.` */
  uri: string;
  /** `virtual model`, for the timestamps' descriptions. */
  noun: string;
}

/**
 * The response of a resource whose writable fields are `spec` (domain/resource-fields): its id
 * and URI, every spec field as it reads back, its timestamps and who made and changed it.
 * `overrides` are for fields that read back in another shape than they are written (a provider's
 * models gain an `id`) or keep their own component.
 */
export function resourceSchemaOf<
  Shape extends SpecShape,
  Overrides extends Partial<Record<keyof Shape, z.ZodType>> = Record<never, never>,
>(spec: z.ZodObject<Shape, z.core.$strict>, words: ResourceWords, overrides?: Overrides) {
  const given: Partial<Record<string, z.ZodType>> = overrides ?? {};
  const fields = Object.fromEntries(
    Object.entries(spec.shape).map(([name, field]) => [name, given[name] ?? responseField(field)]),
  ) as ResponseShape<Shape, Overrides>;
  return z.object({
    id: text(words.id),
    uri: text(words.uri),
    ...fields,
    createdAt: timestamp(`Timestamp when the ${words.noun} was created.`),
    updatedAt: timestamp(`Timestamp when the ${words.noun} was last updated.`),
    ...auditFields,
  });
}

function responseField(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodDefault ? describedAs(field, innerOf(field)) : field;
}
