import type { SchemaObject } from './openapi-types.js';
import {
  arrayOf,
  flag,
  int32,
  int64,
  listEnvelope,
  nullable,
  ref,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Usage events (one per upstream attempt), the per-request view and the daily overview. */

const usageEventProperties = {
  id: text('Unique identifier for this attempt event (`ue_…`).'),
  eventTime: timestamp('Timestamp at which the upstream attempt completed.'),
  requestId: text('ID linking attempts that belong to the same client request (`rq_…`).'),
  accessKeyId: text('The access key that originated the request.'),
  provider: text('AI provider canonical ID, for example `openai`.'),
  providerDisplayName: text('Human-readable provider name.'),
  model: text('Model canonical ID, for example `gpt-4o-mini`.'),
  modelDisplayName: text('Human-readable model name.'),
  attemptNumber: int32('1-based attempt index in the retry chain.'),
  isFinalAttempt: flag('True if this was the terminal attempt for the request.'),
  statusCode: int32('HTTP status code returned by the upstream provider.'),
  timedOut: flag('True if the attempt timed out.'),
  isError: flag('True if this attempt was an error (timed out or HTTP 4xx/5xx).'),
  isStreaming: flag('True if the request was a streaming response.'),
  stopReason: text('Provider-reported finish reason (empty when none was reported).'),
  inputTokens: int64('Provider-reported input tokens.'),
  outputTokens: int64('Provider-reported output tokens.'),
  cacheReadTokens: int64('Tokens read from the provider cache.'),
  reasoningTokens: int64('Reasoning tokens reported by the provider.'),
  cacheWriteTokens: int64(
    'Tollgate addition: tokens written to the provider cache (Anthropic cache creation).',
  ),
  totalCost: text('Total cost in US dollars as a decimal string (5-place fractional precision).'),
  keySource: text(
    'Source of the provider credential: `ngrok` for managed inference, `user` for BYOK provider keys.',
    {
      enum: ['ngrok', 'user'],
    },
  ),
  virtualModel: text('The virtual model the client named, when this attempt went to one of its targets.'),
  providerKeyId: text('The provider key used, when `keySource` is `user`. Absent otherwise.'),
  providerKeyDisplayName: text('Redacted display form of the provider key, when `keySource` is `user`.'),
  costNanoUsd: int64('Tollgate addition: the exact cost of this attempt in nano-dollars (1e-9 USD).', {
    minimum: 0,
  }),
  usageEstimated: flag(
    'Tollgate addition: true when some token counts were estimated with a tokenizer (a stream that ended early).',
  ),
  firewallPolicyId: nullable(
    text('Tollgate addition: the firewall policy that applied to the request (`aigfp_…`), null for none.'),
  ),
  firewallRule: nullable(text('Tollgate addition: the firewall rule that decided, null when none matched.')),
  firewallDecision: nullable(
    text('Tollgate addition: the firewall decision over the request (dry runs: `would_…`).', {
      enum: ['allowed', 'stripped', 'blocked', 'would_strip', 'would_block', null],
    }),
  ),
};

const usageEventRequired = Object.keys(usageEventProperties).filter(
  (name) => name !== 'providerKeyId' && name !== 'providerKeyDisplayName' && name !== 'virtualModel',
);

const exactCost = int64('Tollgate addition: the same cost, exactly, in nano-dollars (1e-9 USD).', {
  minimum: 0,
});

const chargeComponent = responseObject(['tokens', 'costNanoUsd', 'cost'], {
  tokens: int64('Tokens charged in this component.'),
  costNanoUsd: int64('What they cost, in nano-dollars (each component rounded down on its own).', {
    minimum: 0,
  }),
  cost: text('The same cost in US dollars, 9-place decimal string.'),
});

const unitPrice = (what: string) =>
  nullable(text(`USD per 1M ${what} tokens charged, exact decimal string; null when not charged.`));

const chargeComponents = [
  'input',
  'cachedInput',
  'cacheWrite5m',
  'cacheWrite1h',
  'output',
  'reasoning',
  'fee',
];

const windowCounts = {
  requests: int64('Final-attempt request count.'),
  errors: int64('Errored final-attempt count.'),
};

export const usageSchemas: Record<string, SchemaObject> = {
  AIGatewayUsageEvent: responseObject(usageEventRequired, usageEventProperties),
  AIGatewayUsageList: listEnvelope(
    'aiGatewayUsage',
    'AIGatewayUsageEvent',
    'A page of AI Gateway usage events, ordered newest first.',
  ),
  AIGatewayUsageOverviewBucket: responseObject(
    ['bucketStart', 'groupKey', 'cost', 'costNanoUsd', 'requests', 'errors'],
    {
      bucketStart: timestamp('Start of the UTC day bucket.'),
      groupKey: text('Provider ID, access key ID or model, depending on groupBy.'),
      cost: text('Cost in US dollars as a decimal string, summed over all attempts.'),
      costNanoUsd: exactCost,
      ...windowCounts,
    },
  ),
  AIGatewayUsageOverviewTotals: responseObject(['cost', 'costNanoUsd', 'requests', 'errors'], {
    cost: text('Total cost over the window in US dollars as a decimal string.'),
    costNanoUsd: exactCost,
    ...windowCounts,
  }),
  AIGatewayUsageOverview: responseObject(['uri', 'buckets', 'totals'], {
    uri: text('URI of this overview resource.'),
    buckets: arrayOf(ref('AIGatewayUsageOverviewBucket'), 'Daily series ordered by day then group key.'),
    totals: ref('AIGatewayUsageOverviewTotals'),
  }),
  AIGatewayUsageCharge: responseObject(['effectiveFrom', 'tier', 'unitPricesPerMTok', 'components'], {
    effectiveFrom: nullable(
      text("The catalog price's effectiveFrom date; null when no model price was charged."),
    ),
    tier: nullable(
      responseObject(['aboveInputTokens'], {
        aboveInputTokens: int64("The long-context threshold the request's input was above."),
      }),
    ),
    unitPricesPerMTok: responseObject(
      ['input', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'output', 'fee'],
      {
        input: unitPrice('uncached input'),
        cachedInput: unitPrice('cache-read input'),
        cacheWrite5m: unitPrice('5-minute cache-write'),
        cacheWrite1h: unitPrice('1-hour cache-write'),
        output: unitPrice('output (and reasoning)'),
        fee: unitPrice('processing-fee'),
      },
    ),
    components: responseObject(
      chargeComponents,
      Object.fromEntries(chargeComponents.map((name) => [name, chargeComponent])),
    ),
  }),
  AIGatewayUsageAttempt: responseObject(
    ['event', 'served', 'retryAction', 'completion', 'upstreamDurationMs', 'charge', 'upstreamRequestId'],
    {
      event: ref('AIGatewayUsageEvent'),
      served: flag('True for the attempt whose response the client received; at most one per request.'),
      retryAction: nullable(
        text('What the gateway did after this attempt.', {
          enum: [
            'succeeded',
            'next_key',
            'next_quota_pool',
            'next_backend',
            'managed_fallback',
            'retry_same_backend',
            'fail_fast',
            'exhausted',
            null,
          ],
        }),
      ),
      completion: text('How the attempt ended.', {
        enum: ['succeeded', 'failed', 'timed_out', 'stream_failed', 'unknown'],
      }),
      upstreamDurationMs: int64('Time spent waiting on the upstream for this attempt, in milliseconds.', {
        minimum: 0,
      }),
      charge: {
        allOf: [ref('AIGatewayUsageCharge')],
        nullable: true,
        description:
          'Tollgate addition: what each component cost, at the unit prices charged; null for events recorded before Tollgate stored it.',
      },
      upstreamRequestId: nullable(
        text(
          "Tollgate addition: the provider's own request id (`x-request-id` / `request-id`) for this attempt, null when it sent none.",
        ),
      ),
    },
  ),
  AIGatewayUsageRequest: responseObject(['uri', 'requestId', 'attempts'], {
    uri: text('URI of this resource.'),
    requestId: text('The request (`rq_…`), as sent in the `Tollgate-Request-Id` response header.'),
    attempts: arrayOf(ref('AIGatewayUsageAttempt'), 'Every upstream attempt of the request, in order.'),
    capture: {
      allOf: [ref('RequestCapture')],
      description:
        "Tollgate addition: the request's captured bodies, present only when the account had capture on and the capture has not expired.",
    },
  }),
};
