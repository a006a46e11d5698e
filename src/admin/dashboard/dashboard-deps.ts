import type { ResolvedProvider } from '../../providers/provider-registry.js';
import type { ApiKeyIdentity } from '../api-key-authenticator.js';
import type { CredentialHeaders } from './session-credentials.js';

/** The same API key check the admin auth hook uses (it reads `authorization`). */
export type DashboardAuthenticate = (headers: CredentialHeaders) => Promise<ApiKeyIdentity>;

export interface DashboardDeps {
  authenticate: DashboardAuthenticate;
  /** The built-in providers with the operator's overrides (`services.builtIns.all()`). */
  builtInProviders(): readonly ResolvedProvider[];
  /** The built web app; defaults to `web/dist` in the package. */
  webRoot?: string | undefined;
}
