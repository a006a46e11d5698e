import { isRecord } from '../providers/translate/json.js';

/**
 * The text a complete JSON answer generated (message text, reasoning, tool names and
 * arguments), for a tokenizer estimate when the provider sent no usage. Counting the whole
 * body instead would bill ids, keys and punctuation as output.
 */
export function generatedTextOf(json: unknown): string {
  if (!isRecord(json)) return '';
  const parts: string[] = [];
  if (Array.isArray(json.choices)) for (const choice of json.choices) collectChoice(choice, parts);
  if (Array.isArray(json.content)) for (const block of json.content) collectBlock(block, parts);
  if (Array.isArray(json.output)) for (const item of json.output) collectOutputItem(item, parts);
  return parts.join('');
}

/** Chat (`message`) and legacy completions (`text`). */
function collectChoice(choice: unknown, parts: string[]): void {
  if (!isRecord(choice)) return;
  pushString(choice.text, parts);
  const message = choice.message;
  if (!isRecord(message)) return;
  pushString(message.reasoning_content, parts);
  pushString(message.content, parts);
  pushString(message.refusal, parts);
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isRecord(call) || !isRecord(call.function)) continue;
      pushString(call.function.name, parts);
      pushString(call.function.arguments, parts);
    }
  }
}

/** Anthropic content blocks. */
function collectBlock(block: unknown, parts: string[]): void {
  if (!isRecord(block)) return;
  pushString(block.text, parts);
  pushString(block.thinking, parts);
  if (block.type === 'tool_use') {
    pushString(block.name, parts);
    parts.push(JSON.stringify(block.input ?? {}));
  }
}

/** Responses API output items: messages, function calls, reasoning summaries. */
function collectOutputItem(item: unknown, parts: string[]): void {
  if (!isRecord(item)) return;
  pushString(item.name, parts);
  pushString(item.arguments, parts);
  for (const list of [item.content, item.summary]) {
    if (!Array.isArray(list)) continue;
    for (const part of list) if (isRecord(part)) pushString(part.text, parts);
  }
}

function pushString(value: unknown, parts: string[]): void {
  if (typeof value === 'string') parts.push(value);
}
