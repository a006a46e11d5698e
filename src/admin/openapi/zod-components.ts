import { z } from 'zod';
import { adminSchemas } from '../schemas/schema-registry.js';
// Imported for their registrations: each module registers its schemas when loaded.
import '../schemas/account-schemas.js';
import '../schemas/capture-schemas.js';
import '../schemas/catalog-schemas.js';
import '../schemas/configuration-schemas.js';
import '../schemas/credit-schemas.js';
import '../schemas/custom-provider-schemas.js';
import '../schemas/error-schemas.js';
import '../schemas/firewall-policy-schemas.js';
import '../schemas/gateway-config-schemas.js';
import '../schemas/provider-key-schemas.js';
import '../schemas/token-key-schemas.js';
import '../schemas/usage-schemas.js';
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
    components[id] = withNullInNullableEnums(withoutLoneAllOf(rest)) as SchemaObject;
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

/**
 * OpenAPI 3.0.3: `nullable: true` does not admit `null` past an `enum` that lacks it, and zod
 * writes nullable enums without it, so it is added (`firewallDecision`, `retryAction`).
 */
function withNullInNullableEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullInNullableEnums);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = withNullInNullableEnums(value);
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) {
    out.enum = [...out.enum, null];
  }
  return out;
}
