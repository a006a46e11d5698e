import { z } from 'zod';
import type { CustomProviderRow } from '../../store/schema.js';
import { type ColumnMap, jsonColumn, StoredFields, textColumn } from '../../store/stored-fields.js';
import {
  type CustomProviderCreate,
  customProviderSpec,
  type ProviderModel,
  type SupportedApiSurface,
  supportedApiSurfaceSchema,
} from './custom-provider-input.js';

/**
 * The JSON columns of `custom_providers`, read back through the same schemas that validated
 * them on write: a row edited by hand reads as "no surfaces / no models" instead of crashing.
 */
const storedSurfaces = z.array(supportedApiSurfaceSchema);
const storedModels = z.array(z.object({ modelId: z.string().min(1) }));

export function readSurfaces(
  row: Pick<CustomProviderRow, 'supported_api_surfaces_json'>,
): SupportedApiSurface[] {
  return parseJson(storedSurfaces, row.supported_api_surfaces_json) ?? [];
}

export function readModels(row: Pick<CustomProviderRow, 'models_json'>): ProviderModel[] {
  return parseJson(storedModels, row.models_json) ?? [];
}

/**
 * The fields of `customProviderSpec` with columns of their own (all of them, so far); any other
 * field of the spec is kept in `attributes_json`. Only a model's `modelId` is written: its `id`
 * is derived from it (`providerId:modelId`).
 */
const customProviderColumns: ColumnMap<CustomProviderCreate, CustomProviderRow> = {
  providerId: textColumn('provider_id'),
  name: textColumn('name'),
  baseUrl: textColumn('base_url'),
  metadata: textColumn('metadata'),
  supportedApiSurfaces: jsonColumn('supported_api_surfaces_json', readSurfaces),
  models: jsonColumn('models_json', readModels),
};

export const customProviderFields = new StoredFields(customProviderSpec, customProviderColumns);

function parseJson<Schema extends z.ZodType>(schema: Schema, text: string): z.output<Schema> | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
