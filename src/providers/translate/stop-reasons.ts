import type { AnthropicStopReason } from '../anthropic/wire.js';
import type { OpenAIFinishReason } from '../openai/wire.js';

/** Anthropic `stop_reason` → OpenAI `finish_reason`. */
export function anthropicStopToOpenAI(reason: string | null | undefined): OpenAIFinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn and anything new.
      return 'stop';
  }
}

/** OpenAI `finish_reason` → Anthropic `stop_reason`. */
export function openAIFinishToAnthropic(reason: string | null | undefined): AnthropicStopReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
