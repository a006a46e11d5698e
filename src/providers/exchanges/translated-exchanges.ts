import type { Exchange } from '../exchange.js';
import type { ResolvedProvider } from '../provider-registry.js';
import type { ApiSurface } from '../types.js';
import { chatToMessagesExchange } from './chat-to-messages.js';
import { messagesToChatExchange } from './messages-to-chat.js';
import { responsesToChatExchange, responsesToMessagesExchange } from './responses-exchanges.js';

const toOpenAI = messagesToChatExchange(true);
const toOpenAICompatible = messagesToChatExchange(false);
const responsesToOpenAI = responsesToChatExchange(true);
const responsesToOpenAICompatible = responsesToChatExchange(false);

/**
 * OpenAI Chat Completions ⇄ Anthropic Messages, and the Responses API onto either, so that
 * every chat model answers `/v1/responses`. Any other surface a provider lacks (embeddings on
 * Anthropic, legacy completions) has no translation and stays `unsupported_surface`.
 */
export function chatAndMessagesTranslation(
  surface: ApiSurface,
  provider: ResolvedProvider,
): Exchange | undefined {
  if (
    surface === 'chat-completions' &&
    provider.format === 'anthropic' &&
    provider.surfaces.includes('messages')
  ) {
    return chatToMessagesExchange;
  }
  if (
    surface === 'messages' &&
    provider.format === 'openai' &&
    provider.surfaces.includes('chat-completions')
  ) {
    return provider.id === 'openai' ? toOpenAI : toOpenAICompatible;
  }
  if (surface === 'responses' && provider.format === 'anthropic' && provider.surfaces.includes('messages')) {
    return responsesToMessagesExchange;
  }
  if (
    surface === 'responses' &&
    provider.format === 'openai' &&
    provider.surfaces.includes('chat-completions')
  ) {
    return provider.id === 'openai' ? responsesToOpenAI : responsesToOpenAICompatible;
  }
  return undefined;
}
