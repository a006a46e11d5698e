import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const base64Key = optionalText.refine(
  (value) => value === undefined || Buffer.from(value, 'base64').length === 32,
  'must be 32 bytes, base64-encoded (for example: openssl rand -base64 32)',
);

const usdDecimal = z.coerce.number().min(0);
const positiveInt = z.coerce.number().int().positive();

/** Every environment variable Tollgate reads, with its default. Only this module reads process.env. */
const environmentSchema = z.object({
  TOLLGATE_GATEWAY_HOST: z.string().default('0.0.0.0'),
  TOLLGATE_GATEWAY_PORT: port.default(8080),
  TOLLGATE_ADMIN_HOST: z.string().default('127.0.0.1'),
  TOLLGATE_ADMIN_PORT: port.default(8081),
  TOLLGATE_DATABASE_URL: z
    .string()
    .default('sqlite:./.tollgate/tollgate.db')
    .refine(
      (value) => value.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(value),
      'must be sqlite:<path> or postgres://…',
    ),
  TOLLGATE_REDIS_URL: optionalText.refine(
    (value) => value === undefined || /^rediss?:\/\//.test(value),
    'must be redis://… or rediss://…',
  ),
  TOLLGATE_ENCRYPTION_KEY: base64Key,
  TOLLGATE_BOOTSTRAP_API_KEY: optionalText,
  TOLLGATE_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  TOLLGATE_FEE_PER_MTOK_USD: usdDecimal.default(0),
  TOLLGATE_CATALOG_FILE: optionalText,
  TOLLGATE_UPSTREAM_ALLOWLIST: optionalText,
  TOLLGATE_MAX_JSON_DEPTH: positiveInt.max(1_000).default(64),
  TOLLGATE_MAX_FALLBACK_MODELS: z.coerce.number().int().min(0).max(1_000).default(10),
  TOLLGATE_MAX_MODEL_NAME_LENGTH: positiveInt.max(4_096).default(256),
  TOLLGATE_MAX_CHOICES: positiveInt.max(10_000).default(128),
  TOLLGATE_MAX_OUTPUT_TOKENS: positiveInt.max(2 ** 31 - 1).default(1_048_576),
  TOLLGATE_MAX_HEADER_VALUE_LENGTH: positiveInt.min(64).max(16_384).default(1_024),
  TOLLGATE_TOKENIZER_MAX_CHARS: z.coerce.number().int().min(0).default(65_536),
  TOLLGATE_OVERSIZE_DRAIN_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024),
  TOLLGATE_USAGE_WRITE_WINDOW_MS: z.coerce.number().int().min(0).max(1_000).default(5),
  TOLLGATE_RATE_LIMIT_ON_FAILURE: z.enum(['open', 'closed']).default('open'),
  TOLLGATE_REDIS_COMMAND_TIMEOUT_MS: positiveInt.default(500),
  TOLLGATE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TOLLGATE_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).default(20),
  TOLLGATE_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(1_000).default(20),
  // OpenTelemetry's own variables (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/).
  OTEL_SDK_DISABLED: optionalText,
  OTEL_TRACES_EXPORTER: optionalText,
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.refine(
    (value) => value === undefined || URL.canParse(value),
    'must be a URL, e.g. http://127.0.0.1:4318',
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalText.refine(
    (value) => value === undefined || URL.canParse(value),
    'must be a URL, e.g. http://127.0.0.1:4318/v1/traces',
  ),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/protobuf', 'http/json'], {
      message: 'Tollgate exports http/protobuf or http/json (not grpc)',
    })
    .optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z
    .enum(['http/protobuf', 'http/json'], {
      message: 'Tollgate exports http/protobuf or http/json (not grpc)',
    })
    .optional(),
  OTEL_SERVICE_NAME: optionalText,
  OTEL_TRACES_SAMPLER: z
    .enum([
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ])
    .default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
});

export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/** Bounds on what one gateway request may ask for; each refused with a 4xx before any upstream call. */
export interface RequestLimits {
  /** Deepest nesting of arrays and objects in a JSON body. */
  maxJsonDepth: number;
  /** Most entries in `models` (fallbacks after `model`). */
  maxFallbackModels: number;
  /** Longest `model` or `models` entry, in characters. */
  maxModelNameLength: number;
  /** Largest `n` / `best_of`. */
  maxChoices: number;
  /** Largest `max_tokens` / `max_completion_tokens` / `max_output_tokens`. */
  maxOutputTokens: number;
  /** Longest value of a `Tollgate-*` header the gateway sends. */
  maxHeaderValueLength: number;
}

/** Where and how spans are exported; tracing is off (undefined) unless an OTLP endpoint is set. */
export interface TracingSettings {
  /** The full traces URL (`…/v1/traces`). */
  url: string;
  protocol: 'http/protobuf' | 'http/json';
  serviceName: string;
  sampler: z.infer<typeof environmentSchema>['OTEL_TRACES_SAMPLER'];
  /** The ratio of the `traceidratio` samplers (default 1). */
  samplerRatio: number;
}

