import type { ToolSubject } from '../../domain/firewall/compiled-policy.js';
import { isRecord } from '../../providers/translate/json.js';

/**
 * A tool call as a rule sees it (name and JSON arguments), read from each format's call shape;
 * undefined for anything that is not a named call. Shared by the request stage (the calls that
 * tool results answer) and the response stage (the calls the model emits).
 */

/** Chat: `{id, type: 'function', function: {name, arguments}}` or `{type: 'custom', custom: {name, input}}`. */
export function chatCallSubject(call: unknown): ToolSubject | undefined {
  if (!isRecord(call)) return undefined;
  const fn = isRecord(call.function) ? call.function : isRecord(call.custom) ? call.custom : undefined;
  if (!fn || typeof fn.name !== 'string') return undefined;
  const args = typeof fn.arguments === 'string' ? fn.arguments : typeof fn.input === 'string' ? fn.input : '';
  return { name: fn.name, arguments: args };
}

/** Anthropic: a `tool_use` content block, its `input` object as JSON text. */
export function anthropicCallSubject(block: unknown): ToolSubject | undefined {
  if (!isRecord(block) || block.type !== 'tool_use' || typeof block.name !== 'string') return undefined;
  return { name: block.name, arguments: JSON.stringify(block.input ?? {}) };
}

/** Responses: a `function_call` (`arguments`) or `custom_tool_call` (`input`) item. */
export function responsesCallSubject(item: unknown): ToolSubject | undefined {
  if (!isRecord(item) || typeof item.name !== 'string') return undefined;
  if (item.type === 'function_call') {
    return { name: item.name, arguments: typeof item.arguments === 'string' ? item.arguments : '' };
  }
  if (item.type === 'custom_tool_call') {
    return { name: item.name, arguments: typeof item.input === 'string' ? item.input : '' };
  }
  return undefined;
}
