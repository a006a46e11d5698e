import type { OpenAIFunctionTool } from '../../openai/wire.js';
import { isRecord, type JsonObject, tryParseJson } from '../json.js';

/**
 * Responses "custom" tools take free text (the Codex CLI's `apply_patch`), which chat models
 * cannot be asked for directly: each becomes a function with one string parameter, `input`, and
 * a call to it comes back as a `custom_tool_call` whose input is that string. A grammar the tool
 * declares is given to the model in the description, since no chat API enforces one.
 */
export function customToolAsFunction(tool: JsonObject): OpenAIFunctionTool {
  const description = typeof tool.description === 'string' ? tool.description : '';
  const format = isRecord(tool.format) ? tool.format : undefined;
  const grammar =
    format?.type === 'grammar' && typeof format.definition === 'string'
      ? `\n\nThe input must follow this ${String(format.syntax ?? '')} grammar:\n${format.definition}`
      : '';
  return {
    type: 'function',
    function: {
      name: String(tool.name),
      description: `${description}${grammar}`.trim(),
      parameters: {
        type: 'object',
        properties: { input: { type: 'string', description: 'The raw input for the tool.' } },
        required: ['input'],
      },
    },
  };
}

/** The names of a Responses request's custom tools. */
export function customToolNames(request: JsonObject): ReadonlySet<string> {
  const names = new Set<string>();
  if (!Array.isArray(request.tools)) return names;
  for (const tool of request.tools) {
    if (isRecord(tool) && tool.type === 'custom' && typeof tool.name === 'string') names.add(tool.name);
  }
  return names;
}

/** A custom tool's raw input from the function arguments it was called with. */
export function customInputOf(args: string): string {
  const parsed = tryParseJson(args);
  return isRecord(parsed) && typeof parsed.input === 'string' ? parsed.input : args;
}
