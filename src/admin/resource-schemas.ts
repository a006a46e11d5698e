import { z } from 'zod';
import { descriptionField, metadataField, nameField } from '../domain/label-fields.js';

export { descriptionField, keptNameUpdate, metadataField, nameField } from '../domain/label-fields.js';

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
