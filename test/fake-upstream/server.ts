/**
 * Fake LLM upstream for tests and benchmarks.
 *
 * Speaks the real OpenAI (chat completions, legacy completions, embeddings, responses, models) and
 * Anthropic (messages, count_tokens, models) wire formats on `node:http`. Every route answers both
 * with and without the `/v1` prefix.
 *
 * Deterministic content
 * ---------------------
 * - Reply text: `Hello from <model>!`, streamed as exactly 4 deltas: `Hello`, ` from`, ` <model>`, `!`
 *   (see {@link replyDeltas}).
 * - Input tokens: `BASE_INPUT_TOKENS (10) + number of input items` (see {@link inputTokens}):
 *   chat / messages / count_tokens → `messages.length`; legacy completions → 1 for a string prompt,
 *   else the prompt array's length (a single token-id array counts 1); embeddings → same rule on
 *   `input`; responses → 1 for a string `input`, else `input.length` (0 when absent).
 *   `system` / `instructions` are not counted.
 * - Output tokens: always `OUTPUT_TOKENS` (7), for text and tool answers alike.
 *   Anthropic's `message_start` reports `output_tokens: 1` (as the real API does); the final count is
 *   in `message_delta.usage.output_tokens`.
 * - Embeddings: `EMBEDDING_DIMENSIONS` (8) values (or `dimensions` when given), multiples of 1/1024
 *   in [-1, 1] (exact in float32, so base64 and float encodings decode to the same numbers).
 *   `usage.prompt_tokens === usage.total_tokens === inputTokens(body)`.
 * - Cached / reasoning tokens: when OpenAI `user` (chat, completions, responses) or Anthropic
 *   `metadata.user_id` is `'cached'`:
 *     OpenAI: `prompt_tokens_details.cached_tokens = 4` (a subset of `prompt_tokens`, which is
 *     unchanged) and `completion_tokens_details.reasoning_tokens = 2` (a subset of the 7 completion
 *     tokens); Responses: `input_tokens_details.cached_tokens = 4`,
 *     `output_tokens_details.reasoning_tokens = 2`.
 *     Anthropic: `cache_read_input_tokens = 4` (in addition to `input_tokens`, which is unchanged).
 * - Cache writes: when Anthropic `metadata.user_id` is `'cache-write'`: `cache_creation_input_tokens = 8`,
 *   split in `cache_creation` as `ephemeral_5m_input_tokens = 5` and `ephemeral_1h_input_tokens = 3`
 *   (in addition to `input_tokens`, which is unchanged), in the JSON body and in `message_start`.
 * - Tool use: if the request has a non-empty `tools` array and its LAST message is a user message whose
 *   text contains `weather` (case-insensitive), the answer is a tool call to the first tool with input
 *   `{"location":"Paris"}`: Anthropic `tool_use` block (`toolu_…`, stop_reason `tool_use`, streamed as
 *   `input_json_delta`), OpenAI chat `tool_calls` (`call_…`, finish_reason `tool_calls`).
 *   A forced tool choice (Anthropic `{type: 'tool', name}`, OpenAI `{type: 'function', function:
 *   {name}}`) is always answered with a call to that tool, whatever the messages say.
 *   Responses: the same when `input` (a string, or its last user item) mentions weather, answered
 *   with one `function_call` output item (`fc_…`, `call_…`), its arguments streamed in
 *   `response.function_call_arguments.delta` pieces; a forced `{type: 'function', name}` too.
 *
 * Behaviour switches (substring of the provider key: `Authorization: Bearer <key>` or `x-api-key`)
 * ---------------------------------------------------------------------------------------------
 * `fail-500`, `fail-429` (+ `retry-after: 1`), `fail-401`, `fail-403`, `fail-400`: that status with the
 * route's error body (Anthropic shape on `/messages*`, OpenAI shape elsewhere).
 * `timeout`: never answers. `reset`: destroys the socket without a response.
 * `break-stream`: streaming requests send the head + 2 content deltas (no usage) then the socket is
 * destroyed. `usage-in-last-choice`: OpenAI streams put `usage` on the final chunk that has
 * `finish_reason` (non-empty `choices`) instead of a separate `choices: []` chunk (always, whether or not
 * include_usage was asked). `slow-stream`: content deltas are sent `SLOW_STREAM_INTERVAL_MS` apart.
 * `count-bytes`: input tokens are the UTF-8 byte length of the whole request body, the most a
 * byte-level BPE tokenizer can count for it (far above what Tollgate estimates for runs of spaces).
 * `count-over`: input tokens are twice that plus 100,000, more than any honest count (an overdraft).
 * Request header `x-fake-latency-ms` overrides the configured latency (applied before answering).
 *
 * Also faithful to the real APIs: `model` is required (400), chat/messages need a non-empty `messages`
 * array (OpenAI: code `empty_array`, param `messages`), `/messages` needs `max_tokens`, and
 * `/messages*` need the `anthropic-version` header. A model whose id contains `does-not-exist` is
 * answered 404 (OpenAI: code `model_not_found`; Anthropic: `not_found_error`).
 */

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  rawBody: string;
}

