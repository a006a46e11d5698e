import { z } from 'zod';
import { adminSchemas } from '../schemas/schema-registry.js';
// Imported for their registrations: each module registers its schemas when loaded.
import '../schemas/configuration-schemas.js';
import '../schemas/custom-provider-schemas.js';
import '../schemas/firewall-policy-schemas.js';
import '../schemas/provider-key-schemas.js';
import '../schemas/token-key-schemas.js';
import '../schemas/virtual-model-schemas.js';
import type { SchemaObject } from './openapi-types.js';

/**
 * The components of /openapi.json written as zod schemas (`schemas/`), in OpenAPI 3.0 form.
 * `io: 'input'`: a request schema is documented as a client may send it (a field with a default
 * is optional); response schemas have no transforms, so both sides read the same.
 */
export function zodComponents(): Record<string, SchemaObject> {
  const { schemas } = z.toJSONSchema(adminSchemas, {
    target: 'openapi-3.0',
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const components: Record<string, SchemaObject> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // `$id` names the schema in JSON Schema; in OpenAPI the component key does.
    const { $id: _id, ...rest } = schema as Record<string, unknown>;
    components[id] = withoutLoneAllOf(rest) as SchemaObject;
  }
  return components;
}

/**
 * zod writes an optional component as `{allOf: [{$ref}]}`; with nothing beside it that is the
 * `$ref` itself, which is how the reference writes such a field (`access: {$ref: AccessScope}`).
 * An `allOf` with siblings (a description, `nullable`) stays: a `$ref`'s siblings are ignored.
 */
function withoutLoneAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLoneAllOf);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node);
  const [only] = entries;
  if (entries.length === 1 && only?.[0] === 'allOf' && Array.isArray(only[1]) && only[1].length === 1) {
    return withoutLoneAllOf(only[1][0]);
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutLoneAllOf(value)]));
}
