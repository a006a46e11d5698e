import { z } from 'zod';
import { descriptionField } from '../label-fields.js';

/**
 * Request bodies of `/virtual-models`. Rules that need the catalog or the database (a name that
 * collides, a target naming an unknown provider) live in the service. The descriptions are the
 * API's words: these schemas are also the request components of /openapi.json
 * (`admin/schemas/virtual-model-schemas.ts` names them).
 */

/** Sent as `model` by clients: no colon (that would read as `provider:model`) and no spaces. */
export const virtualModelNameField = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, ".", "_" or "-"')
  .describe(
    'The name clients send as `model`: letters, digits, `.`, `_` and `-`; unique per account (any case) and ' +
      'never a catalog model id (`virtual_model_name_taken` otherwise).',
  );

/** A model pinned to a provider (`anthropic:claude-sonnet-5`), or bare for any provider that serves it. */
export const targetWriteSchema = z.strictObject({
  model: z
    .string()
    .trim()
    .min(1)
    .max(512)
    .describe('A model address: `provider:model`, or a bare catalog model id.'),
});

export const targetsDescription =
  'The targets in the order the gateway tries them: `provider:model` pins a provider, a bare catalog model id ' +
  'lets the catalog pick it. 1 to 20, no duplicates.';

const targetsField = z
  .array(targetWriteSchema)
  .min(1)
  .max(20)
  .superRefine((targets, ctx) => {
    // The same target twice would only be tried twice: refused, as the planner would drop it anyway.
    const seen = new Set<string>();
    targets.forEach((target, index) => {
      const key = target.model.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'model'],
          message: `duplicate target "${target.model}"`,
        });
      }
      seen.add(key);
    });
  });

const virtualModelDescription = descriptionField.describe(
  'Human-readable description of this virtual model.',
);

export type VirtualModelTarget = z.output<typeof targetWriteSchema>;

export const virtualModelCreateSchema = z.strictObject({
  name: virtualModelNameField,
  description: virtualModelDescription.optional(),
  targets: targetsField.describe(targetsDescription),
});

export type VirtualModelCreate = z.output<typeof virtualModelCreateSchema>;

/** PATCH: omitted = unchanged; `description: null` clears it; name and targets cannot be cleared. */
export const virtualModelUpdateSchema = z
  .strictObject({
    name: virtualModelNameField.optional(),
    description: virtualModelDescription.nullable().optional(),
    targets: targetsField.optional().describe(`Full replacement list. ${targetsDescription}`),
  })
  .describe(
    'Partial update: omitted fields are unchanged; `description: null` clears it. Applies on the next request ' +
      'on every instance.',
  );

export type VirtualModelUpdate = z.output<typeof virtualModelUpdateSchema>;