export interface FakeUpstream {
  /** e.g. `http://127.0.0.1:PORT` (no `/v1`). */
  url: string;
  port: number;
  requests: RecordedRequest[];
  reset(): void;
  /**
   * From now on, answers wait (after their latency) until the returned function is called: for a
   * test that needs its requests in flight together however slowly the machine sends them.
   */
  holdAnswers(): () => void;
  close(): Promise<void>;
}

/** Answers wait for `gate` while it is set (`holdAnswers`). */
interface AnswerGate {
  gate: Promise<void> | undefined;
}

export interface FakeUpstreamOptions {
  port?: number;
  host?: string;
  /** Delay before answering (headers / first byte), in ms. Overridden by `x-fake-latency-ms`. */
  latencyMs?: number;
  /** Record requests in `requests` (default true). Set false for benchmarks. */
  record?: boolean;
}

export const BASE_INPUT_TOKENS = 10;
export const OUTPUT_TOKENS = 7;
export const ANTHROPIC_START_OUTPUT_TOKENS = 1;
export const CACHED_TOKENS = 4;
export const REASONING_TOKENS = 2;
/** Value of OpenAI `user` / Anthropic `metadata.user_id` that turns on cached / reasoning tokens. */
export const CACHED_USER = 'cached';
export const CACHE_WRITE_USER = 'cache-write';
export const CACHE_WRITE_5M_TOKENS = 5;
export const CACHE_WRITE_1H_TOKENS = 3;
export const EMBEDDING_DIMENSIONS = 8;
export const SLOW_STREAM_INTERVAL_MS = 200;
/** Content deltas sent by `break-stream` before the socket is destroyed. */
export const BREAK_STREAM_DELTAS = 2;
export const TOOL_INPUT: Readonly<{ location: string }> = Object.freeze({ location: 'Paris' });
/** `input_json_delta.partial_json` / `function.arguments` pieces; they join to `{"location": "Paris"}`. */
export const TOOL_ARGUMENT_PIECES: readonly string[] = ['{"locat', 'ion": "Pa', 'ris"}'];
export const TOOL_ARGUMENTS = TOOL_ARGUMENT_PIECES.join('');
export const SYSTEM_FINGERPRINT = 'fp_fake_upstream';

export const OPENAI_MODELS: readonly string[] = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-3.5-turbo-instruct',
  'text-embedding-3-small',
];
export const ANTHROPIC_MODELS: readonly string[] = [
  'claude-sonnet-4-5',
  'claude-haiku-4-5',
  'claude-opus-4-1',
];

export function replyText(model: string): string {
  return `Hello from ${model}!`;
}

