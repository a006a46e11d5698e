import { z } from 'zod';
import { captureLimits } from '../../domain/gateway-config/capture-limits.js';
import { durationPattern, parseGoDuration } from '../../domain/gateway-config/go-duration.js';
import { flag, int32, text } from './schema-fields.js';
import { component } from './schema-registry.js';

/** The account's gateway settings (`/gateway-config`): the reference's AIGatewayConfig plus capture. */

const maxTimeoutMs = 30 * 60_000;
const maxRetentionMs = captureLimits.maxRetentionSeconds * 1_000;

/** A Go duration as the document shows it; the request schemas parse it to a number. */
const durationText = (description: string) =>
  z.string().meta({
    description: `${description} (Go duration string, e.g. \`30s\`, \`1m\`).`,
    pattern: durationPattern.source,
  });

const tokenCapDescription = (direction: 'input' | 'output') =>
  `Maximum number of ${direction} tokens allowed per request. PATCH: omit to preserve, send \`null\` to clear ` +
  'the cap (no limit), or send a number to set it.';
const tokenCap = (direction: 'input' | 'output') =>
  z
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .meta({ description: tokenCapDescription(direction), format: 'int64' })
    .nullable();

const metadata = z
  .string()
  .max(4096)
  .describe(
    'Arbitrary user-defined metadata. PATCH: omit to preserve, `null` to clear. GET returns `null` when unset.',
  )
  .nullable();

const captureDescriptions = {
  captureBodies:
    'Tollgate addition: capture request and response bodies of every access key of the account. Off by default.',
  captureRetention:
    'Tollgate addition: how long a capture is kept (Go duration, 1m to ' +
    `${captureLimits.maxRetentionSeconds / 3600}h; default \`${captureLimits.defaultRetentionSeconds / 3600}h\`).`,
  captureMaxBodyBytes:
    'Tollgate addition: each captured body is cut at this many bytes ' +
    `(${captureLimits.minBodyBytes} to ${captureLimits.maxBodyBytes}; default ${captureLimits.defaultMaxBodyBytes}).`,
};

export const gatewayConfigSchema = component(
  'AIGatewayConfig',
  z.object({
    accountId: text('Unique identifier of the account this configuration belongs to.'),
    uri: text('URI of this AI Gateway Configuration API resource.'),
    totalTimeout: durationText(
      'Total timeout for a request through the gateway, all attempts included; default `120s`',
    ),
    perRequestTimeout: durationText('Timeout of one upstream attempt; default `60s`'),
    maxInputTokens: tokenCap('input'),
    maxOutputTokens: tokenCap('output'),
    metadata,
    captureBodies: flag(captureDescriptions.captureBodies),
    captureRetention: text(captureDescriptions.captureRetention),
    captureMaxBodyBytes: int32(captureDescriptions.captureMaxBodyBytes),
  }),
);
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** A Go duration within bounds, as milliseconds; `message` says the bounds when it is not. */
function boundedDuration(description: string, accepts: (ms: number) => boolean, message: string) {
  return durationText(description).transform((value, context) => {
    const ms = parseGoDuration(value);
    if (ms === undefined || !accepts(ms)) {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return ms;
  });
}

const timeout = (description: string) =>
  boundedDuration(
    description,
    (ms) => ms <= maxTimeoutMs,
    'must be a Go duration between 1ms and 30m, e.g. "60s" or "2m"',
  ).nullable();

export const gatewayConfigUpdateSchema = component(
  'AIGatewayConfigUpdate',
  z.strictObject({
    totalTimeout: timeout('Total timeout, at most `30m`; `null` restores the default').optional(),
    perRequestTimeout: timeout(
      'Timeout of one attempt, at most `totalTimeout`; `null` restores the default',
    ).optional(),
    maxInputTokens: tokenCap('input').optional(),
    maxOutputTokens: tokenCap('output').optional(),
    metadata: metadata.optional(),
    captureBodies: flag(captureDescriptions.captureBodies).nullable().optional(),
    // Stored in seconds.
    captureRetention: boundedDuration(
      captureDescriptions.captureRetention,
      (ms) => ms >= 60_000 && ms <= maxRetentionMs,
      'must be a Go duration between 1m and 720h, e.g. "168h"',
    )
      .transform((ms) => Math.floor(ms / 1_000))
      .nullable()
      .optional(),
    captureMaxBodyBytes: z
      .number()
      .int()
      .min(captureLimits.minBodyBytes)
      .max(captureLimits.maxBodyBytes)
      .meta({ description: captureDescriptions.captureMaxBodyBytes, format: 'int32' })
      .nullable()
      .optional(),
  }),
);
