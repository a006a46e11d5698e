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
