import { isRecord } from './json.js';

/**
 * OpenAI's `response_format` on an Anthropic model: the schema becomes a tool the model is made
 * to call, and the tool's input is answered as the message content (JSON text), so that
 * `chat.completions.parse`, `generateObject` and friends get what they asked for. The tool's
 * name is Tollgate's: a client tool of the same name is refused rather than confused with it.
 */
export const structuredOutputTool = 'structured_output';

export interface StructuredOutput {
  description: string;
  schema: Record<string, unknown>;
}

/** The forced tool for a `response_format`, or undefined for `text` or no format. */
export function structuredOutputOf(responseFormat: unknown): StructuredOutput | undefined {
  if (!isRecord(responseFormat)) return undefined;
  if (responseFormat.type === 'json_object') {
    return { description: 'Answer with a JSON object.', schema: { type: 'object' } };
  }
  if (responseFormat.type !== 'json_schema' || !isRecord(responseFormat.json_schema)) return undefined;
  const format = responseFormat.json_schema;
  const name = typeof format.name === 'string' ? ` "${format.name}"` : '';
  const purpose = typeof format.description === 'string' ? ` ${format.description}` : '';
  return {
    description: `Answer with JSON matching the schema${name}.${purpose}`,
    schema: isRecord(format.schema) ? format.schema : { type: 'object' },
  };
}

/** Whether the client's chat body asked for structured output (so the forced tool's input is content). */
export function asksStructuredOutput(body: Record<string, unknown>): boolean {
  return structuredOutputOf(body.response_format) !== undefined;
}

/** Whether a Responses body asked for structured output (`text.format` json_schema / json_object). */
export function asksStructuredResponse(body: Record<string, unknown>): boolean {
  const format = isRecord(body.text) ? body.text.format : undefined;
  return isRecord(format) && (format.type === 'json_schema' || format.type === 'json_object');
}