export function replyDeltas(model: string): string[] {
  return ['Hello', ' from', ` ${model}`, '!'];
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function itemCount(v: unknown): number {
  if (typeof v === 'string') return 1;
  if (Array.isArray(v)) {
    // A single array of token ids is one prompt / one input.
    if (v.length > 0 && typeof v[0] === 'number') return 1;
    return v.length;
  }
  return 0;
}

/** Number of input items of a request body (messages, prompts, embedding inputs, response input items). */
export function countInputItems(body: unknown): number {
  if (!isObj(body)) return 0;
  if (Array.isArray(body.messages)) return body.messages.length;
  if (body.prompt !== undefined) return itemCount(body.prompt);
  if (body.input !== undefined) return itemCount(body.input);
  return 0;
}

/** Input / prompt tokens the fake reports for a request body: `10 + countInputItems(body)`. */
/** Input counts forced by the `count-bytes` / `count-over` switches, per request body. */
const forcedInputTokens = new WeakMap<object, number>();

export function inputTokens(body: unknown): number {
  const forced = isObj(body) ? forcedInputTokens.get(body) : undefined;
  return forced ?? BASE_INPUT_TOKENS + countInputItems(body);
}

/** Whether the body asks for cached / reasoning tokens (`user` or `metadata.user_id` equal to `cached`). */
export function wantsCached(body: unknown): boolean {
  if (!isObj(body)) return false;
  if (body.user === CACHED_USER) return true;
  return isObj(body.metadata) && body.metadata.user_id === CACHED_USER;
}

/** Deterministic embedding vector for one input item. */
export function embeddingFor(input: unknown, dimensions: number = EMBEDDING_DIMENSIONS): number[] {
  const s = typeof input === 'string' ? input : JSON.stringify(input);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const out: number[] = new Array<number>(dimensions);
  for (let i = 0; i < dimensions; i++) {
    h ^= h << 13;
    h >>>= 0;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    out[i] = ((h % 2049) - 1024) / 1024;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

type Format = 'openai' | 'anthropic';

let idSeq = 0;
const idBase = Date.now().toString(36);
function nextId(prefix: string): string {
  idSeq++;
  return `${prefix}${idBase}${idSeq.toString(36).padStart(6, '0')}`;
}

function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function providerKey(headers: IncomingHttpHeaders): string {
  const auth = headerString(headers.authorization) ?? '';
  const xKey = headerString(headers['x-api-key']) ?? '';
  return `${auth} ${xKey}`;
}

function sendJson(
  res: ServerResponse,
  format: Format,
  status: number,
  payload: unknown,
  extra?: Record<string, string>,
  requestId: string = nextId('req_'),
): void {
  const body = JSON.stringify(payload);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    [format === 'anthropic' ? 'request-id' : 'x-request-id']: requestId,
    ...extra,
  };
  res.writeHead(status, headers);
  res.end(body);
}

const OPENAI_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: {
    type: 'invalid_request_error',
    code: null,
    message: 'Invalid request (fake upstream: fail-400).',
  },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  403: {
    type: 'request_forbidden',
    code: 'unsupported_country_region_territory',
    message: 'Country, region, or territory not supported',
  },
  404: { type: 'invalid_request_error', code: 'unknown_url', message: 'Unknown request URL.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests (fake upstream: fail-429). Please try again in 1s.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
};

const ANTHROPIC_ERRORS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request (fake upstream: fail-400).' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: 'Not found.' },
  429: {
    type: 'rate_limit_error',
    message: 'Number of requests has exceeded your rate limit (fake upstream).',
  },
  500: { type: 'api_error', message: 'Internal server error' },
};

function sendError(
  res: ServerResponse,
  format: Format,
  status: number,
  message?: string,
  param: string | null = null,
  code?: string,
): void {
  const extra: Record<string, string> | undefined = status === 429 ? { 'retry-after': '1' } : undefined;
  if (format === 'anthropic') {
    const e = ANTHROPIC_ERRORS[status] ?? { type: 'api_error', message: 'Error' };
    const requestId = nextId('req_');
    sendJson(
      res,
      format,
      status,
      { type: 'error', error: { type: e.type, message: message ?? e.message }, request_id: requestId },
      extra,
      requestId,
    );
    return;
  }
  const e = OPENAI_ERRORS[status] ?? { type: 'server_error', code: null, message: 'Error' };
  sendJson(
    res,
    format,
    status,
    { error: { message: message ?? e.message, type: e.type, param, code: code ?? e.code } },
    extra,
  );
}

function sseHeaders(res: ServerResponse, format: Format): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    [format === 'anthropic' ? 'request-id' : 'x-request-id']: nextId('req_'),
  });
}

function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function sseEvent(type: string, payload: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** A stream split into a head, content deltas and a tail (so that break / slow modes act on deltas). */
interface StreamPlan {
  head: string[];
  deltas: string[];
  tail: string[];
}

interface Switches {
  breakStream: boolean;
  slowStream: boolean;
  usageInLastChoice: boolean;
}

function writeAsync(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    res.write(chunk, () => resolve());
  });
}

