import type { Exchange } from '../exchange.js';
import type { ResolvedProvider } from '../provider-registry.js';
import type { ApiSurface } from '../types.js';
import { chatToMessagesExchange } from './chat-to-messages.js';
import { messagesToChatExchange } from './messages-to-chat.js';

const toOpenAI = messagesToChatExchange(true);
const toOpenAICompatible = messagesToChatExchange(false);

/**
 * OpenAI Chat Completions ⇄ Anthropic Messages, the one pair of surfaces that translate into
 * each other. Any other surface a provider lacks (embeddings on Anthropic, responses on
 * most) has no translation and stays `unsupported_surface`.
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
  return undefined;
}
