import { resolve } from 'node:path';
import { SettingsError } from '../config/settings.js';
import { loadConfiguredCatalog } from '../providers/catalog/configured-catalog.js';
import { write } from './output.js';

/** `tollgate catalog check FILE`: validates a catalog file as TOLLGATE_CATALOG_FILE would load it. */
export function checkCatalog(args: string[]): void {
  const [file] = args;
  if (file === undefined || args.length !== 1) throw new SettingsError('catalog check needs one FILE');
  const { catalog, origin } = loadConfiguredCatalog(resolve(file));
  const retired = catalog.models.filter((model) => model.retired !== undefined).length;
  const priced = catalog.models.filter((model) => model.pricing !== undefined).length;
  write(
    `${file}: valid (${origin === 'overlaid' ? 'an overlay of the shipped catalog' : 'replaces the shipped catalog'}), ` +
      `version ${catalog.version}, reviewed ${catalog.reviewedOn ?? 'never'}: ${catalog.providers.length} providers, ` +
      `${catalog.models.length} models (${priced} priced, ${retired} retired).\n`,
  );
}
