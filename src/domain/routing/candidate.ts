import type { CatalogModel } from '../../providers/catalog/catalog-schema.js';
import type { Exchange } from '../../providers/exchange.js';
import type { ResolvedProvider } from '../../providers/provider-registry.js';
import type { CompiledConfiguration } from '../configurations/compiled-configuration.js';

export type Credential =
  | { source: 'user'; keyId: string; keyRedacted: string; value: string }
  | { source: 'ngrok'; value: string };

/** One (model, key) pair the gateway may try, in failover order. */
export interface Candidate {
  provider: ResolvedProvider;
  /** The model id sent upstream (catalog spelling when known, else as the client wrote it). */
  upstreamModel: string;
  catalogModel: CatalogModel | undefined;
  credential: Credential;
  exchange: Exchange;
  /** Index of the requested model (0 = `model`, 1+ = `models` fallbacks), for retry actions. */
  modelIndex: number;
  /** The virtual model this candidate is a target of, as its owner spells it. */
  virtualModel?: string;
}

export interface RoutingPlan {
  /** The key's configuration; undefined = allow-all with default routing. */
  configuration: CompiledConfiguration | undefined;
  candidates: Candidate[];
  /** Fallback models the key may not use, reported in `Tollgate-Rejected-Models`. */
  rejectedModels: string[];
}
