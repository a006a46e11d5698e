import { z } from 'zod';

/** Field rules shared by every labelled resource (the reference's limits). */
export const nameField = z.string().min(1).max(255);
export const descriptionField = z.string().max(255);
export const metadataField = z.string().max(4096);

export const labelCreate = {
  name: nameField.optional(),
  description: descriptionField.optional(),
  metadata: metadataField.optional(),
};

export const labelUpdate = {
  name: nameField.nullable().optional(),
  description: descriptionField.nullable().optional(),
  metadata: metadataField.nullable().optional(),
};

export const pageQuery = z.object({
  beforeId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
