import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type Catalog, catalogSchema } from './catalog-schema.js';

/** One problem found in a catalog file; `path` names the field, e.g. `models[3].pricing.inputPerMTok`. */
export interface CatalogIssue {
  path: string;
  message: string;
}

/** Thrown when a catalog file cannot be read or is invalid. The message names the file and the fields. */
export class CatalogError extends Error {
  readonly file: string;
  readonly issues: readonly CatalogIssue[];

  constructor(file: string, summary: string, issues: readonly CatalogIssue[] = []) {
    super(`Invalid catalog file ${file}: ${summary}`);
    this.name = 'CatalogError';
    this.file = file;
    this.issues = issues;
  }
}

const MAX_ISSUES_IN_MESSAGE = 10;

/** Path of the catalog shipped with Tollgate, next to this module. */
export function shippedCatalogPath(): string {
  return fileURLToPath(new URL('./catalog.json', import.meta.url));
}

/**
 * Reads and validates a catalog: the shipped `catalog.json`, or `filePath` when given
 * (the caller passes `TOLLGATE_CATALOG_FILE`; this module never reads the environment).
 * Throws `CatalogError` naming the file and every bad field.
 */
export function loadCatalog(filePath?: string): Catalog {
  const file = filePath ?? shippedCatalogPath();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CatalogError(file, `cannot read the file (${describe(err)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CatalogError(file, `not valid JSON (${describe(err)})`);
  }
  return parseCatalog(raw, file);
}

/** Validates an already-parsed catalog document; `source` names it in errors. */
export function parseCatalog(raw: unknown, source = '<catalog>'): Catalog {
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    fail(
      source,
      parsed.error.issues.map((issue) => fromZodIssue(issue, raw)),
    );
  }
  const catalog = parsed.data;
  const issues = crossCheck(catalog);
  if (issues.length > 0) {
    fail(source, issues);
  }
  return catalog;
}

function crossCheck(catalog: Catalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const providers = new Map<string, Catalog['providers'][number]>();
  catalog.providers.forEach((provider, i) => {
    if (providers.has(provider.id)) {
      issues.push({ path: `providers[${i}].id`, message: `duplicate provider id "${provider.id}"` });
    } else {
      providers.set(provider.id, provider);
    }
  });

  // Model ids are matched case-insensitively, so two ids differing only in case collide.
  const seen = new Set<string>();
  catalog.models.forEach((model, i) => {
    const provider = providers.get(model.provider);
    if (provider === undefined) {
      issues.push({ path: `models[${i}].provider`, message: `unknown provider "${model.provider}"` });
    }
    const key = `${model.provider}\u0000${model.id.toLowerCase()}`;
    if (seen.has(key)) {
      issues.push({
        path: `models[${i}].id`,
        message: `duplicate model "${model.provider}:${model.id}" (ids are case-insensitive)`,
      });
    }
    seen.add(key);
    if (provider !== undefined && model.surfaces !== undefined) {
      model.surfaces.forEach((surface, j) => {
        if (!provider.surfaces.includes(surface)) {
          issues.push({
            path: `models[${i}].surfaces[${j}]`,
            message: `surface "${surface}" is not offered by provider "${provider.id}"`,
          });
        }
      });
    }
  });
  return issues;
}

function fail(source: string, issues: CatalogIssue[]): never {
  const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length - shown.length;
  const summary = shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
  throw new CatalogError(source, summary, issues);
}

function fromZodIssue(issue: z.core.$ZodIssue, raw: unknown): CatalogIssue {
  if (issue.code === 'unrecognized_keys') {
    const base = formatPath(issue.path);
    const keys = issue.keys.map((key) => (base === '' ? key : `${base}.${key}`));
    return { path: withModelHint(keys.join(', '), issue.path, raw), message: 'unknown field' };
  }
  const path = formatPath(issue.path);
  return { path: withModelHint(path === '' ? '(root)' : path, issue.path, raw), message: issue.message };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else {
      out += out === '' ? String(key) : `.${String(key)}`;
    }
  }
  return out;
}

/** Adds `(model provider:id)` after a path under `models[i]`, when the raw entry names itself. */
function withModelHint(text: string, path: readonly PropertyKey[], raw: unknown): string {
  const [section, index] = path;
  if (section !== 'models' || typeof index !== 'number' || path.length < 2) {
    return text;
  }
  const models = isRecord(raw) ? raw.models : undefined;
  const entry = Array.isArray(models) ? (models[index] as unknown) : undefined;
  if (!isRecord(entry) || typeof entry.provider !== 'string' || typeof entry.id !== 'string') {
    return text;
  }
  return `${text} (model ${entry.provider}:${entry.id})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
