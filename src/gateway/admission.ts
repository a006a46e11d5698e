import type { CompiledConfiguration } from '../domain/configurations/compiled-configuration.js';
import type { GatewayConfig } from '../domain/gateway-config/gateway-config-store.js';
import type { LimitAdmission } from '../domain/limits/limit-admission.js';
import { TollgateError } from '../errors/tollgate-error.js';
import type { JsonBody } from '../providers/exchange.js';
import { outputTokenFields } from '../providers/output-limits.js';
import type { ApiSurface } from '../providers/types.js';

/**
 * Step 5 of the flow, before any upstream call: the account's token caps, then the key's
 * rate and spend limits. Returns the body to forward (with `maxOutputTokens` applied).
 */
export async function admitRequest(
  body: JsonBody,
  inputTokens: () => number,
  surface: ApiSurface,
  gatewayConfig: GatewayConfig,
  configuration: CompiledConfiguration | undefined,
  accessKeyId: string,
  limits: LimitAdmission,
): Promise<JsonBody> {
  if (gatewayConfig.maxInputTokens !== null) {
    const estimate = inputTokens();
    if (estimate > gatewayConfig.maxInputTokens) {
      throw new TollgateError(
        'input_too_large',
        `Input too large: ${estimate} tokens (max ${gatewayConfig.maxInputTokens}).`,
      );
    }
  }
  await limits.admit(accessKeyId, configuration?.limits);
  return gatewayConfig.maxOutputTokens === null || surface === 'embeddings'
    ? body
    : capOutputTokens(body, surface, gatewayConfig.maxOutputTokens);
}

/** The first output-length field present is capped; without one, the surface's own field is added. */
function capOutputTokens(body: JsonBody, surface: ApiSurface, cap: number): JsonBody {
  const present = outputTokenFields.find((field) => typeof body[field] === 'number');
  if (present) return (body[present] as number) > cap ? { ...body, [present]: cap } : body;
  const field =
    surface === 'responses'
      ? 'max_output_tokens'
      : surface === 'chat-completions'
        ? 'max_completion_tokens'
        : 'max_tokens';
  return { ...body, [field]: cap };
}
