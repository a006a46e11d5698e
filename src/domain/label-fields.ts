import { z } from 'zod';

/** Field rules shared by every labelled resource (the reference's limits). */
export const nameField = z.string().min(1).max(255);
export const descriptionField = z.string().max(255);
export const metadataField = z.string().max(4096);

/**
 * `name` in a PATCH of a resource that must keep one (provider keys, configurations, custom
 * providers). The reference's update schemas mark it nullable, but its resources require it:
 * `null` is refused here, with one message for all of them, rather than read as "unchanged".
 */
export const keptNameUpdate = nameField
  .nullable()
  .optional()
  .transform((name, context) => {
    if (name !== null) return name;
    context.addIssue({ code: 'custom', message: 'cannot be cleared' });
    return z.NEVER;
  });
