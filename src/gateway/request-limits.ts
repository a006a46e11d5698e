import type { RequestLimits } from '../config/settings.js';
import { TollgateError } from '../errors/tollgate-error.js';
import { quoted } from '../http/quoted.js';
import type { JsonBody } from '../providers/exchange.js';
import { outputTokenFields } from '../providers/output-limits.js';

/**
 * Model names are visible ASCII: every provider's ids are (`accounts/x/models/llama-v3p1`,
 * `anthropic/claude-3.5-sonnet:beta`), and the name is sent back in response headers, where a
 * CR, LF or non-ASCII character would break the answer after the upstream was paid.
 */
const modelNamePattern = /^[\x21-\x7e]+$/;

/**
 * Refuses, before any routing or upstream call, a body whose `model`, `models`, `n`/`best_of`
 * or output-token fields are outside the gateway's limits: each of them multiplies what one
 * request costs (upstream calls, the credit hold's arithmetic, headers echoed back).
 * Fields of other types are left for the planner or the provider to refuse as they do today.
 */
export function checkRequestLimits(body: JsonBody, limits: RequestLimits): void {
  if (typeof body.model === 'string') checkModelName(body.model, 'model', limits);
  const { models } = body;
  if (Array.isArray(models)) {
    if (models.length > limits.maxFallbackModels) {
      throw invalid(
        `"models" lists ${models.length} fallbacks; at most ${limits.maxFallbackModels} are allowed.`,
        'models',
      );
    }
    for (const entry of models) if (typeof entry === 'string') checkModelName(entry, 'models', limits);
  }
  for (const field of ['n', 'best_of'] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && !withinRange(value, 1, limits.maxChoices)) {
      throw invalid(`"${field}" must be an integer from 1 to ${limits.maxChoices}.`, field);
    }
  }
  for (const field of outputTokenFields) {
    const value = body[field];
    if (value !== undefined && value !== null && !withinRange(value, 0, limits.maxOutputTokens)) {
      throw invalid(`"${field}" must be an integer from 0 to ${limits.maxOutputTokens}.`, field);
    }
  }
}

function checkModelName(name: string, param: string, limits: RequestLimits): void {
  if (name.length > limits.maxModelNameLength) {
    throw invalid(
      `A model name in "${param}" is ${name.length} characters long; at most ${limits.maxModelNameLength} are allowed.`,
      param,
    );
  }
  // Empty names are the planner's to refuse, with its own message.
  if (name.length > 0 && !modelNamePattern.test(name)) {
    throw invalid(
      `The model name ${quoted(name)} in "${param}" has a character other than visible ASCII (no spaces or control characters).`,
      param,
    );
  }
}

/** Numbers only: a string or a fraction is the provider's to refuse, but it never reaches our arithmetic. */
function withinRange(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'number') return true;
  return Number.isInteger(value) && value >= min && value <= max;
}

function invalid(message: string, param: string): TollgateError {
  return new TollgateError('invalid_request_body', message, { param });
}