async function playStream(
  res: ServerResponse,
  format: Format,
  plan: StreamPlan,
  sw: Switches,
): Promise<void> {
  sseHeaders(res, format);
  if (sw.breakStream) {
    const chunks = [...plan.head, ...plan.deltas.slice(0, BREAK_STREAM_DELTAS)];
    await writeAsync(res, chunks.join(''));
    // Give the client a moment to read the deltas, then cut the connection mid-stream.
    await sleep(10);
    res.destroy();
    return;
  }
  if (!sw.slowStream) {
    res.cork();
    for (const c of plan.head) res.write(c);
    for (const c of plan.deltas) res.write(c);
    for (const c of plan.tail) res.write(c);
    res.end();
    res.uncork();
    return;
  }
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  res.write(plan.head.join(''));
  for (const c of plan.deltas) {
    await sleep(SLOW_STREAM_INTERVAL_MS);
    if (closed) return;
    res.write(c);
  }
  await sleep(SLOW_STREAM_INTERVAL_MS);
  if (closed) return;
  res.end(plan.tail.join(''));
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let out = '';
  for (const part of content) {
    if (
      isObj(part) &&
      (part.type === 'text' || part.type === 'input_text') &&
      typeof part.text === 'string'
    ) {
      out += part.text;
    }
  }
  return out;
}

/** Tool name to call, if the request has tools and its last message is a user message mentioning weather. */
function toolToCall(body: Obj, format: Format): string | undefined {
  if (!Array.isArray(body.tools) || body.tools.length === 0) return undefined;
  // A forced tool is always called, as the real APIs do (Anthropic `{type: 'tool', name}`,
  // OpenAI `{type: 'function', function: {name}}`).
  const choice = body.tool_choice;
  if (isObj(choice) && choice.type === 'tool' && typeof choice.name === 'string') return choice.name;
  if (isObj(choice) && isObj(choice.function) && typeof choice.function.name === 'string') {
    return choice.function.name;
  }
  if (!Array.isArray(body.messages)) return undefined;
  const last: unknown = body.messages[body.messages.length - 1];
  if (!isObj(last) || last.role !== 'user') return undefined;
  if (!/weather/i.test(textOf(last.content))) return undefined;
  const tool: unknown = body.tools[0];
  if (!isObj(tool)) return 'tool';
  if (format === 'openai' && isObj(tool.function) && typeof tool.function.name === 'string') {
    return tool.function.name;
  }
  return typeof tool.name === 'string' ? tool.name : 'tool';
}

/** The tool a Responses request is answered with: forced, or the first one when the input mentions weather. */
function responsesToolToCall(body: Obj): string | undefined {
  if (!Array.isArray(body.tools) || body.tools.length === 0) return undefined;
  const choice = body.tool_choice;
  if (isObj(choice) && choice.type === 'function' && typeof choice.name === 'string') return choice.name;
  const input = body.input;
  const last: unknown = Array.isArray(input) ? input[input.length - 1] : undefined;
  const text =
    typeof input === 'string' ? input : isObj(last) && last.role === 'user' ? textOf(last.content) : '';
  if (!/weather/i.test(text)) return undefined;
  const tool: unknown = body.tools[0];
  return isObj(tool) && typeof tool.name === 'string' ? tool.name : 'tool';
}

/** A Responses `function_call` output item; its id is fixed per call so streamed events agree. */
function responsesCall(name: string, status: string, args: string): Obj {
  return {
    id: 'fc_fake_0001',
    type: 'function_call',
    status,
    arguments: args,
    call_id: 'call_fake_0001',
    name,
  };
}

function modelOf(body: Obj): string {
  return typeof body.model === 'string' ? body.model : '';
}

// ---------------------------------------------------------------------------------------------------
// OpenAI

