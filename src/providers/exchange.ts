import { createAnthropicStreamTap } from './anthropic/messages-stream-tap.js';
import { extractAnthropicUsage } from './anthropic/usage.js';
import { chatAndMessagesTranslation } from './exchanges/translated-exchanges.js';
import { createOpenAIStreamTap } from './openai/chat-stream-tap.js';
import { extractOpenAIUsage } from './openai/usage.js';
import type { ResolvedProvider } from './provider-registry.js';
import type { ApiSurface, NormalizedUsage, StreamTranslator, WireFormat } from './types.js';

export type JsonBody = Record<string, unknown>;

/** The model an exchange sends to, as the catalog describes it. */
export interface UpstreamTarget {
  /** The model id sent upstream. */
  model: string;
  /** The catalog's output limit for the model; undefined when the model is not in the catalog. */
  maxOutputTokens: number | undefined;
}

/** What a translation needs to know of the client's request. */
export interface TranslationContext {
  /** The `model` the client asked for, echoed in translated answers. */
  clientModel: string;
  /** The client's body, as it arrived (e.g. whether it asked for structured output). */
  clientBody: JsonBody;
  /** The tokenizer estimate of the request's input, computed on first call. */
  inputTokens: () => number;
}

/**
 * How one client request is exchanged with one provider: where it goes, what body and
 * headers it carries, and how the answer comes back in the client's format. Same-format
 * exchanges pass bytes through; translated ones (added by the translation module) convert.
 */
export interface Exchange {
  /** True when the client's format differs from the provider's and bodies are converted. */
  translated: boolean;
  upstreamFormat: WireFormat;
  upstreamSurface: ApiSurface;
  /**
   * The body for the upstream, with its model id and without Tollgate's own fields. A translation
   * appends the client fields it could not carry over to `removed`, and throws a `TollgateError`
   * for one whose loss would change the answer.
   */
  upstreamBody(body: JsonBody, target: UpstreamTarget, removed: string[]): JsonBody;
  /** Converts an upstream JSON answer for the client; undefined = pass the bytes unchanged. */
  translateJson: ((json: unknown, request: TranslationContext) => unknown) | undefined;
  usageFromJson(json: unknown): NormalizedUsage | null;
  createStreamTranslator(
    request: TranslationContext,
    options: { clientWantsUsage: boolean },
  ): StreamTranslator;
}

export const surfacePaths: Record<ApiSurface, string> = {
  'chat-completions': '/chat/completions',
  completions: '/completions',
  embeddings: '/embeddings',
  responses: '/responses',
  messages: '/messages',
};

/** Surfaces whose OpenAI streams take `stream_options.include_usage`. */
const includeUsageSurfaces = new Set<ApiSurface>(['chat-completions', 'completions']);

/**
 * The body without Tollgate's own `models` fallbacks. Most bodies have none and are returned as
 * they are (the caller copies them anyway): removing a key by rest destructuring is a slow copy.
 */
function withoutFallbacks(body: JsonBody): JsonBody {
  if (!Object.hasOwn(body, 'models')) return body;
  const { models: _fallbacks, ...rest } = body;
  return rest;
}

function openAIPassthrough(surface: ApiSurface): Exchange {
  return {
    translated: false,
    upstreamFormat: 'openai',
    upstreamSurface: surface,
    upstreamBody(body, target) {
      const rest = withoutFallbacks(body);
      const out: JsonBody = { ...rest, model: target.model };
      // Always ask for usage on streams: without it a stream cannot be metered from the provider's counts.
      if (rest.stream === true && includeUsageSurfaces.has(surface)) {
        const streamOptions =
          typeof rest.stream_options === 'object' && rest.stream_options !== null ? rest.stream_options : {};
        out.stream_options = { ...streamOptions, include_usage: true };
      }
      return out;
    },
    translateJson: undefined,
    usageFromJson: extractOpenAIUsage,
    createStreamTranslator: (_request, { clientWantsUsage }) => createOpenAIStreamTap({ clientWantsUsage }),
  };
}

const anthropicPassthrough: Exchange = {
  translated: false,
  upstreamFormat: 'anthropic',
  upstreamSurface: 'messages',
  upstreamBody(body, target) {
    return { ...withoutFallbacks(body), model: target.model };
  },
  translateJson: undefined,
  usageFromJson: extractAnthropicUsage,
  createStreamTranslator: () => createAnthropicStreamTap(),
};

/** One pass-through exchange per surface, built once: they hold no per-request state. */
const openAIPassthroughs = Object.fromEntries(
  (Object.keys(surfacePaths) as ApiSurface[]).map((surface) => [surface, openAIPassthrough(surface)]),
) as Record<ApiSurface, Exchange>;

/**
 * The exchange for a client surface on a provider, or undefined when the provider cannot serve
 * it: a pass-through when the provider speaks the surface, else a translation (OpenAI chat ⇄
 * Anthropic messages).
 */
export function exchangeFor(surface: ApiSurface, provider: ResolvedProvider): Exchange | undefined {
  if (provider.surfaces.includes(surface)) {
    return provider.format === 'anthropic' ? anthropicPassthrough : openAIPassthroughs[surface];
  }
  return chatAndMessagesTranslation(surface, provider);
}

/** Whether the client asked for usage on its stream (we ask upstream regardless). */
export function clientWantsStreamUsage(body: JsonBody): boolean {
  const options = body.stream_options;
  return typeof options === 'object' && options !== null && (options as JsonBody).include_usage === true;
}
