import type { FieldFates } from './field-fates.js';

/**
 * Every top-level field of an Anthropic Messages request (the `@anthropic-ai/sdk`'s
 * `MessageCreateParams` and its beta `MessageCreateParams`, plus the sampling fields older SDKs
 * and clients still send, and Tollgate's `models`) and what becomes of it when the model speaks OpenAI Chat
 * Completions. `fates.test.ts` keeps this table equal to the SDK's fields and to
 * docs/translation.md.
 */
export const messagesToChatFates: FieldFates = {
  model: { fate: 'mapped', note: 'the upstream model id' },
  models: { fate: 'mapped', note: "Tollgate's fallback list, used by the gateway, never sent" },
  messages: {
    fate: 'mapped',
    note: '`tool_result` blocks → `tool` messages; `tool_use` → `tool_calls`; images and documents → parts',
  },
  max_tokens: {
    fate: 'mapped',
    note: '`max_completion_tokens` (OpenAI) or `max_tokens` (OpenAI-compatible providers)',
  },
  system: { fate: 'mapped', note: 'a first `system` message' },
  stop_sequences: { fate: 'mapped', note: '`stop`' },
  stream: { fate: 'mapped', note: '`stream`, with `stream_options.include_usage`' },
  temperature: { fate: 'mapped', note: '`temperature`' },
  top_p: { fate: 'mapped', note: '`top_p`' },
  tools: {
    fate: 'mapped',
    note: 'client tools → function tools; server tools (web search, code execution, …) are refused',
  },
  tool_choice: {
    fate: 'mapped',
    note: '`auto` / `none` / `any` → `required` / `tool` → a function; `disable_parallel_tool_use` → `parallel_tool_calls: false`',
  },
  metadata: { fate: 'mapped', note: '`user_id` → `user`' },
  thinking: {
    fate: 'mapped',
    note: '`enabled` → `reasoning_effort` by budget (under 4,096 low, under 16,384 medium, else high); `adaptive` → medium; `disabled` → nothing',
  },
  output_config: {
    fate: 'mapped',
    note: '`effort` → `reasoning_effort` (xhigh and max → high); `format` (JSON schema) → `response_format` `json_schema`',
  },
  output_format: { fate: 'mapped', note: 'deprecated form of `output_config.format`: the same' },
  betas: { fate: 'mapped', note: 'the SDK sends it as the `anthropic-beta` header, never in the body' },
  top_k: { fate: 'removed', note: 'no equivalent in Chat Completions' },
  fallbacks: { fate: 'removed', note: "Anthropic's server-side model fallbacks (Tollgate's are `models`)" },
  billing_policy: { fate: 'removed', note: 'Anthropic billing' },
  fallback_credit_token: { fate: 'removed', note: 'Anthropic billing' },
  service_tier: { fate: 'removed', note: "Anthropic's capacity tiers" },
  cache_control: { fate: 'removed', note: 'OpenAI caches prompts on its own' },
  speed: { fate: 'removed', note: "Anthropic's fast mode" },
  diagnostics: { fate: 'removed', note: "Anthropic's diagnostics" },
  user_profile_id: { fate: 'removed', note: 'Anthropic account feature' },
  workspace_id: { fate: 'removed', note: 'Anthropic account feature' },
  inference_geo: { fate: 'refused', note: 'the data-residency promise cannot be kept by another provider' },
  container: { fate: 'refused', note: "Anthropic's code-execution containers and skills" },
  mcp_servers: { fate: 'refused', note: 'remote MCP tools would change the answer (beta)' },
  context_management: {
    fate: 'refused',
    note: "Anthropic's context editing changes the conversation (beta)",
  },
  compaction: { fate: 'refused', note: "Anthropic's compaction rewrites the conversation (beta)" },
  thread: { fate: 'refused', note: 'server-held conversation state that Tollgate does not hold (beta)' },
};