function openaiUsage(body: Obj): Obj {
  const prompt = inputTokens(body);
  const cached = wantsCached(body);
  return {
    prompt_tokens: prompt,
    completion_tokens: OUTPUT_TOKENS,
    total_tokens: prompt + OUTPUT_TOKENS,
    prompt_tokens_details: { cached_tokens: cached ? CACHED_TOKENS : 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: cached ? REASONING_TOKENS : 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function includeUsage(body: Obj): boolean {
  return isObj(body.stream_options) && body.stream_options.include_usage === true;
}

function chatCompletions(res: ServerResponse, body: Obj, sw: Switches): Promise<void> | undefined {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    sendError(
      res,
      'openai',
      400,
      "Invalid 'messages': empty array. Expected an array with minimum length 1.",
      'messages',
      'empty_array',
    );
    return undefined;
  }
  const model = modelOf(body);
  const id = nextId('chatcmpl-');
  const created = nowSec();
  const tool = toolToCall(body, 'openai');
  const callId = tool === undefined ? '' : nextId('call_');
  const finish = tool === undefined ? 'stop' : 'tool_calls';

  if (body.stream !== true) {
    const message: Obj =
      tool === undefined
        ? { role: 'assistant', content: replyText(model), refusal: null, annotations: [] }
        : {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: callId, type: 'function', function: { name: tool, arguments: TOOL_ARGUMENTS } },
            ],
            refusal: null,
            annotations: [],
          };
    sendJson(res, 'openai', 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
      usage: openaiUsage(body),
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
    });
    return undefined;
  }

  const withUsage = includeUsage(body);
  const chunk = (choices: Obj[], usage?: Obj | null): string => {
    const c: Obj = {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices,
    };
    if (usage !== undefined) c.usage = usage;
    else if (withUsage) c.usage = null;
    return sseData(c);
  };
  const choice = (delta: Obj, finishReason: string | null = null): Obj => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });

  const plan: StreamPlan = { head: [], deltas: [], tail: [] };
  if (tool === undefined) {
    plan.head.push(chunk([choice({ role: 'assistant', content: '', refusal: null })]));
    for (const d of replyDeltas(model)) plan.deltas.push(chunk([choice({ content: d })]));
  } else {
    plan.head.push(
      chunk([
        choice({
          role: 'assistant',
          content: null,
          tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: tool, arguments: '' } }],
          refusal: null,
        }),
      ]),
    );
    for (const piece of TOOL_ARGUMENT_PIECES) {
      plan.deltas.push(chunk([choice({ tool_calls: [{ index: 0, function: { arguments: piece } }] })]));
    }
  }
  if (sw.usageInLastChoice) {
    plan.tail.push(chunk([choice({}, finish)], openaiUsage(body)));
  } else {
    plan.tail.push(chunk([choice({}, finish)]));
    if (withUsage) plan.tail.push(chunk([], openaiUsage(body)));
  }
  plan.tail.push('data: [DONE]\n\n');
  return playStream(res, 'openai', plan, sw);
}

