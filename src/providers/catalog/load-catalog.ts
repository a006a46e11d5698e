import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type Catalog, type CatalogModel, catalogSchema } from './catalog-schema.js';
import { priceTableOf } from './price-table.js';

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
  return parseCatalog(readCatalogFile(file), file);
}

/** The JSON document of a catalog file, not yet validated. Throws `CatalogError` naming the file. */
export function readCatalogFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CatalogError(file, `cannot read the file (${describe(err)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CatalogError(file, `not valid JSON (${describe(err)})`);
  }
}

/**
 * Validates an already-parsed catalog document; `source` names it in errors. `fieldsOnly`
 * checks each record alone (an overlay, whose models may name providers of the shipped file).
 */
export function parseCatalog(raw: unknown, source = '<catalog>', fieldsOnly = false): Catalog {
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    fail(
      source,
      parsed.error.issues.map((issue) => fromZodIssue(issue, raw)),
    );
  }
  const catalog = parsed.data;
  if (fieldsOnly) return catalog;
  const issues = crossCheck(catalog);
  if (issues.length > 0) {
    fail(source, issues);
  }
  // Prices become nano-dollars here, once per load, so that no request converts one.
  for (const model of catalog.models) {
    if (model.pricing !== undefined) priceTableOf(model.pricing);
  }
  return catalog;
}

/** Tiers ascend, and each one prices every token class the base price names (else it would fall back to input). */
function checkPricing(model: CatalogModel, path: string, issues: CatalogIssue[]): void {
  const pricing = model.pricing;
  if (pricing?.tiers === undefined) return;
  let previous = 0;
  pricing.tiers.forEach((tier, j) => {
    const tierPath = `${path}.pricing.tiers[${j}]`;
    if (tier.aboveInputTokens <= previous) {
      issues.push({
        path: `${tierPath}.aboveInputTokens`,
        message: 'thresholds must ascend, each above the one before',
      });
    }
    previous = tier.aboveInputTokens;
    if (pricing.cachedInputPerMTok !== undefined && tier.cachedInputPerMTok === undefined) {
      issues.push({ path: `${tierPath}.cachedInputPerMTok`, message: 'required: the base price names one' });
    }
    if (pricing.cacheWritePerMTok !== undefined && tier.cacheWritePerMTok === undefined) {
      issues.push({ path: `${tierPath}.cacheWritePerMTok`, message: 'required: the base price names one' });
    }
  });
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
  const modelKeys = new Set(
    catalog.models.map((model) => `${model.provider}\u0000${model.id.toLowerCase()}`),
  );
  catalog.models.forEach((model, i) => {
    checkPricing(model, `models[${i}]`, issues);
    const replacement = model.retired?.replacement;
    if (replacement !== undefined && !modelKeys.has(`${model.provider}\u0000${replacement.toLowerCase()}`)) {
      issues.push({
        path: `models[${i}].retired.replacement`,
        message: `"${replacement}" is not a model of provider "${model.provider}"`,
      });
    }
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
