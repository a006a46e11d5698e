import { extractAnthropicUsage } from '../anthropic/usage.js';
import type { AnthropicMessage } from '../anthropic/wire.js';
import type { Exchange } from '../exchange.js';
import { extractOpenAIUsage } from '../openai/usage.js';
import type { OpenAIChatCompletion } from '../openai/wire.js';
import { defaultMaxOutputTokens } from '../output-limits.js';
import { anthropicToOpenAIResponse } from '../translate/anthropic-to-openai-response.js';
import { createAnthropicToOpenAIStream } from '../translate/anthropic-to-openai-stream.js';
import { isRecord } from '../translate/json.js';
import { openAIChatToAnthropicRequest } from '../translate/openai-to-anthropic-request.js';
import { ChainedStream } from '../translate/responses/chained-stream.js';
import { chatToResponsesResponse } from '../translate/responses/chat-to-responses-response.js';
import { ChatToResponsesStream } from '../translate/responses/chat-to-responses-stream.js';
import { responsesToChatRequest } from '../translate/responses/responses-to-chat-request.js';
import { asksStructuredResponse } from '../translate/structured-output.js';

/**
 * A client's `/v1/responses` served by an OpenAI-format provider's `/chat/completions`: every
 * model answers the Responses API (the AI SDK's default `openai(model)`, the Codex CLI).
 */
export function responsesToChatExchange(useMaxCompletionTokens: boolean): Exchange {
  return {
    translated: true,
    upstreamFormat: 'openai',
    upstreamSurface: 'chat-completions',
    upstreamBody(body, target, removed) {
      return responsesToChatRequest(body, { model: target.model, useMaxCompletionTokens, removed });
    },
    translateJson(json, { clientModel, clientBody }) {
      if (!isRecord(json) || !Array.isArray(json.choices)) return json;
      return chatToResponsesResponse(json as unknown as OpenAIChatCompletion, clientBody, clientModel);
    },
    usageFromJson: extractOpenAIUsage,
    createStreamTranslator: ({ clientModel, clientBody }) =>
      new ChatToResponsesStream({ model: clientModel, request: clientBody }),
  };
}

/**
 * Chat field names that the second translation step removes, in the Responses client's words,
 * so that `Tollgate-Removed-Params` names what the client sent.
 */
const responsesNames: Readonly<Record<string, string>> = {
  reasoning_effort: 'reasoning',
  verbosity: 'text.verbosity',
};

/**
 * A client's `/v1/responses` served by an Anthropic-format provider's `/messages`, through the
 * Chat Completions translation both ways: Responses → chat → messages for the request, and
 * messages → chat → Responses for the answer, streamed events included.
 */
export const responsesToMessagesExchange: Exchange = {
  translated: true,
  upstreamFormat: 'anthropic',
  upstreamSurface: 'messages',
  upstreamBody(body, target, removed) {
    const chat = responsesToChatRequest(body, { model: target.model, removed });
    const lost: string[] = [];
    const out = openAIChatToAnthropicRequest(chat, {
      model: target.model,
      defaultMaxTokens: target.maxOutputTokens || defaultMaxOutputTokens,
      removed: lost,
    });
    for (const name of lost) removed.push(responsesNames[name] ?? name);
    return out;
  },
  translateJson(json, { clientModel, clientBody }) {
    if (!isRecord(json) || !Array.isArray(json.content)) return json;
    const completion = anthropicToOpenAIResponse(json as unknown as AnthropicMessage, {
      model: clientModel,
      structuredOutput: asksStructuredResponse(clientBody),
    });
    return chatToResponsesResponse(completion, clientBody, clientModel);
  },
  usageFromJson: extractAnthropicUsage,
  createStreamTranslator: ({ clientModel, clientBody }) =>
    new ChainedStream(
      createAnthropicToOpenAIStream({
        model: clientModel,
        includeUsage: true,
        structuredOutput: asksStructuredResponse(clientBody),
      }),
      new ChatToResponsesStream({ model: clientModel, request: clientBody }),
    ),
};
