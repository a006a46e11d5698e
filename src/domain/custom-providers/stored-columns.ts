import { z } from 'zod';
import type { CustomProviderRow } from '../../store/schema.js';
import {
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

export function writeSurfaces(surfaces: readonly SupportedApiSurface[]): string {
  return JSON.stringify(surfaces);
}

/** Only `modelId` is stored: the model entry's `id` is derived from it (`providerId:modelId`). */
export function writeModels(models: readonly ProviderModel[]): string {
  return JSON.stringify(models.map((model) => ({ modelId: model.modelId })));
}

function parseJson<Schema extends z.ZodType>(schema: Schema, text: string): z.output<Schema> | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
