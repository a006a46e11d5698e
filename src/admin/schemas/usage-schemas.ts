import { z } from 'zod';
import { firewallDecisions } from '../../domain/firewall/firewall-verdict.js';
import { completions, keySources, retryActions } from '../../domain/usage/usage-event-values.js';
import { requestCaptureSchema } from './capture-schemas.js';
import { flag, int32, int64, listSchema, text, timestamp } from './schema-fields.js';
import { component } from './schema-registry.js';

/** Usage events (one per upstream attempt), the per-request view and the daily overview. */

const nonNegative = (description: string) => z.number().int().min(0).meta({ description, format: 'int64' });

export const usageEventSchema = component(
  'AIGatewayUsageEvent',
  z.object({
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
    keySource: z
      .enum(keySources)
      .describe(
        'Source of the provider credential: `ngrok` for managed inference, `user` for BYOK provider keys.',
      ),
    virtualModel: text(
      'The virtual model the client named, when this attempt went to one of its targets.',
    ).optional(),
    providerKeyId: text('The provider key used, when `keySource` is `user`. Absent otherwise.').optional(),
    providerKeyDisplayName: text(
      'Redacted display form of the provider key, when `keySource` is `user`.',
    ).optional(),
    costNanoUsd: nonNegative('Tollgate addition: the exact cost of this attempt in nano-dollars (1e-9 USD).'),
    usageEstimated: flag(
      'Tollgate addition: true when some token counts were estimated with a tokenizer (a stream that ended early).',
    ),
    firewallPolicyId: text(
      'Tollgate addition: the firewall policy that applied to the request (`aigfp_…`), null for none.',
    ).nullable(),
    firewallRule: text(
      'Tollgate addition: the firewall rule that decided, null when none matched.',
    ).nullable(),
    firewallDecision: z
      .enum(firewallDecisions)
      .describe('Tollgate addition: the firewall decision over the request (dry runs: `would_…`).')
      .nullable(),
  }),
);
export type UsageEvent = z.output<typeof usageEventSchema>;

export const usageListSchema = component(
  'AIGatewayUsageList',
  listSchema('aiGatewayUsage', usageEventSchema, 'A page of AI Gateway usage events, ordered newest first.'),
);
export type UsageList = z.output<typeof usageListSchema>;

const windowCounts = {
  requests: int64('Final-attempt request count.'),
  errors: int64('Errored final-attempt count.'),
};
const exactCost = nonNegative('Tollgate addition: the same cost, exactly, in nano-dollars (1e-9 USD).');

export const usageBucketSchema = component(
  'AIGatewayUsageOverviewBucket',
  z.object({
    bucketStart: timestamp('Start of the UTC day bucket.'),
    groupKey: text('Provider ID, access key ID or model, depending on groupBy.'),
    cost: text('Cost in US dollars as a decimal string, summed over all attempts.'),
    costNanoUsd: exactCost,
    ...windowCounts,
  }),
);
export type UsageBucket = z.output<typeof usageBucketSchema>;

export const usageTotalsSchema = component(
  'AIGatewayUsageOverviewTotals',
  z.object({
    cost: text('Total cost over the window in US dollars as a decimal string.'),
    costNanoUsd: exactCost,
    ...windowCounts,
  }),
);

export const usageOverviewSchema = component(
  'AIGatewayUsageOverview',
  z.object({
    uri: text('URI of this overview resource.'),
    buckets: z.array(usageBucketSchema).describe('Daily series ordered by day then group key.'),
    totals: usageTotalsSchema,
  }),
);
export type UsageOverview = z.output<typeof usageOverviewSchema>;

const chargeComponentSchema = z.object({
  tokens: int64('Tokens charged in this component.'),
  costNanoUsd: nonNegative('What they cost, in nano-dollars (each component rounded down on its own).'),
  cost: text('The same cost in US dollars, 9-place decimal string.'),
});
export type ChargeComponent = z.output<typeof chargeComponentSchema>;

const unitPrice = (what: string) =>
  text(`USD per 1M ${what} tokens charged, exact decimal string; null when not charged.`).nullable();

export const chargeSchema = component(
  'AIGatewayUsageCharge',
  z.object({
    effectiveFrom: text(
      "The catalog price's effectiveFrom date; null when no model price was charged.",
    ).nullable(),
    tier: z
      .object({ aboveInputTokens: int64("The long-context threshold the request's input was above.") })
      .nullable(),
    unitPricesPerMTok: z.object({
      input: unitPrice('uncached input'),
      cachedInput: unitPrice('cache-read input'),
      cacheWrite5m: unitPrice('5-minute cache-write'),
      cacheWrite1h: unitPrice('1-hour cache-write'),
      output: unitPrice('output (and reasoning)'),
      fee: unitPrice('processing-fee'),
    }),
    components: z.object({
      input: chargeComponentSchema,
      cachedInput: chargeComponentSchema,
      cacheWrite5m: chargeComponentSchema,
      cacheWrite1h: chargeComponentSchema,
      output: chargeComponentSchema,
      reasoning: chargeComponentSchema,
      fee: chargeComponentSchema,
    }),
  }),
);
export type Charge = z.output<typeof chargeSchema>;

export const usageAttemptSchema = component(
  'AIGatewayUsageAttempt',
  z.object({
    event: usageEventSchema,
    served: flag('True for the attempt whose response the client received; at most one per request.'),
    retryAction: z.enum(retryActions).describe('What the gateway did after this attempt.').nullable(),
    completion: z.enum(completions).describe('How the attempt ended.'),
    upstreamDurationMs: nonNegative('Time spent waiting on the upstream for this attempt, in milliseconds.'),
    charge: chargeSchema
      .nullable()
      .describe(
        'Tollgate addition: what each component cost, at the unit prices charged; null for events recorded before Tollgate stored it.',
      ),
    upstreamRequestId: text(
      "Tollgate addition: the provider's own request id (`x-request-id` / `request-id`) for this attempt, null when it sent none.",
    ).nullable(),
  }),
);
export type UsageAttempt = z.output<typeof usageAttemptSchema>;

export const usageRequestSchema = component(
  'AIGatewayUsageRequest',
  z.object({
    uri: text('URI of this resource.'),
    requestId: text('The request (`rq_…`), as sent in the `Tollgate-Request-Id` response header.'),
    attempts: z.array(usageAttemptSchema).describe('Every upstream attempt of the request, in order.'),
    capture: requestCaptureSchema
      .optional()
      .describe(
        "Tollgate addition: the request's captured bodies, present only when the account had capture on and the capture has not expired.",
      ),
  }),
);
export type UsageRequest = z.output<typeof usageRequestSchema>;

const rfc3339 = z.iso.datetime({
  offset: true,
  error: (issue) => (issue.input === undefined ? 'required' : 'must be an RFC3339 timestamp'),
});
const windowQuery = { startTime: rfc3339, endTime: rfc3339.optional() };

/** `GET /usage`'s query string. */
export const usageListQuery = z.object({
  ...windowQuery,
  accessKeyId: z.string().min(1).optional(),
  firewallPolicyId: z.string().min(1).max(64).optional(),
  firewallRule: z.string().min(1).max(64).optional(),
  firewallDecision: z.enum(firewallDecisions).optional(),
  includeRetries: z.enum(['true', 'false']).default('false'),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});

/** `GET /usage/overview`'s query string; `model` is Tollgate's addition to provider | accessKey. */
export const usageOverviewQuery = z.object({
  ...windowQuery,
  groupBy: z.enum(['provider', 'accessKey', 'model']).default('provider'),
});
