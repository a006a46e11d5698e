import type { FastifyInstance } from 'fastify';
import type { GatewayConfig, GatewayConfigStore } from '../../domain/gateway-config/gateway-config-store.js';
import { formatGoDuration } from '../../domain/gateway-config/go-duration.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import { callerOf } from '../admin-context.js';
import type { AdminCaller } from '../resource-views.js';
import {
  type GatewayConfig as GatewayConfigView,
  gatewayConfigUpdateSchema,
} from '../schemas/gateway-config-schemas.js';
import { parseInput } from '../validation.js';

function view(caller: AdminCaller, config: GatewayConfig): GatewayConfigView {
  return {
    accountId: config.accountId,
    uri: `${caller.baseUrl}/gateway-config`,
    perRequestTimeout: formatGoDuration(config.perRequestTimeoutMs),
    totalTimeout: formatGoDuration(config.totalTimeoutMs),
    maxInputTokens: config.maxInputTokens,
    maxOutputTokens: config.maxOutputTokens,
    metadata: config.metadata,
    captureBodies: config.capture.enabled,
    captureRetention: formatGoDuration(config.capture.retentionSeconds * 1_000),
    captureMaxBodyBytes: config.capture.maxBodyBytes,
  };
}

/** `/gateway-config`: the account's timeouts and token caps (the reference's AIGatewayConfig). */
/**
 * @param canSeal whether captures could be encrypted (an encryption key is configured): turning
 *   capture on without one is refused, as storing a provider key is.
 */
export function registerGatewayConfigRoutes(
  app: FastifyInstance,
  store: GatewayConfigStore,
  canSeal: () => boolean,
): void {
  app.get('/gateway-config', async (request) => {
    const caller = callerOf(request);
    return view(caller, await store.get(caller.accountId));
  });

  app.patch('/gateway-config', async (request) => {
    const caller = callerOf(request);
    const input = parseInput(gatewayConfigUpdateSchema, request.body);
    const current = await store.get(caller.accountId);
    const perRequest =
      input.perRequestTimeout === undefined ? current.perRequestTimeoutMs : input.perRequestTimeout;
    const total = input.totalTimeout === undefined ? current.totalTimeoutMs : input.totalTimeout;
    if (perRequest !== null && total !== null && perRequest > total) {
      throw new TollgateError(
        'validation_failed',
        'Invalid request: perRequestTimeout must not exceed totalTimeout',
        {
          details: { perRequestTimeout: 'must not exceed totalTimeout' },
        },
      );
    }
    if (input.captureBodies === true && !canSeal()) {
      throw new TollgateError(
        'encryption_not_configured',
        'Request capture stores bodies encrypted with TOLLGATE_ENCRYPTION_KEY, which is not set.',
      );
    }
    const updated = await store.update(caller.accountId, {
      per_request_timeout_ms: input.perRequestTimeout,
      total_timeout_ms: input.totalTimeout,
      max_input_tokens: input.maxInputTokens,
      max_output_tokens: input.maxOutputTokens,
      metadata: input.metadata,
      capture_enabled:
        input.captureBodies === undefined || input.captureBodies === null
          ? input.captureBodies
          : input.captureBodies
            ? 1
            : 0,
      capture_retention_seconds: input.captureRetention,
      capture_max_body_bytes: input.captureMaxBodyBytes,
    });
    return view(caller, updated);
  });
}
