import { normalizeOpenAIUsage } from '../../openai/usage.js';
import type { OpenAIChatCompletion } from '../../openai/wire.js';
import type { JsonObject } from '../json.js';
import { customInputOf, customToolNames } from './custom-tools.js';
import {
  customToolCallItem,
  endingForFinish,
  functionCallItem,
  messageItem,
  responseEnvelope,
  responseIds,
  responsesUsage,
} from './response-envelope.js';

/**
 * A chat completion as a Responses `response`: the message's text as one `message` item, each
 * tool call as a `function_call` item (its `call_id` the chat call id, which tool outputs cite).
 */
export function chatToResponsesResponse(
  completion: OpenAIChatCompletion,
  request: JsonObject,
  model: string,
): JsonObject {
  const choice = completion.choices[0];
  const message = choice?.message;
  const { responseId, messageId } = responseIds(String(completion.id ?? ''));
  const output: JsonObject[] = [];
  const text = message?.content ?? '';
  if (typeof message?.refusal === 'string' && message.refusal.length > 0) {
    output.push({
      id: messageId,
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'refusal', refusal: message.refusal }],
    });
  } else if (text.length > 0 || (message?.tool_calls ?? []).length === 0) {
    output.push(messageItem(messageId, text));
  }
  const custom = customToolNames(request);
  for (const call of message?.tool_calls ?? []) {
    const { name, arguments: args } = call.function;
    output.push(
      custom.has(name)
        ? customToolCallItem(call.id, name, customInputOf(args))
        : functionCallItem(call.id, name, args),
    );
  }
  return responseEnvelope(request, {
    id: responseId,
    createdAt: typeof completion.created === 'number' ? completion.created : Math.floor(Date.now() / 1000),
    model,
    ending: endingForFinish(choice?.finish_reason),
    output,
    usage: responsesUsage(normalizeOpenAIUsage(completion.usage)),
  });
}