function legacyCompletions(res: ServerResponse, body: Obj, sw: Switches): Promise<void> | undefined {
  if (body.prompt === undefined) {
    sendError(res, 'openai', 400, "Missing required parameter: 'prompt'.", 'prompt');
    return undefined;
  }
  const model = modelOf(body);
  const id = nextId('cmpl-');
  const created = nowSec();
  if (body.stream !== true) {
    sendJson(res, 'openai', 200, {
      id,
      object: 'text_completion',
      created,
      model,
      choices: [{ text: replyText(model), index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: openaiUsage(body),
      system_fingerprint: null,
    });
    return undefined;
  }
  const chunk = (choices: Obj[], usage?: Obj): string => {
    const c: Obj = { id, object: 'text_completion', created, choices, model, system_fingerprint: null };
    if (usage !== undefined) c.usage = usage;
    return sseData(c);
  };
  const choice = (text: string, finishReason: string | null = null): Obj => ({
    text,
    index: 0,
    logprobs: null,
    finish_reason: finishReason,
  });
  const plan: StreamPlan = { head: [], deltas: replyDeltas(model).map((d) => chunk([choice(d)])), tail: [] };
  if (sw.usageInLastChoice) {
    plan.tail.push(chunk([choice('', 'stop')], openaiUsage(body)));
  } else {
    plan.tail.push(chunk([choice('', 'stop')]));
    if (includeUsage(body)) plan.tail.push(chunk([], openaiUsage(body)));
  }
  plan.tail.push('data: [DONE]\n\n');
  return playStream(res, 'openai', plan, sw);
}

function embeddings(res: ServerResponse, body: Obj): void {
  const input = body.input;
  if (input === undefined || (Array.isArray(input) && input.length === 0) || input === '') {
    sendError(res, 'openai', 400, "'input' : input must be a non-empty string or array", 'input');
    return;
  }
  const dims =
    typeof body.dimensions === 'number' && Number.isInteger(body.dimensions) && body.dimensions > 0
      ? Math.min(body.dimensions, 4096)
      : EMBEDDING_DIMENSIONS;
  const items: unknown[] =
    typeof input === 'string' || (Array.isArray(input) && typeof input[0] === 'number')
      ? [input]
      : Array.isArray(input)
        ? input
        : [input];
  const base64 = body.encoding_format === 'base64';
  const data = items.map((item, index) => {
    const vec = embeddingFor(item, dims);
    return {
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(new Float32Array(vec).buffer).toString('base64') : vec,
    };
  });
  const tokens = inputTokens(body);
  sendJson(res, 'openai', 200, {
    object: 'list',
    data,
    model: modelOf(body),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

function responses(res: ServerResponse, body: Obj, sw: Switches): Promise<void> | undefined {
  const model = modelOf(body);
  const id = nextId('resp_');
  const msgId = nextId('msg_');
  const createdAt = nowSec();
  const text = replyText(model);
  const cached = wantsCached(body);
  const inTok = inputTokens(body);
  const usage = {
    input_tokens: inTok,
    input_tokens_details: { cached_tokens: cached ? CACHED_TOKENS : 0 },
    output_tokens: OUTPUT_TOKENS,
    output_tokens_details: { reasoning_tokens: cached ? REASONING_TOKENS : 0 },
    total_tokens: inTok + OUTPUT_TOKENS,
  };
  const part = (t: string): Obj => ({ type: 'output_text', annotations: [], logprobs: [], text: t });
  const item = (status: string, content: Obj[]): Obj => ({
    id: msgId,
    type: 'message',
    status,
    content,
    role: 'assistant',
  });
  const response = (status: string, output: Obj[], u: Obj | null): Obj => ({
    id,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store !== false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: u,
    user: typeof body.user === 'string' ? body.user : null,
    metadata: isObj(body.metadata) ? body.metadata : {},
  });
  const done = item('completed', [part(text)]);
  const tool = responsesToolToCall(body);

  if (body.stream !== true) {
    const output = tool === undefined ? [done] : [responsesCall(tool, 'completed', TOOL_ARGUMENTS)];
    sendJson(res, 'openai', 200, response('completed', output, usage));
    return undefined;
  }
  let seq = 0;
  const ev = (type: string, fields: Obj): string =>
    sseEvent(type, { type, sequence_number: seq++, ...fields });
  const plan: StreamPlan = { head: [], deltas: [], tail: [] };
  if (tool !== undefined) {
    const call = responsesCall(tool, 'completed', TOOL_ARGUMENTS);
    plan.head.push(ev('response.created', { response: response('in_progress', [], null) }));
    plan.head.push(
      ev('response.output_item.added', { output_index: 0, item: responsesCall(tool, 'in_progress', '') }),
    );
    for (const piece of TOOL_ARGUMENT_PIECES) {
      plan.deltas.push(
        ev('response.function_call_arguments.delta', { item_id: call.id, output_index: 0, delta: piece }),
      );
    }
    plan.tail.push(
      ev('response.function_call_arguments.done', {
        item_id: call.id,
        output_index: 0,
        arguments: TOOL_ARGUMENTS,
      }),
    );
    plan.tail.push(ev('response.output_item.done', { output_index: 0, item: call }));
    plan.tail.push(ev('response.completed', { response: response('completed', [call], usage) }));
    return playStream(res, 'openai', plan, sw);
  }
  plan.head.push(ev('response.created', { response: response('in_progress', [], null) }));
  plan.head.push(ev('response.in_progress', { response: response('in_progress', [], null) }));
  plan.head.push(ev('response.output_item.added', { output_index: 0, item: item('in_progress', []) }));
  plan.head.push(
    ev('response.content_part.added', { item_id: msgId, output_index: 0, content_index: 0, part: part('') }),
  );
  for (const d of replyDeltas(model)) {
    plan.deltas.push(
      ev('response.output_text.delta', {
        item_id: msgId,
        output_index: 0,
        content_index: 0,
        delta: d,
        logprobs: [],
      }),
    );
  }
  plan.tail.push(
    ev('response.output_text.done', {
      item_id: msgId,
      output_index: 0,
      content_index: 0,
      text,
      logprobs: [],
    }),
  );
  plan.tail.push(
    ev('response.content_part.done', { item_id: msgId, output_index: 0, content_index: 0, part: part(text) }),
  );
  plan.tail.push(ev('response.output_item.done', { output_index: 0, item: done }));
  plan.tail.push(ev('response.completed', { response: response('completed', [done], usage) }));
  return playStream(res, 'openai', plan, sw);
}

function listModels(res: ServerResponse, headers: IncomingHttpHeaders): void {
  if (headers['anthropic-version'] !== undefined) {
    const data = ANTHROPIC_MODELS.map((id) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: '2025-01-01T00:00:00Z',
    }));
    sendJson(res, 'anthropic', 200, {
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data[data.length - 1]?.id ?? null,
    });
    return;
  }
  const created = 1_700_000_000;
  sendJson(res, 'openai', 200, {
    object: 'list',
    data: OPENAI_MODELS.map((id) => ({ id, object: 'model', created, owned_by: 'system' })),
  });
}

// ---------------------------------------------------------------------------------------------------
// Anthropic

function anthropicUsage(body: Obj, outputTokens: number): Obj {
  const writes = isObj(body.metadata) && body.metadata.user_id === CACHE_WRITE_USER;
  const fiveMinutes = writes ? CACHE_WRITE_5M_TOKENS : 0;
  const oneHour = writes ? CACHE_WRITE_1H_TOKENS : 0;
  return {
    input_tokens: inputTokens(body),
    cache_creation_input_tokens: fiveMinutes + oneHour,
    cache_read_input_tokens: wantsCached(body) ? CACHED_TOKENS : 0,
    cache_creation: { ephemeral_5m_input_tokens: fiveMinutes, ephemeral_1h_input_tokens: oneHour },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** Validates what every `/messages*` request needs; returns the messages array, or undefined after a 400. */
function checkAnthropic(res: ServerResponse, headers: IncomingHttpHeaders, body: Obj): unknown[] | undefined {
  if (headers['anthropic-version'] === undefined) {
    sendError(res, 'anthropic', 400, 'anthropic-version: header is required');
    return undefined;
  }
  if (!Array.isArray(body.messages)) {
    sendError(res, 'anthropic', 400, 'messages: Field required');
    return undefined;
  }
  return body.messages;
}

function messages(
  res: ServerResponse,
  headers: IncomingHttpHeaders,
  body: Obj,
  sw: Switches,
): Promise<void> | undefined {
  const msgs = checkAnthropic(res, headers, body);
  if (msgs === undefined) return undefined;
  if (typeof body.max_tokens !== 'number') {
    sendError(res, 'anthropic', 400, 'max_tokens: Field required');
    return undefined;
  }
  if (msgs.length === 0) {
    sendError(res, 'anthropic', 400, 'messages: at least one message is required');
    return undefined;
  }
  const model = modelOf(body);
  const id = nextId('msg_01');
  const tool = toolToCall(body, 'anthropic');
  const toolId = tool === undefined ? '' : nextId('toolu_01');
  const stopReason = tool === undefined ? 'end_turn' : 'tool_use';

  if (body.stream !== true) {
    const content: Obj[] =
      tool === undefined
        ? [{ type: 'text', text: replyText(model) }]
        : [{ type: 'tool_use', id: toolId, name: tool, input: { ...TOOL_INPUT } }];
    sendJson(res, 'anthropic', 200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: anthropicUsage(body, OUTPUT_TOKENS),
    });
    return undefined;
  }

  const plan: StreamPlan = { head: [], deltas: [], tail: [] };
  plan.head.push(
    sseEvent('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: anthropicUsage(body, ANTHROPIC_START_OUTPUT_TOKENS),
      },
    }),
  );
  plan.head.push(
    sseEvent('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block:
        tool === undefined
          ? { type: 'text', text: '' }
          : { type: 'tool_use', id: toolId, name: tool, input: {} },
    }),
  );
  plan.head.push(sseEvent('ping', { type: 'ping' }));
  if (tool === undefined) {
    for (const d of replyDeltas(model)) {
      plan.deltas.push(
        sseEvent('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: d },
        }),
      );
    }
  } else {
    for (const piece of ['', ...TOOL_ARGUMENT_PIECES]) {
      plan.deltas.push(
        sseEvent('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'input_json_delta', partial_json: piece },
        }),
      );
    }
  }
  plan.tail.push(sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 }));
  plan.tail.push(
    sseEvent('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: OUTPUT_TOKENS },
    }),
  );
  plan.tail.push(sseEvent('message_stop', { type: 'message_stop' }));
  return playStream(res, 'anthropic', plan, sw);
}

