import type { AnthropicMessage, AnthropicResponseBlock, AnthropicUsage } from '../anthropic/wire.js';
import { normalizeOpenAIUsage } from '../openai/usage.js';
import type { OpenAIChatCompletion } from '../openai/wire.js';
import type { NormalizedUsage } from '../types.js';
import { isRecord, parseToolInput } from './json.js';
import { openAIFinishToAnthropic } from './stop-reasons.js';

export interface OpenAIToAnthropicResponseOptions {
  /** Client-facing model string to report. */
  model: string;
}

/** `msg_…` id derived from an OpenAI completion id (`chatcmpl-…`). */
export function messageIdFromCompletionId(completionId: string): string {
  return `msg_${completionId.startsWith('chatcmpl-') ? completionId.slice(9) : completionId}`;
}

/** Normalised usage → Anthropic usage: `input_tokens` excludes the cached part. */
export function normalizedUsageToAnthropic(usage: NormalizedUsage | null): AnthropicUsage {
  const cached = usage?.cacheReadTokens ?? 0;
  const written = usage?.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.inputTokens ?? 0) - cached - written),
    output_tokens: usage?.outputTokens ?? 0,
    cache_creation_input_tokens: written,
    cache_read_input_tokens: cached,
  };
}

/** Translates a non-streaming OpenAI `chat.completion` into an Anthropic Messages response. */
export function openAIToAnthropicResponse(
  completion: OpenAIChatCompletion,
  options: OpenAIToAnthropicResponseOptions,
): AnthropicMessage {
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  const message = choice && isRecord(choice.message) ? choice.message : undefined;
  const content: AnthropicResponseBlock[] = [];
  if (message) {
    if (typeof message.content === 'string' && message.content.length > 0) {
      content.push({ type: 'text', text: message.content });
    }
    if (typeof message.refusal === 'string' && message.refusal.length > 0) {
      content.push({ type: 'text', text: message.refusal });
    }
    for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
      if (!isRecord(call.function)) continue;
      content.push({
        type: 'tool_use',
        id: call.id,
        name: call.function.name,
        input: parseToolInput(call.function.arguments),
      });
    }
  }
  const hasToolUse = content.some((block) => block.type === 'tool_use');
  return {
    id: messageIdFromCompletionId(typeof completion.id === 'string' ? completion.id : ''),
    type: 'message',
    role: 'assistant',
    model: options.model,
    content,
    stop_reason: openAIFinishToAnthropic(choice?.finish_reason) ?? (hasToolUse ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: normalizedUsageToAnthropic(normalizeOpenAIUsage(completion.usage)),
  };
}
