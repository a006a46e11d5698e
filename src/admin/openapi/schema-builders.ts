import type { ReferenceObject, SchemaObject, SchemaOrReference } from './openapi-types.js';

/** Small constructors that keep the schema modules close to the reference's YAML, line for line. */

export function ref(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

export function text(description: string, extra: SchemaObject = {}): SchemaObject {
  return { type: 'string', description, ...extra };
}

export function timestamp(description: string): SchemaObject {
  return { type: 'string', format: 'date-time', description };
}

export function int64(description: string, extra: SchemaObject = {}): SchemaObject {
  return { type: 'integer', format: 'int64', description, ...extra };
}

export function int32(description: string, extra: SchemaObject = {}): SchemaObject {
  return { type: 'integer', format: 'int32', description, ...extra };
}

export function flag(description: string): SchemaObject {
  return { type: 'boolean', description };
}

export function nullable(schema: SchemaObject): SchemaObject {
  return { ...schema, nullable: true };
}

export function arrayOf(
  items: SchemaOrReference,
  description: string,
  extra: SchemaObject = {},
): SchemaObject {
  return { type: 'array', description, items, ...extra };
}

/**
 * A response body. Unlike the reference, response objects stay open (no
 * `additionalProperties: false`): Tollgate may add fields, never drop or rename one.
 */
export function responseObject(
  required: readonly string[],
  properties: Record<string, SchemaOrReference>,
  description?: string,
): SchemaObject {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    ...(required.length > 0 ? { required } : {}),
    properties,
  };
}

/** A request body: unknown fields are refused with `validation_failed`, as the reference's schema says. */
export function requestObject(
  required: readonly string[],
  properties: Record<string, SchemaOrReference>,
  description?: string,
): SchemaObject {
  return { ...responseObject(required, properties, description), additionalProperties: false };
}

/** The reference's list envelope: `{<envelope>: [...], uri, nextPageUri}`. */
export function listEnvelope(envelope: string, itemSchema: string, description: string): SchemaObject {
  return responseObject([envelope, 'uri'], {
    [envelope]: arrayOf(ref(itemSchema), description),
    uri: text('URI of this list resource.'),
    nextPageUri: nullable(text('URI of the next page of results, or null if there is no next page.')),
  });
}

/** `createdBy` / `lastUpdatedBy`: the API key that made the change. */
export const auditProperties: Record<string, SchemaOrReference> = {
  createdBy: ref('Ref'),
  lastUpdatedBy: ref('Ref'),
};

/** `name`, `description`, `metadata` as a response carries them (omitted when unset). */
export function labelProperties(noun: string): Record<string, SchemaObject> {
  return {
    name: text(`User-friendly label for this ${noun}.`),
    description: text(`Human-readable description of this ${noun}.`),
    metadata: text(`Arbitrary user-defined metadata for this ${noun}.`),
  };
}

/** The same three fields on create (`clearable: false`) or partial update (`null` clears). */
export function labelInput(noun: string, clearable: boolean): Record<string, SchemaObject> {
  const field = (schema: SchemaObject) => (clearable ? nullable(schema) : schema);
  return {
    name: field(text(`User-friendly label for this ${noun}.`, { minLength: 1, maxLength: 255 })),
    description: field(text(`Human-readable description of this ${noun}.`, { maxLength: 255 })),
    metadata: field(text(`Arbitrary user-defined metadata for this ${noun}.`, { maxLength: 4096 })),
  };
}
