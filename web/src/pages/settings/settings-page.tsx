import type { Me } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { ApiKeysSection } from './api-keys-section';
import { GatewayConfigCard } from './gateway-config-card';

export function SettingsPage({ me }: { me: Me }) {
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          <>
            Account <span class="mono">{me.accountId}</span>, signed in with API key{' '}
            <span class="mono">{me.id}</span>
            {me.isOperator ? ' (operator)' : ''}.
          </>
        }
      />
      <GatewayConfigCard
        title="Timeouts and token caps"
        submitLabel="Save settings"
        rows={[
          ['perRequestTimeout', 'totalTimeout'],
          ['maxInputTokens', 'maxOutputTokens'],
        ]}
      />
      <GatewayConfigCard
        title="Request capture"
        submitLabel="Save capture settings"
        rows={['captureBodies', ['captureRetention', 'captureMaxBodyBytes']]}
      />
      <ApiKeysSection me={me} />
    </>
  );
}
