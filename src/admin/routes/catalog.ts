import type { FastifyInstance } from 'fastify';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { CatalogModel } from '../../providers/catalog/catalog-schema.js';
import type { CatalogInForce } from '../../providers/live-catalog.js';
import { callerOf } from '../admin-context.js';
import type { CatalogPricingView, CatalogView } from '../schemas/catalog-schemas.js';

function pricingView(pricing: NonNullable<CatalogModel['pricing']>): CatalogPricingView {
  const prices = (set: Omit<typeof pricing, 'effectiveFrom' | 'tiers' | 'verifiedAgainst'>) => ({
    inputPerMTok: set.inputPerMTok,
    outputPerMTok: set.outputPerMTok,
    cachedInputPerMTok: set.cachedInputPerMTok ?? null,
    cacheWritePerMTok: set.cacheWritePerMTok ?? null,
  });
  return {
    effectiveFrom: pricing.effectiveFrom,
    ...prices(pricing),
    tiers: (pricing.tiers ?? []).map((tier) => ({
      aboveInputTokens: tier.aboveInputTokens,
      ...prices(tier),
    })),
    verifiedAgainst: pricing.verifiedAgainst ?? null,
  };
}

/**
 * `GET /catalog` (operator only): the providers' models and the prices in force in this
 * process, as published (USD per 1M tokens), with where the catalog came from and when it was
 * loaded, so an operator can confirm what a SIGHUP reload put in place.
 */
export function registerCatalogRoutes(app: FastifyInstance, inForce: () => CatalogInForce): void {
  app.get('/catalog', async (request): Promise<CatalogView> => {
    const caller = callerOf(request);
    // Like /accounts: for any other key the path reads as missing.
    if (!caller.isOperator) throw new TollgateError('not_found', 'Not found.');
    const { configured, loadedAt } = inForce();
    const { catalog } = configured;
    return {
      uri: `${caller.baseUrl}/catalog`,
      version: catalog.version,
      reviewedOn: catalog.reviewedOn ?? null,
      origin: configured.origin,
      loadedAt,
      models: catalog.models.map((model) => ({
        provider: model.provider,
        id: model.id,
        name: model.name,
        contextWindow: model.contextWindow,
        maxOutputTokens: model.maxOutputTokens,
        retired: model.retired
          ? { on: model.retired.on ?? null, replacement: model.retired.replacement ?? null }
          : null,
        pricing: model.pricing ? pricingView(model.pricing) : null,
      })),
    };
  });
}
