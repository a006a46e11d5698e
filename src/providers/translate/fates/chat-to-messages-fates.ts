import type { FieldFates } from './field-fates.js';

/**
 * Every top-level field of an OpenAI Chat Completions request (the `openai` SDK's
 * `ChatCompletionCreateParams`, plus `top_k` and Tollgate's `models`) and what becomes of it when
 * the model speaks Anthropic Messages. `fates.test.ts` keeps this table equal to the SDK's
 * fields and to docs/translation.md.
 */
export const chatToMessagesFates: FieldFates = {
  model: { fate: 'mapped', note: 'the upstream model id' },
  models: { fate: 'mapped', note: "Tollgate's fallback list, used by the gateway, never sent" },
  messages: {
    fate: 'mapped',
    note: 'system/developer → `system`; tool calls and results → `tool_use` / `tool_result` blocks',
  },
  max_completion_tokens: { fate: 'mapped', note: '`max_tokens`' },
  max_tokens: { fate: 'mapped', note: '`max_tokens` (when `max_completion_tokens` is absent)' },
  stop: { fate: 'mapped', note: '`stop_sequences`' },
  stream: { fate: 'mapped', note: '`stream`' },
  stream_options: {
    fate: 'mapped',
    note: '`include_usage` decides the final usage chunk (Anthropic streams always count)',
  },
  temperature: {
    fate: 'mapped',
    note: '`temperature`, clamped to 0–1; removed (named) when thinking is on, which needs the default',
  },
  top_p: { fate: 'mapped', note: '`top_p`; removed (named) when thinking is on' },
  top_k: { fate: 'mapped', note: "not in OpenAI's schema, but sent by some clients: `top_k`" },
  tools: {
    fate: 'mapped',
    note: 'function tools → `tools` with `input_schema`; other tool types (custom) are refused',
  },
  tool_choice: { fate: 'mapped', note: '`auto` / `none` / `required` → `any` / a function → `tool`' },
  parallel_tool_calls: { fate: 'mapped', note: '`false` → `tool_choice.disable_parallel_tool_use`' },
  functions: { fate: 'mapped', note: 'deprecated form of `tools`: → `tools`' },
  function_call: { fate: 'mapped', note: 'deprecated form of `tool_choice`: → `tool_choice`' },
  user: { fate: 'mapped', note: '`metadata.user_id`' },
  safety_identifier: { fate: 'mapped', note: '`metadata.user_id` (when `user` is absent)' },
  response_format: {
    fate: 'mapped',
    note: '`json_schema` / `json_object` → a forced tool with that schema whose input is answered as the message content (streams too); `text` → nothing',
  },
  reasoning_effort: {
    fate: 'mapped',
    note: '`thinking` with a budget (minimal 1,024, low 2,048, medium 8,192, high 16,384, xhigh/max 32,768 tokens, below `max_tokens`); `none` → no thinking; removed (named) when it cannot apply (budget above `max_tokens`, forced tool choice, or an open tool call without thinking blocks)',
  },
  n: { fate: 'mapped', note: '1 needs nothing; more than 1 is refused (Anthropic answers one choice)' },
  modalities: { fate: 'mapped', note: '`["text"]` needs nothing; audio output is refused' },
  audio: { fate: 'refused', note: 'Anthropic models produce no audio' },
  moderation: { fate: 'refused', note: 'moderated completions are an OpenAI service' },
  web_search_options: { fate: 'refused', note: 'web search would change the answer; no translation' },
  frequency_penalty: { fate: 'removed', note: 'no equivalent' },
  presence_penalty: { fate: 'removed', note: 'no equivalent' },
  logit_bias: { fate: 'removed', note: 'no equivalent (Anthropic tokens are not OpenAI tokens)' },
  logprobs: { fate: 'removed', note: 'no equivalent; the answer has `logprobs: null`' },
  top_logprobs: { fate: 'removed', note: 'no equivalent' },
  seed: { fate: 'removed', note: 'no equivalent; sampling is not reproducible' },
  metadata: { fate: 'removed', note: "OpenAI's stored-completion tags" },
  store: { fate: 'removed', note: "OpenAI's stored completions" },
  prediction: { fate: 'removed', note: 'a latency optimisation only' },
  prompt_cache_key: { fate: 'removed', note: 'OpenAI cache routing' },
  prompt_cache_options: { fate: 'removed', note: 'OpenAI cache breakpoints' },
  prompt_cache_retention: { fate: 'removed', note: 'OpenAI cache retention' },
  service_tier: { fate: 'removed', note: "OpenAI's processing tiers" },
  verbosity: { fate: 'removed', note: 'no equivalent' },
};