export interface Settings {
  gateway: { host: string; port: number };
  admin: { host: string; port: number };
  database: DatabaseTarget;
  redisUrl: string | undefined;
  /** 32-byte key for provider keys at rest; undefined means provider-key writes are refused. */
  encryptionKey: Buffer | undefined;
  bootstrapApiKey: string | undefined;
  maxBodyBytes: number;
  requestLimits: RequestLimits;
  /** Characters per estimate counted with the tokenizer; the rest is bounded by its byte length. */
  tokenizerMaxChars: number;
  /** How much of an oversized body is read (and discarded) so that its 413 reaches the client. */
  oversizeDrainBytes: number;
  /** How long a usage event written after its answer waits for others to share its write. */
  usageWriteWindowMs: number;
  /** What rate limits do while their counter (Redis or the database) fails. */
  rateLimitOnFailure: 'open' | 'closed';
  redisCommandTimeoutMs: number;
  feePerMTokUsd: number;
  catalogFile: string | undefined;
  upstreamAllowlist: string[];
  /** Base URL overrides for built-in providers, keyed by provider id (lowercase). */
  providerBaseUrls: ReadonlyMap<string, string>;
  /** Operator keys for managed inference, keyed by provider id (lowercase). */
  managedApiKeys: ReadonlyMap<string, string>;
  logLevel: z.infer<typeof environmentSchema>['TOLLGATE_LOG_LEVEL'];
  /** How long a stopping gateway lets requests and streams in flight finish before it cuts them. */
  shutdownGraceMs: number;
  /** How far past its live size the old generation may grow before a full collection (0: V8's own). */
  heapGrowthPercent: number;
  tracing: TracingSettings | undefined;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Parses the environment once; the result is frozen. Messages name the variable at fault. */
export function loadSettings(environment: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new SettingsError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  const database = parseDatabaseUrl(env.TOLLGATE_DATABASE_URL);
  return Object.freeze({
    gateway: { host: env.TOLLGATE_GATEWAY_HOST, port: env.TOLLGATE_GATEWAY_PORT },
    admin: { host: env.TOLLGATE_ADMIN_HOST, port: env.TOLLGATE_ADMIN_PORT },
    database,
    redisUrl: env.TOLLGATE_REDIS_URL,
    encryptionKey: env.TOLLGATE_ENCRYPTION_KEY
      ? Buffer.from(env.TOLLGATE_ENCRYPTION_KEY, 'base64')
      : undefined,
    bootstrapApiKey: env.TOLLGATE_BOOTSTRAP_API_KEY,
    maxBodyBytes: env.TOLLGATE_MAX_BODY_BYTES,
    requestLimits: Object.freeze({
      maxJsonDepth: env.TOLLGATE_MAX_JSON_DEPTH,
      maxFallbackModels: env.TOLLGATE_MAX_FALLBACK_MODELS,
      maxModelNameLength: env.TOLLGATE_MAX_MODEL_NAME_LENGTH,
      maxChoices: env.TOLLGATE_MAX_CHOICES,
      maxOutputTokens: env.TOLLGATE_MAX_OUTPUT_TOKENS,
      maxHeaderValueLength: env.TOLLGATE_MAX_HEADER_VALUE_LENGTH,
    }),
    tokenizerMaxChars: env.TOLLGATE_TOKENIZER_MAX_CHARS,
    oversizeDrainBytes: env.TOLLGATE_OVERSIZE_DRAIN_BYTES,
    usageWriteWindowMs: env.TOLLGATE_USAGE_WRITE_WINDOW_MS,
    rateLimitOnFailure: env.TOLLGATE_RATE_LIMIT_ON_FAILURE,
    redisCommandTimeoutMs: env.TOLLGATE_REDIS_COMMAND_TIMEOUT_MS,
    feePerMTokUsd: env.TOLLGATE_FEE_PER_MTOK_USD,
    catalogFile: env.TOLLGATE_CATALOG_FILE,
    upstreamAllowlist: (env.TOLLGATE_UPSTREAM_ALLOWLIST ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
    providerBaseUrls: collectPerProvider(environment, /^TOLLGATE_PROVIDER_([A-Z0-9_]+)_BASE_URL$/),
    managedApiKeys: collectPerProvider(environment, /^TOLLGATE_MANAGED_([A-Z0-9_]+)_API_KEY$/),
    logLevel: env.TOLLGATE_LOG_LEVEL,
    shutdownGraceMs: env.TOLLGATE_SHUTDOWN_GRACE_SECONDS * 1000,
    heapGrowthPercent: env.TOLLGATE_HEAP_GROWTH_PERCENT,
    tracing: tracingSettings(env),
  });
}

/**
 * Tracing is on when an OTLP endpoint is given, as the OpenTelemetry SDKs read it: the traces
 * endpoint as is, else the base endpoint + `/v1/traces`; off with `OTEL_SDK_DISABLED=true` or
 * `OTEL_TRACES_EXPORTER=none`.
 */
function tracingSettings(env: z.infer<typeof environmentSchema>): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === 'true' || env.OTEL_TRACES_EXPORTER === 'none')
    return undefined;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base && `${base.replace(/\/+$/, '')}/v1/traces`);
  if (!url) return undefined;
  return {
    url,
    protocol: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    serviceName: env.OTEL_SERVICE_NAME ?? 'tollgate',
    sampler: env.OTEL_TRACES_SAMPLER,
    samplerRatio: env.OTEL_TRACES_SAMPLER_ARG ?? 1,
  };
}

function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    return { dialect: 'sqlite', path: url.slice('sqlite:'.length) || ':memory:' };
  }
  return { dialect: 'postgres', url };
}

/** Provider ids are lowercase with dashes; env names are uppercase with underscores. */
function collectPerProvider(environment: NodeJS.ProcessEnv, pattern: RegExp): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  for (const [name, value] of Object.entries(environment)) {
    const match = pattern.exec(name);
    if (match?.[1] && value && value.trim() !== '') {
      found.set(match[1].toLowerCase().replaceAll('_', '-'), value.trim());
    }
  }
  return found;
}
