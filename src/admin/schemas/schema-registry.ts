import { z } from 'zod';

/**
 * Every admin resource shape that is written as a zod schema is registered here under its
 * OpenAPI component name. The same schema then validates requests (`parseInput`), types the
 * view that builds responses (`z.output`), becomes `components.schemas[id]` in /openapi.json
 * (`openapi/zod-components.ts`), and types the dashboard (`web/src/api/types.ts` imports the
 * types). This folder imports only zod and domain modules free of Node and the store: the
 * domain's zod-only schema modules (the bodies it validates: labels, configurations, custom
 * providers, virtual models, firewall policies), the error registry, capture limits and Go
 * durations, so the dashboard's compiler can read it.
 */
export const adminSchemas = z.registry<{ id: string }>();

/** Registers `schema` as the component `id` of /openapi.json and returns it. */
export function component<Schema extends z.ZodType>(
  id: string,
  schema: Schema,
  description?: string,
): Schema {
  // The description goes on the schema itself: toJSONSchema writes only the id of a registry entry.
  const described = description === undefined ? schema : schema.describe(description);
  adminSchemas.add(described, { id });
  return described;
}

/**
 * A resource's create and update bodies, registered under the reference's names for them
 * (`<stem>Create`, `<stem>Update`); the pair is what `registerResourceRoutes` validates with.
 */
export function requestBodies<Create extends z.ZodType, Update extends z.ZodType>(
  stem: string,
  bodies: { create: Create; update: Update },
): { create: Create; update: Update } {
  return {
    create: component(`${stem}Create`, bodies.create),
    update: component(`${stem}Update`, bodies.update),
  };
}
