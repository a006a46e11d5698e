import { listAll } from './client';
import type {
  AccessKey,
  Account,
  ApiKey,
  Configuration,
  CustomProvider,
  FirewallPolicy,
  ProviderKey,
  VirtualModel,
} from './types';

/** A collection of the management API: where it lives, and the envelope its list answers under. */
export interface CollectionRef<Row> {
  /** e.g. `/provider-keys`; a record is `${path}/${id}`. */
  path: string;
  envelope: string;
  /** Never set: it only ties the record type to the path, so a list of it is typed without a cast. */
  readonly row?: Row;
}

function collection<Row>(path: string, envelope: string): CollectionRef<Row> {
  return { path, envelope };
}

/** Every collection the dashboard lists, each named once (pages, editors and choices share them). */
export const collections = {
  accessKeys: collection<AccessKey>('/access-keys', 'aiGatewayAccessKeys'),
  accounts: collection<Account>('/accounts', 'accounts'),
  apiKeys: collection<ApiKey>('/api-keys', 'aiGatewayApiKeys'),
  configurations: collection<Configuration>('/access-key-configurations', 'aiGatewayAccessKeyConfigurations'),
  customProviders: collection<CustomProvider>('/providers', 'aiGatewayProviders'),
  firewallPolicies: collection<FirewallPolicy>('/firewall-policies', 'firewallPolicies'),
  providerKeys: collection<ProviderKey>('/provider-keys', 'aiGatewayProviderKeys'),
  virtualModels: collection<VirtualModel>('/virtual-models', 'aiGatewayVirtualModels'),
};

/** Every record of a collection (its list's pages followed). */
export function listOf<Row>({ path, envelope }: CollectionRef<Row>): Promise<Row[]> {
  return listAll<Row>(path, envelope);
}