function countTokens(res: ServerResponse, headers: IncomingHttpHeaders, body: Obj): void {
  if (checkAnthropic(res, headers, body) === undefined) return;
  sendJson(res, 'anthropic', 200, { input_tokens: inputTokens(body) });
}

// ---------------------------------------------------------------------------------------------------
// Server

const FAIL_STATUSES = [500, 429, 401, 403, 400] as const;

function routeOf(url: string): string {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  if (path.startsWith('/v1/')) path = path.slice(3);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  rawBody: string,
  options: FakeUpstreamOptions,
  requests: RecordedRequest[],
  answers: AnswerGate,
): Promise<void> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const route = routeOf(url);
  const format: Format = route.startsWith('/messages') ? 'anthropic' : 'openai';

  let body: unknown;
  let parseError = false;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      parseError = true;
    }
  }
  if (options.record !== false) {
    requests.push({ method, path: url, headers: { ...req.headers }, body, rawBody });
  }

  const key = providerKey(req.headers);
  if (key.includes('reset')) {
    req.socket.destroy();
    return;
  }
  if (key.includes('timeout')) return; // never answer; the socket closes when the client gives up.

  const latencyHeader = headerString(req.headers['x-fake-latency-ms']);
  const latency = latencyHeader !== undefined ? Number(latencyHeader) : (options.latencyMs ?? 0);
  if (latency > 0) await sleep(latency);
  if (answers.gate) await answers.gate;

  for (const status of FAIL_STATUSES) {
    if (key.includes(`fail-${status}`)) {
      sendError(res, format, status);
      return;
    }
  }

  if (method === 'GET') {
    if (route === '/models') return listModels(res, req.headers);
    return sendError(res, format, 404, `Invalid URL (${method} ${url})`);
  }
  if (method !== 'POST') return sendError(res, format, 404, `Invalid URL (${method} ${url})`);

  if (parseError || !isObj(body)) {
    return sendError(
      res,
      format,
      400,
      format === 'anthropic'
        ? 'There was an issue with the JSON body of your request.'
        : 'We could not parse the JSON body of your request.',
    );
  }
  const knownRoute =
    route === '/chat/completions' ||
    route === '/completions' ||
    route === '/embeddings' ||
    route === '/responses' ||
    route === '/messages' ||
    route === '/messages/count_tokens';
  if (!knownRoute) return sendError(res, format, 404, `Invalid URL (${method} ${url})`);
  if (typeof body.model !== 'string' || body.model === '') {
    return sendError(
      res,
      format,
      400,
      format === 'anthropic' ? 'model: Field required' : 'you must provide a model parameter',
      'model',
    );
  }

  if (body.model.includes('does-not-exist')) {
    return format === 'anthropic'
      ? sendError(res, format, 404, `model: ${body.model}`)
      : sendError(
          res,
          format,
          404,
          `The model \`${body.model}\` does not exist or you do not have access to it.`,
          null,
          'model_not_found',
        );
  }

  const rawBytes = Buffer.byteLength(rawBody, 'utf8');
  if (key.includes('count-bytes')) forcedInputTokens.set(body, rawBytes);
  if (key.includes('count-over')) forcedInputTokens.set(body, 2 * rawBytes + 100_000);
  const sw: Switches = {
    breakStream: key.includes('break-stream'),
    slowStream: key.includes('slow-stream'),
    usageInLastChoice: key.includes('usage-in-last-choice'),
  };
  switch (route) {
    case '/chat/completions':
      return chatCompletions(res, body, sw);
    case '/completions':
      return legacyCompletions(res, body, sw);
    case '/embeddings':
      return embeddings(res, body);
    case '/responses':
      return responses(res, body, sw);
    case '/messages':
      return messages(res, req.headers, body, sw);
    default:
      return countTokens(res, req.headers, body);
  }
}

export function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const answers: AnswerGate = { gate: undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody =
        chunks.length === 0
          ? ''
          : chunks.length === 1
            ? chunks[0]!.toString()
            : Buffer.concat(chunks).toString();
      handle(req, res, rawBody, options, requests, answers).catch(() => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(
            '{"error":{"message":"fake upstream crashed","type":"server_error","param":null,"code":null}}',
          );
        } else {
          res.destroy();
        }
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host ?? '127.0.0.1';
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        requests,
        reset: () => {
          requests.length = 0;
        },
        holdAnswers: () => {
          let release!: () => void;
          answers.gate = new Promise((resolve) => {
            release = resolve;
          });
          return () => {
            answers.gate = undefined;
            release();
          };
        },
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
