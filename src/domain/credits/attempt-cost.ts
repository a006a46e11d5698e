import { costNanoUsd } from '../../providers/catalog/pricing.js';
import type { NormalizedUsage } from '../../providers/types.js';

export interface ModelPrices {
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number | undefined;
}

export type KeySource = 'ngrok' | 'user';

/** The prices used, recorded on the usage event so a bill can be re-derived later. */
export interface AppliedPricing {
  feePerMTokUsd: number;
  model: ModelPrices | null;
}

/**
 * The cost of one attempt in integer nano-dollars: the processing fee on all tokens, plus,
 * for managed inference, the model's catalog price with cached input priced on its own.
 * With a user (BYOK) key the provider bills the model cost, so only the fee is charged.
 */
export function attemptCost(
  usage: NormalizedUsage,
  keySource: KeySource,
  modelPrices: ModelPrices | undefined,
  feePerMTokUsd: number,
): { costNanoUsd: number; pricing: AppliedPricing } {
  let cost = feePerMTokUsd === 0 ? 0 : costNanoUsd(usage.inputTokens + usage.outputTokens, feePerMTokUsd);
  const chargeModel = keySource === 'ngrok' && modelPrices !== undefined;
  if (chargeModel) {
    const cachedPrice = modelPrices.cachedInputPerMTok ?? modelPrices.inputPerMTok;
    const uncachedInput = Math.max(0, usage.inputTokens - usage.cacheReadTokens);
    cost +=
      costNanoUsd(uncachedInput, modelPrices.inputPerMTok) +
      costNanoUsd(usage.cacheReadTokens, cachedPrice) +
      costNanoUsd(usage.outputTokens, modelPrices.outputPerMTok);
  }
  return { costNanoUsd: cost, pricing: { feePerMTokUsd, model: chargeModel ? modelPrices : null } };
}
