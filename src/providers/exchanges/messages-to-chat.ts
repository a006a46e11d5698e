import type { AnthropicRequest } from '../anthropic/wire.js';
import type { Exchange } from '../exchange.js';
import { extractOpenAIUsage } from '../openai/usage.js';
import type { OpenAIChatCompletion } from '../openai/wire.js';
import { anthropicToOpenAIRequest } from '../translate/anthropic-to-openai-request.js';
import { isRecord } from '../translate/json.js';
import { openAIToAnthropicResponse } from '../translate/openai-to-anthropic-response.js';
import { createOpenAIToAnthropicStream } from '../translate/openai-to-anthropic-stream.js';

/**
 * A client's `/v1/messages` served by an OpenAI-format provider's `/chat/completions`, so that
 * Anthropic-SDK tools can use any model. Streams ask upstream for `include_usage` (the
 * request converter adds it), because Anthropic's `message_delta` must carry the counts.
 *
 * OpenAI itself takes `max_completion_tokens` (its reasoning models refuse `max_tokens`);
 * other OpenAI-compatible providers mostly know only `max_tokens`.
 */
export function messagesToChatExchange(useMaxCompletionTokens: boolean): Exchange {
  return {
    translated: true,
    upstreamFormat: 'openai',
    upstreamSurface: 'chat-completions',
    upstreamBody(body, target, removed) {
      return anthropicToOpenAIRequest(body as AnthropicRequest, {
        model: target.model,
        removed,
        useMaxCompletionTokens,
      });
    },
    translateJson(json, { clientModel }) {
      if (!isRecord(json) || !Array.isArray(json.choices)) return json;
      return openAIToAnthropicResponse(json as unknown as OpenAIChatCompletion, { model: clientModel });
    },
    usageFromJson: extractOpenAIUsage,
    // `message_start` must carry input tokens (clients read them there) before the provider's
    // count, which comes last: it carries the estimate, and `message_delta` the provider's count.
    createStreamTranslator: ({ clientModel, inputTokens }) =>
      createOpenAIToAnthropicStream({ model: clientModel, estimatedInputTokens: inputTokens() }),
  };
}
