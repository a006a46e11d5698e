/**
 * OpenAI's `reasoning_effort` ⇄ Anthropic's thinking budget. The budgets are what Anthropic's
 * guidance spans (1,024 is its minimum) at roughly the ratios OpenAI's efforts differ by.
 */
const budgetByEffort: Readonly<Record<string, number>> = {
  minimal: 1_024,
  low: 2_048,
  medium: 8_192,
  high: 16_384,
  xhigh: 32_768,
  max: 32_768,
};

/** Anthropic's smallest thinking budget. */
export const minimumThinkingBudget = 1_024;

/** The thinking budget for an effort; undefined for `none` and for values OpenAI does not define. */
export function thinkingBudgetFor(effort: unknown): number | undefined {
  return typeof effort === 'string' ? budgetByEffort[effort] : undefined;
}

/** The effort closest to a thinking budget. */
export function effortForBudget(budget: number): 'low' | 'medium' | 'high' {
  if (budget < 4_096) return 'low';
  if (budget < 16_384) return 'medium';
  return 'high';
}

/** Anthropic's `output_config.effort` in OpenAI's words (OpenAI stops at `high` for most models). */
export function effortFromAnthropic(effort: unknown): 'low' | 'medium' | 'high' | undefined {
  if (effort === 'low' || effort === 'medium' || effort === 'high') return effort;
  if (effort === 'xhigh' || effort === 'max') return 'high';
  return undefined;
}
