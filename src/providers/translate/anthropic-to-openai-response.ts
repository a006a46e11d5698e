import { normalizeAnthropicUsage } from '../anthropic/usage.js';
import type { AnthropicMessage } from '../anthropic/wire.js';
import type { OpenAIChatCompletion, OpenAIToolCall, OpenAIUsage } from '../openai/wire.js';
import type { NormalizedUsage } from '../types.js';
import { anthropicStopToOpenAI } from './stop-reasons.js';
import { structuredOutputTool } from './structured-output.js';

export interface AnthropicToOpenAIResponseOptions {
  /** Client-facing model string to report. */
  model: string;
  /** Unix seconds; defaults to now. */
  created?: number;
  /** The client asked for `response_format`: the structured-output tool's input is the content. */
  structuredOutput?: boolean;
}

/** `chatcmpl-…` id derived from an Anthropic message id (`msg_…`). */
export function chatCompletionIdFromMessageId(messageId: string): string {
  return `chatcmpl-${messageId.startsWith('msg_') ? messageId.slice(4) : messageId}`;
}

/** Normalised usage → OpenAI usage; `prompt_tokens` counts all input, cached and cache-written included. */
export function normalizedUsageToOpenAI(usage: NormalizedUsage | null): OpenAIUsage {
  const prompt = usage?.inputTokens ?? 0;
  const completion = usage?.outputTokens ?? 0;
  const out: OpenAIUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.cacheReadTokens ?? 0 },
  };
  if (usage && usage.reasoningTokens > 0)
    out.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return out;
}

/** Translates a non-streaming Anthropic Messages response into an OpenAI `chat.completion`. */
export function anthropicToOpenAIResponse(
  message: AnthropicMessage,
  options: AnthropicToOpenAIResponseOptions,
): OpenAIChatCompletion {
  const texts: string[] = [];
  const toolCalls: OpenAIToolCall[] = [];
  for (const block of Array.isArray(message.content) ? message.content : []) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use' && options.structuredOutput && block.name === structuredOutputTool) {
      // The schema's answer is the message: any text the model wrote around it is not JSON.
      texts.length = 0;
      texts.push(JSON.stringify(block.input ?? {}));
    } else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const completion: OpenAIChatCompletion = {
    id: chatCompletionIdFromMessageId(message.id),
    object: 'chat.completion',
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: options.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: texts.length > 0 ? texts.join('') : null,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason:
          message.stop_reason === 'tool_use' && toolCalls.length === 0
            ? 'stop'
            : (anthropicStopToOpenAI(message.stop_reason) ?? 'stop'),
      },
    ],
    usage: normalizedUsageToOpenAI(normalizeAnthropicUsage(message.usage)),
  };
  return completion;
}
