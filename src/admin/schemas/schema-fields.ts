import { z } from 'zod';
import { descriptionField, metadataField, nameField } from '../../domain/label-fields.js';
import { component } from './schema-registry.js';

/**
 * Field builders for the admin schemas: each says what the field is (its description and
 * OpenAPI format) once, as the reference's YAML says it.
 */

export const text = (description: string) => z.string().describe(description);

/** An RFC 3339 timestamp as Tollgate writes them (ISO-8601 UTC); documented as `date-time`. */
export const timestamp = (description: string) => z.string().meta({ description, format: 'date-time' });

export const flag = (description: string) => z.boolean().describe(description);

export const int64 = (description: string) => z.number().int().meta({ description, format: 'int64' });

export const int32 = (description: string) => z.int32().meta({ description, format: 'int32' });

/** The reference's `Ref`: a resource identifier and its URI. */
export const refSchema = component(
  'Ref',
  z.object({
    id: text('Resource identifier.'),
    uri: text('URI for locating the resource.'),
  }),
);

/** `createdBy` / `lastUpdatedBy`: the API key that made the change. */
export const auditFields = { createdBy: refSchema, lastUpdatedBy: refSchema };

/** `name`, `description`, `metadata` as a response carries them (omitted when unset). */
export function labelFields(noun: string) {
  return {
    name: text(`User-friendly label for this ${noun}.`).optional(),
    description: text(`Human-readable description of this ${noun}.`).optional(),
    metadata: text(`Arbitrary user-defined metadata for this ${noun}.`).optional(),
  };
}

// The limits are the domain's (`domain/label-fields.ts`, zod only); the words are the document's.
const nameInput = (noun: string) => nameField.describe(`User-friendly label for this ${noun}.`);
const descriptionInput = (noun: string) =>
  descriptionField.describe(`Human-readable description of this ${noun}.`);
const metadataInput = (noun: string) =>
  metadataField.describe(`Arbitrary user-defined metadata for this ${noun}.`);

/** The three labels on create: each optional. */
export function labelCreateFields(noun: string) {
  return {
    name: nameInput(noun).optional(),
    description: descriptionInput(noun).optional(),
    metadata: metadataInput(noun).optional(),
  };
}

/** The three labels on a partial update: omit to keep, `null` to clear. */
export function labelUpdateFields(noun: string) {
  return {
    name: nameInput(noun).nullable().optional(),
    description: descriptionInput(noun).nullable().optional(),
    metadata: metadataInput(noun).nullable().optional(),
  };
}

/** The reference's list envelope: `{<envelope>: [...], uri, nextPageUri}`. */
export function listSchema<Envelope extends string, Item extends z.ZodType>(
  envelope: Envelope,
  item: Item,
  description: string,
) {
  return z.object({
    ...({ [envelope]: z.array(item).describe(description) } as Record<Envelope, z.ZodArray<Item>>),
    uri: text('URI of this list resource.'),
    nextPageUri: text('URI of the next page of results, or null if there is no next page.').nullable(),
  });
}
