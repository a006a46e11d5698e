import { z } from 'zod';
import { descriptionField } from '../label-fields.js';
import { patchSchemaOf } from '../resource-fields/resource-spec.js';

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
  'lets the catalog pick it. 1 to 20, no duplicates; a PATCH replaces the whole list.';

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

/**
 * The writable fields of a virtual model (its spec, see `resource-fields/resource-spec.ts`): the
 * create body as it stands, and the source of the PATCH body, the response and the stored columns.
 * A new optional field is one line here.
 */
export const virtualModelSpec = z.strictObject({
  name: virtualModelNameField,
  description: virtualModelDescription.optional(),
  targets: targetsField.describe(targetsDescription),
});

export type VirtualModelCreate = z.output<typeof virtualModelSpec>;

export const virtualModelUpdateSchema = patchSchemaOf(virtualModelSpec, {
  description:
    'Partial update: omitted fields are unchanged; `null` clears an optional one. Applies on the next ' +
    'request on every instance.',
});

export type VirtualModelUpdate = z.output<typeof virtualModelUpdateSchema>;
