import { z } from 'zod';

/**
 * A resource's writable fields are written once, as its spec: a strict zod object whose fields
 * say what they are (limits, description) and whether a create may leave them out (`.optional()`
 * or `.default()`). The spec is the create body as it stands; the PATCH body follows from it here,
 * the response from it in `admin/schemas/resource-schema.ts`, and storage in `store/stored-fields.ts`.
 */
export type SpecShape = Record<string, z.ZodType>;

/**
 * A field in a PATCH: omitted leaves it alone. A required field cannot be cleared; an optional
 * one also takes `null`, which clears it; a field with a default takes `null` too, which puts
 * the default back (the domain then never sees `null` for it).
 */
type PatchField<Field extends z.ZodType> =
  Field extends z.ZodOptional<infer Inner>
    ? z.ZodOptional<z.ZodNullable<Inner>>
    : Field extends z.ZodDefault<infer Inner>
      ? z.ZodOptional<
          z.ZodPipe<z.ZodNullable<Inner>, z.ZodTransform<z.output<Inner>, z.output<Inner> | null>>
        >
      : z.ZodOptional<Field>;

type PatchShape<Shape extends SpecShape, Overrides extends Partial<Record<keyof Shape, z.ZodType>>> = {
  [Name in keyof Shape]: Name extends keyof Overrides
    ? NonNullable<Overrides[Name]>
    : PatchField<Shape[Name]>;
};

export interface PatchOptions<Shape extends SpecShape, Overrides> {
  /** Fields whose PATCH rule is their own (an immutable id, a name that must be kept). */
  overrides?: Overrides & Partial<Record<keyof Shape, z.ZodType>>;
  description?: string;
}

/** The PATCH body of a spec (see {@link PatchField}); strict like the spec. */
export function patchSchemaOf<
  Shape extends SpecShape,
  Overrides extends Partial<Record<keyof Shape, z.ZodType>> = Record<never, never>,
>(
  spec: z.ZodObject<Shape, z.core.$strict>,
  options: PatchOptions<Shape, Overrides> = {},
): z.ZodObject<PatchShape<Shape, Overrides>, z.core.$strict> {
  const overrides: Partial<Record<string, z.ZodType>> = options.overrides ?? {};
  const shape = Object.fromEntries(
    Object.entries(spec.shape).map(([name, field]) => [name, overrides[name] ?? patchField(field)]),
  );
  const patch = z.strictObject(shape);
  const described = options.description === undefined ? patch : patch.describe(options.description);
  return described as unknown as z.ZodObject<PatchShape<Shape, Overrides>, z.core.$strict>;
}

function patchField(field: z.ZodType): z.ZodType {
  if (field instanceof z.ZodOptional) return describedAs(field, innerOf(field).nullable().optional());
  if (field instanceof z.ZodDefault) {
    const restored = innerOf(field)
      .nullable()
      .transform((value: unknown) => value ?? field.def.defaultValue);
    return describedAs(field, restored.optional());
  }
  return field.optional();
}

/** The schema inside `.optional()` or `.default()` (zod types it as a core schema; these are all classic). */
export function innerOf(field: z.ZodOptional | z.ZodDefault): z.ZodType {
  return field.unwrap() as z.ZodType;
}

/** Unwrapping drops a description written on the wrapper (`.optional().describe(…)`): it is put back. */
export function describedAs(original: z.ZodType, derived: z.ZodType): z.ZodType {
  return original.description === undefined ? derived : derived.describe(original.description);
}

/** The spec's fields of a record that carries more (a domain record with its id and audit), unset ones left out. */
export function specFieldsOf<Shape extends SpecShape>(
  spec: z.ZodObject<Shape, z.core.$strict>,
  record: z.output<z.ZodObject<Shape>>,
): z.output<z.ZodObject<Shape>> {
  const values: Partial<Record<string, unknown>> = record;
  const fields: Partial<Record<string, unknown>> = {};
  for (const name of Object.keys(spec.shape)) if (values[name] !== undefined) fields[name] = values[name];
  return fields as z.output<z.ZodObject<Shape>>;
}
