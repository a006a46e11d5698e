import { z } from 'zod';
import { descriptionField } from '../label-fields.js';

/**
 * Request bodies of `/virtual-models`. Rules that need the catalog or the database (a name that
 * collides, a target naming an unknown provider) live in the service.
 */

/** Sent as `model` by clients: no colon (that would read as `provider:model`) and no spaces. */
export const virtualModelNameField = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, ".", "_" or "-"');

/** A model pinned to a provider (`anthropic:claude-sonnet-5`), or bare for any provider that serves it. */
const targetSchema = z.strictObject({ model: z.string().trim().min(1).max(512) });

const targetsField = z
  .array(targetSchema)
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

export type VirtualModelTarget = z.output<typeof targetSchema>;

export const virtualModelCreateSchema = z.strictObject({
  name: virtualModelNameField,
  description: descriptionField.optional(),
  targets: targetsField,
});

export type VirtualModelCreate = z.output<typeof virtualModelCreateSchema>;

/** PATCH: omitted = unchanged; `description: null` clears it; name and targets cannot be cleared. */
export const virtualModelUpdateSchema = z.strictObject({
  name: virtualModelNameField.optional(),
  description: descriptionField.nullable().optional(),
  targets: targetsField.optional(),
});

export type VirtualModelUpdate = z.output<typeof virtualModelUpdateSchema>;
