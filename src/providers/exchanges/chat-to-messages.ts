import { extractAnthropicUsage } from '../anthropic/usage.js';
import type { AnthropicMessage } from '../anthropic/wire.js';
import type { Exchange } from '../exchange.js';
import type { OpenAIChatRequest } from '../openai/wire.js';
import { defaultMaxOutputTokens } from '../output-limits.js';
import { anthropicToOpenAIResponse } from '../translate/anthropic-to-openai-response.js';
import { createAnthropicToOpenAIStream } from '../translate/anthropic-to-openai-stream.js';
import { isRecord } from '../translate/json.js';
import { openAIChatToAnthropicRequest } from '../translate/openai-to-anthropic-request.js';
import { asksStructuredOutput } from '../translate/structured-output.js';

/**
 * A client's `/v1/chat/completions` served by an Anthropic-format provider's `/messages`.
 * The client's own `stream_options.include_usage` decides whether its stream ends with a
 * usage chunk; Anthropic streams always carry usage, so metering does not depend on it.
 */
export const chatToMessagesExchange: Exchange = {
  translated: true,
  upstreamFormat: 'anthropic',
  upstreamSurface: 'messages',
  upstreamBody(body, target, removed) {
    return openAIChatToAnthropicRequest(body as OpenAIChatRequest, {
      model: target.model,
      removed,
      // A model unknown to the catalog (or listed without an output limit) gets a conservative default.
      defaultMaxTokens: target.maxOutputTokens || defaultMaxOutputTokens,
    });
  },
  translateJson(json, { clientModel, clientBody }) {
    // Not a message (an odd 2xx body): pass it as it came rather than invent a completion.
    if (!isRecord(json) || !Array.isArray(json.content)) return json;
    return anthropicToOpenAIResponse(json as unknown as AnthropicMessage, {
      model: clientModel,
      structuredOutput: asksStructuredOutput(clientBody),
    });
  },
  usageFromJson: extractAnthropicUsage,
  createStreamTranslator: ({ clientModel, clientBody }, { clientWantsUsage }) =>
    createAnthropicToOpenAIStream({
      model: clientModel,
      includeUsage: clientWantsUsage,
      structuredOutput: asksStructuredOutput(clientBody),
    }),
};
