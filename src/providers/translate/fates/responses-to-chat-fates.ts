import type { FieldFates } from './field-fates.js';

/**
 * Every top-level field of an OpenAI Responses request (the `openai` SDK's
 * `ResponseCreateParams`, plus Tollgate's `models`) and what becomes of it when the model has
 * only Chat Completions (or, through them, Anthropic Messages, where docs/translation.md's chat
 * table applies next). `fates.test.ts` keeps this table equal to the SDK's fields and to the docs.
 */
export const responsesToChatFates: FieldFates = {
  model: { fate: 'mapped', note: 'the upstream model id' },
  models: { fate: 'mapped', note: "Tollgate's fallback list, used by the gateway, never sent" },
  input: {
    fate: 'mapped',
    note: 'a string or message items → messages; function and custom tool calls and their outputs → tool calls and tool messages; `reasoning` items are dropped (nothing to send them to); other items (hosted tool calls, `item_reference`) are refused',
  },
  instructions: { fate: 'mapped', note: 'a first `system` message' },
  max_output_tokens: { fate: 'mapped', note: '`max_tokens` / `max_completion_tokens`' },
  temperature: { fate: 'mapped', note: '`temperature`' },
  top_p: { fate: 'mapped', note: '`top_p`' },
  stream: { fate: 'mapped', note: '`stream`, with usage asked for' },
  stream_options: { fate: 'mapped', note: "`include_obfuscation` concerns only OpenAI's own streams" },
  tools: {
    fate: 'mapped',
    note: 'function tools → chat function tools; custom (free-text) tools → a function taking one string `input`, answered as `custom_tool_call`; hosted tools (web search, file search, computer, MCP, …) are refused',
  },
  tool_choice: {
    fate: 'mapped',
    note: '`auto` / `none` / `required` / a function or custom tool; a hosted tool choice is refused',
  },
  parallel_tool_calls: { fate: 'mapped', note: '`parallel_tool_calls`' },
  text: {
    fate: 'mapped',
    note: '`format` → `response_format` (json_schema, json_object, text); `verbosity` → `verbosity`',
  },
  reasoning: {
    fate: 'mapped',
    note: '`effort` → `reasoning_effort`; a `summary` cannot be produced: `reasoning.summary` is named as removed',
  },
  user: { fate: 'mapped', note: '`user`' },
  safety_identifier: { fate: 'mapped', note: '`safety_identifier`' },
  background: {
    fate: 'mapped',
    note: '`false` needs nothing; `true` (polling a stored response) is refused',
  },
  store: { fate: 'mapped', note: '`false` needs nothing; `true` (a stored response) is named as removed' },
  previous_response_id: {
    fate: 'refused',
    note: 'Tollgate holds no conversation state for this model; send the whole conversation in `input`',
  },
  conversation: { fate: 'refused', note: 'Tollgate holds no conversation state for this model' },
  prompt: { fate: 'refused', note: 'prompt templates are stored at OpenAI' },
  context_management: { fate: 'refused', note: "OpenAI's server-side compaction" },
  moderation: { fate: 'refused', note: 'moderated responses are an OpenAI service' },
  include: { fate: 'removed', note: 'extra output data (encrypted reasoning, logprobs, search results)' },
  metadata: { fate: 'removed', note: "OpenAI's stored-response tags" },
  top_logprobs: { fate: 'removed', note: 'no logprobs in the answer' },
  truncation: {
    fate: 'removed',
    note: 'Tollgate does not truncate; a context that is too long fails upstream',
  },
  prompt_cache_key: { fate: 'removed', note: 'OpenAI cache routing' },
  prompt_cache_options: { fate: 'removed', note: 'OpenAI cache breakpoints' },
  prompt_cache_retention: { fate: 'removed', note: 'OpenAI cache retention' },
  service_tier: { fate: 'removed', note: "OpenAI's processing tiers" },
};
