import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of Tollgate's package.json: the repository, or the installed package. Found by walking
 * up from this module, since it runs from src/ (tests, tsx) and from a bundle in dist/ alike, at
 * different depths.
 */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('tollgate: package.json not found above the running module');
    folder = parent;
  }
  return folder;
}
